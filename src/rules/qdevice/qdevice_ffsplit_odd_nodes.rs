use super::algorithm_span::algorithm_span;
use crate::diagnostic::{Diagnostic, Severity};
use crate::quorum::Algorithm;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports the `ffsplit` algorithm (the default) on a cluster with an odd number of nodes.
/// ## Why it matters
/// ffsplit only breaks 50:50 ties, and an odd node count never splits 50:50: qnetd never sees a
/// tie and the device adds nothing but one more thing that can fail. Proxmox's
/// `pvecm qdevice setup` refuses odd clusters ("not officially supported") and uses `lms`
/// without votes when forced. corosync and qnetd accept it.
/// ## Example
/// Three nodes and `device { model: net  votes: 1  net { host: q  algorithm: ffsplit } }`.
/// ## Fix
/// Drop the quorum device (three nodes already survive one failure), or use `algorithm: lms`
/// without `votes` so a lone node can survive (the qdevice becomes almost a single point of failure).
pub const QDEVICE_FFSPLIT_ODD_NODES: Rule = Rule {
    name: "qdevice-ffsplit-odd-nodes",
    code: "D702",
    category: Category::Qdevice,
    severity: Severity::Warning,
    summary: "ffsplit quorum device on an odd number of nodes never sees a tie",
    check: check_ffsplit,
    fix: crate::fix::FixAvailability::None,
};

fn check_ffsplit(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let m = ctx.quorum();
    let Some(q) = &m.qdevice else { return };
    let n = m.nodes.len();
    if !m.is_votequorum() || q.model != "net" || q.algorithm != Algorithm::Ffsplit || n % 2 == 0 {
        return;
    }
    let label = if q.algorithm_explicit { "ffsplit" } else { "ffsplit is the default algorithm" };
    out.push(
        Diagnostic::new(
            &QDEVICE_FFSPLIT_ODD_NODES,
            algorithm_span(ctx),
            format!(
                "the quorum device uses the ffsplit algorithm on {n} node{}, an odd count that never splits 50:50",
                if n == 1 { "" } else { "s" }
            ),
        )
        .with_label(label)
        .with_help(
            "qnetd never sees a tie, so the device adds no availability; Proxmox refuses a qdevice on an odd node count; drop the quorum device, or use `algorithm: lms` without `votes`",
        ),
    );
}
