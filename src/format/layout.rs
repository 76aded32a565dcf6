//! The layout tree: a file as sections and `key: value` entries, each carrying
//! the full-line comments written above it, with blank lines dropped. Built
//! from the lossless syntax tree; the formatter reorders and prints it.

use crate::source::Span;
use crate::syntax::{LineKind, Node, SyntaxTree};

/// A section body (or the whole file): its entries and the comments after the last one.
#[derive(Debug, Clone)]
pub struct Block<'a> {
    /// Position of this block in file order (the file itself is 0).
    pub id: usize,
    /// Nesting depth of the block's entries (0 for the file).
    pub depth: usize,
    /// The section name (empty for the file).
    pub name: &'a [u8],
    /// Where the section opens (the file start for the file).
    pub open: Span,
    /// Entries in file order.
    pub items: Vec<Item<'a>>,
    /// Comments after the last entry, printed before the closing `}`.
    pub trailing: Vec<&'a [u8]>,
}

/// One entry with the comments above it.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    /// Comment texts (from `#`, trimmed), in file order.
    pub comments: Vec<&'a [u8]>,
    /// The entry.
    pub kind: ItemKind<'a>,
}

/// What an entry is.
#[derive(Debug, Clone)]
pub enum ItemKind<'a> {
    /// `key: value`, both as corosync reads them.
    Pair {
        /// The key.
        key: &'a [u8],
        /// The value.
        value: &'a [u8],
    },
    /// A subsection.
    Section(Block<'a>),
}

impl<'a> Item<'a> {
    /// The key the entry sorts by: the key of a pair, the name of a section.
    pub fn key(&self) -> &'a [u8] {
        match &self.kind {
            ItemKind::Pair { key, .. } => key,
            ItemKind::Section(block) => block.name,
        }
    }

    /// The section body, if the entry is a section.
    pub fn section(&self) -> Option<&Block<'a>> {
        match &self.kind {
            ItemKind::Section(block) => Some(block),
            ItemKind::Pair { .. } => None,
        }
    }
}

impl<'a> Block<'a> {
    /// The value of the last `key: value` directly in this block with the given key.
    pub fn last_value(&self, key: &[u8]) -> Option<&'a [u8]> {
        self.items.iter().rev().find_map(|item| match item.kind {
            ItemKind::Pair { key: k, value } if k == key => Some(value),
            _ => None,
        })
    }

    /// Visits this block and every nested block, in file order.
    pub fn for_each_block(&self, f: &mut impl FnMut(&Block<'a>)) {
        f(self);
        for item in &self.items {
            if let Some(section) = item.section() {
                section.for_each_block(f);
            }
        }
    }
}

/// A line the layout cannot represent (only lines corosync rejects).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unrepresentable(pub Span);

/// Builds the layout tree of a parsed file.
pub fn build<'a>(tree: &SyntaxTree, src: &'a [u8]) -> Result<Block<'a>, Unrepresentable> {
    let mut next_id = 1;
    let (items, trailing) = body(&tree.nodes, src, 1, &mut next_id)?;
    Ok(Block { id: 0, depth: 0, name: b"", open: Span::new(0, 0), items, trailing })
}

fn slice(src: &[u8], span: Span) -> &[u8] {
    src.get(span.range()).unwrap_or_default()
}

type Body<'a> = (Vec<Item<'a>>, Vec<&'a [u8]>);

fn body<'a>(
    nodes: &[Node],
    src: &'a [u8],
    child_depth: usize,
    next_id: &mut usize,
) -> Result<Body<'a>, Unrepresentable> {
    let mut items = Vec::with_capacity(nodes.len());
    let mut pending: Vec<&'a [u8]> = Vec::new();
    for node in nodes {
        match node {
            Node::Trivia(line) => {
                if let LineKind::Comment { text } = line.kind {
                    pending.push(slice(src, text));
                }
            }
            Node::Pair(line) => {
                let LineKind::Pair { key, value, .. } = line.kind else {
                    return Err(Unrepresentable(line.text));
                };
                let kind = ItemKind::Pair { key: slice(src, key), value: slice(src, value) };
                items.push(Item { comments: std::mem::take(&mut pending), kind });
            }
            Node::Section(section) => {
                if section.close.is_none() {
                    return Err(Unrepresentable(section.open.text));
                }
                let id = *next_id;
                *next_id += 1;
                let comments = std::mem::take(&mut pending);
                let (children, trailing) = body(&section.children, src, child_depth + 1, next_id)?;
                let block = Block {
                    id,
                    depth: child_depth,
                    name: slice(src, section.name()),
                    open: section.open.text,
                    items: children,
                    trailing,
                };
                items.push(Item { comments, kind: ItemKind::Section(block) });
            }
            Node::Error(line) => return Err(Unrepresentable(line.text)),
        }
    }
    Ok((items, pending))
}
