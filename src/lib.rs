//! corolint: parser, linter and formatter for corosync.conf.
//!
//! The pipeline is bytes → [`syntax::parse`] (lossless tree + syntax errors)
//! → [`cmap::build`] (what corosync would store, + type errors) → rules →
//! diagnostics → renderers; and tree → formatter → verify → atomic write.

pub mod cmap;
pub mod source;
pub mod syntax;
pub mod diagnostic;
pub mod rules;
pub mod lint;
pub mod render;
pub mod cli;
pub mod files;
pub mod suggest;
pub mod changes;
pub mod config;
pub mod format;
pub mod quorum;
pub mod schema;
pub mod suppress;
