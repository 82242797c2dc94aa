//! The `go env -w` file and the grammar of Go's settings: goenv-file-*, gosumdb-*, goproxy-invalid, goprivate-suspicious, goflags-invalid, go111module-*, gotoolchain-invalid, goarch-var-invalid.

use super::*;
use crate::go::validate::{self, ToolchainMode};

/// goenv-file-overridden, goenv-file-malformed.
pub(super) fn goenv_file(cx: &Ctx, out: &mut Vec<Finding>) {
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

pub(super) fn gosumdb(cx: &Ctx, out: &mut Vec<Finding>) {
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

pub(super) fn goproxy(cx: &Ctx, out: &mut Vec<Finding>) {
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
        layer: crate::go::settings::Layer::GoenvFile(f.path.clone(), e.line),
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

pub(super) fn goprivate(cx: &Ctx, out: &mut Vec<Finding>) {
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

pub(super) fn goflags(cx: &Ctx, out: &mut Vec<Finding>) {
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
    if pf.kind != crate::facts::project::Kind::GoWork
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

pub(super) fn go111module(cx: &Ctx, out: &mut Vec<Finding>) {
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

pub(super) fn gotoolchain(cx: &Ctx, out: &mut Vec<Finding>) {
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
            (Some(v), _) if !v.at_least("1.21") => {
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

pub(super) fn goarch(cx: &Ctx, out: &mut Vec<Finding>) {
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
            unset_cmd(cx.opts.shell, which)
                + &fix_shell(cx.opts.shell).comment("`go tool dist list` shows valid pairs"),
            ev,
        ));
    }
}
