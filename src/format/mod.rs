//! The canonical formatter behind `corolint fmt`.
//!
//! A valid file is turned into a [`layout`] tree (entries with the comments
//! above them), reordered by [`ordering`], printed by [`printer`], and
//! checked by [`verify`] before anyone may write it ([`write`](mod@write) does that
//! atomically). The `pve` style reproduces Proxmox VE's `write_conf` byte for
//! byte (for comment-free input); `keep-order` only normalises whitespace.

pub mod diff;
pub mod layout;
pub mod ordering;
pub mod printer;
pub mod verify;
pub mod write;

use std::borrow::Cow;
use std::collections::HashSet;

use crate::cmap::{self, CmapView};
use crate::source::display_bytes;
use crate::syntax::{self, Parsed};
use ordering::{Plan, Unit};

pub use write::{WriteError, WriteErrorKind, Written, write_verified};

/// The layout `corolint fmt` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Style {
    /// Exactly Proxmox VE's `write_conf` layout: entries sorted by key, nodes
    /// by name, interfaces by link number; comments kept with their entry.
    #[default]
    Pve,
    /// The same whitespace rules, but entries keep their order.
    KeepOrder,
}

impl Style {
    /// The name used on the command line and in the configuration.
    pub const fn as_str(self) -> &'static str {
        match self {
            Style::Pve => "pve",
            Style::KeepOrder => "keep-order",
        }
    }
}

/// What the formatter reads: a file's bytes with its parse and cmap view.
#[derive(Debug, Clone)]
pub struct FormatInput<'a> {
    src: &'a [u8],
    parsed: Cow<'a, Parsed>,
    view: Cow<'a, CmapView>,
}

impl<'a> FormatInput<'a> {
    /// An input that is already parsed (no second parse).
    pub fn from_parts(src: &'a [u8], parsed: &'a Parsed, view: &'a CmapView) -> Self {
        FormatInput { src, parsed: Cow::Borrowed(parsed), view: Cow::Borrowed(view) }
    }
}

impl<'a> From<&'a [u8]> for FormatInput<'a> {
    fn from(src: &'a [u8]) -> Self {
        let parsed = syntax::parse(src);
        let view = cmap::build(&parsed.tree, src);
        FormatInput { src, parsed: Cow::Owned(parsed), view: Cow::Owned(view) }
    }
}

impl<'a> From<&'a Vec<u8>> for FormatInput<'a> {
    fn from(src: &'a Vec<u8>) -> Self {
        FormatInput::from(src.as_slice())
    }
}

/// Why a file was not formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    /// The file has a syntax or type error; nothing is formatted.
    Invalid {
        /// 1-based line of the first error.
        line: usize,
        /// 1-based column of the first error.
        column: usize,
        /// corosync's message for it.
        message: String,
    },
    /// Formatting would change what corosync stores (or lose a comment).
    ChangesMeaning(String),
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::Invalid { line, column, message } => {
                write!(f, "{line}:{column}: {message} (fix the errors first; `corolint check` lists them)")
            }
            FormatError::ChangesMeaning(detail) => {
                write!(f, "refusing to write: formatting would change the meaning: {detail}")
            }
        }
    }
}

impl std::error::Error for FormatError {}

/// A section whose order was kept because sorting it would change the meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptOrder {
    /// The section name (`(top level)` for the file).
    pub section: String,
    /// 1-based line where it opens (1 for the file).
    pub line: usize,
    /// What was left unsorted: `entries`, `node blocks` or `interface blocks`.
    pub what: &'static str,
}

impl std::fmt::Display for KeptOrder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "kept the original order of the {} of `{}` (line {}): sorting them would change what corosync stores",
            self.what, self.section, self.line
        )
    }
}

/// A formatted file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formatted {
    /// The formatted bytes.
    pub bytes: Vec<u8>,
    /// Sections left in their original order (pve style only).
    pub kept_order: Vec<KeptOrder>,
}

/// Formats a file (an [`Analysis`](crate::lint::Analysis), or bytes) in `style`; the output has
/// been verified to parse and mean the same as the input.
pub fn format<'a>(input: impl Into<FormatInput<'a>>, style: Style) -> Result<Vec<u8>, FormatError> {
    format_detailed(input, style).map(|f| f.bytes)
}

/// 1-based line and column of a byte offset (error paths only: builds a line index).
fn line_col(src: &[u8], offset: usize) -> (usize, usize) {
    let pos = crate::source::SourceFile::new("", src.to_vec()).line_col(offset);
    (pos.line, pos.column)
}

/// Like [`format()`], and also says which sections kept their order.
pub fn format_detailed<'a>(input: impl Into<FormatInput<'a>>, style: Style) -> Result<Formatted, FormatError> {
    let input = input.into();
    let src = input.src;
    // corosync ignores what follows a NUL byte on some lines (a line that
    // starts with one, a comment on the last line); the layout holds only
    // what corosync reads, so those bytes would be lost. Refuse instead.
    if let Some(offset) = memchr::memchr(0, src) {
        let (line, column) = line_col(src, offset);
        return Err(FormatError::Invalid {
            line,
            column,
            message: "NUL byte: corosync ignores the rest of this line and formatting would drop it".into(),
        });
    }
    let first_error = input.parsed.errors.iter().chain(&input.view.errors).min_by_key(|e| e.span.start);
    if let Some(e) = first_error {
        let (line, column) = line_col(src, e.span.start_usize());
        return Err(FormatError::Invalid { line, column, message: e.message.clone() });
    }
    let root = layout::build(&input.parsed.tree, src).map_err(|layout::Unrepresentable(span)| {
        let (line, column) = line_col(src, span.start_usize());
        FormatError::Invalid { line, column, message: "line cannot be formatted".into() }
    })?;
    let comments = verify::comment_texts(&input.parsed.tree, src);
    let nodes_may_move = style == Style::Pve;
    let attempt = |plan: &Plan| -> Result<Vec<u8>, verify::Mismatch> {
        let out = printer::print(&root, plan, src.len());
        // An output identical to the (error-free) input trivially parses to
        // the same tree and cmap view, so there is nothing to verify.
        if out == src {
            return Ok(out);
        }
        verify::verify(&comments, &input.view, &out, nodes_may_move).map(|()| out)
    };
    let keep_order = || attempt(&Plan::KeepOrder).map_err(|m| FormatError::ChangesMeaning(m.to_string()));
    if style == Style::KeepOrder {
        return Ok(Formatted { bytes: keep_order()?, kept_order: Vec::new() });
    }
    if let Ok(bytes) = attempt(&Plan::All) {
        return Ok(Formatted { bytes, kept_order: Vec::new() });
    }
    // Some reordering changes the meaning: add reorderings one at a time and
    // keep those that verify; the others leave their section as it was.
    let mut allowed: HashSet<Unit> = HashSet::new();
    let mut best: Option<Vec<u8>> = None;
    let mut kept_order = Vec::new();
    for candidate in ordering::effective_units(&root) {
        let mut trial = allowed.clone();
        trial.insert(candidate.unit);
        match attempt(&Plan::Only(trial.clone())) {
            Ok(bytes) => {
                allowed = trial;
                best = Some(bytes);
            }
            Err(_) => kept_order.push(KeptOrder {
                section: if candidate.name.is_empty() { "(top level)".into() } else { display_bytes(candidate.name) },
                line: line_col(src, candidate.open.start_usize()).0,
                what: match (candidate.unit, candidate.name) {
                    (Unit::Keys(_), _) => "entries",
                    (Unit::Array(_), b"nodelist") => "node blocks",
                    (Unit::Array(_), _) => "interface blocks",
                },
            }),
        }
    }
    let bytes = match best {
        Some(bytes) => bytes,
        None => keep_order()?,
    };
    Ok(Formatted { bytes, kept_order })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(src: &[u8], style: Style) -> String {
        String::from_utf8_lossy(&format(src, style).unwrap_or_else(|e| panic!("{e}"))).into_owned()
    }

    #[test]
    fn sorts_and_indents_like_pve() {
        let src = b"totem {\n\tversion: 2\r\n cluster_name:x\n}\nlogging{\n to_syslog: yes\n}\n";
        assert_eq!(
            fmt(src, Style::Pve),
            "logging {\n  to_syslog: yes\n}\n\ntotem {\n  cluster_name: x\n  version: 2\n}\n\n"
        );
        assert_eq!(
            fmt(src, Style::KeepOrder),
            "totem {\n  version: 2\n  cluster_name: x\n}\n\nlogging {\n  to_syslog: yes\n}\n\n"
        );
    }

    #[test]
    fn comments_move_with_their_entry() {
        let src = b"totem {\n# about version\n    version: 2\n  # about name\ncluster_name: x\n    # end\n}\n";
        assert_eq!(
            fmt(src, Style::Pve),
            "totem {\n  # about name\n  cluster_name: x\n  # about version\n  version: 2\n  # end\n}\n\n"
        );
    }

    #[test]
    fn empty_key_and_value_round_trip() {
        let src = b"totem {\n  :v\n  x_key:\n  : w\n}\n";
        let out = fmt(src, Style::KeepOrder);
        assert_eq!(out, "totem {\n  :v\n  x_key:\n  : w\n}\n\n");
    }

    #[test]
    fn refuses_invalid_files() {
        let err = format(&b"totem {\n version: x\n}\n"[..], Style::Pve);
        assert!(matches!(err, Err(FormatError::Invalid { line: 2, .. })), "{err:?}");
    }

    #[test]
    fn clobbering_nodelists_keep_their_node_order() {
        let src = b"nodelist {\n node {\n  name: b\n  nodeid: 2\n }\n node {\n  name: a\n  nodeid: 1\n }\n}\nnodelist {\n node {\n  ring0_addr: x\n }\n}\n";
        let f = format_detailed(&src[..], Style::Pve).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(f.kept_order.len(), 1, "{:?}", f.kept_order);
        assert_eq!(f.kept_order[0].what, "node blocks");
        let out = String::from_utf8_lossy(&f.bytes);
        assert!(out.find("name: b") < out.find("name: a"), "{out}");
    }
}
