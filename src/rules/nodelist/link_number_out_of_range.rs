use super::link_anchors::interface_anchor;
use crate::diagnostic::{Diagnostic, Severity};
use crate::nodes::MAX_LINKS;
use crate::rules::{Category, Context, Rule};
use crate::source::Span;

/// ## What it does
/// Reports `linknumber` or `ringN_addr` with a link number of 8 or more.
/// ## Why it matters
/// corosync supports links 0 to 7 and refuses to start: `interface ring number N is bigger than
/// allowed maximum 7`.
/// ## Example
/// `ring8_addr: 10.8.0.1`
/// ## Fix
/// Use links 0 to 7.
pub const LINK_NUMBER_OUT_OF_RANGE: Rule = Rule {
    name: "link-number-out-of-range",
    code: "N314",
    category: Category::Nodelist,
    severity: Severity::Error,
    summary: "a link number is 8 or more",
    check: check_link_range,
    fix: crate::fix::FixAvailability::None,
};

fn check_link_range(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    let diag = |span: Span, what: String, n: u32| {
        Diagnostic::new(&LINK_NUMBER_OUT_OF_RANGE, span, what).with_label("links are 0 to 7").with_help(format!(
            "corosync refuses to start: `interface ring number {n} is bigger than allowed maximum 7`; use links 0 to 7"
        ))
    };
    for node in &net.nodes {
        for a in node.addrs.iter().filter(|a| a.link >= MAX_LINKS) {
            out.push(diag(
                a.span,
                format!("{} of {} is link {}; corosync allows links 0 to 7", a.key, node.label(), a.link),
                a.link,
            ));
        }
    }
    for link in net.links.keys().filter(|l| **l >= MAX_LINKS) {
        let span = interface_anchor(net, *link)
            .or_else(|| net.links.get(link).and_then(|l| l.keys.values().next().map(|s| s.span)))
            .unwrap_or_default();
        out.push(diag(
            span,
            format!("interface linknumber {link} is out of range; corosync allows links 0 to 7"),
            *link,
        ));
    }
}
