//! Monte Carlo statistics (models.md §6): the mean with its Student-t 95 % interval, sample
//! quantiles, and the Wilson score interval for a proportion.

use serde::Serialize;

/// Two-sided 95 % quantile of Student's t with `df` degrees of freedom: exact table values up to
/// 30, then the Cornish–Fisher expansion about the normal quantile (error < 1e-4 from df 30).
pub fn t975(df: usize) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
        2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
        2.045, 2.042,
    ];
    if df == 0 {
        return f64::NAN;
    }
    if df <= TABLE.len() {
        return TABLE[df - 1];
    }
    let z: f64 = 1.959_963_984_540_054;
    let v = df as f64;
    let (z3, z5, z7, z9) = (z.powi(3), z.powi(5), z.powi(7), z.powi(9));
    z + (z3 + z) / (4.0 * v)
        + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * v * v)
        + (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / (384.0 * v.powi(3))
        + (79.0 * z9 + 776.0 * z7 + 1482.0 * z5 - 1920.0 * z3 - 945.0 * z) / (92_160.0 * v.powi(4))
}

/// What a batch reports for one metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub n: usize,
    pub mean: f64,
    pub sd: f64,
    /// Half-width of the 95 % t interval of the mean.
    pub ci95_half: f64,
    pub ci95_lo: f64,
    pub ci95_hi: f64,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
    pub min: f64,
    pub max: f64,
}

/// Summarise values (NaN values are left out); `None` when none is left.
pub fn summary(values: &[f64]) -> Option<Summary> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return None;
    }
    let n = v.len();
    let mean = v.iter().sum::<f64>() / n as f64;
    let sd =
        if n > 1 { (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt() } else { 0.0 };
    let half = if n > 1 { t975(n - 1) * sd / (n as f64).sqrt() } else { f64::NAN };
    v.sort_by(f64::total_cmp);
    Some(Summary {
        n,
        mean,
        sd,
        ci95_half: half,
        ci95_lo: mean - half,
        ci95_hi: mean + half,
        p5: quantile(&v, 0.05),
        p50: quantile(&v, 0.5),
        p95: quantile(&v, 0.95),
        min: v[0],
        max: v[n - 1],
    })
}

/// The `p` quantile of sorted values, linear between order statistics (Hyndman & Fan type 7,
/// the default of R and NumPy).
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
            let (lo, frac) = (h.floor() as usize, h - h.floor());
            if lo + 1 < n { sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]) } else { sorted[lo] }
        }
    }
}

/// The Wilson score interval of `k` successes in `n` at 95 % (z = 1.96).
pub fn wilson(k: u64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let z: f64 = 1.959_963_984_540_054;
    let (n, p) = (n as f64, k as f64 / n as f64);
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    // At 0 or n successes the bound on that side is exactly 0 or 1 (rounding would leave 1e-19).
    let lo = if k == 0 { 0.0 } else { (centre - half).max(0.0) };
    let hi = if k as f64 == n { 1.0 } else { (centre + half).min(1.0) };
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_distr::Distribution;

    #[test]
    fn t_quantiles_match_the_published_values() {
        // models.md §6.2: 2.262 (df 9), 2.093 (19), 2.045 (29), 1.960 (∞).
        assert_eq!(t975(9), 2.262);
        assert_eq!(t975(19), 2.093);
        assert_eq!(t975(29), 2.045);
        assert!((t975(1_000_000) - 1.960).abs() < 5e-4);
        // The expansion joins the table smoothly: 2.0395 (df 31), 2.0211 (40), 1.9840 (100).
        for (df, t) in [(31, 2.0395), (40, 2.0211), (60, 2.0003), (100, 1.9840), (1000, 1.9623)] {
            assert!((t975(df) - t).abs() < 2e-4, "df {df}: {} vs {t}", t975(df));
        }
    }

    #[test]
    fn wilson_upper_bound_for_no_event_in_a_thousand_is_the_published_one() {
        // models.md §6.2: 0.003827 (about the rule of three, 3/n).
        let (lo, hi) = wilson(0, 1000);
        assert_eq!(lo, 0.0);
        assert!((hi - 0.003827).abs() < 5e-7, "{hi}");
        let (lo, hi) = wilson(500, 1000);
        assert!((lo - 0.4691).abs() < 1e-4 && (hi - 0.5309).abs() < 1e-4, "{lo} {hi}");
    }

    #[test]
    fn quantiles_interpolate_between_order_statistics() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.5), 3.0);
        assert_eq!(quantile(&v, 0.05), 1.2);
        assert_eq!(quantile(&v, 0.95), 4.8);
        let s = summary(&[5.0, f64::NAN, 1.0, 3.0]).unwrap();
        assert_eq!((s.n, s.mean, s.min, s.max, s.p50), (3, 3.0, 1.0, 5.0, 3.0));
        assert!((s.sd - 2.0).abs() < 1e-12 && (s.ci95_half - 4.303 * 2.0 / 3f64.sqrt()).abs() < 1e-12);
        assert!(summary(&[f64::NAN]).is_none());
    }

    #[test]
    fn the_95_percent_interval_covers_a_known_mean_about_95_times_in_100() {
        // 1,000 repetitions of 20 draws from a skewed metric of known mean (Gamma(4, 2.5): mean 10):
        // the t interval should cover 10 in 93–97 % of them.
        let gamma = rand_distr::Gamma::new(4.0, 2.5).unwrap();
        let mut covered = 0;
        for rep in 0..1000u64 {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2026);
            rng.set_stream(rep);
            let x: Vec<f64> = (0..20).map(|_| gamma.sample(&mut rng)).collect();
            let s = summary(&x).unwrap();
            covered += u32::from(s.ci95_lo <= 10.0 && 10.0 <= s.ci95_hi);
        }
        assert!((930..=970).contains(&covered), "covered {covered} of 1000");
    }
}
