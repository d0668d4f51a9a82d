//! River stage and overtopping (models.md §2.3): a rating curve Q = a·(h − h₀)^b and its
//! inverse, Manning depth in a wide rectangular channel, and broad-crested weir overtopping.

/// Broad-crested weir coefficient C_w in q = C_w·L·H^1.5, SI (m^½/s).
pub const WEIR_COEFFICIENT_SI: f64 = 1.7;
/// Manning exponent for depth in a wide rectangular channel: h = (n·Q/(W·√S))^(3/5).
pub const MANNING_WIDE_DEPTH_EXPONENT: f64 = 0.6;

/// A stage–discharge rating curve Q = a·(h − h₀)^b, h in m, Q in m³/s.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RatingCurve {
    /// Coefficient a, m³/s per m^b.
    pub a: f64,
    /// Stage of zero flow h₀, m (same datum as the stage).
    pub h0_m: f64,
    /// Exponent b, typically 1.5–2.5.
    pub b: f64,
}

impl RatingCurve {
    /// Discharge at stage `h_m`, m³/s; zero at or below h₀.
    pub fn discharge_m3s(&self, h_m: f64) -> f64 {
        let head = h_m - self.h0_m;
        if head <= 0.0 { 0.0 } else { self.a * head.powf(self.b) }
    }

    /// Stage for discharge `q_m3s`, m: h = h₀ + (Q/a)^(1/b); h₀ for Q ≤ 0.
    pub fn stage_m(&self, q_m3s: f64) -> f64 {
        if q_m3s <= 0.0 { self.h0_m } else { self.h0_m + (q_m3s / self.a).powf(1.0 / self.b) }
    }
}

/// Normal depth in a wide rectangular channel by Manning, m: h = (n·Q/(W·√S))^(3/5), with
/// Manning's `n` (s/m^⅓), discharge `q_m3s`, width `width_m` and bed slope `slope` (m/m).
/// Zero for Q ≤ 0.
pub fn manning_depth_wide_m(n: f64, q_m3s: f64, width_m: f64, slope: f64) -> f64 {
    if q_m3s <= 0.0 {
        return 0.0;
    }
    (n * q_m3s / (width_m * slope.sqrt())).powf(MANNING_WIDE_DEPTH_EXPONENT)
}

/// Discharge over a broad-crested weir, m³/s: q = C_w·L·H^1.5 with C_w = 1.7, for head
/// `head_m` over the crest and crest length `length_m`. Zero for H ≤ 0.
pub fn weir_discharge_m3s(head_m: f64, length_m: f64) -> f64 {
    if head_m <= 0.0 { 0.0 } else { WEIR_COEFFICIENT_SI * length_m * head_m.powf(1.5) }
}

/// Overtopping of a dike or spillway crest at `crest_m` by water at `stage_m` (same datum),
/// over `length_m` of crest, m³/s.
pub fn overtopping_m3s(stage_m: f64, crest_m: f64, length_m: f64) -> f64 {
    weir_discharge_m3s(stage_m - crest_m, length_m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_manning_depth() {
        // models.md §2.3: n = 0.035, W = 50 m, S = 0.001, Q = 200 m³/s → h = 2.442 m.
        assert!((manning_depth_wide_m(0.035, 200.0, 50.0, 0.001) - 2.442).abs() < 5e-4);
        assert_eq!(manning_depth_wide_m(0.035, 0.0, 50.0, 0.001), 0.0);
    }

    #[test]
    fn rating_curve_round_trips() {
        let r = RatingCurve { a: 35.0, h0_m: 12.3, b: 1.8 };
        for h in [12.4, 13.0, 15.7, 20.0] {
            let q = r.discharge_m3s(h);
            assert!((r.stage_m(q) - h).abs() < 1e-9);
        }
        for q in [0.5, 100.0, 2500.0] {
            assert!((r.discharge_m3s(r.stage_m(q)) - q).abs() < 1e-9 * q);
        }
        assert_eq!(r.discharge_m3s(12.0), 0.0);
        assert_eq!(r.stage_m(0.0), 12.3);
        // a = 35, b = 1.8: one metre over h₀ carries 35 m³/s.
        assert!((r.discharge_m3s(13.3) - 35.0).abs() < 1e-9);
    }

    #[test]
    fn weir_overtopping() {
        // H = 0.5 m over 20 m of crest: 1.7·20·0.5^1.5 = 12.021 m³/s.
        assert!((overtopping_m3s(10.5, 10.0, 20.0) - 12.0208).abs() < 1e-4);
        assert!((weir_discharge_m3s(1.0, 10.0) - 17.0).abs() < 1e-12);
        assert_eq!(overtopping_m3s(9.9, 10.0, 20.0), 0.0);
    }
}
