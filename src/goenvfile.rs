//! The `go env -w` file (go-env-facts.md §3): where it is, and what it says,
//! parsed byte for byte the way `cmd/go` does (`cfg.readEnvFile`).
//! OWNER: helper C. Contract below; bodies are stubs until filled.

use crate::env::EnvSnapshot;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    pub key: String,
    /// Raw value: no quoting, trimming or expansion (a trailing `\r` stays).
    #[serde(serialize_with = "crate::ser::os_lossy")]
    pub value: OsString,
    /// 1-based line number.
    pub line: usize,
}

/// Something about the file Go would not do what the user means.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Issue {
    pub line: usize,
    /// "crlf" | "ignored" | "duplicate" | "gopath-relative-entry"
    pub kind: &'static str,
    pub detail: String,
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct GoEnvFile {
    pub path: PathBuf,
    pub entries: Vec<Entry>,
    pub issues: Vec<Issue>,
}

impl GoEnvFile {
    /// The value Go uses for `key` (the last duplicate wins).
    pub fn get(&self, key: &str) -> Option<&OsStr> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.key == key)
            .map(|e| e.value.as_os_str())
    }
}

/// `$GOENV` if non-empty (`off` → None); else `<UserConfigDir>/go/env`:
/// Unix `$XDG_CONFIG_HOME` (if absolute… Go uses it as is; relative resolves
/// against cwd) else `$HOME/.config`; macOS `~/Library/Application Support`;
/// Windows `%AppData%`. Computed from `env` (platform included), not from `dirs`.
pub fn location(env: &EnvSnapshot) -> Option<PathBuf> {
    let _ = env;
    todo!("helper C")
}

/// Parses file bytes as `cfg.readEnvFile`: split on `\n` only; a line counts
/// only if it contains `=` and starts with A–Z; last duplicate wins; records
/// issues (CRLF, ignored non-blank non-comment lines, duplicates, GOPATH lines
/// with relative or `~` entries).
pub fn parse(path: &Path, bytes: &[u8]) -> GoEnvFile {
    let _ = (path, bytes);
    todo!("helper C")
}

/// Reads and parses the file at `location(env)`; None if absent or unreadable.
pub fn load(env: &EnvSnapshot) -> Option<GoEnvFile> {
    let _ = env;
    todo!("helper C")
}
