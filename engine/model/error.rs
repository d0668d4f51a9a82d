//! Problems found in input files, each with its file, place and what was expected.

use std::fmt;

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as the user named it (or as reached through `base`/`map`).
    pub file: String,
    /// Document path for a problem of meaning, e.g. `teams[3].station`.
    pub path: Option<String>,
    /// 1-based line and column where the offending text is, when it can be found.
    pub pos: Option<(usize, usize)>,
    /// What is wrong and what was expected (lowercase, no trailing period).
    pub message: String,
    /// The offending source line and a caret under the column, for syntax errors.
    pub excerpt: Option<String>,
}

impl Problem {
    /// A problem with the file as a whole (missing, unreadable, too large, …).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { file: file.into(), path: None, pos: None, message: message.into(), excerpt: None }
    }

    /// A problem of meaning at a document path.
    pub fn at(file: impl Into<String>, path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            file: file.into(),
            path: Some(path.into()),
            pos: None,
            message: message.into(),
            excerpt: None,
        }
    }

    /// A syntax problem at a line and column of `text`, with the line and a caret.
    pub fn syntax(
        file: impl Into<String>,
        text: &str,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Problem {
        let excerpt = text.lines().nth(line.saturating_sub(1)).map(|l| {
            let l = l.replace('\t', " ");
            let shown: String = l.chars().take(160).collect();
            let caret_at = col.saturating_sub(1).min(shown.chars().count());
            format!("{shown}\n{}^", " ".repeat(caret_at))
        });
        Problem { file: file.into(), path: None, pos: Some((line, col)), message: message.into(), excerpt }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match (&self.path, self.pos) {
            (Some(path), Some((l, c))) => write!(f, "{}: {path} ({l}:{c}): {}", self.file, self.message)?,
            (Some(path), None) => write!(f, "{}: {path}: {}", self.file, self.message)?,
            (None, Some((l, c))) => write!(f, "{}:{l}:{c}: {}", self.file, self.message)?,
            (None, None) => write!(f, "{}: {}", self.file, self.message)?,
        }
        if let Some(ex) = &self.excerpt {
            for line in ex.lines() {
                write!(f, "\n    | {line}")?;
            }
        }
        Ok(())
    }
}

/// Every problem found in a set of input files.
#[derive(Debug, Clone, thiserror::Error)]
pub struct InputError {
    /// The problems, in file order, then document order.
    pub problems: Vec<Problem>,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl From<Problem> for InputError {
    fn from(p: Problem) -> Self {
        InputError { problems: vec![p] }
    }
}

impl From<Vec<Problem>> for InputError {
    fn from(problems: Vec<Problem>) -> Self {
        InputError { problems }
    }
}

/// The id in `candidates` nearest to `wanted` by edit distance, if near enough to be a typo.
pub fn nearest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (levenshtein(wanted, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// `unknown zone "x" (did you mean "y"?)` or `unknown zone "x"`.
pub fn unknown<'a>(what: &str, wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match nearest(wanted, candidates) {
        Some(n) => format!("unknown {what} \"{wanted}\" (did you mean \"{n}\"?)"),
        None => format!("unknown {what} \"{wanted}\""),
    }
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_put_the_place_first() {
        let p = Problem {
            pos: Some((42, 14)),
            ..Problem::at("s.ron", "teams[3].station", "unknown facility \"x\"")
        };
        assert_eq!(p.to_string(), "s.ron: teams[3].station (42:14): unknown facility \"x\"");
        let s = Problem::syntax("s.ron", "a\n  b: seventy\n", 2, 6, "expected a number");
        assert_eq!(s.to_string(), "s.ron:2:6: expected a number\n    |   b: seventy\n    |      ^");
    }

    #[test]
    fn nearest_id_is_suggested() {
        let ids = ["fq-station", "fq-shelter-school", "fq-depot"];
        assert_eq!(nearest("fq-statoin", ids), Some("fq-station"));
        assert_eq!(nearest("zz", ids), None);
        assert_eq!(
            unknown("facility", "fq-statoin", ids),
            "unknown facility \"fq-statoin\" (did you mean \"fq-station\"?)"
        );
    }
}
