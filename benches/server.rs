//! `cargo bench --bench server`: the language server's keystroke latency,
//! "change → publish", on the largest file corosync supports (384 nodes × 8
//! links): one incremental `didChange` (one character of a value) until the
//! `publishDiagnostics` for it is written. Measured (a) in-process (apply the
//! edit, lint, convert, serialize) and (b) through the real binary over
//! pipes, as an editor sees it. Reports medians; no timing is asserted.

#[path = "common/bench_data.rs"]
#[allow(dead_code)] // each user takes the generators it needs
mod bench_data;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use corolint::server::protocol::Server;
use corolint::server::settings::Settings;
use corolint::server::transport::{self, Incoming};
use serde_json::{Value, json};

fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn incoming(message: &Value) -> Incoming {
    transport::decode(message.to_string().as_bytes())
}

const URI: &str = "file:///bench/corosync.conf";

/// The `didChange` number `n`: the first node's nodeid digit becomes `n % 10`
/// (a value change that keeps the file valid and the diagnostics the same).
fn change(text: &str, n: u32) -> Value {
    let line = text.lines().position(|l| l.trim_start().starts_with("nodeid:")).unwrap_or(0);
    let column = text.lines().nth(line).map_or(0, |l| l.len() - 1);
    json!({
        "jsonrpc": "2.0",
        "method": "textDocument/didChange",
        "params": {
            "textDocument": { "uri": URI, "version": n + 2 },
            "contentChanges": [{
                "range": { "start": { "line": line, "character": column }, "end": { "line": line, "character": column + 1 } },
                "text": ((n % 9) + 1).to_string(),
            }],
        },
    })
}

fn open(text: &str) -> Value {
    json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": { "textDocument": { "uri": URI, "languageId": "corosync", "version": 1, "text": text } } })
}

fn initialize() -> Value {
    json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } })
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let text = String::from_utf8(bench_data::large_config(384, 8)).expect("ascii");
    println!("input: 384 nodes x 8 links, {} bytes, {} lines", text.len(), text.lines().count());
    let runs = 200;

    // (a) In-process.
    let mut server = Server::new(Vec::<u8>::new(), Settings::default());
    for message in [initialize(), open(&text)] {
        let _ = server.handle(incoming(&message));
    }
    let _ = server.publish_dirty();
    let mut samples = Vec::with_capacity(runs);
    for n in 0..runs as u32 {
        server.output().clear();
        let message = incoming(&change(&text, n));
        let start = Instant::now();
        let _ = server.handle(message);
        let _ = server.publish_dirty();
        samples.push(start.elapsed());
    }
    println!("change -> publish, in-process:      median {:>8.2} ms", median(samples).as_secs_f64() * 1e3);

    // (b) The real binary, over pipes.
    let mut child = Command::new(env!("CARGO_BIN_EXE_corolint"))
        .args(["server", "--isolated"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn corolint server");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut read = || -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            stdout.read_line(&mut line).expect("read header");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse().expect("length");
            }
        }
        let mut body = vec![0; length];
        stdout.read_exact(&mut body).expect("read body");
        serde_json::from_slice(&body).expect("json")
    };
    let mut wait_for_version = |stdin: &mut std::process::ChildStdin, message: Option<Value>, version: u32| {
        if let Some(message) = message {
            stdin.write_all(&frame(&message)).expect("write");
            stdin.flush().expect("flush");
        }
        loop {
            let m = read();
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version {
                return;
            }
        }
    };
    stdin.write_all(&frame(&initialize())).expect("write");
    stdin.write_all(&frame(&json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }))).expect("write");
    wait_for_version(&mut stdin, Some(open(&text)), 1);
    let mut samples = Vec::with_capacity(runs);
    for n in 0..runs as u32 {
        let message = change(&text, n);
        let start = Instant::now();
        wait_for_version(&mut stdin, Some(message), n + 2);
        samples.push(start.elapsed());
    }
    println!("change -> publish, over stdio pipes: median {:>8.2} ms", median(samples).as_secs_f64() * 1e3);
    let _ = stdin.write_all(&frame(&json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" })));
    let _ = stdin.write_all(&frame(&json!({ "jsonrpc": "2.0", "method": "exit" })));
    drop(stdin);
    let _ = child.wait();
}
