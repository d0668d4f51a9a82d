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

/// A house fire on the Xiaoqiao fixture with no crew in time: a 100 m² dwelling with a 2 m² ×
/// 2 m window flashes over once α t² reaches 750 · A_o √H_o. The house is a household's home,
/// and everyone is at home (no order is given), so the household dies when its escape time,
/// Uniform(60, 600) s, exceeds the time to flashover: over 400 seeds the death rate matches
/// (600 − t_fo) / 540 within four standard errors, and the dead are counted once, by cause.
#[test]
fn a_household_at_home_dies_when_not_out_before_flashover() {
    use drill::hazards::structure::flashover_babrauskas_kw;
    use drill::model::{FireKind, Opening};
    let mut inputs = warehouse(1.0e6);
    let sc = &mut inputs.scenario.scenario;
    sc.duration_h = 2.0;
    let f = &mut sc.hazards.fires[0];
    f.kind = FireKind::Dwelling;
    (f.floor_area_m2, f.rhr_kw_m2, f.buildings, f.occupants) = (100.0, 250.0, 1, 0);
    f.opening = Some(Opening { area_m2: 2.0, height_m: 2.0 });
    let q_fo = flashover_babrauskas_kw(2.0 * 2f64.sqrt());
    let t_fo = (q_fo / FireKind::Dwelling.alpha_kw_s2()).sqrt();
    assert!(t_fo > 300.0 && t_fo < 500.0, "t_fo {t_fo} s: the fixture is off");
    let n = 400;
    let (mut deaths, mut expected) = (0.0, 0.0);
    for seed in 1..=n {
        let o = run(&inputs, &RunOptions { seed, ..Default::default() }).unwrap();
        assert_eq!(o.metrics["fire.buildings_lost"], 1.0, "seed {seed}");
        // The loss is seen at the end of the tick in which the fire flashes over.
        let lost = o.timeline.iter().find(|e| e.text.contains("flashes over")).expect("no flashover").t;
        let ignition = o.timeline.iter().find(|e| e.kind == drill::core::EventKind::Ignition).unwrap().t;
        let went = (lost.0 - ignition.0) as f64;
        assert!(went >= t_fo && went < t_fo + 10.0, "seed {seed}: lost {went} s after ignition");
        expected += ((600.0 - went) / 540.0).clamp(0.0, 1.0);
        let died = o.metrics["people.dead_in_fire"];
        assert_eq!(died, o.metrics["people.dead"], "seed {seed}: every death here is the fire's");
        assert_eq!(o.metrics["invariants.conservation_violations"], 0.0);
        deaths += f64::from(u8::from(died > 0.0));
    }
    let (rate, p) = (deaths / f64::from(n as u32), expected / f64::from(n as u32));
    let se = (p * (1.0 - p) / f64::from(n as u32)).sqrt();
    assert!((rate - p).abs() < 4.0 * se, "death rate {rate:.3}, expected {p:.3} ± {se:.3}");
}

/// Closing the direct road to a fire sends the crew round by the detour: paired by seed over
/// 20 seeds, the first arrival is later by the detour's extra drive (247.5 s on the fixture
/// map), with a 95 % confidence interval of the difference above zero.
#[test]
fn a_cut_road_makes_the_crew_take_the_detour_and_arrive_later() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let load = |f: &str| load_inputs(&root.join(f), &root.join("tests/fixtures/fire/plan.ron")).unwrap();
    let open = {
        let mut i = load("tests/fixtures/fire/cut-road.ron");
        i.scenario.scenario.injects.clear();
        i
    };
    let cut = load("tests/fixtures/fire/cut-road.ron");
    let mut d = Vec::new();
    for seed in 1..=20 {
        let opts = RunOptions { seed, ..Default::default() };
        let (a, b) = (run(&open, &opts).unwrap(), run(&cut, &opts).unwrap());
        let key = "fire.response_time_s.warehouses";
        d.push(b.metrics[key] - a.metrics[key]);
    }
    let (m, h) = common::mean_ci95(&d);
    assert!(m - h > 0.0, "cut − open = {m:.1} ± {h:.1} s");
    let extra_s = (1950.0 / 40.0 + 2300.0 / 25.0 - 1800.0 / 25.0) * 3.6;
    assert!((m - extra_s).abs() <= 1.0, "later by {m:.1} s, the detour's extra drive is {extra_s:.1} s");
}

/// A road cut after the crew was sent, while it turns out, re-routes it: it arrives exactly as
/// if the road had been cut before the alarm (the detour from the station), not by the road
/// that is now shut.
#[test]
fn a_road_cut_while_the_crew_turns_out_re_routes_it() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let load = || {
        load_inputs(
            &root.join("tests/fixtures/fire/cut-road.ron"),
            &root.join("tests/fixtures/fire/plan.ron"),
        )
        .unwrap()
    };
    let before = load();
    let mut during = load();
    // Fire at 23:00, alarm at 23:02, turnout 3 min: the crew leaves at 23:05.
    during.scenario.scenario.injects[0].at = drill::model::When("D1 23:04".into());
    for seed in 1..=3 {
        let opts = RunOptions { seed, ..Default::default() };
        let (a, b) = (run(&before, &opts).unwrap(), run(&during, &opts).unwrap());
        let key = "fire.response_time_s.warehouses";
        assert_eq!(a.metrics[key], b.metrics[key], "seed {seed}: not re-routed as if cut before");
        assert!(
            b.timeline.iter().any(|e| e.text.contains("re-routed")),
            "seed {seed}: no re-route on record"
        );
    }
}

/// Grid workers on patrol while a warning is in force find a fire within their round: with a
/// fire that would otherwise go unnoticed for 10–60 min, a 10-minute patrol round shortens the
/// time from ignition to the alarm (report latency) — paired by seed over 20 seeds, 95 % CI of
/// the difference below zero — and never lengthens it.
#[test]
fn grid_workers_on_patrol_find_a_fire_sooner() {
    use drill::model::{Colour, HazardKind, WarningIssue, When};
    let mut with = warehouse(1.0e6);
    let sc = &mut with.scenario.scenario;
    sc.hazards.fires[0].detect_delay_s = Dist::Uniform { lo: 600.0, hi: 3600.0 };
    sc.hazards.warnings.push(WarningIssue {
        hazard: HazardKind::Rainstorm,
        colour: Colour::Blue,
        at: When("D1 22:00".into()),
        by: None,
    });
    sc.behaviour.patrol_round_min = Dist::Fixed(10.0);
    let mut without = with.clone();
    without.scenario.scenario.behaviour.patrol_round_min = Dist::Fixed(1.0e6);
    let mut d = Vec::new();
    for seed in 1..=20 {
        let opts = RunOptions { seed, ..Default::default() };
        let (a, b) = (run(&with, &opts).unwrap(), run(&without, &opts).unwrap());
        let key = "fire.report_latency_median_s";
        assert!(a.metrics[key] <= b.metrics[key], "seed {seed}: the patrol made it later");
        assert!(a.metrics[key] <= 600.0 + 60.0, "seed {seed}: not found within the round");
        d.push(a.metrics[key] - b.metrics[key]);
    }
    let (m, h) = common::mean_ci95(&d);
    assert!(m + h < 0.0, "with − without patrols = {m:.0} ± {h:.0} s");
}
