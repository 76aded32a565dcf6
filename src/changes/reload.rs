//! How a running corosync takes a changed key on `corosync-cfgtool -R`
//! (ground truth §C.7, §B "Reload" columns, for 3.1.7; the target's
//! [`VersionFacts`] for the later releases): applied live, stored but ignored
//! until restart, or the reload fails.

use std::collections::BTreeSet;

use crate::cmap::{CmapView, Value};
use crate::version::{TargetVersion, VersionFacts};

use super::canonical::split_node_key;

/// What a reload does with a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// `totem.config_version` itself (accepted and re-broadcast).
    Version,
    /// Applied by `corosync-cfgtool -R`.
    Live,
    /// Stored but ignored until corosync restarts on every node.
    Restart,
    /// `corosync-cfgtool -R` fails and nothing changes.
    ReloadFails,
}

impl Effect {
    /// Short text for tables.
    pub const fn as_str(self) -> &'static str {
        match self {
            Effect::Version => "version",
            Effect::Live => "live",
            Effect::Restart => "needs restart",
            Effect::ReloadFails => "reload fails",
        }
    }
}

/// `totem.*` keys a reload refuses to change (`set_icmap_ro_keys_flag`) in every release.
const TOTEM_READ_ONLY: &[&str] = &["version", "threads", "ip_version", "netmtu", "transport", "cluster_name"];

/// Whether a reload keeps the old value of `totem.<k>` in the release with `facts`.
fn totem_read_only(k: &str, facts: &VersionFacts) -> bool {
    TOTEM_READ_ONLY.contains(&k)
        || (facts.rrp_mode_read_only && matches!(k, "rrp_mode" | "interface.ringnumber"))
        || (facts.ip_dscp_typed && k == "ip_dscp")
}

/// `totem.*` keys knet may refuse at a reload: crypto, and per link the ping timers.
fn knet_may_refuse(k: &str) -> bool {
    matches!(k, "crypto_cipher" | "crypto_hash" | "crypto_model")
        || k.strip_prefix("interface.").and_then(|r| r.split_once('.')).is_some_and(|(_, name)| {
            matches!(name, "knet_ping_interval" | "knet_ping_timeout" | "knet_ping_precision" | "knet_pong_count")
        })
}
/// `totem.*` keys read only at startup.
const TOTEM_STARTUP: &[&str] = &["link_mode", "clear_node_high_bit"];
/// `quorum.*` keys votequorum reads only at startup.
const QUORUM_STARTUP: &[&str] = &[
    "wait_for_all",
    "last_man_standing",
    "last_man_standing_window",
    "auto_tie_breaker",
    "auto_tie_breaker_node",
    "allow_downscale",
    "expected_votes_tracking",
];
/// Per-link keys that are stored but not applied for a link that already exists.
const LINK_STARTUP: &[&str] = &["bindnetaddr", "mcastaddr", "broadcast", "mcastport", "ttl"];

/// The links a config defines: `totem.interface.N` blocks and `ringN_addr` of any node.
pub fn links(view: &CmapView) -> BTreeSet<u32> {
    let mut out = BTreeSet::new();
    for key in view.keys() {
        if let Some(link) = key.strip_prefix("totem.interface.").and_then(|r| r.split('.').next()?.parse().ok()) {
            out.insert(link);
        } else if let Some((_, rest)) = split_node_key(key)
            && let Some(link) = ring_link(rest)
        {
            out.insert(link);
        }
    }
    out
}

/// `ringN_addr` → N (corosync reads the number with `%u`, so `ring00_addr` is link 0).
pub fn ring_link(node_key: &str) -> Option<u32> {
    let digits = node_key.strip_prefix("ring")?.strip_suffix("_addr")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// One change to classify.
#[derive(Debug, Clone, Copy)]
pub struct ChangeRef<'a> {
    /// The cmap key as written in the new file (or the old one when removed).
    pub key: &'a str,
    /// Whether the node (for node keys) was matched by `nodeid` in both files.
    pub same_nodeid: bool,
    /// The old value.
    pub old: Option<Value<'a>>,
    /// The new value.
    pub new: Option<Value<'a>>,
}

/// Classifies a change as corosync 3.1.7 reloads it; `old_links` are the
/// links of the old config. Returns the effect and why (empty for live changes).
pub fn classify(change: ChangeRef<'_>, old_links: &BTreeSet<u32>) -> (Effect, String) {
    classify_for(change, old_links, TargetVersion::V3_1_7.facts())
}

/// [`classify`] for the release whose facts these are.
pub fn classify_for(change: ChangeRef<'_>, old_links: &BTreeSet<u32>, facts: &VersionFacts) -> (Effect, String) {
    let key = change.key;
    if key == super::version::KEY {
        return (Effect::Version, String::new());
    }
    let read_only = || {
        format!(
            "a reload keeps the old value and logs `Modified entry '{key}' in corosync.conf cannot be changed at run-time`"
        )
    };
    if let Some(k) = key.strip_prefix("totem.") {
        if totem_read_only(k, facts) {
            return (Effect::Restart, read_only());
        }
        if knet_may_refuse(k) {
            let version = facts.version;
            let reason = if facts.reload_error_message {
                format!(
                    "live, unless knet refuses the new value: then corosync {version} reports it (`corosync-cfgtool -R` prints `ERROR from reload`, cmap `config.reload_error_message`) and keeps the old crypto settings"
                )
            } else {
                let later = version
                    .first_later(|f| f.reload_error_message)
                    .map_or_else(String::new, |v| format!(" ({v} reports it)"));
                format!(
                    "live, unless knet refuses the new value: corosync {version} then ignores the failure silently and cmap shows the unapplied value{later}"
                )
            };
            return (Effect::Live, reason);
        }
        if TOTEM_STARTUP.contains(&k) {
            return (Effect::Restart, "corosync reads it only at startup".into());
        }
        if let Some(rest) = k.strip_prefix("interface.")
            && let Some((link, name)) = rest.split_once('.')
            && let Ok(link) = link.parse::<u32>()
            && old_links.contains(&link)
        {
            if LINK_STARTUP.contains(&name) {
                return (
                    Effect::Restart,
                    format!(
                        "link {link} already exists: a reload stores the new value silently and keeps using the old one"
                    ),
                );
            }
            if name == "knet_transport" {
                let effective = |v: Option<Value<'_>>| v.map(|v| v.to_bytes()).unwrap_or_else(|| b"udp".to_vec());
                if effective(change.old) != effective(change.new) {
                    return (
                        Effect::ReloadFails,
                        format!("a reload fails: `New config has different knet transport for link {link}`"),
                    );
                }
            }
        }
        return (Effect::Live, String::new());
    }
    if let Some(k) = key.strip_prefix("quorum.") {
        if k == "provider" {
            return (Effect::Restart, read_only());
        }
        if QUORUM_STARTUP.contains(&k) {
            return (Effect::Restart, "votequorum reads it only at startup".into());
        }
        return (Effect::Live, String::new());
    }
    if key.starts_with("system.") {
        return (Effect::Restart, read_only());
    }
    if let Some((_, rest)) = split_node_key(key)
        && let Some(link) = ring_link(rest)
        && change.same_nodeid
        && change.old.is_some()
        && change.new.is_some()
    {
        return (
            Effect::ReloadFails,
            format!(
                "a reload fails: `new config has different address for link {link}` (an existing node's address on an existing link cannot change at run time)"
            ),
        );
    }
    (Effect::Live, String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(key: &str, old: Option<&Value<'_>>, new: Option<&Value<'_>>, same: bool) -> Effect {
        let links: BTreeSet<u32> = [0].into_iter().collect();
        classify(ChangeRef { key, same_nodeid: same, old: old.copied(), new: new.copied() }, &links).0
    }

    #[test]
    fn read_only_keys_follow_the_target() {
        let links: BTreeSet<u32> = [0].into_iter().collect();
        let (a, b) = (Value::Str(b"a"), Value::Str(b"b"));
        let effect = |key, version: TargetVersion| {
            let change = ChangeRef { key, same_nodeid: false, old: Some(a), new: Some(b) };
            classify_for(change, &links, version.facts()).0
        };
        assert_eq!(effect("totem.rrp_mode", TargetVersion::V3_1_9), Effect::Restart);
        assert_eq!(effect("totem.rrp_mode", TargetVersion::V3_1_10), Effect::Live);
        assert_eq!(effect("totem.interface.ringnumber", TargetVersion::V3_1_7), Effect::Restart);
        assert_eq!(effect("totem.ip_dscp", TargetVersion::V3_1_9), Effect::Live);
        assert_eq!(effect("totem.ip_dscp", TargetVersion::V3_1_10), Effect::Restart);
        let reason = |version: TargetVersion| {
            let change = ChangeRef { key: "totem.crypto_cipher", same_nodeid: false, old: Some(a), new: Some(b) };
            classify_for(change, &links, version.facts()).1
        };
        assert!(reason(TargetVersion::V3_1_8).contains("ignores the failure silently"));
        assert!(reason(TargetVersion::V3_1_9).contains("config.reload_error_message"));
    }

    #[test]
    fn classes_follow_corosync_reload() {
        let a = Value::Str(b"a");
        let b = Value::Str(b"b");
        assert_eq!(class("totem.token", Some(&a), Some(&b), false), Effect::Live);
        assert_eq!(class("totem.cluster_name", Some(&a), Some(&b), false), Effect::Restart);
        assert_eq!(class("quorum.wait_for_all", None, Some(&b), false), Effect::Restart);
        assert_eq!(class("quorum.two_node", None, Some(&b), false), Effect::Live);
        assert_eq!(class("system.sched_rr", None, Some(&b), false), Effect::Restart);
        assert_eq!(class("totem.interface.0.mcastport", None, Some(&b), false), Effect::Restart);
        assert_eq!(class("totem.interface.1.mcastport", None, Some(&b), false), Effect::Live);
        assert_eq!(class("totem.interface.0.knet_transport", None, Some(&b), false), Effect::ReloadFails);
        let udp = Value::Str(b"udp");
        assert_eq!(class("totem.interface.0.knet_transport", None, Some(&udp), false), Effect::Live);
        assert_eq!(class("nodelist.node.1.ring0_addr", Some(&a), Some(&b), true), Effect::ReloadFails);
        assert_eq!(class("nodelist.node.1.ring0_addr", Some(&a), Some(&b), false), Effect::Live);
        assert_eq!(class("nodelist.node.1.ring1_addr", None, Some(&b), true), Effect::Live);
        assert_eq!(class("totem.config_version", None, Some(&b), true), Effect::Version);
        assert_eq!(ring_link("ring00_addr"), Some(0));
        assert_eq!(ring_link("ring_addr"), None);
    }
}
