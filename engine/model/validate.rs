//! Validation of meaning: every problem in a loaded map, scenario or plan, each with its
//! document path and, where the offending text can be found, its line:col.

use super::error::{Problem, unknown};
use super::load::{LoadedPlan, LoadedScenario, Sources};
use super::map::Map;
use std::collections::BTreeSet;

/// Every problem in a map.
pub fn validate_map(map: &Map, src: &Sources) -> Vec<Problem> {
    let mut out = Vec::new();
    let nodes = ids(map.nodes.iter().map(|n| n.id.as_str()), "nodes", src, &mut out);
    ids(map.zones.iter().map(|z| z.id.as_str()), "zones", src, &mut out);
    ids(map.facilities.iter().map(|f| f.id.as_str()), "facilities", src, &mut out);
    for (i, l) in map.links.iter().enumerate() {
        for (field, node) in [("from", &l.from), ("to", &l.to)] {
            if !nodes.contains(node.as_str()) {
                out.push(src.problem(
                    &format!("links[{i}].{field}"),
                    Some(&format!("\"{node}\"")),
                    unknown("node", node, nodes.iter().copied()),
                ));
            }
        }
    }
    out
}

/// Every problem in a scenario and its map.
pub fn validate_scenario(s: &LoadedScenario) -> Vec<Problem> {
    let mut out = validate_map(&s.map, &s.map_sources);
    let facilities: BTreeSet<&str> = s.map.facilities.iter().map(|f| f.id.as_str()).collect();
    for (i, t) in s.scenario.teams.iter().enumerate() {
        if !facilities.contains(t.station.as_str()) {
            out.push(s.sources.problem(
                &format!("teams[{i}].station"),
                Some(&format!("\"{}\"", t.station)),
                unknown("facility", &t.station, facilities.iter().copied()),
            ));
        }
    }
    out
}

/// Every problem in a plan on its own.
pub fn validate_plan(p: &LoadedPlan) -> Vec<Problem> {
    let mut out = Vec::new();
    ids(
        p.plan.organisation.agencies.iter().map(|a| a.id.as_str()),
        "organisation.agencies",
        &p.sources,
        &mut out,
    );
    out
}

/// Every reference the plan makes that the scenario (or its map) lacks.
pub fn validate_plan_for(p: &LoadedPlan, s: &LoadedScenario) -> Vec<Problem> {
    let mut out = Vec::new();
    let teams: BTreeSet<&str> = s.scenario.teams.iter().map(|t| t.id.as_str()).collect();
    for (i, a) in p.plan.organisation.agencies.iter().enumerate() {
        for (j, t) in a.teams.iter().enumerate() {
            if !teams.contains(t.as_str()) {
                out.push(p.sources.problem(
                    &format!("organisation.agencies[{i}].teams[{j}]"),
                    Some(&format!("\"{t}\"")),
                    format!("{} in scenario {}", unknown("team", t, teams.iter().copied()), s.sources.top()),
                ));
            }
        }
    }
    out
}

/// Collect ids, reporting duplicates.
fn ids<'a>(
    items: impl Iterator<Item = &'a str>,
    what: &str,
    src: &Sources,
    out: &mut Vec<Problem>,
) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    for (i, id) in items.enumerate() {
        if !seen.insert(id) {
            out.push(src.problem(
                &format!("{what}[{i}].id"),
                Some(&format!("\"{id}\"")),
                format!("duplicate id \"{id}\""),
            ));
        }
    }
    seen
}

/// Load and validate one file of any kind; its kind and name when valid.
pub fn check_file(path: &std::path::Path) -> Result<(super::DocKind, String), super::InputError> {
    use super::DocKind;
    let done = |kind, name: &str, problems: Vec<Problem>| {
        if problems.is_empty() { Ok((kind, name.to_string())) } else { Err(problems.into()) }
    };
    match super::load::kind_of(path)? {
        DocKind::Scenario => {
            let s = super::load::load_scenario(path)?;
            done(DocKind::Scenario, &s.scenario.name, validate_scenario(&s))
        }
        DocKind::Plan => {
            let p = super::load::load_plan(path)?;
            done(DocKind::Plan, &p.plan.name, validate_plan(&p))
        }
        DocKind::Map => {
            let (m, src) = super::load::load_map(path)?;
            done(DocKind::Map, &m.name, validate_map(&m, &src))
        }
    }
}
