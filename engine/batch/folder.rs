//! A batch run into its folder: the manifest first, then each finished run appended to
//! `runs.jsonl` in run-index order, then `runs.csv`, `summary.json` and `report.html` written
//! whole, and the manifest marked complete. `--resume` checks the manifest, cuts a torn last
//! line, skips the runs done and goes on; on a complete folder it only writes the files again.

use super::journal;
use super::manifest::Manifest;
use super::output::{summary_json, write_runs_csv};
use super::runner::{RunRow, pool, run_one, run_ordered};
use super::seeds::run_seed;
use super::stopping::{Stopping, Until};
use super::table::Table;
use crate::model::Evaluation;
use crate::run::Inputs;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A batch to run into a folder.
pub struct Job<'a> {
    pub inputs: &'a Inputs,
    pub ev: &'a Evaluation,
    pub manifest: Manifest,
    pub threads: usize,
    pub until: Option<Until>,
    /// The folder of this batch or shard.
    pub dir: PathBuf,
    /// Go on with what the folder holds (or start, when there is none).
    pub resume: bool,
}

/// A finished batch folder.
pub struct Done {
    pub table: Table,
    pub manifest: Manifest,
    pub summary: Value,
    /// Runs done by this process (not found in the folder).
    pub ran: u64,
    pub stopping: Option<Stopping>,
}

/// Write one file of a folder: beside it, then renamed over it.
pub fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let tmp = dir.join(format!(".{}.tmp-{}", name.replace('/', "_"), std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, &path)
}

fn io(dir: &Path, e: std::io::Error) -> String {
    format!("{}: {}", dir.display(), crate::model::source::lowercase_first(&e.to_string()))
}

/// What the folder already holds: the rows in the journal, checked to be this batch's first runs.
fn take_over(job: &Job, table: &mut Table, stopping: &mut Option<Stopping>) -> Result<(), String> {
    let dir = &job.dir;
    let old = Manifest::read(dir)?;
    if !job.resume {
        // The journal's lines, not the manifest's count: a killed batch never updated it.
        let done =
            std::fs::read(dir.join(journal::FILE)).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
        return Err(format!(
            "{}: holds a batch ({} of {} runs done{}): --resume goes on with it; or choose another --out",
            dir.display(),
            done,
            job.manifest.shard.len(job.manifest.runs),
            if old.complete { ", complete" } else { "" }
        ));
    }
    let mut d = old.differences(&job.manifest);
    if old.shard.index != job.manifest.shard.index {
        d.push(format!("shard {} against {}", job.manifest.shard.index, old.shard.index));
    }
    if !d.is_empty() {
        return Err(format!(
            "{}: cannot resume another batch (this command's against the folder's): {}",
            dir.display(),
            d.join("; ")
        ));
    }
    let path = dir.join(journal::FILE);
    if !path.exists() {
        return Ok(());
    }
    let mut ids = job.manifest.shard.runs(job.manifest.runs);
    let seed = job.manifest.seed;
    let read = journal::read(&path, |row| {
        let want = ids.next().ok_or("more runs than the batch has")?;
        if row.run != want || row.seed != run_seed(seed, row.run) {
            return Err(format!("run {} (seed {}) where run {want} was expected", row.run, row.seed));
        }
        if let Some(s) = stopping.as_mut() {
            s.add(&row);
        }
        table.push(&row);
        Ok(())
    })?;
    journal::repair(&path, &read).map_err(|e| io(&path, e))
}

/// Run the batch (or what is left of it) and write its folder.
pub fn run(job: Job, mut progress: impl FnMut(u64, u64)) -> Result<Done, String> {
    let dir = job.dir.clone();
    let mut table = Table::default();
    let mut stopping = job.until.clone().map(Stopping::new);
    if dir.join(super::manifest::FILE).exists() {
        take_over(&job, &mut table, &mut stopping)?;
    } else if std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_some()) {
        return Err(format!(
            "{}: exists and is not a batch folder (no manifest.json); choose another --out",
            dir.display()
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    let mut manifest = job.manifest.clone();
    manifest.runs_done = table.len() as u64;
    manifest.write(&dir).map_err(|e| io(&dir, e))?;

    let ids: Vec<u64> = manifest.shard.runs(manifest.runs).skip(table.len()).collect();
    let total = manifest.shard.len(manifest.runs);
    let done_before = table.len() as u64;
    let stopped_already = stopping.as_ref().is_some_and(Stopping::done);
    let mut ran = 0u64;
    // The journal exists even for a shard with no run (more shards than runs), so a merge finds it.
    let path = dir.join(journal::FILE);
    let mut file =
        std::fs::OpenOptions::new().create(true).append(true).open(&path).map_err(|e| io(&path, e))?;
    if !ids.is_empty() && !stopped_already {
        let p = pool(job.threads)?;
        let (seed, inputs, ev) = (manifest.seed, job.inputs, job.ev);
        let mut failure = None;
        progress(done_before, total);
        run_ordered(
            &p,
            ids.len() as u64,
            |j| run_one(inputs, ev, ids[j as usize], run_seed(seed, ids[j as usize])),
            |_, row: RunRow| {
                if let Err(e) = journal::append(&mut file, std::slice::from_ref(&row)) {
                    failure = Some(io(&path, e));
                    return false;
                }
                table.push(&row);
                ran += 1;
                progress(done_before + ran, total);
                match stopping.as_mut() {
                    Some(s) => {
                        s.add(&row);
                        !s.done()
                    }
                    None => true,
                }
            },
        );
        if let Some(e) = failure {
            return Err(e);
        }
    }
    manifest.runs_done = table.len() as u64;
    let summary = finish(&dir, &table, job.ev, &manifest, stopping.as_ref())?;
    manifest.complete = true;
    manifest.write(&dir).map_err(|e| io(&dir, e))?;
    Ok(Done { table, manifest, summary, ran, stopping })
}

/// The summary.json of a batch: the manifest's header (scenario, plan, seed, engine version,
/// inputs; the shard when a part) and the statistics.
pub fn summary_of(table: &Table, ev: &Evaluation, m: &Manifest, stopping: Option<&Stopping>) -> Value {
    let mut s = summary_json(table, ev);
    s["scenario"] = m.scenario.clone().into();
    s["plan"] = m.plan.clone().into();
    s["seed"] = m.seed.into();
    s["engine_version"] = m.engine_version.clone().into();
    s["inputs"] = serde_json::to_value(&m.inputs).unwrap_or(Value::Null);
    if m.shard.is_part() {
        s["shard"] = serde_json::to_value(m.shard).unwrap_or(Value::Null);
    }
    if let Some(st) = stopping {
        s["stopping"] = st.json();
    }
    s
}

/// Write runs.csv and summary.json of a folder whose journal is whole.
pub fn finish(
    dir: &Path,
    table: &Table,
    ev: &Evaluation,
    m: &Manifest,
    stopping: Option<&Stopping>,
) -> Result<Value, String> {
    // Streamed to its file (10,000 runs make a CSV of tens of MB), then renamed into place.
    let tmp = dir.join(format!(".runs.csv.tmp-{}", std::process::id()));
    let written = std::fs::File::create(&tmp)
        .and_then(|f| write_runs_csv(table, std::io::BufWriter::new(f)))
        .and_then(|()| std::fs::rename(&tmp, dir.join("runs.csv")));
    written.map_err(|e| io(dir, e))?;
    let summary = summary_of(table, ev, m, stopping);
    write_file(dir, "summary.json", format!("{summary:#}\n").as_bytes()).map_err(|e| io(dir, e))?;
    for (name, bytes) in super::report_view::report_files(table, m, stopping) {
        write_file(dir, &name, &bytes).map_err(|e| io(dir, e))?;
    }
    Ok(summary)
}
