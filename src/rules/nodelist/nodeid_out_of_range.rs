use crate::diagnostic::{Diagnostic, Severity};
use crate::nodes::{KNET_MAX_HOST, Transport};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports `nodeid: 0`, and with knet a nodeid of 65536 or more.
/// ## Why it matters
/// 0 means "no nodeid": knet refuses it (`Knet requires an explicit nodeid ...`) and udp/udpu
/// silently generate one from the address instead. knet supports node ids below 65536 only:
/// `Knet requires nodeid to be less than 65536 for address '<addr>'.`
/// ## Example
/// `nodeid: 70000`
/// ## Fix
/// Use unique node ids from 1 to 65535.
pub const NODEID_OUT_OF_RANGE: Rule = Rule {
    name: "nodeid-out-of-range",
    code: "N304",
    category: Category::Nodelist,
    severity: Severity::Error,
    summary: "nodeid is 0, or 65536 or more with knet",
    check: check_nodeid_range,
    fix: crate::fix::FixAvailability::None,
};

fn check_nodeid_range(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    for node in &net.nodes {
        let Some(id) = &node.nodeid else { continue };
        let addr = || node.addrs.first().map_or_else(String::new, |a| a.shown());
        if id.value == 0 {
            let mut d = Diagnostic::new(
                &NODEID_OUT_OF_RANGE,
                id.span,
                format!("{} has nodeid 0, which means no nodeid", node.label_without_id()),
            )
            .with_label("0 is not a node id");
            if net.transport == Transport::Knet && !node.addrs.is_empty() {
                d = d.with_help(format!(
                    "corosync refuses to start: `Knet requires an explicit nodeid to be specified for address '{}'.` (on this node's own host: `Knet requires an explicit nodeid for the local node`); use a unique id from 1 to 65535",
                    addr()
                ));
            } else {
                d.severity = Severity::Warning;
                d = d.with_help("corosync treats 0 as unset and generates an id from the IPv4 ring0 address; use a unique id from 1");
            }
            out.push(d);
        } else if net.transport == Transport::Knet && id.value >= KNET_MAX_HOST {
            out.push(
                Diagnostic::new(&NODEID_OUT_OF_RANGE, id.span, format!("nodeid {} of {} is too large for knet", id.value, node.label_without_id()))
                    .with_label("must be below 65536")
                    .with_help(format!(
                        "corosync refuses to start: `Knet requires nodeid to be less than 65536 for address '{}'.`; use a unique id from 1 to 65535",
                        addr()
                    )),
            );
        }
    }
}
