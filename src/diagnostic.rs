//! Diagnostics: what rules report and renderers print.

use std::borrow::Cow;

use crate::fix::Fix;
use crate::source::{SourceFile, Span};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run unless `--fail-on info`.
    Info,
    /// Probably wrong; fails a run by default.
    Warning,
    /// Certainly wrong: corosync refuses it or misreads it.
    Error,
}

impl Severity {
    /// Lower-case name (`error`, `warning`, `info`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` or `info`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// A span with a short text shown under it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Label {
    /// The bytes pointed at.
    pub span: Span,
    /// Text shown at the span (may be empty).
    pub message: String,
}

impl Label {
    /// Creates a label.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Label { span, message: message.into() }
    }
}

/// What a diagnostic records of the rule that reports it. Rules convert into
/// it (`Diagnostic::new(&RULE, ...)`), so this module does not depend on the
/// rule engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleId {
    /// The rule's stable kebab-case name.
    pub name: &'static str,
    /// The rule's stable short code.
    pub code: &'static str,
    /// The rule's default severity.
    pub severity: Severity,
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The rule's stable kebab-case name.
    pub rule: &'static str,
    /// The rule's stable short code.
    pub code: &'static str,
    /// Severity after configuration overrides.
    pub severity: Severity,
    /// One-sentence message.
    pub message: String,
    /// Where the problem is.
    pub primary: Label,
    /// Other places that explain it (e.g. the first of two duplicates).
    pub secondary: Vec<Label>,
    /// How to fix it, or what corosync does with it (most rules' help is
    /// a constant, which is then not copied per finding).
    pub help: Option<Cow<'static, str>>,
    /// A machine-applicable change that repairs it (see [`crate::fix`]);
    /// `None` when the rule has no fix for this finding. Boxed: few findings
    /// have one, and a file can have millions of findings.
    pub fix: Option<Box<Fix>>,
}

impl Diagnostic {
    /// Creates a diagnostic for `rule` at `span`.
    pub fn new(rule: impl Into<RuleId>, span: Span, message: impl Into<String>) -> Self {
        let rule = rule.into();
        Diagnostic {
            rule: rule.name,
            code: rule.code,
            severity: rule.severity,
            message: message.into(),
            primary: Label::new(span, ""),
            secondary: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// Sets the primary label text.
    pub fn with_label(mut self, message: impl Into<String>) -> Self {
        self.primary.message = message.into();
        self
    }

    /// Adds a secondary label.
    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label::new(span, message));
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attaches a fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }

    /// Attaches a fix if there is one.
    pub fn with_fix_opt(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix.map(Box::new);
        self
    }
}

/// The diagnostics of one file, with the file they point into.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file.
    pub source: SourceFile,
    /// Its diagnostics, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// Sorts diagnostics by position, then rule name, and removes exact duplicates.
    pub fn sort(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            (a.primary.span.start, a.primary.span.end, a.rule, &a.message).cmp(&(
                b.primary.span.start,
                b.primary.span.end,
                b.rule,
                &b.message,
            ))
        });
        self.diagnostics.dedup();
    }
}
