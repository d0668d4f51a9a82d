//! Check 5, a micro fire station in every built-up area and industrial park.
//!
//! The zones are those the 135 standard covers, by the engine's rule (`Zone::in_135_scope`:
//! tagged `built_up` or `industrial`, or a town centre or industrial park). Each must have a
//! micro fire station of its own — a `micro_unit` or `micro_village` station standing in the
//! zone, with a team the plan directs that fights fire — or one whose crew arrives within the
//! plan's 135 tier-2 time (`standards.tier2_min`, default 3 min): tier 2 is "the village micro
//! stations and the regional joint-defence force" (reference/domain.md §1), the tier a zone
//! without a station of its own is answered at. Arrival is the crew's median turnout plus the
//! emergency drive from its station on open, dry roads, as in `drill coverage`. A micro crew
//! is a team at a micro station, as the dispatcher's 135 tiers count it
//! (engine/command/dispatch.rs), whatever the team's kind. The stations whose `serves` lists
//! the zone (its tier 1 in the engine) are shown for reference.

use super::checks::{Check, Finding, staffed};
use crate::core::NodeId;
use crate::model::{Skill, StationKind, ZoneKind};
use crate::roads::{Closures, RoadGraph, Router};
use crate::run::Inputs;
use std::collections::HashMap;

/// One zone in the 135 scope.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneRow {
    pub zone: String,
    pub kind: ZoneKind,
    pub population: u32,
    /// Staffed micro stations standing in the zone.
    pub own: Vec<String>,
    /// Micro stations in the zone without a staffed fire crew.
    pub unstaffed: Vec<String>,
    /// Micro stations whose `serves` lists the zone (tier 1 in the engine).
    pub served_by: Vec<String>,
    /// The fastest micro crew and its station, if any reaches the zone.
    pub fastest_team: Option<String>,
    pub fastest_station: Option<String>,
    /// Its turnout + drive, s (infinite when none reaches the zone).
    pub fastest_s: f64,
    /// A station of its own, or a crew within the tier-2 time.
    pub covered: bool,
}

/// The micro-station section.
#[derive(Debug, Clone, PartialEq)]
pub struct Micro {
    /// The tier-2 time, min.
    pub tier2_min: f64,
    pub rows: Vec<ZoneRow>,
}

/// Each zone in the 135 scope, its micro stations and fastest micro crew; a finding per zone
/// with neither a station of its own nor a crew within the tier-2 time.
pub fn check(inputs: &Inputs, findings: &mut Vec<Finding>) -> Micro {
    let (sc, map, plan) = (&inputs.scenario.scenario, &inputs.scenario.map, &inputs.plan.plan);
    let tier2_min = plan.standards.tier2_min;
    let node: HashMap<&str, NodeId> =
        map.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), NodeId(i as u32))).collect();
    let micro_station = |id: &str| {
        map.facilities
            .iter()
            .find(|f| f.id == id)
            .filter(|f| matches!(f.station, Some(StationKind::MicroUnit | StationKind::MicroVillage)))
    };
    // Micro crews: teams at a micro station the plan directs, with the fire skill and someone on duty.
    let crews: Vec<_> = sc
        .teams
        .iter()
        .filter(|t| t.skills.contains(&Skill::Fire) && t.on_duty.unwrap_or(t.members).min(t.members) > 0)
        .filter(|t| staffed(plan, &t.id))
        .filter_map(|t| micro_station(&t.station).map(|f| (t, f)))
        .collect();
    // The map is validated, so its graph builds; if it did not, no crew would reach any zone.
    let graph = RoadGraph::from_map(map).ok();
    let closures = Closures::new(graph.as_ref().map_or(0, |g| g.link_ids.len()));
    let mut router = Router::default();
    let mut rows = Vec::new();
    for z in map.zones.iter().filter(|z| z.in_135_scope()) {
        let stations_here =
            map.facilities.iter().filter(|f| f.zone == z.id && micro_station(&f.id).is_some());
        let (mut own, mut unstaffed) = (Vec::new(), Vec::new());
        for f in stations_here {
            if crews.iter().any(|(_, s)| s.id == f.id) {
                own.push(f.id.clone())
            } else {
                unstaffed.push(f.id.clone())
            }
        }
        let served_by = map
            .facilities
            .iter()
            .filter(|f| micro_station(&f.id).is_some() && f.serves.contains(&z.id))
            .map(|f| f.id.clone())
            .collect();
        let mut row = ZoneRow {
            zone: z.id.clone(),
            kind: z.kind,
            population: z.population,
            own,
            unstaffed,
            served_by,
            fastest_team: None,
            fastest_station: None,
            fastest_s: f64::INFINITY,
            covered: false,
        };
        for (t, f) in &crews {
            let (Some(g), Some(&from), Some(&to)) =
                (&graph, node.get(f.node.as_str()), node.get(z.node.as_str()))
            else {
                continue;
            };
            let Some(drive_s) = router.drive_s(g, &closures, from, to, t.speed_factor) else { continue };
            let total_s = t.turnout_s.nominal().max(0.0) + drive_s;
            if total_s < row.fastest_s {
                (row.fastest_team, row.fastest_station, row.fastest_s) =
                    (Some(t.id.clone()), Some(f.id.clone()), total_s);
            }
        }
        row.covered = !row.own.is_empty() || row.fastest_s <= tier2_min * 60.0;
        if !row.covered {
            let fastest = match (&row.fastest_team, &row.fastest_station) {
                (Some(t), Some(s)) => format!(
                    "the fastest micro crew, {t} ({s}), takes {:.1} min, beyond the {tier2_min}-min 135 tier 2",
                    row.fastest_s / 60.0
                ),
                _ => "no micro crew the plan directs reaches it".into(),
            };
            let unstaffed = match row.unstaffed.as_slice() {
                [] => String::new(),
                [one] => format!("; {one} stands here without a fire crew the plan directs"),
                many => format!("; {} stand here without a fire crew the plan directs", many.join(", ")),
            };
            findings.push(Finding {
                check: Check::MicroStations,
                what: "response_min".into(),
                value: row.fastest_s / 60.0,
                threshold: tier2_min,
                ids: std::iter::once(row.zone.clone()).chain(row.fastest_station.clone()).collect(),
                text: format!(
                    "{} ({}, {} people): no micro fire station of its own and {fastest}{unstaffed}",
                    row.zone, row.kind, row.population
                ),
            });
        }
        rows.push(row);
    }
    Micro { tier2_min, rows }
}

#[cfg(test)]
mod tests {
    use super::super::checks::fixture::mini;
    use super::*;

    fn run(inputs: &Inputs) -> (Micro, Vec<Finding>) {
        let mut f = Vec::new();
        (check(inputs, &mut f), f)
    }

    /// Mini: only the town is in the 135 scope; the one micro station is at Dongcun, whose crew
    /// (turnout 60 s) drives 1,650 m at 40 km/h (148.5 s) to the town: 208.5 s > 3 min.
    #[test]
    fn a_town_beyond_the_tier_2_time_of_any_micro_crew_is_a_finding() {
        let (m, f) = run(&mini());
        assert_eq!(m.rows.len(), 1);
        let town = &m.rows[0];
        assert_eq!(town.zone, "xq-town");
        assert!(town.own.is_empty() && town.served_by.is_empty());
        assert_eq!(town.fastest_team.as_deref(), Some("xq-team-micro"));
        assert!((town.fastest_s - 208.5).abs() < 1e-6, "{}", town.fastest_s);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].ids, ["xq-town", "xq-micro-dongcun"]);
        assert!(f[0].text.contains("takes 3.5 min, beyond the 3-min 135 tier 2"), "{}", f[0].text);
    }

    #[test]
    fn a_crew_within_the_tier_2_time_is_no_finding() {
        let mut inputs = mini();
        // At 1.5 × the road speed: 60 + 99 s.
        inputs.scenario.scenario.teams[1].speed_factor = 1.5;
        let (m, f) = run(&inputs);
        assert!((m.rows[0].fastest_s - 159.0).abs() < 1e-6);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_station_of_its_own_needs_a_crew_the_plan_directs() {
        let mut inputs = mini();
        let st = inputs.scenario.map.facilities.iter_mut().find(|f| f.id == "xq-micro-dongcun").unwrap();
        (st.zone, st.node) = ("xq-town".into(), "n-centre".into());
        let (m, f) = run(&inputs);
        assert_eq!(m.rows[0].own, ["xq-micro-dongcun"]);
        assert!(f.is_empty(), "{f:?}");
        // Without an agency directing the crew the station is empty.
        inputs.plan.plan.organisation.agencies[0].teams.retain(|t| t != "xq-team-micro");
        let (m, f) = run(&inputs);
        assert_eq!(m.rows[0].unstaffed, ["xq-micro-dongcun"]);
        assert_eq!(f.len(), 1);
        assert!(f[0].text.contains("no micro crew the plan directs reaches it;"), "{}", f[0].text);
        assert!(f[0].text.ends_with("xq-micro-dongcun stands here without a fire crew the plan directs"));
    }
}
