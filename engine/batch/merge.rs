//! `drill merge`: the shard folders of one batch put back together in run-index order into one
//! folder equal to a one-machine batch (`runs.jsonl`, `runs.csv`, `summary.json`, the manifest).
//! Refused, with every reason: folders of another batch (inputs, seed, runs, shard count, engine
//! version), a shard missing or given twice, a shard not complete.

use super::journal;
use super::manifest::Manifest;
use super::shard::Shard;
use super::table::Table;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A merged batch.
pub struct Merged {
    pub manifest: Manifest,
    pub table: Table,
    pub summary: serde_json::Value,
    pub shards: Vec<PathBuf>,
}

/// The shard folders named: a folder with a manifest, or a folder holding `shard-I-of-N` folders.
fn shard_folders(dirs: &[PathBuf], problems: &mut Vec<String>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for d in dirs {
        if d.join(super::manifest::FILE).exists() {
            out.push(d.clone());
            continue;
        }
        let mut subs: Vec<PathBuf> = std::fs::read_dir(d)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
                name.starts_with("shard-") && p.join(super::manifest::FILE).exists()
            })
            .collect();
        subs.sort();
        if subs.is_empty() {
            problems.push(format!(
                "{}: neither a batch folder (no manifest.json) nor a folder of shard-I-of-N folders",
                d.display()
            ));
        }
        out.extend(subs);
    }
    out
}

/// Check the folders are every shard of one batch, complete; give them in shard order.
fn check(dirs: &[PathBuf]) -> Result<(Manifest, Vec<PathBuf>), Vec<String>> {
    let mut problems = Vec::new();
    let folders = shard_folders(dirs, &mut problems);
    let mut read = Vec::new();
    for f in folders {
        match Manifest::read(&f) {
            Ok(m) => read.push((f, m)),
            Err(e) => problems.push(e),
        }
    }
    let Some((first_dir, first)) = read.first().cloned() else {
        problems.push("no shard folder to merge".into());
        return Err(problems);
    };
    let count = first.shard.count;
    let mut by_index: Vec<Option<PathBuf>> = vec![None; count as usize];
    for (dir, m) in &read {
        let d = first.differences(m);
        if !d.is_empty() {
            problems.push(format!(
                "{}: not a shard of the same batch as {}: {}",
                dir.display(),
                first_dir.display(),
                d.join("; ")
            ));
            continue;
        }
        let Some(slot) = by_index.get_mut(m.shard.index as usize) else { continue };
        if let Some(other) = slot {
            problems.push(format!(
                "shard {} of {count} is given twice: {} and {}",
                m.shard.index,
                other.display(),
                dir.display()
            ));
            continue;
        }
        *slot = Some(dir.clone());
        let want = m.shard.len(m.runs);
        if !m.complete || m.runs_done != want {
            problems.push(format!(
                "{}: shard {} of {count} is incomplete: {} of {want} runs done; finish it with the same \
                 drill batch command and --resume",
                dir.display(),
                m.shard.index,
                m.runs_done
            ));
        }
    }
    for (i, slot) in by_index.iter().enumerate() {
        if slot.is_none() {
            problems.push(format!("shard {i} of {count} is missing (shard-{i}-of-{count})"));
        }
    }
    if problems.is_empty() { Ok((first, by_index.into_iter().flatten().collect())) } else { Err(problems) }
}

/// Merge the shard folders `dirs` into `out` (written whole, then renamed into place).
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<Merged, Vec<String>> {
    let (first, shards) = check(dirs)?;
    let mut manifest = first.clone();
    manifest.shard = Shard::WHOLE;
    manifest.merged_from = Some(first.shard.count);
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "merged".into());
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let fail = |e: String| vec![e];
    let result = (|| -> Result<(Table, serde_json::Value), String> {
        let io = |e: std::io::Error| format!("{}: {e}", tmp.display());
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp).map_err(io)?;
        let mut readers = Vec::new();
        for s in &shards {
            readers.push(journal::rows(&s.join(journal::FILE))?);
        }
        let mut w = std::io::BufWriter::new(std::fs::File::create(tmp.join(journal::FILE)).map_err(io)?);
        let mut table = Table::default();
        let count = first.shard.count;
        for r in 0..first.runs {
            let k = (r % count) as usize;
            let row = readers[k]
                .next()
                .ok_or_else(|| format!("{}: runs.jsonl ends before run {r}", shards[k].display()))??;
            if row.run != r || row.seed != super::seeds::run_seed(first.seed, r) {
                return Err(format!(
                    "{}: run {} (seed {}) where run {r} was expected",
                    shards[k].display(),
                    row.run,
                    row.seed
                ));
            }
            w.write_all(journal::line(&row).as_bytes()).map_err(io)?;
            table.push(&row);
        }
        w.flush().map_err(io)?;
        manifest.runs_done = table.len() as u64;
        let summary = super::folder::finish(&tmp, &table, &manifest.evaluation, &manifest, None)?;
        manifest.complete = true;
        manifest.write(&tmp).map_err(io)?;
        Ok((table, summary))
    })();
    let (table, summary) = match result {
        Ok(x) => x,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(fail(e));
        }
    };
    let swap = (|| {
        if out.exists() {
            let old = parent.join(format!(".{name}.old-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&old);
            std::fs::rename(out, &old)?;
            std::fs::rename(&tmp, out)?;
            std::fs::remove_dir_all(&old)
        } else {
            std::fs::rename(&tmp, out)
        }
    })();
    if let Err(e) = swap {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(fail(format!("{}: {e}", out.display())));
    }
    Ok(Merged { manifest, table, summary, shards })
}
