//! Fixes as data: what a rule proposes to change in a file, how sure it is,
//! and what the change must do to corosync's view of the file.
//!
//! A rule attaches a [`Fix`] to its [`crate::diagnostic::Diagnostic`]. A fix
//! is a list of [`Edit`]s (byte ranges of the file and their replacement
//! bytes), an [`Applicability`], a one-line message for humans, and an
//! [`Intent`]: the cmap keys it may change and what each must become. The
//! [`crate::autofix`] engine applies fixes and refuses any result whose cmap view
//! did not change exactly as the intents say, that lost a comment, or that
//! has an error the original did not have.
//!
//! Front ends (`check --fix`, the JSON and SARIF renderers, the language
//! server's code actions) read the fix as it is: edits are always on the
//! bytes the diagnostic was computed from.

pub mod apply;
pub mod edits;

use crate::source::Span;

/// How safe a fix is to apply without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown, never applied (a suggestion that needs a decision).
    DisplayOnly,
    /// Applied with `--unsafe-fixes`: it changes what corosync does.
    Unsafe,
    /// Applied with `--fix`: the fixed file means exactly the same to
    /// corosync where the original was accepted (only `config_version` may
    /// change), or it repairs a file corosync refuses.
    Safe,
}

impl Applicability {
    /// Kebab-case name (`safe`, `unsafe`, `display-only`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// Whether a rule can offer a fix, and of which kind (for `corolint rules`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixAvailability {
    /// The rule never offers a fix.
    None,
    /// The rule's fixes are safe (applied by `--fix`).
    Safe,
    /// The rule's fixes are unsafe (applied only with `--unsafe-fixes`).
    Unsafe,
    /// Some of the rule's fixes are safe, others unsafe (named in its doc).
    Mixed,
}

impl FixAvailability {
    /// The word in the `fix` column of `corolint rules`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Safe => "safe",
            FixAvailability::Unsafe => "unsafe",
            FixAvailability::Mixed => "mixed",
        }
    }
}

/// Replace the bytes of `span` with `replacement` (an insertion when the
/// span is empty, a deletion when the replacement is).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Edit {
    /// Byte range of the file the diagnostic was computed on.
    pub span: Span,
    /// The new bytes (may be empty).
    #[serde(serialize_with = "serialize_bytes")]
    pub replacement: Vec<u8>,
}

impl Edit {
    /// Replaces `span` with `replacement`.
    pub fn replace(span: Span, replacement: impl Into<Vec<u8>>) -> Self {
        Edit { span, replacement: replacement.into() }
    }

    /// Inserts `text` at `offset`.
    pub fn insert(offset: u32, text: impl Into<Vec<u8>>) -> Self {
        Edit { span: Span { start: offset, end: offset }, replacement: text.into() }
    }

    /// Deletes `span`.
    pub fn delete(span: Span) -> Self {
        Edit { span, replacement: Vec::new() }
    }
}

fn serialize_bytes<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&String::from_utf8_lossy(bytes))
}

/// Which cmap keys a [`KeyChange`] is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "match", content = "key", rename_all = "kebab-case")]
pub enum KeyPattern {
    /// Exactly this key (`totem.config_version`).
    Exact(String),
    /// Every key starting with this (`totem.interface.`).
    Prefix(String),
}

impl KeyPattern {
    /// Whether `key` is one of the keys meant.
    pub fn matches(&self, key: &str) -> bool {
        match self {
            KeyPattern::Exact(k) => k == key,
            KeyPattern::Prefix(p) => key.starts_with(p.as_str()),
        }
    }

    /// Whether some key could match both patterns.
    pub fn overlaps(&self, other: &KeyPattern) -> bool {
        match (self, other) {
            (KeyPattern::Exact(a), b) => b.matches(a),
            (a, KeyPattern::Exact(b)) => a.matches(b),
            (KeyPattern::Prefix(a), KeyPattern::Prefix(b)) => a.starts_with(b.as_str()) || b.starts_with(a.as_str()),
        }
    }
}

/// What a key must be after the fix.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "is", content = "value", rename_all = "kebab-case")]
pub enum Expect {
    /// Set, with exactly these value bytes (as `corolint parse --cmap` shows them).
    Value(#[serde(serialize_with = "serialize_bytes")] Vec<u8>),
    /// Not set.
    Absent,
    /// Anything (for a pattern whose keys move, e.g. a link renumbered).
    Any,
}

/// One cmap key (or family of keys) a fix changes, and what it becomes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct KeyChange {
    /// The keys.
    pub key: KeyPattern,
    /// What each must be afterwards.
    pub after: Expect,
}

/// What a fix does to the meaning of the file. Every cmap key not named
/// here must keep its value; every key named must end as said.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub struct Intent {
    /// The keys that change.
    pub keys: Vec<KeyChange>,
    /// Trailing comments moved to a line of their own: these texts (from
    /// `#` to the end) must appear as whole-line comments afterwards.
    #[serde(serialize_with = "serialize_byte_list")]
    pub moved_comments: Vec<Vec<u8>>,
}

fn serialize_byte_list<S: serde::Serializer>(list: &[Vec<u8>], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(list.iter().map(|b| String::from_utf8_lossy(b).into_owned()))
}

impl Intent {
    /// A text-only change: the cmap view stays the same.
    pub fn unchanged() -> Self {
        Intent::default()
    }

    /// `key` must end with `value`.
    pub fn set(key: impl Into<String>, value: impl Into<Vec<u8>>) -> Self {
        Intent::unchanged().and_set(key, value)
    }

    /// Also: `key` must end with `value`.
    pub fn and_set(mut self, key: impl Into<String>, value: impl Into<Vec<u8>>) -> Self {
        self.keys.push(KeyChange { key: KeyPattern::Exact(key.into()), after: Expect::Value(value.into()) });
        self
    }

    /// Also: `key` must be unset afterwards.
    pub fn and_remove(mut self, key: impl Into<String>) -> Self {
        self.keys.push(KeyChange { key: KeyPattern::Exact(key.into()), after: Expect::Absent });
        self
    }

    /// Also: keys starting with `prefix` may change in any way.
    pub fn and_any_under(mut self, prefix: impl Into<String>) -> Self {
        self.keys.push(KeyChange { key: KeyPattern::Prefix(prefix.into()), after: Expect::Any });
        self
    }

    /// Also: the trailing comment `text` moves to a line of its own.
    pub fn and_moved_comment(mut self, text: impl Into<Vec<u8>>) -> Self {
        self.moved_comments.push(text.into());
        self
    }

    /// Whether two intents name a common key (fixes that must not be applied together).
    pub fn conflicts_with(&self, other: &Intent) -> bool {
        self.keys.iter().any(|a| other.keys.iter().any(|b| a.key.overlaps(&b.key)))
    }
}

/// A proposed change to the file, attached to a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Fix {
    /// Whether `--fix` applies it, or only `--unsafe-fixes`, or neither.
    pub applicability: Applicability,
    /// The edits, in file order, not overlapping.
    pub edits: Vec<Edit>,
    /// What it does, for humans (`Move the comment to its own line`).
    pub message: String,
    /// What it must do to the cmap view (checked before anything is written).
    pub intent: Intent,
}

impl Fix {
    /// A fix of the given applicability; edits are sorted by position.
    pub fn new(applicability: Applicability, message: impl Into<String>, mut edits: Vec<Edit>, intent: Intent) -> Self {
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        Fix { applicability, edits, message: message.into(), intent }
    }

    /// A safe fix.
    pub fn safe(message: impl Into<String>, edits: Vec<Edit>, intent: Intent) -> Self {
        Fix::new(Applicability::Safe, message, edits, intent)
    }

    /// An unsafe fix.
    pub fn unsafe_(message: impl Into<String>, edits: Vec<Edit>, intent: Intent) -> Self {
        Fix::new(Applicability::Unsafe, message, edits, intent)
    }

    /// The smallest span covering every edit (empty at 0 without edits).
    pub fn span(&self) -> Span {
        let mut it = self.edits.iter().map(|e| e.span);
        let first = it.next().unwrap_or_default();
        it.fold(first, Span::cover)
    }

    /// Whether the edits of two fixes overlap or touch the same point, so
    /// that applying both at once would be ambiguous.
    pub fn overlaps(&self, other: &Fix) -> bool {
        self.edits.iter().any(|a| {
            other.edits.iter().any(|b| {
                a.span.start < b.span.end && b.span.start < a.span.end
                    || a.span.start == b.span.start
                    || (a.span.is_empty() || b.span.is_empty())
                        && (a.span.end == b.span.start || b.span.end == a.span.start)
            })
        })
    }
}
