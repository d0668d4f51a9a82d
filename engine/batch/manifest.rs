//! `manifest.json`: what a batch folder is a part of — the inputs with their SHA-256, the batch
//! seed and run count, the shard, the engine version — and whether it is complete. `--resume`
//! and `drill merge` refuse folders whose manifests do not match, naming every difference.

use super::shard::Shard;
use crate::model::Evaluation;
use crate::run::Inputs;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The manifest's file name in a batch folder.
pub const FILE: &str = "manifest.json";
/// The format written; another is refused.
pub const FORMAT: &str = "drill-batch/1";

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputFile {
    pub role: String,
    pub file: String,
    pub sha256: String,
}

/// A batch folder's manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub engine_version: String,
    pub scenario: String,
    pub plan: String,
    pub inputs: Vec<InputFile>,
    pub seed: u64,
    /// Runs of the whole batch (a shard does its share of them).
    pub runs: u64,
    pub shard: Shard,
    /// How runs are rated (the plan's), so a merge can summarise without the input files.
    pub evaluation: Evaluation,
    /// The sequential stopping rule, when the batch has one: `METRIC=H`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until_halfwidth: Option<String>,
    /// All of the shard's runs are in runs.jsonl and the other files are written.
    pub complete: bool,
    /// Runs in runs.jsonl when the manifest was last written.
    pub runs_done: u64,
    /// Shard folders a merged batch was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_from: Option<u64>,
}

impl Manifest {
    /// The manifest of a new batch folder.
    pub fn new(inputs: &Inputs, seed: u64, runs: u64, shard: Shard, until: Option<String>) -> Manifest {
        let evaluation = crate::model::evaluation::for_plan(&inputs.plan.plan);
        Manifest {
            format: FORMAT.into(),
            engine_version: env!("CARGO_PKG_VERSION").into(),
            scenario: inputs.scenario.scenario.name.clone(),
            plan: inputs.plan.plan.name.clone(),
            inputs: crate::run::input_hashes(inputs)
                .into_iter()
                .map(|(role, file, sha256)| InputFile { role, file, sha256 })
                .collect(),
            seed,
            runs,
            shard,
            evaluation,
            until_halfwidth: until,
            complete: false,
            runs_done: 0,
            merged_from: None,
        }
    }

    /// Read a folder's manifest.
    pub fn read(dir: &Path) -> Result<Manifest, String> {
        let path = dir.join(FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let m: Manifest = serde_json::from_str(&text).map_err(|e| {
            format!("{}:{}:{}: not a drill batch manifest: {e}", path.display(), e.line(), e.column())
        })?;
        if m.format != FORMAT {
            return Err(format!("{}: format \"{}\", expected \"{FORMAT}\"", path.display(), m.format));
        }
        Ok(m)
    }

    /// Write it (beside, then renamed over).
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        super::folder::write_file(dir, FILE, format!("{:#}\n", serde_json::json!(self)).as_bytes())
    }

    /// Every way `other` is not a part of the same batch as `self` (the shard index aside).
    pub fn differences(&self, other: &Manifest) -> Vec<String> {
        let mut d = Vec::new();
        if self.engine_version != other.engine_version {
            d.push(format!("engine version {} against {}", other.engine_version, self.engine_version));
        }
        if self.seed != other.seed {
            d.push(format!("seed {} against {}", other.seed, self.seed));
        }
        if self.runs != other.runs {
            d.push(format!("{} runs against {}", other.runs, self.runs));
        }
        if self.shard.count != other.shard.count {
            d.push(format!("{} shards against {}", other.shard.count, self.shard.count));
        }
        if self.until_halfwidth != other.until_halfwidth {
            d.push(format!(
                "stopping rule {} against {}",
                other.until_halfwidth.as_deref().unwrap_or("none"),
                self.until_halfwidth.as_deref().unwrap_or("none")
            ));
        }
        for f in &self.inputs {
            match other.inputs.iter().find(|g| g.role == f.role && g.file == f.file) {
                None => d.push(format!("{} file {} is missing", f.role, f.file)),
                Some(g) if g.sha256 != f.sha256 => {
                    d.push(format!("{} file {} differs (sha256)", f.role, f.file))
                }
                Some(_) => {}
            }
        }
        for g in &other.inputs {
            if !self.inputs.iter().any(|f| g.role == f.role && g.file == f.file) {
                d.push(format!("{} file {} is extra", g.role, g.file));
            }
        }
        d
    }
}
