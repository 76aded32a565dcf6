//! What corosync 3.1.7 refuses at startup after its parser has accepted the
//! file: the checks `main.c` runs in order — the logging configuration
//! (`logconfig.c`), the state directory, `totem_config_read` and
//! `totem_config_validate` (`totemconfig.c`) — for the part that does not
//! depend on the host. `corosync -t` runs exactly these; a rule reports each
//! refusal with corosync's own message.
//!
//! What depends on the host (which node is local, the authkey, logfile
//! directories, users and groups, the state directory, DNS) is in
//! [`crate::host`].
//!
//! Facts from corosync 3.1.7's source, not its code:
//! - the local node is looked up by `name` and `ring0_addr` only
//!   (`nodelist_byname`, `find_local_node`): without a node that has one of
//!   them it is never found, and no link exists but those `interface` blocks
//!   configure (the nodelist's links count only when `nodelist.node.0` has
//!   `name` or `ring0_addr`; otherwise the local node's addresses become the
//!   links, which depends on the host);
//! - with crypto on and no `keyfile`, an inline `key` must hold at least 128
//!   bytes including its terminating NUL (`totem_config_keyread`);
//! - udp: `mcastaddr` must parse in the `ip_version` family (every transport),
//!   be multicast (IPv4 224.0.0.0/4; IPv6 always passes `totemip_is_mcast`)
//!   and match the family of the link's addresses (`totem_config_validate`);
//! - `logger_subsys` names of 64 bytes or more, or more than 17 names that are
//!   not built-in, make `_logsys_subsys_create` fail (logconfig.c).

use std::net::IpAddr;

use crate::addr::{self, IpVersion};
use crate::cmap::CmapView;
use crate::nodes::{Network, Transport};
use crate::source::{Span, display_bytes};

/// One startup check of corosync 3.1.7 that has no rule of its own elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Check {
    /// `No interfaces defined`: no link is configured (no usable nodelist).
    NoInterfaces,
    /// `No valid name found for local host`, whatever the host: no nodelist,
    /// or no node with `name` or `ring0_addr`.
    NoLocalNodeCandidate,
    /// `key is too short`: inline `totem.key` under 127 characters.
    InlineKeyTooShort,
    /// `failed to parse mcast address`: not an address of the `ip_version` family.
    McastAddrUnparsable,
    /// `failed to parse mcast address`: a host name in `.invalid`, which never resolves.
    McastAddrNeverResolves,
    /// `mcastaddr is not a correct multicast address for interface N` (udp).
    McastAddrNotMulticast,
    /// `Multicast address family does not match bind address family for interface N` (udp).
    McastAddrFamily,
    /// `unable to create new logging subsystem`: a name of 64 bytes or more.
    SubsysNameTooLong,
    /// `unable to create new logging subsystem`: more than 17 new subsystems.
    TooManySubsystems,
}

/// One refusal: the check, corosync's message and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Which check.
    pub check: Check,
    /// The message corosync logs (without its `parse error in config: ` prefix).
    pub message: String,
    /// The line to point at.
    pub span: Span,
}

/// The subsystems corosync creates itself (`logger_subsys` for them adds none).
pub const BUILTIN_SUBSYSTEMS: &[&str] = &[
    "MAIN", "TOTEM", "KNET", "QB", "SERV", "CFG", "CMAP", "CPG", "QUORUM", "VOTEQ", "YKD", "MON", "WD", "SYNC",
    "STATS", "PLOAD", "APIDEF",
];

/// libqb's `LOGSYS_MAX_SUBSYS_NAMELEN`: names must be shorter.
pub const SUBSYS_NAME_MAX: usize = 64;

/// New subsystems corosync 3.1.7 accepts (measured: 17 pass, 18 fail).
pub const MAX_NEW_SUBSYSTEMS: usize = 17;

/// corosync's `TOTEM_PRIVATE_KEY_LEN_MIN`, bytes (the inline key counts its NUL).
pub const KEY_LEN_MIN: usize = 128;

/// Every host-independent refusal of the file, in corosync's order.
pub fn refusals(cmap: &CmapView, net: &Network) -> Vec<Refusal> {
    let mut out = Vec::new();
    logging_refusals(cmap, &mut out);
    key_refusal(cmap, &mut out);
    mcast_refusals(cmap, net, &mut out);
    interface_refusals(cmap, net, &mut out);
    out
}

fn interface_refusals(cmap: &CmapView, net: &Network, out: &mut Vec<Refusal>) {
    let candidate = cmap.prefixed("nodelist.node.").any(|(k, _)| k.ends_with(".ring0_addr") || k.ends_with(".name"));
    if candidate {
        // Links come from the nodelist, or from the local node's addresses that
        // corosync copies into `bindnetaddr` once it has found itself: which
        // node that is, and whether there is one, depends on the host.
        return;
    }
    let configured = net.links.values().any(|l| net.transport != Transport::Udp || l.keys.contains_key("bindnetaddr"));
    let anchor = net.nodelist_blocks.first().copied().unwrap_or_else(|| net.totem_anchor());
    let (check, message) = if configured {
        (Check::NoLocalNodeCandidate, "No valid name found for local host")
    } else {
        (Check::NoInterfaces, "No interfaces defined")
    };
    out.push(Refusal { check, message: message.into(), span: anchor });
}

fn key_refusal(cmap: &CmapView, out: &mut Vec<Refusal>) {
    let secauth = cmap.get("totem.secauth").is_some_and(|e| e.value.to_bytes() == b"on");
    let valid = |key: &str, allowed: &[&[u8]]| {
        cmap.get(key).map(|e| e.value.to_bytes()).filter(|v| allowed.contains(&v.as_slice()))
    };
    let cipher = valid("totem.crypto_cipher", &[b"none", b"aes256", b"aes192", b"aes128"])
        .unwrap_or_else(|| if secauth { b"aes256".to_vec() } else { b"none".to_vec() });
    let hash = valid("totem.crypto_hash", &[b"none", b"md5", b"sha1", b"sha256", b"sha384", b"sha512"])
        .unwrap_or_else(|| if secauth { b"sha256".to_vec() } else { b"none".to_vec() });
    if cipher == b"none" && hash == b"none" {
        return;
    }
    if cipher != b"none" && hash == b"none" {
        return; // crypto_cipher requires crypto_hash: refused first, by its own rule
    }
    if cmap.get("totem.keyfile").is_some() {
        return;
    }
    if let Some(e) = cmap.get("totem.key") {
        let len = e.value.to_bytes().len() + 1;
        if len < KEY_LEN_MIN {
            out.push(Refusal { check: Check::InlineKeyTooShort, message: "key is too short".into(), span: e.span() });
        }
    }
}

/// How `totemip_parse` reads an address in a family without DNS: the literal,
/// if it is one; `Err(())` when it is a literal of a family `ip_version` excludes.
fn literal_in(value: &[u8], version: IpVersion) -> Option<Result<IpAddr, ()>> {
    let ip = addr::parse_literal(value)?;
    Some(if version.accepts(ip) { Ok(ip) } else { Err(()) })
}

fn mcast_refusals(cmap: &CmapView, net: &Network, out: &mut Vec<Refusal>) {
    let broadcast =
        cmap.prefixed("totem.interface.").any(|(k, e)| k.ends_with(".broadcast") && e.value.to_bytes() == b"yes");
    for (link, settings) in &net.links {
        let Some(m) = settings.get("mcastaddr") else { continue };
        let value = m.value.to_bytes();
        match literal_in(&value, net.ip_version) {
            Some(Err(())) => out.push(Refusal {
                check: Check::McastAddrUnparsable,
                message: format!("failed to parse mcast address '{}'", display_bytes(&value)),
                span: m.span,
            }),
            None if addr::never_resolves(&value) => out.push(Refusal {
                check: Check::McastAddrNeverResolves,
                message: format!("failed to parse mcast address '{}'", display_bytes(&value)),
                span: m.span,
            }),
            Some(Ok(ip)) if net.transport == Transport::Udp && !broadcast => {
                let family = net.members(*link).find_map(|(_, a)| a.ip());
                if family.is_some_and(|f| f.is_ipv4() != ip.is_ipv4()) {
                    out.push(Refusal {
                        check: Check::McastAddrFamily,
                        message: format!(
                            "Multicast address family does not match bind address family for interface {link}"
                        ),
                        span: m.span,
                    });
                } else if let IpAddr::V4(v4) = ip
                    && !v4.is_multicast()
                {
                    out.push(Refusal {
                        check: Check::McastAddrNotMulticast,
                        message: format!("mcastaddr is not a correct multicast address for interface {link}"),
                        span: m.span,
                    });
                }
            }
            _ => {}
        }
    }
}

fn logging_refusals(cmap: &CmapView, out: &mut Vec<Refusal>) {
    let mut names: Vec<(String, Span)> = Vec::new();
    for (key, e) in cmap.prefixed("logging.logger_subsys.") {
        let Some(name) = key.strip_prefix("logging.logger_subsys.").and_then(|r| r.strip_suffix(".subsys")) else {
            continue;
        };
        if !names.iter().any(|(n, _)| n == name) {
            names.push((name.to_string(), e.span()));
        }
    }
    names.sort_by_key(|(_, s)| s.start);
    let message = "unable to create new logging subsystem";
    let mut new = 0;
    for (name, span) in &names {
        if name.len() >= SUBSYS_NAME_MAX {
            out.push(Refusal { check: Check::SubsysNameTooLong, message: message.into(), span: *span });
            continue;
        }
        if BUILTIN_SUBSYSTEMS.contains(&name.as_str()) {
            continue;
        }
        new += 1;
        if new == MAX_NEW_SUBSYSTEMS + 1 {
            out.push(Refusal { check: Check::TooManySubsystems, message: message.into(), span: *span });
        }
    }
}

/// corosync's message when it refuses `key` (in section `path`) with `value`
/// at startup, for the keys whose value `totemconfig.c` or `logconfig.c`
/// checks (the parser's own checks are reported as syntax errors).
pub fn value_refusal(path: &str, key: &str, value: &[u8]) -> Option<String> {
    let logging = path == "logging" || path.starts_with("logging.logger_subsys");
    match (path, key) {
        ("totem", "transport") => Some("Invalid transport type. Should be udpu, udp or knet".into()),
        ("totem", "link_mode") if value.len() >= 64 => Some("totem.link_mode is too long".into()),
        ("totem", "link_mode") => Some(format!(
            "The Knet link mode \"{}\" specified is invalid.  It must be active, passive or rr.",
            display_bytes(value)
        )),
        ("totem.interface", "knet_transport") => Some("Unrecognised knet_transport. expected 'udp' or 'sctp'".into()),
        (_, "to_stderr" | "to_syslog" | "to_logfile" | "to_file" | "debug") if logging => {
            Some(format!("unknown value for {key}"))
        }
        ("logging", "timestamp" | "fileline" | "function_name" | "blackbox") => {
            Some(format!("unknown value for {key}"))
        }
        (_, "syslog_facility") if logging => Some("unknown syslog facility specified".into()),
        (_, "syslog_priority") if logging => Some("unknown syslog priority specified".into()),
        (_, "syslog_level") if logging => Some("unknown syslog level specified".into()),
        (_, "logfile_priority") if logging => Some("unknown logfile priority specified".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Analysis;
    use crate::source::SourceFile;

    fn checks(text: &str) -> Vec<Check> {
        let a = Analysis::new(SourceFile::new("t", text.as_bytes()));
        let net = Network::new(&a.cmap, &a.parsed.tree, &a.source.bytes);
        refusals(&a.cmap, &net).into_iter().map(|r| r.check).collect()
    }

    const NODES: &str = "nodelist {\n node {\n  ring0_addr: 10.0.0.1\n  nodeid: 1\n }\n}\n";

    #[test]
    fn no_nodelist_no_interfaces() {
        assert_eq!(checks("totem {\n version: 2\n}\n"), vec![Check::NoInterfaces]);
        assert_eq!(checks("totem {\n version: 2\n}\nnodelist {\n}\n"), vec![Check::NoInterfaces]);
        assert_eq!(checks("node {\n ring0_addr: 10.0.0.1\n}\n"), vec![Check::NoInterfaces]);
        assert_eq!(
            checks("totem {\n interface {\n  bindnetaddr: 10.0.0.1\n }\n}\n"),
            vec![Check::NoLocalNodeCandidate]
        );
        assert!(checks(NODES).is_empty());
    }

    #[test]
    fn inline_key_length_counts_the_nul() {
        let key = |n: usize| format!("totem {{\n secauth: on\n key: {}\n}}\n{NODES}", "k".repeat(n));
        assert_eq!(checks(&key(126)), vec![Check::InlineKeyTooShort]);
        assert!(checks(&key(127)).is_empty());
        let with_file = format!("totem {{\n secauth: on\n keyfile: /k\n key: short\n}}\n{NODES}");
        assert!(checks(&with_file).is_empty());
    }

    #[test]
    fn udp_mcastaddr() {
        let udp = |m: &str| format!("totem {{\n transport: udp\n interface {{\n  mcastaddr: {m}\n }}\n}}\n{NODES}");
        assert_eq!(checks(&udp("10.1.1.1")), vec![Check::McastAddrNotMulticast]);
        assert_eq!(checks(&udp("ff15::1")), vec![Check::McastAddrUnparsable]);
        assert_eq!(checks(&udp("bad.invalid")), vec![Check::McastAddrNeverResolves]);
        assert!(checks(&udp("mcast.example.org")).is_empty());
        assert!(checks(&udp("239.192.0.1")).is_empty());
    }

    #[test]
    fn logger_subsystems() {
        let long = format!("logging {{\n logger_subsys {{\n  subsys: {}\n }}\n}}\n{NODES}", "X".repeat(64));
        assert_eq!(checks(&long), vec![Check::SubsysNameTooLong]);
        let many: String = (0..18).map(|i| format!(" logger_subsys {{\n  subsys: S{i}\n }}\n")).collect();
        assert_eq!(checks(&format!("logging {{\n{many}}}\n{NODES}")), vec![Check::TooManySubsystems]);
        let ok: String = (0..17).map(|i| format!(" logger_subsys {{\n  subsys: S{i}\n }}\n")).collect();
        assert!(checks(&format!("logging {{\n{ok} logger_subsys {{\n  subsys: QUORUM\n }}\n}}\n{NODES}")).is_empty());
    }
}
