//! Structure fires checked in the simulation (issue 5): the same row of warehouses with the
//! first crew arriving 5 and 30 minutes after ignition, paired by seed over 20 seeds — the late
//! arrival loses more floor area and more buildings, with a 95 % confidence interval of the
//! difference above zero; and with no one arriving the involved area only grows.

mod common;

use drill::model::Dist;
use drill::run::{Inputs, RunOptions, load_inputs, run};
use std::path::PathBuf;

fn warehouse(turnout_s: f64) -> Inputs {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = load_inputs(
        &root.join("tests/fixtures/fire/warehouse.ron"),
        &root.join("tests/fixtures/fire/plan.ron"),
    )
    .unwrap();
    inputs.scenario.scenario.teams[0].turnout_s = Dist::Fixed(turnout_s);
    inputs
}

#[test]
fn a_later_first_arrival_loses_more_area_and_buildings() {
    // Alarm 2 min after ignition; turnout 3 min → on scene at 5 min, 28 min → at 30 min.
    let (early, late) = (warehouse(180.0), warehouse(1680.0));
    let (mut area, mut lost) = (Vec::new(), Vec::new());
    for seed in 1..=20 {
        let opts = RunOptions { seed, ..Default::default() };
        let (a, b) = (run(&early, &opts).unwrap(), run(&late, &opts).unwrap());
        area.push(b.metrics["fire.damaged_area_m2"] - a.metrics["fire.damaged_area_m2"]);
        lost.push(b.metrics["fire.buildings_lost"] - a.metrics["fire.buildings_lost"]);
    }
    let (m, h) = common::mean_ci95(&area);
    assert!(m - h > 0.0, "area lost: late − early = {m:.0} ± {h:.0} m²");
    let (m, h) = common::mean_ci95(&lost);
    assert!(m - h > 0.0, "buildings lost: late − early = {m:.2} ± {h:.2}");
}

#[test]
fn without_suppression_the_fire_only_grows() {
    let inputs = warehouse(1.0e6); // the crew never arrives within the run
    for seed in 1..=3 {
        let o = run(&inputs, &RunOptions { seed, ..Default::default() }).unwrap();
        let c = o.series.columns.iter().position(|c| c == "fire_area_m2.warehouses").unwrap();
        let area: Vec<f64> = o.series.rows.iter().map(|(_, r)| r[c]).collect();
        assert!(area.windows(2).all(|w| w[1] >= w[0]), "seed {seed}: the involved area shrank");
        assert_eq!(*area.last().unwrap(), 2400.0, "seed {seed}: all four warehouses involved by the end");
        assert_eq!(o.metrics["fire.buildings_lost"], 4.0);
    }
}
