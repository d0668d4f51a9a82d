//! Speed of one run of each shipped scenario with the comprehensive plan, and of the parts a
//! run leans on: loading and validating the inputs, one shortest-path tree, one hazards tick.
//! `cargo bench --bench run`; the figures go into the README's performance table.

use criterion::{Criterion, criterion_group, criterion_main};
use drill::run::{RunOptions, load_inputs, run};
use std::hint::black_box;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn runs(c: &mut Criterion) {
    let mut g = c.benchmark_group("run");
    g.sample_size(20);
    for s in [
        "typhoon-infa",
        "typhoon-infa-modelled",
        "flood-june",
        "flood-june-modelled",
        "industrial-fire",
        "forest-fire",
    ] {
        let inputs = load_inputs(
            &root().join(format!("scenarios/fengqiao/{s}.ron")),
            &root().join("plans/fengqiao-comprehensive.ron"),
        )
        .expect("shipped inputs are valid");
        let mut seed = 0;
        g.bench_function(s, |b| {
            b.iter(|| {
                seed += 1;
                black_box(run(&inputs, &RunOptions { seed, ..Default::default() }).expect("run"))
            })
        });
    }
    g.finish();
}

fn parts(c: &mut Criterion) {
    let scenario = root().join("scenarios/fengqiao/typhoon-infa.ron");
    let plan = root().join("plans/fengqiao-comprehensive.ron");
    c.bench_function("load_and_validate", |b| {
        b.iter(|| black_box(load_inputs(&scenario, &plan).expect("valid")))
    });
    let inputs = load_inputs(&scenario, &plan).expect("valid");
    let g = drill::roads::RoadGraph::from_map(&inputs.scenario.map).expect("graph");
    let closures = drill::roads::Closures::new(inputs.scenario.map.links.len());
    c.bench_function("shortest_tree", |b| {
        b.iter(|| {
            black_box(drill::roads::shortest_tree(
                &g,
                &closures,
                drill::core::NodeId(0),
                drill::roads::Mode::Car,
            ))
        })
    });
}

/// One tick of the clock and hazards stages on the modelled In-Fa scenario, mid-storm (D2
/// 20:00): Holland wind and R-CLIPER rain at every zone, the fallen-tree, house-damage and
/// power-fault checks, the modelled river (catchments, reservoir, dikes and polders, gullies and
/// landslide points) and the links' depths.
fn hazards_tick(c: &mut Criterion) {
    let inputs = load_inputs(
        &root().join("scenarios/fengqiao/typhoon-infa-modelled.ron"),
        &root().join("plans/fengqiao-comprehensive.ron"),
    )
    .expect("shipped inputs are valid");
    let mut world = drill::run::world(&inputs, &RunOptions { seed: 1, ..Default::default() }).expect("world");
    let mut schedule = drill::run::schedule::hazards_schedule();
    let mid_storm = drill::core::SimTime(36 * 3600);
    c.bench_function("hazards_tick_typhoon", |b| {
        b.iter(|| {
            world.resource_mut::<drill::core::Clock>().now = mid_storm;
            schedule.run(&mut world);
        })
    });
}

/// 100 steps of the Alexandridis CA on a 512×512 raster of normal-density pine (p_burn 0.812 on
/// the flat) with a 5 m/s west wind, lit at the centre: the front grows to a few hundred cells.
fn ca_steps(c: &mut Criterion) {
    use drill::hazards::wildfire::{Ca, Land, Neighbourhood, Wind};
    use rand::SeedableRng;
    let n = 512;
    let mut lit = Ca::new(Land::uniform(n, n, 30.0, 0.4, 0.0), Neighbourhood::Moore);
    lit.ignite(n / 2 * n + n / 2);
    let wind = Wind { speed_mps: 5.0, from_deg: 270.0 };
    c.bench_function("ca_100_steps_512", |b| {
        b.iter_batched(
            || (lit.clone(), rand_chacha::ChaCha8Rng::seed_from_u64(7)),
            |(mut ca, mut rng)| {
                for _ in 0..100 {
                    ca.step(wind, &mut rng);
                }
                black_box(ca.affected_cells())
            },
            criterion::BatchSize::LargeInput,
        )
    });
}

criterion_group!(benches, runs, parts, hazards_tick, ca_steps);
criterion_main!(benches);
