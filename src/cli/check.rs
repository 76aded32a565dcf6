//! `corolint check`: lint files and report diagnostics.

use std::io::Write;
use std::path::PathBuf;

use rayon::prelude::*;

use super::{CliResult, ExitStatus, GlobalArgs};
use crate::diagnostic::{FileReport, Severity};
use crate::files::{self, Input};
use crate::lint::{self, Analysis};
use crate::render::{self, OutputFormat, RenderOptions};
use crate::rules::Profile;

/// Arguments of `corolint check`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to lint (`-` reads standard input). Directories are
    /// searched for files named `corosync.conf`.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, env = "COROLINT_OUTPUT_FORMAT")]
    pub output_format: Option<OutputFormat>,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_name = "LEVEL", default_value = "warning", value_parser = ["error", "warning", "info"])]
    pub fail_on: String,
    /// Rule profile; `pve` is chosen automatically for files under `/etc/pve/`.
    #[arg(long, value_enum)]
    pub profile: Option<Profile>,
    /// Name to show for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Also lint files in directories whose name or relative path matches this glob.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    // --- changes (issue 6): begin ---
    /// Compare each file with its content at git revision REF and check the `config_version`
    /// bump (`--git-base` alone means HEAD; write `--git-base=REF` before file names).
    /// Untracked and newly added files are skipped.
    #[arg(long, value_name = "REF", num_args = 0..=1, default_missing_value = "HEAD")]
    pub git_base: Option<String>,
    /// Compare each file with PATH the way pmxcfs syncs `/etc/pve/corosync.conf` to
    /// `/etc/corosync/corosync.conf` (automatic for `/etc/pve/corosync.conf`).
    #[arg(long, value_name = "PATH")]
    pub local_copy: Option<PathBuf>,
    // --- changes (issue 6): end ---
}

/// The profile for a file: explicit choice, else `pve` under `/etc/pve/`.
pub fn profile_for(name: &str, explicit: Option<Profile>) -> Profile {
    explicit.unwrap_or(if name.starts_with("/etc/pve/") { Profile::Pve } else { Profile::Generic })
}

/// Runs `corolint check`.
pub fn run(args: CheckArgs, global: &GlobalArgs) -> CliResult {
    if args.paths.is_empty() {
        eprintln!("corolint: error: no input files (give FILE..., a directory, or - for stdin); see `corolint --help`");
        return Ok(ExitStatus::Error);
    }
    let inputs = match files::resolve(&args.paths, args.stdin_filename.as_deref(), &args.include) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("corolint: error: {e}");
            return Ok(ExitStatus::Error);
        }
    };
    let results: Vec<Result<FileReport, files::InputError>> = inputs
        .par_iter()
        .map(|input| {
            let source = files::read(input)?;
            let profile = profile_for(
                match input {
                    Input::File(p) => p.to_str().unwrap_or(""),
                    Input::Stdin(n) => n,
                },
                args.profile,
            );
            let analysis = Analysis::new(source);
            let mut report = lint::lint(&analysis, profile, |_| true);
            // --- changes (issue 6): cross-file checks (--git-base, --local-copy, /etc/pve) ---
            if let Input::File(path) = input {
                let extra =
                    crate::changes::check_extra(path, &analysis, args.git_base.as_deref(), args.local_copy.as_deref())?;
                report.diagnostics.extend(extra);
                report.sort();
            }
            Ok(report)
        })
        .collect();
    let mut reports = Vec::with_capacity(results.len());
    let mut io_error = false;
    for r in results {
        match r {
            Ok(report) => reports.push(report),
            Err(e) => {
                eprintln!("corolint: error: {e}");
                io_error = true;
            }
        }
    }
    let format = args.output_format.unwrap_or(OutputFormat::Full);
    let opts = RenderOptions { color: global.use_color(), summary: !global.quiet };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    render::render(&reports, format, opts, &mut out)?;
    out.flush()?;
    if io_error {
        return Ok(ExitStatus::Error);
    }
    let fail_on = Severity::parse(&args.fail_on).unwrap_or(Severity::Warning);
    let failed = reports.iter().flat_map(|r| &r.diagnostics).any(|d| d.severity >= fail_on);
    Ok(if failed { ExitStatus::Failure } else { ExitStatus::Success })
}
