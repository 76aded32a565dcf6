//! The corosync releases corolint can check against, and the one table of
//! what differs between them ([`VersionFacts`]). The parser, the cmap view,
//! the rules (through [`crate::rules::Context::facts`]), the reload
//! classification of `diff` and the quorum model read these facts; nothing
//! else compares version numbers.
//!
//! Every fact is from docs/target-version.md, which cites the evidence: a
//! recorded `corosync -t` verdict of the real binaries (3.1.7, 3.1.9, 3.1.10)
//! or, where `-t` cannot show it, corosync's source at the release tag.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;
use std::time::Duration;

/// A corosync release whose behaviour corolint models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum TargetVersion {
    /// Debian 12 (bookworm), Proxmox VE 8.
    #[serde(rename = "3.1.7")]
    V3_1_7,
    /// Upstream release of 2023-11: 3.1.9's parser, without 3.1.9's report of a failed reload.
    #[serde(rename = "3.1.8")]
    V3_1_8,
    /// Debian 13 (trixie), Proxmox VE 9.
    #[serde(rename = "3.1.9")]
    V3_1_9,
    /// Debian unstable (sid) and testing (forky) at the time of writing.
    #[serde(rename = "3.1.10")]
    V3_1_10,
}

impl TargetVersion {
    /// Every modelled release, oldest first.
    pub const ALL: [TargetVersion; 4] =
        [TargetVersion::V3_1_7, TargetVersion::V3_1_8, TargetVersion::V3_1_9, TargetVersion::V3_1_10];

    /// The target when neither the command line, the configuration nor an
    /// installed corosync says otherwise: Debian 13 / Proxmox VE 9's release
    /// (README, "Target version", gives the reasons).
    pub const DEFAULT: TargetVersion = TargetVersion::V3_1_9;

    /// The version as corosync prints it (`3.1.10`).
    pub const fn as_str(self) -> &'static str {
        match self {
            TargetVersion::V3_1_7 => "3.1.7",
            TargetVersion::V3_1_8 => "3.1.8",
            TargetVersion::V3_1_9 => "3.1.9",
            TargetVersion::V3_1_10 => "3.1.10",
        }
    }

    /// What this release does differently.
    pub const fn facts(self) -> &'static VersionFacts {
        match self {
            TargetVersion::V3_1_7 => &FACTS_3_1_7,
            TargetVersion::V3_1_8 => &FACTS_3_1_8,
            TargetVersion::V3_1_9 => &FACTS_3_1_9,
            TargetVersion::V3_1_10 => &FACTS_3_1_10,
        }
    }

    /// The known versions, for messages: `3.1.7, 3.1.8, 3.1.9, 3.1.10`.
    pub fn known_list() -> String {
        TargetVersion::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
    }

    /// The oldest modelled release after `self` for which `holds` is true,
    /// e.g. the release that stops crashing on something.
    pub fn first_later(self, holds: impl Fn(&VersionFacts) -> bool) -> Option<TargetVersion> {
        TargetVersion::ALL.into_iter().find(|v| *v > self && holds(v.facts()))
    }

    /// The modelled release for a version string as `corosync -v` reports it:
    /// exact when modelled, else the nearest modelled release of the same
    /// 3.x line (older than 3.1.7 → 3.1.7, newer than 3.1.10 → 3.1.10).
    /// `None` for text that is not a 3.x version.
    pub fn nearest(reported: &str) -> Option<TargetVersion> {
        if let Ok(exact) = reported.parse() {
            return Some(exact);
        }
        let mut parts = reported.split(['.', '-', '~', '+']).map(|p| p.parse::<u32>());
        let (Some(Ok(3)), Some(Ok(minor)), patch) = (parts.next(), parts.next(), parts.next()) else {
            return None;
        };
        let patch = match patch {
            Some(Ok(p)) => p,
            _ => 0,
        };
        Some(match (minor, patch) {
            (0, _) | (1, 0..=7) => TargetVersion::V3_1_7,
            (1, 8) => TargetVersion::V3_1_8,
            (1, 9) => TargetVersion::V3_1_9,
            _ => TargetVersion::V3_1_10,
        })
    }
}

impl fmt::Display for TargetVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A version string that names no modelled release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownVersion(pub String);

impl fmt::Display for UnknownVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown corosync version `{}`: known versions are {}", self.0, TargetVersion::known_list())
    }
}

impl std::error::Error for UnknownVersion {}

impl FromStr for TargetVersion {
    type Err = UnknownVersion;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TargetVersion::ALL.into_iter().find(|v| v.as_str() == s).ok_or_else(|| UnknownVersion(s.to_string()))
    }
}

impl<'de> serde::Deserialize<'de> for TargetVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// What the parser does with a subsection where corosync expects only keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Subsections {
    /// The subsection's keys are kept under their full path.
    Accepted,
    /// corosync refuses the file (`Subsections are not allowed within …`).
    Refused,
    /// corosync crashes (SIGSEGV), even with `-t`.
    Crash,
}

/// What the parser does with a non-numeric `totem.config_version` or `poll_period`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BadU64 {
    /// An assertion fails: corosync aborts (SIGABRT), even with `-t`.
    Abort,
    /// corosync refuses the file with `… is expected to be unsigned integer …`.
    Error,
}

/// Everything corolint models that differs between corosync releases. One
/// value per release ([`TargetVersion::facts`]); code asks a fact, never a
/// version number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct VersionFacts {
    /// The release these facts describe.
    pub version: TargetVersion,
    /// Byte 0xA0 (Latin-1 NBSP) is whitespace wherever space and tab are (3.1.8+).
    pub nbsp_is_whitespace: bool,
    /// `:value`, `:` and `::` (an empty key) are refused: `Key name can't be empty` (3.1.10+).
    pub empty_key_refused: bool,
    /// A section inside `uidgid`.
    pub uidgid_subsections: Subsections,
    /// A section inside `totem.interface.member`.
    pub member_subsections: Subsections,
    /// A section inside `logging.logger_subsys` after its `subsys` key
    /// (before it, every release reports the missing `subsys` or keeps the keys).
    pub logger_subsys_subsections: Subsections,
    /// A section inside `logging.logging_daemon`.
    pub logging_daemon_subsections: Subsections,
    /// A section inside `nodelist.node` has its keys flattened into the node
    /// (`nodeid` there overrides the node's) and its end starts the next node
    /// (through 3.1.9); 3.1.10 keeps them as `nodelist.node.N.<sub>.<key>`.
    pub node_subsections_flattened: bool,
    /// The end of a section inside `totem.interface` stores that link early
    /// and resets its member list (through 3.1.9; source only).
    pub interface_subsection_ends_link: bool,
    /// A non-numeric `totem.config_version` or `poll_period`.
    pub bad_u64: BadU64,
    /// `totem.ip_dscp` is a typed key: 0..63 or a DSCP name, else refused (3.1.10+).
    pub ip_dscp_typed: bool,
    /// The five `totem.rrp_*` timers are typed u32 (through 3.1.9; 3.1.10 stores strings).
    pub rrp_timers_typed: bool,
    /// A reload keeps `totem.rrp_mode` and `totem.interface.ringnumber` (through 3.1.9).
    pub rrp_mode_read_only: bool,
    /// `knet_transport: sctp` logs `WARNING SCTP transport is deprecated` (3.1.10+).
    pub sctp_deprecated_warning: bool,
    /// Knet ping timers or pong count that libknet refuses stop corosync at
    /// start (3.1.8+; 3.1.7 logs and runs on). Source only.
    pub knet_ping_errors_fatal: bool,
    /// A reload that knet refuses (crypto, ping timers) is reported in cmap
    /// `config.reload_error_message` and by `corosync-cfgtool -R` (3.1.9+;
    /// 3.1.7 and 3.1.8 ignore the failure and keep the unapplied values). Source only.
    pub reload_error_message: bool,
}

const FACTS_3_1_7: VersionFacts = VersionFacts {
    version: TargetVersion::V3_1_7,
    nbsp_is_whitespace: false,
    empty_key_refused: false,
    uidgid_subsections: Subsections::Accepted,
    member_subsections: Subsections::Accepted,
    logger_subsys_subsections: Subsections::Crash,
    logging_daemon_subsections: Subsections::Crash,
    node_subsections_flattened: true,
    interface_subsection_ends_link: true,
    bad_u64: BadU64::Abort,
    ip_dscp_typed: false,
    rrp_timers_typed: true,
    rrp_mode_read_only: true,
    sctp_deprecated_warning: false,
    knet_ping_errors_fatal: false,
    reload_error_message: false,
};

const FACTS_3_1_8: VersionFacts = VersionFacts {
    version: TargetVersion::V3_1_8,
    nbsp_is_whitespace: true,
    knet_ping_errors_fatal: true,
    ..FACTS_3_1_7
};

const FACTS_3_1_9: VersionFacts =
    VersionFacts { version: TargetVersion::V3_1_9, reload_error_message: true, ..FACTS_3_1_8 };

const FACTS_3_1_10: VersionFacts = VersionFacts {
    version: TargetVersion::V3_1_10,
    empty_key_refused: true,
    uidgid_subsections: Subsections::Refused,
    member_subsections: Subsections::Refused,
    logger_subsys_subsections: Subsections::Accepted,
    logging_daemon_subsections: Subsections::Accepted,
    node_subsections_flattened: false,
    interface_subsection_ends_link: false,
    bad_u64: BadU64::Error,
    ip_dscp_typed: true,
    rrp_timers_typed: false,
    rrp_mode_read_only: false,
    sctp_deprecated_warning: true,
    ..FACTS_3_1_9
};

impl Default for &'static VersionFacts {
    fn default() -> Self {
        TargetVersion::DEFAULT.facts()
    }
}

/// Where the target version of a run came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum TargetSource {
    /// `--target-version` or `COROLINT_TARGET_VERSION`.
    CommandLine,
    /// `target-version` in this configuration file.
    Config {
        /// The file, as shown to the user.
        path: String,
    },
    /// The corosync installed on this machine (`corosync -v`).
    Installed {
        /// The version it reported (may differ from the modelled one: 3.1.6 → 3.1.7).
        reported: String,
    },
    /// Nothing said otherwise: [`TargetVersion::DEFAULT`].
    Default,
}

impl fmt::Display for TargetSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetSource::CommandLine => f.write_str("--target-version"),
            TargetSource::Config { path } => write!(f, "target-version in {path}"),
            TargetSource::Installed { reported } => write!(f, "installed corosync (`corosync -v`: {reported})"),
            TargetSource::Default => f.write_str("default (no --target-version, no target-version, no local corosync)"),
        }
    }
}

/// The target version of a file and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Target {
    /// The release.
    pub version: TargetVersion,
    /// Where it came from.
    pub source: TargetSource,
}

impl Target {
    /// The target when the command line says `explicit`, the file's
    /// configuration says `configured` (from `config_path`), else the
    /// installed corosync, else [`TargetVersion::DEFAULT`].
    pub fn resolve(
        explicit: Option<TargetVersion>,
        configured: Option<TargetVersion>,
        config_path: Option<&std::path::Path>,
    ) -> Target {
        if let Some(version) = explicit {
            return Target { version, source: TargetSource::CommandLine };
        }
        if let Some(version) = configured {
            let path = config_path.map(crate::files::display_name).unwrap_or_else(|| "the configuration".into());
            return Target { version, source: TargetSource::Config { path } };
        }
        installed().clone().unwrap_or(Target { version: TargetVersion::DEFAULT, source: TargetSource::Default })
    }
}

/// How long `corosync -v` may take before it counts as not installed.
const DETECT_TIMEOUT: Duration = Duration::from_secs(2);

/// The version of the corosync installed on this machine, asked once per
/// process (`corosync -v`, at most two seconds). `COROLINT_NO_DETECT=1`
/// skips the question (tests use it for output that does not depend on the machine).
pub fn installed() -> &'static Option<Target> {
    static INSTALLED: OnceLock<Option<Target>> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        if std::env::var_os("COROLINT_NO_DETECT").is_some_and(|v| v == "1") {
            return None;
        }
        let reported = ask_corosync()?;
        let version = TargetVersion::nearest(&reported)?;
        Some(Target { version, source: TargetSource::Installed { reported } })
    })
}

/// Runs `corosync -v` (from PATH, else /usr/sbin) and returns the version it
/// reports, or `None` when there is none, it fails, or it takes too long.
fn ask_corosync() -> Option<String> {
    let candidates = ["corosync", "/usr/sbin/corosync"];
    for program in candidates {
        let Ok(mut child) = std::process::Command::new(program)
            .arg("-v")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
        else {
            continue;
        };
        let started = std::time::Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) if started.elapsed() < DETECT_TIMEOUT => std::thread::sleep(Duration::from_millis(5)),
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return None;
                }
            }
        }
        let mut out = String::new();
        if let Some(mut stdout) = child.stdout.take() {
            use std::io::Read;
            let _ = stdout.read_to_string(&mut out);
        }
        return parse_version_output(&out);
    }
    None
}

/// `Corosync Cluster Engine, version '3.1.7'` → `3.1.7`.
pub fn parse_version_output(out: &str) -> Option<String> {
    let rest = out.split("version '").nth(1)?;
    let version = rest.split('\'').next()?;
    (!version.is_empty()).then(|| version.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_lists_the_known() {
        for v in TargetVersion::ALL {
            assert_eq!(v.as_str().parse::<TargetVersion>(), Ok(v));
            assert_eq!(v.facts().version, v);
        }
        let e = "3.1.5".parse::<TargetVersion>().unwrap_err();
        assert_eq!(e.to_string(), "unknown corosync version `3.1.5`: known versions are 3.1.7, 3.1.8, 3.1.9, 3.1.10");
    }

    #[test]
    fn reported_versions_map_to_the_nearest_modelled_release() {
        assert_eq!(TargetVersion::nearest("3.1.7"), Some(TargetVersion::V3_1_7));
        assert_eq!(TargetVersion::nearest("3.1.6"), Some(TargetVersion::V3_1_7));
        assert_eq!(TargetVersion::nearest("3.1.8"), Some(TargetVersion::V3_1_8));
        assert_eq!(TargetVersion::nearest("3.1.11"), Some(TargetVersion::V3_1_10));
        assert_eq!(TargetVersion::nearest("3.2.0"), Some(TargetVersion::V3_1_10));
        assert_eq!(TargetVersion::nearest("2.4.6"), None);
        assert_eq!(TargetVersion::nearest("garbage"), None);
        assert_eq!(parse_version_output("Corosync Cluster Engine, version '3.1.9'\nCopyright"), Some("3.1.9".into()));
        assert_eq!(parse_version_output("nothing"), None);
    }

    #[test]
    fn the_release_that_stops_crashing() {
        let fixed = TargetVersion::V3_1_7.first_later(|f| f.bad_u64 == BadU64::Error);
        assert_eq!(fixed, Some(TargetVersion::V3_1_10));
        assert_eq!(TargetVersion::V3_1_7.first_later(|f| f.nbsp_is_whitespace), Some(TargetVersion::V3_1_8));
        assert_eq!(TargetVersion::V3_1_10.first_later(|_| true), None);
    }
}
