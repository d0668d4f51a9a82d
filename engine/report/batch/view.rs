//! What the batch report is given ([`BatchView`], [`MetricView`]) and what it derives once per
//! metric before drawing: the finite values in run order and sorted, the summary, the objective's
//! bounds, the x range every chart of the metric shares, and a file-name slug.

use super::style::padded;
use crate::batch::stats::{Summary, summary};
use std::collections::BTreeSet;

/// One metric of a batch, values in run-index order (runs without a value for it left out).
#[derive(Debug, Clone, PartialEq)]
pub struct MetricView<'a> {
    /// The metric's name, e.g. "evacuation.share_out_by_deadline".
    pub name: &'a str,
    /// Values in run-index order, finite (any that is not is left out).
    pub values: &'a [f64],
    /// The objective on it, if any: (at_least, at_most)
    pub target: Option<(Option<f64>, Option<f64>)>,
}

/// What the batch report shows.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchView<'a> {
    /// "Typhoon In-Fa … with Fengqiao comprehensive plan" (user text: escaped on the page).
    pub title: &'a str,
    /// "1,000 runs, seed 1" (escaped on the page).
    pub subtitle: &'a str,
    pub metrics: Vec<MetricView<'a>>,
    /// Extra rows of the summary table: (label, value) pairs, plain text (escaped on the page).
    pub facts: Vec<(String, String)>,
}

/// One metric, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Metric<'a> {
    pub name: &'a str,
    /// The file-name and anchor stem: `[A-Za-z0-9._-]`, unique in the report.
    pub slug: String,
    /// Finite values in run order.
    pub values: Vec<f64>,
    /// The same, ascending.
    pub sorted: Vec<f64>,
    /// None when there is no value.
    pub stats: Option<Summary>,
    /// The objective's bounds (finite ones only).
    pub at_least: Option<f64>,
    pub at_most: Option<f64>,
    /// The x range of the histogram and the ECDF (the y range of the convergence chart).
    pub range: (f64, f64),
}

impl<'a> Metric<'a> {
    /// Prepare `v`, its slug `slug`.
    pub fn new(v: &MetricView<'a>, slug: String) -> Metric<'a> {
        let values: Vec<f64> = v.values.iter().copied().filter(|x| x.is_finite()).collect();
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        let finite = |b: Option<f64>| b.filter(|x| x.is_finite());
        let (at_least, at_most) = v.target.map_or((None, None), |(lo, hi)| (finite(lo), finite(hi)));
        let range = range(&sorted, [at_least, at_most]);
        Metric { name: v.name, slug, stats: summary(&values), values, sorted, at_least, at_most, range }
    }

    /// The objective's bounds that are drawn: (bound, "≥ x" or "≤ x"), in that order.
    pub fn bounds(&self) -> Vec<(f64, String)> {
        let lo = self.at_least.map(|b| (b, format!("≥ {}", super::style::num(b))));
        let hi = self.at_most.map(|b| (b, format!("≤ {}", super::style::num(b))));
        [lo, hi].into_iter().flatten().collect()
    }

    /// Runs meeting the objective and runs, or None without an objective.
    pub fn met(&self) -> Option<(usize, usize)> {
        if self.at_least.is_none() && self.at_most.is_none() {
            return None;
        }
        let ok = |x: &&f64| self.at_least.is_none_or(|b| **x >= b) && self.at_most.is_none_or(|b| **x <= b);
        Some((self.values.iter().filter(ok).count(), self.values.len()))
    }
}

/// The x range of a metric's charts: its values and the objective's bounds, see [`with_bounds`].
fn range(sorted: &[f64], bounds: [Option<f64>; 2]) -> (f64, f64) {
    match (sorted.first(), sorted.last()) {
        (Some(&lo), Some(&hi)) => with_bounds(lo, hi, bounds),
        _ => (0.0, 1.0),
    }
}

/// `lo..hi` widened to the objective's bounds that are not far off (within twice the spread,
/// which is |value| — at least 1 — when every value is the same), padded.
pub(super) fn with_bounds(lo: f64, hi: f64, bounds: [Option<f64>; 2]) -> (f64, f64) {
    let spread = if hi > lo { hi - lo } else { hi.abs().max(1.0) };
    let (mut a, mut b) = (lo, hi);
    for bound in bounds.into_iter().flatten() {
        if bound >= lo - 2.0 * spread && bound <= hi + 2.0 * spread {
            a = a.min(bound);
            b = b.max(bound);
        }
    }
    padded(a, b, 0.04)
}

/// The legend text of a bound drawn over `range`: "objective ≥ 0.9", and "(off the chart)" when
/// it is not in the range.
pub(super) fn bound_label(bound: f64, label: &str, range: (f64, f64)) -> String {
    if bound >= range.0 && bound <= range.1 {
        format!("objective {label}")
    } else {
        format!("objective {label} (off the chart)")
    }
}

/// Every metric of `v`, prepared, with unique slugs in order.
pub(super) fn metrics<'a>(v: &BatchView<'a>) -> Vec<Metric<'a>> {
    let mut used = BTreeSet::new();
    v.metrics
        .iter()
        .map(|m| {
            let stem = slug(m.name);
            let mut s = stem.clone();
            let mut k = 2;
            while !used.insert(s.clone()) {
                s = format!("{stem}-{k}");
                k += 1;
            }
            Metric::new(m, s)
        })
        .collect()
}

/// `name` as a file-name stem: ASCII letters, digits, '.', '-' and '_' kept, anything else '_';
/// never empty, never hidden.
fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
        .take(80)
        .collect();
    if s.is_empty() || s.starts_with('.') { format!("m{s}") } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_report_metrics_get_safe_unique_slugs_and_shared_ranges() {
        let vals = [0.7, f64::NAN, 0.9, 0.8];
        let view = BatchView {
            title: "t",
            subtitle: "s",
            metrics: vec![
                MetricView { name: "a/b", values: &vals, target: Some((Some(0.95), Some(f64::NAN))) },
                MetricView { name: "a b", values: &[], target: None },
                MetricView { name: "../x", values: &[1.0], target: Some((None, Some(1e9))) },
            ],
            facts: vec![],
        };
        let ms = metrics(&view);
        let slugs: Vec<&str> = ms.iter().map(|m| m.slug.as_str()).collect();
        assert_eq!(slugs, ["a_b", "a_b-2", "m.._x"]);
        assert_eq!(ms[0].values, [0.7, 0.9, 0.8]);
        assert_eq!(ms[0].sorted, [0.7, 0.8, 0.9]);
        assert_eq!((ms[0].at_least, ms[0].at_most), (Some(0.95), None));
        assert!(ms[0].range.0 < 0.7 && ms[0].range.1 > 0.95);
        assert_eq!(ms[0].met(), Some((0, 3)));
        assert!(ms[1].stats.is_none() && ms[1].met().is_none());
        // A far-off bound does not squash the chart, a near one is shown even for one value.
        assert!(ms[2].range.1 < 10.0);
        assert!(with_bounds(3.0, 3.0, [None, Some(0.0)]).0 < 0.0);
        assert_eq!(bound_label(1e9, "≤ 1e9", ms[2].range), "objective ≤ 1e9 (off the chart)");
        assert_eq!(ms[2].met(), Some((1, 1)));
    }
}
