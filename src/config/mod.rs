//! The config file: the single source of truth for every shell.
//!
//! Location ([`location`]): `$GOENV_HOOK_CONFIG` if non-empty, else
//! `$XDG_CONFIG_HOME/goenv-hook/config.toml`, else
//! `~/.config/goenv-hook/config.toml` (macOS too), on Windows
//! `%AppData%\goenv-hook\config.toml`, read from the `EnvSnapshot`; the
//! `dirs` crate only fills in what the snapshot lacks (no `HOME`, no
//! `AppData`). A missing file at the default location is the default config;
//! a `GOENV_HOOK_CONFIG` naming a missing file is an error. Schema (all
//! keys optional):
//!
//! ```toml
//! toolchain = "1.22"        # a version (1.22, 1.22.3, go1.22.3) or a root dir (~/sdk/go1.22.3)
//! goroot = "unset"          # unset (default) | export | leave
//! gopath = "~/go"           # exported as GOPATH
//! gobin = "~/go/bin"        # exported as GOBIN
//! gotoolchain_local = false # set GOTOOLCHAIN=local when goenv-hook picks the toolchain
//!
//! [env]                     # extra variables: a string sets, false unsets
//! GOPROXY = "https://proxy.golang.org,direct"
//!
//! [path]
//! extra = ["~/go-tools/bin"]              # extra PATH entries, in this order
//! order = ["toolchain", "gobin", "extra"] # order of the managed block in front of PATH
//!
//! [doctor]
//! ignore = ["path-duplicates"]            # check ids
//!
//! [prompt]
//! format = "go{version}"    # template; see prompt.rs
//! always = false            # also show outside Go projects
//! ```
//!
//! The rules are written once ([`rules`]) over an abstract tree of settings
//! ([`tree`]) whose values carry their location; the file's front end
//! ([`file`]) builds the tree from TOML and words errors with file, line and
//! column; the Nushell plugin builds it from `$env.config.plugins.goenv`
//! and labels the offending value. Values expand `~` and `$VAR` with
//! [`crate::sys::expand`] (an undefined variable is an error naming it).

use crate::sys::env::EnvSnapshot;
use crate::sys::platform::{bytes, from_bytes};
use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;

pub mod file;
pub mod rules;
pub mod tree;

pub use rules::{Known, Settings};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GorootPolicy {
    /// Unset an inherited GOROOT that disagrees with the chosen toolchain.
    #[default]
    Unset,
    /// Export GOROOT = the chosen toolchain's root.
    Export,
    /// Never touch GOROOT.
    Leave,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum ToolchainPin {
    Version(crate::go::gover::GoVersion),
    Root(#[serde(serialize_with = "crate::sys::ser::os_lossy")] PathBuf),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PathPart {
    Toolchain,
    Gobin,
    Extra,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum EnvValue {
    Set(#[serde(serialize_with = "crate::sys::ser::os_lossy")] OsString),
    Unset,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Config {
    /// The file this came from (None: no file, defaults).
    pub file: Option<PathBuf>,
    pub toolchain: Option<ToolchainPin>,
    pub goroot: GorootPolicy,
    #[serde(serialize_with = "ser_opt_os")]
    pub gopath: Option<OsString>,
    #[serde(serialize_with = "ser_opt_os")]
    pub gobin: Option<OsString>,
    pub gotoolchain_local: bool,
    /// `[env]` in file order.
    pub env: Vec<(String, EnvValue)>,
    #[serde(skip)]
    pub path_extra: Vec<OsString>,
    /// Always a permutation of all three parts (missing ones appended in
    /// default order).
    pub path_order: Vec<PathPart>,
    pub doctor_ignore: Vec<String>,
    pub prompt_format: Option<String>,
    pub prompt_always: bool,
}

fn ser_opt_os<S: serde::Serializer>(v: &Option<OsString>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_some(&v.to_string_lossy()),
        None => s.serialize_none(),
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            file: None,
            toolchain: None,
            goroot: GorootPolicy::Unset,
            gopath: None,
            gobin: None,
            gotoolchain_local: false,
            env: Vec::new(),
            path_extra: Vec::new(),
            path_order: vec![PathPart::Toolchain, PathPart::Gobin, PathPart::Extra],
            doctor_ignore: Vec::new(),
            prompt_format: None,
            prompt_always: false,
        }
    }
}

/// A config file that can't be used. Display: `FILE:LINE:COL: MESSAGE` and,
/// on a second line, `  expected: …`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based; 0 when not tied to a place (unreadable file).
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub expected: Option<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file.display(),
                self.line,
                self.column,
                self.message
            )?;
        } else {
            write!(f, "{}: {}", self.file.display(), self.message)?;
        }
        if let Some(e) = &self.expected {
            write!(f, "\n  expected: {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// The variable that names the config file.
pub const CONFIG_VAR: &str = "GOENV_HOOK_CONFIG";

/// Where the config file is looked for: `$GOENV_HOOK_CONFIG` if non-empty
/// (relative to the current directory if relative); on Windows
/// `%AppData%\goenv-hook\config.toml`; elsewhere
/// `$XDG_CONFIG_HOME/goenv-hook/config.toml` when XDG_CONFIG_HOME is
/// absolute, else `$HOME/.config/goenv-hook/config.toml`. macOS counts as
/// Unix here: like many command-line tools we use `~/.config` there too (not
/// `~/Library/Application Support`) unless XDG_CONFIG_HOME is set. When the
/// snapshot lacks `HOME` (`AppData` on Windows) and describes this machine,
/// the `dirs` crate fills it in (the password database's home directory;
/// the RoamingAppData known folder). None when nothing gives a place.
pub fn location(env: &EnvSnapshot) -> Option<PathBuf> {
    location_with(env, &|| {
        if env.platform != crate::sys::platform::Platform::current() {
            None
        } else if env.platform.is_windows() {
            dirs::config_dir().map(PathBuf::into_os_string)
        } else {
            dirs::home_dir().map(|h| env.platform.join(h.as_os_str(), ".config"))
        }
    })
}

/// [`location`] with `fallback` for the base directory (the one that holds
/// `goenv-hook/`) when the snapshot has none.
pub fn location_with(
    env: &EnvSnapshot,
    fallback: &dyn Fn() -> Option<OsString>,
) -> Option<PathBuf> {
    let p = env.platform;
    if let Some(c) = env.get_nonempty(CONFIG_VAR) {
        if p.is_absolute(c) {
            return Some(PathBuf::from(c));
        }
        let mut b = bytes(env.cwd.as_os_str()).into_owned();
        if !b.is_empty() && !matches!(b.last(), Some(b'/' | b'\\')) {
            b.push(p.dir_sep());
        }
        b.extend_from_slice(&bytes(c));
        return Some(PathBuf::from(from_bytes(b)));
    }
    let base: OsString = if p.is_windows() {
        match env.get_nonempty("AppData") {
            Some(a) => a.to_os_string(),
            None => fallback()?,
        }
    } else if let Some(x) = env
        .get_nonempty("XDG_CONFIG_HOME")
        .filter(|x| p.is_absolute(x))
    {
        x.to_os_string()
    } else {
        match env.get_nonempty("HOME") {
            Some(h) => p.join(h, ".config"),
            None => fallback()?,
        }
    };
    let dir = p.join(&base, "goenv-hook");
    Some(PathBuf::from(p.join(&dir, "config.toml")))
}

/// What reading the config file gave (`probe::config` reads it): the
/// config, or the error naming the file. A missing file at the default
/// location gives the default; a missing file named by
/// `$GOENV_HOOK_CONFIG` is an error, and so are an unreadable file (line 0)
/// and a file that is not UTF-8 (at the first bad byte).
pub fn from_read(
    path: PathBuf,
    read: std::io::Result<Vec<u8>>,
    env: &EnvSnapshot,
    known: Known<'_>,
) -> Result<Config, ConfigError> {
    let bytes = match read {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if env.get_nonempty(CONFIG_VAR).is_none() {
                return Ok(Config::default());
            }
            return Err(ConfigError {
                file: path,
                line: 0,
                column: 0,
                message: format!("no such file (named by {CONFIG_VAR})"),
                expected: Some(format!(
                    "{CONFIG_VAR} naming an existing file, or unset for the default location"
                )),
            });
        }
        Err(e) => {
            return Err(ConfigError {
                file: path,
                line: 0,
                column: 0,
                message: format!("cannot read the config file: {e}"),
                expected: None,
            })
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => parse_with(&path, &text, env, known),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            // The valid prefix is text; the bad byte starts the next column.
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
            let (line, column) = file::line_col(&prefix, good);
            Err(ConfigError {
                file: path,
                line,
                column,
                message: "the config file is not valid UTF-8".to_string(),
                expected: Some("UTF-8 text (TOML files are UTF-8)".to_string()),
            })
        }
    }
}

/// Parses config text (for tests and [`from_read`]); `file` is used in errors.
pub fn parse(file: &std::path::Path, text: &str, env: &EnvSnapshot) -> Result<Config, ConfigError> {
    parse_with(file, text, env, Known::default())
}

/// [`parse`] with what a stricter caller knows.
pub fn parse_with(
    path: &std::path::Path,
    text: &str,
    env: &EnvSnapshot,
    known: Known<'_>,
) -> Result<Config, ConfigError> {
    let mut c = Config {
        file: Some(path.to_path_buf()),
        ..Config::default()
    };
    file::settings(path, text, env, known)?.apply(&mut c);
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::platform::Platform;
    use std::path::Path;

    fn env() -> EnvSnapshot {
        EnvSnapshot::from_pairs(
            &[
                ("HOME", "/home/u"),
                ("TOOLS", "/opt/tools"),
                ("EMPTY", ""),
                ("NUL", "a\0b"),
            ],
            "/work",
            Platform::UNIX,
        )
    }

    fn ok(text: &str) -> Config {
        parse(Path::new("/c/config.toml"), text, &env()).unwrap_or_else(|e| panic!("{e}"))
    }

    fn err(text: &str) -> String {
        match parse(Path::new("/c/config.toml"), text, &env()) {
            Ok(c) => panic!("accepted: {c:?}"),
            Err(e) => e.to_string(),
        }
    }

    fn os(s: &str) -> OsString {
        OsString::from(s)
    }

    #[test]
    fn empty_file_is_the_default_with_its_name() {
        let c = ok("");
        assert_eq!(c.file.as_deref(), Some(Path::new("/c/config.toml")));
        assert_eq!(Config { file: None, ..c }, Config::default());
    }

    #[test]
    fn the_documented_schema_parses() {
        let c = ok(r#"
toolchain = "~/sdk/go1.22.3"
goroot = "export"
gopath = "~/go"
gobin = "~/go/bin"
gotoolchain_local = true

[env]
GOPROXY = "https://proxy.golang.org,direct"
GOFLAGS = false
CGO_ENABLED = "0"

[path]
extra = ["~/go-tools/bin", "$TOOLS/bin"]
order = ["gobin", "toolchain"]

[doctor]
ignore = ["path-duplicates", "gopath-in-goroot2"]

[prompt]
format = "go{version}"
always = true
"#);
        assert_eq!(
            c.toolchain,
            Some(ToolchainPin::Root(PathBuf::from("/home/u/sdk/go1.22.3")))
        );
        assert_eq!(c.goroot, GorootPolicy::Export);
        assert_eq!(c.gopath, Some(os("/home/u/go")));
        assert_eq!(c.gobin, Some(os("/home/u/go/bin")));
        assert!(c.gotoolchain_local);
        assert_eq!(
            c.env,
            [
                (
                    "GOPROXY".to_string(),
                    EnvValue::Set(os("https://proxy.golang.org,direct"))
                ),
                ("GOFLAGS".to_string(), EnvValue::Unset),
                ("CGO_ENABLED".to_string(), EnvValue::Set(os("0"))),
            ]
        );
        assert_eq!(
            c.path_extra,
            [os("/home/u/go-tools/bin"), os("/opt/tools/bin")]
        );
        assert_eq!(
            c.path_order,
            [PathPart::Gobin, PathPart::Toolchain, PathPart::Extra]
        );
        assert_eq!(c.doctor_ignore, ["path-duplicates", "gopath-in-goroot2"]);
        assert_eq!(c.prompt_format.as_deref(), Some("go{version}"));
        assert!(c.prompt_always);
    }

    #[test]
    fn expansion_forms() {
        let c = ok(r#"gopath = "~/go:${TOOLS}/gp:~:${NOPE:-/d}:${EMPTY:-/e}"
[env]
A = "$$HOME is $HOME, $ alone, ${ unclosed"
B = "x${EMPTY}y"
C = "~user/x"
"#);
        assert_eq!(c.gopath, Some(os("/home/u/go:/opt/tools/gp:/home/u:/d:/e")));
        let v: Vec<_> = c.env.iter().map(|(_, v)| v.clone()).collect();
        assert_eq!(
            v,
            [
                EnvValue::Set(os("$HOME is /home/u, $ alone, ${ unclosed")),
                EnvValue::Set(os("xy")),
                EnvValue::Set(os("~user/x")),
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn expansion_keeps_non_utf8_bytes() {
        use std::os::unix::ffi::{OsStrExt, OsStringExt};
        let e = EnvSnapshot::new(
            vec![(os("HOME"), OsString::from_vec(b"/home/\xffu".to_vec()))],
            PathBuf::from("/"),
            Platform::UNIX,
        );
        let c = parse(Path::new("c"), "gobin = \"~/bin\"", &e).unwrap();
        assert_eq!(c.gobin.unwrap().as_bytes(), b"/home/\xffu/bin");
    }

    #[test]
    fn windows_expansion_and_absolute_paths() {
        let e = EnvSnapshot::from_pairs(
            &[("USERPROFILE", r"C:\Users\u"), ("LocalAppData", r"C:\L")],
            r"C:\w",
            Platform::WINDOWS,
        );
        let c = parse(
            Path::new("c"),
            r#"gopath = '~\go;$LOCALAPPDATA\gp'
gobin = '~\go\bin'
toolchain = 'C:\Program Files\Go'"#,
            &e,
        )
        .unwrap();
        assert_eq!(c.gopath, Some(os(r"C:\Users\u\go;C:\L\gp")));
        assert_eq!(c.gobin, Some(os(r"C:\Users\u\go\bin")));
        assert_eq!(
            c.toolchain,
            Some(ToolchainPin::Root(PathBuf::from(r"C:\Program Files\Go")))
        );
    }

    #[test]
    fn errors_say_where_and_what_was_expected() {
        assert_eq!(
            err("goroot = \"maybe\""),
            "/c/config.toml:1:10: invalid goroot \"maybe\"\n  expected: \"unset\", \"export\" or \"leave\""
        );
        assert_eq!(
            err("goroot = \"leave\"\n\nfoo = 1\n"),
            "/c/config.toml:3:1: unknown key `foo`\n  expected: one of `toolchain`, `goroot`, `gopath`, `gobin`, `gotoolchain_local`, `env`, `path`, `doctor`, `prompt`"
        );
        assert_eq!(
            err("[path]\n  extras = []\n"),
            "/c/config.toml:2:3: unknown key `extras`\n  expected: `extra` or `order`"
        );
        assert_eq!(
            err("[env]\nGOPROXY = \"direct\"\n\"GO PROXY\" = \"x\"\n"),
            "/c/config.toml:3:1: invalid variable name \"GO PROXY\" in [env]\n  expected: a variable name like GOPROXY (letters, digits and _)"
        );
        assert_eq!(
            err("[env]\nPath = \"/x\"\n"),
            "/c/config.toml:2:1: Path can't be set in [env]: goenv-hook manages it\n  expected: PATH entries in [path] extra, and another variable name here"
        );
        assert_eq!(
            err("[env]\nGOENV_HOOK_STATE = \"x\"\n"),
            "/c/config.toml:2:1: GOENV_HOOK_STATE can't be set in [env]: GOENV_HOOK_ variables are goenv-hook's own\n  expected: a variable name like GOPROXY"
        );
        assert_eq!(
            err("[env]\nGOFLAGS = true\n"),
            "/c/config.toml:2:11: invalid value: boolean `true`\n  expected: a string, or false to unset the variable"
        );
        assert_eq!(
            err("gobin = \"$GOBIN_BASE/bin\"\n"),
            "/c/config.toml:1:10: undefined variable GOBIN_BASE in \"$GOBIN_BASE/bin\"\n  expected: a variable set in the environment, or a default: ${GOBIN_BASE:-value}"
        );
        assert_eq!(
            err("[path]\nextra = [\"/a\", \"/b/${NOPE}/c\"]\n"),
            "/c/config.toml:2:20: undefined variable NOPE in \"/b/${NOPE}/c\"\n  expected: a variable set in the environment, or a default: ${NOPE:-value}"
        );
        assert_eq!(
            err("[path]\norder = [\"gobin\", \"extra\", \"gobin\"]\n"),
            "/c/config.toml:2:28: \"gobin\" appears twice in path.order\n  expected: \"toolchain\", \"gobin\" or \"extra\", each at most once"
        );
        assert_eq!(
            err("[path]\norder = [\"go\"]\n"),
            "/c/config.toml:2:10: unknown path.order part \"go\"\n  expected: \"toolchain\", \"gobin\" or \"extra\", each at most once"
        );
        assert_eq!(
            err("[doctor]\nignore = [\"Path_Duplicates\"]\n"),
            "/c/config.toml:2:11: invalid check id \"Path_Duplicates\" in doctor.ignore\n  expected: a check id in kebab-case, like \"path-duplicates\""
        );
        assert_eq!(
            err("toolchain = \"./go\"\n"),
            "/c/config.toml:1:13: toolchain directory \"./go\" is not an absolute path\n  expected: a Go version (1.22, 1.22.3, go1.22.3) or an absolute toolchain directory (~/sdk/go1.22.3)"
        );
        assert_eq!(
            err("gopath = \"/a:rel\"\n"),
            "/c/config.toml:1:14: gopath entry \"rel\" is not absolute (Go refuses relative GOPATH entries)\n  expected: absolute directories, like ~/go"
        );
        assert_eq!(
            err("gobin = \"bin\"\n"),
            "/c/config.toml:1:9: gobin \"bin\" is not an absolute path\n  expected: an absolute directory, like ~/go/bin"
        );
        assert_eq!(
            err("gotoolchain_local = \"yes\"\n"),
            "/c/config.toml:1:21: invalid type: string \"yes\"\n  expected: a boolean"
        );
        assert_eq!(
            err("path = \"x\"\n"),
            "/c/config.toml:1:8: invalid type: string \"x\"\n  expected: a table"
        );
        assert_eq!(
            err("gobin = \"/a\"\ngobin = \"/b\"\n"),
            "/c/config.toml:2:1: duplicate key `gobin`"
        );
        // Columns count characters, not bytes.
        assert_eq!(
            err("[prompt]\nformat = \"é\" ; x\n"),
            "/c/config.toml:2:14: unexpected key or value\n  expected: newline, `#`"
        );
    }

    /// What only `config check` and `doctor` know (check ids, toolchain
    /// roots), and the NUL every command refuses.
    #[test]
    fn strict_callers_and_nul() {
        let ids: &[&str] = &["path-duplicates", "go-not-found"];
        let is_root = |p: &std::path::Path| p == std::path::Path::new("/usr/lib/go-1.22");
        let known = Known {
            check_ids: Some(ids),
            is_toolchain_root: Some(&is_root),
        };
        let strict =
            |text: &str| parse_with(Path::new("/c/config.toml"), text, &env(), known).map(|_| ());
        assert_eq!(
            strict("[doctor]\nignore = [\"go-not-found\", \"pth\"]\n")
                .unwrap_err()
                .to_string(),
            "/c/config.toml:2:27: unknown check id \"pth\" in doctor.ignore\n  expected: one of the check ids:\n    path-duplicates go-not-found"
        );
        assert_eq!(
            strict("[env]\nGOROOT = \"/x\"\n").unwrap_err().to_string(),
            "/c/config.toml:2:10: GOROOT \"/x\" is not a Go toolchain directory (no bin/go and pkg/tool): every go command would fail\n  expected: a toolchain root, or no GOROOT here: goenv-hook finds the toolchain (toolchain = \"…\" pins one; goroot = \"export\" exports its root)"
        );
        assert!(strict("[env]\nGOROOT = \"/usr/lib/go-1.22\"\nGOPATH = \"/x\"\n").is_ok());
        // Without them (every other command), both pass.
        ok("[doctor]\nignore = [\"pth\"]\n[env]\nGOROOT = \"/x\"\n");
        assert_eq!(
            err("[env]\nA = \"x\\u0000y\"\n"),
            "/c/config.toml:2:5: env.A contains a NUL character\n  expected: text without NUL (\\u0000): no environment variable can hold one"
        );
        assert_eq!(
            err("gobin = \"/b${NUL}\"\n"),
            "/c/config.toml:1:9: gobin contains a NUL character\n  expected: text without NUL (\\u0000): no environment variable can hold one"
        );
    }

    #[test]
    fn tilde_without_home_is_an_error() {
        let e = EnvSnapshot::from_pairs(&[], "/", Platform::UNIX);
        let msg = parse(Path::new("c"), "\n gobin = \"~/bin\"", &e)
            .unwrap_err()
            .to_string();
        assert_eq!(
            msg,
            "c:2:11: cannot expand ~ in \"~/bin\": HOME is not set\n  expected: an absolute path, or ~ with the home directory set"
        );
    }

    #[test]
    fn location_rules() {
        // No fallback: the snapshot alone.
        let u = |pairs: &[(&str, &str)]| {
            location_with(
                &EnvSnapshot::from_pairs(pairs, "/w", Platform::UNIX),
                &|| None,
            )
        };
        assert_eq!(
            u(&[("GOENV_HOOK_CONFIG", "/x.toml"), ("HOME", "/h")]),
            Some(PathBuf::from("/x.toml"))
        );
        assert_eq!(
            u(&[("GOENV_HOOK_CONFIG", "x.toml")]),
            Some(PathBuf::from("/w/x.toml"))
        );
        assert_eq!(
            u(&[
                ("GOENV_HOOK_CONFIG", ""),
                ("XDG_CONFIG_HOME", "/xdg"),
                ("HOME", "/h")
            ]),
            Some(PathBuf::from("/xdg/goenv-hook/config.toml"))
        );
        assert_eq!(
            u(&[("XDG_CONFIG_HOME", "rel"), ("HOME", "/h")]),
            Some(PathBuf::from("/h/.config/goenv-hook/config.toml"))
        );
        assert_eq!(u(&[("XDG_CONFIG_HOME", "rel")]), None);
        // Without HOME (AppData), the fallback (`dirs`) gives the base.
        let fb = |pairs: &[(&str, &str)], p: Platform| {
            location_with(&EnvSnapshot::from_pairs(pairs, "/w", p), &|| {
                Some(OsString::from("/pw/.config"))
            })
        };
        assert_eq!(
            fb(&[("XDG_CONFIG_HOME", "rel")], Platform::UNIX),
            Some(PathBuf::from("/pw/.config/goenv-hook/config.toml"))
        );
        assert_eq!(
            fb(&[("HOME", "/h")], Platform::UNIX),
            Some(PathBuf::from("/h/.config/goenv-hook/config.toml"))
        );
        let w = EnvSnapshot::from_pairs(
            &[
                ("APPDATA", r"C:\Users\u\AppData\Roaming"),
                ("XDG_CONFIG_HOME", "/xdg"),
            ],
            r"C:\w",
            Platform::WINDOWS,
        );
        assert_eq!(
            location(&w),
            Some(PathBuf::from(
                r"C:\Users\u\AppData\Roaming\goenv-hook\config.toml"
            ))
        );
    }

    #[test]
    fn version_pins() {
        for v in ["1.22", "1.22.3", "go1.22.3", "1.21rc1"] {
            let c = ok(&format!("toolchain = \"{v}\""));
            match c.toolchain {
                Some(ToolchainPin::Version(g)) => {
                    assert_eq!(g.to_string(), v.trim_start_matches("go"))
                }
                other => panic!("{v}: {other:?}"),
            }
        }
        assert_eq!(
            err("toolchain = \"latest\""),
            "/c/config.toml:1:13: invalid toolchain \"latest\"\n  expected: a Go version (1.22, 1.22.3, go1.22.3) or an absolute toolchain directory (~/sdk/go1.22.3)"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        for text in [
            format!("gopath = {}", "[".repeat(100_000)),
            format!("gopath = {}", "{a=".repeat(100_000)),
            "[a.".repeat(50_000),
        ] {
            assert!(parse(Path::new("c"), &text, &env()).is_err());
        }
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics(text in "(?s).{0,300}") {
            let _ = parse(Path::new("c"), &text, &env());
        }

        #[test]
        fn parse_never_panics_on_toml_like_text(
            lines in proptest::collection::vec(
                "(\\[(env|path|doctor|prompt)\\]|(toolchain|gopath|gobin|goroot|A|PATH|extra|order|ignore|format)[ ]?=[ ]?(\"[~$a-z{}:/\\\\é-]{0,12}\"|\\[\"[a-z$~{}/-]{0,8}\"\\]|true|false|1))",
                0..8,
            )
        ) {
            let text = lines.join("\n");
            let _ = parse(Path::new("c"), &text, &env());
        }
    }
}
