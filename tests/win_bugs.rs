//! Windows bugs found by running the real goenv-hook.exe under wine's cmd
//! against real Windows Go toolchains (the same fixture as win_e2e.rs),
//! kept as regression tests: each failed before its fix. Each test says
//! what is right, judged by what the real `go.exe` or cmd does:
//! - `\\?\C:\…` roots from `fs::canonicalize` (which, doctor, a second copy
//!   of Go's bin on PATH): `sys::env::canonical`;
//! - the saved `init cmd` file carrying the PATH of the day it was written;
//! - the cmd hook's `||`, whose right side wine's cmd runs whatever the
//!   status;
//! - doctor's fixes in POSIX syntax under plain cmd;
//! - `~/Documents\PowerShell\…`, scoop's `apps/go`, and `toolchains`
//!   leaving out the Go that PATH runs from `D:\Go`.

mod common;

use common::windows::{json, msi_user, parse_set, readme_block, win_go, WinPrefix, HKCU_ENV};

/// The README's cmd setup run in a cmd started after the installs; the
/// saved init file's AutoRun command (`"C:\…\init.cmd"`).
fn save_init_as_the_readme_says(w: &WinPrefix) -> String {
    w.cmd(&readme_block("### cmd", "bat"));
    w.reg_query(r"HKCU\Software\Microsoft\Command Processor", "AutoRun")
        .expect("AutoRun is set")
        .1
}

#[test]
fn which_roots_and_sources_are_what_each_go_says() {
    let w = WinPrefix::new();
    let (g21, g22, g23) = (win_go("1.21"), win_go("1.22"), win_go("1.23"));
    let d = w.install_on_d(&g22);
    let msi = w.install_msi(&g23);
    let sdk = w.install_sdk(&g21);
    let dirs = [
        format!(r"{d}\bin"),
        format!(r"{msi}\bin"),
        format!(r"{sdk}\bin"),
    ];
    let mut script = format!(
        "set \"PATH={};%PATH%\"\n\
         goenv-hook which --json > \"{{out}}\\which.json\" 2>&1\n\
         goenv-hook which > \"{{out}}\\which.txt\" 2>&1\n",
        dirs.join(";")
    )
    .replace("goenv-hook", &format!("\"{}\"", w.exe));
    for (i, dir) in dirs.iter().enumerate() {
        script.push_str(&format!(
            "\"{dir}\\go.exe\" env GOROOT > \"{{out}}\\goroot{i}\" 2>&1\n"
        ));
    }
    let r = w.cmd(&script);
    let which = json(&r, "which.json");
    let hits = which["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3, "{which:#}");
    for (i, source) in ["windows-msi", "windows-msi", "golang-dl"]
        .iter()
        .enumerate()
    {
        let t = &hits[i]["toolchain"];
        assert_eq!(
            t["root"],
            r.text(&format!("goroot{i}")).as_str(),
            "which's root is {}\\go.exe's GOROOT",
            dirs[i]
        );
        assert_eq!(t["source"], *source, "{t:#}");
    }
    assert_eq!(which["selected"]["root"], d.as_str());
    let text = r.raw("which.txt");
    assert!(
        !text.contains(r"\\?\"),
        "which shows \\\\?\\ paths:\n{text}"
    );
}

#[test]
fn go_already_on_path_is_not_added_twice() {
    let w = WinPrefix::new();
    let g23 = win_go("1.23");
    let msi = w.install_msi(&g23);
    msi_user(&w, &msi);
    let r = w.cmd(
        "goenv-hook env cmd > \"%TEMP%\\env.cmd\"\n\
         call \"%TEMP%\\env.cmd\"\n\
         set > \"{out}\\set\"\n\
         goenv-hook doctor --json > \"{out}\\doctor.json\" 2>&1\n\
         goenv-hook doctor > \"{out}\\doctor.txt\" 2>&1\n\
         go env GOROOT > \"{out}\\goroot\" 2>&1\n",
    );
    let path = parse_set(&r.raw("set"))["PATH"].clone();
    let bin = format!(r"{}\bin", r.text("goroot"));
    assert!(!path.contains(r"\\?\"), "PATH has \\\\?\\ entries: {path}");
    assert_eq!(
        path.split(';')
            .filter(|e| e.eq_ignore_ascii_case(&bin))
            .count(),
        1,
        "{bin} once: {path}"
    );
    let doc = json(&r, "doctor.json");
    assert!(
        !doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "path-duplicates"),
        "{doc:#}"
    );
    let text = r.raw("doctor.txt");
    assert!(
        !text.contains(r"\\?\"),
        "doctor shows \\\\?\\ paths:\n{text}"
    );
}

#[test]
fn saved_init_cmd_carries_no_path_of_its_own() {
    let w = WinPrefix::new();
    let g23 = win_go("1.23");
    let msi = w.install_msi(&g23);
    msi_user(&w, &msi);
    let autorun = save_init_as_the_readme_says(&w);
    // Later, the user installs a tool and adds its directory to the User
    // PATH (System Properties, or an installer): every new cmd has it.
    w.write(r"C:\newtool\newtool.cmd", "@echo newtool ran> %1\r\n");
    let (_, user) = w.reg_query(HKCU_ENV, "PATH").unwrap();
    w.reg_add(
        HKCU_ENV,
        "PATH",
        "REG_EXPAND_SZ",
        &format!(r"{user};C:\newtool"),
    );
    let r = w.cmd(&format!(
        "call {autorun}\n\
         set > \"{{out}}\\set\"\n\
         call newtool \"{{out}}\\newtool\"\n"
    ));
    let path = parse_set(&r.raw("set"))["PATH"].clone();
    assert!(
        path.split(';').any(|e| e == r"C:\newtool"),
        "a new cmd lost the User PATH's new entry: {path}\n--- init file ---\n{}",
        String::from_utf8_lossy(&std::fs::read(w.unix_path(autorun.trim_matches('"'))).unwrap())
    );
    assert_eq!(r.text("newtool"), "newtool ran");
}

#[test]
fn init_cmd_hook_applies_under_wine_cmd() {
    let w = WinPrefix::new();
    let (g21, g23) = (win_go("1.21"), win_go("1.23"));
    let msi = w.install_msi(&g23);
    w.install_sdk(&g21);
    msi_user(&w, &msi);
    w.write(r"C:\src\old\go.mod", "module old\n\ngo 1.21\n");
    let autorun = save_init_as_the_readme_says(&w);
    // A new cmd in the project (AutoRun runs before the first prompt; the
    // `cd` macro runs the same file after a cd).
    let r = w.cmd(&format!(
        "cd /d C:\\src\\old\n\
         call {autorun} 2> \"{{out}}\\err\"\n\
         go version > \"{{out}}\\version\" 2>&1\n"
    ));
    assert_eq!(
        r.text("version"),
        format!("go version {} windows/amd64", g21.version),
        "stderr: {}",
        r.raw("err")
    );
    assert_eq!(r.text("err"), "", "the hook's warning");
}

#[test]
fn doctor_fixes_under_plain_cmd_are_cmd_syntax() {
    let w = WinPrefix::new();
    let g23 = win_go("1.23");
    let msi = w.install_msi(&g23);
    msi_user(&w, &msi);
    // GOPATH\bin is not on PATH: doctor's fix, pasted into cmd, must put it
    // there.
    let r = w.cmd(
        "go env -w GOPATH=D:\\gopath\n\
         goenv-hook doctor --json > \"{out}\\doctor.json\" 2>&1\n",
    );
    let doc = json(&r, "doctor.json");
    let f = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "gobin-not-on-path")
        .unwrap_or_else(|| panic!("premise: gobin-not-on-path: {doc:#}"))
        .clone();
    let fix = f["fix"].as_str().unwrap();
    // The command, without a trailing "   (comment)".
    let command = match fix.find("   (") {
        Some(i) => &fix[..i],
        None => fix,
    };
    let r = w.cmd(&format!(
        "{command}\n\
         set > \"{{out}}\\set\"\n\
         go env GOPATH > \"{{out}}\\gopath\" 2>&1\n\
         goenv-hook doctor --json > \"{{out}}\\doctor.json\" 2>&1\n"
    ));
    let path = parse_set(&r.raw("set"))["PATH"].clone();
    let gobin = format!(r"{}\bin", r.text("gopath"));
    assert!(
        path.split(';').any(|e| e == gobin),
        "doctor's fix {fix:?}, run by cmd, did not put {gobin} on PATH: {path}"
    );
    let doc = json(&r, "doctor.json");
    assert!(
        !doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "gobin-not-on-path"),
        "still reported after the fix {fix:?}: {doc:#}"
    );
}

#[test]
fn powershell_profile_is_named_with_windows_separators() {
    let w = WinPrefix::new();
    let g23 = win_go("1.23");
    let msi = w.install_msi(&g23);
    msi_user(&w, &msi);
    let r = w.cmd(
        "goenv-hook doctor --shell pwsh --json > \"{out}\\doctor.json\" 2>&1\n\
         goenv-hook doctor --shell pwsh > \"{out}\\doctor.txt\" 2>&1\n",
    );
    let doc = json(&r, "doctor.json");
    let want = format!(
        r"{}\Documents\PowerShell\Microsoft.PowerShell_profile.ps1",
        w.profile
    );
    assert_eq!(doc["startup"]["recommended"], want.as_str(), "premise");
    let f = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "init-not-in-startup")
        .unwrap_or_else(|| panic!("premise: init-not-in-startup: {doc:#}"))
        .clone();
    for text in [
        f["fix"].as_str().unwrap(),
        doc["startup"]["modes"][0]["advice"].as_str().unwrap(),
        &r.raw("doctor.txt"),
    ] {
        assert!(!text.contains("~/"), "a mixed-separator path: {text}");
    }
    assert!(
        f["fix"]
            .as_str()
            .unwrap()
            .contains(r"Documents\PowerShell\Microsoft.PowerShell_profile.ps1"),
        "{f:#}"
    );
}

#[test]
fn scoop_paths_have_windows_separators() {
    let w = WinPrefix::new();
    let (g22, g23) = (win_go("1.22"), win_go("1.23"));
    let msi = w.install_msi(&g23);
    w.install_scoop(&g22);
    msi_user(&w, &msi);
    w.write(
        r"D:\work\new\go.mod",
        &format!("module new\n\ngo 1.22\n\ntoolchain {}\n", g22.version),
    );
    let version_dir = format!(r"{}\scoop\apps\go\{}", w.profile, g22.number());
    let r = w.cmd(&format!(
        "goenv-hook toolchains --json > \"{{out}}\\tc.json\" 2>&1\n\
         \"{version_dir}\\bin\\go.exe\" env GOROOT > \"{{out}}\\goroot\" 2>&1\n\
         cd /d D:\\work\\new\n\
         {}\n\
         set > \"{{out}}\\set\"\n",
        common::windows::HOOK_STEP
    ));
    let tc = json(&r, "tc.json");
    let scoop = tc
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["toolchain"])
        .find(|t| t["source"] == "scoop")
        .unwrap_or_else(|| panic!("premise: a scoop install: {tc:#}"));
    assert_eq!(scoop["root"], r.text("goroot").as_str(), "{scoop:#}");
    let path = parse_set(&r.raw("set"))["PATH"].clone();
    let first = path.split(';').next().unwrap();
    assert_eq!(first, format!(r"{version_dir}\bin"), "{path}");
}

#[test]
fn toolchains_lists_the_go_on_d_that_path_runs() {
    let w = WinPrefix::new();
    let (g22, g23) = (win_go("1.22"), win_go("1.23"));
    w.install_msi(&g23);
    let d = w.install_on_d(&g22);
    w.persist_path(
        &[&format!(r"{d}\bin")],
        r"%USERPROFILE%\.cargo\bin;%USERPROFILE%\go\bin",
    );
    let r = w.cmd(
        "goenv-hook toolchains --json > \"{out}\\tc.json\" 2>&1\n\
         go env GOROOT > \"{out}\\goroot\" 2>&1\n",
    );
    assert_eq!(r.text("goroot"), d, "premise: D:'s go runs");
    let tc = json(&r, "tc.json");
    let list = tc.as_array().unwrap();
    let on_d = list
        .iter()
        .find(|e| e["toolchain"]["root"] == d.as_str())
        .unwrap_or_else(|| panic!("toolchains has no {d}: {tc:#}"));
    assert_eq!(on_d["active"], true, "{on_d:#}");
}
