//! `corolint diff OLD NEW`: semantic diff of two versions of one config, each
//! change classified by what `corosync-cfgtool -R` does with it, and the
//! version-bump and reload rules on the new file.

use std::io::Write;
use std::path::PathBuf;

use super::{CliResult, ExitStatus, GlobalArgs};
use crate::changes::diff::{self, Change, Diff, DiffRules};
use crate::diagnostic::{FileReport, Severity};
use crate::files::{self, Input};
use crate::lint::{self, Analysis};
use crate::render::{self, OutputFormat, RenderOptions};

/// Arguments of `corolint diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The old version (`-` reads standard input).
    pub old: PathBuf,
    /// The new version (`-` reads standard input).
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, env = "COROLINT_OUTPUT_FORMAT")]
    pub output_format: Option<OutputFormat>,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_name = "LEVEL", default_value = "warning", value_parser = ["error", "warning", "info"])]
    pub fail_on: String,
    /// Also print a unified diff of the two cmap views (human format only).
    #[arg(long)]
    pub unified: bool,
}

fn input(path: &std::path::Path) -> Input {
    if path.as_os_str() == "-" { Input::Stdin("-".into()) } else { Input::File(path.to_path_buf()) }
}

/// Runs `corolint diff`.
pub fn run(args: DiffArgs, global: &GlobalArgs) -> CliResult {
    if let Some(status) = super::stdin_more_than_once([args.old.as_path(), args.new.as_path()]) {
        return Ok(status);
    }
    let read = |p: &PathBuf| files::read(&input(p)).map(Analysis::new);
    let (old, new) = match (read(&args.old), read(&args.new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            crate::stderr_line!("corolint: error: {e}");
            return Ok(ExitStatus::Error);
        }
    };
    let d = diff::compare(&old.cmap, &new.cmap);
    let reports = reports(&old, &new, &d);
    let format = args.output_format.unwrap_or(OutputFormat::Full);
    let opts = RenderOptions { color: global.use_color(), summary: !global.quiet };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        OutputFormat::Json => render::json::render_with(&reports, "diff", json(&old, &new, &d), &mut out)?,
        OutputFormat::Full => {
            write_table(&mut out, &old, &new, &d)?;
            if args.unified {
                write_unified(&mut out, &old, &new)?;
            }
            render::render(&reports, format, opts, &mut out)?;
        }
        _ => render::render(&reports, format, opts, &mut out)?,
    }
    out.flush()?;
    Ok(super::exit_for(&reports, Severity::parse(&args.fail_on).unwrap_or(Severity::Warning)))
}

/// The reports of a diff: the old file's syntax errors, the new file's syntax
/// errors and every comparison finding (attached to the new file).
pub fn reports(old: &Analysis, new: &Analysis, d: &Diff) -> Vec<FileReport> {
    let errors = |a: &Analysis| a.errors().into_iter().map(lint::error_diagnostic).collect::<Vec<_>>();
    let mut old_report = FileReport { source: old.source.clone(), diagnostics: errors(old) };
    let mut new_report = FileReport { source: new.source.clone(), diagnostics: errors(new) };
    new_report.diagnostics.extend(diff::diagnostics(
        d,
        &new.cmap,
        &new.source,
        &format!("`{}`", old.source.name),
        DiffRules { reload: true },
    ));
    old_report.sort();
    new_report.sort();
    vec![old_report, new_report]
}

fn json(old: &Analysis, new: &Analysis, d: &Diff) -> serde_json::Value {
    let changes: Vec<serde_json::Value> = d
        .changes
        .iter()
        .map(|c| {
            serde_json::json!({
                "key": c.key,
                "kind": c.kind(),
                "old": c.old.as_ref().map(|s| s.value.to_string()),
                "new": c.new.as_ref().map(|s| s.value.to_string()),
                "old_key": c.old.as_ref().map(|s| s.key.as_str()),
                "new_key": c.new.as_ref().map(|s| s.key.as_str()),
                "effect": c.effect,
                "reason": if c.reason.is_empty() { None } else { Some(c.reason.as_str()) },
            })
        })
        .collect();
    serde_json::json!({
        "old": { "file": old.source.name, "config_version": d.old_version.value },
        "new": { "file": new.source.name, "config_version": d.new_version.value },
        "changes": changes,
    })
}

fn cell(side: Option<&diff::Side>) -> String {
    side.map_or_else(|| "(unset)".to_string(), |s| s.value.to_string())
}

/// Writes the table of changes (or a one-line "no change").
pub fn write_table(out: &mut dyn Write, old: &Analysis, new: &Analysis, d: &Diff) -> std::io::Result<()> {
    let (o, n) = (&old.source.name, &new.source.name);
    let versions = format!("config_version {} → {}", d.old_version.value, d.new_version.value);
    if d.changes.is_empty() {
        let text = if old.source.bytes == new.source.bytes {
            "identical files"
        } else {
            "only formatting, comments or order differ"
        };
        return writeln!(out, "{o} → {n}: no semantic change ({text}).\n");
    }
    let count = |e: crate::changes::reload::Effect| d.changes.iter().filter(|c| c.effect == e).count();
    use crate::changes::reload::Effect;
    writeln!(
        out,
        "{o} → {n}: {} change{} ({} live, {} restart, {} reload fails); {versions}\n",
        d.changes.len(),
        if d.changes.len() == 1 { "" } else { "s" },
        count(Effect::Live),
        count(Effect::Restart),
        count(Effect::ReloadFails),
    )?;
    let rows: Vec<[String; 4]> = d
        .changes
        .iter()
        .map(|c: &Change| [c.key.clone(), cell(c.old.as_ref()), cell(c.new.as_ref()), c.effect.as_str().to_string()])
        .collect();
    let header = ["key".to_string(), "old".to_string(), "new".to_string(), "on reload".to_string()];
    let width = |i: usize| {
        rows.iter()
            .chain(std::iter::once(&header))
            .map(|r| r.get(i).map_or(0, |s| s.chars().count()))
            .max()
            .unwrap_or(0)
            .min(48)
    };
    let widths = [width(0), width(1), width(2)];
    for row in std::iter::once(&header).chain(&rows) {
        writeln!(
            out,
            "  {:w0$}  {:w1$}  {:w2$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        )?;
    }
    writeln!(out)
}

/// Writes a unified diff of the two cmap views, node keys in the new file's numbering.
pub fn write_unified(out: &mut dyn Write, old: &Analysis, new: &Analysis) -> std::io::Result<()> {
    let (old_text, new_text) = diff::aligned_dumps(&old.cmap, &new.cmap);
    let text = similar::TextDiff::from_lines(&old_text, &new_text);
    write!(out, "{}", text.unified_diff().context_radius(2).header(&old.source.name, &new.source.name))?;
    writeln!(out)
}
