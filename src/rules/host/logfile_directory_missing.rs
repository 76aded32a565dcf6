use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Reports a `logfile` (in `logging` or a `logger_subsys`) whose directory does not exist.
/// ## Why it matters
/// corosync opens the logfile at startup even with `to_logfile: no` and refuses to start (exit 7): `Can't open logfile 'PATH' for reason: No such file or directory (2).`
/// ## Example
/// `logfile: /var/log/cluster/corosync.log` on a host without `/var/log/cluster`.
/// ## Fix
/// Create the directory, or point `logfile` at an existing one (Debian's default is `/var/log/corosync/corosync.log`).
///
/// Runs only on a cluster node: for files under `/etc/corosync/` or `/etc/pve/`, or with
/// `--host-checks` (off elsewhere: a CI runner is not the node).
pub const LOGFILE_DIRECTORY_MISSING: Rule = Rule {
    name: "logfile-directory-missing",
    code: "H103",
    category: Category::Host,
    severity: Severity::Error,
    summary: "the directory of a logfile does not exist",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
