//! Rules for a scenario's hazards: series, warnings, fires, the fire front and the modelled
//! sections (typhoon track, flood model, forest fire).

use super::Check;
use super::scenario::Names;
use super::times::{Clock, Span};
use crate::model::scenario::Scenario;

/// Check `s.hazards` against the map's names and the scenario's clock.
pub(super) fn check(c: &mut Check, clock: &Clock, names: &Names, s: &Scenario) {
    let h = &s.hazards;
    if let Some(at) = &h.landfall {
        clock.when(c, "hazards.landfall", at, Span::Run);
    }

    for (i, r) in h.rain.iter().enumerate() {
        let p = format!("hazards.rain[{i}]");
        for (j, z) in r.zones.iter().enumerate() {
            c.refer(&format!("{p}.zones[{j}]"), "zone", z, &names.zones);
        }
        clock.when(c, &format!("{p}.start"), &r.start, Span::UpToEnd);
        c.positive(&format!("{p}.step_h"), r.step_h);
        for (k, &mm) in r.mm.iter().enumerate() {
            c.non_negative(&format!("{p}.mm[{k}]"), mm);
        }
    }

    for (i, g) in h.gauges.iter().enumerate() {
        let p = format!("hazards.gauges[{i}]");
        c.refer(&format!("{p}.gauge"), "gauge", &g.gauge, &names.gauges);
        clock.when(c, &format!("{p}.start"), &g.start, Span::UpToEnd);
        c.positive(&format!("{p}.step_h"), g.step_h);
        for (k, &m) in g.stage_m.iter().enumerate() {
            c.finite(&format!("{p}.stage_m[{k}]"), m);
        }
    }

    for (i, w) in h.warnings.iter().enumerate() {
        clock.when(c, &format!("hazards.warnings[{i}].at"), &w.at, Span::Run);
    }

    c.ids("hazards.fires", h.fires.iter().map(|f| f.id.as_str()));
    for (i, f) in h.fires.iter().enumerate() {
        let p = format!("hazards.fires[{i}]");
        c.refer(&format!("{p}.zone"), "zone", &f.zone, &names.zones);
        if let Some(n) = &f.node {
            c.refer(&format!("{p}.node"), "node", n, &names.nodes);
        }
        clock.when(c, &format!("{p}.at"), &f.at, Span::Run);
        c.non_negative(&format!("{p}.floor_area_m2"), f.floor_area_m2);
        c.positive(&format!("{p}.rhr_kw_m2"), f.rhr_kw_m2);
        c.dist_non_negative(&format!("{p}.detect_delay_s"), &f.detect_delay_s);
        c.dist_non_negative(&format!("{p}.report_delay_s"), &f.report_delay_s);
    }

    c.ids("hazards.calls", h.calls.iter().map(|k| k.id.as_str()));
    let mut expected_calls = 0.0;
    for (i, k) in h.calls.iter().enumerate() {
        let p = format!("hazards.calls[{i}]");
        for (j, z) in k.zones.iter().enumerate() {
            c.refer(&format!("{p}.zones[{j}]"), "zone", z, &names.zones);
        }
        let from =
            k.from.as_ref().and_then(|w| clock.when(c, &format!("{p}.from"), w, Span::Run)).unwrap_or(0);
        let to = k.to.as_ref().and_then(|w| clock.when(c, &format!("{p}.to"), w, Span::Run));
        if let Some(to) = to
            && to < from
        {
            c.report(&format!("{p}.to"), None, "expected the end of the stream after its start");
        }
        c.non_negative(&format!("{p}.rate_per_h"), k.rate_per_h);
        c.dist_positive(&format!("{p}.service_min"), &k.service_min);
        c.dist_non_negative(&format!("{p}.report_delay_s"), &k.report_delay_s);
        c.between(&format!("{p}.priority"), f64::from(k.priority), 1.0, 5.0, "a priority");
        let hours = (to.unwrap_or((clock.duration_h * 3600.0) as i64) - from).max(0) as f64 / 3600.0;
        expected_calls += k.rate_per_h.max(0.0) * hours;
    }
    c.limit("hazards.calls", expected_calls.ceil() as u64, crate::model::limits::MAX_CALLS, "expected calls");

    for (i, a) in h.fire_front.iter().enumerate() {
        let p = format!("hazards.fire_front[{i}]");
        c.refer(&format!("{p}.zone"), "zone", &a.zone, &names.zones);
        clock.when(c, &format!("{p}.at"), &a.at, Span::Run);
    }

    if let Some(t) = &h.typhoon {
        let mut previous: Option<i64> = None;
        for (i, pt) in t.points.iter().enumerate() {
            let p = format!("hazards.typhoon.points[{i}]");
            let at = clock.when(c, &format!("{p}.at"), &pt.at, Span::Any);
            if let (Some(a), Some(b)) = (previous, at)
                && b <= a
            {
                c.report(
                    &format!("{p}.at"),
                    Some(&format!("\"{}\"", pt.at)),
                    "track points must be in time order: this one is not after the one before",
                );
            }
            previous = at.or(previous);
            c.between(&format!("{p}.lat_deg"), pt.lat_deg, -90.0, 90.0, "a latitude");
            c.between(&format!("{p}.lon_deg"), pt.lon_deg, -180.0, 180.0, "a longitude");
            c.positive(&format!("{p}.pressure_hpa"), pt.pressure_hpa);
            c.non_negative(&format!("{p}.max_wind_mps"), pt.max_wind_mps);
            if let Some(r) = pt.rmax_km {
                c.positive(&format!("{p}.rmax_km"), r);
            }
        }
        if t.points.len() < 2 {
            c.report(
                "hazards.typhoon.points",
                None,
                format!("a track needs at least 2 points, found {}", t.points.len()),
            );
        }
        c.dist_non_negative("hazards.typhoon.rain_enhancement", &t.rain_enhancement);
        c.between("hazards.typhoon.surface_factor", t.surface_factor, 0.0, 1.0, "a surface wind factor");
        c.dist("hazards.typhoon.forecast_error_km", &t.forecast_error_km);
        c.dist_positive("hazards.typhoon.tree_fall_gust_mps", &t.tree_fall_gust_mps);
        c.dist_positive("hazards.typhoon.house_damage_gust_mps", &t.house_damage_gust_mps);
        let pf = &t.power_faults;
        let p = "hazards.typhoon.power_faults";
        c.non_negative(&format!("{p}.fires_per_1000_households_year"), pf.fires_per_1000_households_year);
        c.non_negative(&format!("{p}.onset_gust_mps"), pf.onset_gust_mps);
        c.positive(&format!("{p}.tenfold_mps"), pf.tenfold_mps);
        c.positive(&format!("{p}.floor_area_m2"), pf.floor_area_m2);
        c.dist_non_negative("hazards.typhoon.house_collapse_share", &t.house_collapse_share);
    }

    if let Some(f) = &h.flood_model {
        super::flood::check(c, names, f);
    }

    if let Some(f) = &h.forest_fire {
        let p = "hazards.forest_fire";
        c.finite(&format!("{p}.ignition_x_m"), f.ignition_x_m);
        c.finite(&format!("{p}.ignition_y_m"), f.ignition_y_m);
        clock.when(c, &format!("{p}.at"), &f.at, Span::Run);
        c.dist_non_negative(&format!("{p}.wind_mps"), &f.wind_mps);
        c.dist(&format!("{p}.wind_from_deg"), &f.wind_from_deg);
        if let Some(r) = &f.spread_rate_mps {
            c.dist_positive(&format!("{p}.spread_rate_mps"), r);
        }
        c.share(&format!("{p}.crew_hold"), f.crew_hold);
        if let Some(id) = &f.incident {
            match h.fires.iter().find(|x| x.id == *id) {
                None => {
                    let ids = h.fires.iter().map(|x| x.id.as_str()).collect();
                    c.refer(&format!("{p}.incident"), "fire", id, &ids);
                }
                Some(x) if x.kind != crate::model::FireKind::Wildland => c.report(
                    &format!("{p}.incident"),
                    Some(id),
                    format!("expected a wildland fire, found {id:?} of kind {}", x.kind),
                ),
                Some(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::calendar::When;
    use crate::model::hazards::{FrontArrival, TrackPoint, TyphoonTrack};
    use crate::model::validate::testing::{messages, scenario};
    use crate::model::validate::validate_scenario;

    #[test]
    fn series_fires_and_fronts_name_what_is_wrong() {
        let mut s = scenario();
        let h = &mut s.scenario.hazards;
        h.rain[0].zones[1] = "xq-beishen".into();
        h.rain[0].mm[2] = -4.0;
        h.rain[0].step_h = 0.0;
        // A series may begin before the start, but not after the end.
        h.rain[0].start = When("D1 02:00".into());
        h.gauges[0].gauge = "xq-gague".into();
        h.gauges[0].start = When("D4 09:00".into());
        h.fires[0].node = Some("n-nowhere".into());
        h.fires[0].floor_area_m2 = -1.0;
        h.fire_front.push(FrontArrival { zone: "xq-town".into(), at: When("+2h90q".into()) });
        let out = messages(&validate_scenario(&s));
        assert_eq!(
            out,
            [
                "hazards.rain[0].zones[1]: unknown zone \"xq-beishen\" (did you mean \"xq-beishan\"?)",
                "hazards.rain[0].step_h: expected a number > 0, found 0",
                "hazards.rain[0].mm[2]: expected a number >= 0, found -4",
                "hazards.gauges[0].gauge: unknown gauge \"xq-gague\" (did you mean \"xq-gauge\"?)",
                "hazards.gauges[0].start: time \"D4 09:00\" is after the end of the scenario (72 h)",
                "hazards.fires[0].node: unknown node \"n-nowhere\"",
                "hazards.fires[0].floor_area_m2: expected a number >= 0, found -1",
                "hazards.fire_front[0].at: invalid time \"+2h90q\": expected \"D2 14:30\", an offset like \
                 \"+36h\" or \"+1h30m\", or \"2021-07-25T12:30:00+08:00\"",
            ]
        );
    }

    fn point(at: &str, lat_deg: f64) -> TrackPoint {
        TrackPoint {
            at: When(at.into()),
            lat_deg,
            lon_deg: 125.0,
            pressure_hpa: 960.0,
            max_wind_mps: 38.0,
            rmax_km: None,
        }
    }

    fn track(points: Vec<TrackPoint>) -> TyphoonTrack {
        TyphoonTrack {
            name: "In-Fa".into(),
            points,
            rain_enhancement: 1.0.into(),
            surface_factor: 0.7,
            forecast_error_km: 0.0.into(),
            tree_fall_gust_mps: 25.0.into(),
            house_damage_gust_mps: 30.0.into(),
            power_faults: Default::default(),
            house_collapse_share: 0.15.into(),
        }
    }

    #[test]
    fn track_points_may_lie_outside_the_run_but_must_parse() {
        let mut s = scenario();
        s.scenario.hazards.typhoon = Some(track(vec![
            point("2021-07-20T00:00:00Z", 24.0),
            point("2021-07-30T00:00:00Z", 95.0),
            point("soon", 30.0),
        ]));
        let out = messages(&validate_scenario(&s));
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(
            out[0],
            "hazards.typhoon.points[1].lat_deg: expected a latitude between -90 and 90, found 95"
        );
        assert!(out[1].starts_with("hazards.typhoon.points[2].at: invalid time \"soon\""), "{}", out[1]);
    }

    #[test]
    fn track_points_out_of_time_order_are_refused() {
        let mut s = scenario();
        s.scenario.hazards.typhoon =
            Some(track(vec![point("2021-07-24T06:00:00Z", 28.0), point("2021-07-24T00:00:00Z", 28.0)]));
        let out = messages(&validate_scenario(&s));
        assert_eq!(
            out,
            [
                "hazards.typhoon.points[1].at: track points must be in time order: this one is not after the one before"
            ]
        );
    }
}
