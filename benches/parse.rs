//! `cargo bench`: parse + cmap view, full check and format, on (a) a 3-node Proxmox file
//! with a qdevice and (b) the largest file corosync supports (384 nodes × 8
//! links). A small self-contained harness: it reports the median of repeated
//! runs and throughput; no timing is asserted.

#[path = "common/bench_data.rs"]
#[allow(dead_code)] // each user takes the generators it needs
mod bench_data;

use std::hint::black_box;
use std::time::{Duration, Instant};

use corolint::lint::{self, Analysis};
use corolint::rules::Profile;
use corolint::source::SourceFile;

/// `cargo bench -- FILTER` runs only the benchmarks whose name contains FILTER;
/// `BENCH_ITERS=N` runs each exactly N times without timing (for callgrind).
fn measure(name: &str, bytes: usize, mut f: impl FnMut()) {
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
        return;
    }
    if let Some(n) = std::env::var("BENCH_ITERS").ok().and_then(|v| v.parse::<u32>().ok()) {
        for _ in 0..n {
            f();
        }
        println!("{name:<46} ran {n} times");
        return;
    }
    // Warm up, then pick an iteration count that runs ~50 ms per sample.
    f();
    let start = Instant::now();
    let mut iters = 0u32;
    while start.elapsed() < Duration::from_millis(50) {
        f();
        iters += 1;
    }
    let iters = iters.max(1);
    let mut samples: Vec<f64> = (0..15)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iters {
                f();
            }
            t.elapsed().as_secs_f64() / f64::from(iters)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    let median = samples[samples.len() / 2];
    let mbps = bytes as f64 / median / 1e6;
    println!("{name:<46} {:>10.1} µs/iter {:>9.0} MB/s", median * 1e6, mbps);
}

fn main() {
    let small = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/bench/pve-3node-qdevice.conf"))
        .expect("testdata/bench/pve-3node-qdevice.conf");
    let large = bench_data::large_config(384, 8);
    println!("inputs: (a) 3-node PVE + qdevice {} bytes, (b) 384 nodes x 8 links {} bytes", small.len(), large.len());
    for (label, input) in [("(a) pve 3-node+qdevice", &small), ("(b) 384 nodes x 8 links", &large)] {
        measure(&format!("parse {label}"), input.len(), || {
            black_box(corolint::syntax::parse(black_box(input)));
        });
        // As `corolint` does it: the file's bytes are shared, not copied, by the view.
        let shared: std::sync::Arc<[u8]> = input.as_slice().into();
        measure(&format!("parse + cmap view {label}"), input.len(), || {
            let parsed = corolint::syntax::parse(black_box(&shared));
            black_box(corolint::cmap::build_shared(&parsed.tree, shared.clone()));
        });
        let source = SourceFile::new("bench.conf", input.clone());
        let analysis = Analysis::new(source.clone());
        measure(&format!("format, already canonical {label}"), input.len(), || {
            black_box(corolint::format::format(&analysis, corolint::format::Style::Pve).ok());
        });
        // The same file indented with tabs: every line changes, so the output is verified.
        let messy: Vec<u8> = input
            .split(|&b| b == b'\n')
            .map(|l| {
                let indent = l.iter().take_while(|&&b| b == b' ').count();
                [vec![b'\t'; indent / 2], l[indent..].to_vec()].concat()
            })
            .collect::<Vec<_>>()
            .join(&b'\n');
        let messy_analysis = Analysis::new(SourceFile::new("messy.conf", messy.clone()));
        measure(&format!("format + verify, tab-indented {label}"), messy.len(), || {
            black_box(corolint::format::format(&messy_analysis, corolint::format::Style::Pve).ok());
        });
        measure(&format!("full check {label}"), input.len(), || {
            let analysis = Analysis::new(source.clone());
            black_box(lint::lint(&analysis, Profile::Generic, |_| true));
        });
        // What `corolint check FILE` does per file without a corolint.toml.
        let config = corolint::config::Config::default();
        measure(&format!("check, default config {label}"), input.len(), || {
            let analysis = Analysis::new(source.clone());
            black_box(lint::lint_configured(&analysis, &config, Profile::Generic));
        });
    }
    // `corolint drift` over the copies of 250 clusters x 4 nodes, a few drifted.
    let copies: Vec<SourceFile> =
        bench_data::drift_copies(250, 4).into_iter().map(|(name, bytes)| SourceFile::new(name, bytes)).collect();
    let total: usize = copies.iter().map(|s| s.bytes.len()).sum();
    measure("drift 250 clusters x 4 nodes (1000 files)", total, || {
        black_box(corolint::changes::drift::analyze(black_box(copies.clone())));
    });
}
