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
    /// Finds every directive in the comments of `tree` (parsed from `src`),
    /// in file order. Walks the tree with an explicit stack; the next entry
    /// after a comment is found with a cursor per level that only moves
    /// forward, so a run of many comments costs linear time.
    pub fn collect(tree: &SyntaxTree, src: &[u8]) -> Suppressions {
        /// One level of the walk: its nodes, the next one to visit, and the
        /// first entry (non-trivia node) at or after `next_entry`.
        struct Level<'a> {
            nodes: &'a [Node],
            at: usize,
            next_entry: usize,
        }
        let mut found = Suppressions::default();
        let mut stack = vec![Level { nodes: &tree.nodes, at: 0, next_entry: 0 }];
        while let Some(level) = stack.last_mut() {
            let nodes = level.nodes;
            let Some(node) = nodes.get(level.at) else {
                stack.pop();
                continue;
            };
            let i = level.at;
            level.at += 1;
            match node {
                Node::Trivia(line) => {
                    if let LineKind::Comment { text } = line.kind {
                        if level.next_entry <= i {
                            level.next_entry = i + 1;
                            while nodes.get(level.next_entry).is_some_and(|n| matches!(n, Node::Trivia(_))) {
                                level.next_entry += 1;
                            }
                        }
                        found.parse_comment(text, nodes.get(level.next_entry), src);
                    }
                }
                Node::Pair(line) => {
                    if let LineKind::Pair { value, .. } = line.kind {
                        found.check_trailing(value, src);
                    }
                }
                Node::Section(section) => stack.push(Level { nodes: &section.children, at: 0, next_entry: 0 }),
                Node::Error(_) => {}
            }
        }
        found
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
    let coverage = Coverage::new(&found.directives);
    let mut used: Vec<Vec<bool>> = found.directives.iter().map(|d| vec![false; d.names.len()]).collect();
    let all: Vec<Diagnostic> = diagnostics.into_iter().chain(found.invalid.iter().cloned()).collect();
    let hits = coverage.suppressed(&all, &mut used);
    let mut kept: Vec<Diagnostic> = all.into_iter().zip(hits).filter_map(|(d, hit)| (!hit).then_some(d)).collect();
    let mut unused = Vec::new();
    for (directive, flags) in found.directives.iter().zip(&used) {
        for (name, flag) in directive.names.iter().zip(flags) {
            if *flag || name.rule.name == UNUSED_SUPPRESSION.name {
                continue;
            }
            unused.push(unused_diagnostic(directive, name));
        }
    }
    let hits = coverage.suppressed(&unused, &mut used);
    kept.extend(unused.into_iter().zip(hits).filter_map(|(d, hit)| (!hit).then_some(d)));
    kept
}

/// One rule name of one directive: the directive's index and the name's
/// index in it (the flag it sets in `used`).
type NameRef = (usize, usize);

/// The directives grouped by the rule they name, for answering "which
/// directives cover this diagnostic" for many diagnostics in
/// O((diagnostics + directives) · log) instead of their product.
struct Coverage {
    /// Per rule name: the file-wide directives naming it.
    file: std::collections::HashMap<&'static str, Vec<NameRef>>,
    /// Per rule name: the ranges of `disable=` directives naming it, sorted
    /// by start, then longest first. The ranges are node spans, so any two
    /// are nested or disjoint.
    next: std::collections::HashMap<&'static str, Vec<(Span, NameRef)>>,
}

/// Sets the `used` flag of one rule name of one directive.
fn set_used(used: &mut [Vec<bool>], (d, n): NameRef) {
    if let Some(flag) = used.get_mut(d).and_then(|f| f.get_mut(n)) {
        *flag = true;
    }
}

/// A range of the sweep in [`Coverage::suppressed`]: the range, its name,
/// and whether it and every range around it cover a diagnostic.
type OpenRange = (Span, NameRef, bool);

/// Closes the innermost open range: sets its flag if it is marked, and
/// passes the mark to the range around it (which covers whatever it covers).
fn close_range(open: &mut Vec<OpenRange>, used: &mut [Vec<bool>]) {
    if let Some((_, name, marked)) = open.pop()
        && marked
    {
        set_used(used, name);
        if let Some(outer) = open.last_mut() {
            outer.2 = true;
        }
    }
}

impl Coverage {
    fn new(directives: &[Directive]) -> Self {
        let mut file: std::collections::HashMap<&'static str, Vec<NameRef>> = std::collections::HashMap::new();
        let mut next: std::collections::HashMap<&'static str, Vec<(Span, NameRef)>> = std::collections::HashMap::new();
        for (d, directive) in directives.iter().enumerate() {
            for (n, name) in directive.names.iter().enumerate() {
                match directive.scope {
                    Scope::File => file.entry(name.rule.name).or_default().push((d, n)),
                    Scope::Next(Some(range), _) => next.entry(name.rule.name).or_default().push((range, (d, n))),
                    Scope::Next(None, _) => {}
                }
            }
        }
        for ranges in next.values_mut() {
            ranges.sort_by_key(|(range, _)| (range.start, std::cmp::Reverse(range.end)));
        }
        Coverage { file, next }
    }

    /// Which of `diagnostics` some directive covers; sets the `used` flag
    /// of every (directive, name) that covers one.
    fn suppressed(&self, diagnostics: &[Diagnostic], used: &mut [Vec<bool>]) -> Vec<bool> {
        let mut hits = vec![false; diagnostics.len()];
        let mut by_rule: std::collections::HashMap<&'static str, Vec<usize>> = std::collections::HashMap::new();
        for (i, d) in diagnostics.iter().enumerate() {
            if rules::find(d.rule).is_some_and(|e| e.rule.category == Category::Syntax) {
                continue;
            }
            by_rule.entry(d.rule).or_default().push(i);
        }
        for (rule, mut members) in by_rule {
            if let Some(file_wide) = self.file.get(rule) {
                for &name in file_wide {
                    set_used(used, name);
                }
                for &i in &members {
                    hits[i] = true;
                }
            }
            let Some(ranges) = self.next.get(rule) else { continue };
            members.sort_by_key(|&i| diagnostics.get(i).map(|d| d.primary.span.start));
            // Sweep: `open` holds the ranges that contain the current
            // diagnostic's start, outermost first (so their ends never
            // grow). A diagnostic is covered by the prefix of them that
            // reaches its end; only the innermost of that prefix is marked
            // now, and the mark moves outward as ranges are closed.
            let mut open: Vec<OpenRange> = Vec::new();
            let mut next_range = 0;
            for &i in &members {
                let Some(d) = diagnostics.get(i) else { continue };
                let span = d.primary.span;
                while let Some(&(range, name)) = ranges.get(next_range) {
                    if range.start > span.start {
                        break;
                    }
                    while open.last().is_some_and(|(r, _, _)| r.end < range.start) {
                        close_range(&mut open, used);
                    }
                    open.push((range, name, false));
                    next_range += 1;
                }
                while open.last().is_some_and(|(r, _, _)| r.end < span.start) {
                    close_range(&mut open, used);
                }
                let covering = open.partition_point(|(r, _, _)| r.end >= span.end);
                if let Some(innermost) = covering.checked_sub(1).and_then(|k| open.get_mut(k)) {
                    innermost.2 = true;
                    hits[i] = true;
                }
            }
            while !open.is_empty() {
                close_range(&mut open, used);
            }
        }
        hits
    }
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
