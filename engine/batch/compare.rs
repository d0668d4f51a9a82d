//! Comparing plans on one scenario (models.md §6.1): run r of every plan uses the same seed, so
//! the same weather, households and draws (common random numbers) unless `independent`; per
//! metric the paired difference against the first plan with its 95 % t interval and the
//! variance-reduction ratio (s²_A + s²_B) / s²_D against independent sampling; per objective a
//! verdict — better, worse, or no significant difference.

use super::runner::{pool, run_one, run_ordered};
use super::seeds::run_seed;
use super::stats::{Summary, summary};
use super::table::Table;
use crate::model::Evaluation;
use crate::run::Inputs;
use serde::Serialize;

/// One plan of a comparison.
pub struct Plan<'a> {
    pub inputs: &'a Inputs,
    pub ev: Evaluation,
    /// How it is named in outputs (the plan file's stem).
    pub label: String,
}

/// The seed of run `r` of plan `k`: the batch's run seed for every plan (common random numbers),
/// or, independent, the first plan's and a seed of its own for each other plan.
pub fn plan_run_seed(seed: u64, k: usize, r: u64, independent: bool) -> u64 {
    if independent && k > 0 { run_seed(run_seed(seed, u64::MAX - k as u64), r) } else { run_seed(seed, r) }
}

/// Run every plan `runs` times; each plan's rows in run order.
pub fn run_plans(
    plans: &[Plan],
    runs: u64,
    seed: u64,
    threads: usize,
    independent: bool,
    mut progress: impl FnMut(u64, u64),
) -> Result<Vec<Table>, String> {
    let p = pool(threads)?;
    let n = plans.len() as u64;
    let mut tables = vec![Table::default(); plans.len()];
    run_ordered(
        &p,
        runs * n,
        |j| {
            let (r, k) = (j / n, (j % n) as usize);
            run_one(plans[k].inputs, &plans[k].ev, r, plan_run_seed(seed, k, r, independent))
        },
        |j, row| {
            tables[(j % n) as usize].push(&row);
            progress(j + 1, runs * n);
            true
        },
    );
    Ok(tables)
}

/// The paired difference of one metric, plan minus the first plan.
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    pub metric: String,
    /// Runs where both plans have a value.
    pub n: usize,
    pub mean_first: f64,
    pub mean_plan: f64,
    /// Of plan − first, run by run.
    pub diff: Summary,
    /// Var(first) + Var(plan) over Var(difference): how many times fewer runs common random
    /// numbers need than independent runs for the same precision; none when every difference is 0.
    pub variance_ratio: Option<f64>,
}

/// Every metric both plans have, compared.
pub fn differences(first: &Table, plan: &Table) -> Vec<Difference> {
    let mut out = Vec::new();
    for (m, a) in &first.metrics {
        let Some(b) = plan.metrics.get(m) else { continue };
        let pairs: Vec<(f64, f64)> =
            a.iter().zip(b).filter(|(x, y)| !x.is_nan() && !y.is_nan()).map(|(x, y)| (*x, *y)).collect();
        let d: Vec<f64> = pairs.iter().map(|(x, y)| y - x).collect();
        let (Some(sa), Some(sb), Some(sd)) = (
            summary(&pairs.iter().map(|p| p.0).collect::<Vec<_>>()),
            summary(&pairs.iter().map(|p| p.1).collect::<Vec<_>>()),
            summary(&d),
        ) else {
            continue;
        };
        let var_d = sd.sd * sd.sd;
        let ratio = (pairs.len() > 1 && var_d > 0.0).then(|| (sa.sd * sa.sd + sb.sd * sb.sd) / var_d);
        out.push(Difference {
            metric: m.clone(),
            n: pairs.len(),
            mean_first: sa.mean,
            mean_plan: sb.mean,
            diff: sd,
            variance_ratio: ratio,
        });
    }
    out
}

/// What a difference says about an objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Better,
    Worse,
    NoSignificantDifference,
    /// The same value in every run.
    Identical,
    /// Too few runs with the metric for an interval.
    NotEnoughRuns,
}

impl Verdict {
    pub fn text(self) -> &'static str {
        match self {
            Verdict::Better => "better",
            Verdict::Worse => "worse",
            Verdict::NoSignificantDifference => "no significant difference",
            Verdict::Identical => "identical in every run",
            Verdict::NotEnoughRuns => "not enough runs",
        }
    }
}

/// The verdict on a target from the difference of its metric: higher is better for an
/// `at_least` target, lower for an `at_most` one; better or worse only when the 95 % interval
/// of the mean difference excludes zero.
pub fn verdict(target: &crate::model::Target, d: Option<&Difference>) -> Verdict {
    let Some(d) = d else { return Verdict::NotEnoughRuns };
    if d.diff.sd == 0.0 && d.diff.mean == 0.0 {
        return Verdict::Identical;
    }
    if d.n < 2 || d.diff.ci95_half.is_nan() {
        return Verdict::NotEnoughRuns;
    }
    let higher_better = target.at_least.is_some();
    let up = if d.diff.ci95_lo > 0.0 {
        Some(true)
    } else if d.diff.ci95_hi < 0.0 {
        Some(false)
    } else {
        None
    };
    match up {
        None => Verdict::NoSignificantDifference,
        Some(u) if u == higher_better => Verdict::Better,
        Some(_) => Verdict::Worse,
    }
}

/// One objective of the first plan's evaluation judged for one other plan.
#[derive(Debug, Clone, Serialize)]
pub struct Judged {
    pub plan: String,
    pub capability: String,
    pub capability_name: String,
    pub metric: String,
    pub at_least: Option<f64>,
    pub at_most: Option<f64>,
    pub verdict: Verdict,
    pub difference: Option<Difference>,
    /// Share of runs meeting the target, first plan and this plan.
    pub p_met_first: Option<f64>,
    pub p_met_plan: Option<f64>,
}

fn p_met(t: &Table, k: usize) -> Option<f64> {
    let col = t.targets.get(k)?;
    let judged: Vec<bool> = col.iter().flatten().copied().collect();
    (!judged.is_empty()).then(|| judged.iter().filter(|m| **m).count() as f64 / judged.len() as f64)
}

/// Every objective of the first plan, judged for every other plan.
pub fn judge(plans: &[Plan], tables: &[Table]) -> Vec<Judged> {
    let mut out = Vec::new();
    let ev = &plans[0].ev;
    for (k, t) in tables.iter().enumerate().skip(1) {
        let diffs = differences(&tables[0], t);
        let targets = ev.capabilities.iter().flat_map(|c| c.targets.iter().map(move |x| (c, x)));
        for (i, (c, target)) in targets.enumerate() {
            let d = diffs.iter().find(|d| d.metric == target.metric);
            out.push(Judged {
                plan: plans[k].label.clone(),
                capability: c.id.clone(),
                capability_name: c.name.clone(),
                metric: target.metric.clone(),
                at_least: target.at_least,
                at_most: target.at_most,
                verdict: verdict(target, d),
                difference: d.cloned(),
                p_met_first: p_met(&tables[0], i),
                // The other plan's own evaluation may list other targets: judge by value.
                p_met_plan: {
                    let col: Vec<f64> = t.values(&target.metric);
                    (!col.is_empty()).then(|| {
                        col.iter().filter(|v| super::runner::met(target, **v)).count() as f64
                            / col.len() as f64
                    })
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Target;

    fn table(xs: &[f64]) -> Table {
        let mut t = Table::default();
        for (i, x) in xs.iter().enumerate() {
            t.push(&crate::batch::RunRow {
                run: i as u64,
                seed: 0,
                result: Ok(crate::batch::RunResult {
                    sampled: Default::default(),
                    metrics: [("m".to_string(), *x)].into(),
                    ratings: vec![],
                    targets: vec![],
                }),
            });
        }
        t
    }

    #[test]
    fn paired_differences_use_the_correlation_and_verdicts_follow_the_target_direction() {
        // Plan B = plan A + 1 ± a little, A widely spread: the paired interval is tight, the
        // variance ratio large.
        let a: Vec<f64> = (0..20).map(|i| (i * 37 % 20) as f64 * 10.0).collect();
        let b: Vec<f64> =
            a.iter().enumerate().map(|(i, x)| x + 1.0 + if i % 2 == 0 { 0.1 } else { -0.1 }).collect();
        let d = &differences(&table(&a), &table(&b))[0];
        assert_eq!(d.n, 20);
        assert!((d.diff.mean - 1.0).abs() < 1e-12 && d.diff.ci95_lo > 0.9, "{:?}", d.diff);
        assert!(d.variance_ratio.unwrap() > 1000.0, "{:?}", d.variance_ratio);
        let higher = Target { metric: "m".into(), at_least: Some(0.0), at_most: None, text: None };
        let lower = Target { metric: "m".into(), at_least: None, at_most: Some(0.0), text: None };
        assert_eq!(verdict(&higher, Some(d)), Verdict::Better);
        assert_eq!(verdict(&lower, Some(d)), Verdict::Worse);
        // Identical plans: every difference 0, bit for bit.
        let same = &differences(&table(&a), &table(&a))[0];
        assert_eq!((same.diff.mean, same.diff.sd, same.variance_ratio), (0.0, 0.0, None));
        assert_eq!(verdict(&higher, Some(same)), Verdict::Identical);
        // Noise either way: no significant difference.
        let c: Vec<f64> =
            a.iter().enumerate().map(|(i, x)| x + if i % 2 == 0 { 5.0 } else { -5.0 }).collect();
        let nd = &differences(&table(&a), &table(&c))[0];
        assert_eq!(verdict(&higher, Some(nd)), Verdict::NoSignificantDifference);
    }

    #[test]
    fn common_random_numbers_share_seeds_and_independent_plans_do_not() {
        assert_eq!(plan_run_seed(9, 0, 4, false), plan_run_seed(9, 2, 4, false));
        assert_eq!(plan_run_seed(9, 0, 4, true), run_seed(9, 4));
        assert_ne!(plan_run_seed(9, 1, 4, true), plan_run_seed(9, 2, 4, true));
        assert_ne!(plan_run_seed(9, 1, 4, true), run_seed(9, 4));
    }
}
