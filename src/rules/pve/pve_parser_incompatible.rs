use std::collections::BTreeMap;

use super::pve_profile::pve;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::has_parser_error;
use crate::rules::{Category, Context, Rule};
use crate::source::Span;
use crate::syntax::{Line, LineKind, Node, Section};

/// ## What it does
/// Reports lines that corosync accepts but Proxmox VE's own parser
/// (`PVE::Corosync::parse_conf`, used by `pvecm` and the GUI) refuses or reads
/// differently: values with spaces, a `#` inside a value, an empty value,
/// `key:value` without a space, `key : value`, `totem{` without a space,
/// `totem: {`, a non-breaking space before a key, and a section (other than
/// `node` and `interface`) written twice, such as two `logger_subsys` blocks.
/// ## Why it matters
/// Proxmox VE splits the file into whitespace-separated words after cutting
/// every `#` to the end of the line. When that fails, `pvecm` and the cluster
/// API stop working ("missing ':' after key", "section ... already exists");
/// when it "works", Proxmox VE reads a different value than corosync and may
/// write it back on the next change (`cluster_name: my lab` → error;
/// `cluster_name: c#1` → `c`).
/// ## Example
/// `cluster_name: my lab`
/// ## Fix
/// Write `key: value` with one space after the colon and a value without
/// spaces or `#`; write `name {`; keep one block per section.
pub const PVE_PARSER_INCOMPATIBLE: Rule = Rule {
    name: "pve-parser-incompatible",
    code: "P501",
    category: Category::Pve,
    severity: Severity::Error,
    summary: "line Proxmox VE's parser rejects or reads differently than corosync",
    check: check_parser_incompatible,
    fix: crate::fix::FixAvailability::None,
};

fn check_parser_incompatible(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !pve(ctx) {
        return;
    }
    fn walk(ctx: &Context, nodes: &[Node], out: &mut Vec<Diagnostic>) {
        for node in nodes {
            match node {
                Node::Pair(line) => check_pair_line(ctx, line, out),
                Node::Section(s) => {
                    check_open_line(ctx, s, out);
                    walk(ctx, &s.children, out);
                }
                _ => {}
            }
        }
    }
    walk(ctx, &ctx.parsed.tree.nodes, out);
    check_repeats(ctx, &ctx.parsed.tree.nodes, out);
}

/// Perl's `\s` on a byte string: space, \t, \n, \x0b, \x0c, \r.
fn perl_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The words Proxmox VE sees on one line (comment cut at the first `#`).
fn pve_tokens(text: &[u8]) -> Vec<&[u8]> {
    let cut = text.iter().position(|&b| b == b'#').unwrap_or(text.len());
    text[..cut].split(|&b| perl_space(b)).filter(|t| !t.is_empty()).collect()
}

fn starts_with_nbsp(b: &[u8]) -> bool {
    b.first() == Some(&0xA0) || b.starts_with(&[0xC2, 0xA0])
}

fn incompatible(ctx: &Context, span: Span, message: String, help: &str) -> Diagnostic {
    let _ = ctx;
    Diagnostic::new(&PVE_PARSER_INCOMPATIBLE, span, message)
        .with_label("Proxmox VE reads this differently")
        .with_help(help.to_string())
}

fn check_pair_line(ctx: &Context, line: &Line, out: &mut Vec<Diagnostic>) {
    let LineKind::Pair { key, colon, value } = line.kind else {
        return;
    };
    let text = ctx.text(line.text);
    let key_text = ctx.text(key);
    let after_indent = ctx.text(Span { start: line.indent.end, end: line.text.end });
    if starts_with_nbsp(after_indent) {
        out.push(incompatible(
            ctx,
            key,
            format!("Key `{}` starts with a non-breaking space", ctx.show(key)),
            "Proxmox VE keeps the non-breaking space as part of the key, so it reads a different key (a node then has no `ring0_addr`), and corosync refuses the file; indent with spaces",
        ));
        return;
    }
    if has_parser_error(ctx, line) {
        return;
    }
    let tokens = pve_tokens(text);
    let body = Span { start: line.indent.end, end: line.text.end };
    let shown = ctx.show(body);
    let Some(first) = tokens.first() else {
        return;
    };
    if !first.ends_with(b":") {
        let msg = if key.end < colon {
            format!("`{shown}` has a space before the colon")
        } else if value.start == colon + 1 && !value.is_empty() {
            format!("`{shown}` has no space after the colon")
        } else {
            format!("Proxmox VE cannot split `{shown}` into key and value")
        };
        out.push(incompatible(
            ctx,
            body,
            msg,
            "Proxmox VE's parser fails with \"missing ':' after key\", which breaks pvecm and the cluster API; write `key: value`",
        ));
        return;
    }
    if tokens.len() == 1 {
        out.push(incompatible(
            ctx,
            body,
            format!("`{}` has an empty value", ctx.show(key)),
            "Proxmox VE takes the next word of the file (often `}`) as the value; give the key a value or remove the line",
        ));
        return;
    }
    if tokens.len() > 2 {
        out.push(incompatible(
            ctx,
            value,
            format!("Value of `{}` contains spaces: `{}`", ctx.show(key), ctx.show(value)),
            "Proxmox VE splits values at whitespace and fails with \"missing ':' after key\" (or misreads the rest as keys); use a value without spaces",
        ));
        return;
    }
    let pve_key = &first[..first.len() - 1];
    let pve_value = tokens.get(1).copied().unwrap_or_default();
    if pve_key != key_text || pve_value != ctx.text(value) {
        let help = if ctx.text(value).contains(&b'#') {
            "Proxmox VE cuts everything from `#` to the end of the line, even inside a value; remove the `#`"
        } else {
            "Proxmox VE splits the line at whitespace and takes the word ending in `:` as the key; write `key: value` with a single colon"
        };
        out.push(incompatible(
            ctx,
            body,
            format!(
                "Proxmox VE reads `{}` as `{}: {}`, corosync as `{}: {}`",
                shown,
                String::from_utf8_lossy(pve_key),
                String::from_utf8_lossy(pve_value),
                ctx.show(key),
                ctx.show(value)
            ),
            help,
        ));
    }
}

fn check_open_line(ctx: &Context, section: &Section, out: &mut Vec<Diagnostic>) {
    let line = &section.open;
    if has_parser_error(ctx, line) {
        return;
    }
    let name = ctx.text(section.name());
    let tokens = pve_tokens(ctx.text(line.text));
    if tokens.len() == 2 && tokens[0] == name && tokens[1] == b"{" {
        return;
    }
    let n = ctx.show(section.name());
    let (msg, help) = if tokens.len() == 1 {
        (
            format!("Section `{n}` has no space before `{{`"),
            "Proxmox VE's parser needs a space before `{` and fails with \"missing ':' after key\"; write `name {`"
                .to_string(),
        )
    } else if tokens.first().is_some_and(|t| t.ends_with(b":")) {
        (
            format!("Section `{n}` is opened with a colon"),
            format!("Proxmox VE reads the section name as `{n}:`, so it does not find `{n}`; write `{n} {{`"),
        )
    } else {
        (
            format!("Section name `{n}` is not a single word"),
            "Proxmox VE splits the name at whitespace and fails; use a name without spaces".to_string(),
        )
    };
    out.push(incompatible(ctx, Span { start: line.indent.end, end: line.text.end }, msg, &help));
}

fn check_repeats(ctx: &Context, nodes: &[Node], out: &mut Vec<Diagnostic>) {
    let mut sections_seen: BTreeMap<Vec<u8>, Span> = BTreeMap::new();
    let mut keys_seen: BTreeMap<Vec<u8>, Span> = BTreeMap::new();
    for node in nodes {
        match node {
            Node::Pair(line) => {
                if let LineKind::Pair { key, .. } = line.kind {
                    keys_seen.entry(ctx.text(key).to_vec()).or_insert(key);
                }
            }
            Node::Section(s) => {
                let name = ctx.text(s.name()).to_vec();
                if name != b"node" && name != b"interface" {
                    if let Some(first) = sections_seen.get(&name) {
                        out.push(
                            incompatible(
                                ctx,
                                s.name(),
                                format!("Section `{}` appears twice in the same block", ctx.show(s.name())),
                                "Proxmox VE's parser only allows `node` and `interface` to repeat and fails with \"section ... already exists and not marked as array\"; merge the blocks",
                            )
                            .with_secondary(*first, "first block"),
                        );
                    } else {
                        sections_seen.insert(name.clone(), s.name());
                    }
                }
                if let Some(k) = keys_seen.get(&name) {
                    out.push(
                        incompatible(
                            ctx,
                            s.name(),
                            format!("Section `{}` has the name of a key in the same block", ctx.show(s.name())),
                            "Proxmox VE stores keys and sections in one table and fails; rename one of them",
                        )
                        .with_secondary(*k, "key of the same name"),
                    );
                }
                check_repeats(ctx, &s.children, out);
            }
            _ => {}
        }
    }
}
