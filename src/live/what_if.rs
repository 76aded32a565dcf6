//! `status --down NODE[,NODE…]`: if these nodes stop now, does this partition
//! keep quorum? From the live membership and votes (nodes already down stay
//! down), evaluated by the quorum model with votequorum's running numbers.

use super::state::LiveState;
use crate::diagnostic::Diagnostic;
use crate::lint::Analysis;
use crate::quorum::QuorumModel;
use crate::rules::live::LIVE_QUORUM_LOSS;

/// The verdict of a what-if.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WhatIf {
    /// The nodes assumed stopped (names).
    pub down: Vec<String>,
    /// Nodes of the nodelist that are down already.
    pub already_down: Vec<String>,
    /// The members left.
    pub remaining: Vec<String>,
    /// Their votes (with the quorum device's, if it votes now).
    pub votes: u64,
    /// The threshold that applies.
    pub quorum: u64,
    /// Whether what is left is quorate.
    pub quorate: bool,
    /// Why, when not plain arithmetic (two_node, auto_tie_breaker).
    pub reason: Option<String>,
}

/// Resolves `--down` names (node names, `ring0_addr`s or nodeids) against the
/// running nodelist. An unknown name is an error with a "did you mean".
pub fn resolve(state: &LiveState, names: &[String]) -> Result<Vec<u32>, String> {
    let nodelist = state.nodelist();
    let mut out = Vec::new();
    for raw in names {
        let name = raw.trim();
        if name.is_empty() {
            continue;
        }
        let hit =
            nodelist.iter().find(|(id, n)| n == name || id.to_string() == name).map(|(id, _)| *id).or_else(|| {
                (0..nodelist.len()).find_map(|i| {
                    let addr = state.get(&format!("nodelist.node.{i}.ring0_addr"))?.as_str()?;
                    (addr == name).then(|| nodelist.get(i).map(|(id, _)| *id)).flatten()
                })
            });
        match hit {
            Some(id) => out.push(id),
            None => {
                let known: Vec<&str> = nodelist.iter().map(|(_, n)| n.as_str()).collect();
                let hint = match crate::suggest::closest(name, known.iter().copied()) {
                    Some(s) => format!("; did you mean `{s}`?"),
                    None => format!(" (nodes: {})", known.join(", ")),
                };
                return Err(format!("`{name}` is not a node of the running nodelist{hint}"));
            }
        }
    }
    Ok(out)
}

/// Evaluates the what-if.
pub fn evaluate(state: &LiveState, down: &[u32]) -> WhatIf {
    let mut model = QuorumModel::from_cmap(&state.running_view());
    let q = &state.quorum;
    for node in &mut model.nodes {
        if let Some(m) = node.nodeid.and_then(|id| state.member(id)) {
            node.votes = m.votes;
        }
    }
    model.expected_votes = u64::from(q.expected_votes);
    model.quorum = u64::from(q.quorum);
    model.two_node = q.flags.two_node;
    if !q.flags.auto_tie_breaker {
        model.auto_tie_breaker = None;
    }
    model.fatal = None;
    let up: Vec<usize> = model
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.nodeid.is_some_and(|id| state.member(id).is_some() && !down.contains(&id)))
        .map(|(i, _)| i)
        .collect();
    let qdevice = if q.flags.qdevice_cast_vote { u64::from(q.qdevice_votes) } else { 0 };
    let p = model.evaluate(&up, qdevice);
    let label = |id: u32| state.name_of(id);
    WhatIf {
        down: down.iter().map(|&id| label(id)).collect(),
        already_down: state
            .nodelist()
            .into_iter()
            .filter(|(id, _)| state.member(*id).is_none())
            .map(|(_, n)| n)
            .collect(),
        remaining: up.iter().filter_map(|&i| model.nodes.get(i)).map(|n| n.label()).collect(),
        votes: p.node_votes + p.qdevice_votes,
        quorum: p.quorum,
        quorate: p.quorate,
        reason: p.reason,
    }
}

/// `live-quorum-loss` when what is left would not be quorate.
pub fn diagnostics(analysis: &Analysis, state: &LiveState, down: &[u32]) -> Option<Diagnostic> {
    let w = evaluate(state, down);
    if w.quorate {
        return None;
    }
    let span = analysis
        .cmap
        .get("quorum.provider")
        .map(|e| e.span())
        .unwrap_or_else(|| crate::changes::diff::first_line(&analysis.source));
    let left = if w.remaining.is_empty() { "nothing".to_string() } else { w.remaining.join(", ") };
    let mut keep = Vec::new();
    // Keep the fewest of the given nodes up that bring the votes to the threshold.
    let mut votes = w.votes;
    let mut given: Vec<(u32, u32)> = down.iter().filter_map(|&id| state.member(id).map(|m| (m.votes, id))).collect();
    given.sort_by(|a, b| b.cmp(a));
    for (v, id) in given {
        if votes >= w.quorum {
            break;
        }
        votes += u64::from(v);
        keep.push(state.name_of(id));
    }
    let mut ways = Vec::new();
    if votes >= w.quorum && !keep.is_empty() {
        ways.push(format!("keep {} up", keep.join(" and ")));
    }
    if !w.already_down.is_empty() {
        ways.push(format!("bring {} back first", w.already_down.join(" and ")));
    }
    let remedy = if ways.is_empty() {
        "this partition cannot keep quorum without them".to_string()
    } else {
        format!("to keep it, {}", ways.join(", or "))
    };
    Some(
        Diagnostic::new(
            &LIVE_QUORUM_LOSS,
            span,
            format!(
                "if {} stop{} now, this partition loses quorum: {left} keep{} {} vote{}, quorum is {}; {remedy}",
                w.down.join(" and "),
                if w.down.len() == 1 { "s" } else { "" },
                if w.remaining.len() == 1 { "s" } else { "" },
                w.votes,
                if w.votes == 1 { "" } else { "s" },
                w.quorum
            ),
        )
        .with_label("quorum lost")
        .with_help("stop fewer nodes at a time, or plan the loss of quorum (Pacemaker stops resources, /etc/pve turns read-only)"),
    )
}
