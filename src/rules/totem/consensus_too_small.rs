use super::effective_timeouts::{MINIMUM_TIMEOUT, Timeouts, explicit};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Compares the effective `consensus` with `join` and with the effective token: consensus below
/// join is an error, consensus below 1.2 × token is a warning. The effective token includes
/// `token_coefficient` × (nodes on link 0 − 2) when there are more than two nodes.
/// ## Why it matters
/// corosync refuses to start when consensus < join (`The consensus timeout parameter (C ms) may not
/// be less than join timeout (J ms).`). A consensus shorter than 1.2 × token is accepted but lets a
/// new membership form before the token loss is certain, causing needless reconfigurations.
/// ## Example
/// ```text
/// token: 5000
/// consensus: 3000
/// ```
/// ## Fix
/// Remove `consensus` (the default is 1.2 × token), or set it to at least 1.2 × the effective token.
pub const CONSENSUS_TOO_SMALL: Rule = Rule {
    name: "consensus-too-small",
    code: "T209",
    category: Category::Totem,
    severity: Severity::Error,
    summary: "consensus is below join (fatal) or below 1.2 × token",
    check: check_consensus,
    fix: crate::fix::FixAvailability::None,
};

fn check_consensus(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let cmap = ctx.cmap;
    let net = ctx.network();
    let t = Timeouts::compute(cmap, net);
    let consensus_at = explicit(cmap, "consensus").map(|(_, s)| s);
    if t.consensus >= MINIMUM_TIMEOUT && t.consensus < t.join {
        let span = consensus_at
            .or_else(|| explicit(cmap, "token").map(|(_, s)| s))
            .or_else(|| explicit(cmap, "join").map(|(_, s)| s))
            .unwrap_or_else(|| net.totem_anchor());
        let mut d = Diagnostic::new(
            &CONSENSUS_TOO_SMALL,
            span,
            format!("consensus is {} ms, less than join ({} ms)", t.consensus, t.join),
        )
        .with_label(if consensus_at.is_some() { "below join".to_string() } else { format!("consensus = 1.2 × token = {} ms", t.consensus) })
        .with_help(format!(
            "corosync refuses to start: `The consensus timeout parameter ({} ms) may not be less than join timeout ({} ms).`",
            t.consensus, t.join
        ));
        if let Some((_, js)) = explicit(cmap, "join")
            && js != span
        {
            d = d.with_secondary(js, "join set here");
        }
        out.push(d);
        return;
    }
    if let Some(span) = consensus_at
        && t.consensus >= MINIMUM_TIMEOUT
        && t.consensus.saturating_mul(10) < t.token.saturating_mul(12)
    {
        let mut d = Diagnostic::new(
            &CONSENSUS_TOO_SMALL,
            span,
            format!(
                "consensus is {} ms, less than 1.2 × the effective token ({} ms → {} ms)",
                t.consensus,
                t.token,
                t.token.saturating_mul(12) / 10
            ),
        )
        .with_label("below 1.2 × token")
        .with_help("corosync accepts it, but a new membership may form before token loss is certain; remove consensus to use 1.2 × token");
        d.severity = Severity::Warning;
        if let Some((_, ts)) = explicit(cmap, "token") {
            d = d.with_secondary(ts, "token set here");
        }
        out.push(d);
    }
}
