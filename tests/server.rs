//! Protocol tests of `corolint server`: the real binary, driven over its
//! standard input and output as an editor drives it.

#[path = "server/client.rs"]
mod client;

use client::{Client, apply_edits};
use serde_json::{Value, json};

const URI: &str = "file:///tmp/corolint-server-test/corosync.conf";

/// A file with a duplicated `token` (a warning with a related location).
const DUPLICATE: &str = "totem {\n  version: 2\n  cluster_name: alpha\n  token: 3000\n  token: 10000\n}\n";

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap_or_default().to_string()).collect()
}

fn pos(line: u32, character: u32) -> Value {
    json!({ "line": line, "character": character })
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": pos(line, character) })
}

#[test]
fn initialize_announces_capabilities_and_negotiates_positions() {
    let mut client = Client::start();
    let result = client.initialize(json!({}));
    let caps = &result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16", "{result}");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync: {result}");
    for provider in [
        "documentFormattingProvider",
        "documentRangeFormattingProvider",
        "hoverProvider",
        "definitionProvider",
        "documentSymbolProvider",
    ] {
        assert_eq!(caps[provider], true, "{provider}: {result}");
    }
    assert!(caps["completionProvider"].is_object() && caps["codeActionProvider"].is_object(), "{result}");
    assert_eq!(result["serverInfo"]["name"], "corolint");
    assert_eq!(client.shutdown(), Some(0));

    let mut client = Client::start();
    let result = client.initialize(json!({ "general": { "positionEncodings": ["utf-16", "utf-8"] } }));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8", "{result}");
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn diagnostics_on_open_and_on_incremental_change() {
    let mut client = Client::initialized();
    client.open(URI, 1, DUPLICATE);
    let found = client.diagnostics(URI, 1);
    let dup = found.iter().find(|d| d["code"] == "duplicate-key").unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(dup["source"], "corolint");
    assert_eq!(dup["severity"], 2, "warning: {dup}");
    // On the assignment that is overridden; the one that wins is related.
    assert_eq!(dup["range"]["start"], pos(3, 2), "{dup}");
    assert!(dup["message"].as_str().is_some_and(|m| m.contains("help: ")), "{dup}");
    assert_eq!(dup["data"]["rule"], "duplicate-key");
    let related = &dup["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], URI, "{dup}");
    assert_eq!(related["location"]["range"]["start"], pos(4, 2), "{dup}");

    // Delete the second `token` line with a range edit.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": URI, "version": 2 },
            "contentChanges": [{ "range": { "start": pos(4, 0), "end": pos(5, 0) }, "text": "" }],
        }),
    );
    let found = client.diagnostics(URI, 2);
    assert!(!codes(&found).contains(&"duplicate-key".to_string()), "{found:?}");

    // Type a syntax error character by character: every change is applied in order.
    for (i, c) in "bad line\n".chars().enumerate() {
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": URI, "version": 3 + i },
                "contentChanges": [{ "range": { "start": pos(4, i as u32), "end": pos(4, i as u32) }, "text": c.to_string() }],
            }),
        );
    }
    let last = 3 + "bad line\n".len() as i64 - 1;
    let found = client.diagnostics(URI, last);
    let invalid = found.iter().find(|d| d["code"] == "invalid-line").unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(invalid["severity"], 1);
    assert_eq!(invalid["range"]["start"]["line"], 4, "{invalid}");

    // Closing clears the diagnostics.
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": URI } }));
    let cleared =
        client.notification("textDocument/publishDiagnostics", |p| p["uri"] == URI && p["diagnostics"] == json!([]));
    assert_eq!(cleared["diagnostics"], json!([]));
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn positions_count_utf16_units_unless_utf8_was_negotiated() {
    // `é` is one UTF-16 unit and two UTF-8 bytes; the value runs to the end of the line.
    let text = "totem {\n  token: 3000 # é\n}\n";
    for (capabilities, end) in [(json!({}), 17), (json!({ "general": { "positionEncodings": ["utf-8"] } }), 18)] {
        let mut client = Client::start();
        client.initialize(capabilities);
        client.open(URI, 1, text);
        let hover = client.request("textDocument/hover", at(URI, 1, 3));
        assert_eq!(hover["result"]["range"]["end"], pos(1, end), "{hover}");
        assert!(hover["result"]["contents"]["value"].as_str().is_some_and(|v| v.contains("totem.token")), "{hover}");
        assert_eq!(client.shutdown(), Some(0));
    }
    // An incremental edit after a character outside the BMP (two UTF-16 units).
    let mut client = Client::initialized();
    client.open(URI, 1, "# 😀x\ntotem {\n}\n");
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": URI, "version": 2 },
            "contentChanges": [{ "range": { "start": pos(0, 4), "end": pos(0, 5) }, "text": "y" }],
        }),
    );
    client.diagnostics(URI, 2);
    let symbols = client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": URI } }));
    assert_eq!(symbols["result"][0]["range"]["start"], pos(1, 0), "{symbols}");
    let formatted = client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    let edits = formatted["result"].as_array().cloned().unwrap_or_default();
    let out = apply_edits("# 😀x\ntotem {\n}\n", &edits, false);
    assert!(out.starts_with("# 😀x\n") || edits.iter().all(|e| e["range"]["start"]["line"] != 0), "{formatted}");
    assert_eq!(client.shutdown(), Some(0));
}

/// `corolint fmt -` on `text`.
fn fmt_cli(text: &str, args: &[&str]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_corolint"))
        .arg("fmt")
        .args(args)
        .arg("-")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn corolint fmt");
    child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write");
    let out = child.wait_with_output().expect("wait");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn formatting_matches_fmt_and_refuses_broken_text() {
    let messy = "totem {\n\tversion: 2\n    cluster_name:alpha\n  interface {\n linknumber: 0\n  }\n}\nlogging {\nto_syslog: yes\n}\n";
    let mut client = Client::initialized();
    client.open(URI, 1, messy);
    let answer = client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    let edits = answer["result"].as_array().cloned().unwrap_or_else(|| panic!("{answer}"));
    assert!(!edits.is_empty());
    assert_eq!(apply_edits(messy, &edits, false), fmt_cli(messy, &[]));

    // Range formatting: only line 2 (`cluster_name:alpha`) changes, nothing moves.
    let answer = client.request(
        "textDocument/rangeFormatting",
        json!({ "textDocument": { "uri": URI }, "range": { "start": pos(2, 0), "end": pos(2, 5) }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    let edits = answer["result"].as_array().cloned().unwrap_or_else(|| panic!("{answer}"));
    let out = apply_edits(messy, &edits, false);
    let changed: Vec<(&str, &str)> = messy.lines().zip(out.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed, [("    cluster_name:alpha", "  cluster_name: alpha")], "{out}");

    // A file that does not parse is refused with an error and a message to the user.
    let broken = "totem {\n  version: 2\n";
    client.open(URI, 2, broken);
    let answer = client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert_eq!(answer["error"]["code"], -32803, "{answer}");
    assert!(answer["error"]["message"].as_str().is_some_and(|m| m.contains("Missing closing brace")), "{answer}");
    let shown = client.notification("window/showMessage", |_| true);
    assert_eq!(shown["type"], 1, "{shown}");
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn hover_shows_key_catalogue_and_rule_docs() {
    let text = "# corolint: disable=unused-suppression\ntotem {\n  token: 3000\n  transport: knet\n}\n";
    let mut client = Client::initialized();
    client.open(URI, 1, text);
    let hover = client.request("textDocument/hover", at(URI, 2, 4));
    let value = hover["result"]["contents"]["value"].as_str().unwrap_or_default().to_string();
    assert!(
        value.contains("**`totem.token`**") && value.contains("default: `3000`") && value.contains("u32"),
        "{value}"
    );
    let hover = client.request("textDocument/hover", at(URI, 3, 4));
    let value = hover["result"]["contents"]["value"].as_str().unwrap_or_default().to_string();
    assert!(value.contains("`knet`, `udpu`, `udp`"), "{value}");
    let hover = client.request("textDocument/hover", at(URI, 0, 25));
    let value = hover["result"]["contents"]["value"].as_str().unwrap_or_default().to_string();
    assert!(value.starts_with("# unused-suppression (X901)"), "{value}");
    // Hover on a section name, and on nothing.
    let hover = client.request("textDocument/hover", at(URI, 1, 1));
    assert!(hover["result"]["contents"]["value"].as_str().is_some_and(|v| v.contains("totem protocol")), "{hover}");
    let hover = client.request("textDocument/hover", at(URI, 4, 0));
    assert_eq!(hover["result"], Value::Null, "{hover}");
    assert_eq!(client.shutdown(), Some(0));
}

fn labels(answer: &Value) -> Vec<String> {
    let items = if answer["result"].is_array() { &answer["result"] } else { &answer["result"]["items"] };
    items.as_array().into_iter().flatten().map(|i| i["label"].as_str().unwrap_or_default().to_string()).collect()
}

#[test]
fn completion_offers_sections_keys_and_values() {
    let text = "totem {\n  version: 2\n  \n  transport: \n}\n\nnodelist {\n  node {\n    \n  }\n}\n";
    let mut client = Client::initialized();
    client.open(URI, 1, text);
    let top = labels(&client.request("textDocument/completion", at(URI, 5, 0)));
    for section in ["totem", "nodelist", "quorum", "logging"] {
        assert!(top.contains(&section.to_string()), "{top:?}");
    }
    let in_totem = labels(&client.request("textDocument/completion", at(URI, 2, 2)));
    for key in ["cluster_name", "crypto_cipher", "token", "interface"] {
        assert!(in_totem.contains(&key.to_string()), "{key}: {in_totem:?}");
    }
    for set in ["version", "transport"] {
        assert!(!in_totem.contains(&set.to_string()), "already set: {in_totem:?}");
    }
    assert!(!in_totem.contains(&"ring0_addr".to_string()), "{in_totem:?}");
    let values = labels(&client.request("textDocument/completion", at(URI, 3, 13)));
    assert_eq!(values, ["knet", "udpu", "udp"]);
    let in_node = labels(&client.request("textDocument/completion", at(URI, 8, 4)));
    for key in ["ring0_addr", "ring1_addr", "nodeid", "name"] {
        assert!(in_node.contains(&key.to_string()), "{key}: {in_node:?}");
    }
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn code_action_suppresses_the_rule_on_its_line() {
    let mut client = Client::initialized();
    client.open(URI, 1, DUPLICATE);
    let found = client.diagnostics(URI, 1);
    let dup = found.iter().find(|d| d["code"] == "duplicate-key").cloned().unwrap_or_else(|| panic!("{found:?}"));
    let answer = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": dup["range"], "context": { "diagnostics": [dup] } }),
    );
    let actions = answer["result"].as_array().cloned().unwrap_or_else(|| panic!("{answer}"));
    let action = actions
        .iter()
        .find(|a| a["title"] == "Disable `duplicate-key` for this line")
        .unwrap_or_else(|| panic!("{answer}"));
    assert_eq!(action["kind"], "quickfix");
    let edits = action["edit"]["changes"][URI].as_array().cloned().unwrap_or_default();
    let fixed = apply_edits(DUPLICATE, &edits, false);
    assert!(fixed.contains("  # corolint: disable=duplicate-key\n  token: 3000\n"), "{fixed}");
    assert!(actions.iter().any(|a| a["title"] == "Disable `duplicate-key` for the whole file"), "{answer}");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    let found = client.diagnostics(URI, 2);
    assert!(!codes(&found).iter().any(|c| c == "duplicate-key" || c == "unused-suppression"), "{found:?}");
    // `only` other kinds: nothing.
    let answer = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": dup["range"], "context": { "diagnostics": [], "only": ["refactor"] } }),
    );
    assert_eq!(answer["result"], json!([]), "{answer}");
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn code_action_offers_the_engines_verified_fix() {
    // `interface: {` (section-colon, safe fix) and a trailing comment after a
    // number (invalid-integer, safe fix: corosync refuses the original).
    let text = "totem {\n  version: 2 # must be 2\n  cluster_name: c\n  interface: {\n    linknumber: 0\n  }\n}\n";
    let mut client = Client::initialized();
    client.open(URI, 1, text);
    let found = client.diagnostics(URI, 1);
    let mut fixed = text.to_string();
    for code in ["invalid-integer", "section-colon"] {
        let d = found.iter().find(|d| d["code"] == code).cloned().unwrap_or_else(|| panic!("{code}: {found:?}"));
        let answer = client.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": URI }, "range": d["range"], "context": { "diagnostics": [d] } }),
        );
        let actions = answer["result"].as_array().cloned().unwrap_or_else(|| panic!("{answer}"));
        let fix = actions
            .iter()
            .find(|a| a["isPreferred"] == true && !a["title"].as_str().unwrap_or("").starts_with("Disable"))
            .unwrap_or_else(|| panic!("{code}: no preferred fix in {answer}"));
        assert_eq!(fix["kind"], "quickfix");
        let edits = fix["edit"]["changes"][URI].as_array().cloned().unwrap_or_default();
        let one = apply_edits(text, &edits, false);
        assert_ne!(one, text, "{code}: the fix changes nothing");
        if code == "invalid-integer" {
            assert!(one.contains("  # must be 2\n  version: 2\n"), "{one}");
            fixed = one;
        } else {
            assert!(one.contains("  interface {\n"), "{one}");
            fixed = fixed.replace("interface: {", "interface {");
        }
    }
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    let found = client.diagnostics(URI, 2);
    assert!(!codes(&found).iter().any(|c| c == "invalid-integer" || c == "section-colon"), "{found:?}");
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn symbols_and_definitions_link_addresses_and_interfaces() {
    let text = "totem {\n  interface {\n    linknumber: 0\n  }\n  interface {\n    linknumber: 1\n  }\n}\n\
                nodelist {\n  node {\n    name: a\n    ring0_addr: 10.0.0.1\n    ring1_addr: 10.1.0.1\n  }\n  node {\n    nodeid: 2\n    ring1_addr: 10.1.0.2\n  }\n}\n";
    let mut client = Client::initialized();
    client.open(URI, 1, text);
    let answer = client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": URI } }));
    let symbols = &answer["result"];
    assert_eq!(symbols[0]["name"], "totem", "{answer}");
    assert_eq!(symbols[0]["children"][1]["detail"], "link 1", "{answer}");
    assert_eq!(symbols[1]["children"][0]["name"], "node", "{answer}");
    assert_eq!(symbols[1]["children"][0]["detail"], "a", "{answer}");
    assert_eq!(symbols[1]["children"][1]["detail"], "nodeid 2", "{answer}");
    // ring1_addr of node a → the interface block of link 1 (lines 4-6).
    let answer = client.request("textDocument/definition", at(URI, 12, 6));
    let found = answer["result"].as_array().cloned().unwrap_or_else(|| panic!("{answer}"));
    assert_eq!(found.len(), 1, "{answer}");
    assert_eq!(found[0]["range"]["start"]["line"], 4, "{answer}");
    // linknumber: 1 → both nodes' ring1_addr.
    let answer = client.request("textDocument/definition", at(URI, 5, 6));
    let lines: Vec<Value> =
        answer["result"].as_array().into_iter().flatten().map(|l| l["range"]["start"]["line"].clone()).collect();
    assert_eq!(lines, [json!(12), json!(16)], "{answer}");
    // Nothing to go to from a name.
    let answer = client.request("textDocument/definition", at(URI, 10, 6));
    assert_eq!(answer["result"], Value::Null, "{answer}");
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn lifecycle_follows_the_spec() {
    // Before initialize: requests are refused, notifications dropped.
    let mut client = Client::start();
    client.open(URI, 1, DUPLICATE);
    let answer = client.request("textDocument/hover", at(URI, 0, 0));
    assert_eq!(answer["error"]["code"], -32002, "{answer}");
    client.initialize(json!({}));
    let again = client.request("initialize", json!({ "capabilities": {} }));
    assert_eq!(again["error"]["code"], -32600, "{again}");
    let answer = client.request("shutdown", Value::Null);
    assert_eq!(answer["result"], Value::Null);
    let after = client.request("textDocument/hover", at(URI, 0, 0));
    assert_eq!(after["error"]["code"], -32600, "{after}");
    client.notify("exit", Value::Null);
    assert_eq!(client.wait(), Some(0));

    // exit without shutdown: exit code 1; so is the end of the input.
    let mut client = Client::initialized();
    client.notify("exit", Value::Null);
    assert_eq!(client.wait(), Some(1));
    let client = Client::initialized();
    assert_eq!(client.wait(), Some(1));
}

#[test]
fn malformed_messages_get_errors_and_the_server_goes_on() {
    let mut client = Client::initialized();
    client.write_raw(b"Content-Length: 9\r\n\r\n{not json");
    let error = client.next_message();
    assert_eq!(error["id"], Value::Null, "{error}");
    assert_eq!(error["error"]["code"], -32700, "{error}");
    let body = r#"{"jsonrpc":"2.0","id":77}"#;
    client.write_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    let error = client.next_message();
    assert_eq!((error["id"].clone(), error["error"]["code"].clone()), (json!(77), json!(-32600)), "{error}");
    client.write_raw(b"this is not a header\r\n\r\n");
    let error = client.next_message();
    assert_eq!(error["error"]["code"], -32700, "{error}");
    let answer = client.request("textDocument/hover", json!({ "textDocument": 5 }));
    assert_eq!(answer["error"]["code"], -32602, "{answer}");
    let answer = client.request("workspace/noSuchThing", json!({}));
    assert_eq!(answer["error"]["code"], -32601, "{answer}");
    // Unknown notifications are ignored; unknown documents are an error.
    client.notify("$/whatever", json!({}));
    let answer = client.request("textDocument/hover", at("file:///nowhere/corosync.conf", 0, 0));
    assert_eq!(answer["error"]["code"], -32602, "{answer}");
    assert!(answer["error"]["message"].as_str().is_some_and(|m| m.contains("unknown document")), "{answer}");
    for method in ["textDocument/formatting", "textDocument/documentSymbol", "textDocument/codeAction"] {
        let answer = client.request(
            method,
            json!({ "textDocument": { "uri": "file:///nowhere" }, "options": { "tabSize": 2, "insertSpaces": true }, "range": { "start": pos(0, 0), "end": pos(0, 0) }, "context": { "diagnostics": [] } }),
        );
        assert_eq!(answer["error"]["code"], -32602, "{method}: {answer}");
    }
    // Still answering.
    client.open(URI, 1, DUPLICATE);
    assert!(codes(&client.diagnostics(URI, 1)).contains(&"duplicate-key".to_string()));
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn any_text_keeps_the_server_alive() {
    let mut client = Client::initialized();
    // Binary (as an editor shows it: every byte a character), half-typed, 10 MB.
    let binary: String = (0..20_000u32).map(|i| char::from_u32((i * 7919) % 0x2FF).unwrap_or('\u{FFFD}')).collect();
    let half = "totem {\n  crypto_cipher: aes\n  interface {\n    linknum";
    // 10 MB (long comment lines, then keys), and a smaller mix of everything that is wrong.
    let mut big = String::from("totem {\n");
    let comment = format!("  # {}\n", "x".repeat(1000));
    while big.len() < 10 << 20 {
        big.push_str(&comment);
    }
    big.push_str("  token: 3000\n  token: 3001\n  junk\n");
    let mix = "  token: 3000\n  # comment\n  junk line\n  node {\n  }\n".repeat(2000);
    let deep = "a {\n".repeat(300_000);
    let texts = [binary.as_str(), half, big.as_str(), mix.as_str(), deep.as_str(), "\u{0}\u{0}}}}{{{::\r\r\n"];
    for (i, text) in texts.iter().enumerate() {
        let uri = format!("file:///tmp/corolint-server-test/{i}.conf");
        client.open(&uri, 1, text);
        let found = client.diagnostics(&uri, 1);
        assert!(found.len() <= 1000, "capped: {}", found.len());
        let answer = client.request("textDocument/hover", at(&uri, 1, 3));
        assert!(answer.get("error").is_none(), "{answer}");
        for method in ["textDocument/completion", "textDocument/definition"] {
            assert!(client.request(method, at(&uri, 3, 9)).get("error").is_none());
        }
        let answer = client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
        assert!(answer.get("error").is_none(), "{answer}");
    }
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn configuration_and_profile_come_from_corolint_toml() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("corosync.conf");
    let uri = lsp_uri(&file);
    std::fs::write(dir.path().join("corolint.toml"), "[rules]\ndisable = [\"duplicate-key\"]\n").expect("write");
    let mut client = Client::start_in(dir.path(), &[]);
    client.initialize(json!({}));
    client.open(&uri, 1, DUPLICATE);
    let found = client.diagnostics(&uri, 1);
    assert!(!codes(&found).contains(&"duplicate-key".to_string()), "{found:?}");
    assert_eq!(client.shutdown(), Some(0));
    // --isolated ignores it; --profile pve adds Proxmox's rules.
    let mut client = Client::start_in(dir.path(), &["--isolated", "--profile", "pve"]);
    client.initialize(json!({}));
    client.open(&uri, 1, DUPLICATE);
    let found = codes(&client.diagnostics(&uri, 1));
    assert!(found.contains(&"duplicate-key".to_string()), "{found:?}");
    assert!(found.iter().any(|c| c.starts_with("pve-")), "{found:?}");
    assert_eq!(client.shutdown(), Some(0));
}

/// The document is read as the release `target-version` names, as `check` reads it: only
/// 3.1.10 types `totem.ip_dscp`.
#[test]
fn the_target_version_comes_from_corolint_toml() {
    const DSCP: &str = "totem {\n version: 2\n cluster_name: c\n ip_dscp: 99\n}\n";
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("corosync.conf");
    let uri = lsp_uri(&file);
    let found = |toml: &str| {
        std::fs::write(dir.path().join("corolint.toml"), toml).expect("write");
        let mut client = Client::start_in(dir.path(), &[]);
        client.initialize(json!({}));
        client.open(&uri, 1, DSCP);
        let found = codes(&client.diagnostics(&uri, 1));
        assert_eq!(client.shutdown(), Some(0));
        found
    };
    let newest = found("target-version = \"3.1.10\"\n");
    assert!(newest.contains(&"invalid-ip-dscp".to_string()), "{newest:?}");
    let older = found("target-version = \"3.1.9\"\n");
    assert!(!older.contains(&"invalid-ip-dscp".to_string()), "{older:?}");
}

fn lsp_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}
