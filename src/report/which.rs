//! `goenv-hook which` and `goenv-hook toolchains`: what is on PATH, what is
//! installed, and what goenv-hook chooses. Text for people, JSON for tools.

use crate::facts::toolchain::{GoHit, Toolchain};
use crate::go::decide::{Decision, Fate, Module, Run};
use crate::plan::Rule;
use crate::plan::Session;
use serde::Serialize;
use std::fmt::Write;

#[derive(Serialize)]
pub struct Which<'a> {
    /// A project file the selection skipped, and why.
    pub skipped: Option<String>,
    /// Every `go` on the current PATH, in order; the first usable one runs.
    pub hits: &'a [GoHit],
    /// Index into `hits` of the one that runs.
    pub active: Option<usize>,
    /// What goenv-hook selects for this directory, and why.
    pub selected: Option<&'a Toolchain>,
    pub rule: Rule,
    pub request: Option<&'a crate::plan::Request>,
    pub unsatisfied: bool,
    /// What a go command does in this directory (the toolchain decision);
    /// None: no `go` of known version runs.
    pub go: Option<GoRuns>,
}

/// What a go command does in the directory, from the toolchain decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GoRuns {
    /// `local` (the go on PATH runs the command), `path` (it runs a
    /// `go1.X.Y` found on PATH), `modcache` (a toolchain already in the
    /// module cache), `download` (one it downloads first), `fail` (every go
    /// command stops), `unknown`.
    pub runs: &'static str,
    /// The toolchain that runs, or that go wants (`go1.23.5`).
    pub toolchain: String,
    /// The executable (`path`) or directory (`modcache`).
    pub path: Option<String>,
    /// For `modcache` and `download`: `succeeds`, `needs-network` (what go
    /// fetches first is `url`) or `fails`.
    pub download: Option<&'static str>,
    pub url: Option<String>,
    /// go's message when it stops (`fail`, or a download that fails).
    pub error: Option<String>,
    /// What a module-aware command (`go build`, `go list -m`) then does:
    /// `ok`, `no-module`, `modules-off`, `fail`, `unknown`, `not-reached`.
    pub module: &'static str,
    pub(crate) module_error: Option<String>,
}

/// [`GoRuns`] of a decision.
pub(crate) fn go_runs(d: &Decision) -> GoRuns {
    let fate = |f: &Fate| match f {
        Fate::Succeeds => ("succeeds", None, None),
        Fate::NeedsNetwork { url } => ("needs-network", Some(url.clone()), None),
        Fate::Fails { error } => ("fails", None, Some(error.message.clone())),
    };
    let mut g = GoRuns {
        runs: "local",
        toolchain: d.want.clone(),
        path: None,
        download: None,
        url: None,
        error: None,
        module: match &d.module {
            Module::Ok => "ok",
            Module::NoModule => "no-module",
            Module::ModulesOff => "modules-off",
            Module::Fail { .. } => "fail",
            Module::Unknown { .. } => "unknown",
            Module::NotReached => "not-reached",
        },
        module_error: match &d.module {
            Module::Fail { error } => Some(error.message.clone()),
            _ => None,
        },
    };
    match &d.run {
        Run::Local => {}
        Run::Path { exe, .. } => {
            g.runs = "path";
            g.path = Some(exe.to_string_lossy().into_owned());
        }
        Run::ModCache { dir, fate: f, .. } => {
            g.runs = "modcache";
            g.path = Some(dir.to_string_lossy().into_owned());
            (g.download, g.url, g.error) = {
                let (a, b, c) = fate(f);
                (Some(a), b, c)
            };
        }
        Run::Download { fate: f, .. } => {
            g.runs = "download";
            (g.download, g.url, g.error) = {
                let (a, b, c) = fate(f);
                (Some(a), b, c)
            };
        }
        Run::Fail { error } => {
            g.runs = "fail";
            g.error = Some(error.message.clone());
        }
        Run::Unknown { .. } => g.runs = "unknown",
    }
    g
}

/// [`GoRuns`] in one line.
fn go_runs_text(g: &GoRuns) -> String {
    let t = &g.toolchain;
    let mut s = match (g.runs, g.download) {
        ("local", _) => format!("go runs the command itself ({t})"),
        ("path", _) => format!(
            "go switches to {t} on PATH ({})",
            g.path.as_deref().unwrap_or("")
        ),
        ("modcache", Some("succeeds")) => format!("go runs {t} from the module cache"),
        ("modcache", Some("needs-network")) => format!(
            "go runs {t} from the module cache after verifying it online ({})",
            g.url.as_deref().unwrap_or("")
        ),
        ("download", Some("succeeds")) => {
            format!("go downloads {t} (from a file:// proxy) and runs it")
        }
        ("download", Some("needs-network")) => format!(
            "go downloads {t} from {} and runs it (fails offline)",
            g.url.as_deref().unwrap_or("")
        ),
        ("modcache" | "download", _) => format!("go wants {t}, and getting it fails"),
        ("fail", _) => "every go command fails".to_string(),
        _ => format!("go wants {t}"),
    };
    if let Some(e) = &g.error {
        s.push_str(&format!(": {}", e.replace('\n', " ")));
    } else if let Some(e) = &g.module_error {
        s.push_str(&format!("; module commands fail: {}", e.replace('\n', " ")));
    }
    s
}

/// A project file the selection skipped because it holds no version.
fn skipped_note(s: &Session) -> Option<String> {
    let f = s.facts.project.go_version_file.as_ref()?;
    match &f.go {
        Some(l) if crate::go::request::parse_request_version(&l.value).is_none() => Some(format!(
            "{}:{}: '{}' is not a Go version, so it was skipped",
            f.path.display(),
            l.line,
            l.value
        )),
        None => Some(format!(
            "{}: holds no version, so it was skipped",
            f.path.display()
        )),
        _ => None,
    }
}

pub fn which(s: &Session) -> Which<'_> {
    let hits = s.facts.current_hits();
    let running = s.facts.running_go();
    let active = hits
        .iter()
        .position(|h| running.is_some_and(|r| std::ptr::eq(r, h)));
    Which {
        skipped: skipped_note(s),
        hits,
        active,
        selected: s.plan.toolchain.as_ref(),
        rule: s.plan.rule,
        request: s.plan.request.as_ref(),
        unsatisfied: s.plan.unsatisfied,
        go: s.facts.gomodel.now.as_ref().map(go_runs),
    }
}

fn version_text(t: &Toolchain) -> String {
    match (&t.version, t.version_from) {
        (Some(v), Some(from)) => format!("go{v} (from {from})"),
        (Some(v), None) => format!("go{v}"),
        _ => "unknown version".into(),
    }
}

fn source_name(t: &Toolchain) -> String {
    crate::sys::ser::name(&t.source)
}

pub(crate) fn which_text(w: &Which<'_>) -> String {
    let mut o = String::new();
    if w.hits.is_empty() {
        o.push_str("no go on PATH\n");
    } else {
        o.push_str("go on PATH (the first usable one runs):\n");
    }
    for (i, h) in w.hits.iter().enumerate() {
        let mark = if Some(i) == w.active { "*" } else { " " };
        let note = match (Some(i) == w.active, w.active) {
            (true, _) => "  <- runs",
            (false, Some(a)) if a < i => "  (shadowed)",
            _ => "",
        };
        let _ = writeln!(o, "{mark} {}. {}{note}", i + 1, h.path.display());
        for hop in h.chain.iter().skip(1) {
            let _ = writeln!(o, "       -> {}", hop.display());
        }
        if let Some(p) = &h.problem {
            let _ = writeln!(o, "     problem  {p}");
        }
        if let Some(sh) = &h.shim {
            let to = sh
                .resolves_to
                .as_ref()
                .map(|r| r.display().to_string())
                .unwrap_or_else(|| "unknown".into());
            let _ = writeln!(o, "     shim     {} (resolves to {to})", sh.manager);
        }
        if let Some(t) = &h.toolchain {
            let _ = writeln!(o, "     root     {}", t.root.display());
            let _ = writeln!(o, "     version  {}", version_text(t));
            let _ = writeln!(o, "     source   {}", source_name(t));
        } else if h.problem.is_none() && h.shim.is_none() {
            let _ = writeln!(
                o,
                "     not inside a Go toolchain tree (no pkg/tool two levels up)"
            );
        }
    }
    match w.selected {
        Some(t) => {
            let why = match (w.rule, w.request) {
                (Rule::Default, _) => {
                    "default: the first go on PATH, else the newest install".to_string()
                }
                (r, Some(req)) => {
                    let at = match (&req.file, req.line) {
                        (Some(f), Some(l)) => format!(" ({}:{l})", f.display()),
                        (Some(f), None) => format!(" ({})", f.display()),
                        _ => String::new(),
                    };
                    format!("{}{at}", rule_text(r))
                }
                (r, None) => rule_text(r).to_string(),
            };
            let _ = writeln!(
                o,
                "\ngoenv-hook selects {} at {}\n  because: {why}",
                version_text(t),
                t.root.display()
            );
            if let Some(sk) = &w.skipped {
                let _ = writeln!(o, "  note: {sk}");
            }
            if w.unsatisfied {
                if let Some(req) = w.request {
                    let want = match &req.want {
                        crate::plan::Want::Version(v) => format!("go{v}"),
                        crate::plan::Want::Root(r) => r.display().to_string(),
                    };
                    let _ = writeln!(
                        o,
                        "  note: {} asks for {want}, which is not installed",
                        rule_text(req.rule)
                    );
                }
            }
        }
        None => o.push_str("\ngoenv-hook found no Go toolchain (see `goenv-hook toolchains`)\n"),
    }
    if let Some(g) = &w.go {
        let _ = writeln!(o, "\nin this directory: {}", go_runs_text(g));
    }
    o
}

pub fn rule_text(r: Rule) -> &'static str {
    match r {
        Rule::Override => "GOENV_HOOK_GO (goenv-hook use)",
        Rule::GoVersionFile => ".go-version",
        Rule::GoWork => "go.work",
        Rule::GoMod => "go.mod",
        Rule::Config => "config file pin",
        Rule::Default => "default",
    }
}

#[derive(Serialize)]
pub struct Installed<'a> {
    pub toolchain: &'a Toolchain,
    /// The one that runs now (first usable `go` on the current PATH).
    pub active: bool,
    /// The one goenv-hook selects for this directory.
    pub selected: bool,
}

/// Every install found in the known locations, and every toolchain a `go`
/// on PATH belongs to wherever it is (`D:\Go`, `/opt/go1.22`): the
/// planner's candidates and the `go` that runs now, newest first.
pub fn toolchains<'a>(s: &'a Session, w: &'a Which<'_>) -> Vec<Installed<'a>> {
    let p = s.facts.env.platform;
    let running = w.active.and_then(|i| w.hits[i].toolchain.as_ref());
    let mut list = crate::plan::candidates(&s.facts);
    if let Some(r) = running.filter(|r| !list.iter().any(|t| t.same_root(r, p))) {
        list.push(r);
    }
    // Stable: the discovery order within a version.
    list.sort_by(|a, b| b.version.cmp(&a.version));
    list.into_iter()
        .map(|t| Installed {
            toolchain: t,
            active: running.is_some_and(|r| r.same_root(t, p)),
            selected: s.plan.toolchain.as_ref().is_some_and(|c| c.same_root(t, p)),
        })
        .collect()
}

/// `toolchains --names`: what `use` accepts for the installs, one per
/// line (each version, then each language version once; the root of an
/// install whose version is unknown), for completion scripts.
pub(crate) fn toolchains_names(list: &[Installed<'_>]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut langs: Vec<String> = Vec::new();
    for i in list {
        let t = i.toolchain;
        match &t.version {
            Some(v) => {
                out.push(v.to_string());
                let l = v.lang().to_string();
                if !langs.contains(&l) {
                    langs.push(l);
                }
            }
            None => out.push(t.root.display().to_string()),
        }
    }
    for l in langs {
        if !out.contains(&l) {
            out.push(l);
        }
    }
    out.iter().map(|l| format!("{l}\n")).collect()
}

pub(crate) fn toolchains_text(list: &[Installed<'_>]) -> String {
    if list.is_empty() {
        return "no Go toolchains found in the known locations\n".into();
    }
    let rows: Vec<(String, String, String, String)> = list
        .iter()
        .map(|i| {
            let mark = match (i.active, i.selected) {
                (true, true) => "*",
                (true, false) => "a",
                (false, true) => "s",
                _ => " ",
            };
            (
                mark.to_string(),
                i.toolchain
                    .version
                    .as_ref()
                    .map(|v| format!("go{v}"))
                    .unwrap_or_else(|| "?".into()),
                source_name(i.toolchain),
                i.toolchain.root.display().to_string(),
            )
        })
        .collect();
    let wv = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
    let ws = rows.iter().map(|r| r.2.len()).max().unwrap_or(0);
    let mut o = String::new();
    for (m, v, s, r) in rows {
        let _ = writeln!(o, "{m} {v:<wv$}  {s:<ws$}  {r}");
    }
    o.push_str("\n* active and selected   a active (runs now)   s selected by goenv-hook for this directory\n");
    o
}
