//! A Proxmox VE node's two files: `/etc/pve/corosync.conf` (cluster-wide,
//! in pmxcfs) and `/etc/corosync/corosync.conf` (what corosync reads), compared
//! with pmxcfs's sync rules (`dcdb_sync_corosync_conf`): the version is the
//! first `config_version\s*:\s*(\d+)` in the raw bytes; missing or 0 means no
//! sync, lower than the local one means no sync, equal or higher is copied.
//!
//! Paths can be overridden: `COROLINT_PVE_CONF_PATH` (the file that triggers
//! the comparison, default `/etc/pve/corosync.conf`) and
//! `COROLINT_LOCAL_CONF_PATH` (the local copy, default
//! `/etc/corosync/corosync.conf`); `check --local-copy PATH` compares any file.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::files::{self, Input, InputError};
use crate::lint::Analysis;
use crate::rules::changes::{LOCAL_COPY_MISSING, LOCAL_COPY_OUT_OF_SYNC};

use super::canonical::{canonical, fingerprint};
use super::diff::{self, first_line};
use super::version::pmxcfs_version;

/// Environment variable overriding the path of the cluster-wide file.
pub const PVE_CONF_ENV: &str = "COROLINT_PVE_CONF_PATH";
/// Environment variable overriding the path of the local copy.
pub const LOCAL_CONF_ENV: &str = "COROLINT_LOCAL_CONF_PATH";

fn env_path(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var).filter(|v| !v.is_empty()).map(PathBuf::from).unwrap_or_else(|| PathBuf::from(default))
}

/// The cluster-wide file (`/etc/pve/corosync.conf` unless overridden).
pub fn pve_conf_path() -> PathBuf {
    env_path(PVE_CONF_ENV, "/etc/pve/corosync.conf")
}

/// The file corosync reads (`/etc/corosync/corosync.conf` unless overridden).
pub fn local_conf_path() -> PathBuf {
    env_path(LOCAL_CONF_ENV, "/etc/corosync/corosync.conf")
}

/// Whether `a` and `b` name the same file (as given, when either cannot be
/// resolved). `b` is resolved first: when it does not exist (the usual case
/// for `/etc/pve/corosync.conf` off Proxmox) `a` need not be resolved at all.
fn same_file(a: &Path, b: &Path) -> bool {
    let Ok(resolved_b) = std::fs::canonicalize(b) else {
        return a == b;
    };
    match std::fs::canonicalize(a) {
        Ok(resolved_a) => resolved_a == resolved_b,
        Err(_) => a == b,
    }
}

/// Whether `path` is the cluster-wide file (`/etc/pve/corosync.conf` unless overridden).
fn is_cluster_file(path: &Path) -> bool {
    let pve = pve_conf_path();
    path.file_name() == pve.file_name() && same_file(path, &pve)
}

/// What `path` is checked against.
enum Counterpart {
    /// Compare with this file.
    Compare(PathBuf),
    /// `path` is the cluster-wide file, and nothing exists where its local copy belongs.
    Missing(PathBuf),
    /// Nothing to compare.
    None,
}

/// `explicit` if given; else, when `path` is the cluster-wide file, the local
/// copy (or that it is missing). The cluster-wide file is resolved once.
fn counterpart(path: &Path, explicit: Option<&Path>) -> Counterpart {
    if let Some(p) = explicit {
        return Counterpart::Compare(p.to_path_buf());
    }
    if !is_cluster_file(path) {
        return Counterpart::None;
    }
    let local = local_conf_path();
    if local.symlink_metadata().is_err() {
        Counterpart::Missing(local)
    } else if local.is_file() && !same_file(path, &local) {
        Counterpart::Compare(local)
    } else {
        Counterpart::None
    }
}

/// The info diagnostic for a cluster-wide file without its local copy.
fn missing(cluster: &Analysis, local: &Path) -> Diagnostic {
    let local = local.display();
    Diagnostic::new(
        &LOCAL_COPY_MISSING,
        first_line(&cluster.source),
        format!("`{local}` does not exist: corosync on this node does not read this file"),
    )
    .with_label("cluster-wide file")
    .with_help(format!(
        "corosync reads only `{local}`; pmxcfs writes it from this file when its config_version is a number above 0: check `journalctl -u pve-cluster` and `pvecm status`"
    ))
}

/// Why pmxcfs will not (or did not) copy the cluster-wide file, and how to fix it.
fn sync_reason(cluster: Option<u64>, local: Option<u64>) -> (String, String) {
    match (cluster.filter(|&v| v > 0), local) {
        (None, _) => (
            "pmxcfs will not copy it: it finds no `config_version: N` with N > 0 and logs `unable to parse cluster config_version`".into(),
            "set `config_version` to a number above the local copy's".into(),
        ),
        (Some(c), Some(l)) if c < l => (
            format!("pmxcfs will not copy it: its config_version {c} is lower than the local copy's {l} (`local corosync.conf is newer`)"),
            format!("set `config_version: {}` in this file", l.saturating_add(1)),
        ),
        (Some(c), Some(l)) if c == l => (
            format!("both have config_version {c}, so pmxcfs copies it only when this file is written again, and nodes at the same version join without noticing the difference"),
            format!("set `config_version: {}` in this file", c.saturating_add(1)),
        ),
        (Some(c), l) => (
            format!(
                "pmxcfs should have copied it (config_version {c} is higher than {}), so the copy is pending or failed",
                l.map_or_else(|| "none".to_string(), |l| l.to_string())
            ),
            "check `journalctl -u pve-cluster` and whether the cluster is quorate".into(),
        ),
    }
}

/// Compares the cluster-wide file with the local copy; diagnostics belong to `cluster`.
pub fn compare(cluster: &Analysis, local: &Analysis) -> Vec<Diagnostic> {
    if cluster.source.bytes == local.source.bytes
        || fingerprint(&canonical(&cluster.cmap)) == fingerprint(&canonical(&local.cmap))
    {
        return Vec::new();
    }
    let d = diff::compare_for(&local.cmap, &cluster.cmap, cluster.facts());
    let keys: Vec<String> = d.changes.iter().map(|c| format!("`{}`", c.key)).collect();
    let listed =
        if keys.len() > 3 { format!("{} and {} more", keys[..3].join(", "), keys.len() - 3) } else { keys.join(", ") };
    let cv = pmxcfs_version(&cluster.source.bytes);
    let lv = pmxcfs_version(&local.source.bytes);
    let (reason, fix) = sync_reason(cv.as_ref().map(|v| v.value), lv.as_ref().map(|v| v.value));
    let span = cv.map(|v| v.span).unwrap_or_else(|| first_line(&cluster.source));
    vec![
        Diagnostic::new(
            &LOCAL_COPY_OUT_OF_SYNC,
            span,
            format!("`{}` differs in meaning from this file ({listed}); {reason}", local.source.name),
        )
        .with_label("version pmxcfs reads")
        .with_help(format!("corosync reads only `{}`; {fix}", local.source.name)),
    ]
}

/// The `check` hook: compares `path` with its local copy, if there is one.
pub fn check(path: &Path, analysis: &Analysis, explicit: Option<&Path>) -> Result<Vec<Diagnostic>, InputError> {
    match counterpart(path, explicit) {
        Counterpart::Compare(other) => {
            let local = Analysis::for_target(files::read(&Input::File(other))?, analysis.target);
            Ok(compare(analysis, &local))
        }
        Counterpart::Missing(local) => Ok(vec![missing(analysis, &local)]),
        Counterpart::None => Ok(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_follow_pmxcfs() {
        assert!(sync_reason(None, Some(3)).0.contains("unable to parse"));
        assert!(sync_reason(Some(0), Some(3)).0.contains("unable to parse"));
        assert!(sync_reason(Some(2), Some(3)).0.contains("newer"));
        assert!(sync_reason(Some(3), Some(3)).0.contains("both have config_version 3"));
        assert!(sync_reason(Some(4), Some(3)).0.contains("should have copied"));
    }
}
