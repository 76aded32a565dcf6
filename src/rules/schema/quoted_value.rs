use super::value_ownership::{invalid_value_reports, not_mine};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::{has_parser_error, pairs, text_of};
use crate::rules::{Category, Context, Rule};
use crate::schema;
use crate::schema::Kind;

/// ## What it does
/// Reports a value in quotes.
/// ## Why it matters
/// corosync has no quoting: `cluster_name: "prod"` stores the seven characters
/// `"prod"`, quotes included. For number keys the quotes are a parse error.
/// ## Example
/// `cluster_name: "prod"`
/// ## Fix
/// Remove the quotes; values may contain spaces without them.
///
/// `check --fix --unsafe-fixes` removes the quotes (unsafe: the stored value changes).
pub const QUOTED_VALUE: Rule = Rule {
    name: "quoted-value",
    code: "S112",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "quotes are kept as part of the value",
    check: check_quoted_value,
    fix: crate::fix::FixAvailability::Unsafe,
};

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
                .with_help(help)
                .with_fix_opt(unquote_fix(ctx, p.line, p.value, inner, closed)),
        );
    }
}

/// The unsafe fix: the quotes removed, which changes the value corosync
/// stores. Offered only when what is left is stored as written: not empty,
/// no blanks at its ends, no `#` or `{`.
fn unquote_fix(
    ctx: &Context,
    line: &crate::syntax::Line,
    value: crate::source::Span,
    inner: &[u8],
    closed: bool,
) -> Option<crate::fix::Fix> {
    use crate::fix::{Edit, Fix, Intent, edits};
    let blank = |b: Option<&u8>| matches!(b, Some(b' ' | b'\t'));
    if !closed
        || inner.is_empty()
        || blank(inner.first())
        || blank(inner.last())
        || inner.iter().any(|b| matches!(b, b'#' | b'{' | b'"' | b'\''))
    {
        return None;
    }
    let intent = match edits::key_set_by(ctx.cmap, line) {
        Some(key) => Intent::set(key, inner),
        None => Intent::unchanged(),
    };
    Some(Fix::unsafe_(
        format!("Remove the quotes: `{}`", crate::source::display_bytes(inner)),
        vec![Edit::replace(value, inner.to_vec())],
        intent,
    ))
}
