//! Rendering: each chart's data is gathered once and drawn by one function generic over the
//! plotters backend — into SVG text (scalable, for the HTML report) or an RGB buffer encoded as
//! PNG.

use super::style::{Area, Drawn, FAMILY};
use super::{evacuation, gantt, hazard, map, response, stocks};
use crate::core::Outcome;
use crate::report::lang::t;
use crate::report::{Lang, RunMeta};
use plotters::prelude::*;
use std::sync::OnceLock;

/// One chart of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// `hazard`, `evacuation`, `gantt`, `response`, `shelters`, `supplies` or `map`.
    pub id: &'static str,
    /// The title, in the report's language.
    pub title: String,
    /// The SVG document: a viewBox, `width="100%"`, all user text escaped.
    pub svg: String,
}

/// A chart's gathered data.
pub(super) enum Plot {
    Hazard(hazard::Hazard),
    Evacuation(evacuation::Evacuation),
    Gantt(gantt::Gantt),
    Response(response::Histogram),
    Shelters(stocks::Lines),
    Supplies(stocks::Lines),
    Map(map::MapPlot),
}

impl Plot {
    fn id(&self) -> &'static str {
        match self {
            Plot::Hazard(_) => "hazard",
            Plot::Evacuation(_) => "evacuation",
            Plot::Gantt(_) => "gantt",
            Plot::Response(_) => "response",
            Plot::Shelters(_) => "shelters",
            Plot::Supplies(_) => "supplies",
            Plot::Map(_) => "map",
        }
    }

    fn title_key(&self) -> &'static str {
        match self {
            Plot::Hazard(_) => "chart.hazard.title",
            Plot::Evacuation(_) => "chart.evacuation.title",
            Plot::Gantt(_) => "chart.gantt.title",
            Plot::Response(_) => "chart.response.title",
            Plot::Shelters(_) => "chart.shelters.title",
            Plot::Supplies(_) => "chart.supplies.title",
            Plot::Map(_) => "chart.map.title",
        }
    }

    /// Width and height, pixels.
    fn size(&self) -> (u32, u32) {
        match self {
            Plot::Hazard(p) => p.size(),
            Plot::Evacuation(p) => p.size(),
            Plot::Gantt(p) => p.size(),
            Plot::Response(p) => p.size(),
            Plot::Shelters(p) | Plot::Supplies(p) => p.size(),
            Plot::Map(p) => p.size(),
        }
    }

    /// Draw the chart, titled, on `root`, with text in `lang`.
    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>, lang: Lang) -> Drawn<DB> {
        let area = super::style::titled(root, t(lang, self.title_key()))?;
        match self {
            Plot::Hazard(p) => p.draw(&area, lang),
            Plot::Evacuation(p) => p.draw(&area, lang),
            Plot::Gantt(p) => p.draw(&area, lang),
            Plot::Response(p) => p.draw(&area, lang),
            Plot::Shelters(p) | Plot::Supplies(p) => p.draw(&area, lang),
            Plot::Map(p) => p.draw(&area, lang),
        }?;
        root.present()
    }
}

/// Every chart with data in this run, in report order.
fn plots(o: &Outcome, meta: &RunMeta) -> Vec<Plot> {
    [
        hazard::gather(o).map(Plot::Hazard),
        evacuation::gather(o).map(Plot::Evacuation),
        gantt::gather(o).map(Plot::Gantt),
        response::gather(o, &meta.standards).map(Plot::Response),
        stocks::shelters(o).map(Plot::Shelters),
        stocks::supplies(o).map(Plot::Supplies),
        map::gather(o, &meta.sketch).map(Plot::Map),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The run's charts as SVG, text in the report's language; a chart without data, or one that
/// fails to draw, is left out.
pub fn charts(o: &Outcome, meta: &RunMeta) -> Vec<Chart> {
    if !font_ready() {
        return Vec::new();
    }
    plots(o, meta)
        .into_iter()
        .filter_map(|p| {
            let title = t(meta.lang, p.title_key()).to_string();
            let svg = svg(&p, meta.lang, &title)?;
            Some(Chart { id: p.id(), title, svg })
        })
        .collect()
}

/// The same charts as PNG files (`<id>.png`, bytes). Text is English: the bundled font has no
/// Chinese glyphs.
pub fn png(o: &Outcome, meta: &RunMeta) -> Vec<(String, Vec<u8>)> {
    if !font_ready() {
        return Vec::new();
    }
    plots(o, meta).into_iter().filter_map(|p| Some((format!("{}.png", p.id()), png_bytes(&p)?))).collect()
}

/// Register the bundled font once; whether it is usable.
pub(crate) fn font_ready() -> bool {
    static READY: OnceLock<bool> = OnceLock::new();
    *READY.get_or_init(|| {
        static FONT: &[u8] =
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fonts/DejaVuSans.ttf"));
        plotters::style::register_font(FAMILY, FontStyle::Normal, FONT).is_ok()
    })
}

/// The SVG of `p`, or None when drawing fails.
fn svg(p: &Plot, lang: Lang, title: &str) -> Option<String> {
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, p.size()).into_drawing_area();
        p.draw(&root, lang).ok()?;
    }
    Some(finish_svg(&buf, title))
}

/// Make plotters' SVG scale to its container (width 100%, the viewBox kept), give it a title
/// for screen readers, and round font sizes.
pub(crate) fn finish_svg(raw: &str, title: &str) -> String {
    let Some(open_end) = raw.find('>') else { return raw.to_string() };
    let (open, body) = raw.split_at(open_end + 1);
    let attr = |name: &str| -> Option<String> {
        let start = open.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(open[start..].split('"').next()?.to_string())
    };
    let (w, h) = (attr("width").unwrap_or_default(), attr("height").unwrap_or_default());
    let mut out = String::with_capacity(raw.len() + 200);
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" \
         preserveAspectRatio=\"xMidYMid meet\" role=\"img\" style=\"max-width:{w}px;height:auto\">\n<title>{}</title>",
        xml_escape(title)
    ));
    let mut rest = body;
    const KEY: &str = "font-size=\"";
    while let Some(i) = rest.find(KEY) {
        let (head, tail) = rest.split_at(i + KEY.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(0);
        match tail[..end].parse::<f64>() {
            Ok(v) => out.push_str(&super::style::num_label(v, 1)),
            Err(_) => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// `s` with the XML special characters escaped (the HTML report's own escaping, valid in SVG).
pub(super) fn xml_escape(s: &str) -> String {
    crate::report::html::esc(s)
}

/// The PNG of `p` (English text), or None when drawing or encoding fails.
fn png_bytes(p: &Plot) -> Option<Vec<u8>> {
    let (w, h) = p.size();
    let mut rgb = vec![255u8; w as usize * h as usize * 3];
    {
        let backend =
            BitMapBackend::<plotters::backend::RGBPixel>::with_buffer_and_format(&mut rgb, (w, h)).ok()?;
        let root = backend.into_drawing_area();
        p.draw(&root, Lang::En).ok()?;
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().ok()?;
        writer.write_image_data(&rgb).ok()?;
        writer.finish().ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{decode_png, empty, full, meta};
    use super::*;

    const IDS: [&str; 7] = ["hazard", "evacuation", "gantt", "response", "shelters", "supplies", "map"];

    #[test]
    fn every_chart_is_drawn_in_order_when_there_is_data() {
        let (o, m) = full("x", Lang::En);
        let charts = charts(&o, &m);
        let ids: Vec<&str> = charts.iter().map(|c| c.id).collect();
        assert_eq!(ids, IDS);
        for c in &charts {
            assert!(c.svg.starts_with("<svg ") && c.svg.trim_end().ends_with("</svg>"), "{}", c.id);
            assert!(c.svg.contains("viewBox=\"0 0 ") && c.svg.contains("width=\"100%\""), "{}", c.id);
            assert!(!c.svg[..200].contains(" height=\""), "{}", c.id);
            assert!(c.svg.len() < 200_000, "{}: {} bytes", c.id, c.svg.len());
            assert!(!c.title.is_empty());
        }
    }

    #[test]
    fn no_chart_without_data() {
        assert!(charts(&empty(), &meta(Lang::En)).is_empty());
        assert!(png(&empty(), &meta(Lang::En)).is_empty());
    }

    #[test]
    fn pngs_decode_and_are_not_blank() {
        let (o, m) = full("x", Lang::Zh);
        let files = png(&o, &m);
        let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
        assert_eq!(names, IDS.map(|id| format!("{id}.png")));
        for (name, bytes) in &files {
            assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{name}");
            let (w, h, colours) = decode_png(bytes);
            assert!(w >= 400 && h >= 120, "{name}: {w}x{h}");
            assert!(colours > 1, "{name} is blank");
        }
    }

    #[test]
    fn user_text_cannot_break_out_of_the_svg() {
        let evil = "<script>alert(1)</script>\"'&</svg><img src=x onerror=alert(2)>";
        let (o, m) = full(evil, Lang::En);
        let charts = charts(&o, &m);
        assert_eq!(charts.len(), IDS.len());
        for c in &charts {
            let lower = c.svg.to_lowercase();
            assert!(!lower.contains("<script"), "{}", c.id);
            assert!(!lower.contains("<img"), "{}", c.id);
            assert_eq!(lower.matches("</svg>").count(), 1, "{}", c.id);
            assert!(lower.trim_end().ends_with("</svg>"), "{}", c.id);
            // Every tag is a drawing element, and no attribute is an event handler.
            for tag in lower.split('<').skip(1).map(|s| s.split('>').next().unwrap_or("")) {
                let name = tag.trim_start_matches('/').split([' ', '\n', '/']).next().unwrap_or("");
                let known = ["svg", "title", "rect", "text", "polyline", "circle", "line", "path", "polygon"];
                assert!(known.contains(&name), "{}: <{tag}>", c.id);
                let attrs = tag.split('"').step_by(2).flat_map(|s| s.split_whitespace().last());
                assert!(
                    attrs.clone().all(|a| !a.trim_end_matches('=').starts_with("on")),
                    "{}: <{tag}>",
                    c.id
                );
            }
        }
        // The names are there, escaped.
        let gantt = charts.iter().find(|c| c.id == "gantt").map(|c| c.svg.as_str()).unwrap_or("");
        assert!(gantt.contains("&lt;script&gt;"));
    }

    #[test]
    fn chinese_svgs_carry_chinese_titles_and_pngs_stay_english() {
        let (o, m) = full("x", Lang::Zh);
        let charts = charts(&o, &m);
        let hazard = &charts[0];
        let title = t(Lang::Zh, "chart.hazard.title");
        assert!(title.chars().any(|c| c as u32 >= 0x4E00));
        assert_eq!(hazard.title, title);
        assert!(hazard.svg.contains(&format!(">\n{title}\n</text>")), "{}", &hazard.svg[..400]);
    }

    #[test]
    fn odd_data_draws_or_is_left_out_without_panicking() {
        let (mut o, mut m) = full("x", Lang::En);
        // One row, NaN and infinite values, backwards spans, arrivals before reports.
        o.series.rows.truncate(1);
        for v in o.series.rows[0].1.iter_mut().step_by(2) {
            *v = f64::NAN;
        }
        o.series.rows[0].1[1] = f64::INFINITY;
        o.spans.push(crate::core::Span { who: "z".into(), what: "on scene".into(), t0_s: 900, t1_s: 100 });
        o.responses[0].t_arrive_s = Some(-5_000);
        o.metrics.insert("evacuation.deadline_h".into(), f64::NAN);
        m.sketch.zones[0].x_m = f64::NAN;
        m.standards.tier1_min = f64::INFINITY;
        let svgs = charts(&o, &m);
        assert!(svgs.iter().any(|c| c.id == "gantt") && svgs.iter().any(|c| c.id == "map"));
        assert_eq!(png(&o, &m).len(), svgs.len());
        // A series with rows but no columns, and a sketch with one point.
        let mut bare = empty();
        bare.series.rows = vec![(0, vec![]), (600, vec![])];
        let mut one = meta(Lang::Zh);
        one.sketch.facilities = full("x", Lang::En).1.sketch.facilities[..1].to_vec();
        let ids: Vec<&str> = charts(&bare, &one).iter().map(|c| c.id).collect();
        assert_eq!(ids, ["map"]);
    }

    #[test]
    fn finishing_rounds_font_sizes_and_escapes_the_title() {
        let raw = "<svg width=\"10\" height=\"20\" viewBox=\"0 0 10 20\" xmlns=\"http://www.w3.org/2000/svg\">\n\
                   <text font-size=\"11.290322580645162\">a</text>\n</svg>\n";
        let out = finish_svg(raw, "a<b");
        assert!(out.contains("viewBox=\"0 0 10 20\""));
        assert!(out.contains("max-width:10px"));
        assert!(out.contains("font-size=\"11.3\""));
        assert!(out.contains("<title>a&lt;b</title>"));
    }
}
