//! `class: project` checks: does the active toolchain meet the project's
//! go.mod/go.work, and what will `go` do about it.

use super::validate::{self, ToolchainMode};
use super::*;
use crate::plan::{Rule, Want};
use crate::version::Pre;

fn v(major: u32, minor: u32, patch: Option<u32>) -> GoVersion {
    GoVersion {
        major,
        minor,
        patch,
        pre: Pre::None,
        pre_num: 0,
    }
}

/// The toolchain name for a version (`go1.22.0` for the language `1.22`).
fn toolchain_name(x: &GoVersion) -> String {
    if x.is_lang() {
        format!("go{x}.0")
    } else {
        gov(x)
    }
}

pub(super) fn run(cx: &Ctx, out: &mut Vec<Finding>) {
    go_version_file_invalid(cx, out);
    not_installed(cx, out);
    let Some(r0) = cx.active_version().cloned() else {
        return;
    };
    if cx.setting("GO111MODULE").is_some_and(|m| m.value == "off") {
        return;
    }
    let pf = cx.facts.project.go_file.as_ref();
    let fname = pf
        .and_then(|f| f.path.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "go.mod".into());
    let go_line = pf.and_then(|f| f.go.as_ref());
    let g = go_line.and_then(|l| GoVersion::parse(&l.value));
    let tc_line = pf
        .and_then(|f| f.toolchain.as_ref())
        .filter(|l| l.value != "default");
    let t = tc_line.and_then(|l| GoVersion::parse_toolchain(&l.value));
    let file_ev = |line: Option<usize>| -> Vec<Evidence> {
        pf.map(|f| vec![Evidence::file(&f.path, line)])
            .unwrap_or_default()
    };

    if r0 < v(1, 21, None) {
        old_go(cx, out, &r0, pf, &fname, g.as_ref(), go_line, tc_line);
        return;
    }

    let tcs = cx.with_default("GOTOOLCHAIN");
    let tcv = tcs.as_ref().map(|s| lossy(&s.value)).unwrap_or_default();
    let Ok(mode) = validate::gotoolchain(&tcv) else {
        return;
    };
    let tc_desc = if tcv.is_empty() {
        "GOTOOLCHAIN empty".to_string()
    } else {
        format!("GOTOOLCHAIN={tcv}")
    };

    let (running, base, switching) = match &mode {
        ToolchainMode::Local => (r0.clone(), r0.clone(), false),
        ToolchainMode::Pinned(n) => (n.clone(), n.clone(), false),
        ToolchainMode::Auto(m) | ToolchainMode::Path(m) => {
            let b = match m {
                Some(m) if m > &r0 => m.clone(),
                _ => r0.clone(),
            };
            (r0.clone(), b, true)
        }
    };

    if let ToolchainMode::Pinned(n) = &mode {
        if n != &r0 {
            out.push(finding(
                "toolchain-switch-pending",
                format!(
                    "{tc_desc}: the active go ({}) runs {} for every command; {}",
                    gov(&r0),
                    gov(n),
                    availability(cx, n, false)
                ),
                "none needed".into(),
                tcs.as_ref()
                    .map(|s| cx.ev("GOTOOLCHAIN", s))
                    .unwrap_or_default(),
            ));
        }
    }

    if !switching {
        if let (Some(g), Some(l)) = (&g, go_line) {
            if g > &running {
                let mut ev = file_ev(Some(l.line));
                if let Some(s) = &tcs {
                    ev.extend(cx.ev("GOTOOLCHAIN", s));
                }
                let have = best_install(cx, g);
                let fix = match have {
                    Some(tc) => format!(
                        "{} is installed at {}: let goenv-hook select it (its hook switches per directory), or {}",
                        opt_gov(tc.version.as_ref()),
                        path_lossy(&tc.root),
                        set_cmd(cx.opts.shell, "GOTOOLCHAIN", "auto")
                    ),
                    None => format!(
                        "{}   (go downloads it), or install it: go install golang.org/dl/{n}@latest && {n} download",
                        set_cmd(cx.opts.shell, "GOTOOLCHAIN", "auto"),
                        n = toolchain_name(g)
                    ),
                };
                // go names GOTOOLCHAIN in the message only when it is set
                let running_desc = if tcv.is_empty() {
                    format!("running go {running}")
                } else {
                    format!("running go {running}; {tc_desc}")
                };
                out.push(finding(
                    "version-vs-gomod",
                    format!(
                        "{} requires go >= {g} (line {}) but go {running} runs ({tc_desc}): go fails with `{fname} requires go >= {g} ({running_desc})`",
                        pf.map(|f| path_lossy(&f.path)).unwrap_or_default(),
                        l.line
                    ),
                    fix,
                    ev,
                ));
            }
        }
        return;
    }

    // Switching on: Go picks the newest of the minimum, the toolchain line
    // and the go line (a language version ≥ 1.21 gets `.0`).
    let mut target = base.clone();
    let mut reason = if base > r0 {
        format!("the minimum in {tc_desc}")
    } else {
        String::new()
    };
    if let (Some(t), Some(l)) = (&t, tc_line) {
        if t > &target {
            target = t.clone();
            reason = format!("the toolchain line (line {}) of {fname}", l.line);
        }
    }
    if let (Some(g), Some(l)) = (&g, go_line) {
        let mut gg = g.clone();
        if gg.is_lang() {
            gg.patch = Some(0);
        }
        if gg > target {
            target = gg;
            reason = format!("the go line (line {}) of {fname}", l.line);
        }
    }
    if target > r0 {
        let path_only = matches!(mode, ToolchainMode::Path(_));
        let mut ev = file_ev(None);
        if let Some(s) = &tcs {
            ev.extend(cx.ev("GOTOOLCHAIN", s));
        }
        // GOTOOLCHAIN=path (or +path) and the toolchain is not on PATH:
        // every go command fails (`cannot find "go1.X.Y" in PATH`). Only
        // when PATH was really scanned (not on the prompt's cheap path).
        let fails = path_only && !cx.opts.cheap_only && on_path(cx, &gov(&target)).is_none();
        let f = finding(
            "toolchain-switch-pending",
            format!(
                "go {} will run {} instead, because of {reason}; {}",
                r0,
                gov(&target),
                availability(cx, &target, path_only)
            ),
            if fails {
                format!(
                    "put a `{n}` on PATH (go install golang.org/dl/{n}@latest && {n} download), or {}",
                    set_cmd(cx.opts.shell, "GOTOOLCHAIN", "auto"),
                    n = gov(&target)
                )
            } else {
                "none needed".into()
            },
            ev,
        );
        out.push(if fails {
            with_severity(f, Severity::Error)
        } else {
            f
        });
    }
}

/// The PATH entry (index, entry) holding an executable named `name`.
fn on_path(cx: &Ctx, name: &str) -> Option<(usize, String)> {
    let p = cx.env.platform;
    for (i, e) in cx.path.iter().enumerate() {
        if e.is_empty() || !p.is_absolute(e) {
            continue;
        }
        for n in p.exe_names(name, cx.env.get("PATHEXT")) {
            if Path::new(&p.join(e, &n)).is_file() {
                return Some((i, lossy(e)));
            }
        }
    }
    None
}

/// Where a switched-to toolchain will come from.
fn availability(cx: &Ctx, x: &GoVersion, path_only: bool) -> String {
    let name = gov(x);
    let in_cache = cx.facts.installs.iter().find(|t| {
        t.source == crate::toolchain::Source::GoToolchainDownload && t.version.as_ref() == Some(x)
    });
    if !cx.opts.cheap_only {
        if let Some((i, e)) = on_path(cx, &name) {
            return format!("{name} is on PATH (entry {i}, {e})");
        }
    }
    if path_only {
        return format!("GOTOOLCHAIN allows PATH only and {name} was not found there, so go fails with `cannot find \"{name}\" in PATH`");
    }
    if let Some(t) = in_cache {
        return format!(
            "it is already in the module cache at {}",
            path_lossy(&t.root)
        );
    }
    if !cx.opts.cheap_only {
        if let Some(mc) = crate::plan::gomodcache(cx.env, cx.file) {
            let (os, arch) = validate::host_port();
            let d = mc
                .join("golang.org")
                .join(format!("toolchain@v0.0.1-{name}.{os}-{arch}"));
            if d.join("bin").is_dir() {
                return format!("it is already in the module cache at {}", path_lossy(&d));
            }
        }
    }
    format!("{name} is not downloaded yet: the next go command downloads it (needs network and GOSUMDB)")
}

fn candidates<'a>(cx: &'a Ctx) -> Vec<&'a Toolchain> {
    let mut out: Vec<&Toolchain> = Vec::new();
    let hits = cx.hits.iter().filter_map(|h| h.toolchain.as_ref());
    for t in hits.chain(cx.facts.installs.iter()).chain(cx.active_tc()) {
        if !out.iter().any(|o| o.root == t.root) {
            out.push(t);
        }
    }
    out
}

fn best_install(cx: &Ctx, want: &GoVersion) -> Option<Toolchain> {
    let c = candidates(cx);
    crate::plan::best_match(want, &c, cx.active_tc())
}

#[allow(clippy::too_many_arguments)]
fn old_go(
    cx: &Ctx,
    out: &mut Vec<Finding>,
    r0: &GoVersion,
    pf: Option<&crate::project::ProjectFile>,
    fname: &str,
    g: Option<&GoVersion>,
    go_line: Option<&crate::project::Line>,
    tc_line: Option<&crate::project::Line>,
) {
    let Some(pf) = pf else { return };
    let p = path_lossy(&pf.path);
    let upgrade = |want: &str| match best_install(cx, &v(1, 21, Some(0))) {
        Some(t) => format!(
            "upgrade Go: {} is installed at {} ({})",
            opt_gov(t.version.as_ref()),
            path_lossy(&t.root),
            path_prepend_cmd(cx.opts.shell, &bin_of(cx.env, &t.root))
        ),
        None => format!("upgrade Go to {want} or later (https://go.dev/dl/)"),
    };
    if let (Some(g), Some(l)) = (g, go_line) {
        if g.patch.is_some() || g.pre != Pre::None {
            out.push(finding(
                "gomod-too-new-for-old-go",
                format!(
                    "{p} line {} says `go {}`, which go {r0} cannot parse (`invalid go version '{}': must match format 1.23`)",
                    l.line, l.value, l.value
                ),
                upgrade("1.21"),
                vec![Evidence::file(&pf.path, Some(l.line))],
            ));
            return;
        }
        // 1.19.13+ and 1.20.8+ refuse go lines ≥ 1.22; older ones try.
        let refuses = (r0.minor == 20 && r0 >= &v(1, 20, Some(8)))
            || (r0.minor == 19 && r0 >= &v(1, 19, Some(13)));
        if g > r0 {
            let f = finding(
                "version-vs-gomod",
                format!(
                    "{p} requires go >= {g} (line {}) but go {r0} is active{}",
                    l.line,
                    if refuses && g >= &v(1, 22, None) {
                        format!(": go fails (`{fname} requires go >= {g}`); go {r0} cannot switch toolchains")
                    } else {
                        ": builds may fail with `note: module requires Go …`".into()
                    }
                ),
                upgrade(&format!("{g}")),
                vec![Evidence::file(&pf.path, Some(l.line))],
            );
            out.push(if refuses && g >= &v(1, 22, None) {
                f
            } else {
                with_severity(f, Severity::Warn)
            });
        }
    }
    if let Some(l) = tc_line {
        out.push(finding(
            "gomod-too-new-for-old-go",
            format!(
                "{p} line {} has a `toolchain` line, which go {r0} does not know (`unknown directive: toolchain`)",
                l.line
            ),
            upgrade("1.21"),
            vec![Evidence::file(&pf.path, Some(l.line))],
        ));
    }
}

/// project-toolchain-not-installed.
fn not_installed(cx: &Ctx, out: &mut Vec<Finding>) {
    if !cx.facts.installs_scanned {
        return;
    }
    let cands = candidates(cx);
    let mut seen: Vec<GoVersion> = Vec::new();
    for req in crate::plan::requests(cx.facts, cx.config) {
        if req.rule == Rule::Override {
            continue;
        }
        let Want::Version(want) = &req.want else {
            continue;
        };
        if seen.contains(want) {
            continue;
        }
        seen.push(want.clone());
        let ok = match req.rule {
            Rule::GoMod | Rule::GoWork => cands
                .iter()
                .any(|t| t.version.as_ref().is_some_and(|v| v >= want)),
            _ => crate::plan::best_match(want, &cands, cx.active_tc()).is_some(),
        };
        if ok {
            continue;
        }
        let who = match req.rule {
            Rule::Config => "the goenv-hook config".to_string(),
            _ => req
                .file
                .as_ref()
                .map(|f| path_lossy(f))
                .unwrap_or_else(|| "the project".into()),
        };
        let line = req.line.map(|l| format!(" (line {l})")).unwrap_or_default();
        let n = toolchain_name(want);
        out.push(finding(
            "project-toolchain-not-installed",
            format!(
                "{who}{line} asks for go {want}, which no install found on this machine provides"
            ),
            format!(
                "go install golang.org/dl/{n}@latest && {n} download   (or let go fetch it: {})",
                set_cmd(cx.opts.shell, "GOTOOLCHAIN", &format!("{n}+auto"))
            ),
            req.file
                .as_ref()
                .map(|f| vec![Evidence::file(f, req.line)])
                .unwrap_or_default(),
        ));
    }
}

/// A `.go-version` whose content is not a version is skipped by the
/// selection (the next rule applies): say so, it was surely meant.
fn go_version_file_invalid(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(f) = &cx.facts.project.go_version_file else {
        return;
    };
    let bad = match &f.go {
        Some(l) if crate::plan::parse_request_version(&l.value).is_none() => {
            Some((l.value.clone(), Some(l.line)))
        }
        None => Some((String::new(), None)),
        _ => None,
    };
    if let Some((value, line)) = bad {
        let what = if value.is_empty() {
            "no version".to_string()
        } else {
            format!("'{value}', which is not a Go version")
        };
        out.push(Finding {
            id: "go-version-file-invalid",
            severity: Severity::Warn,
            class: Class::Project,
            message: format!(
                "{} holds {what}: goenv-hook ignores it and selects by the next rule",
                f.path.display()
            ),
            fix: format!(
                "write a version such as 1.22 or 1.22.3 into {}",
                f.path.display()
            ),
            evidence: vec![Evidence::file(&f.path, line)],
        });
    }
}
