//! Run seeds: run r of a batch with seed S gets `run_seed(S, r)`, a SplitMix64 mix of the two
//! ([`crate::core::rng::splitmix64`], checked there against the published outputs) and of
//! nothing else — not the thread, not the shard — so any split of the runs gives the same runs.

use crate::core::rng::splitmix64;

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
    fn run_seeds_differ_by_run_and_by_batch_seed() {
        let seeds: std::collections::BTreeSet<u64> = (0..10_000).map(|r| run_seed(1, r)).collect();
        assert_eq!(seeds.len(), 10_000);
        assert_ne!(run_seed(1, 0), run_seed(2, 0));
        assert_eq!(run_seed(7, 42), run_seed(7, 42));
    }
}
