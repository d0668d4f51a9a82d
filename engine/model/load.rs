//! Loading documents: `base` overlays, the map a scenario names, and typed conversion whose
//! errors carry the document path and, where the offending text can be found, its line:col.

use super::error::{InputError, Problem};
use super::overlay::merge;
use super::source::{self, SourceText, join_lexical, lowercase_first, slash};
use super::{FORMAT_VERSION, Map, Plan, Scenario};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Longest chain of `base` overlays followed.
pub const MAX_BASE_DEPTH: usize = 8;

/// The files a document was read from: the top file first, then its bases, then the map.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Files in reading order.
    pub files: Vec<SourceText>,
}

impl Sources {
    /// The file holding `needle` (searched top file first) and its line:col.
    pub fn locate(&self, needle: &str) -> Option<(&SourceText, (usize, usize))> {
        self.files.iter().find_map(|f| f.find(needle).map(|p| (f, p)))
    }

    /// A problem of meaning at `path`, placed where `needle` (e.g. `"\"fq-statoin\""`) occurs.
    pub fn problem(&self, path: &str, needle: Option<&str>, message: impl Into<String>) -> Problem {
        let top = self.files.first().map_or("", |f| f.label.as_str());
        match needle.and_then(|n| self.locate(n)) {
            Some((f, pos)) => Problem { pos: Some(pos), ..Problem::at(&f.label, path, message) },
            None => Problem::at(top, path, message),
        }
    }

    /// The label of the top file.
    pub fn top(&self) -> &str {
        self.files.first().map_or("", |f| f.label.as_str())
    }
}

/// The kind of document a file holds (its `kind` field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Scenario,
    Plan,
    Map,
}

impl DocKind {
    fn name(self) -> &'static str {
        match self {
            DocKind::Scenario => "scenario",
            DocKind::Plan => "plan",
            DocKind::Map => "map",
        }
    }
}

/// A scenario with its map and the files both came from.
#[derive(Debug, Clone)]
pub struct LoadedScenario {
    pub scenario: Scenario,
    pub map: Map,
    /// The forest-fire rasters, when the scenario models the forest fire.
    pub rasters: Option<super::rasters::Rasters>,
    /// Scenario chain then the map.
    pub sources: Sources,
    /// Sources of the map alone (for map problems).
    pub map_sources: Sources,
}

/// A plan and the files it came from.
#[derive(Debug, Clone)]
pub struct LoadedPlan {
    pub plan: Plan,
    pub sources: Sources,
}

/// Read the `kind` of a file (following `base`), to decide how to validate it.
pub fn kind_of(path: &Path) -> Result<DocKind, InputError> {
    let (value, sources) = load_chain(path)?;
    kind_in(&value, &sources)
}

fn kind_in(value: &Value, sources: &Sources) -> Result<DocKind, InputError> {
    let found = value.get("kind").and_then(Value::as_str);
    match found {
        Some("scenario") => Ok(DocKind::Scenario),
        Some("plan") => Ok(DocKind::Plan),
        Some("map") => Ok(DocKind::Map),
        other => {
            let found = other.map_or("nothing".to_string(), |k| format!("\"{k}\""));
            Err(sources
                .problem(
                    "kind",
                    other.map(|k| format!("\"{k}\"")).as_deref(),
                    format!("expected kind \"scenario\", \"plan\" or \"map\", found {found}"),
                )
                .into())
        }
    }
}

/// Load a scenario, its bases and its map (syntax and types only; see `validate`).
pub fn load_scenario(path: &Path) -> Result<LoadedScenario, InputError> {
    let (value, mut sources) = load_chain(path)?;
    let scenario: Scenario = typed(value, &sources, DocKind::Scenario)?;
    let dir = path.parent().unwrap_or(Path::new(""));
    let (map, map_sources) =
        load_map_from(&join_lexical(dir, &scenario.map), &scenario.map).map_err(|mut e| {
            if e.problems.iter().all(|p| p.path.is_none() && p.pos.is_none()) {
                for p in &mut e.problems {
                    p.message = format!("{} (the map named by {})", p.message, sources.top());
                }
            }
            e
        })?;
    sources.files.extend(map_sources.files.iter().cloned());
    let rasters = match &scenario.hazards.forest_fire {
        Some(ff) => Some(super::rasters::load_rasters(dir, ff)?),
        None => None,
    };
    Ok(LoadedScenario { scenario, map, rasters, sources, map_sources })
}

/// Load a plan and its bases (syntax and types only).
pub fn load_plan(path: &Path) -> Result<LoadedPlan, InputError> {
    let (value, sources) = load_chain(path)?;
    let plan = typed(value, &sources, DocKind::Plan)?;
    Ok(LoadedPlan { plan, sources })
}

/// Load a map file on its own.
pub fn load_map(path: &Path) -> Result<(Map, Sources), InputError> {
    let rel = path.file_name().map_or_else(|| slash(path), |n| n.to_string_lossy().into_owned());
    load_map_from(path, &rel)
}

fn load_map_from(path: &Path, rel: &str) -> Result<(Map, Sources), InputError> {
    let src = source::read_text(path, &slash(path), rel)?;
    let value = source::parse(&src)?;
    let sources = Sources { files: vec![src] };
    let map = typed(value, &sources, DocKind::Map)?;
    Ok((map, sources))
}

/// Read a file and every `base` below it; merge them into one document tree.
fn load_chain(path: &Path) -> Result<(Value, Sources), InputError> {
    let top_dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let mut files: Vec<SourceText> = Vec::new();
    let mut layers: Vec<Value> = Vec::new();
    let mut next: Option<(PathBuf, String)> = Some((path.to_path_buf(), file_name(path)));
    while let Some((p, rel)) = next.take() {
        let label = slash(&p);
        if files.iter().any(|f| f.label == label) {
            let first = &files[0].label;
            return Err(Problem::at(
                first,
                "base",
                format!("\"{label}\" is its own base (a cycle of base files)"),
            )
            .into());
        }
        if files.len() > MAX_BASE_DEPTH {
            return Err(Problem::at(
                &files[0].label,
                "base",
                format!("more than {MAX_BASE_DEPTH} levels of base files"),
            )
            .into());
        }
        let src = source::read_text(&p, &label, &rel).map_err(|mut e| {
            if let Some(child) = files.last() {
                e.message = format!("{} (named as base by {})", e.message, child.label);
            }
            e
        })?;
        let mut value = source::parse(&src)?;
        let dir = p.parent().unwrap_or(Path::new("")).to_path_buf();
        rebase_paths(&mut value, &dir, &top_dir);
        if let Some(base) = value.as_object_mut().and_then(|o| o.remove("base")) {
            match base {
                Value::String(b) => {
                    let bp = join_lexical(&dir, &b);
                    next = Some((bp.clone(), relative_to(&top_dir, &bp)));
                }
                Value::Null => {}
                _ => return Err(Problem::at(&src.label, "base", "expected a file name string").into()),
            }
        }
        files.push(src);
        layers.push(value);
    }
    let mut merged = layers.pop().unwrap_or(Value::Null);
    while let Some(overlay) = layers.pop() {
        merge(&mut merged, overlay);
    }
    Ok((merged, Sources { files }))
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(|| slash(p), |n| n.to_string_lossy().into_owned())
}

/// `target` relative to `top_dir` (lexical only): below it, or up through `..` from it when
/// both are relative or both absolute; else as given.
fn relative_to(top_dir: &Path, target: &Path) -> String {
    if let Ok(r) = target.strip_prefix(top_dir) {
        return slash(r);
    }
    if top_dir.is_absolute() != target.is_absolute() {
        return slash(target);
    }
    let (a, b): (Vec<_>, Vec<_>) = (top_dir.components().collect(), target.components().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if a[common..].iter().any(|c| !matches!(c, std::path::Component::Normal(_))) {
        return slash(target);
    }
    let mut out = PathBuf::new();
    for _ in common..a.len() {
        out.push("..");
    }
    for c in &b[common..] {
        out.push(c);
    }
    slash(&out)
}

/// Paths inside a file are relative to that file: rewrite them relative to the top file.
fn rebase_paths(value: &mut Value, dir: &Path, top_dir: &Path) {
    let fix = |v: &mut Value| {
        if let Value::String(s) = v {
            *s = relative_to(top_dir, &join_lexical(dir, s));
        }
    };
    if let Some(m) = value.get_mut("map") {
        fix(m);
    }
    if let Some(ff) = value.pointer_mut("/hazards/forest_fire") {
        for key in ["fuel_asc", "elevation_asc", "density_asc"] {
            if let Some(v) = ff.get_mut(key) {
                fix(v);
            }
        }
    }
}

/// Convert a merged tree to a typed document; errors name the document path and the place.
fn typed<T: DeserializeOwned>(value: Value, sources: &Sources, want: DocKind) -> Result<T, InputError> {
    let kind = kind_in(&value, sources)?;
    if kind != want {
        return Err(sources
            .problem(
                "kind",
                Some(&format!("\"{}\"", kind.name())),
                format!("expected a {} file, found a {} file", want.name(), kind.name()),
            )
            .into());
    }
    match value.get("format_version").and_then(Value::as_u64) {
        Some(v) if v == FORMAT_VERSION as u64 => {}
        Some(v) => {
            return Err(sources
                .problem(
                    "format_version",
                    None,
                    format!("format_version {v} is not supported: this engine reads {FORMAT_VERSION}"),
                )
                .into());
        }
        None => {} // the typed pass reports it missing or mistyped
    }
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let path = e.path().to_string();
        let raw = e.inner().to_string();
        let (message, needle) = friendly(&raw);
        let leaf = path.rsplit(['.', '[']).next().unwrap_or("").trim_end_matches(']');
        let mut p = sources.problem(if path == "." { "(top)" } else { &path }, needle.as_deref(), message);
        if p.pos.is_none()
            && !leaf.is_empty()
            && leaf.parse::<usize>().is_err()
            && let Some((f, pos)) = sources.files.iter().find_map(|f| f.find_key(leaf).map(|x| (f, x)))
        {
            p.file = f.label.clone();
            p.pos = Some(pos);
        }
        InputError::from(p)
    })
}

/// A serde type name in words (`u32` → "a whole number >= 0").
pub(crate) fn type_words(t: &str) -> String {
    match t.trim() {
        "f64" | "f32" => "a number".into(),
        "u32" | "u64" | "usize" | "u8" | "u16" => "a whole number >= 0".into(),
        "i64" | "i32" => "a whole number".into(),
        "a string" | "string" => "a string".into(),
        "a boolean" | "bool" => "true or false".into(),
        other => other.to_string(),
    }
}

/// Rewrite serde's message in the house style; also return text to search for in the file.
fn friendly(raw: &str) -> (String, Option<String>) {
    let ty = type_words;
    let found = |f: &str| -> (String, Option<String>) {
        if let Some(s) = f.strip_prefix("string ") {
            (s.to_string(), Some(s.to_string()))
        } else if let Some(rest) = f.split_once('`') {
            let lit = rest.1.trim_end_matches('`').to_string();
            (lit, None)
        } else {
            (f.to_string(), None)
        }
    };
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = raw.strip_prefix(prefix)
            && let Some((what, expected)) = rest.split_once(", expected ")
        {
            let (what, needle) = found(what);
            return (format!("expected {}, found {what}", ty(expected)), needle);
        }
    }
    if let Some(rest) = raw.strip_prefix("unknown field `")
        && let Some((field, tail)) = rest.split_once('`')
    {
        let expected = tail.trim_start_matches(", ").replace("expected one of ", "expected one of: ");
        let msg = if expected.is_empty() || expected.starts_with("there are no fields") {
            format!("unknown field `{field}`")
        } else {
            format!("unknown field `{field}`, {expected}")
        };
        return (msg, None);
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `")
        && let Some((v, tail)) = rest.split_once('`')
    {
        let msg =
            format!("unknown value \"{v}\"{}", tail.replace(", expected one of ", ", expected one of: "));
        return (msg, Some(format!("\"{v}\"")));
    }
    (lowercase_first(raw), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_read_as_house_style() {
        assert_eq!(
            friendly("invalid type: string \"seventy\", expected f64"),
            ("expected a number, found \"seventy\"".into(), Some("\"seventy\"".into()))
        );
        assert_eq!(
            friendly("invalid value: integer `-5`, expected u32").0,
            "expected a whole number >= 0, found -5"
        );
        assert!(
            friendly("unknown field `membres`, expected one of `id`, `members`")
                .0
                .starts_with("unknown field `membres`")
        );
        assert_eq!(friendly("missing field `name`").0, "missing field `name`");
    }
}
