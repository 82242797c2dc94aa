//! Whether an install meets each request (`project-toolchain-not-installed`)
//! and whether `.go-version` holds a version (`go-version-file-invalid`).

use super::*;

/// The planner's candidates, and the toolchain that runs.
pub(super) fn candidates<'a>(cx: &'a Ctx) -> Vec<&'a Toolchain> {
    let mut out = crate::plan::candidates(cx.facts);
    if let Some(a) = cx.active_tc() {
        if !out.iter().any(|o| o.same_root(a, cx.env.platform)) {
            out.push(a);
        }
    }
    out
}

pub(super) fn best_install(cx: &Ctx, want: &GoVersion) -> Option<Toolchain> {
    let c = candidates(cx);
    crate::plan::best_match(want, &c, cx.active_tc())
}

/// project-toolchain-not-installed.
pub(super) fn not_installed(cx: &Ctx, out: &mut Vec<Finding>) {
    if !cx.facts.installs_scanned {
        return;
    }
    let cands = candidates(cx);
    let mut seen: Vec<GoVersion> = Vec::new();
    for req in crate::plan::requests(cx.facts, cx.config) {
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
            Rule::Override => crate::plan::pin_match(want, &cands).is_some(),
            _ => crate::plan::best_match(want, &cands, cx.active_tc()).is_some(),
        };
        if ok {
            continue;
        }
        let who = match req.rule {
            Rule::Config => "the goenv-hook config".to_string(),
            Rule::Override => crate::sys::vars::OVERRIDE_VAR.to_string(),
            _ => req
                .file
                .as_ref()
                .map(|f| path_lossy(f))
                .unwrap_or_else(|| "the project".into()),
        };
        let line = req.line.map(|l| format!(" (line {l})")).unwrap_or_default();
        // What the prompt names: the file, or where else the request came from.
        let label = match req.rule {
            Rule::Override => crate::sys::vars::OVERRIDE_VAR.to_string(),
            Rule::Config => "config".to_string(),
            _ => req
                .file
                .as_ref()
                .and_then(|f| f.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "project".into()),
        };
        let n = toolchain_name(want);
        out.push(
            finding(
                "project-toolchain-not-installed",
                format!(
                "{who}{line} asks for go {want}, which no install found on this machine provides"
            ),
                format!(
                    "{}   (or let go fetch it: {})",
                    get_cmd(&n),
                    set_cmd(cx.opts.shell, "GOTOOLCHAIN", &format!("{n}+auto"))
                ),
                req.file
                    .as_ref()
                    .map(|f| vec![Evidence::file(f, req.line)])
                    .unwrap_or_default(),
            )
            .with_short(format!("{label} wants {want}")),
        );
    }
}

/// A `.go-version` whose content is not a version is skipped by the
/// selection (the next rule applies): say so, it was surely meant.
pub(super) fn go_version_file_invalid(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(f) = &cx.facts.project.go_version_file else {
        return;
    };
    let bad = match &f.go {
        Some(l) if crate::go::request::parse_request_version(&l.value).is_none() => {
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
            short: ".go-version: not a version".into(),
        });
    }
}
