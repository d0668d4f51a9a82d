//! The response-time histogram: minutes from report to first arrival, fires and calls stacked,
//! with the 135 tiers and the rescue circle as vertical lines.

use super::style::{
    Area, Drawn, Entry, GREY, INK, LABEL_PX, LIGHT, SMALL_PX, Swatch, TITLE_H_PX, WIDTH_PX, font, font_at,
    legend, legend_h_any_lang, num_label,
};
use crate::core::Outcome;
use crate::model::standards::Standards;
use crate::report::Lang;
use crate::report::lang::t;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const PLOT_PX: u32 = 320;
const X_LABEL_PX: u32 = 50;
const FIRE: RGBColor = RGBColor(220, 38, 38);
const CALL: RGBColor = RGBColor(59, 130, 246);
const TIER: RGBColor = RGBColor(80, 80, 80);
const CIRCLE: RGBColor = RGBColor(22, 101, 52);
/// Bin widths tried, minutes.
const BINS_MIN: [f64; 10] = [0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 240.0];
/// The most bins drawn.
const MAX_BINS: f64 = 40.0;

/// What the histogram shows.
pub(super) struct Histogram {
    /// Bin width, minutes.
    bin_min: f64,
    /// Per bin: (fires, calls).
    counts: Vec<(u32, u32)>,
    /// Responses reported but never reached.
    unreached: usize,
    /// Tier 1, 2, 3 and the circle, minutes.
    marks: [f64; 4],
    any_fire: bool,
    any_call: bool,
}

/// The histogram's data; None when no response has both a report and an arrival.
pub(super) fn gather(o: &Outcome, std: &Standards) -> Option<Histogram> {
    let times: Vec<(f64, bool)> = o
        .responses
        .iter()
        .filter_map(|r| Some(((r.t_arrive_s? - r.t_report_s?) as f64 / 60.0, r.fire)))
        .filter(|(m, _)| m.is_finite() && *m >= 0.0)
        .collect();
    if times.is_empty() {
        return None;
    }
    let unreached = o.responses.iter().filter(|r| r.t_report_s.is_some() && r.t_arrive_s.is_none()).count();
    let marks = [std.tier1_min, std.tier2_min, std.tier3_min, std.circle_min]
        .map(|m| if m.is_finite() { m } else { 0.0 });
    let top = times.iter().map(|t| t.0).chain(marks).fold(1.0, f64::max) * 1.05;
    let bin_min =
        BINS_MIN.iter().copied().find(|w| top / w <= MAX_BINS).unwrap_or_else(|| (top / MAX_BINS).ceil());
    let n = ((top / bin_min).ceil() as usize).clamp(1, 1000);
    let mut counts = vec![(0u32, 0u32); n];
    for (m, fire) in &times {
        let b = ((m / bin_min).floor() as usize).min(n - 1);
        if *fire {
            counts[b].0 += 1;
        } else {
            counts[b].1 += 1;
        }
    }
    let any_fire = times.iter().any(|t| t.1);
    let any_call = times.iter().any(|t| !t.1);
    Some(Histogram { bin_min, counts, unreached, marks, any_fire, any_call })
}

impl Histogram {
    fn entries(&self, lang: Lang) -> Vec<Entry> {
        let mut out = Vec::new();
        if self.any_fire {
            out.push(Entry::new(Swatch::Band(FIRE, 0.85), t(lang, "chart.response.fires")));
        }
        if self.any_call {
            out.push(Entry::new(Swatch::Band(CALL, 0.85), t(lang, "chart.response.calls")));
        }
        out.push(Entry::new(Swatch::Dashed(TIER), t(lang, "chart.response.tiers")));
        out.push(Entry::new(Swatch::Line(CIRCLE), t(lang, "chart.response.circle")));
        if self.unreached > 0 {
            out.push(Entry::new(
                Swatch::Band(WHITE, 1.0),
                format!("{} {}", t(lang, "chart.response.unreached"), self.unreached),
            ));
        }
        out
    }

    fn legend_h(&self) -> u32 {
        legend_h_any_lang(WIDTH_PX, |l| self.entries(l))
    }

    pub fn size(&self) -> (u32, u32) {
        (WIDTH_PX, TITLE_H_PX + self.legend_h() + PLOT_PX + X_LABEL_PX + 16)
    }

    pub fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, lang: Lang) -> Drawn<DB> {
        let (top, rest) = area.split_vertically(self.legend_h());
        legend(&top, &self.entries(lang))?;
        let x1 = self.counts.len() as f64 * self.bin_min;
        let y_max = self.counts.iter().map(|(f, c)| f + c).max().unwrap_or(1).max(1);
        let y_step = (y_max as f64 / 6.0).ceil().max(1.0);
        let y1 = (y_max as f64 / y_step).ceil() * y_step + y_step;
        let mut chart = ChartBuilder::on(&rest)
            .margin_left(6)
            .margin_right(28)
            .margin_top(8)
            .margin_bottom(4)
            .x_label_area_size(X_LABEL_PX)
            .y_label_area_size(super::frame::Y_LABEL_PX)
            .build_cartesian_2d(0.0..x1, 0.0..y1)?;
        let ticks = (y1 / y_step) as usize + 1;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(LIGHT.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(GREY.stroke_width(1))
            .x_labels(12)
            .x_label_formatter(&|v| num_label(*v, 1))
            .y_labels(ticks)
            .y_label_formatter(&|v| {
                if (v / y_step).fract().abs() < 1e-6 { format!("{v:.0}") } else { String::new() }
            })
            .x_desc(t(lang, "chart.response.minutes_axis"))
            .y_desc(t(lang, "chart.response.count_axis"))
            .label_style(font(SMALL_PX, &INK))
            .axis_desc_style(font(LABEL_PX, &INK))
            .draw()?;
        let w = self.bin_min;
        chart.draw_series(self.counts.iter().enumerate().flat_map(|(i, &(fires, calls))| {
            let x0 = i as f64 * w + w * 0.06;
            let x1 = (i + 1) as f64 * w - w * 0.06;
            let (f, c) = (fires as f64, calls as f64);
            [
                (fires > 0).then(|| Rectangle::new([(x0, 0.0), (x1, f)], FIRE.mix(0.85).filled())),
                (calls > 0).then(|| Rectangle::new([(x0, f), (x1, f + c)], CALL.mix(0.85).filled())),
            ]
            .into_iter()
            .flatten()
        }))?;
        let names = [
            "chart.response.tier1",
            "chart.response.tier2",
            "chart.response.tier3",
            "chart.response.circle_short",
        ]
        .map(|k| t(lang, k));
        for (k, (m, name)) in self.marks.iter().zip(names).enumerate() {
            if *m <= 0.0 {
                continue;
            }
            let (color, style) = if k == 3 { (CIRCLE, 0) } else { (TIER, 1) };
            if style == 0 {
                chart.draw_series(LineSeries::new([(*m, 0.0), (*m, y1)], color.stroke_width(2)))?;
            } else {
                chart.draw_series(DashedLineSeries::new(
                    [(*m, 0.0), (*m, y1)],
                    6,
                    4,
                    color.stroke_width(2),
                ))?;
            }
            // Labels stagger down so close tiers stay readable.
            let row = y1 - (y1 / 14.0) * (k as f64 + 0.3);
            let text = format!("{name} {} {}", num_label(*m, 1), t(lang, "chart.unit.min"));
            let style = font_at(SMALL_PX, &color, HPos::Left, VPos::Top);
            chart.plotting_area().draw(&(EmptyElement::at((*m, row)) + Text::new(text, (5, 0), style)))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{empty, full};
    use super::*;

    #[test]
    fn counts_every_reached_response_once() {
        let (o, m) = full("x", Lang::En);
        let h = gather(&o, &m.standards).expect("histogram");
        let total: u32 = h.counts.iter().map(|(f, c)| f + c).sum();
        assert_eq!(total, 8);
        assert_eq!(h.unreached, 1);
        assert!(h.any_fire && h.any_call);
        assert!(h.counts.len() as f64 <= MAX_BINS);
        assert!(h.counts.len() as f64 * h.bin_min >= m.standards.circle_min);
        assert!(gather(&empty(), &m.standards).is_none());
    }

    #[test]
    fn odd_standards_and_times_do_not_panic() {
        let (o, mut m) = full("x", Lang::En);
        m.standards.circle_min = f64::NAN;
        m.standards.tier1_min = 1e9;
        let h = gather(&o, &m.standards).expect("histogram");
        assert!(h.counts.len() <= 1000);
    }
}
