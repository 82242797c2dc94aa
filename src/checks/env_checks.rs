//! `class: env` checks: variables, PATH, the `go env -w` file, WSL, mounts.

use super::validate::{self, ToolchainMode};
use super::*;
use crate::probe::same_dir;

pub(super) fn run(cx: &Ctx, out: &mut Vec<Finding>) {
    goroot_vs_active(cx, out);
    goroot_in_goenv_file(cx, out);
    multiple_go_on_path(cx, out);
    go_is_shim(cx, out);
    gopath(cx, out);
    gobin(cx, out);
    gocache(cx, out);
    path_entries(cx, out);
    goenv_file(cx, out);
    gosumdb(cx, out);
    goproxy(cx, out);
    goprivate(cx, out);
    goflags(cx, out);
    go111module(cx, out);
    gotoolchain(cx, out);
    goarch(cx, out);
    wsl(cx, out);
    modcache_fs(cx, out);
    nonascii(cx, out);
}

/// goroot-mismatch, goroot-other-tree, goroot-unneeded.
fn goroot_vs_active(cx: &Ctx, out: &mut Vec<Finding>) {
    let (Some(g), Some(gt), Some(at)) = (&cx.goroot, &cx.goroot_tc, cx.active_tc()) else {
        return;
    };
    let gv = cx.lossy(&g.value);
    let same = same_dir(&gt.root, &at.root);
    match (&gt.version, &at.version) {
        (Some(a), Some(b)) if a != b && !same => {
            out.push(finding(
                "goroot-mismatch",
                format!(
                    "GOROOT={gv} is {} but the active go ({}) is {}: builds fail with `compile: version \"{}\" does not match go tool version \"{}\"`",
                    gov(a),
                    path_lossy(&at.go_bin),
                    gov(b),
                    gov(a),
                    gov(b)
                ),
                cx.unset_fix("GOROOT", g),
                {
                    let mut e = cx.ev("GOROOT", g);
                    e.push(Evidence::binary(&at.go_bin, Some(b)));
                    e
                },
            ));
            return;
        }
        _ => {}
    }
    if g.source != VarSource::Env {
        return;
    }
    if !same {
        out.push(finding(
            "goroot-other-tree",
            format!(
                "GOROOT={gv} is another toolchain tree ({}) than the active go's {}: they drift apart at the next upgrade",
                opt_gov(gt.version.as_ref()),
                path_lossy(&at.root)
            ),
            cx.unset_fix("GOROOT", g),
            cx.ev("GOROOT", g),
        ));
    } else {
        // goenv-hook set it itself (config `goroot = "export"`): not the user's.
        let ours = cx.facts.state.as_ref().is_some_and(|s| {
            s.vars
                .iter()
                .any(|r| r.name == "GOROOT" && r.now.as_deref() == Some(g.value.as_os_str()))
        });
        if !ours {
            out.push(finding(
                "goroot-unneeded",
                format!(
                    "GOROOT={gv} is the active go's own root: go finds it by itself, and the export goes stale at the next upgrade"
                ),
                "remove the GOROOT export from your shell's start-up files".into(),
                cx.ev("GOROOT", g),
            ));
        }
    }
}

fn goroot_in_goenv_file(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(f) = cx.file else { return };
    let Some(e) = f.entries.iter().rev().find(|e| e.key == "GOROOT") else {
        return;
    };
    out.push(finding(
        "goroot-in-goenv-file",
        format!(
            "{} line {} sets GOROOT={}: it outlives every install and upgrade",
            path_lossy(&f.path),
            e.line,
            cx.lossy(&e.value)
        ),
        format!(
            "go env -u GOROOT   (if go itself fails, delete line {} of {} by hand)",
            e.line,
            path_lossy(&f.path)
        ),
        vec![
            Evidence::file(&f.path, Some(e.line)),
            Evidence::var("GOROOT", &e.value, VarSource::GoenvFile),
        ],
    ));
}

fn hit_version(cx: &Ctx, h: &GoHit) -> Option<GoVersion> {
    if let Some(v) = h.toolchain.as_ref().and_then(|t| t.version.clone()) {
        return Some(v);
    }
    let r = h.shim.as_ref()?.resolves_to.as_ref()?;
    crate::toolchain::inspect_root(r, cx.env)?.version
}

fn multiple_go_on_path(cx: &Ctx, out: &mut Vec<Finding>) {
    let managed: Vec<Vec<u8>> = cx
        .facts
        .state
        .as_ref()
        .map(|s| {
            s.managed
                .iter()
                .map(|m| cx.env.platform.path_key(m))
                .collect()
        })
        .unwrap_or_default();
    let mut distinct: Vec<&GoHit> = Vec::new();
    for h in cx.hits.iter().filter(|h| h.problem.is_none()) {
        if managed.contains(&cx.env.platform.path_key(&h.dir)) {
            continue;
        }
        let key = h.resolved.as_ref().unwrap_or(&h.path);
        if !distinct
            .iter()
            .any(|d| d.resolved.as_ref().unwrap_or(&d.path) == key || same_dir(&d.path, &h.path))
        {
            distinct.push(h);
        }
    }
    if distinct.len() < 2 {
        return;
    }
    let describe = |h: &GoHit| {
        format!(
            "{} ({})",
            path_lossy(&h.path),
            opt_gov(hit_version(cx, h).as_ref())
        )
    };
    let first = describe(distinct[0]);
    let rest: Vec<String> = distinct[1..].iter().map(|h| describe(h)).collect();
    out.push(finding(
        "multiple-go-on-path",
        format!(
            "{} distinct go binaries on PATH: {first} shadows {}",
            distinct.len(),
            rest.join(", ")
        ),
        format!(
            "remove the stale one, or reorder PATH so the one you want comes first (PATH entry {} comes first now)",
            lossy(&distinct[0].dir)
        ),
        distinct
            .iter()
            .flat_map(|h| {
                [
                    Evidence::entry(h.path_index, &h.dir),
                    Evidence::binary(h.resolved.as_ref().unwrap_or(&h.path), hit_version(cx, h).as_ref()),
                ]
            })
            .collect(),
    ));
}

fn go_is_shim(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(a) = &cx.active else { return };
    let Some(s) = &a.hit.shim else { return };
    let what = match (&s.resolves_to, &a.toolchain) {
        (Some(r), Some(t)) => format!(
            "it runs {} at {}",
            opt_gov(t.version.as_ref()),
            path_lossy(r)
        ),
        (Some(r), None) => format!("it resolves to {}, which is not a Go toolchain", path_lossy(r)),
        (None, _) => "no version is selected for this directory (the shim will fail or use the manager's default)".into(),
    };
    out.push(finding(
        "go-is-shim",
        format!(
            "the active go ({}) is a {} shim; {what}",
            path_lossy(&a.hit.path),
            s.manager
        ),
        "none needed: this explains what runs".into(),
        vec![Evidence::entry(a.hit.path_index, &a.hit.dir)],
    ));
}

fn starts_tilde(v: &OsStr) -> bool {
    bytes(v).first() == Some(&b'~')
}

/// gopath-relative, gopath-equals-goroot, gopath-unresolvable.
fn gopath(cx: &Ctx, out: &mut Vec<Finding>) {
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
                format!(
                    "{} is unset and GOPATH is not set",
                    if p.is_windows() {
                        "USERPROFILE"
                    } else {
                        "HOME"
                    }
                )
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

fn expand_tilde(cx: &Ctx, e: &OsStr) -> String {
    let s = lossy(e);
    if let (Some(rest), Some(h)) = (s.strip_prefix('~'), cx.env.home()) {
        if rest.is_empty() || rest.starts_with('/') || rest.starts_with('\\') {
            return format!("{}{rest}", h.to_string_lossy());
        }
    }
    if !cx.env.platform.is_absolute(e) && !s.starts_with('~') {
        return lossy(&cx.env.platform.join(cx.env.cwd.as_os_str(), &s));
    }
    s
}

/// gobin-relative, gobin-not-on-path.
fn gobin(cx: &Ctx, out: &mut Vec<Finding>) {
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
    let Some(bin) = crate::plan::gobin(cx.env, cx.file, root) else {
        return;
    };
    if starts_tilde(&bin) || !p.is_absolute(&bin) {
        return; // gopath-relative reports it
    }
    if cx.path.iter().any(|e| p.path_eq(e, &bin)) {
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
            "{}   (goenv-hook init does this)",
            path_prepend_cmd(cx.opts.shell, &b)
        ),
        vec![Evidence::note(format!("{from} = {b}"))],
    ));
}

fn gocache(cx: &Ctx, out: &mut Vec<Finding>) {
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
fn path_entries(cx: &Ctx, out: &mut Vec<Finding>) {
    let p = cx.env.platform;
    let path = &cx.path;
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
    // nonexistent (never stat on the prompt path, never on network mounts)
    if cx.opts.cheap_only {
        return;
    }
    let mounts = cx.extra.mounts.as_deref().unwrap_or(&[]);
    let missing: Vec<(usize, &OsString)> = path
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.is_empty() && p.is_absolute(e) && !starts_tilde(e))
        .filter(|(_, e)| {
            let pb = Path::new(e.as_os_str());
            !extra::mount_of(mounts, pb).is_some_and(|m| extra::is_network_fs(&m.fstype))
        })
        .filter(|(_, e)| std::fs::metadata(Path::new(e.as_os_str())).is_err())
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

/// goenv-file-overridden, goenv-file-malformed.
fn goenv_file(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(f) = cx.file else { return };
    let fp = path_lossy(&f.path);
    let mut seen: Vec<&str> = Vec::new();
    for e in f.entries.iter().rev() {
        if seen.contains(&e.key.as_str()) {
            continue;
        }
        seen.push(&e.key);
        let Some(v) = cx.env.get_nonempty(&e.key) else {
            continue;
        };
        if v == e.value.as_os_str() || e.value.is_empty() {
            continue;
        }
        out.push(finding(
            "goenv-file-overridden",
            format!(
                "{} is {} in the environment but {} in {fp} (line {}): the environment wins, so `go env -w {}=…` seems to do nothing",
                e.key,
                lossy(v),
                lossy(&e.value),
                e.line,
                e.key
            ),
            format!(
                "keep one: `{}` and remove its export from your start-up files, or `go env -u {}`",
                unset_cmd(cx.opts.shell, &e.key),
                e.key
            ),
            vec![
                Evidence::var(&e.key, v, VarSource::Env),
                Evidence::file(&f.path, Some(e.line)),
            ],
        ));
    }
    // CRLF: one finding for the whole file.
    let crlf: Vec<usize> = f
        .issues
        .iter()
        .filter(|i| i.kind == "crlf")
        .map(|i| i.line)
        .collect();
    if !crlf.is_empty() {
        let lines: Vec<String> = crlf.iter().map(usize::to_string).collect();
        out.push(finding(
            "goenv-file-malformed",
            format!(
                "{fp} has CRLF line endings (line{} {}): go keeps the `\\r` in the values, which breaks every go command (e.g. `invalid GOTOOLCHAIN \"local\\r\"`)",
                if crlf.len() == 1 { "" } else { "s" },
                lines.join(", ")
            ),
            format!("sed -i 's/\\r$//' {}", sh_quote(&fp)),
            crlf.iter().map(|l| Evidence::file(&f.path, Some(*l))).collect(),
        ));
    }
    for is in f.issues.iter().filter(|i| i.kind != "crlf") {
        let (sev, fix) = match is.kind {
            "gopath-relative-entry" => (
                Severity::Error,
                format!(
                    "edit line {} of {fp} by hand (`go env -u` fails too): absolute paths only",
                    is.line
                ),
            ),
            "duplicate" => (
                Severity::Warn,
                format!("delete line {} of {fp} (a later line wins)", is.line),
            ),
            "ignored" => (
                Severity::Warn,
                format!(
                    "fix or delete line {} of {fp} (go reads only KEY=value lines, KEY starting with A-Z)",
                    is.line
                ),
            ),
            _ => (Severity::Warn, format!("fix line {} of {fp}", is.line)),
        };
        out.push(with_severity(
            finding(
                "goenv-file-malformed",
                format!("{fp} line {}: {}", is.line, is.detail),
                fix,
                vec![Evidence::file(&f.path, Some(is.line))],
            ),
            sev,
        ));
    }
}

fn gosumdb(cx: &Ctx, out: &mut Vec<Finding>) {
    if let Some(s) = cx.setting("GOSUMDB") {
        if let Err(e) = validate::gosumdb(&lossy(&s.value)) {
            out.push(finding(
                "gosumdb-invalid",
                format!(
                    "GOSUMDB={} is not valid: fetching a module without a go.sum entry fails with `verifying module: {e}`",
                    lossy(&s.value)
                ),
                format!(
                    "{}   (a custom URL is written \"sum.golang.org https://…\")",
                    cx.set_fix("GOSUMDB", "sum.golang.org", Some(&s))
                ),
                cx.ev("GOSUMDB", &s),
            ));
        }
    }
    let Some(s) = cx.with_default("GOSUMDB") else {
        return;
    };
    if s.value != "off" {
        return;
    }
    if cx.setting("GO111MODULE").is_some_and(|m| m.value == "off") {
        return;
    }
    let Some(tc) = cx.with_default("GOTOOLCHAIN") else {
        return;
    };
    if !matches!(
        validate::gotoolchain(&lossy(&tc.value)),
        Ok(ToolchainMode::Auto(_))
    ) {
        return;
    }
    let mut ev = cx.ev("GOSUMDB", &s);
    ev.extend(cx.ev("GOTOOLCHAIN", &tc));
    out.push(finding(
        "gosumdb-off-autotoolchain",
        format!(
            "GOSUMDB=off while GOTOOLCHAIN={} allows toolchain downloads: downloading a toolchain needs the checksum database and fails",
            lossy(&tc.value)
        ),
        format!(
            "{}   (for private modules use GOPRIVATE/GONOSUMDB instead of GOSUMDB=off)",
            cx.unset_fix("GOSUMDB", &s)
        ),
        ev,
    ));
}

fn goproxy(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(s) = cx.setting("GOPROXY") else {
        empty_goproxy_line(cx, out);
        return;
    };
    let p = cx.env.platform;
    let abs = |u: &str| p.is_absolute(OsStr::new(u));
    if let Err(e) = validate::goproxy(&lossy(&s.value), &abs) {
        out.push(finding(
            "goproxy-invalid",
            format!("GOPROXY={} is rejected by go: {e}", lossy(&s.value)),
            cx.set_fix("GOPROXY", "https://proxy.golang.org,direct", Some(&s)),
            cx.ev("GOPROXY", &s),
        ));
    }
}

/// `go env -w GOPROXY=` leaves `GOPROXY=` in the file. From Go 1.21 a key
/// in that file hides `$GOROOT/go.env`'s value even when empty, so GOPROXY
/// is empty and every download fails (ground truth in
/// tests/doctor_ground_truth.rs); Go 1.19/1.20 (no go.env) fall back to
/// their built-in default.
fn empty_goproxy_line(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(f) = cx.file else { return };
    let Some(e) = f.entries.iter().rev().find(|e| e.key == "GOPROXY") else {
        return;
    };
    if !e.value.is_empty() || !cx.effective_root().is_some_and(|r| r.has_go_env) {
        return;
    }
    let s = Setting {
        value: OsString::new(),
        source: VarSource::GoenvFile,
        line: Some(e.line),
    };
    out.push(finding(
        "goproxy-invalid",
        format!(
            "GOPROXY is empty: the go env -w file {} sets `GOPROXY=` (line {}), which hides $GOROOT/go.env's https://proxy.golang.org,direct; downloads fail with `GOPROXY list is not the empty string, but contains no entries`",
            path_lossy(&f.path),
            e.line
        ),
        cx.unset_fix("GOPROXY", &s),
        cx.ev("GOPROXY", &s),
    ));
}

fn goprivate(cx: &Ctx, out: &mut Vec<Finding>) {
    for key in ["GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE"] {
        let Some(s) = cx.setting(key) else { continue };
        let problems = validate::private_patterns(&lossy(&s.value));
        if problems.is_empty() {
            continue;
        }
        out.push(finding(
            "goprivate-suspicious",
            format!("{key}: {} ", problems.join("; "))
                .trim_end()
                .to_string(),
            format!(
                "use comma-separated module path globs without spaces or schemes, e.g. {}",
                cx.set_fix(key, "example.com/private,*.corp.example.com", Some(&s))
            ),
            cx.ev(key, &s),
        ));
    }
}

fn goflags(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(s) = cx.setting("GOFLAGS") else {
        return;
    };
    let mut problems = validate::goflags(&lossy(&s.value));
    problems.extend(workspace_mod(cx, &lossy(&s.value)));
    if problems.is_empty() {
        return;
    }
    let fatal = problems.iter().any(|p| p.fatal);
    let everywhere = problems.iter().any(|p| p.everywhere);
    let msgs: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    let f = finding(
        "goflags-invalid",
        format!(
            "GOFLAGS={}: {}{}",
            lossy(&s.value),
            msgs.join("; "),
            if everywhere {
                " (every go command but `go env` fails: `go: parsing $GOFLAGS: …`)"
            } else {
                ""
            }
        ),
        {
            let how = "quote a value with spaces as a whole word: GOFLAGS=\"'-ldflags=-s -w' -trimpath\"; drop unknown flags and -insecure (use GOINSECURE)";
            if s.source == VarSource::GoenvFile {
                // set with `go env -w`: say so, and how to remove it
                format!(
                    "go env -u GOFLAGS   (it is set in {}; or {how})",
                    cx.file.map(|f| path_lossy(&f.path)).unwrap_or_default()
                )
            } else {
                how.into()
            }
        },
        cx.ev("GOFLAGS", &s),
    );
    out.push(if fatal {
        f
    } else {
        with_severity(f, Severity::Warn)
    });
}

/// `-mod=mod` (or any value but readonly/vendor) in GOFLAGS inside a
/// workspace: `go build` refuses it (`-mod may only be set to readonly or
/// vendor when in workspace mode`), while the same GOFLAGS is fine in a
/// module.
fn workspace_mod(cx: &Ctx, v: &str) -> Option<validate::FlagProblem> {
    let pf = cx.facts.project.go_file.as_ref()?;
    if pf.kind != crate::project::Kind::GoWork
        || cx.setting("GO111MODULE").is_some_and(|m| m.value == "off")
    {
        return None;
    }
    let words = validate::quoted_split(v).ok()?;
    let m = words.iter().rev().find_map(|w| {
        w.strip_prefix("--")
            .or_else(|| w.strip_prefix('-'))
            .and_then(|f| f.strip_prefix("mod="))
    })?;
    if m == "readonly" || m == "vendor" {
        return None;
    }
    Some(validate::FlagProblem {
        fatal: true,
        everywhere: false,
        message: format!(
            "-mod={m} is refused in the workspace of {}: builds fail with `-mod may only be set to readonly or vendor when in workspace mode`",
            path_lossy(&pf.path)
        ),
    })
}

fn go111module(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(s) = cx.setting("GO111MODULE") else {
        return;
    };
    let v = lossy(&s.value);
    if let Err(e) = validate::go111module(&v) {
        out.push(finding(
            "go111module-invalid",
            format!("GO111MODULE={v}: go fails with `{e}`"),
            cx.unset_fix("GO111MODULE", &s),
            cx.ev("GO111MODULE", &s),
        ));
        return;
    }
    if v == "off" {
        if let Some(pf) = &cx.facts.project.go_file {
            let mut ev = cx.ev("GO111MODULE", &s);
            ev.push(Evidence::file(&pf.path, None));
            out.push(finding(
                "go111module-off-with-gomod",
                format!(
                    "GO111MODULE=off inside the module of {}: go.mod, go.work and GOTOOLCHAIN are ignored (GOPATH mode)",
                    path_lossy(&pf.path)
                ),
                cx.unset_fix("GO111MODULE", &s),
                ev,
            ));
        }
    }
}

fn gotoolchain(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(s) = cx.setting("GOTOOLCHAIN") else {
        return;
    };
    if let Err(e) = validate::gotoolchain(&lossy(&s.value)) {
        let fix = format!(
            "{}   (valid: auto, local, path, go1.X.Y, go1.X.Y+auto, go1.X.Y+path)",
            cx.set_fix("GOTOOLCHAIN", "auto", Some(&s))
        );
        // Go reads GOTOOLCHAIN only from 1.21 on, and only with modules on
        // (not GO111MODULE=off, nor GO111MODULE=auto outside a module).
        let gm = cx.setting("GO111MODULE").map(|m| lossy(&m.value));
        let ignored_by = match (cx.active_version(), gm.as_deref()) {
            (Some(v), _) if v.major == 1 && v.minor < 21 => {
                Some(format!("go {v} does not know GOTOOLCHAIN"))
            }
            (_, Some("off")) => Some("GO111MODULE=off".to_string()),
            (_, Some("auto")) if cx.facts.project.go_file.is_none() => {
                Some("GO111MODULE=auto outside a module".to_string())
            }
            _ => None,
        };
        let f = finding(
            "gotoolchain-invalid",
            match &ignored_by {
                None => format!("GOTOOLCHAIN={:?}: go fails with `{e}`", lossy(&s.value)),
                Some(why) => format!(
                    "GOTOOLCHAIN={:?} is invalid; ignored here ({why}), but go 1.21+ with modules on fails with `{e}`",
                    lossy(&s.value)
                ),
            },
            fix,
            cx.ev("GOTOOLCHAIN", &s),
        );
        out.push(if ignored_by.is_some() {
            with_severity(f, Severity::Warn)
        } else {
            f
        });
    }
}

fn goarch(cx: &Ctx, out: &mut Vec<Finding>) {
    for name in validate::ARCH_VARS {
        let Some(s) = cx.setting(name) else { continue };
        if let Some(Err(e)) = validate::arch_var(name, &lossy(&s.value)) {
            out.push(finding(
                "goarch-var-invalid",
                format!("{e} (go 1.19–1.22 refuse to build; 1.23+ silently ignore some of these)"),
                cx.unset_fix(name, &s),
                cx.ev(name, &s),
            ));
        }
    }
    let goos = cx.setting("GOOS");
    let goarch = cx.setting("GOARCH");
    if goos.is_none() && goarch.is_none() {
        return;
    }
    let (hos, harch) = validate::host_port();
    let os = goos
        .as_ref()
        .map(|s| lossy(&s.value))
        .unwrap_or_else(|| hos.into());
    let arch = goarch
        .as_ref()
        .map(|s| lossy(&s.value))
        .unwrap_or_else(|| harch.into());
    if !validate::valid_port(&os, &arch) {
        let mut ev = Vec::new();
        if let Some(s) = &goos {
            ev.extend(cx.ev("GOOS", s));
        }
        if let Some(s) = &goarch {
            ev.extend(cx.ev("GOARCH", s));
        }
        let which = if goos.is_some() { "GOOS" } else { "GOARCH" };
        out.push(finding(
            "goarch-var-invalid",
            format!("unsupported GOOS/GOARCH pair {os}/{arch}: every go command fails"),
            format!(
                "{}   (`go tool dist list` shows valid pairs)",
                unset_cmd(cx.opts.shell, which)
            ),
            ev,
        ));
    }
}

fn under_mnt_drive(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 6
        && s.starts_with("/mnt/")
        && b[5].is_ascii_alphabetic()
        && (b.len() == 6 || b[6] == b'/')
}

fn wsl(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(w) = &cx.extra.wsl else { return };
    let mut ev = vec![Evidence::note(format!("WSL detected by {}", w.marker))];
    let mut what = Vec::new();
    for (i, e) in cx.path.iter().enumerate() {
        let s = lossy(e);
        let l = s.to_ascii_lowercase();
        let go_dir = l.trim_end_matches('/').ends_with("/go/bin")
            || l.contains("/go/bin/")
            || l.contains("/scoop/apps/go/");
        if under_mnt_drive(&s) && go_dir {
            what.push(format!("PATH entry {s}"));
            ev.push(Evidence::entry(i, e));
        }
    }
    for key in ["GOROOT", "GOPATH", "GOMODCACHE"] {
        if let Some(s) = cx.setting(key) {
            if cx
                .env
                .platform
                .split_list(&s.value)
                .iter()
                .any(|e| under_mnt_drive(&lossy(e)))
            {
                what.push(format!("{key}={}", lossy(&s.value)));
                ev.extend(cx.ev(key, &s));
            }
        }
    }
    if what.is_empty() {
        return;
    }
    out.push(finding(
        "wsl-windows-go-on-path",
        format!(
            "under WSL, Windows Go locations are in use: {} (Linux `go` never runs go.exe; a Windows GOROOT gives `no such tool \"compile\"`, and /mnt/ is slow and breaks file locks)",
            what.join(", ")
        ),
        "install Linux Go inside WSL (https://go.dev/dl/), keep GOPATH/GOROOT on the Linux disk, and stop importing Windows PATH: add `[interop]` `appendWindowsPath=false` to /etc/wsl.conf, then `wsl --shutdown`".into(),
        ev,
    ));
}

fn modcache_fs(cx: &Ctx, out: &mut Vec<Finding>) {
    if cx.opts.cheap_only {
        return;
    }
    let Some(mounts) = cx.extra.mounts.as_deref() else {
        return;
    };
    let root = cx.effective_root().map(|t| t.root.as_path());
    let mut paths: Vec<(String, PathBuf)> = Vec::new();
    if let Some(m) = crate::plan::gomodcache(cx.env, cx.file) {
        paths.push(("GOMODCACHE".into(), m));
    }
    for g in crate::plan::gopath(cx.env, cx.file, root) {
        paths.push(("GOPATH".into(), PathBuf::from(g)));
    }
    let mut seen = Vec::new();
    for (name, p) in paths {
        if !p.is_absolute() {
            continue;
        }
        let resolved = resolve_existing(&p);
        let Some(m) = extra::mount_of(mounts, &resolved) else {
            continue;
        };
        if !extra::is_nonlocking_fs(&m.fstype) || seen.contains(&m.mount_point) {
            continue;
        }
        seen.push(m.mount_point.clone());
        out.push(finding(
            "modcache-on-nonlocking-fs",
            format!(
                "{name} {} is on {} ({}): module cache locking fails or is very slow there",
                path_lossy(&p),
                path_lossy(&m.mount_point),
                m.fstype
            ),
            {
                // A real path: a quoted `$HOME` would stay literal.
                let local = cx.env.home().map_or_else(
                    || "/var/tmp/go-mod".to_string(),
                    |h| path_lossy(&h.join(".cache/go-mod")),
                );
                format!(
                    "move the module cache to a local disk: {}",
                    set_cmd(cx.opts.shell, "GOMODCACHE", &local)
                )
            },
            vec![Evidence::Mount {
                path: path_lossy(&p),
                mount_point: path_lossy(&m.mount_point),
                fstype: m.fstype.clone(),
            }],
        ));
    }
}

/// The longest existing ancestor canonicalized, with the rest appended.
fn resolve_existing(p: &Path) -> PathBuf {
    let mut cur = p.to_path_buf();
    let mut rest = Vec::new();
    loop {
        if let Ok(c) = std::fs::canonicalize(&cur) {
            let mut out = c;
            for r in rest.iter().rev() {
                out.push(r);
            }
            return out;
        }
        match (cur.file_name().map(|n| n.to_os_string()), cur.parent()) {
            (Some(n), Some(par)) => {
                rest.push(n);
                cur = par.to_path_buf();
            }
            _ => return p.to_path_buf(),
        }
    }
}

fn nonascii(cx: &Ctx, out: &mut Vec<Finding>) {
    let mut hits = Vec::new();
    let mut ev = Vec::new();
    for key in ["GOROOT", "GOPATH", "GOMODCACHE", "GOCACHE", "GOBIN"] {
        if let Some(s) = cx.setting(key) {
            if bytes(&s.value).iter().any(|&b| b == b' ' || !b.is_ascii()) {
                hits.push(format!("{key}={}", lossy(&s.value)));
                ev.extend(cx.ev(key, &s));
            }
        }
    }
    if cx.setting("GOROOT").is_none() {
        if let Some(t) = cx.active_tc() {
            let r = t.root.as_os_str();
            if bytes(r).iter().any(|&b| b == b' ' || !b.is_ascii()) {
                hits.push(format!("GOROOT {}", lossy(r)));
            }
        }
    }
    if cx.setting("GOPATH").is_none() {
        if let Some(h) = cx.env.home() {
            if bytes(h.as_os_str())
                .iter()
                .any(|&b| b == b' ' || !b.is_ascii())
            {
                hits.push(format!("default GOPATH under {}", path_lossy(&h)));
            }
        }
    }
    if hits.is_empty() {
        return;
    }
    let fix = if cx.env.platform.is_windows() {
        "if you use cgo, move these to paths without spaces or non-ASCII characters"
    } else {
        "none needed on Unix"
    };
    out.push(finding(
        "gopath-nonascii-or-space",
        format!(
            "Go paths with spaces or non-ASCII characters: {} (only cgo on Windows still has trouble with them)",
            hits.join(", ")
        ),
        fix.into(),
        ev,
    ));
}
