use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::{direct_pairs, sections, text_of};
use crate::rules::{Category, Context, Rule};

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
    fix: crate::fix::FixAvailability::None,
};

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
