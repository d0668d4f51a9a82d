//! The batch charts' look and plumbing: the bundled font, colours, sizes, number formats, the
//! numeric frame, a flowing legend, and drawing into an SVG that scales to its container.
//!
//! The font (DejaVu Sans registered once as `sans-serif`), text styles and the SVG finishing
//! (viewBox, `width="100%"`, a `<title>`, font sizes rounded) are the run charts' own
//! (`report::charts::style`, `render`), so both reports look alike.

pub(super) use crate::report::charts::render::{finish_svg, font_ready};
use crate::report::charts::style::text_w_px;
pub(super) use crate::report::charts::style::{clip, font, font_at};
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Text sizes, plotters units (the SVG font size is this / 1.24).
pub(super) const TITLE_PX: f64 = 18.0;
pub(super) const LABEL_PX: f64 = 14.0;
pub(super) const SMALL_PX: f64 = 12.4;

/// Chart width and plot height, pixels.
pub(super) const WIDTH_PX: u32 = 720;
pub(super) const PLOT_PX: u32 = 300;
/// The title line, one legend row, the x label area and the y label area, pixels.
const TITLE_H_PX: u32 = 34;
const LEGEND_ROW_PX: u32 = 22;
const X_LABEL_PX: u32 = 44;
const Y_LABEL_PX: u32 = 72;

pub(super) const INK: RGBColor = RGBColor(40, 40, 40);
pub(super) const GREY: RGBColor = RGBColor(150, 150, 150);
pub(super) const LIGHT: RGBColor = RGBColor(225, 225, 225);
/// Histogram bars.
pub(super) const BAR: RGBColor = RGBColor(59, 130, 246);
/// The mean and its interval.
pub(super) const MEAN: RGBColor = RGBColor(234, 88, 12);
/// The ECDF and the running mean.
pub(super) const LINE: RGBColor = RGBColor(31, 119, 180);
/// The objective's bounds.
pub(super) const TARGET: RGBColor = RGBColor(200, 30, 30);
/// p5, p50, p95.
pub(super) const QUANT: RGBColor = RGBColor(22, 101, 52);
/// Opacity of an interval band.
pub(super) const BAND_ALPHA: f64 = 0.2;

/// The drawing result of a backend.
pub(super) type Drawn<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;
/// A whole-chart (pixel) area.
pub(super) type Area<DB> = DrawingArea<DB, Shift>;
/// A chart with numbers on both axes.
pub(super) type XyChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The decimal exponent of `v` (`v` finite, non-zero), from Rust's exact formatting (no libm).
fn exponent(v: f64) -> i32 {
    format!("{:e}", v.abs()).rsplit('e').next().and_then(|e| e.parse().ok()).unwrap_or(0)
}

/// `s` (a formatted decimal) without trailing zeros, and never "-0".
fn trim(s: String) -> String {
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    if s == "-0" { "0".into() } else { s }
}

/// A value to read: four significant digits (whole numbers above 1,000), "—" when not finite.
pub(super) fn num(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    if v == 0.0 {
        return "0".into();
    }
    let decimals = (3 - exponent(v)).clamp(0, 9) as usize;
    trim(format!("{v:.decimals$}"))
}

/// An axis label: as many decimals as ticks over `span` need.
pub(super) fn axis_label(v: f64, span: f64) -> String {
    let step = span / 8.0;
    let decimals = if step.is_finite() && step > 0.0 { (1 - exponent(step)).clamp(0, 9) as usize } else { 2 };
    trim(format!("{v:.decimals$}"))
}

/// `lo..hi` with room round it, never empty.
pub(super) fn padded(lo: f64, hi: f64, pad_share: f64) -> (f64, f64) {
    let span = hi - lo;
    if span.is_finite() && span > 1e-12 * lo.abs().max(hi.abs()).max(1e-300) {
        return (lo - span * pad_share, hi + span * pad_share);
    }
    let pad = if hi.abs() > 0.0 { hi.abs() * 0.1 } else { 1.0 };
    (lo - pad, hi + pad)
}

/// A count with thousands separators: 10,000.
pub(super) fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1 run", "1,000 runs".
pub(super) fn runs(n: usize) -> String {
    if n == 1 { "1 run".into() } else { format!("{} runs", count(n)) }
}

/// How a legend entry is marked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Swatch {
    Bar(RGBColor),
    Band(RGBColor),
    Line(RGBColor),
    Dashed(RGBColor),
    Dot(RGBColor),
}

const SWATCH_W: i32 = 22;
const GAP_W: i32 = 18;
const LEFT_PX: i32 = 12;

/// Top-left corners of `entries` flowed into rows of `width_px`.
fn flow(entries: &[(Swatch, String)], width_px: u32) -> Vec<(i32, i32)> {
    let (mut x, mut y) = (LEFT_PX, 0);
    let mut out = Vec::with_capacity(entries.len());
    for (_, label) in entries {
        let w = SWATCH_W + 6 + text_w_px(label, SMALL_PX) + GAP_W;
        if x > LEFT_PX && x + w > width_px as i32 {
            x = LEFT_PX;
            y += LEGEND_ROW_PX as i32;
        }
        out.push((x, y));
        x += w;
    }
    out
}

/// The height of the legend of `entries`, pixels.
fn legend_h_px(entries: &[(Swatch, String)]) -> u32 {
    flow(entries, WIDTH_PX).last().map_or(0, |(_, y)| *y as u32 + LEGEND_ROW_PX + 4)
}

/// Draw `entries` flowing left to right from the top of `area`.
fn legend<DB: DrawingBackend>(area: &Area<DB>, entries: &[(Swatch, String)]) -> Drawn<DB> {
    let (w, _) = area.dim_in_pixel();
    for ((s, label), (x, y)) in entries.iter().zip(flow(entries, w)) {
        let (cx, cy) = (x + SWATCH_W / 2, y + 2 + LEGEND_ROW_PX as i32 / 2);
        let h = SWATCH_W / 2;
        match *s {
            Swatch::Bar(c) => area.draw(&Rectangle::new([(cx - 5, cy - 6), (cx + 5, cy + 6)], c.filled()))?,
            Swatch::Band(c) => {
                area.draw(&Rectangle::new([(cx - h, cy - 6), (cx + h, cy + 6)], c.mix(BAND_ALPHA).filled()))?
            }
            Swatch::Line(c) => {
                area.draw(&PathElement::new(vec![(cx - h, cy), (cx + h, cy)], c.stroke_width(3)))?
            }
            Swatch::Dashed(c) => {
                for k in 0..3 {
                    let x0 = cx - h + k * 8;
                    area.draw(&PathElement::new(vec![(x0, cy), (x0 + 5, cy)], c.stroke_width(2)))?;
                }
            }
            Swatch::Dot(c) => area.draw(&Circle::new((cx, cy), 5, c.filled()))?,
        }
        area.draw(&Text::new(
            label.clone(),
            (x + SWATCH_W + 6, cy),
            font_at(SMALL_PX, &INK, HPos::Left, VPos::Center),
        ))?;
    }
    Ok(())
}

/// The size of a chart with `legend` entries, pixels.
pub(super) fn size(entries: &[(Swatch, String)]) -> (u32, u32) {
    (WIDTH_PX, TITLE_H_PX + legend_h_px(entries) + PLOT_PX + X_LABEL_PX + 12)
}

/// Fill `root` white, write `title` on top and the legend under it; the area left for the plot.
pub(super) fn head<DB: DrawingBackend>(
    root: &Area<DB>,
    title: &str,
    entries: &[(Swatch, String)],
) -> Result<Area<DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let (w, _) = root.dim_in_pixel();
    let (top, rest) = root.split_vertically(TITLE_H_PX);
    top.draw(&Text::new(
        clip(title, 80),
        (w as i32 / 2, 9),
        font_at(TITLE_PX, &INK, HPos::Center, VPos::Top),
    ))?;
    let (keys, plot) = rest.split_vertically(legend_h_px(entries));
    legend(&keys, entries)?;
    Ok(plot)
}

/// How the numeric frame is labelled.
pub(super) struct Axes<'a> {
    pub x: (f64, f64),
    pub y: (f64, f64),
    pub x_desc: &'a str,
    pub y_desc: &'a str,
    pub x_fmt: &'a dyn Fn(&f64) -> String,
    pub y_fmt: &'a dyn Fn(&f64) -> String,
}

/// A chart with numbers on both axes, its grid, axes and labels drawn.
pub(super) fn frame<'a, DB: DrawingBackend>(
    area: &'a Area<DB>,
    ax: &Axes,
) -> Result<XyChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = ChartBuilder::on(area)
        .margin_left(6)
        .margin_right(24)
        .margin_top(8)
        .margin_bottom(4)
        .x_label_area_size(X_LABEL_PX)
        .y_label_area_size(Y_LABEL_PX)
        .build_cartesian_2d(ax.x.0..ax.x.1, ax.y.0..ax.y.1)?;
    chart
        .configure_mesh()
        .bold_line_style(LIGHT.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(GREY.stroke_width(1))
        .x_labels(8)
        .y_labels(6)
        .x_label_formatter(ax.x_fmt)
        .y_label_formatter(ax.y_fmt)
        .x_desc(ax.x_desc)
        .y_desc(ax.y_desc)
        .label_style(font(SMALL_PX, &INK))
        .axis_desc_style(font(LABEL_PX, &INK))
        .draw()?;
    Ok(chart)
}

/// A dashed vertical line at `x` over the chart's y range.
pub(super) fn vline<DB: DrawingBackend>(chart: &mut XyChart<DB>, x: f64, color: &RGBColor) -> Drawn<DB> {
    let (y0, y1) = (chart.y_range().start, chart.y_range().end);
    chart.draw_series(DashedLineSeries::new([(x, y0), (x, y1)], 6, 4, color.stroke_width(2)))?;
    Ok(())
}

/// A dashed horizontal line at `y` over the chart's x range.
pub(super) fn hline<DB: DrawingBackend>(chart: &mut XyChart<DB>, y: f64, color: &RGBColor) -> Drawn<DB> {
    let (x0, x1) = (chart.x_range().start, chart.x_range().end);
    chart.draw_series(DashedLineSeries::new([(x0, y), (x1, y)], 6, 4, color.stroke_width(2)))?;
    Ok(())
}

/// Draw a chart of `size` into SVG titled `title` for screen readers; None when drawing fails
/// or the font is missing.
pub(super) fn svg<F>(size: (u32, u32), title: &str, draw: F) -> Option<String>
where
    F: for<'b, 'c> FnOnce(&'b Area<SVGBackend<'c>>) -> Drawn<SVGBackend<'c>>,
{
    if !font_ready() {
        return None;
    }
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, size).into_drawing_area();
        draw(&root).ok()?;
        root.present().ok()?;
    }
    Some(finish_svg(&buf, title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_report_numbers_are_written_plainly() {
        assert_eq!(num(0.812_345), "0.8123");
        assert_eq!(num(12_345.6), "12346");
        assert_eq!(num(-0.000_012_346), "-0.00001235");
        assert_eq!(num(1.0), "1");
        assert_eq!(num(f64::NAN), "—");
        assert_eq!(
            (count(999), count(1_000), count(1_234_567)),
            ("999".into(), "1,000".into(), "1,234,567".into())
        );
        assert_eq!((runs(1), runs(10_000)), ("1 run".into(), "10,000 runs".into()));
        assert_eq!(axis_label(0.25, 1.0), "0.25");
        assert_eq!(axis_label(2000.0, 10_000.0), "2000");
        let (lo, hi) = padded(3.0, 3.0, 0.05);
        assert!(lo < 3.0 && hi > 3.0);
        let (lo, hi) = padded(0.0, 0.0, 0.05);
        assert!(lo < 0.0 && hi > 0.0);
    }
}
