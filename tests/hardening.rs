//! Hostile and odd inputs (issue 15): every input is generated here, never
//! stored. Sizes are chosen so that a quadratic step would take minutes;
//! nothing is timed.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_corolint"));
    c.env("NO_COLOR", "1").env_remove("COROLINT_OUTPUT_FORMAT");
    c
}

/// A fresh directory for one test.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("corolint-hardening-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn run(args: &[&str], cwd: &Path) -> Output {
    bin().args(args).current_dir(cwd).stdin(Stdio::null()).output().expect("run corolint")
}

fn run_stdin(args: &[&str], cwd: &Path, stdin: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait");
    let _ = writer.join();
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A valid file that `fmt` changes.
const UNFORMATTED: &[u8] = b"totem {\n version: 2\n    cluster_name: c\n}\n";

// --- 1. No crash on any nesting depth ---------------------------------------

#[test]
fn deep_nesting_never_crashes_any_command_or_format() {
    let d = dir("deep");
    std::fs::write(d.join("braces.conf"), "{\n".repeat(8000)).expect("write");
    std::fs::write(d.join("nested.conf"), format!("{}k: v\n{}", "a {\n".repeat(20_000), "}\n".repeat(20_000)))
        .expect("write");
    for file in ["braces.conf", "nested.conf"] {
        let mut commands: Vec<Vec<&str>> = vec![
            vec!["parse", file],
            vec!["parse", "--cmap", file],
            vec!["fmt", "--check", file],
            vec!["fmt", "--diff", file],
            vec!["quorum", file],
            vec!["diff", file, file],
            vec!["drift", file, file],
            // Several files: checked on rayon's worker threads (smaller stacks).
            vec!["check", file, file],
        ];
        for format in ["full", "concise", "json", "github", "sarif"] {
            commands.push(vec!["check", "--output-format", format, file]);
        }
        for args in &commands {
            let out = run(args, &d);
            let code = out.status.code();
            assert!(matches!(code, Some(1 | 2)), "{args:?}: {:?} {}", out.status, stderr(&out));
        }
    }
    // corosync's own verdict at that depth: the cmap path grows past 254
    // bytes (`a.a.a…` at depth 128), and that is what check reports first.
    let out = run(&["check", "--output-format", "concise", "nested.conf"], &d);
    let first = stdout(&out).lines().next().unwrap_or_default().to_string();
    assert!(first.starts_with("nested.conf:128:1: error[path-too-long]"), "{first}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn unwritable_stderr_never_panics() {
    let d = dir("devfull");
    std::fs::write(d.join("corosync.conf"), b"totem {\n version: x\n}\n").expect("write");
    for args in [&["check", "corosync.conf"][..], &["check", "missing.conf"], &["fmt", "corosync.conf"], &["nosuch"]] {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
        let out = bin().args(args).current_dir(&d).stderr(full).stdout(Stdio::null()).output().expect("run");
        assert!(matches!(out.status.code(), Some(1 | 2)), "{args:?}: {:?}", out.status);
    }
    let _ = std::fs::remove_dir_all(&d);
}

// --- 2. fmt never loses data ------------------------------------------------

#[test]
fn fmt_refuses_files_with_nul_bytes_and_check_reports_them() {
    let d = dir("nul");
    let cases: [&[u8]; 3] = [
        b"totem {\n version: 2\n}\n# last comment\0after the NUL",
        b"totem {\n version: 2\n}\n\0 a line corosync ignores\n",
        b"totem {\n  version: 2\n}\n# comment\0tail\n",
    ];
    for (i, bytes) in cases.iter().enumerate() {
        let path = d.join(format!("c{i}.conf"));
        std::fs::write(&path, bytes).expect("write");
        let name = format!("c{i}.conf");
        let out = run(&["fmt", &name], &d);
        assert_eq!(out.status.code(), Some(2), "case {i}: {}", stderr(&out));
        assert!(stderr(&out).contains("NUL byte"), "case {i}: {}", stderr(&out));
        assert_eq!(std::fs::read(&path).expect("read"), *bytes, "case {i}: file changed");
        let out = run(&["check", "--output-format", "concise", &name], &d);
        assert_eq!(out.status.code(), Some(1), "case {i}");
        assert!(stdout(&out).contains("[nul-byte]"), "case {i}: {}", stdout(&out));
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[cfg(unix)]
#[test]
fn fmt_keeps_hard_links_mode_and_xattrs() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let d = dir("links");
    let a = d.join("corosync.conf");
    std::fs::write(&a, UNFORMATTED).expect("write");
    std::fs::hard_link(&a, d.join("other-name.conf")).expect("hard link");
    let inode = std::fs::metadata(&a).expect("meta").ino();
    let out = run(&["fmt", "corosync.conf"], &d);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("hard links"), "{}", stderr(&out));
    let formatted = std::fs::read(&a).expect("read");
    assert_ne!(formatted, UNFORMATTED);
    assert_eq!(std::fs::read(d.join("other-name.conf")).expect("read"), formatted, "the other name kept old text");
    assert_eq!(std::fs::metadata(&a).expect("meta").ino(), inode);

    // One link: replaced atomically, with its mode and extended attributes
    // (an ACL is the `system.posix_acl_access` attribute, set like this one).
    let b = d.join("single.conf");
    std::fs::write(&b, UNFORMATTED).expect("write");
    std::fs::set_permissions(&b, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    xattr::set(&b, "user.corolint-test", b"kept").expect("this file system must support user xattrs");
    let out = run(&["fmt", "single.conf"], &d);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_ne!(std::fs::read(&b).expect("read"), UNFORMATTED);
    assert_eq!(std::fs::metadata(&b).expect("meta").permissions().mode() & 0o7777, 0o640);
    assert_eq!(xattr::get(&b, "user.corolint-test").expect("get").as_deref(), Some(&b"kept"[..]));
    let _ = std::fs::remove_dir_all(&d);
}

#[cfg(unix)]
#[test]
fn fmt_refuses_read_only_files_and_special_paths() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir("readonly");
    let path = d.join("corosync.conf");
    std::fs::write(&path, UNFORMATTED).expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let out = run(&["fmt", "corosync.conf"], &d);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&path).expect("read"), UNFORMATTED);

    // `fmt /dev/stdin < a.conf` must not rewrite a.conf through /dev/stdin.
    let a = d.join("a.conf");
    std::fs::write(&a, UNFORMATTED).expect("write");
    let out = bin()
        .args(["fmt", "/dev/stdin"])
        .current_dir(&d)
        .stdin(std::fs::File::open(&a).expect("open"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("special path"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&a).expect("read"), UNFORMATTED);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn fmt_formats_every_file_it_can_and_reports_each_failure() {
    let d = dir("several");
    std::fs::write(d.join("good.conf"), UNFORMATTED).expect("write");
    let out = run(&["fmt", "missing.conf", "good.conf"], &d);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.conf: No such file or directory"), "{}", stderr(&out));
    assert_ne!(std::fs::read(d.join("good.conf")).expect("read"), UNFORMATTED, "good.conf was not formatted");

    // A dangling symlink inside a directory argument: reported, the rest formatted.
    let tree = d.join("nodes");
    std::fs::create_dir_all(tree.join("a")).expect("mkdir");
    std::fs::create_dir_all(tree.join("b")).expect("mkdir");
    std::fs::write(tree.join("b/corosync.conf"), UNFORMATTED).expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink("/nonexistent/corosync.conf", tree.join("a/corosync.conf")).expect("symlink");
    let out = run(&["fmt", "nodes"], &d);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("a/corosync.conf"), "{}", stderr(&out));
    assert_ne!(std::fs::read(tree.join("b/corosync.conf")).expect("read"), UNFORMATTED);
    let _ = std::fs::remove_dir_all(&d);
}

// --- 4. Input limits ----------------------------------------------------------

#[cfg(unix)]
#[test]
fn non_regular_inputs_and_large_configs_are_refused_with_one_line() {
    let d = dir("limits");
    std::fs::write(d.join("corosync.conf"), b"totem {\n version: 2\n}\n").expect("write");
    let fifo = d.join("fifo");
    let c_path = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0, "mkfifo");
    std::fs::write(d.join("big.toml"), vec![b'#'; (1 << 20) + 1]).expect("write");
    for args in [
        &["check", "/dev/zero"][..],
        &["check", "fifo"],
        &["check", "--config", "/dev/zero", "corosync.conf"],
        &["check", "--config", "fifo", "corosync.conf"],
        &["check", "--config", "big.toml", "corosync.conf"],
        &["fmt", "fifo"],
        &["parse", "/dev/zero"],
    ] {
        // A FIFO without a writer would block a blocking open forever.
        let mut child =
            bin().args(args).current_dir(&d).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("spawn");
        let mut waited = 0;
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            waited += 1;
            if waited > 1200 {
                let _ = child.kill();
                panic!("{args:?} blocks");
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        };
        let mut err = String::new();
        let _ = child.stderr.take().expect("stderr").read_to_string(&mut err);
        assert_eq!(status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().filter(|l| l.starts_with("corolint: error:")).count(), 1, "{args:?}: {err}");
    }
    // Standard input is read up to the cap and then refused.
    let out = run_stdin(&["check", "-"], &d, &vec![b'\n'; (64 << 20) + 1]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("64 MiB"), "{}", stderr(&out));
    let _ = std::fs::remove_dir_all(&d);
}

// --- 5. Exit codes under I/O faults -------------------------------------------

/// Runs with standard output a pipe whose reading end is already closed.
#[cfg(unix)]
fn run_epipe(args: &[&str], cwd: &Path, stdin: &[u8]) -> Option<i32> {
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    // SAFETY: fds[0] is the reading end we own; closing it makes writes fail with EPIPE.
    unsafe { libc::close(fds[0]) };
    use std::os::fd::FromRawFd;
    // SAFETY: fds[1] is a valid descriptor we own; Stdio takes it over.
    let write_end = unsafe { Stdio::from_raw_fd(fds[1]) };
    let mut child = bin()
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(write_end)
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    child.wait().expect("wait").code()
}

#[cfg(unix)]
#[test]
fn closed_stdout_never_exits_0_when_output_was_lost() {
    let d = dir("epipe");
    let bad = b"totem {\n version: x\n token: 1\n}\nnodelist {\n node {\n  ring0_addr: 10.0.0.1\n  nodeid: 1\n }\n}\n";
    std::fs::write(d.join("a.conf"), bad).expect("write");
    std::fs::write(d.join("b.conf"), UNFORMATTED).expect("write");
    for args in [
        &["check", "a.conf"][..],
        &["check", "--output-format", "json", "a.conf"],
        &["diff", "a.conf", "b.conf"],
        &["drift", "a.conf", "b.conf"],
        &["fmt", "--check", "b.conf"],
        &["fmt", "--diff", "b.conf"],
        &["fmt", "-"],
        &["quorum", "--down", "1", "a.conf"],
        &["parse", "a.conf"],
    ] {
        let code = run_epipe(args, &d, UNFORMATTED);
        assert!(matches!(code, Some(1 | 2)), "{args:?}: exit {code:?}");
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn summary_never_claims_success_when_inputs_failed_and_stdin_is_read_once() {
    let d = dir("summary");
    let out = run(&["check", "missing.conf", "also-missing.conf"], &d);
    assert_eq!(out.status.code(), Some(2));
    assert!(!stdout(&out).contains("All checks passed"), "{}", stdout(&out));
    assert_eq!(stderr(&out).lines().count(), 2, "one line per missing file: {}", stderr(&out));
    for args in [&["diff", "-", "-"][..], &["drift", "-", "-"], &["check", "-", "-"], &["fmt", "-", "-"]] {
        let out = run_stdin(args, &d, UNFORMATTED);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("may be given only once"), "{args:?}: {}", stderr(&out));
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[cfg(unix)]
#[test]
fn non_utf8_file_names_are_shown_escaped_and_percent_encoded() {
    use std::os::unix::ffi::OsStrExt;
    let d = dir("names");
    let name = std::ffi::OsStr::from_bytes(b"caf\xFF.conf");
    std::fs::write(d.join(name), b"totem {\n version: x\n}\n").expect("write");
    let out = bin().arg("check").arg("--output-format").arg("concise").arg(name).current_dir(&d).output().expect("run");
    assert!(stdout(&out).starts_with("caf\\xFF.conf:2:"), "{}", stdout(&out));
    assert!(!stdout(&out).contains('\u{FFFD}'));
    let out = bin().arg("check").arg("--output-format").arg("sarif").arg(name).current_dir(&d).output().expect("run");
    assert!(stdout(&out).contains("\"uri\": \"caf%FF.conf\""), "{}", stdout(&out));
    let _ = std::fs::remove_dir_all(&d);
}

// --- 3. Linear time and memory ------------------------------------------------

/// Generated shapes, each at a size where a quadratic step would take
/// minutes even in a release build; run through every command that reads
/// them. The test only checks that each finishes with the right status.
#[test]
fn every_shape_at_a_size_quadratic_code_could_not_finish() {
    let d = dir("scale");
    let n = 100_000;
    let write = |name: &str, text: String| std::fs::write(d.join(name), text).expect("write");
    write("comments.conf", format!("{}totem {{\n version: 2\n}}\n", "# c\n".repeat(2 * n)));
    write("invalid.conf", format!("totem {{\n{}}}\n", " version: x\n".repeat(n)));
    write(
        "unknown.conf",
        format!("totem {{\n{}}}\n", (0..n).map(|i| format!(" unknown_key_{i}: 1\n")).collect::<String>()),
    );
    write(
        "directives.conf",
        format!(
            "totem {{\n{}}}\n",
            (0..n / 2).map(|i| format!(" # corolint: disable=unknown-key\n k{i}x: 1\n")).collect::<String>()
        ),
    );
    write("long-name.conf", format!("# corolint: disable={}\n", "x".repeat(10_000_000)));
    write("fmt.conf", format!("totem {{\n{}}}\n", (0..n).map(|i| format!("key_{i}:   v\n")).collect::<String>()));
    let nodes = |tag: &str| {
        let list: String = (0..5000)
            .map(|i| {
                format!(
                    " node {{\n  ring0_addr: 10.0.{}.{}\n  nodeid: {}\n  name: n{i}\n }}\n",
                    i / 250,
                    i % 250 + 1,
                    i + 1
                )
            })
            .collect();
        let keys: String = (0..n / 4).map(|i| format!(" x_key_{i}: {tag}\n")).collect();
        format!(
            "totem {{\n version: 2\n cluster_name: c\n{keys}}}\nnodelist {{\n{list}}}\nquorum {{\n provider: corosync_votequorum\n}}\n"
        )
    };
    write("nodes-a.conf", nodes("a"));
    write("nodes-b.conf", nodes("b"));
    let cases: &[(&[&str], i32)] = &[
        (&["check", "comments.conf"], 0),
        (&["check", "invalid.conf"], 1),
        (&["check", "--output-format", "concise", "invalid.conf"], 1),
        (&["check", "--output-format", "sarif", "invalid.conf"], 1),
        (&["check", "--output-format", "concise", "unknown.conf"], 1),
        (&["check", "--output-format", "concise", "directives.conf"], 1),
        (&["check", "--output-format", "concise", "long-name.conf"], 1),
        (&["fmt", "--diff", "fmt.conf"], 1),
        (&["parse", "invalid.conf"], 1),
        (&["quorum", "nodes-a.conf"], 0),
        (&["diff", "--output-format", "concise", "nodes-a.conf", "nodes-b.conf"], 1),
        (&["drift", "nodes-a.conf", "nodes-b.conf"], 1),
    ];
    for (args, want) in cases {
        let out = bin().args(*args).current_dir(&d).stdout(Stdio::null()).stderr(Stdio::piped()).output().expect("run");
        let code = out.status.code();
        // quorum exits 1 when its findings fail the run; both say it finished.
        assert!(code == Some(*want) || (args[0] == "quorum" && code == Some(1)), "{args:?}: {code:?} {}", stderr(&out));
    }
    let _ = std::fs::remove_dir_all(&d);
}

/// `parse` on 10 MB of blank lines: its peak memory stays a small multiple
/// of the file (it was 21 GB, about 3.7 KB a line).
#[cfg(target_os = "linux")]
#[test]
fn parse_memory_is_a_small_multiple_of_the_file() {
    let d = dir("memory");
    let size = 10_000_000;
    std::fs::write(d.join("blank.conf"), vec![b'\n'; size]).expect("write");
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
