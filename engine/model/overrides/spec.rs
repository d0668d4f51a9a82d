//! One override as written on the command line: [`Override`], the `PATH=V1,V2,…` text of a
//! `--set` split into its path and values, and a value's RON text read into a tree.

use super::path::parse_path;
use crate::model::error::Problem;
use crate::model::source::{self, SourceText};
use serde_json::Value;
use std::fmt;

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

/// Read a value's RON text the way the loader reads a file.
pub(super) fn parse_value(place: &str, text: &str) -> Result<Value, Problem> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
