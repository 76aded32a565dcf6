use super::link_anchors::link_anchor;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports more than one configured link with transport `udp` or `udpu`.
/// ## Why it matters
/// Only knet supports several links (redundant rings were dropped in corosync 3). corosync refuses
/// to start: `N is too many configured interfaces for non-Knet transport.`
/// ## Example
/// `transport: udpu` with nodes that have `ring0_addr` and `ring1_addr`.
/// ## Fix
/// Use transport knet for redundant links, or remove the extra links.
pub const TOO_MANY_LINKS: Rule = Rule {
    name: "too-many-links",
    code: "N317",
    category: Category::Nodelist,
    severity: Severity::Error,
    summary: "udp/udpu with more than one link",
    check: check_too_many_links,
    fix: crate::fix::FixAvailability::None,
};

fn check_too_many_links(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    if !net.transport.is_udp_family() {
        return;
    }
    let configured = net.configured_links();
    if configured.len() < 2 {
        return;
    }
    let n = configured.len();
    for link in configured.iter().skip(1) {
        let Some(span) = link_anchor(net, *link) else {
            continue;
        };
        let mut d = Diagnostic::new(
            &TOO_MANY_LINKS,
            span,
            format!("link {link} is configured, but transport {} supports one link", net.transport.as_str()),
        )
        .with_label(format!("link {link}"))
        .with_help(format!(
            "corosync refuses to start: `{n} is too many configured interfaces for non-Knet transport.`; use transport knet or remove the link"
        ));
        if let Some(t) = net.transport_span {
            d = d.with_secondary(t, "transport set here");
        }
        out.push(d);
    }
}
