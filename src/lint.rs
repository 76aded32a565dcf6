//! One file through the pipeline: bytes → tree → cmap view → rules → diagnostics.

use crate::cmap::{self, CmapView};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, FileReport, Label, Severity};
use crate::format::FormatInput;
use crate::rules::{self, Context, Profile, Rule};
use crate::source::SourceFile;
use crate::suppress;
use crate::syntax::{self, Parsed, SyntaxError};
use crate::version::{TargetVersion, VersionFacts};

/// A parsed and analysed file.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The file.
    pub source: SourceFile,
    /// Its syntax tree and syntax errors.
    pub parsed: Parsed,
    /// What corosync would store, with type errors.
    pub cmap: CmapView,
    /// The corosync release the file was read as.
    pub target: TargetVersion,
}

/// The formatter reads an analysis's bytes, tree and view without parsing again.
impl<'a> From<&'a Analysis> for FormatInput<'a> {
    fn from(a: &'a Analysis) -> Self {
        FormatInput::from_parts(&a.source.bytes, &a.parsed, &a.cmap).with_facts(a.facts())
    }
}

impl Analysis {
    /// Parses and builds the cmap view of `source` as the default target
    /// release ([`TargetVersion::DEFAULT`]) reads it.
    pub fn new(source: SourceFile) -> Self {
        Analysis::for_target(source, TargetVersion::DEFAULT)
    }

    /// Parses and builds the cmap view of `source` as `target` reads it.
    pub fn for_target(source: SourceFile, target: TargetVersion) -> Self {
        let facts = target.facts();
        let parsed = syntax::parse_for(&source.bytes, facts);
        let cmap = cmap::build_shared_for(&parsed.tree, source.bytes.clone(), facts);
        Analysis { source, parsed, cmap, target }
    }

    /// The facts of the release the file was read as.
    pub fn facts(&self) -> &'static VersionFacts {
        self.target.facts()
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
        Context::new(&self.source, &self.parsed, &self.cmap, profile).with_facts(self.facts())
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

/// `nul-byte` warnings for the NUL bytes corosync does not refuse: on a line
/// that starts with one, or in a last line without newline (corosync reads
/// such a line only up to the NUL and ignores the rest). NUL bytes that make
/// corosync refuse the file already have a `nul-byte` error; one finding a
/// line, at its first NUL.
fn ignored_nul_bytes(analysis: &Analysis) -> Vec<Diagnostic> {
    let bytes: &[u8] = &analysis.source.bytes;
    let Some(entry) = rules::find(crate::syntax::ErrorKind::NulByte.name()) else { return Vec::new() };
    let mut reported: Vec<u32> = analysis
        .errors()
        .into_iter()
        .filter(|e| e.kind == crate::syntax::ErrorKind::NulByte)
        .map(|e| e.span.start)
        .collect();
    reported.sort_unstable();
    let mut out = Vec::new();
    let mut last_line = usize::MAX;
    for at in memchr::memchr_iter(0, bytes) {
        let line = analysis.source.line_index(at);
        if line == last_line {
            continue;
        }
        last_line = line;
        let line_span = analysis.source.line_span(line + 1);
        let first = reported.partition_point(|&s| s < line_span.start);
        if reported.get(first).is_some_and(|&s| s <= line_span.end) {
            continue;
        }
        let mut d = Diagnostic::new(
            entry.rule,
            crate::source::Span::byte(crate::source::offset_u32(at)),
            "NUL byte: corosync ignores the rest of this line",
        )
        .with_label("corosync reads the line only up to here")
        .with_help("remove the NUL byte; `corolint fmt` refuses to format a file that holds one");
        d.severity = Severity::Warning;
        out.push(d);
    }
    out
}

/// Lints one analysed file with every rule `enabled` accepts; syntax errors included.
pub fn lint(analysis: &Analysis, profile: Profile, enabled: impl Fn(&Rule) -> bool) -> FileReport {
    lint_with(analysis, profile, enabled, |_| None)
}

/// Lints one analysed file under a configuration: its enabled rules and severities.
pub fn lint_configured(analysis: &Analysis, config: &Config, profile: Profile) -> FileReport {
    let ctx = analysis.context(profile).with_format_style(config.format.style.clone());
    lint_context(analysis, &ctx, |rule| config.is_enabled(rule), |rule| config.severity_override(rule))
}

/// Lints one analysed file: every rule runs (so that suppressions can tell
/// whether they are used), `# corolint:` directives are applied, then only
/// the diagnostics of rules `enabled` accepts are kept. Where `severity`
/// gives a severity for a rule, all its diagnostics get it; otherwise each
/// keeps the severity the rule reported (a rule may grade its findings).
pub fn lint_with(
    analysis: &Analysis,
    profile: Profile,
    enabled: impl Fn(&Rule) -> bool,
    severity: impl Fn(&Rule) -> Option<Severity>,
) -> FileReport {
    lint_context(analysis, &analysis.context(profile), enabled, severity)
}

/// [`lint_with`] over a prepared rule context.
fn lint_context(
    analysis: &Analysis,
    ctx: &Context,
    enabled: impl Fn(&Rule) -> bool,
    severity: impl Fn(&Rule) -> Option<Severity>,
) -> FileReport {
    let mut all: Vec<Diagnostic> = analysis
        .errors()
        .into_iter()
        .map(|e| {
            error_diagnostic(e).with_fix_opt(rules::syntax::invalid_integer::trailing_comment_fix(
                &analysis.parsed.tree,
                &analysis.source.bytes,
                e,
            ))
        })
        .collect();
    all.extend(ignored_nul_bytes(analysis));
    all.extend(rules::run(ctx, |_| true));
    let diagnostics = suppress::apply(&analysis.parsed.tree, &analysis.source.bytes, all)
        .into_iter()
        .filter_map(|mut d| match rules::find(d.rule) {
            Some(entry) if !enabled(entry.rule) => None,
            Some(entry) => {
                if let Some(forced) = severity(entry.rule) {
                    d.severity = forced;
                }
                Some(d)
            }
            None => Some(d),
        })
        .collect();
    let mut report = FileReport { source: analysis.source.clone(), diagnostics };
    report.sort();
    report
}

/// Adds the checks of a node's config against this machine (its addresses,
/// files, users: [`crate::rules::host_diagnostics`]) to `report` under
/// `config`, as `check` runs them on `/etc/corosync/` and `/etc/pve/` files.
pub fn add_host_checks(report: &mut FileReport, analysis: &Analysis, config: &Config) {
    let host = crate::rules::host_diagnostics(
        &analysis.cmap,
        &analysis.parsed.tree,
        &analysis.source.bytes,
        &crate::host::RealHost,
    );
    add_configured(report, config, host);
}

/// Adds the diagnostics of a stage outside the rules (the cross-file checks
/// of `check`) to `report` under `config`: rules it disables are dropped,
/// severity overrides apply, and the report is sorted again.
pub fn add_configured(report: &mut FileReport, config: &Config, extra: Vec<Diagnostic>) {
    for mut d in extra {
        let Some(entry) = rules::find(d.rule) else { continue };
        if !config.is_enabled(entry.rule) {
            continue;
        }
        if let Some(forced) = config.severity_override(entry.rule) {
            d.severity = forced;
        }
        report.diagnostics.push(d);
    }
    report.sort();
}
