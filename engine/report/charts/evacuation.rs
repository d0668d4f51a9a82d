//! The evacuation chart: people warned, decided to leave, transferred (sheltered and with
//! relatives) and in shelters over time, the should-transfer count dashed, and the deadline.

use super::data::{self, Line, TimeAxis};
use super::frame::{self, Frame, X_LABEL_PX, Y_LABEL_PX};
use super::style::{
    Area, Drawn, Entry, INK, SMALL_PX, Swatch, TITLE_H_PX, WIDTH_PX, count_label, font_at, legend,
    legend_h_any_lang,
};
use crate::core::Outcome;
use crate::report::Lang;
use crate::report::lang::t;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const PLOT_PX: u32 = 340;
const DEADLINE: RGBColor = RGBColor(200, 30, 30);
const SHOULD: RGBColor = RGBColor(110, 110, 110);
/// The drawn lines: label key, colour.
const LINES: [(&str, RGBColor); 4] = [
    ("chart.evacuation.warned", RGBColor(59, 130, 246)),
    ("chart.evacuation.decided", RGBColor(249, 115, 22)),
    ("chart.evacuation.transferred", RGBColor(22, 163, 74)),
    ("chart.evacuation.sheltered", RGBColor(147, 51, 234)),
];

/// What the evacuation chart shows.
pub(super) struct Evacuation {
    axis: TimeAxis,
    /// Warned, decided, transferred, sheltered (each may be empty).
    lines: [Line; 4],
    should: Line,
    deadline_h: Option<f64>,
}

/// The evacuation chart's data; None when nobody was warned, decided or moved.
pub(super) fn gather(o: &Outcome) -> Option<Evacuation> {
    let col = |name: &str| data::column(o, name).unwrap_or_default();
    let sheltered = col("people_sheltered");
    let relatives = col("people_relatives");
    let transferred = match (sheltered.is_empty(), relatives.is_empty()) {
        (false, false) => data::sum(&sheltered, &relatives),
        (false, true) => sheltered.clone(),
        _ => relatives,
    };
    let lines = [col("people_warned"), col("people_decided"), transferred, sheltered];
    if !lines.iter().any(|l| data::has_signal(l)) {
        return None;
    }
    let deadline_h = o.metrics.get("evacuation.deadline_h").copied().filter(|h| h.is_finite());
    let axis = TimeAxis::of_series(o, deadline_h.as_slice(), 9)?;
    let should = col("should_transfer_out");
    let should = if data::has_signal(&should) { should } else { Vec::new() };
    Some(Evacuation { axis, lines, should, deadline_h })
}

impl Evacuation {
    fn entries(&self, lang: Lang) -> Vec<Entry> {
        let mut out: Vec<Entry> = LINES
            .iter()
            .zip(&self.lines)
            .filter(|(_, l)| !l.is_empty())
            .map(|((key, c), _)| Entry::new(Swatch::Line(*c), t(lang, key)))
            .collect();
        if !self.should.is_empty() {
            out.push(Entry::new(Swatch::Dashed(SHOULD), t(lang, "chart.evacuation.should")));
        }
        if self.deadline_h.is_some() {
            out.push(Entry::new(Swatch::Dashed(DEADLINE), t(lang, "chart.evacuation.deadline")));
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
        let mut all: Vec<&[(f64, f64)]> = self.lines.iter().map(|l| l.as_slice()).collect();
        all.push(&self.should);
        let (lo, hi) = data::extent(&all).unwrap_or((0.0, 1.0));
        let y = data::y_range(lo, hi, true);
        let y_fmt = |v: &f64| count_label(*v);
        let f = Frame {
            y,
            y_desc: t(lang, "chart.evacuation.people_axis").to_string(),
            x_labels: true,
            y_label_px: Y_LABEL_PX,
            y_ticks: 6,
            y_fmt: &y_fmt,
        };
        let mut chart = frame::time_chart(&rest, &self.axis, &f)?;
        frame::mesh(&mut chart, &self.axis, &f)?;
        if !self.should.is_empty() {
            let style = SHOULD.stroke_width(2);
            chart.draw_series(DashedLineSeries::new(data::thin(&self.should), 8, 5, style))?;
        }
        for ((_, color), line) in LINES.iter().zip(&self.lines) {
            chart.draw_series(LineSeries::new(data::thin(line), color.stroke_width(2)))?;
        }
        if let Some(d) = self.deadline_h {
            frame::vline(&mut chart, d, &DEADLINE)?;
            let label = format!("{} {}", t(lang, "chart.evacuation.deadline"), self.axis.label(d));
            let (x, y) = chart.backend_coord(&(d, y.1));
            let (w, _) = rest.dim_in_pixel();
            // Write it on the side with room.
            let (h, dx) = if x > w as i32 * 2 / 3 { (HPos::Right, -6) } else { (HPos::Left, 6) };
            let (ox, oy) = rest.get_base_pixel();
            rest.draw(&Text::new(label, (x - ox + dx, y - oy + 4), font_at(SMALL_PX, &INK, h, VPos::Top)))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{empty, full};
    use super::*;
    use crate::core::Series;

    #[test]
    fn drawn_with_data_and_the_deadline_widens_the_axis() {
        let (mut o, _) = full("x", Lang::En);
        o.metrics.insert("evacuation.deadline_h".into(), 100.0);
        let e = gather(&o).expect("evacuation");
        assert!(e.axis.t1_h >= 100.0);
        assert_eq!(e.deadline_h, Some(100.0));
        assert!(gather(&empty()).is_none());
        let mut zeros = empty();
        zeros.series = Series { columns: vec!["people_warned".into()], rows: vec![(0, vec![0.0])] };
        assert!(gather(&zeros).is_none());
        // One row is enough.
        zeros.series.rows = vec![(600, vec![5.0])];
        assert!(gather(&zeros).is_some());
    }
}
