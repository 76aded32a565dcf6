use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

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
    fix: crate::fix::FixAvailability::None,
};
