//! The token timeouts corosync computes (`totem_volatile_config_read`), and where each was set.

use crate::cmap::CmapView;
use crate::nodes::Network;
use crate::source::Span;

/// corosync's `MINIMUM_TIMEOUT` (3 × 1000/HZ).
pub(super) const MINIMUM_TIMEOUT: u64 = 30;

/// corosync's `MINIMUM_TIMEOUT_HOLD` (0.8 × 30 − 10).
pub(super) const MINIMUM_TIMEOUT_HOLD: u64 = 14;

/// A timeout as written (`None` when unset or 0, both meaning "default").
pub(super) fn explicit(cmap: &CmapView, key: &str) -> Option<(u64, Span)> {
    let e = cmap.get(&format!("totem.{key}"))?;
    let v = e.value.as_u64().filter(|v| *v != 0)?;
    Some((v, e.span()))
}

/// The effective timeouts, as corosync derives them.
pub(super) struct Timeouts {
    pub(super) token: u64,
    pub(super) token_retransmit: u64,
    pub(super) join: u64,
    pub(super) consensus: u64,
}

impl Timeouts {
    pub(super) fn compute(cmap: &CmapView, net: &Network) -> Timeouts {
        let token = net.effective_token(cmap);
        let before_loss = explicit(cmap, "token_retransmits_before_loss_const").map_or(4, |(v, _)| v);
        let token_retransmit = explicit(cmap, "token_retransmit")
            .map_or_else(|| (token as f64 / (before_loss as f64 + 0.2)) as u64, |(v, _)| v);
        let join = explicit(cmap, "join").map_or(50, |(v, _)| v);
        let consensus = explicit(cmap, "consensus").map_or_else(|| (1.2 * token as f64) as u64, |(v, _)| v);
        Timeouts { token, token_retransmit, join, consensus }
    }
}
