//! The environment a new terminal's shell starts with, for `goenv-hook
//! shells`: what login(1), sshd and a terminal emulator's session give a
//! user before any start-up file runs.
//!
//! Chosen (Unix): `HOME`, `USER`, `LOGNAME`, `SHELL` and `TERM` as they are
//! now (the user's; login sets them from the password database); every
//! variable of `/etc/environment` (pam_env's file: `KEY=VALUE` lines, an
//! optional `export `, one pair of surrounding quotes removed, no
//! expansion); `LANG` from there, else `/etc/default/locale`, else as it is
//! now; `PATH` from `/etc/environment`, else `/etc/login.defs`' `ENV_PATH`
//! (`ENV_SUPATH` for root), else `/usr/local/bin:/usr/bin:/bin`. Nothing
//! else is inherited (no `XDG_*`, no `GOPATH`, no goenv-hook state).
//!
//! Windows: a new console's environment comes from the registry, which is
//! not read: the current environment is passed on, without goenv-hook's
//! own variables.

use crate::sys::env::EnvSnapshot;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The starting environment, and where its PATH came from.
#[derive(Clone, Debug)]
pub(crate) struct LoginEnv {
    pub vars: Vec<(OsString, OsString)>,
    /// "/etc/environment", "/etc/login.defs ENV_PATH", … or "current
    /// environment" (Windows), "built-in default".
    pub(crate) path_from: String,
}

/// The variables every start keeps from the current environment.
const KEPT: [&str; 5] = ["HOME", "USER", "LOGNAME", "SHELL", "TERM"];

/// The starting environment for a user whose environment is `current`;
/// system files are read under `sys` (`/`; a fake tree in tests).
pub(crate) fn login_env(current: &EnvSnapshot, sys: &Path) -> LoginEnv {
    if current.platform.is_windows() {
        let vars = current
            .vars()
            .iter()
            .filter(|(k, _)| {
                let k = k.to_string_lossy().to_ascii_uppercase();
                !k.starts_with("GOENV_HOOK_") && !k.starts_with("__GOENV_HOOK")
            })
            .cloned()
            .collect();
        return LoginEnv {
            vars,
            path_from: "current environment".into(),
        };
    }
    let mut vars: Vec<(OsString, OsString)> = Vec::new();
    let set = |vars: &mut Vec<(OsString, OsString)>, k: &str, v: OsString| {
        vars.retain(|(n, _)| n != k);
        vars.push((k.into(), v));
    };
    for k in KEPT {
        if let Some(v) = current.get(k) {
            set(&mut vars, k, v.to_os_string());
        }
    }
    let etc_env = read_text(&sys.join("etc/environment"))
        .map(|t| parse_pam_env(&t))
        .unwrap_or_default();
    for (k, v) in &etc_env {
        set(&mut vars, k, v.into());
    }
    if !etc_env.iter().any(|(k, _)| k == "LANG") {
        let lang = read_text(&sys.join("etc/default/locale"))
            .and_then(|t| parse_pam_env(&t).into_iter().find(|(k, _)| k == "LANG"))
            .map(|(_, v)| OsString::from(v))
            .or_else(|| current.get("LANG").map(|v| v.to_os_string()));
        if let Some(l) = lang {
            set(&mut vars, "LANG", l);
        }
    }
    let path_from = if etc_env.iter().any(|(k, _)| k == "PATH") {
        "/etc/environment".to_string()
    } else {
        let key = if is_root(current) {
            "ENV_SUPATH"
        } else {
            "ENV_PATH"
        };
        match read_text(&sys.join("etc/login.defs")).and_then(|t| login_defs_path(&t, key)) {
            Some(p) => {
                set(&mut vars, "PATH", p.into());
                format!("/etc/login.defs {key}")
            }
            None => {
                set(&mut vars, "PATH", "/usr/local/bin:/usr/bin:/bin".into());
                "built-in default".to_string()
            }
        }
    };
    LoginEnv { vars, path_from }
}

fn read_text(p: &PathBuf) -> Option<String> {
    std::fs::read(p)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// This process runs as root (the owner of `/proc/self`; without `/proc`,
/// `USER` says so).
fn is_root(current: &EnvSnapshot) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata("/proc/self") {
            return m.uid() == 0;
        }
    }
    current.get("USER").is_some_and(|u| u == "root")
}

/// pam_env's `KEY=VALUE` file (`/etc/environment`, `/etc/default/locale`):
/// blank lines and `#` comments skipped, an optional `export ` prefix, one
/// pair of matching surrounding quotes removed; no expansion.
pub(crate) fn parse_pam_env(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let l = l.strip_prefix("export ").map(str::trim_start).unwrap_or(l);
        let Some((k, v)) = l.split_once('=') else {
            continue;
        };
        let valid = k
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
            && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !valid {
            continue;
        }
        let v = v.trim();
        let v = ['"', '\'']
            .iter()
            .find_map(|q| {
                v.strip_prefix(*q)
                    .and_then(|x| x.strip_suffix(*q))
                    .filter(|_| v.len() >= 2)
            })
            .unwrap_or(v);
        out.retain(|(n, _): &(String, String)| n != k);
        out.push((k.to_string(), v.to_string()));
    }
    out
}

/// `/etc/login.defs`' `ENV_PATH` / `ENV_SUPATH` (`PATH=…` or the bare list).
pub(crate) fn login_defs_path(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let mut w = line.split_whitespace();
        (w.next()? == key).then_some(())?;
        let v = w.next()?;
        Some(v.strip_prefix("PATH=").unwrap_or(v).to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::platform::Platform;

    #[test]
    fn pam_env_lines() {
        let t = "# c\nPATH=\"/a:/b\"\nexport LANG=C.UTF-8\nBAD-NAME=1\nX='y z'\nE=\n";
        assert_eq!(
            parse_pam_env(t),
            [
                ("PATH".to_string(), "/a:/b".to_string()),
                ("LANG".into(), "C.UTF-8".into()),
                ("X".into(), "y z".into()),
                ("E".into(), "".into())
            ]
        );
    }

    #[test]
    fn login_defs() {
        let t = "ENV_SUPATH\tPATH=/usr/sbin:/usr/bin\nENV_PATH\tPATH=/usr/local/bin:/usr/bin\n";
        assert_eq!(
            login_defs_path(t, "ENV_PATH").unwrap(),
            "/usr/local/bin:/usr/bin"
        );
        assert_eq!(
            login_defs_path("ENV_PATH /x:/y", "ENV_PATH").unwrap(),
            "/x:/y"
        );
        assert!(login_defs_path("", "ENV_PATH").is_none());
    }

    #[test]
    fn the_environment_is_built_from_the_files() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("etc/default")).unwrap();
        std::fs::write(
            d.path().join("etc/login.defs"),
            "ENV_PATH PATH=/l/bin\nENV_SUPATH PATH=/l/sbin\n",
        )
        .unwrap();
        std::fs::write(
            d.path().join("etc/default/locale"),
            "LANG=\"de_DE.UTF-8\"\n",
        )
        .unwrap();
        let cur = EnvSnapshot::from_pairs(
            &[
                ("HOME", "/h"),
                ("USER", "u"),
                ("GOPATH", "/g"),
                ("PATH", "/x"),
                ("LANG", "C"),
            ],
            "/",
            Platform::UNIX,
        );
        let e = login_env(&cur, d.path());
        let get = |k: &str| {
            e.vars
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.to_str().unwrap().to_string())
        };
        assert_eq!(get("HOME").as_deref(), Some("/h"));
        assert_eq!(get("GOPATH"), None);
        assert_eq!(get("LANG").as_deref(), Some("de_DE.UTF-8"));
        let path = get("PATH").unwrap();
        assert!(path == "/l/bin" || path == "/l/sbin", "{path}");
        std::fs::write(d.path().join("etc/environment"), "PATH=/e/bin\nFOO=bar\n").unwrap();
        let e = login_env(&cur, d.path());
        assert_eq!(e.path_from, "/etc/environment");
        assert!(e.vars.contains(&("FOO".into(), "bar".into())));
    }
}
