//! `drill compare`, the binary's side: load every plan against the scenario, run them with
//! common random numbers (or not), write the comparison folder and print the verdicts.

use super::batch::{failed, progress_bar, threads, write_folder};
use super::{load, say};
use drill::batch::compare::{Plan, judge, run_plans};
use drill::batch::compare_output::{Setup, files};
use std::path::PathBuf;
use std::process::ExitCode;

/// The options of `drill compare`.
#[derive(clap::Args)]
pub struct CompareArgs {
    /// Scenario file.
    pub scenario: PathBuf,
    /// Plan files, two or more; the others are compared against the first.
    #[arg(long = "plan", required = true)]
    pub plans: Vec<PathBuf>,
    /// Runs per plan.
    #[arg(long)]
    pub runs: u64,
    /// Seed: run r of every plan is seeded from (seed, r) only.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Worker threads. Default: the machine's cores.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Give each plan runs of its own instead of common random numbers (to see what pairing
    /// saves).
    #[arg(long)]
    pub independent: bool,
    /// Output folder. Default: reports/<scenario>-compare-s<seed>-n<runs>/.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

fn stem(p: &std::path::Path) -> String {
    p.file_stem().map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned())
}

pub fn compare(a: CompareArgs) -> ExitCode {
    if a.plans.len() < 2 {
        eprintln!("--plan: expected two plans or more to compare, found {}", a.plans.len());
        return ExitCode::from(1);
    }
    if a.runs < 2 {
        eprintln!("--runs: expected at least 2 runs (an interval needs two), found {}", a.runs);
        return ExitCode::from(1);
    }
    let mut loaded = Vec::new();
    for p in &a.plans {
        let Some(i) = load(&a.scenario, p) else { return ExitCode::from(1) };
        loaded.push(i);
    }
    let mut labels: Vec<String> = a.plans.iter().map(|p| stem(p)).collect();
    for k in 0..labels.len() {
        if labels[..k].contains(&labels[k]) {
            labels[k] = format!("{}#{k}", labels[k]);
        }
    }
    let plans: Vec<Plan> = loaded
        .iter()
        .zip(labels)
        .map(|(i, label)| Plan { inputs: i, ev: drill::model::evaluation::for_plan(&i.plan.plan), label })
        .collect();
    let threads = threads(a.threads);
    let tables = match run_plans(&plans, a.runs, a.seed, threads, a.independent, progress_bar("runs")) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let judged = judge(&plans, &tables);
    let setup = Setup { runs: a.runs, seed: a.seed, independent: a.independent };
    let dir = a.out.unwrap_or_else(|| {
        PathBuf::from("reports").join(format!("{}-compare-s{}-n{}", stem(&a.scenario), a.seed, a.runs))
    });
    if !write_folder(&dir, &files(&plans, &tables, &judged, &setup), "comparison") {
        return ExitCode::from(1);
    }
    let failed = failed(&tables);
    say(&format!(
        "{} plans × {} runs ({failed} failed), seed {}, {}; wrote {}/ (comparison.md, comparison.json, differences.csv, forest.svg)",
        plans.len(),
        a.runs,
        a.seed,
        if a.independent { "independent runs" } else { "common random numbers" },
        dir.display()
    ));
    for j in &judged {
        let d = j.difference.as_ref().map_or(String::new(), |d| {
            format!(
                "{:+.4} [{:+.4}, {:+.4}]{}",
                d.diff.mean,
                d.diff.ci95_lo,
                d.diff.ci95_hi,
                d.variance_ratio.map_or(String::new(), |r| format!(", variance ratio {r:.1}"))
            )
        });
        say(&format!("  {:<28} {:<44} {:<26} {d}", j.plan, j.metric, j.verdict.text()));
    }
    if failed > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS }
}
