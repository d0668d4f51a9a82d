//! Comparing plans with common random numbers: a plan change confined to one zone's shelter
//! leaves every other zone's results bit-identical run by run (each household draws from its own
//! stream), identical plans differ by exactly zero, and `drill compare` writes its verdicts.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn inputs(plan: &str) -> drill::run::Inputs {
    let f = root().join("tests/fixtures/crn");
    drill::run::load_inputs(&f.join("scenario.ron"), &f.join(plan)).unwrap()
}

/// Every field of a zone's result, floats as bits (NaN equals NaN).
fn bits(z: &drill::core::ZoneResult) -> Vec<u64> {
    vec![
        z.people,
        z.warned,
        z.left,
        z.out,
        z.out_by_deadline,
        z.sheltered,
        z.with_relatives,
        z.at_home,
        z.dead,
        u64::from(z.should_transfer),
        z.departure_mean_h.to_bits(),
        z.arrival_mean_h.to_bits(),
    ]
}

#[test]
fn a_change_to_one_zones_shelter_leaves_every_other_zone_bit_identical_run_by_run() {
    let (a, b) = (inputs("plan-a.ron"), inputs("plan-b.ron"));
    let mut changed = 0;
    for r in 0..12 {
        let seed = drill::batch::run_seed(7, r);
        let opts = drill::run::RunOptions { seed, nominal: false, check_every_tick: false };
        let (oa, ob) = (drill::run::run(&a, &opts).unwrap(), drill::run::run(&b, &opts).unwrap());
        assert_eq!(oa.zones.len(), 4);
        for (za, zb) in oa.zones.iter().zip(&ob.zones) {
            if za.id == "xq-nanwan" {
                changed += usize::from(bits(za) != bits(zb));
                continue;
            }
            assert_eq!(bits(za), bits(zb), "run {r}: zone {} moved with a change to Nanwan's shelter", za.id);
        }
    }
    // The change is real: Nanwan's people fare differently when their hall opens later.
    assert!(changed >= 10, "Nanwan differed in {changed} of 12 runs");
}

fn compare(plans: &[&str], extra: &[&str], out: &std::path::Path) -> String {
    let f = root().join("tests/fixtures/crn");
    let mut c = Command::new(env!("CARGO_BIN_EXE_drill"));
    c.arg("compare").arg(f.join("scenario.ron"));
    for p in plans {
        c.arg("--plan").arg(f.join(p));
    }
    let o = c
        .args(["--runs", "8", "--seed", "7", "--threads", "2"])
        .args(extra)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn drill_compare_pairs_runs_identical_plans_differ_by_zero_and_independent_runs_do_not_pair() {
    let dir = std::env::temp_dir().join(format!("drill-compare-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    // The same plan twice: every paired difference is exactly 0 (models.md §6.1's check).
    let say = compare(&["plan-a.ron", "plan-a.ron"], &[], &dir.join("same"));
    assert!(say.contains("2 plans × 8 runs (0 failed), seed 7, common random numbers"), "{say}");
    let csv = std::fs::read_to_string(dir.join("same/differences.csv")).unwrap();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let head = rows.headers().unwrap().clone();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let mut n = 0;
    for r in rows.records() {
        let r = r.unwrap();
        assert_eq!((&r[col("diff_mean")], &r[col("diff_sd")]), ("0", "0"), "{}", &r[col("metric")]);
        n += 1;
    }
    assert!(n > 20, "{n} metrics compared");
    for f in
        ["comparison.md", "comparison.json", "forest.svg", "0-plan-a/runs.csv", "1-plan-a#1/summary.json"]
    {
        assert!(dir.join("same").join(f).exists(), "{f}");
    }
    // A against B: Nanwan's hall opening later costs evacuation time, never gains it; the
    // comparison lists each objective with its verdict.
    compare(&["plan-a.ron", "plan-b.ron"], &[], &dir.join("ab"));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ab/comparison.json")).unwrap()).unwrap();
    assert_eq!(doc["common_random_numbers"], true);
    let objectives = doc["objectives"].as_array().unwrap();
    assert!(!objectives.is_empty());
    for o in objectives {
        assert!(o["verdict"] != "better", "plan B cannot do better on {}", o["metric"]);
    }
    let svg = std::fs::read_to_string(dir.join("ab/forest.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("plan-b"));
    // Independent runs: plan B's runs have seeds of their own, so even identical plans differ.
    compare(&["plan-a.ron", "plan-a.ron"], &["--independent"], &dir.join("indep"));
    let csv = std::fs::read_to_string(dir.join("indep/differences.csv")).unwrap();
    assert!(csv.lines().skip(1).any(|l| !l.contains(",0,0,")), "independent runs differ");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn drill_sweep_runs_every_cell_on_the_same_runs_and_tabulates_the_chosen_metrics() {
    let dir = std::env::temp_dir().join(format!("drill-sweep-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let f = root().join("tests/fixtures/crn");
    let o = Command::new(env!("CARGO_BIN_EXE_drill"))
        .arg("sweep")
        .arg(f.join("scenario.ron"))
        .arg("--plan")
        .arg(f.join("plan-a.ron"))
        .args(["--set", "organisation.decision_delay_min=5,120", "--runs", "4", "--seed", "3"])
        .args(["--metric", "evacuation.first_order_h", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let say = String::from_utf8_lossy(&o.stdout);
    assert!(say.contains("2 cells × 4 runs (0 failed), seed 3"), "{say}");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("sweep.json")).unwrap()).unwrap();
    assert_eq!(doc["cells"], serde_json::json!(["decision_delay_min=5", "decision_delay_min=120"]));
    let r = &doc["results"][1];
    assert_eq!(r["metric"], "evacuation.first_order_h");
    // The same runs with a decision 115 min slower: the first order comes later in every run.
    let d = r["diff_first"]["ci95_lo"].as_f64().unwrap();
    assert!(d > 1.0, "first order later by {d} h");
    assert!(dir.join("cells/1/runs.csv").exists() && dir.join("sweep.svg").exists());
    // A path that names nothing is refused before anything runs.
    let o = Command::new(env!("CARGO_BIN_EXE_drill"))
        .arg("sweep")
        .arg(f.join("scenario.ron"))
        .arg("--plan")
        .arg(f.join("plan-a.ron"))
        .args(["--set", "organisaton.decision_delay_min=5", "--runs", "2", "--out"])
        .arg(dir.join("bad"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("(did you mean \"organisation\"?)"), "{err}");
    assert!(!dir.join("bad").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
