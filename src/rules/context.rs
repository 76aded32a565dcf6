//! What a rule sees: the file, its syntax tree and its cmap view.

use crate::cmap::CmapView;
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
pub struct Context<'a> {
    /// The file.
    pub source: &'a SourceFile,
    /// Its syntax tree and syntax errors.
    pub parsed: &'a Parsed,
    /// What corosync would store.
    pub cmap: &'a CmapView,
    /// The active profile.
    pub profile: Profile,
}

impl<'a> Context<'a> {
    /// The bytes of `span`.
    pub fn text(&self, span: Span) -> &'a [u8] {
        self.source.slice(span)
    }

    /// The bytes of `span`, shown for humans.
    pub fn show(&self, span: Span) -> String {
        crate::source::display_bytes(self.text(span))
    }
}
