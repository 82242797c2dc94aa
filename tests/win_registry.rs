//! The persistent Windows environment under wine (issue 13, item 4): the
//! registry's environment keys (`HKCU\Environment`, the Machine
//! environment), set with `wine reg add` in the test's private prefix,
//! judged by what a new `wine cmd` and the real `go.exe` in it do, then by
//! goenv-hook.exe's doctor. Each fix doctor gives is applied the way
//! `[Environment]::SetEnvironmentVariable` applies it (the value it names,
//! stored as REG_SZ: PowerShell writes nothing else) and judged again in a
//! new terminal: the finding is gone and go works.

mod common;

use common::windows::{json, parse_set, win_go, Run, WinPrefix, HKCU_ENV, HKLM_ENV};

/// The findings of `doctor --json` with `id`.
fn findings(doc: &serde_json::Value, id: &str) -> Vec<serde_json::Value> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["id"] == id)
        .cloned()
        .collect()
}

/// The one finding `id`, else the test fails showing doctor's findings.
fn finding(doc: &serde_json::Value, id: &str) -> serde_json::Value {
    let mut v = findings(doc, id);
    assert_eq!(v.len(), 1, "one {id}: {doc:#}");
    v.remove(0)
}

fn text(v: &serde_json::Value, field: &str) -> String {
    v[field].as_str().unwrap().to_string()
}

/// The value a fix's `[Environment]::SetEnvironmentVariable('<name>',
/// '<value>', '<target>')` stores (PowerShell's single-quoted string:
/// `''` is one `'`).
fn ps_value(fix: &str, name: &str, target: &str) -> String {
    let start = format!("[Environment]::SetEnvironmentVariable('{name}', '");
    let i = fix
        .find(&start)
        .unwrap_or_else(|| panic!("no SetEnvironmentVariable('{name}', …) in {fix:?}"))
        + start.len();
    let mut out = String::new();
    let mut it = fix[i..].chars().peekable();
    while let Some(c) = it.next() {
        if c == '\'' {
            if it.peek() == Some(&'\'') {
                it.next();
            } else {
                break;
            }
        }
        out.push(c);
    }
    let rest: String = it.collect();
    assert!(
        rest.starts_with(&format!(", '{target}')")),
        "the target of {fix:?} is not {target}"
    );
    out
}

/// Every fix: no `setx`, a new terminal.
fn fix_is_safe(f: &serde_json::Value) {
    let fix = text(f, "fix");
    assert!(!fix.to_ascii_lowercase().contains("setx"), "{fix}");
    assert!(fix.contains("open a new terminal"), "{fix}");
}

/// `goenv-hook.exe doctor --json` into `doctor.json` (by its full path:
/// some tests leave `.cargo\bin` off PATH), after the lines of `before`.
fn doctor(w: &WinPrefix, before: &str) -> Run {
    w.cmd(&format!(
        "{before}\n\"{}\" doctor --json > \"{{out}}\\doctor.json\" 2> \"{{out}}\\doctor.err\"\n",
        w.exe
    ))
}

/// The Machine PATH wine starts with (`C:\windows\system32;…`).
fn machine_path(w: &WinPrefix) -> String {
    w.reg_query(HKLM_ENV, "PATH")
        .expect("wine's Machine PATH")
        .1
}

#[test]
fn machine_go_shadows_user_go() {
    let w = WinPrefix::new();
    let (g22, g23) = (win_go("1.22"), win_go("1.23"));
    let msi = w.install_msi(&g22);
    let sdk = w.install_sdk(&g23);
    // The MSI's Go in the Machine PATH, the user's newer one in the User
    // PATH.
    w.persist_path(
        &[&format!(r"{msi}\bin")],
        &format!(r"{sdk}\bin;%USERPROFILE%\.cargo\bin"),
    );
    let r = doctor(&w, "go version > \"{out}\\version\" 2>&1");
    assert_eq!(
        r.text("version"),
        format!("go version {} windows/amd64", g22.version),
        "premise: a new terminal runs the Machine PATH's go"
    );
    let doc = json(&r, "doctor.json");
    let f = finding(&doc, "win-machine-go-shadows-user-go");
    let msg = text(&f, "message");
    assert!(
        msg.contains(&g22.version) && msg.contains(&g23.version) && msg.contains(&msi),
        "{msg}"
    );
    fix_is_safe(&f);
    // The fix, applied as PowerShell would: the MSI's bin leaves the
    // Machine PATH; a new terminal runs the user's go.
    let fix = text(&f, "fix");
    let value = ps_value(&fix, "Path", "Machine");
    assert!(!value.contains(&format!(r"{msi}\bin")), "{value}");
    assert!(
        !value.contains('%'),
        "stored as REG_SZ: nothing to expand: {value}"
    );
    w.reg_add(HKLM_ENV, "PATH", "REG_SZ", &value);
    let r = doctor(&w, "go version > \"{out}\\version\" 2>&1");
    assert_eq!(
        r.text("version"),
        format!("go version {} windows/amd64", g23.version),
        "after the fix {fix:?}"
    );
    let doc = json(&r, "doctor.json");
    assert!(
        findings(&doc, "win-machine-go-shadows-user-go").is_empty(),
        "{doc:#}"
    );
}

#[test]
fn persistent_goroot_disagrees_with_the_go_in_use() {
    let w = WinPrefix::new();
    let (g22, g23) = (win_go("1.22"), win_go("1.23"));
    let old = w.install(&g22, r"C:\Go");
    let sdk = w.install_sdk(&g23);
    w.persist_path(&[], &format!(r"{sdk}\bin;%USERPROFILE%\.cargo\bin"));
    // A GOROOT left behind by an old install, in the User variables.
    w.reg_add(HKCU_ENV, "GOROOT", "REG_SZ", &old);
    let r = doctor(&w, "go env GOROOT > \"{out}\\goroot\" 2>&1");
    assert_eq!(
        r.text("goroot"),
        old,
        "premise: a new terminal's go takes GOROOT from the registry"
    );
    let doc = json(&r, "doctor.json");
    let f = finding(&doc, "win-persistent-go-var-disagrees");
    let msg = text(&f, "message");
    assert!(
        msg.contains(&format!("GOROOT={old}")) && msg.contains(&g22.version),
        "{msg}"
    );
    fix_is_safe(&f);
    let fix = text(&f, "fix");
    assert!(
        fix.contains("[Environment]::SetEnvironmentVariable('GOROOT', $null, 'User')"),
        "{fix}"
    );
    // Applied: the value goes; go finds its own root.
    w.reg_delete(HKCU_ENV, "GOROOT");
    let r = doctor(&w, "go env GOROOT > \"{out}\\goroot\" 2>&1");
    assert_eq!(r.text("goroot"), sdk, "after the fix {fix:?}");
    let doc = json(&r, "doctor.json");
    assert!(
        findings(&doc, "win-persistent-go-var-disagrees").is_empty(),
        "{doc:#}"
    );
}

#[test]
fn persistent_gobin_overrides_go_env_w() {
    let w = WinPrefix::new();
    let g23 = win_go("1.23");
    let sdk = w.install_sdk(&g23);
    w.persist_path(&[], &format!(r"{sdk}\bin;%USERPROFILE%\.cargo\bin"));
    w.reg_add(HKCU_ENV, "GOBIN", "REG_EXPAND_SZ", r"%USERPROFILE%\oldbin");
    let r = doctor(
        &w,
        "go env -w GOBIN=D:\\bin\n\
         go env GOBIN > \"{out}\\gobin\" 2>&1",
    );
    let old = format!(r"{}\oldbin", w.profile);
    assert_eq!(
        r.text("gobin"),
        old,
        "premise: the persistent variable beats `go env -w`"
    );
    let doc = json(&r, "doctor.json");
    let f = finding(&doc, "win-persistent-go-var-disagrees");
    let msg = text(&f, "message");
    assert!(
        msg.contains(&format!("GOBIN={old}")) && msg.contains(r"GOBIN=D:\bin"),
        "{msg}"
    );
    fix_is_safe(&f);
    assert!(
        text(&f, "fix").contains("[Environment]::SetEnvironmentVariable('GOBIN', $null, 'User')"),
        "{f:#}"
    );
    w.reg_delete(HKCU_ENV, "GOBIN");
    let r = doctor(&w, "go env GOBIN > \"{out}\\gobin\" 2>&1");
    assert_eq!(r.text("gobin"), r"D:\bin");
    assert!(findings(&json(&r, "doctor.json"), "win-persistent-go-var-disagrees").is_empty());
}

#[test]
fn goroot_bin_stored_as_reg_sz_is_not_expanded() {
    let w = WinPrefix::new();
    let g23 = win_go("1.23");
    let sdk = w.install_sdk(&g23);
    w.reg_add(HKCU_ENV, "GOROOT", "REG_SZ", &sdk);
    let user_path = r"%GOROOT%\bin;%USERPROFILE%\.cargo\bin";
    // As REG_EXPAND_SZ: expanded, go runs (the premise).
    w.reg_add(HKCU_ENV, "PATH", "REG_EXPAND_SZ", user_path);
    let r = doctor(&w, "go version > \"{out}\\version\" 2>&1");
    assert_eq!(
        r.text("version"),
        format!("go version {} windows/amd64", g23.version)
    );
    assert!(findings(&json(&r, "doctor.json"), "win-persistent-var-unexpanded").is_empty());
    // As REG_SZ: the new terminal's PATH holds the text as is; no go.
    w.reg_add(HKCU_ENV, "PATH", "REG_SZ", user_path);
    let r = doctor(
        &w,
        "set > \"{out}\\set\"\n\
         go version > \"{out}\\version\" 2>&1\n\
         if errorlevel 1 echo failed> \"{out}\\go-failed\"",
    );
    let path = parse_set(&r.raw("set"))["PATH"].clone();
    assert!(
        path.split(';').any(|e| e == r"%GOROOT%\bin"),
        "premise: REG_SZ is not expanded: {path}"
    );
    assert!(
        r.exists("go-failed"),
        "premise: no go: {}",
        r.raw("version")
    );
    let doc = json(&r, "doctor.json");
    let f = finding(&doc, "win-persistent-var-unexpanded");
    let msg = text(&f, "message");
    assert!(
        msg.contains("REG_SZ") && msg.contains(r"%GOROOT%\bin"),
        "{msg}"
    );
    fix_is_safe(&f);
    // The fix's value, stored as REG_SZ (what SetEnvironmentVariable
    // writes): go runs in a new terminal.
    let fix = text(&f, "fix");
    let value = ps_value(&fix, "PATH", "User");
    assert_eq!(
        value,
        format!(r"{sdk}\bin;{}\.cargo\bin", w.profile),
        "{fix}"
    );
    w.reg_add(HKCU_ENV, "PATH", "REG_SZ", &value);
    let r = doctor(&w, "go version > \"{out}\\version\" 2>&1");
    assert_eq!(
        r.text("version"),
        format!("go version {} windows/amd64", g23.version),
        "after the fix {fix:?}"
    );
    assert!(findings(&json(&r, "doctor.json"), "win-persistent-var-unexpanded").is_empty());
}

#[test]
fn persistent_path_near_the_length_limits() {
    let w = WinPrefix::new();
    let g23 = win_go("1.23");
    let msi = w.install_msi(&g23);
    // 150 entries of tools long gone (about 3,000 characters), then Go, in
    // the Machine PATH.
    let gone: Vec<String> = (0..150)
        .map(|i| format!(r"C:\old\tool{i:03}\bin"))
        .collect();
    let mut machine: Vec<&str> = gone.iter().map(String::as_str).collect();
    let go_bin = format!(r"{msi}\bin");
    machine.push(&go_bin);
    w.persist_path(&machine, r"%USERPROFILE%\.cargo\bin");
    // wine 8.0 keeps only the first 1,023 or so characters of the Machine
    // PATH (REG_SZ or REG_EXPAND_SZ alike) when it builds a new process's
    // environment, so there the tail, Go included, is lost (what `setx`
    // does at 1,024 and older tools at 2,047 on Windows). Real Windows
    // keeps it whole: this premise is wine's.
    let r = doctor(
        &w,
        "set > \"{out}\\set\"\n\
         go version > \"{out}\\version\" 2>&1",
    );
    let path = parse_set(&r.raw("set"))["PATH"].clone();
    assert!(
        !path.split(';').any(|e| e == go_bin) && !r.raw("version").contains("go version"),
        "premise (wine): the Machine PATH's tail is cut: {} characters: {path}\ngo version: {}",
        path.len(),
        r.raw("version")
    );
    let doc = json(&r, "doctor.json");
    let f = finding(&doc, "win-persistent-path-too-long");
    let msg = text(&f, "message");
    assert!(msg.contains("2047") && msg.contains("setx"), "{msg}");
    fix_is_safe(&f);
    let fix = text(&f, "fix");
    let value = ps_value(&fix, "Path", "Machine");
    assert!(
        !value.contains(r"C:\old") && value.contains(&go_bin),
        "{value}"
    );
    w.reg_add(HKLM_ENV, "PATH", "REG_SZ", &value);
    let r = doctor(&w, "go version > \"{out}\\version\" 2>&1");
    assert_eq!(
        r.text("version"),
        format!("go version {} windows/amd64", g23.version),
        "after the fix {fix:?}"
    );
    assert!(findings(&json(&r, "doctor.json"), "win-persistent-path-too-long").is_empty());
}

#[test]
fn terminal_opened_before_the_install() {
    let w = WinPrefix::new();
    let g23 = win_go("1.23");
    w.persist_path(&[], r"%USERPROFILE%\.cargo\bin");
    let msi = w.install_msi(&g23);
    // The terminal is open; the installer adds Go to the Machine PATH
    // (reg.exe, as an installer writes it) and sets GOPATH.
    let mp = format!(r"{};{msi}\bin", machine_path(&w)).replace('%', "%%");
    let r = doctor(
        &w,
        &format!(
            "reg add \"{HKLM_ENV}\" /v PATH /t REG_EXPAND_SZ /d \"{mp}\" /f > nul\n\
             reg add \"{HKCU_ENV}\" /v GOPATH /t REG_SZ /d \"D:\\gopath\" /f > nul\n\
             go version > \"{{out}}\\version\" 2>&1\n\
             if errorlevel 1 echo failed> \"{{out}}\\go-failed\""
        ),
    );
    assert!(
        r.exists("go-failed"),
        "premise: this terminal has no go: {}",
        r.raw("version")
    );
    let doc = json(&r, "doctor.json");
    let f = finding(&doc, "win-terminal-path-stale");
    let msg = text(&f, "message");
    assert!(msg.contains(&format!(r"{msi}\bin\go.exe")), "{msg}");
    assert!(
        msg.contains(r"GOPATH is unset here, D:\gopath in new terminals"),
        "{msg}"
    );
    fix_is_safe(&f);
    // A new terminal: go runs, nothing stale.
    let r = doctor(&w, "go version > \"{out}\\version\" 2>&1");
    assert_eq!(
        r.text("version"),
        format!("go version {} windows/amd64", g23.version)
    );
    assert!(findings(&json(&r, "doctor.json"), "win-terminal-path-stale").is_empty());
}
