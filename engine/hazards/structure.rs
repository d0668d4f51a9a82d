//! Structure-fire physics (models.md §3.2): the ventilation limit, the flashover criteria of
//! Babrauskas, Thomas and McCaffrey–Quintiere–Harkleroad, and fire loads by occupancy.

use crate::model::FireKind;

/// Ventilation-limited heat release, kW: Q_v ≈ 1500·A_o·√H_o (A_o√H_o in m^2.5).
pub fn ventilation_limit_kw(ao_sqrt_ho: f64) -> f64 {
    1500.0 * ao_sqrt_ho
}

/// Babrauskas flashover heat release, kW: Q_fo = 750·A_o·√H_o.
pub fn flashover_babrauskas_kw(ao_sqrt_ho: f64) -> f64 {
    750.0 * ao_sqrt_ho
}

/// Thomas flashover heat release, kW: Q_fo = 7.8·A_T + 378·A_o·√H_o, A_T the internal surface
/// area (walls, floor, ceiling, less the openings), m².
pub fn flashover_thomas_kw(internal_area_m2: f64, ao_sqrt_ho: f64) -> f64 {
    7.8 * internal_area_m2 + 378.0 * ao_sqrt_ho
}

/// MQH flashover heat release, kW: Q_fo = 610·√(h_k·A_T·A_o·√H_o), with h_k the effective
/// heat-transfer coefficient of the boundaries, kW/(m²·K).
pub fn flashover_mqh_kw(h_k: f64, internal_area_m2: f64, ao_sqrt_ho: f64) -> f64 {
    610.0 * (h_k * internal_area_m2 * ao_sqrt_ho).sqrt()
}

/// Mean fire load density, MJ per m² of floor (EN 1991-1-2 Annex E, Table E.4): dwelling 780,
/// office 420, school 285, shopping centre 600. The code has no industrial class: storage of
/// combustibles takes its highest, the library's 1500.
pub fn fire_load_mj_m2(kind: FireKind) -> f64 {
    match kind {
        FireKind::Dwelling => 780.0,
        FireKind::Office => 420.0,
        FireKind::School => 285.0,
        FireKind::Shop => 600.0,
        FireKind::IndustrialStorage | FireKind::IndustrialFlammable => 1500.0,
        FireKind::Wildland => f64::INFINITY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ISO 9705 room, 2.4 × 3.6 × 2.4 m with a 0.8 × 2.0 m door.
    fn iso_9705() -> (f64, f64) {
        let (w, l, h) = (2.4, 3.6, 2.4);
        let (dw, dh) = (0.8f64, 2.0f64);
        let ao_sqrt_ho = dw * dh * dh.sqrt();
        let a_t = 2.0 * (w * l + w * h + l * h) - dw * dh;
        (ao_sqrt_ho, a_t)
    }

    #[test]
    fn iso_9705_flashover() {
        // models.md §3.2: A_o√H_o = 2.263, A_T = 44.48 m²; Babrauskas 1697 kW, Thomas 1202 kW.
        let (v, a_t) = iso_9705();
        assert!((v - 2.263).abs() < 5e-4, "{v}");
        assert!((a_t - 44.48).abs() < 5e-3, "{a_t}");
        assert!((flashover_babrauskas_kw(v) - 1697.0).abs() < 1.0);
        assert!((flashover_thomas_kw(a_t, v) - 1202.0).abs() < 1.0);
        // Medium growth reaches them in 320–381 s.
        let t_b = (flashover_babrauskas_kw(v) / 0.01172f64).sqrt();
        let t_t = (flashover_thomas_kw(a_t, v) / 0.01172f64).sqrt();
        assert!((t_t - 320.0).abs() < 1.0 && (t_b - 381.0).abs() < 1.0, "{t_t} {t_b}");
    }

    #[test]
    fn ventilation_limit_is_twice_babrauskas() {
        let (v, _) = iso_9705();
        assert!((ventilation_limit_kw(v) - 2.0 * flashover_babrauskas_kw(v)).abs() < 1e-9);
        assert!(flashover_mqh_kw(0.03, 44.48, v) > 0.0);
    }
}
