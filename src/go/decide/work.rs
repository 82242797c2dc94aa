//! Workspace mode: `loadWorkFile` and the checks of the modules a go.work
//! uses, as each release words them.

use super::*;

/// Workspace mode: `loadWorkFile` and the checks of its modules, as each
/// release words them.
pub(super) fn load_workspace(
    cx: &mut Cx,
    rules: Rules,
    vers: &str,
    work: &Path,
    d: &Decision,
) -> Module {
    let fail = |msg: String, file: &Path, line: Option<usize>| Module::Fail {
        error: GoError::new(msg).at(file, line),
    };
    // How each release reports an error of loadWorkFile (`err` without
    // any prefix).
    let wrap = |err: String| match rules {
        Rules::Go119 => format!("reading go.work: {err}"),
        Rules::Go121 | Rules::Go122 => format!("go: reading go.work: {err}"),
        Rules::Go123 => format!("go: {err}"),
    };
    let Some(data) = cx.world.read(work).map(Cow::into_owned) else {
        let err = match rules {
            Rules::Go123 => format!(
                "reading go.work: open {}: no such file or directory",
                cx.short(work)
            ),
            _ => format!("open {}: no such file or directory", work.display()),
        };
        return fail(wrap(err), work, None);
    };
    let name = if rules >= Rules::Go123 {
        cx.short(work)
    } else {
        work.to_string_lossy().into_owned()
    };
    let wf = match gomod::parse(Kind::GoWork, rules, &name, &data) {
        Ok(f) => f,
        Err(e) => {
            let line = e.0.first().map(|e| e.pos.line);
            let err = if rules >= Rules::Go123 {
                format!("errors parsing go.work:\n{e}")
            } else {
                e.to_string()
            };
            return fail(wrap(err), work, line);
        }
    };
    if rules >= Rules::Go121 {
        if let Some(g) = &wf.go {
            if gover::compare(&g.value, vers).is_gt() {
                return fail(
                    format!(
                        "go: {} requires go >= {} (running go {vers}{})",
                        cx.short(work),
                        g.value,
                        too_new_explain(cx, d)
                    ),
                    work,
                    Some(g.line),
                );
            }
        }
    }
    let wdir = work.parent().unwrap_or(Path::new("/"));
    let mut roots: Vec<PathBuf> = Vec::new();
    for u in &wf.uses {
        let p = if Path::new(&u.value).is_absolute() {
            clean(Path::new(&u.value))
        } else {
            clean(&wdir.join(&u.value))
        };
        if roots.contains(&p) {
            let err = if rules >= Rules::Go123 {
                format!(
                    "error loading go.work:\n{}:{}: path {} appears multiple times in workspace",
                    cx.short(work),
                    u.line,
                    p.display()
                )
            } else {
                format!("path {} appears multiple times in workspace", p.display())
            };
            return fail(wrap(err), work, Some(u.line));
        }
        roots.push(p);
    }
    if rules >= Rules::Go123 {
        for (k, v, line) in &wf.godebug {
            match check_godebug(k, v, vers) {
                Ok(()) => {}
                Err(GodebugErr::Refused(e)) => {
                    return fail(
                        format!("go: error loading go.work:\n{}:{line}: {e}", cx.short(work)),
                        work,
                        Some(*line),
                    );
                }
                Err(GodebugErr::Unknown(why)) => return Module::Unknown { why },
            }
        }
    }
    let wv = wf.go.as_ref().map(|g| g.value.clone());
    let mut errs: Vec<String> = Vec::new();
    let mut first_at: Option<(PathBuf, Option<usize>)> = None;
    let mut unknown: Option<String> = None;
    for root in &roots {
        let gomod = root.join("go.mod");
        let Some(mdata) = cx.world.read(&gomod).map(Cow::into_owned) else {
            let open = if rules == Rules::Go119 {
                gomod.display().to_string()
            } else {
                cx.short(&gomod)
            };
            if rules == Rules::Go119 {
                return fail(
                    format!("go: open {open}: no such file or directory"),
                    work,
                    None,
                );
            }
            errs.push(format!(
                "cannot load module {} listed in go.work file: open {open}: no such file or directory",
                cx.short(root)
            ));
            first_at.get_or_insert((work.to_path_buf(), None));
            continue;
        };
        match read_mod_file(cx, rules, vers, &gomod, &mdata, d) {
            Err(e) => {
                if rules == Rules::Go119 {
                    return Module::Fail { error: e };
                }
                let inner = e
                    .message
                    .strip_prefix("go: ")
                    .unwrap_or(&e.message)
                    .to_string();
                if e.too_new {
                    errs.push(work_too_old(cx, rules, root, &wf, &mod_go(&mdata)));
                } else {
                    errs.push(format!(
                        "cannot load module {} listed in go.work file: {inner}",
                        cx.short(root)
                    ));
                }
                first_at.get_or_insert((e.file.clone().unwrap_or_default(), e.line));
            }
            Ok(f) => {
                if let Some(q) = f.queries.first() {
                    unknown.get_or_insert(format!(
                        "{}: go resolves {} {} over the network",
                        gomod.display(),
                        q.path,
                        q.version
                    ));
                }
                if rules >= Rules::Go121 {
                    let mv =
                        f.go.as_ref()
                            .map(|g| g.value.clone())
                            .unwrap_or_else(|| "1.16".into());
                    let wvv = wv.clone().unwrap_or_else(|| "1.18".into());
                    if gover::compare(&mv, &wvv).is_gt() && gover::compare(&mv, "1.21").is_ge() {
                        errs.push(work_too_old(cx, rules, root, &wf, &mv));
                        first_at
                            .get_or_insert((work.to_path_buf(), wf.go.as_ref().map(|g| g.line)));
                        continue;
                    }
                }
                if let (Some(m), Some(raw)) = (&f.module, &f.module_raw) {
                    if let Err(e) = gomod::check_import_path(raw, "module") {
                        if rules == Rules::Go119 {
                            return fail(format!("go: {e}"), &gomod, Some(m.line));
                        }
                        errs.push(e);
                        first_at.get_or_insert((gomod.clone(), Some(m.line)));
                    }
                }
            }
        }
    }
    if !errs.is_empty() {
        let (file, line) = first_at.unwrap_or((work.to_path_buf(), None));
        let lines: Vec<String> = errs.iter().map(|e| format!("go: {e}")).collect();
        return fail(lines.join("\n"), &file, line);
    }
    if let Some(u) = unknown {
        return Module::Unknown { why: u };
    }
    if roots.is_empty() {
        // A workspace without modules: module commands have no main module.
        return Module::NoModule;
    }
    Module::Ok
}

pub(super) fn mod_go(data: &[u8]) -> String {
    lossy(gover::go_mod_lookup(data, "go").0)
}

pub(super) fn work_too_old(
    cx: &Cx,
    rules: Rules,
    root: &Path,
    wf: &gomod::File,
    mv: &str,
) -> String {
    let (verb, wv) = match &wf.go {
        Some(g) => ("lists", g.value.clone()),
        None if rules >= Rules::Go123 => ("implicitly requires", "1.18".to_string()),
        None => ("lists", "1.18".to_string()),
    };
    format!(
        "module {} listed in go.work file requires go >= {mv}, but go.work {verb} go {wv}; to update it:\n\tgo work use",
        cx.short(root)
    )
}
