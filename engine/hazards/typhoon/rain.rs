//! R-CLIPER rain: the symmetric rain-rate profile by distance from the centre for a maximum wind
//! (Tuleya et al. 2007 bias-adjusted, as coded in CLIMADA `climada_RCLIPER.m`), and the storm
//! total at a point for a straight pass (models.md §1.4 and §7).
//!
//! The profile has no orography and no asymmetry. Over the Zhejiang hills it underestimates
//! (models.md §7); callers multiply rates by a named, reported enhancement factor
//! (default [`DEFAULT_RAIN_ENHANCEMENT`]) — nothing here applies one.

/// Default rain enhancement factor (orographic or calibration multiplier applied by callers).
pub const DEFAULT_RAIN_ENHANCEMENT: f64 = 1.0;

const MM_H_PER_IN_DAY: f64 = 25.4 / 24.0;

/// The R-CLIPER profile for one maximum wind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RCliper {
    /// Rain rate at the centre T0, mm/h.
    pub t0_mm_h: f64,
    /// Rain rate at r_m (the profile's peak) Tm, mm/h.
    pub tm_mm_h: f64,
    /// Radius of the rain maximum r_m, km.
    pub rm_km: f64,
    /// e-folding radius outside r_m, r_e, km.
    pub re_km: f64,
}

impl RCliper {
    /// The profile for a maximum sustained wind `vmax_kt` (knots). With U = 1 + (V_max − 35)/33:
    /// T0 = −1.10 + 3.96U, Tm = −1.60 + 4.80U (in/day, here converted to mm/h),
    /// r_m = 64 − 13U, r_e = 150 − 16U (km).
    ///
    /// Negative rates (V_max below ≈ 13 kt) are clipped to 0 here, as CLIMADA clips its output;
    /// the profile then stays piecewise linear/exponential, so [`Self::straight_pass_total_mm`]
    /// remains exact for it.
    pub fn from_vmax_kt(vmax_kt: f64) -> RCliper {
        let u = 1.0 + (vmax_kt - 35.0) / 33.0;
        RCliper {
            t0_mm_h: ((-1.10 + 3.96 * u) * MM_H_PER_IN_DAY).max(0.0),
            tm_mm_h: ((-1.60 + 4.80 * u) * MM_H_PER_IN_DAY).max(0.0),
            rm_km: 64.0 - 13.0 * u,
            re_km: 150.0 - 16.0 * u,
        }
    }

    /// Rain rate at `r_km` from the centre, mm/h: T0 + (Tm − T0)·r/r_m inside r_m,
    /// Tm·exp(−(r − r_m)/r_e) outside. No cut-off radius (CLIMADA limits it to 3° of the centre).
    pub fn rate_mm_h(&self, r_km: f64) -> f64 {
        let r = r_km.abs();
        if r <= self.rm_km {
            self.t0_mm_h + (self.tm_mm_h - self.t0_mm_h) * r / self.rm_km
        } else {
            self.tm_mm_h * (-(r - self.rm_km) / self.re_km).exp()
        }
    }

    /// Storm total at a point the centre passes straight over at a constant `speed_kmh`, mm:
    /// P = (2/c)·[r_m·(T0 + Tm)/2 + Tm·r_e] (the profile integrated over the whole pass).
    pub fn straight_pass_total_mm(&self, speed_kmh: f64) -> f64 {
        2.0 / speed_kmh * (self.rm_km * (self.t0_mm_h + self.tm_mm_h) / 2.0 + self.tm_mm_h * self.re_km)
    }

    /// Storm total at a point `miss_km` from a straight track passed at a constant `speed_kmh`,
    /// mm, by numerical integration (composite Simpson, split at r_m, out to where the rate has
    /// fallen by e⁻³⁵). Equals [`Self::straight_pass_total_mm`] at `miss_km` = 0.
    pub fn pass_total_mm(&self, speed_kmh: f64, miss_km: f64) -> f64 {
        let d = miss_km.abs();
        let rate_at = |s_km: f64| self.rate_mm_h(d.hypot(s_km));
        let r_far = self.rm_km + 35.0 * self.re_km;
        if d >= r_far {
            return 0.0;
        }
        let s_far = (r_far * r_far - d * d).sqrt();
        let along_km = if d < self.rm_km {
            let s_kink = (self.rm_km * self.rm_km - d * d).sqrt();
            simpson(rate_at, 0.0, s_kink, 4000) + simpson(rate_at, s_kink, s_far, 4000)
        } else {
            simpson(rate_at, 0.0, s_far, 8000)
        };
        2.0 * along_km / speed_kmh
    }
}

/// Rain rate at `r_km` from the centre of a storm with maximum wind `vmax_kt`, mm/h.
pub fn rain_rate_mm_h(vmax_kt: f64, r_km: f64) -> f64 {
    RCliper::from_vmax_kt(vmax_kt).rate_mm_h(r_km)
}

/// Storm total at a point passed straight over by a storm of maximum wind `vmax_kt` moving at
/// `speed_kmh`, mm (closed form; see [`RCliper::straight_pass_total_mm`]).
pub fn straight_pass_total_mm(vmax_kt: f64, speed_kmh: f64) -> f64 {
    RCliper::from_vmax_kt(vmax_kt).straight_pass_total_mm(speed_kmh)
}

/// Composite Simpson's rule for ∫ₐᵇ f with `n` (even) intervals.
fn simpson(f: impl Fn(f64) -> f64, a: f64, b: f64, n: usize) -> f64 {
    let h = (b - a) / n as f64;
    let inner: f64 = (1..n).map(|i| f(a + i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 }).sum();
    (f(a) + f(b) + inner) * h / 3.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs()
    }

    #[test]
    fn point_rates_at_35_kt() {
        // models.md §1.4: R(0) = 3.027 and R(r_m = 51 km) = 3.387 mm/h.
        let p = RCliper::from_vmax_kt(35.0);
        assert!(close(p.rm_km, 51.0, 1e-12) && close(p.re_km, 134.0, 1e-12));
        assert!(close(p.rate_mm_h(0.0), 3.027, 2e-4));
        assert!(close(p.rate_mm_h(51.0), 3.387, 2e-4));
        assert!(close(p.rate_mm_h(51.0 + 134.0), 3.387 / std::f64::consts::E, 2e-4));
        assert_eq!(rain_rate_mm_h(35.0, -20.0), p.rate_mm_h(20.0));
    }

    #[test]
    fn straight_pass_totals() {
        // 35 kt at 20 km/h → 61.74 mm; 68 kt → 129.71 mm.
        assert!(close(straight_pass_total_mm(35.0, 20.0), 61.74, 1e-4));
        assert!(close(straight_pass_total_mm(68.0, 20.0), 129.71, 1e-4));
        // Twice as fast, half the rain.
        assert!(close(straight_pass_total_mm(35.0, 40.0), 61.74 / 2.0, 1e-4));
    }

    #[test]
    fn integration_along_the_pass_matches_the_closed_form() {
        for vmax_kt in [35.0, 68.0, 100.0] {
            let p = RCliper::from_vmax_kt(vmax_kt);
            let closed = p.straight_pass_total_mm(20.0);
            assert!(close(p.pass_total_mm(20.0, 0.0), closed, 1e-6));
            // Independently: step the centre past the point as a simulation would (10 s ticks,
            // midpoint rate), ±3000 km either side.
            let (dt_h, speed_kmh) = (10.0 / 3600.0, 20.0);
            let steps = (2.0 * 3000.0 / speed_kmh / dt_h) as usize;
            let stepped: f64 = (0..steps)
                .map(|k| {
                    let t_h = -3000.0 / speed_kmh + (k as f64 + 0.5) * dt_h;
                    p.rate_mm_h(speed_kmh * t_h) * dt_h
                })
                .sum();
            assert!(close(stepped, closed, 1e-6), "{vmax_kt} kt: {stepped} vs {closed}");
        }
    }

    #[test]
    fn a_distant_pass_gets_less_rain() {
        let p = RCliper::from_vmax_kt(35.0);
        let over = p.pass_total_mm(20.0, 0.0);
        let near = p.pass_total_mm(20.0, 30.0);
        let far = p.pass_total_mm(20.0, 130.0);
        assert!(over > near && near > far && far > 0.0);
        assert_eq!(p.pass_total_mm(20.0, 1e6), 0.0);
    }

    #[test]
    fn weak_storms_give_no_negative_rain() {
        let p = RCliper::from_vmax_kt(5.0);
        assert_eq!((p.t0_mm_h, p.tm_mm_h), (0.0, 0.0));
        assert!(rain_rate_mm_h(12.0, 10.0) >= 0.0);
    }
}
