//! Bathtub storage of a connected basin (models.md §2.4): V(η) = Σ A_i·max(0, η − z_i) over its
//! cells or zones, and the exact inverse η(V) on the sorted cell elevations, so that the depths
//! it gives hold exactly the volume put in. Fill-and-spill between basins builds on this.

/// A connected basin of cells (or zones), each with a ground elevation and a plan area.
#[derive(Debug, Clone, PartialEq)]
pub struct Basin {
    /// (elevation m, area m²) in the order given.
    cells: Vec<(f64, f64)>,
    /// Cells with positive area sorted by elevation: (elevation, cumulative area of this and all
    /// lower cells, cumulative Σ A·z of the same).
    sorted: Vec<(f64, f64, f64)>,
}

impl Basin {
    /// A basin from (elevation m, area m²) pairs. Cells with non-positive area hold no water.
    pub fn new(cells: impl IntoIterator<Item = (f64, f64)>) -> Self {
        let cells: Vec<(f64, f64)> = cells.into_iter().collect();
        let mut by_z: Vec<(f64, f64)> = cells.iter().copied().filter(|&(_, a)| a > 0.0).collect();
        by_z.sort_by(|x, y| x.0.total_cmp(&y.0));
        let (mut area, mut az) = (0.0, 0.0);
        let sorted = by_z
            .into_iter()
            .map(|(z, a)| {
                area += a;
                az += a * z;
                (z, area, az)
            })
            .collect();
        Basin { cells, sorted }
    }

    /// The cells as given, (elevation m, area m²).
    pub fn cells(&self) -> &[(f64, f64)] {
        &self.cells
    }

    /// Lowest elevation of a cell that holds water, m; `None` for a basin of no area.
    pub fn floor_m(&self) -> Option<f64> {
        self.sorted.first().map(|c| c.0)
    }

    /// Stored volume at water level `level_m`, m³: V(η) = Σ A_i·max(0, η − z_i).
    pub fn volume_m3(&self, level_m: f64) -> f64 {
        self.cells.iter().map(|&(z, a)| if a > 0.0 { a * (level_m - z).max(0.0) } else { 0.0 }).sum()
    }

    /// Water level holding `volume_m3`, m: the exact inverse of [`Basin::volume_m3`], linear
    /// between sorted cell elevations: on the segment where the lowest k cells are wet,
    /// η = (V + Σ_k A_i z_i)/Σ_k A_i. The floor for V ≤ 0; `None` for a basin of no area.
    pub fn level_m(&self, volume_m3: f64) -> Option<f64> {
        let &(floor, _, _) = self.sorted.first()?;
        if volume_m3 <= 0.0 {
            return Some(floor);
        }
        // The wet set is the lowest k cells where k is the last index whose own elevation is
        // reached: V(z_{k}) = cumA_{k−1}·z_k − cumAz_{k−1} ≤ V.
        let mut k = 0;
        for i in 1..self.sorted.len() {
            let (z, _, _) = self.sorted[i];
            let (_, area_below, az_below) = self.sorted[i - 1];
            if area_below * z - az_below <= volume_m3 {
                k = i;
            } else {
                break;
            }
        }
        let (_, area, az) = self.sorted[k];
        Some((volume_m3 + az) / area)
    }

    /// Depth of water in each cell at `level_m`, m, in the order given: max(0, η − z_i)
    /// (zero for cells of no area).
    pub fn depths_m(&self, level_m: f64) -> Vec<f64> {
        self.cells.iter().map(|&(z, a)| if a > 0.0 { (level_m - z).max(0.0) } else { 0.0 }).collect()
    }

    /// Depths for a stored volume: [`Basin::depths_m`] at [`Basin::level_m`]. All zero for a
    /// basin of no area.
    pub fn depths_for_volume_m(&self, volume_m3: f64) -> Vec<f64> {
        match self.level_m(volume_m3) {
            Some(level) => self.depths_m(level),
            None => vec![0.0; self.cells.len()],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(a: f64, b: f64) -> f64 {
        (a - b).abs() / b.abs().max(1e-300)
    }

    #[test]
    fn flat_zone_depth_is_volume_over_area() {
        let b = Basin::new([(7.0, 2.5e5)]);
        let v = 1.0e5;
        assert!((b.level_m(v).unwrap() - (7.0 + v / 2.5e5)).abs() < 1e-12);
        assert!((b.depths_for_volume_m(v)[0] - 0.4).abs() < 1e-12);
        assert_eq!(b.level_m(0.0), Some(7.0));
        assert_eq!(Basin::new([]).level_m(10.0), None);
    }

    #[test]
    fn linearly_growing_basin_gives_square_root_depth() {
        // A(z) = A₀·z/H, discretised as N rings of area A₀/N at mid-elevations (i + ½)·H/N.
        // Then V(η) = A₀η²/(2H) exactly at η = m·H/N, and between those points the volume is off
        // by at most A₀H/(8N²), so the level is off by at most a relative 1/(8m²) with m = ηN/H.
        // With N = 1000 and η ≥ 0.1·H (m ≥ 100) that is ≤ 1.25e-5; we assert 2e-5.
        let (a0, h, n) = (1.0e6, 4.0, 1000);
        let basin = Basin::new((0..n).map(|i| ((i as f64 + 0.5) * h / n as f64, a0 / n as f64)));
        for eta_frac in [0.1, 0.2345, 0.5, 0.777, 0.999] {
            let v = a0 * (eta_frac * h).powi(2) / (2.0 * h);
            let expected = (2.0 * h * v / a0).sqrt();
            let got = basin.level_m(v).unwrap();
            assert!(rel(got, expected) < 2e-5, "η/H {eta_frac}: {got} vs {expected}");
        }
    }

    #[test]
    fn inverse_round_trips_and_mass_is_conserved() {
        // Irregular cells, out of order, with ties and a zero-area cell.
        let cells = [
            (5.2, 1200.0),
            (3.1, 800.0),
            (4.0, 0.0),
            (3.1, 450.0),
            (9.75, 3000.0),
            (6.6, 2.0e4),
            (4.05, 15.0),
            (12.0, 1.0e5),
        ];
        let basin = Basin::new(cells);
        for level in [3.1, 3.5, 4.05, 5.0, 5.2, 6.0, 6.6, 9.0, 11.9, 12.0, 15.3] {
            let v = basin.volume_m3(level);
            if v > 0.0 {
                assert!(rel(basin.level_m(v).unwrap(), level) < 1e-9, "level {level}");
            }
        }
        for v in [1.0, 333.3, 5.0e3, 1.2345e5, 9.9e6] {
            let level = basin.level_m(v).unwrap();
            assert!(rel(basin.volume_m3(level), v) < 1e-9, "volume {v}");
            let held: f64 = basin.depths_m(level).iter().zip(&cells).map(|(d, (_, a))| d * a).sum();
            assert!(rel(held, v) < 1e-9, "mass {v}: {held}");
            assert!(basin.depths_m(level).iter().all(|&d| d >= 0.0));
        }
        assert_eq!(basin.floor_m(), Some(3.1));
    }

    #[test]
    fn level_is_monotone_in_volume() {
        let basin = Basin::new([(1.0, 10.0), (2.0, 30.0), (2.5, 5.0), (4.0, 100.0)]);
        let mut last = f64::NEG_INFINITY;
        for i in 0..500 {
            let level = basin.level_m(i as f64 * 1.7).unwrap();
            assert!(level >= last);
            last = level;
        }
    }
}
