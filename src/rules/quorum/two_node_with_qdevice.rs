use crate::diagnostic::{Diagnostic, Severity};
use crate::quorum::Fatal;
use crate::rules::locate;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports `two_node: 1` together with a quorum device (`quorum.device.model` set).
/// ## Why it matters
/// `corosync -t` accepts it, but corosync exits at start with status 20:
/// `configuration error: two_node and quorum device cannot be configured at the same time!`
///. `pvecm qdevice setup` does not remove a hand-added `two_node`.
/// ## Example
/// A two-node cluster with `two_node: 1` that later got a `device { model: net ... }`.
/// ## Fix
/// Remove `two_node`; the qdevice's vote breaks the tie.
///
/// `check --fix --unsafe-fixes` removes `two_node`. Unsafe: it changes how quorum is computed.
pub const TWO_NODE_WITH_QDEVICE: Rule = Rule {
    name: "two-node-with-qdevice",
    code: "Q605",
    category: Category::Quorum,
    severity: Severity::Error,
    summary: "two_node and a quorum device together (fatal at start)",
    check: check_qdevice,
    fix: crate::fix::FixAvailability::Unsafe,
};

fn check_qdevice(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let m = ctx.quorum();
    if !m.fatals.contains(&Fatal::TwoNodeWithQdevice) {
        return;
    }
    let Some(span) = locate::key(ctx.cmap, "quorum.two_node") else { return };
    let mut d = Diagnostic::new(&TWO_NODE_WITH_QDEVICE, span, "quorum.two_node is set together with a quorum device")
        .with_label("two_node")
        .with_help(format!("{}; remove two_node, the qdevice breaks the tie", Fatal::TwoNodeWithQdevice.help()));
    if let Some(model) = locate::key(ctx.cmap, "quorum.device.model") {
        d = d.with_secondary(model, "quorum device configured here");
    }
    // Unsafe: it changes how quorum is computed.
    let fix = crate::fix::edits::remove_key(&ctx.parsed.tree, ctx.cmap, "quorum.two_node").map(|(edits, intent)| {
        crate::fix::Fix::unsafe_("Remove `two_node`; the quorum device breaks the tie", edits, intent)
    });
    out.push(d.with_fix_opt(fix));
}
