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
fn evacuating_at_orange_moves_more_people_by_the_deadline_than_at_red() {
    let (mean, half) = paired(
        "scenarios/fengqiao/typhoon-infa.ron",
        "plans/fengqiao-comprehensive.ron",
        "plans/fengqiao-late-evacuation.ron",
        "evacuation.transferred_by_deadline_share",
        20,
    );
    assert!(
        mean - half > 0.0,
        "comprehensive − late = {mean:.4} ± {half:.4}: the interval does not exclude zero"
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
