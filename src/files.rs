//! Resolving command-line paths into input files: explicit files, `-` for
//! stdin, and directories walked for files named `corosync.conf`.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::source::SourceFile;

/// An input named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input, shown under the given name.
    Stdin(String),
    /// A file on disk.
    File(PathBuf),
}

/// A failure to find or read an input; printed as one line, exit 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError(pub String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

/// Expands `paths`: `-` is stdin, directories are walked (sorted) for files
/// named `corosync.conf` or matching one of `include` (glob on the file name
/// or the path relative to the directory). Stops at the first path that
/// cannot be read; [`resolve_each`] reports every path separately.
pub fn resolve(paths: &[PathBuf], stdin_name: Option<&str>, include: &[String]) -> Result<Vec<Input>, InputError> {
    resolve_each(paths, stdin_name, include)?.into_iter().collect()
}

/// Like [`resolve`], but one result per input found, in command-line order,
/// so that a missing file does not stop the others. The outer error is an
/// invalid `--include` pattern.
pub fn resolve_each(
    paths: &[PathBuf],
    stdin_name: Option<&str>,
    include: &[String],
) -> Result<Vec<Result<Input, InputError>>, InputError> {
    let mut builder = globset::GlobSetBuilder::new();
    for pattern in include {
        let glob = globset::Glob::new(pattern)
            .map_err(|e| InputError(format!("invalid --include pattern `{pattern}`: {e}")))?;
        builder.add(glob);
    }
    let globs = builder.build().map_err(|e| InputError(format!("invalid --include patterns: {e}")))?;
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Ok(Input::Stdin(stdin_name.unwrap_or("-").to_string())));
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => out.push(Err(InputError(format!("{}: {}", shown_path(path), io_reason(&e))))),
            Ok(meta) if meta.is_dir() => walk(path, &globs, &mut out),
            Ok(_) => out.push(Ok(Input::File(path.clone()))),
        }
    }
    Ok(out)
}

/// Walks `dir` (sorted by name, following links, skipping hidden directories
/// below it) for `corosync.conf` files and files matching `globs`.
fn walk(dir: &Path, globs: &globset::GlobSet, out: &mut Vec<Result<Input, InputError>>) {
    let entries = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
        e.depth() == 0 || !(e.file_type().is_dir() && e.file_name().to_string_lossy().starts_with('.'))
    });
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let place = shown_path(e.path().unwrap_or(dir));
                let reason = e.io_error().map(io_reason).unwrap_or_else(|| e.to_string());
                out.push(Err(InputError(format!("{place}: {reason}"))));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        if name == "corosync.conf" || globs.is_match(&*name) || globs.is_match(rel) {
            out.push(Ok(Input::File(entry.path().to_path_buf())));
        }
    }
}

/// A human reason for an I/O error, without the `(os error N)` suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

/// The path a file is shown under: relative to the working directory when inside it.
pub fn relative_path(path: &Path) -> &Path {
    if let Ok(cwd) = std::env::current_dir()
        && let Ok(rel) = path.strip_prefix(&cwd)
    {
        return rel;
    }
    path
}

/// The name a file is shown under: relative to the working directory when
/// inside it, escaped like [`shown_path`].
pub fn display_name(path: &Path) -> String {
    shown_path(relative_path(path))
}

/// A path for messages, byte for byte: valid UTF-8 as it is, every other
/// byte as `\xNN` (like `ls -b`), never a replacement character.
pub fn shown_path(path: &Path) -> String {
    crate::source::display_bytes(&path_bytes(path))
}

/// The bytes of a path (its OS string; on other systems than Unix, its
/// lossy UTF-8 form).
pub fn path_bytes(path: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned().into_bytes()
    }
}

/// The most bytes corolint reads from one corosync.conf (64 MiB; real files
/// are a few kilobytes). Larger inputs are refused with exit 2.
pub const MAX_CONF_LEN: u64 = 64 << 20;

/// The most bytes corolint reads from one `corolint.toml` (1 MiB).
pub const MAX_CONFIG_LEN: u64 = 1 << 20;

/// Reads an input into a [`SourceFile`]: at most [`MAX_CONF_LEN`] bytes, and
/// only from a regular file or standard input (see [`read_capped`]).
pub fn read(input: &Input) -> Result<SourceFile, InputError> {
    match input {
        Input::Stdin(name) => {
            let bytes = read_stream_capped(std::io::stdin().lock(), MAX_CONF_LEN, "a corosync.conf")
                .map_err(|e| InputError(format!("<stdin>: {}", io_reason(&e))))?;
            Ok(SourceFile::new(name.clone(), bytes))
        }
        Input::File(path) => {
            let bytes = read_capped(path, MAX_CONF_LEN, "a corosync.conf")
                .map_err(|e| InputError(format!("{}: {}", shown_path(path), io_reason(&e))))?;
            Ok(SourceFile::new(display_name(path), bytes).with_raw_name(path_bytes(relative_path(path))))
        }
    }
}

/// Reads the regular file at `path`, refusing it when it holds more than
/// `cap` bytes (`what` names the kind of file in the message).
///
/// The file is opened without blocking (`O_NONBLOCK`), so that a FIFO whose
/// writer never comes does not hang the run, and then refused unless it is a
/// regular file: FIFOs, devices (`/dev/zero`) and sockets are not read from
/// a path (give `-` to read standard input). A file that grows while it is
/// read is still read only up to one byte past `cap`.
pub fn read_capped(path: &Path, cap: u64, what: &str) -> std::io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    if size > cap {
        return Err(too_large(size, cap, what));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(too_large(bytes.len() as u64, cap, what));
    }
    Ok(bytes)
}

/// Opens `path` for reading without blocking and refuses anything but a
/// regular file, with a reason that names what it is.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        return Ok(file);
    }
    let what = file_kind(&kind);
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!(
            "not a regular file ({what}); corolint reads only regular files by name, and a stream from `-` (standard input)"
        ),
    ))
}

/// What a file that is not a regular file is, for messages.
fn file_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() { "a directory" } else { "not a regular file" }
}

/// Reads a stream (standard input) to its end, but never more than one byte
/// past `cap`, and refuses a stream that long.
pub fn read_stream_capped(reader: impl Read, cap: u64, what: &str) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("input is more than {cap} bytes ({}); corolint reads at most that much of {what}", human_size(cap)),
        ));
    }
    Ok(bytes)
}

fn too_large(len: u64, cap: u64, what: &str) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("file is {len} bytes; corolint reads at most {cap} bytes ({}) of {what}", human_size(cap)),
    )
}

/// `64 MiB`, `1 MiB`, or bytes.
fn human_size(n: u64) -> String {
    if n >= 1 << 20 && n % (1 << 20) == 0 { format!("{} MiB", n >> 20) } else { format!("{n} bytes") }
}
