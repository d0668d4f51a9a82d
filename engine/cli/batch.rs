//! `drill batch` and `drill merge`, the binary's side: options to a validated batch job, a
//! progress bar on a terminal (none otherwise), and what is said at the end.

use super::{default_dir, load, say};
use drill::batch::folder::{self, Job};
use drill::batch::manifest::Manifest;
use drill::batch::stopping::Until;
use drill::batch::{Shard, merge};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// The options of `drill batch`.
#[derive(clap::Args)]
pub struct BatchArgs {
    /// Scenario file.
    pub scenario: PathBuf,
    /// Plan file.
    #[arg(long)]
    pub plan: PathBuf,
    /// Number of runs (with --until-halfwidth: the most runs).
    #[arg(long)]
    pub runs: u64,
    /// Batch seed: run r is seeded from (seed, r) only, whatever the threads or shards.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Worker threads. Default: the machine's cores.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Output folder (a shard writes into OUT/shard-I-of-N/). Default:
    /// reports/<scenario>-<plan>-batch-s<seed>-n<runs>/.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Go on with the batch in the output folder: skip the runs done, cut a torn last line. On a
    /// folder that does not exist yet, start it.
    #[arg(long)]
    pub resume: bool,
    /// Do shard I of N: the runs r with r mod N = I.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// Number of shards, the index taken from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) or
    /// SLURM_ARRAY_TASK_ID (a Slurm array task).
    #[arg(long, value_name = "N")]
    pub shards: Option<u64>,
    /// Add runs until the 95 % interval of METRIC's mean is at most H wide on each side (judged
    /// run by run in run order from 20 runs; --runs caps it). Not with shards.
    #[arg(long, value_name = "METRIC=H")]
    pub until_halfwidth: Option<String>,
}

/// The options of `drill merge`.
#[derive(clap::Args)]
pub struct MergeArgs {
    /// Shard folders, or folders holding shard-I-of-N folders.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Folder of the merged batch.
    #[arg(long)]
    pub out: PathBuf,
}

/// The threads asked for, else the machine's cores.
pub fn threads(t: Option<usize>) -> usize {
    t.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Write a comparison's or sweep's folder whole; say why not, on stderr, when it cannot be.
pub fn write_folder(dir: &std::path::Path, files: &[(String, Vec<u8>)], what: &str) -> bool {
    match drill::report::files::write_dir_atomically(dir, files) {
        Ok(()) => true,
        Err(e) => {
            eprintln!(
                "{}: cannot write the {what}: {}",
                dir.display(),
                drill::model::source::lowercase_first(&e.to_string())
            );
            false
        }
    }
}

/// Runs that failed, over every plan or cell.
pub fn failed(tables: &[drill::batch::table::Table]) -> usize {
    tables.iter().map(|t| t.len() - t.ok_rows().count()).sum()
}

/// A progress bar with rate and ETA on a terminal; nothing otherwise.
pub fn progress_bar(what: &str) -> impl FnMut(u64, u64) {
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(0);
        let style = indicatif::ProgressStyle::with_template(&format!(
            "{{elapsed_precise}} [{{bar:40}}] {{pos}}/{{len}} {what} ({{per_sec}}, ETA {{eta}})"
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        b.set_style(style.progress_chars("=> "));
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    move |done, total| {
        bar.set_length(total);
        bar.set_position(done);
        if done >= total {
            bar.finish_and_clear();
        }
    }
}

pub fn batch(a: BatchArgs) -> ExitCode {
    let usage = |m: String| {
        eprintln!("{m}");
        ExitCode::from(1)
    };
    if a.runs == 0 {
        return usage("--runs: expected at least 1 run, found 0".into());
    }
    let shard = match Shard::choose(a.shard.as_deref(), a.shards, |k| std::env::var(k).ok()) {
        Ok(s) => s,
        Err(e) => return usage(e),
    };
    let until = match a.until_halfwidth.as_deref().map(Until::parse).transpose() {
        Ok(u) => u,
        Err(e) => return usage(e),
    };
    if until.is_some() && shard.is_part() {
        return usage(format!(
            "--until-halfwidth stops a batch run by run in run order, which shards cannot do (this is shard {}/{}): \
             run it on one machine, or give a fixed --runs",
            shard.index, shard.count
        ));
    }
    let Some(inputs) = load(&a.scenario, &a.plan) else { return ExitCode::from(1) };
    let ev = drill::model::evaluation::for_plan(&inputs.plan.plan);
    if let Some(u) = &until {
        // Metrics are known only from a run; a name that is not one of them would never stop.
        let one = drill::batch::run_one(&inputs, &ev, 0, drill::batch::run_seed(a.seed, 0));
        if let Ok(r) = &one.result
            && !r.metrics.contains_key(&u.metric)
        {
            let names: Vec<&str> = r.metrics.keys().map(String::as_str).collect();
            let near = drill::model::error::nearest(&u.metric, names.iter().copied());
            return usage(format!(
                "--until-halfwidth: unknown metric \"{}\"{}",
                u.metric,
                near.map_or(String::new(), |n| format!(" (did you mean \"{n}\"?)"))
            ));
        }
    }
    let base =
        a.out.unwrap_or_else(|| default_dir(&a.scenario, &a.plan, format!("batch-s{}-n{}", a.seed, a.runs)));
    let dir = if shard.is_part() { base.join(shard.folder()) } else { base };
    let manifest = Manifest::new(&inputs, a.seed, a.runs, shard, until.as_ref().map(Until::text));
    let threads = threads(a.threads);
    let job = Job { inputs: &inputs, ev: &ev, manifest, threads, until, dir: dir.clone(), resume: a.resume };
    let done = match folder::run(job, progress_bar("runs")) {
        Ok(d) => d,
        Err(e) => return usage(e),
    };
    let s = &done.summary;
    let failed = s["failed"].as_array().map_or(0, Vec::len);
    let part =
        if shard.is_part() { format!(", shard {}/{}", shard.index, shard.count) } else { String::new() };
    let found = done.table.len() as u64 - done.ran;
    say(&format!(
        "{} runs ({} failed{}), seed {}{part}, {threads} threads; wrote {}/ (runs.jsonl, runs.csv, summary.json, manifest.json)",
        done.table.len(),
        failed,
        if found > 0 { format!(", {found} found done in the folder") } else { String::new() },
        a.seed,
        dir.display()
    ));
    if let Some(st) = &done.stopping {
        let hw = st.half_width();
        say(&format!(
            "  {}: 95 % half-width {hw:.4} {} {} after {} runs{}",
            st.until.metric,
            if st.done() { "≤" } else { ">" },
            st.until.half,
            st.runs,
            if st.done() { "" } else { " (the --runs cap): not met" }
        ));
    }
    say_capabilities(s);
    if failed > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS }
}

fn say_capabilities(s: &serde_json::Value) {
    for c in s["capabilities"].as_array().into_iter().flatten() {
        say(&format!(
            "  {:<32} P(S or better) {}",
            c["name"].as_str().unwrap_or(""),
            c["p_s_or_better"].as_f64().map_or("-".to_string(), |p| format!("{p:.3}"))
        ));
    }
}

pub fn merge(a: MergeArgs) -> ExitCode {
    match merge::merge(&a.dirs, &a.out) {
        Ok(m) => {
            say(&format!(
                "merged {} shards: {} runs, seed {}; wrote {}/ (runs.jsonl, runs.csv, summary.json, manifest.json)",
                m.shards.len(),
                m.table.len(),
                m.manifest.seed,
                a.out.display()
            ));
            say_capabilities(&m.summary);
            ExitCode::SUCCESS
        }
        Err(problems) => {
            let n = problems.len();
            for p in problems {
                eprintln!("{p}");
            }
            eprintln!("drill merge: refused ({n} problem{}); nothing written", if n == 1 { "" } else { "s" });
            ExitCode::from(1)
        }
    }
}
