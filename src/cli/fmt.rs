//! `corolint fmt` (not implemented yet).

use super::{CliResult, ExitStatus, GlobalArgs};

/// Arguments of `corolint fmt`.
#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Files.
    pub paths: Vec<std::path::PathBuf>,
}

/// Runs `corolint fmt`.
pub fn run(_args: FmtArgs, _global: &GlobalArgs) -> CliResult {
    eprintln!("corolint fmt: not implemented yet");
    Ok(ExitStatus::Error)
}
