//! The `live-reload-failed` rule (fed by the live stage, `crate::live`).

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Reports a refused `corosync-cfgtool -R`: `config.reload_status` is an error, or (corosync 3.1.7
/// after a parser error, which leaves `reload_status` alone) `config.totemconfig_reload_in_progress`
/// stays 1 with `config.reload_in_progress` 0; on 3.1.8 and later `config.reload_error_message`.
/// Also, as an error, a file that corosync would refuse at the next reload (it does not parse, an
/// existing node's address or a link's `knet_transport` changed) or at the next start (votequorum
/// refuses the quorum settings).
/// ## Why it matters
/// A refused reload changes nothing and says so only in the log. The cluster keeps running the
/// old configuration while the file says otherwise, and the next restart may not come up.
/// ## Example
/// A missing `}` in the file, then `corosync-cfgtool -R`: `Could not reload configuration. Error
/// CS_ERR_INVALID_PARAM`, and the log has `Unable to reload config file: parser error`.
/// ## Fix
/// Fix the file (`corolint check`), then reload again; to move a node to a new address remove it,
/// reload, add it back and reload.
pub const LIVE_RELOAD_FAILED: Rule = Rule {
    name: "live-reload-failed",
    code: "R903",
    category: Category::Live,
    severity: Severity::Error,
    summary: "The last reload was refused, or corosync would refuse this file at the next reload or start",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
