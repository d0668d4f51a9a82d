//! `drill play`, the binary's side: open or resume a session, hand it to the terminal or to
//! stdin, and write the report at `end`.

use super::{default_dir, load, say, write_report};
use drill::drill::recording::Recording;
use drill::drill::session::Session;
use drill::drill::terminal::{Stopped, play_lines, play_terminal};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The options of `drill play`.
pub struct Options {
    pub seed: Option<u64>,
    pub nominal: bool,
    pub record: Option<PathBuf>,
    pub resume: Option<PathBuf>,
    pub out: Option<PathBuf>,
    pub lang: drill::report::Lang,
}

fn stem(p: &Path) -> String {
    p.file_stem().map_or_else(|| "run".into(), |s| s.to_string_lossy().into_owned())
}

pub fn play(scenario: &Path, plan: &Path, o: Options) -> ExitCode {
    let Some(inputs) = load(scenario, plan) else { return ExitCode::from(1) };
    let opened = match &o.resume {
        Some(from) => resume(&inputs, from, &o),
        None => start(&inputs, scenario, plan, &o),
    };
    let (mut session, path) = match opened {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    say(&format!(
        "drill play: {} with {}; session saved to {}",
        inputs.scenario.scenario.name,
        inputs.plan.plan.name,
        path.display()
    ));
    let stdout = &mut std::io::stdout();
    let (stopped, session) = if std::io::stdin().is_terminal() {
        match play_terminal(session, stdout) {
            Ok((st, s)) => (Ok(st), s),
            Err(e) => (Err(e), None),
        }
    } else {
        let st = play_lines(&mut session, std::io::stdin().lock(), stdout, &mut std::io::stderr());
        (st, Some(session))
    };
    let outcome = match stopped {
        Ok(Stopped::Ended(outcome)) => outcome,
        Ok(Stopped::Interrupted) => {
            let p = path.display();
            say(&format!(
                "the input ended before `end`: the session is saved in {p}; go on with\n  drill play {} --plan {} --resume {p}",
                scenario.display(),
                plan.display()
            ));
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("{e}\nthe session so far is saved in {}", path.display());
            return ExitCode::from(1);
        }
    };
    let Some(session) = session else { return ExitCode::from(2) };
    let r = &session.recording;
    let tag = if r.nominal { "play-nominal".to_string() } else { format!("play-s{}", r.seed) };
    let dir = o.out.clone().unwrap_or_else(|| default_dir(scenario, plan, tag));
    let mut meta = drill::report::RunMeta::new(&inputs, r.seed, r.nominal);
    meta.lang = o.lang;
    write_report(&dir, &outcome, &meta, Some(&r.to_ron()))
}

fn start(
    inputs: &drill::run::Inputs,
    scenario: &Path,
    plan: &Path,
    o: &Options,
) -> Result<(Session, PathBuf), String> {
    let seed = o.seed.unwrap_or(1);
    let tag = if o.nominal { "nominal".to_string() } else { format!("s{seed}") };
    let path = o.record.clone().unwrap_or_else(|| {
        PathBuf::from("sessions").join(format!("{}-{}-{tag}.ron", stem(scenario), stem(plan)))
    });
    if path.exists() {
        return Err(format!(
            "{}: a recorded session is already there: continue it with --resume {0}, or name another with --record",
            path.display()
        ));
    }
    let opts = drill::run::RunOptions { seed, nominal: o.nominal, check_every_tick: false };
    let session = Session::start(inputs, &opts, Some(path.clone())).map_err(|e| e.to_string())?;
    session.recording.save(&path)?;
    Ok((session, path))
}

fn resume(inputs: &drill::run::Inputs, from: &Path, o: &Options) -> Result<(Session, PathBuf), String> {
    let rec = Recording::read(from)?;
    let why = rec.mismatches(inputs, o.seed);
    if !why.is_empty() {
        let lines: Vec<String> = why.iter().map(|w| format!("{}: {w}", from.display())).collect();
        return Err(format!("{}\nthe session cannot be resumed on these inputs", lines.join("\n")));
    }
    let path = o.record.clone().unwrap_or_else(|| from.to_path_buf());
    let session =
        Session::resume(inputs, &rec, Some(path.clone())).map_err(|e| format!("{}: {e}", from.display()))?;
    say(&format!("resumed {} commands; now at {}", rec.commands.len(), session.label_now()));
    Ok((session, path))
}
