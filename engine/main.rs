//! The `drill` command line: parses arguments, calls the library, prints, sets the exit code.
//! Exit codes: 0 ok, 1 bad input or usage, 2 internal error.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
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
        Command::Schema => {
            say(&drill::model::schema::json_schema());
            ExitCode::SUCCESS
        }
    }
}

fn validate(files: &[PathBuf]) -> ExitCode {
    let mut bad = 0;
    for f in files {
        match drill::model::validate::check_file(f) {
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

/// Print a line to stdout; a closed pipe (`drill schema | head`) is not an error.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout(), "{line}");
}
