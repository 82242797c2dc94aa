//! Reads goenv-hook's own config file (the one read of it): where it is
//! and what it says are `config`'s (`config::location`,
//! `config::from_read`).

use crate::config::{self, Config, ConfigError, Known};
use crate::sys::env::EnvSnapshot;

/// The config at `config::location(env)` (the default when there is none).
pub fn load(env: &EnvSnapshot) -> Result<Config, ConfigError> {
    load_with(env, Known::default())
}

/// [`load`] with what a stricter caller knows (check ids, toolchain roots).
pub fn load_with(env: &EnvSnapshot, known: Known<'_>) -> Result<Config, ConfigError> {
    let Some(path) = config::location(env) else {
        return Ok(Config::default());
    };
    let read = std::fs::read(&path);
    config::from_read(path, read, env, known)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::platform::Platform;
    use std::ffi::OsString;

    fn os(s: &str) -> OsString {
        OsString::from(s)
    }

    #[test]
    #[cfg_attr(
        windows,
        ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
    )]
    fn load_missing_unreadable_and_not_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        let e = EnvSnapshot::from_pairs(
            &[
                ("GOENV_HOOK_CONFIG", file.to_str().unwrap()),
                ("HOME", "/h"),
            ],
            "/",
            Platform::UNIX,
        );
        // GOENV_HOOK_CONFIG naming a missing file: an error naming it.
        assert_eq!(
            load(&e).unwrap_err().to_string(),
            format!(
                "{}: no such file (named by GOENV_HOOK_CONFIG)\n  expected: GOENV_HOOK_CONFIG naming an existing file, or unset for the default location",
                file.display()
            )
        );
        // A missing file at the default location: the default config.
        let home = EnvSnapshot::from_pairs(
            &[("HOME", dir.path().to_str().unwrap())],
            "/",
            Platform::UNIX,
        );
        assert_eq!(load(&home).unwrap(), Config::default());
        std::fs::write(&file, "gobin = \"~/b\"\n").unwrap();
        let c = load(&e).unwrap();
        assert_eq!(
            (c.file.as_deref(), c.gobin),
            (Some(file.as_path()), Some(os("/h/b")))
        );
        std::fs::write(&file, b"# caf\xc3\xa9\ngobin = \"/x\xff\"\n").unwrap();
        let err = load(&e).unwrap_err();
        assert_eq!((err.line, err.column), (2, 12));
        assert!(
            err.to_string()
                .contains(":2:12: the config file is not valid UTF-8"),
            "{err}"
        );
        let e = EnvSnapshot::from_pairs(
            &[("GOENV_HOOK_CONFIG", dir.path().to_str().unwrap())],
            "/",
            Platform::UNIX,
        );
        let err = load(&e).unwrap_err();
        assert_eq!(err.line, 0);
        let shown = err.to_string();
        assert!(
            shown.starts_with(&format!(
                "{}: cannot read the config file: ",
                dir.path().display()
            )),
            "{shown}"
        );
    }
}
