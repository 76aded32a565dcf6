//! The engine's diagnostics for a document, as LSP diagnostics: the same
//! findings `corolint check FILE` reports for the document's text under its
//! configuration and profile.

use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location, NumberOrString};

use super::documents::Document;
use super::position::Encoding;
use super::settings::Resolved;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint;

/// At most this many diagnostics are published for one document (a 10 MB
/// binary file has tens of thousands); the last one says how many were left out.
pub const MAX_PUBLISHED: usize = 1000;

/// The name LSP clients show as the diagnostics' source.
pub const SOURCE: &str = "corolint";

/// Every finding for the document's current text, in file order.
pub fn lint_document(document: &Document, resolved: &Resolved) -> Vec<Diagnostic> {
    let analysis = document.analysis();
    let mut report = lint::lint_configured(analysis, &resolved.config, resolved.profile);
    if let Some(path) = &document.path {
        // On a node's own config (`/etc/corosync/`, `/etc/pve/`), the checks
        // against this host, as `corolint check FILE` runs them there.
        if crate::host::is_node_config(path) {
            lint::add_host_checks(&mut report, analysis, &resolved.config);
        }
        // The checks against other files (for `/etc/pve/corosync.conf`, the
        // local copy pmxcfs writes), as `corolint check FILE` runs them.
        if let Ok(extra) = crate::changes::check_extra(path, analysis, None, None) {
            lint::add_configured(&mut report, &resolved.config, extra);
        }
    }
    report.diagnostics
}

/// Converts one diagnostic: the rule name is the code, the primary label
/// and the help follow the message, secondary labels are related information.
pub fn to_lsp(d: &Diagnostic, document: &Document, encoding: Encoding) -> lsp_types::Diagnostic {
    let mut message = d.message.clone();
    if !d.primary.message.is_empty() && d.primary.message != d.message {
        message.push('\n');
        message.push_str(&d.primary.message);
    }
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location { uri: document.uri.clone(), range: document.range(label.span, encoding) },
            message: if label.message.is_empty() { "related".into() } else { label.message.clone() },
        })
        .collect();
    lsp_types::Diagnostic {
        range: document.range(d.primary.span, encoding),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.to_string())),
        code_description: None,
        source: Some(SOURCE.into()),
        message,
        related_information: if related.is_empty() { None } else { Some(related) },
        tags: (d.rule == "unused-suppression").then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: Some(serde_json::json!({ "rule": d.rule, "code": d.code })),
    }
}

/// The LSP severity of a corolint severity.
pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The diagnostics to publish for a document: every finding, converted,
/// capped at [`MAX_PUBLISHED`].
pub fn publish(document: &Document, resolved: &Resolved, encoding: Encoding) -> Vec<lsp_types::Diagnostic> {
    if let Some(at) = document.too_deep() {
        return vec![lsp_types::Diagnostic {
            range: document.range(crate::source::Span::new(at, at), encoding),
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some(SOURCE.into()),
            message: format!(
                "sections nested more than {} levels deep: corosync refuses this file (a section path \
                 has at most 254 bytes) and corolint does not analyse it",
                super::documents::MAX_DEPTH
            ),
            ..lsp_types::Diagnostic::default()
        }];
    }
    let found = lint_document(document, resolved);
    let total = found.len();
    let mut out: Vec<lsp_types::Diagnostic> =
        found.iter().take(MAX_PUBLISHED.saturating_sub(1)).map(|d| to_lsp(d, document, encoding)).collect();
    if total >= MAX_PUBLISHED {
        if total == MAX_PUBLISHED {
            if let Some(last) = found.last() {
                out.push(to_lsp(last, document, encoding));
            }
        } else {
            let end = document.range(crate::source::Span::new(0, 0), encoding);
            out.push(lsp_types::Diagnostic {
                range: end,
                severity: Some(DiagnosticSeverity::INFORMATION),
                source: Some(SOURCE.into()),
                message: format!(
                    "{} more diagnostics are not shown; run `corolint check` on the file to see all {total}",
                    total - out.len()
                ),
                ..lsp_types::Diagnostic::default()
            });
        }
    }
    out
}
