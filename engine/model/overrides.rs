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

use super::error::{InputError, Problem, nearest, unknown};
use super::load::{LoadedPlan, LoadedScenario};
use super::source::{self, SourceText, join_lexical, lowercase_first};
use super::{Plan, Scenario};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt;
use std::path::Path;

/// One override: a document path and the value to put there (RON text: `24`, `0.8`, `"fq-x"`, `true`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub path: String,
    pub value: String,
}

impl fmt::Display for Override {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}={}", self.path, self.value)
    }
}

impl Override {
    /// An override of `path` by `value`.
    pub fn new(path: impl Into<String>, value: impl Into<String>) -> Override {
        Override { path: path.into(), value: value.into() }
    }

    /// `"PATH=V1,V2,V3"` → `(PATH, [V1, V2, V3])`. The path ends at the first `=` outside
    /// brackets (so `levels[level=II].x=…` works); values are split on commas outside quotes,
    /// brackets, parentheses and braces, and trimmed.
    pub fn parse(spec: &str) -> Result<(String, Vec<String>), String> {
        let usage = || format!("--set {spec}: expected PATH=VALUE or PATH=V1,V2,…");
        let mut depth = 0i32;
        let mut quoted = false;
        let mut eq = None;
        for (i, c) in spec.char_indices() {
            match c {
                '"' => quoted = !quoted,
                '[' if !quoted => depth += 1,
                ']' if !quoted => depth -= 1,
                '=' if !quoted && depth == 0 => {
                    eq = Some(i);
                    break;
                }
                _ => {}
            }
        }
        if eq.is_none() && depth > 0 {
            return Err(format!("--set {spec}: unclosed \"[\" in the path"));
        }
        let at = eq.ok_or_else(usage)?;
        let path = spec[..at].trim();
        if path.is_empty() {
            return Err(usage());
        }
        parse_path(path).map_err(|m| format!("--set {path}: {m}"))?;
        let values = split_values(&spec[at + 1..]).map_err(|m| format!("--set {path}: {m}"))?;
        Ok((path.to_string(), values))
    }
}

/// Split a list of RON values on the commas between them.
fn split_values(text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut quoted = false;
    let mut escaped = false;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if quoted {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => quoted = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            '[' | '(' | '{' => depth += 1,
            ']' | ')' | '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(text[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    if quoted {
        return Err("a value has an unclosed quote".into());
    }
    if depth != 0 {
        return Err("a value has unbalanced brackets or parentheses".into());
    }
    out.push(text[start..].trim().to_string());
    if out.iter().any(String::is_empty) {
        return Err("empty value (expected PATH=VALUE or PATH=V1,V2,…)".into());
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Paths

/// How a list element is chosen.
#[derive(Debug, Clone, PartialEq)]
enum Sel {
    Index(usize),
    Id(String),
    Fields(Vec<(String, String)>),
}

/// One dot-separated segment: a field name and the list selections after it.
#[derive(Debug, Clone, PartialEq)]
struct Seg {
    name: String,
    sels: Vec<Sel>,
}

/// Which document an override acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    Scenario,
    Plan,
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix('"').and_then(|x| x.strip_suffix('"')).unwrap_or(s)
}

fn parse_path(path: &str) -> Result<Vec<Seg>, String> {
    // Split on dots outside brackets and quotes.
    let mut parts = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    for (i, c) in path.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => {
                depth -= 1;
                if depth < 0 {
                    return Err("unmatched \"]\" in the path".into());
                }
            }
            '.' if !quoted && depth == 0 => {
                parts.push(&path[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if depth != 0 || quoted {
        return Err("unclosed \"[\" or quote in the path".into());
    }
    parts.push(&path[start..]);
    parts.iter().map(|p| parse_seg(p)).collect()
}

fn parse_seg(text: &str) -> Result<Seg, String> {
    let open = text.find('[').unwrap_or(text.len());
    let name = text[..open].trim();
    if name.is_empty() {
        return Err(format!("expected a field name in the path, found \"{text}\""));
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("\"{name}\" is not a field name (letters, digits and _)"));
    }
    let mut sels = Vec::new();
    let mut rest = &text[open..];
    while !rest.is_empty() {
        let Some(inner) = rest.strip_prefix('[') else {
            return Err(format!("unexpected \"{rest}\" after \"]\" in the path"));
        };
        let close = closing(inner).ok_or_else(|| "unclosed \"[\" in the path".to_string())?;
        sels.push(parse_sel(&inner[..close])?);
        rest = &inner[close + 1..];
    }
    Ok(Seg { name: name.to_string(), sels })
}

/// Byte index of the `]` closing a selection (quotes respected).
fn closing(s: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ']' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

fn parse_sel(text: &str) -> Result<Sel, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("empty \"[]\" in the path: expected an index, an id or field=value".into());
    }
    if !t.starts_with('"') && t.contains('=') {
        let mut conds = Vec::new();
        for c in split_outside_quotes(t, ',') {
            let (k, v) = c
                .split_once('=')
                .ok_or_else(|| format!("expected field=value in \"[{t}]\", found \"{}\"", c.trim()))?;
            let k = k.trim();
            if k.is_empty() || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(format!("\"{k}\" is not a field name in \"[{t}]\""));
            }
            conds.push((k.to_string(), unquote(v).to_string()));
        }
        return Ok(Sel::Fields(conds));
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().map(Sel::Index).map_err(|_| format!("index {t} is too large"));
    }
    Ok(Sel::Id(unquote(t).to_string()))
}

fn split_outside_quotes(s: &str, sep: char) -> Vec<&str> {
    let (mut out, mut quoted, mut start) = (Vec::new(), false, 0);
    for (i, c) in s.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            out.push(&s[start..i]);
            start = i + 1;
        }
    }
    out.push(&s[start..]);
    out
}

/// The user's path up to segment `i`, its name and its first `n` selections.
fn shown(segs: &[Seg], i: usize, n: usize) -> String {
    let mut s = String::new();
    for (j, seg) in segs[..=i].iter().enumerate() {
        if j > 0 {
            s.push('.');
        }
        s.push_str(&seg.name);
        let upto = if j == i { n } else { seg.sels.len() };
        for sel in &seg.sels[..upto] {
            s.push_str(&match sel {
                Sel::Index(k) => format!("[{k}]"),
                Sel::Id(id) => format!("[{id}]"),
                Sel::Fields(c) => {
                    let c: Vec<String> = c.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    format!("[{}]", c.join(","))
                }
            });
        }
    }
    s
}

/// One concrete step into a tree.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// The document path of steps, as serde_path_to_error and the validators write it (`teams[0].members`).
fn concrete(steps: &[Step]) -> String {
    let mut s = String::new();
    for st in steps {
        match st {
            Step::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Step::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Why a path did not resolve: how many steps did, and the message.
#[derive(Debug)]
struct Miss {
    matched: usize,
    message: String,
}

fn miss(steps: &[Step], message: String) -> Miss {
    Miss { matched: steps.len(), message }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "not set",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a record",
    }
}

/// Resolve a path in a document tree. With `lenient`, a missing last field, or fields under a
/// value that is not set (an `Option` left out), are accepted: they are inserted when set.
fn locate(root: &Value, segs: &[Seg], lenient: bool) -> Result<Vec<Step>, Miss> {
    let mut steps = Vec::new();
    let mut cur = Some(root);
    for (i, seg) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        let next = match cur {
            None | Some(Value::Null) if lenient && i > 0 => None,
            Some(Value::Object(m)) => match m.get(&seg.name) {
                Some(v) => Some(v),
                None if lenient && last && seg.sels.is_empty() => None,
                None => return Err(miss(&steps, unknown("field", &seg.name, m.keys().map(String::as_str)))),
            },
            Some(v) => {
                let what = match i {
                    0 => "the document".to_string(),
                    _ => format!("\"{}\"", shown(segs, i - 1, segs[i - 1].sels.len())),
                };
                return Err(miss(
                    &steps,
                    format!("{what} is {}, it has no field \"{}\"", kind_of(v), seg.name),
                ));
            }
            None => {
                return Err(miss(
                    &steps,
                    format!("\"{}\" is not set", shown(segs, i - 1, segs[i - 1].sels.len())),
                ));
            }
        };
        steps.push(Step::Key(seg.name.clone()));
        cur = next;
        for (n, sel) in seg.sels.iter().enumerate() {
            let list = shown(segs, i, n);
            let items = match cur {
                Some(Value::Array(a)) => a,
                Some(v) => return Err(miss(&steps, format!("\"{list}\" is {}, not a list", kind_of(v)))),
                None => return Err(miss(&steps, format!("\"{list}\" is not set: set the whole list"))),
            };
            let k = select(items, sel, &list).map_err(|m| miss(&steps, m))?;
            steps.push(Step::Index(k));
            cur = items.get(k);
        }
    }
    Ok(steps)
}

/// The index of the element `sel` names in `items` (the list shown as `list`).
fn select(items: &[Value], sel: &Sel, list: &str) -> Result<usize, String> {
    match sel {
        Sel::Index(k) if *k < items.len() => Ok(*k),
        Sel::Index(k) => Err(format!("index {k} is out of range: {list} has {} elements", items.len())),
        Sel::Id(id) => {
            let ids: Vec<&str> = items.iter().filter_map(|x| x.get("id").and_then(Value::as_str)).collect();
            if let Some(k) = items.iter().position(|x| x.get("id").and_then(Value::as_str) == Some(id)) {
                return Ok(k);
            }
            if ids.is_empty() {
                // A field holding the text is the likely meaning (`levels[II]`: `levels[level=II]`).
                let field = items
                    .iter()
                    .filter_map(Value::as_object)
                    .find_map(|o| o.iter().find(|(_, v)| v.as_str() == Some(id)).map(|(k, _)| k.as_str()))
                    .unwrap_or("field");
                let value = if field == "field" { "value" } else { id };
                return Err(format!(
                    "the elements of {list} have no id: select one by index ({list}[0] to {list}[{}]) or by \
                     its fields, e.g. {list}[{field}={value}]",
                    items.len().saturating_sub(1)
                ));
            }
            Err(match nearest(id, ids.iter().copied()) {
                Some(n) => format!("no element with id \"{id}\" in {list} (did you mean \"{n}\"?)"),
                None => format!("no element with id \"{id}\" in {list}"),
            })
        }
        Sel::Fields(conds) => {
            let hits: Vec<usize> = items
                .iter()
                .enumerate()
                .filter(|(_, x)| conds.iter().all(|(k, v)| x.get(k).is_some_and(|f| same(f, v))))
                .map(|(k, _)| k)
                .collect();
            let wanted: Vec<String> = conds.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let wanted = wanted.join(",");
            match hits.as_slice() {
                [k] => Ok(*k),
                [] => {
                    let fields: Vec<&str> = items
                        .iter()
                        .filter_map(Value::as_object)
                        .flat_map(|o| o.keys().map(String::as_str))
                        .collect();
                    let bad = conds.iter().find(|(k, _)| !fields.contains(&k.as_str()));
                    Err(match bad {
                        Some((k, _)) => format!("{} in the elements of {list}", unknown("field", k, fields)),
                        None => format!("no element of {list} has {wanted}"),
                    })
                }
                many => {
                    let shown: Vec<String> = many.iter().take(8).map(usize::to_string).collect();
                    Err(format!(
                        "{} elements of {list} have {wanted} (at {}{}): add a field or select by index",
                        many.len(),
                        shown.join(", "),
                        if many.len() > 8 { ", …" } else { "" }
                    ))
                }
            }
        }
    }
}

/// Whether a tree value reads as `text` (a string by its content, a number by its value).
fn same(v: &Value, text: &str) -> bool {
    match v {
        Value::String(s) => s == text,
        Value::Number(n) => n.as_f64().zip(text.parse::<f64>().ok()).is_some_and(|(a, b)| a == b),
        Value::Bool(b) => text.parse::<bool>() == Ok(*b),
        Value::Null => text == "None",
        Value::Array(_) | Value::Object(_) => false,
    }
}

/// Put `new` at `steps`, creating records under values that are not set.
fn put(root: &mut Value, steps: &[Step], new: Value) {
    let mut cur = root;
    for st in steps {
        cur = match st {
            Step::Key(k) => {
                if !cur.is_object() {
                    *cur = Value::Object(serde_json::Map::new());
                }
                match cur {
                    Value::Object(m) => m.entry(k.clone()).or_insert(Value::Null),
                    _ => unreachable!("made a record above"),
                }
            }
            Step::Index(i) => &mut cur[*i],
        };
    }
    *cur = new;
}

// ---------------------------------------------------------------------------------------------
// Values

/// Read a value's RON text the way the loader reads a file.
fn parse_value(place: &str, text: &str) -> Result<Value, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Problem::file(place, "empty value"));
    }
    let word = t.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if word && !matches!(t, "true" | "false" | "None") {
        return Ok(Value::String(t.to_string()));
    }
    let src = SourceText {
        label: place.to_string(),
        rel: String::new(),
        text: t.to_string(),
        sha256: String::new(),
    };
    match source::parse(&src) {
        Ok(v) => Ok(v),
        // Text with no RON structure at all (`+36h`, `2021-07-25T12:30:00+08:00`): a string.
        Err(_) if !t.contains(['"', '\'', '(', ')', '[', ']', '{', '}', ',']) => {
            Ok(Value::String(t.to_string()))
        }
        Err(e) => Err(e),
    }
}

// ---------------------------------------------------------------------------------------------
// Applying

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
/// pass the problems through [`attribute`].
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

/// Convert a changed tree back to its typed document; a problem names the override it comes from.
fn typed<T: DeserializeOwned>(tree: Value, applied: &[Applied], doc: Doc) -> Result<T, Problem> {
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
fn under(p: &str, base: &str) -> bool {
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
    let ty = |t: &str| -> String {
        match t.trim() {
            "f64" | "f32" => "a number".into(),
            "u32" | "u64" | "usize" | "u8" | "u16" => "a whole number >= 0".into(),
            "i64" | "i32" => "a whole number".into(),
            "a string" | "string" => "a string".into(),
            "a boolean" | "bool" => "true or false".into(),
            other => other.to_string(),
        }
    };
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
        match super::load::load_map(&join_lexical(dir, &ls.scenario.map)) {
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
            Some(ff) => match super::rasters::load_rasters(dir, ff) {
                Ok(r) => ls.rasters = Some(r),
                Err(e) => out.extend(e.problems.into_iter().map(|p| blamed(blame("hazards.forest_fire"), p))),
            },
            None => ls.rasters = None,
        }
    }
}

/// A problem reading a file an override named: the override first when the file as a whole is
/// the problem (`--set map: scenarios/x/nope.ron: no such file`), else noted.
fn blamed(a: Option<&Applied>, p: Problem) -> Problem {
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
    use super::*;
    use crate::run::{Inputs, RunOptions, input_hashes, load_inputs, load_inputs_with, run};
    use std::path::PathBuf;

    fn root() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR"))
    }

    /// The In-Fa scenario (over its township base) and the comprehensive plan.
    fn infa() -> (PathBuf, PathBuf) {
        (root().join("scenarios/fengqiao/typhoon-infa.ron"), root().join("plans/fengqiao-comprehensive.ron"))
    }

    fn mini() -> (PathBuf, PathBuf) {
        (root().join("tests/fixtures/mini/scenario.ron"), root().join("tests/fixtures/mini/plan.ron"))
    }

    /// Load with `PATH=VALUE` overrides (one value each).
    fn load(files: (PathBuf, PathBuf), specs: &[&str]) -> Result<Inputs, InputError> {
        let overrides: Vec<Override> = specs
            .iter()
            .map(|s| {
                let (path, values) = Override::parse(s).unwrap();
                assert_eq!(values.len(), 1, "{s}");
                Override::new(path, &values[0])
            })
            .collect();
        load_inputs_with(&files.0, &files.1, &overrides)
    }

    fn error(files: (PathBuf, PathBuf), specs: &[&str]) -> String {
        load(files, specs).map(|_| ()).expect_err("the overrides are refused").to_string()
    }

    fn dbg<T: fmt::Debug>(x: &T) -> String {
        format!("{x:?}")
    }

    #[test]
    fn overrides_parse_splits_values_on_top_level_commas() {
        let (path, values) = Override::parse("teams[t-fq-rescue].members=16,24,32").unwrap();
        assert_eq!(path, "teams[t-fq-rescue].members");
        assert_eq!(values, ["16", "24", "32"]);
        let (path, values) = Override::parse(r#"name = "Fengqiao, a test", "say \"hi\", then", x"#).unwrap();
        assert_eq!(path, "name");
        assert_eq!(values, [r#""Fengqiao, a test""#, r#""say \"hi\", then""#, "x"]);
        let (_, values) =
            Override::parse("teams[t-fq-rescue].turnout_s=Uniform(lo: 60, hi: 120),60,[1, 2],{\"a\": 1}")
                .unwrap();
        assert_eq!(values, ["Uniform(lo: 60, hi: 120)", "60", "[1, 2]", "{\"a\": 1}"]);
        // The path ends at the first `=` outside brackets.
        let (path, values) = Override::parse("levels[hazard=typhoon,level=II].when.colour=red").unwrap();
        assert_eq!((path.as_str(), values.len()), ("levels[hazard=typhoon,level=II].when.colour", 1));
        assert!(Override::parse("teams[t-fq-rescue].members").unwrap_err().contains("expected PATH=VALUE"));
        assert!(Override::parse("members=16,,24").unwrap_err().contains("empty value"));
        assert!(Override::parse("name=\"open").unwrap_err().contains("unclosed quote"));
        assert!(Override::parse("teams[t-fq.members=1").unwrap_err().contains("unclosed"));
        assert_eq!(Override::new("a.b", "1").to_string(), "a.b=1");
    }

    #[test]
    fn overrides_parse_paths_and_values() {
        assert_eq!(
            parse_path("organisation.agencies[ag-township].teams[0]").unwrap(),
            [
                Seg { name: "organisation".into(), sels: vec![] },
                Seg { name: "agencies".into(), sels: vec![Sel::Id("ag-township".into())] },
                Seg { name: "teams".into(), sels: vec![Sel::Index(0)] },
            ]
        );
        assert_eq!(parse_path("teams[\"a.b\"]").unwrap()[0].sels, [Sel::Id("a.b".into())]);
        assert_eq!(
            parse_path("levels[hazard=typhoon, level=\"II\"]").unwrap()[0].sels,
            [Sel::Fields(vec![("hazard".into(), "typhoon".into()), ("level".into(), "II".into())])]
        );
        assert!(parse_path("teams..members").is_err());
        assert!(parse_path("teams[0]x").is_err());
        let v = |t: &str| parse_value("--set x", t);
        assert_eq!(v("16").unwrap(), serde_json::json!(16));
        assert_eq!(v("0.8").unwrap(), serde_json::json!(0.8));
        assert_eq!(v("\"fq-x\"").unwrap(), serde_json::json!("fq-x"));
        assert_eq!(v("true").unwrap(), serde_json::json!(true));
        assert_eq!(v("None").unwrap(), Value::Null);
        assert_eq!(v("Uniform(lo: 1, hi: 2)").unwrap(), serde_json::json!({"lo": 1, "hi": 2}));
        // Bare words and text with no RON structure are strings.
        assert_eq!(v("II").unwrap(), serde_json::json!("II"));
        assert_eq!(v("fq-station").unwrap(), serde_json::json!("fq-station"));
        assert_eq!(v("+36h").unwrap(), serde_json::json!("+36h"));
        assert_eq!(v("D2 14:30").unwrap(), serde_json::json!("D2 14:30"));
        let e = v("[1 6]").unwrap_err().to_string();
        assert!(e.starts_with("--set x:1:4: expected comma"), "{e}");
    }

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
    fn overrides_bad_ids_and_fields_suggest_the_nearest() {
        assert_eq!(
            error(infa(), &["teams[t-fq-rescu].members=16"]),
            "--set teams[t-fq-rescu].members: no element with id \"t-fq-rescu\" in teams \
             (did you mean \"t-fq-rescue\"?)"
        );
        assert_eq!(
            error(infa(), &["behavior.x=1"]),
            "--set behavior.x: unknown field \"behavior\" (did you mean \"behaviour\"?)"
        );
        // A misspelt last field is inserted, then refused by the typed check, with the same hint.
        assert_eq!(
            error(infa(), &["teams[t-fq-rescue].membrs=16"]),
            "--set teams[t-fq-rescue].membrs: unknown field \"membrs\" (did you mean \"members\"?)"
        );
        assert_eq!(
            error(infa(), &["plan.organisation.agencies[ag-townshp].channel_delay_min=1"]),
            "--set plan.organisation.agencies[ag-townshp].channel_delay_min: no element with id \
             \"ag-townshp\" in organisation.agencies (did you mean \"ag-township\"?)"
        );
        let e = error(infa(), &["teams[99].members=1", "teams.members=1", "duration_h.x=1"]);
        assert!(e.contains("--set teams[99].members: index 99 is out of range: teams has"), "{e}");
        assert!(e.contains("--set teams.members: \"teams\" is a list, it has no field \"members\""), "{e}");
        assert!(e.contains("--set duration_h.x: \"duration_h\" is a number, it has no field \"x\""), "{e}");
        assert_eq!(e.lines().count(), 3, "every problem is listed: {e}");
    }

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
