//! The Alexandridis CA as bond percolation (issue 5, models.md §3.1): with no wind, flat ground,
//! a one-step burn and the 4-neighbourhood, each bond is tried once, so a 512×512 raster lit
//! along its west edge stays local below p_c = 1/2 and burns through to the east edge above it.

use drill::hazards::wildfire::{Ca, Cell, Land, Neighbourhood, Wind};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

const N: usize = 512;

/// Burn a 512² raster from its west edge at p_burn = p; whether the east edge caught.
fn spans(p: f64, seed: u64) -> bool {
    let mut ca = Ca::new(Land::uniform(N, N, 30.0, 0.0, 0.0), Neighbourhood::VonNeumann);
    ca.p_h = p; // with p_veg = p_den = 0, no wind and flat ground, p_burn = p_h
    for r in 0..N {
        ca.ignite(r * N);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let calm = Wind { speed_mps: 0.0, from_deg: 0.0 };
    while !ca.burning.is_empty() {
        ca.step(calm, &mut rng);
    }
    (0..N).any(|r| ca.state[r * N + N - 1] == Cell::Burnt)
}

#[test]
fn subcritical_fire_stays_local() {
    let spanned = (1..=10).filter(|&s| spans(0.45, s)).count();
    assert!(spanned <= 1, "p = 0.45 burnt through in {spanned} of 10 seeds");
}

#[test]
fn supercritical_fire_burns_through() {
    let spanned = (1..=10).filter(|&s| spans(0.55, s)).count();
    assert!(spanned >= 9, "p = 0.55 burnt through in only {spanned} of 10 seeds");
}
