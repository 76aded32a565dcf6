use super::pve_profile::pve;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::sections;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a cluster without `secauth: on` and without a `crypto_cipher`
/// other than `none`.
/// ## Why it matters
/// Proxmox VE warns that "authentication/encryption is not explicitly
/// enabled", and `pve8to9` fails its corosync check: cluster traffic,
/// including pmxcfs writes, would go over the network in clear text.
/// ## Example
/// `totem { crypto_cipher: none  crypto_hash: none }`
/// ## Fix
/// Set `crypto_cipher: aes256` and `crypto_hash: sha256` (or `secauth: on`),
/// with `/etc/corosync/authkey` present on every node.
pub const PVE_NO_ENCRYPTION: Rule = Rule {
    name: "pve-no-encryption",
    code: "P504",
    category: Category::Pve,
    severity: Severity::Error,
    summary: "neither `secauth: on` nor a crypto_cipher",
    check: check_no_encryption,
    fix: crate::fix::FixAvailability::None,
};

fn check_no_encryption(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !pve(ctx) {
        return;
    }
    let Some(totem) = sections(ctx).iter().find(|s| s.path == "totem") else {
        return;
    };
    let secauth_on = ctx.cmap.get_str("totem.secauth") == Some("on");
    let cipher = ctx.cmap.get_str("totem.crypto_cipher");
    if secauth_on || cipher.is_some_and(|c| c != "none") {
        return;
    }
    let span = ctx
        .cmap
        .get("totem.crypto_cipher")
        .or_else(|| ctx.cmap.get("totem.secauth"))
        .map(|e| e.span())
        .unwrap_or(totem.section.name());
    out.push(
        Diagnostic::new(&PVE_NO_ENCRYPTION, span, "Cluster traffic is neither encrypted nor authenticated")
            .with_label("no secauth: on and no crypto_cipher")
            .with_help("Proxmox VE warns about this and pve8to9 fails the check; set `crypto_cipher: aes256` and `crypto_hash: sha256` (or `secauth: on`) with /etc/corosync/authkey on every node"),
    );
}
