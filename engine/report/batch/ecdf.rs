//! A metric's empirical distribution function over the runs, drawn as a step function (thinned
//! for large batches without moving any step by more than 1/200), with p5, p50 and p95 marked
//! and the objective's bounds.

use super::style::{
    Area, Axes, Drawn, GREY, INK, LINE, QUANT, SMALL_PX, Swatch, TARGET, axis_label, font_at, frame, head,
    num, runs, size, vline,
};
use super::view::{Metric, bound_label};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Steps kept at most: a step is kept when the function crosses a multiple of 1/LEVELS there.
const LEVELS: f64 = 200.0;

/// The distinct values of sorted `values` with the share of values at or below each.
pub(super) fn steps(sorted: &[f64]) -> Vec<(f64, f64)> {
    let n = sorted.len() as f64;
    let mut out: Vec<(f64, f64)> = Vec::new();
    for (i, x) in sorted.iter().enumerate() {
        let f = (i + 1) as f64 / n;
        match out.last_mut() {
            Some(last) if last.0 == *x => last.1 = f,
            _ => out.push((*x, f)),
        }
    }
    out
}

/// `steps` kept where the function crosses a multiple of 1/LEVELS, and the first and last: at
/// most LEVELS + 2 steps, the function off by less than 1/LEVELS anywhere.
pub(super) fn thin(steps: &[(f64, f64)]) -> Vec<(f64, f64)> {
    if steps.len() as f64 <= LEVELS {
        return steps.to_vec();
    }
    let level = |f: f64| (f * LEVELS).floor();
    let mut out = Vec::with_capacity(LEVELS as usize + 2);
    for (i, s) in steps.iter().enumerate() {
        let crosses = i == 0 || i + 1 == steps.len() || level(s.1) > level(steps[i - 1].1);
        if crosses {
            out.push(*s);
        }
    }
    out
}

/// The drawn path of steps: flat at 0 from `x0`, up at each value, flat at 1 to `x1`.
fn path(steps: &[(f64, f64)], x0: f64, x1: f64) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(steps.len() * 2 + 2);
    let mut f = 0.0;
    out.push((x0, 0.0));
    for (x, g) in steps {
        out.push((*x, f));
        out.push((*x, *g));
        f = *g;
    }
    out.push((x1, f));
    out
}

/// p5, p50, p95 of the metric: (name, value).
fn marks(m: &Metric) -> Vec<(&'static str, f64)> {
    m.stats.as_ref().map_or(Vec::new(), |s| vec![("p5", s.p5), ("p50", s.p50), ("p95", s.p95)])
}

/// The legend: the function, the quantiles, the bounds.
fn entries(m: &Metric) -> Vec<(Swatch, String)> {
    let mut out = vec![(Swatch::Line(LINE), "share of runs at or below".to_string())];
    out.extend(marks(m).into_iter().map(|(k, v)| (Swatch::Dot(QUANT), format!("{k} {}", num(v)))));
    out.extend(m.bounds().into_iter().map(|(b, l)| (Swatch::Dashed(TARGET), bound_label(b, &l, m.range))));
    out
}

/// The ECDF chart as SVG; None without values or when drawing fails.
pub(super) fn svg(m: &Metric) -> Option<String> {
    if m.sorted.is_empty() {
        return None;
    }
    let keys = entries(m);
    let title = format!("{} — distribution function, {}", m.name, runs(m.values.len()));
    super::style::svg(size(&keys), &title, |root| draw(root, m, &title, &keys))
}

fn draw<DB: DrawingBackend>(
    root: &Area<DB>,
    m: &Metric,
    title: &str,
    keys: &[(Swatch, String)],
) -> Drawn<DB> {
    let area = head(root, title, keys)?;
    let span = m.range.1 - m.range.0;
    let x_fmt = |v: &f64| axis_label(*v, span);
    let y_fmt = |v: &f64| format!("{:.0} %", v * 100.0);
    let ax = Axes {
        x: m.range,
        y: (0.0, 1.04),
        x_desc: m.name,
        y_desc: "share of runs",
        x_fmt: &x_fmt,
        y_fmt: &y_fmt,
    };
    let mut chart = frame(&area, &ax)?;
    for (b, _) in m.bounds() {
        if b >= m.range.0 && b <= m.range.1 {
            vline(&mut chart, b, &TARGET)?;
        }
    }
    let line = path(&thin(&steps(&m.sorted)), m.range.0, m.range.1);
    chart.draw_series(LineSeries::new(line, LINE.stroke_width(2)))?;
    for (k, (name, x)) in marks(m).into_iter().enumerate() {
        let q = [0.05, 0.5, 0.95][k];
        chart.draw_series(DashedLineSeries::new([(x, 0.0), (x, q)], 3, 3, GREY.stroke_width(1)))?;
        chart.draw_series([Circle::new((x, q), 4, QUANT.filled())])?;
        // Labels on the side away from the curve: below-right of the low ones, left of p95.
        let (h, dx) = if k == 2 { (HPos::Right, -8) } else { (HPos::Left, 8) };
        let style = font_at(SMALL_PX, &INK, h, VPos::Center);
        chart.plotting_area().draw(&(EmptyElement::at((x, q)) + Text::new(name, (dx, 0), style)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_report_ecdf_steps_merge_ties_and_end_at_one() {
        let s = steps(&[1.0, 2.0, 2.0, 5.0]);
        assert_eq!(s, [(1.0, 0.25), (2.0, 0.75), (5.0, 1.0)]);
        assert_eq!(steps(&[3.0]), [(3.0, 1.0)]);
        assert!(steps(&[]).is_empty());
        let p = path(&s, 0.0, 6.0);
        assert_eq!(p.first(), Some(&(0.0, 0.0)));
        assert_eq!(p.last(), Some(&(6.0, 1.0)));
    }

    #[test]
    fn batch_report_ecdf_thinning_is_bounded_and_close() {
        let v: Vec<f64> = (0..10_000).map(|i| f64::from(i) * 0.37).collect();
        let all = steps(&v);
        let few = thin(&all);
        assert!(few.len() <= LEVELS as usize + 2, "{}", few.len());
        assert_eq!(few.first(), all.first());
        assert_eq!(few.last(), all.last());
        // The thinned function is nowhere more than 1/LEVELS below the full one.
        let at = |s: &[(f64, f64)], x: f64| s.iter().take_while(|p| p.0 <= x).last().map_or(0.0, |p| p.1);
        for x in v.iter().step_by(97) {
            assert!(at(&all, *x) - at(&few, *x) < 1.0 / LEVELS + 1e-12, "{x}");
        }
        // A big jump is kept.
        let mut v = vec![1.0; 5000];
        v.extend((0..5000).map(|i| 2.0 + f64::from(i)));
        let few = thin(&steps(&v));
        assert_eq!(few[0], (1.0, 0.5));
    }
}
