//! Syntax and type errors: what the target corosync release itself refuses to load.

use crate::source::Span;

/// Every way a file can fail corosync's parser or its parse-time type checks.
/// The kebab-case [`ErrorKind::name`] is stable: it is used in output,
/// JSON and `corolint rule NAME`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// A line of 511 bytes or more before its newline.
    LineTooLong,
    /// A NUL byte inside a line (corosync reports `Line too long`).
    NulByte,
    /// `{` with nothing before it.
    MissingSectionName,
    /// Text after the `{` that opens a section.
    ExtraAfterOpenBrace,
    /// Text before or after a `}`.
    ExtraAroundCloseBrace,
    /// A `}` at the top level.
    UnexpectedCloseBrace,
    /// A line that is neither blank, comment, section open, key/value nor `}`.
    InvalidLine,
    /// End of file inside a section.
    MissingCloseBrace,
    /// A section or key whose dotted cmap path reaches 255 bytes.
    PathTooLong,
    /// A key whose cmap name has a byte outside `[A-Za-z0-9._/:-]` or a length outside 3..=255.
    InvalidKeyName,
    /// An integer key whose value is not a base-10 number in range.
    InvalidInteger,
    /// A u64 key (`config_version`, `poll_period`) whose value is not a number: corosync 3.1.7 aborts.
    InvalidUnsignedInteger,
    /// An enumerated key (`ip_version`, crypto, compression, `system.*`) with a value outside its list.
    InvalidEnumValue,
    /// A key other than `uid`/`gid` inside `uidgid`.
    UidgidInvalidKey,
    /// A key other than `memberaddr` inside `interface { member { } }`.
    MemberInvalidKey,
    /// A `logger_subsys` block without `subsys`.
    MissingSubsys,
    /// A `logging_daemon` block without `name`.
    MissingLoggingDaemonName,
    /// A subsection inside `logger_subsys`: corosync 3.1.7 crashes (SIGSEGV).
    LoggerSubsysSubsection,
    /// `:value` with no key (corosync 3.1.10+ refuses it).
    EmptyKey,
    /// A subsection inside `uidgid` (corosync 3.1.10+ refuses it).
    UidgidSubsection,
    /// A subsection inside `totem.interface.member` (corosync 3.1.10+ refuses it).
    MemberSubsection,
    /// A subsection inside `logging_daemon`: corosync up to 3.1.9 crashes (SIGSEGV).
    LoggingDaemonSubsection,
    /// `totem.ip_dscp` that is neither 0..63 nor a DSCP name (corosync 3.1.10+ types it).
    InvalidIpDscp,
}

impl ErrorKind {
    /// The refusal of a subsection: in `uidgid` (`true`) or in `member`.
    pub const fn from_subsection(uidgid: bool) -> ErrorKind {
        if uidgid { ErrorKind::UidgidSubsection } else { ErrorKind::MemberSubsection }
    }

    /// Every kind, in a stable order.
    pub const ALL: [ErrorKind; 23] = [
        ErrorKind::LineTooLong,
        ErrorKind::NulByte,
        ErrorKind::MissingSectionName,
        ErrorKind::ExtraAfterOpenBrace,
        ErrorKind::ExtraAroundCloseBrace,
        ErrorKind::UnexpectedCloseBrace,
        ErrorKind::InvalidLine,
        ErrorKind::MissingCloseBrace,
        ErrorKind::PathTooLong,
        ErrorKind::InvalidKeyName,
        ErrorKind::InvalidInteger,
        ErrorKind::InvalidUnsignedInteger,
        ErrorKind::InvalidEnumValue,
        ErrorKind::UidgidInvalidKey,
        ErrorKind::MemberInvalidKey,
        ErrorKind::MissingSubsys,
        ErrorKind::MissingLoggingDaemonName,
        ErrorKind::LoggerSubsysSubsection,
        ErrorKind::EmptyKey,
        ErrorKind::UidgidSubsection,
        ErrorKind::MemberSubsection,
        ErrorKind::LoggingDaemonSubsection,
        ErrorKind::InvalidIpDscp,
    ];

    /// The stable kebab-case name of this error.
    pub const fn name(self) -> &'static str {
        match self {
            ErrorKind::LineTooLong => "line-too-long",
            ErrorKind::NulByte => "nul-byte",
            ErrorKind::MissingSectionName => "missing-section-name",
            ErrorKind::ExtraAfterOpenBrace => "extra-after-open-brace",
            ErrorKind::ExtraAroundCloseBrace => "extra-around-close-brace",
            ErrorKind::UnexpectedCloseBrace => "unexpected-close-brace",
            ErrorKind::InvalidLine => "invalid-line",
            ErrorKind::MissingCloseBrace => "missing-close-brace",
            ErrorKind::PathTooLong => "path-too-long",
            ErrorKind::InvalidKeyName => "invalid-key-name",
            ErrorKind::InvalidInteger => "invalid-integer",
            ErrorKind::InvalidUnsignedInteger => "invalid-unsigned-integer",
            ErrorKind::InvalidEnumValue => "invalid-enum-value",
            ErrorKind::UidgidInvalidKey => "uidgid-invalid-key",
            ErrorKind::MemberInvalidKey => "member-invalid-key",
            ErrorKind::MissingSubsys => "missing-subsys",
            ErrorKind::MissingLoggingDaemonName => "missing-logging-daemon-name",
            ErrorKind::LoggerSubsysSubsection => "logger-subsys-subsection",
            ErrorKind::EmptyKey => "empty-key-name",
            ErrorKind::UidgidSubsection => "uidgid-subsection",
            ErrorKind::MemberSubsection => "member-subsection",
            ErrorKind::LoggingDaemonSubsection => "logging-daemon-subsection",
            ErrorKind::InvalidIpDscp => "invalid-ip-dscp",
        }
    }

    /// Stable short code (`E0xx`).
    pub const fn code(self) -> &'static str {
        match self {
            ErrorKind::LineTooLong => "E001",
            ErrorKind::NulByte => "E002",
            ErrorKind::MissingSectionName => "E003",
            ErrorKind::ExtraAfterOpenBrace => "E004",
            ErrorKind::ExtraAroundCloseBrace => "E005",
            ErrorKind::UnexpectedCloseBrace => "E006",
            ErrorKind::InvalidLine => "E007",
            ErrorKind::MissingCloseBrace => "E008",
            ErrorKind::PathTooLong => "E009",
            ErrorKind::InvalidKeyName => "E010",
            ErrorKind::InvalidInteger => "E011",
            ErrorKind::InvalidUnsignedInteger => "E012",
            ErrorKind::InvalidEnumValue => "E013",
            ErrorKind::UidgidInvalidKey => "E014",
            ErrorKind::MemberInvalidKey => "E015",
            ErrorKind::MissingSubsys => "E016",
            ErrorKind::MissingLoggingDaemonName => "E017",
            ErrorKind::LoggerSubsysSubsection => "E018",
            ErrorKind::EmptyKey => "E019",
            ErrorKind::UidgidSubsection => "E020",
            ErrorKind::MemberSubsection => "E021",
            ErrorKind::LoggingDaemonSubsection => "E022",
            ErrorKind::InvalidIpDscp => "E023",
        }
    }

    /// One-line description, used by `corolint rules`.
    pub const fn summary(self) -> &'static str {
        match self {
            ErrorKind::LineTooLong => "line longer than corosync's 510-byte limit",
            ErrorKind::NulByte => "NUL byte inside a line",
            ErrorKind::MissingSectionName => "`{` without a section name",
            ErrorKind::ExtraAfterOpenBrace => "text after an opening `{`",
            ErrorKind::ExtraAroundCloseBrace => "text before or after a closing `}`",
            ErrorKind::UnexpectedCloseBrace => "`}` that closes nothing",
            ErrorKind::InvalidLine => "line that is not a section, key/value, `}` or comment",
            ErrorKind::MissingCloseBrace => "section never closed",
            ErrorKind::PathTooLong => "cmap path of 255 bytes or more",
            ErrorKind::InvalidKeyName => "key name corosync cannot store",
            ErrorKind::InvalidInteger => "integer key with a value that is not a base-10 number in range",
            ErrorKind::InvalidUnsignedInteger => "u64 key with a non-numeric value (corosync 3.1.7 aborts)",
            ErrorKind::InvalidEnumValue => "enumerated key with a value corosync rejects",
            ErrorKind::UidgidInvalidKey => "key other than uid/gid in uidgid",
            ErrorKind::MemberInvalidKey => "key other than memberaddr in member",
            ErrorKind::MissingSubsys => "logger_subsys without subsys",
            ErrorKind::MissingLoggingDaemonName => "logging_daemon without name",
            ErrorKind::LoggerSubsysSubsection => "subsection inside logger_subsys (corosync up to 3.1.9 crashes)",
            ErrorKind::EmptyKey => "key/value line with an empty key (refused by corosync 3.1.10+)",
            ErrorKind::UidgidSubsection => "subsection inside uidgid (refused by corosync 3.1.10+)",
            ErrorKind::MemberSubsection => "subsection inside member (refused by corosync 3.1.10+)",
            ErrorKind::LoggingDaemonSubsection => "subsection inside logging_daemon (corosync up to 3.1.9 crashes)",
            ErrorKind::InvalidIpDscp => "totem.ip_dscp that is not 0..63 or a DSCP name (corosync 3.1.10+)",
        }
    }
}

/// One error, with the span it points at and corosync's view of it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SyntaxError {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The bytes the error points at.
    pub span: Span,
    /// The message, phrased like corosync's own where it has one.
    pub message: String,
    /// Short label shown under the span.
    pub label: String,
    /// What corosync does with this line, and how to fix it.
    pub help: Option<String>,
    /// A second place worth showing (e.g. where an unclosed section opened).
    pub related: Option<(Span, String)>,
}

impl SyntaxError {
    /// Creates an error with a message and label; add help with [`SyntaxError::with_help`].
    pub fn new(kind: ErrorKind, span: Span, message: impl Into<String>, label: impl Into<String>) -> Self {
        SyntaxError { kind, span, message: message.into(), label: label.into(), help: None, related: None }
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a secondary location.
    pub fn with_related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related = Some((span, label.into()));
        self
    }
}
