//! A batch's files: `runs.csv` (one row per run in run-index order: run, seed, status, the
//! sampled inputs, every metric) and `summary.json` (per metric mean, sd, 95 % t interval,
//! p5/p50/p95, min/max; per objective P(met) with its Wilson interval; per capability
//! P(rating ≥ S); the seeds of the p10/p50/p90 runs of each objective's metric, to replay a hard
//! day with `drill run --seed`).

use super::stats::{summary, wilson};
use super::table::Table;
use crate::model::Evaluation;
use crate::score::Rating;
use serde_json::{Value, json};
use std::io::{self, Write};

/// A number as written: Rust's shortest exact form (the same bytes on every machine); empty
/// where there is none.
fn num(v: f64) -> String {
    if v.is_nan() { String::new() } else { format!("{v}") }
}

/// Write runs.csv: run, seed, status, the sampled inputs (`in.` + name), every metric, each
/// group sorted by name, one row per run in the table's order.
pub fn write_runs_csv(t: &Table, out: impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut head = vec!["run".to_string(), "seed".into(), "status".into()];
    head.extend(t.sampled.keys().map(|s| format!("in.{s}")));
    head.extend(t.metrics.keys().cloned());
    w.write_record(&head)?;
    for (i, (run, seed, error)) in t.runs.iter().enumerate() {
        let mut rec = vec![run.to_string(), seed.to_string()];
        rec.push(error.as_ref().map_or("ok".to_string(), |e| format!("failed: {e}")));
        rec.extend(t.sampled.values().map(|c| num(c[i])));
        rec.extend(t.metrics.values().map(|c| num(c[i])));
        w.write_record(&rec)?;
    }
    w.flush()
}

/// The text of runs.csv.
pub fn runs_csv(t: &Table) -> String {
    let mut v = Vec::new();
    let _ = write_runs_csv(t, &mut v);
    String::from_utf8(v).unwrap_or_default()
}

/// The runs at the p10, p50 and p90 of a metric (ties by run index): run, seed, value.
fn replay_runs(t: &Table, metric: &str) -> Value {
    let Some(col) = t.metrics.get(metric) else { return Value::Null };
    let mut v: Vec<(f64, u64, u64)> =
        t.runs.iter().zip(col).filter(|(_, x)| !x.is_nan()).map(|(r, x)| (*x, r.0, r.1)).collect();
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
pub fn summary_json(t: &Table, ev: &Evaluation) -> Value {
    let mut metrics = serde_json::Map::new();
    for m in t.metrics.keys() {
        if let Some(s) = summary(&t.values(m)) {
            metrics.insert(m.clone(), serde_json::to_value(s).unwrap_or(Value::Null));
        }
    }
    let mut objectives = Vec::new();
    let targets = ev.capabilities.iter().flat_map(|c| c.targets.iter().map(move |x| (c, x)));
    for (k, (c, target)) in targets.enumerate() {
        let judged: Vec<bool> =
            t.targets.get(k).map_or(Vec::new(), |col| col.iter().flatten().copied().collect());
        let met = judged.iter().filter(|m| **m).count() as u64;
        let (lo, hi) = wilson(met, judged.len() as u64);
        objectives.push(json!({
            "capability": c.id, "metric": target.metric, "at_least": target.at_least, "at_most": target.at_most,
            "runs": judged.len(), "met": met,
            "p_met": if judged.is_empty() { Value::Null } else { json!(met as f64 / judged.len() as f64) },
            "wilson95": [lo, hi],
            "replay": replay_runs(t, &target.metric),
        }));
    }
    let capabilities: Vec<Value> = ev
        .capabilities
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let rated: Vec<Rating> = t.ratings.get(i).map_or(Vec::new(), |col| col.iter().flatten().copied().collect());
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
    let failed: Vec<Value> = t
        .runs
        .iter()
        .filter_map(|(run, seed, e)| e.as_ref().map(|e| json!({"run": run, "seed": seed, "error": e})))
        .collect();
    json!({
        "runs": t.len(), "runs_ok": t.ok_rows().count(), "failed": failed,
        "metrics": metrics, "objectives": objectives, "capabilities": capabilities,
    })
}
