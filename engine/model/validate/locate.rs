//! Where each value of a document is: a tree of byte offsets built from the file text (RON or
//! JSON), merged over `base` files by the loader's own overlay rule, so that a document path such
//! as `teams[3].station` finds the line:col of the value that ended up in the merged document.
//!
//! The files have already parsed, so the scanner can be simple; if it meets anything it does not
//! understand it gives up, and problems fall back to searching for their needle.

use crate::model::load::Sources;

/// A value and where it starts.
#[derive(Debug, Clone)]
pub(super) struct Spot {
    /// Index into `Sources::files`.
    pub(super) file: usize,
    /// Byte offset of the value's first character.
    pub(super) at: usize,
    pub(super) kind: Kind,
}

/// What a value is.
#[derive(Debug, Clone)]
pub(super) enum Kind {
    /// A number, boolean, `None`, …; strings keep their content (for ids).
    Scalar(Option<String>),
    Record(Vec<(String, Spot)>),
    List(Vec<Spot>),
}

/// The merged position tree of the first `chain` files of `src` (a top file and its bases).
pub(super) fn tree(src: &Sources, chain: usize) -> Option<Spot> {
    let mut layers: Vec<Spot> = Vec::new();
    for (file, f) in src.files.iter().enumerate().take(chain) {
        layers.push(super::scan::value(&f.text, file)?);
    }
    let mut merged = layers.pop()?;
    while let Some(over) = layers.pop() {
        merge(&mut merged, over);
    }
    Some(merged)
}

impl Spot {
    /// File index and line:col of the value at `path` (`a.b[2].c`); when the path goes beyond
    /// what the files hold (a defaulted field), the deepest value on it that they do hold.
    pub(super) fn locate(&self, src: &Sources, path: &str) -> Option<(usize, (usize, usize))> {
        let mut here = self;
        let mut found: Option<&Spot> = None;
        for seg in segments(path)? {
            let next = match (&here.kind, seg) {
                (Kind::Record(fields), Seg::Key(k)) => fields.iter().find(|(n, _)| n == k).map(|(_, v)| v),
                (Kind::List(items), Seg::Index(i)) => items.get(i),
                _ => None,
            };
            match next {
                Some(n) => {
                    here = n;
                    found = Some(n);
                }
                None => break,
            }
        }
        let spot = found?;
        let text = &src.files.get(spot.file)?.text;
        Some((spot.file, line_col(text, spot.at)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Seg<'p> {
    Key(&'p str),
    Index(usize),
}

fn segments(path: &str) -> Option<Vec<Seg<'_>>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (name, mut rest) = part.split_once('[').map_or((part, ""), |(n, r)| (n, r));
        if !name.is_empty() {
            out.push(Seg::Key(name));
        }
        while !rest.is_empty() {
            let (idx, tail) = rest.split_once(']')?;
            out.push(Seg::Index(idx.parse().ok()?));
            rest = tail.strip_prefix('[').unwrap_or(tail);
        }
    }
    Some(out)
}

fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    let before = &text[..byte];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The loader's overlay rule (`load::merge`) on position trees. A record both files write is
/// placed in the overlay, the file its author is editing.
fn merge(base: &mut Spot, over: Spot) {
    match (&mut base.kind, over.kind) {
        (Kind::Record(b), Kind::Record(o)) => {
            (base.file, base.at) = (over.file, over.at);
            for (k, v) in o {
                match b.iter_mut().find(|(n, _)| *n == k) {
                    Some((_, slot)) => merge(slot, v),
                    None => b.push((k, v)),
                }
            }
        }
        (Kind::List(b), Kind::List(o)) if all_ids(b) && all_ids(&o) && !o.is_empty() => {
            for item in o {
                let id = id_of(&item).map(str::to_string);
                match b.iter_mut().find(|x| id_of(x) == id.as_deref()) {
                    Some(slot) => merge(slot, item),
                    None => b.push(item),
                }
            }
        }
        (_, kind) => *base = Spot { file: over.file, at: over.at, kind },
    }
}

fn id_of(s: &Spot) -> Option<&str> {
    match &s.kind {
        Kind::Record(fields) => fields.iter().find(|(n, _)| n == "id").and_then(|(_, v)| match &v.kind {
            Kind::Scalar(Some(s)) => Some(s.as_str()),
            _ => None,
        }),
        _ => None,
    }
}

fn all_ids(items: &[Spot]) -> bool {
    items.iter().all(|x| id_of(x).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::source::SourceText;

    fn sources(texts: &[&str]) -> Sources {
        let files = texts
            .iter()
            .enumerate()
            .map(|(i, t)| SourceText {
                label: format!("f{i}.ron"),
                rel: format!("f{i}.ron"),
                text: t.to_string(),
                sha256: String::new(),
            })
            .collect();
        Sources { files }
    }

    #[test]
    fn paths_find_values_in_ron_and_json() {
        let ron = "// c: (x: 1)\n(\n  teams: [\n    (id: \"a\", station: \"s\"),\n    /* (id: \"b\") */ (id: \"b\", d: Normal(mean: 1, sd: Some(2)),\n     station: r#\"q\"#),\n  ],\n  t: (1, [2, 3]),\n)";
        let src = sources(&[ron]);
        let t = tree(&src, 1).unwrap();
        assert_eq!(t.locate(&src, "teams[0].station"), Some((0, (4, 24))));
        assert_eq!(t.locate(&src, "teams[1].station"), Some((0, (6, 15))));
        assert_eq!(t.locate(&src, "teams[1].d.sd"), Some((0, (5, 59))));
        assert_eq!(t.locate(&src, "t[1][0]"), Some((0, (8, 11))));
        // A defaulted field: the record that would hold it.
        assert_eq!(t.locate(&src, "teams[1].on_duty"), Some((0, (5, 21))));
        assert_eq!(t.locate(&src, "nothing"), None);
        let json = "{\n \"teams\": [{\"id\": \"a\", \"station\": \"s\"}]\n}";
        let src = sources(&[json]);
        let t = tree(&src, 1).unwrap();
        assert_eq!(t.locate(&src, "teams[0].station"), Some((0, (2, 35))));
    }

    #[test]
    fn overlays_point_at_the_file_that_gave_the_value() {
        let top = "(base: \"b.ron\", teams: [(id: \"b\", members: 0), (id: \"c\", members: 3)])";
        let base = "(name: \"x\", teams: [(id: \"a\", members: 1), (id: \"b\", members: 2)])";
        let src = sources(&[top, base]);
        let t = tree(&src, 2).unwrap();
        // Merged: a (base), b (top overrides members), c (top, appended).
        assert_eq!(t.locate(&src, "teams[0].members"), Some((1, (1, 40))));
        assert_eq!(t.locate(&src, "teams[1].members"), Some((0, (1, 44))));
        assert_eq!(t.locate(&src, "teams[2].id"), Some((0, (1, 53))));
        assert_eq!(t.locate(&src, "name"), Some((1, (1, 8))));
        // A record both write is placed in the overlay; its fields where each was written.
        assert_eq!(t.locate(&src, "teams[1]"), Some((0, (1, 25))));
        assert_eq!(t.locate(&src, "teams[0]"), Some((1, (1, 21))));
    }

    #[test]
    fn unknown_text_gives_up_instead_of_guessing() {
        let src = sources(&["(a: 1, b: ]"]);
        assert!(tree(&src, 1).is_none());
    }
}
