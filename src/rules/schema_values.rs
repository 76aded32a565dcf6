//! Values corosync accepts but misreads: wrong words for switches and
//! enumerations the parser does not check, trailing comments, quotes and
//! `{` inside values, and accepted-but-questionable numbers.

use super::schema_keys::looks_like_pair;
use super::schema_support::{has_parser_error, pairs, sections, text_of};
use super::{Category, Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::schema::{self, Kind};
use crate::source::Span;
use crate::syntax::LineKind;

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
};

/// ## What it does
/// Reports a `# comment` after the value of a string key.
/// ## Why it matters
/// corosync has no trailing comments: `cluster_name: prod # main` stores the
/// value `prod # main`. (For number keys the same mistake is a parse error.)
/// Proxmox VE's parser, on the other hand, cuts the comment off, so the two
/// disagree about the value.
/// ## Example
/// `cluster_name: prod # main cluster`
/// ## Fix
/// Move the comment to a line of its own.
pub const TRAILING_COMMENT: Rule = Rule {
    name: "trailing-comment",
    code: "S111",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "`# comment` after a value becomes part of the value",
    check: check_trailing_comment,
};

/// ## What it does
/// Reports a value in quotes.
/// ## Why it matters
/// corosync has no quoting: `cluster_name: "prod"` stores the seven characters
/// `"prod"`, quotes included. For number keys the quotes are a parse error.
/// ## Example
/// `cluster_name: "prod"`
/// ## Fix
/// Remove the quotes; values may contain spaces without them.
pub const QUOTED_VALUE: Rule = Rule {
    name: "quoted-value",
    code: "S112",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "quotes are kept as part of the value",
    check: check_quoted_value,
};

/// ## What it does
/// Reports a `key: value {` line: a value ending in `{`.
/// ## Why it matters
/// corosync treats any line containing `{` as a section opening. `cluster_name: a {`
/// opens a section literally named `cluster_name: a` (the key is never set),
/// and the block runs until the next `}`, swallowing the keys after it.
/// ## Example
/// `exec_ping: ping -c1 gw {`
/// ## Fix
/// Keep `{` out of values (put shell code in a script), and write sections as `name {`.
pub const BRACE_IN_VALUE: Rule = Rule {
    name: "brace-in-value",
    code: "S113",
    category: Category::Schema,
    severity: Severity::Error,
    summary: "`key: value {` opens a section instead of setting the key",
    check: check_brace_in_value,
};

/// ## What it does
/// Reports accepted numbers that do not do what they seem to: `max_messages`
/// larger than `window_size`, a `netmtu` above 65536, `mcastport: 0`, and a
/// `knet_compression_level` that knet rejects for the model (zlib 0..9,
/// bzip2 1..9).
/// ## Why it matters
/// corosync accepts them, but `max_messages` above `window_size` defeats flow
/// control, knet cannot send packets larger than 65536 bytes, port 0 means
/// "use the default port", not port 0, and a compression level knet rejects
/// silently leaves compression off.
/// ## Example
/// `max_messages: 100` with the default `window_size: 50`.
/// ## Fix
/// Use values in the documented ranges, or remove the key to get the default.
pub const SUSPICIOUS_VALUE: Rule = Rule {
    name: "suspicious-value",
    code: "S114",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "accepted number that does not do what it seems to",
    check: check_suspicious_value,
};

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
};

/// ## What it does
/// Reports a section opened with a colon, `totem: {` or `totem:: {`.
/// ## Why it matters
/// corosync strips the colons and accepts it, but it reads like a key. Proxmox
/// VE's parser takes the colon as part of the name, so `totem: {` is a
/// section named `totem:` there. `corolint fmt` writes `totem {`.
/// ## Example
/// `totem: {`
/// ## Fix
/// Write `totem {`.
pub const SECTION_COLON: Rule = Rule {
    name: "section-colon",
    code: "S116",
    category: Category::Style,
    severity: Severity::Info,
    summary: "section opened as `name: {`",
    check: check_section_colon,
};

/// Sections whose values belong to other rule families (quorum, qdevice).
fn not_mine(path: &str) -> bool {
    path == "quorum" || path.starts_with("quorum.")
}

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
        let mut help = problem.help;
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

/// Whether `invalid-value` reports this pair (so other value rules stay quiet).
fn invalid_value_reports(p: &super::schema_support::PairItem, key: &str, value: &[u8]) -> bool {
    p.checkable
        && !not_mine(&p.path)
        && schema::lookup(&p.path, key).is_some_and(|d| schema::check_value(d, value).is_some())
}

/// The offset of a `#` that starts a trailing comment in `value`, if any.
fn comment_start(value: &[u8]) -> Option<usize> {
    // The first `#` at the start or after a blank.
    memchr::memchr_iter(b'#', value).find(|&i| i == 0 || matches!(value.get(i - 1), Some(b' ' | b'\t')))
}

fn check_trailing_comment(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in pairs(ctx) {
        if has_parser_error(ctx, p.line) {
            continue;
        }
        let value = ctx.text(p.value);
        let Some(at) = comment_start(value) else {
            continue;
        };
        let key = text_of(ctx, p.key);
        if invalid_value_reports(p, &key, value) {
            continue; // invalid-value reports it, as an error
        }
        let comment = Span::new(p.value.start_usize() + at, p.value.end_usize());
        debug_assert!(!invalid_value_reports(p, &key, value));
        out.push(
            Diagnostic::new(
                &TRAILING_COMMENT,
                comment,
                format!("The comment after `{key}` is part of its value `{}`", ctx.show(p.value)),
            )
            .with_label("stored as part of the value")
            .with_help(format!(
                "corosync has no trailing comments and stores `{}` as the value; move the comment to a line of its own",
                ctx.show(p.value)
            )),
        );
    }
}

fn check_quoted_value(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in pairs(ctx) {
        let value = ctx.text(p.value);
        if !matches!(value.first(), Some(b'"' | b'\'')) || has_parser_error(ctx, p.line) {
            continue;
        }
        let key = text_of(ctx, p.key);
        if invalid_value_reports(p, &key, value) {
            continue; // invalid-value reports it, as an error, and mentions the quotes
        }
        let inner = value.get(1..value.len().saturating_sub(1)).unwrap_or_default();
        let closed = value.len() >= 2 && value.last() == value.first();
        let mut help = format!(
            "corosync has no quoting and stores `{}` with the quotes; remove them (values may contain spaces)",
            ctx.show(p.value)
        );
        if closed
            && p.checkable
            && !not_mine(&p.path)
            && schema::lookup(&p.path, &key).is_some_and(|d| !matches!(d.kind, Kind::Text | Kind::Path))
        {
            help.push_str(&format!("; without quotes the value would be `{}`", String::from_utf8_lossy(inner)));
        }
        out.push(
            Diagnostic::new(&QUOTED_VALUE, p.value, format!("Value of `{key}` is in quotes: `{}`", ctx.show(p.value)))
                .with_label("quotes are part of the value")
                .with_help(help),
        );
    }
}

fn check_brace_in_value(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for s in sections(ctx) {
        let name = text_of(ctx, s.section.name());
        if !looks_like_pair(&name) {
            continue;
        }
        let Some((key, value)) = name.split_once(':') else {
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if value.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::new(
                &BRACE_IN_VALUE,
                Span { start: s.section.open.indent.end, end: s.section.open.text.end },
                format!(
                    "`{}` opens a section named `{name}` instead of setting `{key}`",
                    ctx.show(Span { start: s.section.open.indent.end, end: s.section.open.text.end })
                ),
            )
            .with_label("`{` makes this line a section opening")
            .with_help(format!(
                "corosync treats any line containing `{{` as a section: `{key}` is not set, and the keys up to the next `}}` land inside the junk section; keep `{{` out of values"
            )),
        );
    }
}

fn check_suspicious_value(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let cmap = ctx.cmap;
    if let (Some(msgs), entry) = (cmap.get_int("totem.max_messages"), cmap.get("totem.max_messages")) {
        let window = cmap.get_int("totem.window_size").filter(|&w| w != 0).unwrap_or(50);
        if msgs > window
            && let Some(e) = entry
        {
            let mut d = Diagnostic::new(
                &SUSPICIOUS_VALUE,
                e.span(),
                format!("`max_messages: {msgs}` is larger than `window_size` ({window})"),
            )
            .with_label("more than the window")
            .with_help("a node may then send more messages per token than the whole ring may; keep max_messages at or below window_size");
            if let Some(w) = cmap.get("totem.window_size") {
                d = d.with_secondary(w.span(), "window size set here");
            }
            out.push(d);
        }
    }
    if let (Some(mtu), Some(e)) = (cmap.get_int("totem.netmtu"), cmap.get("totem.netmtu"))
        && mtu > 65536
    {
        out.push(
            Diagnostic::new(&SUSPICIOUS_VALUE, e.span(), format!("`netmtu: {mtu}` is larger than any packet can be"))
                .with_label("above 65536")
                .with_help("knet packets are at most 65536 bytes and IP packets 65535; remove netmtu or use the path MTU of the network"),
        );
    }
    if let (Some(model), Some(e)) =
        (cmap.get_str("totem.knet_compression_model"), cmap.get("totem.knet_compression_level"))
        && let crate::cmap::Value::I32(level) = e.value
    {
        let range = match model {
            "zlib" => Some((0, 9)),
            "bzip2" => Some((1, 9)),
            _ => None,
        };
        if let Some((min, max)) = range
            && !(min..=max).contains(&level)
        {
            out.push(
                Diagnostic::new(
                    &SUSPICIOUS_VALUE,
                    e.span(),
                    format!("`knet_compression_level: {level}` is outside {min}..{max}, the levels knet accepts for {model}"),
                )
                .with_label("knet rejects this level")
                .with_help(format!(
                    "corosync starts, but knet refuses the compression setup (`knet_handle_compress failed: Invalid argument`) and sends uncompressed; use a level in {min}..{max}"
                )),
            );
        }
    }
    for (k, e) in cmap.prefixed("totem.interface.") {
        if k.ends_with(".mcastport") && cmap.get_int(k) == Some(0) {
            out.push(
                Diagnostic::new(&SUSPICIOUS_VALUE, e.span(), "`mcastport: 0` means the default port, not port 0")
                    .with_label("default port")
                    .with_help("corosync replaces 0 with 5405 + link number for the local node's links; remove the key or write the port you mean"),
            );
        }
    }
}

fn check_token_warning_disabled(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if let (Some(0), Some(e)) = (ctx.cmap.get_int("totem.token_warning"), ctx.cmap.get("totem.token_warning")) {
        out.push(
            Diagnostic::new(&TOKEN_WARNING_DISABLED, e.span(), "`token_warning: 0` disables token timeout warnings")
                .with_label("warnings off")
                .with_help("corosync no longer logs that the token is late, the early sign of network or scheduling trouble; remove the key for the default of 75"),
        );
    }
}

fn check_section_colon(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for s in sections(ctx) {
        let LineKind::Open { name, brace } = s.section.open.kind else {
            continue;
        };
        let between = ctx.text(Span { start: name.end, end: brace });
        if !between.contains(&b':') || looks_like_pair(&text_of(ctx, name)) {
            continue;
        }
        let n = ctx.show(name);
        out.push(
            Diagnostic::new(&SECTION_COLON, Span { start: name.start, end: brace.saturating_add(1) }, format!("Section `{n}` is opened with a colon"))
                .with_label("write `name {`")
                .with_help(format!("corosync ignores the colon, but it makes the section look like a key and Proxmox VE reads the name as `{n}:`; write `{n} {{`")),
        );
    }
}
