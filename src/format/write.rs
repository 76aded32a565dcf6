//! Atomic replacement of a file: a temporary file in the same directory,
//! given the original's permissions (and owner, where allowed), synced, then
//! renamed over the original. Symlinks are followed: the target is replaced.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Replaces the contents of `path` with `bytes` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target: PathBuf = std::fs::canonicalize(path)?;
    let meta = std::fs::metadata(&target)?;
    if !meta.is_file() {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file"));
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".corolint-fmt-").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().set_permissions(meta.permissions())?;
    keep_owner(tmp.path(), &meta);
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// Gives the new file the original's owner and group. Only root (or the
/// owner, for a group it belongs to) may do this; otherwise the file keeps
/// the writer's ids, as any editor would leave it.
#[cfg(unix)]
fn keep_owner(tmp: &Path, meta: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    // A failure (not root) is not an error: the permissions are kept anyway.
    let _ = std::os::unix::fs::chown(tmp, Some(meta.uid()), Some(meta.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_tmp: &Path, _meta: &std::fs::Metadata) {}
