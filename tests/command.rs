//! The command in simulation: the joint command post against separate agencies (paired over
//! common random numbers), and the In-Fa transfer curve with the levels raised when the plan's
//! triggers say (domain.md §7).

mod common;

use drill::core::{EventKind, Outcome};
use drill::run::{Inputs, RunOptions, load_inputs, run};
use std::path::PathBuf;

const INFA: &str = "scenarios/fengqiao/typhoon-infa.ron";

fn inputs(scenario: &str, plan: &str) -> Inputs {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    load_inputs(&root.join(scenario), &root.join(plan)).unwrap_or_else(|e| panic!("{e}"))
}

fn metric(o: &Outcome, m: &str) -> f64 {
    *o.metrics.get(m).unwrap_or_else(|| panic!("no metric {m}"))
}

#[test]
fn the_joint_post_answers_incidents_sooner_than_separate_agencies_and_never_twice() {
    let joint = inputs(INFA, "plans/fengqiao-comprehensive.ron");
    let separate = inputs(INFA, "plans/fengqiao-separate-agencies.ron");
    let mut diff = Vec::new();
    let mut duplicates = 0.0;
    for seed in 1..=20 {
        let opts = RunOptions { seed, ..Default::default() };
        let (a, b) = (run(&joint, &opts).unwrap(), run(&separate, &opts).unwrap());
        assert_eq!(
            metric(&a, "dispatch.duplicate_units"),
            0.0,
            "seed {seed}: the joint post sent a duplicate"
        );
        duplicates += metric(&b, "dispatch.duplicate_units");
        let m = "incidents.response_time_median_s";
        diff.push(metric(&a, m) - metric(&b, m));
    }
    let (mean, half) = common::mean_ci95(&diff);
    assert!(
        mean + half < 0.0,
        "joint − separate median response = {mean:.0} ± {half:.0} s: the interval does not exclude zero"
    );
    // Two agencies hearing one rescue call (the township duty phone and 119) both answer it.
    assert!(duplicates > 0.0, "separate agencies never sent a unit twice in 20 runs");
}

/// People transferred (in shelters or with relatives) at the first sample at or after `t_s`.
fn transferred_at(o: &Outcome, t_s: i64) -> f64 {
    let col = |name: &str| o.series.columns.iter().position(|c| c == name).unwrap();
    let (sh, rel) = (col("people_sheltered"), col("people_relatives"));
    let row = o.series.rows.iter().find(|(t, _)| *t >= t_s).unwrap_or_else(|| o.series.rows.last().unwrap());
    row.1[sh] + row.1[rel]
}

#[test]
fn in_fa_transfer_curve_has_the_provincial_s_shape_with_levels_on_their_triggers() {
    let inp = inputs(INFA, "plans/fengqiao-comprehensive.ron");
    let o = run(&inp, &RunOptions { seed: 1, nominal: true, ..Default::default() }).unwrap();
    let landfall_s = o.calendar.resolve(&drill::model::When("2021-07-25T12:30:00+08:00".into())).unwrap();
    let last = o.series.rows.last().unwrap().0;
    let fin = transferred_at(&o, last);
    let share = |t_s: i64| transferred_at(&o, t_s) / fin;
    let (at_14h, at_landfall) = (share(landfall_s - 14 * 3600), share(landfall_s));
    // domain.md §7: ≈ 67 % of the final count at landfall − 14 h, ≈ 91 % at landfall (±15 points).
    assert!((at_14h - 0.67).abs() <= 0.15, "landfall − 14 h: {:.1} % of the final transfer", 100.0 * at_14h);
    assert!(
        (at_landfall - 0.91).abs() <= 0.15,
        "landfall: {:.1} % of the final transfer",
        100.0 * at_landfall
    );
    // S-shaped: little before the order, most of it in the half-day after, little at the end.
    let first_order = o.timeline.iter().find(|e| e.kind == EventKind::Order).unwrap().t.0;
    assert!(share(first_order) < 0.05, "{:.1} % out before any order", 100.0 * share(first_order));

    // The township's typhoon levels come a decision delay after their triggers: the warnings'
    // issue times and landfall − 24 h (rounded up to the tick on which they are seen).
    let delay_s = 60.0 * o.sampled["plan.decision_delay_min"];
    let tick_s = 60.0; // the scenario's tick
    let level_at = |label: &str| {
        o.timeline
            .iter()
            .find(|e| {
                e.kind == EventKind::Level
                    && e.place == "township"
                    && e.text.starts_with(&format!("typhoon response raised to level {label} "))
            })
            .unwrap_or_else(|| panic!("typhoon level {label} never raised"))
            .t
            .0 as f64
    };
    let warning_at = |colour: &str| {
        o.timeline
            .iter()
            .find(|e| e.kind == EventKind::Warning && e.text.contains(&format!("{colour} typhoon warning")))
            .unwrap_or_else(|| panic!("no {colour} typhoon warning"))
            .t
            .0 as f64
    };
    for (label, trigger) in
        [("IV", warning_at("blue")), ("III", warning_at("yellow")), ("I", (landfall_s - 24 * 3600) as f64)]
    {
        let lag = level_at(label) - trigger - delay_s;
        // Seen at the end of the tick it happens in; times are whole seconds.
        assert!(
            (0.0..=tick_s + 1.0).contains(&lag),
            "level {label}: {lag:.0} s after trigger + decision delay"
        );
    }
}

/// The comprehensive plan, and the same plan with every evacuation's assistance for the
/// vulnerable turned off, and without the county relief supplies: paired over 8 seeds, the
/// village cadres shorten the wait for help, and the relief shortens the shelters' shortage.
#[test]
fn cadres_shorten_the_wait_for_help_and_relief_the_shortage() {
    use drill::model::Action;
    let base = inputs(INFA, "plans/fengqiao-comprehensive.ron");
    let mut alone = inputs(INFA, "plans/fengqiao-comprehensive.ron");
    let mut no_relief = inputs(INFA, "plans/fengqiao-comprehensive.ron");
    for m in &mut alone.plan.plan.modules {
        for a in &mut m.actions {
            if let Action::Evacuate { assist_vulnerable, .. } = a {
                *assist_vulnerable = false;
            }
        }
    }
    let mut removed = 0;
    for m in &mut no_relief.plan.plan.modules {
        let before = m.actions.len();
        m.actions.retain(|a| !matches!(a, Action::Resupply { .. }));
        removed += before - m.actions.len();
    }
    assert!(removed > 0, "the plan asks for no relief");
    let (mut wait, mut short) = (Vec::new(), Vec::new());
    for seed in 1..=8 {
        let opts = RunOptions { seed, ..Default::default() };
        let b = run(&base, &opts).unwrap();
        let (a, n) = (run(&alone, &opts).unwrap(), run(&no_relief, &opts).unwrap());
        let w = "evacuation.assistance_wait_mean_min";
        wait.push(metric(&b, w) - metric(&a, w));
        let s = "supplies.shortage_person_h";
        short.push(metric(&b, s) - metric(&n, s));
    }
    let (mw, hw) = common::mean_ci95(&wait);
    assert!(mw + hw < 0.0, "with − without cadres: {mw:.1} ± {hw:.1} min of waiting for help");
    let (ms, hs) = common::mean_ci95(&short);
    assert!(ms + hs < 0.0, "with − without relief: {ms:.0} ± {hs:.0} person-hours short");
}

/// Sandbags on the west dike (the flood Level IV module) raise its weak reaches as they are
/// laid: with common random numbers the river and the dike's drawn fragility are the same with
/// and without them, so the dike can only fail later or not at all — and over 8 June-flood
/// runs it does fail later at least once.
#[test]
fn sandbags_make_the_west_dike_fail_later_or_not_at_all() {
    use drill::model::Action;
    let scenario = "scenarios/fengqiao/flood-june-modelled.ron";
    let with = inputs(scenario, "plans/fengqiao-comprehensive.ron");
    let mut without = inputs(scenario, "plans/fengqiao-comprehensive.ron");
    for m in &mut without.plan.plan.modules {
        m.actions.retain(|a| !matches!(a, Action::ReinforceDikes { .. }));
    }
    let breach = |o: &Outcome| {
        o.timeline
            .iter()
            .find(|e| e.kind == EventKind::Flood && e.place == "dike-west" && e.text.starts_with("breach"))
            .map(|e| e.t.0)
    };
    let mut later = 0;
    for seed in 1..=8 {
        let opts = RunOptions { seed, ..Default::default() };
        let (a, b) = (run(&with, &opts).unwrap(), run(&without, &opts).unwrap());
        let key = "flood_model.dikes[dike-west].fail_stage_m";
        assert_eq!(a.sampled[key], b.sampled[key], "seed {seed}: the drawn fragility differs");
        match (breach(&a), breach(&b)) {
            (Some(ta), Some(tb)) => {
                assert!(ta >= tb, "seed {seed}: the reinforced dike failed sooner ({ta} s < {tb} s)");
                later += usize::from(ta > tb);
            }
            (None, Some(_)) => later += 1,
            (Some(ta), None) => panic!("seed {seed}: only the reinforced dike failed, at {ta} s"),
            (None, None) => {}
        }
    }
    assert!(later > 0, "the sandbags never delayed a breach in 8 runs");
}
