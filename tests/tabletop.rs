//! The tabletop drill end to end: `drill play` driven through stdin, its recording replayed by
//! `drill run --decisions` to byte-identical outputs, a killed session resumed to the same
//! recording, contingency injects, and the cost of ordering the transfer three hours later.

mod common;

use drill::drill::recording::{Entry, Recording};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const SCENARIO: &str = "scenarios/fengqiao/typhoon-infa.ron";
/// The late-evacuation plan orders the organised transfer only at the red warning, so in a
/// tabletop the players must give it themselves.
const LATE: &str = "plans/fengqiao-late-evacuation.ron";
const COMPREHENSIVE: &str = "plans/fengqiao-comprehensive.ron";

/// A short session: an inject stop, a note, an evacuation order, a dispatch, a decision point
/// answered, an evaluator's rating, the end.
const SCRIPT: [&str; 10] = [
    "until D1 12:00",
    "note Commander convenes the joint post",
    "evacuate should-transfer organised",
    "until D2 09:00",
    "dispatch t-fq-boat to sh-fengyuan",
    "until D2 09:00",
    "choose expand-organised",
    "rate evacuation_sheltering S the roster came in late",
    "advance 1h",
    "end",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("drill-tabletop-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn drill() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_drill"));
    c.current_dir(root()).env("SOURCE_DATE_EPOCH", "1800000000");
    c
}

fn play(args: &[&str]) -> std::process::Child {
    drill()
        .args(["play", SCENARIO, "--plan", LATE])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn feed(child: &mut std::process::Child, lines: &[&str]) {
    let stdin = child.stdin.as_mut().unwrap();
    for l in lines {
        writeln!(stdin, "{l}").unwrap();
    }
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn replay(rec: &Path, out: &Path) {
    let o = drill()
        .args(["run", SCENARIO, "--plan", LATE, "--decisions"])
        .arg(rec)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_session_through_stdin_replays_to_identical_outputs_and_resumes_after_a_kill() {
    let dir = scratch("stdin");
    let (rec, out) = (dir.join("session.ron"), dir.join("play"));
    let mut child = play(&["--seed", "3", "--record", rec.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    feed(&mut child, &SCRIPT);
    let o = child.wait_with_output().unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.is_empty(), "every scripted command is valid: {stderr}");
    // The transcript: the stops, the orders taken, the decision point put up and answered.
    for want in [
        "D1 12:00> note Commander convenes the joint post",
        "stopped for an inject",
        "ordered: evacuate should-transfer organised",
        "Extend the transfer to Chenjia and Fengyuan?",
        "D2 09:00> choose expand-organised",
        "wrote ",
    ] {
        assert!(stdout.contains(want), "missing {want:?} in\n{stdout}");
    }
    let timeline = String::from_utf8(read(&out.join("timeline.csv"))).unwrap();
    for want in [
        "note,facilitator,,Commander convenes the joint post",
        "organised transfer ordered for",
        "chosen by the players",
        "rated S by the evaluator",
        // The players ordered the transfer at D1 12:00, so the county's chase is held back.
        "[infa-transfer-chase] contingency inject withheld",
    ] {
        assert!(timeline.contains(want), "missing {want:?} in the timeline");
    }
    let summary = String::from_utf8(read(&out.join("summary.json"))).unwrap();
    assert!(summary.contains("\"play\""), "summary.json carries the players' part");
    assert_eq!(read(&out.join("decisions.ron")), read(&rec), "the report folder keeps the recording");

    // Replayed twice: byte-identical to each other and to the session's own outputs.
    for k in 1..=2 {
        let again = dir.join(format!("replay{k}"));
        replay(&rec, &again);
        for f in ["summary.json", "timeline.csv", "series.csv", "report.md", "aar.md"] {
            assert!(read(&again.join(f)) == read(&out.join(f)), "replay {k}: {f} differs");
        }
    }

    // The same session killed after its fourth command and resumed ends with the same recording.
    let (rec2, out2) = (dir.join("killed.ron"), dir.join("resumed"));
    let mut child =
        play(&["--seed", "3", "--record", rec2.to_str().unwrap(), "--out", out2.to_str().unwrap()]);
    feed(&mut child, &SCRIPT[..4]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while Recording::read(&rec2).map_or(0, |r| r.commands.len()) < 4 {
        assert!(std::time::Instant::now() < deadline, "the session never saved its fourth command");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    let _ = child.wait();
    let mut child = drill()
        .args(["play", SCENARIO, "--plan", LATE, "--resume", rec2.to_str().unwrap()])
        .args(["--out", out2.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    feed(&mut child, &SCRIPT[4..]);
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("resumed 4 commands"));
    assert!(read(&rec2) == read(&rec), "the resumed session's recording differs");
    assert!(read(&out2.join("timeline.csv")) == read(&out.join("timeline.csv")));
    // A finished session is not resumed: it is replayed.
    let o = drill()
        .args(["play", SCENARIO, "--plan", LATE, "--resume", rec.to_str().unwrap()])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("the session ended at D2 10:00: nothing to resume"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_recording_of_other_inputs_or_another_seed_is_refused() {
    let dir = scratch("refuse");
    let rec = dir.join("s.ron");
    let inputs = drill::run::load_inputs(&root().join(SCENARIO), &root().join(LATE)).unwrap();
    Recording::new(&inputs, 5, false).save(&rec).unwrap();
    let o = drill()
        .args(["run", SCENARIO, "--plan", COMPREHENSIVE, "--seed", "6", "--decisions"])
        .arg(&rec)
        .arg("--out")
        .arg(dir.join("out"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("plan file fengqiao-late-evacuation.ron was recorded but is not among the inputs"),
        "{err}"
    );
    assert!(err.contains("recorded with seed 5, asked for seed 6"), "{err}");
    assert!(!dir.join("out").exists(), "nothing is written");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A run of the In-Fa scenario: the timeline as text.
fn timeline(plan: &str, rec: Option<&Recording>) -> (drill::core::Outcome, String) {
    let inputs = drill::run::load_inputs(&root().join(SCENARIO), &root().join(plan)).unwrap();
    let o = match rec {
        Some(r) => drill::run::replay(&inputs, r, None).unwrap(),
        None => drill::run::run(
            &inputs,
            &drill::run::RunOptions { seed: 1, nominal: false, check_every_tick: false },
        )
        .unwrap(),
    };
    let text = o.timeline.iter().map(|e| e.text.clone()).collect::<Vec<_>>().join("\n");
    (o, text)
}

#[test]
fn a_contingency_inject_fires_only_when_its_expected_action_is_missing() {
    const CHASE: &str = "[infa-transfer-chase] County HQ on the phone";
    const HELD: &str = "[infa-transfer-chase] contingency inject withheld";
    // The comprehensive plan orders the organised transfer at Level I (D1 12:20): held back.
    let (_, comprehensive) = timeline(COMPREHENSIVE, None);
    assert!(comprehensive.contains(HELD) && !comprehensive.contains(CHASE));
    // The late plan has ordered only advice by D1 20:00: the county chases.
    let (late, text) = timeline(LATE, None);
    assert!(text.contains(CHASE) && !text.contains(HELD));
    let chase = late.timeline.iter().find(|e| e.text.starts_with(CHASE)).unwrap();
    assert_eq!(late.calendar.label(chase.t.0), "D1 20:00");
}

/// The players' transfer on the late plan: organised at `at_s`, the second sweep ten hours on (as the
/// comprehensive plan has it).
fn transfer_at(inputs: &drill::run::Inputs, seed: u64, at_s: i64) -> Recording {
    let mut r = Recording::new(inputs, seed, false);
    for (t_s, line) in
        [(at_s, "evacuate should-transfer organised"), (at_s + 10 * 3600, "evacuate should-transfer sweep")]
    {
        r.commands.push(Entry { at: String::new(), t_s, wall: String::new(), line: line.into() });
    }
    r
}

#[test]
fn ordering_the_transfer_three_hours_later_rates_evacuation_lower() {
    let inputs = drill::run::load_inputs(&root().join(SCENARIO), &root().join(LATE)).unwrap();
    let meta = drill::report::RunMeta::new(&inputs, 1, false);
    let points = |o: &drill::core::Outcome| {
        let e = meta.evaluate(o);
        let c = e.capabilities.iter().find(|c| c.id == "evacuation_sheltering").unwrap();
        c.rating.map_or(f64::NAN, |r| [100.0, 75.0, 50.0, 0.0][r.ix()])
    };
    let share = |o: &drill::core::Outcome| o.metrics["evacuation.transferred_by_deadline_share"];
    let (mut d_points, mut d_share) = (Vec::new(), Vec::new());
    for seed in 1..=10 {
        // D1 12:00 (the province goes to Level I) against D1 15:00; the deadline is D2 06:30.
        let early = drill::run::replay(&inputs, &transfer_at(&inputs, seed, 4 * 3600), None).unwrap();
        let late = drill::run::replay(&inputs, &transfer_at(&inputs, seed, 7 * 3600), None).unwrap();
        d_points.push(points(&early) - points(&late));
        d_share.push(share(&early) - share(&late));
        eprintln!(
            "seed {seed}: {} / {}  {:.4} / {:.4}",
            points(&early),
            points(&late),
            share(&early),
            share(&late)
        );
    }
    let (m, h) = common::mean_ci95(&d_points);
    eprintln!("rating points, early − late: {m:.1} ± {h:.1}");
    assert!(m - h > 0.0, "evacuation rated higher when ordered 3 h earlier: {m:.1} ± {h:.1}");
    let (m, h) = common::mean_ci95(&d_share);
    eprintln!("share out by the deadline, early − late: {m:.4} ± {h:.4}");
    assert!(m - h > 0.0);
}
