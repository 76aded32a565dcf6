use crate::addr;
use crate::addr::AddrKind;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports, once per file, node addresses that are hostnames rather than IP literals (every such
/// address is marked).
/// ## Why it matters
/// corosync resolves them with `getaddrinfo` at startup (and on reload), so the cluster depends on
/// DNS or `/etc/hosts` being right on every node. The family is picked by `ip_version` (default
/// `ipv6-4`: an AAAA record wins over an A record), and a name that resolves to 127.0.1.1 (Debian's
/// default hosts entry) binds to loopback.
/// ## Example
/// `ring0_addr: node1`
/// ## Fix
/// Prefer IP literals; otherwise make sure every node resolves every name to the cluster address.
pub const HOSTNAME_ADDRESS: Rule = Rule {
    name: "hostname-address",
    code: "N311",
    category: Category::Nodelist,
    severity: Severity::Info,
    summary: "a node address is a hostname (DNS-dependent)",
    check: check_hostnames,
    fix: crate::fix::FixAvailability::None,
};

fn check_hostnames(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    // octal-address explains the ones with a leading zero part.
    let names: Vec<&crate::nodes::NodeAddr> = net
        .nodes
        .iter()
        .flat_map(|n| &n.addrs)
        .filter(|a| a.kind == AddrKind::Hostname && !addr::has_leading_zero_part(&a.value))
        .collect();
    let Some((first, rest)) = names.split_first() else { return };
    let message = if rest.is_empty() {
        format!("{} `{}` is a hostname, resolved through DNS at startup", first.key, first.shown())
    } else {
        format!("{} node addresses are hostnames, resolved through DNS at startup", names.len())
    };
    let mut d = Diagnostic::new(&HOSTNAME_ADDRESS, first.span, message).with_label(format!("hostname `{}`", first.shown())).with_help(format!(
        "corosync resolves them with getaddrinfo (ip_version {}) on every start and reload; if DNS or /etc/hosts differ between nodes, or a name maps to 127.0.1.1, the cluster breaks; prefer IP addresses",
        net.ip_version.as_str()
    ));
    for a in rest {
        d = d.with_secondary(a.span, format!("hostname `{}`", a.shown()));
    }
    out.push(d);
}
