//! The run's files — `summary.json`, `timeline.csv`, `series.csv`, `zones.csv`, `report.md` — written
//! atomically: into a temporary folder beside the target, then renamed into place.

use super::markdown::report_md;
use crate::core::Outcome;
use crate::run::Inputs;
use serde_json::json;
use std::io;
use std::path::{Path, PathBuf};

/// What a run was: the identity written into every output.
#[derive(Debug, Clone, Default)]
pub struct RunMeta {
    pub scenario_name: String,
    pub plan_name: String,
    pub seed: u64,
    pub nominal: bool,
    /// (role, file relative to its top file's folder, SHA-256).
    pub inputs: Vec<(String, String, String)>,
    /// How the plan rates a drill (its capabilities filled in from its standards).
    pub evaluation: crate::model::Evaluation,
    /// The last drill's findings (`--previous`): repeated correction items escalate.
    pub previous: Vec<crate::score::Finding>,
    /// The plan's standards (135 tiers, rescue circle, transfer share, supply norms).
    pub standards: crate::model::standards::Standards,
    /// The township as the map charts draw it.
    pub sketch: super::Sketch,
    /// The language of report.md, aar.md and report.html.
    pub lang: super::Lang,
    /// The scenario's description and Chinese name; the plan's Chinese name.
    pub scenario_description: String,
    pub scenario_name_zh: Option<String>,
    pub plan_name_zh: Option<String>,
    /// The hazards the scenario brings, in words (`typhoon`, `fire`, …).
    pub hazards: Vec<String>,
    /// The plan's agencies (name, Chinese name) and command roles (id, name, Chinese name).
    pub agencies: Vec<(String, Option<String>)>,
    pub roles: Vec<(String, String, Option<String>)>,
}

impl RunMeta {
    /// Identity of a run of `inputs`.
    pub fn new(inputs: &Inputs, seed: u64, nominal: bool) -> RunMeta {
        let files = crate::run::input_hashes(inputs);
        let org = &inputs.plan.plan.organisation;
        RunMeta {
            scenario_name: inputs.scenario.scenario.name.clone(),
            plan_name: inputs.plan.plan.name.clone(),
            seed,
            nominal,
            inputs: files,
            evaluation: crate::model::evaluation::for_plan(&inputs.plan.plan),
            previous: Vec::new(),
            standards: inputs.plan.plan.standards.clone(),
            sketch: super::Sketch::from_map(&inputs.scenario.map),
            lang: super::Lang::En,
            scenario_description: inputs.scenario.scenario.description.clone(),
            scenario_name_zh: inputs.scenario.scenario.name_zh.clone(),
            plan_name_zh: inputs.plan.plan.name_zh.clone(),
            hazards: hazards_of(&inputs.scenario.scenario.hazards),
            agencies: org.agencies.iter().map(|a| (a.name.clone(), a.name_zh.clone())).collect(),
            roles: org.roles.iter().map(|r| (r.id.clone(), r.name.clone(), r.name_zh.clone())).collect(),
        }
    }

    /// The evaluation of a run's outcome.
    pub fn evaluate(&self, o: &Outcome) -> crate::score::Evaluated {
        crate::score::evaluate(o, &self.evaluation, &self.previous)
    }
}

/// The hazards a scenario brings, in words.
fn hazards_of(h: &crate::model::hazards::Hazards) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |yes: bool, what: &str| {
        if yes {
            out.push(what.to_string());
        }
    };
    add(h.typhoon.is_some() || h.landfall.is_some(), "typhoon");
    add(!h.rain.is_empty(), "rainstorm");
    add(h.flood_model.is_some() || !h.gauges.is_empty(), "flood");
    add(!h.fires.is_empty(), "fire");
    add(h.forest_fire.is_some() || !h.fire_front.is_empty(), "forest fire");
    add(!h.calls.is_empty(), "calls for help");
    out
}

/// The engine's name and version, as outputs record it.
pub fn engine_version() -> String {
    format!("drill {}", env!("CARGO_PKG_VERSION"))
}

/// `summary.json`: identity, input hashes, the evaluation, metrics (sorted), counts, sampled
/// inputs, assumptions, and the players' part when there is any (`play`).
pub fn summary_json(o: &Outcome, meta: &RunMeta) -> String {
    let evaluation = serde_json::to_value(meta.evaluate(o)).unwrap_or_default();
    let inputs: Vec<_> = meta
        .inputs
        .iter()
        .map(|(role, file, sha)| json!({"role": role, "file": file, "sha256": sha}))
        .collect();
    let mut doc = json!({
        "engine": engine_version(),
        "scenario": meta.scenario_name,
        "plan": meta.plan_name,
        "seed": meta.seed,
        "nominal": meta.nominal,
        "realisation": if meta.nominal { "nominal: every distribution at its median".to_string() }
            else { format!("one realisation of the uncertain inputs (seed {})", meta.seed) },
        "inputs": inputs,
        "evaluation": evaluation,
        "metrics": o.metrics,
        "counts": o.counts,
        "sampled_inputs": o.sampled,
        "assumptions": o.assumptions,
    });
    if let (Some(play), Some(map)) = (play_json(o), doc.as_object_mut()) {
        map.insert("play".into(), play);
    }
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// The players' orders (notes and ratings among them) with their consequences, the options taken
/// at decision points, the evaluator's ratings; each with its sim time and calendar time. None
/// when the run has none of them.
fn play_json(o: &Outcome) -> Option<serde_json::Value> {
    let p = &o.play;
    if p.orders.is_empty() && p.decisions.is_empty() && p.overrides.is_empty() {
        return None;
    }
    let time = |t_s: i64| o.calendar.label(t_s);
    let orders: Vec<_> = p
        .orders
        .iter()
        .map(|x| json!({"t_s": x.t_s, "time": time(x.t_s), "line": x.line, "consequence": x.consequence}))
        .collect();
    let decisions: Vec<_> = p
        .decisions
        .iter()
        .map(|d| {
            json!({
                "t_s": d.t_s,
                "time": time(d.t_s),
                "inject": d.inject,
                "prompt": d.prompt,
                "option": d.option,
                "text": d.text,
                "by_player": d.by_player,
            })
        })
        .collect();
    let overrides: Vec<_> = p
        .overrides
        .iter()
        .map(|x| {
            json!({
                "t_s": x.t_s,
                "time": time(x.t_s),
                "capability": x.capability,
                "rating": x.rating,
                "reason": x.reason,
            })
        })
        .collect();
    Some(json!({"orders": orders, "decisions": decisions, "overrides": overrides}))
}

/// `timeline.csv`: calendar time, sim seconds, kind, who, where, text.
pub fn timeline_csv(o: &Outcome) -> io::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["time", "t_s", "kind", "who", "where", "text"])?;
    for e in &o.timeline {
        w.write_record([
            &o.calendar.label(e.t.0),
            &e.t.0.to_string(),
            e.kind.as_str(),
            &e.who,
            &e.place,
            &e.text,
        ])?;
    }
    String::from_utf8(w.into_inner().map_err(|e| io::Error::other(e.to_string()))?).map_err(io::Error::other)
}

/// `series.csv`: calendar time, sim seconds, then one column per series.
pub fn series_csv(o: &Outcome) -> io::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["time".to_string(), "t_s".to_string()];
    header.extend(o.series.columns.iter().cloned());
    w.write_record(&header)?;
    for (t, row) in &o.series.rows {
        let mut rec = vec![o.calendar.label(*t), t.to_string()];
        rec.extend(row.iter().map(|v| fmt_num(*v)));
        w.write_record(&rec)?;
    }
    String::from_utf8(w.into_inner().map_err(|e| io::Error::other(e.to_string()))?).map_err(io::Error::other)
}

/// A number with at most three decimals and no trailing zeros.
pub fn fmt_num(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// `zones.csv`: per zone the people and where they ended up — warned, left, out (at a shelter or
/// relatives) and out by the zone's deadline, sheltered, with relatives, at home, dead — and the
/// mean hours to leaving and to arriving.
pub fn zones_csv(o: &Outcome) -> io::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "zone",
        "should_transfer",
        "people",
        "warned",
        "left",
        "out",
        "out_by_deadline",
        "sheltered",
        "with_relatives",
        "at_home",
        "dead",
        "departure_mean_h",
        "arrival_mean_h",
    ])?;
    for z in &o.zones {
        let mean = |v: f64| if v.is_nan() { String::new() } else { fmt_num(v) };
        let counts = [
            z.people,
            z.warned,
            z.left,
            z.out,
            z.out_by_deadline,
            z.sheltered,
            z.with_relatives,
            z.at_home,
            z.dead,
        ];
        let mut rec = vec![z.id.clone(), if z.should_transfer { "yes" } else { "no" }.to_string()];
        rec.extend(counts.iter().map(u64::to_string));
        rec.extend([mean(z.departure_mean_h), mean(z.arrival_mean_h)]);
        w.write_record(&rec)?;
    }
    String::from_utf8(w.into_inner().map_err(|e| io::Error::other(e.to_string()))?).map_err(io::Error::other)
}

/// Every file of a run: name and bytes.
pub fn run_files(o: &Outcome, meta: &RunMeta) -> io::Result<Vec<(String, Vec<u8>)>> {
    let mut files: Vec<(String, Vec<u8>)> = [
        ("summary.json", summary_json(o, meta)),
        ("timeline.csv", timeline_csv(o)?),
        ("series.csv", series_csv(o)?),
        ("zones.csv", zones_csv(o)?),
        ("report.md", report_md(o, meta)),
        ("aar.md", super::aar::aar_md(o, meta)),
    ]
    .into_iter()
    .map(|(name, text)| (name.to_string(), text.into_bytes()))
    .collect();
    files.extend(super::html::report_files(o, meta));
    Ok(files)
}

/// Write every file of a run into `dir`, replacing it atomically.
pub fn write_run(dir: &Path, o: &Outcome, meta: &RunMeta) -> io::Result<()> {
    write_run_with(dir, o, meta, None)
}

/// Write a run's folder with, for a tabletop session, its decisions file (`decisions.ron`).
pub fn write_run_with(dir: &Path, o: &Outcome, meta: &RunMeta, decisions: Option<&str>) -> io::Result<()> {
    let mut files = run_files(o, meta)?;
    if let Some(d) = decisions {
        files.push(("decisions.ron".into(), d.as_bytes().to_vec()));
    }
    write_dir_atomically(dir, &files)
}

/// Write `files` into a temporary folder beside `dir`, then swap it into place.
pub fn write_dir_atomically(dir: &Path, files: &[(String, Vec<u8>)]) -> io::Result<()> {
    let name =
        dir.file_name().ok_or_else(|| io::Error::other(format!("{}: not a folder name", dir.display())))?;
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let side = |tag: &str| -> PathBuf {
        parent.join(format!(".{}.{tag}-{}", name.to_string_lossy(), std::process::id()))
    };
    let tmp = side("tmp");
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir(&tmp)?;
    let result = (|| {
        for (file, bytes) in files {
            let path = tmp.join(file);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, bytes)?;
        }
        if dir.exists() {
            let old = side("old");
            let _ = std::fs::remove_dir_all(&old);
            std::fs::rename(dir, &old)?;
            std::fs::rename(&tmp, dir)?;
            std::fs::remove_dir_all(&old)
        } else {
            std::fs::rename(&tmp, dir)
        }
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(fmt_num(10.0), "10");
        assert_eq!(fmt_num(10.52349), "10.523");
        assert_eq!(fmt_num(-0.0001), "0");
    }

    #[test]
    fn atomic_write_replaces_a_folder_whole() {
        let base = std::env::temp_dir().join(format!("drill-atomic-{}", std::process::id()));
        let dir = base.join("out");
        let f = |name: &str, text: &str| (name.to_string(), text.as_bytes().to_vec());
        write_dir_atomically(&dir, &[f("a.txt", "one"), f("b.txt", "two")]).unwrap();
        write_dir_atomically(&dir, &[f("a.txt", "three")]).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("a.txt")).unwrap(), "three");
        assert!(!dir.join("b.txt").exists());
        let leftovers = std::fs::read_dir(&base).unwrap().count();
        assert_eq!(leftovers, 1);
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn the_summary_holds_the_play_only_when_there_is_one() {
        use crate::report::markdown::play::{plain, tabletop};
        let (o, meta) = tabletop(super::super::Lang::En, "");
        let doc: serde_json::Value = serde_json::from_str(&summary_json(&o, &meta)).unwrap();
        let play = &doc["play"];
        assert_eq!(play["orders"].as_array().unwrap().len(), 5);
        assert_eq!(
            play["orders"][0],
            json!({"t_s": 14_460, "time": "D1 12:01", "line": "note Commander convenes the joint post",
                   "consequence": "noted"})
        );
        assert_eq!(play["decisions"][1]["by_player"], false);
        assert_eq!(play["decisions"][0]["option"], "expand-organised");
        assert_eq!(
            play["overrides"][0],
            json!({"t_s": 21_660, "time": "D1 14:01", "capability": "evacuation_sheltering",
                   "rating": "S", "reason": "roster | late"})
        );
        let ev = &doc["evaluation"];
        assert_eq!((ev["score"].as_f64(), ev["score_computed"].as_f64()), (Some(87.5), Some(50.0)));
        assert_eq!(ev["capabilities"][0]["evaluator"]["rating"], "S");
        assert_eq!(ev["capabilities"][0]["rating"], "U");
        // The same every time: the keys in a fixed order.
        assert_eq!(summary_json(&o, &meta), summary_json(&o.clone(), &meta));
        let (o, meta) = plain(super::super::Lang::En);
        let doc: serde_json::Value = serde_json::from_str(&summary_json(&o, &meta)).unwrap();
        assert!(doc.get("play").is_none() && doc["evaluation"]["capabilities"][0].get("evaluator").is_none());
    }
}
