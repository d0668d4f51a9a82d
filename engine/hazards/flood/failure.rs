//! Failure and flow (models.md §7): Froehlich (1995) peak breach outflow, dike fragility
//! P(fail | h) = Φ((h − h50)/σ), the Caine (1980) and Guzzetti et al. (2008) landslide
//! rainfall thresholds, and the rule giving a zone's flow velocity from its situation.

use crate::agents::harm::{PONDED_VELOCITY_MPS, normal_cdf};

/// Froehlich (1995) coefficient in Q_p = 0.607·V_w^0.295·H_w^1.24 (m³/s; V_w m³, H_w m).
pub const FROEHLICH_COEFFICIENT: f64 = 0.607;
/// Froehlich exponent on the volume above the breach bottom.
pub const FROEHLICH_VOLUME_EXPONENT: f64 = 0.295;
/// Froehlich exponent on the head above the breach bottom.
pub const FROEHLICH_HEAD_EXPONENT: f64 = 1.24;

/// Peak breach outflow by Froehlich (1995), m³/s, from the water volume `volume_m3` and the
/// head `head_m` above the breach bottom. Zero if either is not positive.
pub fn froehlich_peak_outflow_m3s(volume_m3: f64, head_m: f64) -> f64 {
    if volume_m3 <= 0.0 || head_m <= 0.0 {
        return 0.0;
    }
    FROEHLICH_COEFFICIENT * volume_m3.powf(FROEHLICH_VOLUME_EXPONENT) * head_m.powf(FROEHLICH_HEAD_EXPONENT)
}

/// Probability a dike (or dam) fails at stage `h_m`: Φ((h − h50)/σ), with the median failure
/// stage `h50_m` (near the crest) and spread `sigma_m` (0.2–0.5 m). σ ≤ 0 is a sharp threshold
/// (fails at and above h50).
pub fn dike_failure_probability(h_m: f64, h50_m: f64, sigma_m: f64) -> f64 {
    if sigma_m <= 0.0 {
        return if h_m >= h50_m { 1.0 } else { 0.0 };
    }
    normal_cdf((h_m - h50_m) / sigma_m)
}

/// A landslide rainfall intensity–duration threshold I = α·D^−β (I mm/h, D h).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LandslideThreshold {
    /// α, mm/h at D = 1 h.
    pub alpha_mm_h: f64,
    /// β (positive; the exponent is −β).
    pub beta: f64,
}

/// Caine (1980): I = 14.82·D^−0.39.
pub const CAINE_1980: LandslideThreshold = LandslideThreshold { alpha_mm_h: 14.82, beta: 0.39 };
/// Guzzetti et al. (2008), global: I = 2.20·D^−0.44.
pub const GUZZETTI_2008: LandslideThreshold = LandslideThreshold { alpha_mm_h: 2.20, beta: 0.44 };

/// Where an observed (I, D) pair stands against a threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Exceedance {
    /// The mean intensity over the duration is at or above the threshold's.
    pub above: bool,
    /// Observed over threshold intensity at that duration (≥ 1 when above).
    pub ratio: f64,
}

impl LandslideThreshold {
    /// Threshold intensity for a rain of duration `duration_h`, mm/h. Infinite for D ≤ 0.
    pub fn intensity_mm_h(&self, duration_h: f64) -> f64 {
        if duration_h <= 0.0 { f64::INFINITY } else { self.alpha_mm_h * duration_h.powf(-self.beta) }
    }

    /// Whether a rain of mean intensity `intensity_mm_h` lasting `duration_h` is at or above the
    /// threshold, and by what ratio.
    pub fn exceedance(&self, intensity_mm_h: f64, duration_h: f64) -> Exceedance {
        let ratio = intensity_mm_h.max(0.0) / self.intensity_mm_h(duration_h);
        Exceedance { above: ratio >= 1.0, ratio }
    }
}

/// Default ponded flood-plain velocity, m/s (models.md §7: 0.1–0.5). The same value the
/// prescribed flood uses for mortality ([`PONDED_VELOCITY_MPS`]), so the two agree.
pub const PONDED_PLAIN_VELOCITY_MPS: f64 = PONDED_VELOCITY_MPS;
/// Velocity at a dike breach or overtopping point, m/s (top of models.md §7's 1–2 m/s).
pub const BREACH_VELOCITY_MPS: f64 = 2.0;
/// Velocity at the edge of the breach zone, m/s (bottom of the 1–2 m/s range).
pub const BREACH_EDGE_VELOCITY_MPS: f64 = 1.0;
/// Extent of the breach zone, m: velocity decays linearly from [`BREACH_VELOCITY_MPS`] at the
/// breach to [`BREACH_EDGE_VELOCITY_MPS`] here; beyond it the plain is ponded.
pub const BREACH_ZONE_DISTANCE_M: f64 = 500.0;
/// Flash-flood gully velocity, m/s (middle of models.md §7's 2–3 m/s).
pub const FLASH_GULLY_VELOCITY_MPS: f64 = 2.5;

/// The situation of a flooded zone, which sets its flow velocity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FlowSituation {
    /// Water ponded on a flood plain (fill-and-spill).
    PondedPlain,
    /// Downstream of a dike breach or overtopping, `distance_m` from it.
    NearBreach { distance_m: f64 },
    /// In a gully carrying a flash flood.
    FlashGully,
}

impl FlowSituation {
    /// Flow velocity, m/s: ponded plain 0.3; near a breach 2.0 at the breach falling linearly to
    /// 1.0 at 500 m, and ponded beyond; flash-flood gully 2.5.
    pub fn velocity_mps(self) -> f64 {
        match self {
            FlowSituation::PondedPlain => PONDED_PLAIN_VELOCITY_MPS,
            FlowSituation::NearBreach { distance_m } => {
                let x = distance_m.max(0.0);
                if x > BREACH_ZONE_DISTANCE_M {
                    PONDED_PLAIN_VELOCITY_MPS
                } else {
                    BREACH_VELOCITY_MPS
                        - (BREACH_VELOCITY_MPS - BREACH_EDGE_VELOCITY_MPS) * x / BREACH_ZONE_DISTANCE_M
                }
            }
            FlowSituation::FlashGully => FLASH_GULLY_VELOCITY_MPS,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn froehlich_worked_case() {
        // V_w = 1e6 m³, H_w = 10 m: 0.607·10^(6·0.295)·10^1.24 = 0.607·10^3.01 = 0.607·1023.29
        // = 621.14 m³/s.
        assert!((froehlich_peak_outflow_m3s(1.0e6, 10.0) - 621.14).abs() < 0.005);
        assert_eq!(froehlich_peak_outflow_m3s(0.0, 10.0), 0.0);
        assert!(froehlich_peak_outflow_m3s(2.0e6, 10.0) > froehlich_peak_outflow_m3s(1.0e6, 10.0));
    }

    #[test]
    fn fragility_is_a_half_at_the_median() {
        assert!((dike_failure_probability(12.0, 12.0, 0.3) - 0.5).abs() < 1e-7);
        // One σ above: Φ(1) = 0.8413.
        assert!((dike_failure_probability(12.3, 12.0, 0.3) - 0.8413).abs() < 5e-5);
        assert!(dike_failure_probability(10.0, 12.0, 0.3) < 1e-9);
        assert_eq!(dike_failure_probability(11.99, 12.0, 0.0), 0.0);
        assert_eq!(dike_failure_probability(12.0, 12.0, 0.0), 1.0);
    }

    #[test]
    fn landslide_thresholds() {
        // Caine: 14.82 mm/h at 1 h; at 24 h 14.82·24^−0.39 = 4.291 mm/h.
        assert!((CAINE_1980.intensity_mm_h(1.0) - 14.82).abs() < 1e-12);
        assert!((CAINE_1980.intensity_mm_h(24.0) - 4.291).abs() < 5e-4);
        // Guzzetti (global) at 10 h: 2.20·10^−0.44 = 0.7988 mm/h.
        assert!((GUZZETTI_2008.intensity_mm_h(10.0) - 0.7988).abs() < 5e-5);
        // 20 mm/h for an hour is 1.35 times Caine's threshold; 3 mm/h for 24 h is below it.
        let e = CAINE_1980.exceedance(20.0, 1.0);
        assert!(e.above && (e.ratio - 20.0 / 14.82).abs() < 1e-12);
        let e = CAINE_1980.exceedance(3.0, 24.0);
        assert!(!e.above && (e.ratio - 3.0 / 4.291).abs() < 1e-3);
        assert!(CAINE_1980.exceedance(14.82, 1.0).above);
        assert!(!CAINE_1980.exceedance(50.0, 0.0).above);
    }

    #[test]
    fn velocity_rule() {
        assert_eq!(FlowSituation::PondedPlain.velocity_mps(), 0.3);
        assert_eq!(FlowSituation::NearBreach { distance_m: 0.0 }.velocity_mps(), 2.0);
        assert!((FlowSituation::NearBreach { distance_m: 250.0 }.velocity_mps() - 1.5).abs() < 1e-12);
        assert_eq!(FlowSituation::NearBreach { distance_m: 500.0 }.velocity_mps(), 1.0);
        assert_eq!(FlowSituation::NearBreach { distance_m: 800.0 }.velocity_mps(), 0.3);
        assert_eq!(FlowSituation::FlashGully.velocity_mps(), 2.5);
    }
}
