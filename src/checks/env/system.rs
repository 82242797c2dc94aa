//! The system around Go: WSL, mounts, non-ASCII paths: wsl-windows-go-on-path, modcache-on-nonlocking-fs, gopath-nonascii-or-space.

use super::*;

fn under_mnt_drive(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 6
        && s.starts_with("/mnt/")
        && b[5].is_ascii_alphabetic()
        && (b.len() == 6 || b[6] == b'/')
}

pub(super) fn wsl(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(w) = &cx.facts.wsl else { return };
    let mut ev = vec![Evidence::note(format!("WSL detected by {}", w.marker))];
    let mut what = Vec::new();
    for (i, e) in cx.path().iter().enumerate() {
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

pub(super) fn modcache_fs(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(mounts) = cx.facts.full.mounts.as_deref() else {
        return;
    };
    let root = cx.effective_root().map(|t| t.root.as_path());
    let mut paths: Vec<(String, PathBuf)> = Vec::new();
    if let Some(m) = crate::go::settings::gomodcache(cx.env, cx.file) {
        paths.push(("GOMODCACHE".into(), m));
    }
    for g in crate::go::settings::gopath(cx.env, cx.file, root) {
        paths.push(("GOPATH".into(), PathBuf::from(g)));
    }
    let mut seen = Vec::new();
    for (name, p) in paths {
        if !p.is_absolute() {
            continue;
        }
        let Some((_, resolved)) = cx.facts.full.resolved_dirs.iter().find(|(d, _)| *d == p) else {
            continue;
        };
        let Some(m) = crate::facts::system::mount_of(mounts, resolved) else {
            continue;
        };
        if !crate::facts::system::is_nonlocking_fs(&m.fstype) || seen.contains(&m.mount_point) {
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

pub(super) fn nonascii(cx: &Ctx, out: &mut Vec<Finding>) {
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
