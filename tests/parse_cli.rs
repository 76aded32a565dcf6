//! `corolint parse`: the syntax tree or the cmap view as JSON, an `errors`
//! array with line/column/message, exit 0 for a valid file and 1 otherwise.

use std::io::Write;
use std::process::{Command, Stdio};

fn parse(args: &[&str], stdin: &[u8]) -> (i32, serde_json::Value) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_corolint"))
        .env("COROLINT_NO_DETECT", "1")
        .env_remove("COROLINT_TARGET_VERSION")
        .arg("parse")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn corolint");
    child.stdin.take().expect("stdin").write_all(stdin).expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap_or(-1), json)
}

#[test]
fn valid_file_gives_tree_and_exit_0() {
    let (code, json) = parse(&["--json", "testdata/bench/pve-3node-qdevice.conf"], b"");
    assert_eq!(code, 0);
    assert_eq!(json["errors"].as_array().map(Vec::len), Some(0));
    assert!(json["tree"]["nodes"].as_array().is_some_and(|n| !n.is_empty()));
}

#[test]
fn cmap_view_has_typed_rekeyed_entries() {
    let src = b"totem {\n version: +02\n interface {\n  mcastport: 5405\n  linknumber: 1\n }\n}\nnodelist {\n node {\n  nodeid: 7\n }\n}\n";
    let (code, json) = parse(&["--cmap", "-"], src);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["cmap"]["totem.version"]["value"], 2);
    assert_eq!(json["cmap"]["totem.version"]["type"], "u32");
    assert_eq!(json["cmap"]["totem.interface.1.mcastport"]["type"], "u16");
    assert_eq!(json["cmap"]["nodelist.node.0.nodeid"]["lines"][0], 10);
}

#[test]
fn every_error_is_listed_with_position_and_exit_1() {
    let src = b"totem {\n version: 2 # two\n} # end\nfoo = bar\n";
    let (code, json) = parse(&["--json", "-"], src);
    assert_eq!(code, 1);
    let errors = json["errors"].as_array().expect("errors");
    let got: Vec<(u64, u64, &str)> = errors
        .iter()
        .map(|e| (e["line"].as_u64().unwrap_or(0), e["column"].as_u64().unwrap_or(0), e["name"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(got, vec![(2, 11, "invalid-integer"), (3, 1, "extra-around-close-brace"), (4, 1, "invalid-line")]);
    assert!(errors.iter().all(|e| e["message"].as_str().is_some_and(|m| !m.is_empty())));
}

#[test]
fn missing_file_is_exit_2() {
    let (code, _) = parse(&["no/such/file.conf"], b"");
    assert_eq!(code, 2);
}
