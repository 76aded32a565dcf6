//! Bytes to lossless syntax tree. Parsing never fails: every problem becomes
//! a [`SyntaxError`] beside the tree, and the tree still holds every byte.

pub mod error;
pub mod line;
pub mod tree;

pub use error::{ErrorKind, SyntaxError};
pub use tree::{Line, LineKind, Node, Section, SyntaxTree};

use crate::source::Span;

/// The result of parsing: the tree and every syntax error, in file order.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Parsed {
    /// The lossless tree.
    pub tree: SyntaxTree,
    /// Syntax errors, in file order (corosync would report only the first).
    pub errors: Vec<SyntaxError>,
}

/// Parses corosync.conf bytes the way corosync 3.1.7 reads them.
pub fn parse(src: &[u8]) -> Parsed {
    let mut errors = Vec::new();
    let mut stack: Vec<Section> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    let mut last_text = Span::new(0, 0);

    for (full, content, terminated) in line::split_lines(src) {
        let line = line::classify(src, full, content, terminated, &mut errors);
        last_text = line.text;
        let node = match line.kind {
            LineKind::Blank | LineKind::Comment { .. } => Node::Trivia(line),
            LineKind::Pair { .. } => Node::Pair(line),
            LineKind::Invalid => Node::Error(line),
            LineKind::Open { .. } => {
                stack.push(Section { open: line, children: Vec::new(), close: None });
                continue;
            }
            LineKind::Close { brace } => match stack.pop() {
                Some(mut section) => {
                    section.close = Some(line);
                    Node::Section(Box::new(section))
                }
                None => {
                    errors.push(
                        SyntaxError::new(
                            ErrorKind::UnexpectedCloseBrace,
                            Span::new(brace, brace + 1),
                            "Unexpected closing brace",
                            "no open section to close",
                        )
                        .with_help("remove this `}` or add the missing `name {` line above"),
                    );
                    Node::Error(line)
                }
            },
        };
        match stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => top.push(node),
        }
    }

    if let Some(innermost) = stack.last() {
        let name = innermost.name();
        let name_text = crate::source::display_bytes(&src[name.start..name.end]);
        errors.push(
            SyntaxError::new(ErrorKind::MissingCloseBrace, last_text, "Missing closing brace", "file ends here")
                .with_related(innermost.open.text, format!("section `{name_text}` opened here is never closed"))
                .with_help(format!(
                    "add `}}` to close `{name_text}`; corosync reports this at the last line of the file"
                )),
        );
    }
    while let Some(section) = stack.pop() {
        let node = Node::Section(Box::new(section));
        match stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => top.push(node),
        }
    }

    Parsed { tree: SyntaxTree { nodes: top }, errors }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_structure() {
        let src = b"# c\ntotem {\n\tversion: 2\r\n  interface {\n linknumber: 0\n }\n}\nlogging {\n";
        let p = parse(src);
        assert_eq!(p.tree.print(src), src.to_vec());
        assert_eq!(p.tree.nodes.len(), 3);
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].kind, ErrorKind::MissingCloseBrace);
    }

    #[test]
    fn unexpected_close_is_kept() {
        let src = b"}\nfoo: bar\n";
        let p = parse(src);
        assert_eq!(p.errors[0].kind, ErrorKind::UnexpectedCloseBrace);
        assert_eq!(p.tree.print(src), src.to_vec());
    }
}
