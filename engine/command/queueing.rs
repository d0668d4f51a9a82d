//! Queueing formulas for c teams answering Poisson calls with exponential service (M/M/c):
//! Erlang B and C and the mean wait in the queue (models.md §5.5). The dispatcher is checked
//! against them in tests/dispatch_queue.rs.

/// Erlang B: the probability that all `c` servers are busy with offered load `a` = λ/μ and no
/// queue (B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1))).
pub fn erlang_b(c: u32, a: f64) -> f64 {
    (1..=c).fold(1.0, |b, k| a * b / (f64::from(k) + a * b))
}

/// Erlang C: the probability that a call waits, C = c·B / (c − a·(1 − B)), for a < c.
pub fn erlang_c(c: u32, a: f64) -> f64 {
    let b = erlang_b(c, a);
    let c = f64::from(c);
    c * b / (c - a * (1.0 - b))
}

/// Mean wait in the queue of M/M/c, W_q = C / (c·μ − λ), in the time unit of the rates.
pub fn mmc_wait_mean(c: u32, lambda: f64, mu: f64) -> f64 {
    erlang_c(c, lambda / mu) / (f64::from(c) * mu - lambda)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_checks() {
        assert!((erlang_b(2, 1.0) - 0.2).abs() < 1e-12);
        assert!((erlang_c(2, 1.0) - 1.0 / 3.0).abs() < 1e-12);
        assert!((erlang_b(10, 5.0) - 0.018385).abs() < 5e-7);
        // M/M/3, λ = 2, μ = 1: C = 0.4444, W_q = 0.4444.
        assert!((erlang_c(3, 2.0) - 0.4444).abs() < 5e-5);
        assert!((mmc_wait_mean(3, 2.0, 1.0) - 0.4444).abs() < 5e-5);
    }
}
