use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::locate;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports `two_node: 1` when the nodelist does not have exactly two nodes, and (as a warning)
/// `two_node: 1` with `wait_for_all: 0`.
/// ## Why it matters
/// corosync starts silently. two_node only lowers quorum to 1 while at most two
/// members are up, so on three nodes it looks inert, but once one node is gone the remaining
/// two each hold quorum alone: if they then lose sight of each other, both keep running. It
/// also turns on wait_for_all (unless set), so a cold start waits for every node. On two nodes,
/// `wait_for_all: 0` lets a node that boots alone (link down) become quorate by itself.
/// ## Example
/// A two-node cluster that grew to three nodes and kept `two_node: 1`.
/// ## Fix
/// Remove `two_node` (and add `wait_for_all: 1` explicitly if you want it).
///
/// `check --fix --unsafe-fixes` removes `two_node` (or `wait_for_all: 0` on a two-node cluster).
/// Unsafe: it changes quorum.
pub const TWO_NODE_MISUSE: Rule = Rule {
    name: "two-node-misuse",
    code: "Q604",
    category: Category::Quorum,
    severity: Severity::Error,
    summary: "two_node is set on a cluster that does not have two nodes",
    check: check_misuse,
    fix: crate::fix::FixAvailability::Unsafe,
};

fn check_misuse(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let m = ctx.quorum();
    if !m.is_votequorum() || !m.two_node_configured {
        return;
    }
    if m.nodes.len() == 2 {
        if m.two_node
            && m.wait_for_all_configured == Some(false)
            && let Some(span) = locate::key(ctx.cmap, "quorum.wait_for_all")
        {
            let mut d = Diagnostic::new(
                &TWO_NODE_MISUSE,
                span,
                "quorum.wait_for_all is 0 with two_node, so a node that starts alone is quorate",
            )
            .with_label("wait_for_all switched off")
            .with_help(
                "with two_node quorum is 1; without wait_for_all a node that boots while the link is down becomes quorate on its own and can fence or run services next to its peer; remove `wait_for_all: 0`",
            );
            if let Some(two) = locate::key(ctx.cmap, "quorum.two_node") {
                d = d.with_secondary(two, "two_node set here");
            }
            d.severity = Severity::Warning;
            out.push(d.with_fix_opt(remove_fix(ctx, "quorum.wait_for_all", "Remove `wait_for_all: 0`")));
        }
        return;
    }
    let Some(span) = locate::key(ctx.cmap, "quorum.two_node") else { return };
    let n = m.nodes.len();
    let help = if n > 2 {
        format!(
            "corosync starts silently; with all {n} nodes up two_node does nothing, but once only two are left quorum drops to 1 and each of them is quorate on its own (split brain if they separate); wait_for_all also follows two_node; remove two_node"
        )
    } else {
        format!("with {n} node(s) two_node only turns on wait_for_all; remove it")
    };
    out.push(
        Diagnostic::new(
            &TWO_NODE_MISUSE,
            span,
            format!("quorum.two_node is set but the nodelist has {n} node(s), not 2"),
        )
        .with_label(format!("{n} nodes"))
        .with_help(help)
        .with_fix_opt(remove_fix(ctx, "quorum.two_node", "Remove `two_node`")),
    );
}

/// The unsafe fix: every assignment of `key` removed (it changes quorum).
fn remove_fix(ctx: &Context, key: &str, message: &str) -> Option<crate::fix::Fix> {
    crate::fix::edits::remove_key(&ctx.parsed.tree, ctx.cmap, key)
        .map(|(edits, intent)| crate::fix::Fix::unsafe_(message, edits, intent))
}
