//! Rules that compare two versions or several copies of one cluster's
//! configuration. Their diagnostics come from `corolint diff`, `corolint drift`,
//! `check --git-base` and `check --local-copy` (see `crate::changes`), not from
//! a single-file check.

use super::{Category, Rule, no_check};
use crate::diagnostic::Severity;

/// ## What it does
/// Compares a new version of a config with the old one (`corolint diff OLD NEW`, or
/// `corolint check --git-base REF`) and reports when keys changed meaning but
/// `totem.config_version` stayed the same. Files where neither version sets `config_version`
/// are not versioned and are skipped.
/// ## Why it matters
/// When a node joins a multi-node membership for the first time, corosync compares its
/// `config_version` with the other members' and a node with a lower non-zero value exits
/// (`Received config version (N) is different than my config version (M)! Exiting`). With an
/// unchanged version, nodes that still run the old text join silently with a different config.
/// On Proxmox VE the documentation asks for a bump on every change.
/// ## Example
/// `token: 3000` becomes `token: 5000` and `config_version: 4` stays `4`.
/// ## Fix
/// Increase `config_version` by one with every change, then copy the file to every node.
pub const CONFIG_VERSION_NOT_BUMPED: Rule = Rule {
    name: "config-version-not-bumped",
    code: "C801",
    category: Category::Changes,
    severity: Severity::Error,
    summary: "The configuration changed but `totem.config_version` was not increased",
    check: no_check,
};

/// ## What it does
/// Compares a new version of a config with the old one and reports a `totem.config_version`
/// that is lower than before (or was removed).
/// ## Why it matters
/// A node with a lower non-zero `config_version` than another member refuses to join and exits.
/// pmxcfs (Proxmox VE) refuses to copy a lower version to `/etc/corosync/corosync.conf`
/// (`local corosync.conf is newer`), so the change never reaches the nodes.
/// ## Example
/// `config_version: 7` becomes `config_version: 6`.
/// ## Fix
/// Set `config_version` to one more than the highest version any node has seen.
pub const CONFIG_VERSION_DECREASED: Rule = Rule {
    name: "config-version-decreased",
    code: "C802",
    category: Category::Changes,
    severity: Severity::Error,
    summary: "`totem.config_version` is lower than in the previous version",
    check: no_check,
};

/// ## What it does
/// Compares a new version of a config with the old one and reports every change that
/// `corosync-cfgtool -R` does not apply: keys that a reload stores but ignores until corosync
/// restarts (`cluster_name`, `transport`, `ip_version`, `netmtu`, `quorum.provider`, `system.*`,
/// `wait_for_all`, `last_man_standing`, `auto_tie_breaker`, a link's `mcastport` …), and changes
/// that make the reload fail (an existing node's address on an existing link, a link's
/// `knet_transport`).
/// ## Why it matters
/// A reload that cannot apply a key logs `Modified entry '<key>' in corosync.conf cannot be
/// changed at run-time` and keeps the old value; a per-link `mcastport` is even stored without a
/// word. The running cluster then differs from the file until the next restart, when the change
/// lands all at once. Changing the address of an existing node makes the whole reload fail with
/// `Cannot configure new interface definitions`.
/// ## Example
/// `cluster_name: prod` becomes `cluster_name: production`, or node 2's `ring0_addr` changes
/// from `10.0.0.2` to `10.0.0.12`.
/// ## Fix
/// Plan a restart of corosync on every node for the keys that need it. To move a node to a new
/// address, remove the node (reload), then add it back with the new address (reload), or
/// restart the whole cluster.
pub const RELOAD_UNSAFE_CHANGE: Rule = Rule {
    name: "reload-unsafe-change",
    code: "C803",
    category: Category::Changes,
    severity: Severity::Warning,
    summary: "A change that `corosync-cfgtool -R` ignores until restart, or that makes the reload fail",
    check: no_check,
};

/// ## What it does
/// Compares the copies of corosync.conf collected from the nodes of one cluster
/// (`corolint drift`) and reports copies that have the same `config_version` as other copies
/// but a different meaning.
/// ## Why it matters
/// corosync checks only the version number when a node joins. Nodes with the same version and
/// different settings join each other silently and run different configurations: different
/// timeouts, links or quorum settings on different nodes.
/// ## Example
/// `pve1` and `pve2` both have `config_version: 5`, but `pve2` has `token: 10000`.
/// ## Fix
/// Decide which copy is right, bump its `config_version` and distribute it to every node.
pub const NODE_DRIFT: Rule = Rule {
    name: "node-drift",
    code: "C804",
    category: Category::Changes,
    severity: Severity::Error,
    summary: "Copies with the same `config_version` have different meanings",
    check: no_check,
};

/// ## What it does
/// Compares the copies of corosync.conf collected from the nodes of one cluster and reports
/// each copy whose `config_version` is lower than the newest copy's.
/// ## Why it matters
/// A node with a lower non-zero version refuses to join the others and exits. On Proxmox VE
/// pmxcfs refuses to copy a lower version over a newer local file.
/// ## Example
/// `pve3` still has `config_version: 4` while `pve1` and `pve2` have `5`.
/// ## Fix
/// Copy the newest file to the stale node (on Proxmox VE: make sure pmxcfs is running and
/// quorate, and check the pve-cluster log).
pub const STALE_CONFIG: Rule = Rule {
    name: "stale-config",
    code: "C805",
    category: Category::Changes,
    severity: Severity::Error,
    summary: "A copy has a lower `config_version` than the newest copy",
    check: no_check,
};

/// ## What it does
/// Compares the copies of corosync.conf collected from the nodes of one cluster and reports
/// copies whose `totem.cluster_name` differs from the newest copies'.
/// ## Why it matters
/// The cluster name is read-only at run time. With udp it also derives the multicast address,
/// and corosync-qdevice and qnetd group nodes by it, so nodes with different names do not form
/// one cluster with one quorum device.
/// ## Example
/// `cluster_name: prod` on two nodes and `cluster_name: Prod` on the third.
/// ## Fix
/// Use one cluster name on every node; changing it needs a restart of the whole cluster.
pub const CLUSTER_NAME_DRIFT: Rule = Rule {
    name: "cluster-name-drift",
    code: "C806",
    category: Category::Changes,
    severity: Severity::Error,
    summary: "Copies of one cluster's config have different `cluster_name`s",
    check: no_check,
};

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
};

/// ## What it does
/// Compares the copies of corosync.conf collected from the nodes of one cluster and reports
/// copies that mean the same as the most common text but are written differently (comments,
/// indentation, key order).
/// ## Why it matters
/// Nothing breaks, but pmxcfs keeps every node byte for byte identical, so a different text on
/// a Proxmox VE node means someone edited `/etc/corosync/corosync.conf` by hand.
/// ## Example
/// `pve3`'s copy has an extra comment line.
/// ## Fix
/// Copy the common file to the node, or ignore it.
pub const TEXT_DRIFT: Rule = Rule {
    name: "text-drift",
    code: "C808",
    category: Category::Changes,
    severity: Severity::Info,
    summary: "Copies mean the same but their text differs",
    check: no_check,
};

/// ## What it does
/// On a Proxmox VE node, when `corolint` checks `/etc/pve/corosync.conf` (the cluster-wide copy)
/// and `/etc/corosync/corosync.conf` (the file corosync reads) does not exist, it says so.
/// ## Why it matters
/// corosync reads only `/etc/corosync/corosync.conf`. Without it, nothing in the cluster-wide
/// file is in effect on this node: corosync does not start, or runs from a file elsewhere.
/// ## Example
/// A node whose local copy was removed by hand, or a node that never finished joining.
/// ## Fix
/// Check `journalctl -u pve-cluster` and `pvecm status` on the node. pmxcfs writes the local
/// copy from the cluster-wide file when that file's `config_version` is a number above 0.
pub const LOCAL_COPY_MISSING: Rule = Rule {
    name: "local-copy-missing",
    code: "C809",
    category: Category::Changes,
    severity: Severity::Info,
    summary: "`/etc/corosync/corosync.conf` does not exist beside `/etc/pve/corosync.conf`",
    check: no_check,
};
