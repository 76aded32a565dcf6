//! `corolint drift FILE FILE...` (or directories of collected copies): are the
//! copies from every node the same cluster config?

use std::io::Write;
use std::path::PathBuf;

use rayon::prelude::*;

use super::{CliResult, ExitStatus, GlobalArgs};
use crate::changes::drift::{self, Drift};
use crate::diagnostic::Severity;
use crate::files::{self, InputError};
use crate::render::{self, OutputFormat, RenderOptions};
use crate::source::SourceFile;

/// Arguments of `corolint drift`.
#[derive(Debug, clap::Args)]
pub struct DriftArgs {
    /// The copies: files, or directories searched for `corosync.conf` and `*.conf`
    /// (e.g. `nodes/` holding `nodes/pve1/corosync.conf`, `nodes/pve2/corosync.conf`).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, env = "COROLINT_OUTPUT_FORMAT")]
    pub output_format: Option<OutputFormat>,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_name = "LEVEL", default_value = "warning", value_parser = ["error", "warning", "info"])]
    pub fail_on: String,
    /// Files in directories to compare, besides `corosync.conf` and `*.conf` (glob on the name or relative path).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
}

/// Runs `corolint drift`.
pub fn run(args: DriftArgs, global: &GlobalArgs) -> CliResult {
    if args.paths.is_empty() {
        crate::stderr_line!(
            "corolint: error: no input files (give the copies as FILE... or a directory); see `corolint drift --help`"
        );
        return Ok(ExitStatus::Error);
    }
    if let Some(status) = super::stdin_more_than_once(args.paths.iter().map(PathBuf::as_path)) {
        return Ok(status);
    }
    let mut include = args.include.clone();
    include.push("*.conf".into());
    let inputs = match files::resolve(&args.paths, None, &include) {
        Ok(i) => i,
        Err(e) => {
            crate::stderr_line!("corolint: error: {e}");
            return Ok(ExitStatus::Error);
        }
    };
    if inputs.len() < 2 {
        crate::stderr_line!("corolint: error: drift needs at least two copies, found {}", inputs.len());
        return Ok(ExitStatus::Error);
    }
    let read: Result<Vec<SourceFile>, InputError> = inputs.par_iter().map(files::read).collect();
    let sources = match read {
        Ok(s) => s,
        Err(e) => {
            crate::stderr_line!("corolint: error: {e}");
            return Ok(ExitStatus::Error);
        }
    };
    let d = drift::analyze(sources);
    let format = args.output_format.unwrap_or(OutputFormat::Full);
    let opts = RenderOptions { color: global.use_color(), summary: !global.quiet };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        OutputFormat::Json => render::json::render_with(&d.reports, "drift", json(&d), &mut out)?,
        OutputFormat::Full => {
            write_overview(&mut out, &d)?;
            render::render(&d.reports, format, opts, &mut out)?;
        }
        _ => render::render(&d.reports, format, opts, &mut out)?,
    }
    out.flush()?;
    Ok(super::exit_for(&d.reports, Severity::parse(&args.fail_on).unwrap_or(Severity::Warning)))
}

/// A short name for group `i`: `A`..`Z`, then `G27`, `G28`…
pub fn group_name(i: usize) -> String {
    match u8::try_from(i).ok().filter(|&i| i < 26) {
        Some(i) => char::from(b'A' + i).to_string(),
        None => format!("G{}", i + 1),
    }
}

fn json(d: &Drift) -> serde_json::Value {
    let name = |i: usize| d.files.get(i).map_or("", |f| f.analysis.source.name.as_str());
    let files: Vec<_> = d
        .files
        .iter()
        .map(|f| {
            serde_json::json!({
                "file": f.analysis.source.name,
                "config_version": f.version.value,
                "group": group_name(f.group),
                "stale": f.stale,
            })
        })
        .collect();
    let groups: Vec<_> = d
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            serde_json::json!({
                "group": group_name(i),
                "config_version": g.version,
                "reference": i == d.reference,
                "files": g.files.iter().map(|&f| name(f)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let keys: Vec<_> = d
        .keys
        .iter()
        .map(|row| {
            let mut values = serde_json::Map::new();
            for f in &d.files {
                let v = row.values.get(f.group).cloned().flatten();
                values.insert(
                    f.analysis.source.name.clone(),
                    v.map_or(serde_json::Value::Null, serde_json::Value::String),
                );
            }
            serde_json::json!({ "key": row.key, "values": values })
        })
        .collect();
    serde_json::json!({
        "newest_config_version": d.newest,
        "files": files,
        "groups": groups,
        "differences": keys,
    })
}

fn file_list(d: &Drift, files: &[usize]) -> String {
    let names: Vec<&str> =
        files.iter().take(4).filter_map(|&i| d.files.get(i)).map(|f| f.analysis.source.name.as_str()).collect();
    let more = files.len().saturating_sub(4);
    if more > 0 { format!("{} and {more} more", names.join(", ")) } else { names.join(", ") }
}

/// Writes the groups and the matrix of differing keys (human format).
pub fn write_overview(out: &mut dyn Write, d: &Drift) -> std::io::Result<()> {
    let n = d.files.len();
    if d.groups.len() == 1 {
        writeln!(out, "All {n} copies have the same meaning (config_version {}).\n", d.newest)?;
        return Ok(());
    }
    writeln!(out, "{n} copies, {} different meanings, newest config_version {}:\n", d.groups.len(), d.newest)?;
    for (i, g) in d.groups.iter().enumerate() {
        let status = if g.version < d.newest {
            "stale"
        } else if i == d.reference {
            "reference"
        } else {
            "drifted"
        };
        writeln!(
            out,
            "  {}  config_version {:<4} {:<9}  {}",
            group_name(i),
            g.version,
            status,
            file_list(d, &g.files)
        )?;
    }
    writeln!(out)?;
    let columns = d.groups.len();
    let key_width = d.keys.iter().map(|k| k.key.chars().count()).max().unwrap_or(3).max(3);
    if columns <= 6 {
        let width = |i: usize| {
            d.keys
                .iter()
                .filter_map(|k| k.values.get(i))
                .map(|v| cell(v).chars().count())
                .max()
                .unwrap_or(1)
                .clamp(1, 32)
        };
        // Each column's width once (it was computed again for every row).
        let widths: Vec<usize> = (0..columns).map(width).collect();
        let width_of = |i: usize| widths.get(i).copied().unwrap_or(1);
        let mut header = format!("  {:key_width$}", "key");
        for i in 0..columns {
            header.push_str(&format!("  {:w$}", group_name(i), w = width_of(i)));
        }
        writeln!(out, "{}", header.trim_end())?;
        for row in &d.keys {
            let mut line = format!("  {:key_width$}", row.key);
            for (i, v) in row.values.iter().enumerate() {
                line.push_str(&format!("  {:w$}", cell(v), w = width_of(i)));
            }
            writeln!(out, "{}", line.trim_end())?;
        }
    } else {
        // Many groups: per key, each distinct value with the groups that have it.
        for row in &d.keys {
            writeln!(out, "  {}", row.key)?;
            let mut by_value: Vec<(String, Vec<String>)> = Vec::new();
            let mut slot: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
            for (i, v) in row.values.iter().enumerate() {
                let value = cell(v);
                match slot.get(&value).and_then(|&k| by_value.get_mut(k)) {
                    Some((_, groups)) => groups.push(group_name(i)),
                    None => {
                        slot.insert(value.clone(), by_value.len());
                        by_value.push((value, vec![group_name(i)]));
                    }
                }
            }
            for (value, groups) in by_value {
                let shown = if groups.len() > 8 {
                    format!("{} and {} more groups", groups[..8].join(", "), groups.len() - 8)
                } else {
                    groups.join(", ")
                };
                writeln!(out, "    {value}: {shown}")?;
            }
        }
    }
    writeln!(out)
}

fn cell(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "(unset)".into())
}
