use super::pve_profile::pve;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a zero `totem.config_version`. (A missing version is
/// `missing-config-version`, an error in the pve profile; a version pmxcfs
/// reads from elsewhere, e.g. a comment, is `commented-config-version`.)
/// ## Why it matters
/// pmxcfs copies `/etc/pve/corosync.conf` to every node only if it finds a
/// non-zero version ("unable to parse cluster config_version" otherwise), and
/// `pvecm` refuses to edit a file without one; pmxcfs treats 0 as "no version".
/// ## Example
/// `totem { config_version: 0 }` in `/etc/pve/corosync.conf`.
/// ## Fix
/// Keep exactly one `config_version: N` with N ≥ 1 in `totem`, and no other
/// text matching `config_version:` before it.
pub const PVE_CONFIG_VERSION: Rule = Rule {
    name: "pve-config-version",
    code: "P503",
    category: Category::Pve,
    severity: Severity::Error,
    summary: "config_version is 0, which pmxcfs does not sync",
    check: check_config_version,
    fix: crate::fix::FixAvailability::None,
};

fn check_config_version(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !pve(ctx) {
        return;
    }
    // A missing version is `missing-config-version` (an error in this profile).
    let Some(entry) = ctx.cmap.get("totem.config_version") else {
        return;
    };
    // What pmxcfs reads instead (a commented-out or unparsable version) is
    // `commented-config-version`.
    if ctx.cmap.get_int("totem.config_version") == Some(0) {
        out.push(
            Diagnostic::new(&PVE_CONFIG_VERSION, entry.span(), "`config_version` is 0")
                .with_label("pmxcfs needs a version above 0")
                .with_help("pmxcfs treats 0 as no version and does not sync the file; set it to 1 or higher and raise it on every change"),
        );
    }
}
