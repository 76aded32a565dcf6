use crate::diagnostic::{Diagnostic, Severity};
use crate::nodes::Transport;
use crate::rules::{Category, Context, Rule};

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
    fix: crate::fix::FixAvailability::None,
};

fn check_ping_timers(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    if net.transport != Transport::Knet {
        return;
    }
    let token = net.effective_token(ctx.cmap);
    for (n, link) in &net.links {
        let get = |k: &str| link.get(k).and_then(|s| s.value.as_u64().filter(|v| *v != 0).map(|v| (v, s.span)));
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
