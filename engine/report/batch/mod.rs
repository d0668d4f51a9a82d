//! The Monte Carlo batch report: per metric a histogram, an ECDF and the convergence of the mean,
//! drawn with plotters as SVG, and one self-contained `report.html` holding them inline.
//!
//! [`files`] takes a [`BatchView`] — the title, a few facts and each metric's values in run-index
//! order with its objective — and gives `report.html` and `charts/<metric>-hist.svg`,
//! `-ecdf.svg` and `-conv.svg`. Same input, same bytes. Every user string is escaped; the page
//! loads nothing and has no script.
//!
//! - `view`: the input, and what is derived once per metric (sorted values, summary, shared range);
//! - `style`: font, colours, number formats, the frame, legends, SVG finishing;
//! - `histogram`, `ecdf`, `convergence`: the three charts;
//! - `page`: the HTML page and the file list.

mod convergence;
mod ecdf;
mod histogram;
mod page;
mod style;
mod view;

pub use page::files;
pub use view::{BatchView, MetricView};
