//! The `corolint quorum` report: the model's numbers for one file, in a form a
//! person reads in ten seconds (text) or a program reads (JSON).

use std::fmt::Write as _;

use crate::diagnostic::Severity;
use crate::lint::{self, Analysis};
use crate::quorum::{NodeVotes, Partition, Provider, QuorumModel, TieBreaker};
use crate::rules::{Category, Profile};

/// The quorum device as reported.
#[derive(Debug, Clone, serde::Serialize)]
pub struct QdeviceReport {
    /// `model`.
    pub model: String,
    /// Algorithm name.
    pub algorithm: String,
    /// Votes votequorum gives it.
    pub votes: u64,
    /// Whether votequorum computed the votes (N−1).
    pub votes_automatic: bool,
}

/// Expected votes, as written and as computed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ExpectedReport {
    /// `quorum.expected_votes`, when set (non-zero).
    pub configured: Option<u32>,
    /// Σ node votes.
    pub nodelist: u64,
    /// At start (`runtime.votequorum.ev_barrier`).
    pub at_start: u64,
    /// Once every node and the qdevice vote.
    pub effective: u64,
}

/// Failures survived.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SurvivesReport {
    /// With the qdevice up (`None` without a qdevice, or never quorate).
    pub qdevice_up: Option<usize>,
    /// With the qdevice down (or without one).
    pub qdevice_down: Option<usize>,
}

/// One side of a split or a what-if partition.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PartitionReport {
    /// Node labels.
    pub nodes: Vec<String>,
    /// Node votes.
    pub node_votes: u64,
    /// qdevice votes it receives.
    pub qdevice_votes: u64,
    /// Threshold.
    pub quorum: u64,
    /// Verdict.
    pub quorate: bool,
    /// Why, when not plain arithmetic.
    pub reason: Option<String>,
}

/// An even split.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SplitReport {
    /// The half with the tie-breaker node.
    pub a: PartitionReport,
    /// The other half.
    pub b: PartitionReport,
}

/// Special features in effect.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FeaturesReport {
    /// `two_node` in effect.
    pub two_node: bool,
    /// `wait_for_all` in effect.
    pub wait_for_all: bool,
    /// `last_man_standing`.
    pub last_man_standing: bool,
    /// `last_man_standing_window` (ms), when LMS is on.
    pub last_man_standing_window: Option<u32>,
    /// The ATB tie-breaker in effect (`lowest`, `highest`, `list 3 1`), `None` when off.
    pub auto_tie_breaker: Option<String>,
    /// `allow_downscale`.
    pub allow_downscale: bool,
}

/// One rule finding.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Finding {
    /// Rule name.
    pub rule: &'static str,
    /// Rule code.
    pub code: &'static str,
    /// Severity.
    pub severity: Severity,
    /// 1-based line.
    pub line: usize,
    /// Message.
    pub message: String,
}

/// A what-if partition (`--down`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct WhatIf {
    /// What is down (node labels, and `qdevice`).
    pub down: Vec<String>,
    /// Whether the qdevice is assumed up.
    pub qdevice_up: bool,
    /// The remaining partition.
    pub rest: PartitionReport,
}

/// Everything `corolint quorum` prints for one file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    /// File name.
    pub file: String,
    /// Provider (`none`, `corosync_votequorum`, …).
    pub provider: String,
    /// Nodes.
    pub nodes: Vec<NodeVotes>,
    /// The quorum device.
    pub qdevice: Option<QdeviceReport>,
    /// Expected votes.
    pub expected_votes: ExpectedReport,
    /// Σ node votes + qdevice votes.
    pub total_votes: u64,
    /// Quorum threshold with everything up.
    pub quorum: u64,
    /// Failures survived.
    pub survives: SurvivesReport,
    /// An even split, when the votes allow one.
    pub even_split: Option<SplitReport>,
    /// Features in effect.
    pub features: FeaturesReport,
    /// The message corosync exits with at start, if any.
    pub fatal_at_start: Option<String>,
    /// What votequorum switches off at start.
    pub disabled_at_start: Vec<String>,
    /// Quorum and qdevice rule findings.
    pub findings: Vec<Finding>,
    /// The `--down` what-if.
    pub what_if: Option<WhatIf>,
}

fn partition_report(m: &QuorumModel, p: &Partition) -> PartitionReport {
    PartitionReport {
        nodes: p.nodes.iter().filter_map(|&i| m.nodes.get(i)).map(|n| n.label()).collect(),
        node_votes: p.node_votes,
        qdevice_votes: p.qdevice_votes,
        quorum: p.quorum,
        quorate: p.quorate,
        reason: p.reason.clone(),
    }
}

/// Builds the report. `down` lists node names, nodeids or `qdevice`; an unknown
/// name is an error.
pub fn build(analysis: &Analysis, profile: Profile, down: Option<&[String]>) -> Result<Report, String> {
    let m = QuorumModel::from_cmap(&analysis.cmap);
    let lint_report = lint::lint(analysis, profile, |r| matches!(r.category, Category::Quorum | Category::Qdevice));
    let findings = lint_report
        .diagnostics
        .iter()
        .map(|d| Finding {
            rule: d.rule,
            code: d.code,
            severity: d.severity,
            line: analysis.source.line_col(d.primary.span.start_usize()).line,
            message: d.message.clone(),
        })
        .collect();
    let what_if = match down {
        None => None,
        Some(names) => {
            let mut idx = Vec::new();
            let mut chosen = std::collections::HashSet::new();
            let mut qdevice_up = m.qdevice.is_some();
            let mut labels = Vec::new();
            for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                if name.eq_ignore_ascii_case("qdevice") {
                    qdevice_up = false;
                    labels.push("qdevice".to_string());
                    continue;
                }
                let i = m.find_node(name).ok_or_else(|| {
                    let known: Vec<String> = m.nodes.iter().map(|n| n.label()).collect();
                    format!("no node named `{name}` (nodes: {}; or a nodeid, or `qdevice`)", known.join(", "))
                })?;
                if chosen.insert(i) {
                    idx.push(i);
                    labels.push(m.nodes.get(i).map(|n| n.label()).unwrap_or_default());
                }
            }
            let rest = m.without(&idx, qdevice_up);
            Some(WhatIf { down: labels, qdevice_up, rest: partition_report(&m, &rest) })
        }
    };
    let has_qdevice = m.qdevice.is_some();
    Ok(Report {
        file: analysis.source.name.clone(),
        provider: match &m.provider {
            Provider::None => "none".into(),
            Provider::Votequorum => "corosync_votequorum".into(),
            Provider::Ykd => "corosync_ykd".into(),
            Provider::Invalid(p) => p.clone(),
        },
        nodes: m.nodes.clone(),
        qdevice: m.qdevice.as_ref().map(|q| QdeviceReport {
            model: q.model.clone(),
            algorithm: q.algorithm.name().to_string(),
            votes: q.votes,
            votes_automatic: q.votes_automatic(),
        }),
        expected_votes: ExpectedReport {
            configured: m.expected_votes_configured,
            nodelist: m.nodelist_votes,
            at_start: m.expected_at_start,
            effective: m.expected_votes,
        },
        total_votes: m.total_votes,
        quorum: m.quorum,
        survives: SurvivesReport {
            qdevice_up: if has_qdevice { m.survives(true) } else { None },
            qdevice_down: m.survives(false),
        },
        even_split: m
            .even_split(true)
            .map(|s| SplitReport { a: partition_report(&m, &s.a), b: partition_report(&m, &s.b) }),
        features: FeaturesReport {
            two_node: m.two_node,
            wait_for_all: m.wait_for_all,
            last_man_standing: m.last_man_standing,
            last_man_standing_window: m.last_man_standing.then_some(m.last_man_standing_window),
            auto_tie_breaker: m.auto_tie_breaker.as_ref().map(|t| match t {
                TieBreaker::Lowest => "lowest".to_string(),
                TieBreaker::Highest => "highest".to_string(),
                TieBreaker::List(ids) => {
                    format!("list {}", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(" "))
                }
            }),
            allow_downscale: m.allow_downscale,
        },
        fatal_at_start: m.fatal.map(|f| f.message().to_string()),
        disabled_at_start: m.disabled.iter().map(|d| d.log().to_string()).collect(),
        findings,
        what_if,
    })
}

fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

fn survives_text(s: Option<usize>) -> String {
    match s {
        None => "never quorate".into(),
        Some(0) => "no node failure".into(),
        Some(n) => plural(n as u64, "node failure", "node failures"),
    }
}

fn side(p: &PartitionReport) -> String {
    let names = p.nodes.join(", ");
    let q = if p.qdevice_votes > 0 { format!(" + {} qdevice", p.qdevice_votes) } else { String::new() };
    format!("{names} ({}{q})", plural(p.node_votes, "vote", "votes"))
}

/// The report as text.
pub fn render_text(r: &Report) -> String {
    let mut o = String::new();
    let mut line = |k: &str, v: String| {
        let _ = writeln!(o, "  {k:<12} {v}");
    };
    let head = format!("{}\n", r.file);
    line("provider", r.provider.clone());
    if let Some(f) = &r.fatal_at_start {
        line("start", format!("FAILS: corosync exits with status 20: {f}"));
    }
    for d in &r.disabled_at_start {
        line("start", format!("switched off: {d}"));
    }
    let modelled = r.provider == "corosync_votequorum" && r.fatal_at_start.is_none();
    let equal = r.nodes.windows(2).all(|w| w.first().map(|a| a.votes) == w.get(1).map(|b| b.votes));
    let node_list = |max: usize| {
        let mut names: Vec<String> = r
            .nodes
            .iter()
            .take(max)
            .map(|n| match n.nodeid {
                Some(id) if !equal => format!("{} (id {id}) {}", n.label(), plural(n.votes, "vote", "votes")),
                Some(id) => format!("{} (id {id})", n.label()),
                None if !equal => format!("{} {}", n.label(), plural(n.votes, "vote", "votes")),
                None => n.label(),
            })
            .collect();
        if r.nodes.len() > max {
            names.push(format!("… {} more", r.nodes.len() - max));
        }
        names.join(", ")
    };
    let votes_each = match r.nodes.first() {
        Some(n) if equal => format!(", {} each", plural(n.votes, "vote", "votes")),
        _ => String::new(),
    };
    line("nodes", format!("{}{votes_each}: {}", r.nodes.len(), node_list(8)));
    if let Some(q) = &r.qdevice {
        let how = if q.votes_automatic { " (automatic: node votes − 1)" } else { "" };
        line("qdevice", format!("{}, algorithm {}, {}{how}", q.model, q.algorithm, plural(q.votes, "vote", "votes")));
    } else {
        line("qdevice", "none".into());
    }
    if r.provider == "none" {
        line("quorum", "none: no provider, every partition is quorate".into());
    } else if r.provider == "corosync_ykd" {
        line("quorum", "decided by the legacy YKD provider (not modelled)".into());
    }
    if modelled {
        let e = &r.expected_votes;
        let mut parts = vec![format!("nodelist {}", e.nodelist)];
        if let Some(q) = &r.qdevice {
            parts.push(format!("qdevice {}", q.votes));
        }
        let configured = match e.configured {
            Some(c) => format!("configured {c}"),
            None => "not configured".into(),
        };
        let mut exp = format!("{} ({configured}; {})", e.effective, parts.join(" + "));
        if e.at_start != e.effective {
            let _ = write!(exp, ", {} at start", e.at_start);
        }
        line("expected", exp);
        let mut q = format!("{} of {}", r.quorum, plural(r.total_votes, "vote", "votes"));
        if r.features.two_node {
            q.push_str(" (two_node: 1 while at most 2 members are up)");
        }
        line("quorum", q);
        let surv = match &r.qdevice {
            Some(_) => format!(
                "{} with the qdevice up, {} with it down",
                survives_text(r.survives.qdevice_up),
                survives_text(r.survives.qdevice_down)
            ),
            None => survives_text(r.survives.qdevice_down),
        };
        line("survives", surv);
        let split = match &r.even_split {
            None if r.nodes.len() % 2 == 1 && equal => "not possible (odd node count)".to_string(),
            None => "not possible (no set of nodes holds exactly half the votes)".into(),
            Some(s) => {
                let ratio = format!("{}:{}", s.a.node_votes, s.b.node_votes);
                match (s.a.quorate, s.b.quorate) {
                    (true, true) => {
                        format!("{ratio}, both halves stay quorate: {}", s.a.reason.clone().unwrap_or_default())
                    }
                    (false, false) => {
                        format!("{ratio}, both halves lose quorum: the whole cluster stops")
                    }
                    (true, false) => {
                        let why = s.a.reason.clone().unwrap_or_else(|| "the qdevice votes for it".to_string());
                        format!("{ratio}, {} keeps quorum ({why})", side(&s.a))
                    }
                    (false, true) => format!("{ratio}, {} keeps quorum", side(&s.b)),
                }
            }
        };
        line("even split", split);
    }
    let f = &r.features;
    let yes = |b: bool| if b { "on" } else { "off" };
    let lms = match f.last_man_standing_window {
        Some(w) => format!("on ({w} ms)"),
        None => "off".into(),
    };
    line(
        "features",
        format!(
            "two_node {}, wait_for_all {}, last_man_standing {lms}, auto_tie_breaker {}",
            yes(f.two_node),
            yes(f.wait_for_all),
            f.auto_tie_breaker.as_deref().unwrap_or("off")
        ),
    );
    if r.findings.is_empty() {
        line("findings", "none".into());
    } else {
        for (i, d) in r.findings.iter().enumerate() {
            line(
                if i == 0 { "findings" } else { "" },
                format!("{}[{}] line {}: {}", d.severity.as_str(), d.rule, d.line, d.message),
            );
        }
    }
    if let Some(w) = &r.what_if {
        let qd = match (&r.qdevice, w.qdevice_up) {
            (Some(_), true) => " (qdevice up)",
            (Some(_), false) => "",
            (None, _) => "",
        };
        let rest = &w.rest;
        let verdict = if rest.quorate { "QUORATE" } else { "NOT QUORATE" };
        let why = rest.reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default();
        let holders = if rest.nodes.is_empty() { "nothing".to_string() } else { rest.nodes.join(", ") };
        let verb = if rest.nodes.len() == 1 { "holds" } else { "hold" };
        let total = rest.node_votes + rest.qdevice_votes;
        let votes = if rest.qdevice_votes > 0 {
            format!("{} + {} qdevice = {total} votes", rest.node_votes, rest.qdevice_votes)
        } else {
            plural(total, "vote", "votes")
        };
        let down = if w.down.is_empty() { "nothing".to_string() } else { w.down.join(", ") };
        line("what if", format!("{down} down{qd}: {holders} {verb} {votes}, quorum {}: {verdict}{why}", rest.quorum));
    }
    format!("{head}{o}")
}
