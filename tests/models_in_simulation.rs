//! Models checked in the simulation that uses them (DESIGN §11): the warned share of 10,000
//! simulated households against the Bass curve, departures against the Rayleigh delay, and
//! people conserved — counted from the households' own states — in every shipped scenario.

use bevy_ecs::prelude::*;
use drill::agents::household::bass_f;
use drill::agents::{Evac, Household, Place};
use drill::run::{Inputs, RunOptions, load_inputs, simulate};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn inputs(scenario: &str, plan: &str) -> Inputs {
    load_inputs(&root().join(scenario), &root().join(plan)).unwrap_or_else(|e| panic!("{e}"))
}

fn households(w: &mut World) -> Vec<(Household, Evac)> {
    let mut q = w.query::<(&Household, &Evac)>();
    let mut v: Vec<_> = q.iter(w).map(|(h, e)| (*h, e.clone())).collect();
    v.sort_by_key(|(h, _)| h.id);
    v
}

fn big_village(seed: u64) -> Vec<(Household, Evac)> {
    let i = inputs("tests/fixtures/models/bass.ron", "tests/fixtures/models/plan.ron");
    let mut w = simulate(&i, &RunOptions { seed, ..Default::default() }).unwrap();
    households(&mut w).into_iter().filter(|(h, _)| h.zone.0 == 0).collect()
}

#[test]
fn warned_share_follows_the_bass_curve_with_reach() {
    let hh = big_village(11);
    let n = hh.len() as f64;
    assert_eq!(n, 10_000.0);
    // Reach M = 0.95 by day: F(t) = M·g(t; p, q·M) (models.md §4.1 and §7).
    let (p, q, m) = (0.05, 0.15, 0.95);
    for t_min in [5.0, 10.0, 20.0, 30.0, 60.0] {
        let expected = m * bass_f(p, q * m, t_min);
        let warned = hh.iter().filter(|(_, e)| e.warned_s.is_some_and(|w| w as f64 <= t_min * 60.0)).count()
            as f64
            / n;
        // 99.99 % binomial interval: ±3.9 standard errors.
        let half = 3.9 * (expected * (1.0 - expected) / n).sqrt();
        assert!(
            (warned - expected).abs() <= half,
            "t = {t_min} min: warned {warned:.4}, Bass {expected:.4} ± {half:.4}"
        );
    }
    // Nobody beyond the reach hears a broadcast.
    let never = hh.iter().filter(|(_, e)| e.warned_s.is_none()).count() as f64 / n;
    assert!((never - (1.0 - m)).abs() < 3.9 * (m * (1.0 - m) / n).sqrt(), "never warned: {never}");
}

#[test]
fn departures_follow_the_rayleigh_preparation_delay() {
    let hh = big_village(12);
    let sigma_s = 30.0 * 60.0;
    let mut delays: Vec<f64> =
        hh.iter().filter_map(|(_, e)| Some((e.depart_plan_s? - e.decided_s?) as f64)).collect();
    delays.sort_by(f64::total_cmp);
    let n = delays.len() as f64;
    assert!(n > 9_000.0, "{n} departures");
    // Kolmogorov–Smirnov distance to F(t) = 1 − exp(−t²/2σ²); times are whole seconds, so
    // allow 2 s of rounding on the scale of σ = 1,800 s.
    let cdf = |t: f64| 1.0 - (-(t * t) / (2.0 * sigma_s * sigma_s)).exp();
    let d = delays
        .iter()
        .enumerate()
        .map(|(i, &t)| {
            let (lo, hi) = (cdf(t - 2.0), cdf(t + 2.0));
            ((i as f64 + 1.0) / n - lo).max(hi - i as f64 / n)
        })
        .fold(0.0, f64::max);
    // Critical value at α = 0.01: 1.628/√n.
    assert!(d < 1.628 / n.sqrt(), "KS distance {d:.4} exceeds {:.4}", 1.628 / n.sqrt());
}

#[test]
fn people_are_conserved_every_tick_in_every_shipped_scenario() {
    for s in ["typhoon-infa", "flood-june", "industrial-fire", "forest-fire"] {
        for p in ["fengqiao-comprehensive", "fengqiao-late-evacuation", "fengqiao-no-micro-stations"] {
            let i = inputs(&format!("scenarios/fengqiao/{s}.ron"), &format!("plans/{p}.ron"));
            let initial: u64 = i
                .scenario
                .map
                .zones
                .iter()
                .filter(|z| z.households > 0)
                .map(|z| u64::from(z.population))
                .sum();
            let mut w =
                simulate(&i, &RunOptions { seed: 3, nominal: false, check_every_tick: true }).unwrap();
            let obs = w.resource::<drill::run::observe::Observer>();
            assert!(
                obs.violations.is_empty(),
                "{s} × {p}: {:?}",
                &obs.violations[..obs.violations.len().min(3)]
            );
            // And at the end, counted once more from the entities.
            let hh = households(&mut w);
            let total: u64 = hh.iter().map(|(h, _)| u64::from(h.size)).sum();
            assert_eq!(total, initial, "{s} × {p}");
            let moved =
                hh.iter().filter(|(_, e)| matches!(e.place, Place::Shelter(_) | Place::Relatives)).count();
            assert!(moved > 0, "{s} × {p}: nobody moved");
        }
    }
}

#[test]
fn same_inputs_give_the_same_world() {
    let i = inputs("scenarios/fengqiao/flood-june.ron", "plans/fengqiao-comprehensive.ron");
    let a = households(&mut simulate(&i, &RunOptions { seed: 5, ..Default::default() }).unwrap());
    let b = households(&mut simulate(&i, &RunOptions { seed: 5, ..Default::default() }).unwrap());
    let key = |v: &[(Household, Evac)]| {
        v.iter().map(|(h, e)| (h.id, e.warned_s, e.departed_s, e.arrived_s)).collect::<Vec<_>>()
    };
    assert_eq!(key(&a), key(&b));
}

/// 2,000 cars leaving at once over one link of 600 veh/h: the link passes them at its capacity,
/// never faster, so the last reaches the shelter 2,000/600 h = 200 min after the first (± one
/// tick), the rest waiting their turn. With everyday traffic taking a quarter of the capacity
/// by day they get 450 veh/h and the last is 266.7 min behind the first — unless the plan's
/// five stops (五停), ordered with the transfer, have cleared the road.
#[test]
fn two_thousand_cars_clear_a_600_vph_link_in_200_minutes() {
    // (background share, five stops, expected span, tolerance): the five stops come into force
    // at the end of the order's first ticks, so the first cars still share the road.
    let stops =
        [(0.0, false, 200.0, 1.0), (0.25, false, 2000.0 / 450.0 * 60.0, 1.0), (0.25, true, 202.5, 2.5)];
    for (background, five_stops, expected_min, tolerance) in stops {
        let mut i = inputs("tests/fixtures/models/bass.ron", "tests/fixtures/models/plan.ron");
        let big = &mut i.scenario.map.zones[0];
        (big.population, big.households, big.car_share) = (2000, 2000, 1.0);
        i.scenario.map.links[0].capacity_vph = 600.0;
        i.scenario.map.facilities[2].capacity_people = Some(5000);
        let b = &mut i.scenario.scenario.behaviour;
        b.warning_reach_day = 1.0.into();
        b.shelter_share = 1.0.into();
        b.prep_sigma_min = 0.01.into();
        b.background_traffic_share = background.into();
        i.scenario.scenario.duration_h = 6.0; // to 14:00, all by day
        if five_stops {
            use drill::model::{Action, HazardKind, Level, LevelRule, Module, Trigger};
            let p = &mut i.plan.plan;
            p.organisation.decision_delay_min = 0.0.into();
            p.levels.push(LevelRule {
                jurisdiction: "township".into(),
                hazard: HazardKind::Flood,
                level: Level::I,
                when: Trigger::Inject { id: "order".into() },
                change: Default::default(),
            });
            p.modules.push(Module {
                hazard: HazardKind::Flood,
                level: Level::I,
                actions: vec![Action::FiveStops],
            });
        }
        let mut w = simulate(&i, &RunOptions { seed: 3, ..Default::default() }).unwrap();
        let arrived: Vec<i64> = households(&mut w)
            .iter()
            .filter(|(h, _)| h.zone.0 == 0)
            .filter_map(|(_, e)| e.arrived_s)
            .collect();
        assert_eq!(arrived.len(), 2000, "not everyone arrived");
        let (first, last) = (*arrived.iter().min().unwrap(), *arrived.iter().max().unwrap());
        let span_min = (last - first) as f64 / 60.0;
        assert!(
            (span_min - expected_min).abs() <= tolerance,
            "background {background}, five stops {five_stops}: the last car arrived {span_min:.1} min after the first, expected {expected_min:.1}"
        );
    }
}

/// With a 10 s tick the warned share of the 10,000 households tracks M·g(t) within 2
/// percentage points at every minute of the first two hours.
#[test]
fn warned_share_tracks_bass_every_minute_at_a_10_s_tick() {
    let mut i = inputs("tests/fixtures/models/bass.ron", "tests/fixtures/models/plan.ron");
    i.scenario.scenario.tick_s = 10;
    i.scenario.scenario.duration_h = 2.0;
    let mut w = simulate(&i, &RunOptions { seed: 5, ..Default::default() }).unwrap();
    let hh: Vec<_> = households(&mut w).into_iter().filter(|(h, _)| h.zone.0 == 0).collect();
    let n = hh.len() as f64;
    let (p, q, m) = (0.05, 0.15, 0.95);
    let mut worst: f64 = 0.0;
    for t_min in 1..=120 {
        let t = f64::from(t_min);
        let warned =
            hh.iter().filter(|(_, e)| e.warned_s.is_some_and(|w| w as f64 <= t * 60.0)).count() as f64 / n;
        worst = worst.max((warned - m * bass_f(p, q * m, t)).abs());
    }
    assert!(worst <= 0.02, "largest gap to the Bass curve {:.2} percentage points", 100.0 * worst);
}
