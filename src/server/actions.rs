//! Code actions: the rule's fix, when the engine has one, and directives
//! that suppress a rule for the entry or section below them, or for the
//! whole file.
//!
//! [`workspace_edit`] is the one place where engine edits (byte ranges of the
//! document and their replacement bytes) become an LSP `WorkspaceEdit`;
//! [`fix_action`] wraps one fix into a quick fix; the engine's fixes are
//! verified as `check --fix` verifies them before they are offered.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, TextEdit, Url, WorkspaceEdit};

use super::diagnostics;
use super::documents::Document;
use super::locate;
use super::position::Encoding;
use super::settings::Resolved;
use crate::diagnostic::Diagnostic;
use crate::rules::{self, Category};
use crate::source::Span;
use crate::suppress::{Scope, Suppressions};
use crate::syntax::{Line, Node};

/// One edit of a fix: the bytes at `span` become `replacement`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit<'a> {
    /// The bytes replaced (empty to insert).
    pub span: Span,
    /// What they become.
    pub replacement: &'a [u8],
}

/// How safe it is to apply a fix without looking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    /// It keeps the meaning the user intended: the editor may prefer it.
    Safe,
    /// It may change what corosync does: offered, never preferred.
    Unsafe,
}

/// The workspace edit that applies `edits` to `document`; `None` when two
/// edits overlap or a replacement is not UTF-8 (an editor buffer is text).
pub fn workspace_edit(document: &Document, edits: &[Edit<'_>], encoding: Encoding) -> Option<WorkspaceEdit> {
    let mut sorted: Vec<&Edit<'_>> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    if sorted.windows(2).any(|w| w[0].span.end > w[1].span.start) {
        return None;
    }
    let text_edits = sorted
        .into_iter()
        .map(|e| {
            Some(TextEdit {
                range: document.range(e.span, encoding),
                new_text: std::str::from_utf8(e.replacement).ok()?.to_string(),
            })
        })
        .collect::<Option<Vec<TextEdit>>>()?;
    let changes: HashMap<Url, Vec<TextEdit>> = HashMap::from([(document.uri.clone(), text_edits)]);
    Some(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() })
}

/// A quick fix that applies `edits` for the diagnostic `for_diagnostic`.
pub fn fix_action(
    document: &Document,
    title: &str,
    edits: &[Edit<'_>],
    applicability: Applicability,
    for_diagnostic: lsp_types::Diagnostic,
    encoding: Encoding,
) -> Option<CodeAction> {
    let edit = workspace_edit(document, edits, encoding)?;
    let title = match applicability {
        Applicability::Safe => title.to_string(),
        Applicability::Unsafe => format!("{title} (unsafe: check that it is what you mean)"),
    };
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![for_diagnostic]),
        edit: Some(edit),
        is_preferred: Some(applicability == Applicability::Safe),
        ..CodeAction::default()
    })
}

/// The code actions for the diagnostics of `found` (the document's findings
/// under `resolved`) whose primary span touches `range` (a byte span).
pub fn actions(
    document: &Document,
    found: &[Diagnostic],
    range: Span,
    resolved: &Resolved,
    encoding: Encoding,
) -> Vec<CodeAction> {
    let mut out = Vec::new();
    for d in found {
        let span = d.primary.span;
        if span.end < range.start || span.start > range.end {
            continue;
        }
        let lsp = diagnostics::to_lsp(d, document, encoding);
        if let Some(action) = engine_fix(document, d, lsp.clone(), encoding) {
            out.push(action);
        }
        for (title, edit) in suppressions(document, found, d, resolved) {
            // A directive is never preferred: only a fix may be.
            out.extend(
                fix_action(document, &title, &[edit.as_edit()], Applicability::Safe, lsp.clone(), encoding).map(
                    |mut action| {
                        action.is_preferred = Some(false);
                        action
                    },
                ),
            );
        }
    }
    out
}

/// The quick fix for the engine's fix of `d`, if it has one that `check --fix`
/// would apply: the edits are applied to the document and verified as
/// `check --fix` verifies them (no new error, every comment kept, the cmap
/// view changed only as the fix declares) before the action is offered.
fn engine_fix(
    document: &Document,
    d: &Diagnostic,
    lsp: lsp_types::Diagnostic,
    encoding: Encoding,
) -> Option<CodeAction> {
    let fix = d.fix.as_ref()?;
    let applicability = match fix.applicability {
        crate::fix::Applicability::Safe => Applicability::Safe,
        crate::fix::Applicability::Unsafe => Applicability::Unsafe,
        crate::fix::Applicability::DisplayOnly => return None,
    };
    let analysis = document.analysis();
    let fixed = crate::fix::apply::apply_fixes(&analysis.source.bytes, &[fix]).ok()?;
    crate::autofix::verify::verify(analysis, &fixed, &[fix]).ok()?;
    let edits: Vec<Edit<'_>> = fix.edits.iter().map(|e| Edit { span: e.span, replacement: &e.replacement }).collect();
    fix_action(document, &fix.message, &edits, applicability, lsp, encoding)
}

/// The directives that suppress `d` (one of `found`): above its entry or
/// section, and for the whole file. Syntax errors cannot be suppressed.
/// Each is checked before it is offered: with it, the document has one
/// finding like `d` less and no more unused suppressions.
pub fn suppressions(
    document: &Document,
    found: &[Diagnostic],
    d: &Diagnostic,
    resolved: &Resolved,
) -> Vec<(String, OwnedEdit)> {
    if rules::find(d.rule).is_none_or(|e| e.rule.category == Category::Syntax) {
        return Vec::new();
    }
    let mut candidates: Vec<(String, OwnedEdit)> = suppress_below(document, d).into_iter().collect();
    candidates.push((format!("Disable `{}` for the whole file", d.rule), suppress_file(document, d)));
    let like_d = |list: &[Diagnostic]| list.iter().filter(|x| x.rule == d.rule && x.message == d.message).count();
    let unused = |list: &[Diagnostic]| list.iter().filter(|x| x.rule == "unused-suppression").count();
    candidates
        .into_iter()
        .filter(|(_, edit)| {
            let mut bytes = document.text().as_bytes().to_vec();
            let range = edit.span.start_usize().min(bytes.len())..edit.span.end_usize().min(bytes.len());
            bytes.splice(range, edit.replacement.iter().copied());
            let Ok(text) = String::from_utf8(bytes) else { return false };
            let mut edited = Document::new(document.uri.clone(), document.version, text);
            edited.path.clone_from(&document.path);
            let after = diagnostics::lint_document(&edited, resolved);
            like_d(&after) < like_d(found) && unused(&after) <= unused(found)
        })
        .collect()
}

/// An edit with owned replacement bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedEdit {
    /// The bytes replaced.
    pub span: Span,
    /// What they become.
    pub replacement: Vec<u8>,
}

impl OwnedEdit {
    fn as_edit(&self) -> Edit<'_> {
        Edit { span: self.span, replacement: &self.replacement }
    }
}

/// The line ending the line at `line` uses.
fn newline_of(src: &[u8], line: &Line) -> &'static str {
    if src.get(line.span.range()).is_some_and(|l| l.ends_with(b"\r\n")) { "\r\n" } else { "\n" }
}

/// `# corolint: disable=RULE` above the entry or section that holds `d`
/// (or the rule added to a directive already there): its title and edit.
pub fn suppress_below(document: &Document, d: &Diagnostic) -> Option<(String, OwnedEdit)> {
    let analysis = document.analysis();
    let src: &[u8] = &analysis.source.bytes;
    let place = locate::at(&analysis.parsed.tree, d.primary.span.start_usize());
    let covers = |node: &Node| {
        let s = node.span();
        s.start <= d.primary.span.start && d.primary.span.end <= s.end
    };
    // The innermost pair or section that holds the whole primary span.
    let mut target: Option<&Node> = place.node.filter(|n| matches!(n, Node::Pair(_) | Node::Section(_)) && covers(n));
    if target.is_none() {
        for section in place.sections.iter().rev() {
            let node = find_section_node(&analysis.parsed.tree.nodes, section.open.span)?;
            if covers(node) {
                target = Some(node);
                break;
            }
        }
    }
    let target = target?;
    let what = match target {
        Node::Section(s) => {
            format!("section `{}`", crate::source::display_bytes(src.get(s.name().range()).unwrap_or_default()))
        }
        _ => "this line".to_string(),
    };
    let title = format!("Disable `{}` for {what}", d.rule);
    // A `disable=` directive that already covers the target: add the rule to it.
    let found = Suppressions::collect(&analysis.parsed.tree, src);
    if let Some(directive) =
        found.directives.iter().find(|dir| matches!(dir.scope, Scope::Next(Some(span), _) if span == target.span()))
    {
        let end = directive.comment.end_usize();
        return Some((
            title,
            OwnedEdit { span: Span::new(end, end), replacement: format!(",{}", d.rule).into_bytes() },
        ));
    }
    let first = target.first_line();
    let indent = src.get(first.indent.range()).unwrap_or_default();
    let mut text = indent.to_vec();
    text.extend_from_slice(format!("# corolint: disable={}{}", d.rule, newline_of(src, first)).as_bytes());
    let at = first.span.start_usize();
    Some((title, OwnedEdit { span: Span::new(at, at), replacement: text }))
}

/// `# corolint: disable-file=RULE` on a new first line.
pub fn suppress_file(document: &Document, d: &Diagnostic) -> OwnedEdit {
    let analysis = document.analysis();
    let src: &[u8] = &analysis.source.bytes;
    let newline = analysis.parsed.tree.nodes.first().map_or("\n", |n| newline_of(src, n.first_line()));
    OwnedEdit {
        span: Span::new(0, 0),
        replacement: format!("# corolint: disable-file={}{newline}", d.rule).into_bytes(),
    }
}

/// The section node whose opening line is at `open`.
fn find_section_node(nodes: &[Node], open: Span) -> Option<&Node> {
    for node in nodes {
        if let Node::Section(s) = node {
            if s.open.span == open {
                return Some(node);
            }
            let span = s.span();
            if span.start <= open.start && open.start < span.end {
                return find_section_node(&s.children, open);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::rules::Profile;

    fn doc(text: &str) -> Document {
        Document::new(Url::parse("file:///t/corosync.conf").expect("uri"), 1, text.to_string())
    }

    fn lint(document: &Document, profile: Profile) -> Vec<Diagnostic> {
        crate::lint::lint_configured(document.analysis(), &Config::default(), profile).diagnostics
    }

    fn apply(text: &str, edit: &OwnedEdit) -> String {
        let mut out = text.as_bytes().to_vec();
        out.splice(edit.span.range(), edit.replacement.iter().copied());
        String::from_utf8(out).expect("utf-8")
    }

    /// A fix built by hand, as the engine will describe one: byte spans and replacements.
    #[test]
    fn a_fix_maps_to_one_workspace_edit() {
        let text = "totem {\n  # é😀\n  token: 3000\n}\n";
        let document = doc(text);
        let value = text.find("3000").expect("value");
        let edits = [
            Edit { span: Span::new(value, value + 4), replacement: b"5000" },
            Edit { span: Span::new(text.len(), text.len()), replacement: b"quorum {\n}\n" },
        ];
        let edit = workspace_edit(&document, &edits, Encoding::Utf16).expect("edit");
        let changes = edit.changes.expect("changes");
        let list = &changes[&document.uri];
        assert_eq!(list.len(), 2);
        assert_eq!((list[0].range.start.line, list[0].range.start.character), (2, 9));
        assert_eq!(list[0].new_text, "5000");
        assert_eq!((list[1].range.start.line, list[1].range.start.character), (4, 0));
        // Positions after a non-ASCII character follow the encoding.
        let after = text.find('😀').expect("emoji") + '😀'.len_utf8();
        let edit =
            workspace_edit(&document, &[Edit { span: Span::new(after, after), replacement: b"!" }], Encoding::Utf16)
                .and_then(|e| e.changes)
                .expect("edit");
        assert_eq!(edit[&document.uri][0].range.start.character, 7);
        // Overlapping edits and non-UTF-8 replacements are refused.
        let overlap =
            [Edit { span: Span::new(0, 5), replacement: b"" }, Edit { span: Span::new(3, 6), replacement: b"" }];
        assert!(workspace_edit(&document, &overlap, Encoding::Utf16).is_none());
        assert!(
            workspace_edit(&document, &[Edit { span: Span::new(0, 0), replacement: b"\xff" }], Encoding::Utf16)
                .is_none()
        );
        // Unsafe fixes are never preferred and say so.
        let action = fix_action(
            &document,
            "Use 5000",
            &edits,
            Applicability::Unsafe,
            lsp_types::Diagnostic::default(),
            Encoding::Utf16,
        )
        .expect("action");
        assert_eq!(action.is_preferred, Some(false));
        assert!(action.title.starts_with("Use 5000 (unsafe"), "{}", action.title);
        let safe = fix_action(
            &document,
            "Use 5000",
            &edits,
            Applicability::Safe,
            lsp_types::Diagnostic::default(),
            Encoding::Utf16,
        )
        .expect("action");
        assert_eq!((safe.is_preferred, safe.kind), (Some(true), Some(CodeActionKind::QUICKFIX)));
    }

    /// Every finding in the rule fixtures gets a suppression, every offered
    /// one works, and nine in ten get one for their entry or section.
    #[test]
    fn suppressions_work_on_every_rule_fixture() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules");
        let (mut findings, mut with_line_directive) = (0, 0);
        let mut failures = Vec::new();
        let mut missing = Vec::new();
        let mut dirs: Vec<_> = std::fs::read_dir(&root).expect("testdata/rules").filter_map(Result::ok).collect();
        dirs.sort_by_key(|d| d.path());
        for dir in dirs {
            let pve = dir.file_name().to_string_lossy().starts_with("pve-");
            let resolved = Resolved {
                config: std::sync::Arc::new(Config::default()),
                profile: if pve { Profile::Pve } else { Profile::Generic },
                error: None,
            };
            let Ok(files) = std::fs::read_dir(dir.path()) else { continue };
            for file in files.filter_map(Result::ok) {
                let Ok(text) = String::from_utf8(std::fs::read(file.path()).unwrap_or_default()) else { continue };
                let document = doc(&text);
                let found = lint(&document, resolved.profile);
                let unused = found.iter().filter(|x| x.rule == "unused-suppression").count();
                for d in &found {
                    if rules::find(d.rule).is_none_or(|e| e.rule.category == Category::Syntax) {
                        continue;
                    }
                    let offered = suppressions(&document, &found, d, &resolved);
                    // `not-formatted` is about the file as a whole: the file directive is its
                    // suppression. The `missing-*` rules report an absence (no quorum provider,
                    // no cluster name), which may have no entry to put a directive above.
                    if d.rule != "not-formatted" && !d.rule.starts_with("missing-") {
                        findings += 1;
                        if offered.iter().any(|(title, _)| !title.contains("whole file")) {
                            with_line_directive += 1;
                        } else {
                            missing.push(format!("{}: {}", file.path().display(), d.rule));
                        }
                    }
                    if offered.is_empty() {
                        failures.push(format!(
                            "{}: nothing offered for {} ({})",
                            file.path().display(),
                            d.rule,
                            d.message
                        ));
                    }
                    for (title, edit) in offered {
                        let after = lint(&doc(&apply(&text, &edit)), resolved.profile);
                        let like =
                            |l: &[Diagnostic]| l.iter().filter(|x| x.rule == d.rule && x.message == d.message).count();
                        if like(&after) >= like(&found)
                            || after.iter().filter(|x| x.rule == "unused-suppression").count() > unused
                        {
                            failures.push(format!("{}: {title} does not work", file.path().display()));
                        }
                    }
                }
            }
        }
        assert!(findings > 300, "only {findings} findings");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        // Nearly every finding that is about an entry gets a directive of its own.
        assert!(
            with_line_directive * 100 >= findings * 90,
            "{with_line_directive} of {findings}; without: {}",
            missing.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
        );
    }

    #[test]
    fn adds_to_an_existing_directive() {
        let text = "totem {\n  token: 3000\n  token: 4000\n}\n";
        let document = doc(text);
        let found = lint(&document, Profile::Generic);
        let dup = found.iter().find(|d| d.rule == "duplicate-key").expect("duplicate-key");
        let (title, edit) = suppress_below(&document, dup).expect("offered");
        assert_eq!(title, "Disable `duplicate-key` for this line");
        let text2 = "totem {\n  # corolint: disable=unused-suppression\n  token: 3000\n  token: 4000\n}\n";
        let document2 = doc(text2);
        let found2 = lint(&document2, Profile::Generic);
        let dup2 = found2.iter().find(|d| d.rule == "duplicate-key").expect("duplicate-key");
        let (_, edit2) = suppress_below(&document2, dup2).expect("offered");
        assert_eq!(
            apply(text2, &edit2),
            "totem {\n  # corolint: disable=unused-suppression,duplicate-key\n  token: 3000\n  token: 4000\n}\n"
        );
        assert!(
            edit.replacement.starts_with(b"  # corolint: disable=duplicate-key\n"),
            "{:?}",
            String::from_utf8_lossy(&edit.replacement)
        );
    }
}
