//! The running state of the local corosync, and how it compares with a file:
//! the engine behind `corolint status` and `check --live`.
//!
//! A [`LiveState`] is everything read back from a node (cmap keys,
//! votequorum's numbers and flags, membership, link status, and on Proxmox VE
//! pmxcfs's view). It comes from a [`LiveSource`]: the local corosync through
//! its client libraries (cargo feature `live`, [`local`]), or a recorded state
//! (JSON, [`Recorded`]) so that tests and support run anywhere. [`analyse`]
//! turns a file's [`Analysis`] and a state into the
//! diagnostics of the `live-*` rules; it reuses the cmap view, the reload
//! table of [`crate::changes::reload`] and the quorum model.

pub mod compare;
#[cfg(feature = "live")]
pub mod corosync;
pub mod membership;
pub mod pve;
pub mod recorded;
pub mod state;
pub mod summary;
pub mod what_if;

pub use recorded::Recorded;
pub use state::{CmapValue, LinkState, LiveState, Member, NodeLinks, PveSnapshot, QuorumFlags, Votequorum};

use std::time::Duration;

use crate::diagnostic::Diagnostic;
use crate::lint::Analysis;

/// Why the running state could not be read (one line, naming what was tried).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveError(pub String);

impl std::fmt::Display for LiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LiveError {}

/// Where a [`LiveState`] comes from.
pub trait LiveSource {
    /// Reads the whole state once. Never blocks longer than the source's timeout.
    fn read(&self) -> Result<LiveState, LiveError>;
}

/// How long the local source waits for corosync before giving up.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_millis(1500);

/// The local corosync, read through libcmap, libvotequorum, libquorum and libcfg.
#[cfg(feature = "live")]
pub fn local(timeout: Duration) -> Result<Box<dyn LiveSource>, LiveError> {
    Ok(Box::new(corosync::Corosync { timeout }))
}

/// Without the `live` feature there is no local source: says how to get one.
#[cfg(not(feature = "live"))]
pub fn local(_timeout: Duration) -> Result<Box<dyn LiveSource>, LiveError> {
    Err(LiveError(NO_LIVE_SUPPORT.into()))
}

/// The message of a build without the `live` feature.
pub const NO_LIVE_SUPPORT: &str = "this corolint was built without live support (cargo feature `live`); rebuild with `cargo install corolint --features live` (needs libcmap-dev libvotequorum-dev libquorum-dev libcfg-dev libcpg-dev), or read a recorded state with `--state FILE`";

/// What `status` needs to know beyond the file and the state.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--down`: node names or nodeids to assume stopped (already resolved to nodeids).
    pub down: Vec<u32>,
}

/// Every live finding for `analysis` against `state`.
pub fn analyse(analysis: &Analysis, state: &LiveState, options: &Options) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    out.extend(compare::diagnostics(analysis, state));
    out.extend(membership::diagnostics(analysis, state));
    out.extend(pve::diagnostics(analysis, state));
    if !options.down.is_empty() {
        out.extend(what_if::diagnostics(analysis, state, &options.down));
    }
    out
}
