//! Whether an interface's `ringnumber` disagrees with its `linknumber`.

use crate::cmap::{IntType, Value, parse_int};
use crate::rules::Context;
use crate::rules::schema_support::{PairItem, direct_pairs, sections};

/// For a `ringnumber` pair: `Some(message)` when it names a different link than the block configures.
pub(super) fn ringnumber_conflict(ctx: &Context, p: &PairItem) -> Option<String> {
    if p.path != "totem.interface" {
        return None;
    }
    let ring = ctx.text(p.value);
    // The enclosing interface block: find it among the sections.
    let block = sections(ctx).iter().find(|s| {
        s.path == "totem.interface"
            && s.section.span().start <= p.line.span.start
            && p.line.span.end <= s.section.span().end
    })?;
    let linknumber = direct_pairs(ctx, block.section).into_iter().rev().find(|(k, ..)| k == "linknumber").and_then(
        |(_, _, _, v)| match parse_int(ctx.text(v), IntType::U8) {
            Some(Value::U8(n)) => Some(n),
            _ => None,
        },
    );
    let link = linknumber.unwrap_or(0);
    match parse_int(ring, IntType::U8) {
        Some(Value::U8(n)) if n == link => None,
        _ => Some(match linknumber {
            Some(l) => format!(
                "`ringnumber: {}` conflicts with `linknumber: {l}`; this block configures link {l}",
                ctx.show(p.value)
            ),
            None => format!("`ringnumber: {}` is not read; this block configures link 0", ctx.show(p.value)),
        }),
    }
}
