//! Convergence of a metric's mean: the running mean over the first n runs (n = 2..N, run order)
//! with its running 95 % t band, thinned to a few hundred points for large batches, the final
//! mean and the objective's bounds.

use super::style::{
    Area, Axes, BAND_ALPHA, Drawn, GREY, LINE, MEAN, Swatch, TARGET, axis_label, frame, head, hline, num,
    runs, size,
};
use super::view::{Metric, bound_label, with_bounds};
use crate::batch::stats::t975;
use plotters::prelude::*;
use std::collections::BTreeSet;

/// Evenly spaced points kept of a long batch (the same again, spaced geometrically, for the
/// early runs where the mean still moves).
const EVEN_POINTS: usize = 200;
/// Growth of the geometric spacing.
const GROWTH: f64 = 1.06;

/// The fewest runs the chart is drawn for.
pub(super) const MIN_RUNS: usize = 3;

/// The mean over the first `n` runs and the half-width of its 95 % t interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Running {
    pub n: usize,
    pub mean: f64,
    pub half: f64,
}

/// The running mean and 95 % t half-width for n = 2..=N over `values` in run order (Welford's
/// update, so it is stable for long batches); empty for fewer than two values.
pub(super) fn running(values: &[f64]) -> Vec<Running> {
    let mut out = Vec::with_capacity(values.len().saturating_sub(1));
    let (mut mean, mut m2) = (0.0, 0.0);
    for (i, x) in values.iter().enumerate() {
        let n = i + 1;
        let d = x - mean;
        mean += d / n as f64;
        m2 += d * (x - mean);
        if n >= 2 {
            let var = (m2 / (n - 1) as f64).max(0.0);
            out.push(Running { n, mean, half: t975(n - 1) * (var / n as f64).sqrt() });
        }
    }
    out
}

/// The indices of `len` running points drawn: all of them up to EVEN_POINTS, else evenly spaced
/// ones and geometrically spaced ones (dense early), the first and last always.
pub(super) fn kept(len: usize) -> Vec<usize> {
    if len <= EVEN_POINTS {
        return (0..len).collect();
    }
    let mut keep = BTreeSet::new();
    for j in 0..EVEN_POINTS {
        keep.insert(j * (len - 1) / (EVEN_POINTS - 1));
    }
    let mut i = 0usize;
    while i < len {
        keep.insert(i);
        i = (i + 1).max(((i + 2) as f64 * GROWTH) as usize - 2);
    }
    keep.into_iter().collect()
}

/// The y range: every running mean, the band once at least `max(10, N/20)` runs are in (the
/// early band, often far wider, is cut at the edges), and the objective's bounds when near.
pub(super) fn y_range(m: &Metric, pts: &[Running]) -> (f64, f64) {
    let n_max = pts.last().map_or(0, |p| p.n);
    let n0 = (n_max / 20).max(10).min(n_max);
    let edges = pts.iter().flat_map(|p| {
        let band = p.n >= n0 && p.half.is_finite();
        [p.mean, if band { p.mean - p.half } else { p.mean }, if band { p.mean + p.half } else { p.mean }]
    });
    let (lo, hi) = edges.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if lo > hi {
        return m.range;
    }
    with_bounds(lo, hi, [m.at_least, m.at_most])
}

/// The legend.
fn entries(m: &Metric, y: (f64, f64)) -> Vec<(Swatch, String)> {
    let mut out = vec![
        (Swatch::Line(LINE), "mean of the first n runs".to_string()),
        (Swatch::Band(LINE), "its 95 % t interval".to_string()),
    ];
    if let Some(s) = &m.stats {
        out.push((Swatch::Dashed(MEAN), format!("mean of all {} {}", runs(s.n), num(s.mean))));
    }
    out.extend(m.bounds().into_iter().map(|(b, l)| (Swatch::Dashed(TARGET), bound_label(b, &l, y))));
    out
}

/// The convergence chart as SVG; None for fewer than MIN_RUNS values or when drawing fails.
pub(super) fn svg(m: &Metric) -> Option<String> {
    if m.values.len() < MIN_RUNS {
        return None;
    }
    let all = running(&m.values);
    let pts: Vec<Running> = kept(all.len()).into_iter().map(|i| all[i]).collect();
    let y = y_range(m, &pts);
    let keys = entries(m, y);
    let title = format!("{} — running mean, {}", m.name, runs(m.values.len()));
    super::style::svg(size(&keys), &title, |root| draw(root, m, &pts, y, &title, &keys))
}

fn draw<DB: DrawingBackend>(
    root: &Area<DB>,
    m: &Metric,
    pts: &[Running],
    y: (f64, f64),
    title: &str,
    keys: &[(Swatch, String)],
) -> Drawn<DB> {
    let area = head(root, title, keys)?;
    let (y0, y1) = y;
    let n_max = pts.last().map_or(2, |p| p.n) as f64;
    let x_fmt = |v: &f64| if v.fract() == 0.0 { format!("{v:.0}") } else { String::new() };
    let y_fmt = |v: &f64| axis_label(*v, y1 - y0);
    let ax =
        Axes { x: (1.0, n_max), y: (y0, y1), x_desc: "runs", y_desc: m.name, x_fmt: &x_fmt, y_fmt: &y_fmt };
    let mut chart = frame(&area, &ax)?;
    let clamp = |v: f64| v.clamp(y0, y1);
    let mut band: Vec<(f64, f64)> = pts.iter().map(|p| (p.n as f64, clamp(p.mean + p.half))).collect();
    band.extend(pts.iter().rev().map(|p| (p.n as f64, clamp(p.mean - p.half))));
    chart.draw_series([Polygon::new(band, LINE.mix(BAND_ALPHA).filled())])?;
    for (b, _) in m.bounds() {
        if b >= y0 && b <= y1 {
            hline(&mut chart, b, &TARGET)?;
        }
    }
    if let Some(s) = &m.stats {
        let (x0, x1) = (chart.x_range().start, chart.x_range().end);
        chart.draw_series(DashedLineSeries::new([(x0, s.mean), (x1, s.mean)], 8, 5, MEAN.stroke_width(1)))?;
    }
    let line = pts.iter().map(|p| (p.n as f64, clamp(p.mean)));
    chart.draw_series(LineSeries::new(line, LINE.stroke_width(2)))?;
    if let Some(last) = pts.last() {
        chart.draw_series([Circle::new((last.n as f64, clamp(last.mean)), 3, GREY.filled())])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_distr::Distribution;

    #[test]
    fn batch_report_convergence_band_narrows_with_runs() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2026);
        let gamma = rand_distr::Gamma::new(4.0, 2.5).unwrap();
        let x: Vec<f64> = (0..1000).map(|_| gamma.sample(&mut rng)).collect();
        let r = running(&x);
        assert_eq!(r.len(), 999);
        assert_eq!((r[0].n, r[998].n), (2, 1000));
        let at = |n: usize| r[n - 2];
        assert!(at(400).half < at(25).half, "{} vs {}", at(400).half, at(25).half);
        assert!(at(1000).half < at(400).half);
        // The last point is the whole batch's summary.
        let s = crate::batch::stats::summary(&x).unwrap();
        assert!((at(1000).mean - s.mean).abs() < 1e-9);
        assert!((at(1000).half - s.ci95_half).abs() < 1e-9);
        assert!((at(1000).mean - 10.0).abs() < 3.0 * at(1000).half);
    }

    #[test]
    fn batch_report_convergence_points_are_thinned_and_keep_the_ends() {
        assert_eq!(kept(5), [0, 1, 2, 3, 4]);
        assert!(running(&[1.0]).is_empty());
        for len in [201, 999, 9_999, 99_999] {
            let k = kept(len);
            assert!(k.len() <= 400, "{len}: {}", k.len());
            assert_eq!((k[0], k[k.len() - 1]), (0, len - 1));
            assert!(k.windows(2).all(|w| w[0] < w[1]));
            // Dense early: the first twenty runs are all there.
            assert!((0..20).all(|i| k.contains(&i)));
        }
        // The y range zooms in on the mean once the band has settled, and keeps a near bound.
        let x: Vec<f64> = (0..1000).map(|i| f64::from(i % 101)).collect();
        let view = super::super::view::MetricView { name: "m", values: &x, target: Some((Some(55.0), None)) };
        let m = super::super::view::Metric::new(&view, "m".into());
        let r = running(&m.values);
        let pts: Vec<Running> = kept(r.len()).into_iter().map(|i| r[i]).collect();
        let (lo, hi) = y_range(&m, &pts);
        assert!(lo > m.range.0 && hi < m.range.1 && hi >= 55.0, "{lo}..{hi}");
        let flat = running(&[2.0; 50]);
        assert!(flat.iter().all(|r| r.mean == 2.0 && r.half == 0.0));
    }
}
