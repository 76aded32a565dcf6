use super::parser_rejected::parser_rejected;
use crate::cmap::Value;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a `totem` section without `version: 2`, or with any other version.
/// ## Why it matters
/// corosync refuses to start: `parse error in config: This totem parser can only parse version 2
/// configurations.` (`corosync -t` exits 8). There is no default.
/// ## Example
/// ```text
/// totem {
///     cluster_name: alpha
/// }
/// ```
/// ## Fix
/// Add `version: 2` to `totem`.
pub const UNSUPPORTED_TOTEM_VERSION: Rule = Rule {
    name: "unsupported-totem-version",
    code: "T201",
    category: Category::Totem,
    severity: Severity::Error,
    summary: "totem.version is missing or not 2",
    check: check_version,
    fix: crate::fix::FixAvailability::None,
};

fn check_version(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let help = "corosync refuses to start: `This totem parser can only parse version 2 configurations.`; write `version: 2` in totem";
    match ctx.cmap.get("totem.version") {
        Some(e) if e.value == Value::U32(2) => {}
        Some(e) => out.push(
            Diagnostic::new(
                &UNSUPPORTED_TOTEM_VERSION,
                e.span(),
                format!("totem version is {}, corosync 3 only reads version 2", e.value),
            )
            .with_label("must be 2")
            .with_help(help),
        ),
        None if parser_rejected(ctx, "totem.version") => {}
        None => {
            let net = ctx.network();
            let (message, label) = if net.totem_blocks.is_empty() {
                ("the file has no totem section, so no `version: 2`", "no totem section in this file")
            } else {
                ("totem has no `version` key", "no `version: 2` in here")
            };
            out.push(
                Diagnostic::new(&UNSUPPORTED_TOTEM_VERSION, net.totem_anchor(), message)
                    .with_label(label)
                    .with_help(help),
            );
        }
    }
}
