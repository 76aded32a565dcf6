use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::locate;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a cluster whose nodes can split into two halves with equal votes while there is no
/// quorum device, no `two_node` and no `auto_tie_breaker` in effect. A two-node cluster is a
/// warning (any single failure stops it); four or more nodes are reported as info.
/// ## Why it matters
/// In a 50:50 split neither half has a majority, so both halves stop: safe, but a full outage
/// from a single network fault. With two nodes that is every failure of either node.
/// ## Example
/// Four nodes with one vote each and `quorum { provider: corosync_votequorum }` only.
/// ## Fix
/// Add a quorum device (`ffsplit` with `votes: 1`), or `two_node: 1` for two nodes, or
/// `auto_tie_breaker: 1`, or an odd number of nodes.
pub const NO_TIE_BREAKER: Rule = Rule {
    name: "no-tie-breaker",
    code: "Q606",
    category: Category::Quorum,
    severity: Severity::Warning,
    summary: "Even vote count without qdevice, two_node or auto_tie_breaker: a 50:50 split stops both halves",
    check,
    fix: crate::fix::FixAvailability::None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let m = ctx.quorum();
    if !m.is_votequorum() || m.fatal.is_some() || m.qdevice.is_some() || m.two_node || m.auto_tie_breaker.is_some() {
        return;
    }
    let Some(split) = m.even_split(false) else { return };
    if split.a.quorate || split.b.quorate {
        return;
    }
    let span = locate::section_open(ctx, &["nodelist"]).unwrap_or_else(|| locate::quorum_anchor(ctx));
    let n = m.nodes.len();
    let half = split.a.node_votes;
    let mut d = Diagnostic::new(
        &NO_TIE_BREAKER,
        span,
        format!("the {n} nodes can split {half}:{half} votes and nothing breaks the tie, so both halves lose quorum"),
    )
    .with_label(format!("{} votes, quorum {}", m.total_votes, m.quorum));
    if n == 2 {
        d = d.with_help(
            "with two nodes the cluster survives no failure at all; set `two_node: 1` (with fencing) or add a quorum device with `votes: 1`",
        );
    } else {
        d = d.with_help(
            "a 50:50 network split stops the whole cluster; add a quorum device (ffsplit, `votes: 1`) or `auto_tie_breaker: 1`, or run an odd number of nodes",
        );
        d.severity = Severity::Info;
    }
    out.push(d);
}
