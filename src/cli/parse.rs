//! `corolint parse`: the syntax tree or the cmap view as JSON.

use std::io::Write;
use std::path::PathBuf;

use serde_json::json;

use super::{CliResult, ExitStatus, GlobalArgs};
use crate::files::{self, Input};
use crate::lint::Analysis;
use crate::source::display_bytes;

/// Arguments of `corolint parse`.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// The file (`-` for standard input).
    pub path: PathBuf,
    /// Print JSON (the default; kept for explicitness).
    #[arg(long)]
    pub json: bool,
    /// Print the cmap view (what corosync stores) instead of the syntax tree.
    #[arg(long)]
    pub cmap: bool,
}

/// Runs `corolint parse`.
pub fn run(args: ParseArgs, _global: &GlobalArgs) -> CliResult {
    let input = if args.path.as_os_str() == "-" { Input::Stdin("-".into()) } else { Input::File(args.path.clone()) };
    let source = match files::read(&input) {
        Ok(s) => s,
        Err(e) => {
            crate::stderr_line!("corolint: error: {e}");
            return Ok(ExitStatus::Error);
        }
    };
    let analysis = Analysis::new(source);
    let errors: Vec<_> = analysis
        .errors()
        .into_iter()
        .map(|e| {
            let pos = analysis.source.line_col(e.span.start_usize());
            json!({
                "name": e.kind.name(),
                "code": e.kind.code(),
                "line": pos.line,
                "column": pos.column,
                "message": e.message,
                "help": e.help,
            })
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if !args.cmap {
        // The tree is serialised straight to stdout: building it as a
        // `serde_json::Value` first took kilobytes per line.
        #[derive(serde::Serialize)]
        struct TreeOutput<'a> {
            file: &'a str,
            tree: &'a crate::syntax::SyntaxTree,
            errors: &'a [serde_json::Value],
        }
        let body = TreeOutput { file: &analysis.source.name, tree: &analysis.parsed.tree, errors: &errors };
        serde_json::to_writer_pretty(&mut out, &body)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(if analysis.is_valid() { ExitStatus::Success } else { ExitStatus::Failure });
    }
    let body = {
        let entries: serde_json::Map<String, serde_json::Value> = analysis
            .cmap
            .iter()
            .map(|(k, e)| {
                let lines: Vec<usize> =
                    e.spans.iter().map(|s| analysis.source.line_col(s.start_usize()).line).collect();
                let value = match e.value {
                    crate::cmap::Value::Str(s) => json!(display_bytes(s)),
                    v => json!(v.as_u64().map(serde_json::Value::from).unwrap_or_else(|| json!(v.to_string()))),
                };
                (k.to_string(), json!({ "type": e.value.type_name(), "value": value, "lines": lines }))
            })
            .collect();
        json!({ "file": analysis.source.name, "cmap": entries, "errors": errors })
    };
    serde_json::to_writer_pretty(&mut out, &body)?;
    writeln!(out)?;
    out.flush()?;
    Ok(if analysis.is_valid() { ExitStatus::Success } else { ExitStatus::Failure })
}
