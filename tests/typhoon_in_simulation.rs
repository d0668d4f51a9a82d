//! The typhoon model checked in the simulation (issue 3): a synthetic straight track at constant
//! intensity past a two-zone map. In `series.csv` the wind at the offset zone peaks at the closest
//! approach, within one tick, and the rain on the zone the centre passes over equals the
//! R-CLIPER closed-form storm total within 1 %; the gusts damage dilapidated houses there.

use drill::hazards::typhoon::straight_pass_total_mm;
use std::path::PathBuf;
use std::process::Command;

#[test]
fn a_straight_pass_peaks_at_closest_approach_and_rains_the_closed_form_total() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::temp_dir().join(format!("drill-straight-{}", std::process::id()));
    let o = Command::new(env!("CARGO_BIN_EXE_drill"))
        .current_dir(&root)
        .args([
            "run",
            "tests/fixtures/typhoon/straight.ron",
            "--plan",
            "tests/fixtures/models/plan.ron",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let mut rdr = csv::Reader::from_path(out.join("series.csv")).unwrap();
    let header = rdr.headers().unwrap().clone();
    let col =
        |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let (t, wind, rain) = (col("t_s"), col("wind_mps_command"), col("rain_total_mm_max"));
    let rows: Vec<Vec<f64>> =
        rdr.records().map(|r| r.unwrap().iter().skip(1).map(|x| x.parse().unwrap()).collect()).collect();
    let (t, wind, rain) = (t - 1, wind - 1, rain - 1); // the calendar-time column was skipped
    let peak = rows.iter().max_by(|a, b| a[wind].total_cmp(&b[wind])).unwrap();
    // Closest approach: 40 h after the first track point, which is the scenario start.
    let tick_s = 600.0;
    assert!((peak[t] - 40.0 * 3600.0).abs() <= tick_s, "wind peaks at {} s", peak[t]);
    assert!(peak[wind] > 5.0, "peak wind {} m/s", peak[wind]);
    // 35 kt at 20 km/h: 61.74 mm (models.md §1.4).
    let expected = straight_pass_total_mm(35.0, 20.0);
    assert!((expected - 61.74).abs() < 0.01);
    let total = rows.last().unwrap()[rain];
    assert!((total - expected).abs() <= 0.01 * expected, "storm total {total} mm, closed form {expected} mm");
    // Both zones are villages of 1 km² with no group named: the group column is their mean.
    let (mean, group) = (col("rain_total_mm_mean") - 1, col("rain_total_mm.village") - 1);
    let last = rows.last().unwrap();
    assert!(
        last[group] > 0.0 && (last[group] - last[mean]).abs() < 1e-9,
        "{} vs {}",
        last[group],
        last[mean]
    );
    // The gusts damage the offset zone's dilapidated houses before the peak: its 100 people
    // become should-transfer although the scenario names no transfer groups.
    let timeline = std::fs::read_to_string(out.join("timeline.csv")).unwrap();
    let damage =
        timeline.lines().find(|l| l.contains("dilapidated houses damaged")).expect("no damage event");
    let t_damage: f64 = damage.split(',').nth(1).unwrap().parse().unwrap();
    assert!(t_damage < 40.0 * 3600.0, "damaged at {t_damage} s");
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["metrics"]["evacuation.should_transfer_people"], 100.0);
    std::fs::remove_dir_all(&out).unwrap();
}

/// In-Fa with the typhoon modelled: across seeds 1–10 the modelled typhoon warnings escalate
/// in colour order ahead of the township's peak wind, and most seeds bring trees down that a
/// road-clearing team later clears.
#[test]
fn modelled_in_fa_warns_ahead_of_the_peak_and_fells_trees() {
    use drill::core::EventKind;
    use drill::run::{RunOptions, load_inputs, run};
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let inputs = load_inputs(
        &root.join("scenarios/fengqiao/typhoon-infa-modelled.ron"),
        &root.join("plans/fengqiao-comprehensive.ron"),
    )
    .unwrap();
    let (mut with_trees, mut cleared) = (0, 0);
    for seed in 1..=10 {
        let o = run(&inputs, &RunOptions { seed, ..Default::default() }).unwrap();
        let col = o.series.columns.iter().position(|c| c == "wind_mps_max").unwrap();
        let (peak_t, peak) = o
            .series
            .rows
            .iter()
            .map(|(t, r)| (*t, r[col]))
            .fold((0, 0.0), |a, b| if b.1 > a.1 { b } else { a });
        // The storm arrives, peaks inside the run and decays: light at the start, well down from
        // the peak by the end (In-Fa lingers, so not calm).
        let (first, last) = (o.series.rows[0].1[col], o.series.rows.last().unwrap().1[col]);
        assert!(peak > 15.0, "seed {seed}: peak wind {peak} m/s");
        assert!(first < 0.5 * peak && last < 0.6 * peak, "seed {seed}: {first} → {peak} → {last} m/s");
        let colours = ["blue", "yellow", "orange", "red"];
        let rank = |text: &str| colours.iter().position(|c| text.starts_with(c));
        let before_peak: Vec<usize> = o
            .timeline
            .iter()
            .filter(|e| {
                e.kind == EventKind::Warning && e.who.contains("modelled") && e.text.contains("typhoon")
            })
            .filter(|e| e.t.0 <= peak_t && !e.text.contains("lifted"))
            .filter_map(|e| rank(&e.text))
            .collect();
        assert!(!before_peak.is_empty(), "seed {seed}: no typhoon warning before the peak");
        assert!(
            before_peak.windows(2).all(|w| w[0] < w[1]),
            "seed {seed}: warnings out of order {before_peak:?}"
        );
        let felled: Vec<&str> = o
            .timeline
            .iter()
            .filter(|e| e.kind == EventKind::Road && e.text.starts_with("blocked by fallen trees"))
            .map(|e| e.place.as_str())
            .collect();
        if !felled.is_empty() {
            with_trees += 1;
        }
        // A line of trees falls once: a cleared road stays open.
        let unique: std::collections::BTreeSet<&str> = felled.iter().copied().collect();
        assert_eq!(unique.len(), felled.len(), "seed {seed}: trees fell twice on one road");
        if o.timeline.iter().any(|e| e.kind == EventKind::Road && e.text.starts_with("cleared by")) {
            cleared += 1;
        }
    }
    assert!(with_trees > 5, "trees fell in only {with_trees} of 10 seeds");
    assert!(cleared > 5, "a road-clearing team opened a cut road in only {cleared} of 10 seeds");
}

/// Power-fault fires are a Poisson process on the modelled wind: over 200 seeds the mean number
/// raised per run matches the rate integrated over every zone and tick of the storm's wind
/// (within four standard errors), and each becomes a fire that ignites on the timeline.
#[test]
fn power_fault_fires_match_the_integrated_rate() {
    use drill::core::{Clock, EventKind, setting::Setting};
    use drill::hazards::Storm;
    use drill::hazards::power::excess_rate_per_household_h;
    use drill::hazards::typhoon::gust_mps;
    use drill::run::{RunOptions, load_inputs, run, world};
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let inputs = load_inputs(
        &root.join("tests/fixtures/typhoon/power-faults.ron"),
        &root.join("tests/fixtures/models/plan.ron"),
    )
    .unwrap();
    let params = inputs.scenario.scenario.hazards.typhoon.as_ref().unwrap().power_faults.clone();

    // The expected count: Σ over ticks and zones of rate(gust(wind at the tick's end)) · dt.
    let w = world(&inputs, &RunOptions::default()).unwrap();
    let (s, storm, tick_s) = (w.resource::<Setting>(), w.resource::<Storm>(), w.resource::<Clock>().tick_s);
    let mut expected = 0.0;
    let mut t = tick_s;
    while t <= s.duration_s {
        let Some(field) = storm.field(&storm.track, t as f64) else { panic!("no storm at {t} s") };
        for z in &s.zones {
            let gust = gust_mps(field.wind_rain(z.x_m, z.y_m).0);
            expected +=
                excess_rate_per_household_h(&params, gust) * f64::from(z.households) * tick_s as f64 / 3600.0;
        }
        t += tick_s;
    }
    assert!(expected > 1.0 && expected < 20.0, "expected {expected} fires a run: the fixture is off");

    let n = 200;
    let mut total = 0u64;
    for seed in 1..=n {
        let o = run(&inputs, &RunOptions { seed, ..Default::default() }).unwrap();
        let raised = o.counts["fires_raised_in_run"];
        let ignitions = o
            .timeline
            .iter()
            .filter(|e| e.kind == EventKind::Ignition && e.text.contains("power fault"))
            .count() as u64;
        assert_eq!(ignitions, raised, "seed {seed}: every raised fire ignites");
        total += raised;
    }
    let mean = total as f64 / n as f64;
    let se = (expected / n as f64).sqrt();
    assert!((mean - expected).abs() < 4.0 * se, "mean {mean} fires a run, expected {expected} ± {se}");
}

/// Every damaged dilapidated house collapses (share 1): of the people at home in them, 10 %
/// die and 65 % are injured (HAZUS), checked over 100 seeds within four standard errors; the
/// deaths are the run's only deaths and the people are conserved.
#[test]
fn collapsed_houses_kill_and_injure_at_the_hazus_rates() {
    use drill::agents::ruin::{COLLAPSE_DEATH_RATE, COLLAPSE_INJURY_RATE};
    use drill::run::{RunOptions, load_inputs, run};
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = load_inputs(
        &root.join("tests/fixtures/typhoon/straight.ron"),
        &root.join("tests/fixtures/models/plan.ron"),
    )
    .unwrap();
    inputs.scenario.scenario.hazards.typhoon.as_mut().unwrap().house_collapse_share = 1.0.into();
    let (mut home, mut dead, mut injured) = (0.0, 0.0, 0.0);
    for seed in 1..=100 {
        let o = run(&inputs, &RunOptions { seed, ..Default::default() }).unwrap();
        let e = o.timeline.iter().find(|e| e.text.contains("brought down by the wind")).expect("no collapse");
        // "N houses brought down by the wind, H people inside: D killed, I injured"
        let nums: Vec<f64> = e
            .text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|w| !w.is_empty())
            .map(|w| w.parse().unwrap())
            .collect();
        assert_eq!(nums[0], 40.0, "seed {seed}: every house of the zone falls");
        home += nums[1];
        dead += nums[2];
        injured += nums[3];
        assert_eq!(o.metrics["people.dead_in_collapse"], nums[2]);
        assert_eq!(o.metrics["people.dead"], nums[2], "seed {seed}: only the collapse kills");
        assert_eq!(o.metrics["people.injured_in_collapse"], nums[3]);
        assert_eq!(o.metrics["invariants.conservation_violations"], 0.0);
    }
    assert!(home > 5000.0, "{home} people at home: the fixture is off");
    // Households of up to 6 people share one draw: bound the variance by that cluster size.
    for (what, got, p) in [("dead", dead, COLLAPSE_DEATH_RATE), ("injured", injured, COLLAPSE_INJURY_RATE)] {
        let se = (p * (1.0 - p) * 6.0 / home).sqrt();
        assert!(
            (got / home - p).abs() < 4.0 * se,
            "{what}: {:.4} of {home}, expected {p} ± {se:.4}",
            got / home
        );
    }
}
