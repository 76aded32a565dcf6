use super::no_subsections::NO_SUBSECTIONS;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::{has_parser_error, sections, text_of};
use crate::rules::{Category, Context, Rule};
use crate::syntax::{ErrorKind, Section};

/// ## What it does
/// Reports a section nested inside `node`, `interface` (other than `member`),
/// `member`, `uidgid` or `logging_daemon`.
/// ## Why it matters
/// corosync up to 3.1.9 mishandles these: a section inside `node` flattens its
/// keys into the node and advances the node index, so every later node is
/// shifted; inside `interface` it ends the link's settings early. corosync
/// 3.1.10 keeps a node's subsection keys apart (totem ignores them) and
/// rejects subsections of `uidgid` and `member` outright (the syntax rules
/// `uidgid-subsection` and `member-subsection` report that for 3.1.10).
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
        // The target refuses or crashes on it: the syntax rule says so.
        if has_parser_error(ctx, &s.section.open) || crashes_on(ctx, s.section) {
            continue;
        }
        let name = text_of(ctx, s.section.name());
        let f = ctx.facts();
        let v = f.version;
        let why = match s.parent.as_str() {
            "nodelist.node" if f.node_subsections_flattened => format!(
                "corosync {v} flattens its keys into the node (a `nodeid` or `ring0_addr` there overrides the node's) and advances the node index when it closes, so every later node is shifted; 3.1.10 keeps them as `nodelist.node.N.{name}.*`, which totem ignores"
            ),
            "nodelist.node" => format!(
                "corosync {v} keeps its keys as `nodelist.node.N.{name}.*`, which totem ignores; 3.1.9 and older flatten them into the node and shift every later node"
            ),
            "totem.interface" if f.interface_subsection_ends_link => format!(
                "corosync {v} applies the link's settings when the nested section closes and treats the rest differently"
            ),
            "totem.interface" => format!(
                "corosync {v} ignores the nested section; 3.1.9 and older apply the link's settings when it closes"
            ),
            "uidgid" | "totem.interface.member" => {
                format!("corosync {v} accepts it and flattens its keys; 3.1.10 and later refuse the file")
            }
            _ => format!("corosync {v} handles its keys as part of the enclosing block"),
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

/// Whether the target crashes at the end of `section` (reported by a syntax rule).
fn crashes_on(ctx: &Context, section: &Section) -> bool {
    let open = section.open.span;
    ctx.cmap.errors.iter().any(|e| {
        matches!(e.kind, ErrorKind::LoggingDaemonSubsection | ErrorKind::LoggerSubsysSubsection)
            && e.related.as_ref().is_some_and(|(span, _)| span.start >= open.start && span.start < open.end)
    })
}
