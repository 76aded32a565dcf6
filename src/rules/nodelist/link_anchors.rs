//! Where to point a diagnostic about a link: its interface section or a node address.

use crate::nodes::Network;
use crate::source::Span;

/// Where a link is first configured: a node address on it, else its interface settings.
pub(super) fn link_anchor(net: &Network, link: u32) -> Option<Span> {
    net.members(link).map(|(_, a)| a.span).next().or_else(|| interface_anchor(net, link))
}

/// The `linknumber:` line (or `interface {` line) of the first block that configures `link`.
pub(super) fn interface_anchor(net: &Network, link: u32) -> Option<Span> {
    let block = net.interface_blocks.iter().find(|b| b.link == link && b.stores_link_keys)?;
    Some(block.linknumber.as_ref().map_or(block.open, |l| l.span))
}
