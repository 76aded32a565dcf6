use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::{pairs, text_of};
use crate::rules::{Category, Context, Rule};
use crate::suggest;

/// ## What it does
/// Reports a `logger_subsys` whose `subsys` is not a subsystem corosync 3 has
/// (MAIN, TOTEM, KNET, QB, SERV, CFG, CMAP, CPG, QUORUM, VOTEQ, YKD, MON, WD,
/// SYNC, STATS, PLOAD, APIDEF, and QDEVICE for corosync-qdevice).
/// ## Why it matters
/// corosync creates a new, unused subsystem for an unknown name: the block's
/// settings (usually `debug: on`) silently affect nothing. Old names such as
/// `AMF` or `CMAN` come from corosync 1.
/// ## Example
/// `logger_subsys { subsys: AMF  debug: off }`
/// ## Fix
/// Use one of the names above (they are case-sensitive) or remove the block.
pub const UNKNOWN_LOGGER_SUBSYS: Rule = Rule {
    name: "unknown-logger-subsys",
    code: "L402",
    category: Category::Logging,
    severity: Severity::Warning,
    summary: "`logger_subsys` for a subsystem corosync does not have",
    check: check_unknown_logger_subsys,
    fix: crate::fix::FixAvailability::None,
};

fn check_unknown_logger_subsys(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in pairs(ctx) {
        if p.path != "logging.logger_subsys" || ctx.text(p.key) != b"subsys" {
            continue;
        }
        let name = text_of(ctx, p.value);
        if SUBSYSTEMS.contains(&name.as_str()) {
            continue;
        }
        let mut d = Diagnostic::new(&UNKNOWN_LOGGER_SUBSYS, p.value, format!("Unknown logging subsystem `{name}`"))
            .with_label("no such subsystem in corosync 3");
        let hint = SUBSYSTEMS
            .iter()
            .find(|s| s.eq_ignore_ascii_case(&name))
            .copied()
            .or_else(|| suggest::closest(&name, SUBSYSTEMS.iter().copied()));
        let help = "corosync creates an unused subsystem for it, so the block's settings affect nothing";
        d = match hint {
            Some(h) => d.with_help(format!("{help}; did you mean `{h}`?")),
            None => d.with_help(format!("{help}; known subsystems: {}", SUBSYSTEMS.join(", "))),
        };
        out.push(d);
    }
}

/// corosync 3.1.7's built-in logging subsystems, plus corosync-qdevice's.
pub const SUBSYSTEMS: &[&str] = &[
    "MAIN", "TOTEM", "KNET", "QB", "SERV", "CFG", "CMAP", "CPG", "QUORUM", "VOTEQ", "YKD", "MON", "WD", "SYNC",
    "STATS", "PLOAD", "APIDEF", "QDEVICE",
];
