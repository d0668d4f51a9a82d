//! The map of the 15-minute circle (`drill coverage --svg FILE`): roads, stations, and each
//! inhabited zone as a circle sized by its people and coloured by the fastest response (≤ 5,
//! ≤ 10, ≤ 15 minutes, outside). A plain SVG, every name escaped.

use super::coverage::Coverage;
use crate::report::Sketch;
use crate::report::html::esc;
use std::fmt::Write;

/// Colour bands: (up to minutes, colour, legend).
const BANDS: [(f64, &str, &str); 4] = [
    (5.0, "#1a9850", "≤ 5 min"),
    (10.0, "#a6d96a", "≤ 10 min"),
    (15.0, "#fdae61", "≤ 15 min"),
    (f64::INFINITY, "#d73027", "outside the circle"),
];

/// The colour of a response of `minutes` (the last band beyond the circle).
fn colour(minutes: f64, circle_min: f64) -> &'static str {
    if minutes > circle_min {
        return BANDS[3].1;
    }
    BANDS.iter().find(|(up_to, ..)| minutes <= *up_to).map_or(BANDS[3].1, |b| b.1)
}

/// The SVG map of a coverage.
pub fn coverage_svg(c: &Coverage, sketch: &Sketch) -> String {
    const W: f64 = 800.0;
    const PAD: f64 = 30.0;
    let (x0, x1, y0, y1) = sketch.bounds();
    // Room on the right for the labels.
    let scale = ((W - 2.0 * PAD - 180.0) / (x1 - x0).max(1.0)).min((W - 2.0 * PAD) / (y1 - y0).max(1.0));
    let h = (y1 - y0) * scale + 2.0 * PAD + 90.0;
    let px = |x: f64| PAD + (x - x0) * scale;
    let py = |y: f64| PAD + (y1 - y) * scale;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {h:.0}\" width=\"100%\" \
         font-family=\"sans-serif\" font-size=\"11\"><title>15-minute rescue circle</title>\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>"
    );
    for l in &sketch.links {
        let _ = write!(
            s,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#999\" stroke-width=\"1\"/>",
            px(l.a.0),
            py(l.a.1),
            px(l.b.0),
            py(l.b.1)
        );
    }
    let max_pop = c.zones.iter().map(|z| z.population).max().unwrap_or(1).max(1) as f64;
    for z in &c.zones {
        let Some(at) = sketch.zones.iter().find(|s| s.id == z.zone) else { continue };
        let r = 4.0 + 14.0 * (f64::from(z.population) / max_pop).sqrt();
        let minutes = z.total_s / 60.0;
        let _ = write!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" fill=\"{}\" fill-opacity=\"0.85\" stroke=\"#333\">\
             <title>{} — {}</title></circle>",
            px(at.x_m),
            py(at.y_m),
            colour(minutes, c.circle_min),
            esc(&z.name),
            if minutes.is_finite() { format!("{minutes:.1} min") } else { "not reached".into() }
        );
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            px(at.x_m) + r + 2.0,
            py(at.y_m) + 4.0,
            esc(&z.name)
        );
    }
    for f in sketch.facilities.iter().filter(|f| f.kind == "station") {
        let (x, y) = (px(f.x_m), py(f.y_m));
        let _ = write!(
            s,
            "<path d=\"M{x:.1} {:.1} L{:.1} {:.1} L{:.1} {:.1} Z\" fill=\"#222\"><title>{}</title></path>",
            y - 6.0,
            x - 5.0,
            y + 4.0,
            x + 5.0,
            y + 4.0,
            esc(&f.name)
        );
    }
    let ly = h - 60.0;
    for (i, (_, fill, label)) in BANDS.iter().enumerate() {
        let x = PAD + 150.0 * i as f64;
        let _ = write!(
            s,
            "<circle cx=\"{:.0}\" cy=\"{ly:.0}\" r=\"7\" fill=\"{fill}\"/><text x=\"{:.0}\" y=\"{:.0}\">{label}</text>",
            x + 7.0,
            x + 18.0,
            ly + 4.0
        );
    }
    let _ = writeln!(
        s,
        "<path d=\"M{PAD:.0} {:.0} l5 -10 l5 10 Z\" fill=\"#222\"/><text x=\"{:.0}\" y=\"{:.0}\">station · circle \
         sized by people · fastest staffed team, turnout + drive</text></svg>",
        ly + 30.0,
        PAD + 16.0,
        ly + 30.0
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_fall_into_their_bands() {
        assert_eq!(colour(4.0, 15.0), BANDS[0].1);
        assert_eq!(colour(5.0, 15.0), BANDS[0].1);
        assert_eq!(colour(9.9, 15.0), BANDS[1].1);
        assert_eq!(colour(15.0, 15.0), BANDS[2].1);
        assert_eq!(colour(15.1, 15.0), BANDS[3].1);
        assert_eq!(colour(f64::INFINITY, 15.0), BANDS[3].1);
        // A plan with a 10-minute circle: 12 min is outside.
        assert_eq!(colour(12.0, 10.0), BANDS[3].1);
    }
}
