//! Supplies checked in the simulation (issue 7): on the In-Fa scenario the shelters eat into
//! their stocks at the plan's norms and trucks bring more from the depots; halving every depot
//! stock leaves the shelters short for longer — paired by seed over 20 seeds, the 95 %
//! confidence interval of the difference in person-hours short lies above zero — and the
//! supplies balance at every tick in both.

mod common;

use drill::model::FacilityKind;
use drill::run::{RunOptions, run};

#[test]
fn halving_the_depot_stocks_raises_the_shortage_hours() {
    let full = common::infa();
    let mut half = common::infa();
    let depots: Vec<String> = half
        .scenario
        .map
        .facilities
        .iter()
        .filter(|f| f.kind == FacilityKind::Depot)
        .map(|f| f.id.clone())
        .collect();
    assert!(!depots.is_empty(), "no depot on the map");
    for st in &mut half.scenario.scenario.supplies {
        if depots.contains(&st.facility) {
            st.quantity *= 0.5;
        }
    }
    let mut d = Vec::new();
    for seed in 1..=20 {
        let opts = RunOptions { seed, ..Default::default() };
        let (a, b) = (run(&full, &opts).unwrap(), run(&half, &opts).unwrap());
        for o in [&a, &b] {
            assert_eq!(o.metrics["invariants.conservation_violations"], 0.0, "seed {seed}");
            assert!(o.metrics["supplies.convoys"] > 0.0, "seed {seed}: no truck sent");
        }
        d.push(b.metrics["supplies.shortage_person_h"] - a.metrics["supplies.shortage_person_h"]);
    }
    let (m, h) = common::mean_ci95(&d);
    assert!(m - h > 0.0, "half − full depot stock = {m:.0} ± {h:.0} person-hours short");
}
