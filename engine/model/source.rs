//! Reading input files safely and parsing them to a document tree with positioned syntax errors.
//!
//! Checks happen before reading: the path must be a regular file no larger than
//! [`MAX_FILE_BYTES`]; then the bytes must be UTF-8 text without NUL bytes, and not empty.

use super::error::Problem;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Largest input file read, bytes (16 MiB: a real township scenario is under 1 MiB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// Deepest nesting of records and lists accepted in a file.
pub const MAX_NESTING: usize = 64;

/// One input file as read.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The path as the user named it, or as reached through `base`/`map` from such a path.
    pub label: String,
    /// The path relative to the directory of the top-level file: the same from any working
    /// directory, so it is what outputs record.
    pub rel: String,
    /// The file's text.
    pub text: String,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
}

impl SourceText {
    /// Line and column (1-based, in characters) of the first occurrence of `needle`.
    pub fn find(&self, needle: &str) -> Option<(usize, usize)> {
        let at = self.text.find(needle)?;
        Some(line_col(&self.text, at))
    }

    /// Line and column of the first `key:` (RON) or `"key":` (JSON) in the text.
    pub fn find_key(&self, key: &str) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let mut from = 0;
        while let Some(i) = self.text[from..].find(key) {
            let at = from + i;
            let before_ok = at == 0 || !is_ident(bytes[at - 1]) || bytes[at - 1] == b'"';
            let mut j = at + key.len();
            if j < bytes.len() && bytes[j] == b'"' {
                j += 1;
            }
            let after = self.text[j..].trim_start();
            if before_ok && after.starts_with(':') && (j >= bytes.len() || !is_ident(bytes[at + key.len()])) {
                return Some(line_col(&self.text, at));
            }
            from = at + key.len();
        }
        None
    }
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let before = &text[..byte];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Read a file after checking it is a regular file of acceptable size holding text.
pub fn read_text(path: &Path, label: &str, rel: &str) -> Result<SourceText, Problem> {
    let meta = std::fs::metadata(path).map_err(|e| Problem::file(label, io_message(&e)))?;
    if meta.is_dir() {
        return Err(Problem::file(label, "is a directory, expected a file"));
    }
    if !meta.is_file() {
        return Err(Problem::file(label, "not a regular file (a device, pipe or socket), expected a file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Problem::file(label, too_large(meta.len())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Problem::file(label, io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Problem::file(label, too_large(bytes.len() as u64)));
    }
    if let Some(i) = bytes.iter().position(|&b| b == 0) {
        return Err(Problem::file(
            label,
            format!("not a text file (a NUL byte at offset {i}), expected RON or JSON text"),
        ));
    }
    let sha256 = hex(&Sha256::digest(&bytes));
    let text = String::from_utf8(bytes).map_err(|e| {
        Problem::file(
            label,
            format!(
                "not UTF-8 text (invalid byte at offset {}), expected RON or JSON text",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    if text.trim().is_empty() {
        return Err(Problem::file(label, "empty file, expected a scenario, plan or map"));
    }
    Ok(SourceText { label: label.to_string(), rel: rel.to_string(), text, sha256 })
}

fn too_large(len: u64) -> String {
    format!(
        "file is {:.1} MiB, larger than the {} MiB limit for an input file",
        len as f64 / 1048576.0,
        MAX_FILE_BYTES / 1048576
    )
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => lowercase_first(&e.to_string()),
    }
}

/// Lowercase the first letter of a message, as all messages here are.
pub fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parse text as JSON (by a `.json` extension) or RON (anything else) into a document tree.
pub fn parse(src: &SourceText) -> Result<Value, Problem> {
    let json = src.label.to_ascii_lowercase().ends_with(".json");
    let value = if json {
        serde_json::from_str::<Value>(&src.text).map_err(|e| {
            let msg = lowercase_first(&strip_position(&e.to_string()));
            Problem::syntax(&src.label, &src.text, e.line(), e.column(), msg)
        })?
    } else {
        let opts = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .with_recursion_limit(MAX_NESTING);
        opts.from_str::<Value>(&src.text).map_err(|e| {
            let msg = match e.code {
                ron::Error::ExceededRecursionLimit => format!("nested more than {MAX_NESTING} levels deep"),
                ref code => lowercase_first(&code.to_string()),
            };
            Problem::syntax(&src.label, &src.text, e.span.start.line, e.span.start.col, msg)
        })?
    };
    if depth(&value) > MAX_NESTING {
        return Err(Problem::file(&src.label, format!("nested more than {MAX_NESTING} levels deep")));
    }
    Ok(value)
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Value::Object(o) => 1 + o.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// `dir/rel` with `.` and `a/..` removed, lexically (no file system access, no absolute paths).
pub fn join_lexical(dir: &Path, rel: &str) -> PathBuf {
    let joined = dir.join(rel);
    let mut out: Vec<Component> = Vec::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out.iter().collect()
}

/// A path as a string with forward slashes, for labels and outputs.
pub fn slash(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(label: &str, text: &str) -> SourceText {
        SourceText { label: label.into(), rel: label.into(), text: text.into(), sha256: String::new() }
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let e = parse(&src("a.ron", "(\n  x: 1,\n  y: [1, 2\n")).unwrap_err();
        assert_eq!(e.file, "a.ron");
        assert!(e.pos.is_some(), "{e}");
        let e = parse(&src("a.json", "{\"x\": 1,\n \"y\": }")).unwrap_err();
        assert_eq!(e.pos.map(|p| p.0), Some(2), "{e}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("{}{}", "[".repeat(500), "]".repeat(500));
        let e = parse(&src("d.ron", &deep)).unwrap_err();
        assert!(e.message.contains("nested more than"), "{e}");
        let e = parse(&src("d.json", &deep)).unwrap_err();
        assert!(e.message.contains("recursion"), "{e}");
    }

    #[test]
    fn keys_and_literals_are_found() {
        let s = src("a.ron", "(\n  name: \"x\",\n  station: \"fq-statoin\",\n)");
        assert_eq!(s.find("\"fq-statoin\""), Some((3, 12)));
        assert_eq!(s.find_key("station"), Some((3, 3)));
        assert_eq!(s.find_key("stat"), None);
    }

    #[test]
    fn lexical_join_drops_dot_segments() {
        assert_eq!(slash(&join_lexical(Path::new("scenarios/fq"), "../x/./map.ron")), "scenarios/x/map.ron");
        assert_eq!(slash(&join_lexical(Path::new(""), "map.ron")), "map.ron");
    }
}
