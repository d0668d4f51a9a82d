//! The team Gantt: one row per team, a bar per span of activity, coloured by what the team was
//! doing.

use super::data::TimeAxis;
use super::frame::{self, Frame, X_LABEL_PX};
use super::style::{
    Area, Drawn, Entry, GREY, INK, LIGHT, SMALL_PX, Swatch, TITLE_H_PX, WIDTH_PX, clip, font, font_at,
    legend, legend_h_any_lang, text_w_px,
};
use crate::core::Outcome;
use crate::report::Lang;
use crate::report::lang::t;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Height of one team's row, pixels.
const ROW_PX: u32 = 22;
/// Longest team label, characters.
const LABEL_CHARS: usize = 28;

/// The activities the engine records, their string keys and colours (unknown ones get grey
/// shades in order).
const ACTIVITIES: [(&str, &str, RGBColor); 12] = [
    ("en route", "chart.gantt.en_route", RGBColor(59, 130, 246)),
    ("on scene", "chart.gantt.on_scene", RGBColor(220, 38, 38)),
    ("standing by", "chart.gantt.standing_by", RGBColor(148, 163, 184)),
    ("to dike work", "chart.gantt.to_dike", RGBColor(14, 165, 233)),
    ("dike work", "chart.gantt.dike", RGBColor(2, 132, 199)),
    ("pre-positioning", "chart.gantt.prepositioning", RGBColor(45, 212, 191)),
    ("to a cut road", "chart.gantt.to_road", RGBColor(251, 191, 36)),
    ("clearing road", "chart.gantt.clearing", RGBColor(217, 119, 6)),
    ("returning", "chart.gantt.returning", RGBColor(134, 239, 172)),
    ("answering call", "chart.gantt.call", RGBColor(236, 72, 153)),
    ("resting", "chart.gantt.resting", RGBColor(203, 213, 225)),
    ("out of service", "chart.gantt.out", RGBColor(71, 85, 105)),
];
const OTHER: [RGBColor; 4] =
    [RGBColor(168, 85, 247), RGBColor(132, 204, 22), RGBColor(120, 53, 15), RGBColor(15, 118, 110)];

/// What the Gantt shows.
pub(super) struct Gantt {
    axis: TimeAxis,
    /// Team ids, top row first.
    teams: Vec<String>,
    /// Activities in legend order: (what, colour).
    kinds: Vec<(String, RGBColor)>,
    /// (row, kind, t0 h, t1 h).
    bars: Vec<(usize, usize, f64, f64)>,
}

/// The Gantt's data; None without spans.
pub(super) fn gather(o: &Outcome) -> Option<Gantt> {
    let mut teams: Vec<String> = Vec::new();
    let mut kinds: Vec<String> = Vec::new();
    let mut bars = Vec::new();
    for s in o.spans.iter().filter(|s| s.t1_s > s.t0_s) {
        let row = teams.iter().position(|t| *t == s.who).unwrap_or_else(|| {
            teams.push(s.who.clone());
            teams.len() - 1
        });
        let kind = kinds.iter().position(|k| *k == s.what).unwrap_or_else(|| {
            kinds.push(s.what.clone());
            kinds.len() - 1
        });
        bars.push((row, kind, s.t0_s as f64 / 3600.0, s.t1_s as f64 / 3600.0));
    }
    if bars.is_empty() {
        return None;
    }
    // The series' time span too, so the Gantt lines up with the other charts.
    let rows = o.series.rows.iter().map(|(t, _)| *t as f64 / 3600.0);
    let axis = TimeAxis::spanning(o.calendar, bars.iter().flat_map(|b| [b.2, b.3]).chain(rows), 9)?;
    let mut others = 0;
    let mut kinds: Vec<(usize, String, RGBColor)> = kinds
        .into_iter()
        .enumerate()
        .map(|(i, what)| match ACTIVITIES.iter().position(|a| a.0 == what) {
            Some(k) => (k, what, ACTIVITIES[k].2),
            None => {
                others += 1;
                (ACTIVITIES.len() + i, what, OTHER[(others - 1) % OTHER.len()])
            }
        })
        .collect();
    // Legend in the fixed activity order; bars refer to the new positions.
    let order: Vec<usize> = {
        let mut ix: Vec<usize> = (0..kinds.len()).collect();
        ix.sort_by_key(|&i| kinds[i].0);
        ix
    };
    let bars = bars
        .into_iter()
        .map(|(r, k, t0, t1)| (r, order.iter().position(|&i| i == k).unwrap_or(0), t0, t1))
        .collect();
    kinds.sort_by_key(|k| k.0);
    Some(Gantt { axis, teams, kinds: kinds.into_iter().map(|(_, w, c)| (w, c)).collect(), bars })
}

impl Gantt {
    fn entries(&self, lang: Lang) -> Vec<Entry> {
        self.kinds.iter().map(|(what, c)| Entry::new(Swatch::Band(*c, 1.0), activity(lang, what))).collect()
    }

    fn legend_h(&self) -> u32 {
        legend_h_any_lang(WIDTH_PX, |l| self.entries(l))
    }

    fn label_px(&self) -> u32 {
        let widest = self.teams.iter().map(|t| text_w_px(&clip(t, LABEL_CHARS), SMALL_PX)).max().unwrap_or(0);
        (widest as u32 + 16).clamp(60, 260)
    }

    pub fn size(&self) -> (u32, u32) {
        let rows = self.teams.len() as u32 * ROW_PX;
        (WIDTH_PX, TITLE_H_PX + self.legend_h() + rows + X_LABEL_PX + 24)
    }

    pub fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, lang: Lang) -> Drawn<DB> {
        let (top, rest) = area.split_vertically(self.legend_h());
        legend(&top, &self.entries(lang))?;
        let n = self.teams.len();
        let labels: Vec<String> = self.teams.iter().map(|t| clip(t, LABEL_CHARS)).collect();
        // Row r is drawn from y = n - r - 1 to n - r: the first team on top. The names are
        // written at the row centres below (the y axis would pick its own tick values).
        let y_fmt = |_: &f64| String::new();
        let f = Frame {
            y: (0.0, n as f64),
            y_desc: String::new(),
            x_labels: true,
            y_label_px: self.label_px(),
            y_ticks: 0,
            y_fmt: &y_fmt,
        };
        let mut chart = frame::time_chart(&rest, &self.axis, &f)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .bold_line_style(LIGHT.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(GREY.stroke_width(1))
            .x_label_formatter(&|h| self.axis.label(*h))
            .y_labels(n.max(1))
            .y_label_formatter(&|_| String::new())
            .label_style(font(SMALL_PX, &INK))
            .draw()?;
        // Team names at the row centres (the y axis would pick its own tick values).
        let (ox, oy) = rest.get_base_pixel();
        let style = font_at(SMALL_PX, &INK, HPos::Right, VPos::Center);
        for (r, label) in labels.iter().enumerate() {
            let (x, y) = chart.backend_coord(&(self.axis.t0_h, n as f64 - r as f64 - 0.5));
            rest.draw(&Text::new(label.clone(), (x - ox - 6, y - oy), style.clone()))?;
        }
        chart.draw_series(self.bars.iter().map(|&(r, k, t0, t1)| {
            let y = n as f64 - r as f64 - 1.0;
            let c = self.kinds.get(k).map_or(GREY, |k| k.1);
            Rectangle::new([(t0, y + 0.15), (t1, y + 0.85)], c.filled())
        }))?;
        Ok(())
    }
}

/// The activity in `lang`: the table's words for the engine's activities, others as given.
fn activity(lang: Lang, what: &str) -> String {
    match ACTIVITIES.iter().find(|a| a.0 == what) {
        Some((_, key, _)) => t(lang, key).to_string(),
        None => what.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{empty, full};
    use super::*;
    use crate::core::Span;

    #[test]
    fn rows_per_team_and_known_activities_first() {
        let (o, _) = full("x", Lang::En);
        let g = gather(&o).expect("gantt");
        assert_eq!(g.teams, ["team-x", "team-b"]);
        let kinds: Vec<&str> = g.kinds.iter().map(|k| k.0.as_str()).collect();
        assert_eq!(kinds, ["en route", "on scene", "doing x"]);
        // Each bar keeps its activity after the reordering.
        assert!(g.bars.iter().all(|b| b.1 < g.kinds.len()));
        assert_eq!(g.bars[2].1, 2);
        assert!(gather(&empty()).is_none());
        let mut zero = empty();
        zero.spans = vec![Span { who: "a".into(), what: "on scene".into(), t0_s: 5, t1_s: 5 }];
        assert!(gather(&zero).is_none());
        assert_eq!(activity(Lang::Zh, "doing x"), "doing x");
    }
}
