use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports `max_messages` greater than `window_size` (effective values: 17 and 50 by default), and
/// a `netmtu` above 65536, the largest packet knet and UDP can carry.
/// ## Why it matters
/// corosync accepts both. A node may then try to send more messages per token than the window
/// allows, and an oversized netmtu makes fragmentation fail at runtime instead of at startup.
/// ## Example
/// ```text
/// window_size: 20
/// max_messages: 40
/// netmtu: 100000
/// ```
/// ## Fix
/// Keep `max_messages` ≤ `window_size`; leave `netmtu` unset on knet (it discovers the path MTU)
/// or set it to the real MTU (e.g. 1500 or 9000).
pub const PACKET_LIMITS: Rule = Rule {
    name: "packet-limits",
    code: "T212",
    category: Category::Totem,
    severity: Severity::Warning,
    summary: "max_messages above window_size, or netmtu above 65536",
    check: check_packet_limits,
    fix: crate::fix::FixAvailability::None,
};

fn check_packet_limits(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let get = |k: &str| {
        ctx.cmap.get(&format!("totem.{k}")).and_then(|e| e.value.as_u64().filter(|v| *v != 0).map(|v| (v, e.span())))
    };
    let window = get("window_size");
    let max_messages = get("max_messages");
    let w = window.map_or(50, |(v, _)| v);
    let m = max_messages.map_or(17, |(v, _)| v);
    if m > w
        && let Some((_, primary)) = max_messages.or(window)
    {
        let mut d = Diagnostic::new(&PACKET_LIMITS, primary, format!("max_messages ({m}) is greater than window_size ({w})"))
            .with_label("max_messages > window_size")
            .with_help("a node may send at most max_messages per token rotation and window_size bounds all nodes together; keep max_messages ≤ window_size");
        if let Some((_, ws)) = window
            && ws != primary
        {
            d = d.with_secondary(ws, "window_size set here");
        }
        out.push(d);
    }
    if let Some((mtu, span)) = get("netmtu")
        && mtu > 65536
    {
        out.push(
            Diagnostic::new(&PACKET_LIMITS, span, format!("netmtu {mtu} is larger than any packet (65536)"))
                .with_label("above 65536")
                .with_help("corosync accepts it but cannot send such packets; remove netmtu on knet, or set the interface MTU (1500, 9000)"),
        );
    }
}
