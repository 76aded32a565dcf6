use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::locate;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports `last_man_standing: 1` when `wait_for_all` is not in effect.
/// ## Why it matters
/// last_man_standing lowers expected votes as nodes fail (one step per
/// `last_man_standing_window`), so a few survivors stay quorate. If the failed nodes then come
/// back on the other side of a network fault, they start with the configured expected votes and
/// can form a quorate majority of their own, while the survivors are quorate too: split brain.
/// `wait_for_all` stops returning nodes from becoming quorate until they have seen every node.
/// votequorum's documentation pairs the two features.
/// ## Example
/// `last_man_standing: 1` on a five-node cluster with no `wait_for_all`.
/// ## Fix
/// Add `wait_for_all: 1`.
pub const LAST_MAN_STANDING_WITHOUT_WAIT_FOR_ALL: Rule = Rule {
    name: "last-man-standing-without-wait-for-all",
    code: "Q608",
    category: Category::Quorum,
    severity: Severity::Warning,
    summary: "last_man_standing without wait_for_all",
    check,
    fix: crate::fix::FixAvailability::None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let m = ctx.quorum();
    if !m.is_votequorum() || !m.last_man_standing || m.wait_for_all {
        return;
    }
    let Some(span) = locate::key(ctx.cmap, "quorum.last_man_standing") else { return };
    let mut d = Diagnostic::new(
        &LAST_MAN_STANDING_WITHOUT_WAIT_FOR_ALL,
        span,
        "quorum.last_man_standing is set without wait_for_all",
    )
    .with_label("last_man_standing without wait_for_all")
    .with_help(
        "nodes that return after last_man_standing lowered expected votes can form a second quorate partition; add `wait_for_all: 1`",
    );
    if let Some(wfa) = locate::key(ctx.cmap, "quorum.wait_for_all") {
        d = d.with_secondary(wfa, "wait_for_all is 0 here");
    }
    out.push(d);
}
