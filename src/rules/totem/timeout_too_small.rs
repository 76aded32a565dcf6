use super::effective_timeouts::{MINIMUM_TIMEOUT, MINIMUM_TIMEOUT_HOLD, Timeouts, explicit};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};
use crate::source::Span;

/// ## What it does
/// Reports totem timeouts below corosync's minimums, checked on the effective values (0 or unset
/// means the default): `token`, `token_retransmit` (also when computed from `token` and
/// `token_retransmits_before_loss_const`), `hold`, `join`, `consensus`, `merge`, `downcheck` and
/// `max_network_delay` must be at least 30 ms (`hold` 14 ms), and `token_warning` at most 100.
/// ## Why it matters
/// corosync refuses to start, e.g. `The token timeout parameter (20 ms) may not be less than (30 ms).`
/// or `Not appropriate token or token_retransmits_before_loss_const value set`.
/// ## Example
/// ```text
/// token: 100
/// token_retransmits_before_loss_const: 10
/// ```
/// (the computed token_retransmit is 9 ms)
/// ## Fix
/// Raise the value, or remove it to use the default.
pub const TIMEOUT_TOO_SMALL: Rule = Rule {
    name: "timeout-too-small",
    code: "T208",
    category: Category::Totem,
    severity: Severity::Error,
    summary: "a totem timeout is below corosync's minimum",
    check: check_timeouts,
    fix: crate::fix::FixAvailability::None,
};

fn check_timeouts(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let cmap = ctx.cmap;
    let net = ctx.network();
    let t = Timeouts::compute(cmap, net);
    let too_small = |key: &str, what: &str, v: u64, min: u64, span: Span| {
        Diagnostic::new(&TIMEOUT_TOO_SMALL, span, format!("{key} is {v} ms, below corosync's minimum of {min} ms"))
            .with_label(format!("at least {min}"))
            .with_help(format!(
                "corosync refuses to start: `The {what} parameter ({v} ms) may not be less than ({min} ms).`; raise it or remove it to use the default"
            ))
    };
    if let Some((v, span)) = explicit(cmap, "max_network_delay")
        && v < MINIMUM_TIMEOUT
    {
        out.push(too_small("max_network_delay", "max_network_delay", v, MINIMUM_TIMEOUT, span));
    }
    if let Some((_, span)) = explicit(cmap, "token")
        && t.token < MINIMUM_TIMEOUT
    {
        out.push(too_small("token", "token timeout", t.token, MINIMUM_TIMEOUT, span));
    }
    if let Some(e) = cmap.get("totem.token_warning")
        && let Some(v) = e.value.as_u64()
        && v > 100
    {
        out.push(
            Diagnostic::new(&TIMEOUT_TOO_SMALL, e.span(), format!("token_warning is {v}%, above 100%"))
                .with_label("0..100")
                .with_help(format!(
                    "corosync refuses to start: `The token warning parameter ({v}%) must be between 0 (disabled) and 100.`"
                )),
        );
    }
    if t.token_retransmit < MINIMUM_TIMEOUT {
        match explicit(cmap, "token_retransmit") {
            Some((v, span)) => {
                out.push(too_small("token_retransmit", "token retransmit timeout", v, MINIMUM_TIMEOUT, span))
            }
            None if t.token >= MINIMUM_TIMEOUT => {
                let before_loss = explicit(cmap, "token_retransmits_before_loss_const").map_or(4, |(v, _)| v);
                let span = explicit(cmap, "token_retransmits_before_loss_const")
                    .or_else(|| explicit(cmap, "token"))
                    .map_or_else(|| net.totem_anchor(), |(_, s)| s);
                out.push(
                    Diagnostic::new(
                        &TIMEOUT_TOO_SMALL,
                        span,
                        format!(
                            "token {} ms with token_retransmits_before_loss_const {before_loss} gives a token_retransmit of {} ms, below 30 ms",
                            t.token, t.token_retransmit
                        ),
                    )
                    .with_label("computed token_retransmit too small")
                    .with_help("corosync refuses to start: `Not appropriate token or token_retransmits_before_loss_const value set`; raise token or lower token_retransmits_before_loss_const"),
                );
            }
            None => {}
        }
    }
    if let Some((v, span)) = explicit(cmap, "hold")
        && v < MINIMUM_TIMEOUT_HOLD
    {
        out.push(too_small("hold", "token hold timeout", v, MINIMUM_TIMEOUT_HOLD, span));
    }
    for (key, what) in [
        ("join", "join timeout"),
        ("consensus", "consensus timeout"),
        ("merge", "merge timeout"),
        ("downcheck", "downcheck timeout"),
    ] {
        if let Some((v, span)) = explicit(cmap, key)
            && v < MINIMUM_TIMEOUT
        {
            out.push(too_small(key, what, v, MINIMUM_TIMEOUT, span));
        }
    }
}
