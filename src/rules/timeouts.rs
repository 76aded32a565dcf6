//! totem timeouts, checked on the values corosync computes (`totem_volatile_config_read`
//! then `totem_volatile_config_validate`).

use super::{Category, Context, Rule};
use crate::cmap::CmapView;
use crate::diagnostic::{Diagnostic, Severity};
use crate::nodes::{Network, Transport};
use crate::source::Span;

/// corosync's `MINIMUM_TIMEOUT` (3 × 1000/HZ).
const MINIMUM_TIMEOUT: u64 = 30;
/// corosync's `MINIMUM_TIMEOUT_HOLD` (0.8 × 30 − 10).
const MINIMUM_TIMEOUT_HOLD: u64 = 14;

/// A timeout as written (`None` when unset or 0, both meaning "default").
fn explicit(cmap: &CmapView, key: &str) -> Option<(u64, Span)> {
    let e = cmap.get(&format!("totem.{key}"))?;
    let v = e.value.as_u64().filter(|v| *v != 0)?;
    Some((v, e.span()))
}

/// The effective timeouts, as corosync derives them.
struct Timeouts {
    token: u64,
    token_retransmit: u64,
    join: u64,
    consensus: u64,
}

impl Timeouts {
    fn compute(cmap: &CmapView, net: &Network) -> Timeouts {
        let token = net.effective_token(cmap);
        let before_loss =
            explicit(cmap, "token_retransmits_before_loss_const").map_or(4, |(v, _)| v);
        let token_retransmit = explicit(cmap, "token_retransmit").map_or_else(
            || (token as f64 / (before_loss as f64 + 0.2)) as u64,
            |(v, _)| v,
        );
        let join = explicit(cmap, "join").map_or(50, |(v, _)| v);
        let consensus =
            explicit(cmap, "consensus").map_or_else(|| (1.2 * token as f64) as u64, |(v, _)| v);
        Timeouts {
            token,
            token_retransmit,
            join,
            consensus,
        }
    }
}

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
};

fn check_timeouts(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let cmap = ctx.cmap;
    let net = Network::of(ctx);
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
        out.push(too_small(
            "max_network_delay",
            "max_network_delay",
            v,
            MINIMUM_TIMEOUT,
            span,
        ));
    }
    if let Some((_, span)) = explicit(cmap, "token")
        && t.token < MINIMUM_TIMEOUT
    {
        out.push(too_small(
            "token",
            "token timeout",
            t.token,
            MINIMUM_TIMEOUT,
            span,
        ));
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
            Some((v, span)) => out.push(too_small(
                "token_retransmit",
                "token retransmit timeout",
                v,
                MINIMUM_TIMEOUT,
                span,
            )),
            None if t.token >= MINIMUM_TIMEOUT => {
                let before_loss =
                    explicit(cmap, "token_retransmits_before_loss_const").map_or(4, |(v, _)| v);
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
        out.push(too_small(
            "hold",
            "token hold timeout",
            v,
            MINIMUM_TIMEOUT_HOLD,
            span,
        ));
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
};

fn check_consensus(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let cmap = ctx.cmap;
    let net = Network::of(ctx);
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

/// ## What it does
/// Reports knet ping timers per link where `knet_ping_timeout` is not greater than
/// `knet_ping_interval`, or where only one of the two is set (the other is then derived from the
/// token: interval = token ÷ (2 × pong_count), timeout = token ÷ pong_count).
/// ## Why it matters
/// knet marks a link down when no pong arrived within the timeout. A timeout at or below the
/// interval makes links flap; setting one timer alone silently pairs it with a token-derived
/// value that may contradict it. corosync does not check either.
/// ## Example
/// ```text
/// interface {
///     linknumber: 0
///     knet_ping_interval: 1000
///     knet_ping_timeout: 500
/// }
/// ```
/// ## Fix
/// Set both, with the timeout a few times the interval (e.g. interval 1000, timeout 2000), or neither.
pub const KNET_PING_TIMERS: Rule = Rule {
    name: "knet-ping-timers",
    code: "T210",
    category: Category::Totem,
    severity: Severity::Warning,
    summary: "knet_ping_timeout is not above knet_ping_interval, or only one is set",
    check: check_ping_timers,
};

fn check_ping_timers(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = Network::of(ctx);
    if net.transport != Transport::Knet {
        return;
    }
    let token = net.effective_token(ctx.cmap);
    for (n, link) in &net.links {
        let get = |k: &str| {
            link.get(k)
                .and_then(|s| s.value.as_u64().filter(|v| *v != 0).map(|v| (v, s.span)))
        };
        let pong = get("knet_pong_count").map_or(2, |(v, _)| v);
        let interval = get("knet_ping_interval");
        let timeout = get("knet_ping_timeout");
        match (interval, timeout) {
            (Some((i, is)), Some((t, ts))) if t <= i => out.push(
                Diagnostic::new(
                    &KNET_PING_TIMERS,
                    ts,
                    format!("link {n}: knet_ping_timeout {t} ms is not greater than knet_ping_interval {i} ms"),
                )
                .with_label("timeout ≤ interval")
                .with_secondary(is, "interval set here")
                .with_help("knet declares the link down when no pong arrives within the timeout; make the timeout a few times the interval"),
            ),
            (Some((i, is)), None) => {
                let derived = token / pong;
                out.push(
                    Diagnostic::new(
                        &KNET_PING_TIMERS,
                        is,
                        format!("link {n}: knet_ping_interval is set without knet_ping_timeout (derived: {derived} ms)"),
                    )
                    .with_label(if derived <= i { "derived timeout ≤ this interval" } else { "timeout not set" })
                    .with_help("corosync derives the missing timeout from the token (token ÷ knet_pong_count); set both timers explicitly"),
                );
            }
            (None, Some((t, ts))) => {
                let derived = token / (pong * 2);
                out.push(
                    Diagnostic::new(
                        &KNET_PING_TIMERS,
                        ts,
                        format!("link {n}: knet_ping_timeout is set without knet_ping_interval (derived: {derived} ms)"),
                    )
                    .with_label(if t <= derived { "timeout ≤ derived interval" } else { "interval not set" })
                    .with_help("corosync derives the missing interval from the token (token ÷ (2 × knet_pong_count)); set both timers explicitly"),
                );
            }
            _ => {}
        }
    }
}
