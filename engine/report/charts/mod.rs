//! The report's charts, drawn with plotters: SVG for the HTML report, PNG beside it.
//!
//! [`charts`] gives a run's charts as SVG (text in the report's language, user text escaped,
//! scaling to its container); [`png`] gives the same charts as PNG files (English text: the
//! bundled DejaVu Sans has no Chinese glyphs). Each chart is drawn by one function generic over
//! the plotters backend, and left out when the run has no data for it:
//!
//! - `hazard`: river stage, wind, rain rate, fire heat release over calendar time, the warning
//!   colours behind them and the township response level along the bottom;
//! - `evacuation`: people warned, decided, transferred and sheltered, and the deadline;
//! - `gantt`: what each team was doing;
//! - `response`: a histogram of response times with the 135 tiers and the rescue circle;
//! - `shelters` and `supplies`: shelter occupancy, and stocks as a share of the start;
//! - `map`: the township with closed roads, flood depth or fire per zone, and facilities.

mod data;
mod evacuation;
#[cfg(test)]
mod fixture;
mod frame;
mod gantt;
mod hazard;
mod map;
pub(crate) mod render;
mod response;
mod stocks;
pub mod strings;
pub(crate) mod style;

pub use render::{Chart, charts, png};
