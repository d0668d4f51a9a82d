//! Household behaviour compared over common random numbers (issue 6): the same scenario and
//! seed with one input changed, 20 seeds, each difference's 95 % CI excluding zero.

mod common;

use drill::run::{Inputs, RunOptions, load_inputs, run};
use std::path::PathBuf;

fn mini() -> Inputs {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    load_inputs(&root.join("tests/fixtures/mini/scenario.ron"), &root.join("tests/fixtures/mini/plan.ron"))
        .unwrap()
}

#[test]
fn doubling_grid_workers_warns_sooner_and_helps_the_vulnerable_out_sooner() {
    let base = mini();
    let mut doubled = base.clone();
    for z in &mut doubled.scenario.map.zones {
        z.grid_workers = Some(2 * z.grid_workers.unwrap_or(z.households.div_ceil(50)).max(1));
    }
    let (warned, waited) = ("evacuation.time_to_95pct_warned_h", "evacuation.assistance_wait_mean_min");
    let (mut d, mut e) = (Vec::new(), Vec::new());
    for seed in 1..=20 {
        let opts = RunOptions { seed, ..Default::default() };
        let (a, b) = (run(&base, &opts).unwrap(), run(&doubled, &opts).unwrap());
        d.push(b.metrics[warned] - a.metrics[warned]);
        assert!(a.metrics["evacuation.assistance_requests"] > 0.0, "seed {seed}: nobody asked for help");
        e.push(b.metrics[waited] - a.metrics[waited]);
    }
    let (m, h) = common::mean_ci95(&d);
    assert!(m + h < 0.0, "doubled − base time to 95 % warned = {m:.3} ± {h:.3} h");
    // The same workers then help the vulnerable households without a car out: twice as many
    // shorten their wait.
    let (m, h) = common::mean_ci95(&e);
    assert!(m + h < 0.0, "doubled − base mean wait for assistance = {m:.1} ± {h:.1} min");
}

#[test]
fn a_full_shelter_sends_the_overflow_to_the_next_one() {
    use drill::agents::Shelters;
    // A second shelter, a village hall across town, open from the start.
    let mut base = mini();
    let mut hall = base.scenario.map.facilities.iter().find(|f| f.id == "xq-shelter-school").unwrap().clone();
    hall.id = "xq-shelter-hall".into();
    hall.name = "Village hall shelter".into();
    hall.node = "n-east".into();
    hall.capacity_people = Some(2000);
    hall.open_at_start = true;
    base.scenario.map.facilities.push(hall);
    let mut small = base.clone();
    small.scenario.map.facilities.iter_mut().find(|f| f.id == "xq-shelter-school").unwrap().capacity_people =
        Some(10);
    let index = |i: &Inputs, id: &str| i.scenario.map.facilities.iter().position(|f| f.id == id).unwrap();
    let (school, hall) = (index(&base, "xq-shelter-school"), index(&base, "xq-shelter-hall"));
    let mut d = Vec::new();
    for seed in 1..=20 {
        let opts = RunOptions { seed, ..Default::default() };
        let (wa, wb) =
            (drill::run::simulate(&base, &opts).unwrap(), drill::run::simulate(&small, &opts).unwrap());
        let (a, b) = (wa.resource::<Shelters>(), wb.resource::<Shelters>());
        for sh in [a, b] {
            assert!(
                sh.reserved.iter().zip(&sh.capacity).all(|(r, c)| r <= c),
                "seed {seed}: a shelter over capacity"
            );
        }
        assert!(b.reserved[school] <= 10, "seed {seed}: the small school took more than it holds");
        d.push(f64::from(b.reserved[hall]) - f64::from(a.reserved[hall]));
    }
    let (m, h) = common::mean_ci95(&d);
    assert!(m - h > 0.0, "hall occupancy, small school − base = {m:.1} ± {h:.1} people");
}
