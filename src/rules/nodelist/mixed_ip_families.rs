use std::net::IpAddr;

use crate::addr;
use crate::addr::IpVersion;
use crate::diagnostic::{Diagnostic, Severity};
use crate::nodes::NodeAddr;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports, per link, node addresses of different IP families (IPv4 and IPv6), and addresses whose
/// family `totem.ip_version` excludes (IPv6 with `ipv4`, IPv4 with `ipv6`).
/// ## Why it matters
/// corosync refuses to start: `Nodes for link N have different IP families (compared A with B)`,
/// or `failed to parse node address 'A'` when the family is excluded.
/// ## Example
/// Node 1 `ring0_addr: 10.0.0.1`, node 2 `ring0_addr: fd00::2`.
/// ## Fix
/// Use one family per link (separate links may use different families).
pub const MIXED_IP_FAMILIES: Rule = Rule {
    name: "mixed-ip-families",
    code: "N310",
    category: Category::Nodelist,
    severity: Severity::Error,
    summary: "a link mixes IPv4 and IPv6 addresses",
    check: check_families,
    fix: crate::fix::FixAvailability::None,
};

fn check_families(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    let version_span = ctx.cmap.get("totem.ip_version").map(|e| e.span());
    for link in net.address_links() {
        let mut first: Option<(&NodeAddr, IpAddr)> = None;
        for (_, a) in net.members(link) {
            let Some(ip) = a.ip() else { continue };
            if !net.ip_version.accepts(ip) {
                let mut d = Diagnostic::new(
                    &MIXED_IP_FAMILIES,
                    a.span,
                    format!("{} `{}` is {} but ip_version is {}", a.key, a.shown(), addr::family_name(ip), net.ip_version.as_str()),
                )
                .with_label(format!("{} address", addr::family_name(ip)))
                .with_help(format!(
                    "corosync refuses to start: `failed to parse node address '{0}'` (on that node's own host: `failed to parse bindnet address '{0}'`); use a {1} address or change ip_version",
                    a.shown(),
                    if net.ip_version == IpVersion::V4 { "IPv4" } else { "IPv6" }
                ));
                if let Some(s) = version_span {
                    d = d.with_secondary(s, "ip_version set here");
                }
                out.push(d);
                continue;
            }
            match first {
                None => first = Some((a, ip)),
                Some((f, fip)) if fip.is_ipv4() != ip.is_ipv4() => out.push(
                    Diagnostic::new(
                        &MIXED_IP_FAMILIES,
                        a.span,
                        format!(
                            "link {link} mixes {} `{}` with {} `{}`",
                            addr::family_name(ip),
                            a.shown(),
                            addr::family_name(fip),
                            f.shown()
                        ),
                    )
                    .with_label(format!("{} on an {} link", addr::family_name(ip), addr::family_name(fip)))
                    .with_secondary(f.span, format!("first address on link {link}"))
                    .with_help(format!(
                        "corosync refuses to start: `Nodes for link {link} have different IP families (compared {ip} with {fip})`; use one family per link"
                    )),
                ),
                Some(_) => {}
            }
        }
    }
}
