//! `check --git-base REF`: compare a file with its content at a git revision
//! (`git show REF:path`, run from the file's directory with the path relative
//! to the repository root) and apply the version-bump rules. Files that git
//! does not track, that do not exist at REF, or that are outside a repository
//! are skipped; so is everything when REF is `HEAD` and nothing is committed yet.

use std::path::Path;
use std::process::Command;

use crate::diagnostic::Diagnostic;
use crate::fix::{Fix, edits};
use crate::lint::Analysis;
use crate::rules::changes::{CONFIG_VERSION_DECREASED, CONFIG_VERSION_NOT_BUMPED};
use crate::source::SourceFile;

use super::diff::{self, DiffRules};

fn git(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    out.status.success().then_some(out.stdout)
}

/// The content of `path` at `reference` and its repository path, or `None`
/// when there is nothing to compare with. Errors name an unknown revision.
pub fn read_at(path: &Path, reference: &str) -> Result<Option<(String, Vec<u8>)>, String> {
    let Some(name) = path.file_name() else {
        return Ok(None);
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let listed = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["ls-files", "-z", "--full-name", "--error-unmatch", "--"])
        .arg(name)
        .output()
        .ok()
        .filter(|o| o.status.success());
    let Some(listed) = listed.map(|o| o.stdout) else {
        return Ok(None); // not tracked, not a repository, or no git
    };
    let Some(full) =
        listed.split(|&b| b == 0).next().filter(|p| !p.is_empty()).map(|p| String::from_utf8_lossy(p).into_owned())
    else {
        return Ok(None);
    };
    if git(dir, &["rev-parse", "--verify", "--quiet", &format!("{reference}^{{commit}}")]).is_none() {
        if reference == "HEAD" {
            return Ok(None); // no commit yet
        }
        return Err(format!("--git-base: unknown revision `{reference}`"));
    }
    Ok(git(dir, &["show", &format!("{reference}:{full}")]).map(|bytes| (full, bytes)))
}

/// Compares `analysis` (the file at `path`) with its content at `reference`
/// and returns the findings of the version-bump rules.
pub fn compare(path: &Path, analysis: &Analysis, reference: &str) -> Result<Vec<Diagnostic>, String> {
    let Some((full, bytes)) = read_at(path, reference)? else {
        return Ok(Vec::new());
    };
    let old = Analysis::for_target(SourceFile::new(format!("{reference}:{full}"), bytes), analysis.target);
    let d = diff::compare_for(&old.cmap, &analysis.cmap, analysis.facts());
    let mut out = diff::diagnostics(&d, &analysis.cmap, &analysis.source, reference, DiffRules { reload: false });
    let target = d.old_version.value.saturating_add(1);
    for diag in &mut out {
        if diag.fix.is_none() {
            diag.fix = version_fix(diag.rule, analysis, target, reference).map(Box::new);
        }
    }
    Ok(out)
}

/// The safe fix of `config-version-not-bumped` and `config-version-decreased`:
/// `config_version` set to `target` (one more than at the base revision).
pub fn version_fix(rule: &str, analysis: &Analysis, target: u64, base: &str) -> Option<Fix> {
    if rule != CONFIG_VERSION_NOT_BUMPED.name && rule != CONFIG_VERSION_DECREASED.name {
        return None;
    }
    let (edits, intent) =
        edits::set_config_version(&analysis.parsed.tree, &analysis.source.bytes, &analysis.cmap, target)?;
    Some(Fix::safe(format!("Set `config_version: {target}` (one more than at {base})"), edits, intent))
}
