//! Windows end to end: the real goenv-hook.exe (scripts/build-windows.sh)
//! run by wine's cmd.exe against real Windows Go toolchains
//! (scripts/windows-go.sh), installed where users have them: the MSI's
//! `C:\Program Files\Go`, golang.org/dl's `%USERPROFILE%\sdk\go1.X.Y`,
//! scoop's `%USERPROFILE%\scoop\apps\go\<version>` with `current`, and the
//! MSI on a second drive, `D:\Go`. The PATH comes from the registry (the
//! Machine PATH, then the User PATH) as in every new Windows terminal.
//! Everything is judged by what the real `go.exe` does: `go version`,
//! `go env GOROOT`, `go env GOPATH`, and a tool built by `go install` found
//! by name.
//!
//! What wine's cmd proves and real cmd may not: wine 8's cmd runs no
//! AutoRun, has no `doskey`, and runs the right side of `||` and `&&`
//! whatever the left side did, so the steps the saved init file runs are
//! run here one by one (`HOOK_STEP`); the init file itself is run as the
//! README says and its failures are in win_bugs.rs.
//!
//! Behaviour that is wrong today is tested in win_bugs.rs (ignored until
//! fixed).

mod common;

use common::windows::{
    msi_user, parse_set, readme_block, retry_once, win_go, WinPrefix, HOOK_STEP,
};

#[test]
fn which_and_toolchains_see_every_install() {
    let w = WinPrefix::new();
    let (g21, g22, g23) = (win_go("1.21"), win_go("1.22"), win_go("1.23"));
    let msi = w.install_msi(&g23);
    let sdk = w.install_sdk(&g21);
    let scoop = w.install_scoop(&g22);
    let d = w.install_on_d(&g22);
    let dirs = [
        format!(r"{d}\bin"),
        format!(r"{msi}\bin"),
        format!(r"{sdk}\bin"),
        format!(r"{scoop}\bin"),
    ];
    let mut script = format!(
        "set \"PATH={};%PATH%\"\n\
         \"{exe}\" which --json > \"{{out}}\\which.json\" 2> \"{{out}}\\which.err\"\n\
         \"{exe}\" toolchains --json > \"{{out}}\\tc.json\" 2> \"{{out}}\\tc.err\"\n\
         go version > \"{{out}}\\go-version\" 2>&1\n",
        dirs.join(";"),
        exe = w.exe
    );
    for (i, dir) in dirs.iter().enumerate() {
        script.push_str(&format!(
            "\"{dir}\\go.exe\" version > \"{{out}}\\version{i}\" 2>&1\n\
             \"{dir}\\go.exe\" env GOROOT > \"{{out}}\\goroot{i}\" 2>&1\n"
        ));
    }
    let r = w.cmd(&script);
    let which: serde_json::Value = serde_json::from_str(&r.raw("which.json"))
        .unwrap_or_else(|e| panic!("which --json: {e}\n{}", r.raw("which.err")));
    let hits = which["hits"].as_array().expect("which --json has hits");
    assert_eq!(hits.len(), 4, "every go on PATH: {which:#}");
    let versions: Vec<String> = (0..4)
        .map(|i| {
            let v = r.text(&format!("version{i}"));
            v.strip_prefix("go version go")
                .and_then(|v| v.strip_suffix(" windows/amd64"))
                .unwrap_or_else(|| panic!("{}\\go.exe version: {v}", dirs[i]))
                .to_string()
        })
        .collect();
    assert_eq!(
        versions,
        [g22.number(), g23.number(), g21.number(), g22.number()],
        "premise: each go.exe runs"
    );
    for (i, hit) in hits.iter().enumerate() {
        assert_eq!(hit["path_index"], i, "{hit:#}");
        assert_eq!(hit["dir"], dirs[i].as_str(), "{hit:#}");
        assert_eq!(
            hit["path"],
            format!(r"{}\go.exe", dirs[i]).as_str(),
            "{hit:#}"
        );
        assert_eq!(
            hit["toolchain"]["version"], versions[i],
            "which's version is what {}\\go.exe says",
            dirs[i]
        );
    }
    // The one that runs: the first, as cmd's own search says.
    assert_eq!(which["active"], 0, "{which:#}");
    assert_eq!(
        r.text("go-version"),
        format!("go version {} windows/amd64", g22.version)
    );
    assert_eq!(r.text("goroot0"), d, "premise: D:'s go knows its root");
    assert_eq!(hits[3]["toolchain"]["source"], "scoop", "{:#}", hits[3]);

    // toolchains: the installs in the known locations (the MSI's, the
    // sdk's, scoop's), each with what its go.exe says.
    let tc: serde_json::Value = serde_json::from_str(&r.raw("tc.json"))
        .unwrap_or_else(|e| panic!("toolchains --json: {e}\n{}", r.raw("tc.err")));
    let list = tc.as_array().expect("toolchains --json is a list");
    let find = |source: &str| {
        list.iter()
            .map(|e| &e["toolchain"])
            .find(|t| t["source"] == source)
            .unwrap_or_else(|| panic!("toolchains has no {source} install: {tc:#}"))
    };
    let m = find("windows-msi");
    assert_eq!(m["root"], msi.as_str());
    assert_eq!(
        m["root"],
        r.text("goroot1").as_str(),
        "the MSI go's own GOROOT"
    );
    assert_eq!(m["version"], versions[1]);
    assert_eq!(m["go_bin"], format!(r"{msi}\bin\go.exe").as_str());
    let s = find("golang-dl");
    assert_eq!(s["root"], sdk.as_str());
    assert_eq!(
        s["root"],
        r.text("goroot2").as_str(),
        "the sdk go's own GOROOT"
    );
    assert_eq!(s["version"], versions[2]);
    let sc = find("scoop");
    assert_eq!(sc["version"], versions[3]);
}

#[test]
fn init_cmd_saved_as_the_readme_says_then_run_by_a_new_cmd() {
    let w = WinPrefix::new();
    let g23 = win_go("1.23");
    let msi = w.install_msi(&g23);
    msi_user(&w, &msi);
    // What the README's cmd section says to type, in a cmd started after
    // the installs (its PATH from the registry).
    let setup = readme_block("### cmd", "bat");
    let r = w.cmd(&format!("{setup}\nset > \"{{out}}\\set\"\n"));
    let before = parse_set(&r.raw("set"));
    let (ty, autorun) = w
        .reg_query(r"HKCU\Software\Microsoft\Command Processor", "AutoRun")
        .expect("the README's reg add line sets AutoRun");
    assert_eq!(ty, "REG_EXPAND_SZ");
    let init = format!(r"{}\goenv-hook\init.cmd", w.localappdata);
    assert_eq!(
        autorun,
        format!("\"{init}\""),
        "AutoRun names the saved file"
    );
    let saved = std::fs::read(w.unix_path(&init)).expect("the init file was saved");
    assert!(
        saved.windows(2).filter(|p| p == b"\r\n").count()
            == saved.iter().filter(|&&b| b == b'\n').count(),
        "the init file's lines end in CRLF"
    );

    // A new cmd: cmd runs the AutoRun command before anything else (wine's
    // cmd runs no AutoRun: the batch file runs it first, with `call` since
    // it is itself a batch file).
    let r = w.cmd(&format!(
        "call {autorun}\n\
         set > \"{{out}}\\set\"\n\
         go version > \"{{out}}\\go-version\" 2>&1\n\
         go env GOROOT > \"{{out}}\\goroot\" 2>&1\n"
    ));
    let after = parse_set(&r.raw("set"));
    assert_eq!(
        r.text("go-version"),
        format!("go version {} windows/amd64", g23.version)
    );
    assert_eq!(r.text("goroot"), msi);
    assert!(after.contains_key("GOENV_HOOK_STATE"), "{after:#?}");
    for k in [
        "__GOENV_HOOK_RUNNING",
        "__GOENV_HOOK_TMP",
        "__GOENV_HOOK_CP",
    ] {
        assert!(!after.contains_key(k), "{k} is left over: {after:#?}");
    }
    // Nothing but PATH and goenv-hook's own variables changed.
    for (k, v) in &before {
        if k != "PATH" {
            assert_eq!(after.get(k), Some(v), "{k} changed");
        }
    }
    for k in after.keys() {
        assert!(
            before.contains_key(k) || k.starts_with("GOENV_HOOK_") || k.starts_with("__GOENV_HOOK"),
            "{k} appeared"
        );
    }
}

#[test]
fn hook_cmd_switches_per_project_on_cd_and_back() {
    let w = WinPrefix::new();
    let (g21, g22, g23) = (win_go("1.21"), win_go("1.22"), win_go("1.23"));
    let msi = w.install_msi(&g23);
    let sdk = w.install_sdk(&g21);
    w.install_scoop(&g22);
    msi_user(&w, &msi);
    // Two projects: one on C: whose go.mod asks for 1.21 (the sdk's go1.21
    // meets it, the MSI's go1.23 is another line), one on D: asking for
    // go1.22 exactly (scoop's).
    w.write(r"C:\src\old\go.mod", "module old\n\ngo 1.21\n");
    w.write(
        r"D:\work\new\go.mod",
        &format!("module new\n\ngo 1.22\n\ntoolchain {}\n", g22.version),
    );
    let step = |name: &str| {
        format!(
            "{HOOK_STEP}\n\
             set > \"{{out}}\\set-{name}\"\n\
             go version > \"{{out}}\\version-{name}\" 2>&1\n\
             go env GOROOT > \"{{out}}\\goroot-{name}\" 2>&1\n"
        )
    };
    // One cmd session, the hook's step after each `cd` (what the cd macro
    // does).
    let r = w.cmd(&format!(
        "cd /d C:\\src\n{}cd old\n{}cd ..\n{}cd /d D:\\work\\new\n{}cd /d C:\\src\n{}",
        step("plain"),
        step("old"),
        step("back"),
        step("new"),
        step("again")
    ));
    let ver = |v: &str| format!("go version {v} windows/amd64");
    for (name, want) in [
        ("plain", &g23),
        ("old", &g21),
        ("back", &g23),
        ("new", &g22),
        ("again", &g23),
    ] {
        assert_eq!(
            r.text(&format!("version-{name}")),
            ver(&want.version),
            "step {name}"
        );
    }
    assert_eq!(r.text("goroot-old"), sdk);
    assert_eq!(r.text("goroot-plain"), msi);
    let path = |name: &str| parse_set(&r.raw(&format!("set-{name}")))["PATH"].clone();
    assert_eq!(
        path("old").split(';').next().unwrap(),
        format!(r"{sdk}\bin"),
        "the project's toolchain first"
    );
    assert_eq!(
        path("back"),
        path("plain"),
        "leaving the project restores PATH"
    );
    assert_eq!(path("again"), path("plain"), "leaving D: restores PATH");
    let prompt = |name: &str| {
        parse_set(&r.raw(&format!("set-{name}")))
            .get("GOENV_HOOK_PROMPT")
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(prompt("old"), g21.version);
    assert_eq!(prompt("new"), g22.version);
    assert_eq!(prompt("back"), "");
}

#[test]
fn use_and_deactivate_restore_the_environment() {
    let w = WinPrefix::new();
    let (g21, g23) = (win_go("1.21"), win_go("1.23"));
    let msi = w.install_msi(&g23);
    w.install_sdk(&g21);
    msi_user(&w, &msi);
    // The README's cmd lines for `use` and `deactivate`.
    let use_line = format!(
        "goenv-hook use {} cmd > \"%TEMP%\\goenv-use.cmd\" && call \"%TEMP%\\goenv-use.cmd\" & del \"%TEMP%\\goenv-use.cmd\"",
        g21.minor()
    );
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let readme_use = use_line.replace(&g21.minor(), "1.22");
    assert!(
        readme.contains(&readme_use),
        "the README's cmd `use` line is no longer {readme_use}"
    );
    let deactivate_line = use_line.replace(&format!("use {} cmd", g21.minor()), "deactivate cmd");
    // A stale GOROOT from an old install, in the user's environment: the
    // hook unsets it, deactivate gives it back.
    w.reg_add(
        common::windows::HKCU_ENV,
        "GOROOT",
        "REG_SZ",
        r"C:\Go-old-1.19",
    );
    let r = w.cmd(&format!(
        "set > \"{{out}}\\before\"\n\
         go version > \"{{out}}\\version-before\" 2>&1\n\
         {HOOK_STEP}\n\
         go version > \"{{out}}\\version-hooked\" 2>&1\n\
         {use_line}\n\
         set > \"{{out}}\\used\"\n\
         go version > \"{{out}}\\version-used\" 2>&1\n\
         {deactivate_line}\n\
         set > \"{{out}}\\after\"\n\
         go version > \"{{out}}\\version-after\" 2>&1\n"
    ));
    let ver = |v: &str| format!("go version {v} windows/amd64");
    let before = parse_set(&r.raw("before"));
    assert_eq!(before["GOROOT"], r"C:\Go-old-1.19", "premise");
    assert_eq!(
        r.text("version-before"),
        r"go: cannot find GOROOT directory: C:\Go-old-1.19",
        "premise: the stale GOROOT breaks go"
    );
    assert_eq!(r.text("version-hooked"), ver(&g23.version));
    assert_eq!(r.text("version-used"), ver(&g21.version));
    let used = parse_set(&r.raw("used"));
    assert_eq!(used["GOENV_HOOK_GO"], g21.minor());
    assert!(!used.contains_key("GOROOT"), "the stale GOROOT is unset");
    // deactivate: every variable as before, PATH byte for byte.
    let after = parse_set(&r.raw("after"));
    assert_eq!(after["PATH"], before["PATH"], "PATH restored byte for byte");
    assert_eq!(
        after, before,
        "deactivate restores cmd's environment exactly"
    );
    assert_eq!(
        r.text("version-after"),
        r.text("version-before"),
        "and go is as broken as before"
    );
}

#[test]
fn go_env_w_written_by_windows_go_is_what_goenv_hook_reads() {
    let w = WinPrefix::new();
    let g23 = win_go("1.23");
    let msi = w.install_msi(&g23);
    msi_user(&w, &msi);
    w.write(
        r"C:\src\hello\go.mod",
        &format!("module hello\n\ngo {}\n", g23.number()),
    );
    w.write(
        r"C:\src\hello\main.go",
        "package main\n\nimport (\n\t\"fmt\"\n\t\"runtime\"\n)\n\nfunc main() { fmt.Println(\"hello from\", runtime.Version()) }\n",
    );
    // GOPATH on the second drive, written by the Windows go itself into
    // %APPDATA%\go\env; goenv-hook reads that file, puts GOPATH\bin on
    // PATH, and a tool `go install` puts there runs by name.
    let r = w.cmd(&format!(
        "go env -w GOPATH=D:\\gopath\n\
         go env GOENV > \"{{out}}\\goenv\" 2>&1\n\
         go env GOPATH > \"{{out}}\\gopath\" 2>&1\n\
         goenv-hook doctor --json > \"{{out}}\\doctor-before.json\" 2> \"{{out}}\\doctor.err\"\n\
         {HOOK_STEP}\n\
         set > \"{{out}}\\set\"\n\
         cd /d C:\\src\\hello\n\
         set GOPROXY=off\n\
         {}\n\
         hello > \"{{out}}\\hello\" 2>&1\n\
         goenv-hook doctor --json > \"{{out}}\\doctor-after.json\" 2> \"{{out}}\\doctor.err\"\n",
        retry_once("go install . > \"{out}\\install\" 2>&1")
    ));
    let goenv = r.text("goenv");
    assert_eq!(goenv, format!(r"{}\go\env", w.appdata), "go's env file");
    let file = std::fs::read_to_string(w.unix_path(&goenv)).unwrap();
    assert!(file.contains(r"GOPATH=D:\gopath"), "{file}");
    assert_eq!(r.text("gopath"), r"D:\gopath", "premise: go reads it back");
    let gobin = format!(r"{}\bin", r.text("gopath"));

    // Before the hook: doctor names the go install directory that go's own
    // settings give, missing from PATH.
    let doc: serde_json::Value = serde_json::from_str(&r.raw("doctor-before.json"))
        .unwrap_or_else(|e| panic!("doctor --json: {e}\n{}", r.raw("doctor.err")));
    let f = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "gobin-not-on-path")
        .unwrap_or_else(|| panic!("no gobin-not-on-path: {doc:#}"));
    assert!(
        f["message"].as_str().unwrap().contains(&gobin),
        "doctor names {gobin}: {f:#}"
    );

    // After the hook: on PATH, and the tool go installed runs by name.
    let path = parse_set(&r.raw("set"))["PATH"].clone();
    assert!(
        path.split(';').any(|e| e == gobin),
        "{gobin} on PATH: {path}"
    );
    assert_eq!(
        r.text("hello"),
        format!("hello from {}", g23.version),
        "go install: {}",
        r.raw("install")
    );
    let doc: serde_json::Value = serde_json::from_str(&r.raw("doctor-after.json")).unwrap();
    assert!(
        !doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "gobin-not-on-path"),
        "{doc:#}"
    );
}
