use crate::cmap::Entry;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::{has_parser_error, pairs, text_of};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports logging settings that contradict each other or are ignored:
/// `to_logfile: yes` without a `logfile`; a `logfile` while `to_logfile` is
/// off (reported as info: the file is still opened and created); and
/// `timestamp`, `fileline`, `function_name` or `blackbox` inside
/// `logger_subsys`, where corosync ignores them.
/// ## Why it matters
/// Without a `logfile`, `to_logfile: yes` writes nothing anywhere. The
/// top-level-only keys inside `logger_subsys` look like they change that
/// subsystem's format but have no effect.
/// ## Example
/// ```text
/// logging {
///     to_logfile: yes
/// }
/// ```
/// ## Fix
/// Add `logfile: /var/log/corosync/corosync.log`, or set `to_logfile: no`;
/// move the format keys to the top of `logging`.
pub const LOGGING_INCONSISTENT: Rule = Rule {
    name: "logging-inconsistent",
    code: "L401",
    category: Category::Logging,
    severity: Severity::Warning,
    summary: "logging settings that contradict each other or are ignored",
    check: check_logging_inconsistent,
    fix: crate::fix::FixAvailability::None,
};

fn check_logging_inconsistent(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let cmap = ctx.cmap;
    let global_file = cmap.get("logging.logfile");
    let global_to = to_logfile(ctx, "logging.");
    let mut prefixes = vec!["logging.".to_string()];
    let mut subsystems: Vec<String> = cmap
        .prefixed("logging.logger_subsys.")
        .filter_map(|(k, _)| k.strip_suffix(".subsys").map(|p| format!("{p}.")))
        .collect();
    subsystems.dedup();
    prefixes.extend(subsystems);
    for prefix in &prefixes {
        let Some((entry, Some(true))) = to_logfile(ctx, prefix) else {
            continue;
        };
        if cmap.get(&format!("{prefix}logfile")).is_some() || global_file.is_some() {
            continue;
        }
        out.push(
            Diagnostic::new(&LOGGING_INCONSISTENT, entry.span(), "`to_logfile` is on but no `logfile` is set")
                .with_label("nothing is written to a file")
                .with_help("corosync has no default log file, so nothing is logged to a file; add `logfile: /var/log/corosync/corosync.log` to `logging` or set `to_logfile: no`"),
        );
    }
    if let Some(file) = global_file
        && !matches!(global_to, Some((_, Some(true))))
    {
        let mut d = Diagnostic::new(
            &LOGGING_INCONSISTENT,
            file.span(),
            format!("`logfile: {}` is set but `to_logfile` is off", file.value),
        )
        .with_label("file is opened but not written")
        .with_help("corosync still opens (and creates) the file at startup, and fails if it cannot, but writes nothing to it; set `to_logfile: yes` or remove `logfile`");
        if let Some((e, _)) = global_to {
            d = d.with_secondary(e.span(), "logging to the file is off here");
        }
        d.severity = Severity::Info;
        out.push(d);
    }
    for p in pairs(ctx) {
        if !matches!(p.path.as_str(), "logging.logger_subsys" | "logging.logging_daemon")
            || has_parser_error(ctx, p.line)
        {
            continue;
        }
        let key = text_of(ctx, p.key);
        if !matches!(key.as_str(), "timestamp" | "fileline" | "function_name" | "blackbox") {
            continue;
        }
        out.push(
            Diagnostic::new(&LOGGING_INCONSISTENT, p.key, format!("`{key}` has no effect inside `logger_subsys`"))
                .with_label("ignored here")
                .with_help(format!(
                    "corosync reads `{key}` only at the top level of `logging`, for every subsystem; move it there"
                )),
        );
    }
}

fn is_on(e: Option<&Entry>) -> Option<bool> {
    match e?.value.to_bytes().as_slice() {
        b"yes" | b"on" => Some(true),
        b"no" | b"off" => Some(false),
        _ => None,
    }
}

/// The effective `to_logfile` of a prefix (`logging.` or `logging.logger_subsys.X.`): to_logfile wins over to_file.
fn to_logfile<'a>(ctx: &'a Context, prefix: &str) -> Option<(Entry<'a>, Option<bool>)> {
    let e = ctx.cmap.get(&format!("{prefix}to_logfile")).or_else(|| ctx.cmap.get(&format!("{prefix}to_file")))?;
    Some((e, is_on(Some(&e))))
}
