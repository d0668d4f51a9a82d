//! The `drill` command line: parses arguments, calls the library, prints, sets the exit code.
//! Exit codes: 0 ok, 1 bad input or usage, 2 internal error.

#[path = "cli/batch.rs"]
mod batch;
#[path = "cli/compare.rs"]
mod compare;
#[path = "cli/play.rs"]
mod play;
#[path = "cli/sweep.rs"]
mod sweep;

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "drill", version, about = "Township emergency-response drill and plan simulation")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check scenario, plan and map files; print a verdict per file.
    Validate {
        /// Files to check (RON or JSON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Run a scenario with a plan once and write its report folder.
    Run {
        /// Scenario file.
        scenario: PathBuf,
        /// Plan file.
        #[arg(long)]
        plan: PathBuf,
        /// Run seed: the same seed gives byte-identical outputs. Default 1 (a decisions file
        /// brings its own).
        #[arg(long)]
        seed: Option<u64>,
        /// Take every distribution at its median (the expected day) instead of sampling.
        #[arg(long)]
        nominal: bool,
        /// Output folder. Default: reports/<scenario>-<plan>-s<seed>/.
        #[arg(long)]
        out: Option<PathBuf>,
        /// A recorded tabletop session (`drill play --record`): replay its decisions, seed
        /// included, to byte-identical outputs.
        #[arg(long)]
        decisions: Option<PathBuf>,
        /// An earlier drill's summary.json: a correction item found again escalates to a
        /// deficiency.
        #[arg(long)]
        previous: Option<PathBuf>,
        /// Language of report.md, aar.md and report.html (the charts' PNGs stay English).
        #[arg(long, value_enum, default_value = "en")]
        lang: drill::report::Lang,
    },
    /// A tabletop drill at the terminal: the run stops at each inject and decision point with a
    /// situation brief; the facilitator advances time, gives orders, answers decision points,
    /// takes notes and ratings. Every command is saved as it is typed; `end` writes the report.
    /// When stdin is not a terminal, commands are read from it line by line.
    Play {
        /// Scenario file.
        scenario: PathBuf,
        /// Plan file.
        #[arg(long)]
        plan: PathBuf,
        /// Run seed. Default 1 (a resumed session brings its own).
        #[arg(long)]
        seed: Option<u64>,
        /// Take every distribution at its median (the expected day).
        #[arg(long)]
        nominal: bool,
        /// Decisions file to save the session in. Default: sessions/<scenario>-<plan>-s<seed>.ron
        /// (refused if it exists: resume it, or name another).
        #[arg(long)]
        record: Option<PathBuf>,
        /// Continue an interrupted session from its decisions file (and record on into it).
        #[arg(long)]
        resume: Option<PathBuf>,
        /// Output folder for the report at `end`. Default: reports/<scenario>-<plan>-play-s<seed>/.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Language of the reports.
        #[arg(long, value_enum, default_value = "en")]
        lang: drill::report::Lang,
    },
    /// Monte Carlo: many runs of one scenario and plan in parallel, each with its own seed and
    /// draws of the uncertain inputs, streamed into a batch folder: runs.jsonl as runs finish, then
    /// runs.csv and a statistical summary.json. Shards for a cluster with --shard/--shards.
    Batch(batch::BatchArgs),
    /// Compare plans on one scenario with common random numbers: per metric the paired difference
    /// against the first plan with its 95 % interval and the variance-reduction ratio, a verdict per
    /// objective, and a forest plot.
    Compare(compare::CompareArgs),
    /// A grid over scenario and plan values by document path (--set PATH=V1,V2,…), each cell a
    /// batch of the same runs (common random numbers); a table and a chart of chosen metrics.
    Sweep(sweep::SweepArgs),
    /// Put the shard folders of one batch back together: the same files as a one-machine batch.
    Merge(batch::MergeArgs),
    /// The 15-minute rescue circle: per zone the fastest staffed station (turnout + drive), the
    /// population within 5, 10 and 15 minutes, and the villages outside.
    Coverage {
        /// Scenario file.
        scenario: PathBuf,
        /// Plan file: only the teams its agencies direct count. Default: every team.
        #[arg(long)]
        plan: Option<PathBuf>,
        /// Also write the map of the circle as an SVG file.
        #[arg(long)]
        svg: Option<PathBuf>,
    },
    /// Audit a plan against a township before any drill, without simulating: team sizes, shelter
    /// capacity, supply stocks, an action per hazard and level, micro fire stations.
    Audit {
        /// Scenario file.
        scenario: PathBuf,
        /// Plan file.
        #[arg(long)]
        plan: PathBuf,
        /// Days the water and food stocks must last the shelters.
        #[arg(long, default_value_t = 3.0)]
        days: f64,
    },
    /// Print the JSON Schema of the scenario, plan and map formats.
    Schema,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Validate { files } => validate(&files),
        Command::Run { scenario, plan, seed, nominal, out, previous, lang, decisions } => {
            run(&scenario, &plan, (seed, nominal, lang), out, (previous.as_deref(), decisions.as_deref()))
        }
        Command::Batch(a) => batch::batch(a),
        Command::Merge(a) => batch::merge(a),
        Command::Compare(a) => compare::compare(a),
        Command::Sweep(a) => sweep::sweep(a),
        Command::Play { scenario, plan, seed, nominal, record, resume, out, lang } => {
            let opts = play::Options { seed, nominal, record, resume, out, lang };
            play::play(&scenario, &plan, opts)
        }
        Command::Coverage { scenario, plan, svg } => coverage(&scenario, plan.as_deref(), svg.as_deref()),
        Command::Audit { scenario, plan, days } => audit(&scenario, &plan, days),
        Command::Schema => {
            say(&drill::model::schema::json_schema());
            ExitCode::SUCCESS
        }
    }
}

fn validate(files: &[PathBuf]) -> ExitCode {
    let mut bad = 0;
    for v in drill::model::validate::check_files(files) {
        let f = &v.path;
        match v.result {
            Ok((kind, name)) => say(&format!("ok       {} ({kind:?}: {name})", f.display())),
            Err(e) => {
                bad += 1;
                let n = e.problems.len();
                say(&format!("invalid  {} ({n} problem{})", f.display(), if n == 1 { "" } else { "s" }));
                eprintln!("{e}");
            }
        }
    }
    if bad > 0 {
        eprintln!("{bad} of {} file{} invalid", files.len(), if files.len() == 1 { "" } else { "s" });
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run(
    scenario: &Path,
    plan: &Path,
    (seed, nominal, lang): (Option<u64>, bool, drill::report::Lang),
    out: Option<PathBuf>,
    (previous, decisions): (Option<&Path>, Option<&Path>),
) -> ExitCode {
    let previous = match previous.map(drill::score::previous_findings).transpose() {
        Ok(p) => p.unwrap_or_default(),
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let recording = match decisions.map(drill::drill::recording::Recording::read).transpose() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let Some(inputs) = load(scenario, plan) else { return ExitCode::from(1) };
    let asked = seed;
    let (seed, nominal) = match &recording {
        Some(r) => (r.seed, r.nominal),
        None => (seed.unwrap_or(1), nominal),
    };
    let result = std::panic::catch_unwind(|| match (&recording, decisions) {
        (Some(r), Some(path)) => drill::run::replay(&inputs, r, asked).map_err(|e| {
            let lines: Vec<String> = e.lines().map(|l| format!("{}: {l}", path.display())).collect();
            (1, lines.join("\n"))
        }),
        _ => drill::run::run(&inputs, &drill::run::RunOptions { seed, nominal, check_every_tick: false })
            .map_err(|e| (2, e.to_string())),
    });
    let outcome = match result {
        Ok(Ok(o)) => o,
        Ok(Err((code, e))) => {
            eprintln!("{e}");
            if code == 1 {
                eprintln!("the decisions file does not match the inputs: nothing was run");
            }
            return ExitCode::from(code);
        }
        Err(_) => {
            eprintln!(
                "internal error: the simulation panicked (seed {seed}); please report it with the input files"
            );
            return ExitCode::from(2);
        }
    };
    let dir = out.unwrap_or_else(|| {
        default_dir(scenario, plan, if nominal { "nominal".into() } else { format!("s{seed}") })
    });
    let mut meta = drill::report::RunMeta::new(&inputs, seed, nominal);
    meta.previous = previous;
    meta.lang = lang;
    write_report(&dir, &outcome, &meta, None)
}

fn default_dir(scenario: &Path, plan: &Path, tag: String) -> PathBuf {
    let stem = |p: &Path| p.file_stem().map_or_else(|| "run".into(), |s| s.to_string_lossy().into_owned());
    PathBuf::from("reports").join(format!("{}-{}-{tag}", stem(scenario), stem(plan)))
}

/// Load and check the inputs, or print every problem.
fn load(scenario: &Path, plan: &Path) -> Option<drill::run::Inputs> {
    match drill::run::load_inputs(scenario, plan) {
        Ok(i) => Some(i),
        Err(e) => {
            eprintln!("{e}");
            let n = e.problems.len();
            eprintln!("{n} problem{}: nothing was run", if n == 1 { "" } else { "s" });
            None
        }
    }
}

/// Write a run's report folder (with the session's decisions file, if any) and say so.
fn write_report(
    dir: &Path,
    outcome: &drill::core::Outcome,
    meta: &drill::report::RunMeta,
    decisions: Option<&str>,
) -> ExitCode {
    if let Err(e) = drill::report::write_run_with(dir, outcome, meta, decisions) {
        eprintln!(
            "{}: cannot write the report: {}",
            dir.display(),
            drill::model::source::lowercase_first(&e.to_string())
        );
        return ExitCode::from(1);
    }
    say(&drill::report::markdown::screen_summary(outcome, meta));
    say(&format!(
        "wrote {}/ (report.html, aar.md, report.md, summary.json, timeline.csv, series.csv, charts/{})",
        dir.display(),
        if decisions.is_some() { ", decisions.ron" } else { "" }
    ));
    ExitCode::SUCCESS
}

fn coverage(scenario: &Path, plan: Option<&Path>, svg: Option<&Path>) -> ExitCode {
    let inputs = match drill::run::coverage::load(scenario, plan) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    match drill::run::coverage::coverage(&inputs) {
        Ok(c) => {
            say(drill::run::coverage::table(&c).trim_end());
            if let Some(path) = svg {
                let sketch = drill::report::Sketch::from_map(&inputs.scenario.map);
                let text = drill::run::coverage_map::coverage_svg(&c, &sketch);
                if let Err(e) = std::fs::write(path, text) {
                    let why = drill::model::source::lowercase_first(&e.to_string());
                    eprintln!("{}: cannot write the map: {why}", path.display());
                    return ExitCode::from(1);
                }
                say(&format!("wrote {}", path.display()));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

fn audit(scenario: &Path, plan: &Path, days: f64) -> ExitCode {
    let days = match drill::run::audit::check_days(days) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let inputs = match drill::run::load_inputs(scenario, plan) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    say(drill::run::audit::table(&drill::run::audit::audit(&inputs, days)).trim_end());
    ExitCode::SUCCESS
}

/// Print a line to stdout; a closed pipe (`drill schema | head`) is not an error.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout(), "{line}");
}
