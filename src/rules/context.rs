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
}

impl<'a> Context<'a> {
    /// The context of one analysed file.
    pub fn new(source: &'a SourceFile, parsed: &'a Parsed, cmap: &'a CmapView, profile: Profile) -> Self {
        Context { source, parsed, cmap, profile, derived: Derived::default() }
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

    /// The bytes of `span`.
    pub fn text(&self, span: Span) -> &'a [u8] {
        self.source.slice(span)
    }

    /// The bytes of `span`, shown for humans.
    pub fn show(&self, span: Span) -> String {
        crate::source::display_bytes(self.text(span))
    }
}
