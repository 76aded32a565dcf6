use super::algorithm_span::algorithm_span;
use crate::diagnostic::{Diagnostic, Severity};
use crate::quorum::Algorithm;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports the `2nodelms` algorithm on a cluster that does not have exactly two nodes.
/// ## Why it matters
/// qnetd logs `does not have 2 configured nodes` and withholds its vote, so the device's votes,
/// which votequorum still expects, never arrive.
/// ## Example
/// `algorithm: 2nodelms` on a three-node cluster.
/// ## Fix
/// Use `algorithm: lms` (any node count) or `ffsplit` with `votes: 1` (even node counts).
pub const QDEVICE_2NODELMS_NODE_COUNT: Rule = Rule {
    name: "qdevice-2nodelms-node-count",
    code: "D707",
    category: Category::Qdevice,
    severity: Severity::Warning,
    summary: "2nodelms quorum device on a cluster without exactly two nodes",
    check: check_2nodelms,
    fix: crate::fix::FixAvailability::None,
};

fn check_2nodelms(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let m = ctx.quorum();
    let Some(q) = &m.qdevice else { return };
    let n = m.nodes.len();
    if q.model != "net" || q.algorithm != Algorithm::TwoNodeLms || n == 2 {
        return;
    }
    out.push(
        Diagnostic::new(
            &QDEVICE_2NODELMS_NODE_COUNT,
            algorithm_span(ctx),
            format!("quorum.device.net.algorithm is 2nodelms but the nodelist has {n} node(s)"),
        )
        .with_label("for exactly 2 nodes")
        .with_help(format!(
            "qnetd withholds its vote (`does not have 2 configured nodes`) while votequorum still expects {} vote(s) from it; use `algorithm: lms`",
            q.votes
        )),
    );
}
