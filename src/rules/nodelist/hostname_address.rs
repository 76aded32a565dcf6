use crate::addr;
use crate::addr::AddrKind;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports node addresses that are hostnames rather than IP literals.
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
};

fn check_hostnames(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    for node in &net.nodes {
        for a in node.addrs.iter().filter(|a| a.kind == AddrKind::Hostname) {
            if addr::has_leading_zero_part(&a.value) {
                continue; // octal-address explains it
            }
            out.push(
                Diagnostic::new(&HOSTNAME_ADDRESS, a.span, format!("{} `{}` is a hostname, resolved through DNS at startup", a.key, a.shown()))
                    .with_label("hostname")
                    .with_help(format!(
                        "corosync resolves it with getaddrinfo (ip_version {}); if DNS or /etc/hosts differ between nodes the cluster breaks; prefer an IP address",
                        net.ip_version.as_str()
                    )),
            );
        }
    }
}
