//! The charts' look: the font, colours, text sizes, the title line and flowing legends.

use crate::report::Lang;
use crate::report::lang::t;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The one font family every chart uses (registered as DejaVu Sans for layout and PNG; SVG
/// viewers use their own sans-serif, so Chinese draws there).
pub(super) const FAMILY: &str = "sans-serif";

/// Text sizes, plotters units (the SVG font size is this / 1.24).
pub(super) const TITLE_PX: f64 = 20.0;
pub(super) const LABEL_PX: f64 = 14.0;
pub(super) const SMALL_PX: f64 = 12.4;

/// Chart widths, pixels.
pub(super) const WIDTH_PX: u32 = 900;
/// Height of the title line, pixels.
pub(super) const TITLE_H_PX: u32 = 36;
/// Height of one legend row, pixels.
pub(super) const LEGEND_ROW_PX: u32 = 22;

/// The drawing result of a backend.
pub(super) type Drawn<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;
/// A whole-chart (pixel) area.
pub(super) type Area<DB> = DrawingArea<DB, Shift>;

pub(super) const INK: RGBColor = RGBColor(40, 40, 40);
pub(super) const GREY: RGBColor = RGBColor(150, 150, 150);
pub(super) const LIGHT: RGBColor = RGBColor(225, 225, 225);

/// Ten distinct line colours (Tableau 10), for series without a colour of their own.
pub(super) const PALETTE: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// The `i`-th palette colour (wrapping).
pub(super) fn palette(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Text of `size_px` in `color`.
pub(crate) fn font(size_px: f64, color: &RGBColor) -> TextStyle<'static> {
    TextStyle { color: color.to_backend_color(), ..TextStyle::from((FAMILY, size_px).into_font()) }
}

/// Text of `size_px`, anchored by `h` and `v`.
pub(crate) fn font_at(size_px: f64, color: &RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    font(size_px, color).pos(Pos::new(h, v))
}

/// Rough width of `text` at `size_px`, pixels: wide (CJK) characters count double. Used for
/// layout only (legends, label areas), so it errs on the wide side.
pub(crate) fn text_w_px(text: &str, size_px: f64) -> i32 {
    let ems: f64 = text.chars().map(|c| if (c as u32) >= 0x2E80 { 0.84 } else { 0.48 }).sum();
    (ems * size_px).ceil() as i32
}

/// `text` cut to at most `max_chars` characters, with an ellipsis when cut.
pub(crate) fn clip(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// Fill `root` white, write `title` centred on top and return the area below it.
pub(super) fn titled<DB: DrawingBackend>(
    root: &Area<DB>,
    title: &str,
) -> Result<Area<DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let (w, _) = root.dim_in_pixel();
    let (top, rest) = root.split_vertically(TITLE_H_PX);
    top.draw(&Text::new(
        title.to_string(),
        (w as i32 / 2, 10),
        font_at(TITLE_PX, &INK, HPos::Center, VPos::Top),
    ))?;
    Ok(rest)
}

/// Text to show: a table string, user text as given, or a table string and user text.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Label {
    Key(&'static str),
    Raw(String),
    Keyed(&'static str, String),
    /// A label, then a table string and user text: "Water (L), start 108425".
    Amount(Box<Label>, &'static str, String),
}

impl Label {
    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Label::Key(k) => t(lang, k).to_string(),
            Label::Raw(s) => s.clone(),
            Label::Keyed(k, s) => format!("{} {s}", t(lang, k)),
            Label::Amount(inner, k, s) => format!("{}{} {s}", inner.text(lang), t(lang, k)),
        }
    }
}

/// How a legend entry is marked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Swatch {
    Line(RGBColor),
    Dashed(RGBColor),
    /// A filled box with an opacity.
    Band(RGBColor, f64),
    Circle(RGBColor),
    Square(RGBColor),
    Triangle(RGBColor),
    Diamond(RGBColor),
    /// No mark: a note.
    Blank,
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Entry {
    pub swatch: Swatch,
    pub label: String,
}

impl Entry {
    pub fn new(swatch: Swatch, label: impl Into<String>) -> Entry {
        Entry { swatch, label: label.into() }
    }
}

/// The larger of the legend heights of `entries(lang)` over both languages: a chart's size does
/// not depend on its language.
pub(super) fn legend_h_any_lang(width_px: u32, entries: impl Fn(Lang) -> Vec<Entry>) -> u32 {
    [Lang::En, Lang::Zh].into_iter().map(|l| legend_h_px(&entries(l), width_px)).max().unwrap_or(0)
}

const SWATCH_W: i32 = 22;
const GAP_W: i32 = 18;
const LEFT_PX: i32 = 12;

/// Top-left corners of `entries` flowed into rows of `width_px`.
fn flow(entries: &[Entry], width_px: u32) -> Vec<(i32, i32)> {
    let mut out = Vec::with_capacity(entries.len());
    let (mut x, mut y) = (LEFT_PX, 0);
    for e in entries {
        let w = SWATCH_W + 6 + text_w_px(&e.label, SMALL_PX) + GAP_W;
        if x > LEFT_PX && x + w > width_px as i32 {
            x = LEFT_PX;
            y += LEGEND_ROW_PX as i32;
        }
        out.push((x, y));
        x += w;
    }
    out
}

/// The height a flowing legend of `entries` takes in `width_px`.
pub(super) fn legend_h_px(entries: &[Entry], width_px: u32) -> u32 {
    match flow(entries, width_px).last() {
        Some((_, y)) => *y as u32 + LEGEND_ROW_PX + 4,
        None => 0,
    }
}

/// Draw `entries` flowing left to right, wrapping, from the top of `area`.
pub(super) fn legend<DB: DrawingBackend>(area: &Area<DB>, entries: &[Entry]) -> Drawn<DB> {
    let (w, _) = area.dim_in_pixel();
    for (e, (x, y)) in entries.iter().zip(flow(entries, w)) {
        entry(area, e, (x, y + 2))?;
    }
    Ok(())
}

/// Draw `entries` one under another from the top of `area`.
pub(super) fn legend_column<DB: DrawingBackend>(area: &Area<DB>, entries: &[Entry]) -> Drawn<DB> {
    for (i, e) in entries.iter().enumerate() {
        entry(area, e, (LEFT_PX, 4 + i as i32 * LEGEND_ROW_PX as i32))?;
    }
    Ok(())
}

/// One swatch and its label with the top-left corner at `at`.
fn entry<DB: DrawingBackend>(area: &Area<DB>, e: &Entry, at: (i32, i32)) -> Drawn<DB> {
    let (x, y) = at;
    let mid = y + LEGEND_ROW_PX as i32 / 2;
    swatch(area, e.swatch, (x + SWATCH_W / 2, mid))?;
    area.draw(&Text::new(
        e.label.clone(),
        (x + SWATCH_W + 6, mid),
        font_at(SMALL_PX, &INK, HPos::Left, VPos::Center),
    ))
}

/// A swatch centred at `c`.
pub(super) fn swatch<DB: DrawingBackend>(area: &Area<DB>, s: Swatch, c: (i32, i32)) -> Drawn<DB> {
    let (x, y) = c;
    let h = SWATCH_W / 2;
    match s {
        Swatch::Line(col) => area.draw(&PathElement::new(vec![(x - h, y), (x + h, y)], col.stroke_width(3))),
        Swatch::Dashed(col) => {
            for k in 0..3 {
                let x0 = x - h + k * 8;
                area.draw(&PathElement::new(vec![(x0, y), (x0 + 5, y)], col.stroke_width(2)))?;
            }
            Ok(())
        }
        Swatch::Band(col, alpha) => {
            area.draw(&Rectangle::new([(x - h, y - 6), (x + h, y + 6)], col.mix(alpha).filled()))?;
            area.draw(&Rectangle::new([(x - h, y - 6), (x + h, y + 6)], GREY.stroke_width(1)))
        }
        Swatch::Circle(col) => {
            area.draw(&Circle::new((x, y), 6, col.filled()))?;
            area.draw(&Circle::new((x, y), 6, INK.stroke_width(1)))
        }
        Swatch::Square(col) => area.draw(&Rectangle::new([(x - 5, y - 5), (x + 5, y + 5)], col.filled())),
        Swatch::Triangle(col) => area.draw(&TriangleMarker::new((x, y), 7, col.filled())),
        Swatch::Diamond(col) => area.draw(&Polygon::new(diamond((x, y), 7), col.filled())),
        Swatch::Blank => Ok(()),
    }
}

/// The corners of a diamond of half-size `r` round `c`.
pub(super) fn diamond(c: (i32, i32), r: i32) -> Vec<(i32, i32)> {
    vec![(c.0, c.1 - r), (c.0 + r, c.1), (c.0, c.1 + r), (c.0 - r, c.1)]
}

/// A count for an axis: whole numbers, thousands with "k" from 10 000.
pub(super) fn count_label(v: f64) -> String {
    if v.abs() >= 10_000.0 { format!("{:.0}k", v / 1000.0) } else { format!("{v:.0}") }
}

/// `v` with at most `decimals` decimals and no trailing zeros.
pub(super) fn num_label(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    if s == "-0" { "0".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legends_wrap_and_labels_are_clipped() {
        let entries: Vec<Entry> =
            (0..12).map(|i| Entry::new(Swatch::Line(palette(i)), format!("series number {i}"))).collect();
        assert!(legend_h_px(&entries, 900) > LEGEND_ROW_PX);
        assert_eq!(legend_h_px(&[], 900), 0);
        assert_eq!(legend_h_px(&entries[..1], 900), LEGEND_ROW_PX + 4);
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
        assert!(text_w_px("水位", 10.0) > text_w_px("ab", 10.0));
        assert_eq!(count_label(21_889.0), "22k");
        assert_eq!(count_label(900.0), "900");
        assert_eq!(num_label(2.50, 2), "2.5");
        assert_eq!(num_label(-0.0001, 2), "0");
    }
}
