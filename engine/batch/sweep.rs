//! Sweeps: a grid over scenario and plan values by document path (`--set PATH=V1,V2,…`, each
//! `--set` one axis, the first varying slowest), every cell a batch of the same runs (common
//! random numbers, so neighbouring cells differ by the change alone); per cell and chosen metric
//! the mean with its 95 % interval and the paired difference against the first cell; a table
//! (`sweep.csv`, `sweep.md`), `sweep.json` and a chart per metric (`sweep.svg`).

use super::compare::{Plan, differences};
use super::stats::summary;
use super::table::Table;
use crate::model::overrides::Override;
use crate::report::html::esc;
use serde_json::{Value, json};
use std::fmt::Write;

/// The axes of a sweep: each a path and its values.
pub type Axes = Vec<(String, Vec<String>)>;

/// Every cell of the grid: its overrides, the first axis varying slowest.
pub fn cells(axes: &Axes) -> Vec<Vec<Override>> {
    let mut out: Vec<Vec<Override>> = vec![Vec::new()];
    for (path, values) in axes {
        out = out
            .into_iter()
            .flat_map(|cell| {
                values.iter().map(move |v| {
                    let mut c = cell.clone();
                    c.push(Override::new(path.clone(), v.clone()));
                    c
                })
            })
            .collect();
    }
    out
}

/// A cell's label: `members=16, on_duty=8` (the last field of each path).
pub fn label(cell: &[Override]) -> String {
    cell.iter()
        .map(|o| format!("{}={}", o.path.rsplit('.').next().unwrap_or(&o.path), o.value))
        .collect::<Vec<_>>()
        .join(", ")
}

fn num(v: f64) -> String {
    if v.is_nan() { String::new() } else { format!("{v}") }
}

/// Per cell and metric: mean, 95 % interval, and the paired difference against the first cell.
fn rows(cells: &[Vec<Override>], tables: &[Table], metrics: &[String]) -> Vec<Value> {
    let mut out = Vec::new();
    for (k, (cell, t)) in cells.iter().zip(tables).enumerate() {
        let diffs = differences(&tables[0], t);
        for m in metrics {
            let s = summary(&t.values(m));
            let d = diffs.iter().find(|d| &d.metric == m);
            out.push(json!({
                "cell": k,
                "set": cell.iter().map(|o| json!({"path": o.path, "value": o.value})).collect::<Vec<_>>(),
                "metric": m,
                "runs": s.as_ref().map_or(0, |s| s.n),
                "mean": s.as_ref().map(|s| s.mean), "ci95_lo": s.as_ref().map(|s| s.ci95_lo), "ci95_hi": s.as_ref().map(|s| s.ci95_hi),
                "p5": s.as_ref().map(|s| s.p5), "p95": s.as_ref().map(|s| s.p95),
                "diff_first": d.map(|d| json!({"mean": d.diff.mean, "ci95_lo": d.diff.ci95_lo, "ci95_hi": d.diff.ci95_hi, "variance_ratio": d.variance_ratio})),
            }));
        }
    }
    out
}

fn table_csv(axes: &Axes, rows: &[Value]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head: Vec<String> = vec!["cell".into()];
    head.extend(axes.iter().map(|(p, _)| p.clone()));
    head.extend(
        [
            "metric",
            "runs",
            "mean",
            "ci95_lo",
            "ci95_hi",
            "p5",
            "p95",
            "diff_first",
            "diff_first_ci95_lo",
            "diff_first_ci95_hi",
        ]
        .map(String::from),
    );
    let _ = w.write_record(&head);
    let f = |v: &Value| v.as_f64().map_or(String::new(), num);
    for r in rows {
        let mut rec = vec![r["cell"].to_string()];
        rec.extend(
            r["set"].as_array().into_iter().flatten().map(|s| s["value"].as_str().unwrap_or("").to_string()),
        );
        rec.push(r["metric"].as_str().unwrap_or("").into());
        rec.push(r["runs"].to_string());
        for k in ["mean", "ci95_lo", "ci95_hi", "p5", "p95"] {
            rec.push(f(&r[k]));
        }
        for k in ["mean", "ci95_lo", "ci95_hi"] {
            rec.push(f(&r["diff_first"][k]));
        }
        let _ = w.write_record(&rec);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn markdown(scenario: &str, plan: &str, runs: u64, seed: u64, labels: &[String], rows: &[Value]) -> String {
    let mut m = String::new();
    let _ = writeln!(m, "# Sweep: {scenario} with {plan}\n");
    let _ = writeln!(
        m,
        "{} cells × {runs} runs, seed {seed}; common random numbers: run r of every cell has the same seed and draws, so a cell differs from the first by its values alone.\n",
        labels.len()
    );
    let _ = writeln!(m, "| cell | metric | mean [95 % CI] | p5 – p95 | against the first cell [95 % CI] |");
    let _ = writeln!(m, "|---|---|---|---|---|");
    let g = |v: &Value| v.as_f64().map_or("–".to_string(), |x| format!("{x:.4}"));
    for r in rows {
        let k = r["cell"].as_u64().unwrap_or(0) as usize;
        let d = &r["diff_first"];
        let diff = if d.is_null() {
            "–".into()
        } else {
            format!("{} [{}, {}]", g(&d["mean"]), g(&d["ci95_lo"]), g(&d["ci95_hi"]))
        };
        let _ = writeln!(
            m,
            "| {} | `{}` | {} [{}, {}] | {} – {} | {diff} |",
            labels[k],
            r["metric"].as_str().unwrap_or(""),
            g(&r["mean"]),
            g(&r["ci95_lo"]),
            g(&r["ci95_hi"]),
            g(&r["p5"]),
            g(&r["p95"])
        );
    }
    m
}

/// One panel per metric: the mean of each cell with its 95 % interval, cells along x.
fn chart(labels: &[String], metrics: &[String], rows: &[Value]) -> String {
    let (pw, ph, left, top) = (640.0, 170.0, 70.0, 30.0);
    let n = labels.len().max(1) as f64;
    let h = metrics.len() as f64 * (ph + 60.0) + 20.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {h}" width="100%" font-family="sans-serif" font-size="11">"##,
        left + pw + 20.0
    );
    for (i, m) in metrics.iter().enumerate() {
        let y0 = i as f64 * (ph + 60.0) + top;
        let pts: Vec<(usize, f64, f64, f64)> = rows
            .iter()
            .filter(|r| r["metric"] == m.as_str())
            .filter_map(|r| {
                Some((
                    r["cell"].as_u64()? as usize,
                    r["mean"].as_f64()?,
                    r["ci95_lo"].as_f64()?,
                    r["ci95_hi"].as_f64()?,
                ))
            })
            .collect();
        let _ = write!(s, r##"<text x="4" y="{}" font-weight="bold">{}</text>"##, y0 - 10.0, esc(m));
        let (lo, hi) =
            pts.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |a, p| (a.0.min(p.2), a.1.max(p.3)));
        if !lo.is_finite() {
            continue;
        }
        let (lo, hi) = if hi - lo < 1e-12 {
            (lo - 1.0, hi + 1.0)
        } else {
            (lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo))
        };
        let y = |v: f64| y0 + ph - (v - lo) / (hi - lo) * ph;
        let x = |k: usize| left + (k as f64 + 0.5) / n * pw;
        let _ = write!(
            s,
            r##"<rect x="{left}" y="{y0}" width="{pw}" height="{ph}" fill="none" stroke="#999"/>"##
        );
        for v in [lo, hi] {
            let _ =
                write!(s, r##"<text x="{}" y="{}" text-anchor="end">{v:.3}</text>"##, left - 4.0, y(v) + 4.0);
        }
        let line: Vec<String> = pts.iter().map(|p| format!("{:.1},{:.1}", x(p.0), y(p.1))).collect();
        let _ = write!(s, r##"<polyline points="{}" fill="none" stroke="#0969da"/>"##, line.join(" "));
        for p in &pts {
            let _ = write!(
                s,
                r##"<line x1="{0:.1}" y1="{1:.1}" x2="{0:.1}" y2="{2:.1}" stroke="#0969da"/><circle cx="{0:.1}" cy="{3:.1}" r="3" fill="#0969da"/>"##,
                x(p.0),
                y(p.2),
                y(p.3),
                y(p.1)
            );
        }
        for (k, l) in labels.iter().enumerate() {
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{}" text-anchor="middle">{}</text>"##,
                x(k),
                y0 + ph + 14.0,
                esc(l)
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

/// Every file of a sweep: `sweep.csv`, `sweep.md`, `sweep.json`, `sweep.svg`, and per cell its
/// `cells/<k>/runs.csv` and `summary.json`.
pub fn files(
    axes: &Axes,
    cells: &[Vec<Override>],
    plans: &[Plan],
    tables: &[Table],
    metrics: &[String],
    runs: u64,
    seed: u64,
) -> Vec<(String, Vec<u8>)> {
    let labels: Vec<String> = cells.iter().map(|c| label(c)).collect();
    let rows = rows(cells, tables, metrics);
    let (scenario, plan) = (&plans[0].inputs.scenario.scenario.name, &plans[0].inputs.plan.plan.name);
    let mut out = Vec::new();
    for (k, (p, t)) in plans.iter().zip(tables).enumerate() {
        let mut m = super::manifest::Manifest::new(p.inputs, seed, runs, super::Shard::WHOLE, None);
        m.runs_done = t.len() as u64;
        m.complete = true;
        let mut s = super::folder::summary_of(t, &p.ev, &m, None);
        s["set"] =
            cells[k].iter().map(|o| json!({"path": o.path, "value": o.value})).collect::<Vec<_>>().into();
        out.push((format!("cells/{k}/runs.csv"), super::output::runs_csv(t).into_bytes()));
        out.push((format!("cells/{k}/summary.json"), format!("{s:#}\n").into_bytes()));
    }
    let doc = json!({
        "scenario": scenario, "plan": plan, "runs": runs, "seed": seed, "common_random_numbers": true,
        "engine_version": env!("CARGO_PKG_VERSION"),
        "axes": axes.iter().map(|(p, v)| json!({"path": p, "values": v})).collect::<Vec<_>>(),
        "cells": labels, "metrics": metrics, "results": rows,
    });
    out.push(("sweep.json".into(), format!("{doc:#}\n").into_bytes()));
    out.push(("sweep.csv".into(), table_csv(axes, &rows).into_bytes()));
    out.push(("sweep.md".into(), markdown(scenario, plan, runs, seed, &labels, &rows).into_bytes()));
    out.push(("sweep.svg".into(), chart(&labels, metrics, &rows).into_bytes()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sweep_grid_is_every_combination_first_axis_slowest() {
        let axes: Axes = vec![
            ("teams[t-a].members".into(), vec!["16".into(), "24".into()]),
            ("behaviour.x".into(), vec!["0.5".into(), "0.9".into(), "1".into()]),
        ];
        let c = cells(&axes);
        assert_eq!(c.len(), 6);
        assert_eq!(label(&c[0]), "members=16, x=0.5");
        assert_eq!(label(&c[2]), "members=16, x=1");
        assert_eq!(label(&c[3]), "members=24, x=0.5");
    }
}
