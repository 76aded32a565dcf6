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
#[derive(Debug)]
pub struct InputError(pub String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

/// Expands `paths`: `-` is stdin, directories are walked (sorted) for files
/// named `corosync.conf` or matching one of `include` (glob on the file name
/// or the relative path).
pub fn resolve(paths: &[PathBuf], stdin_name: Option<&str>, include: &[String]) -> Result<Vec<Input>, InputError> {
    let mut builder = globset::GlobSetBuilder::new();
    for pattern in include {
        let glob = globset::Glob::new(pattern).map_err(|e| InputError(format!("invalid --include pattern `{pattern}`: {e}")))?;
        builder.add(glob);
    }
    let globs = builder.build().map_err(|e| InputError(format!("invalid --include patterns: {e}")))?;
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Input::Stdin(stdin_name.unwrap_or("-").to_string()));
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|e| InputError(format!("{}: {}", path.display(), io_reason(&e))))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            for entry in walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name() {
                let entry = entry.map_err(|e| InputError(format!("{}: {e}", path.display())))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let name = entry.file_name().to_string_lossy();
                let rel = entry.path().strip_prefix(path).unwrap_or(entry.path());
                if name == "corosync.conf" || globs.is_match(&*name) || globs.is_match(rel) {
                    found.push(Input::File(entry.path().to_path_buf()));
                }
            }
            out.extend(found);
        } else {
            out.push(Input::File(path.clone()));
        }
    }
    Ok(out)
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

/// Reads an input into a [`SourceFile`].
pub fn read(input: &Input) -> Result<SourceFile, InputError> {
    match input {
        Input::Stdin(name) => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| InputError(format!("<stdin>: {}", io_reason(&e))))?;
            Ok(SourceFile::new(name.clone(), bytes))
        }
        Input::File(path) => {
            let bytes = std::fs::read(path).map_err(|e| InputError(format!("{}: {}", path.display(), io_reason(&e))))?;
            Ok(SourceFile::new(display_name(path), bytes))
        }
    }
}
