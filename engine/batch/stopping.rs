//! Sequential stopping (models.md §6.3, Law's fixed-precision procedure): with
//! `--until-halfwidth METRIC=H` runs are added until the 95 % t interval of the metric's mean
//! has a half-width of at most H, judged after each run in run-index order from n₀ = 20 runs on,
//! so where a batch stops depends on its seed only, not on threads or timing; `--runs` caps it.

use super::runner::RunRow;
use super::stats::t975;
use serde_json::{Value, json};

/// Runs before the rule is first applied (n₀ ≥ 10–20: Chow–Robbins coverage falls below nominal
/// when n₀ is small).
pub const MIN_RUNS: u64 = 20;

/// The rule: a metric and the half-width wanted.
#[derive(Debug, Clone, PartialEq)]
pub struct Until {
    pub metric: String,
    pub half: f64,
}

impl Until {
    /// Parse `METRIC=H`.
    pub fn parse(text: &str) -> Result<Until, String> {
        let bad = || {
            format!(
                "--until-halfwidth: expected METRIC=H (e.g. evacuation.share_out_by_deadline=0.01), found \"{text}\""
            )
        };
        let (m, h) = text.split_once('=').ok_or_else(bad)?;
        let half: f64 = h.trim().parse().map_err(|_| bad())?;
        if m.trim().is_empty() || !(half > 0.0 && half.is_finite()) {
            return Err(bad());
        }
        Ok(Until { metric: m.trim().to_string(), half })
    }

    /// As written in the manifest.
    pub fn text(&self) -> String {
        format!("{}={}", self.metric, self.half)
    }
}

/// The rule applied run by run: Welford's running mean and variance of the metric.
#[derive(Debug, Clone)]
pub struct Stopping {
    pub until: Until,
    /// Runs seen (with or without the metric).
    pub runs: u64,
    n: u64,
    mean: f64,
    m2: f64,
    /// The runs seen when the rule was met.
    pub met_at: Option<u64>,
}

impl Stopping {
    pub fn new(until: Until) -> Stopping {
        Stopping { until, runs: 0, n: 0, mean: 0.0, m2: 0.0, met_at: None }
    }

    /// The half-width of the 95 % interval now (NaN under two values).
    pub fn half_width(&self) -> f64 {
        if self.n < 2 {
            return f64::NAN;
        }
        let sd = (self.m2 / (self.n - 1) as f64).sqrt();
        t975(self.n as usize - 1) * sd / (self.n as f64).sqrt()
    }

    /// Take the next run in run-index order.
    pub fn add(&mut self, row: &RunRow) {
        self.runs += 1;
        if let Some(&x) = row.result.as_ref().ok().and_then(|r| r.metrics.get(&self.until.metric)) {
            self.n += 1;
            let d = x - self.mean;
            self.mean += d / self.n as f64;
            self.m2 += d * (x - self.mean);
        }
        if self.met_at.is_none() && self.runs >= MIN_RUNS && self.half_width() <= self.until.half {
            self.met_at = Some(self.runs);
        }
    }

    /// Whether the rule is met.
    pub fn done(&self) -> bool {
        self.met_at.is_some()
    }

    /// What summary.json says of it.
    pub fn json(&self) -> Value {
        json!({
            "metric": self.until.metric, "halfwidth_wanted": self.until.half, "min_runs": MIN_RUNS,
            "runs": self.runs, "runs_with_metric": self.n, "met": self.done(),
            "halfwidth": if self.n < 2 { Value::Null } else { json!(self.half_width()) },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::RunResult;
    use rand::SeedableRng;
    use rand_distr::Distribution;

    fn row(run: u64, x: f64) -> RunRow {
        RunRow {
            run,
            seed: run,
            result: Ok(RunResult {
                sampled: Default::default(),
                metrics: [("m".to_string(), x)].into(),
                ratings: vec![],
                targets: vec![],
            }),
        }
    }

    #[test]
    fn stopping_waits_for_n0_then_stops_at_the_first_run_meeting_the_half_width() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        let normal = rand_distr::Normal::new(10.0, 2.0).unwrap();
        let xs: Vec<f64> = (0..2000).map(|_| normal.sample(&mut rng)).collect();
        let mut s = Stopping::new(Until::parse("m=0.2").unwrap());
        let mut at = None;
        for (i, x) in xs.iter().enumerate() {
            s.add(&row(i as u64, *x));
            if s.done() {
                at = Some(i as u64 + 1);
                break;
            }
        }
        let n = at.unwrap();
        // n ≈ (1.96 · 2 / 0.2)² ≈ 384.
        assert!((300..480).contains(&n), "stopped at {n}");
        let direct = crate::batch::stats::summary(&xs[..n as usize]).unwrap();
        assert!(direct.ci95_half <= 0.2);
        let before = crate::batch::stats::summary(&xs[..n as usize - 1]).unwrap();
        assert!(before.ci95_half > 0.2);
        // A constant metric meets any half-width, but not before n₀.
        let mut c = Stopping::new(Until::parse("m=0.5").unwrap());
        for i in 0..MIN_RUNS {
            assert!(!c.done());
            c.add(&row(i, 3.0));
        }
        assert_eq!(c.met_at, Some(MIN_RUNS));
        assert!(Until::parse("m=-1").is_err() && Until::parse("m").is_err() && Until::parse("=1").is_err());
    }
}
