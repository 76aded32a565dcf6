//! Property tests: on any bytes, and on random mutations of the real corpus,
//! corolint never panics, printing the tree gives the input back byte for
//! byte, every error and diagnostic span lies inside the input, and every
//! rule runs to completion in both profiles.

use std::path::Path;

use corolint::lint::{self, Analysis};
use corolint::rules::Profile;
use corolint::source::SourceFile;
use proptest::prelude::*;

fn check_invariants(bytes: &[u8]) -> Result<(), TestCaseError> {
    let analysis = Analysis::new(SourceFile::new("prop.conf", bytes.to_vec()));
    prop_assert_eq!(analysis.parsed.tree.print(bytes), bytes.to_vec());
    for e in analysis.errors() {
        prop_assert!(
            e.span.start <= e.span.end && e.span.end_usize() <= bytes.len(),
            "error span {:?} outside input",
            e.span
        );
    }
    for (key, entry) in analysis.cmap.iter() {
        prop_assert!(corolint::cmap::is_valid_key_name(key.as_bytes()), "stored invalid key {key}");
        for s in entry.spans {
            prop_assert!(s.end_usize() <= bytes.len());
        }
    }
    for profile in [Profile::Generic, Profile::Pve] {
        let report = lint::lint(&analysis, profile, |_| true);
        for d in &report.diagnostics {
            prop_assert!(
                d.primary.span.end_usize() <= bytes.len(),
                "{} span {:?} outside input",
                d.rule,
                d.primary.span
            );
            for l in &d.secondary {
                prop_assert!(l.span.end_usize() <= bytes.len(), "{} label span outside input", d.rule);
            }
        }
    }
    Ok(())
}

fn corpus() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/corpus/real");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .expect("testdata/corpus/real");
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "conf"));
    files.sort();
    files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

/// Bytes that matter to the grammar, to make mutations interesting.
fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        Just(b'{'),
        Just(b'}'),
        Just(b':'),
        Just(b'#'),
        Just(b'\n'),
        Just(b'\r'),
        Just(b' '),
        Just(b'\t'),
        Just(0u8),
        Just(0xA0u8),
        Just(0xC2u8),
        any::<u8>(),
    ]
}

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Replace(usize, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), prop::collection::vec(interesting_byte(), 1..8)).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<usize>(), interesting_byte()).prop_map(|(i, b)| Mutation::Replace(i, b)),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Insert(i, b) => {
                let at = i % (bytes.len() + 1);
                bytes.splice(at..at, b.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let at = i % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            Mutation::Replace(i, b) => {
                if !bytes.is_empty() {
                    let at = i % bytes.len();
                    bytes[at] = *b;
                }
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic_and_round_trip(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_invariants(&bytes)?;
    }

    #[test]
    fn grammar_bytes_never_panic_and_round_trip(bytes in prop::collection::vec(interesting_byte(), 0..1024)) {
        check_invariants(&bytes)?;
    }

    #[test]
    fn corpus_mutations_never_panic_and_round_trip(index in any::<usize>(), muts in prop::collection::vec(mutation(), 1..6)) {
        let files = corpus();
        prop_assume!(!files.is_empty());
        let original = files[index % files.len()].clone();
        check_invariants(&apply(original, &muts))?;
    }
}

#[test]
fn crash_inputs_of_corosync_are_errors() {
    for src in [
        &b"totem {\n config_version: abc\n}\n"[..],
        b"logging {\n logger_subsys {\n  subsys: QUORUM\n  nested {\n   subsys: KNET\n  }\n }\n}\n",
    ] {
        let analysis = Analysis::new(SourceFile::new("crash.conf", src.to_vec()));
        assert!(!analysis.is_valid(), "{}", String::from_utf8_lossy(src));
    }
}
