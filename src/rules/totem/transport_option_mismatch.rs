use crate::cmap::Value;
use crate::diagnostic::{Diagnostic, Severity};
use crate::nodes::Transport;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports interface and totem options the configured transport does not read: `bindnetaddr`,
/// `mcastaddr`, `broadcast` and `ttl` with knet (udp-only), and `knet_*` / `link_mode` keys with udp
/// or udpu. Two of them are fatal: `ttl` other than 1 on knet or udpu, and `knet_link_priority`
/// other than 1 on udp or udpu. `ttl: 1` and `knet_link_priority: 1` are corosync's defaults and
/// are not reported.
/// ## Why it matters
/// The ignored ones do nothing and mislead readers (a knet cluster with `mcastaddr` is not using
/// multicast). The fatal ones stop corosync: `Can only set ttl on multicast transport types for
/// interface N` and `Can only set link priority on knet transport type for interface N`.
/// ## Example
/// ```text
/// transport: knet
/// interface {
///     linknumber: 0
///     bindnetaddr: 192.168.1.0
///     mcastaddr: 239.255.1.1
/// }
/// ```
/// ## Fix
/// Remove the options the transport ignores; with knet, addresses come from the nodelist.
pub const TRANSPORT_OPTION_MISMATCH: Rule = Rule {
    name: "transport-option-mismatch",
    code: "T211",
    category: Category::Totem,
    severity: Severity::Warning,
    summary: "an option the configured transport ignores or refuses",
    check: check_mismatch,
    fix: crate::fix::FixAvailability::None,
};

fn check_mismatch(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    let transport = net.transport;
    if transport == Transport::Invalid {
        return;
    }
    let t = transport.as_str();
    let with_transport = |d: Diagnostic| match net.transport_span {
        Some(s) => d.with_secondary(s, "transport set here"),
        None => d,
    };
    for (n, link) in &net.links {
        for (key, setting) in &link.keys {
            let key = key.as_str();
            let num = setting.value.as_u64();
            if (key == "ttl" || key == "knet_link_priority") && num == Some(1) {
                // corosync's default: the line changes nothing, whatever the transport.
            } else if key == "ttl" && transport != Transport::Udp {
                let mut d = Diagnostic::new(
                    &TRANSPORT_OPTION_MISMATCH,
                    setting.span,
                    format!("link {n}: `ttl: {}` with transport {t}; only udp (multicast) uses ttl", setting.value),
                )
                .with_label(if num == Some(1) {
                    format!("ignored by {t}")
                } else {
                    format!("refused by {t}")
                });
                if num != Some(1) {
                    d.severity = Severity::Error;
                    d = d.with_help(format!(
                        "corosync refuses to start: `Can only set ttl on multicast transport types for interface {n}`; remove ttl"
                    ));
                } else {
                    d = d.with_help("remove ttl: it only applies to multicast");
                }
                out.push(with_transport(d));
            } else if transport == Transport::Knet && UDP_LINK_KEYS.contains(&key) {
                let help = if key == "mcastaddr" {
                    "knet never uses mcastaddr (but corosync still refuses an unparsable one); remove it"
                } else if key == "bindnetaddr" {
                    "with knet the local address comes from the nodelist; remove bindnetaddr"
                } else {
                    "knet does not use broadcast; remove it"
                };
                out.push(with_transport(
                    Diagnostic::new(
                        &TRANSPORT_OPTION_MISMATCH,
                        setting.span,
                        format!("link {n}: `{key}: {}` is a udp option; transport {t} ignores it", setting.value),
                    )
                    .with_label("ignored by knet")
                    .with_help(help),
                ));
            } else if transport.is_udp_family() && KNET_LINK_KEYS.contains(&key) {
                // corosync reads udp interface settings only when the block has bindnetaddr.
                let read = transport == Transport::Udpu || link.keys.contains_key("bindnetaddr");
                let fatal = key == "knet_link_priority" && read && !matches!(setting.value, Value::U8(1));
                let verb = if fatal { "refuses values other than 1" } else { "ignores it" };
                let mut d = Diagnostic::new(
                    &TRANSPORT_OPTION_MISMATCH,
                    setting.span,
                    format!("link {n}: `{key}: {}` is a knet option; transport {t} {verb}", setting.value),
                )
                .with_label(if fatal { format!("refused by {t}") } else { format!("ignored by {t}") });
                if fatal {
                    d.severity = Severity::Error;
                    d = d.with_help(format!(
                        "corosync refuses to start: `Can only set link priority on knet transport type for interface {n}`; remove knet_link_priority"
                    ));
                } else {
                    d = d.with_help("remove it, or switch to transport knet");
                }
                out.push(with_transport(d));
            }
        }
    }
    if transport.is_udp_family() {
        for key in KNET_TOTEM_KEYS {
            if let Some(e) = ctx.cmap.get(&format!("totem.{key}")) {
                out.push(with_transport(
                    Diagnostic::new(
                        &TRANSPORT_OPTION_MISMATCH,
                        e.span(),
                        format!("`{key}: {}` is a knet option; transport {t} ignores it", e.value),
                    )
                    .with_label(format!("ignored by {t}"))
                    .with_help("remove it, or switch to transport knet"),
                ));
            }
        }
    }
}

/// Interface keys only the udp (multicast) transport reads.
const UDP_LINK_KEYS: &[&str] = &["bindnetaddr", "mcastaddr", "broadcast"];

/// Interface keys only knet reads.
const KNET_LINK_KEYS: &[&str] = &[
    "knet_transport",
    "knet_link_priority",
    "knet_ping_interval",
    "knet_ping_timeout",
    "knet_ping_precision",
    "knet_pong_count",
];

/// totem keys only knet reads.
const KNET_TOTEM_KEYS: &[&str] = &[
    "link_mode",
    "knet_pmtud_interval",
    "knet_mtu",
    "knet_compression_model",
    "knet_compression_threshold",
    "knet_compression_level",
];
