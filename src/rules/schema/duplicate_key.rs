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
pub const DUPLICATE_KEY: Rule = Rule {
    name: "duplicate-key",
    code: "S120",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "key set more than once (the last one wins)",
    check: check_duplicate_key,
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
        for span in earlier {
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
                .with_help(duplicate_help(key)),
            );
        }
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
