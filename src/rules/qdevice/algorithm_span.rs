//! Where the qdevice algorithm is set.

use crate::rules::Context;
use crate::rules::locate;

pub(super) fn algorithm_span(ctx: &Context) -> crate::source::Span {
    locate::key(ctx.cmap, "quorum.device.net.algorithm")
        .or_else(|| locate::key(ctx.cmap, "quorum.device.model"))
        .unwrap_or_else(|| locate::quorum_anchor(ctx))
}
