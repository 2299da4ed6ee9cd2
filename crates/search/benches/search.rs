//! Search benchmark: `cargo bench -p backcare-search`.
//!
//! Builds the index 20 times and runs every relevance query 50 times uncached (the engine's
//! cost the first time) and 50 times through `Index::search` (which keeps results), timing
//! each with `std::time::Instant`, then prints the median build time, both latencies, the
//! relevance (top-1 and top-3 hits) and the machine's core count. No external harness.

#[path = "../tests/relevance/cases.rs"]
mod cases;

use std::hint::black_box;
use std::time::{Duration, Instant};

use backcare_search::{Index, Query};

const BUILDS: usize = 20;
const RUNS_PER_QUERY: usize = 50;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn main() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut builds = Vec::with_capacity(BUILDS);
    let mut index = None;
    for _ in 0..BUILDS {
        let start = Instant::now();
        let built = black_box(Index::build().expect("the index builds"));
        builds.push(start.elapsed());
        index = Some(built);
    }
    let index = index.expect("built at least once");
    builds.sort();

    let queries: Vec<Query> = cases::CASES
        .iter()
        .map(|&(text, lang, _)| {
            let mut q = Query::new(text).limit(10);
            q.lang = lang;
            q
        })
        .collect();
    // Each search as if for the first time (the engine's work), then through the kept
    // results of `Index::search`, which is what the web page and the command use.
    let time = |search: &dyn Fn(&Query) -> usize| {
        let mut latencies = Vec::with_capacity(queries.len() * RUNS_PER_QUERY);
        for _ in 0..RUNS_PER_QUERY {
            for q in &queries {
                let start = Instant::now();
                black_box(search(q));
                latencies.push(start.elapsed());
            }
        }
        latencies.sort();
        latencies
    };
    let cold = time(&|q| index.search_uncached(q).expect("the query runs").len());
    // Once each, so the timed runs below are all searches asked before (the first time of
    // each is the cost above).
    for q in &queries {
        index.search(q).expect("the query runs");
    }
    let latencies = time(&|q| index.search(q).expect("the query runs").len());

    let (mut top1, mut top3) = (0, 0);
    for (q, &(_, _, expected)) in queries.iter().zip(cases::CASES) {
        let hits = index.search(q).expect("the query runs");
        let rank = hits.iter().position(|h| h.id == expected);
        top1 += usize::from(rank == Some(0));
        top3 += usize::from(rank.is_some_and(|r| r < 3));
    }

    println!("backcare-search benchmark");
    println!("  cores (available parallelism): {cores}");
    println!("  articles indexed:              {}", index.len());
    println!(
        "  index build, median of {BUILDS}:      {:.1} ms (min {:.1}, max {:.1})",
        ms(builds[builds.len() / 2]),
        ms(builds[0]),
        ms(builds[builds.len() - 1])
    );
    println!(
        "  query latency, first time, {} queries x {RUNS_PER_QUERY}: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        queries.len(),
        ms(percentile(&cold, 0.50)),
        ms(percentile(&cold, 0.99)),
        ms(cold[cold.len() - 1])
    );
    println!(
        "  query latency, asked before (Index::search keeps results), {} queries x {RUNS_PER_QUERY}: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        queries.len(),
        ms(percentile(&latencies, 0.50)),
        ms(percentile(&latencies, 0.99)),
        ms(latencies[latencies.len() - 1])
    );
    println!(
        "  relevance: expected article first in {top1}/{n}, in the top 3 in {top3}/{n}",
        n = queries.len()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
