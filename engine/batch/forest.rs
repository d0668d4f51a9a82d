//! The forest plot of a comparison: one row per objective and plan, the mean paired difference
//! as a share of the first plan's mean with its 95 % interval, coloured by the verdict, the
//! zero line through the middle. Hand-written SVG (no font needed), user text escaped.

use super::compare::{Judged, Verdict};
use crate::report::html::esc;
use std::fmt::Write;

const ROW_H: f64 = 26.0;
const LABEL_W: f64 = 420.0;
const PLOT_W: f64 = 360.0;
const VALUE_W: f64 = 220.0;

/// A mean and its interval, in %.
type Span = (f64, f64, f64);

/// The relative difference and interval of a judged objective, in % of the first plan's mean.
fn relative(j: &Judged) -> Option<Span> {
    let d = j.difference.as_ref()?;
    let base = d.mean_first.abs();
    if base == 0.0 || d.diff.ci95_half.is_nan() {
        return None;
    }
    Some((100.0 * d.diff.mean / base, 100.0 * d.diff.ci95_lo / base, 100.0 * d.diff.ci95_hi / base))
}

fn colour(v: Verdict) -> &'static str {
    match v {
        Verdict::Better => "#1a7f37",
        Verdict::Worse => "#cf222e",
        _ => "#6e7781",
    }
}

/// The plot as SVG text.
pub fn forest_svg(judged: &[Judged], first: &str) -> String {
    let rows: Vec<(&Judged, Option<Span>)> = judged.iter().map(|j| (j, relative(j))).collect();
    let reach = rows
        .iter()
        .filter_map(|(_, r)| *r)
        .flat_map(|(m, lo, hi)| [m.abs(), lo.abs(), hi.abs()])
        .filter(|x| x.is_finite())
        .fold(1.0f64, f64::max)
        * 1.1;
    let (w, top) = (LABEL_W + PLOT_W + VALUE_W, 48.0);
    let h = top + ROW_H * rows.len() as f64 + 30.0;
    let x = |pct: f64| LABEL_W + PLOT_W / 2.0 + (pct / reach).clamp(-1.0, 1.0) * PLOT_W / 2.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" font-family="sans-serif" font-size="12">"##
    );
    let _ = write!(
        s,
        r##"<text x="8" y="18" font-weight="bold">Difference against {} (plan − first, % of the first plan's mean, 95 % CI)</text>"##,
        esc(first)
    );
    let zero = x(0.0);
    let _ = write!(
        s,
        r##"<line x1="{zero}" y1="{}" x2="{zero}" y2="{}" stroke="#444" stroke-dasharray="3,3"/>"##,
        top - 8.0,
        h - 26.0
    );
    for (pct, anchor) in [(-reach / 1.1, "start"), (0.0, "middle"), (reach / 1.1, "end")] {
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" text-anchor="{anchor}" fill="#444">{:+.1} %</text>"##,
            x(pct),
            h - 10.0,
            pct
        );
    }
    for (i, (j, r)) in rows.iter().enumerate() {
        let y = top + ROW_H * i as f64 + ROW_H / 2.0;
        if i % 2 == 0 {
            let _ = write!(
                s,
                r##"<rect x="0" y="{}" width="{w}" height="{ROW_H}" fill="#f6f8fa"/>"##,
                y - ROW_H / 2.0
            );
        }
        let label = format!("{} · {} — {}", j.plan, j.capability_name, j.metric);
        let _ = write!(s, r##"<text x="8" y="{}">{}</text>"##, y + 4.0, esc(&label));
        let c = colour(j.verdict);
        if let Some((m, lo, hi)) = r {
            let _ = write!(
                s,
                r##"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{c}" stroke-width="2"/><circle cx="{}" cy="{y}" r="4" fill="{c}"/>"##,
                x(*lo),
                x(*hi),
                x(*m)
            );
        }
        let value = match (&j.difference, r) {
            (Some(d), Some((m, lo, hi))) => {
                format!("{:+.4} ({m:+.1} % [{lo:+.1}, {hi:+.1}]) {}", d.diff.mean, j.verdict.text())
            }
            _ => j.verdict.text().to_string(),
        };
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" fill="{c}">{}</text>"##,
            LABEL_W + PLOT_W + 8.0,
            y + 4.0,
            esc(&value)
        );
    }
    s.push_str("</svg>\n");
    s
}
