use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Reports a `uidgid` `uid` or `gid` naming a user or group this host does not have.
/// ## Why it matters
/// corosync's parser refuses the file: `The 'NAME' user is not found in /etc/passwd, please read the documentation.` (or the group message).
/// ## Example
/// `uidgid { uid: hacluster }` on a host without the `hacluster` user (installed with pacemaker).
/// ## Fix
/// Create the user or group (install the package that brings it), or remove the line.
///
/// Runs only on a cluster node: for files under `/etc/corosync/` or `/etc/pve/`, or with
/// `--host-checks` (off elsewhere: a CI runner is not the node).
pub const UIDGID_UNKNOWN: Rule = Rule {
    name: "uidgid-unknown",
    code: "H104",
    category: Category::Host,
    severity: Severity::Error,
    summary: "a uidgid user or group does not exist on this host",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
