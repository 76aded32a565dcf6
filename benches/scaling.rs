//! `cargo bench --bench scaling`: every hostile shape of issue 15 at 1×,
//! 10× and 100× its base size, through the code path that used to grow
//! faster than the input. Prints one table row per shape with the time of
//! each size and the ratios 10×/1× and 100×/10× (linear growth gives about
//! 10 each, quadratic about 100). Nothing is asserted; the README's scaling
//! table comes from this output.

use std::hint::black_box;
use std::time::Instant;

use corolint::lint::{self, Analysis};
use corolint::render::{self, OutputFormat, RenderOptions};
use corolint::rules::Profile;
use corolint::source::SourceFile;

/// One shape: its name, what it runs, and its text at a given scale.
struct Shape {
    name: &'static str,
    run: fn(&[u8]),
    text: fn(usize) -> Vec<u8>,
}

fn analysis(bytes: &[u8]) -> Analysis {
    Analysis::new(SourceFile::new("corosync.conf", bytes.to_vec()))
}

fn check(bytes: &[u8], format: OutputFormat) {
    let a = analysis(bytes);
    let report = lint::lint(&a, Profile::Generic, |_| true);
    let opts = RenderOptions { color: false, summary: true };
    let _ = render::render(std::slice::from_ref(&report), format, opts, &mut std::io::sink());
    black_box(report.diagnostics.len());
}

/// `300 * k` keys, each set twice with every other key between the two,
/// below as many comment lines: duplicate-key findings with far-apart labels.
fn keys_set_twice(k: usize) -> Vec<u8> {
    let n = 300 * k;
    let keys: String = (0..n).map(|i| format!(" key_{i}: v\n")).collect();
    format!("{}totem {{\n{keys}{keys}}}\n", "# c\n".repeat(n)).into_bytes()
}

fn nodes_conf(nodes: usize, keys: usize, tag: &str) -> Vec<u8> {
    let list: String = (0..nodes)
        .map(|i| {
            format!(
                " node {{\n  ring0_addr: 10.{}.{}.{}\n  nodeid: {}\n  name: n{i}\n }}\n",
                i / 62500,
                (i / 250) % 250,
                i % 250 + 1,
                i + 1
            )
        })
        .collect();
    let extra: String = (0..keys).map(|i| format!(" x_key_{i}: {tag}\n")).collect();
    format!("totem {{\n version: 2\n cluster_name: c\n{extra}}}\nnodelist {{\n{list}}}\nquorum {{\n provider: corosync_votequorum\n}}\n")
        .into_bytes()
}

const SHAPES: &[Shape] = &[
    Shape {
        name: "parse: blank lines (1,000 lines)",
        run: |b| {
            black_box(corolint::syntax::parse(b).tree.nodes.len());
        },
        text: |k| vec![b'\n'; 1000 * k],
    },
    Shape {
        name: "parse JSON: nested sections (100 deep, 1,000 lines)",
        run: |b| {
            let p = corolint::syntax::parse(b);
            let _ = serde_json::to_writer_pretty(std::io::sink(), &p.tree);
        },
        text: |k| {
            let one = format!("{}k: v\n{}", "a {\n".repeat(100), "}\n".repeat(100));
            one.repeat(5 * k).into_bytes()
        },
    },
    Shape {
        name: "check: comment lines (2,000)",
        run: |b| check(b, OutputFormat::Concise),
        text: |k| format!("{}totem {{\n version: 2\n}}\n", "# c\n".repeat(2000 * k)).into_bytes(),
    },
    Shape {
        name: "check, full output: invalid values (1,000)",
        run: |b| check(b, OutputFormat::Full),
        text: |k| format!("totem {{\n{}}}\n", " version: x\n".repeat(1000 * k)).into_bytes(),
    },
    Shape {
        name: "check, full output: keys set twice, far apart (300)",
        run: |b| check(b, OutputFormat::Full),
        text: keys_set_twice,
    },
    Shape {
        name: "check, JSON output: keys set twice, far apart (300)",
        run: |b| check(b, OutputFormat::Json),
        text: keys_set_twice,
    },
    Shape {
        name: "check, SARIF output: keys set twice, far apart (300)",
        run: |b| check(b, OutputFormat::Sarif),
        text: keys_set_twice,
    },
    Shape {
        name: "check, concise: invalid values (1,000)",
        run: |b| check(b, OutputFormat::Concise),
        text: |k| format!("totem {{\n{}}}\n", " version: x\n".repeat(1000 * k)).into_bytes(),
    },
    Shape {
        name: "check, concise: unknown keys (500)",
        run: |b| check(b, OutputFormat::Concise),
        text: |k| {
            format!("totem {{\n{}}}\n", (0..500 * k).map(|i| format!(" unknown_key_{i}: 1\n")).collect::<String>())
                .into_bytes()
        },
    },
    Shape {
        name: "check: suppressions × findings (500)",
        run: |b| check(b, OutputFormat::Concise),
        text: |k| {
            let body: String = (0..500 * k).map(|i| format!(" # corolint: disable=unknown-key\n k{i}x: 1\n")).collect();
            format!("totem {{\n{body}}}\n").into_bytes()
        },
    },
    Shape {
        name: "check: unknown rule name (10 KB)",
        run: |b| check(b, OutputFormat::Concise),
        text: |k| format!("# corolint: disable={}\n", "x".repeat(10_000 * k)).into_bytes(),
    },
    Shape {
        name: "fmt --diff: reindented lines (1,000)",
        run: |b| {
            let out = corolint::format::format(b, corolint::format::Style::KeepOrder).unwrap_or_default();
            black_box(corolint::format::diff::unified(b, &out, "a", "b").len());
        },
        text: |k| {
            format!("totem {{\n{}}}\n", (0..1000 * k).map(|i| format!("key_{i}:   v\n")).collect::<String>())
                .into_bytes()
        },
    },
    Shape {
        name: "quorum: nodes (50)",
        run: |b| {
            let a = analysis(b);
            let m = corolint::quorum::QuorumModel::from_cmap(&a.cmap);
            black_box((m.survives(false), m.even_split(false).is_some()));
        },
        text: |k| nodes_conf(50 * k, 0, "a"),
    },
    Shape {
        name: "diff: unchanged nodes (50) + changed keys (50)",
        run: |b| {
            let old = analysis(b);
            let new_bytes = String::from_utf8_lossy(b).replace(": a\n", ": b\n").into_bytes();
            let new = analysis(&new_bytes);
            let d = corolint::changes::diff::compare(&old.cmap, &new.cmap);
            let _ = corolint::cli::diff::write_table(&mut std::io::sink(), &old, &new, &d);
            black_box(corolint::cli::diff::reports(&old, &new, &d).len());
        },
        text: |k| nodes_conf(50 * k, 50 * k, "a"),
    },
    Shape {
        name: "drift table: differing keys (100)",
        run: |b| {
            let other = String::from_utf8_lossy(b).replace(": a\n", ": b\n").into_bytes();
            let d = corolint::changes::drift::analyze(vec![
                SourceFile::new("a/corosync.conf", b.to_vec()),
                SourceFile::new("b/corosync.conf", other),
            ]);
            let _ = corolint::cli::drift::write_overview(&mut std::io::sink(), &d);
        },
        text: |k| nodes_conf(3, 100 * k, "a"),
    },
];

fn main() {
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    println!("| shape (base size) | 1× | 10× | 100× | 10×/1× | 100×/10× |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for shape in SHAPES {
        if !filter.is_empty() && !filter.iter().any(|f| shape.name.contains(f.as_str())) {
            continue;
        }
        let mut times = Vec::new();
        for k in [1, 10, 100] {
            let text = (shape.text)(k);
            (shape.run)(&text); // warm-up
            // The best of a few runs: the machine is shared.
            let runs = if k == 100 { 3 } else { 5 };
            let best = (0..runs)
                .map(|_| {
                    let t = Instant::now();
                    (shape.run)(&text);
                    t.elapsed().as_secs_f64()
                })
                .fold(f64::INFINITY, f64::min);
            times.push(best);
        }
        let show = |s: f64| if s < 1e-3 { format!("{:.0} µs", s * 1e6) } else { format!("{:.1} ms", s * 1e3) };
        println!(
            "| {} | {} | {} | {} | {:.1} | {:.1} |",
            shape.name,
            show(times[0]),
            show(times[1]),
            show(times[2]),
            times[1] / times[0].max(1e-9),
            times[2] / times[1].max(1e-9)
        );
    }
}
