//! Emergency-vehicle travel time as a function of distance (models.md §5.2): the RAND/ISO
//! linear form and Kolesar's accelerate-then-cruise form. The road graph gives the drive in a
//! run; these are the yardsticks its times are compared with.

/// RAND/ISO: T = 0.65 + 1.7·d, minutes for d in miles.
pub fn rand_travel_min(d_mi: f64) -> f64 {
    0.65 + 1.7 * d_mi
}

/// RAND/ISO with the distance in km: T = 0.65 + 1.056·d, minutes.
pub fn rand_travel_min_km(d_km: f64) -> f64 {
    rand_travel_min(d_km / 1.609_344)
}

/// Kolesar (1975): accelerate at `a` up to cruising speed `v_c`, then cruise. T = 2·√(d/a) for
/// d ≤ 2·d_c, v_c/a + d/v_c beyond, with d_c = v_c²/(2a) (any consistent units).
pub fn kolesar_travel(d: f64, a: f64, v_c: f64) -> f64 {
    let d_c = v_c * v_c / (2.0 * a);
    if d <= 2.0 * d_c { 2.0 * (d / a).sqrt() } else { v_c / a + d / v_c }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rand_published_checks() {
        // 1.5 mi gives 3.2 min, the ISO engine-company spacing.
        assert!((rand_travel_min(1.5) - 3.2).abs() < 0.01);
        // 240 s corresponds to 1.97 mi.
        assert!((rand_travel_min(1.97) - 4.0).abs() < 0.01);
        assert!((rand_travel_min_km(1.5 * 1.609_344) - 3.2).abs() < 0.01);
    }

    #[test]
    fn kolesar_is_continuous_at_twice_the_critical_distance() {
        let (a, v) = (0.5, 15.0); // m/s², m/s
        let d = 2.0 * v * v / (2.0 * a);
        let below = kolesar_travel(d * (1.0 - 1e-9), a, v);
        let above = kolesar_travel(d * (1.0 + 1e-9), a, v);
        assert!((below - above).abs() < 1e-3, "{below} vs {above}");
        assert!(kolesar_travel(4.0 * d, a, v) > kolesar_travel(d, a, v));
    }
}
