//! The path syntax of an override: dot-separated fields, each with its list selections
//! (`[3]`, `[t-fq-rescue]`, `[hazard=typhoon,level=II]`), parsed into segments and shown back
//! as the user wrote them.

/// How a list element is chosen.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Sel {
    Index(usize),
    Id(String),
    Fields(Vec<(String, String)>),
}

/// One dot-separated segment: a field name and the list selections after it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Seg {
    pub(super) name: String,
    pub(super) sels: Vec<Sel>,
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix('"').and_then(|x| x.strip_suffix('"')).unwrap_or(s)
}

pub(super) fn parse_path(path: &str) -> Result<Vec<Seg>, String> {
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
pub(super) fn shown(segs: &[Seg], i: usize, n: usize) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::overrides::spec::parse_value;
    use serde_json::Value;

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
}
