//! SARIF 2.1.0 output.

use std::io::{self, Write};

use crate::diagnostic::{FileReport, Severity};

/// Builds the SARIF log for `reports`.
pub fn to_value(reports: &[FileReport]) -> serde_json::Value {
    let rules: Vec<_> = crate::rules::all()
        .iter()
        .map(|e| {
            serde_json::json!({
                "id": e.rule.name,
                "name": e.rule.name,
                "shortDescription": { "text": e.rule.summary },
                "fullDescription": { "text": e.doc },
                "defaultConfiguration": { "level": level(e.rule.severity) },
                "properties": { "code": e.rule.code, "category": e.rule.category.as_str() }
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        for d in &r.diagnostics {
            let start = r.source.line_col(d.primary.span.start);
            let end = r.source.line_col(d.primary.span.end);
            results.push(serde_json::json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": r.source.name.trim_start_matches("./") },
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column
                        }
                    }
                }]
            }));
        }
    }
    serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "corolint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/corolint/corolint",
                "rules": rules
            }},
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    })
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Writes the SARIF document.
pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_value(reports))?;
    writeln!(out)
}
