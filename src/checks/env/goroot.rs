//! GOROOT against the `go` that runs, and the `go` binaries on PATH: goroot-mismatch, goroot-other-tree, goroot-unneeded, goroot-in-goenv-file, multiple-go-on-path, go-is-shim.

use super::*;

/// goroot-mismatch, goroot-other-tree, goroot-unneeded.
pub(in crate::checks) fn goroot_vs_active(cx: &Ctx, out: &mut Vec<Finding>) {
    let (Some(g), Some(gt), Some(at)) = (&cx.goroot, &cx.goroot_tc, cx.active_tc()) else {
        return;
    };
    let gv = cx.lossy(&g.value);
    let same = gt.same_root(at, cx.env.platform);
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
            ).with_short("GOROOT≠go"));
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
        ).with_short("GOROOT≠go"));
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

pub(super) fn goroot_in_goenv_file(cx: &Ctx, out: &mut Vec<Finding>) {
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

/// The version a hit runs (for a shim: the toolchain it resolves to).
fn hit_version(h: &GoHit) -> Option<GoVersion> {
    h.toolchain.as_ref().and_then(|t| t.version.clone())
}

pub(super) fn multiple_go_on_path(cx: &Ctx, out: &mut Vec<Finding>) {
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
        // `resolved` is the binary with every link followed.
        if !distinct
            .iter()
            .any(|d| d.resolved.as_ref().unwrap_or(&d.path) == key)
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
            opt_gov(hit_version(h).as_ref())
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
                    Evidence::binary(h.resolved.as_ref().unwrap_or(&h.path), hit_version(h).as_ref()),
                ]
            })
            .collect(),
    ));
}

pub(super) fn go_is_shim(cx: &Ctx, out: &mut Vec<Finding>) {
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
