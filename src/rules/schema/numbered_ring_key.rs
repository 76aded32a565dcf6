use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::pairs;
use crate::rules::{Category, Context, Rule};
use crate::schema;

/// ## What it does
/// Reports node address keys with a link number that is not written plainly,
/// such as `ring00_addr` or `ring01_addr`. (`ring+0_addr` is refused by the
/// parser: `+` is not allowed in key names.)
/// ## Why it matters
/// corosync reads the number with `sscanf("%u")` and takes them as link 0, but
/// only the exact key `ring0_addr` is used to find the local node and to
/// generate node ids, and Proxmox VE and pcs do not recognise the odd forms.
/// ## Example
/// `ring00_addr: 10.0.0.1`
/// ## Fix
/// Write `ring0_addr` … `ring7_addr`.
pub const NUMBERED_RING_KEY: Rule = Rule {
    name: "numbered-ring-key",
    code: "S107",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "`ringN_addr` with leading zeros",
    check: check_numbered_ring_key,
    fix: crate::fix::FixAvailability::None,
};

fn check_numbered_ring_key(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in pairs(ctx) {
        if p.path != "nodelist.node" {
            continue;
        }
        let key = p.key_text.as_str();
        let Some(n) = schema::ring_addr_link(key) else {
            continue;
        };
        if is_canonical_ring_key(key) {
            continue;
        }
        let canonical = format!("ring{n}_addr");
        if key == canonical {
            continue;
        }
        let mut help = format!("corosync reads `{key}` as link {n}, but tools (Proxmox VE, pcs, crmsh) do not");
        if n == 0 {
            help.push_str(
                ", and only the exact key `ring0_addr` is used to find the local node and to generate node ids",
            );
        }
        if n < 8 {
            help.push_str(&format!("; write `{canonical}`"));
        }
        out.push(
            Diagnostic::new(
                &NUMBERED_RING_KEY,
                p.key,
                format!("Node address key `{key}` is an unusual spelling of `{canonical}`"),
            )
            .with_label(format!("link {n}"))
            .with_help(help),
        );
    }
}

/// `ring<N>_addr` with N in plain decimal (no sign, no leading zero): the
/// spelling every tool reads, checked without formatting a string.
fn is_canonical_ring_key(key: &str) -> bool {
    let Some(digits) = key.strip_prefix("ring").and_then(|r| r.strip_suffix("_addr")) else {
        return false;
    };
    (1..=9).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
}
