//! Inland decay of the maximum wind after landfall: Kaplan & DeMaria (1995, J. Appl. Meteor.
//! 34:2499), in knots, with the knot ↔ m/s conversion (models.md §1.3 and §7).

/// Metres per second in one knot (1852 m per hour).
pub const MPS_PER_KT: f64 = 1852.0 / 3600.0;
/// Background wind V_b the storm decays towards, kt.
pub const KD_BACKGROUND_KT: f64 = 26.7;
/// Reduction factor R applied at the step onto land.
pub const KD_LANDFALL_FACTOR: f64 = 0.9;
/// Decay rate α, 1/h.
pub const KD_ALPHA_PER_H: f64 = 0.095;

/// Knots to metres per second.
pub fn kt_to_mps(v_kt: f64) -> f64 {
    v_kt * MPS_PER_KT
}

/// Metres per second to knots.
pub fn mps_to_kt(v_mps: f64) -> f64 {
    v_mps / MPS_PER_KT
}

/// Kaplan–DeMaria maximum wind `t_h` hours after landfall, kt, from the maximum wind `v0_kt` at
/// landfall: V(t) = V_b + (R·V₀ − V_b)·e^(−α·t). Includes the step onto land (V(0) = R·V₀).
///
/// Published for 1-min winds over US landfalls south of 37° N; the distance-inland correction is
/// omitted. Negative `t_h` is treated as 0.
pub fn kaplan_demaria_kt(v0_kt: f64, t_h: f64) -> f64 {
    continue_decay_kt(KD_LANDFALL_FACTOR * v0_kt, t_h)
}

/// Decay continued from an intensity already over land (no landfall step), kt:
/// V(t) = V_b + (V₀ − V_b)·e^(−α·t), and never above `v0_kt` (a storm weaker than V_b keeps its
/// strength rather than growing). For use past the last best-track point, whose intensity
/// already includes the decay so far (models.md §7). Negative `t_h` is treated as 0.
pub fn continue_decay_kt(v0_kt: f64, t_h: f64) -> f64 {
    let v = KD_BACKGROUND_KT + (v0_kt - KD_BACKGROUND_KT) * (-KD_ALPHA_PER_H * t_h.max(0.0)).exp();
    v.min(v0_kt)
}

/// [`continue_decay_kt`] in m/s: the maximum wind `t_h` hours after an intensity `v0_mps`.
pub fn continue_decay_mps(v0_mps: f64, t_h: f64) -> f64 {
    kt_to_mps(continue_decay_kt(mps_to_kt(v0_mps), t_h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_decay_from_100_kt() {
        // models.md §1.3: 90.0 kt just after landfall, 46.94 kt at 12 h, 33.17 kt at 24 h.
        assert!((kaplan_demaria_kt(100.0, 0.0) - 90.0).abs() < 1e-9);
        assert!((kaplan_demaria_kt(100.0, 12.0) - 46.94).abs() < 0.005);
        assert!((kaplan_demaria_kt(100.0, 24.0) - 33.17).abs() < 0.005);
        assert!((kaplan_demaria_kt(100.0, 1e4) - KD_BACKGROUND_KT).abs() < 1e-9);
        assert_eq!(kaplan_demaria_kt(100.0, -3.0), 90.0);
    }

    #[test]
    fn continued_decay_starts_at_the_given_intensity_and_never_grows() {
        assert_eq!(continue_decay_kt(90.0, 0.0), 90.0);
        // Continuing from the landfall value reproduces the published curve.
        assert!((continue_decay_kt(90.0, 12.0) - kaplan_demaria_kt(100.0, 12.0)).abs() < 1e-12);
        assert_eq!(continue_decay_kt(20.0, 6.0), 20.0);
        let v = continue_decay_mps(30.0, 6.0);
        assert!(v < 30.0 && v > kt_to_mps(KD_BACKGROUND_KT));
    }

    #[test]
    fn knots_convert() {
        assert!((kt_to_mps(1.0) - 0.514_444).abs() < 1e-6);
        assert!((mps_to_kt(kt_to_mps(68.0)) - 68.0).abs() < 1e-12);
    }
}
