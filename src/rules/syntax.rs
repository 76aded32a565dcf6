//! Syntax and parse-time type errors: the diagnostics corosync itself would
//! stop on. They come from the parser and the cmap view, not from a check.

use super::{Category, Rule, no_check};
use crate::diagnostic::Severity;
use crate::syntax::ErrorKind as K;

macro_rules! syntax_rule {
    ($kind:expr) => {
        Rule {
            name: $kind.name(),
            code: $kind.code(),
            category: Category::Syntax,
            severity: Severity::Error,
            summary: $kind.summary(),
            check: no_check,
        }
    };
}

/// ## What it does
/// Reports a line of 511 bytes or more before its newline (510 or more with CRLF).
/// ## Why it matters
/// corosync reads lines into a 512-byte buffer and refuses the whole file: `Line too long`.
/// ## Example
/// A `heuristics { exec_check: ... }` command line of 600 characters.
/// ## Fix
/// Shorten the value, e.g. move a long command into a script and call the script.
pub const LINE_TOO_LONG: Rule = syntax_rule!(K::LineTooLong);

/// ## What it does
/// Reports a NUL byte inside a line.
/// ## Why it matters
/// corosync stops reading the line at the NUL and refuses the file with `Line too long`.
/// ## Example
/// A file damaged by a bad copy, with `\0` bytes in it.
/// ## Fix
/// Remove the NUL bytes.
pub const NUL_BYTE: Rule = syntax_rule!(K::NulByte);

/// ## What it does
/// Reports a `{` with no section name before it on the same line.
/// ## Why it matters
/// corosync refuses the file: `Missing section name before opening bracket '{'`. It never joins
/// `totem` on one line with `{` on the next.
/// ## Example
/// ```text
/// totem
/// {
/// ```
/// ## Fix
/// Write `totem {` on one line.
pub const MISSING_SECTION_NAME: Rule = syntax_rule!(K::MissingSectionName);

/// ## What it does
/// Reports text after the `{` that opens a section, including `{` inside a value.
/// ## Why it matters
/// corosync opens a section at any `{` on a line, then refuses anything after it:
/// `Extra characters after opening bracket '{'`. One-line sections and shell commands with braces
/// in `heuristics` break the whole file.
/// ## Example
/// `logging { to_syslog: yes }` or `exec_ping: sh -c '{ ping -c1 gw; }'`
/// ## Fix
/// Put each entry and the closing `}` on lines of their own; keep braces out of values.
pub const EXTRA_AFTER_OPEN_BRACE: Rule = syntax_rule!(K::ExtraAfterOpenBrace);

/// ## What it does
/// Reports a `}` line with anything else on it.
/// ## Why it matters
/// corosync refuses the file: `Extra characters before or after closing bracket '}'`.
/// There are no trailing comments in corosync.conf.
/// ## Example
/// `} # end of totem`, `};`, `}}`
/// ## Fix
/// Put `}` alone on its line, and comments on lines of their own.
pub const EXTRA_AROUND_CLOSE_BRACE: Rule = syntax_rule!(K::ExtraAroundCloseBrace);

/// ## What it does
/// Reports a `}` at the top level that closes nothing.
/// ## Why it matters
/// corosync refuses the file: `Unexpected closing brace`.
/// ## Example
/// An extra `}` after the last section.
/// ## Fix
/// Remove it, or add the section header that is missing.
pub const UNEXPECTED_CLOSE_BRACE: Rule = syntax_rule!(K::UnexpectedCloseBrace);

/// ## What it does
/// Reports a line that is not a section opening, a `key: value`, a `}`, blank or a comment.
/// ## Why it matters
/// corosync refuses the file: `Line is not opening or closing section or key value`.
/// ## Example
/// `version 2`, `key = value`, a backslash continuation line, or prose pasted into the file.
/// ## Fix
/// Use `key: value`; put the `{` on the section's line.
pub const INVALID_LINE: Rule = syntax_rule!(K::InvalidLine);

/// ## What it does
/// Reports a section still open at the end of the file.
/// ## Why it matters
/// corosync refuses the file with `Missing closing brace`, reported at the last line.
/// ## Example
/// A truncated file, or a value `cluster_name: }` that looks like a close but is a value.
/// ## Fix
/// Add the missing `}`.
pub const MISSING_CLOSE_BRACE: Rule = syntax_rule!(K::MissingCloseBrace);

/// ## What it does
/// Reports a section or key whose full dotted cmap path would reach 255 bytes.
/// ## Why it matters
/// corosync refuses the file (`Start of section makes total cmap path too long` / `New key ...`).
/// ## Example
/// Very deeply nested unknown sections.
/// ## Fix
/// Shorten the names or the nesting.
pub const PATH_TOO_LONG: Rule = syntax_rule!(K::PathTooLong);

/// ## What it does
/// Reports a key whose cmap name has a character outside `A-Z a-z 0-9 . _ - / :`, or is shorter
/// than 3 bytes.
/// ## Why it matters
/// corosync refuses the file with the misleading
/// `Can't store key "..." into icmap, returned error is CS_ERR_NAME_TOO_LONG`. Typical causes:
/// a space in a key, a non-breaking space or a byte-order mark pasted from a web page or editor.
/// ## Example
/// `cluster name: x`, an indentation made of U+00A0, a UTF-8 BOM at the start of the file.
/// ## Fix
/// Retype the key with plain ASCII; indent with spaces or tabs only.
pub const INVALID_KEY_NAME: Rule = syntax_rule!(K::InvalidKeyName);

/// ## What it does
/// Reports a value of an integer key that is not a base-10 number within the key's range.
/// ## Why it matters
/// corosync refuses the file. `+2` and `02` are accepted; `0x2`, `"2"`, `2;`, `yes` and
/// `2 # comment` are not: a `#` after a value is part of the value.
/// ## Example
/// `version: 2 # required`, `two_node: yes`, `token: 4294967296`
/// ## Fix
/// Write a plain decimal number; move comments to their own line.
pub const INVALID_INTEGER: Rule = syntax_rule!(K::InvalidInteger);

/// ## What it does
/// Reports a non-numeric or overflowing value of `totem.config_version` or a `poll_period`.
/// ## Why it matters
/// corosync 3.1.7 (Debian 12, Proxmox VE 8) hits an assertion and aborts with SIGABRT instead of
/// printing an error; 3.1.10+ refuses the file.
/// ## Example
/// `config_version: abc`
/// ## Fix
/// Write a decimal number.
pub const INVALID_UNSIGNED_INTEGER: Rule = syntax_rule!(K::InvalidUnsignedInteger);

/// ## What it does
/// Reports a value outside the list corosync's parser accepts for `ip_version`, `crypto_model`,
/// `crypto_cipher`, `crypto_hash`, `knet_compression_model`, `system.qb_ipc_type`,
/// `system.sched_rr`, `system.move_to_root_cgroup` or `system.allow_knet_handle_fallback`.
/// ## Why it matters
/// corosync refuses the file. The lists are case-sensitive, and `knet_compression_model: none`
/// is refused although it is the documented default.
/// ## Example
/// `crypto_cipher: AES256`, `ip_version: ipv5`
/// ## Fix
/// Use one of the listed values, or remove the key to get the default.
pub const INVALID_ENUM_VALUE: Rule = syntax_rule!(K::InvalidEnumValue);

/// ## What it does
/// Reports a key other than `uid` or `gid` inside `uidgid`.
/// ## Why it matters
/// corosync refuses the file: `uidgid: Only uid and gid are allowed items`.
/// ## Example
/// `uidgid { user: hacluster }`
/// ## Fix
/// Use `uid:` and `gid:`.
pub const UIDGID_INVALID_KEY: Rule = syntax_rule!(K::UidgidInvalidKey);

/// ## What it does
/// Reports a key other than `memberaddr` inside an interface's `member` section.
/// ## Why it matters
/// corosync refuses the file: `Only memberaddr is allowed in member section`.
/// ## Example
/// `member { addr: 10.0.0.1 }`
/// ## Fix
/// Replace `member` sections with a nodelist.
pub const MEMBER_INVALID_KEY: Rule = syntax_rule!(K::MemberInvalidKey);

/// ## What it does
/// Reports a `logger_subsys` block without a `subsys` key.
/// ## Why it matters
/// corosync refuses the file: `No subsys key in logger_subsys directive`.
/// ## Example
/// `logger_subsys { debug: on }`
/// ## Fix
/// Add `subsys: NAME`.
pub const MISSING_SUBSYS: Rule = syntax_rule!(K::MissingSubsys);

/// ## What it does
/// Reports a legacy `logging_daemon` block without a `name` key.
/// ## Why it matters
/// corosync refuses the file: `No name key in logging_daemon directive`.
/// ## Example
/// `logging_daemon { subsys: QUORUM }`
/// ## Fix
/// Use `logger_subsys` instead.
pub const MISSING_LOGGING_DAEMON_NAME: Rule = syntax_rule!(K::MissingLoggingDaemonName);

/// ## What it does
/// Reports a section nested inside `logger_subsys`.
/// ## Why it matters
/// corosync 3.1.7 crashes with a segmentation fault while parsing (even `corosync -t`).
/// ## Example
/// `logger_subsys { subsys: QUORUM  extra { } }`
/// ## Fix
/// Remove the nested section.
pub const LOGGER_SUBSYS_SUBSECTION: Rule = syntax_rule!(K::LoggerSubsysSubsection);
