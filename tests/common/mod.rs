//! Shared by the paired-comparison tests: the mean of paired differences and its 95 % t
//! half-width.

/// Two-sided 97.5 % quantile of Student's t for the degrees of freedom the tests use.
pub fn t975(df: usize) -> f64 {
    match df {
        7 => 2.365,
        9 => 2.262,
        11 => 2.201,
        19 => 2.093,
        29 => 2.045,
        99 => 1.984,
        _ => panic!("no t quantile tabulated for df {df}"),
    }
}

/// Mean of paired differences and the half-width of its 95 % confidence interval.
pub fn mean_ci95(d: &[f64]) -> (f64, f64) {
    let n = d.len() as f64;
    let mean = d.iter().sum::<f64>() / n;
    let var = d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, t975(d.len() - 1) * (var / n).sqrt())
}

/// The In-Fa typhoon scenario with the comprehensive plan (the tests that compare variants of it).
#[allow(dead_code)]
pub fn infa() -> drill::run::Inputs {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    drill::run::load_inputs(
        &root.join("scenarios/fengqiao/typhoon-infa.ron"),
        &root.join("plans/fengqiao-comprehensive.ron"),
    )
    .unwrap()
}
