//! `drill audit` end to end: the shipped typhoon scenario with the comprehensive plan prints
//! every section and its findings and exits 0; bad input is a message and exit 1, not a panic.

use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn audit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_drill")).current_dir(root()).arg("audit").args(args).output().unwrap()
}

#[test]
fn the_shipped_typhoon_and_plan_are_audited_section_by_section() {
    let o = audit(&["scenarios/fengqiao/typhoon-infa.ron", "--plan", "plans/fengqiao-comprehensive.ron"]);
    let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
    for header in [
        "audit of plan \"Fengqiao township comprehensive plan\"",
        "teams: the 20-person rule",
        "shelters: capacity against the should-transfer population",
        "supplies: stocks against the norms for 3 days",
        "levels: actions of the plan's modules",
        "micro fire stations: built-up areas and industrial parks",
        "\nfindings\n",
    ] {
        assert!(out.contains(header), "{header:?} missing from\n{out}");
    }
    // The 24-person team (18 + 6) meets the rule; every team is listed with its size.
    assert!(out.contains("t-fq-rescue 18 + t-fq-boat 6 = 24 members, meets the rule of 20"), "{out}");
    assert!(out.contains("t-mf-nanshan"));
    // The last line counts the numbered findings above it.
    let numbered = out.lines().filter(|l| l.trim_start().split(". [").count() == 2).count();
    let last = out.lines().last().unwrap();
    assert_eq!(last, format!("{numbered} findings"), "{out}");
    // --days changes the supplies section.
    let o = audit(&[
        "scenarios/fengqiao/typhoon-infa.ron",
        "--plan",
        "plans/fengqiao-comprehensive.ron",
        "--days",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("supplies: stocks against the norms for 1 day,"));
}

#[test]
fn bad_input_is_a_message_and_exit_1() {
    let cases: [(&[&str], &str); 3] = [
        (
            &[
                "scenarios/fengqiao/typhoon-infa.ron",
                "--plan",
                "plans/fengqiao-comprehensive.ron",
                "--days",
                "0",
            ],
            "--days: expected a positive number of days, got 0",
        ),
        (&["scenarios/fengqiao/typhoon-infa.ron", "--plan", "plans/no-such-plan.ron"], "no-such-plan.ron"),
        (&["scenarios/fengqiao/typhoon-infa.ron"], "--plan"),
    ];
    for (args, message) in cases {
        let o = audit(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn the_shipped_township_coverage_prints_its_table_and_writes_its_map() {
    let svg = std::env::temp_dir().join(format!("drill-coverage-{}.svg", std::process::id()));
    let o = Command::new(env!("CARGO_BIN_EXE_drill"))
        .current_dir(root())
        .args([
            "coverage",
            "scenarios/fengqiao/typhoon-infa.ron",
            "--plan",
            "plans/fengqiao-comprehensive.ron",
        ])
        .arg("--svg")
        .arg(&svg)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("Within 15 min") || out.contains("within 15 min"), "{out}");
    assert!(out.contains("outside the 15-minute circle: fq-dazhuyuan"), "{out}");
    let map = std::fs::read_to_string(&svg).unwrap();
    assert!(map.starts_with("<svg") && map.trim_end().ends_with("</svg>"));
    // Every inhabited zone is drawn, the villages outside the circle in the outside colour.
    assert!(map.contains("Dazhuyuan Village") && map.contains("#d73027"), "{map}");
    std::fs::remove_file(&svg).unwrap();
}
