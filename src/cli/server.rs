//! `corolint server`: the language server on standard input and output.

use super::{CliResult, ExitStatus, GlobalArgs};
use crate::rules::Profile;

/// Arguments of `corolint server`.
#[derive(Debug, clap::Args)]
pub struct ServerArgs {
    /// Rule profile for every document [default: `profile` in corolint.toml,
    /// else `pve` for files under `/etc/pve/`, else generic].
    #[arg(long, value_enum)]
    pub profile: Option<Profile>,
    /// Configuration file options.
    #[command(flatten)]
    pub config: super::check::ConfigArgs,
    /// Accepted for editors that pass it; the server always speaks over
    /// standard input and output.
    #[arg(long)]
    pub stdio: bool,
}

/// Runs the server until the client sends `exit`: exit status 0 after a
/// `shutdown`, 1 without one (as the protocol asks), 2 on an I/O error.
pub fn run(args: ServerArgs, _global: &GlobalArgs) -> CliResult {
    let overrides = args.config.overrides(args.profile, None);
    let clean = crate::server::serve_stdio(overrides)?;
    Ok(if clean { ExitStatus::Success } else { ExitStatus::Failure })
}
