use crate::diagnostic::{Diagnostic, Severity};
use crate::quorum::{Algorithm, Fatal};
use crate::rules::locate;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Checks the quorum device's votes against votequorum and corosync-qdevice:
/// - votes missing while `expected_votes` is set, or while node votes are unequal: fatal;
/// - `expected_votes − votes < 2`: fatal;
/// - `ffsplit` (the default algorithm) without `votes: 1` written out, or with nodes that do not
///   have exactly one vote: corosync-qdevice refuses to start;
/// - `lms` with votes other than the automatic N−1; `votes: 0`.
/// ## Why it matters
/// The fatal cases pass `corosync -t` and stop corosync at start with status 20. With ffsplit,
/// votequorum's automatic N−1 votes are accepted by corosync, but corosync-qdevice exits with
/// `50:50 split algorithm works only if quorum.device.votes configuration key is set to 1!`, so
/// the cluster expects votes that never come. With lms, fewer votes than N−1 no longer let a
/// lone node survive.
/// ## Example
/// `device { model: net  net { host: q  algorithm: ffsplit } }` on a four-node cluster, without
/// `votes: 1`.
/// ## Fix
/// ffsplit: write `votes: 1`. lms: remove `votes`. With `expected_votes`: remove it, or set
/// votes so that `expected_votes − votes ≥ 2`.
pub const QDEVICE_VOTES: Rule = Rule {
    name: "qdevice-votes",
    code: "D701",
    category: Category::Qdevice,
    severity: Severity::Error,
    summary: "quorum.device.votes missing, too high, or wrong for the algorithm",
    check,
    fix: crate::fix::FixAvailability::None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let m = ctx.quorum();
    if !m.is_votequorum() {
        return;
    }
    let Some(q) = &m.qdevice else { return };
    let votes_span = locate::key(ctx.cmap, "quorum.device.votes");
    let anchor = votes_span
        .or_else(|| locate::key(ctx.cmap, "quorum.device.model"))
        .unwrap_or_else(|| locate::quorum_anchor(ctx));
    let ev_span = locate::key(ctx.cmap, "quorum.expected_votes");
    let mut votes_fatal = false;
    for fatal in &m.fatals {
        let (msg, fix) = match fatal {
            Fatal::QdeviceVotesWithExpected => (
                "quorum.device.votes is not set while quorum.expected_votes is".to_string(),
                "remove expected_votes, or write the device's votes",
            ),
            Fatal::QdeviceVotesUnequal => (
                format!(
                    "quorum.device.votes is not set and the nodes' votes are unequal ({} votes on {} nodes)",
                    m.nodelist_votes,
                    m.nodes.len()
                ),
                "give every node one vote, or write the device's votes",
            ),
            Fatal::QdeviceVotesTooHigh => (
                format!(
                    "quorum.device.votes is {} with quorum.expected_votes {}, leaving fewer than 2 votes for the nodes",
                    q.votes_configured.unwrap_or(0),
                    m.expected_votes_configured.unwrap_or(0)
                ),
                "remove expected_votes, or lower the device's votes",
            ),
            _ => continue,
        };
        votes_fatal = true;
        let mut d = Diagnostic::new(&QDEVICE_VOTES, anchor, msg)
            .with_label("quorum device votes")
            .with_help(format!("{}; {fix}", fatal.help()));
        if let Some(ev) = ev_span
            && matches!(fatal, Fatal::QdeviceVotesWithExpected | Fatal::QdeviceVotesTooHigh)
        {
            d = d.with_secondary(ev, "expected_votes set here");
        }
        out.push(d);
    }
    if votes_fatal || q.model != "net" {
        return;
    }
    match q.algorithm {
        Algorithm::Ffsplit => {
            if q.votes_configured != Some(1) {
                let (msg, label) = match q.votes_configured {
                    None => (
                        format!(
                            "quorum.device.votes is not written; the ffsplit algorithm needs `votes: 1` (votequorum would give it {})",
                            q.votes
                        ),
                        "ffsplit needs `votes: 1` here",
                    ),
                    Some(v) => (format!("quorum.device.votes is {v}; the ffsplit algorithm needs 1"), "not 1"),
                };
                out.push(Diagnostic::new(&QDEVICE_VOTES, anchor, msg).with_label(label).with_help(
                    "corosync-qdevice refuses to start: `50:50 split algorithm works only if quorum.device.votes configuration key is set to 1!`; write `votes: 1` in the device section, or use `algorithm: lms`",
                ));
            }
            for node in m.nodes.iter().filter(|n| n.votes != 1) {
                let span =
                    locate::key(ctx.cmap, &format!("nodelist.node.{}.quorum_votes", node.index)).unwrap_or(anchor);
                out.push(
                    Diagnostic::new(
                        &QDEVICE_VOTES,
                        span,
                        format!("node {} has {} votes; the ffsplit algorithm needs every node to have 1", node.label(), node.votes),
                    )
                    .with_label("not 1 vote")
                    .with_help(format!(
                        "corosync-qdevice refuses to start: `50:50 split algorithm works only if all nodes have exactly 1 vote. Node {} has {} votes!`; give every node one vote",
                        node.nodeid.unwrap_or(0),
                        node.votes
                    )),
                );
            }
        }
        Algorithm::Lms | Algorithm::TwoNodeLms => {
            let auto = m.nodelist_votes.saturating_sub(1);
            if let (Some(v), Some(span)) = (q.votes_configured, votes_span)
                && u64::from(v) != auto
            {
                let mut d = Diagnostic::new(
                    &QDEVICE_VOTES,
                    span,
                    format!("quorum.device.votes is {v} with the {} algorithm; the default would be {auto}", q.algorithm.name()),
                )
                .with_label(format!("default is {auto} (nodes − 1)"))
                .with_help(format!(
                    "the lms algorithm is meant to keep a lone node quorate, which needs the automatic N−1 votes; with {v} vote(s) the cluster survives {} node failure(s) with the qdevice up; remove `votes`",
                    m.survives(true).map(|s| s.to_string()).unwrap_or_else(|| "no".into())
                ));
                d.severity = Severity::Warning;
                out.push(d);
            }
        }
        Algorithm::Test | Algorithm::Unknown(_) => {}
    }
    if q.votes_configured == Some(0)
        && let Some(span) = votes_span
    {
        let mut d =
            Diagnostic::new(&QDEVICE_VOTES, span, "quorum.device.votes is 0, so the quorum device never counts")
                .with_label("no vote")
                .with_help(
                    "a device with 0 votes cannot break any tie; remove the line (lms) or write `votes: 1` (ffsplit)",
                );
        d.severity = Severity::Warning;
        out.push(d);
    }
}
