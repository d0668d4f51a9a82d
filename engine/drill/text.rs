//! Laying out the session's text views: one width, lines cut with "…", lists wrapped over a few
//! lines with the rest counted, durations and counts as people read them.

/// Widest line of a view, characters (longer text is cut with "…").
pub(crate) const WIDTH: usize = 110;

/// One line, cut to [`WIDTH`], without trailing blanks.
pub(crate) fn put(out: &mut String, text: &str) {
    out.push_str(cut(text, WIDTH).trim_end());
    out.push('\n');
}

/// At most `max` characters, the last one "…" when cut.
pub(crate) fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// Items after a prefix, comma-separated, over at most `lines` lines; the rest counted.
pub(crate) fn wrap(out: &mut String, prefix: &str, items: &[String], lines: usize) {
    wrap_with(out, prefix, items, lines, ", ");
}

pub(crate) fn wrap_with(out: &mut String, prefix: &str, items: &[String], lines: usize, sep: &str) {
    let len = |x: &str| x.chars().count();
    let indent = " ".repeat(len(prefix));
    let (mut line, mut on_line, mut done) = (prefix.to_string(), 0, 1);
    for (k, item) in items.iter().enumerate() {
        let room = if done == lines { WIDTH - 16 } else { WIDTH };
        if on_line > 0 && len(&line) + len(sep) + len(item) > room {
            if done == lines {
                let rest = if sep == " " {
                    " …".to_string()
                } else {
                    format!("{sep}… and {} more", items.len() - k)
                };
                put(out, &format!("{line}{rest}"));
                return;
            }
            put(out, &line);
            (line, on_line, done) = (indent.clone(), 0, done + 1);
        }
        if on_line > 0 {
            line.push_str(sep);
        }
        line.push_str(item);
        on_line += 1;
    }
    put(out, &line);
}

/// "3 h 10 min", "45 min".
pub(crate) fn span(s: i64) -> String {
    super::decisions::span(s)
}

/// A count with thousands separators: 12,345.
pub(crate) fn n(v: u64) -> String {
    let d = v.to_string();
    let mut out = String::new();
    for (k, c) in d.chars().enumerate() {
        if k > 0 && (d.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_text_is_cut() {
        assert_eq!(
            [n(0), n(999), n(1000), n(59_779), n(1_234_567)],
            ["0", "999", "1,000", "59,779", "1,234,567"]
        );
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("abc", 4), "abc");
        let mut out = String::new();
        let items: Vec<String> = (0..100).map(|i| format!("zone-{i:03}")).collect();
        wrap(&mut out, "  x: ", &items, 2);
        assert_eq!(out.lines().count(), 2);
        assert!(out.contains("more"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() <= WIDTH));
    }
}
