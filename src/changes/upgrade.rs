//! The upgrade check (`corolint check --target-version A --upgrade-to B`):
//! the same file read as release A and as release B, compared. A finding
//! for every verdict that changes (an error, a crash or a warning that one
//! release reports and the other does not) and for every key whose stored
//! value changes, each at the line it is about.

use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::lint::Analysis;
use crate::rules::{Category, Rule};
use crate::source::Span;

/// Sets a diagnostic's severity (an upgrade finding grades itself).
trait Graded {
    fn with_severity(self, severity: Severity) -> Self;
}

impl Graded for Diagnostic {
    fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

/// One side of the comparison: the file read as one release, and its findings.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    /// The file read as this release.
    pub analysis: &'a Analysis,
    /// Every finding for it (syntax errors and rules).
    pub report: &'a FileReport,
}

/// What changes between `before` (the release the cluster runs) and `after`
/// (the one it moves to), as findings of `rule`, in file order.
pub fn compare(before: Side<'_>, after: Side<'_>, rule: &'static Rule) -> Vec<Diagnostic> {
    let (a, b) = (before.analysis.target, after.analysis.target);
    let mut out = Vec::new();
    let line = |span: Span| before.analysis.source.line_col(span.start_usize()).line;
    // A finding is "the same" in both when the same rule reports it on the same line.
    let key = |d: &Diagnostic| (d.rule, line(d.primary.span), d.severity);
    let in_before: BTreeSet<_> = before.report.diagnostics.iter().map(key).collect();
    let in_after: BTreeSet<_> = after.report.diagnostics.iter().map(key).collect();
    // corosync's own refusals (syntax-class errors), not the rules' findings.
    let refusal = |d: &Diagnostic| crate::rules::find(d.rule).is_some_and(|e| e.rule.category == Category::Syntax);
    let same_line = |side: &FileReport, d: &Diagnostic| {
        refusal(d) && side.diagnostics.iter().any(|o| refusal(o) && line(o.primary.span) == line(d.primary.span))
    };
    for d in &after.report.diagnostics {
        if in_before.contains(&key(d)) || d.rule == rule.name {
            continue;
        }
        // A refusal that only changes its wording (3.1.7's abort, 3.1.10's
        // clean error on the same line) keeps the verdict.
        if d.severity == Severity::Error && same_line(before.report, d) {
            continue;
        }
        let severity = if d.severity == Severity::Error { Severity::Error } else { Severity::Warning };
        let what = if d.severity == Severity::Error { "reports an error" } else { "reports" };
        out.push(
            Diagnostic::new(rule, d.primary.span, format!("corosync {b} {what} here that {a} does not: {}", d.message))
                .with_severity(severity)
                .with_label(format!("new in {b}"))
                .with_help(upgrade_help(d, a, b)),
        );
    }
    for d in &before.report.diagnostics {
        if in_after.contains(&key(d)) || d.rule == rule.name || d.severity < Severity::Warning {
            continue;
        }
        if d.severity == Severity::Error && same_line(after.report, d) {
            continue;
        }
        out.push(
            Diagnostic::new(
                rule,
                d.primary.span,
                format!("fixed by corosync {b}: {a} reports this, {b} does not: {}", d.message),
            )
            .with_severity(Severity::Info)
            .with_label(format!("only in {a}"))
            .with_help(format!(
                "keep the file valid for both releases while the nodes are upgraded one by one: fix this for {a} first"
            )),
        );
    }
    out.extend(view_changes(before.analysis, after.analysis, rule));
    out.sort_by_key(|d| (d.primary.span.start, d.severity));
    out
}

/// The help of a finding that is new in the later release.
fn upgrade_help(d: &Diagnostic, a: crate::version::TargetVersion, b: crate::version::TargetVersion) -> String {
    let fix = d.help.as_deref().map_or(String::new(), |h| format!(": {h}"));
    format!("change this before upgrading to {b}, in a spelling {a} reads the same way{fix}")
}

/// Every key whose value the two releases store differently, at the line that sets it.
fn view_changes(before: &Analysis, after: &Analysis, rule: &'static Rule) -> Vec<Diagnostic> {
    let (a, b) = (before.target, after.target);
    let (va, vb) = (&before.cmap, &after.cmap);
    let mut out = Vec::new();
    for (key, entry) in va.iter() {
        let Some(span) = entry.spans.last().copied() else { continue };
        match vb.get(key) {
            Some(other) if other.value == entry.value => {}
            Some(other) => out.push(
                Diagnostic::new(
                    rule,
                    span,
                    format!("`{key}` changes meaning: corosync {a} stores {}, {b} stores {}", entry.value, other.value),
                )
                .with_severity(Severity::Warning)
                .with_label(format!("read differently by {b}")),
            ),
            None => out.push(
                Diagnostic::new(
                    rule,
                    span,
                    format!("corosync {b} no longer stores `{key}` (= {}) from this line", entry.value),
                )
                .with_severity(Severity::Warning)
                .with_label(format!("stored by {a} only")),
            ),
        }
    }
    for (key, entry) in vb.iter() {
        if va.get(key).is_some() {
            continue;
        }
        let Some(span) = entry.spans.last().copied() else { continue };
        out.push(
            Diagnostic::new(
                rule,
                span,
                format!("corosync {b} stores `{key}` = {} from this line; {a} does not", entry.value),
            )
            .with_severity(Severity::Warning)
            .with_label(format!("stored by {b} only")),
        );
    }
    out
}
