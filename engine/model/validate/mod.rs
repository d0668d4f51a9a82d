//! Validation of meaning: every problem in a loaded map, scenario or plan, each with its file,
//! its document path (`teams[3].station`) and, where the offending text can be found, its
//! line:col. Every rule runs to the end: all problems are listed, never only the first.
//!
//! Loading ([`super::load`]) has already checked syntax, types, unknown fields, `kind` and
//! `format_version`. What is checked here:
//! - **ids**: non-empty and unique within each list (zones, nodes, links, facilities, gauges,
//!   dikes, reservoirs, teams, fires, injects, agencies, roles, options of one decision);
//! - **references**: every id named resolves to the right kind of thing, and a misspelt one gets
//!   the nearest id as a suggestion (`unknown facility "fq-statoin" (did you mean "fq-station"?)`);
//! - **numbers**: finite, non-negative or positive where the quantity demands it, shares in
//!   [0, 1] (for distributions: their whole support), every distribution's parameters valid,
//!   counts consistent (households ≤ population, on duty ≤ members);
//! - **kind-specific fields**: stations have a `station` kind, shelters a capacity, water sources
//!   a flow, and no facility carries another kind's fields;
//! - **times**: the start parses, every time parses and lies within the scenario;
//! - **roads**: every zone and facility can reach the command centre by road and be reached from it;
//! - **sizes**: nothing beyond the documented [`limits`](super::limits).
//!
//! [`validate_plan_for`] checks what a plan names in a scenario (teams, zones, gauges, injects,
//! shelters, links); [`validate_plan`] checks a plan on its own.

mod flood;
mod hazards;
mod locate;
mod map;
mod plan;
mod roads;
mod scan;
mod scenario;
mod times;

pub use map::validate_map;
pub use plan::{validate_plan, validate_plan_for};
pub use scenario::validate_scenario;

use super::dist::Dist;
use super::error::{Problem, unknown};
use super::load::Sources;
use super::{DocKind, InputError, LoadedPlan, LoadedScenario};
use std::collections::BTreeSet;

/// A loaded and valid document.
enum Doc {
    Scenario(Box<LoadedScenario>),
    Plan(Box<LoadedPlan>),
    Map(String),
}

impl Doc {
    fn verdict(&self) -> (DocKind, String) {
        match self {
            Doc::Scenario(s) => (DocKind::Scenario, s.scenario.name.clone()),
            Doc::Plan(p) => (DocKind::Plan, p.plan.name.clone()),
            Doc::Map(name) => (DocKind::Map, name.clone()),
        }
    }
}

/// Load a file of any kind and validate it on its own.
fn load_valid(path: &std::path::Path) -> Result<Doc, InputError> {
    let valid =
        |problems: Vec<Problem>| if problems.is_empty() { Ok(()) } else { Err(InputError::from(problems)) };
    Ok(match super::load::kind_of(path)? {
        DocKind::Scenario => {
            let s = super::load::load_scenario(path)?;
            valid(validate_scenario(&s))?;
            Doc::Scenario(Box::new(s))
        }
        DocKind::Plan => {
            let p = super::load::load_plan(path)?;
            valid(validate_plan(&p))?;
            Doc::Plan(Box::new(p))
        }
        DocKind::Map => {
            let (m, src) = super::load::load_map(path)?;
            valid(validate_map(&m, &src))?;
            Doc::Map(m.name)
        }
    })
}

/// Load and validate one file of any kind; its kind and name when valid.
pub fn check_file(path: &std::path::Path) -> Result<(DocKind, String), InputError> {
    load_valid(path).map(|d| d.verdict())
}

/// The verdict on one file: its kind and name, or every problem found.
#[derive(Debug)]
pub struct Verdict {
    pub path: std::path::PathBuf,
    pub result: Result<(DocKind, String), InputError>,
}

/// Check files of any kind. Every valid plan is also checked against the valid scenarios among
/// them (the teams, zones and facilities it names): it passes if it fits one; otherwise the
/// problems against the scenario it fits best are reported (files of other townships may be
/// validated together without noise).
pub fn check_files(paths: &[std::path::PathBuf]) -> Vec<Verdict> {
    let docs: Vec<Result<Doc, InputError>> = paths.iter().map(|p| load_valid(p)).collect();
    let scenarios: Vec<&LoadedScenario> = docs
        .iter()
        .filter_map(|d| match d {
            Ok(Doc::Scenario(s)) => Some(&**s),
            _ => None,
        })
        .collect();
    let judge = |doc: &Result<Doc, InputError>| match doc {
        Ok(Doc::Plan(plan)) => {
            let best = scenarios.iter().map(|s| validate_plan_for(plan, s)).min_by_key(Vec::len);
            match best.filter(|p| !p.is_empty()) {
                Some(problems) => Err(problems.into()),
                None => Ok((DocKind::Plan, plan.plan.name.clone())),
            }
        }
        Ok(d) => Ok(d.verdict()),
        Err(e) => Err(e.clone()),
    };
    paths.iter().zip(&docs).map(|(p, d)| Verdict { path: p.clone(), result: judge(d) }).collect()
}

/// The problems found in one document, placed in its files.
pub(super) struct Check<'a> {
    src: &'a Sources,
    spots: Option<locate::Spot>,
    /// Problems in the order found (document order).
    pub out: Vec<Problem>,
}

impl<'a> Check<'a> {
    /// A check of the document read from the first `chain` files of `src` (top file, bases).
    pub fn new(src: &'a Sources, chain: usize) -> Check<'a> {
        Check { src, spots: locate::tree(src, chain), out: Vec::new() }
    }

    /// A problem at `path`: placed at the value the path names in the files, or else where
    /// `needle` first occurs (see [`Sources::problem`]).
    pub fn report(&mut self, path: &str, needle: Option<&str>, message: impl Into<String>) {
        let at = self.spots.as_ref().and_then(|t| t.locate(self.src, path));
        let p = match at {
            Some((file, pos)) => {
                Problem { pos: Some(pos), ..Problem::at(&self.src.files[file].label, path, message) }
            }
            None => self.src.problem(path, needle, message),
        };
        self.out.push(p);
    }

    /// Collect the ids of a list, reporting empty and duplicate ones at `list[i].id`.
    pub fn ids<'i>(&mut self, list: &str, items: impl IntoIterator<Item = &'i str>) -> BTreeSet<&'i str> {
        let mut seen = BTreeSet::new();
        for (i, id) in items.into_iter().enumerate() {
            let path = format!("{list}[{i}].id");
            if id.trim().is_empty() {
                self.report(&path, None, "empty id, expected a non-empty name");
            } else if !seen.insert(id) {
                self.report(&path, Some(&quoted(id)), format!("duplicate id \"{id}\""));
            }
        }
        seen
    }

    /// Report `id` at `path` unless it is in `known`; `what` names the kind of thing. True if known.
    pub fn refer(&mut self, path: &str, what: &str, id: &str, known: &BTreeSet<&str>) -> bool {
        self.refer_in(path, what, id, known, "")
    }

    /// As [`Check::refer`], with `suffix` after the message (e.g. ` in scenario s.ron`).
    pub fn refer_in(
        &mut self,
        path: &str,
        what: &str,
        id: &str,
        known: &BTreeSet<&str>,
        suffix: &str,
    ) -> bool {
        if known.contains(id) {
            return true;
        }
        self.report(path, Some(&quoted(id)), format!("{}{suffix}", unknown(what, id, known.iter().copied())));
        false
    }

    /// A number that must be finite.
    pub fn finite(&mut self, path: &str, v: f64) {
        if !v.is_finite() {
            self.report(path, None, format!("expected a finite number, found {v}"));
        }
    }

    /// A number that must be finite and ≥ 0.
    pub fn non_negative(&mut self, path: &str, v: f64) {
        if !(v.is_finite() && v >= 0.0) {
            self.report(path, None, format!("expected a number >= 0, found {v}"));
        }
    }

    /// A number that must be finite and > 0.
    pub fn positive(&mut self, path: &str, v: f64) {
        if !(v.is_finite() && v > 0.0) {
            self.report(path, None, format!("expected a number > 0, found {v}"));
        }
    }

    /// A number that must lie in [lo, hi]; `what` is e.g. "a latitude".
    pub fn between(&mut self, path: &str, v: f64, lo: f64, hi: f64, what: &str) {
        if !(v.is_finite() && v >= lo && v <= hi) {
            self.report(path, None, format!("expected {what} between {lo} and {hi}, found {v}"));
        }
    }

    /// A share in [0, 1].
    pub fn share(&mut self, path: &str, v: f64) {
        self.between(path, v, 0.0, 1.0, "a share");
    }

    /// A distribution with valid parameters. True if valid.
    pub fn dist(&mut self, path: &str, d: &Dist) -> bool {
        match d.problem() {
            Some(p) => {
                self.report(path, None, p);
                false
            }
            None => true,
        }
    }

    /// A distribution whose draws are all ≥ 0 (a normal: its mean).
    pub fn dist_non_negative(&mut self, path: &str, d: &Dist) {
        if self.dist(path, d) {
            let lo = match *d {
                Dist::Normal { mean, .. } => mean,
                _ => d.support().0,
            };
            if lo < 0.0 {
                self.report(path, None, format!("expected values >= 0, found {}", show(d)));
            }
        }
    }

    /// A distribution whose draws are all > 0 (a normal: its mean).
    pub fn dist_positive(&mut self, path: &str, d: &Dist) {
        if self.dist(path, d) {
            let lo = match *d {
                Dist::Normal { mean, .. } | Dist::Exponential { mean } => mean,
                _ => d.support().0,
            };
            if lo <= 0.0 {
                self.report(path, None, format!("expected values > 0, found {}", show(d)));
            }
        }
    }

    /// A distribution of a share: every draw in [0, 1].
    pub fn dist_share(&mut self, path: &str, d: &Dist) {
        if self.dist(path, d) {
            let (lo, hi) = d.support();
            if let Dist::Fixed(v) = d {
                self.share(path, *v);
            } else if lo < 0.0 || hi > 1.0 {
                self.report(
                    path,
                    None,
                    format!(
                        "expected a share between 0 and 1, but {} can draw values from {lo} to {hi}",
                        show(d)
                    ),
                );
            }
        }
    }

    /// A size limit: `2 000 000 households, more than the limit of 1 000 000`.
    pub fn limit(&mut self, path: &str, count: u64, max: u64, what: &str) {
        if let Some(msg) = super::limits::over(count, max, what) {
            self.report(path, None, msg);
        }
    }
}

/// `"id"`: the text to search for a string value.
pub(super) fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

/// A distribution as it is written in a file.
pub(super) fn show(d: &Dist) -> String {
    match *d {
        Dist::Fixed(v) => format!("{v}"),
        Dist::Normal { mean, sd } => format!("Normal(mean: {mean}, sd: {sd})"),
        Dist::Uniform { lo, hi } => format!("Uniform(lo: {lo}, hi: {hi})"),
        Dist::Beta { a, b } => format!("Beta(a: {a}, b: {b})"),
        Dist::Triangular { min, max, mode } => format!("Triangular(min: {min}, max: {max}, mode: {mode})"),
        Dist::Exponential { mean } => format!("Exponential(mean: {mean})"),
    }
}

#[cfg(test)]
pub(super) mod testing {
    //! Small documents for the unit tests of each rule file.
    use crate::model::load::Sources;
    use crate::model::source::SourceText;

    /// Sources holding one file with `text` under `label`.
    pub fn one(label: &str, text: &str) -> Sources {
        Sources {
            files: vec![SourceText {
                label: label.into(),
                rel: label.into(),
                text: text.into(),
                sha256: String::new(),
            }],
        }
    }

    /// A typed document from RON text, read the way the loader reads it (through a JSON tree,
    /// so enumerations are strings).
    pub fn doc<T: serde::de::DeserializeOwned>(text: &str) -> T {
        let opts = ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let value: serde_json::Value = opts.from_str(text).expect("test document parses");
        serde_json::from_value(value).expect("test document has the right types")
    }

    fn fixture(name: &str) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini").join(name)
    }

    /// The valid fixture scenario (tests/fixtures/mini) with its map.
    pub fn scenario() -> crate::model::LoadedScenario {
        crate::model::load::load_scenario(&fixture("scenario.ron")).expect("fixture scenario loads")
    }

    /// The valid fixture plan.
    pub fn plan() -> crate::model::LoadedPlan {
        crate::model::load::load_plan(&fixture("plan.ron")).expect("fixture plan loads")
    }

    /// Each problem as `path: message`.
    pub fn messages(problems: &[crate::model::Problem]) -> Vec<String> {
        problems.iter().map(|p| format!("{}: {}", p.path.as_deref().unwrap_or("-"), p.message)).collect()
    }

    /// The messages of a list of problems, one per line, with their paths.
    pub fn lines(problems: &[crate::model::Problem]) -> String {
        problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_placed_at_the_value_the_path_names() {
        let src = testing::one("m.ron", "(\n  zones: [\n    (id: \"a\"),\n    (id: \"a\"),\n  ],\n)");
        let mut c = Check::new(&src, 1);
        c.ids("zones", ["a", "a"]);
        // The second "a", not the first occurrence of the text.
        assert_eq!(c.out[0].to_string(), "m.ron: zones[1].id (4:10): duplicate id \"a\"");
    }

    #[test]
    fn shares_check_the_whole_support_of_a_distribution() {
        let src = testing::one("s.ron", "()");
        let mut c = Check::new(&src, 1);
        c.dist_share("a", &Dist::Uniform { lo: 0.5, hi: 0.9 });
        c.dist_share("b", &Dist::Beta { a: 2.0, b: 3.0 });
        assert!(c.out.is_empty());
        c.dist_share("c", &Dist::Normal { mean: 0.8, sd: 0.1 });
        c.dist_share("d", &Dist::Fixed(1.4));
        c.dist_share("e", &Dist::Triangular { min: 0.5, max: 1.2, mode: 0.9 });
        c.dist_share("f", &Dist::Uniform { lo: 2.0, hi: 1.0 });
        let msgs: Vec<&str> = c.out.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            msgs[0],
            "expected a share between 0 and 1, but Normal(mean: 0.8, sd: 0.1) can draw values from -inf to inf"
        );
        assert_eq!(msgs[1], "expected a share between 0 and 1, found 1.4");
        assert!(msgs[2].contains("from 0.5 to 1.2"), "{}", msgs[2]);
        assert!(msgs[3].contains("needs finite lo <= hi"), "{}", msgs[3]);
        assert_eq!(msgs.len(), 4);
    }

    #[test]
    fn empty_ids_and_unknown_references_are_named() {
        let src = testing::one("s.ron", "(teams: [(id: \"\"), (station: \"fq-statoin\")])");
        let mut c = Check::new(&src, 1);
        let known: BTreeSet<&str> = ["fq-station", "fq-depot"].into();
        c.ids("teams", [""]);
        assert!(!c.refer("teams[1].station", "facility", "fq-statoin", &known));
        assert_eq!(c.out[0].message, "empty id, expected a non-empty name");
        assert_eq!(
            c.out[1].to_string(),
            "s.ron: teams[1].station (1:30): unknown facility \"fq-statoin\" (did you mean \"fq-station\"?)"
        );
    }
}
