//! Two line charts of things held: people in each shelter (the fullest few and the others
//! summed), and supplies in stock per item as a share of the starting stock.

use super::data::{self, Line, TimeAxis};
use super::frame::{self, Frame, X_LABEL_PX, Y_LABEL_PX};
use super::style::{
    Area, Drawn, Entry, Label, Swatch, TITLE_H_PX, WIDTH_PX, count_label, legend, legend_h_any_lang,
    num_label, palette,
};
use crate::core::Outcome;
use crate::report::Lang;
use crate::report::lang::t;
use plotters::prelude::*;

const PLOT_PX: u32 = 300;
/// Shelters drawn one by one; the rest are summed into "others".
const TOP_SHELTERS: usize = 7;

/// Labelled lines over time with one y axis.
pub(super) struct Lines {
    axis: TimeAxis,
    lines: Vec<(Label, Line)>,
    y_key: &'static str,
    /// The y labels are percentages (else counts).
    percent: bool,
}

/// People in each shelter; None when no shelter took anyone.
pub(super) fn shelters(o: &Outcome) -> Option<Lines> {
    let mut all: Vec<(String, Line)> =
        data::columns_with_prefix(o, "sheltered.").into_iter().filter(|(_, l)| data::has_signal(l)).collect();
    if all.is_empty() {
        return None;
    }
    // Fullest first (stable: equal peaks keep the series order).
    all.sort_by(|a, b| data::peak(&b.1).total_cmp(&data::peak(&a.1)));
    let mut lines: Vec<(Label, Line)> = Vec::new();
    if all.len() > TOP_SHELTERS + 1 {
        let rest = all.split_off(TOP_SHELTERS);
        let others = rest.iter().skip(1).fold(rest[0].1.clone(), |acc, (_, l)| data::sum(&acc, l));
        lines.extend(all.into_iter().map(|(id, l)| (Label::Raw(id), l)));
        lines.push((Label::Keyed("chart.shelters.others", format!("({})", rest.len())), others));
    } else {
        lines.extend(all.into_iter().map(|(id, l)| (Label::Raw(id), l)));
    }
    let axis = TimeAxis::of_series(o, &[], 9)?;
    Some(Lines { axis, lines, y_key: "chart.shelters.people_axis", percent: false })
}

/// Each stock item as a percentage of its starting stock; None when no stock changed.
pub(super) fn supplies(o: &Outcome) -> Option<Lines> {
    let lines: Vec<(Label, Line)> = data::columns_with_prefix(o, "stock.")
        .into_iter()
        .filter_map(|(item, l)| {
            let (lo, hi) = data::extent(&[&l])?;
            let base = l.first().map(|p| p.1).filter(|v| *v > 0.0).unwrap_or(hi);
            if base.is_nan() || base <= 0.0 || hi - lo <= base * 1e-6 {
                return None;
            }
            let pct = l.iter().map(|(t, v)| (*t, v / base * 100.0)).collect();
            Some((item_label(&item, base), pct))
        })
        .collect();
    if lines.is_empty() {
        return None;
    }
    let axis = TimeAxis::of_series(o, &[], 9)?;
    Some(Lines { axis, lines, y_key: "chart.supplies.percent_axis", percent: true })
}

/// A stock item's label: the table's name for known items, with its starting amount.
fn item_label(item: &str, base: f64) -> Label {
    let key = match item {
        "water_l" => "chart.item.water_l",
        "food_rations" => "chart.item.food_rations",
        "blankets" => "chart.item.blankets",
        "medical_kits" => "chart.item.medical_kits",
        "sandbags" => "chart.item.sandbags",
        "fuel_l" => "chart.item.fuel_l",
        _ => {
            return Label::Amount(
                Box::new(Label::Raw(item.to_string())),
                "chart.supplies.start",
                num_label(base, 0),
            );
        }
    };
    Label::Amount(Box::new(Label::Key(key)), "chart.supplies.start", num_label(base, 0))
}

impl Lines {
    fn entries(&self, lang: Lang) -> Vec<Entry> {
        self.lines
            .iter()
            .enumerate()
            .map(|(i, (l, _))| Entry::new(Swatch::Line(palette(i)), l.text(lang)))
            .collect()
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
        let all: Vec<&[(f64, f64)]> = self.lines.iter().map(|(_, l)| l.as_slice()).collect();
        let (lo, hi) = data::extent(&all).unwrap_or((0.0, 1.0));
        let y = data::y_range(lo, hi, true);
        let percent = self.percent;
        let y_fmt = move |v: &f64| if percent { format!("{}%", num_label(*v, 0)) } else { count_label(*v) };
        let f = Frame {
            y,
            y_desc: t(lang, self.y_key).to_string(),
            x_labels: true,
            y_label_px: Y_LABEL_PX,
            y_ticks: 6,
            y_fmt: &y_fmt,
        };
        let mut chart = frame::time_chart(&rest, &self.axis, &f)?;
        frame::mesh(&mut chart, &self.axis, &f)?;
        if self.percent {
            let style = super::style::GREY.stroke_width(1);
            chart.draw_series(LineSeries::new([(self.axis.t0_h, 100.0), (self.axis.t1_h, 100.0)], style))?;
        }
        for (i, (_, line)) in self.lines.iter().enumerate() {
            chart.draw_series(LineSeries::new(data::thin(line), palette(i).stroke_width(2)))?;
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
    fn shelters_keep_the_fullest_and_sum_the_rest() {
        let mut o = empty();
        let n = 12;
        o.series = Series {
            columns: (0..n).map(|i| format!("sheltered.s{i}")).collect(),
            rows: vec![(0, vec![0.0; n]), (600, (0..n).map(|i| i as f64 * 10.0).collect())],
        };
        let s = shelters(&o).expect("shelters");
        assert_eq!(s.lines.len(), TOP_SHELTERS + 1);
        assert_eq!(s.lines[0].0, Label::Raw("s11".into()));
        // s0 (always empty) is dropped; the others are s1..s4 = 10 + 20 + 30 + 40.
        assert_eq!(s.lines[TOP_SHELTERS].1[1].1, 100.0);
        assert!(shelters(&empty()).is_none());
    }

    #[test]
    fn supplies_only_when_a_stock_changed() {
        let (o, _) = full("x", Lang::En);
        let s = supplies(&o).expect("supplies");
        assert_eq!(s.lines.len(), 2);
        assert_eq!(s.lines[0].1[0].1, 100.0);
        let mut flat = empty();
        flat.series = Series {
            columns: vec!["stock.water_l".into(), "stock.zero".into()],
            rows: vec![(0, vec![10.0, 0.0]), (600, vec![10.0, 0.0])],
        };
        assert!(supplies(&flat).is_none());
        assert_eq!(item_label("water_l", 5.0).text(Lang::En), "Water (L), start 5");
        assert_eq!(item_label("ropes", 5.0).text(Lang::En), "ropes, start 5");
    }
}
