//! GOTOOLCHAIN resolution and `toolchain.Select`: whether switching applies
//! (`modload.WillBeEnabled`), the go.work/go.mod Select reads, the minimum,
//! the toolchain and go lines, and the PATH lookup of `Exec`.

use super::*;

/// `modload.WillBeEnabled`, for Select.
pub(super) fn will_be_enabled(cx: &Cx) -> bool {
    match cx.env("GO111MODULE").value.as_slice() {
        b"on" | b"" => true,
        b"auto" => find_go_mod(cx).is_some(),
        _ => false,
    }
}

/// `modload.FindGoMod`: the go.mod file, unless its directory is the
/// system temp root.
pub(super) fn find_go_mod(cx: &Cx) -> Option<PathBuf> {
    let root = find_module_root(cx.world, cx.input.cwd)?;
    if same_dir(&root, cx.input.tmpdir) {
        return None;
    }
    Some(root.join("go.mod"))
}

/// Who looks for go.work: the message for a relative GOWORK differs.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum WorkCaller {
    /// `toolchain.Select` (its log prefix doubles `go: `).
    Select,
    /// `modload.InitWorkfile` (and 1.23's start-up statistics) of a
    /// release.
    Command(Rules),
}

/// `modload.FindGoWork` (Err: go's fatal message).
pub(super) fn find_go_work(cx: &Cx, who: WorkCaller) -> Result<Option<PathBuf>, GoError> {
    let gowork = cx.env("GOWORK").value;
    match gowork.as_slice() {
        b"off" => Ok(None),
        b"" | b"auto" => Ok(find_workspace_file(cx.world, cx.input.cwd, cx.input.goroot)),
        v => {
            let p = PathBuf::from(lossy(v));
            if !p.is_absolute() {
                return Err(GoError::new(match who {
                    WorkCaller::Select => "go: go: invalid GOWORK: not an absolute path",
                    WorkCaller::Command(Rules::Go119) => {
                        "the path provided to GOWORK must be an absolute path"
                    }
                    WorkCaller::Command(_) => "go: invalid GOWORK: not an absolute path",
                }));
            }
            Ok(Some(p))
        }
    }
}

/// The go/toolchain lines as Select reads them.
pub(super) fn lookup_lines(data: &[u8]) -> (String, Option<usize>, String, Option<usize>) {
    let (g, gl) = gover::go_mod_lookup(data, "go");
    let (t, tl) = gover::go_mod_lookup(data, "toolchain");
    (lossy(g), gl, lossy(t), tl)
}

/// What the go that runs checks at start-up for every command, after
/// Select: Go 1.23's usage statistics look for go.work when modules are
/// on, so a relative GOWORK stops every command.
pub(super) fn startup_checks(cx: &mut Cx, d: &mut Decision) {
    let Some(v) = &d.runs_version else { return };
    let runs_local_code = matches!(
        d.run,
        Run::Local
            | Run::Path { .. }
            | Run::ModCache {
                fate: Fate::Succeeds,
                ..
            }
            | Run::Download {
                fate: Fate::Succeeds,
                ..
            }
    );
    if !runs_local_code || Rules::for_version(v) < Rules::Go123 || !will_be_enabled(cx) {
        return;
    }
    if let Err(e) = find_go_work(cx, WorkCaller::Command(Rules::Go123)) {
        d.run = Run::Fail { error: e };
        d.runs_version = None;
    }
}

/// `toolchain.Select` (and `Exec`).
pub(super) fn select(cx: &mut Cx, d: &mut Decision, local_vers: &str) {
    let local = cx.input.local;
    if d.rules == Rules::Go119 {
        return;
    }
    if !will_be_enabled(cx) {
        return;
    }
    let gt = d.gotoolchain.value.clone();
    if gt.is_empty() {
        return;
    }
    let gts = lossy(&gt);
    let fail = |d: &mut Decision, msg: String| {
        d.run = Run::Fail {
            error: GoError::new(msg),
        };
        d.runs_version = None;
    };
    let mut min_toolchain = local.to_string();
    let mut min_vers = local_vers.to_string();
    let mode: String;
    if gts == "auto" || gts == "path" {
        mode = gts.clone();
    } else {
        let (min, suffix, plus) = match gts.find('+') {
            Some(i) => (&gts[..i], &gts[i + 1..], true),
            None => (gts.as_str(), "", false),
        };
        if min != "local" {
            let v = gover::from_toolchain(min);
            if v.is_empty() {
                if plus {
                    return fail(
                        d,
                        format!(
                            "go: invalid GOTOOLCHAIN {}: invalid minimum toolchain {}",
                            quote(&gt),
                            quote(min)
                        ),
                    );
                }
                return fail(d, format!("go: invalid GOTOOLCHAIN {}", quote(&gt)));
            }
            min_toolchain = min.to_string();
            min_vers = v.to_string();
            d.chosen_by = ChosenBy::Minimum;
        }
        if plus && suffix != "auto" && suffix != "path" {
            return fail(
                d,
                format!(
                    "go: invalid GOTOOLCHAIN {}: only version suffixes are +auto and +path",
                    quote(&gt)
                ),
            );
        }
        mode = suffix.to_string();
    }
    let mut gotoolchain = min_toolchain.clone();
    if mode == "auto" || mode == "path" {
        d.switching = true;
        // modGoToolchain
        let mut file = match find_go_work(cx, WorkCaller::Select) {
            Ok(f) => f,
            Err(e) => {
                d.run = Run::Fail { error: e };
                d.runs_version = None;
                return;
            }
        };
        if let Some(f) = &file {
            if !cx.world.is_file(f) && cx.world.read(f).is_none() {
                file = None;
            }
        }
        let kind = if file.is_some() {
            Kind::GoWork
        } else {
            Kind::GoMod
        };
        if file.is_none() {
            file = find_go_mod(cx);
        }
        if let Some(f) = file {
            let Some(data) = cx.world.read(&f).map(Cow::into_owned) else {
                d.run = Run::Fail {
                    error: GoError::new(format!("go: open {}: cannot be read", f.display())),
                };
                d.runs_version = None;
                return;
            };
            let (go_vers, go_line, toolchain, tc_line) = lookup_lines(&data);
            d.file = Some(Consulted {
                path: f.clone(),
                kind,
                go: go_line.map(|l| (go_vers.clone(), l)),
                toolchain: tc_line.map(|l| (toolchain.clone(), l)),
            });
            if toolchain == "default" {
                // keep the minimum
            } else {
                if !toolchain.is_empty() {
                    let tv = gover::from_toolchain(&toolchain);
                    if tv.is_empty() || (!toolchain.starts_with("go") && !toolchain.contains("-go"))
                    {
                        let err = GoError::new(format!(
                            "go: invalid toolchain {} in {}",
                            quote(toolchain.as_bytes()),
                            cx.short(&f)
                        ));
                        d.run = Run::Fail {
                            error: err.at(&f, tc_line),
                        };
                        d.runs_version = None;
                        return;
                    }
                    let newer = match d.rules {
                        Rules::Go121 => gover::compare(tv, &min_vers).is_ge(),
                        _ => gover::compare(tv, &min_vers).is_gt(),
                    };
                    if newer {
                        gotoolchain = toolchain.clone();
                        min_vers = tv.to_string();
                        d.chosen_by = ChosenBy::ToolchainLine {
                            line: tc_line.unwrap_or(0),
                        };
                    }
                }
                if gover::compare(&go_vers, &min_vers).is_gt() {
                    gotoolchain = format!("go{go_vers}");
                    if gover::is_lang(&go_vers) && gover::compare(&go_vers, "1.21").is_ge() {
                        gotoolchain.push_str(".0");
                    }
                    d.chosen_by = ChosenBy::GoLine {
                        line: go_line.unwrap_or(0),
                    };
                }
            }
        }
    }
    d.want = gotoolchain.clone();
    if gotoolchain == "local" || gotoolchain == local {
        d.want = local.to_string();
        if d.chosen_by == ChosenBy::Minimum {
            d.chosen_by = ChosenBy::Local;
        }
        return;
    }
    if !gotoolchain.starts_with("go1") && !gotoolchain.contains("-go1") {
        return fail(
            d,
            format!("go: invalid GOTOOLCHAIN {}", quote(gotoolchain.as_bytes())),
        );
    }
    // Exec
    let path_only = gts == "path" || gts.ends_with("+path");
    match cx.world.look_path(&gotoolchain) {
        PathHit::Found { exe, version } => {
            // The child checks it provides what was asked for.
            if let Some(v) = &version {
                let child_rules = Rules::for_version(gover::from_toolchain(v));
                if child_rules >= Rules::Go121 && *v != gotoolchain {
                    d.run = Run::Fail {
                        error: GoError::new(format!(
                            "go: toolchain {v} invoked to provide {gotoolchain}"
                        )),
                    };
                    d.runs_version = None;
                    return;
                }
            }
            d.runs_version = version
                .as_deref()
                .map(|v| gover::from_toolchain(v).to_string())
                .or_else(|| Some(gover::from_toolchain(&gotoolchain).to_string()));
            d.run = Run::Path {
                name: gotoolchain,
                exe,
            };
        }
        PathHit::Unknown => {
            d.runs_version = None;
            d.run = Run::Unknown {
                name: gotoolchain,
                why: "PATH was not searched".into(),
            };
        }
        PathHit::NotFound => {
            if path_only {
                return fail(
                    d,
                    format!("go: cannot find {} in PATH", quote(gotoolchain.as_bytes())),
                );
            }
            d.run = download(cx, &gotoolchain);
            d.runs_version = match &d.run {
                Run::ModCache {
                    fate: Fate::Succeeds,
                    ..
                }
                | Run::Download {
                    fate: Fate::Succeeds,
                    ..
                } => Some(gover::from_toolchain(&gotoolchain).to_string()),
                _ => None,
            };
        }
    }
}
