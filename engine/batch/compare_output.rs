//! A comparison's files: `comparison.json` (plans, seeds, every paired difference, every
//! objective's verdict), `differences.csv`, `comparison.md` and `forest.svg`; and per plan its
//! batch files (`<k>-<plan>/runs.csv`, `summary.json`).

use super::compare::{Difference, Judged, Plan, differences};
use super::folder::summary_of;
use super::manifest::Manifest;
use super::output::runs_csv;
use super::table::Table;
use serde_json::{Value, json};
use std::fmt::Write;

/// What a comparison was.
pub struct Setup {
    pub runs: u64,
    pub seed: u64,
    pub independent: bool,
}

fn num(v: f64) -> String {
    if v.is_nan() { String::new() } else { format!("{v}") }
}

fn csv(plans: &[Plan], tables: &[Table]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "plan",
        "first",
        "metric",
        "n",
        "mean_first",
        "mean_plan",
        "diff_mean",
        "diff_sd",
        "diff_ci95_lo",
        "diff_ci95_hi",
        "variance_ratio",
    ]);
    for (k, t) in tables.iter().enumerate().skip(1) {
        for d in differences(&tables[0], t) {
            let _ = w.write_record([
                plans[k].label.clone(),
                plans[0].label.clone(),
                d.metric.clone(),
                d.n.to_string(),
                num(d.mean_first),
                num(d.mean_plan),
                num(d.diff.mean),
                num(d.diff.sd),
                num(d.diff.ci95_lo),
                num(d.diff.ci95_hi),
                d.variance_ratio.map_or(String::new(), num),
            ]);
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn fmt(v: f64) -> String {
    if v.abs() >= 100.0 { format!("{v:.1}") } else { format!("{v:.4}") }
}

fn markdown(plans: &[Plan], judged: &[Judged], s: &Setup, scenario: &str) -> String {
    let mut m = String::new();
    let _ = writeln!(m, "# Plan comparison: {scenario}\n");
    let how = if s.independent {
        "independent runs (each plan its own seeds)"
    } else {
        "common random numbers (run r of every plan has the same seed and draws)"
    };
    let _ = writeln!(m, "{} runs per plan, seed {}, {how}.\n", s.runs, s.seed);
    for (k, p) in plans.iter().enumerate() {
        let _ = writeln!(
            m,
            "- plan {k}: **{}** ({}){}",
            p.label,
            p.inputs.plan.plan.name,
            if k == 0 { " — the first, compared against" } else { "" }
        );
    }
    let _ = writeln!(
        m,
        "\n## Objectives\n\nDifference = plan − first, mean over runs with its 95 % t interval; better or worse only when the interval excludes zero.\n"
    );
    let _ = writeln!(
        m,
        "| plan | capability | metric (target) | first | plan | difference [95 % CI] | variance ratio | P(met) first → plan | verdict |"
    );
    let _ = writeln!(m, "|---|---|---|---:|---:|---|---:|---|---|");
    for j in judged {
        let target = match (j.at_least, j.at_most) {
            (Some(a), _) => format!("≥ {a}"),
            (None, Some(b)) => format!("≤ {b}"),
            _ => String::new(),
        };
        let (first, plan, diff, ratio) = match &j.difference {
            Some(Difference { mean_first, mean_plan, diff, variance_ratio, .. }) => (
                fmt(*mean_first),
                fmt(*mean_plan),
                format!("{:+} [{}, {}]", fmt(diff.mean), fmt(diff.ci95_lo), fmt(diff.ci95_hi)),
                variance_ratio.map_or("–".into(), |r| format!("{r:.1}")),
            ),
            None => ("–".into(), "–".into(), "–".into(), "–".into()),
        };
        let p = |x: Option<f64>| x.map_or("–".into(), |v| format!("{:.0} %", 100.0 * v));
        let _ = writeln!(
            m,
            "| {} | {} | `{}` {target} | {first} | {plan} | {diff} | {ratio} | {} → {} | **{}** |",
            j.plan,
            j.capability_name,
            j.metric,
            p(j.p_met_first),
            p(j.p_met_plan),
            j.verdict.text()
        );
    }
    let _ = writeln!(
        m,
        "\nThe variance ratio (s²_first + s²_plan) / s²_difference says how many times more runs independent sampling would need for the same interval. Every metric's difference is in `differences.csv`; the forest plot is `forest.svg`."
    );
    m
}

/// Every file of a comparison.
pub fn files(plans: &[Plan], tables: &[Table], judged: &[Judged], s: &Setup) -> Vec<(String, Vec<u8>)> {
    let scenario = plans[0].inputs.scenario.scenario.name.clone();
    let mut out = Vec::new();
    let mut plan_list = Vec::new();
    for (k, (p, t)) in plans.iter().zip(tables).enumerate() {
        let folder = format!("{k}-{}", p.label);
        let mut m = Manifest::new(p.inputs, s.seed, s.runs, super::Shard::WHOLE, None);
        m.runs_done = t.len() as u64;
        m.complete = true;
        let mut summary = summary_of(t, &p.ev, &m, None);
        if s.independent && k > 0 {
            summary["seed_note"] =
                "independent: run seeds of their own, derived from the seed and the plan's place".into();
        }
        out.push((format!("{folder}/runs.csv"), runs_csv(t).into_bytes()));
        out.push((format!("{folder}/summary.json"), format!("{summary:#}\n").into_bytes()));
        plan_list
            .push(json!({"index": k, "label": p.label, "name": p.inputs.plan.plan.name, "folder": folder,
            "inputs": m.inputs}));
    }
    let diffs: Vec<Value> = tables
        .iter()
        .enumerate()
        .skip(1)
        .map(|(k, t)| json!({"plan": plans[k].label, "first": plans[0].label, "metrics": differences(&tables[0], t)}))
        .collect();
    let doc = json!({
        "scenario": scenario, "runs": s.runs, "seed": s.seed,
        "common_random_numbers": !s.independent, "engine_version": env!("CARGO_PKG_VERSION"),
        "plans": plan_list, "objectives": judged, "differences": diffs,
    });
    out.push(("comparison.json".into(), format!("{doc:#}\n").into_bytes()));
    out.push(("differences.csv".into(), csv(plans, tables).into_bytes()));
    out.push(("comparison.md".into(), markdown(plans, judged, s, &scenario).into_bytes()));
    out.push(("forest.svg".into(), super::forest::forest_svg(judged, &plans[0].label).into_bytes()));
    out
}
