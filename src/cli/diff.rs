//! `corolint diff` (not implemented yet).

use super::{CliResult, ExitStatus, GlobalArgs};

/// Arguments of `corolint diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// Files.
    pub paths: Vec<std::path::PathBuf>,
}

/// Runs `corolint diff`.
pub fn run(_args: DiffArgs, _global: &GlobalArgs) -> CliResult {
    eprintln!("corolint diff: not implemented yet");
    Ok(ExitStatus::Error)
}
