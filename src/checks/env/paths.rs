//! GOPATH, GOBIN, the caches and PATH: gopath-*, gobin-*, gocache-invalid, path-*.

use super::*;

/// gopath-relative, gopath-equals-goroot, gopath-unresolvable.
pub(super) fn gopath(cx: &Ctx, out: &mut Vec<Finding>) {
    let p = cx.env.platform;
    let gp = cx.setting("GOPATH");
    if let Some(g) = gp.as_ref().filter(|g| g.source == VarSource::Env) {
        let bad: Vec<OsString> = p
            .split_list(&g.value)
            .into_iter()
            .filter(|e| !e.is_empty() && (starts_tilde(e) || !p.is_absolute(e)))
            .collect();
        if !bad.is_empty() {
            let names: Vec<String> = bad.iter().map(|b| lossy(b)).collect();
            let fixed: Vec<String> = p
                .split_list(&g.value)
                .iter()
                .filter(|e| !e.is_empty())
                .map(|e| expand_tilde(cx, e))
                .collect();
            let fixed = lossy(&p.join_list(&fixed.iter().map(OsString::from).collect::<Vec<_>>()));
            // go checks the entries in order and names the first bad one
            let quote = if starts_tilde(&bad[0]) {
                "GOPATH entry cannot start with shell metacharacter '~'"
            } else {
                "GOPATH entry is relative; must be absolute path"
            };
            out.push(finding(
                "gopath-relative",
                format!(
                    "GOPATH entry {} is not absolute: every go command exits with `{quote}`",
                    names.join(", ")
                ),
                cx.set_fix("GOPATH", &fixed, Some(g)),
                cx.ev("GOPATH", g),
            ));
        }
    }
    // `export GOPATH=$GOPATH:/x` with GOPATH unset: Go takes the empty
    // first entry as GOPATH[0] (the others don't help).
    if let Some(g) = gp.as_ref() {
        let list = p.split_list(&g.value);
        if list.first().is_some_and(|e| e.is_empty()) {
            let rest: Vec<&OsString> = list.iter().filter(|e| !e.is_empty()).collect();
            let fixed = if rest.is_empty() {
                "/absolute/path/to/gopath".to_string()
            } else {
                lossy(&p.join_list(&rest))
            };
            out.push(finding(
                "gopath-unresolvable",
                format!(
                    "GOPATH={} starts with an empty entry, which go takes as GOPATH[0]: `go install` has no install location and modules fail (`module cache not found`); the usual cause is `export GOPATH=$GOPATH:…` with GOPATH unset",
                    lossy(&g.value)
                ),
                cx.set_fix("GOPATH", &fixed, Some(g)),
                cx.ev("GOPATH", g),
            ));
            return;
        }
    }
    let home_go = cx.env.home().map(|h| p.join(h.as_os_str(), "go"));
    if gp.is_none() {
        let goroot_is_home_go = cx
            .goroot
            .as_ref()
            .zip(home_go.as_ref())
            .is_some_and(|(g, h)| p.path_eq(&g.value, h));
        if cx.env.home().is_none() || goroot_is_home_go {
            let why = if cx.env.home().is_none() {
                format!("{} is unset and GOPATH is not set", p.home_var())
            } else {
                format!(
                    "GOROOT={} is where the default GOPATH would be, so GOPATH is empty",
                    lossy(home_go.as_deref().unwrap_or_default())
                )
            };
            let mut ev = Vec::new();
            if let Some(g) = &cx.goroot {
                ev.extend(cx.ev("GOROOT", g));
            }
            out.push(finding(
                "gopath-unresolvable",
                format!("{why}: `go install` and modules fail (`module cache not found: neither GOMODCACHE nor GOPATH is set`)"),
                set_cmd(cx.opts.shell, "GOPATH", "/absolute/path/to/gopath"),
                ev,
            ));
            return;
        }
    }
    // GOPATH (set or default) equal to GOROOT.
    let root = cx
        .goroot
        .as_ref()
        .map(|g| g.value.clone())
        .or_else(|| cx.active_tc().map(|t| t.root.clone().into_os_string()));
    let Some(root) = root else { return };
    let entries: Vec<OsString> = match &gp {
        Some(g) => p
            .split_list(&g.value)
            .into_iter()
            .filter(|e| !e.is_empty())
            .collect(),
        None => home_go.into_iter().collect(),
    };
    if let Some(e) = entries.iter().find(|e| p.path_eq(e, &root)) {
        let (fix, ev) = match &gp {
            Some(g) => (cx.unset_fix("GOPATH", g), cx.ev("GOPATH", g)),
            None => (
                format!(
                    "move Go out of {} (e.g. to /usr/local/go), or {}",
                    lossy(e),
                    set_cmd(cx.opts.shell, "GOPATH", "/absolute/path/to/gopath")
                ),
                vec![Evidence::note(format!(
                    "default GOPATH {} (GOPATH unset)",
                    lossy(e)
                ))],
            ),
        };
        out.push(finding(
            "gopath-equals-goroot",
            format!(
                "GOPATH {} is the GOROOT: go warns `GOPATH set to GOROOT ({}) has no effect` and puts modules inside the toolchain",
                lossy(e),
                lossy(&root)
            ),
            fix,
            ev,
        ));
    }
}

/// What a `~` or relative entry means, as a fix writes it: `~` through the
/// one expander (`sys::expand::tilde`), a relative path against the current
/// directory.
fn expand_tilde(cx: &Ctx, e: &OsStr) -> String {
    let t = crate::sys::expand::tilde(e, cx.env).unwrap_or(std::borrow::Cow::Borrowed(e));
    if !cx.env.platform.is_absolute(&t) && bytes(&t).first() != Some(&b'~') {
        return lossy(&cx.env.platform.join(cx.env.cwd.as_os_str(), &lossy(&t)));
    }
    lossy(&t)
}

/// gobin-relative, gobin-not-on-path.
pub(super) fn gobin(cx: &Ctx, out: &mut Vec<Finding>) {
    let p = cx.env.platform;
    if let Some(b) = cx.setting("GOBIN") {
        if starts_tilde(&b.value) || !p.is_absolute(&b.value) {
            out.push(finding(
                "gobin-relative",
                format!(
                    "GOBIN={} is not absolute: `go install` fails with `cannot install, GOBIN must be an absolute path`",
                    lossy(&b.value)
                ),
                cx.set_fix("GOBIN", &expand_tilde(cx, &b.value), Some(&b)),
                cx.ev("GOBIN", &b),
            ));
            return;
        }
    }
    let root = cx.effective_root().map(|t| t.root.as_path());
    let Some(bin) = crate::go::settings::gobin(cx.env, cx.file, root) else {
        return;
    };
    if starts_tilde(&bin) || !p.is_absolute(&bin) {
        return; // gopath-relative reports it
    }
    if cx.path().iter().any(|e| p.path_eq(e, &bin)) {
        return;
    }
    let b = lossy(&bin);
    let from = if cx.setting("GOBIN").is_some() {
        "GOBIN"
    } else {
        "GOPATH[0]/bin"
    };
    out.push(finding(
        "gobin-not-on-path",
        format!("{b} ({from}) is not on PATH: tools installed with `go install` are \"not found\""),
        format!(
            "{}   (`{}` does this)",
            path_prepend_cmd(cx.opts.shell, &b),
            cx.opts.front.activation()
        ),
        vec![Evidence::note(format!("{from} = {b}"))],
    ));
}

pub(super) fn gocache(cx: &Ctx, out: &mut Vec<Finding>) {
    let p = cx.env.platform;
    for key in ["GOCACHE", "GOMODCACHE"] {
        let Some(s) = cx.setting(key) else { continue };
        let v = lossy(&s.value);
        let why = if key == "GOCACHE" && v == "off" {
            "build cache is disabled by GOCACHE=off, but required as of Go 1.12"
        } else if starts_tilde(&s.value) || !p.is_absolute(&s.value) {
            "is not an absolute path"
        } else {
            continue;
        };
        out.push(finding(
            "gocache-invalid",
            format!("{key}={v}: {why}; go build fails"),
            cx.unset_fix(key, &s),
            cx.ev(key, &s),
        ));
    }
}

/// path-duplicates, path-empty-entry, path-relative-entry, path-nonexistent.
pub(super) fn path_entries(cx: &Ctx, out: &mut Vec<Finding>) {
    let p = cx.env.platform;
    let path = cx.path();
    let sep = p.list_sep() as char;
    // duplicates
    let mut dups: Vec<(usize, &OsString, usize)> = Vec::new();
    for (i, e) in path.iter().enumerate() {
        if e.is_empty() {
            continue;
        }
        if let Some(first) = path[..i]
            .iter()
            .position(|x| !x.is_empty() && p.path_eq(x, e))
        {
            dups.push((i, e, first));
        }
    }
    if !dups.is_empty() {
        let names: Vec<String> = dups
            .iter()
            .map(|(i, e, f)| format!("{} (entries {f} and {i})", lossy(e)))
            .collect();
        out.push(finding(
            "path-duplicates",
            format!("PATH lists the same directory twice: {}", names.join(", ")),
            "remove the later copies from your start-up files (goenv-hook init dedupes PATH)"
                .into(),
            dups.iter()
                .map(|(i, e, _)| Evidence::entry(*i, e))
                .collect(),
        ));
    }
    // empty entries
    let empties: Vec<usize> = path
        .iter()
        .enumerate()
        .filter(|(_, e)| e.is_empty())
        .map(|(i, _)| i)
        .collect();
    if !empties.is_empty() {
        let where_: Vec<String> = empties
            .iter()
            .map(|&i| {
                if i == 0 {
                    format!("a leading `{sep}`")
                } else if i + 1 == path.len() {
                    format!("a trailing `{sep}`")
                } else {
                    format!("`{sep}{sep}` at entry {i}")
                }
            })
            .collect();
        out.push(finding(
            "path-empty-entry",
            format!(
                "PATH has an empty entry ({}): it means the current directory, so any `go` (or other command) in a directory you cd into runs",
                where_.join(", ")
            ),
            format!("remove the stray `{sep}` from the PATH assignments in your start-up files"),
            empties.iter().map(|&i| Evidence::entry(i, OsStr::new(""))).collect(),
        ));
    }
    // relative entries
    for (i, e) in path.iter().enumerate() {
        if e.is_empty() || (p.is_absolute(e) && !starts_tilde(e)) {
            continue;
        }
        let s = lossy(e);
        let why = if s.starts_with('~') {
            "a literal `~` (shells do not expand it inside PATH for other programs)"
        } else {
            "relative: it depends on the current directory"
        };
        let fix = if s.starts_with('~') {
            format!("write {} instead of {s}", expand_tilde(cx, e))
        } else {
            format!("replace {s} with an absolute path")
        };
        out.push(finding(
            "path-relative-entry",
            format!("PATH entry {i} `{s}` is {why}"),
            fix,
            vec![Evidence::entry(i, e)],
        ));
    }
    // nonexistent (the probe never stats on the prompt path, nor on
    // network mounts)
    let missing: Vec<(usize, &OsString)> = cx
        .facts
        .full
        .missing_path_entries
        .iter()
        .filter_map(|&i| Some((i, path.get(i)?)))
        // goenv-hook's own entries (a GOBIN that `go install` makes on
        // first use) are not the user's to remove.
        .filter(|(_, e)| !cx.is_managed(e))
        .collect();
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|(_, e)| lossy(e)).collect();
        out.push(finding(
            "path-nonexistent",
            format!("PATH entries that do not exist: {}", names.join(", ")),
            "remove them from your start-up files".into(),
            missing
                .iter()
                .map(|(i, e)| Evidence::entry(*i, e))
                .collect(),
        ));
    }
}
