use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::top_sections;
use crate::rules::{Category, Context, Rule};

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
    fix: crate::fix::FixAvailability::None,
};

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
