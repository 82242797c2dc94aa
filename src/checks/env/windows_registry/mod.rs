//! The persistent Windows environment (what a new terminal starts with,
//! `facts::winenv`): win-machine-go-shadows-user-go,
//! win-persistent-go-var-disagrees, win-persistent-var-unexpanded,
//! win-persistent-path-too-long, win-terminal-path-stale.
//!
//! Fixes never use `setx` (it truncates at 1,024 characters and writes the
//! expanded process PATH, Machine part included, into the User PATH).
//! They are PowerShell `[Environment]::SetEnvironmentVariable(…)` lines
//! (written by PowerShell's escaper), or the System Properties dialog, and
//! end with "open a new terminal". `SetEnvironmentVariable` stores a value
//! as `REG_SZ`, so a value it writes holds no `%NAME%`: the fixes write the
//! entries expanded (what a new terminal gets today); where a reference
//! can't be expanded, the fix is the dialog (which stores a value with `%`
//! as `REG_EXPAND_SZ`).

use super::*;
use crate::facts::winenv::{references, Persistent, RegType, Scope, LIMITS};

/// The System Properties dialog's environment editor.
const DIALOG: &str =
    "System Properties > Environment Variables (`rundll32 sysdm.cpl,EditEnvironmentVariables`)";

pub(super) fn run(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(p) = &cx.facts.full.persistent else {
        return;
    };
    machine_shadows_user(cx, p, out);
    go_vars(cx, p, out);
    unexpanded(cx, p, out);
    too_long(cx, p, out);
    terminal_stale(cx, p, out);
}

/// The PowerShell line that stores `value` as `name` of `scope` (or the
/// dialog when `value` still holds a `%NAME%`), then "open a new terminal".
fn store_fix(scope: Scope, name: &str, value: Option<&str>) -> String {
    let elevated = match scope {
        Scope::Machine => "an elevated PowerShell (Run as administrator)",
        Scope::User => "PowerShell",
    };
    match value.filter(|v| !v.is_empty()) {
        Some(v) if !references(v).is_empty() => format!(
            "edit {name} under {} in {DIALOG}, then open a new terminal",
            scope.dialog()
        ),
        Some(v) => format!(
            "in {elevated}: [Environment]::SetEnvironmentVariable({}, {}, '{}') (or edit it under {} in {DIALOG}), then open a new terminal",
            Shell::Pwsh.word(name),
            Shell::Pwsh.word(v),
            scope.target(),
            scope.dialog()
        ),
        None => format!(
            "in {elevated}: [Environment]::SetEnvironmentVariable({}, $null, '{}') (or delete it under {} in {DIALOG}), then open a new terminal",
            Shell::Pwsh.word(name),
            scope.target(),
            scope.dialog()
        ),
    }
}

/// `scope`'s PATH rewritten: its entries as a new terminal has them
/// (expanded), without those `drop` says.
fn path_without(p: &Persistent, scope: Scope, drop: &dyn Fn(usize) -> bool) -> String {
    let kept: Vec<&str> = p
        .path
        .iter()
        .enumerate()
        .filter(|(i, e)| e.scope == scope && !drop(*i))
        .map(|(_, e)| e.expanded.as_str())
        .collect();
    kept.join(";")
}

fn hit_desc(h: &GoHit) -> String {
    let v = h.toolchain.as_ref().and_then(|t| t.version.as_ref());
    format!("{} ({})", path_lossy(&h.path), opt_gov(v))
}

fn same_go(a: &GoHit, b: &GoHit, p: crate::sys::platform::Platform) -> bool {
    match (&a.toolchain, &b.toolchain) {
        (Some(x), Some(y)) => x.same_root(y, p),
        _ => p.path_eq(a.path.as_os_str(), b.path.as_os_str()),
    }
}

/// win-machine-go-shadows-user-go.
fn machine_shadows_user(cx: &Ctx, p: &Persistent, out: &mut Vec<Finding>) {
    let plat = cx.env.platform;
    let Some(first) = p.running_go() else { return };
    if p.entry_of(first).map(|e| e.scope) != Some(Scope::Machine) {
        return;
    }
    let Some(user) = p.hits.iter().find(|h| {
        h.problem.is_none()
            && p.entry_of(h).map(|e| e.scope) == Some(Scope::User)
            && !same_go(h, first, plat)
    }) else {
        return;
    };
    let first_dir = first.dir.clone();
    let user_dir = user.dir.clone();
    // Keep the Go a request (go.mod, .go-version, the config) selects; by
    // default the user's: added later, on purpose (the plan's default is
    // only what this terminal's PATH runs first).
    let keep_machine = match (&cx.plan.request, &cx.plan.toolchain, &first.toolchain) {
        (Some(_), Some(sel), Some(m)) => sel.same_root(m, plat),
        _ => false,
    };
    let fix = if keep_machine {
        let v = path_without(p, Scope::User, &|i| {
            plat.path_eq(OsStr::new(&p.path[i].expanded), &user_dir)
        });
        format!(
            "goenv-hook selects the Machine PATH's Go: remove {} from the User PATH, {}",
            lossy(&user_dir),
            store_fix(Scope::User, "Path", Some(&v))
        )
    } else {
        let v = path_without(p, Scope::Machine, &|i| {
            plat.path_eq(OsStr::new(&p.path[i].expanded), &first_dir)
        });
        format!(
            "remove {} from the Machine PATH (or uninstall that Go), {}",
            lossy(&first_dir),
            store_fix(Scope::Machine, "Path", Some(&v))
        )
    };
    out.push(finding(
        "win-machine-go-shadows-user-go",
        format!(
            "a new terminal runs {} from the Machine PATH, not {} from the User PATH: Windows puts the Machine PATH before the User PATH",
            hit_desc(first),
            hit_desc(user)
        ),
        fix,
        vec![
            Evidence::entry(first.path_index, &first.dir),
            Evidence::binary(&first.path, first.toolchain.as_ref().and_then(|t| t.version.as_ref())),
            Evidence::entry(user.path_index, &user.dir),
            Evidence::binary(&user.path, user.toolchain.as_ref().and_then(|t| t.version.as_ref())),
            Evidence::note(format!("{} and {}", Scope::Machine.key(), Scope::User.key())),
        ],
    ));
}

fn reg_ev(scope: Scope, name: &str, value: &str) -> Evidence {
    Evidence::note(format!("{}: {name}={value}", scope.key()))
}

/// win-persistent-go-var-disagrees: GOROOT, GOPATH, GOBIN stored in the
/// registry against the toolchain goenv-hook selects (else the one a new
/// terminal runs), goenv-hook's own variables and the `go env -w` file.
fn go_vars(cx: &Ctx, p: &Persistent, out: &mut Vec<Finding>) {
    let plat = cx.env.platform;
    let selected = cx
        .plan
        .toolchain
        .as_ref()
        .or_else(|| p.running_go().and_then(|h| h.toolchain.as_ref()));
    let inside_root = |v: &str| {
        selected.is_some_and(|t| {
            let r = lossy(t.root.as_os_str());
            let (vl, rl) = (v.to_ascii_lowercase(), r.to_ascii_lowercase());
            let rl = rl.trim_end_matches(['\\', '/']);
            vl == rl || vl.starts_with(&format!("{rl}\\")) || vl.starts_with(&format!("{rl}/"))
        })
    };
    if let Some((scope, value, tc)) = &p.goroot {
        let why = match (tc, selected) {
            (None, _) => Some("is not a Go root: every go.exe a new terminal runs fails with it".to_string()),
            (Some(t), Some(sel)) if !t.same_root(sel, plat) => Some(format!(
                "is {} but the Go in use is {} at {}: a new terminal's go mixes two toolchains (`compile: version … does not match go tool version …`)",
                opt_gov(t.version.as_ref()),
                opt_gov(sel.version.as_ref()),
                path_lossy(&sel.root)
            )),
            _ => None,
        };
        if let Some(why) = why {
            out.push(finding(
                "win-persistent-go-var-disagrees",
                format!(
                    "GOROOT={value}, set in {} ({}), {why}; go finds its own root from go.exe",
                    scope.dialog(),
                    scope.key()
                ),
                format!("delete it: {}", store_fix(*scope, "GOROOT", None)),
                vec![reg_ev(*scope, "GOROOT", value)],
            ));
        }
    }
    for key in ["GOPATH", "GOBIN"] {
        let Some((scope, v)) = p.reg.effective(key) else {
            continue;
        };
        let value = p.reg.value_in_new_env(v, cx.env);
        let mut why = Vec::new();
        let entries: Vec<&str> = if key == "GOPATH" {
            value.split(';').filter(|e| !e.is_empty()).collect()
        } else {
            vec![value.as_str()]
        };
        if entries.iter().any(|e| inside_root(e)) {
            why.push(format!(
                "is inside the Go root {} (`go install` and downloads would write into the toolchain)",
                selected.map(|t| path_lossy(&t.root)).unwrap_or_default()
            ));
        }
        let ours = cx.plan.vars.iter().find(|(n, _)| n == key);
        if let Some((_, Some(o))) = ours {
            if !plat.path_eq(o, OsStr::new(&value)) {
                why.push(format!("goenv-hook sets {key}={}", lossy(o)));
            }
        }
        if let Some(f) = cx.file {
            if let Some(e) = f.get(key) {
                if !plat.path_eq(e, OsStr::new(&value)) {
                    why.push(format!(
                        "`go env -w` set {key}={} ({}), which the variable overrides in every new terminal",
                        lossy(e),
                        path_lossy(&f.path)
                    ));
                }
            }
        }
        if why.is_empty() {
            continue;
        }
        let fix = format!(
            "keep {key} in one place (`go env -w {key}=…`); delete the persistent one: {}",
            store_fix(scope, key, None)
        );
        out.push(finding(
            "win-persistent-go-var-disagrees",
            format!(
                "{key}={value}, set in {} ({}), {}",
                scope.dialog(),
                scope.key(),
                why.join("; ")
            ),
            fix,
            vec![reg_ev(scope, key, &value)],
        ));
    }
}

/// win-persistent-var-unexpanded: `%NAME%` in a `REG_SZ` PATH or Go
/// variable, which Windows takes literally.
fn unexpanded(cx: &Ctx, p: &Persistent, out: &mut Vec<Finding>) {
    for scope in [Scope::Machine, Scope::User] {
        for v in p.reg.vars(scope) {
            let upper = v.name.to_ascii_uppercase();
            if v.ty != RegType::Sz || !(upper == "PATH" || upper.starts_with("GO")) {
                continue;
            }
            let refs = references(&v.value);
            if refs.is_empty() {
                continue;
            }
            let shown: Vec<String> = if upper == "PATH" {
                v.value
                    .split(';')
                    .filter(|e| !references(e).is_empty())
                    .map(str::to_string)
                    .collect()
            } else {
                vec![v.value.clone()]
            };
            // What REG_EXPAND_SZ would have given; written back as is.
            let mut as_expand = v.clone();
            as_expand.ty = RegType::ExpandSz;
            let fixed = p.reg.value_in_new_env(&as_expand, cx.env);
            out.push(finding(
                "win-persistent-var-unexpanded",
                format!(
                    "{} {} ({}) is stored as REG_SZ, so Windows does not expand {}: new terminals get {} literally",
                    scope.dialog(),
                    v.name,
                    scope.key(),
                    refs.iter().map(|r| format!("%{r}%")).collect::<Vec<_>>().join(", "),
                    shown.join(";")
                ),
                format!(
                    "store it with the references expanded: {}",
                    store_fix(scope, &v.name, Some(&fixed))
                ),
                vec![reg_ev(scope, &v.name, &v.value)],
            ));
        }
    }
}

/// win-persistent-path-too-long: the PATH a new terminal gets, against
/// [`LIMITS`] (warned at 90% of a limit).
fn too_long(cx: &Ctx, p: &Persistent, out: &mut Vec<Finding>) {
    let _ = cx;
    let len = p.path_value().encode_utf16().count();
    let [setx, dialog, cmdline, block] = LIMITS;
    let near = |l: usize| len * 10 >= l * 9;
    if !near(dialog) {
        return;
    }
    let what = if len > block {
        format!("over the {block}-character limit of a variable: Windows drops it")
    } else if len > cmdline {
        format!("over cmd.exe's {cmdline}-character command line: no `set PATH=…` line (installers', goenv-hook's cmd hook) can hold it")
    } else if near(cmdline) {
        format!("near cmd.exe's {cmdline}-character command line")
    } else if len > dialog {
        format!("over the {dialog} characters older editors and installers handle")
    } else {
        format!("near the {dialog} characters older editors and installers handle")
    };
    let mut fixes = Vec::new();
    for scope in [Scope::User, Scope::Machine] {
        let seen = |i: usize| {
            p.path[..i]
                .iter()
                .any(|e| e.expanded.eq_ignore_ascii_case(&p.path[i].expanded))
        };
        let drop = |i: usize| p.missing.contains(&i) || seen(i);
        let any = (0..p.path.len()).any(|i| p.path[i].scope == scope && drop(i));
        if any {
            let v = path_without(p, scope, &drop);
            fixes.push(format!(
                "drop the {} PATH's missing and repeated entries: {}",
                scope.target(),
                store_fix(scope, "Path", Some(&v))
            ));
        }
    }
    if fixes.is_empty() {
        fixes.push(format!(
            "remove entries you no longer need in {DIALOG}, then open a new terminal"
        ));
    }
    let f = finding(
        "win-persistent-path-too-long",
        format!(
            "the PATH a new terminal gets (Machine PATH then User PATH) is {len} characters, {what}; never `setx` it (setx cuts at {setx})"
        ),
        fixes.join("; "),
        vec![Evidence::note(format!(
            "{} entries from {} and {}",
            p.path.len(),
            Scope::Machine.key(),
            Scope::User.key()
        ))],
    );
    out.push(if len > block {
        with_severity(f, Severity::Error)
    } else {
        f
    });
}

/// win-terminal-path-stale: this terminal's PATH (before goenv-hook's
/// block) and a new terminal's differ in where `go` is, or the persistent
/// Go variables differ from this terminal's.
fn terminal_stale(cx: &Ctx, p: &Persistent, out: &mut Vec<Finding>) {
    let plat = cx.env.platform;
    let here = &cx.facts.hits;
    let usable = |h: &&GoHit| h.problem.is_none();
    let mut diffs = Vec::new();
    let mut ev = Vec::new();
    for h in p.hits.iter().filter(usable) {
        if !here.iter().any(|x| plat.path_eq(&x.dir, &h.dir)) {
            diffs.push(format!(
                "new terminals have {} on PATH, this one doesn't",
                hit_desc(h)
            ));
            ev.push(Evidence::entry(h.path_index, &h.dir));
        }
    }
    for h in here.iter().filter(usable) {
        if !p.hits.iter().any(|x| plat.path_eq(&x.dir, &h.dir)) {
            diffs.push(format!(
                "this terminal has {} on PATH, new terminals don't",
                hit_desc(h)
            ));
            ev.push(Evidence::entry(h.path_index, &h.dir));
        }
    }
    for key in ["GOROOT", "GOPATH", "GOBIN"] {
        let new = p
            .reg
            .effective(key)
            .map(|(_, v)| p.reg.value_in_new_env(v, cx.env))
            .filter(|v| !v.is_empty());
        let now = cx.facts.env.get_nonempty(key).map(lossy);
        let same = match (&new, &now) {
            (None, None) => true,
            (Some(a), Some(b)) => plat.path_eq(OsStr::new(a), OsStr::new(b)),
            _ => false,
        };
        if !same {
            let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "unset".into());
            diffs.push(format!(
                "{key} is {} here, {} in new terminals",
                show(&now),
                show(&new)
            ));
        }
    }
    if diffs.is_empty() {
        return;
    }
    out.push(finding(
        "win-terminal-path-stale",
        format!(
            "this terminal's environment is not what a new terminal gets ({}): it was opened before Go was installed or the persistent environment changed, or a start-up script changes it",
            diffs.join("; ")
        ),
        "open a new terminal (and restart the editor or IDE that started this one)".into(),
        ev,
    ));
}

// Unix trees (`bin/go`, `:`-separated PATH): the Windows side is proven
// under wine by tests/win_registry.rs.
#[cfg(all(test, unix))]
mod tests;
