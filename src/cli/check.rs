//! `corolint check`: lint files and report diagnostics.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{CliResult, ExitStatus, GlobalArgs};
use crate::config::{self, Config, ConfigError, Overrides};
use crate::diagnostic::{FileReport, Severity};
use crate::files::{self, Input, InputError};
use crate::lint::{self, Analysis};
use crate::render::{self, OutputFormat, RenderOptions};
use crate::rules::Profile;

/// Where configuration comes from; shared by every command that reads `corolint.toml`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ConfigArgs {
    /// Use this configuration file for every input instead of searching for
    /// `.corolint.toml`/`corolint.toml` in the file's directory and its parents.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,
}

impl ConfigArgs {
    /// The overrides these flags and the given `--profile`/`--fail-on` make.
    pub fn overrides(&self, profile: Option<Profile>, fail_on: Option<Severity>) -> Overrides {
        Overrides { config: self.config.clone(), isolated: self.isolated, profile, fail_on }
    }
}

/// Arguments of `corolint check`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to lint (`-` reads standard input). Directories are
    /// searched for files named `corosync.conf`.
    pub paths: Vec<PathBuf>,
    /// Output format [default: full].
    #[arg(long, value_enum, env = "COROLINT_OUTPUT_FORMAT")]
    pub output_format: Option<OutputFormat>,
    /// Lowest severity that makes the exit code 1 [default: warning, or `fail-on` in the configuration].
    #[arg(long, value_name = "LEVEL", value_parser = ["error", "warning", "info"])]
    pub fail_on: Option<String>,
    /// Rule profile; `pve` is chosen automatically for files under `/etc/pve/`.
    #[arg(long, value_enum)]
    pub profile: Option<Profile>,
    /// Name to show for standard input (also used to find its configuration and profile).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Also lint files in directories whose name or relative path matches this glob.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Also check what corosync checks against this machine: this host is one of the nodes, the
    /// authkey, logfile directories, uidgid users and groups, the state directory. On by default
    /// for files under /etc/corosync/ and /etc/pve/ (a node's own configuration).
    #[arg(long, conflicts_with = "no_host_checks")]
    pub host_checks: bool,
    /// Never run the host checks, not even for files under /etc/corosync/ or /etc/pve/.
    #[arg(long)]
    pub no_host_checks: bool,
    /// Configuration file options.
    #[command(flatten)]
    pub config: ConfigArgs,
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
    let overrides = Overrides { profile: explicit, ..Overrides::default() };
    Config::default().with_overrides(&overrides).profile_for(Path::new(name))
}

/// One file to lint, with the configuration that governs it.
struct Job {
    input: Input,
    config: Arc<Config>,
    anchor: PathBuf,
}

/// Loads each configuration file once; prints each failure once.
#[derive(Default)]
struct ConfigCache {
    loaded: HashMap<Option<PathBuf>, Result<Arc<Config>, ConfigError>>,
    discovery: config::Discovery,
}

impl ConfigCache {
    fn get(&mut self, anchor: &Path, overrides: &Overrides) -> Option<Arc<Config>> {
        let key = if overrides.isolated || overrides.config.is_some() {
            config::config_path_for(anchor, overrides)
        } else {
            self.discovery.discover(anchor)
        };
        let entry = self.loaded.entry(key.clone()).or_insert_with(|| {
            let loaded = match &key {
                Some(path) => Config::from_file(path),
                None => Ok(Config::default()),
            };
            let loaded = loaded.map(|c| Arc::new(c.with_overrides(overrides)));
            if let Err(e) = &loaded {
                eprintln!("corolint: error: {e}");
            }
            loaded
        });
        entry.as_ref().ok().cloned()
    }
}

/// Runs `corolint check`.
pub fn run(args: CheckArgs, global: &GlobalArgs) -> CliResult {
    if args.paths.is_empty() {
        eprintln!("corolint: error: no input files (give FILE..., a directory, or - for stdin); see `corolint --help`");
        return Ok(ExitStatus::Error);
    }
    let fail_on = args.fail_on.as_deref().and_then(Severity::parse);
    let overrides = args.config.overrides(args.profile, fail_on);
    let resolved = match files::resolve_each(&args.paths, args.stdin_filename.as_deref(), &args.include) {
        Ok(resolved) => resolved,
        Err(e) => {
            eprintln!("corolint: error: {e}");
            return Ok(ExitStatus::Error);
        }
    };
    if resolved.is_empty() {
        eprintln!("corolint: warning: no corosync.conf files found (use --include GLOB to lint other file names)");
    }
    let mut configs = ConfigCache::default();
    let mut config_failed = false;
    let mut jobs: Vec<Result<Job, InputError>> = Vec::with_capacity(resolved.len());
    for input in resolved {
        let input = match input {
            Ok(input) => input,
            Err(e) => {
                jobs.push(Err(e));
                continue;
            }
        };
        let anchor = match &input {
            Input::File(path) => path.clone(),
            Input::Stdin(name) => PathBuf::from(name),
        };
        match configs.get(&anchor, &overrides) {
            Some(config) => jobs.push(Ok(Job { input, config, anchor })),
            None => config_failed = true,
        }
    }
    if config_failed {
        return Ok(ExitStatus::Error);
    }
    let check_one = |job: Result<Job, InputError>| -> Result<(FileReport, Severity), InputError> {
        let job = job?;
        let analysis = Analysis::new(files::read(&job.input)?);
        let (profile, _) = job.config.profile_with_reason(&job.anchor, &analysis.source.bytes, &analysis.cmap);
        let mut report = lint::lint_configured(&analysis, &job.config, profile);
        let host_checks = !args.no_host_checks
            && (args.host_checks || matches!(&job.input, Input::File(p) if crate::host::is_node_config(p)));
        if host_checks {
            for mut d in crate::rules::host_diagnostics(
                &analysis.cmap,
                &analysis.parsed.tree,
                &analysis.source.bytes,
                &crate::host::RealHost,
            ) {
                let Some(entry) = crate::rules::find(d.rule) else { continue };
                if !job.config.is_enabled(entry.rule) {
                    continue;
                }
                if let Some(forced) = job.config.severity_override(entry.rule) {
                    d.severity = forced;
                }
                report.diagnostics.push(d);
            }
            report.sort();
        }
        // Cross-file checks (--git-base, --local-copy, /etc/pve): the same
        // rule selection and severity overrides apply to them.
        if let Input::File(path) = &job.input {
            let extra =
                crate::changes::check_extra(path, &analysis, args.git_base.as_deref(), args.local_copy.as_deref())?;
            lint::add_configured(&mut report, &job.config, extra);
        }
        Ok((report, job.config.fail_on()))
    };
    // One file needs no thread pool: starting rayon's workers costs more than checking a small file.
    let results: Vec<Result<(FileReport, Severity), InputError>> = if jobs.len() > 1 {
        jobs.into_par_iter().map(check_one).collect()
    } else {
        jobs.into_iter().map(check_one).collect()
    };
    let mut reports = Vec::with_capacity(results.len());
    let mut failed = false;
    let mut io_error = false;
    for result in results {
        match result {
            Ok((report, fail_on)) => {
                failed |= report.diagnostics.iter().any(|d| d.severity >= fail_on);
                reports.push(report);
            }
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
    Ok(if io_error {
        ExitStatus::Error
    } else if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
