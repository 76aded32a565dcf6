//! Completion: section names and keys valid where the cursor is, and the
//! values of keys that take one of a list of words.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionItemTag, CompletionTextEdit, Documentation, InsertTextFormat,
    MarkupContent, MarkupKind, TextEdit,
};

use super::documents::Document;
use super::hover::{key_doc, section_doc};
use super::locate;
use super::position::Encoding;
use crate::schema::{self, KeyDef, Kind, Status};
use crate::source::Span;
use crate::syntax::{LineKind, Node};

/// What the client's completion supports.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientSupport {
    /// Snippets (`$0` placeholders) in insert texts.
    pub snippets: bool,
}

/// The completions at byte `offset` of `document`.
pub fn complete(document: &Document, offset: usize, encoding: Encoding, support: ClientSupport) -> Vec<CompletionItem> {
    let text = document.text();
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = document.index().line_start(document.index().line_of(offset));
    let prefix = text.get(line_start..offset).unwrap_or_default();
    let indent = &prefix[..prefix.len() - prefix.trim_start().len()];
    let typed = prefix.trim_start();
    if typed.contains(['{', '}', '#']) {
        return Vec::new();
    }
    let analysis = document.analysis();
    let src: &[u8] = &analysis.source.bytes;
    let place = locate::at(&analysis.parsed.tree, offset);
    let path = place.path(src);
    let replace = |len: usize| document.range(Span::new(offset - len, offset), encoding);
    if let Some((key, value)) = typed.split_once(':') {
        let value = value.trim_start();
        return match schema::lookup(&path, key.trim()) {
            Some(def) => value_items(def, value, replace(value.len())),
            None => Vec::new(),
        };
    }
    // Keys already set directly in this section are not offered again.
    let present: Vec<&[u8]> = match place.sections.last() {
        Some(section) => section
            .children
            .iter()
            .filter_map(|n| match n {
                Node::Pair(line) if Some(line.span) != place.line.map(|l| l.span) => match line.kind {
                    LineKind::Pair { key, .. } => src.get(key.range()),
                    _ => None,
                },
                _ => None,
            })
            .collect(),
        None => Vec::new(),
    };
    let range = replace(typed.len());
    let mut items = Vec::new();
    for def in schema::keys_of(&path) {
        if matches!(def.status, Status::Obsolete | Status::Ignored) {
            continue;
        }
        let names: Vec<String> = match def.name {
            "ringN_addr" => (0..8).map(|n| format!("ring{n}_addr")).collect(),
            "exec_NAME" => Vec::new(),
            name => vec![name.to_string()],
        };
        for name in names {
            if present.contains(&name.as_bytes()) {
                continue;
            }
            items.push(key_item(def, &name, range));
        }
    }
    for def in schema::SECTIONS {
        let Some(name) = child_name(def.path, &path) else { continue };
        if matches!(def.status, Status::Obsolete | Status::Ignored) {
            continue;
        }
        let (new_text, format) = if support.snippets {
            (format!("{name} {{\n{indent}  $0\n{indent}}}"), InsertTextFormat::SNIPPET)
        } else {
            (format!("{name} {{"), InsertTextFormat::PLAIN_TEXT)
        };
        items.push(CompletionItem {
            label: name.to_string(),
            kind: Some(CompletionItemKind::MODULE),
            detail: Some(format!("section: {}", def.note)),
            documentation: Some(markdown(section_doc(def, def.path))),
            insert_text_format: Some(format),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text })),
            tags: (def.status == Status::Deprecated).then(|| vec![CompletionItemTag::DEPRECATED]),
            ..CompletionItem::default()
        });
    }
    items
}

/// The last component of `section` when it is a direct child of `parent`.
fn child_name<'a>(section: &'a str, parent: &str) -> Option<&'a str> {
    let (head, name) = match section.rsplit_once('.') {
        Some((head, name)) => (head, name),
        None => ("", section),
    };
    (head == parent && name != "*").then_some(name)
}

fn markdown(value: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value })
}

fn key_item(def: &KeyDef, name: &str, range: lsp_types::Range) -> CompletionItem {
    let mut detail = def.note.to_string();
    if let Some(default) = def.default {
        detail.push_str(&format!(" (default {default})"));
    }
    CompletionItem {
        label: name.to_string(),
        kind: Some(CompletionItemKind::PROPERTY),
        detail: Some(detail),
        documentation: Some(markdown(key_doc(def, name))),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text: format!("{name}: ") })),
        tags: (def.status == Status::Deprecated).then(|| vec![CompletionItemTag::DEPRECATED]),
        ..CompletionItem::default()
    }
}

/// The words a key takes.
fn value_items(def: &KeyDef, _typed: &str, range: lsp_types::Range) -> Vec<CompletionItem> {
    let words: Vec<&str> = match def.kind {
        Kind::Enum { values, .. } => values.to_vec(),
        Kind::Switch { on, off } => on.iter().chain(off).copied().collect(),
        Kind::Priority => vec!["max", "min"],
        _ => Vec::new(),
    };
    words
        .into_iter()
        .map(|word| CompletionItem {
            label: word.to_string(),
            kind: Some(CompletionItemKind::ENUM_MEMBER),
            detail: (def.default == Some(word)).then(|| "default".to_string()),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text: word.to_string() })),
            ..CompletionItem::default()
        })
        .collect()
}
