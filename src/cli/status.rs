//! `corolint status [FILE]`: on a cluster node, whether the cluster runs what
//! the file says, and (`--down`) whether some nodes may stop now. A front end
//! over the same engine: the file's [`Analysis`], the running state from a
//! [`LiveSource`], the `live-*` rules' diagnostics
//! and the ordinary renderers.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{CliResult, ExitStatus, GlobalArgs};
use crate::diagnostic::{FileReport, Severity};
use crate::files::{self, Input};
use crate::lint::{self, Analysis};
use crate::live::{self, LiveError, LiveSource, LiveState, Recorded};
use crate::render::{self, OutputFormat, RenderOptions};
use crate::rules::Category;

/// Output formats of `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum StatusFormat {
    /// The cluster summary, then the findings with source excerpts.
    #[default]
    Full,
    /// One line per finding.
    Concise,
    /// `check`'s JSON plus a `cluster` object.
    Json,
}

/// Arguments of `corolint status`.
#[derive(Debug, Clone, clap::Args)]
pub struct StatusArgs {
    /// The file corosync reads [default: /etc/corosync/corosync.conf].
    pub file: Option<PathBuf>,
    /// What-if: these nodes (names or nodeids, comma-separated) stop now; does this partition keep quorum?
    #[arg(long, value_name = "NODE[,NODE]", value_delimiter = ',')]
    pub down: Option<Vec<String>>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Full)]
    pub output_format: StatusFormat,
    /// Read a recorded state (written by `--save-state`) instead of the local corosync.
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Also write the state read to FILE (JSON), e.g. to attach to a support request.
    #[arg(long, value_name = "FILE")]
    pub save_state: Option<PathBuf>,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_name = "LEVEL", value_parser = ["error", "warning", "info"], default_value = "warning")]
    pub fail_on: String,
}

/// The default file corosync reads.
pub const DEFAULT_FILE: &str = "/etc/corosync/corosync.conf";

/// Reads the running state: a recorded one, or the local corosync.
pub fn read_state(recorded: Option<&Path>) -> Result<LiveState, LiveError> {
    match recorded {
        Some(path) => Recorded { path: path.to_path_buf() }.read(),
        None => live::local(live::DEFAULT_TIMEOUT)?.read(),
    }
}

/// The live findings of one file (and its syntax errors, which are the file's refusal).
pub fn status_report(analysis: &Analysis, state: &LiveState, down: &[u32]) -> FileReport {
    let syntax = lint::lint(analysis, crate::rules::Profile::Generic, |r| r.category == Category::Syntax);
    let mut report = FileReport { source: analysis.source.clone(), diagnostics: syntax.diagnostics };
    report.diagnostics.extend(live::analyse(analysis, state, &live::Options { down: down.to_vec() }));
    report.sort();
    report
}

/// Runs `corolint status`.
pub fn run(args: StatusArgs, global: &GlobalArgs) -> CliResult {
    let path = args.file.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_FILE));
    let input = if path.as_os_str() == "-" { Input::Stdin("-".into()) } else { Input::File(path) };
    let source = match files::read(&input) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("corolint: error: {e}");
            return Ok(ExitStatus::Error);
        }
    };
    let state = match read_state(args.state.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("corolint: error: {e}");
            return Ok(ExitStatus::Error);
        }
    };
    if let Some(out) = &args.save_state {
        let json = serde_json::to_string_pretty(&state)?;
        if let Err(e) = std::fs::write(out, json + "\n") {
            eprintln!("corolint: error: cannot write {}: {}", out.display(), files::io_reason(&e));
            return Ok(ExitStatus::Error);
        }
    }
    let down = match &args.down {
        Some(names) => match live::what_if::resolve(&state, names) {
            Ok(ids) => ids,
            Err(e) => {
                eprintln!("corolint: error: --down: {e}");
                return Ok(ExitStatus::Error);
            }
        },
        None => Vec::new(),
    };
    let analysis = Analysis::new(source);
    let report = status_report(&analysis, &state, &down);
    let file_version = analysis.is_valid().then(|| crate::changes::version::Version::of(&analysis.cmap).value);
    let what_if = args.down.is_some().then(|| live::what_if::evaluate(&state, &down));
    let fail_on = Severity::parse(&args.fail_on).unwrap_or(Severity::Warning);
    let failed = report.diagnostics.iter().any(|d| d.severity >= fail_on) || !state.quorum.quorate;
    let reports = [report];
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let opts = RenderOptions { color: global.use_color(), summary: !global.quiet };
    match args.output_format {
        StatusFormat::Full => {
            write!(out, "{}", live::summary::render(&state, &analysis.source.name, file_version, what_if.as_ref()))?;
            if !reports[0].diagnostics.is_empty() || opts.summary {
                writeln!(out)?;
            }
            render::render(&reports, OutputFormat::Full, opts, &mut out)?;
        }
        StatusFormat::Concise => render::render(&reports, OutputFormat::Concise, opts, &mut out)?,
        StatusFormat::Json => {
            let cluster = live::summary::cluster(&state, file_version, what_if);
            render::json::render_with(&reports, "cluster", serde_json::to_value(cluster)?, &mut out)?;
        }
    }
    out.flush()?;
    Ok(if failed { ExitStatus::Failure } else { ExitStatus::Success })
}
