//! `class: project` checks: what `go` does in this directory, read from
//! the toolchain decision (`go::decide`, through the facts): which
//! toolchain runs or why it stops (`toolchain-switch-pending`), whether
//! the module then loads (`version-vs-gomod`, `gomod-invalid`), what a Go
//! older than 1.21 makes of a newer go.mod (`gomod-too-new-for-old-go`),
//! and whether an install meets each request (`project-toolchain-not-installed`,
//! `go-version-file-invalid`).

use super::*;
use crate::go::decide::{ChosenBy, Decision, Fate, GoError, Module, Run};
use crate::go::gomod::{self, Kind};
use crate::go::Rules;
use crate::plan::{Rule, Want};

mod installs;
mod old_go;
use installs::{best_install, candidates, go_version_file_invalid, not_installed};
use old_go::old_go;

/// What the prompt shows for a requirement: `go.mod wants 1.23.0` (a
/// language version as the release it means).
fn wants(who: &str, v: &GoVersion) -> String {
    format!("{who} wants {}", v.first_release())
}

/// The toolchain name for a version (`go1.22.0` for the language `1.22`).
fn toolchain_name(x: &GoVersion) -> String {
    gov(&x.first_release())
}

/// The version the running `go` reports.
fn local_version(cx: &Ctx) -> Option<GoVersion> {
    let hit = cx.active.as_ref()?.hit;
    hit.toolchain
        .as_ref()
        .and_then(|t| t.version.clone())
        .or_else(|| hit.loose.as_ref().and_then(|l| l.version.clone()))
}

pub(super) fn run(cx: &Ctx, out: &mut Vec<Finding>) {
    go_version_file_invalid(cx, out);
    not_installed(cx, out);
    let (Some(d), Some(r0)) = (cx.decision.as_ref(), local_version(cx)) else {
        return;
    };
    if d.rules == Rules::Go119 {
        if !old_go(cx, d, &r0, out) {
            module(cx, d, &r0, out);
        }
        return;
    }
    switch(cx, d, &r0, out);
    module(cx, d, &r0, out);
}

/// The file name (`go.mod`, `go.work`) of what Select read, else the
/// project's.
fn fname(cx: &Ctx, d: &Decision) -> String {
    d.file
        .as_ref()
        .map(|f| f.path.as_path())
        .or(cx.facts.project.go_file.as_ref().map(|f| f.path.as_path()))
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "go.mod".into())
}

fn error_ev(e: &GoError) -> Vec<Evidence> {
    e.file
        .as_ref()
        .map(|f| vec![Evidence::file(f, e.line)])
        .unwrap_or_default()
}

/// Evidence for GOTOOLCHAIN (as go reads it, go.env included).
fn gotoolchain_ev(cx: &Ctx) -> Vec<Evidence> {
    cx.with_default("GOTOOLCHAIN")
        .map(|s| cx.ev("GOTOOLCHAIN", &s))
        .unwrap_or_default()
}

/// `GOTOOLCHAIN=…` as the messages quote it.
fn gotoolchain_desc(d: &Decision) -> String {
    if d.gotoolchain.is_empty() {
        "GOTOOLCHAIN empty".to_string()
    } else {
        format!("GOTOOLCHAIN={}", d.gotoolchain.as_str())
    }
}

/// Why go wants the toolchain it wants.
fn reason(cx: &Ctx, d: &Decision) -> (String, String) {
    let f = fname(cx, d);
    match &d.chosen_by {
        ChosenBy::Minimum if !d.switching => (
            format!("{} names it", gotoolchain_desc(d)),
            "GOTOOLCHAIN".into(),
        ),
        ChosenBy::Minimum | ChosenBy::Local => (
            format!("the minimum in {}", gotoolchain_desc(d)),
            "GOTOOLCHAIN".into(),
        ),
        ChosenBy::ToolchainLine { line } => (format!("the toolchain line (line {line}) of {f}"), f),
        ChosenBy::GoLine { line } => (format!("the go line (line {line}) of {f}"), f),
    }
}

/// The prompt's text for a pending switch: `go.mod wants 1.23.0`, or
/// `GOTOOLCHAIN runs go1.23.5` when GOTOOLCHAIN names the toolchain.
fn switch_short(cx: &Ctx, d: &Decision) -> String {
    let (_, who) = reason(cx, d);
    match (&d.chosen_by, GoVersion::from_toolchain(&d.want)) {
        (ChosenBy::Minimum, _) if !d.switching => format!("GOTOOLCHAIN runs {}", d.want),
        (_, Some(v)) if d.want == gov(&v) || d.want == toolchain_name(&v) => wants(&who, &v),
        _ => format!("{who} wants {}", d.want),
    }
}

/// An install that gives what go wants without switching: for a go line,
/// a release at or above it (the planner's choice); for a toolchain line
/// or GOTOOLCHAIN's minimum, that release exactly.
fn satisfying(cx: &Ctx, d: &Decision) -> Option<Toolchain> {
    let want = GoVersion::from_toolchain(&d.want)?;
    match d.chosen_by {
        ChosenBy::GoLine { .. } => best_install(cx, &want),
        _ if d.want != gov(&want) => None,
        _ => candidates(cx)
            .into_iter()
            .find(|t| t.version.as_ref() == Some(&want))
            .cloned(),
    }
}

/// How to get a toolchain release (`go1.22.3`): the one place doctor's
/// fixes name it (`goenv-hook get`: Go's own download, into the module
/// cache, where goenv-hook discovers it).
pub(crate) fn get_cmd(name: &str) -> String {
    format!("goenv-hook get {name}")
}

/// The fix that gives go what it wants: an install that satisfies it, or
/// the exact release to get and how.
fn get_fix(cx: &Ctx, d: &Decision) -> String {
    let shell = cx.opts.shell;
    if matches!(d.chosen_by, ChosenBy::Minimum) {
        if let Some(s) = cx.setting("GOTOOLCHAIN") {
            return format!(
                "{}   (GOTOOLCHAIN names {}; auto runs the active go unless a project asks for more)",
                cx.set_fix("GOTOOLCHAIN", "auto", Some(&s)),
                d.want
            );
        }
    }
    match satisfying(cx, d) {
        Some(t) => format!(
            "{} is installed at {}: let goenv-hook select it (its hook switches per directory), or put it first on PATH: {}",
            opt_gov(t.version.as_ref()),
            path_lossy(&t.root),
            path_prepend_cmd(shell, &bin_of(cx.env, &t.root))
        ),
        None => match GoVersion::from_toolchain(&d.want) {
            Some(v) if d.want == gov(&v) && !v.is_lang() => format!(
                "{}   (into the module cache, where goenv-hook selects it; or let go fetch it online)",
                get_cmd(&d.want)
            ),
            _ => format!(
                "{} is not a Go release go can download: change what asks for it ({})",
                d.want,
                reason(cx, d).0
            ),
        },
    }
}

/// Why a download fails, and what to change in the environment for it
/// to work (a setting that forbids it).
fn download_blocker(cx: &Ctx, e: &GoError) -> Option<String> {
    let m = &e.message;
    if m.contains("GOSUMDB=off") {
        let s = cx.with_default("GOSUMDB")?;
        return Some(format!(
            "let go verify it (GOSUMDB=off forbids the checksum check): {}",
            cx.unset_fix("GOSUMDB", &s)
        ));
    }
    if m.contains("toolchain not available") || m.contains("GOPROXY") {
        let s = cx.with_default("GOPROXY")?;
        return Some(format!(
            "let go download it (GOPROXY={} cannot serve it): {}",
            lossy(&s.value),
            cx.set_fix("GOPROXY", "https://proxy.golang.org,direct", Some(&s))
        ));
    }
    None
}

/// toolchain-switch-pending: go runs another toolchain than the local one
/// (or stops trying to).
fn switch(cx: &Ctx, d: &Decision, r0: &GoVersion, out: &mut Vec<Finding>) {
    let (why, _) = reason(cx, d);
    let mut ev = gotoolchain_ev(cx);
    if let Some(f) = &d.file {
        let line = match d.chosen_by {
            ChosenBy::GoLine { line } | ChosenBy::ToolchainLine { line } => Some(line),
            _ => None,
        };
        ev.insert(0, Evidence::file(&f.path, line));
    }
    let short = switch_short(cx, d);
    let pending = |message: String, fix: String, ev: Vec<Evidence>, sev: Severity| {
        with_severity(
            finding("toolchain-switch-pending", message, fix, ev).with_short(short.clone()),
            sev,
        )
    };
    let w = &d.want;
    let f = match &d.run {
        Run::Local => return,
        Run::Fail { error } => {
            let m = &error.message;
            if select_failure(m).is_some() {
                return; // gomod-invalid, gotoolchain-invalid say it
            }
            let fix = if m.contains("$GOPATH/go.mod") {
                let gp = error.file.as_ref().map(|f| path_lossy(f)).unwrap_or_else(|| "$GOPATH/go.mod".into());
                format!("move {gp} away: GOPATH is not a module (go stops before it downloads {w})")
            } else if !(m.contains("cannot find \"") || m.contains("invoked to provide")) {
                get_fix(cx, d)
            } else if m.contains("cannot find \"") {
                match satisfying(cx, d) {
                    Some(_) => get_fix(cx, d),
                    None => format!(
                        "put a `{w}` on PATH (go install golang.org/dl/{w}@latest && {w} download), or {}",
                        set_cmd(cx.opts.shell, "GOTOOLCHAIN", "auto")
                    ),
                }
            } else {
                format!("the `{w}` found on PATH is another release: replace it with {w}, or change what asks for it ({why})")
            };
            let mut ev = ev;
            ev.extend(error_ev(error));
            pending(
                format!("go {r0} would run {w} because of {why}, but every go command fails: `{m}`"),
                fix,
                ev,
                Severity::Error,
            )
        }
        Run::Path { name, exe } => pending(
            format!(
                "go {r0} runs {name} instead, because of {why}: {name} is on PATH at {}",
                path_lossy(exe)
            ),
            "none needed".into(),
            ev,
            Severity::Info,
        ),
        Run::ModCache {
            name,
            dir,
            fate: Fate::Succeeds,
        } => pending(
            format!(
                "go {r0} runs {name} instead, because of {why}; it is in the module cache at {}",
                path_lossy(dir)
            ),
            "none needed".into(),
            ev,
            Severity::Info,
        ),
        Run::Download {
            name,
            fate: Fate::Succeeds,
        } => pending(
            format!("go {r0} runs {name} instead, because of {why}; go downloads it from the file:// proxy"),
            "none needed".into(),
            ev,
            Severity::Info,
        ),
        Run::ModCache { name, fate, .. } | Run::Download { name, fate } => {
            let cached = matches!(d.run, Run::ModCache { .. });
            match fate {
                Fate::NeedsNetwork { url } => pending(
                    format!(
                        "go {r0} will run {name} instead, because of {why}; {} (it fails offline)",
                        if cached {
                            format!("it is in the module cache, but verifying it needs the checksum database: {url}")
                        } else {
                            format!("the next go command downloads it from {url}")
                        }
                    ),
                    match satisfying(cx, d) {
                        Some(_) => format!("none needed online; offline: {}", get_fix(cx, d)),
                        None => "none needed online (go downloads it)".into(),
                    },
                    ev,
                    Severity::Info,
                ),
                Fate::Fails { error } => {
                    let mut fix = get_fix(cx, d);
                    if let Some(b) = download_blocker(cx, error) {
                        fix = format!("{fix}; or {b}");
                    }
                    pending(
                        format!(
                            "go {r0} would run {name} because of {why}, but {} fails, so every go command fails: `{}`",
                            if cached { "verifying it" } else { "downloading it" },
                            error.message
                        ),
                        fix,
                        ev,
                        Severity::Error,
                    )
                }
                Fate::Succeeds => return,
            }
        }
        Run::Unknown { name, .. } => pending(
            format!("go {r0} will run {name} instead, because of {why} (from PATH, the module cache or a download)"),
            "none needed".into(),
            ev,
            Severity::Info,
        ),
    };
    out.push(f);
}

/// The version a too-new error asks for (`requires go >= 1.23.0`).
fn required(msg: &str) -> Option<GoVersion> {
    let rest = &msg[msg.find("requires go >= ")? + "requires go >= ".len()..];
    let end = rest.find([' ', ',', ';', ')']).unwrap_or(rest.len());
    GoVersion::parse(&rest[..end])
}

/// A failure of every go command (Run::Fail) that is the project's:
/// a toolchain line that is not a toolchain name, GOWORK, `$GOPATH/go.mod`.
fn run_failure(cx: &Ctx, d: &Decision, out: &mut Vec<Finding>) {
    let Run::Fail { error } = &d.run else { return };
    if select_failure(&error.message) == Some(true) {
        out.push(gomod_invalid(cx, error));
    }
}

/// A failure of Select itself, before it names a toolchain: the project's
/// (Some(true): a toolchain line that is not a name, GOWORK) or the
/// environment's (Some(false): GOTOOLCHAIN, said by gotoolchain-invalid).
/// None: the switch to the toolchain go wants fails.
fn select_failure(m: &str) -> Option<bool> {
    if m.contains("invalid toolchain \"") || m.contains("GOWORK") {
        Some(true)
    } else if m.contains("invalid GOTOOLCHAIN") {
        Some(false)
    } else {
        None
    }
}

/// gomod-invalid: go refuses to read a go.mod or go.work (or GOWORK).
fn gomod_invalid(cx: &Ctx, e: &GoError) -> Finding {
    let m = &e.message;
    let file = e.file.as_ref().map(|f| path_lossy(f));
    let name = e
        .file
        .as_ref()
        .and_then(|f| f.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    let at = match (&file, e.line) {
        (Some(f), Some(l)) => format!("{f} (line {l})"),
        (Some(f), None) => f.clone(),
        (None, _) => "the project".into(),
    };
    let fix = if m.contains("GOWORK") {
        match cx.setting("GOWORK") {
            Some(s) => format!(
                "{}   (or set it to an absolute path)",
                cx.unset_fix("GOWORK", &s)
            ),
            None => "make GOWORK an absolute path".into(),
        }
    } else if m.contains("updates to go.mod needed") {
        format!(
            "go mod tidy   (in {})",
            file.as_deref()
                .map(|f| f.trim_end_matches("go.mod").trim_end_matches('/'))
                .unwrap_or("the module")
        )
    } else if m.contains("go work use") {
        "go work use   (in the go.work's directory: its go line follows the modules')".into()
    } else if m.contains("missing module declaration") || m.contains("no module declaration") {
        format!(
            "add a module line to {}: go mod edit -module=example.com/mod",
            file.as_deref().unwrap_or("go.mod")
        )
    } else if m.contains("$GOPATH/go.mod") {
        format!(
            "move {} away: GOPATH is not a module",
            file.as_deref().unwrap_or("$GOPATH/go.mod")
        )
    } else if m.contains("invalid toolchain \"") {
        format!(
            "edit {at}: write a toolchain name such as `toolchain go1.23.5`, or delete the line"
        )
    } else if m.contains("cannot load module") {
        format!(
            "edit the `use` lines of {} to name module directories that exist",
            file.as_deref().unwrap_or("go.work")
        )
    } else {
        format!("edit {at}: go's message says what it cannot read")
    };
    let short = format!("{} invalid", name.as_deref().unwrap_or("go.mod"));
    finding(
        "gomod-invalid",
        format!("go refuses {at}: every module command fails with `{m}`"),
        fix,
        error_ev(e),
    )
    .with_short(short)
}

/// What a module-aware command does once the toolchain runs: the file is
/// too new for it (version-vs-gomod), or go refuses it (gomod-invalid).
fn module(cx: &Ctx, d: &Decision, r0: &GoVersion, out: &mut Vec<Finding>) {
    run_failure(cx, d, out);
    let running = d.runs_version.clone().unwrap_or_default();
    let pending_switch = matches!(
        d.run,
        Run::Unknown { .. }
            | Run::Download {
                fate: Fate::NeedsNetwork { .. },
                ..
            }
            | Run::ModCache {
                fate: Fate::NeedsNetwork { .. },
                ..
            }
    );
    if pending_switch {
        after_switch(cx, d, out);
        return;
    }
    let Module::Fail { error } = &d.module else {
        return;
    };
    let m = &error.message;
    // Said by the environment's checks (go111module-invalid, goflags-invalid).
    if m.contains("GO111MODULE=")
        || m.contains("-mod may only be set")
        || m.contains("module cache")
        || m.contains("GOMODCACHE")
    {
        return;
    }
    if let Some(need) = required(m).filter(|_| m.contains("(running go ")) {
        let running = if running.is_empty() {
            r0.to_string()
        } else {
            running
        };
        out.push(too_new(cx, d, error, &need, &running));
        return;
    }
    out.push(gomod_invalid(cx, error));
}

/// version-vs-gomod for a go that is about to be downloaded (or looked
/// up): it will fail when its version is below the file's go line.
fn after_switch(cx: &Ctx, d: &Decision, out: &mut Vec<Finding>) {
    let Some(want) = GoVersion::from_toolchain(&d.want) else {
        return;
    };
    // The file Select read, else the one the module load reads.
    let (path, go) = match (&d.file, &cx.facts.project.go_file) {
        (Some(f), _) => (f.path.clone(), f.go.clone()),
        (None, Some(pf)) => (
            pf.path.clone(),
            pf.go.as_ref().map(|l| (l.value.clone(), l.line)),
        ),
        (None, None) => return,
    };
    let Some((go, line)) = go else { return };
    let Some(need) = GoVersion::parse(&go) else {
        return;
    };
    if need <= want || !want.at_least("1.21") {
        return;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let e = GoError {
        message: format!(
            "go: {name} requires go >= {need} (running go {want}; {})",
            gotoolchain_desc(d)
        ),
        too_new: true,
        file: Some(path.clone()),
        line: Some(line),
    };
    out.push(too_new(cx, d, &e, &need, want.as_str()));
}

/// version-vs-gomod: the file asks for a newer go than the one that runs.
fn too_new(cx: &Ctx, d: &Decision, e: &GoError, need: &GoVersion, running: &str) -> Finding {
    let file = e.file.as_ref().map(|f| path_lossy(f)).unwrap_or_default();
    let name = e
        .file
        .as_ref()
        .and_then(|f| f.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| fname(cx, d));
    let line = e.line.map(|l| format!(" (line {l})")).unwrap_or_default();
    let mut ev = error_ev(e);
    ev.extend(gotoolchain_ev(cx));
    let gt = cx.setting("GOTOOLCHAIN");
    let switch_on = match &gt {
        Some(s) => cx.set_fix("GOTOOLCHAIN", "auto", Some(s)),
        None => set_cmd(cx.opts.shell, "GOTOOLCHAIN", "auto"),
    };
    let sets_default = e.message.contains("sets toolchain default");
    let fix = if sets_default {
        format!(
            "delete the `toolchain default` line of {file}: go then switches to go {need} itself"
        )
    } else {
        match best_install(cx, need) {
            Some(t) => format!(
                "{} is installed at {}: let goenv-hook select it (its hook switches per directory), or put it first on PATH: {}",
                opt_gov(t.version.as_ref()),
                path_lossy(&t.root),
                path_prepend_cmd(cx.opts.shell, &bin_of(cx.env, &t.root))
            ),
            None => format!(
                "{}   (or let go download it: {switch_on})",
                get_cmd(&toolchain_name(need))
            ),
        }
    };
    let m = e.message.strip_prefix("go: ").unwrap_or(&e.message);
    finding(
        "version-vs-gomod",
        format!(
            "{file} requires go >= {need}{line} but go {running} runs ({}): go fails with `{m}`",
            gotoolchain_desc(d)
        ),
        fix,
        ev,
    )
    .with_short(wants(&name, need))
}
