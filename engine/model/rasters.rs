//! The forest-fire rasters a scenario names: read (file checks as for every input), parsed as
//! ESRI ASCII grids with line:col errors, checked to share the fuel raster's cells, hashed.

use super::error::{InputError, Problem};
use super::source::{self, join_lexical, slash};
use std::path::Path;

/// The rasters of a modelled forest fire, read and parsed; all on the fuel raster's cells.
#[derive(Debug, Clone)]
pub struct Rasters {
    pub fuel: crate::model::asc::Grid,
    pub elevation: crate::model::asc::Grid,
    pub density: Option<crate::model::asc::Grid>,
    /// (file as named, SHA-256) of each raster read.
    pub files: Vec<(String, String)>,
}

pub fn load_rasters(dir: &Path, ff: &crate::model::ForestFire) -> Result<Rasters, InputError> {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    let mut read = |rel: &str| -> Option<crate::model::asc::Grid> {
        let path = join_lexical(dir, rel);
        let label = slash(&path);
        let text = match source::read_text(&path, &label, rel) {
            Ok(t) => t,
            Err(p) => {
                problems.push(p);
                return None;
            }
        };
        files.push((rel.to_string(), text.sha256.clone()));
        match crate::model::asc::Grid::parse(&text.text) {
            Ok(g) => Some(g),
            Err(e) => {
                problems.push(Problem {
                    file: label,
                    path: None,
                    pos: Some((e.line, e.col)),
                    message: e.message,
                    excerpt: None,
                });
                None
            }
        }
    };
    let fuel = read(&ff.fuel_asc);
    let elevation = read(&ff.elevation_asc);
    let density = ff.density_asc.as_deref().map(&mut read);
    if let (Some(f), Some(e)) = (&fuel, &elevation) {
        let others = [
            (&ff.elevation_asc, Some(e)),
            (ff.density_asc.as_ref().unwrap_or(&ff.fuel_asc), density.as_ref().and_then(|d| d.as_ref())),
        ];
        for (name, g) in others {
            if let Some(g) = g
                && !f.same_frame(g)
            {
                problems.push(Problem::file(
                    slash(&join_lexical(dir, name)),
                    format!(
                        "expected the cells of {} ({}×{} of {} m), found {}×{} of {} m",
                        ff.fuel_asc, f.ncols, f.nrows, f.cell_m, g.ncols, g.nrows, g.cell_m
                    ),
                ));
            }
        }
    }
    match (fuel, elevation, density) {
        (Some(fuel), Some(elevation), density) if problems.is_empty() => {
            Ok(Rasters { fuel, elevation, density: density.flatten(), files })
        }
        _ => Err(problems.into()),
    }
}
