//! `corolint server`: a Language Server Protocol server over standard input
//! and output, a front end over the same engine as `check` and `fmt`.
//!
//! - [`transport`]: the framing, robust to malformed messages;
//! - [`protocol`]: the lifecycle and the dispatch;
//! - [`documents`] and [`position`]: the open texts and LSP positions;
//! - [`settings`]: which `corolint.toml` and profile apply;
//! - [`diagnostics`], [`formatting`], [`hover`], [`completion`],
//!   [`actions`], [`symbols`]: one feature each; [`locate`] finds what is
//!   at a position.
//!
//! See `docs/server.md` for the design.

pub mod actions;
pub mod completion;
pub mod diagnostics;
pub mod documents;
pub mod formatting;
pub mod hover;
pub mod locate;
pub mod position;
pub mod protocol;
pub mod settings;
pub mod symbols;
pub mod transport;

use std::io::{self, BufRead, Write};
use std::sync::mpsc;

use crate::config::Overrides;

/// Serves one client: reads messages from `input` (on a thread of its own,
/// so that bursts of changes can be seen) and writes answers to `output`.
/// Returns whether the client shut the server down cleanly.
pub fn serve(input: impl BufRead + Send + 'static, output: impl Write, overrides: Overrides) -> io::Result<bool> {
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new().name("corolint-server-reader".into()).spawn(move || {
        let mut input = input;
        loop {
            let next = transport::read(&mut input);
            let stop = !matches!(next, Ok(Some(_)));
            let Some(next) = next.transpose() else { break };
            if sender.send(next).is_err() || stop {
                break;
            }
        }
    })?;
    let mut server = protocol::Server::new(output, settings::Settings::new(overrides));
    server.run(&receiver)
}

/// The stack of the thread that serves: the engine's tree walks recurse once
/// per section level (up to [`documents::MAX_DEPTH`]).
const STACK: usize = 256 << 20;

/// Serves a client on standard input and output (on a thread with a large stack).
pub fn serve_stdio(overrides: Overrides) -> io::Result<bool> {
    let worker = std::thread::Builder::new().name("corolint-server".into()).stack_size(STACK).spawn(move || {
        let stdout = io::stdout();
        serve(io::BufReader::new(io::stdin()), stdout.lock(), overrides)
    })?;
    worker.join().unwrap_or_else(|_| Err(io::Error::other("the server thread panicked")))
}
