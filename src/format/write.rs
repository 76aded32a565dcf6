//! Writing a verified file back: [`write_verified`] replaces a file's
//! contents only if it is a regular file the caller may write, still holds
//! exactly the bytes that were read, and keeps everything else about it.
//!
//! - The new contents go to a temporary file in the same directory that gets
//!   the original's mode, owner, group and extended attributes (ACLs are the
//!   `system.posix_acl_*` attributes), is synced, read back and compared, and
//!   is then renamed over the original: readers see the old or the new file,
//!   never a mix.
//! - A file with several hard links, or whose owner or attributes cannot be
//!   given to a new file (not root), is written in place instead: same
//!   inode, so the other names, owner and attributes stay; not atomic.
//! - Just before the rename (or the in-place write) the file is checked
//!   again: same inode, same modification time and size, same bytes as
//!   read. Otherwise nothing is written ([`WriteErrorKind::Changed`]).
//! - Paths under `/dev` and `/proc` (`/dev/stdin`, `/proc/self/fd/0`, also
//!   through symlinks) and anything but a regular file are refused.
//!
//! Meaning is not checked here: callers pass bytes they have verified
//! (the formatter's [`super::verify`]).

use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// Why a file was not written. Nothing was changed on disk.
#[derive(Debug)]
pub struct WriteError {
    /// What went wrong.
    pub kind: WriteErrorKind,
    /// One line for the user (without the file name).
    pub message: String,
}

/// The kinds of [`WriteError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteErrorKind {
    /// Not a regular file, or a special path (`/dev/stdin`).
    NotRegular,
    /// The caller may not write the file (or it has no write permission bit).
    ReadOnly,
    /// The file changed since it was read (a concurrent edit).
    Changed,
    /// Any other I/O error.
    Io,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for WriteError {}

impl WriteError {
    fn new(kind: WriteErrorKind, message: impl Into<String>) -> Self {
        WriteError { kind, message: message.into() }
    }

    fn io(what: &str, e: &std::io::Error) -> Self {
        WriteError::new(WriteErrorKind::Io, format!("cannot {what}: {}", crate::files::io_reason(e)))
    }
}

/// How a file was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// `new` equals `original`: nothing to write.
    Unchanged,
    /// A new file renamed over the old one (atomic).
    Replaced,
    /// Written through the same inode, because the file has this many hard
    /// links or its owner or attributes could not be given to a new file.
    InPlace {
        /// The file's number of hard links.
        links: u64,
    },
}

/// Replaces the contents of the file at `path`, which were `original` when
/// read, with `new` (see the module documentation for every check).
pub fn write_verified(path: &Path, original: &[u8], new: &[u8]) -> Result<Written, WriteError> {
    if original == new {
        return Ok(Written::Unchanged);
    }
    let target = resolve_target(path)?;
    let meta = std::fs::metadata(&target).map_err(|e| WriteError::io("read the file's metadata", &e))?;
    if !meta.is_file() {
        return Err(WriteError::new(
            WriteErrorKind::NotRegular,
            "not a regular file: only regular files are rewritten",
        ));
    }
    check_writable(&target, &meta)?;
    check_unchanged(&target, &meta, original)?;
    let links = links(&meta);
    if links > 1 {
        return write_in_place(&target, &meta, original, new).map(|()| Written::InPlace { links });
    }
    match replace(&target, &meta, original, new)? {
        true => Ok(Written::Replaced),
        false => write_in_place(&target, &meta, original, new).map(|()| Written::InPlace { links }),
    }
}

/// The file `path` names, with symlinks followed; refuses paths that are or
/// lead under `/dev` or `/proc`.
fn resolve_target(path: &Path) -> Result<PathBuf, WriteError> {
    let special = || {
        WriteError::new(
            WriteErrorKind::NotRegular,
            "is a special path (under /dev or /proc): only regular files are rewritten; use `corolint fmt -` for a stream",
        )
    };
    let cwd = std::env::current_dir().map_err(|e| WriteError::io("find the working directory", &e))?;
    let mut current = cwd.join(path);
    for _ in 0..64 {
        if is_special(&current) {
            return Err(special());
        }
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&current).map_err(|e| WriteError::io("read the symlink", &e))?;
                current = current.parent().unwrap_or(Path::new("/")).join(link);
            }
            _ => break,
        }
    }
    let target = std::fs::canonicalize(&current).map_err(|e| WriteError::io("resolve the path", &e))?;
    if is_special(&target) {
        return Err(special());
    }
    Ok(target)
}

fn is_special(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc")
}

#[cfg(unix)]
fn links(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn links(_meta: &std::fs::Metadata) -> u64 {
    1
}

/// Refuses a file without any write permission bit (even for root, like an
/// editor's read-only warning) and one the caller may not write.
fn check_writable(target: &Path, meta: &std::fs::Metadata) -> Result<(), WriteError> {
    if meta.permissions().readonly() {
        return Err(WriteError::new(
            WriteErrorKind::ReadOnly,
            "is read-only (no write permission bit); nothing written (make it writable first)",
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let c_path = std::ffi::CString::new(target.as_os_str().as_bytes())
            .map_err(|_| WriteError::new(WriteErrorKind::NotRegular, "path holds a NUL byte"))?;
        // SAFETY: `c_path` is a valid NUL-terminated string that outlives the call.
        let rc = unsafe { libc::faccessat(libc::AT_FDCWD, c_path.as_ptr(), libc::W_OK, libc::AT_EACCESS) };
        if rc != 0 {
            return Err(WriteError::new(
                WriteErrorKind::ReadOnly,
                "Permission denied: you may not write this file; nothing written",
            ));
        }
    }
    Ok(())
}

/// The file still is the inode `meta` describes, with the same size and
/// modification time, and holds exactly `original`.
fn check_unchanged(target: &Path, meta: &std::fs::Metadata, original: &[u8]) -> Result<(), WriteError> {
    let changed = || {
        WriteError::new(
            WriteErrorKind::Changed,
            "changed on disk since it was read (edited meanwhile?); nothing written, run again",
        )
    };
    let now = std::fs::metadata(target).map_err(|_| changed())?;
    if !same_file_state(meta, &now) {
        return Err(changed());
    }
    let file = crate::files::open_regular(target).map_err(|_| changed())?;
    if !holds_exactly(file, original).map_err(|e| WriteError::io("read the file again", &e))? {
        return Err(changed());
    }
    Ok(())
}

#[cfg(unix)]
fn same_file_state(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino(), a.len(), a.mtime(), a.mtime_nsec()) == (b.dev(), b.ino(), b.len(), b.mtime(), b.mtime_nsec())
}

#[cfg(not(unix))]
fn same_file_state(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

/// Whether `reader` holds exactly `expected` (reads at most one byte more).
fn holds_exactly(reader: impl Read, expected: &[u8]) -> std::io::Result<bool> {
    let mut bytes = Vec::with_capacity(expected.len() + 1);
    reader.take(expected.len() as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes == expected)
}

/// Writes `new` to a temporary file that gets `meta`'s mode, owner, group
/// and extended attributes, and renames it over `target` after checking that
/// `target` is unchanged. Returns `false` (nothing done) when the owner or an
/// attribute cannot be given to a new file.
fn replace(target: &Path, meta: &std::fs::Metadata, original: &[u8], new: &[u8]) -> Result<bool, WriteError> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".corolint-fmt-")
        .tempfile_in(dir)
        .map_err(|e| WriteError::io("create a temporary file beside it", &e))?;
    tmp.write_all(new).map_err(|e| WriteError::io("write the temporary file", &e))?;
    tmp.as_file().set_permissions(meta.permissions()).map_err(|e| WriteError::io("set the permissions", &e))?;
    if !keep_owner(tmp.as_file(), meta) || !copy_xattrs(target, tmp.as_file()) {
        return Ok(false);
    }
    tmp.as_file().sync_all().map_err(|e| WriteError::io("sync the temporary file", &e))?;
    let mut written = tmp.reopen().map_err(|e| WriteError::io("read the temporary file back", &e))?;
    written.rewind().map_err(|e| WriteError::io("read the temporary file back", &e))?;
    if !holds_exactly(written, new).map_err(|e| WriteError::io("read the temporary file back", &e))? {
        return Err(WriteError::new(WriteErrorKind::Io, "the temporary file does not read back as written"));
    }
    check_unchanged(target, meta, original)?;
    tmp.persist(target).map_err(|e| WriteError::io("rename the temporary file over it", &e.error))?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(true)
}

/// Gives `file` the owner and group of `meta`; `false` if not allowed.
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(now) = file.metadata() else { return false };
    if (now.uid(), now.gid()) == (meta.uid(), meta.gid()) {
        return true;
    }
    std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).is_ok()
}

#[cfg(not(unix))]
fn keep_owner(_file: &std::fs::File, _meta: &std::fs::Metadata) -> bool {
    true
}

/// Copies every extended attribute of `from` (ACLs included) to `to`;
/// `false` if one cannot be read or set. A file system without extended
/// attributes has none to copy.
#[cfg(unix)]
fn copy_xattrs(from: &Path, to: &std::fs::File) -> bool {
    use xattr::FileExt;
    let names = match xattr::list(from) {
        Ok(names) => names,
        Err(e) => return e.raw_os_error() == Some(libc::ENOTSUP),
    };
    for name in names {
        let Ok(Some(value)) = xattr::get(from, &name) else { return false };
        if to.set_xattr(&name, &value).is_err() {
            return false;
        }
    }
    true
}

#[cfg(not(unix))]
fn copy_xattrs(_from: &Path, _to: &std::fs::File) -> bool {
    true
}

/// Writes `new` through the inode of `target` (after checking it is
/// unchanged): keeps hard links, owner and attributes; not atomic.
fn write_in_place(target: &Path, meta: &std::fs::Metadata, original: &[u8], new: &[u8]) -> Result<(), WriteError> {
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(target)
        .map_err(|e| WriteError::io("open the file for writing", &e))?;
    let now = file.metadata().map_err(|e| WriteError::io("read the file's metadata", &e))?;
    if !now.is_file() || !same_file_state(meta, &now) || !holds_exactly(&file, original).unwrap_or(false) {
        return Err(WriteError::new(
            WriteErrorKind::Changed,
            "changed on disk since it was read (edited meanwhile?); nothing written, run again",
        ));
    }
    let io = |e: std::io::Error| WriteError::io("write the file in place", &e);
    file.rewind().map_err(io)?;
    file.write_all(new).map_err(io)?;
    file.set_len(new.len() as u64).map_err(io)?;
    file.sync_all().map_err(io)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str, bytes: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("corolint-write-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let path = dir.join("corosync.conf");
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
        path
    }

    /// An edit made after the file was read (here: the file no longer holds
    /// what the caller read) is never overwritten.
    #[test]
    fn a_concurrent_edit_is_detected_and_nothing_written() {
        let path = temp("edit", b"edited meanwhile\n");
        let err = write_verified(&path, b"what was read\n", b"formatted\n").err().map(|e| e.kind);
        assert_eq!(err, Some(WriteErrorKind::Changed));
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"edited meanwhile\n"[..]));
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let left: Vec<_> = std::fs::read_dir(&dir).map(|d| d.filter_map(Result::ok).count()).into_iter().collect();
        assert_eq!(left, vec![1], "a temporary file was left behind");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn replaces_an_unchanged_file_and_refuses_special_paths() {
        let path = temp("ok", b"old\n");
        assert_eq!(write_verified(&path, b"old\n", b"new\n").ok(), Some(Written::Replaced));
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"new\n"[..]));
        assert_eq!(write_verified(&path, b"new\n", b"new\n").ok(), Some(Written::Unchanged));
        let err = write_verified(Path::new("/dev/stdin"), b"a", b"b").err().map(|e| e.kind);
        assert_eq!(err, Some(WriteErrorKind::NotRegular));
        if let Some(dir) = path.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}
