//! Behaviour claims tested as paired differences over common random numbers (DESIGN §11):
//! run r of each plan uses the same seed, and the 95 % confidence interval of the mean paired
//! difference must exclude zero. Nothing here constructs the answer.

mod common;

use drill::run::{Inputs, RunOptions, load_inputs, run};
use std::path::PathBuf;

fn inputs(scenario: &str, plan: &str) -> Inputs {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    load_inputs(&root.join(scenario), &root.join(plan)).unwrap_or_else(|e| panic!("{e}"))
}

/// Mean paired difference A − B of `metric` over seeds 1..=n and its 95 % half-width.
fn paired(scenario: &str, a: &str, b: &str, metric: &str, n: u64) -> (f64, f64) {
    let (ia, ib) = (inputs(scenario, a), inputs(scenario, b));
    let d: Vec<f64> = (1..=n)
        .map(|seed| {
            let opts = RunOptions { seed, ..Default::default() };
            let (oa, ob) = (run(&ia, &opts).unwrap(), run(&ib, &opts).unwrap());
            let get = |o: &drill::core::Outcome| {
                *o.metrics.get(metric).unwrap_or_else(|| panic!("no metric {metric}"))
            };
            get(&oa) - get(&ob)
        })
        .collect();
    common::mean_ci95(&d)
}

#[test]
fn evacuating_at_orange_moves_more_people_by_the_deadline_and_rates_evacuation_higher() {
    // One set of runs for three claims: the share out by the deadline, the evacuation rating
    // (as its points, P 100 … U 0) and the late plan's finding, which names the deadline.
    let scenario = "scenarios/fengqiao/typhoon-infa.ron";
    let (ia, ib) = (
        inputs(scenario, "plans/fengqiao-comprehensive.ron"),
        inputs(scenario, "plans/fengqiao-late-evacuation.ron"),
    );
    let (ea, eb) = (
        drill::model::evaluation::for_plan(&ia.plan.plan),
        drill::model::evaluation::for_plan(&ib.plan.plan),
    );
    let evac = |e: &drill::score::Evaluated| {
        e.capabilities.iter().find(|c| c.id == "evacuation_sheltering").expect("evacuation is rated").clone()
    };
    let (mut share, mut points) = (Vec::new(), Vec::new());
    for seed in 1..=20 {
        let opts = RunOptions { seed, ..Default::default() };
        let (oa, ob) = (run(&ia, &opts).unwrap(), run(&ib, &opts).unwrap());
        let m = "evacuation.transferred_by_deadline_share";
        share.push(oa.metrics[m] - ob.metrics[m]);
        let (ra, rb) = (drill::score::evaluate(&oa, &ea, &[]), drill::score::evaluate(&ob, &eb, &[]));
        let (ca, cb) = (evac(&ra), evac(&rb));
        let pts =
            |c: &drill::score::Rated, e: &drill::model::Evaluation| e.points[c.rating.expect("rated").ix()];
        points.push(pts(&ca, &ea) - pts(&cb, &eb));
        // The late plan misses the target; its deficiency names the deadline and its time.
        let deadline = ob.calendar.label((ob.metrics["evacuation.deadline_h"] * 3600.0).round() as i64);
        let f = rb
            .findings
            .iter()
            .find(|f| f.capability == "evacuation_sheltering" && f.evidence.what == m)
            .unwrap_or_else(|| panic!("seed {seed}: no finding on {m}"));
        assert_eq!(f.class, drill::score::Class::Deficiency, "seed {seed}");
        assert!(f.text.contains(&format!("evacuation deadline {deadline}")), "seed {seed}: {}", f.text);
        assert!(f.evidence.t_s.is_some(), "seed {seed}");
    }
    let (mean, half) = common::mean_ci95(&share);
    assert!(
        mean - half > 0.0,
        "comprehensive − late = {mean:.4} ± {half:.4}: the interval does not exclude zero"
    );
    let (mean, half) = common::mean_ci95(&points);
    assert!(
        mean - half > 0.0,
        "evacuation rating points, comprehensive − late = {mean:.1} ± {half:.1}: the interval does not exclude zero"
    );
}

#[test]
fn micro_fire_stations_shorten_the_response_to_industrial_fires() {
    let (mean, half) = paired(
        "scenarios/fengqiao/industrial-fire.ron",
        "plans/fengqiao-comprehensive.ron",
        "plans/fengqiao-no-micro-stations.ron",
        "fire.response_time_s.ind-fire-warehouse",
        10,
    );
    assert!(
        mean + half < 0.0,
        "comprehensive − no micro stations = {mean:.1} ± {half:.1} s: the interval does not exclude zero"
    );
}

#[test]
fn a_plan_change_moves_no_draw_it_does_not_touch() {
    // The no-micro-stations variant changes only who fights building fires; the June flood has
    // none, so with common random numbers its evacuation is identical, bit for bit.
    let (a, b) = (
        inputs("scenarios/fengqiao/flood-june.ron", "plans/fengqiao-comprehensive.ron"),
        inputs("scenarios/fengqiao/flood-june.ron", "plans/fengqiao-no-micro-stations.ron"),
    );
    for seed in [1, 2] {
        let opts = RunOptions { seed, ..Default::default() };
        let (oa, ob) = (run(&a, &opts).unwrap(), run(&b, &opts).unwrap());
        let evac = |o: &drill::core::Outcome| {
            o.metrics
                .iter()
                .filter(|(k, _)| k.starts_with("evacuation.") || k.starts_with("people."))
                .map(|(k, v)| (k.clone(), v.to_bits()))
                .collect::<Vec<_>>()
        };
        assert!(!evac(&oa).is_empty());
        assert_eq!(evac(&oa), evac(&ob), "seed {seed}");
    }
}

#[test]
fn without_micro_stations_fewer_park_fires_are_reached_within_tier_1() {
    let (mean, half) = paired(
        "scenarios/fengqiao/industrial-fire.ron",
        "plans/fengqiao-comprehensive.ron",
        "plans/fengqiao-no-micro-stations.ron",
        "fire.park_135_tier1_within_share",
        20,
    );
    assert!(
        mean - half > 0.0,
        "comprehensive − no micro stations = {mean:.3} ± {half:.3}: the interval does not exclude zero"
    );
}
