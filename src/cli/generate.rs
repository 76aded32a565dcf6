//! `corolint completions SHELL` and `corolint manpage`: shell completions
//! (clap_complete) and the man page (clap_mangen), both generated from the
//! same clap definition as the parser, so they cannot drift from it.

use std::io::Write;

use clap::CommandFactory;

use super::{Cli, CliResult, ExitStatus, GlobalArgs};

/// Arguments of `corolint completions`.
#[derive(Debug, Clone, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `corolint manpage`.
#[derive(Debug, Clone, clap::Args)]
pub struct ManpageArgs {}

/// Writes the completion script for `args.shell` to standard output.
pub fn run_completions(args: CompletionsArgs, _global: &GlobalArgs) -> CliResult {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "corolint", &mut script);
    write_stdout(&script)
}

/// Writes the man page `corolint(1)` (roff) to standard output.
pub fn run_manpage(_args: ManpageArgs, _global: &GlobalArgs) -> CliResult {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    write_stdout(&page)
}

fn write_stdout(bytes: &[u8]) -> CliResult {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(ExitStatus::Success)
}
