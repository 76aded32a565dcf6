//! Applying fixes to a file: the engine behind `check --fix`.
//!
//! [`crate::fix`] describes a fix (edits on the tree and what each intends);
//! this module runs the rules, applies the fixes they offer in passes, and
//! verifies each result (re-parse, no new error, every comment kept, the cmap
//! view changed only as declared) before it is kept.

pub mod engine;
pub mod verify;
