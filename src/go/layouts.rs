//! Where Go toolchains are installed (go-env-facts.md §7): the one table of
//! install layouts. Discovery (which directories the probe lists), the
//! classification of a root by its path (`which`'s and `toolchains`'
//! "source"), and version-manager shim detection all read it. Pure: the
//! probe does the listing.

use crate::go::gover::GoVersion;
use crate::sys::env::EnvSnapshot;
use crate::sys::platform::Platform;
use std::path::{Path, PathBuf};

/// Where an install came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    Debian,
    Tarball,
    GolangDl,
    GoToolchainDownload,
    Homebrew,
    MacPorts,
    Snap,
    Nix,
    Goenv,
    Gvm,
    Asdf,
    Mise,
    G,
    Gobrew,
    Goup,
    Scoop,
    WindowsMsi,
    Distro,
    Unknown,
}

/// A tool that keeps Go installs under a directory of its own.
#[derive(Debug)]
pub struct Manager {
    pub source: Source,
    /// Its name, as a shim's manager is named.
    pub name: &'static str,
    /// The variable that moves its directory, if any.
    var: Option<&'static str>,
    /// Its directory under the home directory by default.
    home_dir: &'static str,
    /// Under its directory, the directory holding one entry per version
    /// (`""`: its directory itself), the prefix of those entries' names,
    /// and where the Go root sits inside each entry (`""`: the entry).
    pub versions: &'static str,
    pub prefix: &'static str,
    pub(crate) tails: &'static [&'static str],
    /// Roots at fixed places under its directory (a `current` link).
    pub fixed: &'static [&'static str],
    /// It puts a `shims` directory on PATH.
    pub shims: bool,
    /// Under its directory, where its own command (named `name`) is, for
    /// PATH (`~/.asdf/bin`); empty when it is installed elsewhere.
    pub bins: &'static [&'static str],
    /// The layout's signature in a path under any root (another HOME, a
    /// custom data directory), for classification.
    pattern: Option<&'static str>,
}

/// Every version manager goenv-hook knows (mise's directory is special:
/// see [`Layout::new`]).
pub(crate) const MANAGERS: &[Manager] = &[
    Manager {
        source: Source::Asdf,
        name: "asdf",
        var: Some("ASDF_DATA_DIR"),
        home_dir: ".asdf",
        versions: "installs/golang",
        prefix: "",
        tails: &["go"],
        fixed: &[],
        shims: true,
        bins: &["bin"],
        pattern: Some("/.asdf/installs/golang/"),
    },
    Manager {
        source: Source::Mise,
        name: "mise",
        var: Some("MISE_DATA_DIR"),
        home_dir: ".local/share/mise",
        versions: "installs/go",
        prefix: "",
        tails: &["", "go"],
        fixed: &[],
        shims: true,
        bins: &[],
        pattern: Some("/mise/installs/go/"),
    },
    Manager {
        source: Source::Goenv,
        name: "goenv",
        var: Some("GOENV_ROOT"),
        home_dir: ".goenv",
        versions: "versions",
        prefix: "",
        tails: &[""],
        fixed: &[],
        shims: true,
        bins: &["bin"],
        pattern: Some("/.goenv/versions/"),
    },
    Manager {
        source: Source::Gvm,
        name: "gvm",
        var: Some("GVM_ROOT"),
        home_dir: ".gvm",
        versions: "gos",
        prefix: "",
        tails: &[""],
        fixed: &[],
        shims: false,
        bins: &["bin"],
        pattern: Some("/.gvm/gos/"),
    },
    Manager {
        source: Source::G,
        name: "g",
        var: Some("G_HOME"),
        home_dir: ".g",
        versions: "versions",
        prefix: "",
        tails: &["", "go"],
        fixed: &["go"],
        shims: false,
        bins: &["bin"],
        pattern: Some("/.g/versions/"),
    },
    Manager {
        source: Source::Gobrew,
        name: "gobrew",
        var: None,
        home_dir: ".gobrew",
        versions: "versions",
        prefix: "",
        tails: &["go"],
        fixed: &["current/go"],
        shims: false,
        bins: &["bin"],
        pattern: Some("/.gobrew/versions/"),
    },
    Manager {
        source: Source::Goup,
        name: "goup",
        var: None,
        home_dir: ".go",
        versions: "",
        prefix: "go",
        tails: &[""],
        fixed: &["current"],
        shims: false,
        bins: &["bin"],
        pattern: None,
    },
    Manager {
        source: Source::Scoop,
        name: "scoop",
        var: Some("SCOOP"),
        home_dir: "scoop",
        versions: "apps/go",
        prefix: "",
        tails: &[""],
        fixed: &[],
        shims: true,
        bins: &[],
        pattern: Some("/scoop/apps/go/"),
    },
];

/// What a version manager's directory on PATH is to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum DirRole {
    /// Its `shims` directory.
    Shims,
    /// Its own command's directory (`~/.asdf/bin`, `~/.gvm/bin`, …).
    Bin,
    /// The `bin` of a Go it installed (`~/.gvm/gos/go1.22/bin`).
    Install,
}

/// Homebrew's prefixes (Apple silicon, Intel macOS, Linuxbrew).
const BREW_PREFIXES: &[&str] = &["/opt/homebrew", "/usr/local", "/home/linuxbrew/.linuxbrew"];

/// A place to look for Go roots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    /// This directory may be a root.
    Root(PathBuf),
    /// Every entry of `dir` whose name starts with `prefix` (`""`: any),
    /// joined with each of `tails`, may be a root.
    Children {
        dir: PathBuf,
        prefix: &'static str,
        tails: &'static [&'static str],
    },
    /// Every entry of `dir` whose name starts with `prefix` is a directory
    /// of versions: each of its entries joined with each of `tails`.
    Grandchildren {
        dir: PathBuf,
        prefix: &'static str,
        tails: &'static [&'static str],
    },
}

/// The install layouts of one environment (the managers' directories as
/// their variables and the home directory place them).
#[derive(Clone, Debug)]
pub(crate) struct Layout {
    plat: Platform,
    pub home: Option<PathBuf>,
    /// Each manager's directory (None: no home and no variable).
    bases: Vec<(&'static Manager, Option<PathBuf>)>,
    /// What [`Layout::classify`] compares with, normalized once (it runs
    /// for every install a prompt's discovery finds): each manager's
    /// versions directory and fixed roots' top directories, and `~/sdk`.
    owned: Vec<(Source, String, Vec<String>)>,
    sdk: Option<String>,
}

impl Layout {
    pub fn new(env: &EnvSnapshot) -> Layout {
        let home = env.home();
        let var = |k: &str| env.get_nonempty(k).map(PathBuf::from);
        let bases = MANAGERS
            .iter()
            .map(|m| {
                let mut base = m.var.and_then(var);
                if base.is_none() && m.source == Source::Mise {
                    base = if env.platform.is_windows() {
                        var("LOCALAPPDATA").map(|d| d.join("mise"))
                    } else {
                        var("XDG_DATA_HOME").map(|d| d.join("mise"))
                    };
                }
                let base = base.or_else(|| home.as_ref().map(|h| h.join(m.home_dir)));
                (m, base)
            })
            .collect::<Vec<(&'static Manager, Option<PathBuf>)>>();
        let plat = env.platform;
        let n = |b: &Path, rel: &str| norm(&b.join(rel), plat);
        let owned = bases
            .iter()
            .filter_map(|(m, b)| {
                let b = b.as_ref()?;
                // A fixed root's top directory (gobrew's `current`), and
                // what is under it.
                let tops = m
                    .fixed
                    .iter()
                    .map(|f| n(b, f.split('/').next().unwrap_or(f)))
                    .collect();
                Some((m.source, n(b, m.versions), tops))
            })
            .collect();
        let sdk = home.as_ref().map(|h| n(h, "sdk"));
        Layout {
            plat,
            home,
            bases,
            owned,
            sdk,
        }
    }

    /// A manager's directory.
    pub fn base(&self, source: Source) -> Option<&Path> {
        self.bases
            .iter()
            .find(|(m, _)| m.source == source)
            .and_then(|(_, b)| b.as_deref())
    }

    /// The managers' `shims` directories, with the manager's name.
    pub(crate) fn shim_dirs(&self) -> Vec<(PathBuf, &'static str)> {
        self.bases
            .iter()
            .filter(|(m, _)| m.shims)
            .filter_map(|(m, b)| Some((b.as_ref()?.join("shims"), m.name)))
            .collect()
    }

    /// Every place to look for installs, in order. `env` gives the
    /// locations some platforms move (`ProgramFiles`, `SystemDrive`,
    /// `USER`); `modcache` is the module cache, where `GOTOOLCHAIN`
    /// downloads land.
    pub(crate) fn places(&self, env: &EnvSnapshot, modcache: Option<&Path>) -> Vec<Place> {
        let mut out = Vec::new();
        let root = |p: PathBuf| Place::Root(p);
        if !self.plat.is_windows() {
            out.push(Place::Children {
                dir: "/usr/lib".into(),
                prefix: "go-1.",
                tails: &[""],
            });
            for p in [
                "/usr/local/go",
                "/usr/lib/go",
                "/usr/lib/golang",
                "/snap/go/current",
                "/opt/local/lib/go",
            ] {
                out.push(root(p.into()));
            }
            for prefix in BREW_PREFIXES {
                let p = Path::new(prefix);
                out.push(Place::Children {
                    dir: p.join("Cellar/go"),
                    prefix: "",
                    tails: &["libexec"],
                });
                out.push(root(p.join("opt/go/libexec")));
            }
            // go@1.NN kegs: Cellar/go@1.NN/<v>/libexec
            for prefix in BREW_PREFIXES {
                out.push(Place::Grandchildren {
                    dir: Path::new(prefix).join("Cellar"),
                    prefix: "go@",
                    tails: &["libexec"],
                });
            }
            if let Some(h) = &self.home {
                out.push(root(h.join(".nix-profile/share/go")));
            }
            out.push(root("/run/current-system/sw/share/go".into()));
            if let Some(u) = env.get_nonempty("USER").and_then(|u| u.to_str()) {
                out.push(root(format!("/etc/profiles/per-user/{u}/share/go").into()));
            }
        } else {
            let pf = env
                .get_nonempty("ProgramFiles")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(r"C:\Program Files"));
            let pf86 = env
                .get_nonempty("ProgramFiles(x86)")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(r"C:\Program Files (x86)"));
            let drive = env
                .get_nonempty("SystemDrive")
                .and_then(|d| d.to_str())
                .unwrap_or("C:")
                .to_string();
            out.push(root(pf.join("Go")));
            out.push(root(pf86.join("Go")));
            out.push(root(PathBuf::from(format!(r"{drive}\Go"))));
            out.push(root(PathBuf::from(format!(r"{drive}\tools\go"))));
        }
        if let Some(h) = &self.home {
            out.push(Place::Children {
                dir: h.join("sdk"),
                prefix: "go",
                tails: &[""],
            });
            out.push(root(h.join("go")));
        }
        for (m, base) in &self.bases {
            let Some(b) = base else { continue };
            out.push(Place::Children {
                dir: join_rel(b, m.versions),
                prefix: m.prefix,
                tails: m.tails,
            });
            for f in m.fixed {
                out.push(root(join_rel(b, f)));
            }
        }
        if let Some(m) = modcache {
            out.push(Place::Children {
                dir: m.join("golang.org"),
                prefix: "toolchain@v0.0.1-go",
                tails: &[""],
            });
        }
        out
    }

    /// Where an install came from, judged from its path as given (the probe
    /// tries its canonical spelling when this says little).
    pub(crate) fn classify(&self, root: &Path) -> Source {
        let s = norm(root, self.plat);
        let s = s.as_str();
        if s.contains("/golang.org/toolchain@v0.0.1-go") {
            return Source::GoToolchainDownload;
        }
        if s.starts_with("/nix/store/") {
            return Source::Nix;
        }
        if under(s, "/snap/go") {
            return Source::Snap;
        }
        if s.contains("/cellar/go/")
            || s.contains("/cellar/go@")
            || s.contains("/Cellar/go/")
            || s.contains("/Cellar/go@")
        {
            return Source::Homebrew;
        }
        for prefix in BREW_PREFIXES {
            if let Some(r) = s.strip_prefix(prefix) {
                if r.starts_with("/opt/go/") || r == "/opt/go" || r.starts_with("/opt/go@") {
                    return Source::Homebrew;
                }
            }
        }
        if under(s, "/opt/local/lib/go") {
            return Source::MacPorts;
        }
        for (source, versions, tops) in &self.owned {
            if under(s, versions) && s.len() > versions.len() {
                return *source;
            }
            if tops.iter().any(|top| under(s, top)) {
                return *source;
            }
        }
        if let Some(sdk) = &self.sdk {
            if under(s, sdk) && s.len() > sdk.len() {
                return Source::GolangDl;
            }
        }
        // The same layouts under other roots (a different HOME, a custom
        // data directory).
        for m in MANAGERS {
            if m.pattern.is_some_and(|p| s.contains(p)) {
                return m.source;
            }
        }
        if self.plat.is_windows() {
            // Any drive: `C:\Program Files\Go`, `…(x86)\Go`, old `C:\Go`.
            let b = s.as_bytes();
            if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
                let rest = &s[2..];
                if ["/program files/go", "/program files (x86)/go", "/go"].contains(&rest) {
                    return Source::WindowsMsi;
                }
            }
        }
        if let Some(minor) = s.strip_prefix("/usr/lib/go-") {
            if GoVersion::parse(minor).is_some() {
                return Source::Debian;
            }
        }
        if s == "/usr/local/go" {
            return Source::Tarball;
        }
        if s == "/usr/lib/golang" || s == "/usr/lib/go" {
            return Source::Distro;
        }
        Source::Unknown
    }

    /// The version manager a PATH directory belongs to, and what it is
    /// there: its `shims` directory, the directory of its own command, or
    /// the `bin` of a Go it installed (compared as normalized paths; the
    /// probe also tries the canonical spelling, and looks inside).
    pub(crate) fn manager_dir(&self, dir: &Path) -> Option<(&'static Manager, DirRole)> {
        let d = norm(dir, self.plat);
        for (m, base) in &self.bases {
            let Some(b) = base else { continue };
            if m.shims && norm(&b.join("shims"), self.plat) == d {
                return Some((m, DirRole::Shims));
            }
            if m.bins.iter().any(|x| norm(&b.join(x), self.plat) == d) {
                return Some((m, DirRole::Bin));
            }
        }
        let (parent, name) = (dir.parent()?, dir.file_name()?);
        let bin = if self.plat.is_windows() {
            name.eq_ignore_ascii_case("bin")
        } else {
            name == "bin"
        };
        if !bin {
            return None;
        }
        let src = self.classify(parent);
        MANAGERS
            .iter()
            .find(|m| m.source == src)
            .map(|m| (m, DirRole::Install))
    }

    /// The manager whose `shims` directory `dir` is (compared as
    /// normalized paths; the probe also tries the canonical spelling).
    pub(crate) fn shim_manager(&self, dir: &Path) -> Option<&'static str> {
        let d = norm(dir, self.plat);
        self.shim_dirs()
            .into_iter()
            .find(|(s, _)| norm(s, self.plat) == d)
            .map(|(_, m)| m)
    }
}

/// `base` joined with a relative path written with `/` (`apps/go`), one
/// component at a time, so each gets the platform's separator (on Windows
/// `…\scoop\apps\go`, as scoop and Go spell it, not `…\scoop\apps/go`).
fn join_rel(base: &Path, rel: &str) -> PathBuf {
    let mut p = base.to_path_buf();
    p.extend(rel.split('/').filter(|c| !c.is_empty()));
    p
}

/// A path as a string for pattern matching: `/` separators, and on Windows
/// ASCII-lowercased. No trailing separator.
fn norm(p: &Path, plat: Platform) -> String {
    let mut s = p.to_string_lossy().into_owned();
    if plat.is_windows() {
        s = s.replace('\\', "/").to_ascii_lowercase();
    }
    while s.len() > 1 && s.ends_with('/') {
        s.pop();
    }
    s
}

/// `s` is `dir` or below it (both from [`norm`]).
fn under(s: &str, dir: &str) -> bool {
    !dir.is_empty()
        && s.strip_prefix(dir)
            .is_some_and(|r| r.is_empty() || r.starts_with('/') || dir.ends_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg_attr(
        windows,
        ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
    )]
    fn manager_dirs_of_every_manager() {
        let env = EnvSnapshot::from_pairs(&[("HOME", "/h")], "/", Platform::UNIX);
        let l = Layout::new(&env);
        let cases: &[(&str, Option<(&str, DirRole)>)] = &[
            ("/h/.asdf/shims", Some(("asdf", DirRole::Shims))),
            ("/h/.asdf/bin", Some(("asdf", DirRole::Bin))),
            (
                "/h/.asdf/installs/golang/1.22.3/go/bin",
                Some(("asdf", DirRole::Install)),
            ),
            ("/h/.local/share/mise/shims", Some(("mise", DirRole::Shims))),
            (
                "/h/.local/share/mise/installs/go/1.23.5/bin",
                Some(("mise", DirRole::Install)),
            ),
            ("/h/.goenv/shims/", Some(("goenv", DirRole::Shims))),
            ("/h/.goenv/bin", Some(("goenv", DirRole::Bin))),
            ("/h/.gvm/bin", Some(("gvm", DirRole::Bin))),
            ("/h/.gvm/gos/go1.22/bin", Some(("gvm", DirRole::Install))),
            ("/h/.g/bin", Some(("g", DirRole::Bin))),
            ("/h/.g/go/bin", Some(("g", DirRole::Install))),
            ("/h/.gobrew/bin", Some(("gobrew", DirRole::Bin))),
            ("/h/.gobrew/current/bin", Some(("gobrew", DirRole::Install))),
            ("/h/.go/bin", Some(("goup", DirRole::Bin))),
            ("/h/.go/current/bin", Some(("goup", DirRole::Install))),
            ("/h/.go/go1.22.3/bin", Some(("goup", DirRole::Install))),
            ("/h/go/bin", None),
            ("/usr/lib/go-1.22/bin", None),
            ("/usr/local/go/bin", None),
            ("/h/.asdf/installs/golang/1.22.3/go/src", None),
        ];
        for (dir, want) in cases {
            let got = l.manager_dir(Path::new(dir)).map(|(m, r)| (m.name, r));
            assert_eq!(got, *want, "{dir}");
        }
        // goup's versions are listed as installs
        assert!(l.places(&env, None).contains(&Place::Children {
            dir: "/h/.go".into(),
            prefix: "go",
            tails: &[""],
        }));
    }
}
