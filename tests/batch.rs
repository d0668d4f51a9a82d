//! Monte Carlo batches end to end: the same runs.csv and summary.json for any number of threads,
//! one row per run in run-index order, and runs that match a single `drill run` of their seed.

use std::path::PathBuf;
use std::process::Command;

const SCENARIO: &str = "scenarios/fengqiao/industrial-fire.ron";
const PLAN: &str = "plans/fengqiao-comprehensive.ron";

fn batch(threads: &str, out: &std::path::Path) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_drill"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "batch",
            SCENARIO,
            "--plan",
            PLAN,
            "--runs",
            "6",
            "--seed",
            "11",
            "--threads",
            threads,
            "--out",
        ])
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn one_and_two_threads_give_byte_identical_batches() {
    let dir = std::env::temp_dir().join(format!("drill-batch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let say = batch("1", &dir.join("t1"));
    assert!(say.contains("6 runs (0 failed), seed 11, 1 threads"), "{say}");
    batch("2", &dir.join("t2"));
    for f in ["runs.csv", "summary.json"] {
        let (a, b) =
            (std::fs::read(dir.join("t1").join(f)).unwrap(), std::fs::read(dir.join("t2").join(f)).unwrap());
        assert!(a == b, "{f} differs between 1 and 2 threads");
    }
    let csv = std::fs::read_to_string(dir.join("t1/runs.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 7, "a header and one row per run");
    assert!(lines[0].starts_with("run,seed,status,"));
    for (r, l) in lines[1..].iter().enumerate() {
        assert!(l.starts_with(&format!("{r},{},ok,", drill::batch::run_seed(11, r as u64))), "{l}");
    }
    // Run 3 of the batch is `drill run --seed <its seed>`: the same metrics.
    let seed = drill::batch::run_seed(11, 3);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let inputs = drill::run::load_inputs(&root.join(SCENARIO), &root.join(PLAN)).unwrap();
    let one =
        drill::run::run(&inputs, &drill::run::RunOptions { seed, nominal: false, check_every_tick: false })
            .unwrap();
    let header: Vec<&str> = lines[0].split(',').collect();
    let row: Vec<&str> = lines[4].split(',').collect();
    for (k, v) in &one.metrics {
        let i = header.iter().position(|h| h == k).unwrap_or_else(|| panic!("no column {k}"));
        assert_eq!(row[i], format!("{v}"), "{k}");
    }
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("t1/summary.json")).unwrap()).unwrap();
    assert_eq!(summary["runs_ok"], 6);
    assert!(summary["metrics"]["fire.response_time_mean_s"]["ci95_half"].as_f64().is_some());
    let _ = std::fs::remove_dir_all(&dir);
}
