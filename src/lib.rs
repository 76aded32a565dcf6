//! corolint: parser, linter and formatter for corosync.conf.
//!
//! The pipeline is bytes → [`syntax::parse`] (lossless tree + syntax errors)
//! → [`cmap::build`] (what corosync would store, + type errors) → rules →
//! diagnostics → renderers; and tree → formatter → verify → atomic write.
//! [`lint::Analysis`] runs the first stages for one file and [`lint::lint`]
//! the rules; [`format::format`] formats.
//!
//! The modules, by pipeline stage (a module only uses the ones above it or
//! beside it; `tests/layout.rs` checks this):
//!
//! 1. Input: [`source`] (the bytes of a file, spans, line/column).
//! 2. Syntax: [`syntax`] (the lossless tree and its syntax errors).
//! 3. View: [`cmap`] (the flat key/value view corosync itself builds).
//! 4. Models of the view: [`quorum`] (votes, expected votes, partitions),
//!    [`config_version`] (as corosync and pmxcfs read it), [`schema`] (every
//!    key corosync reads, its section and type), [`format`](mod@format) (the formatter
//!    and its verification), and, internal to the crate, addresses and the
//!    node/link model.
//! 5. [`diagnostic`]: what a finding is, independent of the rules.
//! 6. [`rules`]: the registry of rules, the context they see, running them.
//! 7. Diagnostics for one file: [`config`] (`corolint.toml`), [`lint`] (one
//!    file through the pipeline), [`suppress`] (`# corolint: disable=`
//!    comments), [`render`] (full, concise, json, github, sarif).
//! 8. Across files and reports: [`changes`] (`diff`, `drift`, version bumps,
//!    local copies), [`quorum_report`] (what `corolint quorum` prints).
//! 9. [`cli`]: the command line; [`server`]: the language server (`corolint server`).

/// `eprintln!` that never panics: a failure to write standard error (a
/// closed or full stderr, `2>/dev/full`) is ignored, as there is nowhere
/// left to report it.
#[macro_export]
macro_rules! stderr_line {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stderr(), $($arg)*);
    }};
}

pub(crate) mod addr;
pub mod autofix;
pub mod changes;
pub mod cli;
pub mod cmap;
pub mod config;
pub mod config_version;
pub mod diagnostic;
pub(crate) mod fast_hash;
pub(crate) mod files;
pub mod fix;
pub mod format;
pub mod host;
pub mod lint;
pub mod live;
pub mod nodes;
pub mod quorum;
pub mod quorum_report;
pub mod render;
pub mod rules;
pub mod schema;
pub mod selection;
pub mod server;
pub mod source;
pub mod startup;
pub(crate) mod suggest;
pub mod suppress;
pub mod syntax;
pub mod version;

/// Generated benchmark inputs, shared with `benches/` (test builds only).
#[cfg(test)]
#[path = "../benches/common/bench_data.rs"]
#[allow(dead_code)] // each user takes the generators it needs
mod bench_data;
