//! Run seeds: run r of a batch with seed S gets `run_seed(S, r)`, a SplitMix64 mix of the two and
//! of nothing else — not the thread, not the shard — so any split of the runs gives the same runs.

/// One SplitMix64 step (Steele, Lea & Flood 2014; models.md §6.4): advance `state`, return the
/// mixed output.
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The seed of run `r` of a batch seeded `seed`.
pub fn run_seed(seed: u64, r: u64) -> u64 {
    let mut s = seed;
    let base = splitmix64(&mut s);
    let mut t = base ^ r;
    splitmix64(&mut t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_gives_the_published_outputs() {
        // models.md §6.4: seed 0 → 0xe220a8397b1dcdaf; seed 1234567 → 6457827717110365317, then
        // 3203168211198807973.
        let mut s = 0;
        assert_eq!(splitmix64(&mut s), 0xe220_a839_7b1d_cdaf);
        let mut s = 1_234_567;
        assert_eq!(splitmix64(&mut s), 6_457_827_717_110_365_317);
        assert_eq!(splitmix64(&mut s), 3_203_168_211_198_807_973);
    }

    #[test]
    fn run_seeds_differ_by_run_and_by_batch_seed() {
        let seeds: std::collections::BTreeSet<u64> = (0..10_000).map(|r| run_seed(1, r)).collect();
        assert_eq!(seeds.len(), 10_000);
        assert_ne!(run_seed(1, 0), run_seed(2, 0));
        assert_eq!(run_seed(7, 42), run_seed(7, 42));
    }
}
