//! The `go env -w` file (go-env-facts.md §3): where it is, and what it says,
//! parsed byte for byte the way `cmd/go` does (`cfg.readEnvFile`).

use crate::sys::env::EnvSnapshot;
use crate::sys::platform::{self, Platform};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    pub key: String,
    /// Raw value: no quoting, trimming or expansion (a trailing `\r` stays).
    #[serde(serialize_with = "crate::sys::ser::os_lossy")]
    pub value: OsString,
    /// 1-based line number.
    pub line: usize,
}

/// Something about the file Go would not do what the user means.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Issue {
    pub line: usize,
    /// "crlf" | "ignored" | "duplicate" | "gopath-relative-entry"
    pub kind: &'static str,
    pub detail: String,
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct GoEnvFile {
    pub path: PathBuf,
    pub entries: Vec<Entry>,
    pub(crate) issues: Vec<Issue>,
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
    let p = env.platform;
    if let Some(goenv) = env.get_nonempty("GOENV") {
        if goenv == "off" {
            return None;
        }
        return Some(resolve(env, goenv));
    }
    let config_dir: OsString = if p.is_windows() {
        env.get_nonempty("AppData")?.to_os_string()
    } else if cfg!(target_os = "macos") {
        // os.UserConfigDir on darwin ignores XDG_CONFIG_HOME.
        p.join(env.get_nonempty("HOME")?, "Library/Application Support")
    } else if let Some(xdg) = env.get_nonempty("XDG_CONFIG_HOME") {
        // Go 1.23 uses a relative value as is, so it resolves against the
        // current directory (go-env-facts.md §3).
        resolve(env, xdg).into_os_string()
    } else {
        p.join(env.get_nonempty("HOME")?, ".config")
    };
    let dir = p.join(&config_dir, "go");
    Some(PathBuf::from(p.join(&dir, "env")))
}

/// `v` as is if absolute for the platform, else joined to `env.cwd`.
fn resolve(env: &EnvSnapshot, v: &OsStr) -> PathBuf {
    let p = env.platform;
    if p.is_absolute(v) {
        return PathBuf::from(v);
    }
    let mut b = platform::bytes(env.cwd.as_os_str()).into_owned();
    if !b.is_empty() && !matches!(b.last(), Some(b'/') | Some(b'\\')) {
        b.push(p.dir_sep());
    }
    b.extend_from_slice(&platform::bytes(v));
    PathBuf::from(platform::from_bytes(b))
}

/// Parses file bytes as `cfg.readEnvFile`: split on `\n` only; a line counts
/// only if it contains `=` and starts with A–Z; last duplicate wins; records
/// issues (CRLF, ignored non-blank non-comment lines, duplicates, GOPATH lines
/// with relative or `~` entries).
pub fn parse(path: &Path, bytes: &[u8]) -> GoEnvFile {
    parse_for(path, bytes, Platform::current())
}

/// [`parse`] with the platform whose list separator and absolute-path rules
/// apply to GOPATH entries (`load` passes the snapshot's platform).
pub(crate) fn parse_for(path: &Path, bytes: &[u8], platform: Platform) -> GoEnvFile {
    let mut entries: Vec<Entry> = Vec::new();
    let mut issues: Vec<Issue> = Vec::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let n = i + 1;
        let counts = line.first().is_some_and(u8::is_ascii_uppercase) && line.contains(&b'=');
        if counts {
            let eq = line.iter().position(|&b| b == b'=').unwrap_or(line.len());
            let key = String::from_utf8_lossy(&line[..eq]).into_owned();
            let raw = &line[eq + 1..];
            if raw.last() == Some(&b'\r') {
                issues.push(Issue {
                    line: n,
                    kind: "crlf",
                    detail: format!(
                        "{key} ends with a carriage return (CRLF line ending); Go keeps it in the value: {:?}",
                        String::from_utf8_lossy(raw)
                    ),
                });
            }
            entries.push(Entry {
                key,
                value: platform::from_bytes(raw.to_vec()),
                line: n,
            });
            continue;
        }
        let trimmed = line.trim_ascii();
        if trimmed.is_empty() || trimmed.starts_with(b"#") {
            continue;
        }
        let why = if !line.contains(&b'=') {
            "it has no `=`"
        } else if line.first().is_some_and(|b| b.is_ascii_whitespace()) {
            "it starts with white space"
        } else {
            "it does not start with an upper-case letter A-Z"
        };
        issues.push(Issue {
            line: n,
            kind: "ignored",
            detail: format!(
                "Go ignores this line because {why}: {:?}",
                String::from_utf8_lossy(line.strip_suffix(b"\r").unwrap_or(line))
            ),
        });
    }
    for (i, e) in entries.iter().enumerate() {
        if let Some(later) = entries[i + 1..].iter().rev().find(|l| l.key == e.key) {
            issues.push(Issue {
                line: e.line,
                kind: "duplicate",
                detail: format!(
                    "{} is set again on line {}; the last one wins",
                    e.key, later.line
                ),
            });
        }
    }
    if let Some(gp) = entries.iter().rev().find(|e| e.key == "GOPATH") {
        for entry in platform.split_list(&gp.value) {
            if entry.is_empty() {
                continue;
            }
            let shown = entry.to_string_lossy();
            let detail = if platform::bytes(&entry).first() == Some(&b'~') {
                format!("GOPATH entry {shown:?} starts with ~, which Go does not expand; every go command fails")
            } else if !platform.is_absolute(&entry) {
                format!("GOPATH entry {shown:?} is relative; every go command fails with \"GOPATH entry is relative; must be absolute path\"")
            } else {
                continue;
            };
            issues.push(Issue {
                line: gp.line,
                kind: "gopath-relative-entry",
                detail,
            });
        }
    }
    issues.sort_by_key(|i| i.line);
    GoEnvFile {
        path: path.to_path_buf(),
        entries,
        issues,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(bytes: &[u8]) -> GoEnvFile {
        parse_for(Path::new("/c/go/env"), bytes, Platform::UNIX)
    }

    fn kinds(f: &GoEnvFile) -> Vec<(usize, &'static str)> {
        f.issues.iter().map(|i| (i.line, i.kind)).collect()
    }

    #[test]
    fn values_are_raw_and_split_at_the_first_equals() {
        let f = p(b"GOFLAGS=-ldflags=-s -w\nGOPROXY= \"https://x\" \nGONOSUMDB=\n");
        assert_eq!(f.get("GOFLAGS").unwrap(), "-ldflags=-s -w");
        assert_eq!(f.get("GOPROXY").unwrap(), " \"https://x\" ");
        assert_eq!(f.get("GONOSUMDB").unwrap(), "");
        assert_eq!(f.entries[1].line, 2);
        assert!(f.issues.is_empty(), "{:?}", f.issues);
        assert!(f.get("GOPATH").is_none());
    }

    #[test]
    fn crlf_keeps_the_carriage_return_and_is_reported() {
        let f = p(b"GOTOOLCHAIN=local\r\nGOPATH=/home/u/go\r\n\r\n");
        assert_eq!(f.get("GOTOOLCHAIN").unwrap(), "local\r");
        assert_eq!(f.get("GOPATH").unwrap(), "/home/u/go\r");
        assert_eq!(kinds(&f), [(1, "crlf"), (2, "crlf")]);
        assert!(
            f.issues[0].detail.contains("GOTOOLCHAIN"),
            "{}",
            f.issues[0].detail
        );
    }

    #[test]
    fn last_duplicate_wins_and_earlier_ones_are_reported() {
        let f = p(b"GOPROXY=a\nGOSUMDB=off\nGOPROXY=b\nGOPROXY=c\n");
        assert_eq!(f.get("GOPROXY").unwrap(), "c");
        assert_eq!(f.entries.len(), 4);
        assert_eq!(kinds(&f), [(1, "duplicate"), (3, "duplicate")]);
        assert!(
            f.issues[0].detail.contains("line 4"),
            "{}",
            f.issues[0].detail
        );
    }

    #[test]
    fn lines_go_ignores_are_reported_but_comments_and_blanks_are_not() {
        let f = p(b"# go env -w file\n\ngopath=/x\n  GOPATH=/y\nGOFLAGS\n_GO=1\n   \n  # indented comment\nGOBIN=/b");
        assert_eq!(f.entries.len(), 1);
        assert_eq!(f.get("GOBIN").unwrap(), "/b");
        assert!(f.get("GOPATH").is_none());
        assert_eq!(
            kinds(&f),
            [
                (3, "ignored"),
                (4, "ignored"),
                (5, "ignored"),
                (6, "ignored")
            ]
        );
        assert!(
            f.issues[0].detail.contains("upper-case"),
            "{}",
            f.issues[0].detail
        );
        assert!(
            f.issues[1].detail.contains("white space"),
            "{}",
            f.issues[1].detail
        );
        assert!(
            f.issues[2].detail.contains("no `=`"),
            "{}",
            f.issues[2].detail
        );
    }

    #[test]
    fn gopath_with_relative_or_tilde_entries_is_reported() {
        let f = p(b"GOPATH=/a:rel\n");
        assert_eq!(kinds(&f), [(1, "gopath-relative-entry")]);
        assert!(
            f.issues[0].detail.contains("\"rel\""),
            "{}",
            f.issues[0].detail
        );
        let f = p(b"GOPATH=/a:~/b::/c\n");
        assert_eq!(kinds(&f), [(1, "gopath-relative-entry")]);
        assert!(f.issues[0].detail.contains("~"), "{}", f.issues[0].detail);
        assert!(p(b"GOPATH=/a::/b\n").issues.is_empty());
        // Only the value Go uses counts.
        assert_eq!(kinds(&p(b"GOPATH=rel\nGOPATH=/ok\n")), [(1, "duplicate")]);
        let w = parse_for(Path::new("env"), b"GOPATH=C:\\go;go2\n", Platform::WINDOWS);
        assert_eq!(kinds(&w), [(1, "gopath-relative-entry")]);
        let w = parse_for(
            Path::new("env"),
            b"GOPATH=C:\\go;D:\\x\n",
            Platform::WINDOWS,
        );
        assert!(w.issues.is_empty());
    }

    #[test]
    fn nothing_panics_on_odd_bytes() {
        let f = p(b"A\xff=\xfe\nB=\x00\n=\n\n\r");
        assert_eq!(f.entries.len(), 2);
        assert_eq!(f.entries[1].key, "B");
        assert!(p(b"").entries.is_empty());
    }

    fn snap(pairs: &[(&str, &str)]) -> EnvSnapshot {
        EnvSnapshot::from_pairs(pairs, "/work", Platform::UNIX)
    }

    #[test]
    fn location_follows_goenv_then_user_config_dir() {
        assert_eq!(location(&snap(&[("GOENV", "off"), ("HOME", "/h")])), None);
        assert_eq!(
            location(&snap(&[("GOENV", "/x/env")])),
            Some(PathBuf::from("/x/env"))
        );
        assert_eq!(
            location(&snap(&[("GOENV", "rel/env")])),
            Some(PathBuf::from("/work/rel/env"))
        );
        if !cfg!(target_os = "macos") {
            let e = snap(&[("GOENV", ""), ("XDG_CONFIG_HOME", "/c"), ("HOME", "/h")]);
            assert_eq!(location(&e), Some(PathBuf::from("/c/go/env")));
            let e = snap(&[("XDG_CONFIG_HOME", "cfg"), ("HOME", "/h")]);
            assert_eq!(location(&e), Some(PathBuf::from("/work/cfg/go/env")));
            let e = snap(&[("XDG_CONFIG_HOME", ""), ("HOME", "/h")]);
            assert_eq!(location(&e), Some(PathBuf::from("/h/.config/go/env")));
            assert_eq!(location(&snap(&[])), None);
        }
    }

    #[test]
    fn location_on_windows_is_appdata() {
        let e = EnvSnapshot::from_pairs(
            &[("APPDATA", r"C:\Users\u\AppData\Roaming"), ("HOME", "/h")],
            r"C:\w",
            Platform::WINDOWS,
        );
        assert_eq!(
            location(&e),
            Some(PathBuf::from(r"C:\Users\u\AppData\Roaming\go\env"))
        );
        let e = EnvSnapshot::from_pairs(&[("GoEnv", "OFF")], r"C:\w", Platform::WINDOWS);
        assert!(location(&e).is_some(), "only `off` disables, not `OFF`");
        let e = EnvSnapshot::from_pairs(&[("goenv", "off")], r"C:\w", Platform::WINDOWS);
        assert_eq!(location(&e), None);
        let e = EnvSnapshot::from_pairs(&[("GOENV", r"sub\env")], r"C:\w", Platform::WINDOWS);
        assert_eq!(location(&e), Some(PathBuf::from(r"C:\w\sub\env")));
        let e = EnvSnapshot::from_pairs(&[("HOME", "/h")], r"C:\w", Platform::WINDOWS);
        assert_eq!(location(&e), None);
    }
}
