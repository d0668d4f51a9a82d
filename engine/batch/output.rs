//! A batch's files: `runs.csv` (one row per run in run-index order: run, seed, status, the
//! sampled inputs, every metric) and `summary.json` (per metric mean, sd, 95 % t interval,
//! p5/p50/p95, min/max; per objective P(met) with its Wilson interval; per capability
//! P(rating ≥ S); the seeds of the p10/p50/p90 runs of each objective's metric, to replay a hard
//! day with `drill run --seed`).

use super::runner::RunRow;
use super::stats::{summary, wilson};
use crate::model::Evaluation;
use crate::score::Rating;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The columns of runs.csv after run, seed and status: sampled inputs (`in.` + name), then
/// metrics, each sorted, over every run.
fn columns(rows: &[RunRow]) -> (Vec<String>, Vec<String>) {
    let (mut sampled, mut metrics) = (BTreeSet::new(), BTreeSet::new());
    for r in rows.iter().filter_map(|r| r.result.as_ref().ok()) {
        sampled.extend(r.sampled.keys().cloned());
        metrics.extend(r.metrics.keys().cloned());
    }
    (sampled.into_iter().collect(), metrics.into_iter().collect())
}

/// A number as written: Rust's shortest exact form (the same bytes on every machine).
fn num(v: Option<&f64>) -> String {
    v.map_or(String::new(), |v| format!("{v}"))
}

/// The text of runs.csv.
pub fn runs_csv(rows: &[RunRow]) -> String {
    let (sampled, metrics) = columns(rows);
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head = vec!["run".to_string(), "seed".into(), "status".into()];
    head.extend(sampled.iter().map(|s| format!("in.{s}")));
    head.extend(metrics.iter().cloned());
    let _ = w.write_record(&head);
    for r in rows {
        let mut rec = vec![r.run.to_string(), r.seed.to_string()];
        match &r.result {
            Ok(x) => {
                rec.push("ok".into());
                rec.extend(sampled.iter().map(|s| num(x.sampled.get(s))));
                rec.extend(metrics.iter().map(|m| num(x.metrics.get(m))));
            }
            Err(e) => {
                rec.push(format!("failed: {e}"));
                rec.extend(std::iter::repeat_n(String::new(), sampled.len() + metrics.len()));
            }
        }
        let _ = w.write_record(&rec);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The runs at the p10, p50 and p90 of a metric (ties by run index): run, seed, value.
fn replay_runs(rows: &[RunRow], metric: &str) -> Value {
    let mut v: Vec<(f64, u64, u64)> = rows
        .iter()
        .filter_map(|r| Some((*r.result.as_ref().ok()?.metrics.get(metric)?, r.run, r.seed)))
        .collect();
    if v.is_empty() {
        return Value::Null;
    }
    v.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let at = |q: f64| {
        let (value, run, seed) = v[((v.len() - 1) as f64 * q).round() as usize];
        json!({"run": run, "seed": seed, "value": value})
    };
    json!({"p10": at(0.1), "p50": at(0.5), "p90": at(0.9)})
}

/// The summary.json value (without the inputs' header, which the caller adds).
pub fn summary_json(rows: &[RunRow], ev: &Evaluation) -> Value {
    let ok: Vec<_> = rows.iter().filter_map(|r| r.result.as_ref().ok()).collect();
    let (_, metric_names) = columns(rows);
    let mut metrics = serde_json::Map::new();
    for m in &metric_names {
        let values: Vec<f64> = ok.iter().filter_map(|r| r.metrics.get(m).copied()).collect();
        if let Some(s) = summary(&values) {
            metrics.insert(m.clone(), serde_json::to_value(s).unwrap_or(Value::Null));
        }
    }
    let mut objectives = Vec::new();
    let mut k = 0;
    for c in &ev.capabilities {
        for t in &c.targets {
            let judged: Vec<bool> = ok.iter().filter_map(|r| r.targets.get(k).copied().flatten()).collect();
            let met = judged.iter().filter(|m| **m).count() as u64;
            let (lo, hi) = wilson(met, judged.len() as u64);
            objectives.push(json!({
                "capability": c.id, "metric": t.metric, "at_least": t.at_least, "at_most": t.at_most,
                "runs": judged.len(), "met": met,
                "p_met": if judged.is_empty() { Value::Null } else { json!(met as f64 / judged.len() as f64) },
                "wilson95": [lo, hi],
                "replay": replay_runs(rows, &t.metric),
            }));
            k += 1;
        }
    }
    let capabilities: Vec<Value> = ev
        .capabilities
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let rated: Vec<Rating> = ok.iter().filter_map(|r| r.ratings.get(i).copied().flatten()).collect();
            let good = rated.iter().filter(|r| **r <= Rating::S).count() as u64;
            let (lo, hi) = wilson(good, rated.len() as u64);
            let share = |x: Rating| rated.iter().filter(|r| **r == x).count();
            json!({
                "id": c.id, "name": c.name, "rated_runs": rated.len(),
                "p_s_or_better": if rated.is_empty() { Value::Null } else { json!(good as f64 / rated.len() as f64) },
                "wilson95": [lo, hi],
                "runs_p": share(Rating::P), "runs_s": share(Rating::S), "runs_m": share(Rating::M), "runs_u": share(Rating::U),
            })
        })
        .collect();
    let failed: Vec<Value> = rows
        .iter()
        .filter_map(|r| r.result.as_ref().err().map(|e| json!({"run": r.run, "seed": r.seed, "error": e})))
        .collect();
    json!({
        "runs": rows.len(), "runs_ok": ok.len(), "failed": failed,
        "metrics": metrics, "objectives": objectives, "capabilities": capabilities,
    })
}
