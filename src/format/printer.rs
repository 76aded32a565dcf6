//! Prints a layout tree: LF endings, two spaces per level, `key: value`,
//! `name {` … `}`, comments re-indented to the entry they belong to, and one
//! blank line after every top-level section (PVE's `write_conf` layout).

use super::layout::{Block, ItemKind};
use super::ordering::{Plan, order};

/// Prints `root` with the entry order given by `plan`.
pub fn print(root: &Block<'_>, plan: &Plan, size_hint: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size_hint + size_hint / 4 + 16);
    block(&mut out, root, plan);
    out
}

fn indent(out: &mut Vec<u8>, depth: usize) {
    const SPACES: &[u8; 32] = b"                                ";
    let mut width = depth * 2;
    while width > 0 {
        let n = width.min(SPACES.len());
        out.extend_from_slice(SPACES.get(..n).unwrap_or_default());
        width -= n;
    }
}

fn line(out: &mut Vec<u8>, depth: usize, parts: &[&[u8]]) {
    indent(out, depth);
    for part in parts {
        out.extend_from_slice(part);
    }
    out.push(b'\n');
}

fn block(out: &mut Vec<u8>, b: &Block<'_>, plan: &Plan) {
    let depth = b.depth;
    for i in order(b, plan) {
        let Some(item) = b.items.get(i) else { continue };
        for comment in &item.comments {
            line(out, depth, &[comment]);
        }
        match &item.kind {
            ItemKind::Pair { key, value } => line(out, depth, &pair(key, value)),
            ItemKind::Section(section) => {
                line(out, depth, &[section.name, b" {"]);
                block(out, section, plan);
                line(out, depth, &[b"}"]);
                if depth == 0 {
                    out.push(b'\n');
                }
            }
        }
    }
    for comment in &b.trailing {
        line(out, depth, &[comment]);
    }
}

/// The parts of a `key: value` line that corosync reads back as the same
/// key and value: the empty key is written `:value`, an empty value as `key:`.
fn pair<'a>(key: &'a [u8], value: &'a [u8]) -> [&'a [u8]; 3] {
    if key.is_empty() {
        [b":", value, b""]
    } else if value.is_empty() {
        [key, b":", b""]
    } else if key == b":" {
        [b": ", value, b""]
    } else {
        [key, b": ", value]
    }
}
