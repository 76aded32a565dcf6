use super::pve_profile::pve;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports `transport` set to something other than `knet`.
/// ## Why it matters
/// Proxmox VE 6 and later only support knet; `pve8to9` fails the cluster check
/// for any other explicit transport.
/// ## Example
/// `transport: udpu`
/// ## Fix
/// Remove `transport` (knet is the default) and migrate all nodes together.
pub const PVE_TRANSPORT_NOT_KNET: Rule = Rule {
    name: "pve-transport-not-knet",
    code: "P507",
    category: Category::Pve,
    severity: Severity::Error,
    summary: "transport other than knet",
    check: check_transport_not_knet,
    fix: crate::fix::FixAvailability::None,
};

fn check_transport_not_knet(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !pve(ctx) {
        return;
    }
    let Some(e) = ctx.cmap.get("totem.transport") else {
        return;
    };
    if e.value.to_bytes() == b"knet" {
        return;
    }
    out.push(
        Diagnostic::new(&PVE_TRANSPORT_NOT_KNET, e.span(), format!("`transport: {}` is not supported by Proxmox VE", e.value))
            .with_label("Proxmox VE needs knet")
            .with_help("Proxmox VE 6 and later only support knet and pve8to9 fails for other transports; remove the key (knet is the default) and restart corosync on all nodes together"),
    );
}
