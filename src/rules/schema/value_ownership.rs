//! Which value rule reports a value, so that one problem gets one diagnostic.

use crate::schema;

/// Sections whose values belong to other rule families (quorum, qdevice).
pub(super) fn not_mine(path: &str) -> bool {
    path == "quorum" || path.starts_with("quorum.")
}

/// Whether `invalid-value` reports this pair (so other value rules stay quiet).
pub(super) fn invalid_value_reports(p: &crate::rules::schema_support::PairItem, key: &str, value: &[u8]) -> bool {
    p.checkable
        && !not_mine(&p.path)
        && schema::lookup(&p.path, key).is_some_and(|d| schema::check_value(d, value).is_some())
}
