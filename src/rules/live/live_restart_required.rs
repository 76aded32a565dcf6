//! The `live-restart-required` rule (fed by the live stage, `crate::live`).

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Reports keys that a reload keeps at their old value (the read-only keys: `cluster_name`,
/// `transport`, `ip_version`, `netmtu`, `quorum.provider`, `system.*` …) when the file's value
/// differs from the running one, and the votequorum options that a reload stores but does not apply
/// (`wait_for_all`, `last_man_standing`, `auto_tie_breaker`, `allow_downscale`), judged from the
/// flags votequorum runs with, not from cmap (which already holds the reloaded value).
/// ## Why it matters
/// `corosync-cfgtool -R` succeeds and `config_version` moves on, so everything looks applied. The
/// old value stays in effect until corosync restarts, and then the change lands all at once, maybe
/// on one node only.
/// ## Example
/// `wait_for_all: 1` added and reloaded: `quorum.wait_for_all` is 1 in cmap, but
/// `corosync-quorumtool -s` shows no `WaitForAll` flag.
/// ## Fix
/// Plan a restart of corosync (settings all nodes must share, such as `cluster_name` or
/// `transport`, need every node stopped first), or put the old value back.
pub const LIVE_RESTART_REQUIRED: Rule = Rule {
    name: "live-restart-required",
    code: "R902",
    category: Category::Live,
    severity: Severity::Warning,
    summary: "The file differs from what runs in what only a restart of corosync applies",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
