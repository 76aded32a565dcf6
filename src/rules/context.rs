//! What a rule sees: the file, its syntax tree and its cmap view.

use std::cell::OnceCell;

use super::tree_items::{self, PairItem, SectionItem};
use crate::cmap::CmapView;
use crate::nodes::Network;
use crate::quorum::QuorumModel;
use crate::source::{SourceFile, Span};
use crate::syntax::Parsed;

/// Which product's requirements apply on top of corosync's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// corosync alone (Pacemaker/pcs/crmsh clusters).
    #[default]
    Generic,
    /// Proxmox VE: adds what `pvecm`/pmxcfs require.
    Pve,
    /// Pacemaker clusters whose corosync.conf pcs or crmsh write: their keys
    /// are known, their habits (no `config_version`) are not reported.
    Pacemaker,
}

impl Profile {
    /// The name as written in `--profile` and `corolint.toml`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Profile::Generic => "generic",
            Profile::Pve => "pve",
            Profile::Pacemaker => "pacemaker",
        }
    }

    /// The profile a file's content shows, with the reason: Proxmox VE writes
    /// `quorum_votes` on every node and `config_version`; pcs (0.11.3 and
    /// later) writes `totem.cluster_uuid`; older pcs indents with four spaces
    /// and logs to `/var/log/cluster/corosync.log`; crmsh (`crm cluster init`)
    /// indents with tabs and logs to the same file.
    pub fn detect(bytes: &[u8], cmap: &CmapView) -> Option<(Profile, &'static str)> {
        if cmap.get("totem.cluster_uuid").is_some() {
            return Some((Profile::Pacemaker, "totem.cluster_uuid, which pcs writes"));
        }
        let nodes = cmap.node_indices();
        if !nodes.is_empty()
            && cmap.get("totem.config_version").is_some()
            && nodes.iter().all(|i| cmap.get(&format!("nodelist.node.{i}.quorum_votes")).is_some())
        {
            return Some((Profile::Pve, "config_version and quorum_votes on every node, as Proxmox VE writes"));
        }
        let cluster_log =
            cmap.get("logging.logfile").is_some_and(|e| e.value.to_bytes() == b"/var/log/cluster/corosync.log");
        if cluster_log {
            let tabs = bytes.split(|b| *b == b'\n').any(|l| l.starts_with(b"\t"));
            let spaces = bytes.split(|b| *b == b'\n').any(|l| l.starts_with(b"    ") && !l.starts_with(b"     "));
            if tabs {
                return Some((
                    Profile::Pacemaker,
                    "tab indentation and /var/log/cluster/corosync.log, as crmsh writes",
                ));
            }
            if spaces {
                return Some((
                    Profile::Pacemaker,
                    "four-space indentation and /var/log/cluster/corosync.log, as pcs writes",
                ));
            }
        }
        None
    }
}

/// Everything a rule may look at for one file.
///
/// Build it with [`Context::new`]: besides the public fields it caches the
/// models many rules derive from the file (network, quorum, key/value lines,
/// sections), so that each is computed once per file, not once per rule.
pub struct Context<'a> {
    /// The file.
    pub source: &'a SourceFile,
    /// Its syntax tree and syntax errors.
    pub parsed: &'a Parsed,
    /// What corosync would store.
    pub cmap: &'a CmapView,
    /// The active profile.
    pub profile: Profile,
    /// The format style chosen in `corolint.toml` (`[format] style`), if any.
    pub format_style: Option<String>,
    /// Models derived from the fields above, computed on first use.
    derived: Derived<'a>,
}

/// The lazily computed models of one [`Context`].
#[derive(Default)]
struct Derived<'a> {
    network: OnceCell<Network<'a>>,
    quorum: OnceCell<QuorumModel>,
    pairs: OnceCell<Vec<PairItem<'a>>>,
    sections: OnceCell<Vec<SectionItem<'a>>>,
    error_starts: OnceCell<Vec<u32>>,
    startup: OnceCell<Vec<crate::startup::Refusal>>,
}

impl<'a> Context<'a> {
    /// The context of one analysed file.
    pub fn new(source: &'a SourceFile, parsed: &'a Parsed, cmap: &'a CmapView, profile: Profile) -> Self {
        Context { source, parsed, cmap, profile, format_style: None, derived: Derived::default() }
    }

    /// The same context with the configured format style (`[format] style`).
    pub fn with_format_style(mut self, style: Option<String>) -> Self {
        self.format_style = style;
        self
    }

    /// The cluster network model of this file (computed once).
    pub fn network(&self) -> &Network<'a> {
        self.derived.network.get_or_init(|| Network::new(self.cmap, &self.parsed.tree, &self.source.bytes))
    }

    /// The quorum model of this file (computed once).
    pub fn quorum(&self) -> &QuorumModel {
        self.derived.quorum.get_or_init(|| QuorumModel::from_cmap(self.cmap))
    }

    /// Every key/value line with its section path, in file order (computed once).
    pub fn pairs(&self) -> &[PairItem<'a>] {
        self.derived.pairs.get_or_init(|| tree_items::collect_all_pairs(&self.source.bytes, &self.parsed.tree.nodes))
    }

    /// Every section with its paths, in file order (computed once).
    pub fn sections(&self) -> &[SectionItem<'a>] {
        self.derived
            .sections
            .get_or_init(|| tree_items::collect_all_sections(&self.source.bytes, &self.parsed.tree.nodes))
    }

    /// Where every syntax and type error starts, sorted (computed once):
    /// "is there an error on this line" is then a binary search.
    pub fn error_starts(&self) -> &[u32] {
        self.derived.error_starts.get_or_init(|| {
            let mut starts: Vec<u32> =
                self.parsed.errors.iter().chain(&self.cmap.errors).map(|e| e.span.start).collect();
            starts.sort_unstable();
            starts
        })
    }

    /// What corosync's startup refuses regardless of the host (computed once).
    pub fn startup(&self) -> &[crate::startup::Refusal] {
        self.derived.startup.get_or_init(|| crate::startup::refusals(self.cmap, self.network()))
    }

    /// The bytes of `span`.
    pub fn text(&self, span: Span) -> &'a [u8] {
        self.source.slice(span)
    }

    /// The bytes of `span`, shown for humans.
    pub fn show(&self, span: Span) -> String {
        crate::source::display_bytes(self.text(span))
    }
}
