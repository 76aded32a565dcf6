//! `corolint quorum`: what the votes allow: quorum, failures survived, splits,
//! and what-if partitions.

use std::io::Write;

use super::{CliResult, ExitStatus, GlobalArgs};
use crate::files::{self, Input};
use crate::lint::{self, Analysis};
use crate::quorum_report as report;
use crate::render::{self, OutputFormat, RenderOptions};
use crate::rules::{Category, Profile};

/// How `corolint quorum` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum QuorumFormat {
    /// A short text report.
    #[default]
    Text,
    /// The same numbers as JSON.
    Json,
}

/// Arguments of `corolint quorum`.
#[derive(Debug, clap::Args)]
pub struct QuorumArgs {
    /// Files (`-` reads standard input).
    pub paths: Vec<std::path::PathBuf>,
    /// What-if: these nodes (names or nodeids, comma-separated; `qdevice` for the quorum
    /// device) are down. Exit 0 if the rest is quorate, 1 if not.
    #[arg(long, value_name = "NAME[,NAME]", value_delimiter = ',')]
    pub down: Option<Vec<String>>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = QuorumFormat::Text)]
    pub output_format: QuorumFormat,
    /// Rule profile for the findings.
    #[arg(long, value_enum)]
    pub profile: Option<Profile>,
}

/// Runs `corolint quorum`.
pub fn run(args: QuorumArgs, _global: &GlobalArgs) -> CliResult {
    if args.paths.is_empty() {
        crate::stderr_line!(
            "corolint: error: no input files (give FILE... or - for stdin); see `corolint quorum --help`"
        );
        return Ok(ExitStatus::Error);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut status = ExitStatus::Success;
    let mut json_reports = Vec::new();
    for path in &args.paths {
        let input = if path.as_os_str() == "-" { Input::Stdin("-".into()) } else { Input::File(path.clone()) };
        let source = match files::read(&input) {
            Ok(s) => s,
            Err(e) => {
                crate::stderr_line!("corolint: error: {e}");
                status = ExitStatus::Error;
                continue;
            }
        };
        let profile = super::check::profile_for(&source.name, args.profile);
        let analysis = Analysis::new(source);
        if !analysis.is_valid() {
            let errors = lint::lint(&analysis, profile, |r| r.category == Category::Syntax);
            let mut err = std::io::stderr().lock();
            render::render(
                std::slice::from_ref(&errors),
                OutputFormat::Concise,
                RenderOptions { color: false, summary: false },
                &mut err,
            )?;
            crate::stderr_line!("corolint: error: {}: syntax errors; corosync would not start", analysis.source.name);
            status = ExitStatus::Error;
            continue;
        }
        let report = match report::build(&analysis, profile, args.down.as_deref()) {
            Ok(r) => r,
            Err(e) => {
                crate::stderr_line!("corolint: error: {}: {e}", analysis.source.name);
                status = ExitStatus::Error;
                continue;
            }
        };
        if let Some(w) = &report.what_if
            && !w.rest.quorate
            && status == ExitStatus::Success
        {
            status = ExitStatus::Failure;
        }
        match args.output_format {
            QuorumFormat::Text => {
                write!(out, "{}", report::render_text(&report))?;
                if args.paths.len() > 1 {
                    writeln!(out)?;
                }
            }
            QuorumFormat::Json => json_reports.push(report),
        }
    }
    if args.output_format == QuorumFormat::Json {
        let body = serde_json::json!({ "version": 1, "reports": json_reports });
        serde_json::to_writer_pretty(&mut out, &body)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(status)
}
