//! `corolint check`: lint files and report diagnostics.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::settings::Settings;
use super::{CliResult, ExitStatus, GlobalArgs};
use crate::autofix::engine::FixOutcome;
use crate::config::{self, Config, ConfigError, Overrides};
use crate::diagnostic::{FileReport, Severity};
use crate::files::{self, Input, InputError};
use crate::fix::Applicability;
use crate::lint::{self, Analysis};
use crate::render::{self, OutputFormat, RenderOptions};
use crate::rules::Profile;
use crate::selection::RuleSelection;

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
        Overrides {
            config: self.config.clone(),
            isolated: self.isolated,
            profile,
            fail_on,
            selection: RuleSelection::default(),
        }
    }
}

/// `--select`, `--extend-select`, `--ignore`: which rules run, on top of `corolint.toml`.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "Rule selection")]
pub struct SelectionArgs {
    /// Run only these rules (names, codes, code prefixes such as `Q6`, categories or
    /// `all`; comma-separated, repeatable). Replaces the `[rules]` set of the configuration.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Option<Vec<String>>,
    /// Also run these rules, on top of the configuration or `--select`.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// Do not run these rules. Where a selected and an ignored selector both name a rule,
    /// the more specific one wins (rule > code prefix > category > all); on a tie, ignore.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
}

impl SelectionArgs {
    /// Parses the selectors; the error names the flag and suggests a close rule name.
    pub fn parse(&self) -> Result<RuleSelection, String> {
        RuleSelection::parse(self.select.as_deref(), &self.extend_select, &self.ignore)
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
    /// The corosync release.
    #[command(flatten)]
    pub target: super::TargetArgs,
    /// Upgrade check: also list what changes meaning or verdict when the cluster moves from the
    /// target version to this release (e.g. `--target-version 3.1.7 --upgrade-to 3.1.9`).
    #[arg(long, value_name = "VERSION", value_parser = super::parse_target_version)]
    pub upgrade_to: Option<crate::version::TargetVersion>,
    /// Rule selection.
    #[command(flatten)]
    pub selection: SelectionArgs,
    /// Exit with status 0 even when there are findings (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print the number of findings per rule (count, code, name, summary) instead of the
    /// findings (`--output-format json` for JSON).
    #[arg(long)]
    pub statistics: bool,
    /// Print the resolved settings for the first path (or the current directory): the
    /// configuration file, profile, fail-on level, output format and enabled rules; then
    /// exit 0 without linting.
    #[arg(long)]
    pub show_settings: bool,
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
    /// On a cluster node: also compare each file with what the local corosync runs
    /// (the `live-*` rules of `corolint status`).
    #[arg(long)]
    pub live: bool,
    /// With `--live`: read a recorded state (from `status --save-state`) instead of the local corosync.
    #[arg(long, value_name = "FILE", requires = "live")]
    pub live_state: Option<PathBuf>,
    /// Apply the safe fixes, write the files, and report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With `--fix`, `--fix-only` or `--diff`: apply the unsafe fixes too
    /// (they change what corosync does: review the result).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Apply the fixes but report nothing else (exit 0 unless an error stops it).
    #[arg(long)]
    pub fix_only: bool,
    /// Write nothing: print the fixes as a unified diff and exit 1 if any
    /// file would change (implies `--fix-only`).
    #[arg(long)]
    pub diff: bool,
}

/// What `check` does with fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FixMode {
    /// Report only.
    Off,
    /// Apply and write, then report what is left.
    Apply,
    /// Apply and write, report nothing else.
    Only,
    /// Print the diff, write nothing.
    Diff,
}

impl CheckArgs {
    fn fix_mode(&self) -> FixMode {
        if self.diff {
            FixMode::Diff
        } else if self.fix_only {
            FixMode::Only
        } else if self.fix {
            FixMode::Apply
        } else {
            FixMode::Off
        }
    }
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
    target: crate::version::TargetVersion,
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
                crate::stderr_line!("corolint: error: {e}");
            }
            loaded
        });
        entry.as_ref().ok().cloned()
    }
}

/// The upgrade check of one file: the file read as `later` too, compared
/// with how the target reads it (findings of `upgrade-changes-meaning`).
fn upgrade_findings(
    analysis: &Analysis,
    report: &FileReport,
    later: crate::version::TargetVersion,
    config: &Config,
    profile: Profile,
) -> Vec<crate::diagnostic::Diagnostic> {
    let rule = &crate::rules::changes::UPGRADE_CHANGES_MEANING;
    if analysis.target == later || !config.is_enabled(rule) {
        return Vec::new();
    }
    let after = Analysis::for_target(analysis.source.clone(), later);
    let after_report = lint::lint_configured(&after, config, profile);
    let before = crate::changes::upgrade::Side { analysis, report };
    let mut found = crate::changes::upgrade::compare(
        before,
        crate::changes::upgrade::Side { analysis: &after, report: &after_report },
        rule,
    );
    if let Some(forced) = config.severity_override(rule) {
        for d in &mut found {
            d.severity = forced;
        }
    }
    found
}

/// Runs `--show-settings`: resolves the settings for the first path (or the
/// current directory) and prints them.
fn show_settings(args: &CheckArgs, overrides: &Overrides, format: OutputFormat) -> CliResult {
    let (shown, anchor) = match args.paths.first() {
        Some(path) if path.as_os_str() == "-" => {
            let name = args.stdin_filename.clone().unwrap_or_else(|| "-".to_string());
            (name.clone(), PathBuf::from(name))
        }
        Some(path) => (path.display().to_string(), path.clone()),
        None => (".".to_string(), PathBuf::from(".")),
    };
    let mut configs = ConfigCache::default();
    let Some(config) = configs.get(&anchor, overrides) else {
        return Ok(ExitStatus::Error);
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let target = config.target(args.target.target_version);
    Settings::resolve(&shown, &anchor, &config, format, target).write(&mut out)?;
    out.flush()?;
    Ok(ExitStatus::Success)
}

/// One file checked (and fixed).
struct Checked {
    /// What is left to report.
    report: FileReport,
    /// The severity that fails the run for this file.
    fail_on: Severity,
    /// With a fix mode: the original bytes and what the fixes did.
    fixed: Option<(Arc<[u8]>, FixOutcome)>,
    /// The file on disk (`None`: standard input).
    path: Option<PathBuf>,
}

/// Lints one text of a job's file: the single-file rules under its
/// configuration, then the cross-file checks (`--git-base`, `--local-copy`,
/// `--live`).
fn lint_file(
    analysis: &Analysis,
    job: &Job,
    path: Option<&Path>,
    args: &CheckArgs,
    live: Option<&crate::live::LiveState>,
) -> Result<FileReport, InputError> {
    let (profile, _) = job.config.profile_with_reason(&job.anchor, &analysis.source.bytes, &analysis.cmap);
    let mut report = lint::lint_configured(analysis, &job.config, profile);
    if let Some(later) = args.upgrade_to {
        let found = upgrade_findings(analysis, &report, later, &job.config, profile);
        report.diagnostics.extend(found);
        report.sort();
    }
    let host_checks = !args.no_host_checks && (args.host_checks || path.is_some_and(crate::host::is_node_config));
    if host_checks {
        lint::add_host_checks(&mut report, analysis, &job.config);
    }
    // Cross-file checks (--git-base, --local-copy, /etc/pve): the same
    // rule selection and severity overrides apply to them.
    if let Some(path) = path {
        let mut extra =
            crate::changes::check_extra(path, analysis, args.git_base.as_deref(), args.local_copy.as_deref())?;
        // `--live`: what the local corosync runs, compared with this file.
        if let Some(state) = live {
            extra.extend(crate::live::analyse(analysis, state, &crate::live::Options::default()));
        }
        lint::add_configured(&mut report, &job.config, extra);
    }
    Ok(report)
}

/// Where fixed bytes go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target<'a> {
    /// Back to the file (atomically).
    File(&'a Path),
    /// To standard output (the input was standard input).
    Stdout,
}

/// What [`finish_fix`] did with a file.
enum Finished {
    Unchanged,
    Changed,
    Failed,
}

/// Reports refused fixes, then writes the fixed file, prints its diff, or
/// (stdin) prints the fixed text.
fn finish_fix(
    original: &[u8],
    outcome: &FixOutcome,
    mode: FixMode,
    target: Target<'_>,
    out: &mut impl Write,
) -> std::io::Result<Finished> {
    let name = &outcome.analysis.source.name;
    for r in &outcome.refused {
        crate::stderr_line!(
            "corolint: warning: {name}:{}: fix of `{}` not applied ({}): {}",
            r.line,
            r.rule,
            r.message,
            r.reason
        );
    }
    if !outcome.converged {
        crate::stderr_line!(
            "corolint: warning: {name}: fixes still left after {} passes; run again",
            crate::autofix::engine::MAX_PASSES
        );
    }
    let fixed: &[u8] = &outcome.analysis.source.bytes;
    let changed = fixed != original;
    if mode == FixMode::Diff {
        if changed {
            out.write_all(&crate::format::diff::unified(original, fixed, &format!("a/{name}"), &format!("b/{name}")))?;
            crate::stderr_line!("would fix: {name} ({})", fixes_word(outcome.applied.len()));
        }
        return Ok(if changed { Finished::Changed } else { Finished::Unchanged });
    }
    match target {
        Target::Stdout => out.write_all(fixed)?,
        Target::File(path) if changed => {
            // The same guarantees as `fmt`: refuses unwritable or special files, keeps hard links,
            // owner and attributes, and writes nothing if the file changed since it was read.
            if let Err(e) = crate::format::write_verified(path, original, fixed) {
                crate::stderr_line!("corolint: error: {name}: {e}");
                return Ok(Finished::Failed);
            }
            crate::stderr_line!("fixed: {name} ({})", fixes_word(outcome.applied.len()));
        }
        Target::File(_) => {}
    }
    Ok(if changed { Finished::Changed } else { Finished::Unchanged })
}

fn fixes_word(n: usize) -> String {
    if n == 1 { "1 fix".into() } else { format!("{n} fixes") }
}

/// Runs `corolint check`.
pub fn run(args: CheckArgs, global: &GlobalArgs) -> CliResult {
    let format = args.output_format.unwrap_or(OutputFormat::Full);
    let selection = match args.selection.parse() {
        Ok(selection) => selection,
        Err(e) => {
            crate::stderr_line!("corolint: error: {e}");
            return Ok(ExitStatus::Error);
        }
    };
    let fail_on = args.fail_on.as_deref().and_then(Severity::parse);
    let overrides = Overrides { selection, ..args.config.overrides(args.profile, fail_on) };
    if args.show_settings {
        return show_settings(&args, &overrides, format);
    }
    if args.statistics && !matches!(format, OutputFormat::Full | OutputFormat::Concise | OutputFormat::Json) {
        crate::stderr_line!("corolint: error: --statistics works with --output-format full, concise or json");
        return Ok(ExitStatus::Error);
    }
    if args.paths.is_empty() {
        crate::stderr_line!(
            "corolint: error: no input files (give FILE..., a directory, or - for stdin); see `corolint --help`"
        );
        return Ok(ExitStatus::Error);
    }
    if let Some(status) = super::stdin_more_than_once(args.paths.iter().map(PathBuf::as_path)) {
        return Ok(status);
    }
    let resolved = match files::resolve_each(&args.paths, args.stdin_filename.as_deref(), &args.include) {
        Ok(resolved) => resolved,
        Err(e) => {
            crate::stderr_line!("corolint: error: {e}");
            return Ok(ExitStatus::Error);
        }
    };
    if resolved.is_empty() {
        crate::stderr_line!(
            "corolint: warning: no corosync.conf files found (use --include GLOB to lint other file names)"
        );
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
            Some(config) => {
                let target = config.target(args.target.target_version).version;
                jobs.push(Ok(Job { input, config, anchor, target }));
            }
            None => config_failed = true,
        }
    }
    if config_failed {
        return Ok(ExitStatus::Error);
    }
    let live_state = if args.live {
        match super::status::read_state(args.live_state.as_deref()) {
            Ok(state) => Some(state),
            Err(e) => {
                eprintln!("corolint: error: --live: {e}");
                return Ok(ExitStatus::Error);
            }
        }
    } else {
        None
    };
    let mode = args.fix_mode();
    let check_one = |job: Result<Job, InputError>| -> Result<Checked, InputError> {
        let job = job?;
        let source = files::read(&job.input)?;
        let path = match &job.input {
            Input::File(path) => Some(path.as_path()),
            Input::Stdin(_) => None,
        };
        let lint_all = |analysis: &Analysis| lint_file(analysis, &job, path, &args, live_state.as_ref());
        if mode == FixMode::Off {
            let analysis = Analysis::for_target(source, job.target);
            let report = lint_all(&analysis)?;
            return Ok(Checked {
                report,
                fail_on: job.config.fail_on(),
                fixed: None,
                path: path.map(Path::to_path_buf),
            });
        }
        // Cross-file errors (an unknown --git-base revision) stop the file before any fix.
        let analysis = Analysis::for_target(source, job.target);
        lint_all(&analysis)?;
        let original = analysis.source.bytes.clone();
        let config = &job.config;
        let outcome = crate::autofix::engine::fix_file(
            analysis,
            |a| lint_all(a).map(|r| r.diagnostics).unwrap_or_default(),
            |d, f| {
                crate::rules::find(d.rule).is_some_and(|e| config.is_fixable(e.rule))
                    && (f.applicability == Applicability::Safe || args.unsafe_fixes)
            },
        );
        let report = lint_all(&outcome.analysis)?;
        Ok(Checked {
            report,
            fail_on: job.config.fail_on(),
            fixed: Some((original, outcome)),
            path: path.map(Path::to_path_buf),
        })
    };
    // One file needs no thread pool: starting rayon's workers costs more than checking a small file.
    let results: Vec<Result<Checked, InputError>> = if jobs.len() > 1 {
        jobs.into_par_iter().map(check_one).collect()
    } else {
        jobs.into_iter().map(check_one).collect()
    };
    let mut reports = Vec::with_capacity(results.len());
    let mut failed = false;
    let mut io_error = false;
    let mut would_change = false;
    let mut stdin_fixed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for result in results {
        match result {
            Ok(Checked { report, fail_on, fixed, path }) => {
                if let Some((original, outcome)) = fixed {
                    stdin_fixed |= path.is_none() && mode == FixMode::Apply;
                    let target = path.as_deref().map_or(Target::Stdout, Target::File);
                    match finish_fix(&original, &outcome, mode, target, &mut out)? {
                        Finished::Unchanged => {}
                        Finished::Changed => would_change = true,
                        Finished::Failed => io_error = true,
                    }
                }
                failed |= report.diagnostics.iter().any(|d| d.severity >= fail_on);
                reports.push(report);
            }
            Err(e) => {
                crate::stderr_line!("corolint: error: {e}");
                io_error = true;
            }
        }
    }
    if matches!(mode, FixMode::Only | FixMode::Diff) {
        out.flush()?;
        return Ok(if io_error {
            ExitStatus::Error
        } else if mode == FixMode::Diff && would_change {
            ExitStatus::Failure
        } else {
            ExitStatus::Success
        });
    }
    let render_reports = |out: &mut dyn Write, color: bool| -> std::io::Result<()> {
        // No "All checks passed" when nothing could be checked.
        let opts = RenderOptions { color, summary: !global.quiet && !reports.is_empty() };
        match (args.statistics, format) {
            (true, OutputFormat::Json) => render::statistics::render_json(&reports, out),
            (true, _) => render::statistics::render_text(&reports, out),
            (false, _) => render::render(&reports, format, opts, out),
        }
    };
    if stdin_fixed {
        // The fixed text went to stdout; the diagnostics go to stderr.
        out.flush()?;
        render_reports(&mut std::io::stderr().lock(), false)?;
    } else {
        render_reports(&mut out, global.use_color())?;
    }
    out.flush()?;
    Ok(if io_error {
        ExitStatus::Error
    } else if failed && !args.exit_zero {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
