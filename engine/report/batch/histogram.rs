//! A metric's histogram over the runs: Freedman–Diaconis bins (5 to 40; one bar when every run
//! gave the same value), the mean with its 95 % t interval, and the objective's bounds.

use super::style::{
    Area, Axes, BAR, Drawn, MEAN, Swatch, TARGET, axis_label, frame, head, num, runs, size, vline,
};
use super::view::{Metric, bound_label};
use crate::batch::stats::quantile;
use plotters::prelude::*;

/// Fewest and most bins of a metric with more than one value.
const MIN_BINS: usize = 5;
const MAX_BINS: usize = 40;

/// Bins and their counts.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Bins {
    /// Bin edges, ascending: one more than the counts.
    pub edges: Vec<f64>,
    pub counts: Vec<u64>,
}

/// The number of bins for sorted values spanning more than a point: the Freedman–Diaconis width
/// 2·IQR/∛n (Scott's 3.49·sd/∛n when the IQR is zero), clamped to 5..=40.
fn bin_count(sorted: &[f64]) -> usize {
    let n = sorted.len() as f64;
    let span = sorted[sorted.len() - 1] - sorted[0];
    let iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
    let mut width = 2.0 * iqr / n.cbrt();
    if !(width > 0.0 && width.is_finite()) {
        let mean = sorted.iter().sum::<f64>() / n;
        let sd = (sorted.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0)).sqrt();
        width = 3.49 * sd / n.cbrt();
    }
    let bins = (span / width).ceil();
    if bins.is_finite() { (bins as usize).clamp(MIN_BINS, MAX_BINS) } else { MAX_BINS }
}

/// The histogram of sorted values; one bar `bar_w` wide round the value when there is one
/// distinct value; None without values.
pub(super) fn bins(sorted: &[f64], bar_w: f64) -> Option<Bins> {
    let (&lo, &hi) = (sorted.first()?, sorted.last()?);
    if hi <= lo {
        let half = if bar_w > 0.0 && bar_w.is_finite() { bar_w / 2.0 } else { 0.5 };
        return Some(Bins { edges: vec![lo - half, lo + half], counts: vec![sorted.len() as u64] });
    }
    let k = bin_count(sorted);
    let width = (hi - lo) / k as f64;
    let mut edges: Vec<f64> = (0..k).map(|i| lo + i as f64 * width).collect();
    edges.push(hi);
    let mut counts = vec![0u64; k];
    for x in sorted {
        let i = (((x - lo) / width).floor().max(0.0) as usize).min(k - 1);
        counts[i] += 1;
    }
    Some(Bins { edges, counts })
}

/// The legend: bars, the mean, its interval, the bounds.
fn entries(m: &Metric) -> Vec<(Swatch, String)> {
    let mut out = vec![(Swatch::Bar(BAR), "runs".to_string())];
    if let Some(s) = &m.stats {
        out.push((Swatch::Line(MEAN), format!("mean {}", num(s.mean))));
        if s.ci95_half.is_finite() {
            out.push((Swatch::Band(MEAN), format!("95 % t interval of the mean ± {}", num(s.ci95_half))));
        }
    }
    out.extend(m.bounds().into_iter().map(|(b, l)| (Swatch::Dashed(TARGET), bound_label(b, &l, m.range))));
    out
}

/// The histogram chart as SVG; None without values or when drawing fails.
pub(super) fn svg(m: &Metric) -> Option<String> {
    // One value's bar: an eighth of the range, and inside it.
    let v = *m.sorted.first()?;
    let bar_w = ((m.range.1 - m.range.0) / 8.0).min(1.6 * (m.range.1 - v).min(v - m.range.0));
    let bins = bins(&m.sorted, bar_w)?;
    let keys = entries(m);
    let title = format!("{} — histogram, {}", m.name, runs(m.values.len()));
    super::style::svg(size(&keys), &title, |root| draw(root, m, &bins, &title, &keys))
}

fn draw<DB: DrawingBackend>(
    root: &Area<DB>,
    m: &Metric,
    bins: &Bins,
    title: &str,
    keys: &[(Swatch, String)],
) -> Drawn<DB> {
    let area = head(root, title, keys)?;
    let top = bins.counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let y1 = (top * 1.08).max(top + 0.5);
    let span = m.range.1 - m.range.0;
    let x_fmt = |v: &f64| axis_label(*v, span);
    let y_fmt = |v: &f64| if v.fract() == 0.0 { format!("{v:.0}") } else { String::new() };
    let ax = Axes { x: m.range, y: (0.0, y1), x_desc: m.name, y_desc: "runs", x_fmt: &x_fmt, y_fmt: &y_fmt };
    let mut chart = frame(&area, &ax)?;
    let stats = m.stats.as_ref();
    if let Some(s) = stats.filter(|s| s.ci95_half.is_finite()) {
        let band = [(s.ci95_lo.max(m.range.0), 0.0), (s.ci95_hi.min(m.range.1), y1)];
        chart.draw_series([Rectangle::new(band, MEAN.mix(super::style::BAND_ALPHA).filled())])?;
    }
    chart.draw_series(bins.counts.iter().zip(bins.edges.windows(2)).filter(|(c, _)| **c > 0).map(
        |(c, e)| {
            let gap = (e[1] - e[0]) * 0.04;
            Rectangle::new([(e[0] + gap, 0.0), (e[1] - gap, *c as f64)], BAR.mix(0.85).filled())
        },
    ))?;
    if let Some(s) = stats {
        chart.draw_series(LineSeries::new([(s.mean, 0.0), (s.mean, y1)], MEAN.stroke_width(2)))?;
    }
    for (b, _) in m.bounds() {
        if b >= m.range.0 && b <= m.range.1 {
            vline(&mut chart, b, &TARGET)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::view::{MetricView, metrics};
    use super::*;

    fn metric(values: &[f64]) -> Metric<'_> {
        let v = super::super::view::BatchView {
            title: "t",
            subtitle: "s",
            metrics: vec![MetricView { name: "m", values, target: Some((Some(0.5), None)) }],
            facts: vec![],
        };
        metrics(&v).remove(0)
    }

    #[test]
    fn batch_report_histogram_of_known_data_has_the_freedman_diaconis_bins() {
        // 0..=2000: IQR 1000, width 2000/∛2001 = 158.7, 2000/158.7 = 12.6 → 13 bins.
        let v: Vec<f64> = (0..=2000).map(f64::from).collect();
        let b = bins(&v, 1.0).expect("bins");
        assert_eq!(b.counts.len(), 13);
        assert_eq!(b.edges.len(), 14);
        assert_eq!(b.counts.iter().sum::<u64>(), 2001);
        assert_eq!((b.edges[0], b.edges[13]), (0.0, 2000.0));
        // 1..=100: 4.6 → 5 bins; few values still get 5.
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(bins(&v, 1.0).map(|b| b.counts.len()), Some(5));
        assert_eq!(bins(&[1.0, 2.0], 1.0).map(|b| b.counts), Some(vec![1, 0, 0, 0, 1]));
        // An outlier would ask for thousands of bins: 40.
        let mut v: Vec<f64> = (0..1000).map(|i| f64::from(i % 10)).collect();
        v.push(1e6);
        v.sort_by(f64::total_cmp);
        let b = bins(&v, 1.0).expect("bins");
        assert_eq!(b.counts.len(), 40);
        assert_eq!(b.counts.iter().sum::<u64>(), 1001);
        // Mostly one value (IQR 0): Scott's width, still clamped.
        let mut v = vec![3.0; 500];
        v.extend([4.0, 5.0]);
        let b = bins(&v, 1.0).expect("bins");
        assert!((MIN_BINS..=MAX_BINS).contains(&b.counts.len()));
        assert_eq!(b.counts.iter().sum::<u64>(), 502);
    }

    #[test]
    fn batch_report_histogram_of_one_value_is_one_bar() {
        let b = bins(&[7.0; 30], 2.0).expect("bins");
        assert_eq!(b, Bins { edges: vec![6.0, 8.0], counts: vec![30] });
        assert!(bins(&[], 1.0).is_none());
        for values in [&[7.0; 30][..], &[0.25][..], &[][..]] {
            let m = metric(values);
            let svg = svg(&m);
            assert_eq!(svg.is_some(), !values.is_empty());
        }
        let svg = svg(&metric(&[0.1, 0.2, 0.4, 0.45, 0.9])).expect("svg");
        assert!(svg.starts_with("<svg ") && svg.contains("viewBox=\"0 0 ") && svg.contains("width=\"100%\""));
        assert!(svg.contains("objective ≥ 0.5"));
    }
}
