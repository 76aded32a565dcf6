//! Which `corolint.toml` and profile govern a document: the same discovery
//! as `corolint check` (from the document's path up), with the `server`
//! command's `--config`/`--isolated`/`--profile`. A configuration file is
//! read again when its modification time or size changes, so edits to it
//! apply at the next change of a document.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::config::{self, Config, ConfigError, Overrides};
use crate::rules::Profile;

/// The configuration of one document.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The configuration (the defaults when the file is broken).
    pub config: Arc<Config>,
    /// The profile for the document.
    pub profile: Profile,
    /// Why the configuration file could not be used, if it could not.
    pub error: Option<ConfigError>,
}

/// One configuration file as last read.
#[derive(Debug)]
struct Cached {
    stamp: Option<(SystemTime, u64)>,
    config: Result<Arc<Config>, ConfigError>,
}

/// Finds and caches configurations.
#[derive(Debug, Default)]
pub struct Settings {
    overrides: Overrides,
    cache: HashMap<PathBuf, Cached>,
}

fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

impl Settings {
    /// Settings with the command line's overrides.
    pub fn new(overrides: Overrides) -> Settings {
        Settings { overrides, cache: HashMap::new() }
    }

    /// The configuration for a document at `path` (`None`: not a file on disk).
    pub fn resolve(&mut self, path: Option<&Path>) -> Resolved {
        let file = match path {
            Some(path) => config::config_path_for(path, &self.overrides),
            None if self.overrides.isolated => None,
            None => self.overrides.config.clone(),
        };
        let (config, error) = match file {
            None => (Arc::new(Config::default().with_overrides(&self.overrides)), None),
            Some(file) => match self.load(&file) {
                Ok(config) => (config, None),
                Err(e) => (Arc::new(Config::default().with_overrides(&self.overrides)), Some(e)),
            },
        };
        let profile = match path {
            Some(path) => config.profile_for(path),
            None => config.profile.unwrap_or_default(),
        };
        Resolved { config, profile, error }
    }

    fn load(&mut self, file: &Path) -> Result<Arc<Config>, ConfigError> {
        let now = stamp(file);
        if let Some(cached) = self.cache.get(file)
            && cached.stamp == now
            && now.is_some()
        {
            return cached.config.clone();
        }
        let config = Config::from_file(file).map(|c| Arc::new(c.with_overrides(&self.overrides)));
        self.cache.insert(file.to_path_buf(), Cached { stamp: now, config: config.clone() });
        config
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_reloads_and_survives_broken_configuration() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = dir.path().join("corosync.conf");
        let toml = dir.path().join("corolint.toml");
        let mut settings = Settings::default();
        assert!(settings.resolve(Some(&doc)).config.path.is_none());
        std::fs::write(&toml, "profile = \"pve\"\n").expect("write");
        let r = settings.resolve(Some(&doc));
        assert_eq!((r.profile, r.error.is_none()), (Profile::Pve, true));
        std::fs::write(&toml, "profile = \"nope\"\n# longer\n").expect("write");
        let r = settings.resolve(Some(&doc));
        assert_eq!(r.profile, Profile::Generic);
        assert!(r.error.is_some_and(|e| e.to_string().contains("corolint.toml")));
        let isolated = Settings::new(Overrides { isolated: true, ..Overrides::default() }).resolve(Some(&doc));
        assert!(isolated.error.is_none());
        assert_eq!(Settings::default().resolve(None).profile, Profile::Generic);
    }
}
