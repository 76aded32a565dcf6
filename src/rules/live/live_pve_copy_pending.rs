//! The `live-pve-copy-pending` rule (fed by the live stage, `crate::live`).

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// On Proxmox VE, reports an `/etc/pve/corosync.conf` whose `config_version` is higher than that of
/// `/etc/corosync/corosync.conf` and of what corosync runs.
/// ## Why it matters
/// corosync reads only `/etc/corosync/corosync.conf`; pmxcfs copies the cluster-wide file there
/// and reloads corosync. If it did not, the edit in `/etc/pve` is not in effect.
/// ## Example
/// `/etc/pve/corosync.conf` at version 6, `/etc/corosync/corosync.conf` and corosync at 5.
/// ## Fix
/// Check `journalctl -u pve-cluster` for `local corosync.conf is newer` or copy errors; pmxcfs
/// copies only a file whose version is higher than the local one.
pub const LIVE_PVE_COPY_PENDING: Rule = Rule {
    name: "live-pve-copy-pending",
    code: "R910",
    category: Category::Live,
    severity: Severity::Warning,
    summary: "`/etc/pve/corosync.conf` is newer than the file corosync reads",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
