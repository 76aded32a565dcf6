//! Proxmox VE: pmxcfs's `/etc/pve/.members` against corosync
//! (`live-pve-members-disagree`), and `/etc/pve/corosync.conf` newer than the
//! file corosync reads (`live-pve-copy-pending`).

use super::state::LiveState;
use crate::changes::diff::first_line;
use crate::changes::version::pmxcfs_version;
use crate::diagnostic::Diagnostic;
use crate::lint::Analysis;
use crate::rules::live::{LIVE_PVE_COPY_PENDING, LIVE_PVE_MEMBERS_DISAGREE};

/// The findings (none off Proxmox VE).
pub fn diagnostics(analysis: &Analysis, state: &LiveState) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(pve) = &state.pve else { return out };
    let span = first_line(&analysis.source);
    if let Some(text) = &pve.members
        && let Ok(json) = serde_json::from_str::<serde_json::Value>(text)
    {
        let mut problems = Vec::new();
        if let Some(q) = json.pointer("/cluster/quorate").and_then(serde_json::Value::as_u64)
            && (q == 1) != state.quorum.quorate
        {
            problems.push(format!(
                "pmxcfs says {}, corosync says {}",
                if q == 1 { "quorate" } else { "not quorate" },
                if state.quorum.quorate { "quorate" } else { "not quorate" }
            ));
        }
        if let Some(nodes) = json.get("nodelist").and_then(serde_json::Value::as_object) {
            for (name, node) in nodes {
                let Some(id) = node.get("id").and_then(serde_json::Value::as_u64) else { continue };
                let online = node.get("online").and_then(serde_json::Value::as_u64) == Some(1);
                let member = u32::try_from(id).ok().and_then(|id| state.member(id)).is_some();
                if online != member {
                    problems.push(format!(
                        "{name} is {} for pmxcfs but {} for corosync",
                        if online { "online" } else { "offline" },
                        if member { "a member" } else { "not a member" }
                    ));
                }
            }
        }
        if !problems.is_empty() {
            out.push(
                Diagnostic::new(
                    &LIVE_PVE_MEMBERS_DISAGREE,
                    span,
                    format!("/etc/pve/.members disagrees with corosync: {}", problems.join("; ")),
                )
                .with_label("pmxcfs's view differs")
                .with_help("check `systemctl status pve-cluster` and `journalctl -u pve-cluster`; restarting pve-cluster on this node usually resyncs it"),
            );
        }
    }
    if let Some(conf) = &pve.corosync_conf
        && let Some(cluster) = pmxcfs_version(conf.as_bytes())
    {
        let local = crate::changes::version::Version::of(&analysis.cmap).value;
        let running = state.config_version();
        if cluster.value > local.max(running) {
            out.push(
                Diagnostic::new(
                    &LIVE_PVE_COPY_PENDING,
                    analysis.cmap.get("totem.config_version").map(|e| e.span()).unwrap_or(span),
                    format!(
                        "/etc/pve/corosync.conf has config_version {}, but this file has {local} and corosync runs {running}: pmxcfs did not copy it",
                        cluster.value
                    ),
                )
                .with_label("older than /etc/pve/corosync.conf")
                .with_help("check `journalctl -u pve-cluster` for `local corosync.conf is newer` or copy errors"),
            );
        }
    }
    out
}
