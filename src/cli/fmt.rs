//! `corolint fmt`: rewrite files in the canonical layout, or check/diff them.

use std::io::Write;
use std::path::PathBuf;

use super::{CliResult, ExitStatus, GlobalArgs};
use crate::files::{self, Input};
use crate::format::{self, FormatError, Style, Written};
use crate::lint::Analysis;

/// Arguments of `corolint fmt`.
#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Files or directories to format (`-` reads standard input and writes
    /// the result to standard output). Directories are searched for files
    /// named `corosync.conf`.
    pub paths: Vec<PathBuf>,
    /// Write nothing; exit 1 and list each file that would change.
    #[arg(long)]
    pub check: bool,
    /// Write nothing; print a unified diff of the changes and exit 1 if any.
    #[arg(long)]
    pub diff: bool,
    /// Layout: `pve` (Proxmox VE's write_conf order) or `keep-order`
    /// [default: `[format] style` from corolint.toml, else pve].
    #[arg(long, value_enum)]
    pub style: Option<Style>,
    /// Configuration file options.
    #[command(flatten)]
    pub config: super::check::ConfigArgs,
    /// Name to show for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Also format files in directories whose name or relative path matches this glob.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
}

/// What happened to one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Unchanged,
    Changed,
    Failed,
}

/// Runs `corolint fmt`.
pub fn run(args: FmtArgs, global: &GlobalArgs) -> CliResult {
    if args.paths.is_empty() {
        crate::stderr_line!(
            "corolint: error: no input files (give FILE..., a directory, or - for stdin); see `corolint fmt --help`"
        );
        return Ok(ExitStatus::Error);
    }
    if let Some(status) = super::stdin_more_than_once(args.paths.iter().map(PathBuf::as_path)) {
        return Ok(status);
    }
    // Every path on its own: a missing file or a dangling symlink in a
    // directory is reported and counted, and the others are still formatted.
    let inputs = match files::resolve_each(&args.paths, args.stdin_filename.as_deref(), &args.include) {
        Ok(i) => i,
        Err(e) => {
            crate::stderr_line!("corolint: error: {e}");
            return Ok(ExitStatus::Error);
        }
    };
    let only_stdin = matches!(inputs.as_slice(), [Ok(Input::Stdin(_))]);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut counts = [0usize; 3];
    for input in &inputs {
        let input = match input {
            Ok(input) => input,
            Err(e) => {
                crate::stderr_line!("corolint: error: {e}");
                counts[Outcome::Failed as usize] += 1;
                continue;
            }
        };
        let outcome = match style_for(input, &args) {
            Ok(style) => one(input, &args, style, &mut out)?,
            Err(e) => {
                crate::stderr_line!("corolint: error: {e}");
                Outcome::Failed
            }
        };
        counts[outcome as usize] += 1;
    }
    out.flush()?;
    let [unchanged, changed, failed] = counts;
    if !global.quiet && !only_stdin {
        let verb = if args.check || args.diff { "would be reformatted" } else { "reformatted" };
        let mut summary = format!("{} {verb}, {} already formatted", files_word(changed), files_word(unchanged));
        if failed > 0 {
            summary.push_str(&format!(", {} not formatted because of errors", files_word(failed)));
        }
        crate::stderr_line!("{summary}");
    }
    Ok(if failed > 0 {
        ExitStatus::Error
    } else if changed > 0 && (args.check || args.diff) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// `--style`, else `[format] style` of the configuration that applies to the
/// file (found like `check` finds it), else `pve`.
fn style_for(input: &Input, args: &FmtArgs) -> Result<Style, String> {
    if let Some(style) = args.style {
        return Ok(style);
    }
    let path = match input {
        Input::File(p) => p.clone(),
        Input::Stdin(name) => std::path::PathBuf::from(name),
    };
    let config = crate::config::load_for(&path, &args.config.overrides(None, None)).map_err(|e| e.to_string())?;
    match config.format.style.as_deref() {
        None => Ok(Style::default()),
        Some(name) => <Style as clap::ValueEnum>::from_str(name, false).map_err(|_| {
            format!("invalid `[format] style = \"{name}\"` in the configuration: expected `pve` or `keep-order`")
        }),
    }
}

fn files_word(n: usize) -> String {
    if n == 1 { "1 file".into() } else { format!("{n} files") }
}

fn one(input: &Input, args: &FmtArgs, style: Style, out: &mut impl Write) -> Result<Outcome, std::io::Error> {
    let source = match files::read(input) {
        Ok(s) => s,
        Err(e) => {
            crate::stderr_line!("corolint: error: {e}");
            return Ok(Outcome::Failed);
        }
    };
    let name = source.name.clone();
    let analysis = Analysis::new(source);
    let formatted = match format::format_detailed(&analysis, style) {
        Ok(f) => f,
        Err(e @ FormatError::Invalid { .. }) => {
            crate::stderr_line!("corolint: error: {name}:{e}");
            return Ok(Outcome::Failed);
        }
        Err(e) => {
            crate::stderr_line!("corolint: error: {name}: {e}");
            return Ok(Outcome::Failed);
        }
    };
    for kept in &formatted.kept_order {
        crate::stderr_line!("corolint: note: {name}: {kept}");
    }
    let original: &[u8] = &analysis.source.bytes;
    let changed = formatted.bytes != original;
    if args.diff {
        if changed {
            out.write_all(&format::diff::unified(
                original,
                &formatted.bytes,
                &format!("a/{name}"),
                &format!("b/{name}"),
            ))?;
        }
    } else if args.check {
        if changed {
            writeln!(out, "would reformat: {name}")?;
        }
    } else {
        match input {
            Input::Stdin(_) => out.write_all(&formatted.bytes)?,
            Input::File(path) => match format::write_verified(path, original, &formatted.bytes) {
                Ok(Written::Unchanged) => {}
                Ok(Written::Replaced) => crate::stderr_line!("reformatted: {name}"),
                Ok(Written::InPlace { links }) => {
                    if links > 1 {
                        crate::stderr_line!("reformatted: {name} (in place: the file has {links} hard links)");
                    } else {
                        crate::stderr_line!("reformatted: {name} (in place, to keep its owner and attributes)");
                    }
                }
                Err(e) => {
                    crate::stderr_line!("corolint: error: {name}: {e}");
                    return Ok(Outcome::Failed);
                }
            },
        }
    }
    Ok(if changed { Outcome::Changed } else { Outcome::Unchanged })
}
