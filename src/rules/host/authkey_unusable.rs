use crate::diagnostic::Severity;
use crate::rules::{Category, Rule, no_check};

/// ## What it does
/// Reports, when encryption or authentication is on (`secauth: on`, a `crypto_cipher` or `crypto_hash`), a key file that does not exist, cannot be read, or has fewer than 128 bytes: `keyfile`, else (without an inline `key`) `/etc/corosync/authkey`.
/// ## Why it matters
/// corosync reads the key at startup and refuses to start: `Could not open /etc/corosync/authkey: No such file or directory`, or `Could only read N bits of minimum 1024 bits from PATH.`
/// ## Example
/// `crypto_cipher: aes256` on a node without `/etc/corosync/authkey`.
/// ## Fix
/// Create the key with `corosync-keygen` on one node and copy it to every node (mode 0400, owner root).
///
/// Runs only on a cluster node: for files under `/etc/corosync/` or `/etc/pve/`, or with
/// `--host-checks` (off elsewhere: a CI runner is not the node).
pub const AUTHKEY_UNUSABLE: Rule = Rule {
    name: "authkey-unusable",
    code: "H102",
    category: Category::Host,
    severity: Severity::Error,
    summary: "encryption is on but the authkey is missing, unreadable or too short",
    check: no_check,
    fix: crate::fix::FixAvailability::None,
};
