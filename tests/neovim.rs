//! End-to-end test with a real editor: neovim (headless) opens a
//! corosync.conf with a mistake, its built-in LSP client starts `corolint
//! server`, and the test reads the diagnostics neovim received and the
//! buffer after `vim.lsp.buf.formatting_sync()` (tests/e2e/neovim.lua).
//!
//! Without `nvim` on the PATH the test passes with a note, unless
//! `COROLINT_REQUIRE_NEOVIM=1` (set by `.ci/run`), which makes it fail.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// A file with a duplicated key, a layout `fmt` changes and a non-ASCII comment.
const CONF: &str = "# corosync.conf: a comment with é and 😀
totem {
    version: 2
    cluster_name: alpha
    token: 3000
    token: 10000
    interface {
        linknumber: 0
    }
}
nodelist {
    node {
        name: a
        nodeid: 1
        ring0_addr: 127.0.0.1
    }
}
quorum {
    provider: corosync_votequorum
}
";

fn nvim_available() -> bool {
    Command::new("nvim").arg("--version").output().is_ok_and(|o| o.status.success())
}

fn fmt(text: &str) -> String {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_corolint"))
        .args(["fmt", "--isolated", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn corolint fmt");
    child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write");
    String::from_utf8(child.wait_with_output().expect("wait").stdout).expect("utf-8")
}

#[test]
fn neovim_shows_diagnostics_and_formats() {
    if !nvim_available() {
        assert!(
            std::env::var_os("COROLINT_REQUIRE_NEOVIM").is_none_or(|v| v != "1"),
            "COROLINT_REQUIRE_NEOVIM=1 but `nvim` cannot be run (apt-get install neovim)"
        );
        eprintln!("note: nvim not found; the neovim end-to-end test did not run");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let conf = dir.path().join("corosync.conf");
    let out = dir.path().join("result.json");
    std::fs::write(&conf, CONF).expect("write conf");
    // Found from the file's directory by the server: a chosen layout turns `not-formatted` on.
    std::fs::write(dir.path().join("corolint.toml"), "[format]\nstyle = \"pve\"\n").expect("write corolint.toml");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/neovim.lua");
    let status = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("COROLINT_BIN", env!("CARGO_BIN_EXE_corolint"))
        .env("COROLINT_CONF", &conf)
        .env("COROLINT_OUT", &out)
        .env("XDG_STATE_HOME", dir.path())
        .env("XDG_CACHE_HOME", dir.path())
        .current_dir(dir.path())
        .stdin(std::process::Stdio::null())
        .status()
        .expect("run nvim");
    assert!(status.success(), "nvim exited with {status}");
    let result: Value = serde_json::from_slice(&std::fs::read(&out).expect("nvim wrote its result")).expect("json");
    assert_eq!(result["filetype"], "corosync", "{result}");
    assert_eq!(result["got_diagnostics"], true, "{result}");
    let diagnostics = result["diagnostics"].as_array().cloned().unwrap_or_default();
    let dup = diagnostics
        .iter()
        .find(|d| d["code"] == "duplicate-key")
        .unwrap_or_else(|| panic!("no duplicate-key among {diagnostics:?}"));
    // The overridden `token: 3000`, line 5 of the file (0-based 4), after the indentation.
    assert_eq!((dup["lnum"].as_i64(), dup["col"].as_i64()), (Some(4), Some(4)), "{dup}");
    assert_eq!(dup["severity"], 2, "vim.diagnostic.severity.WARN: {dup}");
    assert_eq!(dup["source"], "corolint", "{dup}");
    assert!(diagnostics.iter().any(|d| d["code"] == "not-formatted"), "{diagnostics:?}");
    // Formatting gave the buffer exactly what `corolint fmt` writes.
    assert_eq!(result["formatted"].as_str(), Some(fmt(CONF).as_str()), "{result}");
    assert_eq!(result["relinted"], true, "{result}");
    let after = result["after"].as_array().cloned().unwrap_or_default();
    assert!(after.iter().any(|d| d["code"] == "duplicate-key"), "{after:?}");
}
