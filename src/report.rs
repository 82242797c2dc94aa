//! `goenv-hook which` and `goenv-hook toolchains`: what is on PATH, what is
//! installed, and what goenv-hook chooses. Text for people, JSON for tools.

use crate::app::Session;
use crate::plan::Rule;
use crate::probe::same_dir;
use crate::toolchain::{self, GoHit, Toolchain};
use serde::Serialize;
use std::fmt::Write;

#[derive(Serialize)]
pub struct Which<'a> {
    /// A project file the selection skipped, and why.
    pub skipped: Option<String>,
    /// Every `go` on the current PATH, in order; the first usable one runs.
    pub hits: Vec<GoHit>,
    /// Index into `hits` of the one that runs.
    pub active: Option<usize>,
    /// What goenv-hook selects for this directory, and why.
    pub selected: Option<&'a Toolchain>,
    pub rule: Rule,
    pub request: Option<&'a crate::plan::Request>,
    pub unsatisfied: bool,
}

/// A project file the selection skipped because it holds no version.
fn skipped_note(s: &Session) -> Option<String> {
    let f = s.facts.project.go_version_file.as_ref()?;
    match &f.go {
        Some(l) if crate::plan::parse_request_version(&l.value).is_none() => Some(format!(
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
    let cur = &s.facts.current;
    let hits = toolchain::find_go_on_path(&cur.path_entries(), cur);
    let active = hits
        .iter()
        .position(|h| h.toolchain.is_some() || h.shim.is_some());
    Which {
        skipped: skipped_note(s),
        hits,
        active,
        selected: s.plan.toolchain.as_ref(),
        rule: s.plan.rule,
        request: s.plan.request.as_ref(),
        unsatisfied: s.plan.unsatisfied,
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
    serde_json::to_value(t.source)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub fn which_text(w: &Which<'_>) -> String {
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

pub fn toolchains<'a>(s: &'a Session, w: &Which<'_>) -> Vec<Installed<'a>> {
    let running = w
        .active
        .and_then(|i| w.hits[i].toolchain.as_ref())
        .map(|t| t.root.clone());
    s.facts
        .installs
        .iter()
        .map(|t| Installed {
            toolchain: t,
            active: running.as_ref().is_some_and(|r| same_dir(r, &t.root)),
            selected: s
                .plan
                .toolchain
                .as_ref()
                .is_some_and(|c| same_dir(&c.root, &t.root)),
        })
        .collect()
}

pub fn toolchains_text(list: &[Installed<'_>]) -> String {
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
