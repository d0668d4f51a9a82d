//! A reservoir pool: level-pool routing over a spillway weir, its storage–level relation
//! V(z) = V₀·((z − z_bed)/H)^m for a valley pool, and a breach that drains the pool as a linear
//! reservoir whose first outflow is the Froehlich (1995) peak. Every step keeps the books:
//! volume now = volume before + inflow − outflow, to rounding.

use super::failure::froehlich_peak_outflow_m3s;
use super::stage::weir_discharge_m3s;

/// Longest explicit sub-step of the level-pool routing, s.
const SUBSTEP_S: f64 = 60.0;

/// A reservoir pool.
#[derive(Debug, Clone, PartialEq)]
pub struct Pool {
    /// Volume at the spillway crest, m³.
    pub crest_volume_m3: f64,
    /// Spillway crest, m above datum.
    pub crest_m: f64,
    /// Depth of the pool at the crest (crest − bed), m.
    pub depth_m: f64,
    /// Exponent m of the storage–level relation (3 × V₀ / (A₀·H) ⇔ m = A₀·H / V₀).
    pub exponent: f64,
    /// Spillway crest length, m.
    pub spillway_length_m: f64,
    /// Water stored now, m³.
    pub volume_m3: f64,
    /// Once breached: the linear-reservoir constant of the breach outflow, s.
    pub breach_k_s: Option<f64>,
}

impl Pool {
    /// A pool holding `crest_volume_m3` at its crest with surface area `area_m2` there, depth
    /// `depth_m` from bed to crest, starting at `level_m`.
    pub fn new(
        crest_volume_m3: f64,
        area_m2: f64,
        crest_m: f64,
        depth_m: f64,
        spillway_length_m: f64,
        level_m: f64,
    ) -> Pool {
        let exponent = (area_m2 * depth_m / crest_volume_m3).max(1.0);
        let mut p = Pool {
            crest_volume_m3,
            crest_m,
            depth_m,
            exponent,
            spillway_length_m,
            volume_m3: 0.0,
            breach_k_s: None,
        };
        p.volume_m3 = p.volume_at(level_m);
        p
    }

    /// Bed level, m.
    pub fn bed_m(&self) -> f64 {
        self.crest_m - self.depth_m
    }

    /// Volume stored at `level_m`, m³.
    pub fn volume_at(&self, level_m: f64) -> f64 {
        let rel = ((level_m - self.bed_m()) / self.depth_m).max(0.0);
        self.crest_volume_m3 * rel.powf(self.exponent)
    }

    /// Pool level now, m (the exact inverse of [`Pool::volume_at`]).
    pub fn level_m(&self) -> f64 {
        self.bed_m()
            + self.depth_m * (self.volume_m3.max(0.0) / self.crest_volume_m3).powf(1.0 / self.exponent)
    }

    /// Start the breach: the pool empties as a linear reservoir whose outflow now is the
    /// Froehlich peak for the volume and head above the bed. Returns the peak, m³/s.
    pub fn breach(&mut self) -> f64 {
        let peak = froehlich_peak_outflow_m3s(self.volume_m3, self.level_m() - self.bed_m());
        if peak > 0.0 {
            self.breach_k_s = Some(self.volume_m3 / peak);
        }
        peak
    }

    /// Outflow now, m³/s: over the spillway, and through the breach if there is one.
    pub fn outflow_m3s(&self) -> f64 {
        let spill = weir_discharge_m3s(self.level_m() - self.crest_m, self.spillway_length_m);
        spill + self.breach_k_s.map_or(0.0, |k| self.volume_m3 / k)
    }

    /// Route `inflow_m3s` through the pool for `dt_s` seconds; returns the volume released,
    /// m³ (never more than was there plus what came in).
    pub fn step(&mut self, inflow_m3s: f64, dt_s: f64) -> f64 {
        let n = (dt_s / SUBSTEP_S).ceil().max(1.0);
        let h = dt_s / n;
        let mut released = 0.0;
        for _ in 0..n as usize {
            let available = self.volume_m3 + inflow_m3s * h;
            let out = (self.outflow_m3s() * h).min(available).max(0.0);
            self.volume_m3 = available - out;
            released += out;
        }
        released
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn pool(level_m: f64) -> Pool {
        // 3.2 million m³ at the crest (96.5 m), 32 m deep, 0.3 km² at the crest: m = 3.
        Pool::new(3.2e6, 0.3e6, 96.5, 32.0, 20.0, level_m)
    }

    #[test]
    fn level_and_volume_are_inverse() {
        let p = pool(95.5);
        assert!((p.exponent - 3.0).abs() < 1e-12);
        assert!((p.level_m() - 95.5).abs() < 1e-9);
        assert!((p.volume_at(96.5) - 3.2e6).abs() < 1e-6);
    }

    #[test]
    fn below_the_crest_nothing_leaves() {
        let mut p = pool(95.0);
        let v0 = p.volume_m3;
        assert_eq!(p.step(10.0, 600.0), 0.0);
        assert!((p.volume_m3 - v0 - 6000.0).abs() < 1e-6);
    }

    #[test]
    fn a_steady_inflow_settles_at_the_weir_head_that_passes_it() {
        // 20 m³/s over 20 m of crest: H = (20 / (1.7·20))^(2/3) = 0.7023 m.
        let mut p = pool(96.5);
        for _ in 0..2000 {
            p.step(20.0, 600.0);
        }
        let head = p.level_m() - 96.5;
        assert!((head - (20.0f64 / 34.0).powf(2.0 / 3.0)).abs() < 1e-3, "{head}");
    }

    #[test]
    fn a_breach_starts_at_the_froehlich_peak_and_empties_the_pool() {
        let mut p = pool(96.0);
        let v = p.volume_m3;
        let peak = p.breach();
        assert!((peak - froehlich_peak_outflow_m3s(v, 31.5)).abs() < 1e-9);
        assert!((p.outflow_m3s() - peak).abs() < 1e-9);
        let mut out = 0.0;
        for _ in 0..200 {
            out += p.step(0.0, 600.0);
        }
        assert!(p.volume_m3 < 1e-3 * v, "{} left", p.volume_m3);
        assert!((out + p.volume_m3 - v).abs() <= 1e-9 * v);
    }

    /// Property: over random pools, levels, inflows and breaches the pool keeps its books to
    /// 1e-9 relative and never holds a negative volume.
    #[test]
    fn mass_balance_over_random_inflows() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for case in 0..300 {
            let depth = rng.random_range(5.0..40.0);
            let mut p = Pool::new(
                rng.random_range(1e5..1e7),
                rng.random_range(1e4..1e6),
                100.0,
                depth,
                rng.random_range(5.0..50.0),
                100.0 - rng.random_range(0.0..depth),
            );
            let v0 = p.volume_m3;
            let (mut inflow, mut out) = (0.0, 0.0);
            for k in 0..100 {
                if k == 50 && rng.random_bool(0.5) {
                    p.breach();
                }
                let q = rng.random_range(0.0..200.0);
                let dt = rng.random_range(60.0..1800.0);
                inflow += q * dt;
                out += p.step(q, dt);
                assert!(p.volume_m3 >= 0.0 && p.level_m() >= p.bed_m() - 1e-9, "case {case}");
            }
            let err = (p.volume_m3 - (v0 + inflow - out)).abs() / (v0 + inflow);
            assert!(err < 1e-9, "case {case}: relative error {err}");
        }
    }
}
