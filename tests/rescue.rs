//! Rescue requests checked in the simulation (issue 7): households trapped at home by deep
//! water call for a boat crew; the call is answered by the township's boat squad, which drives
//! to the water's edge and boats across, and lands them at a shelter. Paired over seeds of the
//! In-Fa scenario, taking the squad's boats away leaves every call unanswered and the trapped
//! people in the water longer (exposure person-hours, 95 % CI of the difference above zero).

mod common;

use drill::model::VehicleKind;
use drill::run::{RunOptions, run};

#[test]
fn boat_crews_answer_rescue_requests_and_shorten_exposure() {
    // Households that refuse to leave and stay refusing are the ones the water traps: the plan's
    // second sweep would take them out, so here it fails (nobody it reaches goes).
    let mut with = common::infa();
    with.scenario.scenario.behaviour.compliance_sweep = drill::model::Dist::Fixed(0.0);
    let mut without = with.clone();
    for t in &mut without.scenario.scenario.teams {
        t.vehicles.retain(|v| v.kind != VehicleKind::Boat);
    }
    let mut exposure = Vec::new();
    for seed in 1..=12 {
        let opts = RunOptions { seed, ..Default::default() };
        let (a, b) = (run(&with, &opts).unwrap(), run(&without, &opts).unwrap());
        let calls = a.metrics.get("rescue.requests").copied().unwrap_or(0.0);
        assert!(calls > 0.0, "seed {seed}: no rescue request: the scenario no longer traps anyone");
        assert_eq!(a.metrics["rescue.answered"], calls, "seed {seed}: a call left unanswered with boats");
        assert_eq!(b.metrics["rescue.answered"], 0.0, "seed {seed}: answered without a boat");
        assert_eq!(a.metrics["invariants.conservation_violations"], 0.0);
        let rescued = a.timeline.iter().filter(|e| e.text.contains("done with call")).count();
        assert_eq!(rescued as f64, calls, "seed {seed}: every call closed");
        exposure.push(b.metrics["people.exposure_person_h"] - a.metrics["people.exposure_person_h"]);
    }
    let (m, h) = common::mean_ci95(&exposure);
    assert!(m - h > 0.0, "exposure without boats − with: {m:.1} ± {h:.1} person-h");
}
