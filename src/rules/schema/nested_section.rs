use super::no_subsections::NO_SUBSECTIONS;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::{sections, text_of};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a section nested inside `node`, `interface` (other than `member`),
/// `member`, `uidgid` or `logging_daemon`.
/// ## Why it matters
/// corosync 3.1.7 mishandles these: a section inside `node` flattens its keys
/// into the node and advances the node index, so every later node is shifted;
/// inside `interface` it ends the link's settings early. corosync 3.1.10
/// rejects subsections of `uidgid` and `member` outright.
/// ## Example
/// ```text
/// node {
///     ring0_addr: 10.0.0.1
///     extra {
///     }
/// }
/// ```
/// ## Fix
/// Remove the nested section and put its keys where they belong.
pub const NESTED_SECTION: Rule = Rule {
    name: "nested-section",
    code: "S109",
    category: Category::Schema,
    severity: Severity::Error,
    summary: "section nested in node, interface, member, uidgid or logging_daemon",
    check: check_nested_section,
    fix: crate::fix::FixAvailability::None,
};

fn check_nested_section(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for s in sections(ctx) {
        if !NO_SUBSECTIONS.contains(&s.parent.as_str()) || s.path == "totem.interface.member" {
            continue;
        }
        let name = text_of(ctx, s.section.name());
        let why = match s.parent.as_str() {
            "nodelist.node" => {
                "corosync 3.1.7 flattens its keys into the node and advances the node index when it closes, so every later node is shifted"
            }
            "totem.interface" => {
                "corosync 3.1.7 applies the link's settings when the nested section closes and treats the rest differently"
            }
            "uidgid" | "totem.interface.member" => {
                "corosync 3.1.7 accepts it, corosync 3.1.10 and later refuse the file"
            }
            _ => "corosync 3.1.7 handles its keys as part of the enclosing block",
        };
        out.push(
            Diagnostic::new(
                &NESTED_SECTION,
                s.section.name(),
                format!("Section `{name}` is nested inside `{}`", s.parent),
            )
            .with_label("sections cannot nest here")
            .with_help(format!("{why}; remove the nested section")),
        );
    }
}
