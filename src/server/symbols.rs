//! Document symbols (every section, with its keys) and go-to-definition
//! between a node's `ringN_addr` and the `interface` block of link N.

use lsp_types::{DocumentSymbol, Location, SymbolKind};

use super::documents::Document;
use super::locate;
use super::position::Encoding;
use crate::source::{Span, display_bytes};
use crate::syntax::{LineKind, Node, Section};

/// At most this many symbols are listed (an outline of a 10 MB file is of no use).
pub const MAX_SYMBOLS: usize = 5000;

/// The outline of `document`: sections (nodes and interfaces named after
/// what identifies them) holding their keys; at most [`MAX_SYMBOLS`].
pub fn document_symbols(document: &Document, encoding: Encoding) -> Vec<DocumentSymbol> {
    let analysis = document.analysis();
    let src: &[u8] = &analysis.source.bytes;
    let mut budget = MAX_SYMBOLS;
    symbols_of(&analysis.parsed.tree.nodes, src, document, encoding, &mut budget)
}

fn symbols_of(
    nodes: &[Node],
    src: &[u8],
    document: &Document,
    encoding: Encoding,
    budget: &mut usize,
) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    for node in nodes {
        if *budget == 0 {
            break;
        }
        *budget -= 1;
        match node {
            Node::Section(section) => {
                let name = display_bytes(src.get(section.name().range()).unwrap_or_default());
                let name = if name.is_empty() { "(unnamed section)".to_string() } else { name };
                let detail = identity(section, src, &name);
                out.push(symbol(
                    name,
                    detail,
                    SymbolKind::NAMESPACE,
                    section.span(),
                    section.name(),
                    Some(symbols_of(&section.children, src, document, encoding, budget)),
                    document,
                    encoding,
                ));
            }
            Node::Pair(line) => {
                if let LineKind::Pair { key, value, .. } = line.kind {
                    let name = display_bytes(src.get(key.range()).unwrap_or_default());
                    let name = if name.is_empty() { "(empty key)".to_string() } else { name };
                    let detail = Some(display_bytes(src.get(value.range()).unwrap_or_default()));
                    let selection = if key.is_empty() { line.text } else { key };
                    out.push(symbol(name, detail, SymbolKind::FIELD, line.text, selection, None, document, encoding));
                }
            }
            Node::Trivia(_) | Node::Error(_) => {}
        }
    }
    out
}

/// What names a `node` (its `name`, else `nodeid`, else `ring0_addr`) or an
/// `interface` (`link N`).
fn identity(section: &Section, src: &[u8], name: &str) -> Option<String> {
    let value_of = |wanted: &[u8]| {
        section.children.iter().find_map(|n| match n {
            Node::Pair(line) => match line.kind {
                LineKind::Pair { key, value, .. } if src.get(key.range()) == Some(wanted) => {
                    Some(display_bytes(src.get(value.range()).unwrap_or_default()))
                }
                _ => None,
            },
            _ => None,
        })
    };
    match name {
        "node" => value_of(b"name")
            .or_else(|| value_of(b"nodeid").map(|id| format!("nodeid {id}")))
            .or_else(|| value_of(b"ring0_addr")),
        "interface" => Some(format!("link {}", value_of(b"linknumber").unwrap_or_else(|| "0".into()))),
        _ => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    span: Span,
    selection: Span,
    children: Option<Vec<DocumentSymbol>>,
    document: &Document,
    encoding: Encoding,
) -> DocumentSymbol {
    // `deprecated` is a field of the struct that the protocol replaced with `tags`.
    #[allow(deprecated)]
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: document.range(span, encoding),
        selection_range: document.range(selection, encoding),
        children,
    }
}

/// Go-to-definition at byte `offset`: from a node's `ringN_addr` to the
/// `interface` blocks of link N, from an interface's `linknumber` (or its
/// `interface {` line) to the `ringN_addr` of every node on that link.
pub fn definition(document: &Document, offset: usize, encoding: Encoding) -> Vec<Location> {
    let analysis = document.analysis();
    let src: &[u8] = &analysis.source.bytes;
    let tree = &analysis.parsed.tree;
    let place = locate::at(tree, offset);
    let Some(line) = place.line else { return Vec::new() };
    let path = place.path(src);
    let network = crate::nodes::Network::new(&analysis.cmap, tree, src);
    let location = |span: Span| Location { uri: document.uri.clone(), range: document.range(span, encoding) };
    match line.kind {
        LineKind::Pair { key, .. } if path == "nodelist.node" => {
            let key = String::from_utf8_lossy(src.get(key.range()).unwrap_or_default()).into_owned();
            let Some(link) = crate::nodes::ring_key_link(&key) else { return Vec::new() };
            network
                .interface_blocks
                .iter()
                .filter(|b| b.link == link)
                .map(|b| location(section_at(tree, b.open).map_or(b.open, Section::span)))
                .collect()
        }
        LineKind::Pair { key, .. } | LineKind::Open { name: key, .. } => {
            let on_linknumber = path == "totem.interface" && src.get(key.range()) == Some(b"linknumber".as_slice());
            let block = network.interface_blocks.iter().find(|b| {
                let Some(section) = section_at(tree, b.open) else { return false };
                let span = section.span();
                let inside = span.start <= line.span.start && line.span.end <= span.end;
                inside && (on_linknumber || line.span == section.open.span)
            });
            let Some(block) = block else { return Vec::new() };
            network.members(block.link).map(|(_, addr)| location(addr.span)).collect()
        }
        _ => Vec::new(),
    }
}

/// The section whose opening line holds `open`.
fn section_at(tree: &crate::syntax::SyntaxTree, open: Span) -> Option<&Section> {
    fn find(nodes: &[Node], open: Span) -> Option<&Section> {
        nodes.iter().find_map(|n| match n {
            Node::Section(s) if s.open.span.start <= open.start && open.start < s.open.span.end => Some(&**s),
            Node::Section(s) => find(&s.children, open),
            _ => None,
        })
    }
    find(&tree.nodes, open)
}
