//! `corolint check --show-settings`: the settings a file would be linted
//! with, resolved from the configuration file and the command line.
//!
//! Adding a setting is one field in [`Settings`] and one line in
//! [`Settings::fields`].

use std::io::{self, Write};
use std::path::PathBuf;

use crate::config::Config;
use crate::diagnostic::Severity;
use crate::render::OutputFormat;
use crate::rules::{Profile, Rule};

/// The resolved settings for one file.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The file (or directory) the settings were resolved for, as shown.
    pub target: String,
    /// The configuration file they came from; `None` for the built-in defaults.
    pub config_file: Option<PathBuf>,
    /// The rule profile.
    pub profile: Profile,
    /// Why that profile (configured, the path, or what the file's content shows).
    pub profile_reason: String,
    /// The lowest severity that makes the exit code 1.
    pub fail_on: Severity,
    /// The output format.
    pub output_format: OutputFormat,
    /// The rules that run, sorted by code.
    pub enabled_rules: Vec<&'static Rule>,
}

impl Settings {
    /// The settings `config` gives the file `target` (shown as `shown`); the
    /// profile is the one `check` would choose for the file's content, if readable.
    pub fn resolve(shown: &str, target: &std::path::Path, config: &Config, output_format: OutputFormat) -> Settings {
        let content = if target.is_file() { std::fs::read(target).ok() } else { None };
        let (profile, profile_reason) = match content {
            Some(bytes) => {
                let analysis = crate::lint::Analysis::new(crate::source::SourceFile::new(shown, bytes));
                config.profile_with_reason(target, &analysis.source.bytes, &analysis.cmap)
            }
            None => (config.profile_for(target), "no file content to look at".to_string()),
        };
        let mut enabled_rules = config.enabled_rules();
        enabled_rules.sort_by_key(|rule| rule.code);
        Settings {
            target: shown.to_string(),
            config_file: config.path.clone(),
            profile,
            profile_reason,
            fail_on: config.fail_on(),
            output_format,
            enabled_rules,
        }
    }

    /// Every setting but the rule list, as `(label, value)`, in printing order.
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("config file", self.config_file.as_deref().map_or_else(|| "none".to_string(), crate::files::display_name)),
            ("profile", format!("{} ({})", name_of(self.profile), self.profile_reason)),
            ("fail-on", self.fail_on.as_str().to_string()),
            ("output format", name_of(self.output_format)),
            ("enabled rules", format!("{} of {}", self.enabled_rules.len(), crate::rules::all().len())),
        ]
    }

    /// Writes the settings: a heading, one aligned `label  value` line per
    /// setting, then the enabled rules, one `CODE name` per line.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "Settings for {}", self.target)?;
        let fields = self.fields();
        let width = fields.iter().map(|(label, _)| label.len()).max().unwrap_or(0);
        for (label, value) in &fields {
            writeln!(out, "  {label:<width$}  {value}")?;
        }
        for rule in &self.enabled_rules {
            writeln!(out, "    {} {}", rule.code, rule.name)?;
        }
        Ok(())
    }
}

/// The command-line spelling of a `clap::ValueEnum` value.
fn name_of(value: impl clap::ValueEnum) -> String {
    value.to_possible_value().map_or_else(String::new, |v| v.get_name().to_string())
}
