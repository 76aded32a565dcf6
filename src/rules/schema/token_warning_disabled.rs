use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports `token_warning: 0`.
/// ## Why it matters
/// It disables corosync's warning that the token is taking too long, the early
/// sign of network or scheduling trouble.
/// ## Example
/// `token_warning: 0`
/// ## Fix
/// Remove it (default 75 %) unless silencing the warning is intended.
pub const TOKEN_WARNING_DISABLED: Rule = Rule {
    name: "token-warning-disabled",
    code: "S115",
    category: Category::Schema,
    severity: Severity::Info,
    summary: "`token_warning: 0` disables token timeout warnings",
    check: check_token_warning_disabled,
    fix: crate::fix::FixAvailability::None,
};

fn check_token_warning_disabled(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if let (Some(0), Some(e)) = (ctx.cmap.get_int("totem.token_warning"), ctx.cmap.get("totem.token_warning")) {
        out.push(
            Diagnostic::new(&TOKEN_WARNING_DISABLED, e.span(), "`token_warning: 0` disables token timeout warnings")
                .with_label("warnings off")
                .with_help("corosync no longer logs that the token is late, the early sign of network or scheduling trouble; remove the key for the default of 75"),
        );
    }
}
