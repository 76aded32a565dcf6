use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};
use crate::startup::{Check, MAX_NEW_SUBSYSTEMS, SUBSYS_NAME_MAX};

/// ## What it does
/// Reports a `logger_subsys` whose `subsys` name is 64 bytes or longer, and the first subsystem
/// beyond the 17 new (not built-in) ones corosync 3.1.7 can create.
/// ## Why it matters
/// corosync refuses to start (exit 7): `parse error in config: unable to create new logging
/// subsystem.` libqb limits names to 63 bytes and the number of subsystems to 32.
/// ## Example
/// A `logger_subsys` for each of 20 made-up subsystem names.
/// ## Fix
/// Configure only the subsystems corosync has (QUORUM, TOTEM, KNET, VOTEQ, CPG, ...; `corolint`
/// reports unknown ones with `unknown-logger-subsys`), with their exact names.
pub const LOGGER_SUBSYS_LIMIT: Rule = Rule {
    name: "logger-subsys-limit",
    code: "L403",
    category: Category::Logging,
    severity: Severity::Error,
    summary: "logger_subsys name too long or too many subsystems (corosync refuses to start)",
    check: check_subsys_limit,
    fix: crate::fix::FixAvailability::None,
};

fn check_subsys_limit(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for r in ctx.startup() {
        let (message, label) = match r.check {
            Check::SubsysNameTooLong => (
                format!("subsystem name is {SUBSYS_NAME_MAX} bytes or longer"),
                format!("at most {} bytes", SUBSYS_NAME_MAX - 1),
            ),
            Check::TooManySubsystems => (
                format!("more than {MAX_NEW_SUBSYSTEMS} subsystems that corosync does not have"),
                "one too many".to_string(),
            ),
            _ => continue,
        };
        out.push(
            Diagnostic::new(&LOGGER_SUBSYS_LIMIT, r.span, message)
                .with_label(label)
                .with_help(format!("corosync refuses to start: `{}`; keep only logger_subsys blocks for subsystems corosync has (QUORUM, TOTEM, KNET, VOTEQ, ...)", r.message)),
        );
    }
}
