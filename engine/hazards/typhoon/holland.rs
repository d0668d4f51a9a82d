//! Holland (1980) pressure and gradient-wind profile with Coriolis, its parameters (B from the
//! maximum wind, R_max from the Vickery–Wadhera fit) and the reduction to surface wind and gusts
//! (models.md §1.1 and §7).

use std::f64::consts::E;

/// Air density, kg/m³ (models.md §1.1).
pub const RHO_AIR_KG_M3: f64 = 1.15;
/// Ambient (environmental) pressure p_n, hPa: Chinese engineering practice (models.md §1.1).
pub const P_AMBIENT_HPA: f64 = 1010.0;
/// Earth's angular velocity Ω, rad/s.
pub const OMEGA_RAD_S: f64 = 7.292e-5;
/// Smallest Holland B accepted (models.md §7).
pub const B_MIN: f64 = 1.0;
/// Largest Holland B accepted (models.md §7).
pub const B_MAX: f64 = 2.5;
/// Gradient-to-surface (10 m) wind factor K over land. **Uncertain** (models.md §1.1 marks it
/// "?"): a common engineering value, not checked against a primary source.
pub const K_SURFACE_LAND: f64 = 0.7;
/// Gradient-to-surface (10 m) wind factor K over sea (the ScientiMate default, models.md §1.1).
pub const K_SURFACE_SEA: f64 = 0.8;
/// Gust factor over land from the 2-min mean wind, for warning thresholds stated as gusts
/// (models.md §7, "≈ 1.5", not re-checked).
pub const GUST_FACTOR_LAND: f64 = 1.5;

const PA_PER_HPA: f64 = 100.0;
const M_PER_KM: f64 = 1000.0;

/// Coriolis parameter f = 2Ω·sin φ, 1/s, at latitude `lat_deg` (negative south of the equator).
pub fn coriolis_per_s(lat_deg: f64) -> f64 {
    2.0 * OMEGA_RAD_S * lat_deg.to_radians().sin()
}

/// Holland pressure at `r_km` from the centre, hPa: p(r) = p_c + Δp·exp(−(R_m/r)^B).
/// Returns `pc_hpa` at the centre (r ≤ 0).
pub fn pressure_hpa(r_km: f64, pc_hpa: f64, dp_hpa: f64, rmax_km: f64, b: f64) -> f64 {
    if r_km <= 0.0 {
        return pc_hpa;
    }
    pc_hpa + dp_hpa * (-(rmax_km / r_km).powf(b)).exp()
}

/// Holland gradient wind at `r_km` from the centre, m/s:
/// V_g(r) = √((B·Δp/ρ)·x·e^(−x) + (r·f/2)²) − r·|f|/2 with x = (R_m/r)^B, Δp in Pa, r in m.
///
/// `f_per_s` is the Coriolis parameter ([`coriolis_per_s`]; 0 for the cyclostrophic wind).
/// A non-positive `dp_hpa` gives no wind; the wind is 0 at the centre.
pub fn gradient_wind_mps(r_km: f64, dp_hpa: f64, rmax_km: f64, b: f64, f_per_s: f64) -> f64 {
    if r_km <= 0.0 || dp_hpa <= 0.0 {
        return 0.0;
    }
    let x = (rmax_km / r_km).powf(b);
    let half_rf = r_km * M_PER_KM * f_per_s.abs() / 2.0;
    let cyclostrophic_sq = b * dp_hpa * PA_PER_HPA / RHO_AIR_KG_M3 * x * (-x).exp();
    ((cyclostrophic_sq + half_rf * half_rf).sqrt() - half_rf).max(0.0)
}

/// The cyclostrophic (f = 0) maximum gradient wind, reached at r = R_m, m/s:
/// V_max = √(B·Δp/(ρ·e)), Δp in Pa (GA-TCRM `wind/vmax.py`).
pub fn cyclostrophic_vmax_mps(dp_hpa: f64, b: f64) -> f64 {
    (b * dp_hpa.max(0.0) * PA_PER_HPA / (RHO_AIR_KG_M3 * E)).sqrt()
}

/// Holland B from a track's maximum wind and pressure deficit (models.md §7):
/// B = ρ·e·V_max²/Δp with Δp in Pa, clipped to [[`B_MIN`], [`B_MAX`]].
///
/// `vmax_mps` is used as given: a CMA best track's 2-min mean surface wind is treated as the
/// cyclostrophic gradient maximum, as models.md §7 writes it. A non-positive `dp_hpa` gives
/// [`B_MAX`] (the limit of the formula).
pub fn holland_b(vmax_mps: f64, dp_hpa: f64) -> f64 {
    if dp_hpa <= 0.0 {
        return B_MAX;
    }
    let b = RHO_AIR_KG_M3 * E * vmax_mps * vmax_mps / (dp_hpa * PA_PER_HPA);
    if b.is_nan() { B_MIN } else { b.clamp(B_MIN, B_MAX) }
}

/// Radius of maximum wind from the Vickery & Wadhera (2008) fit, km:
/// ln R_m = 3.015 − 6.291·10⁻⁵·Δp² + 0.0337·|φ| (Δp in hPa, φ in degrees).
///
/// **Uncertain** (models.md §1.1 marks it "?"): fitted to Atlantic hurricanes, not confirmed in
/// the primary source; use a track's own R_max where it gives one.
pub fn rmax_vickery_wadhera_km(dp_hpa: f64, lat_deg: f64) -> f64 {
    let dp = dp_hpa.max(0.0);
    (3.015 - 6.291e-5 * dp * dp + 0.0337 * lat_deg.abs()).exp()
}

/// Surface (10 m) wind from a gradient wind, m/s: V₁₀ = K·V_g, with `k` e.g. [`K_SURFACE_LAND`].
pub fn surface_wind_mps(gradient_mps: f64, k: f64) -> f64 {
    k * gradient_mps
}

/// Gust over land from a 2-min mean wind, m/s ([`GUST_FACTOR_LAND`] × the mean).
pub fn gust_mps(mean_2min_mps: f64) -> f64 {
    GUST_FACTOR_LAND * mean_2min_mps
}

/// A Holland wind and pressure field at one instant: the parameters of §1.1 together.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Holland {
    /// Central pressure p_c, hPa.
    pub pc_hpa: f64,
    /// Ambient pressure p_n, hPa.
    pub pn_hpa: f64,
    /// Radius of maximum wind R_m, km.
    pub rmax_km: f64,
    /// Holland B (dimensionless).
    pub b: f64,
    /// Coriolis parameter f, 1/s.
    pub f_per_s: f64,
}

impl Holland {
    /// A profile from a track point: p_n = [`P_AMBIENT_HPA`], B from `vmax_mps` and Δp
    /// ([`holland_b`]) unless `b` is given, R_m from [`rmax_vickery_wadhera_km`] unless
    /// `rmax_km` is given, f at `lat_deg`.
    pub fn from_track(
        pc_hpa: f64,
        vmax_mps: f64,
        rmax_km: Option<f64>,
        b: Option<f64>,
        lat_deg: f64,
    ) -> Holland {
        let dp_hpa = P_AMBIENT_HPA - pc_hpa;
        Holland {
            pc_hpa,
            pn_hpa: P_AMBIENT_HPA,
            rmax_km: rmax_km.unwrap_or_else(|| rmax_vickery_wadhera_km(dp_hpa, lat_deg)),
            b: b.unwrap_or_else(|| holland_b(vmax_mps, dp_hpa)),
            f_per_s: coriolis_per_s(lat_deg),
        }
    }

    /// Pressure deficit Δp = p_n − p_c, hPa (never negative).
    pub fn dp_hpa(&self) -> f64 {
        (self.pn_hpa - self.pc_hpa).max(0.0)
    }

    /// Pressure at `r_km` from the centre, hPa.
    pub fn pressure_hpa(&self, r_km: f64) -> f64 {
        pressure_hpa(r_km, self.pc_hpa, self.dp_hpa(), self.rmax_km, self.b)
    }

    /// Gradient wind at `r_km` from the centre, m/s.
    pub fn gradient_wind_mps(&self, r_km: f64) -> f64 {
        gradient_wind_mps(r_km, self.dp_hpa(), self.rmax_km, self.b, self.f_per_s)
    }

    /// Surface (10 m, 2-min mean) wind at `r_km` from the centre with reduction factor `k`, m/s.
    pub fn surface_wind_mps(&self, r_km: f64, k: f64) -> f64 {
        surface_wind_mps(self.gradient_wind_mps(r_km), k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs()
    }

    #[test]
    fn wind_at_rmax_matches_the_cyclostrophic_maximum() {
        // models.md §1.1: f = 0, B = 1.5, Δp = 50 hPa → V(R_m) = 48.98 m/s.
        let v = gradient_wind_mps(30.0, 50.0, 30.0, 1.5, 0.0);
        assert!(close(v, 48.98, 1e-4), "{v}");
        assert!(close(cyclostrophic_vmax_mps(50.0, 1.5), v, 1e-12));
        // ... and it is the maximum of the profile.
        let peak = (1..2000).map(|i| gradient_wind_mps(i as f64 * 0.1, 50.0, 30.0, 1.5, 0.0));
        assert!(peak.fold(0.0, f64::max) <= v + 1e-9);
    }

    #[test]
    fn wind_at_twice_rmax_is_0_8215_of_the_maximum() {
        let ratio = gradient_wind_mps(60.0, 50.0, 30.0, 1.5, 0.0) / cyclostrophic_vmax_mps(50.0, 1.5);
        assert!(close(ratio, 0.8215, 1e-4), "{ratio}");
    }

    #[test]
    fn pressure_at_rmax_is_pc_plus_dp_over_e() {
        let p = pressure_hpa(40.0, 960.0, 50.0, 40.0, 1.3);
        assert!(close(p, 960.0 + 50.0 / E, 1e-12));
        assert_eq!(pressure_hpa(0.0, 960.0, 50.0, 40.0, 1.3), 960.0);
        assert!(close(pressure_hpa(1e6, 960.0, 50.0, 40.0, 1.3), 1010.0, 1e-6));
    }

    #[test]
    fn coriolis_lowers_the_wind_far_out() {
        let f = coriolis_per_s(29.7);
        assert!(close(f, 2.0 * 7.292e-5 * 0.4955, 1e-3));
        for r_km in [100.0, 200.0, 400.0] {
            let with = gradient_wind_mps(r_km, 50.0, 30.0, 1.5, f);
            let without = gradient_wind_mps(r_km, 50.0, 30.0, 1.5, 0.0);
            assert!(with < without, "r = {r_km}: {with} vs {without}");
        }
        // Near R_m the difference is small (< 3 %).
        let with = gradient_wind_mps(30.0, 50.0, 30.0, 1.5, f);
        assert!(with < 48.98 && with > 0.97 * 48.98);
    }

    #[test]
    fn b_from_vmax_inverts_the_maximum_and_is_clipped() {
        assert!(close(holland_b(48.981_769_5, 50.0), 1.5, 1e-6));
        assert_eq!(holland_b(10.0, 50.0), B_MIN);
        assert_eq!(holland_b(90.0, 20.0), B_MAX);
        assert_eq!(holland_b(30.0, 0.0), B_MAX);
    }

    #[test]
    fn rmax_fit_and_profile_defaults() {
        // ln R_m = 3.015 − 6.291e-5·50² + 0.0337·28 → 44.76 km.
        assert!(close(rmax_vickery_wadhera_km(50.0, 28.0), 44.76, 1e-3));
        let h = Holland::from_track(960.0, 48.981_769_5, None, None, 28.0);
        assert!(close(h.rmax_km, 44.76, 1e-3));
        assert!(close(h.b, 1.5, 1e-6));
        assert_eq!(h.dp_hpa(), 50.0);
        let given = Holland::from_track(960.0, 40.0, Some(25.0), Some(1.3), 28.0);
        assert_eq!((given.rmax_km, given.b), (25.0, 1.3));
        assert!(close(h.surface_wind_mps(100.0, K_SURFACE_LAND), 0.7 * h.gradient_wind_mps(100.0), 1e-12));
    }

    #[test]
    fn surface_and_gust_factors() {
        assert!(close(surface_wind_mps(40.0, K_SURFACE_LAND), 28.0, 1e-12));
        assert!(close(gust_mps(20.0), 30.0, 1e-12));
        assert_eq!(gradient_wind_mps(10.0, -5.0, 30.0, 1.5, 0.0), 0.0);
        assert_eq!(gradient_wind_mps(0.0, 50.0, 30.0, 1.5, 1e-4), 0.0);
    }
}
