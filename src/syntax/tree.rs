//! The lossless syntax tree: every byte of the input belongs to exactly one
//! [`Line`], and printing the lines in order gives back the input.

use crate::source::Span;

/// One physical line, as corosync's `fgets` loop sees it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Line {
    /// The whole physical line, line terminator included.
    pub span: Span,
    /// The line without its terminator (one `\n`, then one `\r`, removed),
    /// before trailing whitespace is trimmed.
    pub text: Span,
    /// Leading spaces and tabs.
    pub indent: Span,
    /// What the line is.
    pub kind: LineKind,
}

/// The classification corosync gives a line (first match wins: blank or
/// comment, then `{` anywhere, then `:` anywhere, then `}` anywhere).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum LineKind {
    /// Empty or whitespace only (also a line that starts with a NUL byte).
    Blank,
    /// A whole-line comment; `text` runs from `#` to the trimmed end.
    Comment {
        /// From the `#` to the end of the trimmed line.
        text: Span,
    },
    /// Opens a section; `name` is corosync's trimmed section name.
    Open {
        /// The section name, trimmed of whitespace, `:` and `{` at its end.
        name: Span,
        /// Offset of the first `{`.
        brace: u32,
    },
    /// A `}` line.
    Close {
        /// Offset of the `}`.
        brace: u32,
    },
    /// A `key: value` line, split at the first `:`.
    Pair {
        /// The key as corosync trims it (may be empty).
        key: Span,
        /// Offset of the first `:`.
        colon: u32,
        /// The value: after the colon and its following blanks, up to the trimmed end.
        value: Span,
    },
    /// A line corosync rejects; an error was recorded for it.
    Invalid,
}

/// A node of the tree.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "node", rename_all = "kebab-case")]
pub enum Node {
    /// A blank line or a comment.
    Trivia(Line),
    /// A key/value line.
    Pair(Line),
    /// A section with its opening line, children and closing line.
    Section(Box<Section>),
    /// A line that could not be classified (its error is in the error list).
    Error(Line),
}

/// A section: `name {`, children, `}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Section {
    /// The line that opened the section.
    pub open: Line,
    /// Everything between the opening and the closing line.
    pub children: Vec<Node>,
    /// The closing `}` line; `None` when the file ended first.
    pub close: Option<Line>,
}

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct SyntaxTree {
    /// Top-level nodes.
    pub nodes: Vec<Node>,
}

impl Node {
    /// The first line of the node.
    pub fn first_line(&self) -> &Line {
        match self {
            Node::Trivia(l) | Node::Pair(l) | Node::Error(l) => l,
            Node::Section(s) => &s.open,
        }
    }

    /// The bytes this node covers, from its first to its last line.
    pub fn span(&self) -> Span {
        match self {
            Node::Trivia(l) | Node::Pair(l) | Node::Error(l) => l.span,
            Node::Section(s) => s.span(),
        }
    }
}

impl Section {
    /// The bytes of the whole section.
    pub fn span(&self) -> Span {
        let mut span = self.open.span;
        if let Some(last) = self.children.last() {
            span = span.cover(last.span());
        }
        if let Some(close) = &self.close {
            span = span.cover(close.span);
        }
        span
    }

    /// The section name span.
    pub fn name(&self) -> Span {
        section_name(&self.open)
    }
}

/// The name a section opened by `open` has (empty at the line start if
/// `open` is not an opening line).
pub(crate) fn section_name(open: &Line) -> Span {
    match open.kind {
        LineKind::Open { name, .. } => name,
        _ => Span { start: open.text.start, end: open.text.start },
    }
}

impl SyntaxTree {
    /// Calls `f` for every line in file order.
    pub fn for_each_line<'a>(&'a self, f: &mut impl FnMut(&'a Line)) {
        fn walk<'a>(nodes: &'a [Node], f: &mut impl FnMut(&'a Line)) {
            for node in nodes {
                match node {
                    Node::Trivia(l) | Node::Pair(l) | Node::Error(l) => f(l),
                    Node::Section(s) => {
                        f(&s.open);
                        walk(&s.children, f);
                        if let Some(c) = &s.close {
                            f(c);
                        }
                    }
                }
            }
        }
        walk(&self.nodes, f);
    }

    /// Prints the tree back to bytes. For a tree parsed from `source` the
    /// result equals `source` byte for byte.
    pub fn print(&self, source: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(source.len());
        self.for_each_line(&mut |line| out.extend_from_slice(&source[line.span.range()]));
        out
    }

    /// Visits every key/value and section with the names of its enclosing
    /// sections (outermost first).
    pub fn walk<'a>(&'a self, source: &'a [u8], visit: &mut impl FnMut(&[&'a [u8]], &'a Node)) {
        fn go<'a>(
            nodes: &'a [Node],
            source: &'a [u8],
            path: &mut Vec<&'a [u8]>,
            visit: &mut impl FnMut(&[&'a [u8]], &'a Node),
        ) {
            for node in nodes {
                visit(path, node);
                if let Node::Section(s) = node {
                    let name = s.name();
                    path.push(&source[name.range()]);
                    go(&s.children, source, path, visit);
                    path.pop();
                }
            }
        }
        go(&self.nodes, source, &mut Vec::new(), visit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spans and offsets are `u32`: a node was 104 bytes with `usize` offsets.
    #[test]
    fn nodes_stay_small() {
        let (node, line) = (std::mem::size_of::<Node>(), std::mem::size_of::<Line>());
        eprintln!("size_of::<Node>() = {node}, size_of::<Line>() = {line}");
        assert!(node <= 56, "Node grew to {node} bytes");
        assert!(line <= 48, "Line grew to {line} bytes");
    }
}
