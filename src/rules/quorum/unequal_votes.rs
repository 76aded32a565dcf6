use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::locate;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports every node whose `quorum_votes` is not 1, including 0.
/// ## Why it matters
/// corosync accepts any number. A node with 0 votes is a member that never counts;
/// a node with several votes can keep a minority of machines quorate, or stop a majority from
/// being quorate. Proxmox, pcs and corosync-qdevice's ffsplit algorithm all assume one vote per node;
/// with unequal votes votequorum also refuses an automatic qdevice vote count.
/// ## Example
/// `quorum_votes: 0` on a witness-like node; `quorum_votes: 2` on the "main" node.
/// ## Fix
/// Give every node one vote; use a quorum device (or auto_tie_breaker) to break ties.
pub const UNEQUAL_VOTES: Rule = Rule {
    name: "unequal-votes",
    code: "Q603",
    category: Category::Quorum,
    severity: Severity::Warning,
    summary: "A node has quorum_votes other than 1",
    check,
    fix: crate::fix::FixAvailability::None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let m = ctx.quorum();
    if !m.is_votequorum() {
        return;
    }
    for node in m.nodes.iter().filter(|n| n.votes_explicit && n.votes != 1) {
        let Some(span) = locate::key(ctx.cmap, &format!("nodelist.node.{}.quorum_votes", node.index)) else {
            continue;
        };
        let (msg, label) = if node.votes == 0 {
            (
                format!("node {} has quorum_votes: 0 and never counts towards quorum", node.label()),
                "no vote".to_string(),
            )
        } else {
            (
                format!(
                    "node {} has quorum_votes: {}, {} of the {} votes",
                    node.label(),
                    node.votes,
                    node.votes,
                    m.nodelist_votes
                ),
                format!("{} votes", node.votes),
            )
        };
        out.push(Diagnostic::new(&UNEQUAL_VOTES, span, msg).with_label(label).with_help(format!(
            "with these votes quorum is {} of {}; give every node `quorum_votes: 1` (or remove the key) and break ties with a quorum device",
            m.quorum, m.total_votes
        )));
    }
}
