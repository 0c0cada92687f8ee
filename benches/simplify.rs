//! Simplification growth (issue 13): the run-time importance (`geo::simplify::importance`,
//! Douglas–Peucker under an O(n log n) budget, Visvalingam–Whyatt beyond it) against plain
//! Douglas–Peucker on the adversarial zigzag that made a 20 MB town file take 96 s, and on an
//! ordinary wiggly outline where both must cost the same.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use gd_atlas::geo::simplify::{douglas_peucker_importance, importance};

fn zigzag(n: usize) -> Vec<[f64; 2]> {
    (0..n).map(|i| [i as f64, if i % 2 == 0 { 0.0 } else { 1.0 / (i as f64 + 1.0) }]).collect()
}

fn wiggly(n: usize) -> Vec<[f64; 2]> {
    (0..n)
        .map(|i| {
            let a = i as f64 / n as f64 * std::f64::consts::TAU;
            let r = 1.0 + 0.05 * (a * 17.0).sin() + 0.01 * (a * 331.0).sin();
            [a.cos() * r, a.sin() * r]
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("simplify_zigzag");
    group.sample_size(10);
    for n in [10_000usize, 100_000, 1_000_000] {
        let pts = zigzag(n);
        group.bench_with_input(BenchmarkId::new("importance", n), &pts, |b, p| {
            b.iter(|| importance(p))
        });
        // Plain Douglas–Peucker is quadratic here: 1e5 already takes seconds.
        if n <= 10_000 {
            group.bench_with_input(BenchmarkId::new("naive_douglas_peucker", n), &pts, |b, p| {
                b.iter(|| douglas_peucker_importance(p))
            });
        }
    }
    group.finish();
    let mut group = c.benchmark_group("simplify_wiggly");
    group.sample_size(10);
    for n in [100_000usize, 1_000_000] {
        let pts = wiggly(n);
        group.bench_with_input(BenchmarkId::new("importance", n), &pts, |b, p| {
            b.iter(|| importance(p))
        });
        group.bench_with_input(BenchmarkId::new("naive_douglas_peucker", n), &pts, |b, p| {
            b.iter(|| douglas_peucker_importance(p))
        });
    }
    group.finish();
}

criterion_group!(simplify_benches, benches);
criterion_main!(simplify_benches);
