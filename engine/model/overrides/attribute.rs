//! Which `--set` a problem belongs to, and its wording there: a changed tree that does not read
//! back as its typed document, a file an override named that cannot be read, and what validating
//! the changed documents finds.

use super::apply::{Applied, Doc};
use crate::model::error::{Problem, nearest};
use crate::model::load::{LoadedPlan, LoadedScenario};
use crate::model::source::lowercase_first;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Convert a changed tree back to its typed document; a problem names the override it comes from.
pub(super) fn typed<T: DeserializeOwned>(tree: Value, applied: &[Applied], doc: Doc) -> Result<T, Problem> {
    serde_path_to_error::deserialize::<_, T>(tree).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let message = polish(&e.inner().to_string());
        // The original document read back, so the problem is one of this document's overrides:
        // the one at or above the problem's path, else the one below it, else the last.
        let mine: Vec<&Applied> = applied.iter().filter(|a| a.doc == doc).collect();
        let who = mine
            .iter()
            .rev()
            .find(|a| under(&path, &a.path))
            .or_else(|| mine.iter().rev().find(|a| under(&a.path, &path)))
            .or(mine.last())
            .expect("a document is typed again only when an override names it");
        at_override(who, &path, message)
    })
}

/// Whether document path `p` is `base` or lies under it.
pub(super) fn under(p: &str, base: &str) -> bool {
    base.is_empty()
        || p.strip_prefix(base).is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// A problem reported at the `--set` that caused it.
fn at_override(a: &Applied, path: &str, message: String) -> Problem {
    // The document path is shown only when it says more than the override's own.
    let deeper = !path.is_empty() && path != a.path && !under(&a.path, path);
    Problem { path: deeper.then(|| path.to_string()), ..Problem::file(&a.place, message) }
}

/// A serde message in the house style (the loader's wording for the common cases).
fn polish(raw: &str) -> String {
    let ty = crate::model::load::type_words;
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = raw.strip_prefix(prefix)
            && let Some((what, expected)) = rest.split_once(", expected ")
        {
            let what = match what.strip_prefix("string ") {
                Some(s) => s.to_string(),
                None => {
                    what.split_once('`').map_or(what.to_string(), |(_, l)| l.trim_end_matches('`').into())
                }
            };
            return format!("expected {}, found {what}", ty(expected));
        }
    }
    for (prefix, what) in [("unknown field `", "field"), ("unknown variant `", "value")] {
        if let Some(rest) = raw.strip_prefix(prefix)
            && let Some((name, tail)) = rest.split_once('`')
        {
            let expected: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
            return match (nearest(name, expected.iter().copied()), expected.is_empty()) {
                (Some(n), _) => format!("unknown {what} \"{name}\" (did you mean \"{n}\"?)"),
                (None, true) => format!("unknown {what} \"{name}\""),
                (None, false) => {
                    format!("unknown {what} \"{name}\", expected one of: {}", expected.join(", "))
                }
            };
        }
    }
    lowercase_first(raw)
}

/// A problem reading a file an override named: the override first when the file as a whole is
/// the problem (`--set map: scenarios/x/nope.ron: no such file`), else noted.
pub(super) fn blamed(a: Option<&Applied>, p: Problem) -> Problem {
    match a {
        Some(a) if p.path.is_none() && p.pos.is_none() => {
            Problem::file(&a.place, format!("{}: {}", p.file, p.message))
        }
        Some(a) => Problem { message: format!("{} (a file named by {})", p.message, a.place), ..p },
        None => p,
    }
}

/// Problems from validating documents changed by `applied`: one at or under an overridden path
/// is reported at its `--set`; the rest keep their file and place, with the overrides noted
/// (a problem's file says which document it is in).
pub fn attribute(
    problems: Vec<Problem>,
    applied: &[Applied],
    ls: &LoadedScenario,
    lp: &LoadedPlan,
) -> Vec<Problem> {
    if applied.is_empty() {
        return problems;
    }
    let chain = ls.sources.files.len() - ls.map_sources.files.len();
    let doc_of = |file: &str| {
        if ls.sources.files[..chain].iter().any(|f| f.label == file) {
            Some(Doc::Scenario)
        } else if lp.sources.files.iter().any(|f| f.label == file) {
            Some(Doc::Plan)
        } else {
            None
        }
    };
    let all: Vec<String> = applied.iter().map(|a| format!("{}={}", a.place, a.value)).collect();
    let noted = |p: Problem| Problem { message: format!("{} (with {})", p.message, all.join(", ")), ..p };
    problems
        .into_iter()
        .map(|p| {
            let (Some(doc), Some(path)) = (doc_of(&p.file), p.path.as_deref()) else { return noted(p) };
            match applied.iter().rev().find(|a| a.doc == doc && under(path, &a.path)) {
                Some(a) => at_override(a, path, p.message),
                None => noted(p),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::model::overrides::testing::{error, infa, mini};

    #[test]
    fn overrides_of_the_wrong_type_are_bad_input_at_the_path() {
        assert_eq!(
            error(infa(), &["teams[t-fq-rescue].members=\"many\""]),
            "--set teams[t-fq-rescue].members: expected a whole number >= 0, found \"many\""
        );
        assert_eq!(
            error(infa(), &["teams[t-fq-rescue].kind=\"rescue_tem\""]),
            "--set teams[t-fq-rescue].kind: unknown value \"rescue_tem\", expected one of: comprehensive_rescue, \
             micro_fire, county_fire, militia, medical, police, power_repair, village_cadres"
        );
        assert_eq!(
            error(infa(), &["plan.levels[hazard=typhoon,level=II].when.colour=orang"]),
            "--set plan.levels[hazard=typhoon,level=II].when.colour: unknown value \"orang\" \
             (did you mean \"orange\"?)"
        );
    }

    #[test]
    fn overrides_failing_validation_are_reported_at_the_set() {
        assert_eq!(
            error(infa(), &["teams[t-fq-rescue].on_duty=40"]),
            "--set teams[t-fq-rescue].on_duty: expected on_duty <= members (18), found 40"
        );
        // A problem elsewhere that an override causes keeps its place, and names the override.
        let e = error(infa(), &["teams[t-fq-rescue].members=10"]);
        assert!(e.contains("teams[0].on_duty (27:38): expected on_duty <= members (10), found 18"), "{e}");
        assert!(e.ends_with("(with --set teams[t-fq-rescue].members=10)"), "{e}");
        let e = error(mini(), &["map=\"nope.ron\""]);
        assert!(e.starts_with("--set map: ") && e.ends_with("nope.ron: no such file"), "{e}");
    }
}
