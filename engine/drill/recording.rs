//! The decisions file of a tabletop session (RON): the seed, the hash of every input file, and
//! each command with the sim time it was given at and the wall time it was typed. It is saved
//! after every command (write and rename, so a killed session leaves the last whole file), read
//! back to resume a session or to replay it with `drill run --decisions`, and refused when it
//! does not match the inputs. Outputs carry sim time only; wall time stays in this file.

use crate::model::Calendar;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The format version this engine writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// A recorded session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recording {
    pub format_version: u32,
    /// The scenario's and the plan's names, for a reader.
    pub scenario: String,
    pub plan: String,
    pub seed: u64,
    pub nominal: bool,
    /// Every input file: role, file, sha256.
    pub inputs: Vec<InputFile>,
    /// The commands in the order given.
    pub commands: Vec<Entry>,
}

/// One input file and its hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputFile {
    pub role: String,
    pub file: String,
    pub sha256: String,
}

/// One command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Sim time it was given at, as the reports show it ("D1 14:20").
    pub at: String,
    /// Sim time, seconds since the scenario start.
    pub t_s: i64,
    /// Wall-clock time it was typed (UTC).
    pub wall: String,
    /// The command, with full ids.
    pub line: String,
}

impl Recording {
    /// An empty recording for a run's inputs.
    pub fn new(inputs: &crate::run::Inputs, seed: u64, nominal: bool) -> Recording {
        Recording {
            format_version: FORMAT_VERSION,
            scenario: inputs.scenario.scenario.name.clone(),
            plan: inputs.plan.plan.name.clone(),
            seed,
            nominal,
            inputs: crate::run::input_hashes(inputs)
                .into_iter()
                .map(|(role, file, sha256)| InputFile { role, file, sha256 })
                .collect(),
            commands: Vec::new(),
        }
    }

    /// The RON text.
    pub fn to_ron(&self) -> String {
        let cfg = ron::ser::PrettyConfig::new().depth_limit(3).struct_names(false);
        let mut text = ron::ser::to_string_pretty(self, cfg).unwrap_or_default();
        text.push('\n');
        format!("// drill play: a recorded tabletop session (drill run --decisions replays it)\n{text}")
    }

    /// Read a decisions file.
    pub fn read(path: &Path) -> Result<Recording, String> {
        let at = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
        let text = std::fs::read_to_string(path)
            .map_err(|e| at(&crate::model::source::lowercase_first(&e.to_string())))?;
        let r: Recording = ron::from_str(&text).map_err(|e| {
            let p = e.span.start;
            format!("{}:{}:{}: {}", path.display(), p.line, p.col, e.code)
        })?;
        if r.format_version != FORMAT_VERSION {
            return Err(at(&format!(
                "format_version {} is not one this engine reads (expected {FORMAT_VERSION})",
                r.format_version
            )));
        }
        Ok(r)
    }

    /// Save: write a temporary file beside it and rename it over, so the file is always whole.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let at = |e: std::io::Error| {
            format!(
                "{}: cannot save the session: {}",
                path.display(),
                crate::model::source::lowercase_first(&e.to_string())
            )
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(at)?;
        }
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        std::fs::write(&tmp, self.to_ron()).map_err(at)?;
        std::fs::rename(&tmp, path).map_err(at)
    }

    /// Why this recording cannot be replayed on these inputs and this seed, every reason; empty
    /// when it can.
    pub fn mismatches(&self, inputs: &crate::run::Inputs, seed: Option<u64>) -> Vec<String> {
        let mut why = Vec::new();
        let now = Recording::new(inputs, self.seed, self.nominal).inputs;
        for f in &self.inputs {
            match now.iter().find(|n| n.role == f.role && n.file == f.file) {
                Some(n) if n.sha256 != f.sha256 => why.push(format!(
                    "{} file {} has changed since the session was recorded (sha256 {} then, {} now)",
                    f.role,
                    f.file,
                    short(&f.sha256),
                    short(&n.sha256)
                )),
                Some(_) => {}
                None => {
                    why.push(format!("{} file {} was recorded but is not among the inputs", f.role, f.file))
                }
            }
        }
        for n in now.iter().filter(|n| !self.inputs.iter().any(|f| f.role == n.role && f.file == n.file)) {
            why.push(format!("{} file {} is among the inputs but was not recorded", n.role, n.file));
        }
        if let Some(seed) = seed.filter(|s| *s != self.seed) {
            why.push(format!("recorded with seed {}, asked for seed {seed}", self.seed));
        }
        why
    }
}

fn short(sha: &str) -> &str {
    &sha[..sha.len().min(12)]
}

/// The wall-clock time now, UTC, to the second; `SOURCE_DATE_EPOCH` (seconds) fixes it, for
/// reproducible recordings.
pub fn wall_now() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    Calendar { start_utc_s: secs, utc_offset_s: 0 }.iso(0).replace("+00:00", "Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recording() -> Recording {
        Recording {
            format_version: FORMAT_VERSION,
            scenario: "s".into(),
            plan: "p".into(),
            seed: 7,
            nominal: false,
            inputs: vec![InputFile {
                role: "scenario".into(),
                file: "a.ron".into(),
                sha256: "ab".repeat(32),
            }],
            commands: vec![Entry {
                at: "D1 14:20".into(),
                t_s: 22_800,
                wall: "2026-11-29T21:00:00Z".into(),
                line: "note \"quoted\" (and) // not a comment".into(),
            }],
        }
    }

    #[test]
    fn a_recording_reads_back_as_written() {
        let dir = std::env::temp_dir().join(format!("drill-rec-{}", std::process::id()));
        let path = dir.join("session.ron");
        let r = recording();
        r.save(&path).unwrap();
        assert_eq!(Recording::read(&path).unwrap(), r);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_bad_file_is_placed_and_another_version_refused() {
        let dir = std::env::temp_dir().join(format!("drill-rec-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bad.ron");
        std::fs::write(&path, "(format_version: 1,\n  seed: \"seven\")").unwrap();
        let e = Recording::read(&path).unwrap_err();
        assert!(e.starts_with(&format!("{}:2:", path.display())), "{e}");
        let mut r = recording();
        r.format_version = 9;
        std::fs::write(&path, r.to_ron()).unwrap();
        assert!(Recording::read(&path).unwrap_err().contains("format_version 9"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_wall_clock_is_utc_to_the_second() {
        // (SOURCE_DATE_EPOCH fixing it is checked end to end in tests/tabletop.rs.)
        let w = wall_now();
        assert_eq!(w.len(), "2026-11-29T21:00:00Z".len(), "{w}");
        assert!(w.ends_with('Z'));
    }
}
