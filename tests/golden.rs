//! The example report in `reports/example/` is what `drill run` writes today for the typhoon
//! scenario with the comprehensive plan and seed 1. When a model changes on purpose, regenerate
//! it explicitly: `DRILL_BLESS=1 cargo nextest run --test golden` — never silently.

use std::path::PathBuf;
use std::process::Command;

const FILES: [&str; 7] =
    ["summary.json", "timeline.csv", "series.csv", "zones.csv", "report.md", "aar.md", "report.html"];

#[test]
fn the_example_report_is_what_run_writes() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::temp_dir().join(format!("drill-golden-{}", std::process::id()));
    let o = Command::new(env!("CARGO_BIN_EXE_drill"))
        .current_dir(&root)
        .args([
            "run",
            "scenarios/fengqiao/typhoon-infa.ron",
            "--plan",
            "plans/fengqiao-comprehensive.ron",
            "--seed",
            "1",
        ])
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let example = root.join("reports/example");
    let bless = std::env::var_os("DRILL_BLESS").is_some();
    for f in FILES {
        let fresh = std::fs::read(out.join(f)).unwrap();
        if bless {
            std::fs::create_dir_all(&example).unwrap();
            std::fs::write(example.join(f), &fresh).unwrap();
        } else {
            let kept = std::fs::read(example.join(f)).unwrap_or_default();
            assert!(
                kept == fresh,
                "reports/example/{f} differs from a fresh run: if the change is intended, regenerate with DRILL_BLESS=1"
            );
        }
    }
    std::fs::remove_dir_all(&out).unwrap();
}
