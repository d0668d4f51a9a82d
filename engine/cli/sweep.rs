//! `drill sweep`, the binary's side: the grid of `--set` values, each cell's inputs loaded and
//! checked before anything runs, the cells run with common random numbers, the table printed.

use super::batch::{failed, progress_bar, threads, write_folder};
use super::say;
use drill::batch::compare::{Plan, run_plans};
use drill::batch::sweep::{Axes, cells, files, label};
use drill::model::overrides::Override;
use std::path::PathBuf;
use std::process::ExitCode;

/// The options of `drill sweep`.
#[derive(clap::Args)]
pub struct SweepArgs {
    /// Scenario file.
    pub scenario: PathBuf,
    /// Plan file.
    #[arg(long)]
    pub plan: PathBuf,
    /// An axis of the grid: a document path and its values, e.g.
    /// `teams[t-fq-rescue].members=16,24,32` (repeat for more axes; the first varies slowest).
    #[arg(long = "set", value_name = "PATH=V1,V2,…", required = true)]
    pub sets: Vec<String>,
    /// Runs per cell.
    #[arg(long)]
    pub runs: u64,
    /// Seed: run r of every cell is seeded from (seed, r) only.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Worker threads. Default: the machine's cores.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Metrics to tabulate (repeat). Default: the plan's objectives' metrics.
    #[arg(long = "metric")]
    pub metrics: Vec<String>,
    /// Output folder. Default: reports/<scenario>-<plan>-sweep-s<seed>-n<runs>/.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

fn stem(p: &std::path::Path) -> String {
    p.file_stem().map_or_else(|| "x".into(), |s| s.to_string_lossy().into_owned())
}

pub fn sweep(a: SweepArgs) -> ExitCode {
    let fail = |m: String| {
        eprintln!("{m}");
        ExitCode::from(1)
    };
    if a.runs < 2 {
        return fail(format!(
            "--runs: expected at least 2 runs per cell (an interval needs two), found {}",
            a.runs
        ));
    }
    let mut axes: Axes = Vec::new();
    for s in &a.sets {
        match Override::parse(s) {
            Ok(axis) => axes.push(axis),
            Err(e) => return fail(e),
        }
    }
    let grid = cells(&axes);
    let mut loaded = Vec::new();
    let mut problems = 0;
    for cell in &grid {
        match drill::run::load_inputs_with(&a.scenario, &a.plan, cell) {
            Ok(i) => loaded.push(i),
            Err(e) => {
                eprintln!("cell {}: {e}", label(cell));
                problems += e.problems.len();
            }
        }
    }
    if problems > 0 {
        return fail(format!("{problems} problem{}: nothing was run", if problems == 1 { "" } else { "s" }));
    }
    let plans: Vec<Plan> = loaded
        .iter()
        .zip(&grid)
        .map(|(i, c)| Plan {
            inputs: i,
            ev: drill::model::evaluation::for_plan(&i.plan.plan),
            label: label(c),
        })
        .collect();
    let tables = match run_plans(&plans, a.runs, a.seed, threads(a.threads), false, progress_bar("runs")) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let known: std::collections::BTreeSet<&String> = tables.iter().flat_map(|t| t.metrics.keys()).collect();
    let mut metrics = a.metrics.clone();
    if metrics.is_empty() {
        for c in &plans[0].ev.capabilities {
            for t in &c.targets {
                if !metrics.contains(&t.metric) && known.contains(&t.metric) {
                    metrics.push(t.metric.clone());
                }
            }
        }
    }
    for m in &metrics {
        if !known.contains(m) {
            let near = drill::model::error::nearest(m, known.iter().map(|s| s.as_str()));
            return fail(format!(
                "--metric: no run gave \"{m}\"{}",
                near.map_or(String::new(), |n| format!(" (did you mean \"{n}\"?)"))
            ));
        }
    }
    let dir = a.out.unwrap_or_else(|| {
        PathBuf::from("reports").join(format!(
            "{}-{}-sweep-s{}-n{}",
            stem(&a.scenario),
            stem(&a.plan),
            a.seed,
            a.runs
        ))
    });
    let out = files(&axes, &grid, &plans, &tables, &metrics, a.runs, a.seed);
    if !write_folder(&dir, &out, "sweep") {
        return ExitCode::from(1);
    }
    let failed = failed(&tables);
    say(&format!(
        "{} cells × {} runs ({failed} failed), seed {}, common random numbers; wrote {}/ (sweep.md, sweep.csv, sweep.json, sweep.svg)",
        grid.len(),
        a.runs,
        a.seed,
        dir.display()
    ));
    for m in &metrics {
        say(&format!("  {m}"));
        for (cell, t) in grid.iter().zip(&tables) {
            if let Some(s) = drill::batch::stats::summary(&t.values(m)) {
                say(&format!("    {:<36} {:.4} [{:.4}, {:.4}]", label(cell), s.mean, s.ci95_lo, s.ci95_hi));
            }
        }
    }
    if failed > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS }
}
