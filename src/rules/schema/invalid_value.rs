use super::value_ownership::not_mine;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::{has_parser_error, pairs};
use crate::rules::{Category, Context, Rule};
use crate::schema;

/// ## What it does
/// Reports values that corosync accepts at parse time but then rejects at
/// startup, silently replaces with the default, or ignores: `secauth: yes`
/// (only `on` works), `block_unlisted_ips: true`, `clear_node_high_bit: on`,
/// `broadcast: on`, `transport: KNET`, `link_mode: redundant`,
/// `knet_transport: tcp`, bad logging values (`to_syslog: true`,
/// `debug: yes`, `syslog_priority: trace`, `syslog_facility: LOCAL0`),
/// `token_warning` above 100, `knet_compression_threshold` above 65536,
/// `watchdog_timeout` outside 2..120, `system.priority: high`, and a negative
/// `poll_period` (it wraps around to 18446744073709551615; a negative
/// `config_version` is `invalid-config-version`).
/// ## Why it matters
/// The parser (`corosync -t` included) does not look at these values. Some
/// stop corosync when it starts; others silently mean the default, so the
/// file says "encrypted" or "blocked" while corosync does the opposite.
/// Values the parser itself refuses are reported by the syntax rules instead.
/// ## Example
/// ```text
/// totem {
///     secauth: yes
/// }
/// ```
/// ## Fix
/// Use one of the values named in the message.
pub const INVALID_VALUE: Rule = Rule {
    name: "invalid-value",
    code: "S110",
    category: Category::Schema,
    severity: Severity::Error,
    summary: "value corosync rejects at startup or silently replaces with the default",
    check: check_invalid_value,
    fix: crate::fix::FixAvailability::None,
};

fn check_invalid_value(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in pairs(ctx) {
        if !p.checkable || not_mine(&p.path) || has_parser_error(ctx, p.line) {
            continue;
        }
        let key = p.key_text.as_str();
        let Some(def) = p.def else {
            continue;
        };
        let Some(problem) = schema::check_value(def, ctx.text(p.value)) else {
            continue;
        };
        let mut help = match crate::startup::value_refusal(&p.path, key, ctx.text(p.value)) {
            Some(m) => {
                let rest = problem.help.strip_prefix("corosync refuses to start; ").unwrap_or(&problem.help);
                format!("corosync refuses to start: `{m}`; {rest}")
            }
            None => problem.help,
        };
        if ctx.text(p.value).contains(&b'#') {
            help.push_str("; a `#` after a value is part of the value, so put comments on their own line");
        }
        if matches!(ctx.text(p.value).first(), Some(b'"' | b'\'')) {
            help.push_str("; corosync keeps quotes as part of the value, so write it without quotes");
        }
        let span = if p.value.is_empty() { p.entry } else { p.value };
        out.push(
            Diagnostic::new(&INVALID_VALUE, span, format!("Invalid value for `{key}`: {}", problem.message))
                .with_label("not a value corosync uses")
                .with_help(help),
        );
    }
}
