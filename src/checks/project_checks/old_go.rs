//! Go older than 1.21 in front of a newer go.mod (`gomod-too-new-for-old-go`).

use super::*;

/// Go older than 1.21: no switching, no toolchain lines, go lines `1.N`
/// only. A go.mod written for a newer Go is gomod-too-new-for-old-go; one
/// no Go reads is gomod-invalid; a newer language version builds (with
/// luck) or, from 1.19.13 and 1.20.8, fails (version-vs-gomod).
/// True when it reported the module's failure (its parse error).
pub(super) fn old_go(cx: &Ctx, d: &Decision, r0: &GoVersion, out: &mut Vec<Finding>) -> bool {
    let Some(pf) = cx.facts.project.go_file.as_ref() else {
        return false;
    };
    let fname = pf
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "go.mod".into());
    let p = path_lossy(&pf.path);
    let kind = if pf.kind == crate::facts::project::Kind::GoWork {
        Kind::GoWork
    } else {
        Kind::GoMod
    };
    let readable_by_new_go = gomod::parse(kind, Rules::Go123, &fname, &pf.data).is_ok();
    // go's own words, when it stops reading the file.
    let mut said = None;
    if let Module::Fail { error } = &d.module {
        let parse = error.message.contains("errors parsing")
            || error.message.contains("unknown directive")
            || (error.message.contains("reading go.work") && !error.message.contains("GOWORK"));
        if parse && !readable_by_new_go {
            out.push(gomod_invalid(cx, error));
            return true;
        }
        if parse {
            said = Some(error.message.clone());
        }
    }
    let go_says = |m: &str| match &said {
        Some(s) => format!("go fails with `{s}`"),
        None => m.to_string(),
    };
    let g = pf
        .go
        .as_ref()
        .and_then(|l| GoVersion::parse(&l.value).map(|v| (v, l)));
    let tc = pf.toolchain.as_ref().filter(|l| l.value != "default");
    // What the project needs: its go line's release, its toolchain, and
    // at least 1.21 for what only 1.21 reads.
    let mut need = GoVersion::parse("1.21.0").unwrap_or_else(|| unreachable!());
    if let Some((v, _)) = &g {
        need = need.max(v.first_release());
    }
    if let Some(t) = tc.and_then(|l| GoVersion::from_toolchain(&l.value)) {
        need = need.max(t);
    }
    let upgrade = || match best_install(cx, &need) {
        Some(t) => format!(
            "{} is installed at {}: let goenv-hook select it, or put it first on PATH: {}",
            opt_gov(t.version.as_ref()),
            path_lossy(&t.root),
            path_prepend_cmd(cx.opts.shell, &bin_of(cx.env, &t.root))
        ),
        None => format!(
            "{}   (or https://go.dev/dl/)",
            get_cmd(&toolchain_name(&need))
        ),
    };
    if let Some((g, l)) = &g {
        if g.names_patch() || g.is_prerelease() {
            out.push(
                finding(
                    "gomod-too-new-for-old-go",
                    format!(
                        "{p} line {} says `go {}`, which go {r0} cannot parse: {}",
                        l.line,
                        l.value,
                        go_says(&format!(
                            "`invalid go version '{}': must match format 1.23`",
                            l.value
                        ))
                    ),
                    upgrade(),
                    vec![Evidence::file(&pf.path, Some(l.line))],
                )
                .with_short(format!("{fname} needs go ≥1.21")),
            );
            return said.is_some();
        }
        // 1.19.13+ and 1.20.8+ refuse go lines ≥ 1.22; older ones try.
        let refuses = (r0.lang().as_str() == "1.20" && r0.at_least("1.20.8"))
            || (r0.lang().as_str() == "1.19" && r0.at_least("1.19.13"));
        if g > r0 {
            let fails = refuses && g.at_least("1.22");
            let f = finding(
                "version-vs-gomod",
                format!(
                    "{p} requires go >= {g} (line {}) but go {r0} is active{}",
                    l.line,
                    if fails {
                        format!(": go fails (`{fname} requires go >= {g}`); go {r0} cannot switch toolchains")
                    } else {
                        ": builds may fail with `note: module requires Go …`".into()
                    }
                ),
                upgrade(),
                vec![Evidence::file(&pf.path, Some(l.line))],
            )
            .with_short(wants(&fname, g));
            out.push(if fails {
                f
            } else {
                with_severity(f, Severity::Warn)
            });
        }
    }
    if let Some(l) = tc {
        out.push(
            finding(
                "gomod-too-new-for-old-go",
                format!(
                    "{p} line {} has a `toolchain` line, which go {r0} does not know: {}",
                    l.line,
                    go_says("`unknown directive: toolchain`")
                ),
                upgrade(),
                vec![Evidence::file(&pf.path, Some(l.line))],
            )
            .with_short(format!("{fname} needs go ≥1.21")),
        );
    }
    said.is_some()
}
