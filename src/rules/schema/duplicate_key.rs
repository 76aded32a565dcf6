use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::top_sections;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a key set more than once for the same thing: twice in one section,
/// in two blocks corosync merges (two `totem` blocks, two `interface` blocks
/// of the same link, two `logger_subsys` blocks of the same subsystem).
/// ## Why it matters
/// The last value wins silently. Whoever edits the first one changes nothing.
/// ## Example
/// ```text
/// totem {
///     token: 3000
///     token: 10000
/// }
/// ```
/// ## Fix
/// Keep one assignment.
///
/// When every assignment has the same value, `check --fix` removes all but the last (safe: nothing
/// corosync stores changes). Differing values are left to you.
pub const DUPLICATE_KEY: Rule = Rule {
    name: "duplicate-key",
    code: "S120",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "key set more than once (the last one wins)",
    check: check_duplicate_key,
    fix: crate::fix::FixAvailability::Safe,
};

fn check_duplicate_key(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let several_nodelists = top_sections(ctx, "nodelist").len() > 1;
    for (key, entry) in ctx.cmap.iter() {
        if entry.spans.len() < 2
            || key.starts_with("uidgid.")
            || key.contains(".member.")
            || key.ends_with(".subsys")
            || key == "totem.interface.ringnumber"
            || (several_nodelists && key.starts_with("nodelist."))
        {
            continue;
        }
        let Some((last, earlier)) = entry.spans.split_last() else {
            continue;
        };
        let name = key.rsplit('.').next().unwrap_or(key);
        let lines: Option<Vec<&crate::syntax::Line>> = entry.spans.iter().map(|s| pair_line(ctx, *s)).collect();
        let all_equal = lines.as_ref().is_some_and(|lines| {
            let values: Vec<&[u8]> = lines.iter().filter_map(|l| value_of(ctx, l)).collect();
            values.len() == lines.len() && values.windows(2).all(|w| w[0] == w[1])
        });
        for (i, span) in earlier.iter().enumerate() {
            let fix = lines.as_ref().filter(|_| all_equal).and_then(|l| l.get(i)).map(|line| {
                crate::fix::Fix::safe(
                    format!(
                        "Remove this repeated `{name}` (the same value is set again on line {})",
                        line_of(ctx, last.start_usize())
                    ),
                    vec![crate::fix::edits::delete_line(line)],
                    crate::fix::Intent::unchanged(),
                )
            });
            out.push(
                Diagnostic::new(
                    &DUPLICATE_KEY,
                    *span,
                    format!(
                        "`{name}` is set again on line {}; `{}` here is ignored",
                        line_of(ctx, last.start_usize()),
                        ctx.show(*span)
                    ),
                )
                .with_label("overridden")
                .with_secondary(*last, "this assignment wins")
                .with_help(duplicate_help(key))
                .with_fix_opt(fix),
            );
        }
    }
}

/// The `key: value` line that holds the assignment at `span`.
fn pair_line<'a>(ctx: &Context<'a>, span: crate::source::Span) -> Option<&'a crate::syntax::Line> {
    crate::fix::edits::line_at(&ctx.parsed.tree, span.start)
        .filter(|l| matches!(l.kind, crate::syntax::LineKind::Pair { .. }))
}

/// The value bytes of a `key: value` line.
fn value_of<'a>(ctx: &Context<'a>, line: &crate::syntax::Line) -> Option<&'a [u8]> {
    match line.kind {
        crate::syntax::LineKind::Pair { value, .. } => Some(ctx.text(value)),
        _ => None,
    }
}

fn line_of(ctx: &Context, offset: usize) -> usize {
    ctx.source.line_col(offset).line
}

fn duplicate_help(key: &str) -> String {
    let link = key.strip_prefix("totem.interface.").and_then(|r| r.split_once('.')).map(|(l, _)| l);
    match link {
        Some(l) if l.bytes().all(|b| b.is_ascii_digit()) => format!(
            "corosync merges every `interface` block of link {l} (a block without `linknumber` is link 0) and keeps the last value of `{key}`; give each block its own `linknumber` or remove the extra assignment"
        ),
        _ => format!("corosync keeps the last value of `{key}`; remove the assignments that do not count"),
    }
}
