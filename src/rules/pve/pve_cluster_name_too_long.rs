use super::pve_profile::pve;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a `cluster_name` longer than 15 characters.
/// ## Why it matters
/// Proxmox VE only creates clusters with names of at most 15 characters; a
/// longer name was written by hand and breaks that assumption in its tools.
/// ## Example
/// `cluster_name: production-cluster-01`
/// ## Fix
/// Use a name of at most 15 characters. Renaming an existing cluster needs
/// care: change it on all nodes at the same time.
pub const PVE_CLUSTER_NAME_TOO_LONG: Rule = Rule {
    name: "pve-cluster-name-too-long",
    code: "P506",
    category: Category::Pve,
    severity: Severity::Warning,
    summary: "cluster_name longer than 15 characters",
    check: check_cluster_name_too_long,
    fix: crate::fix::FixAvailability::None,
};

fn check_cluster_name_too_long(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !pve(ctx) {
        return;
    }
    let Some(e) = ctx.cmap.get("totem.cluster_name") else {
        return;
    };
    let name = e.value.to_bytes();
    let len = String::from_utf8_lossy(&name).chars().count();
    if len <= 15 {
        return;
    }
    out.push(
        Diagnostic::new(
            &PVE_CLUSTER_NAME_TOO_LONG,
            e.span(),
            format!("`cluster_name` `{}` has {len} characters, more than Proxmox VE allows (15)", e.value),
        )
        .with_label("longer than 15 characters")
        .with_help("`pvecm create` only accepts names of at most 15 characters; a longer name was set by hand and may break Proxmox VE tools; renaming needs all nodes changed together"),
    );
}
