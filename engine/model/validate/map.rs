//! Rules for a map: ids, references, numbers, facility kinds, sizes, and roads that connect every
//! zone and facility with the command centre.

use super::Check;
use crate::model::Problem;
use crate::model::kinds::FacilityKind;
use crate::model::kinds::StationKind;
use crate::model::limits::*;
use crate::model::load::Sources;
use crate::model::map::Map;
use std::collections::BTreeSet;

/// Every problem in a map.
pub fn validate_map(map: &Map, src: &Sources) -> Vec<Problem> {
    let mut c = Check::new(src, 1);
    sizes(&mut c, map);
    let o = map.origin;
    c.between("origin.lat_deg", o.lat_deg, -90.0, 90.0, "a latitude");
    c.between("origin.lon_deg", o.lon_deg, -180.0, 180.0, "a longitude");

    let zones = c.ids("zones", map.zones.iter().map(|z| z.id.as_str()));
    let nodes = c.ids("nodes", map.nodes.iter().map(|n| n.id.as_str()));
    let gauges = c.ids("gauges", map.gauges.iter().map(|g| g.id.as_str()));

    for (i, z) in map.zones.iter().enumerate() {
        let p = format!("zones[{i}]");
        c.refer(&format!("{p}.node"), "node", &z.node, &nodes);
        if let Some(g) = &z.gauge {
            c.refer(&format!("{p}.gauge"), "gauge", g, &gauges);
        }
        c.finite(&format!("{p}.x_m"), z.x_m);
        c.finite(&format!("{p}.y_m"), z.y_m);
        c.non_negative(&format!("{p}.area_km2"), z.area_km2);
        c.share(&format!("{p}.vulnerable_share"), z.vulnerable_share);
        c.share(&format!("{p}.car_share"), z.car_share);
        c.finite(&format!("{p}.elevation_m"), z.elevation_m);
        if let Some(g) = &z.group
            && (g.is_empty() || !g.chars().all(|ch| ch.is_alphanumeric() || ch == '_' || ch == '-'))
        {
            c.report(
                &format!("{p}.group"),
                Some(g),
                format!("expected a group name of letters, digits, '_' or '-', found {g:?}"),
            );
        }
        if z.households > z.population {
            c.report(
                &format!("{p}.households"),
                None,
                format!("expected households <= population ({}), found {}", z.population, z.households),
            );
        } else if z.population > 0 && z.households == 0 {
            c.report(
                &format!("{p}.households"),
                None,
                format!("expected households > 0 for a population of {}, found 0", z.population),
            );
        }
    }

    for (i, n) in map.nodes.iter().enumerate() {
        c.finite(&format!("nodes[{i}].x_m"), n.x_m);
        c.finite(&format!("nodes[{i}].y_m"), n.y_m);
    }

    c.ids("links", map.links.iter().map(|l| l.id.as_str()));
    for (i, l) in map.links.iter().enumerate() {
        let p = format!("links[{i}]");
        let from = c.refer(&format!("{p}.from"), "node", &l.from, &nodes);
        c.refer(&format!("{p}.to"), "node", &l.to, &nodes);
        if from && l.from == l.to {
            c.report(
                &format!("{p}.to"),
                None,
                format!("a link from node \"{}\" to itself, expected two nodes", l.to),
            );
        }
        c.positive(&format!("{p}.length_m"), l.length_m);
        c.positive(&format!("{p}.speed_kmh"), l.speed_kmh);
        c.positive(&format!("{p}.capacity_vph"), l.capacity_vph);
        c.finite(&format!("{p}.low_point_m"), l.low_point_m);
        if let Some(g) = &l.gauge {
            c.refer(&format!("{p}.gauge"), "gauge", g, &gauges);
        }
    }

    c.ids("facilities", map.facilities.iter().map(|f| f.id.as_str()));
    facilities(&mut c, map, &zones, &nodes);

    for (i, g) in map.gauges.iter().enumerate() {
        let p = format!("gauges[{i}]");
        for (field, v) in [
            ("bed_m", g.bed_m),
            ("warning_stage_m", g.warning_stage_m),
            ("guaranteed_stage_m", g.guaranteed_stage_m),
            ("historic_max_m", g.historic_max_m),
        ] {
            c.finite(&format!("{p}.{field}"), v);
        }
        if g.warning_stage_m > g.guaranteed_stage_m {
            c.report(
                &format!("{p}.warning_stage_m"),
                None,
                format!(
                    "expected the warning stage ({} m) at or below the guaranteed stage ({} m)",
                    g.warning_stage_m, g.guaranteed_stage_m
                ),
            );
        }
        if g.bed_m > g.warning_stage_m {
            c.report(
                &format!("{p}.bed_m"),
                None,
                format!("expected the bed ({} m) below the warning stage ({} m)", g.bed_m, g.warning_stage_m),
            );
        }
    }

    c.ids("dikes", map.dikes.iter().map(|d| d.id.as_str()));
    for (i, d) in map.dikes.iter().enumerate() {
        let p = format!("dikes[{i}]");
        c.refer(&format!("{p}.gauge"), "gauge", &d.gauge, &gauges);
        c.finite(&format!("{p}.crest_m"), d.crest_m);
        c.positive(&format!("{p}.length_m"), d.length_m);
        for (j, z) in d.protects.iter().enumerate() {
            c.refer(&format!("{p}.protects[{j}]"), "zone", z, &zones);
        }
    }

    c.ids("reservoirs", map.reservoirs.iter().map(|r| r.id.as_str()));
    for (i, r) in map.reservoirs.iter().enumerate() {
        let p = format!("reservoirs[{i}]");
        c.non_negative(&format!("{p}.storage_m3"), r.storage_m3);
        c.non_negative(&format!("{p}.dam_height_m"), r.dam_height_m);
        c.finite(&format!("{p}.spillway_crest_m"), r.spillway_crest_m);
        for (j, z) in r.below.iter().enumerate() {
            c.refer(&format!("{p}.below[{j}]"), "zone", z, &zones);
        }
    }

    super::roads::check(&mut c, map, &nodes);
    c.out
}

fn sizes(c: &mut Check, map: &Map) {
    c.limit("zones", map.zones.len() as u64, MAX_ZONES, "zones");
    c.limit("nodes", map.nodes.len() as u64, MAX_NODES, "nodes");
    c.limit("links", map.links.len() as u64, MAX_LINKS, "links");
    c.limit("facilities", map.facilities.len() as u64, MAX_FACILITIES, "facilities");
    c.limit("gauges", map.gauges.len() as u64, MAX_WATER_WORKS, "gauges");
    c.limit("dikes", map.dikes.len() as u64, MAX_WATER_WORKS, "dikes");
    c.limit("reservoirs", map.reservoirs.len() as u64, MAX_WATER_WORKS, "reservoirs");
    let households: u64 = map.zones.iter().map(|z| z.households as u64).sum();
    c.limit("zones", households, MAX_HOUSEHOLDS, "households");
}

/// What a facility kind is called in messages.
pub(super) fn kind_name(k: FacilityKind) -> &'static str {
    match k {
        FacilityKind::Station => "station",
        FacilityKind::Shelter => "shelter",
        FacilityKind::Depot => "depot",
        FacilityKind::WaterSource => "water source",
        FacilityKind::CommandCentre => "command centre",
    }
}

fn facilities(c: &mut Check, map: &Map, zones: &BTreeSet<&str>, nodes: &BTreeSet<&str>) {
    let station_kinds: Vec<&str> = StationKind::ALL.iter().map(|k| k.as_str()).collect();
    for (i, f) in map.facilities.iter().enumerate() {
        let p = format!("facilities[{i}]");
        c.refer(&format!("{p}.node"), "node", &f.node, nodes);
        c.refer(&format!("{p}.zone"), "zone", &f.zone, zones);
        for (j, z) in f.serves.iter().enumerate() {
            c.refer(&format!("{p}.serves[{j}]"), "zone", z, zones);
        }
        let is = |k| f.kind == k;
        if is(FacilityKind::Station) && f.station.is_none() {
            c.report(
                &format!("{p}.station"),
                None,
                format!("a station needs `station`, its kind: one of {}", station_kinds.join(", ")),
            );
        }
        if !is(FacilityKind::Station) {
            let kind = kind_name(f.kind);
            if f.station.is_some() {
                c.report(
                    &format!("{p}.station"),
                    None,
                    format!("only stations have a station kind, this is a {kind}"),
                );
            }
            if !f.serves.is_empty() {
                c.report(
                    &format!("{p}.serves"),
                    None,
                    format!("only stations serve zones, this is a {kind}"),
                );
            }
        }
        match (is(FacilityKind::Shelter), f.capacity_people) {
            (true, None) => c.report(
                &format!("{p}.capacity_people"),
                None,
                "a shelter needs `capacity_people`, expected a whole number > 0",
            ),
            (true, Some(0)) => {
                c.report(&format!("{p}.capacity_people"), None, "expected a capacity > 0, found 0")
            }
            (false, Some(_)) => c.report(
                &format!("{p}.capacity_people"),
                None,
                format!("only shelters have a capacity, this is a {}", kind_name(f.kind)),
            ),
            _ => {}
        }
        if f.open_at_start && !is(FacilityKind::Shelter) {
            c.report(
                &format!("{p}.open_at_start"),
                None,
                format!("only shelters are opened, this is a {}", kind_name(f.kind)),
            );
        }
        match (is(FacilityKind::WaterSource), f.flow_lps) {
            (true, None) => {
                c.report(&format!("{p}.flow_lps"), None, "a water source needs `flow_lps`, its flow in L/s")
            }
            (true, Some(q)) => c.non_negative(&format!("{p}.flow_lps"), q),
            (false, Some(_)) => c.report(
                &format!("{p}.flow_lps"),
                None,
                format!("only water sources have a flow, this is a {}", kind_name(f.kind)),
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::validate::testing;

    /// A map of three zones on nodes a, b, c and a command centre on a; `links` and `extra`
    /// (more facilities) vary per test.
    pub(in crate::model::validate) fn map(links: &str, extra: &str) -> (Map, Sources) {
        let zone = |id: &str, node: &str| {
            format!(
                "(id: \"{id}\", name: \"{id}\", kind: \"village\", node: \"{node}\", x_m: 0, y_m: 0, \
                 area_km2: 1, population: 100, households: 40, vulnerable_share: 0.3, car_share: 0.5, \
                 elevation_m: 10)"
            )
        };
        let text = format!(
            "(kind: \"map\", format_version: 1, name: \"t\", origin: (lat_deg: 29.7, lon_deg: 120.4),\n\
             zones: [{}, {}, {}],\n\
             nodes: [(id: \"a\", x_m: 0, y_m: 0), (id: \"b\", x_m: 1, y_m: 0), (id: \"c\", x_m: 2, y_m: 0)],\n\
             links: [{links}],\n\
             facilities: [(id: \"cc\", kind: \"command_centre\", name: \"cc\", node: \"a\", zone: \"za\"){extra}],\n)",
            zone("za", "a"),
            zone("zb", "b"),
            zone("zc", "c"),
        );
        let src = testing::one("m.ron", &text);
        (testing::doc(&text), src)
    }

    pub(in crate::model::validate) fn link(id: &str, from: &str, to: &str, one_way: bool) -> String {
        format!(
            "(id: \"{id}\", from: \"{from}\", to: \"{to}\", length_m: 100, speed_kmh: 30, capacity_vph: 600, \
             low_point_m: 9, one_way: {one_way})"
        )
    }

    #[test]
    fn a_connected_map_is_valid() {
        let (m, src) = map(&format!("{}, {}", link("ab", "a", "b", false), link("bc", "b", "c", false)), "");
        assert_eq!(testing::lines(&validate_map(&m, &src)), "");
    }

    #[test]
    fn facilities_carry_only_their_own_kinds_fields() {
        let extra = ", (id: \"st\", kind: \"station\", name: \"s\", node: \"a\", zone: \"za\"),\n\
                     (id: \"dp\", kind: \"depot\", name: \"d\", node: \"a\", zone: \"za\", capacity_people: 50),\n\
                     (id: \"sh\", kind: \"shelter\", name: \"h\", node: \"a\", zone: \"zz\"),\n\
                     (id: \"ws\", kind: \"water_source\", name: \"w\", node: \"q\", zone: \"za\", station: \"other\")";
        let (m, src) =
            map(&format!("{}, {}", link("ab", "a", "b", false), link("bc", "b", "c", false)), extra);
        let out = testing::lines(&validate_map(&m, &src));
        let expected = [
            "facilities[1].station (5:85): a station needs `station`, its kind: one of comprehensive, micro_unit",
            "facilities[2].capacity_people (6:78): only shelters have a capacity, this is a depot",
            "facilities[3].zone (7:57): unknown zone \"zz\"",
            "facilities[3].capacity_people (7:1): a shelter needs `capacity_people`",
            "facilities[4].node (8:51): unknown node \"q\"",
            "facilities[4].station (8:77): only stations have a station kind, this is a water source",
            "facilities[4].flow_lps (8:1): a water source needs `flow_lps`",
        ];
        for e in expected {
            assert!(out.contains(e), "missing {e} in\n{out}");
        }
        assert_eq!(out.lines().count(), expected.len(), "{out}");
    }

    #[test]
    fn zone_numbers_and_households() {
        let (mut m, src) =
            map(&format!("{}, {}", link("ab", "a", "b", false), link("bc", "b", "c", false)), "");
        m.zones[0].vulnerable_share = 1.4;
        m.zones[1].households = 0;
        m.zones[2].households = 300;
        m.zones[2].group = Some("hill villages".into());
        m.gauges.push(crate::model::map::Gauge {
            id: "g".into(),
            name: "g".into(),
            name_zh: None,
            bed_m: 5.0,
            warning_stage_m: 13.5,
            guaranteed_stage_m: 12.1,
            historic_max_m: 14.0,
        });
        let msgs: Vec<String> = validate_map(&m, &src).iter().map(|p| p.message.clone()).collect();
        assert_eq!(
            msgs,
            [
                "expected a share between 0 and 1, found 1.4",
                "expected households > 0 for a population of 100, found 0",
                "expected a group name of letters, digits, '_' or '-', found \"hill villages\"",
                "expected households <= population (100), found 300",
                "expected the warning stage (13.5 m) at or below the guaranteed stage (12.1 m)",
            ]
        );
    }

    #[test]
    fn sizes_over_the_limits_are_refused() {
        let (mut m, src) =
            map(&format!("{}, {}", link("ab", "a", "b", false), link("bc", "b", "c", false)), "");
        for z in &mut m.zones {
            z.population = 700_000;
            z.households = 700_000;
        }
        let out = testing::lines(&validate_map(&m, &src));
        assert!(out.contains("2 100 000 households, more than the limit of 1 000 000"), "{out}");
    }
}
