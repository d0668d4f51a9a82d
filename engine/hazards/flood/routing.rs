//! Basin and channel routing (models.md §2.2 and §7): the linear reservoir's exact exponential
//! step, the Nash cascade unit hydrograph, the SCS triangular unit hydrograph, and Muskingum
//! coefficients refused outside their stable interval 2KX ≤ Δt ≤ 2K(1−X).

/// SCS peak factor in SI units: q_p = 0.208·A·Q/t_p with A in km², Q in mm, t_p in h, q_p in
/// m³/s (the US factor 484 converts to 0.2083; 0.208 is the value conventionally quoted).
pub const SCS_PEAK_FACTOR_SI: f64 = 0.208;
/// SCS triangular unit hydrograph: base time t_b = 2.67·t_p.
pub const SCS_BASE_TO_PEAK_RATIO: f64 = 2.67;
/// SCS lag as a fraction of the time of concentration: t_lag = 0.6·t_c.
pub const SCS_LAG_TO_TC_RATIO: f64 = 0.6;

/// Linear reservoir (Q = S/K) over one step of `dt_h` hours with inflow `inflow_m3s` held
/// constant: Q_{k+1} = Q_k·e^(−Δt/K) + I_k·(1 − e^(−Δt/K)). Exact, so stable for any Δt.
/// `k_h` ≤ 0 is an instantaneous reservoir (outflow = inflow).
pub fn linear_reservoir_step(q_m3s: f64, inflow_m3s: f64, dt_h: f64, k_h: f64) -> f64 {
    if k_h <= 0.0 {
        return inflow_m3s;
    }
    let keep = (-dt_h / k_h).exp();
    q_m3s * keep + inflow_m3s * (1.0 - keep)
}

/// Lanczos coefficients (g = 7, 9 terms), as in Numerical Recipes / Wikipedia's reference code.
const LANCZOS_G: f64 = 7.0;
const LANCZOS_COEF: [f64; 9] = [
    0.999_999_999_999_809_9,
    676.520_368_121_885_1,
    -1_259.139_216_722_402_8,
    771.323_428_777_653_1,
    -176.615_029_162_140_6,
    12.507_343_278_686_905,
    -0.138_571_095_265_720_12,
    9.984_369_578_019_572e-6,
    1.505_632_735_149_311_6e-7,
];

/// ln Γ(x) for x > 0 by the Lanczos approximation (g = 7, 9 terms; relative error ~1e-15), so
/// the Nash cascade takes non-integer n as well as integer n.
pub fn ln_gamma(x: f64) -> f64 {
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1−x) = π/sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = LANCZOS_COEF[0];
    let t = x + LANCZOS_G + 0.5;
    for (i, c) in LANCZOS_COEF.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// Nash cascade instantaneous unit hydrograph of `n` equal linear reservoirs of constant `k_h`,
/// per hour: u(t) = t^(n−1)·e^(−t/K)/(K^n·Γ(n)). Integrates to 1 and peaks at (n−1)K for n ≥ 1.
/// Zero for t < 0 (and at t = 0 unless n = 1, where u(0) = 1/K). Expects n ≥ 1 and K > 0.
pub fn nash_uh_per_h(t_h: f64, n: f64, k_h: f64) -> f64 {
    if t_h < 0.0 {
        return 0.0;
    }
    if t_h == 0.0 {
        return if n == 1.0 { 1.0 / k_h } else { 0.0 };
    }
    ((n - 1.0) * t_h.ln() - t_h / k_h - n * k_h.ln() - ln_gamma(n)).exp()
}

/// The SCS triangular unit hydrograph for a runoff depth over a basin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScsTriangle {
    /// Time to peak t_p = Δt/2 + 0.6·t_c, h.
    pub t_peak_h: f64,
    /// Peak discharge q_p = 0.208·A·Q/t_p, m³/s.
    pub q_peak_m3s: f64,
    /// Base time t_b = 2.67·t_p, h.
    pub t_base_h: f64,
}

impl ScsTriangle {
    /// For a basin of `area_km2` with time of concentration `t_c_h`, rain in steps of `dt_h`
    /// and a runoff depth `runoff_mm` (1 mm gives the unit hydrograph per mm).
    pub fn new(area_km2: f64, runoff_mm: f64, dt_h: f64, t_c_h: f64) -> Self {
        let t_peak_h = dt_h / 2.0 + SCS_LAG_TO_TC_RATIO * t_c_h;
        ScsTriangle {
            t_peak_h,
            q_peak_m3s: SCS_PEAK_FACTOR_SI * area_km2 * runoff_mm / t_peak_h,
            t_base_h: SCS_BASE_TO_PEAK_RATIO * t_peak_h,
        }
    }

    /// Discharge `t_h` hours after the start of the excess rain, m³/s: rising linearly to the
    /// peak at t_p, falling linearly to zero at t_b.
    pub fn discharge_m3s(&self, t_h: f64) -> f64 {
        if t_h <= 0.0 || t_h >= self.t_base_h {
            0.0
        } else if t_h <= self.t_peak_h {
            self.q_peak_m3s * t_h / self.t_peak_h
        } else {
            self.q_peak_m3s * (self.t_base_h - t_h) / (self.t_base_h - self.t_peak_h)
        }
    }

    /// Volume under the triangle, m³ (½·q_p·t_b): 0.9997 of the runoff volume A·Q, the shortfall
    /// coming from rounding the peak factor to 0.208.
    pub fn volume_m3(&self) -> f64 {
        0.5 * self.q_peak_m3s * self.t_base_h * 3600.0
    }
}

/// Muskingum routing coefficients: O₂ = C0·I₂ + C1·I₁ + C2·O₁.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Muskingum {
    pub c0: f64,
    pub c1: f64,
    pub c2: f64,
}

/// A Muskingum step outside the stable interval, or a bad K or X.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MuskingumError {
    /// Δt outside 2KX ≤ Δt ≤ 2K(1−X): some coefficient would be negative.
    UnstableStep { dt_h: f64, min_h: f64, max_h: f64 },
    /// K ≤ 0 or X outside [0, 0.5].
    BadParameters { k_h: f64, x: f64 },
}

impl std::fmt::Display for MuskingumError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MuskingumError::UnstableStep { dt_h, min_h, max_h } => write!(
                f,
                "Muskingum step Δt = {dt_h:.4} h is outside the stable interval 2KX ≤ Δt ≤ 2K(1−X) = \
                 [{min_h:.3}, {max_h:.3}] h; step the hydrology on its own interval or use the linear \
                 reservoir"
            ),
            MuskingumError::BadParameters { k_h, x } => {
                write!(f, "Muskingum needs K > 0 and 0 ≤ X ≤ 0.5 (got K = {k_h} h, X = {x})")
            }
        }
    }
}

impl std::error::Error for MuskingumError {}

impl Muskingum {
    /// Coefficients for storage constant `k_h`, weighting `x` and step `dt_h`:
    /// D = 2K(1−X) + Δt; C0 = (Δt − 2KX)/D; C1 = (Δt + 2KX)/D; C2 = (2K(1−X) − Δt)/D.
    /// Refused unless 2KX ≤ Δt ≤ 2K(1−X) (models.md §7).
    pub fn new(k_h: f64, x: f64, dt_h: f64) -> Result<Self, MuskingumError> {
        if !(k_h > 0.0 && (0.0..=0.5).contains(&x)) {
            return Err(MuskingumError::BadParameters { k_h, x });
        }
        let (min_h, max_h) = Self::stable_interval_h(k_h, x);
        if !(min_h..=max_h).contains(&dt_h) {
            return Err(MuskingumError::UnstableStep { dt_h, min_h, max_h });
        }
        let d = max_h + dt_h;
        Ok(Muskingum { c0: (dt_h - min_h) / d, c1: (dt_h + min_h) / d, c2: (max_h - dt_h) / d })
    }

    /// The stable step interval (2KX, 2K(1−X)), h.
    pub fn stable_interval_h(k_h: f64, x: f64) -> (f64, f64) {
        (2.0 * k_h * x, 2.0 * k_h * (1.0 - x))
    }

    /// Outflow at the end of the step from the inflows at its start and end and the outflow at
    /// its start.
    pub fn route(&self, inflow_before: f64, inflow_now: f64, outflow_before: f64) -> f64 {
        self.c0 * inflow_now + self.c1 * inflow_before + self.c2 * outflow_before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_reservoir_step_response_is_exact_for_any_step() {
        // models.md §2.2: a step inflow gives Q(t) = I·(1 − e^(−t/K)).
        let (inflow, k) = (100.0, 3.0);
        for dt in [1.0 / 60.0, 0.25, 1.0, 10.0] {
            let mut q = 0.0;
            let mut t = 0.0;
            for _ in 0..40 {
                q = linear_reservoir_step(q, inflow, dt, k);
                t += dt;
                let exact = inflow * (1.0 - (-t / k).exp());
                assert!((q - exact).abs() < 1e-9 * inflow, "dt {dt} t {t}: {q} vs {exact}");
            }
        }
        assert_eq!(linear_reservoir_step(5.0, 7.0, 1.0, 0.0), 7.0);
    }

    #[test]
    fn lanczos_gamma_matches_factorials_and_half() {
        for (n, fact) in [(1.0, 1.0), (2.0, 1.0), (5.0, 24.0), (10.0, 362_880.0)] {
            assert!((ln_gamma(n).exp() - fact).abs() < 1e-9 * fact);
        }
        assert!((ln_gamma(0.5).exp() - std::f64::consts::PI.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn nash_peaks_at_n_minus_one_k_and_integrates_to_one() {
        for (n, k) in [(3.0, 2.0), (2.5, 1.5), (4.0, 0.5)] {
            let tp = (n - 1.0) * k;
            let peak = nash_uh_per_h(tp, n, k);
            assert!(peak > nash_uh_per_h(tp - 0.01, n, k));
            assert!(peak > nash_uh_per_h(tp + 0.01, n, k));
            let dt = 0.001;
            let area: f64 = (0..200_000).map(|i| nash_uh_per_h((i as f64 + 0.5) * dt, n, k) * dt).sum();
            assert!((area - 1.0).abs() < 1e-4, "n {n}: area {area}");
        }
        // n = 1 is a single reservoir: u(t) = e^(−t/K)/K.
        assert!((nash_uh_per_h(0.0, 1.0, 2.0) - 0.5).abs() < 1e-12);
        assert!((nash_uh_per_h(2.0, 1.0, 2.0) - 0.5 * (-1.0f64).exp()).abs() < 1e-12);
        assert_eq!(nash_uh_per_h(-1.0, 3.0, 2.0), 0.0);
    }

    #[test]
    fn scs_triangle_shape_and_volume() {
        // 10 km², 1 h steps, t_c = 2.5 h: t_p = 0.5 + 1.5 = 2 h, q_p = 0.208·10·1/2 = 1.04 m³/s
        // per mm, t_b = 5.34 h.
        let uh = ScsTriangle::new(10.0, 1.0, 1.0, 2.5);
        assert!((uh.t_peak_h - 2.0).abs() < 1e-12);
        assert!((uh.q_peak_m3s - 1.04).abs() < 1e-12);
        assert!((uh.t_base_h - 5.34).abs() < 1e-12);
        assert!((uh.discharge_m3s(1.0) - 0.52).abs() < 1e-12);
        assert_eq!(uh.discharge_m3s(6.0), 0.0);
        // 1 mm over 10 km² is 10 000 m³; the triangle holds 0.208·2.67·1800 = 0.99965 of it.
        assert!((uh.volume_m3() / 10_000.0 - 0.99965).abs() < 1e-5);
    }

    #[test]
    fn chow_example_8_4_1_coefficients() {
        // Chow, Maidment & Mays (1988) Example 8.4.1: K = 2.3 h, X = 0.15, Δt = 1 h.
        let m = Muskingum::new(2.3, 0.15, 1.0).unwrap();
        assert!((m.c0 - 0.0631).abs() < 5e-5);
        assert!((m.c1 - 0.3442).abs() < 5e-5);
        assert!((m.c2 - 0.5927).abs() < 5e-5);
        assert!((m.c0 + m.c1 + m.c2 - 1.0).abs() < 1e-12);
        // A steady flow routes unchanged.
        assert!((m.route(50.0, 50.0, 50.0) - 50.0).abs() < 1e-12);
    }

    #[test]
    fn one_minute_step_is_refused_with_the_interval() {
        // models.md §7: Δt = 1 min would give C0 = −0.17; the stable interval is 0.69–3.91 h.
        let err = Muskingum::new(2.3, 0.15, 1.0 / 60.0).unwrap_err();
        match err {
            MuskingumError::UnstableStep { min_h, max_h, .. } => {
                assert!((min_h - 0.69).abs() < 1e-12);
                assert!((max_h - 3.91).abs() < 1e-12);
            }
            other => panic!("unexpected {other:?}"),
        }
        let msg = err.to_string();
        assert!(msg.contains("2KX ≤ Δt ≤ 2K(1−X)") && msg.contains("[0.690, 3.910]"), "{msg}");
        assert!(Muskingum::new(2.3, 0.15, 4.0).is_err());
        assert!(Muskingum::new(2.3, 0.15, 0.69).is_ok());
        assert!(matches!(Muskingum::new(0.0, 0.15, 1.0), Err(MuskingumError::BadParameters { .. })));
    }
}
