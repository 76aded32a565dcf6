use crate::addr;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};
use crate::source::Span;

/// ## What it does
/// Reports an IPv4 address with a part that has a leading zero, in node addresses and in
/// `bindnetaddr`/`mcastaddr`.
/// ## Why it matters
/// corosync resolves addresses with glibc, which reads such a part as octal: `10.40.0.013` is
/// 10.40.0.11 and `010.0.0.1` is 8.0.0.1. A part like `08` or `09` is not octal at all, so the
/// value is looked up as a hostname and corosync fails with `failed to parse node address`.
/// ## Example
/// `ring0_addr: 192.168.001.010`
/// ## Fix
/// Write every part in plain decimal without leading zeros.
pub const OCTAL_ADDRESS: Rule = Rule {
    name: "octal-address",
    code: "N309",
    category: Category::Nodelist,
    severity: Severity::Warning,
    summary: "an IPv4 part with a leading zero is read as octal",
    check: check_octal,
    fix: crate::fix::FixAvailability::None,
};

fn check_octal(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    let mut values: Vec<(String, Vec<u8>, Span)> = Vec::new();
    for node in &net.nodes {
        // Only the (rare) values with a leading zero are copied.
        values.extend(
            node.addrs
                .iter()
                .filter(|a| addr::has_leading_zero_part(&a.value))
                .map(|a| (a.key.clone(), a.value.clone(), a.span)),
        );
    }
    for link in net.links.values() {
        for key in ["bindnetaddr", "mcastaddr"] {
            if let Some(s) = link.get(key) {
                values.push((key.to_string(), s.value.to_bytes(), s.span));
            }
        }
    }
    for (key, value, span) in values {
        if !addr::has_leading_zero_part(&value) {
            continue;
        }
        let shown = crate::source::display_bytes(&value);
        let meant = addr::decimal_reading(&value).map(|a| a.to_string());
        let d = match addr::parse_ipv4_aton(&shown) {
            Some(real) => {
                let mut help = format!("glibc reads parts with a leading 0 as octal, so corosync uses {real}");
                if let Some(m) = meant.filter(|m| *m != real.to_string()) {
                    help.push_str(&format!("; if you meant {m}, write it without leading zeros"));
                } else {
                    help.push_str("; write it without leading zeros");
                }
                Diagnostic::new(
                    &OCTAL_ADDRESS,
                    span,
                    format!("{key} `{shown}` has a leading zero; corosync reads it as {real}"),
                )
                .with_label(format!("means {real}"))
                .with_help(help)
            }
            None => {
                let mut d = Diagnostic::new(
                    &OCTAL_ADDRESS,
                    span,
                    format!("{key} `{shown}` is not a valid address: a part with a leading zero is octal and 8 or 9 are not octal digits"),
                )
                .with_label("not an address")
                .with_help(format!(
                    "glibc treats the value as a hostname, which does not resolve, so corosync refuses to start (`failed to parse node address '{shown}'`); write {}",
                    meant.unwrap_or_else(|| "the address without leading zeros".into())
                ));
                d.severity = Severity::Error;
                d
            }
        };
        out.push(d);
    }
}
