use super::value_ownership::invalid_value_reports;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::{has_parser_error, pairs, text_of};
use crate::rules::{Category, Context, Rule};
use crate::source::Span;

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
///
/// `check --fix --unsafe-fixes` moves the comment to its own line above, text kept. Unsafe: the value
/// corosync stores changes (it loses the comment), which is what you meant but not what runs now.
pub const TRAILING_COMMENT: Rule = Rule {
    name: "trailing-comment",
    code: "S111",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "`# comment` after a value becomes part of the value",
    check: check_trailing_comment,
    fix: crate::fix::FixAvailability::Unsafe,
};

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
            ))
            .with_fix_opt(move_comment_fix(ctx, p.line, comment)),
        );
    }
}

/// The unsafe fix: the comment moves to its own line above, and the value
/// corosync stores loses it (which changes the value in effect).
fn move_comment_fix(ctx: &Context, line: &crate::syntax::Line, comment: Span) -> Option<crate::fix::Fix> {
    use crate::fix::{Fix, Intent, edits};
    let src = &ctx.source.bytes;
    let (edits, text) = edits::move_trailing_comment(src, line, comment)?;
    let (kept, _) = edits::value_without_comment(src, line)?;
    let intent = match edits::key_set_by(ctx.cmap, line) {
        Some(key) => Intent::set(key, kept),
        None => Intent::unchanged(), // an assignment overridden later: nothing changes
    };
    let message = format!(
        "Move `{}` to its own line above; the value becomes `{}`",
        crate::source::display_bytes(&text),
        crate::source::display_bytes(kept)
    );
    Some(Fix::unsafe_(message, edits, intent.and_moved_comment(text)))
}

/// The offset of a `#` that starts a trailing comment in `value`, if any.
fn comment_start(value: &[u8]) -> Option<usize> {
    // The first `#` at the start or after a blank.
    memchr::memchr_iter(b'#', value).find(|&i| i == 0 || matches!(value.get(i - 1), Some(b' ' | b'\t')))
}
