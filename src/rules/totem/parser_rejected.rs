//! Whether the parser already refused the value of a totem key.

use crate::rules::Context;

/// Whether the parser already reported a bad value for `key` (then the key is
/// missing from the cmap view but was written).
pub(super) fn parser_rejected(ctx: &Context, key: &str) -> bool {
    let quoted = format!("\"{key}\"");
    ctx.cmap.errors.iter().any(|e| e.message.contains(&quoted))
}
