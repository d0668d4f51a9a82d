//! ESRI ASCII grids (`.asc`): the header (`ncols`, `nrows`, `xllcorner`/`xllcenter`,
//! `yllcorner`/`yllcenter`, `cellsize`, optional `NODATA_value`), then `nrows` rows of `ncols`
//! numbers, the first row the northernmost. Every problem names its line and column.

/// A grid of values, row 0 the southernmost (so `y` grows with the row index).
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub ncols: usize,
    pub nrows: usize,
    /// Lower-left corner of the lower-left cell, in the file's frame, m.
    pub x0_m: f64,
    pub y0_m: f64,
    pub cell_m: f64,
    /// Values by `row * ncols + col`, row 0 south; NODATA cells are `None`.
    pub values: Vec<Option<f64>>,
}

/// A problem in a grid file: line and column (1-based) and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AscError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

/// Largest grid accepted (cells), so a bad header cannot ask for gigabytes.
pub const MAX_CELLS: usize = 16_000_000;

impl Grid {
    /// Parse a grid from its text.
    pub fn parse(text: &str) -> Result<Grid, AscError> {
        let mut tokens = Tokens::new(text);
        let mut header: Vec<(String, f64, usize, usize)> = Vec::new();
        // The header is keyword-value pairs until the first token that is a number.
        const KNOWN: [&str; 8] = [
            "ncols",
            "nrows",
            "xllcorner",
            "xllcenter",
            "yllcorner",
            "yllcenter",
            "cellsize",
            "nodata_value",
        ];
        while let Some((tok, line, col)) = tokens.peek() {
            let key = tok.to_ascii_lowercase();
            let sized = header.iter().any(|h| h.0 == "ncols") && header.iter().any(|h| h.0 == "nrows");
            // The data begin at the first number, or at anything not a keyword once the size
            // is known (so a word among the values reads as a bad value, not a bad keyword).
            if tok.parse::<f64>().is_ok() || (sized && !KNOWN.contains(&key.as_str())) {
                break;
            }
            tokens.next();
            let Some((v, vl, vc)) = tokens.next() else {
                return Err(AscError {
                    line,
                    col,
                    message: format!("expected a number after {tok}, found the end"),
                });
            };
            let value = v.parse::<f64>().map_err(|_| AscError {
                line: vl,
                col: vc,
                message: format!("expected a number after {tok}, found {v:?}"),
            })?;
            header.push((key, value, line, col));
        }
        let get =
            |names: &[&str]| header.iter().find(|h| names.contains(&h.0.as_str())).map(|h| (h.1, h.2, h.3));
        let need = |names: &[&str]| {
            get(names).ok_or(AscError {
                line: 1,
                col: 1,
                message: format!("expected a header line {}", names[0]),
            })
        };
        for (key, _, line, col) in &header {
            if !KNOWN.contains(&key.as_str()) {
                return Err(AscError {
                    line: *line,
                    col: *col,
                    message: format!("unknown header keyword {key:?}"),
                });
            }
        }
        let count = |(v, line, col): (f64, usize, usize), what: &str| -> Result<usize, AscError> {
            if v.fract() == 0.0 && v >= 1.0 && v <= MAX_CELLS as f64 {
                Ok(v as usize)
            } else {
                Err(AscError {
                    line,
                    col,
                    message: format!("expected {what} as a whole number ≥ 1, found {v}"),
                })
            }
        };
        let ncols = count(need(&["ncols"])?, "ncols")?;
        let nrows = count(need(&["nrows"])?, "nrows")?;
        if ncols * nrows > MAX_CELLS {
            return Err(AscError {
                line: 1,
                col: 1,
                message: format!("expected at most {MAX_CELLS} cells, found {}", ncols * nrows),
            });
        }
        let (cell_m, cl, cc) = need(&["cellsize"])?;
        if !(cell_m > 0.0 && cell_m.is_finite()) {
            return Err(AscError {
                line: cl,
                col: cc,
                message: format!("expected a cellsize > 0, found {cell_m}"),
            });
        }
        let half = |corner: bool| if corner { 0.0 } else { 0.5 * cell_m };
        let (x0_m, xcorner) = match (get(&["xllcorner"]), get(&["xllcenter"])) {
            (Some(c), _) => (c.0, true),
            (None, Some(c)) => (c.0, false),
            (None, None) => {
                return Err(AscError { line: 1, col: 1, message: "expected a header line xllcorner".into() });
            }
        };
        let (y0_m, ycorner) = match (get(&["yllcorner"]), get(&["yllcenter"])) {
            (Some(c), _) => (c.0, true),
            (None, Some(c)) => (c.0, false),
            (None, None) => {
                return Err(AscError { line: 1, col: 1, message: "expected a header line yllcorner".into() });
            }
        };
        let nodata = get(&["nodata_value"]).map(|n| n.0);
        let mut values = vec![None; ncols * nrows];
        for r in 0..nrows {
            let row = nrows - 1 - r; // the file's first row is the northernmost
            for c in 0..ncols {
                let Some((tok, line, col)) = tokens.next() else {
                    let (line, col) = tokens.end();
                    return Err(AscError {
                        line,
                        col,
                        message: format!(
                            "expected {} values ({nrows} rows of {ncols}), found {}",
                            nrows * ncols,
                            r * ncols + c
                        ),
                    });
                };
                let v: f64 = tok.parse().ok().filter(|v: &f64| v.is_finite()).ok_or(AscError {
                    line,
                    col,
                    message: format!("expected a number, found {tok:?}"),
                })?;
                values[row * ncols + c] = if Some(v) == nodata { None } else { Some(v) };
            }
        }
        if let Some((tok, line, col)) = tokens.next() {
            return Err(AscError {
                line,
                col,
                message: format!("expected the end after {nrows} rows of {ncols}, found {tok:?}"),
            });
        }
        Ok(Grid { ncols, nrows, x0_m: x0_m - half(xcorner), y0_m: y0_m - half(ycorner), cell_m, values })
    }

    /// Value of cell (col, row), row 0 south.
    pub fn at(&self, col: usize, row: usize) -> Option<f64> {
        self.values[row * self.ncols + col]
    }

    /// Whether another grid covers the same cells.
    pub fn same_frame(&self, o: &Grid) -> bool {
        self.ncols == o.ncols
            && self.nrows == o.nrows
            && (self.x0_m - o.x0_m).abs() < 1e-6
            && (self.y0_m - o.y0_m).abs() < 1e-6
            && (self.cell_m - o.cell_m).abs() < 1e-9
    }
}

/// Whitespace-separated tokens with their line and column.
struct Tokens<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    line_start: usize,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str) -> Tokens<'a> {
        Tokens { text, pos: 0, line: 1, line_start: 0 }
    }

    fn skip_space(&mut self) {
        let bytes = self.text.as_bytes();
        while self.pos < bytes.len() && bytes[self.pos].is_ascii_whitespace() {
            if bytes[self.pos] == b'\n' {
                self.line += 1;
                self.line_start = self.pos + 1;
            }
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<(&'a str, usize, usize)> {
        let save = (self.pos, self.line, self.line_start);
        let t = self.next();
        (self.pos, self.line, self.line_start) = save;
        t
    }

    fn next(&mut self) -> Option<(&'a str, usize, usize)> {
        self.skip_space();
        let bytes = self.text.as_bytes();
        if self.pos >= bytes.len() {
            return None;
        }
        let start = self.pos;
        while self.pos < bytes.len() && !bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
        let col = self.text[self.line_start..start].chars().count() + 1;
        Some((&self.text[start..self.pos], self.line, col))
    }

    fn end(&mut self) -> (usize, usize) {
        self.skip_space();
        (self.line, self.text[self.line_start..self.pos].chars().count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str =
        "ncols 3\nnrows 2\nxllcorner 100\nyllcorner 200\ncellsize 50\nNODATA_value -9999\n1 2 3\n4 -9999 6\n";

    #[test]
    fn reads_a_small_grid_with_row_zero_south() {
        let g = Grid::parse(SMALL).unwrap();
        assert_eq!((g.ncols, g.nrows, g.cell_m, g.x0_m, g.y0_m), (3, 2, 50.0, 100.0, 200.0));
        assert_eq!(g.at(0, 1), Some(1.0)); // first file row is the north row
        assert_eq!(g.at(0, 0), Some(4.0));
        assert_eq!(g.at(1, 0), None);
    }

    #[test]
    fn centre_registration_moves_the_corner_half_a_cell() {
        let g =
            Grid::parse(&SMALL.replace("xllcorner", "xllcenter").replace("yllcorner", "yllcenter")).unwrap();
        assert_eq!((g.x0_m, g.y0_m), (75.0, 175.0));
    }

    #[test]
    fn problems_name_line_and_column() {
        let e = Grid::parse(&SMALL.replace("4 -9999 6", "4 seventy 6")).unwrap_err();
        assert_eq!((e.line, e.col), (8, 3));
        assert_eq!(e.message, "expected a number, found \"seventy\"");
        let e = Grid::parse(&SMALL.replace("4 -9999 6\n", "4 5\n")).unwrap_err();
        assert!(e.message.starts_with("expected 6 values"), "{}", e.message);
        let e = Grid::parse(&SMALL.replace("cellsize 50", "cellsize 0")).unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (5, "expected a cellsize > 0, found 0"));
        let e = Grid::parse(&SMALL.replace("nrows 2", "nrows 2.5")).unwrap_err();
        assert_eq!(e.line, 2);
        let e = Grid::parse(&SMALL.replace("1 2 3", "one 2 3")).unwrap_err();
        assert_eq!((e.line, e.col, e.message.as_str()), (7, 1, "expected a number, found \"one\""));
        let e = Grid::parse(&SMALL.replace("ncols", "ncolumns")).unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (1, "unknown header keyword \"ncolumns\""));
        let e = Grid::parse(&format!("{SMALL}7\n")).unwrap_err();
        assert_eq!((e.line, e.col), (9, 1));
        let e =
            Grid::parse("ncols 100000\nnrows 100000\nxllcorner 0\nyllcorner 0\ncellsize 1\n").unwrap_err();
        assert!(e.message.starts_with("expected at most"));
    }
}
