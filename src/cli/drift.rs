//! `corolint drift` (not implemented yet).

use super::{CliResult, ExitStatus, GlobalArgs};

/// Arguments of `corolint drift`.
#[derive(Debug, clap::Args)]
pub struct DriftArgs {
    /// Files.
    pub paths: Vec<std::path::PathBuf>,
}

/// Runs `corolint drift`.
pub fn run(_args: DriftArgs, _global: &GlobalArgs) -> CliResult {
    eprintln!("corolint drift: not implemented yet");
    Ok(ExitStatus::Error)
}
