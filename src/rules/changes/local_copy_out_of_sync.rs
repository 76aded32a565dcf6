use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// On a Proxmox VE node, compares `/etc/pve/corosync.conf` (the cluster-wide copy) with
/// `/etc/corosync/corosync.conf` (the file corosync reads) and reports a different meaning, with
/// the reason pmxcfs will not or did not copy it: version missing or 0, lower, equal or higher.
/// `check --local-copy PATH` compares with any other file.
/// ## Why it matters
/// corosync reads only `/etc/corosync/corosync.conf`. pmxcfs copies the cluster-wide file there
/// only when its `config_version` (the first `config_version: N` text in the file) is non-zero
/// and not lower than the local one. An edit without a proper bump never reaches corosync.
/// ## Example
/// `/etc/pve/corosync.conf` has `config_version: 3` and a new node, `/etc/corosync/corosync.conf`
/// has `config_version: 4` from an earlier manual edit: pmxcfs logs `local corosync.conf is newer`.
/// ## Fix
/// Edit `/etc/pve/corosync.conf` with `config_version` set to one more than both files, and
/// check the pve-cluster log (`journalctl -u pve-cluster`).
pub const LOCAL_COPY_OUT_OF_SYNC: Rule = Rule {
    name: "local-copy-out-of-sync",
    code: "C807",
    category: Category::Changes,
    severity: Severity::Error,
    summary: "`/etc/pve/corosync.conf` and `/etc/corosync/corosync.conf` differ in meaning",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
