//! Comparing configs: two versions of one file (`corolint diff`, `check
//! --git-base`), the copies collected from every node (`corolint drift`), and
//! a Proxmox VE node's two files (`check` on `/etc/pve/corosync.conf`,
//! `check --local-copy`). Every finding is an ordinary diagnostic of a
//! `Changes` rule (see `crate::rules::changes`).

pub mod canonical;
pub mod diff;
pub mod drift;
pub mod git_base;
pub mod local_copy;
pub mod reload;
/// `config_version` as corosync and pmxcfs read it (rules read it too, so it lives below them).
pub use crate::config_version as version;

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::files::InputError;
use crate::lint::Analysis;

/// The cross-file checks of `corolint check` for one file on disk: the
/// version-bump rules against `git_base` (a revision), and the pmxcfs sync
/// comparison with `local_copy` (or, for `/etc/pve/corosync.conf`, with
/// `/etc/corosync/corosync.conf`). Errors are an unknown revision or an
/// unreadable `--local-copy`.
pub fn check_extra(
    path: &Path,
    analysis: &Analysis,
    git_base: Option<&str>,
    local_copy: Option<&Path>,
) -> Result<Vec<Diagnostic>, InputError> {
    let mut out = Vec::new();
    if let Some(reference) = git_base {
        out.extend(git_base::compare(path, analysis, reference).map_err(InputError)?);
    }
    out.extend(local_copy::check(path, analysis, local_copy)?);
    Ok(out)
}
