//! Peak memory of one `corolint parse` (issue 15). This test lives alone in
//! its own test binary: a child's `ru_maxrss` starts at the high-water mark
//! of the process that spawned it (glibc spawns with vfork, and the kernel
//! carries the old address space's peak over `exec`), so beside tests that
//! hold large inputs it measured their memory, not corolint's.

use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_corolint"));
    c.env("NO_COLOR", "1").env_remove("COROLINT_OUTPUT_FORMAT");
    c
}

/// The peak memory of `corolint ARGS` run in `dir`, output discarded.
#[cfg(target_os = "linux")]
fn peak_bytes(dir: &std::path::Path, args: &[&str]) -> usize {
    // Reaped by `wait4` below, which also reports its peak memory.
    #[allow(clippy::zombie_processes)]
    let child = bin().args(args).current_dir(dir).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn");
    let mut status = 0;
    // SAFETY: a zeroed rusage is valid; `wait4` fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our child's, not reaped yet; the pointers are valid.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t);
    usage.ru_maxrss as usize * 1024
}

/// A fresh temporary folder for one test.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("corolint-memory-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// `parse` on 2 MB of blank lines: its peak memory stays a small multiple
/// of the file (it was 21 GB, about 3.7 KB a line).
#[cfg(target_os = "linux")]
#[test]
fn parse_memory_is_a_small_multiple_of_the_file() {
    let d = temp_dir("parse");
    let size = 2_000_000;
    std::fs::write(d.join("blank.conf"), vec![b'\n'; size]).expect("write");
    let peak = peak_bytes(&d, &["parse", "blank.conf"]);
    assert!(peak < 150 * size, "peak {} MB for a {} MB file", peak >> 20, size >> 20);
    let _ = std::fs::remove_dir_all(&d);
}

/// JSON and SARIF output are written one finding at a time: with 40,000
/// findings they need about the memory of the concise output, which holds
/// only the findings. Built as one document in memory, SARIF took 20 times
/// as much (2.5 GB for 85,000 findings of a fuzz input).
#[cfg(target_os = "linux")]
#[test]
fn json_and_sarif_output_are_streamed() {
    let d = temp_dir("render");
    let text = format!("totem {{\n version: 2\n{}}}\n", " token: 1000\n".repeat(40_000));
    std::fs::write(d.join("many.conf"), text).expect("write");
    let concise = peak_bytes(&d, &["check", "--output-format", "concise", "many.conf"]);
    for format in ["json", "sarif"] {
        let peak = peak_bytes(&d, &["check", "--output-format", format, "many.conf"]);
        assert!(peak < 2 * concise + (16 << 20), "{format}: peak {} MB, concise {} MB", peak >> 20, concise >> 20);
    }
    let _ = std::fs::remove_dir_all(&d);
}
