//! corolint: parser, linter and formatter for corosync.conf.
//!
//! The pipeline is bytes → [`syntax::parse`] (lossless tree + syntax errors)
//! → [`cmap::build`] (what corosync would store, + type errors) → rules →
//! diagnostics → renderers; and tree → formatter → verify → atomic write.

pub mod addr;
pub mod changes;
pub mod cli;
pub mod cmap;
pub mod config;
pub mod diagnostic;
pub mod files;
pub mod format;
pub mod lint;
pub mod nodes;
pub mod quorum;
pub mod render;
pub mod rules;
pub mod schema;
pub mod server;
pub mod source;
pub mod suggest;
pub mod suppress;
pub mod syntax;

/// Generated benchmark inputs, shared with `benches/` (test builds only).
#[cfg(test)]
#[path = "../benches/common/bench_data.rs"]
#[allow(dead_code)] // each user takes the generators it needs
mod bench_data;
