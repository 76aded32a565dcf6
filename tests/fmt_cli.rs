//! `corolint fmt` on the command line: in place, `--check`, `--diff`, stdin,
//! exit codes, refusals, untouched canonical files and kept permissions.

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, SystemTime};

const MESSY: &[u8] =
    b"totem {\r\n\tversion: 2\r\n\tcluster_name:lab\r\n}\r\nquorum {\r\n provider: corosync_votequorum\r\n}\r\n";
const CANONICAL: &[u8] =
    b"quorum {\n  provider: corosync_votequorum\n}\n\ntotem {\n  cluster_name: lab\n  version: 2\n}\n\n";
const KEEP_ORDER: &[u8] =
    b"totem {\n  version: 2\n  cluster_name: lab\n}\n\nquorum {\n  provider: corosync_votequorum\n}\n\n";

fn corolint(args: &[&str], dir: &Path, stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_corolint"))
        .env("COROLINT_NO_DETECT", "1")
        .env_remove("COROLINT_TARGET_VERSION")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn corolint");
    if let Some(mut pipe) = child.stdin.take() {
        pipe.write_all(stdin.unwrap_or_default()).expect("write stdin");
    }
    child.wait_with_output().expect("wait")
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn setup(content: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("corosync.conf");
    fs::write(&path, content).expect("write");
    (dir, path)
}

#[test]
fn rewrites_in_place_and_keeps_the_mode() {
    let (dir, path) = setup(MESSY);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    let o = corolint(&["fmt", "corosync.conf"], dir.path(), None);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    assert_eq!(fs::read(&path).expect("read"), CANONICAL);
    assert!(text(&o.stderr).contains("reformatted: corosync.conf"), "{}", text(&o.stderr));
    assert_eq!(fs::metadata(&path).expect("meta").permissions().mode() & 0o777, 0o640);
    // No temporary file is left behind.
    let left: Vec<_> = fs::read_dir(dir.path()).expect("ls").filter_map(Result::ok).collect();
    assert_eq!(left.len(), 1, "{left:?}");
}

#[test]
fn keep_order_style_only_normalises_whitespace() {
    let (dir, path) = setup(MESSY);
    let o = corolint(&["fmt", "--style", "keep-order", "corosync.conf"], dir.path(), None);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    assert_eq!(fs::read(&path).expect("read"), KEEP_ORDER);
}

#[test]
fn canonical_file_is_not_touched() {
    let (dir, path) = setup(CANONICAL);
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    fs::File::options().write(true).open(&path).expect("open").set_modified(old).expect("set mtime");
    let o = corolint(&["fmt", "corosync.conf"], dir.path(), None);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    assert!(!text(&o.stderr).contains("reformatted:"), "{}", text(&o.stderr));
    assert_eq!(fs::metadata(&path).expect("meta").modified().expect("mtime"), old);
    assert_eq!(fs::read(&path).expect("read"), CANONICAL);
}

#[test]
fn check_lists_files_and_never_writes() {
    let (dir, path) = setup(MESSY);
    let o = corolint(&["fmt", "--check", "corosync.conf"], dir.path(), None);
    assert_eq!(code(&o), 1);
    assert_eq!(text(&o.stdout), "would reformat: corosync.conf\n");
    assert_eq!(fs::read(&path).expect("read"), MESSY);
    fs::write(&path, CANONICAL).expect("write");
    let o = corolint(&["fmt", "--check", "corosync.conf"], dir.path(), None);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "");
}

#[test]
fn diff_prints_a_unified_diff_and_never_writes() {
    let (dir, path) = setup(b"totem {\n version: 2\n}\n");
    let o = corolint(&["fmt", "--diff", "corosync.conf"], dir.path(), None);
    assert_eq!(code(&o), 1);
    assert_eq!(
        text(&o.stdout),
        "--- a/corosync.conf\n+++ b/corosync.conf\n@@ -1,3 +1,4 @@\n totem {\n- version: 2\n+  version: 2\n }\n+\n"
    );
    assert!(text(&o.stderr).contains("1 file would be reformatted"), "{}", text(&o.stderr));
    assert_eq!(fs::read(&path).expect("read"), b"totem {\n version: 2\n}\n");
}

#[test]
fn stdin_goes_to_stdout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = corolint(&["fmt", "-"], dir.path(), Some(MESSY));
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    assert_eq!(o.stdout, CANONICAL);
    let o = corolint(&["fmt", "--check", "-"], dir.path(), Some(MESSY));
    assert_eq!(code(&o), 1);
    let o = corolint(&["fmt", "--check", "-"], dir.path(), Some(CANONICAL));
    assert_eq!(code(&o), 0);
}

#[test]
fn refuses_a_file_with_errors_and_names_the_line() {
    let bad = b"totem {\n  version: 2\n  token: soon\n}\n";
    let (dir, path) = setup(bad);
    let o = corolint(&["fmt", "corosync.conf"], dir.path(), None);
    assert_eq!(code(&o), 2);
    assert!(text(&o.stderr).contains("corosync.conf:3:"), "{}", text(&o.stderr));
    assert_eq!(fs::read(&path).expect("read"), bad);
}

#[test]
fn refuses_when_formatting_would_change_the_meaning() {
    // `a\r` before the CRLF: corosync keeps the inner CR in the value, which
    // an LF-only file cannot express.
    let tricky = b"totem {\n  version: 2\n  cluster_name: a\r\r\n}\n";
    let (dir, path) = setup(tricky);
    let o = corolint(&["fmt", "corosync.conf"], dir.path(), None);
    assert_eq!(code(&o), 2, "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.contains("refusing to write: formatting would change the meaning: totem.cluster_name"), "{err}");
    assert_eq!(fs::read(&path).expect("read"), tricky);
}

#[test]
fn walks_directories_like_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sub = dir.path().join("node1");
    fs::create_dir(&sub).expect("mkdir");
    fs::write(sub.join("corosync.conf"), MESSY).expect("write");
    fs::write(sub.join("other.txt"), b"not a config").expect("write");
    let o = corolint(&["fmt", "--check", "."], dir.path(), None);
    assert_eq!(code(&o), 1);
    assert_eq!(text(&o.stdout), "would reformat: ./node1/corosync.conf\n");
    let o = corolint(&["fmt", "."], dir.path(), None);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    assert_eq!(fs::read(sub.join("corosync.conf")).expect("read"), CANONICAL);
}

#[test]
fn no_paths_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = corolint(&["fmt"], dir.path(), None);
    assert_eq!(code(&o), 2);
}

#[test]
fn a_symlink_stays_a_symlink() {
    let (dir, target) = setup(MESSY);
    let link = dir.path().join("link.conf");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let o = corolint(&["fmt", "link.conf"], dir.path(), None);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    assert!(fs::symlink_metadata(&link).expect("lstat").file_type().is_symlink());
    assert_eq!(fs::read(&target).expect("read"), CANONICAL);
}
