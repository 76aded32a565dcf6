//! What is at a byte offset of a document: the line, and the sections
//! around it (outermost first). Hover, completion, definition and code
//! actions start here.

use crate::syntax::{Line, Node, Section, SyntaxTree};

/// The place of an offset in the tree.
#[derive(Debug, Clone, Default)]
pub struct Place<'a> {
    /// The line holding the offset (`None` at the very end of a file that ends with a newline).
    pub line: Option<&'a Line>,
    /// The sections the line is inside, outermost first (a section's own
    /// opening and closing lines are not inside it).
    pub sections: Vec<&'a Section>,
    /// The node the line belongs to, at its level: the pair, trivia or
    /// error line itself, or the section it opens or closes.
    pub node: Option<&'a Node>,
}

impl<'a> Place<'a> {
    /// The dotted section path (`totem.interface`) of the enclosing sections.
    pub fn path(&self, src: &[u8]) -> String {
        section_path(&self.sections, src)
    }
}

/// The dotted path of nested sections, as the key catalogue names them.
pub fn section_path(sections: &[&Section], src: &[u8]) -> String {
    let names: Vec<String> = sections
        .iter()
        .map(|s| String::from_utf8_lossy(src.get(s.name().range()).unwrap_or_default()).into_owned())
        .collect();
    names.join(".")
}

/// Finds what is at `offset` of the file `tree` was parsed from.
pub fn at(tree: &SyntaxTree, offset: usize) -> Place<'_> {
    let mut place = Place::default();
    let mut nodes: &[Node] = &tree.nodes;
    'descend: loop {
        for node in nodes {
            let span = node.span();
            if offset < span.start_usize() || offset >= span.end_usize() {
                continue;
            }
            match node {
                Node::Section(section) => {
                    if contains(&section.open, offset) || section.close.as_ref().is_some_and(|c| contains(c, offset)) {
                        place.line = Some(if contains(&section.open, offset) {
                            &section.open
                        } else {
                            section.close.as_ref().unwrap_or(&section.open)
                        });
                        place.node = Some(node);
                        return place;
                    }
                    place.sections.push(section);
                    nodes = &section.children;
                    continue 'descend;
                }
                Node::Trivia(line) | Node::Pair(line) | Node::Error(line) => {
                    place.line = Some(line);
                    place.node = Some(node);
                    return place;
                }
            }
        }
        // Past every line (the end of the file): inside the sections left open.
        if let Some(Node::Section(last)) = nodes.last()
            && last.close.is_none()
            && offset >= last.span().end_usize()
        {
            place.sections.push(last);
            nodes = &last.children;
            continue 'descend;
        }
        return place;
    }
}

fn contains(line: &Line, offset: usize) -> bool {
    line.span.start_usize() <= offset && offset < line.span.end_usize()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax;

    fn path_at(src: &str, needle: &str) -> String {
        let parsed = syntax::parse(src.as_bytes());
        let offset = src.find(needle).unwrap_or(src.len());
        at(&parsed.tree, offset).path(src.as_bytes())
    }

    #[test]
    fn finds_enclosing_sections() {
        let src = "totem {\n  interface {\n    linknumber: 0\n  }\n  token: 1\n}\nquorum {\n";
        assert_eq!(path_at(src, "linknumber"), "totem.interface");
        assert_eq!(path_at(src, "token"), "totem");
        assert_eq!(path_at(src, "interface"), "totem");
        assert_eq!(path_at(src, "totem"), "");
        // The end of a truncated file is inside the section left open.
        assert_eq!(path_at(src, "\u{0}"), "quorum");
    }
}
