//! Monte Carlo batches end to end: the same files for any number of threads; four shards (as
//! separate processes, some told their index by a scheduler's environment variables) merged
//! equal one batch; a batch killed mid-way and resumed equals an uninterrupted one; merge
//! refuses a missing shard and a shard of another seed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SCENARIO: &str = "scenarios/fengqiao/industrial-fire.ron";
const PLAN: &str = "plans/fengqiao-comprehensive.ron";
const FILES: [&str; 4] = ["runs.csv", "summary.json", "runs.jsonl", "report.html"];

fn drill(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_drill"));
    c.current_dir(env!("CARGO_MANIFEST_DIR")).args(args);
    // The tests' own environment may be a Slurm job: only what a test sets counts.
    for k in ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "JOB_COMPLETION_INDEX"] {
        c.env_remove(k);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    c
}

fn batch(runs: &str, seed: &str, out: &Path, extra: &[&str], env: &[(&str, &str)]) -> Output {
    let mut args = vec!["batch", SCENARIO, "--plan", PLAN, "--runs", runs, "--seed", seed, "--out"];
    let out = out.to_str().unwrap();
    args.push(out);
    args.extend(extra);
    drill(&args, env).output().unwrap()
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn same(a: &Path, b: &Path, what: &str) {
    for f in FILES {
        let (x, y) = (std::fs::read(a.join(f)).unwrap(), std::fs::read(b.join(f)).unwrap());
        assert!(x == y, "{f} differs: {what}");
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("drill-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn one_and_two_threads_give_byte_identical_batches() {
    let dir = scratch("threads");
    let say = ok(batch("6", "11", &dir.join("t1"), &["--threads", "1"], &[]));
    assert!(say.contains("6 runs (0 failed), seed 11, 1 threads"), "{say}");
    ok(batch("6", "11", &dir.join("t2"), &["--threads", "2"], &[]));
    same(&dir.join("t1"), &dir.join("t2"), "between 1 and 2 threads");
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
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("t1/manifest.json")).unwrap()).unwrap();
    assert_eq!((manifest["complete"].as_bool(), manifest["runs_done"].as_u64()), (Some(true), Some(6)));
    // The folder is not overwritten by accident…
    let o = batch("6", "11", &dir.join("t1"), &[], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("holds a batch (6 of 6 runs done, complete): --resume")
    );
    // …and --resume on a complete folder runs nothing and writes the same files.
    let say = ok(batch("6", "11", &dir.join("t1"), &["--resume"], &[]));
    assert!(say.contains("6 found done in the folder"), "{say}");
    same(&dir.join("t1"), &dir.join("t2"), "after a resume of a complete batch");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn four_shards_in_separate_processes_merge_to_the_one_machine_batch() {
    let dir = scratch("shards");
    let (sh, one) = (dir.join("sharded"), dir.join("one"));
    ok(batch("7", "5", &one, &["--threads", "2"], &[]));
    // Shard 0 and 1 by flag; shard 2 as a Kubernetes Indexed Job; shard 3 as a Slurm array task.
    let say = ok(batch("7", "5", &sh, &["--shard", "0/4", "--threads", "1"], &[]));
    assert!(say.contains("2 runs (0 failed), seed 5, shard 0/4"), "{say}");
    ok(batch("7", "5", &sh, &["--shard", "1/4", "--threads", "1"], &[]));
    ok(batch("7", "5", &sh, &["--shards", "4", "--threads", "1"], &[("JOB_COMPLETION_INDEX", "2")]));
    let env = [("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "4")];
    let say = ok(batch("7", "5", &sh, &["--threads", "1"], &env));
    assert!(say.contains("1 runs (0 failed), seed 5, shard 3/4"), "{say}");
    let lines = |p: PathBuf| std::fs::read_to_string(p).unwrap().lines().count();
    assert_eq!(lines(sh.join("shard-3-of-4/runs.jsonl")), 1, "run 3 only");
    assert_eq!(lines(sh.join("shard-1-of-4/runs.jsonl")), 2, "runs 1 and 5");

    // More shards than runs: the last shard has none, and says so in an empty journal.
    let say = ok(batch("3", "5", &dir.join("few"), &["--shard", "3/4"], &[]));
    assert!(say.contains("0 runs (0 failed)"), "{say}");
    assert_eq!(std::fs::read(dir.join("few/shard-3-of-4/runs.jsonl")).unwrap(), b"");

    // A missing shard and a shard of another seed are refused, every reason given, nothing written.
    let other = dir.join("other");
    ok(batch("7", "6", &other, &["--shard", "1/4", "--threads", "1"], &[]));
    let merged = dir.join("merged");
    let o = drill(
        &[
            "merge",
            sh.join("shard-0-of-4").to_str().unwrap(),
            other.join("shard-1-of-4").to_str().unwrap(),
            sh.join("shard-2-of-4").to_str().unwrap(),
            "--out",
            merged.to_str().unwrap(),
        ],
        &[],
    )
    .output()
    .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("not a shard of the same batch as") && err.contains("seed 6 against 5"), "{err}");
    assert!(err.contains("shard 1 of 4 is missing") && err.contains("shard 3 of 4 is missing"), "{err}");
    assert!(!merged.exists(), "nothing written");

    let say =
        ok(drill(&["merge", sh.to_str().unwrap(), "--out", merged.to_str().unwrap()], &[]).output().unwrap());
    assert!(say.contains("merged 4 shards: 7 runs, seed 5"), "{say}");
    same(&merged, &one, "merged shards against one machine");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_batch_killed_mid_way_and_resumed_equals_an_uninterrupted_one() {
    let dir = scratch("resume");
    let (whole, killed) = (dir.join("whole"), dir.join("killed"));
    ok(batch("12", "3", &whole, &["--threads", "2"], &[]));
    let out = killed.to_str().unwrap();
    let mut child = drill(
        &["batch", SCENARIO, "--plan", PLAN, "--runs", "12", "--seed", "3", "--threads", "1", "--out", out],
        &[],
    )
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::null())
    .spawn()
    .unwrap();
    let journal = killed.join("runs.jsonl");
    let start = std::time::Instant::now();
    while std::fs::read_to_string(&journal).map_or(0, |t| t.lines().count()) < 3 {
        assert!(start.elapsed().as_secs() < 120, "no progress");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let manifest = std::fs::read_to_string(killed.join("manifest.json")).unwrap();
    assert!(manifest.contains("\"complete\": false"), "killed before the end");
    assert!(!killed.join("summary.json").exists(), "no summary of a batch not finished");
    // Going on without --resume is refused, saying how far the batch got.
    let o = batch("12", "3", &killed, &[], &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    let done = std::fs::read_to_string(&journal).unwrap().lines().count();
    assert!(err.contains(&format!("holds a batch ({done} of 12 runs done): --resume")), "{err}");
    // A kill in the middle of a write leaves part of a line: add one.
    let text = std::fs::read_to_string(&journal).unwrap();
    let done = text.lines().count();
    assert!(done < 12, "killed before the end");
    let next = text.lines().next().unwrap();
    std::fs::write(&journal, format!("{text}{}", &next[..next.len() / 2])).unwrap();

    let say = ok(batch("12", "3", &killed, &["--resume", "--threads", "2"], &[]));
    assert!(say.contains(&format!("{done} found done in the folder")), "{say}");
    same(&killed, &whole, "resumed against uninterrupted");
    // Resuming with another seed is refused.
    let o = batch("12", "4", &killed, &["--resume"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("seed 4 against 3"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn until_halfwidth_stops_at_the_first_run_meeting_it_and_the_cap_holds_otherwise() {
    let dir = scratch("until");
    let f = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crn");
    let (scenario, plan) = (f.join("scenario.ron"), f.join("plan-a.ron"));
    let run = |until: &str, out: &Path| {
        drill(
            &[
                "batch",
                scenario.to_str().unwrap(),
                "--plan",
                plan.to_str().unwrap(),
                "--runs",
                "30",
                "--seed",
                "2",
                "--until-halfwidth",
                until,
                "--out",
                out.to_str().unwrap(),
            ],
            &[],
        )
        .output()
        .unwrap()
    };
    let summary = |out: &Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap()
    };
    // A loose half-width is met as soon as the rule applies (20 runs); the statistics agree.
    let say = ok(run("evacuation.transferred_share=0.5", &dir.join("loose")));
    assert!(say.contains("20 runs (0 failed)") && say.contains("≤ 0.5 after 20 runs"), "{say}");
    let s = summary(&dir.join("loose"));
    assert_eq!((s["runs"].as_u64(), s["stopping"]["met"].as_bool()), (Some(20), Some(true)));
    assert!(s["metrics"]["evacuation.transferred_share"]["ci95_half"].as_f64().unwrap() <= 0.5);
    // One no batch can meet runs to the cap and says so.
    let say = ok(run("evacuation.time_to_90pct_h=0.0000001", &dir.join("tight")));
    assert!(say.contains("30 runs (0 failed)") && say.contains("(the --runs cap): not met"), "{say}");
    let s = summary(&dir.join("tight"));
    assert_eq!((s["runs"].as_u64(), s["stopping"]["met"].as_bool()), (Some(30), Some(false)));
    let o = run("evacuation.transferred_sahre=0.1", &dir.join("bad"));
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("(did you mean \"evacuation.transferred_share\"?)"));
    let _ = std::fs::remove_dir_all(&dir);
}
