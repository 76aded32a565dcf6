//! A recorded state (JSON of [`LiveState`]), for tests and for `--state FILE`.

use std::path::PathBuf;

use super::{LiveError, LiveSource, LiveState};

/// A state read from a JSON file written by `corolint status --save-state`.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The file.
    pub path: PathBuf,
}

impl LiveSource for Recorded {
    fn read(&self) -> Result<LiveState, LiveError> {
        let name = self.path.display();
        let bytes = std::fs::read(&self.path)
            .map_err(|e| LiveError(format!("cannot read recorded state {name}: {}", crate::files::io_reason(&e))))?;
        let mut state: LiveState = serde_json::from_slice(&bytes)
            .map_err(|e| LiveError(format!("{name} is not a recorded corolint state: {e}")))?;
        if state.source.is_empty() {
            state.source = format!("recorded state {name}");
        }
        Ok(state)
    }
}
