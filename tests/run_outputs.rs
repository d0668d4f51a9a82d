//! `drill run` end to end: every shipped scenario runs with the comprehensive plan and writes
//! its four files; one seed gives byte-identical files, from any working directory; another
//! seed gives different metrics.

use std::path::{Path, PathBuf};
use std::process::Command;

const SCENARIOS: [&str; 4] = ["typhoon-infa", "flood-june", "industrial-fire", "forest-fire"];
const FILES: [&str; 4] = ["summary.json", "timeline.csv", "series.csv", "report.md"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("drill-run-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Run `drill run` in `cwd` with the given scenario and plan paths; returns the output folder.
fn run(cwd: &Path, scenario: &Path, plan: &Path, seed: u64, out: &Path) -> PathBuf {
    let o = Command::new(env!("CARGO_BIN_EXE_drill"))
        .current_dir(cwd)
        .arg("run")
        .arg(scenario)
        .arg("--plan")
        .arg(plan)
        .args(["--seed", &seed.to_string(), "--out"])
        .arg(out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "drill run failed: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    out.to_path_buf()
}

fn read(dir: &Path, f: &str) -> Vec<u8> {
    std::fs::read(dir.join(f)).unwrap_or_else(|e| panic!("{}/{f}: {e}", dir.display()))
}

fn metrics(dir: &Path) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_slice(&read(dir, "summary.json")).unwrap();
    v["metrics"].clone()
}

#[test]
fn shipped_files_validate() {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["scenarios/fengqiao", "plans"] {
        for e in std::fs::read_dir(root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "ron") {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 9, "{files:?}");
    let o = Command::new(env!("CARGO_BIN_EXE_drill")).arg("validate").args(&files).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn every_scenario_runs_and_writes_four_files() {
    let tmp = scratch("four");
    for s in SCENARIOS {
        let scen = root().join(format!("scenarios/fengqiao/{s}.ron"));
        let out = run(&root(), &scen, &root().join("plans/fengqiao-comprehensive.ron"), 1, &tmp.join(s));
        for f in FILES {
            assert!(!read(&out, f).is_empty(), "{s}: {f} is empty");
        }
        let m = metrics(&out);
        assert!(m["invariants.conservation_violations"] == 0.0, "{s}: {m}");
    }
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn one_seed_gives_identical_files_from_any_working_directory() {
    let tmp = scratch("determinism");
    let (scen_rel, plan_rel) =
        (Path::new("scenarios/fengqiao/typhoon-infa.ron"), Path::new("plans/fengqiao-comprehensive.ron"));
    let a = run(&root(), scen_rel, plan_rel, 7, &tmp.join("a"));
    let b = run(&root(), scen_rel, plan_rel, 7, &tmp.join("b"));
    // From another working directory, naming the inputs by absolute path.
    let elsewhere = scratch("elsewhere");
    let c = run(&elsewhere, &root().join(scen_rel), &root().join(plan_rel), 7, &tmp.join("c"));
    for f in FILES {
        assert!(read(&a, f) == read(&b, f), "{f} differs between two runs with one seed");
        assert!(read(&a, f) == read(&c, f), "{f} differs when run from another working directory");
    }
    let d = run(&root(), scen_rel, plan_rel, 8, &tmp.join("d"));
    assert_ne!(metrics(&a), metrics(&d), "seed 8 gave the same metrics as seed 7");
    std::fs::remove_dir_all(&tmp).unwrap();
    std::fs::remove_dir_all(&elsewhere).unwrap();
}

#[test]
fn bad_inputs_to_run_exit_1_with_nothing_written() {
    let tmp = scratch("bad");
    let out = tmp.join("never");
    let o = Command::new(env!("CARGO_BIN_EXE_drill"))
        .current_dir(root())
        .args(["run", "scenarios/fengqiao/typhoon-infa.ron", "--plan", "plans/missing.ron", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("plans/missing.ron: no such file"));
    assert!(!out.exists());
    let usage = Command::new(env!("CARGO_BIN_EXE_drill")).args(["run", "--bogus"]).output().unwrap();
    assert_eq!(usage.status.code(), Some(1), "a usage error is bad input, exit 1");
    std::fs::remove_dir_all(&tmp).unwrap();
}
