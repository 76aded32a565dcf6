//! `--statistics`: the number of findings per rule instead of the findings,
//! in ruff's layout (`count<TAB>code<TAB>name<TAB>summary`), or as JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::FileReport;

/// How many findings one rule has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    /// Short code.
    pub code: &'static str,
    /// Kebab-case rule name.
    pub name: &'static str,
    /// Number of findings over all files.
    pub count: usize,
    /// The rule's one-line summary.
    pub summary: &'static str,
}

/// The count per rule, most frequent first, then by code.
pub fn count(reports: &[FileReport]) -> Vec<RuleCount> {
    let mut counts: Vec<RuleCount> = Vec::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        match counts.iter_mut().find(|c| c.name == d.rule) {
            Some(c) => c.count += 1,
            None => {
                let summary = crate::rules::find(d.rule).map_or("", |e| e.rule.summary);
                counts.push(RuleCount { code: d.code, name: d.rule, count: 1, summary });
            }
        }
    }
    counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    counts
}

/// Text: one line per rule, the count right-aligned, code and name padded to
/// their widest, separated by tabs (as ruff and flake8 print them). Nothing
/// when there are no findings.
pub fn render_text(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let counts = count(reports);
    let count_width = counts.iter().map(|c| c.count.to_string().len()).max().unwrap_or(0);
    let code_width = counts.iter().map(|c| c.code.len()).max().unwrap_or(0);
    let name_width = counts.iter().map(|c| c.name.len()).max().unwrap_or(0);
    for c in &counts {
        writeln!(out, "{:>count_width$}\t{:<code_width$}\t{:<name_width$}\t{}", c.count, c.code, c.name, c.summary)?;
    }
    Ok(())
}

/// JSON: `{"version": 1, "statistics": [{"code", "name", "count", "summary"}]}`.
pub fn render_json(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let value = serde_json::json!({ "version": super::json::JSON_VERSION, "statistics": count(reports) });
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}
