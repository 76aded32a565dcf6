//! `corolint quorum` (not implemented yet).

use super::{CliResult, ExitStatus, GlobalArgs};

/// Arguments of `corolint quorum`.
#[derive(Debug, clap::Args)]
pub struct QuorumArgs {
    /// Files.
    pub paths: Vec<std::path::PathBuf>,
}

/// Runs `corolint quorum`.
pub fn run(_args: QuorumArgs, _global: &GlobalArgs) -> CliResult {
    eprintln!("corolint quorum: not implemented yet");
    Ok(ExitStatus::Error)
}
