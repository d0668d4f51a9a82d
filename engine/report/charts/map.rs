//! The township map, local metres at equal scale: roads (red and dashed where closed at some
//! point), zones as circles sized by residents and coloured by peak flood depth (or marked
//! burned), shelters, stations, depots and the command centre.

use super::data;
use super::style::{
    Area, Drawn, Entry, GREY, INK, LABEL_PX, SMALL_PX, Swatch, TITLE_H_PX, WIDTH_PX, diamond, font,
    legend_column, num_label,
};
use crate::core::{EventKind, Outcome};
use crate::report::Lang;
use crate::report::Sketch;
use crate::report::lang::t;
use plotters::prelude::*;
use std::collections::BTreeSet;

/// Width of the legend column, pixels.
const LEGEND_W_PX: u32 = 210;
const MARGIN_TOP_PX: u32 = 8;
const MARGIN_BOTTOM_PX: u32 = 4;
const MARGIN_LEFT_PX: u32 = 6;
const MARGIN_RIGHT_PX: u32 = 20;
const X_LABEL_PX: u32 = 40;
const Y_LABEL_PX: u32 = 60;
/// Plot width, pixels.
const PLOT_W_PX: u32 = WIDTH_PX - LEGEND_W_PX - MARGIN_LEFT_PX - MARGIN_RIGHT_PX - Y_LABEL_PX;

const ROAD: RGBColor = RGBColor(156, 163, 175);
const CLOSED: RGBColor = RGBColor(220, 38, 38);
const BURNED: RGBColor = RGBColor(249, 115, 22);
const SHELTER: RGBColor = RGBColor(22, 163, 74);
const STATION: RGBColor = RGBColor(185, 28, 28);
const DEPOT: RGBColor = RGBColor(146, 64, 14);
const COMMAND: RGBColor = RGBColor(17, 17, 17);
/// Peak depth classes: lower bound (m) and colour; below the first, not flooded.
const DEPTHS: [(f64, RGBColor); 5] = [
    (0.05, RGBColor(191, 219, 254)),
    (0.3, RGBColor(147, 197, 253)),
    (0.5, RGBColor(59, 130, 246)),
    (1.0, RGBColor(29, 78, 216)),
    (2.0, RGBColor(30, 27, 75)),
];
const DRY: RGBColor = RGBColor(229, 231, 235);

/// How a zone is filled.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fill {
    Dry,
    /// Index into DEPTHS.
    Depth(usize),
    Burned,
}

/// A facility mark.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    Shelter,
    Station,
    Depot,
    Command,
}

/// A point, metres.
type Xy = (f64, f64);

/// What the map shows.
pub(super) struct MapPlot {
    /// x min, x max, y min, y max, metres, padded.
    bounds: (f64, f64, f64, f64),
    /// (a, b, closed at some point).
    links: Vec<(Xy, Xy, bool)>,
    /// (centre, radius px, fill).
    zones: Vec<(Xy, i32, Fill)>,
    marks: Vec<(Xy, Mark)>,
    /// Some zone has a depth series.
    flood: bool,
}

/// The map's data; None when the sketch is empty.
pub(super) fn gather(o: &Outcome, sketch: &Sketch) -> Option<MapPlot> {
    if sketch.links.is_empty() && sketch.zones.is_empty() && sketch.facilities.is_empty() {
        return None;
    }
    let (x0, x1, y0, y1) = sketch.bounds();
    let finite = |p: Xy| p.0.is_finite() && p.1.is_finite();
    if ![x0, x1, y0, y1].iter().all(|v| v.is_finite()) {
        return None;
    }
    let pad = ((x1 - x0).max(y1 - y0) * 0.06).max(100.0);
    let bounds = (x0 - pad, x1 + pad, y0 - pad, y1 + pad);
    let closed: BTreeSet<&str> = o
        .timeline
        .iter()
        .filter(|e| e.kind == EventKind::Road && closes(&e.text))
        .map(|e| e.place.as_str())
        .collect();
    let links = sketch
        .links
        .iter()
        .filter(|l| finite(l.a) && finite(l.b))
        .map(|l| (l.a, l.b, closed.contains(l.id.as_str())))
        .collect();
    let burned = burned_zones(o);
    let max_pop = sketch.zones.iter().map(|z| z.population).max().unwrap_or(0).max(1) as f64;
    let mut flood = false;
    let zones = sketch
        .zones
        .iter()
        .filter(|z| finite((z.x_m, z.y_m)))
        .map(|z| {
            let depth = data::column(o, &format!("depth_m.{}", z.id));
            flood |= depth.as_deref().is_some_and(data::has_signal);
            let peak = depth.as_deref().map_or(0.0, data::peak);
            let fill = if burned.contains(z.id.as_str()) {
                Fill::Burned
            } else {
                DEPTHS.iter().rposition(|(lo, _)| peak >= *lo).map_or(Fill::Dry, Fill::Depth)
            };
            let r_px = 4 + (14.0 * (z.population as f64 / max_pop).sqrt()).round() as i32;
            // A fire in an empty zone (a forest) still shows.
            let r_px = if fill == Fill::Burned { r_px.max(10) } else { r_px };
            ((z.x_m, z.y_m), r_px, fill)
        })
        .collect();
    let marks = sketch
        .facilities
        .iter()
        .filter(|f| finite((f.x_m, f.y_m)))
        .filter_map(|f| {
            let m = match f.kind.as_str() {
                "shelter" => Mark::Shelter,
                "station" => Mark::Station,
                "depot" => Mark::Depot,
                "command_centre" => Mark::Command,
                _ => return None,
            };
            Some(((f.x_m, f.y_m), m))
        })
        .collect();
    Some(MapPlot { bounds, links, zones, marks, flood })
}

/// A road event's text closes the road.
fn closes(text: &str) -> bool {
    let t = text.to_lowercase();
    !t.contains("open") && (t.contains("closed") || t.contains("blocked") || t.contains("cut"))
}

/// Zones where a fire burned: a fire response there whose fire grew (or has no series).
fn burned_zones(o: &Outcome) -> BTreeSet<&str> {
    o.responses
        .iter()
        .filter(|r| r.fire)
        .filter(|r| {
            let cols = [format!("fire_area_m2.{}", r.what), format!("fire_hrr_kw.{}", r.what)];
            let lines: Vec<_> = cols.iter().filter_map(|c| data::column(o, c)).collect();
            lines.is_empty() || lines.iter().any(|l| data::has_signal(l))
        })
        .map(|r| r.zone.as_str())
        .collect()
}

impl MapPlot {
    fn entries(&self, lang: Lang) -> Vec<Entry> {
        let mut out = vec![Entry::new(Swatch::Line(ROAD), t(lang, "chart.map.road"))];
        if self.links.iter().any(|l| l.2) {
            out.push(Entry::new(Swatch::Dashed(CLOSED), t(lang, "chart.map.closed")));
        }
        out.push(Entry::new(
            Swatch::Circle(DRY),
            t(lang, if self.flood { "chart.map.dry" } else { "chart.map.zone" }),
        ));
        if self.flood {
            let m = t(lang, "chart.unit.m");
            for (i, (lo, c)) in DEPTHS.iter().enumerate() {
                let range = match DEPTHS.get(i + 1) {
                    Some((hi, _)) => format!("{}–{} {m}", num_label(*lo, 2), num_label(*hi, 2)),
                    None => format!("≥ {} {m}", num_label(*lo, 2)),
                };
                out.push(Entry::new(Swatch::Circle(*c), format!("{} {range}", t(lang, "chart.map.flooded"))));
            }
        }
        if self.zones.iter().any(|z| z.2 == Fill::Burned) {
            out.push(Entry::new(Swatch::Circle(BURNED), t(lang, "chart.map.burned")));
        }
        let kinds = [
            (Mark::Shelter, Swatch::Square(SHELTER), "chart.map.shelter"),
            (Mark::Station, Swatch::Triangle(STATION), "chart.map.station"),
            (Mark::Depot, Swatch::Square(DEPOT), "chart.map.depot"),
            (Mark::Command, Swatch::Diamond(COMMAND), "chart.map.command"),
        ];
        for (m, s, key) in kinds {
            if self.marks.iter().any(|x| x.1 == m) {
                out.push(Entry::new(s, t(lang, key)));
            }
        }
        out.push(Entry::new(Swatch::Blank, t(lang, "chart.map.size_note")));
        out
    }

    /// Plot height for the bounds' aspect, pixels.
    fn plot_h_px(&self) -> u32 {
        let (x0, x1, y0, y1) = self.bounds;
        let h = PLOT_W_PX as f64 * (y1 - y0) / (x1 - x0).max(1e-9);
        if h.is_finite() { h.clamp(360.0, 900.0).round() as u32 } else { 360 }
    }

    pub fn size(&self) -> (u32, u32) {
        let map = MARGIN_TOP_PX + self.plot_h_px() + X_LABEL_PX + MARGIN_BOTTOM_PX;
        let legend = self.entries(Lang::En).len() as u32 * super::style::LEGEND_ROW_PX + 16;
        (WIDTH_PX, TITLE_H_PX + map.max(legend))
    }

    /// The bounds widened so one metre is as long on both axes in a `w` × `h` plot.
    fn equal_aspect(&self, w: f64, h: f64) -> (f64, f64, f64, f64) {
        let (x0, x1, y0, y1) = self.bounds;
        let (dx, dy) = ((x1 - x0).max(1.0), (y1 - y0).max(1.0));
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        let m_per_px = (dx / w.max(1.0)).max(dy / h.max(1.0));
        let (hx, hy) = (m_per_px * w / 2.0, m_per_px * h / 2.0);
        (cx - hx, cx + hx, cy - hy, cy + hy)
    }

    pub fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, lang: Lang) -> Drawn<DB> {
        let (left, right) = area.split_horizontally(WIDTH_PX - LEGEND_W_PX);
        legend_column(&right, &self.entries(lang))?;
        let (w, h) = left.dim_in_pixel();
        let plot_w = w.saturating_sub(MARGIN_LEFT_PX + MARGIN_RIGHT_PX + Y_LABEL_PX) as f64;
        let plot_h = h.saturating_sub(MARGIN_TOP_PX + MARGIN_BOTTOM_PX + X_LABEL_PX) as f64;
        let (x0, x1, y0, y1) = self.equal_aspect(plot_w, plot_h);
        let mut chart = ChartBuilder::on(&left)
            .margin_top(MARGIN_TOP_PX)
            .margin_bottom(MARGIN_BOTTOM_PX)
            .margin_left(MARGIN_LEFT_PX)
            .margin_right(MARGIN_RIGHT_PX)
            .x_label_area_size(X_LABEL_PX)
            .y_label_area_size(Y_LABEL_PX)
            .build_cartesian_2d(x0..x1, y0..y1)?;
        let km = |v: &f64| num_label(v / 1000.0, 1);
        chart
            .configure_mesh()
            .disable_mesh()
            .axis_style(GREY.stroke_width(1))
            .x_labels(8)
            .y_labels(8)
            .x_label_formatter(&km)
            .y_label_formatter(&km)
            .x_desc(t(lang, "chart.map.east_km"))
            .y_desc(t(lang, "chart.map.north_km"))
            .label_style(font(SMALL_PX, &INK))
            .axis_desc_style(font(LABEL_PX, &INK))
            .draw()?;
        chart.draw_series(
            self.links
                .iter()
                .filter(|l| !l.2)
                .map(|l| PathElement::new(vec![l.0, l.1], ROAD.stroke_width(2))),
        )?;
        for l in self.links.iter().filter(|l| l.2) {
            chart.draw_series(DashedLineSeries::new([l.0, l.1], 7, 4, CLOSED.stroke_width(3)))?;
        }
        for &(c, r, fill) in &self.zones {
            let color = match fill {
                Fill::Dry => DRY,
                Fill::Depth(i) => DEPTHS[i].1,
                Fill::Burned => BURNED,
            };
            chart.draw_series([Circle::new(c, r, color.mix(0.9).filled())])?;
            let border =
                if fill == Fill::Burned { STATION.stroke_width(2) } else { INK.mix(0.6).stroke_width(1) };
            chart.draw_series([Circle::new(c, r, border)])?;
        }
        let area = chart.plotting_area();
        for &(c, m) in &self.marks {
            match m {
                Mark::Shelter => {
                    area.draw(&(EmptyElement::at(c) + Rectangle::new([(-5, -5), (5, 5)], SHELTER.filled())))?
                }
                Mark::Depot => {
                    area.draw(&(EmptyElement::at(c) + Rectangle::new([(-4, -4), (4, 4)], DEPOT.filled())))?
                }
                Mark::Station => area.draw(&TriangleMarker::new(c, 7, STATION.filled()))?,
                Mark::Command => {
                    area.draw(&(EmptyElement::at(c) + Polygon::new(diamond((0, 0), 9), COMMAND.filled())))?
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{empty, full, meta};
    use super::*;

    #[test]
    fn closures_depths_and_fires_are_read_from_the_run() {
        let (o, m) = full("x", Lang::En);
        let p = gather(&o, &m.sketch).expect("map");
        assert_eq!(p.links.iter().filter(|l| l.2).count(), 1);
        assert!(p.flood);
        // z-x had a fire that grew: burned; z-dry never flooded.
        assert_eq!(p.zones[0].2, Fill::Burned);
        assert_eq!(p.zones[1].2, Fill::Dry);
        assert!(p.zones[0].1 > p.zones[1].1, "bigger population, bigger circle");
        assert_eq!(p.marks.len(), 4);
        assert!(gather(&empty(), &meta(Lang::En).sketch).is_none());
        assert!(closes("road cut: closed to everyone") && closes("blocked by fallen trees"));
        assert!(
            !closes("water down to 0.10 m: open to cars again") && !closes("water 0.5 m at its low point")
        );
    }

    #[test]
    fn equal_aspect_keeps_metres_square() {
        let (o, m) = full("x", Lang::En);
        let p = gather(&o, &m.sketch).expect("map");
        let (x0, x1, y0, y1) = p.equal_aspect(600.0, 300.0);
        assert!((((x1 - x0) / 600.0) - ((y1 - y0) / 300.0)).abs() < 1e-6);
        assert!(x0 <= p.bounds.0 && x1 >= p.bounds.1 && y0 <= p.bounds.2 && y1 >= p.bounds.3);
        let (_, h) = p.size();
        assert!(h > 300);
    }
}
