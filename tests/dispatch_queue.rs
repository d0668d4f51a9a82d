//! The call queue checked against queueing theory (issue 7): three teams at the callers' node
//! answering a Poisson stream (λ = 2 /h) with exponential times on scene (μ = 1 /h) form an
//! M/M/3 queue, so over 30 independent 240-hour runs the share of calls that wait and their
//! mean wait in the queue must match Erlang C (C = 0.4444, W_q = 0.4444 h) within the 95 %
//! confidence interval of the runs' mean.

mod common;

use drill::command::queueing::{erlang_c, mmc_wait_mean};
use drill::run::{RunOptions, load_inputs, run};
use std::path::PathBuf;

#[test]
fn three_teams_answering_poisson_calls_match_erlang_c() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let inputs =
        load_inputs(&root.join("tests/fixtures/calls/mmc.ron"), &root.join("tests/fixtures/calls/plan.ron"))
            .unwrap();
    let (mut waited, mut wq_h, mut calls) = (Vec::new(), Vec::new(), 0.0);
    for seed in 1..=30 {
        let o = run(&inputs, &RunOptions { seed, ..Default::default() }).unwrap();
        let m = &o.metrics;
        calls += m["calls.requests"];
        assert!(m["calls.answered"] >= m["calls.requests"] - 10.0, "seed {seed}: calls left unanswered");
        waited.push(m["calls.waited_share"]);
        wq_h.push(m["calls.queue_wait_mean_min"] / 60.0);
        // Utilisation ρ = λ / (c μ) = 2/3.
        assert!((m["teams.utilisation"] - 2.0 / 3.0).abs() < 0.1, "seed {seed}: {}", m["teams.utilisation"]);
    }
    assert!(calls > 30.0 * 400.0, "{calls} calls: the fixture is off");
    let (c, wq) = (erlang_c(3, 2.0), mmc_wait_mean(3, 2.0, 1.0));
    let (m, h) = common::mean_ci95(&waited);
    assert!((m - c).abs() <= h, "P(wait) {m:.4} ± {h:.4}, Erlang C {c:.4}");
    let (m, h) = common::mean_ci95(&wq_h);
    assert!((m - wq).abs() <= h, "W_q {m:.4} ± {h:.4} h, Erlang C {wq:.4} h");
}

/// Closing a bridge makes teams take the detour and arrive later: medical calls from Fengxi
/// (west bank) answered from Xinfeng (east), with the Fengqiao bridge open and closed, paired by
/// seed over 20 seeds — the mean response (t_arrive − t_report) is longer with the bridge shut,
/// the 95 % CI of the difference above zero — and every call is still answered.
#[test]
fn closing_the_bridge_sends_the_team_round_and_it_arrives_later() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let plan = root.join("plans/fengqiao-comprehensive.ron");
    let open = load_inputs(&root.join("tests/fixtures/calls/bridge.ron"), &plan).unwrap();
    let shut = load_inputs(&root.join("tests/fixtures/calls/bridge-closed.ron"), &plan).unwrap();
    let mut d = Vec::new();
    for seed in 1..=20 {
        let opts = RunOptions { seed, ..Default::default() };
        let (a, b) = (run(&open, &opts).unwrap(), run(&shut, &opts).unwrap());
        assert_eq!(a.metrics["calls.requests"], b.metrics["calls.requests"], "seed {seed}: same calls");
        assert_eq!(b.metrics["calls.answered"], b.metrics["calls.requests"], "seed {seed}: unanswered");
        d.push(b.metrics["calls.response_time_mean_min"] - a.metrics["calls.response_time_mean_min"]);
    }
    let (m, h) = common::mean_ci95(&d);
    assert!(m - h > 0.0, "shut − open = {m:.1} ± {h:.1} min");
}
