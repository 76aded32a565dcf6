//! One file through the pipeline: bytes → tree → cmap view → rules → diagnostics.

use crate::cmap::{self, CmapView};
use crate::diagnostic::{Diagnostic, FileReport, Label};
use crate::rules::{self, Context, Profile, Rule};
use crate::source::SourceFile;
use crate::syntax::{self, Parsed, SyntaxError};

/// A parsed and analysed file.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The file.
    pub source: SourceFile,
    /// Its syntax tree and syntax errors.
    pub parsed: Parsed,
    /// What corosync would store, with type errors.
    pub cmap: CmapView,
}

impl Analysis {
    /// Parses and builds the cmap view of `source`.
    pub fn new(source: SourceFile) -> Self {
        let parsed = syntax::parse(&source.bytes);
        let cmap = cmap::build(&parsed.tree, &source.bytes);
        Analysis { source, parsed, cmap }
    }

    /// Every syntax and type error, in file order.
    pub fn errors(&self) -> Vec<&SyntaxError> {
        let mut all: Vec<&SyntaxError> = self.parsed.errors.iter().chain(&self.cmap.errors).collect();
        all.sort_by_key(|e| e.span.start);
        all
    }

    /// Whether corosync's parser and type checks accept the file.
    pub fn is_valid(&self) -> bool {
        self.parsed.errors.is_empty() && self.cmap.errors.is_empty()
    }

    /// The rule context for this file.
    pub fn context(&self, profile: Profile) -> Context<'_> {
        Context { source: &self.source, parsed: &self.parsed, cmap: &self.cmap, profile }
    }
}

/// Turns a syntax or type error into a diagnostic of its syntax rule.
pub fn error_diagnostic(error: &SyntaxError) -> Diagnostic {
    let rule: &Rule = rules::find(error.kind.name()).map(|e| e.rule).unwrap_or(&rules::syntax::INVALID_LINE);
    let mut d = Diagnostic::new(rule, error.span, error.message.clone()).with_label(error.label.clone());
    if let Some(help) = &error.help {
        d = d.with_help(help.clone());
    }
    if let Some((span, label)) = &error.related {
        d.secondary.push(Label::new(*span, label.clone()));
    }
    d
}

/// Lints one analysed file with every rule `enabled` accepts; syntax errors included.
pub fn lint(analysis: &Analysis, profile: Profile, enabled: impl Fn(&Rule) -> bool) -> FileReport {
    let mut diagnostics: Vec<Diagnostic> = analysis
        .errors()
        .into_iter()
        .filter(|e| rules::find(e.kind.name()).is_none_or(|r| enabled(r.rule)))
        .map(error_diagnostic)
        .collect();
    diagnostics.extend(rules::run(&analysis.context(profile), &enabled));
    let mut report = FileReport { source: analysis.source.clone(), diagnostics };
    report.sort();
    report
}
