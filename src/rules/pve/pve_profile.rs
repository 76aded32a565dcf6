//! Whether the Proxmox VE profile is active.

use crate::rules::{Context, Profile};

pub(super) fn pve(ctx: &Context) -> bool {
    ctx.profile == Profile::Pve
}
