//! Configuration files: `.corolint.toml` or `corolint.toml`, found by walking
//! up from each linted file (the first directory holding one wins; in one
//! directory `.corolint.toml` beats `corolint.toml`), or forced with
//! `--config PATH`, or ignored with `--isolated`.
//!
//! ```toml
//! profile = "pve"            # or "generic", "pacemaker"
//! fail-on = "warning"        # or "error", "info"
//! [rules]
//! disable = ["hostname-address"]      # names, codes, categories or "all"
//! enable = ["..."]                    # wins over disable
//! fixable = ["all"]                  # rules whose fixes --fix applies (default: all)
//! unfixable = ["quoted-value"]        # never fixed (wins over fixable)
//! [rules.severity]
//! duplicate-key = "error"
//! [format]
//! style = "pve"              # or "keep-order"
//! ```
//!
//! Syntax rules (corosync refuses the file) cannot be disabled or re-graded.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::rules::{self, Category, Profile, Rule};
use crate::selection::{RuleSelection, Selector};

/// File names searched for in each directory, in order of preference.
pub const CONFIG_FILE_NAMES: [&str; 2] = [".corolint.toml", "corolint.toml"];

/// The file as written (before rule names are resolved).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    profile: Option<Profile>,
    fail_on: Option<Severity>,
    #[serde(default)]
    rules: RawRules,
    #[serde(default)]
    format: FormatConfig,
}

/// The `[rules]` table as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    enable: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    #[serde(default)]
    fixable: Option<Vec<String>>,
    #[serde(default)]
    unfixable: Vec<String>,
}

/// The `[format]` table, read by `corolint fmt`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatConfig {
    /// Layout style (`pve` or `keep-order`); `None` when not configured.
    pub style: Option<String>,
}

/// Settings that the command line imposes on top of any configuration file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--config PATH`: use this file for every input instead of searching.
    pub config: Option<PathBuf>,
    /// `--isolated`: ignore every configuration file.
    pub isolated: bool,
    /// `--profile`.
    pub profile: Option<Profile>,
    /// `--fail-on`.
    pub fail_on: Option<Severity>,
    /// `--select`, `--extend-select`, `--ignore`.
    pub selection: RuleSelection,
}

/// The resolved configuration for one file.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it was read from; `None` for the built-in defaults.
    pub path: Option<PathBuf>,
    /// Forced profile; `None` means "`pve` under `/etc/pve/`, else generic".
    pub profile: Option<Profile>,
    /// Lowest severity that fails the run; `None` means `warning`.
    pub fail_on: Option<Severity>,
    /// Formatter settings.
    pub format: FormatConfig,
    disabled: BTreeSet<&'static str>,
    severities: BTreeMap<&'static str, Severity>,
    /// Rules whose fixes `--fix` must not apply (`[rules] fixable`/`unfixable`).
    unfixable: BTreeSet<&'static str>,
}

/// A configuration file that cannot be read or is wrong; printed as one line, exit 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file (with `:line:column` when known).
    pub location: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads and validates the configuration file at `path`.
    pub fn from_file(path: &Path) -> Result<Config, ConfigError> {
        let shown = crate::files::display_name(path);
        let cannot_read = |e: std::io::Error| ConfigError {
            location: shown.clone(),
            message: format!("cannot read configuration: {}", crate::files::io_reason(&e)),
        };
        let bytes =
            crate::files::read_capped(path, crate::files::MAX_CONFIG_LEN, "a corolint.toml").map_err(cannot_read)?;
        let text = String::from_utf8(bytes)
            .map_err(|_| cannot_read(std::io::Error::new(std::io::ErrorKind::InvalidData, "not valid UTF-8")))?;
        let mut config = Config::from_toml(&text).map_err(|mut e| {
            e.location = if e.location.is_empty() { shown.clone() } else { format!("{shown}:{}", e.location) };
            e
        })?;
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parses and validates configuration text. Errors carry `line:column`
    /// (or nothing) as location; [`Config::from_file`] prefixes the file name.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError {
            location: e.span().map(|s| line_col(text, s.start)).unwrap_or_default(),
            message: e.message().trim_end().to_string(),
        })?;
        let bad = |message: String| ConfigError { location: String::new(), message };
        let mut disabled = BTreeSet::new();
        for selector in &raw.rules.disable {
            for rule in select(selector).map_err(|m| bad(format!("[rules] disable: {m}")))? {
                if rule.category == Category::Syntax {
                    if selector != "all" {
                        return Err(bad(format!(
                            "[rules] disable: `{selector}` is a syntax rule; syntax errors cannot be disabled \
                             because corosync refuses the file"
                        )));
                    }
                    continue;
                }
                disabled.insert(rule.name);
            }
        }
        for selector in &raw.rules.enable {
            for rule in select(selector).map_err(|m| bad(format!("[rules] enable: {m}")))? {
                disabled.remove(rule.name);
            }
        }
        let mut severities = BTreeMap::new();
        for (name, severity) in &raw.rules.severity {
            let rule = rules::find(name)
                .map(|e| e.rule)
                .ok_or_else(|| bad(format!("[rules.severity]: {}", unknown_rule(name))))?;
            if rule.category == Category::Syntax {
                return Err(bad(format!(
                    "[rules.severity]: `{name}` is a syntax rule; its severity is always `error`"
                )));
            }
            severities.insert(rule.name, *severity);
        }
        let mut unfixable = BTreeSet::new();
        if let Some(fixable) = &raw.rules.fixable {
            let mut allowed = BTreeSet::new();
            for selector in fixable {
                for rule in select(selector).map_err(|m| bad(format!("[rules] fixable: {m}")))? {
                    allowed.insert(rule.name);
                }
            }
            unfixable.extend(rules::all().iter().map(|e| e.rule.name).filter(|n| !allowed.contains(n)));
        }
        for selector in &raw.rules.unfixable {
            for rule in select(selector).map_err(|m| bad(format!("[rules] unfixable: {m}")))? {
                unfixable.insert(rule.name);
            }
        }
        Ok(Config {
            path: None,
            profile: raw.profile,
            fail_on: raw.fail_on,
            format: raw.format,
            disabled,
            severities,
            unfixable,
        })
    }

    /// Applies command-line overrides (`--profile`, `--fail-on`, and the rule
    /// selection, which combines with `[rules]` as [`crate::selection`] says).
    pub fn with_overrides(mut self, overrides: &Overrides) -> Config {
        if overrides.profile.is_some() {
            self.profile = overrides.profile;
        }
        if overrides.fail_on.is_some() {
            self.fail_on = overrides.fail_on;
        }
        if !overrides.selection.is_empty() {
            self.disabled = rules::all()
                .iter()
                .map(|e| e.rule)
                .filter(|rule| !overrides.selection.is_enabled(rule, self.is_enabled(rule)))
                .map(|rule| rule.name)
                .collect();
        }
        self
    }

    /// Every rule that runs under this configuration, in registry order.
    pub fn enabled_rules(&self) -> Vec<&'static Rule> {
        rules::all().iter().map(|e| e.rule).filter(|rule| self.is_enabled(rule)).collect()
    }

    /// Whether `rule` runs. Syntax rules always do.
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        rule.category == Category::Syntax || !self.disabled.contains(rule.name)
    }

    /// Whether `--fix` may apply `rule`'s fixes: it is in `[rules] fixable`
    /// (default: every rule) and not in `[rules] unfixable` (which wins).
    pub fn is_fixable(&self, rule: &Rule) -> bool {
        !self.unfixable.contains(rule.name)
    }

    /// The severity `rule` reports with: the configured one, else its default.
    pub fn severity(&self, rule: &Rule) -> Severity {
        self.severity_override(rule).unwrap_or(rule.severity)
    }

    /// The severity configured for `rule` in `[rules.severity]`, if any. Without
    /// one, each diagnostic keeps the severity its rule gave it.
    pub fn severity_override(&self, rule: &Rule) -> Option<Severity> {
        self.severities.get(rule.name).copied()
    }

    /// The lowest severity that fails the run (default `warning`).
    pub fn fail_on(&self) -> Severity {
        self.fail_on.unwrap_or(Severity::Warning)
    }

    /// The profile for the file at `path`: the configured one, else `pve`
    /// when the path (made absolute) lies under `/etc/pve/`, else generic.
    pub fn profile_for(&self, path: &Path) -> Profile {
        self.profile.unwrap_or_else(|| {
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
            if absolute.starts_with("/etc/pve") { Profile::Pve } else { Profile::Generic }
        })
    }
}

impl Config {
    /// The profile for the file at `path` with content `bytes` (cmap view
    /// `cmap`), and why: the configured one (`--profile` or `profile` in
    /// `corolint.toml`), else `pve` under `/etc/pve/`, else what the content
    /// shows ([`Profile::detect`]), else generic.
    pub fn profile_with_reason(&self, path: &Path, bytes: &[u8], cmap: &crate::cmap::CmapView) -> (Profile, String) {
        if let Some(p) = self.profile {
            return (p, "set by --profile or `profile` in corolint.toml".to_string());
        }
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        if absolute.starts_with("/etc/pve") {
            return (Profile::Pve, "the file is under /etc/pve/".to_string());
        }
        match Profile::detect(bytes, cmap) {
            Some((p, why)) => (p, why.to_string()),
            None => (Profile::Generic, "nothing in the file shows Proxmox VE, pcs or crmsh".to_string()),
        }
    }
}

/// The configuration file that governs a file at `path`: the first
/// `.corolint.toml` or `corolint.toml` in its directory or any parent.
pub fn discover(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let start = if absolute.is_dir() { Some(absolute.as_path()) } else { absolute.parent() };
    for dir in start?.ancestors() {
        for name in CONFIG_FILE_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// [`discover`] for many files: remembers the answer for every directory it
/// has looked at, so files in sibling directories share the walk up to the
/// root (one pair of `stat`s per directory instead of per file and level).
#[derive(Debug, Default)]
pub struct Discovery {
    dirs: std::collections::HashMap<PathBuf, Option<PathBuf>>,
}

impl Discovery {
    /// The same answer as [`discover`]`(path)`.
    pub fn discover(&mut self, path: &Path) -> Option<PathBuf> {
        let absolute = std::path::absolute(path).ok()?;
        let start = if absolute.is_dir() { Some(absolute.as_path()) } else { absolute.parent() };
        self.in_dir(start?)
    }

    /// The first configuration file in `dir` or its parents.
    fn in_dir(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(known) = self.dirs.get(dir) {
            return known.clone();
        }
        let found = CONFIG_FILE_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file())
            .or_else(|| dir.parent().and_then(|parent| self.in_dir(parent)));
        self.dirs.insert(dir.to_path_buf(), found.clone());
        found
    }
}

/// Which configuration file applies to the file at `path` under `overrides`:
/// `None` when isolated or when no file is found.
pub fn config_path_for(path: &Path, overrides: &Overrides) -> Option<PathBuf> {
    if overrides.isolated {
        None
    } else if let Some(forced) = &overrides.config {
        Some(forced.clone())
    } else {
        discover(path)
    }
}

/// The configuration for the file at `path` (a file or directory; for standard
/// input pass its `--stdin-filename` or the working directory), with `overrides`.
pub fn load_for(path: &Path, overrides: &Overrides) -> Result<Config, ConfigError> {
    let config = match config_path_for(path, overrides) {
        Some(file) => Config::from_file(&file)?,
        None => Config::default(),
    };
    Ok(config.with_overrides(overrides))
}

/// The rules a selector names: a rule name or code, a code prefix, a category, or `all`.
pub fn select(selector: &str) -> Result<Vec<&'static Rule>, String> {
    Selector::parse(selector).map(|s| s.rules)
}

/// "unknown rule `x` (did you mean `y`?)".
pub fn unknown_rule(name: &str) -> String {
    let names = rules::all().iter().map(|e| e.rule.name);
    match crate::suggest::closest(name, names) {
        Some(s) => format!("unknown rule `{name}` (did you mean `{s}`?)"),
        None => format!("unknown rule `{name}`; `corolint rules` lists them"),
    }
}

fn line_col(text: &str, offset: usize) -> String {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{line}:{column}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_field() {
        let c = Config::from_toml(
            "profile = \"pve\"\nfail-on = \"error\"\n[rules]\ndisable = [\"unused-suppression\"]\n\
             [rules.severity]\ninvalid-suppression = \"info\"\n[format]\nstyle = \"keep-order\"\n",
        )
        .expect("valid");
        assert_eq!(c.profile, Some(Profile::Pve));
        assert_eq!(c.fail_on(), Severity::Error);
        assert_eq!(c.format.style.as_deref(), Some("keep-order"));
        let unused = rules::find("unused-suppression").expect("rule").rule;
        let invalid = rules::find("X902").expect("rule").rule;
        assert!(!c.is_enabled(unused));
        assert!(c.is_enabled(invalid));
        assert_eq!(c.severity(invalid), Severity::Info);
        assert_eq!(c.severity(unused), unused.severity);
    }

    #[test]
    fn enable_wins_over_disable_and_syntax_stays_on() {
        let c = Config::from_toml("[rules]\ndisable = [\"all\"]\nenable = [\"X901\"]\n").expect("valid");
        assert!(c.is_enabled(rules::find("unused-suppression").expect("rule").rule));
        assert!(!c.is_enabled(rules::find("invalid-suppression").expect("rule").rule));
        assert!(c.is_enabled(rules::find("nul-byte").expect("rule").rule));
    }

    #[test]
    fn rejects_unknown_fields_and_rules() {
        let e = Config::from_toml("profil = \"pve\"\n").expect_err("unknown field");
        assert_eq!(e.location, "1:1");
        assert!(e.message.contains("unknown field `profil`"), "{e}");
        let e = Config::from_toml("[rules]\ndisable = [\"unused-supression\"]\n").expect_err("unknown rule");
        assert!(e.message.contains("did you mean `unused-suppression`"), "{e}");
        let e = Config::from_toml("[rules.severity]\nnul-byte = \"info\"\n").expect_err("syntax");
        assert!(e.message.contains("syntax rule"), "{e}");
        let e = Config::from_toml("[rules]\ndisable = [\"nul-byte\"]\n").expect_err("syntax");
        assert!(e.message.contains("cannot be disabled"), "{e}");
        assert!(Config::from_toml("fail-on = \"loud\"\n").is_err());
    }

    #[test]
    fn profile_defaults_by_path() {
        let c = Config::default();
        assert_eq!(c.profile_for(Path::new("/etc/pve/corosync.conf")), Profile::Pve);
        assert_eq!(c.profile_for(Path::new("/etc/corosync/corosync.conf")), Profile::Generic);
        let forced = c.with_overrides(&Overrides { profile: Some(Profile::Generic), ..Overrides::default() });
        assert_eq!(forced.profile_for(Path::new("/etc/pve/corosync.conf")), Profile::Generic);
    }

    #[test]
    fn discovers_nearest_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).expect("mkdir");
        std::fs::write(dir.path().join("corolint.toml"), "fail-on = \"info\"\n").expect("write");
        std::fs::write(dir.path().join("a/.corolint.toml"), "fail-on = \"error\"\n").expect("write");
        let file = sub.join("corosync.conf");
        assert_eq!(discover(&file), Some(dir.path().join("a/.corolint.toml")));
        let mut memo = Discovery::default();
        assert_eq!(memo.discover(&file), Some(dir.path().join("a/.corolint.toml")));
        assert_eq!(memo.discover(&dir.path().join("a/x.conf")), Some(dir.path().join("a/.corolint.toml")));
        assert_eq!(memo.discover(&dir.path().join("x.conf")), Some(dir.path().join("corolint.toml")));
        let c = load_for(&file, &Overrides::default()).expect("load");
        assert_eq!(c.fail_on(), Severity::Error);
        let isolated = load_for(&file, &Overrides { isolated: true, ..Overrides::default() }).expect("load");
        assert_eq!(isolated.fail_on(), Severity::Warning);
        let e = Config::from_file(&dir.path().join("missing.toml")).expect_err("missing");
        assert!(e.to_string().contains("missing.toml: cannot read configuration"), "{e}");
    }
}
