//! Response metrics read from the incidents at the end of a run: fires (response times, the
//! 135 tiers, report latency), calls and rescues (answered, queue waits), team utilisation.

use crate::command::Incident;
use crate::command::calls::Call;
use crate::core::setting::Setting;
use crate::hazards::Fire;
use crate::model::ZoneKind;
use bevy_ecs::prelude::*;

/// The p-quantile of `xs` (0 ≤ p ≤ 1), linear between order statistics (Hyndman & Fan type 7,
/// as R and numpy default); NaN when empty.
pub fn percentile(xs: &[f64], p: f64) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let h = (v.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    v[lo] + (h - lo as f64) * (v[hi] - v[lo])
}

/// Every incident's response times, in incident order, for the reports.
pub fn responses(w: &mut World, s: &Setting) -> Vec<crate::core::Response> {
    let mut q = w.query::<(&Incident, Option<&Fire>, Option<&Call>)>();
    let mut list: Vec<_> = q.iter(w).collect();
    list.sort_by_key(|(i, ..)| i.idx);
    list.into_iter()
        .map(|(i, fire, call)| crate::core::Response {
            what: match (fire, call) {
                (Some(f), _) => f.spec.id.clone(),
                (None, Some(c)) => c.what.clone(),
                (None, None) => "incident".to_string(),
            },
            zone: s.zones[i.zone.ix()].id.clone(),
            fire: fire.is_some(),
            in_135_scope: i.in_135_scope,
            t_report_s: i.t_report.map(|t| t.0),
            t_arrive_s: i.t_arrive.map(|t| t.0),
            tier_arrive_s: i.tier_arrive.map(|t| t.map(|t| t.0)),
        })
        .collect()
}

pub fn fire_metrics(w: &mut World, s: &Setting, put: &mut impl FnMut(&str, f64)) {
    let mut q = w.query::<(&Incident, &Fire)>();
    let mut list: Vec<(&Incident, &Fire)> = q.iter(w).collect();
    if list.is_empty() {
        return;
    }
    list.sort_by_key(|(i, _)| i.idx);
    let n = list.len() as f64;
    put("fire.incidents", n);
    let resp: Vec<f64> = list.iter().filter_map(|(i, _)| i.response_s()).map(|x| x as f64).collect();
    if !resp.is_empty() {
        put("fire.response_time_mean_s", resp.iter().sum::<f64>() / resp.len() as f64);
        put("fire.response_time_max_s", resp.iter().copied().fold(0.0, f64::max));
        put("fire.response_time_median_s", percentile(&resp, 0.5));
        put("fire.response_time_p90_s", percentile(&resp, 0.9));
    }
    let latency: Vec<f64> =
        list.iter().filter_map(|(i, _)| Some((i.t_report?.0 - i.t_start.0) as f64)).collect();
    if !latency.is_empty() {
        put("fire.report_latency_median_s", percentile(&latency, 0.5));
    }
    // Each of the scenario's own fires, by id (fires raised during the run vary in number).
    for (i, f) in list.iter().filter(|(i, _)| i.idx.ix() < s.hazards.fires.len()) {
        if let Some(r) = i.response_s() {
            put(&format!("fire.response_time_s.{}", f.spec.id), r as f64);
        }
    }
    let controlled: Vec<f64> =
        list.iter().filter_map(|(i, _)| Some((i.t_control?.0 - i.t_report?.0) as f64 / 60.0)).collect();
    put("fire.controlled", controlled.len() as f64);
    if !controlled.is_empty() {
        put("fire.time_to_control_mean_min", controlled.iter().sum::<f64>() / controlled.len() as f64);
    }
    put("fire.damaged_area_m2", list.iter().map(|(_, f)| f.damaged_m2).sum());
    put("fire.buildings_lost", list.iter().map(|(_, f)| f64::from(f.lost)).sum());
    put("fire.casualties", list.iter().map(|(_, f)| f64::from(f.casualties)).sum());
    let scope: Vec<&Incident> =
        list.iter().filter(|(i, _)| i.in_135_scope && i.t_report.is_some()).map(|(i, _)| *i).collect();
    let park: Vec<&Incident> =
        scope.iter().copied().filter(|i| s.zones[i.zone.ix()].kind == ZoneKind::IndustrialPark).collect();
    if s.plan.use_135 && !scope.is_empty() {
        put("fire.135_fires", scope.len() as f64);
        let st = &s.plan.standards;
        for (k, limit_min) in [(0usize, st.tier1_min), (1, st.tier2_min), (2, st.tier3_min)] {
            let within = |list: &[&Incident]| {
                let n = list
                    .iter()
                    .filter(|i| {
                        i.tier_arrive[k]
                            .zip(i.t_report)
                            .is_some_and(|(a, r)| (a.0 - r.0) as f64 <= limit_min * 60.0)
                    })
                    .count();
                n as f64 / list.len() as f64
            };
            put(&format!("fire.135_tier{}_within_share", k + 1), within(&scope));
            if !park.is_empty() {
                put(&format!("fire.park_135_tier{}_within_share", k + 1), within(&park));
            }
        }
    }
    let county: Vec<f64> =
        list.iter().filter_map(|(i, _)| Some((i.county_arrive?.0 - i.t_report?.0) as f64 / 60.0)).collect();
    if !county.is_empty() {
        put("fire.county_arrival_mean_min", county.iter().sum::<f64>() / county.len() as f64);
    }
}

/// Calls from the scenario's streams and rescue requests: how many, answered, the share that
/// waited in the queue, the queue wait (t_dispatch − t_report) and the response time
/// (t_arrive − t_report).
pub fn call_metrics(w: &mut World, put: &mut impl FnMut(&str, f64)) {
    let mut q = w.query::<(&Incident, &Call)>();
    for (prefix, rescue) in [("calls", false), ("rescue", true)] {
        let list: Vec<&Incident> =
            q.iter(w).filter(|(_, c)| c.stream.is_none() == rescue).map(|(i, _)| i).collect();
        if list.is_empty() {
            continue;
        }
        put(&format!("{prefix}.requests"), list.len() as f64);
        let waits: Vec<f64> =
            list.iter().filter_map(|i| Some((i.t_dispatch?.0 - i.t_report?.0) as f64 / 60.0)).collect();
        let resp: Vec<f64> =
            list.iter().filter_map(|i| Some((i.t_arrive?.0 - i.t_report?.0) as f64 / 60.0)).collect();
        put(&format!("{prefix}.answered"), resp.len() as f64);
        if !waits.is_empty() {
            let n = waits.len() as f64;
            put(&format!("{prefix}.waited_share"), waits.iter().filter(|&&x| x > 0.0).count() as f64 / n);
            put(&format!("{prefix}.queue_wait_mean_min"), waits.iter().sum::<f64>() / n);
        }
        if !resp.is_empty() {
            put(&format!("{prefix}.response_time_mean_min"), resp.iter().sum::<f64>() / resp.len() as f64);
            put(&format!("{prefix}.response_time_median_min"), percentile(&resp, 0.5));
            put(&format!("{prefix}.response_time_p90_min"), percentile(&resp, 0.9));
            put(&format!("{prefix}.response_time_max_min"), resp.iter().copied().fold(0.0, f64::max));
        }
    }
}

/// Every incident the command heard of (fires and calls): the median response time, the units
/// sent beyond what was asked for, and the incidents each agency knew of (the common picture).
pub fn command_metrics(w: &mut World, s: &Setting, put: &mut impl FnMut(&str, f64)) {
    let mut q = w.query::<&Incident>();
    let list: Vec<&Incident> = q.iter(w).filter(|i| i.reported).collect();
    if !list.is_empty() {
        let resp: Vec<f64> =
            list.iter().filter_map(|i| Some((i.t_arrive?.0 - i.t_report?.0) as f64)).collect();
        put("incidents.reported", list.len() as f64);
        put("incidents.answered", resp.len() as f64);
        if !resp.is_empty() {
            put("incidents.response_time_median_s", percentile(&resp, 0.5));
            put("incidents.response_time_mean_s", resp.iter().sum::<f64>() / resp.len() as f64);
        }
        put("dispatch.duplicate_units", list.iter().map(|i| f64::from(i.duplicates)).sum());
    }
    let known = w.resource::<crate::command::picture::Picture>().known_per_agency(s.plan.agencies.len());
    for (a, n) in s.plan.agencies.iter().zip(known) {
        put(&format!("picture.known.{}", a.id), f64::from(n));
    }
    let cards = w.resource::<crate::command::cards::Cards>();
    if !s.plan.cards.is_empty() {
        let [done, late, missed, unobserved] = cards.counts();
        put("role_cards.steps_done", f64::from(done));
        put("role_cards.steps_late", f64::from(late));
        put("role_cards.steps_missed", f64::from(missed));
        put("role_cards.steps_unobserved", f64::from(unobserved));
    }
    let standby = w.resource::<crate::command::conflicts::Standby>();
    put("conflicts.taken_from_standby", f64::from(standby.taken));
    put("conflicts.kept_on_standby", f64::from(standby.kept));
    let levels = w.resource::<crate::command::Levels>();
    put("levels.changes", levels.history.len() as f64);
}

/// Team utilisation: the share of the plan's team-hours spent turning out, driving, working or
/// returning.
pub fn team_metrics(w: &mut World, s: &Setting, put: &mut impl FnMut(&str, f64)) {
    let directed = s.teams.iter().filter(|t| t.agency.is_some()).count();
    let busy_s = w.resource::<super::observe::Observer>().team_busy_s;
    if directed > 0 && s.duration_s > 0 {
        put("teams.utilisation", busy_s / (directed as f64 * s.duration_s as f64));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_like_numpy() {
        let xs = [4.0, 1.0, 3.0, 2.0];
        assert_eq!(percentile(&xs, 0.5), 2.5);
        assert!((percentile(&xs, 0.9) - 3.7).abs() < 1e-12);
        assert_eq!(percentile(&xs, 0.0), 1.0);
        assert_eq!(percentile(&xs, 1.0), 4.0);
        assert!(percentile(&[], 0.5).is_nan());
    }
}
