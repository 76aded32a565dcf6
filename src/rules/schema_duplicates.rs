//! Keys and sections written more than once: corosync keeps the last value,
//! merges repeated sections and lets a second nodelist overwrite the first.

use std::collections::BTreeMap;

use super::schema_support::{direct_pairs, sections, text_of, top_sections};
use super::{Category, Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

/// ## What it does
/// Reports a key set more than once for the same thing: twice in one section,
/// in two blocks corosync merges (two `totem` blocks, two `interface` blocks
/// of the same link, two `logger_subsys` blocks of the same subsystem).
/// ## Why it matters
/// The last value wins silently. Whoever edits the first one changes nothing.
/// ## Example
/// ```text
/// totem {
///     token: 3000
///     token: 10000
/// }
/// ```
/// ## Fix
/// Keep one assignment.
pub const DUPLICATE_KEY: Rule = Rule {
    name: "duplicate-key",
    code: "S120",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "key set more than once (the last one wins)",
    check: check_duplicate_key,
};

/// ## What it does
/// Reports a section written twice where corosync merges the copies: `totem`,
/// `quorum`, `logging`, `system`, `quorum.device`, ..., and two `logger_subsys`
/// blocks for the same subsystem. Repeated `node` and `interface` blocks are
/// normal and not reported.
/// ## Why it matters
/// corosync merges the blocks key by key, later values winning, which hides
/// settings in the first block. Proxmox VE's parser refuses such a file.
/// ## Example
/// Two `totem { }` blocks, one at the top and one at the end of the file.
/// ## Fix
/// Merge the blocks into one.
pub const DUPLICATE_SECTION: Rule = Rule {
    name: "duplicate-section",
    code: "S121",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "section written twice (corosync merges them)",
    check: check_duplicate_section,
};

/// ## What it does
/// Reports a second (third, ...) top-level `nodelist` block.
/// ## Why it matters
/// corosync restarts its node counter at every `nodelist {`, so the second
/// block overwrites the first one's nodes key by key, by position: node 0 of
/// the second list takes over node 0 of the first, and keys the second node
/// does not set stay from the first. The result is a hybrid node list.
/// ## Example
/// Two `nodelist { node { ... } }` blocks.
/// ## Fix
/// Put every `node` into a single `nodelist`.
pub const MULTIPLE_NODELISTS: Rule = Rule {
    name: "multiple-nodelists",
    code: "S122",
    category: Category::Schema,
    severity: Severity::Error,
    summary: "second nodelist overwrites the first by position",
    check: check_multiple_nodelists,
};

fn line_of(ctx: &Context, offset: usize) -> usize {
    ctx.source.line_col(offset).line
}

fn duplicate_help(key: &str) -> String {
    let link = key.strip_prefix("totem.interface.").and_then(|r| r.split_once('.')).map(|(l, _)| l);
    match link {
        Some(l) if l.bytes().all(|b| b.is_ascii_digit()) => format!(
            "corosync merges every `interface` block of link {l} (a block without `linknumber` is link 0) and keeps the last value of `{key}`; give each block its own `linknumber` or remove the extra assignment"
        ),
        _ => format!("corosync keeps the last value of `{key}`; remove the assignments that do not count"),
    }
}

fn check_duplicate_key(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let several_nodelists = top_sections(ctx, "nodelist").len() > 1;
    for (key, entry) in ctx.cmap.iter() {
        if entry.spans.len() < 2
            || key.starts_with("uidgid.")
            || key.contains(".member.")
            || key.ends_with(".subsys")
            || key == "totem.interface.ringnumber"
            || (several_nodelists && key.starts_with("nodelist."))
        {
            continue;
        }
        let Some((last, earlier)) = entry.spans.split_last() else {
            continue;
        };
        let name = key.rsplit('.').next().unwrap_or(key);
        for span in earlier {
            out.push(
                Diagnostic::new(
                    &DUPLICATE_KEY,
                    *span,
                    format!(
                        "`{name}` is set again on line {}; `{}` here is ignored",
                        line_of(ctx, last.start_usize()),
                        ctx.show(*span)
                    ),
                )
                .with_label("overridden")
                .with_secondary(*last, "this assignment wins")
                .with_help(duplicate_help(key)),
            );
        }
    }
}

fn check_duplicate_section(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<String, crate::source::Span> = BTreeMap::new();
    let mut subsys_seen: BTreeMap<Vec<u8>, crate::source::Span> = BTreeMap::new();
    for s in sections(ctx) {
        if s.path == "logging.logger_subsys" {
            let Some((_, _, _, value)) = direct_pairs(ctx, s.section).into_iter().rev().find(|(k, ..)| k == "subsys")
            else {
                continue;
            };
            let subsys = ctx.text(value).to_vec();
            if let Some(first) = subsys_seen.get(&subsys) {
                out.push(
                    Diagnostic::new(
                        &DUPLICATE_SECTION,
                        s.section.name(),
                        format!("Second `logger_subsys` block for `{}`", ctx.show(value)),
                    )
                    .with_label("merged with the first block")
                    .with_secondary(*first, "first block for this subsystem")
                    .with_help("corosync merges both blocks key by key (later values win) and Proxmox VE refuses the file; merge them into one"),
                );
            } else {
                subsys_seen.insert(subsys, s.section.name());
            }
            continue;
        }
        let Some(def) = crate::schema::known_section(&s.path) else {
            continue;
        };
        if def.repeatable || s.path == "nodelist" {
            continue;
        }
        if let Some(first) = seen.get(&s.scope) {
            let name = text_of(ctx, s.section.name());
            out.push(
                Diagnostic::new(&DUPLICATE_SECTION, s.section.name(), format!("Section `{}` is written a second time", s.path))
                    .with_label("merged into the first")
                    .with_secondary(*first, "first written here")
                    .with_help(format!(
                        "corosync merges both `{name}` blocks key by key (later values win), which hides settings; Proxmox VE refuses the file; merge them into one block"
                    )),
            );
        } else {
            seen.insert(s.scope.clone(), s.section.name());
        }
    }
}

fn check_multiple_nodelists(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let lists = top_sections(ctx, "nodelist");
    let Some((first, rest)) = lists.split_first() else {
        return;
    };
    for s in rest {
        out.push(
            Diagnostic::new(&MULTIPLE_NODELISTS, s.name(), "Second `nodelist` block overwrites the nodes of the first by position")
                .with_label("node 0 of this list replaces node 0 of the first, and so on")
                .with_secondary(first.name(), "first nodelist")
                .with_help("corosync restarts node numbering at every `nodelist {`, producing a mix of both lists; put all nodes into one nodelist"),
        );
    }
}
