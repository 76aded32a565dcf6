//! The command line: `corolint [check] PATHS`, `parse`, `fmt`, `rules`,
//! `rule`, `quorum`, `diff`, `drift`, `server`.

pub mod check;
pub mod diff;
pub mod drift;
pub mod fmt;
pub mod generate;
pub mod parse;
pub mod quorum;
pub mod rules;
pub mod server;
pub mod settings;
pub mod status;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit status: 0 clean, 1 findings, 2 usage or I/O error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing at or above the failing level.
    Success,
    /// Findings.
    Failure,
    /// Usage, configuration or I/O error.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> ExitCode {
        ExitCode::from(match s {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        })
    }
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour (also `FORCE_COLOR`/`CLICOLOR_FORCE`).
    Always,
    /// Never colour.
    Never,
}

/// Options every subcommand shares.
#[derive(Debug, Clone, clap::Args)]
pub struct GlobalArgs {
    /// When to use colours.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Print diagnostics only, no summary line.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

impl GlobalArgs {
    /// Whether stdout gets colours: `--color` beats `NO_COLOR`, which beats
    /// `FORCE_COLOR`/`CLICOLOR_FORCE`, then `TERM=dumb`, then "is stdout a terminal".
    pub fn use_color(&self) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
                if set("NO_COLOR") {
                    false
                } else if set("FORCE_COLOR") || set("CLICOLOR_FORCE") {
                    true
                } else if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
                    false
                } else {
                    std::io::stdout().is_terminal()
                }
            }
        }
    }
}

/// The corosync release to check against; every subcommand that parses
/// flattens this in.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct TargetArgs {
    /// corosync release to read the file as: 3.1.7, 3.1.8, 3.1.9 or 3.1.10 [default: `target-version`
    /// in the configuration, else the installed corosync (`corosync -v`), else 3.1.9]
    #[arg(long, value_name = "VERSION", env = "COROLINT_TARGET_VERSION", value_parser = parse_target_version)]
    pub target_version: Option<crate::version::TargetVersion>,
}

impl TargetArgs {
    /// The target for a file without a configuration file (or with `config`).
    pub fn resolve(&self, config: Option<&crate::config::Config>) -> crate::version::Target {
        match config {
            Some(config) => config.target(self.target_version),
            None => crate::version::Target::resolve(self.target_version, None, None),
        }
    }
}

/// `--target-version VALUE`: a known release, else an error listing them.
fn parse_target_version(value: &str) -> Result<crate::version::TargetVersion, String> {
    value.parse().map_err(|e: crate::version::UnknownVersion| e.to_string())
}

/// corolint: the corosync.conf parser, linter and formatter.
///
/// `corolint FILE...` is `corolint check FILE...`.
#[derive(Debug, Parser)]
#[command(name = "corolint", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// The subcommand (default: check).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Arguments of the default `check` command.
    #[command(flatten)]
    pub check: check::CheckArgs,
    /// Shared options.
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files (the default command).
    Check(check::CheckArgs),
    /// Print the syntax tree or the cmap view as JSON.
    Parse(parse::ParseArgs),
    /// Format files canonically.
    #[command(alias = "format")]
    Fmt(fmt::FmtArgs),
    /// List every rule.
    Rules(rules::RulesArgs),
    /// Explain one rule.
    Rule(rules::RuleArgs),
    /// Explain what the votes allow: quorum, failures survived, splits.
    Quorum(quorum::QuorumArgs),
    /// Semantic diff of two versions of one config.
    Diff(diff::DiffArgs),
    /// Compare the copies collected from every node.
    Drift(drift::DriftArgs),
    /// On a cluster node: does the cluster run what the file says, and may nodes stop now?
    Status(status::StatusArgs),
    /// Language server (LSP) over standard input and output, for editors.
    Server(server::ServerArgs),
    /// Print shell completions (bash, zsh, fish, elvish, powershell).
    Completions(generate::CompletionsArgs),
    /// Print the man page corolint(1) in roff (`corolint manpage | man -l -`).
    Manpage(generate::ManpageArgs),
}

/// Runs the command line and returns the exit status.
pub fn run(cli: Cli) -> ExitStatus {
    let global = cli.global;
    let result = match cli.command {
        None => check::run(cli.check, &global),
        Some(Command::Check(args)) => check::run(args, &global),
        Some(Command::Parse(args)) => parse::run(args, &global),
        Some(Command::Fmt(args)) => fmt::run(args, &global),
        Some(Command::Rules(args)) => rules::run_list(args, &global),
        Some(Command::Rule(args)) => rules::run_one(args, &global),
        Some(Command::Quorum(args)) => quorum::run(args, &global),
        Some(Command::Diff(args)) => diff::run(args, &global),
        Some(Command::Drift(args)) => drift::run(args, &global),
        Some(Command::Status(args)) => status::run(args, &global),
        Some(Command::Server(args)) => server::run(args, &global),
        Some(Command::Completions(args)) => generate::run_completions(args, &global),
        Some(Command::Manpage(args)) => generate::run_manpage(args, &global),
    };
    match result {
        Ok(status) => status,
        Err(e) => {
            // Standard output was closed (`| head`): output was lost, so the
            // run did not succeed; exit quietly with 2 (a run that found
            // problems never turns into 0).
            if is_broken_pipe(e.as_ref()) {
                return ExitStatus::Error;
            }
            crate::stderr_line!("corolint: error: {e}");
            ExitStatus::Error
        }
    }
}

/// Refuses a command line that names standard input (`-`) more than once:
/// it can be read only once (the second read would see an empty file).
/// Prints the error and gives `Some(ExitStatus::Error)` then.
pub fn stdin_more_than_once<'a>(paths: impl IntoIterator<Item = &'a std::path::Path>) -> Option<ExitStatus> {
    if paths.into_iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        crate::stderr_line!("corolint: error: `-` (standard input) may be given only once: it can be read only once");
        return Some(ExitStatus::Error);
    }
    None
}

/// Whether `e` is (or wraps) an EPIPE from writing to a closed pipe.
pub fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = current {
        if err.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) {
            return true;
        }
        current = err.source();
    }
    false
}

/// `Failure` when any diagnostic is at or above `fail_on`, else `Success`.
pub fn exit_for(reports: &[crate::diagnostic::FileReport], fail_on: crate::diagnostic::Severity) -> ExitStatus {
    let failed = reports.iter().flat_map(|r| &r.diagnostics).any(|d| d.severity >= fail_on);
    if failed { ExitStatus::Failure } else { ExitStatus::Success }
}

/// Result type of subcommands.
pub type CliResult = Result<ExitStatus, Box<dyn std::error::Error>>;
