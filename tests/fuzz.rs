//! Fuzzing on the stable toolchain (issue 15): proptest mutates the real
//! corpus (`testdata/corpus/real`) into large hostile inputs and runs them
//! through parse, the cmap view, every rule and renderer, and the formatter.
//! Nothing may panic or overflow the stack; printing the tree gives the
//! input back; what the formatter writes parses cleanly and formats to
//! itself.
//!
//! `COROLINT_FUZZ_CASES=N` sets the number of cases (default 48; CI runs
//! more, see `.ci/run`). `COROLINT_FUZZ_LAST=FILE` writes each input to
//! FILE before it runs, so a case that hangs or runs out of memory leaves
//! its input behind. `COROLINT_FUZZ_SEED=N` replays a run: every run
//! writes its seed to stderr first (past the test harness's capture, so
//! it survives a run the kernel kills). Every crash found becomes a test in
//! `tests/hardening.rs` or next to the code that crashed.

use proptest::prelude::*;
use std::io::Write;

use proptest::test_runner::{Config, RngSeed, TestRunner};

use corolint::lint::{self, Analysis};
use corolint::render::{self, OutputFormat, RenderOptions};
use corolint::rules::Profile;
use corolint::source::SourceFile;

fn corpus() -> Vec<Vec<u8>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/corpus/real");
    let mut files: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .expect("testdata/corpus/real must exist")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "conf"))
        .filter_map(|e| std::fs::read(e.path()).ok())
        .collect();
    files.sort();
    assert!(files.len() >= 50, "the vendored corpus is missing ({} files)", files.len());
    files
}

/// One change to a seed file.
#[derive(Debug, Clone)]
enum Mutation {
    /// Insert bytes at a position (a fraction of the length).
    Insert(u16, Vec<u8>),
    /// Delete a byte range.
    Delete(u16, u16),
    /// Repeat the line range around a position many times.
    RepeatLines(u16, u16, usize),
    /// Wrap everything in `depth` nested sections (closed or not).
    Nest(usize, bool),
    /// Append a hostile block.
    Append(Vec<u8>),
}

fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"{\n".to_vec()),
        Just(b"}\n".to_vec()),
        Just(b"\0".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"# corolint: disable=".to_vec()),
        Just(b"# corolint: disable-file=unknown-key,nope\n".to_vec()),
        Just(b" node {\n  ring0_addr: 10.0.0.9\n  nodeid: 9\n }\n".to_vec()),
        Just(b"version: x\n".to_vec()),
        Just(b"interface {\n linknumber: 1\n}\n".to_vec()),
        Just(b"logger_subsys {\n debug: on\n}\n".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..40),
        (1usize..600).prop_map(|n| vec![b'x'; n]),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<u16>(), piece()).prop_map(|(at, b)| Mutation::Insert(at, b)),
        2 => (any::<u16>(), any::<u16>()).prop_map(|(a, b)| Mutation::Delete(a, b)),
        2 => (any::<u16>(), 1u16..20, 1usize..3000).prop_map(|(at, n, k)| Mutation::RepeatLines(at, n, k)),
        1 => (1usize..700, any::<bool>()).prop_map(|(d, c)| Mutation::Nest(d, c)),
        1 => (piece(), 1usize..5000).prop_map(|(b, k)| Mutation::Append(b.repeat(k))),
    ]
}

fn at(len: usize, fraction: u16) -> usize {
    len * usize::from(fraction) / usize::from(u16::MAX).max(1)
}

/// The largest input a mutation builds (8 MiB).
const FUZZ_INPUT_CAP: usize = 8 << 20;

fn apply(seed: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for m in mutations {
        match m {
            Mutation::Insert(p, b) => {
                let i = at(bytes.len(), *p);
                bytes.splice(i..i, b.iter().copied());
            }
            Mutation::Delete(a, b) => {
                let (i, j) = (at(bytes.len(), *a), at(bytes.len(), *b));
                let (i, j) = (i.min(j), i.max(j).min(i.min(j) + 64));
                bytes.drain(i..j);
            }
            Mutation::RepeatLines(p, n, k) => {
                let i = at(bytes.len(), *p);
                let start = bytes[..i].iter().rposition(|&b| b == b'\n').map_or(0, |s| s + 1);
                let mut end = start;
                for _ in 0..*n {
                    end = bytes[end..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |e| end + e + 1);
                }
                let chunk = bytes[start..end].to_vec();
                // Never build more than the input cap: a chunk of long lines
                // times 3,000 once asked for 16 GB (and the CI machine killed the test).
                let room = FUZZ_INPUT_CAP.saturating_sub(bytes.len());
                let k = (*k).min(room / chunk.len().max(1) + 1);
                bytes.splice(end..end, chunk.repeat(k));
            }
            Mutation::Nest(depth, closed) => {
                let mut out = b"a {\n".repeat(*depth);
                out.extend_from_slice(&bytes);
                if *closed {
                    out.extend(b"}\n".repeat(*depth));
                }
                bytes = out;
            }
            Mutation::Append(b) => bytes.extend_from_slice(b),
        }
        bytes.truncate(FUZZ_INPUT_CAP);
    }
    bytes
}

/// A seed that differs from run to run (time and process id), so repeated
/// runs cover new inputs.
fn random_seed() -> u64 {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    (nanos as u64) ^ (u64::from(std::process::id()) << 32)
}

/// Everything one input goes through.
fn exercise(bytes: &[u8]) -> Result<(), TestCaseError> {
    let parsed = corolint::syntax::parse(bytes);
    prop_assert_eq!(parsed.tree.print(bytes), bytes.to_vec(), "printing the tree changed the input");
    let analysis = Analysis::new(SourceFile::new("fuzz.conf", bytes.to_vec()));
    let report = lint::lint(&analysis, Profile::Generic, |_| true);
    let pve = lint::lint(&analysis, Profile::Pve, |_| true);
    for format in
        [OutputFormat::Full, OutputFormat::Concise, OutputFormat::Json, OutputFormat::Github, OutputFormat::Sarif]
    {
        let opts = RenderOptions { color: false, summary: true };
        render::render(&[report.clone(), pve.clone()], format, opts, &mut std::io::sink())
            .map_err(|e| TestCaseError::fail(format!("{format:?}: {e}")))?;
    }
    serde_json::to_writer(std::io::sink(), &parsed.tree).map_err(|e| TestCaseError::fail(e.to_string()))?;
    for style in [corolint::format::Style::Pve, corolint::format::Style::KeepOrder] {
        if let Ok(out) = corolint::format::format(&analysis, style) {
            let again = corolint::syntax::parse(&out);
            prop_assert!(again.errors.is_empty(), "formatted output does not parse: {:?}", again.errors.first());
            prop_assert!(!out.contains(&0), "formatted output holds a NUL byte");
            let twice = corolint::format::format(&out[..], style);
            prop_assert_eq!(twice.as_ref().ok(), Some(&out), "formatting is not idempotent");
        }
    }
    let m = corolint::quorum::QuorumModel::from_cmap(&analysis.cmap);
    let _ = (m.survives(true), m.survives(false), m.even_split(true));
    let d = corolint::changes::diff::compare(&analysis.cmap, &analysis.cmap);
    prop_assert!(d.changes.is_empty(), "a file differs from itself");
    Ok(())
}

#[test]
fn fuzz_mutated_corpus() {
    let seeds = corpus();
    let cases = std::env::var("COROLINT_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48);
    let seed = std::env::var("COROLINT_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(random_seed);
    // Straight to the stderr handle: the harness captures only the print macros.
    let _ = writeln!(std::io::stderr(), "fuzz: COROLINT_FUZZ_SEED={seed} COROLINT_FUZZ_CASES={cases}");
    let config = Config { cases, failure_persistence: None, rng_seed: RngSeed::Fixed(seed), ..Config::default() };
    let mut runner = TestRunner::new(config);
    let strategy = (0..seeds.len(), proptest::collection::vec(mutation(), 1..6));
    let last = std::env::var_os("COROLINT_FUZZ_LAST");
    let result = runner.run(&strategy, |(seed, mutations)| {
        let input = apply(&seeds[seed], &mutations);
        if let Some(path) = &last {
            std::fs::write(path, &input).map_err(|e| TestCaseError::fail(format!("COROLINT_FUZZ_LAST: {e}")))?;
        }
        exercise(&input)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// A mutation never builds more than [`FUZZ_INPUT_CAP`]: repeating one
/// long line 3,000 times once asked for 16 GB before the cap applied.
#[test]
fn mutations_stay_under_the_input_cap() {
    let long_line = vec![b'x'; 1 << 20];
    let out = apply(&long_line, &[Mutation::RepeatLines(0, 19, 2999), Mutation::Nest(699, true)]);
    assert!(out.len() <= FUZZ_INPUT_CAP, "{} bytes", out.len());
    assert!(out.len() > FUZZ_INPUT_CAP / 2, "the repeat still fills the cap: {} bytes", out.len());
}

/// Every seed as it is.
#[test]
fn fuzz_seeds_unchanged() {
    for seed in corpus() {
        if let Err(e) = exercise(&seed) {
            panic!("{e}");
        }
    }
}
