//! The situation brief `drill play` prints at every stop (the team table and the text map are in
//! [`super::textmap`]). A view only: it reads the World and changes nothing in it.

use crate::agents::supplies::Supplies;
use crate::agents::{Evac, Household, Shelters, Team, TeamState};
use crate::command::Incident;
use crate::command::calls::Call;
use crate::command::levels::{Levels, jurisdiction_name};
use crate::command::orders::{Orders, TaskKind};
use crate::core::setting::{DeadlineS, Setting};
use crate::core::{Clock, IncidentId, SimTime, Timeline};
use crate::hazards::typhoon::{Beaufort, Grade};
use crate::hazards::{Fire, FirePhase, HazardState, Storm};
use crate::model::{FacilityKind, Item, Level, OrderKind};
use crate::run::observe::{Observer, census};
use bevy_ecs::prelude::*;
use std::collections::BTreeMap;

pub use super::roster::teams;
use super::text::{cut, n, put, span, wrap};
pub use super::textmap::text_map;

/// Most incidents listed one a line.
const INCIDENTS_MAX: usize = 10;
/// Flood depth at which a zone counts as flooded, m.
pub(crate) const FLOODED_M: f64 = 0.15;

/// The situation brief at a stop: time, hazards, levels, incidents, teams, evacuation, shelters
/// and supplies, open decision points, and the timeline events from index `since_event` on.
pub fn brief(w: &mut World, since_event: usize) -> String {
    let mut households = w.query::<(&Household, &Evac)>();
    let mut incidents = w.query::<(&Incident, Option<&Fire>, Option<&Call>)>();
    let mut teams = w.query::<(&Team, &TeamState)>();
    let w: &World = w;
    let (s, clock, h) = (w.resource::<Setting>(), w.resource::<Clock>(), w.resource::<HazardState>());
    let now = clock.now;
    let mut out = String::new();
    let end = SimTime(s.duration_s);
    let head = format!(
        "=== {} — {} in, ends {} ({} to go) ===",
        clock.label(now),
        span(now.0),
        clock.label(end),
        span((end.0 - now.0).max(0))
    );
    put(&mut out, &head);
    put(&mut out, &format!("{} | {}", s.scenario_name, s.plan_name));
    let mut incs: Vec<_> = incidents.iter(w).collect();
    incs.sort_by_key(|(i, ..)| i.idx);
    hazards(&mut out, w, s, now, &incs);
    levels(&mut out, s, w.resource::<Levels>());
    let names = incident_names(s, &incs);
    let mut tv: Vec<(&Team, &TeamState)> = teams.iter(w).collect();
    tv.sort_by_key(|(t, _)| t.0);
    incident_lines(&mut out, s, now, &incs, &tv, &names);
    team_counts(&mut out, s, &tv);
    evacuation(&mut out, s, now, census(s, h, now.0, households.iter(w)), w.resource::<Orders>());
    shelters(&mut out, s, w.resource::<Shelters>(), w.resource::<Supplies>());
    decisions(&mut out, s, w.resource::<super::DecisionPoints>());
    super::changes::since(&mut out, s, w.resource::<Timeline>(), since_event);
    out
}

fn hazards(out: &mut String, w: &World, s: &Setting, now: SimTime, incs: &[IncRow]) {
    let h = w.resource::<HazardState>();
    put(out, "HAZARDS");
    let warnings: Vec<String> = h.warnings.iter().map(|(k, c)| format!("{k} {c}")).collect();
    let warnings = if warnings.is_empty() { "none in force".to_string() } else { warnings.join(", ") };
    put(out, &format!("  warnings: {warnings}"));
    let command = s.facilities.iter().find(|f| f.kind == FacilityKind::CommandCentre);
    let (cx, cy) = command.map_or((0.0, 0.0), |f| s.nodes[f.node.ix()]);
    if let Some(storm) = w.get_resource::<Storm>()
        && let Some(c) = storm.track.at(now.secs())
    {
        let grade = Grade::from_max_wind_mps(c.vmax_mps).map_or("remnant low", |g| g.name_en());
        let landfall = s.hazards.landfall.map_or(String::new(), |lf| {
            format!("; landfall {} ({})", s.calendar.label(lf.0), from_now(lf.0 - now.0))
        });
        let (name, v, km) = (&storm.track.name, c.vmax_mps, c.distance_km(cx, cy));
        put(out, &format!("  {name}: {grade}, {v:.0} m/s at the centre, {km:.0} km away{landfall}"));
    }
    let obs = w.get_resource::<Observer>();
    let peak = |col: &str, now_v: f64| peak_so_far(obs, col).max(now_v);
    let wind = h.wind_mps.iter().copied().fold(0.0, f64::max);
    let at_cc = command.map_or(0.0, |f| h.wind_mps[f.zone.ix()]);
    let force = Beaufort::from_mps(wind).force();
    let rain_now = h.rain_mm_h.iter().copied().fold(0.0, f64::max);
    let total_max = h.rain_total_mm.iter().copied().fold(0.0, f64::max);
    let total_mean = h.rain_total_mm.iter().sum::<f64>() / s.zones.len().max(1) as f64;
    let (wind_peak, rain_peak) = (peak("wind_mps_max", wind), peak("rain_mm_h_max", rain_now));
    let at_cc = format!("{at_cc:.1} m/s at the command centre");
    put(
        out,
        &format!("  wind now {wind:.1} m/s max (force {force}), {at_cc}; peak so far {wind_peak:.1} m/s"),
    );
    let totals = format!("since the start {total_max:.0} mm max, {total_mean:.0} mm mean");
    put(out, &format!("  rain now {rain_now:.1} mm/h max (peak {rain_peak:.1}); {totals}"));
    for (g, gs) in s.gauges.iter().enumerate() {
        let v = h.stage_m[g];
        let text = if v.is_finite() {
            let rel = if v >= gs.guaranteed_stage_m {
                format!("{:+.2} m over guaranteed", v - gs.guaranteed_stage_m)
            } else {
                format!("{:+.2} m to warning", v - gs.warning_stage_m)
            };
            let (peak, warn, guar) =
                (peak(&format!("stage_m.{}", gs.id), v), gs.warning_stage_m, gs.guaranteed_stage_m);
            format!("{v:.2} m ({rel}; warning {warn:.2}, guaranteed {guar:.2}); peak so far {peak:.2} m")
        } else {
            "no reading yet".into()
        };
        put(out, &format!("  river {}: {text}", gs.id));
    }
    let mut wet: Vec<usize> = (0..s.zones.len()).filter(|&z| h.depth_m[z] > FLOODED_M).collect();
    wet.sort_by(|a, b| h.depth_m[*b].total_cmp(&h.depth_m[*a]).then(a.cmp(b)));
    let max_depth = h.depth_m.iter().copied().fold(0.0, f64::max);
    let list: Vec<String> = wet.iter().map(|&z| format!("{} {:.2}", s.zones[z].id, h.depth_m[z])).collect();
    let head = format!("  flood: max depth {max_depth:.2} m; {} zones over {FLOODED_M} m", wet.len());
    wrap(out, &if list.is_empty() { head } else { format!("{head}: ") }, &list, 2);
    let burning = |p: FirePhase| incs.iter().filter(move |(_, f, _)| f.is_some_and(|f| f.phase == p));
    let unknown = burning(FirePhase::Growing).filter(|(i, ..)| i.t_report.is_none_or(|t| t > now)).count();
    let (growing, controlled) = (burning(FirePhase::Growing).count(), burning(FirePhase::Controlled).count());
    let unknown =
        if unknown > 0 { format!(" ({unknown} not yet reported to the command)") } else { String::new() };
    put(out, &format!("  fires: {growing} burning, {controlled} controlled and dying down{unknown}"));
}

fn levels(out: &mut String, s: &Setting, levels: &Levels) {
    let mut by_j: BTreeMap<_, Vec<String>> = BTreeMap::new();
    for (&(j, hz), &l) in levels.level.iter().filter(|(_, l)| **l != Level::None) {
        let at = levels.history.iter().rev().find(|x| x.1 == j && x.2 == hz).map(|x| x.0);
        let since = at.map_or(String::new(), |t| format!(" (since {})", s.calendar.label(t.0)));
        by_j.entry(j).or_default().push(format!("{hz} {}{since}", l.label()));
    }
    if by_j.is_empty() {
        put(out, "RESPONSE LEVELS: none in force");
        return;
    }
    put(out, "RESPONSE LEVELS");
    for (j, list) in by_j {
        wrap(out, &format!("  {}: ", jurisdiction_name(s, j)), &list, 2);
    }
}

pub(crate) type IncRow<'a> = (&'a Incident, Option<&'a Fire>, Option<&'a Call>);

/// The id a player types for each incident: a fire's id, or `call-N`.
pub(crate) fn incident_names(s: &Setting, incs: &[IncRow]) -> BTreeMap<IncidentId, String> {
    let name = |(i, f, c): &IncRow| match (f, c) {
        (Some(f), _) => s.hazards.fires.get(i.idx.ix()).map_or_else(|| f.spec.id.clone(), |x| x.id.clone()),
        (None, Some(_)) => format!("call-{}", i.idx.0),
        (None, None) => format!("incident-{}", i.idx.0),
    };
    incs.iter().map(|r| (r.0.idx, name(r))).collect()
}

fn incident_lines(
    out: &mut String,
    s: &Setting,
    now: SimTime,
    incs: &[IncRow],
    teams: &[(&Team, &TeamState)],
    names: &BTreeMap<IncidentId, String>,
) {
    let known: Vec<&IncRow> = incs.iter().filter(|(i, ..)| i.t_report.is_some_and(|t| t <= now)).collect();
    let mut rows: Vec<(bool, SimTime, String)> = Vec::new();
    for (i, fire, call) in known.iter().copied() {
        let (mut on, mut sent) = (Vec::new(), Vec::new());
        for (t, st) in teams {
            match st {
                TeamState::Working { incident, .. } | TeamState::Serving { incident, .. }
                    if *incident == i.idx =>
                {
                    on.push(s.teams[t.0.ix()].id.as_str())
                }
                TeamState::EnRoute { task: TaskKind::Incident(x, _) | TaskKind::Call(x), .. }
                    if *x == i.idx =>
                {
                    sent.push(s.teams[t.0.ix()].id.as_str())
                }
                _ => {}
            }
        }
        let done = match fire {
            Some(f) => matches!(f.phase, FirePhase::Controlled | FirePhase::Out),
            None => i.t_control.is_some_and(|t| t <= now),
        };
        let status = match fire.map(|f| f.phase) {
            Some(FirePhase::Controlled) => "controlled".to_string(),
            Some(FirePhase::Out) => "out".to_string(),
            _ if done => "done".to_string(),
            _ if !on.is_empty() => format!("on scene: {}", on.join(", ")),
            _ if !sent.is_empty() => format!("team sent: {}", sent.join(", ")),
            _ if i.t_arrive.is_some() => "team on scene earlier".to_string(),
            _ => "WAITING".to_string(),
        };
        let what = match (fire, call) {
            (Some(f), _) => format!("fire ({}, {:.0} kW)", f.spec.kind, f.hrr_kw),
            (None, Some(c)) => cut(&c.what, 36),
            _ => "incident".into(),
        };
        let report = i.t_report.map_or(String::new(), |t| s.calendar.label(t.0));
        let id = names.get(&i.idx).cloned().unwrap_or_default();
        let text = format!("  {id:<22} {what} at {}, reported {report}: {status}", s.zones[i.zone.ix()].id);
        rows.push((done, i.t_report.unwrap_or(i.t_start), text));
    }
    let open = rows.iter().filter(|r| !r.0).count();
    put(out, &format!("INCIDENTS known to the command: {} ({open} open)", rows.len()));
    // Open ones first, then the most recent; the list is capped.
    rows.sort_by_key(|r| (r.0, std::cmp::Reverse(r.1)));
    for r in rows.iter().take(INCIDENTS_MAX) {
        put(out, &r.2);
    }
    if rows.len() > INCIDENTS_MAX {
        put(out, &format!("  … and {} more", rows.len() - INCIDENTS_MAX));
    }
}

fn team_counts(out: &mut String, s: &Setting, teams: &[(&Team, &TeamState)]) {
    let mut c = [0usize; 7];
    for (t, st) in teams {
        let k = match st {
            TeamState::Idle { node } if *node == s.teams[t.0.ix()].node => 0,
            TeamState::Idle { .. } => 1,
            TeamState::EnRoute { .. } => 2,
            TeamState::Working { .. }
            | TeamState::Serving { .. }
            | TeamState::Clearing { .. }
            | TeamState::Reinforcing { .. } => 3,
            TeamState::Returning { .. } => 4,
            TeamState::Resting { .. } => 5,
            TeamState::Unavailable => 6,
        };
        c[k] += 1;
    }
    let words =
        ["idle at station", "standing by", "en route", "on task", "returning", "resting", "out of service"];
    let parts: Vec<String> =
        words.iter().zip(c).filter(|(_, k)| *k > 0).map(|(w, k)| format!("{k} {w}")).collect();
    put(out, &format!("TEAMS {}: {} (type teams for each)", teams.len(), parts.join(", ")));
}

fn evacuation(out: &mut String, s: &Setting, now: SimTime, c: crate::run::observe::Census, orders: &Orders) {
    let deadline = match &s.deadline {
        Some(DeadlineS::At(t)) => format!(" (deadline {}, {})", s.calendar.label(t.0), from_now(t.0 - now.0)),
        Some(DeadlineS::FloodDepth(m)) => format!(" (deadline per zone: water {m} m deep)"),
        Some(DeadlineS::FireFront) => " (deadline per zone: the fire front)".into(),
        None => String::new(),
    };
    put(out, &format!("EVACUATION{deadline}"));
    let pct = if c.should > 0 { 100.0 * c.should_out as f64 / c.should as f64 } else { 0.0 };
    put(out, &format!("  should-transfer people out: {} of {} ({pct:.1} %)", n(c.should_out), n(c.should)));
    let dead = if c.dead > 0 { format!(", {} DEAD", n(c.dead)) } else { String::new() };
    let (all, warned, home) = (n(c.total()), n(c.warned), n(c.home));
    let (moving, sheltered, relatives) = (n(c.travelling), n(c.sheltered), n(c.relatives));
    let places =
        format!("{home} at home, {moving} on the move, {sheltered} sheltered, {relatives} with relatives");
    put(out, &format!("  people {all}: {warned} warned; {places}{dead}"));
    let ordered = orders.strongest.iter().filter(|o| o.is_some()).count();
    if ordered == 0 {
        put(out, "  no zone ordered out");
        return;
    }
    for &k in OrderKind::ALL {
        let zones: Vec<String> = (0..s.zones.len())
            .filter(|&z| orders.strongest.get(z).copied().flatten() == Some(k))
            .map(|z| {
                let heard = orders.in_effect.get(z).copied().flatten() == Some(k);
                format!("{}{}", s.zones[z].id, if heard { "" } else { "*" })
            })
            .collect();
        if !zones.is_empty() {
            wrap(out, &format!("  ordered out, {k} ({}): ", zones.len()), &zones, 3);
        }
    }
    if orders.strongest.iter().zip(&orders.in_effect).any(|(a, b)| a != b) {
        put(out, "  (* issued, not yet in effect)");
    }
}

fn shelters(out: &mut String, s: &Setting, sh: &Shelters, sup: &Supplies) {
    let open: Vec<usize> = (0..s.facilities.len()).filter(|&f| sh.is_open[f] && !sh.closed[f]).collect();
    let present: u64 = open.iter().map(|&f| u64::from(sh.present[f])).sum();
    let places: u64 = open.iter().map(|&f| u64::from(sh.capacity[f])).sum();
    let reserved: u64 = open.iter().map(|&f| u64::from(sh.reserved[f])).sum();
    let all = s.facilities.iter().filter(|f| f.kind == FacilityKind::Shelter).count();
    let (k, present, reserved, places) = (open.len(), n(present), n(reserved), n(places));
    put(out, &format!("SHELTERS {k} of {all} open: {present} present, {reserved} reserved, {places} places"));
    let list: Vec<String> = open
        .iter()
        .map(|&f| {
            let full = if sh.reserved[f] >= sh.capacity[f] { " full" } else { "" };
            format!("{} {}/{}{full}", s.facilities[f].id, sh.present[f], sh.capacity[f])
        })
        .collect();
    wrap(out, "  ", &list, 3);
    let closed: Vec<String> =
        (0..s.facilities.len()).filter(|&f| sh.closed[f]).map(|f| s.facilities[f].id.clone()).collect();
    if !closed.is_empty() {
        wrap(out, "  closed: ", &closed, 1);
    }
    let stocks: Vec<String> = Item::ALL
        .iter()
        .map(|&i| (i, (0..s.facilities.len()).map(|f| sup.at(f, i)).sum::<f64>()))
        .filter(|(i, q)| {
            *q > 0.0 || sup.initial.iter().skip(*i as usize).step_by(Item::ALL.len()).any(|v| *v > 0.0)
        })
        .map(|(i, q)| format!("{i} {}", n(q.round().max(0.0) as u64)))
        .collect();
    wrap(out, "SUPPLIES in stock: ", &stocks, 2);
}

fn decisions(out: &mut String, s: &Setting, points: &super::DecisionPoints) {
    let several = points.pending.len() > 1;
    for &(ix, at) in &points.pending {
        let inj = &s.injects[ix];
        let Some(d) = &inj.decision else { continue };
        put(out, &format!("DECISION OPEN [{}] (put up {}): {}", inj.id, s.calendar.label(at.0), d.prompt));
        for (k, o) in d.options.iter().enumerate() {
            let mark = if k == d.default { " (default)" } else { "" };
            put(out, &format!("  {:<18} {}{mark}", o.id, o.text));
        }
        let ids: Vec<&str> = d.options.iter().map(|o| o.id.as_str()).collect();
        let how = if several { format!("choose {} OPTION", inj.id) } else { "choose OPTION".to_string() };
        put(out, &format!("  → {how}: {}", ids.join(" | ")));
        put(
            out,
            &format!("    unanswered, the default ({}) is taken when play goes on", d.options[d.default].id),
        );
    }
}

/// "in 3 h 10 min" for a time `d` s ahead, "45 min ago" for one behind.
fn from_now(d: i64) -> String {
    if d >= 0 { format!("in {}", span(d)) } else { format!("{} ago", span(-d)) }
}

/// Largest value so far of a series column (0 when there is none).
fn peak_so_far(obs: Option<&Observer>, col: &str) -> f64 {
    let Some(obs) = obs else { return 0.0 };
    let Some(c) = obs.series.columns.iter().position(|x| x == col) else { return 0.0 };
    obs.series
        .rows
        .iter()
        .filter_map(|(_, r)| r.get(c))
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::drill::text::WIDTH;
    use std::path::Path;

    /// The In-Fa typhoon on the comprehensive plan, stepped `ticks` ticks.
    pub(crate) fn infa_at(ticks: usize) -> World {
        let inputs = crate::run::load_inputs(
            Path::new("scenarios/fengqiao/typhoon-infa.ron"),
            Path::new("plans/fengqiao-comprehensive.ron"),
        )
        .unwrap();
        let opts = crate::run::RunOptions { seed: 1, nominal: true, check_every_tick: false };
        let mut w = crate::run::world(&inputs, &opts).unwrap();
        let mut sched = crate::run::schedule::tick_schedule();
        sched.initialize(&mut w).unwrap();
        for _ in 0..ticks {
            sched.run(&mut w);
        }
        w
    }

    /// D2 09:00: the expand-transfer decision point is open; warnings, levels and orders stand.
    /// The views change nothing: the brief twice gives the same text.
    #[test]
    fn the_brief_at_the_decision_point() {
        let mut w = infa_at(25 * 60);
        let b = brief(&mut w, 0);
        println!("{b}");
        assert!(b.starts_with("=== D2 09:00 — 25 h 0 min in, ends D4 08:00"), "{b}");
        assert!(b.contains("warnings: ") && b.contains("typhoon red"), "{b}");
        assert!(b.contains("township: ") && b.contains("typhoon I"), "{b}");
        assert!(b.contains("should-transfer people out: "), "{b}");
        assert!(b.contains("ordered out, sweep (14): "), "{b}");
        assert!(
            b.contains("DECISION OPEN [infa-expand]") && b.contains("targeted") && b.contains("(default)")
        );
        assert!(b.contains("choose OPTION"), "{b}");
        assert!(b.contains("SINCE THE LAST STOP") && b.contains("… and"), "{b}");
        assert!(b.lines().all(|l| l.chars().count() <= WIDTH), "{b}");
        let len = w.resource::<Timeline>().0.len();
        assert_eq!(brief(&mut w, 0), b);
        let quiet = brief(&mut w, len);
        assert!(quiet.contains("SINCE THE LAST STOP: 0 events"), "{quiet}");
    }
}
