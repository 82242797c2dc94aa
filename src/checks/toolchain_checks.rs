//! `class: toolchain` checks: is there a usable `go` at all.

use super::*;

pub(super) fn run(cx: &Ctx, out: &mut Vec<Finding>) {
    go_not_found(cx, out);
    goroot_invalid(cx, out);
    go_binary_orphaned(cx, out);
    goroot_goenv_missing(cx, out);
}

pub(super) fn go_not_found(cx: &Ctx, out: &mut Vec<Finding>) {
    if cx.active.is_some() {
        return;
    }
    let mut ev: Vec<Evidence> = cx
        .hits
        .iter()
        .map(|h| {
            Evidence::note(format!(
                "{} (PATH entry {}): {}",
                path_lossy(&h.path),
                h.path_index,
                h.problem.as_deref().unwrap_or("unusable")
            ))
        })
        .collect();
    let best = cx.facts.installs.first();
    let message = if cx.hits.is_empty() {
        "no `go` on PATH".to_string()
    } else {
        format!(
            "no usable `go` on PATH ({} found, none runs)",
            cx.hits.len()
        )
    };
    let message = match best {
        Some(t) => format!(
            "{message}; found {} at {}",
            opt_gov(t.version.as_ref()),
            path_lossy(&t.root)
        ),
        None if cx.facts.installs_scanned => {
            format!("{message}, and no Go install in the known locations")
        }
        None => message,
    };
    let fix = match best {
        Some(t) => {
            ev.extend(
                cx.facts
                    .installs
                    .iter()
                    .map(|t| Evidence::binary(&t.go_bin, t.version.as_ref())),
            );
            format!(
                "{}   ({})",
                path_prepend_cmd(cx.opts.shell, &bin_of(cx.env, &t.root)),
                match cx.opts.front {
                    FrontEnd::Cli =>
                        "or add `goenv-hook init` to your shell's start-up file: it does this",
                    FrontEnd::NuPlugin => "or run `goenv activate`: it does this",
                }
            )
        }
        None => {
            "install Go (https://go.dev/dl/ or your package manager), then open a new shell".into()
        }
    };
    out.push(finding("go-not-found", message, fix, ev).with_short("no go"));
}

pub(super) fn goroot_invalid(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(g) = &cx.goroot else { return };
    let p = cx.env.platform;
    let v = cx.lossy(&g.value);
    let why = if bytes(&g.value).first() == Some(&b'~') || !p.is_absolute(&g.value) {
        Some("is not an absolute path".to_string())
    } else if bytes(&g.value).contains(&b'\r') {
        Some("ends in a carriage return (CRLF file)".to_string())
    } else {
        // What the probe found there.
        let (is_dir, has_pkg_tool) = cx
            .facts
            .goroot
            .as_ref()
            .map_or((false, false), |f| (f.is_dir, f.has_pkg_tool));
        if !is_dir {
            Some("does not exist".to_string())
        } else if !has_pkg_tool {
            Some("has no pkg/tool (not a Go toolchain)".to_string())
        } else {
            None
        }
    };
    let Some(why) = why else { return };
    let alt = cx
        .active_tc()
        .map(|t| format!(", or point it at {}", path_lossy(&t.root)))
        .unwrap_or_default();
    out.push(
        finding(
            "goroot-invalid",
            format!(
                "GOROOT={v} {why}: every go command fails (`go: cannot find GOROOT directory`)"
            ),
            format!("{}{alt}", cx.unset_fix("GOROOT", g)),
            cx.ev("GOROOT", g),
        )
        .with_short("GOROOT≠go"),
    );
}

fn go_binary_orphaned(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(a) = &cx.active else { return };
    if a.toolchain.is_some() || a.hit.shim.is_some() || cx.goroot.is_some() {
        return;
    }
    // What the probe read about the binary (the full depth only).
    let Some(loose) = &a.hit.loose else { return };
    // Go tries exe/../.. and (1.21.13+) exe/../../.. for the path as found
    // and as resolved.
    if loose.root_nearby {
        return;
    }
    let bin = a.hit.resolved.as_ref().unwrap_or(&a.hit.path);
    // A script named `go` (a wrapper, or whatever an empty or relative PATH
    // entry finds) is not a copied Go binary: it runs, and GOROOT is not its
    // concern.
    if loose.is_script {
        return;
    }
    // Releases before 1.21 are not built with -trimpath: a copy falls back to
    // the GOROOT embedded at build time (a copied go1.19.8 runs, using
    // /usr/lib/go-1.19), so it is only orphaned if no such install exists.
    if let Some(v) = &loose.version {
        if !v.at_least("1.21")
            && cx
                .facts
                .installs
                .iter()
                .any(|t| t.version.as_ref() == Some(v))
        {
            return;
        }
    }
    let best = cx.facts.installs.first();
    let fix = match best {
        Some(t) if !cx.env.platform.is_windows() => format!(
            "ln -sf {} {}   (a symlink lets go find its GOROOT; or put {} on PATH instead)",
            sh_quote(&path_lossy(&t.go_bin)),
            sh_quote(&path_lossy(&a.hit.path)),
            bin_of(cx.env, &t.root)
        ),
        Some(t) => format!(
            "delete the copy {} and put {} on PATH",
            path_lossy(&a.hit.path),
            bin_of(cx.env, &t.root)
        ),
        None => format!(
            "delete the copy {} and install Go properly (a toolchain directory with bin/ and pkg/tool/), or link to its bin/go instead of copying it",
            path_lossy(&a.hit.path)
        ),
    };
    out.push(finding(
        "go-binary-orphaned",
        format!(
            "{} is not inside a Go toolchain (no pkg/tool two levels up) and GOROOT is unset: go fails with `cannot find GOROOT directory`",
            path_lossy(bin)
        ),
        fix,
        vec![Evidence::entry(a.hit.path_index, &a.hit.dir), Evidence::binary(bin, None)],
    ));
}

fn goroot_goenv_missing(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(t) = cx.effective_root() else { return };
    if t.has_go_env {
        return;
    }
    let Some(v) = &t.version else { return };
    if !v.at_least("1.21") {
        return;
    }
    let defaults = [
        ("GOPROXY", "https://proxy.golang.org,direct"),
        ("GOSUMDB", "sum.golang.org"),
        ("GOTOOLCHAIN", "auto"),
    ];
    let missing: Vec<&(&str, &str)> = defaults
        .iter()
        .filter(|(k, _)| cx.setting(k).is_none())
        .collect();
    if missing.is_empty() {
        return;
    }
    let names: Vec<&str> = missing.iter().map(|(k, _)| *k).collect();
    let w: Vec<String> = missing.iter().map(|(k, v)| format!("{k}={v}")).collect();
    out.push(finding(
        "goroot-goenv-missing",
        format!(
            "{} ({}) has no go.env, so {} are empty: downloads fail (`GOPROXY list is not the empty string, but contains no entries`) and no toolchain switching happens",
            path_lossy(&t.root),
            gov(v),
            names.join(", ")
        ),
        format!("reinstall Go from https://go.dev/dl/, or: go env -w {}", w.join(" ")),
        vec![Evidence::file(&t.root.join("go.env"), None), Evidence::binary(&t.go_bin, Some(v))],
    ));
}
