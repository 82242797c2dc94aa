//! Module loading as the go that runs does it (`modload.Init`,
//! `LoadModFile`, `commitRequirements`): GO111MODULE, GOWORK, `$GOPATH/go.mod`,
//! go.mod parse errors, too-new errors, godebug lines, `go mod tidy` demands.

use super::*;

/// What a toolchain named `running` does when a module-aware command loads
/// the main module (modload.Init, LoadModFile, commitRequirements).
pub(super) fn load_module(cx: &mut Cx, running: &str, d: &Decision) -> Module {
    let vers = {
        let v = gover::from_toolchain(running);
        if v.is_empty() {
            return Module::Unknown {
                why: format!("{running} is not a version go knows"),
            };
        }
        v.to_string()
    };
    let rules = Rules::for_version(&vers);
    // InitWorkfile (GOWORK) comes before Init (GO111MODULE).
    let work = match find_go_work(cx, WorkCaller::Command(rules)) {
        Ok(w) => w,
        Err(e) => return Module::Fail { error: e },
    };
    let must_use = match cx.env("GO111MODULE").value.as_slice() {
        b"on" | b"" => true,
        b"auto" => false,
        b"off" => return Module::ModulesOff,
        v => {
            return Module::Fail {
                error: GoError::new(format!(
                    "go: unknown environment setting GO111MODULE={}",
                    lossy(v)
                )),
            }
        }
    };
    if let Some(w) = work {
        // Init: setDefaultBuildMod refuses -mod=mod in workspace mode.
        if let Some(m) = goflags_mod(cx) {
            let ok = m == "readonly" || (m == "vendor" && rules >= Rules::Go122);
            if !ok {
                let msg = if rules >= Rules::Go122 {
                    format!("go: -mod may only be set to readonly or vendor when in workspace mode, but it is set to {}\n\tRemove the -mod flag to use the default readonly value, \n\tor set GOWORK=off to disable workspace mode.", quote(m.as_bytes()))
                } else {
                    format!("go: -mod may only be set to readonly when in workspace mode, but it is set to {}\n\tRemove the -mod flag to use the default readonly value,\n\tor set GOWORK=off to disable workspace mode.", quote(m.as_bytes()))
                };
                return Module::Fail {
                    error: GoError::new(msg),
                };
            }
        }
        if let Some(m) = gopath_go_mod(cx, rules, must_use) {
            return m;
        }
        return load_workspace(cx, rules, &vers, &w, d);
    }
    let root = match find_module_root(cx.world, cx.input.cwd) {
        None if !must_use => return Module::ModulesOff,
        None => None,
        Some(r) if same_dir(&r, cx.input.tmpdir) => {
            cx.notes.push(format!(
                "go: warning: ignoring go.mod in system temp root {}",
                cx.input.tmpdir.display()
            ));
            if !must_use {
                return Module::ModulesOff;
            }
            None
        }
        Some(r) => Some(r),
    };
    if let Some(m) = gopath_go_mod(cx, rules, must_use) {
        return m;
    }
    let Some(root) = root else {
        return Module::NoModule;
    };
    let gomod = root.join("go.mod");
    let Some(data) = cx.world.read(&gomod).map(Cow::into_owned) else {
        return Module::Unknown {
            why: format!("{} cannot be read", gomod.display()),
        };
    };
    match read_mod_file(cx, rules, &vers, &gomod, &data, d) {
        Err(e) => Module::Fail { error: e },
        Ok(f) => {
            if let Some(q) = f.queries.first() {
                return Module::Unknown {
                    why: format!(
                        "{}:{}: go resolves {} {} {} over the network",
                        cx.short(&gomod),
                        q.line,
                        q.verb,
                        q.path,
                        q.version
                    ),
                };
            }
            // godebug lines (1.23)
            for (k, v, line) in &f.godebug {
                match check_godebug(k, v, &vers) {
                    Ok(()) => {}
                    Err(GodebugErr::Refused(e)) => {
                        return Module::Fail {
                            error: GoError::new(format!(
                                "go: error loading go.mod:\n{}:{line}: {e}",
                                cx.short(&gomod)
                            ))
                            .at(&gomod, Some(*line)),
                        };
                    }
                    Err(GodebugErr::Unknown(why)) => return Module::Unknown { why },
                }
            }
            if let (Some(m), Some(raw)) = (&f.module, &f.module_raw) {
                if let Err(e) = gomod::check_import_path(raw, "module") {
                    return Module::Fail {
                        error: GoError::new(format!("go: {e}")).at(&gomod, Some(m.line)),
                    };
                }
            }
            tidy_demand(cx, rules, &gomod, &f)
        }
    }
}

/// Init's check of GOPATH[0]/go.mod: Go 1.22+ ignores it with a warning
/// (and leaves module mode if GO111MODULE=auto); 1.19 and 1.21 stop.
pub(super) fn gopath_go_mod(cx: &mut Cx, rules: Rules, must_use: bool) -> Option<Module> {
    let gp0 = super::exec::gopath0(cx);
    let gp = gp0.filter(|gp| cx.world.is_file(&gp.join("go.mod")))?;
    if rules < Rules::Go122 {
        return Some(Module::Fail {
            error: GoError::new("$GOPATH/go.mod exists but should not")
                .at(&gp.join("go.mod"), None),
        });
    }
    cx.notes.push(format!(
        "go: warning: ignoring go.mod in $GOPATH {}",
        gp.display()
    ));
    (!must_use).then_some(Module::ModulesOff)
}

/// The settings of Go 1.23's `internal/godebugs` table: the keys a
/// `godebug` line may name (tests/go_tables.rs checks this list against
/// the installed sources).
pub const GODEBUGS_GO123: &[&str] = &[
    "asynctimerchan",
    "execerrdot",
    "gocachehash",
    "gocachetest",
    "gocacheverify",
    "gotypesalias",
    "http2client",
    "http2debug",
    "http2server",
    "httplaxcontentlength",
    "httpmuxgo121",
    "httpservecontentkeepheaders",
    "installgoroot",
    "jstmpllitinterp",
    "multipartfiles",
    "multipartmaxheaders",
    "multipartmaxparts",
    "multipathtcp",
    "netdns",
    "netedns0",
    "panicnil",
    "randautoseed",
    "tarinsecurepath",
    "tls10server",
    "tls3des",
    "tlskyber",
    "tlsmaxrsasize",
    "tlsrsakex",
    "tlsunsafeekm",
    "winreadlinkvolume",
    "winsymlink",
    "x509keypairleaf",
    "x509negativeserial",
    "x509sha1",
    "x509usefallbackroots",
    "x509usepolicies",
    "zipinsecurepath",
];

/// Why a godebug line is refused (`modload.CheckGodebug`).
pub(super) enum GodebugErr {
    Refused(String),
    /// A key the model does not know for this release (not Go 1.23).
    Unknown(String),
}

/// `modload.CheckGodebug` for the go that runs (version `local`).
pub(super) fn check_godebug(k: &str, v: &str, local: &str) -> Result<(), GodebugErr> {
    let refused = |m: String| Err(GodebugErr::Refused(m));
    if k.contains([' ', '\t']) {
        return refused("key contains space".into());
    }
    if v.contains([' ', '\t']) {
        return refused("value contains space".into());
    }
    if k.contains(',') {
        return refused("key contains comma".into());
    }
    if v.contains(',') {
        return refused("value contains comma".into());
    }
    if k == "default" {
        let ok = v.strip_prefix("go").filter(|x| gover::is_valid(x));
        let Some(x) = ok else {
            return refused("value for default= must be goVERSION".into());
        };
        if gover::compare(x, local).is_gt() {
            return refused(format!("default={v} too new (toolchain is go{local})"));
        }
        return Ok(());
    }
    if GODEBUGS_GO123.contains(&k) {
        return Ok(());
    }
    if gover::lang(local) == "1.23" {
        refused(format!("unknown godebug {}", quote(k.as_bytes())))
    } else {
        Err(GodebugErr::Unknown(format!(
            "godebug {k}: whether go{local} knows this setting is not modelled"
        )))
    }
}

/// The explanation TooNewError appends (`gover.Startup`).
pub(super) fn too_new_explain(cx: &Cx, d: &Decision) -> String {
    let gt = lossy(&d.gotoolchain.value);
    let mut s = String::new();
    if d.rules == Rules::Go119 {
        return s;
    }
    if !gt.is_empty() && gt != "auto" && will_be_enabled(cx) {
        s.push_str(&format!("; GOTOOLCHAIN={gt}"));
    }
    if let Some(f) = &d.file {
        if d.switching {
            let tc = f.toolchain.as_ref().map(|t| t.0.as_str()).unwrap_or("");
            let auto_tc = if tc == "default" {
                "default".to_string()
            } else {
                match &d.chosen_by {
                    ChosenBy::ToolchainLine { .. } => tc.to_string(),
                    _ => String::new(),
                }
            };
            let auto_go = match &d.chosen_by {
                ChosenBy::GoLine { .. } => f.go.as_ref().map(|g| g.0.clone()).unwrap_or_default(),
                _ => String::new(),
            };
            if !auto_go.is_empty() || !auto_tc.is_empty() {
                s.push_str(&format!("; {} sets ", cx.short(&f.path)));
                if !auto_tc.is_empty() {
                    s.push_str(&format!("toolchain {auto_tc}"));
                } else {
                    s.push_str(&format!("go {auto_go}"));
                }
            }
        }
    }
    s
}

/// How `modload.Query` ends for a version go.mod does not give
/// canonically, when that is known without the network: a malformed module
/// path, an invalid GOPROXY, or a proxy list that only says "not here"
/// (`off`, GOPRIVATE/GONOPROXY).
pub(super) fn query_resolver(cx: &Cx) -> impl Fn(&str, &str) -> gomod::Resolved {
    let goproxy = lossy(&cx.env("GOPROXY").value);
    let goprivate = lossy(&cx.env("GOPRIVATE").value);
    let gonoproxy = lossy(&cx.input.env.get_or("GONOPROXY", goprivate.as_bytes()));
    move |path: &str, _vers: &str| {
        use gomod::Resolved;
        let list = match proxy_list(&goproxy, &gonoproxy) {
            Ok(l) => l,
            Err(e) => return Resolved::Error(e),
        };
        if path != "go" && path != "toolchain" {
            if let Err(e) = gomod::check_module_path(path.as_bytes()) {
                return Resolved::Error(e);
            }
        }
        let private = match_prefix_patterns(&gonoproxy, path);
        let mut last = String::new();
        for p in &list {
            match p.url.as_str() {
                "noproxy" if private => return Resolved::Unknown,
                "noproxy" => last = "path does not match GOPRIVATE/GONOPROXY".into(),
                _ if private => last = "disabled by GOPRIVATE/GONOPROXY".into(),
                "off" => last = "module lookup disabled by GOPROXY=off".into(),
                _ => return Resolved::Unknown,
            }
        }
        Resolved::Error(last)
    }
}

/// `modload.ReadModFile`.
pub(super) fn read_mod_file(
    cx: &Cx,
    rules: Rules,
    vers: &str,
    gomod: &Path,
    data: &[u8],
    d: &Decision,
) -> Result<gomod::File, GoError> {
    let name = if rules == Rules::Go119 {
        gomod.to_string_lossy().into_owned()
    } else {
        cx.short(gomod)
    };
    let resolve = query_resolver(cx);
    let f = match gomod::parse_with(Kind::GoMod, rules, &name, data, &resolve) {
        Ok(f) => f,
        Err(e) => {
            let line = e.0.first().map(|e| e.pos.line);
            let msg = if rules == Rules::Go119 {
                format!("go: errors parsing go.mod:\n{e}")
            } else {
                format!("go: errors parsing {name}:\n{e}")
            };
            return Err(GoError::new(msg).at(gomod, line));
        }
    };
    if rules >= Rules::Go121 {
        if let Some(g) = &f.go {
            if gover::compare(&g.value, vers).is_gt() {
                let mut e = GoError::new(format!(
                    "go: {name} requires go >= {} (running go {vers}{})",
                    g.value,
                    too_new_explain(cx, d)
                ))
                .at(gomod, Some(g.line));
                e.too_new = true;
                return Err(e);
            }
        }
    }
    if f.module.is_none() {
        let msg = if rules == Rules::Go119 {
            "go: no module declaration in go.mod. To specify the module path:\n\tgo mod edit -module=example.com/mod".to_string()
        } else {
            format!("go: error reading {name}: missing module declaration. To specify the module path:\n\tgo mod edit -module=example.com/mod")
        };
        return Err(GoError::new(msg).at(gomod, None));
    }
    Ok(f)
}

/// The `-mod` flag from GOFLAGS (`-mod=x` or `--mod=x`), if set.
pub(super) fn goflags_mod(cx: &Cx) -> Option<String> {
    let g = lossy(&cx.env("GOFLAGS").value);
    let mut out = None;
    for w in g.split_ascii_whitespace() {
        let w = w
            .strip_prefix("--")
            .or_else(|| w.strip_prefix('-'))
            .unwrap_or(w);
        if let Some(v) = w.strip_prefix("mod=") {
            out = Some(v.to_string());
        }
    }
    out
}

/// `commitRequirements` for a single main module under -mod=readonly: the
/// toolchain line go would drop makes the file dirty.
pub(super) fn tidy_demand(cx: &Cx, rules: Rules, gomod: &Path, f: &gomod::File) -> Module {
    if rules == Rules::Go119 {
        return Module::Ok;
    }
    let Some(tc) = &f.toolchain else {
        return Module::Ok;
    };
    let go_version = f.go.as_ref().map(|g| g.value.as_str()).unwrap_or("1.16");
    let tv = gover::from_toolchain(&tc.value);
    let dropped = tc.value == format!("go{go_version}") || gover::compare(tv, "1.21").is_lt();
    if !dropped {
        return Module::Ok;
    }
    let msg = match goflags_mod(cx).as_deref() {
        Some("mod") => return Module::Ok,
        Some(m) => format!(
            "go: updates to go.mod needed, disabled by -mod={m}; to update it:\n\tgo mod tidy"
        ),
        None => "go: updates to go.mod needed; to update it:\n\tgo mod tidy".to_string(),
    };
    Module::Fail {
        error: GoError::new(msg).at(gomod, Some(tc.line)),
    }
}
