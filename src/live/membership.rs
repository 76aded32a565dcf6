//! Membership, links and quorum of the running cluster: `live-members-disagree`,
//! `live-node-down`, `live-link-down` and `live-not-quorate`.

use super::state::{CmapValue, LiveState};
use crate::changes::diff::first_line;
use crate::diagnostic::Diagnostic;
use crate::lint::Analysis;
use crate::rules::live::{LIVE_LINK_DOWN, LIVE_MEMBERS_DISAGREE, LIVE_NODE_DOWN, LIVE_NOT_QUORATE};
use crate::source::Span;

/// Where a finding about node `nodeid` points: its `nodeid:` line in the file
/// (else its `name:`), else the file's first line.
pub fn node_span(analysis: &Analysis, nodeid: u32, name: &str) -> Span {
    let view = &analysis.cmap;
    for index in view.node_indices() {
        let key = |k: &str| format!("nodelist.node.{index}.{k}");
        if view.get_int(&key("nodeid")) == Some(u64::from(nodeid)) {
            return view.get(&key("nodeid")).map(|e| e.span()).unwrap_or_default();
        }
    }
    for index in view.node_indices() {
        let key = format!("nodelist.node.{index}.name");
        if view.get_str(&key) == Some(name) {
            return view.get(&key).map(|e| e.span()).unwrap_or_default();
        }
    }
    first_line(&analysis.source)
}

/// The findings.
pub fn diagnostics(analysis: &Analysis, state: &LiveState) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    members_disagree(analysis, state, &mut out);
    for (nodeid, name) in state.nodelist() {
        if state.member(nodeid).is_none() {
            out.push(
                Diagnostic::new(
                    &LIVE_NODE_DOWN,
                    node_span(analysis, nodeid, &name),
                    format!("{name} (nodeid {nodeid}) is not a member of this node's membership"),
                )
                .with_label("not a member")
                .with_help(format!(
                    "start corosync on {name} or check the network between it and this node (`corosync-cfgtool -s` on both)"
                )),
            );
        }
    }
    links_down(analysis, state, &mut out);
    not_quorate(analysis, state, &mut out);
    out
}

fn members_disagree(analysis: &Analysis, state: &LiveState, out: &mut Vec<Diagnostic>) {
    let local = state.config_version();
    let mut others: Vec<String> = Vec::new();
    for m in &state.members {
        let Some(v) = m.config_version else { continue };
        if m.nodeid != state.local_nodeid && v != local {
            others.push(format!("{} runs {v}", m.name.clone().unwrap_or_else(|| format!("nodeid {}", m.nodeid))));
        }
    }
    if others.is_empty() {
        return;
    }
    let span =
        analysis.cmap.get("totem.config_version").map(|e| e.span()).unwrap_or_else(|| first_line(&analysis.source));
    out.push(
        Diagnostic::new(
            &LIVE_MEMBERS_DISAGREE,
            span,
            format!(
                "members run different config_versions: this node ({}) runs {local}, {}",
                state.name_of(state.local_nodeid),
                others.join(", ")
            ),
        )
        .with_label("not the same on every member")
        .with_help("each node re-reads its own file on a reload: copy the newest file to every node, then run `corosync-cfgtool -R`"),
    );
}

fn links_down(analysis: &Analysis, state: &LiveState, out: &mut Vec<Diagnostic>) {
    for node in &state.links {
        if state.member(node.nodeid).is_none() {
            continue;
        }
        let up: Vec<String> = node.links.iter().filter(|l| l.connected).map(|l| l.link.to_string()).collect();
        if up.is_empty() {
            continue;
        }
        let name = state.name_of(node.nodeid);
        for l in node.links.iter().filter(|l| l.enabled && !l.connected) {
            let address = state
                .nodelist()
                .iter()
                .position(|(id, _)| *id == node.nodeid)
                .and_then(|i| state.get(&format!("nodelist.node.{i}.ring{}_addr", l.link)))
                .and_then(CmapValue::as_str)
                .map(|a| format!(" ({a})"))
                .unwrap_or_default();
            out.push(
                Diagnostic::new(
                    &LIVE_LINK_DOWN,
                    link_span(analysis, node.nodeid, &name, l.link),
                    format!(
                        "link {} to {name}{address} is down; {name} is still reachable over link {}",
                        l.link,
                        up.join(", ")
                    ),
                )
                .with_label(format!("link {} down", l.link))
                .with_help("the cluster now has no redundancy towards this node: check the interface, cabling, switch or firewall of that link on both nodes"),
            );
        }
    }
}

fn link_span(analysis: &Analysis, nodeid: u32, name: &str, link: u32) -> Span {
    let view = &analysis.cmap;
    for index in view.node_indices() {
        if view.get_int(&format!("nodelist.node.{index}.nodeid")) == Some(u64::from(nodeid))
            && let Some(e) = view.get(&format!("nodelist.node.{index}.ring{link}_addr"))
        {
            return e.span();
        }
    }
    node_span(analysis, nodeid, name)
}

fn not_quorate(analysis: &Analysis, state: &LiveState, out: &mut Vec<Diagnostic>) {
    let q = &state.quorum;
    if q.quorate {
        return;
    }
    let members = state.members.len();
    let configured = state.nodelist().len();
    let mut blocks = Vec::new();
    if state.get("runtime.votequorum.wait_for_all_status").and_then(CmapValue::as_u64) == Some(1) {
        blocks.push("wait_for_all: quorum needs every node to be seen together once after start".to_string());
    }
    if members < configured {
        blocks.push(format!("{} of {configured} nodes are not members", configured - members));
    }
    blocks.push(format!("expected votes are {}", q.expected_votes));
    let span = analysis.cmap.get("quorum.provider").map(|e| e.span()).unwrap_or_else(|| first_line(&analysis.source));
    out.push(
        Diagnostic::new(
            &LIVE_NOT_QUORATE,
            span,
            format!(
                "this node's partition is not quorate: it has {} vote{} and needs {} ({})",
                q.total_votes,
                if q.total_votes == 1 { "" } else { "s" },
                q.quorum,
                blocks.join("; ")
            ),
        )
        .with_label("activity blocked")
        .with_help("bring back enough members; only if the others are down for good, lower the expected votes (`corosync-quorumtool -e N`, on Proxmox VE `pvecm expected N`)"),
    );
}
