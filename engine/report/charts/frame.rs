//! The frame of a chart over calendar time: hours since the start on x (ticks at round local
//! times, labelled "D2 14:30"), a value on y, a light grid.

use super::data::TimeAxis;
use super::style::{Area, Drawn, GREY, INK, LABEL_PX, LIGHT, SMALL_PX, font};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use std::ops::Range;

/// A chart over time, values in f64.
pub(super) type TimeChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<TimeCoord, RangedCoordf64>>;

/// Hours since the start, mapped linearly, with the axis' own ticks (plotters would pick round
/// hour counts, not round clock times).
pub(super) struct TimeCoord {
    t0_h: f64,
    t1_h: f64,
    ticks_h: Vec<f64>,
}

impl TimeCoord {
    pub fn new(ax: &TimeAxis) -> TimeCoord {
        TimeCoord { t0_h: ax.t0_h, t1_h: ax.t1_h, ticks_h: ax.ticks_h.clone() }
    }
}

impl Ranged for TimeCoord {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let span = self.t1_h - self.t0_h;
        if span.is_nan() || span <= 0.0 || !v.is_finite() {
            return (limit.0 + limit.1) / 2;
        }
        let share = ((v - self.t0_h) / span).clamp(-10.0, 10.0);
        limit.0 + (share * (limit.1 - limit.0) as f64).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() { Vec::new() } else { self.ticks_h.clone() }
    }

    fn range(&self) -> Range<f64> {
        self.t0_h..self.t1_h
    }
}

/// Width of the y label area, pixels (the same for every stacked panel, so they line up).
pub(super) const Y_LABEL_PX: u32 = 76;
/// Height of the x label area, pixels.
pub(super) const X_LABEL_PX: u32 = 34;

/// How a time chart is framed.
pub(super) struct Frame<'a> {
    /// The y range.
    pub y: (f64, f64),
    /// The y axis title.
    pub y_desc: String,
    /// Show the time labels (the bottom panel of a stack).
    pub x_labels: bool,
    /// The y label area width, pixels.
    pub y_label_px: u32,
    /// Most y labels (0: no y labels or grid lines).
    pub y_ticks: usize,
    /// How y values are written.
    pub y_fmt: &'a dyn Fn(&f64) -> String,
}

/// Build a time chart on `area` (the grid is drawn by [`mesh`], after any background).
pub(super) fn time_chart<'a, DB: DrawingBackend>(
    area: &'a Area<DB>,
    ax: &TimeAxis,
    f: &Frame,
) -> Result<TimeChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    ChartBuilder::on(area)
        .margin_left(6)
        .margin_right(28)
        .margin_top(8)
        .margin_bottom(4)
        .x_label_area_size(if f.x_labels { X_LABEL_PX } else { 0 })
        .y_label_area_size(f.y_label_px)
        .build_cartesian_2d(TimeCoord::new(ax), f.y.0..f.y.1)
}

/// Draw the grid, axes and labels of a time chart.
pub(super) fn mesh<DB: DrawingBackend>(chart: &mut TimeChart<DB>, ax: &TimeAxis, f: &Frame) -> Drawn<DB> {
    let x_fmt = |h: &f64| if f.x_labels { ax.label(*h) } else { String::new() };
    chart
        .configure_mesh()
        .bold_line_style(LIGHT.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(GREY.stroke_width(1))
        .x_label_formatter(&x_fmt)
        .y_labels(f.y_ticks)
        .y_label_formatter(f.y_fmt)
        .y_desc(f.y_desc.clone())
        .label_style(font(SMALL_PX, &INK))
        .axis_desc_style(font(LABEL_PX, &INK))
        .draw()
}

/// A dashed vertical line at `t_h` over the chart's y range.
pub(super) fn vline<DB: DrawingBackend>(chart: &mut TimeChart<DB>, t_h: f64, color: &RGBColor) -> Drawn<DB> {
    let (y0, y1) = (chart.y_range().start, chart.y_range().end);
    chart.draw_series(DashedLineSeries::new([(t_h, y0), (t_h, y1)], 6, 4, color.stroke_width(2)))?;
    Ok(())
}
