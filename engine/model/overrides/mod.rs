//! Overrides by document path (`drill sweep --set PATH=V1,V2,…`): the same scenario and plan
//! with some values replaced, e.g. `teams[t-fq-rescue].members=24`,
//! `behaviour.compliance_organised=Beta(a: 8, b: 2)` or `plan.levels[4].when.hours=12`.
//!
//! **Paths.** Dot-separated fields; `name[k]` selects an element of a list by index (`[3]`), by
//! the element whose `id` is `k` (`teams[t-fq-rescue]`, quotes optional), or by the one element
//! whose fields have the given values (`levels[hazard=typhoon,level=II]`, for lists without ids).
//! A first segment `scenario.` or `plan.` names the document; without it the path is looked up
//! in both and must exist in exactly one (`name`, say, is in both: prefix it). A file's `kind`,
//! `format_version` and `base` cannot be set. `map` names the map file (setting it reads another
//! map); the map document itself cannot be reached by path.
//!
//! **Values** are RON text as in the files: `24`, `0.8`, `"fq-x"`, `true`, `None`,
//! `Uniform(lo: 60, hi: 120)`, `["a", "b"]`. A bare word (`II`, `fq-station`) is taken as a
//! string, since RON would read it as a unit struct and no field of these formats wants one; so is
//! text that is not RON and has no quotes, brackets or commas (`+36h`, `D2 14:30`).
//!
//! **How.** The loader reads each file into a JSON tree, merges the `base` chain and converts the
//! result to the typed document. An override acts on that typed document seen as a tree again:
//! the loaded [`Scenario`]/[`Plan`] is serialised to a `serde_json::Value` (which reads back to an
//! identical document: tested on every shipped file), the value is put at its path (a field that
//! is absent but legal, such as an `Option` left out, is inserted), and the tree is converted back
//! with the loader's own typed checks; the caller then validates as for any input. Documents no
//! override names are not touched at all, so they load exactly as [`crate::run::load_inputs`]
//! loads them. A changed `map` name or forest-fire raster reloads those files.
//!
//! **Base overlays.** An override changes the *effective* value — the document after its `base`
//! chain is merged. That is the value of the topmost file that defines the key (overlays replace
//! leaves and merge records and id-lists field by field), so it is the same as editing the key
//! where it is actually defined, without having to say which file that is; no file is rewritten.
//! The inputs' sources (and so the input hashes of a run) still describe the files as read: a
//! caller that runs cells of a sweep records each cell's overrides itself ([`Override`]'s
//! `Display` gives `path=value`).
//!
//! **Errors** put the override first: `--set teams[t-fq-rescu].members: no element with id
//! "t-fq-rescu" in teams (did you mean "t-fq-rescue"?)`. A value of the wrong type, or one that
//! fails validation at or under the overridden path, is reported at the `--set` with the document
//! path of the problem when it is deeper than the override
//! (`--set teams[t-fq-rescue].members: expected a whole number >= 0, found "many"`). Other problems
//! validation finds keep their file and line:col.
//!
//! [`Scenario`]: crate::model::Scenario
//! [`Plan`]: crate::model::Plan

mod apply;
mod attribute;
mod locate;
mod path;
mod spec;
#[cfg(test)]
mod testing;

pub use apply::{Applied, Doc, apply};
pub use attribute::attribute;
pub use spec::Override;
