//! Which keys the key-name rules check, and where else a key belongs.

use crate::rules::Context;
use crate::rules::schema_support::{PairItem, has_parser_error};
use crate::schema;
use crate::schema::{KeyDef, Status};

/// Sections whose keys the parser checks itself.
pub(super) const PARSER_CHECKED: &[&str] = &["uidgid", "totem.interface.member"];

pub(super) fn where_(path: &str) -> String {
    if path.is_empty() { " at the top level".to_string() } else { format!(" in `{path}`") }
}

/// Places a key really belongs, best first (current places before old ones).
pub(super) fn other_places(key: &str, path: &str) -> Vec<&'static KeyDef> {
    let mut defs: Vec<&'static KeyDef> = schema::sections_with_key(key)
        .filter(|d| !schema::path_matches(d.section, path))
        .filter(|d| schema::known_section(d.section).is_none_or(|s| s.status != Status::Obsolete))
        .filter(|d| d.status != Status::Obsolete && !d.section.is_empty())
        .collect();
    defs.sort_by_key(|d| d.status != Status::Current);
    defs
}

/// Whether a pair should be checked for unknown/misplaced names at all.
pub(super) fn key_checkable<'p>(ctx: &Context, p: &'p PairItem) -> Option<&'p str> {
    if !p.checkable || PARSER_CHECKED.contains(&p.path.as_str()) || has_parser_error(ctx, p.line) {
        return None;
    }
    let key = p.key_text.as_str();
    if key.is_empty() || key == ":" {
        return None;
    }
    Some(key)
}

/// Top-level-only logging keys inside `logger_subsys`: reported by `logging-inconsistent`.
pub(super) fn logging_top_only(path: &str, key: &str) -> bool {
    matches!(path, "logging.logger_subsys" | "logging.logging_daemon")
        && matches!(key, "timestamp" | "fileline" | "function_name" | "blackbox")
}
