use crate::diagnostic::{Diagnostic, Severity};
use crate::quorum::{Disabled, Fatal, TieBreaker};
use crate::rules::locate;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports `auto_tie_breaker` settings that votequorum switches off, refuses or reads
/// differently from how they look:
/// - ATB with an odd vote count, no `wait_for_all` and `last_man_standing`: fatal;
/// - ATB with an odd vote count and no `wait_for_all`: ATB switched off;
/// - ATB with `two_node`: two_node switched off;
/// - `auto_tie_breaker_node` without `auto_tie_breaker: 1`: ignored;
/// - `auto_tie_breaker_node` not `lowest`, `highest` or a list of nodeids: ATB switched off;
/// - a list that stops early: `1,3` is read as `1`; listed nodeids not in the nodelist.
/// ## Why it matters
/// corosync starts (except the first case, status 20) and only logs the problem; the tie-breaker
/// you planned for a 50:50 split is not there.
/// ## Example
/// `auto_tie_breaker: 1` with three nodes and no `wait_for_all: 1`; `auto_tie_breaker_node: 1,3`.
/// ## Fix
/// Use ATB on even clusters (add `wait_for_all: 1` on odd ones), without two_node; separate
/// nodeids with spaces.
pub const AUTO_TIE_BREAKER_MISUSE: Rule = Rule {
    name: "auto-tie-breaker-misuse",
    code: "Q607",
    category: Category::Quorum,
    severity: Severity::Warning,
    summary: "auto_tie_breaker settings that votequorum refuses, disables or misreads",
    check,
    fix: crate::fix::FixAvailability::None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let m = ctx.quorum();
    if !m.is_votequorum() {
        return;
    }
    let atb = locate::key(ctx.cmap, "quorum.auto_tie_breaker");
    let atb_node = locate::key(ctx.cmap, "quorum.auto_tie_breaker_node");
    let anchor = atb.or(atb_node).unwrap_or_else(|| locate::quorum_anchor(ctx));
    if m.fatals.contains(&Fatal::AtbLmsOdd) {
        let mut d = Diagnostic::new(
            &AUTO_TIE_BREAKER_MISUSE,
            anchor,
            format!(
                "quorum.auto_tie_breaker and last_man_standing are set on an odd vote count ({}) without wait_for_all",
                m.nodelist_votes
            ),
        )
        .with_label("auto_tie_breaker")
        .with_help(format!("{}; remove last_man_standing and add `wait_for_all: 1`", Fatal::AtbLmsOdd.help()));
        if let Some(lms) = locate::key(ctx.cmap, "quorum.last_man_standing") {
            d = d.with_secondary(lms, "last_man_standing");
        }
        d.severity = Severity::Error;
        out.push(d);
    }
    for dis in &m.disabled {
        let (span, msg, fix) = match dis {
            Disabled::AtbOddWithoutWaitForAll => (
                anchor,
                format!(
                    "quorum.auto_tie_breaker is set on an odd vote count ({}) without wait_for_all, so votequorum switches it off",
                    m.nodelist_votes
                ),
                "add `wait_for_all: 1` (mandatory for ATB on odd clusters), or remove auto_tie_breaker",
            ),
            Disabled::TwoNodeByAtb => (
                locate::key(ctx.cmap, "quorum.two_node").unwrap_or(anchor),
                "quorum.two_node and auto_tie_breaker are both set, so votequorum switches two_node off".to_string(),
                "keep one: two_node (fence race, needs fencing) or auto_tie_breaker (the lowest nodeid wins)",
            ),
            Disabled::AtbNodeWithoutAtb => (
                atb_node.unwrap_or(anchor),
                "quorum.auto_tie_breaker_node is set but auto_tie_breaker is not, so it is ignored".to_string(),
                "add `auto_tie_breaker: 1` or remove auto_tie_breaker_node",
            ),
            Disabled::AtbNodeInvalid => (
                atb_node.unwrap_or(anchor),
                format!(
                    "quorum.auto_tie_breaker_node `{}` is not lowest, highest or a list of nodeids, so auto_tie_breaker is off",
                    ctx.cmap
                        .get_bytes("quorum.auto_tie_breaker_node")
                        .map(|v| crate::source::display_bytes(&v))
                        .unwrap_or_default()
                ),
                "write `lowest`, `highest` or nodeids separated by spaces, e.g. `1 3`",
            ),
        };
        out.push(
            Diagnostic::new(&AUTO_TIE_BREAKER_MISUSE, span, msg)
                .with_label("switched off at start")
                .with_help(format!("{}; {fix}", dis.help())),
        );
    }
    // List quirks (only when the list is in effect).
    if m.auto_tie_breaker_configured
        && let Some(p) = &m.auto_tie_breaker_node
        && let Some(TieBreaker::List(ids)) = &p.tie_breaker
        && let Some(span) = atb_node
    {
        let read = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(" ");
        if let Some(rest) = &p.ignored_rest {
            out.push(
                Diagnostic::new(
                    &AUTO_TIE_BREAKER_MISUSE,
                    span,
                    format!("quorum.auto_tie_breaker_node is read as `{read}`; votequorum stops at `{rest}`"),
                )
                .with_label(format!("means `{read}`"))
                .with_help(
                    "votequorum reads nodeids separated by spaces and silently stops at the first character that is not part of a number (`1,3` means node 1 only); separate nodeids with spaces",
                ),
            );
        }
        let unknown: Vec<String> = ids
            .iter()
            .filter(|&&id| !m.nodes.iter().any(|n| n.nodeid.is_some_and(|x| i64::from(x) == id)))
            .map(i64::to_string)
            .collect();
        if !unknown.is_empty() && !m.nodes.is_empty() {
            out.push(
                Diagnostic::new(
                    &AUTO_TIE_BREAKER_MISUSE,
                    span,
                    format!("quorum.auto_tie_breaker_node lists nodeid(s) {} that are not in the nodelist", unknown.join(", ")),
                )
                .with_label("no such nodeid")
                .with_help("votequorum does not check the list; a nodeid that never joins can never win a tie; list existing nodeids"),
            );
        }
    }
}
