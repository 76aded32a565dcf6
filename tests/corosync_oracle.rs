//! Differential test against the real corosync binaries of every modelled
//! release with an oracle: 3.1.7 (the host's `/usr/sbin/corosync`), 3.1.9
//! and 3.1.10 (minimal Debian chroots that `scripts/install-corosync-versions.sh`
//! builds under `$COROLINT_COROSYNC_VERSIONS`, default
//! `/var/tmp/corolint-corosync-versions`).
//!
//! Every recorded case, every version probe, every real corpus file (with
//! its first node made local) and deterministic mutations of each corpus
//! file (grammar corners, and the constructs the releases read differently)
//! go to each binary's `corosync -t` and to corolint for that target:
//!
//! - corosync's parser refuses the file → corolint's first syntax or type
//!   error is on the same line;
//! - corosync crashes → corolint reports a syntax-class error;
//! - corosync accepts the file → corolint reports no syntax-class error.
//!
//! The binaries run in parallel (at most 4 at a time). Without an oracle
//! the test is skipped, unless `COROLINT_REQUIRE_COROSYNC=1`: then it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{Case, ORACLE_VERSIONS, Verdict};
use corolint::lint::Analysis;
use corolint::source::SourceFile;
use corolint::version::TargetVersion;

/// Parser refusals that depend on the machine (its users and groups).
const MACHINE_DEPENDENT: &[&str] = &["is not found in /etc/"];

/// One real corosync: the host's, or the one in a chroot.
struct Oracle {
    version: TargetVersion,
    /// The chroot, or `None` for the host's binary.
    root: Option<PathBuf>,
}

impl Oracle {
    /// `corosync -t` on `bytes`; `scratch` is a directory of the oracle's
    /// file system (`/tmp/...` inside the chroot) and `n` makes the name unique.
    fn verdict(&self, scratch: &Path, n: usize, bytes: &[u8]) -> Verdict {
        let inner = scratch.join(format!("case-{n}.conf"));
        let outer = match &self.root {
            Some(root) => root.join(inner.strip_prefix("/").unwrap_or(&inner)),
            None => inner.clone(),
        };
        std::fs::write(&outer, bytes).expect("write case");
        let out = match &self.root {
            Some(root) => {
                Command::new("chroot").arg(root).arg("/usr/sbin/corosync").arg("-t").arg("-c").arg(&inner).output()
            }
            None => Command::new("/usr/sbin/corosync").arg("-t").arg("-c").arg(&inner).output(),
        }
        .expect("run corosync");
        let _ = std::fs::remove_file(&outer);
        let rc = match out.status.code() {
            Some(rc) => i64::from(rc),
            None => {
                use std::os::unix::process::ExitStatusExt;
                -i64::from(out.status.signal().unwrap_or(0))
            }
        };
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        let lines: Vec<String> = text.lines().map(String::from).collect();
        Verdict::of(rc, &lines, &inner.display().to_string())
    }
}

/// The version a `corosync -v` run prints, if it runs.
fn reported_version(cmd: &mut Command) -> Option<String> {
    let out = cmd.arg("-v").output().ok()?;
    corolint::version::parse_version_output(&String::from_utf8_lossy(&out.stdout))
}

/// Every oracle found; panics under `COROLINT_REQUIRE_COROSYNC=1` when one is missing.
fn oracles() -> Vec<Oracle> {
    let dir = std::env::var_os("COROLINT_COROSYNC_VERSIONS")
        .map_or_else(|| PathBuf::from("/var/tmp/corolint-corosync-versions"), PathBuf::from);
    let mut found = Vec::new();
    if reported_version(&mut Command::new("/usr/sbin/corosync")).as_deref() == Some("3.1.7") {
        found.push(Oracle { version: TargetVersion::V3_1_7, root: None });
    }
    for suite in ["trixie", "sid"] {
        let root = dir.join(suite);
        let mut cmd = Command::new("chroot");
        cmd.arg(&root).arg("/usr/sbin/corosync");
        if let Some(version) = reported_version(&mut cmd).and_then(|v| v.parse().ok()) {
            found.push(Oracle { version, root: Some(root) });
        }
    }
    let missing: Vec<&str> =
        ORACLE_VERSIONS.iter().filter(|v| !found.iter().any(|o| o.version == **v)).map(|v| v.as_str()).collect();
    if !missing.is_empty() && std::env::var("COROLINT_REQUIRE_COROSYNC").is_ok_and(|v| v == "1") {
        panic!(
            "COROLINT_REQUIRE_COROSYNC=1 but corosync {} cannot be run (3.1.7: apt-get install corosync; \
             3.1.9 and 3.1.10: scripts/install-corosync-versions.sh, as root)",
            missing.join(", ")
        );
    }
    found
}

/// Small deterministic mutations that exercise the grammar's corners.
fn mutations(bytes: &[u8], seed: usize) -> Vec<Vec<u8>> {
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    if lines.is_empty() {
        return Vec::new();
    }
    let pick = |k: usize, pred: &dyn Fn(&[u8]) -> bool| -> Option<usize> {
        let candidates: Vec<usize> = (0..lines.len()).filter(|&i| pred(lines[i])).collect();
        (!candidates.is_empty()).then(|| candidates[(seed * 7 + k * 13) % candidates.len()])
    };
    let is_pair = |l: &[u8]| l.contains(&b':') && !l.contains(&b'{') && !l.trim_ascii_start().starts_with(b"#");
    let edit = |i: usize, new: Vec<u8>| -> Vec<u8> {
        let mut out = Vec::new();
        for (j, l) in lines.iter().enumerate() {
            out.extend_from_slice(if j == i { &new } else { l });
        }
        out
    };
    let strip_nl = |l: &[u8]| l.strip_suffix(b"\n").unwrap_or(l).to_vec();
    let mut out = Vec::new();
    if let Some(i) = pick(1, &is_pair) {
        out.push(edit(i, [strip_nl(lines[i]), b" # note\n".to_vec()].concat()));
    }
    if let Some(i) = pick(2, &|l| l.trim_ascii() == b"}") {
        out.push(edit(i, Vec::new()));
        out.push(edit(i, b"} # end\n".to_vec()));
    }
    if let Some(i) = pick(3, &is_pair) {
        let l = strip_nl(lines[i]);
        let colon = l.iter().position(|&b| b == b':').unwrap_or(0);
        let (key, value) = (&l[..colon], l[colon + 1..].trim_ascii_start());
        out.push(edit(i, [key, b" ", &l[colon + 1..], b"\n"].concat()));
        out.push(edit(i, [l.clone(), b" {\n".to_vec()].concat()));
        out.push(edit(i, [l.clone(), vec![b'x'; 520usize.saturating_sub(l.len())], b"\n".to_vec()].concat()));
        out.push(edit(i, [l.clone(), b"\0\n".to_vec()].concat()));
        out.push(edit(i, [key, b": 0x10\n"].concat()));
        out.push(edit(i, [key, b": \"2\"\n"].concat()));
        out.push(edit(i, [key, b":\r\n"].concat()));
        // 0xA0: ordinary in 3.1.7, whitespace from 3.1.8 on.
        out.push(edit(i, [b"\xA0".to_vec(), l.clone(), b"\n".to_vec()].concat()));
        out.push(edit(i, [l.clone(), b"\xA0\n".to_vec()].concat()));
        out.push(edit(i, [key, b"\xA0:\xA0", value, b"\n"].concat()));
        // Empty keys: refused by 3.1.10 unless a blank follows the colon.
        out.push(edit(i, [b":", value, b"\n"].concat()));
        out.push(edit(i, [b"\t: ", value, b"\n"].concat()));
    }
    if let Some(i) = pick(4, &|l| l.contains(&b'{')) {
        let l = strip_nl(lines[i]);
        out.push(edit(i, [l.clone(), b" }\n".to_vec()].concat()));
        let name_end = l.iter().position(|&b| b == b'{').unwrap_or(0);
        out.push(edit(i, [l[..name_end].trim_ascii_end().to_vec(), b"\n{\n".to_vec()].concat()));
        out.push(edit(i, [l[..name_end].trim_ascii_end().to_vec(), b"{\n".to_vec()].concat()));
        out.push(edit(i, [l.clone(), b"\xA0\n".to_vec()].concat()));
        // A subsection right inside the section (uidgid, member, node, logging blocks read it differently).
        out.push(edit(i, [l.clone(), b"\n\tsub {\n\t\tdebug: on\n\t}\n".to_vec()].concat()));
    }
    if let Some(i) = pick(5, &|l| l.trim_ascii_start().starts_with(b"#")) {
        out.push(edit(i, [b"\xA0".to_vec(), strip_nl(lines[i]), b"\n".to_vec()].concat()));
    }
    out.push([bytes, b"}\n"].concat());
    out.push([b"\xEF\xBB\xBF".as_slice(), bytes].concat());
    // Two of the blocks the releases read differently, appended (sections merge).
    for k in 0..2 {
        out.push([bytes, VERSION_BLOCKS[(seed * 2 + k) % VERSION_BLOCKS.len()]].concat());
    }
    out
}

/// Blocks whose verdict or meaning differs between 3.1.7, 3.1.9 and 3.1.10.
const VERSION_BLOCKS: &[&[u8]] = &[
    b"uidgid {\n\tgid: root\n\tsub {\n\t}\n}\n",
    b"logging {\n\tlogger_subsys {\n\t\tsubsys: QUORUM\n\t\tsub {\n\t\t\tdebug: on\n\t\t}\n\t}\n}\n",
    b"logging {\n\tlogger_subsys {\n\t\tsub {\n\t\t\tdebug: on\n\t\t}\n\t\tsubsys: QUORUM\n\t}\n}\n",
    b"logging {\n\tlogging_daemon {\n\t\tname: corosync\n\t\tsubsys: QUORUM\n\t\tsub {\n\t\t\tdebug: on\n\t\t}\n\t}\n}\n",
    b"totem {\n\tip_dscp: EF\n}\n",
    b"totem {\n\tip_dscp: af41\n}\n",
    b"totem {\n\tip_dscp: 0x40\n}\n",
    b"totem {\n\trrp_problem_count_timeout: abc\n}\n",
    b"totem {\n\tconfig_version: abc\n}\n",
    b"resources {\n\tprocess {\n\t\tmemory_used {\n\t\t\tpoll_period: soon\n\t\t}\n\t}\n}\n",
    b":\n",
    b"::x\n",
    b"\xA0\n",
    b"totem {\n\tinterface {\n\t\tmember {\n\t\t\tsub {\n\t\t\t}\n\t\t}\n\t}\n}\n",
];

/// Why corolint (for the oracle's version) disagrees with `verdict`, if it does.
fn disagreement(version: TargetVersion, bytes: &[u8], verdict: &Verdict) -> Option<String> {
    let analysis = Analysis::for_target(SourceFile::new("case.conf", bytes.to_vec()), version);
    // Refusals after parsing depend on this machine (addresses, names, files).
    common::parser_disagreement(&analysis, verdict, MACHINE_DEPENDENT)
}

#[test]
fn verdicts_match_every_real_corosync() {
    let oracles = oracles();
    if oracles.is_empty() {
        eprintln!("skipping: no corosync to compare with");
        return;
    }
    let mut cases: Vec<Case> = common::recorded_cases();
    cases.extend(common::probes());
    let corpus = common::corpus_cases();
    for (n, case) in corpus.iter().enumerate() {
        for (k, bytes) in mutations(&case.bytes, n).into_iter().enumerate() {
            cases.push(Case { name: format!("{} variant {k}", case.name), bytes });
        }
    }
    cases.extend(corpus);
    let jobs: Vec<(&Oracle, &Case)> = oracles.iter().flat_map(|o| cases.iter().map(move |c| (o, c))).collect();
    // Scratch directories, one per oracle, inside its own file system.
    let scratch: Vec<(PathBuf, PathBuf)> = oracles
        .iter()
        .map(|o| {
            let inner = PathBuf::from(format!("/tmp/corolint-oracle-{}-{}", std::process::id(), o.version));
            let outer = match &o.root {
                Some(root) => root.join(inner.strip_prefix("/").unwrap_or(&inner)),
                None => inner.clone(),
            };
            std::fs::create_dir_all(&outer).expect("scratch directory");
            (inner, outer)
        })
        .collect();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&(oracle, case)) = jobs.get(i) else { break };
                    let o = oracles.iter().position(|x| std::ptr::eq(x, oracle)).unwrap_or(0);
                    let verdict = oracle.verdict(&scratch[o].0, i, &case.bytes);
                    if let Some(problem) = disagreement(oracle.version, &case.bytes, &verdict) {
                        let kept = std::env::temp_dir().join(format!("corolint-disagree-{}-{i}.conf", oracle.version));
                        let _ = std::fs::write(&kept, &case.bytes);
                        let line =
                            format!("{} @ {}: {problem} (kept as {})", case.name, oracle.version, kept.display());
                        failures.lock().unwrap_or_else(|e| e.into_inner()).push(line);
                    }
                }
            });
        }
    });
    for (_, outer) in &scratch {
        let _ = std::fs::remove_dir_all(outer);
    }
    let failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    let per_version = cases.len();
    assert!(per_version > 2000, "only {per_version} files per version");
    assert!(failures.is_empty(), "{} of {} runs disagree:\n{}", failures.len(), jobs.len(), failures.join("\n"));
    eprintln!("compared {} runs: {} files x {} versions", jobs.len(), per_version, oracles.len());
}
