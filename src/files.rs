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
            Err(e) => out.push(Err(InputError(format!("{}: {}", path.display(), io_reason(&e))))),
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
                let place = e.path().unwrap_or(dir).display().to_string();
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

/// The name a file is shown under: relative to the working directory when inside it.
pub fn display_name(path: &Path) -> String {
    if let Ok(cwd) = std::env::current_dir()
        && let Ok(rel) = path.strip_prefix(&cwd)
    {
        return rel.display().to_string();
    }
    path.display().to_string()
}

/// Reads an input into a [`SourceFile`]. Inputs of 4 GiB or more are refused
/// (span offsets are `u32`; see [`crate::source::MAX_INPUT_LEN`]).
pub fn read(input: &Input) -> Result<SourceFile, InputError> {
    match input {
        Input::Stdin(name) => {
            let bytes = read_limited(std::io::stdin().lock(), 0)
                .map_err(|e| InputError(format!("<stdin>: {}", io_reason(&e))))?;
            Ok(SourceFile::new(name.clone(), bytes))
        }
        Input::File(path) => {
            let bytes = read_file(path).map_err(|e| InputError(format!("{}: {}", path.display(), io_reason(&e))))?;
            Ok(SourceFile::new(display_name(path), bytes))
        }
    }
}

/// Reads a file, refusing one of 4 GiB or more before reading it when its
/// size is known, and while reading otherwise (pipes, devices).
fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata().map(|m| usize::try_from(m.len()).unwrap_or(usize::MAX)).unwrap_or(0);
    crate::source::check_input_len(size)?;
    read_limited(file, size)
}

/// Reads `reader` to its end, but never more than one byte past
/// [`crate::source::MAX_INPUT_LEN`], and refuses an input that long.
fn read_limited(reader: impl Read, size_hint: usize) -> std::io::Result<Vec<u8>> {
    let limit = u64::try_from(crate::source::MAX_INPUT_LEN).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::with_capacity(size_hint.saturating_add(1));
    reader.take(limit).read_to_end(&mut bytes)?;
    crate::source::check_input_len(bytes.len())?;
    Ok(bytes)
}
