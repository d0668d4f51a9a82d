//! The hazard chart: small panels over calendar time — river stage per gauge, wind, rain rate,
//! fire heat release, burned area — the weather warning shaded behind the weather panels, and
//! the township response level as a strip along the bottom.

use super::data::{self, Line, TimeAxis};
use super::frame::{self, Frame, X_LABEL_PX, Y_LABEL_PX};
use super::style::{
    Area, Drawn, Entry, INK, Label, SMALL_PX, Swatch, TITLE_H_PX, WIDTH_PX, count_label, font_at, legend,
    legend_h_any_lang, num_label, palette,
};
use crate::core::Outcome;
use crate::report::Lang;
use crate::report::lang::t;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Height of one panel's plot, pixels.
const PANEL_PX: u32 = 150;
/// Height of the response level strip, pixels.
const STRIP_PX: u32 = 30;

/// Warning colours, blue … red.
const WARNING: [RGBColor; 4] =
    [RGBColor(59, 130, 246), RGBColor(234, 179, 8), RGBColor(249, 115, 22), RGBColor(220, 38, 38)];
const WARNING_KEYS: [&str; 4] = [
    "chart.hazard.warning_blue",
    "chart.hazard.warning_yellow",
    "chart.hazard.warning_orange",
    "chart.hazard.warning_red",
];
const WARNING_ALPHA: f64 = 0.2;
/// Response level colours, IV (light) … I (dark).
const LEVEL: [RGBColor; 4] =
    [RGBColor(221, 214, 254), RGBColor(167, 139, 250), RGBColor(124, 58, 237), RGBColor(76, 29, 149)];
const LEVEL_KEYS: [&str; 4] =
    ["chart.hazard.level_iv", "chart.hazard.level_iii", "chart.hazard.level_ii", "chart.hazard.level_i"];
const LEVEL_NUMERALS: [&str; 4] = ["IV", "III", "II", "I"];

/// One panel: lines sharing a y axis.
struct Panel {
    y_key: &'static str,
    lines: Vec<(Label, Line)>,
    /// Draw the weather warning behind it.
    warnings: bool,
    from_zero: bool,
}

/// A run of one level (1–4) from `t0_h` to `t1_h`.
type Run = (f64, f64, usize);

/// What the hazard chart shows.
pub(super) struct Hazard {
    axis: TimeAxis,
    panels: Vec<Panel>,
    warnings: Vec<Run>,
    levels: Vec<Run>,
}

/// The hazard chart's data; None when no hazard curve has data.
pub(super) fn gather(o: &Outcome) -> Option<Hazard> {
    let mut panels = Vec::new();
    let stages: Vec<(Label, Line)> = data::columns_with_prefix(o, "stage_m.")
        .into_iter()
        .filter(|(_, l)| data::has_signal(l))
        .map(|(gauge, l)| (Label::Keyed("chart.hazard.stage", gauge), l))
        .collect();
    if !stages.is_empty() {
        panels.push(Panel {
            y_key: "chart.hazard.stage_axis",
            lines: stages,
            warnings: true,
            from_zero: false,
        });
    }
    let single = |col: &str, key: &'static str, y_key: &'static str, warnings: bool, scale: f64| {
        let line = data::column(o, col).filter(|l| data::has_signal(l))?;
        let line = line.into_iter().map(|(t, v)| (t, v * scale)).collect();
        Some(Panel { y_key, lines: vec![(Label::Key(key), line)], warnings, from_zero: true })
    };
    panels.extend(single("wind_mps_max", "chart.hazard.wind", "chart.hazard.wind_axis", true, 1.0));
    panels.extend(single("rain_mm_h_max", "chart.hazard.rain", "chart.hazard.rain_axis", true, 1.0));
    let fires: Vec<(Label, Line)> = data::columns_with_prefix(o, "fire_hrr_kw.")
        .into_iter()
        .filter(|(_, l)| data::has_signal(l))
        .map(|(fire, l)| {
            (Label::Keyed("chart.hazard.fire", fire), l.into_iter().map(|(t, v)| (t, v / 1000.0)).collect())
        })
        .collect();
    if fires.len() > 1 {
        panels.push(Panel { y_key: "chart.hazard.hrr_axis", lines: fires, warnings: false, from_zero: true });
    } else {
        panels.extend(single("fire_hrr_kw", "chart.hazard.hrr", "chart.hazard.hrr_axis", false, 0.001));
    }
    panels.extend(single("burned_area_ha", "chart.hazard.burned", "chart.hazard.burned_axis", false, 1.0));
    if panels.is_empty() {
        return None;
    }
    let axis = TimeAxis::of_series(o, &[], 9)?;
    let typhoon = data::column(o, "typhoon_warning").unwrap_or_default();
    let rainstorm = data::column(o, "rainstorm_warning").unwrap_or_default();
    let warning = if typhoon.len() == rainstorm.len() {
        typhoon.iter().zip(&rainstorm).map(|((t, a), (_, b))| (*t, a.max(*b))).collect()
    } else if typhoon.len() > rainstorm.len() {
        typhoon
    } else {
        rainstorm
    };
    let warnings = runs(&warning, axis.t1_h);
    let levels = runs(&data::column(o, "township_level").unwrap_or_default(), axis.t1_h);
    Some(Hazard { axis, panels, warnings, levels })
}

/// Runs of levels 1–4 in a step line; each value holds until the next point (the last until
/// `end_h`).
fn runs(line: &[(f64, f64)], end_h: f64) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for (i, (t, v)) in line.iter().enumerate() {
        let level = v.round().clamp(0.0, 4.0) as usize;
        let until = line.get(i + 1).map_or(end_h, |p| p.0);
        match out.last_mut() {
            Some(last) if last.2 == level && (last.1 - t).abs() < 1e-9 => last.1 = until,
            _ if level > 0 && until > *t => out.push((*t, until, level)),
            _ => {}
        }
    }
    out
}

/// The distinct levels present in `runs`, lowest first.
fn present(runs: &[Run]) -> Vec<usize> {
    let mut ls: Vec<usize> = runs.iter().map(|r| r.2).collect();
    ls.sort_unstable();
    ls.dedup();
    ls
}

impl Hazard {
    fn entries(&self, lang: Lang) -> Vec<Entry> {
        let mut out = Vec::new();
        let mut n = 0;
        for p in &self.panels {
            for (label, _) in &p.lines {
                out.push(Entry::new(Swatch::Line(palette(n)), label.text(lang)));
                n += 1;
            }
        }
        for l in present(&self.warnings) {
            out.push(Entry::new(
                Swatch::Band(WARNING[l - 1], WARNING_ALPHA * 2.0),
                t(lang, WARNING_KEYS[l - 1]),
            ));
        }
        for l in present(&self.levels) {
            out.push(Entry::new(Swatch::Band(LEVEL[l - 1], 1.0), t(lang, LEVEL_KEYS[l - 1])));
        }
        out
    }

    fn legend_h(&self) -> u32 {
        legend_h_any_lang(WIDTH_PX, |l| self.entries(l))
    }

    pub fn size(&self) -> (u32, u32) {
        let strip = if self.levels.is_empty() { 0 } else { STRIP_PX + 8 };
        let panels = self.panels.len() as u32 * (PANEL_PX + 12);
        (WIDTH_PX, TITLE_H_PX + self.legend_h() + panels + strip + X_LABEL_PX + 8)
    }

    pub fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, lang: Lang) -> Drawn<DB> {
        let (top, mut rest) = area.split_vertically(self.legend_h());
        legend(&top, &self.entries(lang))?;
        let mut n = 0;
        for (i, p) in self.panels.iter().enumerate() {
            let bottom = i + 1 == self.panels.len() && self.levels.is_empty();
            let h = PANEL_PX + 12 + if bottom { X_LABEL_PX } else { 0 };
            let (panel, below) = rest.split_vertically(h);
            self.panel(&panel, p, (bottom, n), lang)?;
            n += p.lines.len();
            rest = below;
        }
        if !self.levels.is_empty() {
            self.strip(&rest, lang)?;
        }
        Ok(())
    }

    /// One panel; `first` is the palette index of its first line.
    fn panel<DB: DrawingBackend>(
        &self,
        area: &Area<DB>,
        p: &Panel,
        at: (bool, usize),
        lang: Lang,
    ) -> Drawn<DB> {
        let (bottom, first) = at;
        let lines: Vec<&[(f64, f64)]> = p.lines.iter().map(|(_, l)| l.as_slice()).collect();
        let (lo, hi) = data::extent(&lines).unwrap_or((0.0, 1.0));
        let y = data::y_range(lo, hi, p.from_zero);
        let decimals = if y.1 - y.0 < 5.0 { 1 } else { 0 };
        let y_fmt = move |v: &f64| if decimals == 0 { count_label(*v) } else { num_label(*v, decimals) };
        let f = Frame {
            y,
            y_desc: t(lang, p.y_key).to_string(),
            x_labels: bottom,
            y_label_px: Y_LABEL_PX,
            y_ticks: 6,
            y_fmt: &y_fmt,
        };
        let mut chart = frame::time_chart(area, &self.axis, &f)?;
        if p.warnings {
            chart.draw_series(self.warnings.iter().map(|&(t0, t1, l)| {
                Rectangle::new([(t0, y.0), (t1, y.1)], WARNING[l - 1].mix(WARNING_ALPHA).filled())
            }))?;
        }
        frame::mesh(&mut chart, &self.axis, &f)?;
        for (k, (_, line)) in p.lines.iter().enumerate() {
            chart.draw_series(LineSeries::new(data::thin(line), palette(first + k).stroke_width(2)))?;
        }
        Ok(())
    }

    /// The response level strip, with the time labels under it.
    fn strip<DB: DrawingBackend>(&self, area: &Area<DB>, lang: Lang) -> Drawn<DB> {
        let y_fmt = |_: &f64| String::new();
        let f = Frame {
            y: (0.0, 1.0),
            y_desc: String::new(),
            x_labels: true,
            y_label_px: Y_LABEL_PX,
            y_ticks: 0,
            y_fmt: &y_fmt,
        };
        let mut chart = frame::time_chart(area, &self.axis, &f)?;
        chart.draw_series(
            self.levels
                .iter()
                .map(|&(t0, t1, l)| Rectangle::new([(t0, 0.0), (t1, 1.0)], LEVEL[l - 1].filled())),
        )?;
        frame::mesh(&mut chart, &self.axis, &f)?;
        for &(t0, t1, l) in &self.levels {
            let (x0, _) = chart.backend_coord(&(t0, 0.5));
            let (x1, _) = chart.backend_coord(&(t1, 0.5));
            if x1 - x0 >= 26 {
                let ink = if l >= 3 { WHITE } else { INK };
                chart.plotting_area().draw(&Text::new(
                    LEVEL_NUMERALS[l - 1],
                    ((t0 + t1) / 2.0, 0.5),
                    font_at(SMALL_PX, &ink, HPos::Center, VPos::Center),
                ))?;
            }
        }
        let (_, h) = area.dim_in_pixel();
        let strip_mid = (8 + (h as i32 - 8 - X_LABEL_PX as i32) / 2).max(0);
        area.draw(&Text::new(
            t(lang, "chart.hazard.level_short"),
            (8, strip_mid),
            font_at(SMALL_PX, &INK, HPos::Left, VPos::Center),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{empty, full};
    use super::*;
    use crate::core::Series;

    #[test]
    fn runs_merge_steps_and_skip_zero() {
        let line = [(0.0, 0.0), (1.0, 1.0), (2.0, 1.0), (3.0, 3.0), (4.0, 0.0), (5.0, f64::NAN)];
        assert_eq!(runs(&line, 6.0), vec![(1.0, 3.0, 1), (3.0, 4.0, 3)]);
        assert_eq!(runs(&[(0.0, 2.0)], 0.0), vec![]);
    }

    #[test]
    fn panels_follow_the_data() {
        let (o, _) = full("x", Lang::En);
        let h = gather(&o).expect("hazard");
        assert_eq!(h.panels.len(), 4, "stage, wind, rain, heat");
        assert!(!h.warnings.is_empty() && !h.levels.is_empty());
        // Only a fire: one panel, no warnings.
        let mut fire = empty();
        fire.series = Series {
            columns: vec!["fire_hrr_kw".into(), "stage_m.g".into(), "township_level".into()],
            rows: vec![(0, vec![0.0, 0.0, 0.0]), (300, vec![900.0, 0.0, 2.0])],
        };
        let h = gather(&fire).expect("fire hazard");
        assert_eq!(h.panels.len(), 1);
        assert!(h.warnings.is_empty());
        // Nothing but zeros: no chart.
        fire.series.rows = vec![(0, vec![0.0, 0.0, 3.0])];
        assert!(gather(&fire).is_none());
        assert!(gather(&empty()).is_none());
    }
}
