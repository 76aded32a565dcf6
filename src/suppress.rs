//! Suppression directives in comments.
//!
//! - `# corolint: disable=NAME[,NAME]` on a line of its own covers the next
//!   entry or section in the same section (the whole section if the next item
//!   opens one); blank lines and other comments in between are skipped.
//! - `# corolint: disable-file=NAME[,NAME]` anywhere covers the whole file.
//!
//! Names are rule names or codes. A diagnostic is suppressed when its primary
//! span lies inside the covered range. Syntax errors are never suppressed:
//! corosync refuses those files. Directives that suppress nothing are reported
//! by `unused-suppression`, malformed ones by `invalid-suppression`.

use crate::diagnostic::Diagnostic;
use crate::rules::style::{INVALID_SUPPRESSION, UNUSED_SUPPRESSION};
use crate::rules::{self, Category, Rule};
use crate::source::Span;
use crate::syntax::{LineKind, Node, SyntaxTree};

/// The two actions a directive may have.
const ACTIONS: [&str; 2] = ["disable", "disable-file"];

/// What a directive covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The next entry or section: its span (`None` when nothing follows in
    /// its section), and whether it is a section.
    Next(Option<Span>, bool),
    /// The whole file.
    File,
}

/// One rule named in a directive.
#[derive(Debug, Clone, Copy)]
pub struct Name {
    /// Where the name is written.
    pub span: Span,
    /// The rule it names.
    pub rule: &'static Rule,
}

/// A valid `# corolint: disable…=` directive.
#[derive(Debug, Clone)]
pub struct Directive {
    /// The comment, from `#` to the end of the line.
    pub comment: Span,
    /// What it covers.
    pub scope: Scope,
    /// The rules it suppresses (names that failed to resolve are left out).
    pub names: Vec<Name>,
}

impl Directive {
    /// Whether a diagnostic at `span` lies in the covered range.
    pub fn covers(&self, span: Span) -> bool {
        match self.scope {
            Scope::File => true,
            Scope::Next(Some(range), _) => range.start <= span.start && span.end <= range.end,
            Scope::Next(None, _) => false,
        }
    }
}

/// Every directive of a file, and the diagnostics for malformed ones.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    /// Valid directives, in file order.
    pub directives: Vec<Directive>,
    /// `invalid-suppression` diagnostics.
    pub invalid: Vec<Diagnostic>,
}

impl Suppressions {
    /// Finds every directive in the comments of `tree` (parsed from `src`).
    pub fn collect(tree: &SyntaxTree, src: &[u8]) -> Suppressions {
        let mut found = Suppressions::default();
        found.visit(&tree.nodes, src);
        found
    }

    fn visit(&mut self, nodes: &[Node], src: &[u8]) {
        // The first node at or after each position that is not trivia,
        // computed once backwards (a search from every comment would be
        // quadratic in a long run of comments).
        let mut next_item: Vec<Option<usize>> = vec![None; nodes.len() + 1];
        for i in (0..nodes.len()).rev() {
            next_item[i] = if matches!(nodes[i], Node::Trivia(_)) { next_item[i + 1] } else { Some(i) };
        }
        for (i, node) in nodes.iter().enumerate() {
            match node {
                Node::Trivia(line) => {
                    if let LineKind::Comment { text } = line.kind {
                        let next = next_item.get(i + 1).copied().flatten().and_then(|j| nodes.get(j));
                        self.parse_comment(text, next, src);
                    }
                }
                Node::Pair(line) => {
                    if let LineKind::Pair { value, .. } = line.kind {
                        self.check_trailing(value, src);
                    }
                }
                Node::Section(section) => self.visit(&section.children, src),
                Node::Error(_) => {}
            }
        }
    }

    /// Reports `key: value # corolint: …`, which corosync reads as part of the value.
    fn check_trailing(&mut self, value: Span, src: &[u8]) {
        let bytes = slice(src, value);
        let Some(hash) = memchr::memchr(b'#', bytes) else {
            return;
        };
        let after = trim_start(bytes.get(hash + 1..).unwrap_or_default());
        if after.starts_with(b"corolint:") {
            let span = Span::new(value.start_usize() + hash, value.end_usize());
            self.invalid.push(
                Diagnostic::new(&INVALID_SUPPRESSION, span, "suppression directive after a value is part of the value")
                    .with_label("corosync stores this text in the value")
                    .with_help(
                        "corosync has no trailing comments: move the directive to a line of its own above the entry",
                    ),
            );
        }
    }

    /// Parses one comment (`#` to end of line); ignores comments that are not directives.
    fn parse_comment(&mut self, comment: Span, next: Option<&Node>, src: &[u8]) {
        let text = slice(src, comment);
        let body = trim_start(text.strip_prefix(b"#").unwrap_or(text));
        let Some(rest) = body.strip_prefix(b"corolint:") else {
            return;
        };
        let rest_start = comment.start_usize() + (text.len() - rest.len());
        let rest_trimmed = trim_start(rest);
        let action_start = rest_start + (rest.len() - rest_trimmed.len());
        let (action, list, list_start) = match rest_trimmed.iter().position(|&b| b == b'=') {
            Some(eq) => (
                rest_trimmed.get(..eq).unwrap_or_default(),
                rest_trimmed.get(eq + 1..).unwrap_or_default(),
                action_start + eq + 1,
            ),
            None => (rest_trimmed, &[][..], action_start + rest_trimmed.len()),
        };
        let action_text = String::from_utf8_lossy(trim_end(action)).into_owned();
        let action_span = Span::new(action_start, action_start + trim_end(action).len());
        let scope = match action_text.as_str() {
            "disable" => Scope::Next(next.map(Node::span), matches!(next, Some(Node::Section(_)))),
            "disable-file" => Scope::File,
            other => {
                let hint = crate::suggest::closest(other, ACTIONS)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                let span = if action_span.is_empty() { comment } else { action_span };
                self.invalid.push(
                    Diagnostic::new(&INVALID_SUPPRESSION, span, format!("unknown suppression action `{other}`{hint}"))
                        .with_help(
                            "write `# corolint: disable=RULE[,RULE]` for the next entry or section, or \
                             `# corolint: disable-file=RULE[,RULE]` for the whole file",
                        ),
                );
                return;
            }
        };
        let mut names = Vec::new();
        let mut offset = list_start;
        let mut any = false;
        for part in list.split(|&b| b == b',') {
            let lead = part.len() - trim_start(part).len();
            let name = trim_end(trim_start(part));
            let span = Span::new(offset + lead, offset + lead + name.len());
            offset += part.len() + 1;
            if name.is_empty() {
                continue;
            }
            any = true;
            let shown = String::from_utf8_lossy(name).into_owned();
            match rules::find(&shown) {
                Some(entry) if entry.rule.category == Category::Syntax => self.invalid.push(
                    Diagnostic::new(&INVALID_SUPPRESSION, span, format!("syntax rule `{shown}` cannot be suppressed"))
                        .with_help("corosync refuses a file with a syntax error: fix the line instead of silencing it"),
                ),
                Some(entry) => names.push(Name { span, rule: entry.rule }),
                None => {
                    let hint = crate::suggest::closest(&shown, rules::all().iter().map(|e| e.rule.name))
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default();
                    self.invalid.push(
                        Diagnostic::new(
                            &INVALID_SUPPRESSION,
                            span,
                            format!("unknown rule `{shown}` in suppression directive{hint}"),
                        )
                        .with_help("`corolint rules` lists every rule name and code"),
                    );
                }
            }
        }
        if !any {
            self.invalid.push(
                Diagnostic::new(&INVALID_SUPPRESSION, comment, format!("`{action_text}` directive names no rule"))
                    .with_help(format!("list rule names or codes: `# corolint: {action_text}=RULE[,RULE]`")),
            );
            return;
        }
        if !names.is_empty() {
            self.directives.push(Directive { comment, scope, names });
        }
    }
}

/// Removes the diagnostics that directives suppress from `diagnostics`, and
/// adds `invalid-suppression` and `unused-suppression` findings (which
/// directives may suppress too). Syntax errors are never suppressed.
pub fn apply(tree: &SyntaxTree, src: &[u8], diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let found = Suppressions::collect(tree, src);
    let mut used: Vec<Vec<bool>> = found.directives.iter().map(|d| vec![false; d.names.len()]).collect();
    let suppressed = |d: &Diagnostic, used: &mut Vec<Vec<bool>>| -> bool {
        if rules::find(d.rule).is_some_and(|e| e.rule.category == Category::Syntax) {
            return false;
        }
        let mut hit = false;
        for (directive, flags) in found.directives.iter().zip(used.iter_mut()) {
            if !directive.covers(d.primary.span) {
                continue;
            }
            for (name, flag) in directive.names.iter().zip(flags.iter_mut()) {
                if name.rule.name == d.rule {
                    *flag = true;
                    hit = true;
                }
            }
        }
        hit
    };
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    for d in diagnostics.into_iter().chain(found.invalid.iter().cloned()) {
        if !suppressed(&d, &mut used) {
            kept.push(d);
        }
    }
    let mut unused = Vec::new();
    for (directive, flags) in found.directives.iter().zip(&used) {
        for (name, flag) in directive.names.iter().zip(flags) {
            if *flag || name.rule.name == UNUSED_SUPPRESSION.name {
                continue;
            }
            unused.push(unused_diagnostic(directive, name));
        }
    }
    for d in unused {
        if !suppressed(&d, &mut used) {
            kept.push(d);
        }
    }
    kept
}

fn unused_diagnostic(directive: &Directive, name: &Name) -> Diagnostic {
    let rule = name.rule.name;
    let (message, label) = match directive.scope {
        Scope::File => {
            (format!("file-wide suppression of `{rule}` is unused"), format!("`{rule}` reports nothing in this file"))
        }
        Scope::Next(None, _) => (
            format!("suppression of `{rule}` covers nothing"),
            "no entry or section follows this directive in its section".to_string(),
        ),
        Scope::Next(Some(_), section) => {
            let what = if section { "section" } else { "entry" };
            (format!("suppression of `{rule}` is unused"), format!("`{rule}` reports nothing in the {what} below"))
        }
    };
    Diagnostic::new(&UNUSED_SUPPRESSION, name.span, message)
        .with_label(label)
        .with_help(format!("remove `{rule}` from the directive, or the whole comment if nothing is left"))
}

fn slice(src: &[u8], span: Span) -> &[u8] {
    src.get(span.start_usize()..span.end_usize().min(src.len())).unwrap_or_default()
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| matches!(c, b' ' | b'\t')).count();
    b.get(n..).unwrap_or_default()
}

fn trim_end(b: &[u8]) -> &[u8] {
    let n = b.iter().rev().take_while(|c| matches!(c, b' ' | b'\t')).count();
    b.get(..b.len() - n).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax;

    fn run(src: &str) -> Vec<(String, String)> {
        let parsed = syntax::parse(src.as_bytes());
        let mut out: Vec<(String, String)> = apply(&parsed.tree, src.as_bytes(), Vec::new())
            .into_iter()
            .map(|d| (d.rule.to_string(), d.message))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn ignores_ordinary_comments() {
        assert!(run("# hello\n# corolint is great\ntotem {\n}\n").is_empty());
    }

    #[test]
    fn reports_unused_and_invalid() {
        let out = run("# corolint: disable=unused-suppresion,invalid-suppression\ntotem {\n}\n");
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(out[0].1.contains("did you mean `unused-suppression`"), "{out:?}");
        assert_eq!(out[1].0, "unused-suppression");
    }

    #[test]
    fn file_wide_directive_suppresses_other_directive_findings() {
        let src = "# corolint: disable-file=invalid-suppression\n# corolint: disabel=x\ntotem {\n}\n";
        assert!(run(src).is_empty(), "{:?}", run(src));
    }

    #[test]
    fn next_directive_covers_following_section_only() {
        // The invalid directive inside the section is covered by the one above the section.
        let src = "# corolint: disable=X902\ntotem {\n  # corolint: disable=nope\n  a: b\n}\n\
                   # corolint: disable=nope2\nquorum {\n}\n";
        let out = run(src);
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].1.contains("`nope2`"), "{out:?}");
    }

    #[test]
    fn syntax_rules_and_trailing_directives_are_invalid() {
        let out =
            run("# corolint: disable=nul-byte\ntotem {\n  a: b # corolint: disable=X901\n}\n# corolint: disable=\n");
        assert_eq!(out.len(), 3, "{out:?}");
        assert!(out.iter().any(|(_, m)| m.contains("cannot be suppressed")));
        assert!(out.iter().any(|(_, m)| m.contains("after a value")));
        assert!(out.iter().any(|(_, m)| m.contains("names no rule")));
    }

    #[test]
    fn directive_before_closing_brace_covers_nothing() {
        let out = run("totem {\n  a: b\n  # corolint: disable=X902\n}\n");
        assert_eq!(out.len(), 1);
        assert!(out[0].1.contains("covers nothing"), "{out:?}");
    }
}
