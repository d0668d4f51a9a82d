//! A scanner for RON and JSON text that has already parsed: each value with its byte offset.
//! It gives up (None) on anything it does not understand rather than guess.

use super::locate::{Kind, Spot};

/// Deepest nesting scanned (the loader refuses deeper files anyway).
const MAX_DEPTH: usize = 256;

/// The position tree of one file's text; `file` is its index in `Sources::files`.
pub(super) fn value(text: &str, file: usize) -> Option<Spot> {
    Scan { s: text.as_bytes(), i: 0, file, depth: 0 }.value()
}

/// A scanner for RON and JSON text that has already parsed.
struct Scan<'t> {
    s: &'t [u8],
    i: usize,
    file: usize,
    depth: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    /// Skip whitespace and comments (`//`, nested `/* */`).
    fn ws(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_ascii_whitespace() {
                self.i += 1;
            } else if self.s[self.i..].starts_with(b"//") {
                while self.peek().is_some_and(|c| c != b'\n') {
                    self.i += 1;
                }
            } else if self.s[self.i..].starts_with(b"/*") {
                let mut level = 0usize;
                while self.i < self.s.len() {
                    if self.s[self.i..].starts_with(b"/*") {
                        level += 1;
                        self.i += 2;
                    } else if self.s[self.i..].starts_with(b"*/") {
                        level -= 1;
                        self.i += 2;
                        if level == 0 {
                            break;
                        }
                    } else {
                        self.i += 1;
                    }
                }
            } else {
                break;
            }
        }
    }

    fn spot(&self, at: usize, kind: Kind) -> Spot {
        Spot { file: self.file, at, kind }
    }

    fn value(&mut self) -> Option<Spot> {
        self.ws();
        let at = self.i;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let v = match self.peek()? {
            b'[' => {
                self.i += 1;
                let items = self.seq(b']')?;
                self.spot(at, Kind::List(items))
            }
            b'{' => {
                self.i += 1;
                let fields = self.fields(b'}')?;
                self.spot(at, Kind::Record(fields))
            }
            b'(' => self.paren(at)?,
            b'"' => {
                let s = self.string()?;
                self.spot(at, Kind::Scalar(Some(s)))
            }
            b'r' if matches!(self.s.get(self.i + 1), Some(b'"' | b'#')) => {
                let s = self.raw_string()?;
                self.spot(at, Kind::Scalar(Some(s)))
            }
            b'b' if self.s.get(self.i + 1) == Some(&b'"') => {
                self.i += 1;
                let s = self.string()?;
                self.spot(at, Kind::Scalar(Some(s)))
            }
            b'\'' => {
                self.i += 1;
                while self.peek()? != b'\'' {
                    self.i += if self.peek()? == b'\\' { 2 } else { 1 };
                }
                self.i += 1;
                self.spot(at, Kind::Scalar(None))
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let name = self.ident();
                self.ws();
                if self.peek() == Some(b'(') {
                    if name == "Some" {
                        self.i += 1;
                        let inner = self.value()?;
                        self.ws();
                        (self.peek()? == b')').then_some(())?;
                        self.i += 1;
                        inner
                    } else {
                        self.paren(at)?
                    }
                } else {
                    self.spot(at, Kind::Scalar(None))
                }
            }
            _ => {
                let start = self.i;
                while self.peek().is_some_and(|c| !b",)]}:".contains(&c) && !c.is_ascii_whitespace()) {
                    self.i += 1;
                }
                (self.i > start).then_some(())?;
                self.spot(at, Kind::Scalar(None))
            }
        };
        self.depth -= 1;
        Some(v)
    }

    /// After `(`: a record `(name: value, …)` or a tuple `(a, b)`; `at` is where the value began.
    fn paren(&mut self, at: usize) -> Option<Spot> {
        self.i += 1;
        let save = self.i;
        self.ws();
        let is_record = match self.peek()? {
            b')' => true,
            c if c.is_ascii_alphabetic() || c == b'_' => {
                self.ident();
                self.ws();
                self.peek() == Some(b':') && self.s.get(self.i + 1) != Some(&b':')
            }
            _ => false,
        };
        self.i = save;
        if is_record {
            let fields = self.fields(b')')?;
            Some(self.spot(at, Kind::Record(fields)))
        } else {
            let items = self.seq(b')')?;
            Some(self.spot(at, Kind::List(items)))
        }
    }

    fn seq(&mut self, close: u8) -> Option<Vec<Spot>> {
        let mut items = Vec::new();
        loop {
            self.ws();
            if self.peek()? == close {
                self.i += 1;
                return Some(items);
            }
            items.push(self.value()?);
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                c if c == close => {}
                _ => return None,
            }
        }
    }

    fn fields(&mut self, close: u8) -> Option<Vec<(String, Spot)>> {
        let mut fields = Vec::new();
        loop {
            self.ws();
            if self.peek()? == close {
                self.i += 1;
                return Some(fields);
            }
            let key = match self.peek()? {
                b'"' => self.string()?,
                _ => {
                    let k = self.ident();
                    (!k.is_empty()).then_some(())?;
                    k.trim_start_matches("r#").to_string()
                }
            };
            self.ws();
            (self.peek()? == b':').then_some(())?;
            self.i += 1;
            fields.push((key, self.value()?));
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                c if c == close => {}
                _ => return None,
            }
        }
    }

    fn ident(&mut self) -> String {
        let start = self.i;
        if self.s[self.i..].starts_with(b"r#") {
            self.i += 2;
        }
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_') {
            self.i += 1;
        }
        String::from_utf8_lossy(&self.s[start..self.i]).into_owned()
    }

    /// A `"…"` string from its opening quote; returns its content with simple escapes undone.
    fn string(&mut self) -> Option<String> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            match self.peek()? {
                b'"' => break,
                b'\\' => {
                    let c = *self.s.get(self.i + 1)?;
                    out.push(match c {
                        b'n' => b'\n',
                        b't' => b'\t',
                        b'r' => b'\r',
                        other => other,
                    });
                    self.i += 2;
                }
                c => {
                    out.push(c);
                    self.i += 1;
                }
            }
        }
        self.i += 1;
        Some(String::from_utf8_lossy(&out).into_owned())
    }

    /// `r"…"` or `r#"…"#`.
    fn raw_string(&mut self) -> Option<String> {
        self.i += 1;
        let mut hashes = 0;
        while self.peek()? == b'#' {
            hashes += 1;
            self.i += 1;
        }
        (self.peek()? == b'"').then_some(())?;
        self.i += 1;
        let start = self.i;
        let mut end = vec![b'"'];
        end.extend(std::iter::repeat_n(b'#', hashes));
        while !self.s[self.i..].starts_with(&end) {
            self.i += 1;
            (self.i < self.s.len()).then_some(())?;
        }
        let content = String::from_utf8_lossy(&self.s[start..self.i]).into_owned();
        self.i += end.len();
        Some(content)
    }
}
