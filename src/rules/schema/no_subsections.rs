//! Sections in which corosync 3.1.7 mishandles subsections.

/// Sections whose subsections corosync 3.1.7 mishandles.
pub(super) const NO_SUBSECTIONS: &[&str] =
    &["nodelist.node", "totem.interface", "totem.interface.member", "uidgid", "logging.logging_daemon"];
