//! `goenv-hook explain`: for each Go setting, the value `go` uses and every
//! layer of Go's lookup that was consulted (the environment, and the
//! start-up file line that probably exported it; the `go env -w` file's
//! line; `$GOROOT/go.env`; Go's default), and the `go` on PATH. Built from
//! facts (never by running `go`); text for people, JSON for tools.

use crate::facts::explain::ExplainFacts;
use crate::facts::startup::StartupReport;
use crate::facts::Facts;
use crate::go::settings::{self, Consulted, GoSide, LayerKind};
use crate::sys::platform::{lossy, path_lossy};
use serde::Serialize;
use std::ffi::OsStr;
use std::fmt::Write;
use std::path::Path;

/// What `explain` shows.
#[derive(Clone, Debug, Serialize)]
pub struct Explain {
    /// The directory explained (values are those `go` uses here).
    pub dir: String,
    /// The `go` on PATH (None when not asked for).
    pub go: Option<GoOnPath>,
    pub variables: Vec<Var>,
    /// The shell whose start-up files were searched for the lines that
    /// export a variable (`$SHELL`'s, or `--shell`).
    pub(crate) startup_shell: Option<crate::shell::Shell>,
}

/// One setting.
#[derive(Clone, Debug, Serialize)]
pub struct Var {
    pub name: &'static str,
    /// What `go env NAME` prints (None: can't be told; see `notes`).
    pub value: Option<String>,
    /// Every layer, in Go's order; the one with `used` decided the value.
    pub layers: Vec<LayerOut>,
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LayerOut {
    /// env, goenv-file, goroot-go-env, default
    pub layer: LayerKind,
    pub file: Option<String>,
    pub line: Option<usize>,
    /// What the layer holds (null: nothing).
    pub value: Option<String>,
    pub used: bool,
    pub note: String,
    /// For the environment: the start-up file lines that set the variable
    /// (the last one of each kind of shell start-up), and goenv-hook when
    /// its hook set it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) set_by: Vec<SetBy>,
}

/// A line that sets a variable (or puts a directory on PATH).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct SetBy {
    pub file: String,
    pub line: usize,
    /// The kinds of start-up that read it (`login`, `interactive`, `all`),
    /// or `goenv-hook` for its own hook.
    pub start: Vec<String>,
    pub text: String,
}

/// The `go` a shell runs here.
#[derive(Clone, Debug, Serialize)]
pub struct GoOnPath {
    /// The first usable `go` on PATH (null: none).
    pub path: Option<String>,
    /// Its PATH entry, as written, and the entry's index (0-based).
    pub dir: Option<String>,
    pub path_index: Option<usize>,
    /// The symlink hops from `path` to the binary.
    pub chain: Vec<String>,
    /// The executable as Go sees itself (`os.Executable`).
    pub exe: Option<String>,
    pub root: Option<String>,
    pub version: Option<String>,
    /// Where the version was read (buildinfo, VERSION, zbootstrap).
    pub version_from: Option<&'static str>,
    /// A version manager's shim that runs another install.
    pub shim: Option<String>,
    /// The entry is goenv-hook's (its managed block).
    pub(crate) managed_by_goenv_hook: bool,
    /// Start-up file lines that put the entry on PATH.
    pub(crate) set_by: Vec<SetBy>,
    /// `go` earlier on PATH that a shell skips, and why.
    pub skipped: Vec<Other>,
    /// `go` later on PATH, shadowed.
    pub shadowed: Vec<Other>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Other {
    pub path: String,
    pub note: String,
}

/// The names `explain` accepts: the settings, and `go` (or `PATH`) for the
/// go on PATH.
pub(crate) fn known_name(n: &str) -> bool {
    settings::EXPLAINED.contains(&n) || is_go(n)
}

fn is_go(n: &str) -> bool {
    matches!(n, "go" | "PATH")
}

/// The go Go's lookup is run for (the one on PATH), as [`GoSide`].
pub(crate) fn go_side<'a>(facts: &'a Facts, x: &'a ExplainFacts) -> GoSide<'a> {
    let hit = facts.running_go();
    let version = hit.and_then(|h| {
        h.toolchain
            .as_ref()
            .and_then(|t| t.version.as_ref())
            .or_else(|| h.loose.as_ref().and_then(|l| l.version.as_ref()))
    });
    GoSide {
        version,
        exe_root: x.exe_root.as_deref(),
        go_env: x.go_env.as_ref(),
        go_env_path: x.go_env_path.as_deref(),
    }
}

/// The report for `names` (all when empty), from the full facts.
pub fn build(facts: &Facts, x: &ExplainFacts, names: &[String]) -> Explain {
    let env = &facts.current;
    let go = go_side(facts, x);
    let file_path = crate::go::envfile::location(env);
    let startup = facts.full.startup.as_ref();
    let all = names.is_empty();
    let mut variables = Vec::new();
    for name in settings::EXPLAINED {
        if !all && !names.iter().any(|n| n == name) {
            continue;
        }
        let Some(e) = settings::explain(
            name,
            env,
            facts.goenv_file.as_ref(),
            file_path.as_deref(),
            &go,
        ) else {
            continue;
        };
        let mut layers: Vec<LayerOut> = e.layers.iter().map(layer_out).collect();
        if facts.goenv_file.is_none() && facts.goenv_file_present {
            if let Some(l) = layers.iter_mut().find(|l| l.layer == LayerKind::GoenvFile) {
                l.note = "there, but unreadable: Go skips it too".into();
            }
        }
        if let Some(l) = layers.iter_mut().find(|l| l.layer == LayerKind::Env) {
            if l.value.as_deref().is_some_and(|v| !v.is_empty()) {
                l.set_by = env_set_by(facts, startup, name);
            }
        }
        variables.push(Var {
            name: e.name,
            value: e.value.as_deref().map(lossy),
            layers,
            notes: e.notes,
        });
    }
    Explain {
        dir: path_lossy(&env.cwd),
        go: (all || names.iter().any(|n| is_go(n))).then(|| go_on_path(facts, x, startup)),
        variables,
        startup_shell: startup.map(|s| s.shell),
    }
}

fn layer_out(c: &Consulted) -> LayerOut {
    LayerOut {
        layer: c.kind,
        file: c.file.as_deref().map(path_lossy),
        line: c.line,
        value: c.value.as_deref().map(lossy),
        used: c.used,
        note: c.note.clone(),
        set_by: Vec::new(),
    }
}

/// The lines that set `name` in the environment: goenv-hook's hook (its
/// state records the variable), and in each kind of start-up of the
/// analysed shell the last line that assigns it.
fn env_set_by(facts: &Facts, startup: Option<&StartupReport>, name: &str) -> Vec<SetBy> {
    let p = facts.current.platform;
    let mut out = Vec::new();
    if let Some(st) = &facts.state {
        if let Some(r) = st.vars.iter().find(|r| r.name == name) {
            if r.now.as_deref() == facts.current.get(name) {
                out.push(SetBy {
                    file: String::new(),
                    line: 0,
                    start: vec!["goenv-hook".into()],
                    text: match &r.prev {
                        Some(v) => format!("goenv-hook's hook (it was {})", lossy(v)),
                        None => "goenv-hook's hook (it was unset)".into(),
                    },
                });
            }
        }
    }
    if let Some(s) = startup {
        collect(s, &mut out, |a_name, _text| {
            p.var_eq(OsStr::new(a_name), OsStr::new(name))
        });
    }
    out
}

/// For each trace (kind of start-up), the last matching assignment in the
/// files it reads, in reading order; one entry per line.
fn collect(s: &StartupReport, out: &mut Vec<SetBy>, matches: impl Fn(&str, &str) -> bool) {
    for t in &s.traces {
        let mut last: Option<(&Path, &crate::facts::startup::Assign)> = None;
        for f in &t.files {
            if let Some(sf) = s.file(f) {
                for a in &sf.assigns {
                    if matches(&a.name, &a.text) {
                        last = Some((f.as_path(), a));
                    }
                }
            }
        }
        if let Some((f, a)) = last {
            let file = path_lossy(f);
            match out.iter_mut().find(|x| x.file == file && x.line == a.line) {
                Some(x) => {
                    if !x.start.iter().any(|m| m == t.mode) {
                        x.start.push(t.mode.to_string());
                    }
                }
                None => out.push(SetBy {
                    file,
                    line: a.line,
                    start: vec![t.mode.to_string()],
                    text: a.text.clone(),
                }),
            }
        }
    }
}

/// A PATH line mentions `dir` (as written, or with the home directory
/// spelled `~`, `$HOME` or `${HOME}`).
fn mentions_dir(text: &str, dir: &str, home: Option<&str>) -> bool {
    let dir = dir.trim_end_matches('/');
    if dir.is_empty() {
        return false;
    }
    let mut spellings = vec![dir.to_string()];
    if let Some(h) = home
        .map(|h| h.trim_end_matches('/'))
        .filter(|h| !h.is_empty())
    {
        if let Some(rest) = dir.strip_prefix(h) {
            if rest.starts_with('/') {
                for pre in ["~", "$HOME", "${HOME}", "$env.HOME", "$env:HOME"] {
                    spellings.push(format!("{pre}{rest}"));
                }
            }
        }
    }
    spellings.iter().any(|s| {
        text.match_indices(s.as_str()).any(|(i, _)| {
            // Not a prefix of a longer directory name.
            let next = text[i + s.len()..].chars().next();
            !next.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
        })
    })
}

fn go_on_path(facts: &Facts, x: &ExplainFacts, startup: Option<&StartupReport>) -> GoOnPath {
    let hits = facts.current_hits();
    let running = facts.running_go();
    let idx = hits
        .iter()
        .position(|h| running.is_some_and(|r| std::ptr::eq(r, h)));
    let mut g = GoOnPath {
        path: None,
        dir: None,
        path_index: None,
        chain: Vec::new(),
        exe: x.exe.as_deref().map(path_lossy),
        root: None,
        version: None,
        version_from: None,
        shim: None,
        managed_by_goenv_hook: false,
        set_by: Vec::new(),
        skipped: Vec::new(),
        shadowed: Vec::new(),
    };
    for (i, h) in hits.iter().enumerate() {
        let version = h
            .toolchain
            .as_ref()
            .and_then(|t| t.version.as_ref())
            .map(|v| format!("go{v}"))
            .unwrap_or_else(|| "unknown version".into());
        match idx {
            Some(a) if i < a => g.skipped.push(Other {
                path: path_lossy(&h.path),
                note: h.problem.clone().unwrap_or_default(),
            }),
            Some(a) if i > a => g.shadowed.push(Other {
                path: path_lossy(&h.path),
                note: version,
            }),
            None => g.skipped.push(Other {
                path: path_lossy(&h.path),
                note: h.problem.clone().unwrap_or_default(),
            }),
            _ => {}
        }
    }
    let Some(h) = running else {
        return g;
    };
    g.path = Some(path_lossy(&h.path));
    g.dir = Some(lossy(&h.dir));
    g.path_index = Some(h.path_index);
    g.chain = h.chain.iter().skip(1).map(|c| path_lossy(c)).collect();
    if let Some(t) = &h.toolchain {
        g.root = Some(path_lossy(&t.root));
        g.version = t.version.as_ref().map(|v| format!("go{v}"));
        g.version_from = t.version_from;
    } else if let Some(v) = h.loose.as_ref().and_then(|l| l.version.as_ref()) {
        g.version = Some(format!("go{v}"));
        g.version_from = Some("buildinfo");
    }
    g.shim = h.shim.as_ref().map(|s| s.manager.to_string());
    let p = facts.current.platform;
    g.managed_by_goenv_hook = facts
        .state
        .as_ref()
        .is_some_and(|s| s.managed.iter().any(|m| p.path_eq(m, &h.dir)));
    if g.managed_by_goenv_hook {
        if let Some(s) = startup {
            for t in &s.traces {
                for e in &t.entries {
                    for l in &e.init_lines {
                        let file = path_lossy(&e.path);
                        match g.set_by.iter_mut().find(|x| x.file == file && x.line == *l) {
                            Some(x) => {
                                if !x.start.iter().any(|m| m == t.mode) {
                                    x.start.push(t.mode.to_string());
                                }
                            }
                            None => g.set_by.push(SetBy {
                                file,
                                line: *l,
                                start: vec![t.mode.to_string()],
                                text: "goenv-hook's init line".into(),
                            }),
                        }
                    }
                }
            }
        }
    } else if let Some(s) = startup {
        let dir = lossy(&h.dir);
        let home = facts.current.get_nonempty("HOME").map(lossy);
        collect(s, &mut g.set_by, |name, text| {
            p.var_eq(OsStr::new(name), OsStr::new("PATH"))
                && mentions_dir(text, &dir, home.as_deref())
        });
    }
    g
}

fn show(v: &str) -> String {
    if v.is_empty() {
        "\"\"".into()
    } else {
        v.to_string()
    }
}

fn layer_name(k: LayerKind) -> &'static str {
    match k {
        LayerKind::Env => "environment",
        LayerKind::GoenvFile => "go env -w file",
        LayerKind::GorootGoEnv => "$GOROOT/go.env",
        LayerKind::Default => "default",
    }
}

fn set_by_text(s: &SetBy) -> String {
    if s.start.iter().any(|m| m == "goenv-hook") {
        return s.text.clone();
    }
    format!("{}:{} ({}): {}", s.file, s.line, s.start.join(", "), s.text)
}

/// The report as text: per setting its value, then each layer (`*` marks
/// the one that decided), then the go on PATH.
pub fn text(e: &Explain) -> String {
    let mut o = String::new();
    if let Some(g) = &e.go {
        match &g.path {
            Some(p) => {
                let _ = writeln!(o, "go (the first usable go on PATH) = {p}");
                if let (Some(d), Some(i)) = (&g.dir, g.path_index) {
                    let _ = writeln!(o, "    PATH entry {}: {d}", i + 1);
                }
                for c in &g.chain {
                    let _ = writeln!(o, "    -> {c}");
                }
                if let Some(s) = &g.shim {
                    let _ = writeln!(o, "    a {s} shim");
                }
                match (&g.version, &g.root) {
                    (Some(v), Some(r)) => {
                        let from = g
                            .version_from
                            .map(|f| format!(" (from {f})"))
                            .unwrap_or_default();
                        let _ = writeln!(o, "    {v}{from}, Go root {r}");
                    }
                    (Some(v), None) => {
                        let _ = writeln!(o, "    {v}, not inside a Go root");
                    }
                    _ => {
                        let _ = writeln!(o, "    version unknown");
                    }
                }
                if g.managed_by_goenv_hook {
                    let _ = writeln!(o, "    put on PATH by goenv-hook (its managed block)");
                }
                for s in &g.set_by {
                    let _ = writeln!(o, "    set by {}", set_by_text(s));
                }
                for s in &g.skipped {
                    let _ = writeln!(o, "    skipped {} ({})", s.path, s.note);
                }
                for s in &g.shadowed {
                    let _ = writeln!(o, "    shadows {} ({})", s.path, s.note);
                }
            }
            None => {
                let _ = writeln!(o, "go (the first usable go on PATH): none");
                for s in &g.skipped {
                    let _ = writeln!(o, "    skipped {} ({})", s.path, s.note);
                }
            }
        }
        o.push('\n');
    }
    for v in &e.variables {
        let value = match &v.value {
            Some(x) => show(x),
            None => "unknown".into(),
        };
        let _ = writeln!(o, "{} = {value}", v.name);
        for (i, l) in v.layers.iter().enumerate() {
            let mark = if l.used { '*' } else { ' ' };
            let mut what = String::new();
            if let Some(f) = &l.file {
                what.push_str(f);
                if let Some(n) = l.line {
                    let _ = write!(what, ":{n}");
                }
                what.push_str(": ");
            }
            match &l.value {
                Some(x) if l.note.is_empty() => what.push_str(&show(x)),
                Some(x) => {
                    let _ = write!(what, "{} ({})", show(x), l.note);
                }
                None => what.push_str(&l.note),
            }
            let _ = writeln!(o, "  {mark} {} {:<15} {what}", i + 1, layer_name(l.layer));
            for s in &l.set_by {
                let _ = writeln!(o, "        set by {}", set_by_text(s));
            }
        }
        for n in &v.notes {
            let _ = writeln!(o, "  note: {n}");
        }
        o.push('\n');
    }
    if e.go.is_none() && e.variables.is_empty() {
        o.push_str("nothing to explain\n");
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dir_mentions() {
        assert!(mentions_dir(
            "export PATH=/usr/lib/go-1.21/bin:$PATH",
            "/usr/lib/go-1.21/bin",
            None
        ));
        assert!(!mentions_dir(
            "export PATH=/usr/lib/go-1.21/bin2:$PATH",
            "/usr/lib/go-1.21/bin",
            None
        ));
        assert!(mentions_dir(
            "export PATH=\"$HOME/sdk/go/bin:$PATH\"",
            "/home/u/sdk/go/bin",
            Some("/home/u")
        ));
        assert!(mentions_dir(
            "fish_add_path ~/sdk/go/bin",
            "/home/u/sdk/go/bin/",
            Some("/home/u/")
        ));
        assert!(!mentions_dir("x", "", None));
    }
}
