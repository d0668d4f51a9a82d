//! Applying overrides to the loaded scenario and plan: which document each names, the value put
//! in the document's tree, the tree read back to the typed document, and a changed map or forest
//! raster read again.

use super::attribute::{blamed, typed, under};
use super::locate::{Step, concrete, locate, put};
use super::path::parse_path;
use super::spec::{Override, parse_value};
use crate::model::error::{InputError, Problem};
use crate::model::load::{LoadedPlan, LoadedScenario};
use crate::model::source::join_lexical;
use crate::model::{Plan, Scenario};
use serde::Serialize;
use serde_json::Value;
use std::path::Path;

/// Which document an override acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    Scenario,
    Plan,
}

/// An override as applied: its document and concrete path, and where to report it.
#[derive(Debug, Clone)]
pub struct Applied {
    pub doc: Doc,
    /// The document path it set, as problems name paths (`teams[0].members`).
    pub path: String,
    /// `--set PATH` as the user wrote the path.
    pub place: String,
    /// The value's text.
    pub value: String,
}

/// Apply `overrides` to a loaded scenario and plan (`scenario_path` is the scenario file as
/// loaded, for a changed map or raster). Every problem of every override is listed. The
/// documents are typed-checked again but not validated: validate them as for any input, then
/// pass the problems through [`attribute`](super::attribute).
pub fn apply(
    ls: &mut LoadedScenario,
    lp: &mut LoadedPlan,
    scenario_path: &Path,
    overrides: &[Override],
) -> Result<Vec<Applied>, InputError> {
    if overrides.is_empty() {
        return Ok(Vec::new());
    }
    let mut trees = [tree(&ls.scenario), tree(&lp.plan)];
    let mut problems = Vec::new();
    let mut applied = Vec::new();
    for o in overrides {
        let place = format!("--set {}", o.path.trim());
        match place_of(&trees, o) {
            Ok((doc, steps)) => match parse_value(&place, &o.value) {
                Ok(v) => {
                    put(&mut trees[doc as usize], &steps, v);
                    applied.push(Applied {
                        doc,
                        path: concrete(&steps),
                        place,
                        value: o.value.trim().into(),
                    });
                }
                Err(p) => problems.push(p),
            },
            Err(message) => problems.push(Problem::file(&place, message)),
        }
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let [st, pt] = trees;
    if applied.iter().any(|a| a.doc == Doc::Scenario) {
        match typed::<Scenario>(st, &applied, Doc::Scenario) {
            Ok(s) => {
                let old = std::mem::replace(&mut ls.scenario, s);
                reload(ls, &old, scenario_path, &applied, &mut problems);
            }
            Err(p) => problems.push(p),
        }
    }
    if applied.iter().any(|a| a.doc == Doc::Plan) {
        match typed::<Plan>(pt, &applied, Doc::Plan) {
            Ok(p) => lp.plan = p,
            Err(p) => problems.push(p),
        }
    }
    if problems.is_empty() { Ok(applied) } else { Err(problems.into()) }
}

fn tree<T: Serialize>(doc: &T) -> Value {
    serde_json::to_value(doc).expect("a loaded document serialises to a tree")
}

/// The document and steps an override names.
fn place_of(trees: &[Value; 2], o: &Override) -> Result<(Doc, Vec<Step>), String> {
    let segs = parse_path(o.path.trim())?;
    let (fixed, segs) = match segs.first() {
        Some(s) if s.sels.is_empty() && segs.len() > 1 && (s.name == "scenario" || s.name == "plan") => {
            (Some(if s.name == "scenario" { Doc::Scenario } else { Doc::Plan }), &segs[1..])
        }
        _ => (None, &segs[..]),
    };
    if let Some(first) = segs.first()
        && segs.len() == 1
        && first.sels.is_empty()
        && matches!(first.name.as_str(), "kind" | "format_version" | "base")
    {
        return Err(format!("\"{}\" cannot be set: it says how the file is read", first.name));
    }
    let doc = match fixed {
        Some(d) => d,
        None => {
            let s = locate(&trees[0], segs, false);
            let p = locate(&trees[1], segs, false);
            match (&s, &p) {
                (Ok(_), Ok(_)) => {
                    return Err("ambiguous: the path is in both the scenario and the plan; prefix it with \
                                scenario. or plan."
                        .into());
                }
                (Ok(_), Err(_)) => Doc::Scenario,
                (Err(_), Ok(_)) => Doc::Plan,
                (Err(a), Err(b)) if a.matched == 0 && b.matched == 0 => {
                    // Not a field of either document: suggest from both.
                    let name = segs.first().map_or("", |s| s.name.as_str());
                    let fields =
                        trees.iter().filter_map(Value::as_object).flat_map(|m| m.keys().map(String::as_str));
                    let near = crate::model::error::nearest(name, fields);
                    return Err(format!(
                        "unknown field \"{name}\"{}",
                        near.map_or(String::new(), |n| format!(" (did you mean \"{n}\"?)"))
                    ));
                }
                (Err(a), Err(b)) => {
                    if b.matched > a.matched {
                        Doc::Plan
                    } else {
                        Doc::Scenario
                    }
                }
            }
        }
    };
    if doc == Doc::Scenario && segs.len() > 1 && segs[0].name == "map" && segs[0].sels.is_empty() {
        return Err("the map file cannot be overridden by path; scenario.map names the file to read".into());
    }
    let steps = locate(&trees[doc as usize], segs, true).map_err(|m| m.message)?;
    Ok((doc, steps))
}

/// After the scenario changed: read again a map or forest raster it now names differently.
fn reload(
    ls: &mut LoadedScenario,
    old: &Scenario,
    scenario_path: &Path,
    applied: &[Applied],
    out: &mut Vec<Problem>,
) {
    let dir = scenario_path.parent().unwrap_or(Path::new(""));
    let blame = |key: &str| {
        applied.iter().rev().find(|a| a.doc == Doc::Scenario && (under(&a.path, key) || under(key, &a.path)))
    };
    if ls.scenario.map != old.map {
        match crate::model::load::load_map(&join_lexical(dir, &ls.scenario.map)) {
            Ok((map, mut sources)) => {
                for f in &mut sources.files {
                    f.rel = ls.scenario.map.clone();
                }
                let keep = ls.sources.files.len() - ls.map_sources.files.len();
                ls.sources.files.truncate(keep);
                ls.sources.files.extend(sources.files.iter().cloned());
                ls.map = map;
                ls.map_sources = sources;
            }
            Err(e) => out.extend(e.problems.into_iter().map(|p| blamed(blame("map"), p))),
        }
    }
    let (new_ff, old_ff) = (&ls.scenario.hazards.forest_fire, &old.hazards.forest_fire);
    if format!("{new_ff:?}") != format!("{old_ff:?}") {
        match new_ff {
            Some(ff) => match crate::model::rasters::load_rasters(dir, ff) {
                Ok(r) => ls.rasters = Some(r),
                Err(e) => out.extend(e.problems.into_iter().map(|p| blamed(blame("hazards.forest_fire"), p))),
            },
            None => ls.rasters = None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::overrides::testing::{dbg, error, infa, load, mini, root};
    use crate::run::{Inputs, RunOptions, input_hashes, load_inputs, run};

    #[test]
    fn overrides_change_exactly_the_named_value() {
        let plain = load_inputs(&infa().0, &infa().1).unwrap();
        let set = load(infa(), &["teams[t-fq-rescue].members=24"]).unwrap();
        let team =
            |i: &Inputs| i.scenario.scenario.teams.iter().find(|t| t.id == "t-fq-rescue").unwrap().clone();
        // Defined in the base file (township.ron); In-Fa overlays only its on-duty count.
        assert_eq!((team(&plain).members, team(&plain).on_duty), (18, Some(18)));
        assert_eq!((team(&set).members, team(&set).on_duty), (24, Some(18)));
        let others = |i: &Inputs| {
            i.scenario.scenario.teams.iter().filter(|t| t.id != "t-fq-rescue").map(dbg).collect::<Vec<_>>()
        };
        assert_eq!(others(&plain), others(&set));
        // Everything else, the plan, map and sources included, is as loaded without the override.
        let mut back = set.clone();
        back.scenario.scenario.teams.iter_mut().find(|t| t.id == "t-fq-rescue").unwrap().members = 18;
        assert_eq!(dbg(&back), dbg(&plain));
        assert_eq!(input_hashes(&set), input_hashes(&plain));
    }

    #[test]
    fn overrides_that_change_nothing_load_the_same_inputs() {
        let plain = dbg(&load_inputs(&infa().0, &infa().1).unwrap());
        assert_eq!(dbg(&load(infa(), &[]).unwrap()), plain);
        // Setting values to what they are sends both documents through their trees and back.
        let same = load(
            infa(),
            &[
                "teams[t-fq-rescue].members=18",
                "plan.organisation.integrated=true",
                "behaviour.prep_sigma_min=240",
            ],
        )
        .unwrap();
        assert_eq!(dbg(&same), plain);
    }

    #[test]
    fn overrides_shipped_documents_read_back_from_their_trees() {
        // What `apply` relies on: a loaded document, serialised to a tree, reads back identical.
        let mut files = Vec::new();
        for dir in ["scenarios/fengqiao", "plans", "tests/fixtures/mini", "tests/fixtures/calls"]
            .into_iter()
            .chain(["tests/fixtures/fire", "tests/fixtures/models", "tests/fixtures/typhoon"])
        {
            for e in std::fs::read_dir(root().join(dir)).unwrap() {
                files.push(e.unwrap().path());
            }
        }
        let mut n = 0;
        for f in files.iter().filter(|f| f.extension().is_some_and(|x| x == "ron")) {
            match crate::model::load::kind_of(f) {
                Ok(crate::model::DocKind::Scenario) => {
                    let s = crate::model::load::load_scenario(f).unwrap().scenario;
                    let back: Scenario = serde_json::from_value(tree(&s)).unwrap();
                    assert_eq!(dbg(&back), dbg(&s), "{}", f.display());
                    n += 1;
                }
                Ok(crate::model::DocKind::Plan) => {
                    let p = crate::model::load::load_plan(f).unwrap().plan;
                    let back: Plan = serde_json::from_value(tree(&p)).unwrap();
                    assert_eq!(dbg(&back), dbg(&p), "{}", f.display());
                    n += 1;
                }
                _ => {}
            }
        }
        assert!(n >= 24, "only {n} documents found");
    }

    #[test]
    fn overrides_pick_their_document() {
        assert_eq!(
            error(infa(), &["name=\"x\""]),
            "--set name: ambiguous: the path is in both the scenario and the plan; prefix it with scenario. \
             or plan."
        );
        let i = load(infa(), &["scenario.name=\"In-Fa, test\"", "organisation.integrated=false"]).unwrap();
        assert_eq!(i.scenario.scenario.name, "In-Fa, test");
        assert!(!i.plan.plan.organisation.integrated, "an unprefixed path found only in the plan");
        assert_ne!(i.plan.plan.name, "In-Fa, test");
        // Lists without ids: by index or by fields.
        assert_eq!(
            error(infa(), &["plan.levels[II].when.colour=red"]),
            "--set plan.levels[II].when.colour: the elements of levels have no id: select one by index \
             (levels[0] to levels[32]) or by its fields, e.g. levels[level=II]"
        );
        let e = error(infa(), &["plan.levels[level=II].when.colour=red"]);
        assert!(e.contains("9 elements of levels have level=II (at 2, 7, 12,"), "{e}");
        let i = load(infa(), &["levels[hazard=typhoon,level=II].when.colour=red"]).unwrap();
        let plain = load_inputs(&infa().0, &infa().1).unwrap();
        let colour = |i: &Inputs| dbg(&i.plan.plan.levels[2].when);
        assert!(colour(&plain).contains("Orange") && colour(&i).contains("Red"), "{}", colour(&i));
        let e = error(infa(), &["base=\"x.ron\"", "format_version=2"]);
        assert!(e.contains("--set base: \"base\" cannot be set"), "{e}");
    }

    #[test]
    fn overrides_insert_an_absent_option() {
        // The micro station crew has no Chinese name: one is inserted.
        let i = load(mini(), &["teams[xq-team-micro].name_zh=\"东村微型消防站\""]).unwrap();
        assert_eq!(i.scenario.scenario.teams[1].name_zh.as_deref(), Some("东村微型消防站"));
        // A field of a record left out creates the record; what it lacks is reported at the --set.
        let e = error(mini(), &["hazards.typhoon.name=\"In-Fa\""]);
        assert!(e.starts_with("--set hazards.typhoon.name: missing field"), "{e}");
    }

    #[test]
    fn overrides_change_a_runs_outcome() {
        // The decision delay of the command post postpones the first evacuation order by as much.
        let opts = RunOptions { seed: 1, nominal: true, ..Default::default() };
        let plain = run(&load(mini(), &[]).unwrap(), &opts).unwrap();
        let slow = run(&load(mini(), &["organisation.decision_delay_min=120"]).unwrap(), &opts).unwrap();
        let first = |o: &crate::core::Outcome| o.metrics["evacuation.first_order_h"];
        let later = first(&slow) - first(&plain);
        assert!((later - 1.75).abs() < 0.05, "first order {} h later", later);
    }
}
