//! The cluster summary at the top of `corolint status` (like `pvecm status`),
//! and the `cluster` object of its JSON output.

use std::fmt::Write as _;

use super::state::{CmapValue, LiveState};
use super::what_if::WhatIf;

/// A member in the JSON `cluster` object.
#[derive(Debug, Clone, serde::Serialize)]
pub struct JsonMember {
    /// nodeid.
    pub nodeid: u32,
    /// Name in the running nodelist.
    pub name: String,
    /// Votes.
    pub votes: u32,
}

/// `config_version` of the file and of the running corosync.
#[derive(Debug, Clone, serde::Serialize)]
pub struct JsonVersions {
    /// The file's.
    pub file: Option<u64>,
    /// What this node runs.
    pub running: u64,
}

/// The `cluster` object of `status --output-format json`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Cluster {
    /// `totem.cluster_name` as running.
    pub name: Option<String>,
    /// This node's nodeid.
    pub local_nodeid: u32,
    /// This partition is quorate.
    pub quorate: bool,
    /// Current members.
    pub members: Vec<JsonMember>,
    /// votequorum's expected votes.
    pub expected_votes: u32,
    /// Σ votes of the members (and the quorum device).
    pub total_votes: u32,
    /// The threshold.
    pub quorum: u32,
    /// `config_version`s.
    pub config_version: JsonVersions,
    /// The what-if, with `--down`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub what_if: Option<WhatIf>,
}

/// Builds the `cluster` object.
pub fn cluster(state: &LiveState, file_version: Option<u64>, what_if: Option<WhatIf>) -> Cluster {
    Cluster {
        name: state.get("totem.cluster_name").and_then(CmapValue::as_str).map(str::to_string),
        local_nodeid: state.local_nodeid,
        quorate: state.quorum.quorate,
        members: state
            .members
            .iter()
            .map(|m| JsonMember {
                nodeid: m.nodeid,
                name: m.name.clone().unwrap_or_else(|| state.name_of(m.nodeid)),
                votes: m.votes,
            })
            .collect(),
        expected_votes: state.quorum.expected_votes,
        total_votes: state.quorum.total_votes,
        quorum: state.quorum.quorum,
        config_version: JsonVersions { file: file_version, running: state.config_version() },
        what_if,
    }
}

fn flags_text(state: &LiveState) -> String {
    let f = state.quorum.flags;
    let names = [
        (f.two_node, "2Node"),
        (state.quorum.quorate, "Quorate"),
        (f.wait_for_all, "WaitForAll"),
        (f.last_man_standing, "LastManStanding"),
        (f.auto_tie_breaker, "AutoTieBreaker"),
        (f.allow_downscale, "AllowDownscale"),
        (f.qdevice_registered, "Qdevice"),
    ];
    let on: Vec<&str> = names.iter().filter(|(b, _)| *b).map(|(_, n)| *n).collect();
    if on.is_empty() { "(none)".into() } else { on.join(" ") }
}

/// The text summary: cluster, quorum, members, links, and the what-if.
pub fn render(state: &LiveState, file_name: &str, file_version: Option<u64>, what_if: Option<&WhatIf>) -> String {
    let mut s = String::new();
    let q = &state.quorum;
    let name = state.get("totem.cluster_name").and_then(CmapValue::as_str).unwrap_or("(unnamed)");
    let transport = state.get("totem.transport").and_then(CmapValue::as_str).unwrap_or("knet");
    let file_v = file_version.map(|v| v.to_string()).unwrap_or_else(|| "unreadable".into());
    let _ = writeln!(
        s,
        "Cluster {name} ({transport}), this node: {} (nodeid {})",
        state.name_of(state.local_nodeid),
        state.local_nodeid
    );
    let _ = writeln!(s, "Config version:   {} running, {file_v} in {file_name}", state.config_version());
    let _ = writeln!(s, "Quorate:          {}", if q.quorate { "Yes" } else { "No" });
    let _ = writeln!(s, "Expected votes:   {}", q.expected_votes);
    let _ = writeln!(s, "Total votes:      {}", q.total_votes);
    let _ = writeln!(s, "Quorum:           {}{}", q.quorum, if q.quorate { "" } else { " Activity blocked" });
    let _ = writeln!(s, "Flags:            {}", flags_text(state));
    let _ = writeln!(s, "Members:");
    let _ = writeln!(s, "    Nodeid  Votes  Version  Name");
    for (id, node) in state.nodelist() {
        match state.member(id) {
            Some(m) => {
                let v = m.config_version.map(|v| v.to_string()).unwrap_or_else(|| "-".into());
                let local = if id == state.local_nodeid { " (local)" } else { "" };
                let _ = writeln!(s, "    {id:>6}  {:>5}  {v:>7}  {node}{local}", m.votes);
            }
            None => {
                let _ = writeln!(s, "    {id:>6}  {:>5}  {:>7}  {node} (down)", "-", "-");
            }
        }
    }
    let mut links = Vec::new();
    for n in &state.links {
        let parts: Vec<String> =
            n.links.iter().map(|l| format!("link {} {}", l.link, if l.connected { "up" } else { "down" })).collect();
        if !parts.is_empty() {
            links.push(format!("{}: {}", state.name_of(n.nodeid), parts.join(", ")));
        }
    }
    if !links.is_empty() {
        let _ = writeln!(s, "Links:            {}", links.join("; "));
    }
    if let Some(w) = what_if {
        let left = if w.remaining.is_empty() { "nothing".into() } else { w.remaining.join(", ") };
        let why = w.reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default();
        let _ = writeln!(
            s,
            "What if:          {} down: {left} keep {} vote{}, quorum {}: {}{why}",
            w.down.join(", "),
            w.votes,
            if w.votes == 1 { "" } else { "s" },
            w.quorum,
            if w.quorate { "quorate" } else { "NOT quorate" }
        );
    }
    s
}
