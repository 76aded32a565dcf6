use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};
use crate::startup::Check;

/// ## What it does
/// Reports an `interface` `mcastaddr` that corosync cannot use: an address of a family `ip_version`
/// excludes or a host name in the `.invalid` domain, which never resolves (every transport parses
/// it), and with `transport: udp` an IPv4 address outside
/// 224.0.0.0/4 or an address of another family than the link's node addresses.
/// ## Why it matters
/// corosync refuses to start with `failed to parse mcast address '<a>'`,
/// `mcastaddr is not a correct multicast address for interface <N>` or
/// `Multicast address family does not match bind address family for interface <N>`.
/// ## Example
/// ```text
/// transport: udp
/// interface {
///     mcastaddr: 10.1.1.1
/// }
/// ```
/// ## Fix
/// Use a multicast address of the nodes' family (e.g. `239.192.1.1`, or `ff15::1` with
/// `ip_version: ipv6`), or remove `mcastaddr`: udp derives one from `cluster_name`, and knet and
/// udpu do not use it.
pub const INVALID_MCASTADDR: Rule = Rule {
    name: "invalid-mcastaddr",
    code: "T214",
    category: Category::Totem,
    severity: Severity::Error,
    summary: "mcastaddr corosync cannot parse or use (it refuses to start)",
    check: check_mcastaddr,
    fix: crate::fix::FixAvailability::None,
};

fn check_mcastaddr(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    for r in ctx.startup() {
        let (label, fix) = match r.check {
            Check::McastAddrNeverResolves => (
                "a name in `.invalid`, which never resolves".to_string(),
                "write a multicast address, or remove mcastaddr (only udp uses it)",
            ),
            Check::McastAddrUnparsable => (
                format!("not an address for ip_version {}", net.ip_version.as_str()),
                "write an address of the family ip_version allows, or remove mcastaddr (only udp uses it)",
            ),
            Check::McastAddrNotMulticast => (
                "not a multicast address".to_string(),
                "write a multicast address such as 239.192.1.1, or remove mcastaddr to let corosync derive one from cluster_name",
            ),
            Check::McastAddrFamily => (
                "family differs from the link's addresses".to_string(),
                "write a multicast address of the nodes' family, or remove mcastaddr",
            ),
            _ => continue,
        };
        out.push(
            Diagnostic::new(&INVALID_MCASTADDR, r.span, format!("corosync refuses to start: {}", r.message))
                .with_label(label)
                .with_help(fix),
        );
    }
}
