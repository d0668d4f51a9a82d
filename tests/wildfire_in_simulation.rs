//! The forest fire on the township's rasters (issue 5): with the CA on, the burned area only
//! grows, the fire's incident takes its area from the raster, villages the front reaches become
//! should-transfer with a house fire at their edge, and a bad raster is refused with its line.

use drill::core::EventKind;
use drill::run::{RunOptions, load_inputs, run};
use std::path::PathBuf;

#[test]
fn the_modelled_forest_fire_spreads_reaches_villages_and_never_shrinks() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let inputs = load_inputs(
        &root.join("scenarios/fengqiao/forest-fire-modelled.ron"),
        &root.join("plans/fengqiao-comprehensive.ron"),
    )
    .unwrap();
    for seed in 1..=3 {
        let o = run(&inputs, &RunOptions { seed, ..Default::default() }).unwrap();
        let c = o.series.columns.iter().position(|c| c == "burned_area_ha").unwrap();
        let burned: Vec<f64> = o.series.rows.iter().map(|(_, r)| r[c]).collect();
        assert!(burned.windows(2).all(|w| w[1] >= w[0]), "seed {seed}: burned area shrank");
        assert!(*burned.last().unwrap() > 100.0, "seed {seed}: only {} ha burnt", burned.last().unwrap());
        assert_eq!(o.metrics["wildfire.burned_ha"], *burned.last().unwrap());
        let reached: Vec<&str> = o
            .timeline
            .iter()
            .filter(|e| e.kind == EventKind::Ignition && e.text.starts_with("the forest fire front reaches"))
            .map(|e| e.place.as_str())
            .collect();
        assert!(reached.contains(&"fq-xiao"), "seed {seed}: the front never reached Xi'ao: {reached:?}");
        for z in &reached {
            let house = format!("fire front-{z} starts");
            assert!(
                o.timeline.iter().any(|e| e.text.starts_with(&house)),
                "seed {seed}: no house fire at {z}"
            );
        }
        // The ff-qingming incident follows the raster: its series area is the burning cells'.
        let a = o.series.columns.iter().position(|c| c == "fire_area_m2.ff-qingming").unwrap();
        assert!(o.series.rows.iter().any(|(_, r)| r[a] > 10_000.0), "seed {seed}: the incident never grew");
    }
}

#[test]
fn a_bad_raster_is_refused_with_its_line_and_column() {
    let dir = std::env::temp_dir().join(format!("drill-raster-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("rasters")).unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/fengqiao");
    for f in [
        "map.ron",
        "township.ron",
        "forest-fire.ron",
        "forest-fire-modelled.ron",
        "rasters/density.asc",
        "rasters/elevation.asc",
    ] {
        std::fs::copy(root.join(f), dir.join(f)).unwrap();
    }
    let fuel = std::fs::read_to_string(root.join("rasters/fuel.asc")).unwrap();
    let bad = fuel.replacen("\n6 ", "\nsix ", 1);
    std::fs::write(dir.join("rasters/fuel.asc"), bad).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_drill"))
        .arg("validate")
        .arg(dir.join("forest-fire-modelled.ron"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("rasters/fuel.asc:7:1: expected a number, found \"six\""), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
