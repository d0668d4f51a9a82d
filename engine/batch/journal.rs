//! `runs.jsonl`, a batch's journal: one JSON line per finished run (run, seed, sampled inputs,
//! metrics, capability ratings and target verdicts, or the error of a failed run), appended and
//! flushed chunk by chunk in run-index order, so a killed batch loses no finished run. Reading it
//! back repairs a truncated last line; numbers round-trip exactly (shortest form).

use super::runner::{RunResult, RunRow};
use crate::score::Rating;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::path::Path;

/// The journal's file name in a batch folder.
pub const FILE: &str = "runs.jsonl";

/// One line of the journal.
#[derive(Debug, Serialize, Deserialize)]
struct Line {
    run: u64,
    seed: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(default)]
    sampled: BTreeMap<String, f64>,
    #[serde(default)]
    metrics: BTreeMap<String, f64>,
    #[serde(default)]
    ratings: Vec<Option<Rating>>,
    #[serde(default)]
    targets: Vec<Option<bool>>,
}

/// A row as its journal line (with the newline).
pub fn line(row: &RunRow) -> String {
    let l = match &row.result {
        Ok(r) => Line {
            run: row.run,
            seed: row.seed,
            error: None,
            sampled: r.sampled.clone(),
            metrics: r.metrics.clone(),
            ratings: r.ratings.clone(),
            targets: r.targets.clone(),
        },
        Err(e) => Line {
            run: row.run,
            seed: row.seed,
            error: Some(e.clone()),
            sampled: BTreeMap::new(),
            metrics: BTreeMap::new(),
            ratings: Vec::new(),
            targets: Vec::new(),
        },
    };
    let mut s = serde_json::to_string(&l).unwrap_or_default();
    s.push('\n');
    s
}

fn row(l: Line) -> RunRow {
    let result = match l.error {
        Some(e) => Err(e),
        None => {
            Ok(RunResult { sampled: l.sampled, metrics: l.metrics, ratings: l.ratings, targets: l.targets })
        }
    };
    RunRow { run: l.run, seed: l.seed, result }
}

/// Append rows and flush them to the disk.
pub fn append(file: &mut std::fs::File, rows: &[RunRow]) -> io::Result<()> {
    let text: String = rows.iter().map(line).collect();
    file.write_all(text.as_bytes())?;
    file.flush()?;
    file.sync_data()
}

/// What reading a journal found.
#[derive(Debug)]
pub struct Read {
    /// Bytes of whole, valid lines from the start.
    pub good_len: u64,
    /// Bytes after them (a line cut off by a kill), dropped by [`repair`].
    pub torn: u64,
}

/// Read a journal line by line, giving each row to `each` (which may stop the reading with an
/// error); a last line without its newline, or that does not parse, is torn, not an error. A bad
/// line before the last is an error `file:line: …`.
pub fn read(path: &Path, mut each: impl FnMut(RunRow) -> Result<(), String>) -> Result<Read, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let total = file.metadata().map_err(|e| format!("{}: {e}", path.display()))?.len();
    let mut r = io::BufReader::new(file);
    let (mut good_len, mut buf, mut n) = (0u64, String::new(), 0usize);
    loop {
        buf.clear();
        let got = r.read_line(&mut buf).map_err(|e| format!("{}: {e}", path.display()))?;
        if got == 0 {
            break;
        }
        n += 1;
        let whole = buf.ends_with('\n');
        match serde_json::from_str::<Line>(buf.trim_end()) {
            Ok(l) if whole => {
                each(row(l)).map_err(|e| format!("{}:{n}: {e}", path.display()))?;
                good_len += got as u64;
            }
            Ok(_) => break,
            Err(e) => {
                if good_len + got as u64 >= total {
                    break; // the last line, cut off
                }
                return Err(format!("{}:{n}: not a run of a batch journal: {e}", path.display()));
            }
        }
    }
    Ok(Read { good_len, torn: total - good_len })
}

/// The rows of a whole journal, one at a time (a bad line is an error `file:line: …`).
pub fn rows(path: &Path) -> Result<impl Iterator<Item = Result<RunRow, String>> + use<>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let shown = path.display().to_string();
    Ok(io::BufReader::new(file).lines().enumerate().map(move |(i, l)| {
        let l = l.map_err(|e| format!("{shown}: {e}"))?;
        serde_json::from_str::<Line>(&l)
            .map(row)
            .map_err(|e| format!("{shown}:{}: not a run of a batch journal: {e}", i + 1))
    }))
}

/// Cut a torn last line off the journal.
pub fn repair(path: &Path, read: &Read) -> io::Result<()> {
    if read.torn > 0 {
        let f = std::fs::OpenOptions::new().write(true).open(path)?;
        f.set_len(read.good_len)?;
        f.sync_data()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(run: u64, ok: bool) -> RunRow {
        let result = if ok {
            Ok(RunResult {
                sampled: [("rain.factor".to_string(), 1.0 / 3.0)].into(),
                metrics: [("a".to_string(), 0.1 + 0.2), ("b".to_string(), -0.0 + 7e-12)].into(),
                ratings: vec![Some(Rating::S), None],
                targets: vec![Some(true), None, Some(false)],
            })
        } else {
            Err("the simulation panicked: \"x\"\nat y".into())
        };
        RunRow { run, seed: run * 77 + u64::MAX / 3, result }
    }

    #[test]
    fn journal_lines_read_back_exactly_and_a_torn_tail_is_cut() {
        let dir = std::env::temp_dir().join(format!("drill-journal-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(FILE);
        let rows = vec![row(0, true), row(1, false), row(2, true)];
        let mut f = std::fs::File::create(&path).unwrap();
        append(&mut f, &rows).unwrap();
        let whole = std::fs::metadata(&path).unwrap().len();
        // A kill in the middle of the next line.
        let next = line(&row(3, true));
        f.write_all(&next.as_bytes()[..next.len() / 2]).unwrap();
        let mut back = Vec::new();
        let r = read(&path, |x| {
            back.push(x);
            Ok(())
        })
        .unwrap();
        assert_eq!(back, rows);
        assert_eq!((r.good_len, r.torn), (whole, (next.len() / 2) as u64));
        repair(&path, &r).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), whole);
        // A bad line before the last is an error with its line number.
        std::fs::write(&path, format!("{{oops\n{}", line(&row(0, true)))).unwrap();
        let e = read(&path, |_| Ok(())).unwrap_err();
        assert!(e.contains("runs.jsonl:1: not a run of a batch journal"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
