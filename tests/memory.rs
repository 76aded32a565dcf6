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

/// `parse` on 2 MB of blank lines: its peak memory stays a small multiple
/// of the file (it was 21 GB, about 3.7 KB a line).
#[cfg(target_os = "linux")]
#[test]
fn parse_memory_is_a_small_multiple_of_the_file() {
    let d = std::env::temp_dir().join(format!("corolint-memory-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    let size = 2_000_000;
    std::fs::write(d.join("blank.conf"), vec![b'\n'; size]).expect("write");
    // Reaped by `wait4` below, which also reports its peak memory.
    #[allow(clippy::zombie_processes)]
    let child = bin()
        .args(["parse", "blank.conf"])
        .current_dir(&d)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut status = 0;
    // SAFETY: a zeroed rusage is valid; `wait4` fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our child's, not reaped yet; the pointers are valid.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t);
    let peak_bytes = usage.ru_maxrss as usize * 1024;
    assert!(peak_bytes < 150 * size, "peak {} MB for a {} MB file", peak_bytes >> 20, size >> 20);
    let _ = std::fs::remove_dir_all(&d);
}
