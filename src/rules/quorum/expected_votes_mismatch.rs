use crate::diagnostic::{Diagnostic, Severity};
use crate::quorum::Fatal;
use crate::rules::locate;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Compares `quorum.expected_votes` with the votes that exist (Σ `quorum_votes` over the
/// nodelist, plus an explicit `quorum.device.votes`). Lower is an error; higher is a warning
/// that says how many failures the cluster then survives.
/// ## Why it matters
/// votequorum uses `expected_votes` even when it is lower than the nodelist's votes. With three
/// nodes and `expected_votes: 1`, a node that starts alone is quorate: two halves that
/// boot apart both run the cluster. Once every node has been seen, expected votes rise to the
/// total. A value higher than the votes that exist raises the threshold: the cluster survives
/// fewer failures, possibly none.
/// ## Example
/// `expected_votes: 1` with three nodes; `expected_votes: 5` with three nodes (quorum 3: no
/// node may fail).
/// ## Fix
/// Remove `expected_votes`; votequorum computes it from the nodelist.
pub const EXPECTED_VOTES_MISMATCH: Rule = Rule {
    name: "expected-votes-mismatch",
    code: "Q602",
    category: Category::Quorum,
    severity: Severity::Error,
    summary: "quorum.expected_votes differs from the votes in the nodelist",
    check,
    fix: crate::fix::FixAvailability::None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let m = ctx.quorum();
    if !m.is_votequorum() || m.nodes.is_empty() {
        return;
    }
    if m.fatals.iter().any(|f| matches!(f, Fatal::QdeviceVotesTooHigh | Fatal::QdeviceVotesWithExpected)) {
        return; // qdevice-votes reports the fatal combination
    }
    let Some(ev) = m.expected_votes_configured.map(u64::from) else { return };
    let Some(span) = locate::key(ctx.cmap, "quorum.expected_votes") else { return };
    let qdv = m.qdevice.as_ref().and_then(|q| q.votes_configured).map(u64::from).unwrap_or(0);
    let exist = m.nodelist_votes + qdv;
    let what = if qdv > 0 {
        format!("the nodes have {} votes and the qdevice {qdv}", m.nodelist_votes)
    } else {
        format!("the {} nodes have {} votes", m.nodes.len(), m.nodelist_votes)
    };
    if ev < exist {
        let lone = ev / 2 + 1;
        let majority = exist / 2 + 1;
        out.push(
            Diagnostic::new(
                &EXPECTED_VOTES_MISMATCH,
                span,
                format!("quorum.expected_votes is {ev} but {what}, so a partition with {lone} of {exist} votes can be quorate"),
            )
            .with_label(format!("lower than the {exist} votes that exist"))
            .with_help(format!(
                "votequorum uses expected_votes even when it is lower: a partition that starts without the others needs only {lone} votes instead of a majority of {majority}, so two partitions can both be quorate (split brain); remove expected_votes"
            )),
        );
    } else if ev > exist {
        let mut d = Diagnostic::new(
            &EXPECTED_VOTES_MISMATCH,
            span,
            format!("quorum.expected_votes is {ev} but {what}, so quorum needs {} votes", m.quorum),
        )
        .with_label(format!("higher than the {exist} votes that exist"));
        let with = m.survives(true);
        let normal = {
            let mut fixed = m.clone();
            fixed.expected_votes = fixed.total_votes;
            fixed.quorum = crate::quorum::calculate_quorum(
                fixed.total_votes,
                fixed.total_votes,
                fixed.nodes.len() + usize::from(qdv > 0),
                fixed.two_node,
            );
            fixed.survives(true)
        };
        let survives = match (with, normal) {
            (None, _) => "the cluster can never be quorate".to_string(),
            (Some(a), Some(b)) if a == b => format!(
                "quorum needs more votes than the nodelist's majority, though the cluster still survives {a} node failure(s)"
            ),
            (Some(a), Some(b)) => format!("the cluster survives {a} node failure(s) instead of {b}"),
            (Some(a), None) => format!("the cluster survives {a} node failure(s)"),
        };
        d = d.with_help(format!("{survives}; remove expected_votes unless nodes are about to be added"));
        d.severity = Severity::Warning;
        out.push(d);
    }
}
