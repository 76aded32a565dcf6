use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Reports a state directory that does not exist: `system.state_dir`, or `/var/lib/corosync` when it is not set.
/// ## Why it matters
/// corosync changes into it before reading totem and refuses to start (exit 16): `Cannot chdir to state directory DIR. No such file or directory`.
/// ## Example
/// `system { state_dir: /srv/corosync }` on a host without that directory.
/// ## Fix
/// Create the directory (`mkdir -p DIR`), or remove `state_dir` to use `/var/lib/corosync`.
///
/// Runs only on a cluster node: for files under `/etc/corosync/` or `/etc/pve/`, or with
/// `--host-checks` (off elsewhere: a CI runner is not the node).
pub const STATE_DIR_MISSING: Rule = Rule {
    name: "state-dir-missing",
    code: "H105",
    category: Category::Host,
    severity: Severity::Error,
    summary: "system.state_dir (default /var/lib/corosync) does not exist",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
