//! A polder: the land behind a dike as one connected basin of zones (bathtub storage, models.md
//! §2.4). Water comes in over the crest, through a breach and as the land's own runoff; pumps and
//! sluices take it out. Depths follow from the stored volume by the exact inverse of V(η), so the
//! depths hold exactly the volume the books say.

use super::storage::Basin;

/// The land behind one dike.
#[derive(Debug, Clone, PartialEq)]
pub struct Polder {
    pub basin: Basin,
    /// Water stored, m³.
    pub volume_m3: f64,
    /// Everything that came in, m³.
    pub inflow_m3: f64,
    /// Everything drained out, m³.
    pub drained_m3: f64,
}

impl Polder {
    /// An empty polder over (elevation m, area m²) cells.
    pub fn new(cells: impl IntoIterator<Item = (f64, f64)>) -> Polder {
        Polder { basin: Basin::new(cells), volume_m3: 0.0, inflow_m3: 0.0, drained_m3: 0.0 }
    }

    /// Water level now, m (the floor when dry; `None` for a polder of no area).
    pub fn level_m(&self) -> Option<f64> {
        self.basin.level_m(self.volume_m3)
    }

    /// Depth on each cell, m, in the order given.
    pub fn depths_m(&self) -> Vec<f64> {
        self.basin.depths_for_volume_m(self.volume_m3)
    }

    /// One step: `inflow_m3` comes in, then up to `drain_m3` goes out. Returns what drained.
    pub fn step(&mut self, inflow_m3: f64, drain_m3: f64) -> f64 {
        let inflow = inflow_m3.max(0.0);
        self.volume_m3 += inflow;
        self.inflow_m3 += inflow;
        let out = drain_m3.max(0.0).min(self.volume_m3);
        self.volume_m3 -= out;
        self.drained_m3 += out;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn random_polder(rng: &mut ChaCha8Rng) -> Polder {
        let n = rng.random_range(1..8);
        Polder::new((0..n).map(|_| (rng.random_range(5.0..20.0), rng.random_range(1e4..5e6))))
    }

    /// Property: over random polders and inflows, the depths hold exactly the books' volume
    /// (1e-9 relative), none is negative, and the books balance.
    #[test]
    fn depths_hold_the_volume_over_random_inflows() {
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        for case in 0..300 {
            let mut p = random_polder(&mut rng);
            for _ in 0..50 {
                p.step(rng.random_range(0.0..1e6), rng.random_range(0.0..5e5));
                let d = p.depths_m();
                assert!(d.iter().all(|&x| x >= 0.0), "case {case}: negative depth");
                let held: f64 = d.iter().zip(p.basin.cells()).map(|(d, (_, a))| d * a).sum();
                let scale = p.inflow_m3.max(1.0);
                assert!((held - p.volume_m3).abs() <= 1e-9 * scale, "case {case}: {held} vs {}", p.volume_m3);
                assert!((p.inflow_m3 - p.drained_m3 - p.volume_m3).abs() <= 1e-9 * scale, "case {case}");
            }
        }
    }

    /// Property: more water in never lowers any depth.
    #[test]
    fn depth_is_monotone_in_inflow() {
        let mut rng = ChaCha8Rng::seed_from_u64(12);
        for case in 0..300 {
            let base = random_polder(&mut rng);
            let v = rng.random_range(0.0..1e7);
            let (mut a, mut b) = (base.clone(), base);
            a.step(v, 0.0);
            b.step(v + rng.random_range(0.0..1e6), 0.0);
            for (x, y) in a.depths_m().iter().zip(b.depths_m()) {
                assert!(y >= x - 1e-12, "case {case}: {x} → {y}");
            }
        }
    }

    #[test]
    fn a_flat_polder_gives_volume_over_area() {
        // models.md §2.4 check 2: h = V / A.
        let mut p = Polder::new([(10.0, 2e6)]);
        p.step(1e6, 0.0);
        assert!((p.depths_m()[0] - 0.5).abs() < 1e-12);
        assert!((p.level_m().unwrap() - 10.5).abs() < 1e-12);
    }
}
