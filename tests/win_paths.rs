//! Windows paths that break Go setups, or are said to: the real
//! goenv-hook.exe (scripts/build-windows.sh) in wine's cmd.exe against real
//! Windows Go toolchains (scripts/windows-go.sh), judged by what the real
//! `go.exe` does (`go env`, `go build`, `go install`, the installed tool run
//! by name).
//!
//! - A stale `GOROOT` (another installed version's root; a removed
//!   directory): go breaks, doctor names it, and its fix, pasted into cmd
//!   as printed, makes go work.
//! - The classic "no spaces, no Chinese in the path" advice: a `GOPATH`
//!   with spaces and non-ASCII characters works for pure Go (`go install`
//!   puts the tool in `GOPATH\bin`, the hook's step and the saved init file
//!   put that on `PATH` byte for byte, the tool runs by name; a module in
//!   such a directory vets, builds and runs); doctor's
//!   `gopath-nonascii-or-space` is an info that blames cgo only. cgo itself can't be tried here: there is
//!   no C compiler in the prefix (the test checks `go env CGO_ENABLED` is
//!   0), so "cgo suffers" is Go's documented behaviour, not shown.
//! - Values cmd can carry but that break naive quoting (`%`, `!`, `^`, `&`,
//!   parentheses, spaces) in `GOPATH`/`GOBIN`: the hook leaves them as set,
//!   puts `GOBIN` on `PATH` exactly, and go sees them.
//!
//! Code pages: real cmd reads a batch file in the console code page, which
//! the hook sets to 65001 (UTF-8) while it `call`s its file; wine's cmd
//! ignores `chcp` and reads batch files in the process's OEM code page
//! (437 here). An application manifest next to wine's cmd.exe
//! (`activeCodePage` UTF-8, what Windows' "Use Unicode UTF-8 for worldwide
//! language support" does system-wide) makes wine's cmd read them as UTF-8,
//! as real cmd does after `chcp 65001`; the tests that need non-ASCII in
//! batch files install it, and one run without it shows the difference
//! (the same bytes read as CP437 give another PATH).

mod common;

use common::windows::{json, msi_user, parse_set, retry_once, win_go, WinPrefix};

fn findings(doc: &serde_json::Value) -> Vec<serde_json::Value> {
    doc["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("doctor --json has no findings: {doc:#}"))
        .clone()
}

fn ids(doc: &serde_json::Value) -> Vec<String> {
    findings(doc)
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

fn find(doc: &serde_json::Value, id: &str) -> serde_json::Value {
    findings(doc)
        .into_iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("doctor reports no {id}: {doc:#}"))
}

/// The hello module at `dir`: its binary prints the Go that built it and
/// the path it runs from (so "runs by name" is checked against where
/// `go install` put it).
fn hello_module(w: &WinPrefix, dir: &str, g: &common::windows::WinGo) {
    w.write(
        &format!(r"{dir}\go.mod"),
        &format!("module hello\n\ngo {}\n", g.minor()),
    );
    w.write(
        &format!(r"{dir}\main.go"),
        "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\t\"runtime\"\n)\n\n\
         func main() {\n\texe, err := os.Executable()\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\
         \tfmt.Printf(\"hello from %s at %s\\n\", runtime.Version(), exe)\n}\n",
    );
}

#[test]
fn stale_goroot_doctor_names_it_and_its_fix_pasted_into_cmd_makes_go_work() {
    let w = WinPrefix::new();
    let (g22, g23) = (win_go("1.22"), win_go("1.23"));
    let msi = w.install_msi(&g23);
    let sdk = w.install_sdk(&g22);
    msi_user(&w, &msi);
    hello_module(&w, r"C:\src\hello", &g23);
    // Two stale values: an older install's root (still there), and the
    // root of an install since removed.
    let removed = r"C:\Go".to_string();
    let cases = [
        ("other", sdk.as_str(), "goroot-mismatch"),
        ("removed", removed.as_str(), "goroot-invalid"),
    ];
    let broken = |name: &str, goroot: &str| {
        format!(
            "set \"GOROOT={goroot}\"\n\
             go env GOROOT > \"{{out}}\\{name}-goroot\" 2>&1\n\
             {}\n\
             goenv-hook doctor --json > \"{{out}}\\{name}-doctor.json\" 2> \"{{out}}\\{name}-doctor.err\"\n\
             goenv-hook doctor > \"{{out}}\\{name}-doctor.txt\" 2>&1\n",
            retry_once(&format!("go build -o NUL . > \"{{out}}\\{name}-build\" 2>&1"))
        )
    };
    let mut script = String::from("cd /d C:\\src\\hello\nset GOPROXY=off\nset GOFLAGS=\n");
    for (name, goroot, _) in &cases {
        script.push_str(&broken(name, goroot));
    }
    let r = w.cmd(&script);
    let mut fixes = Vec::new();
    for (name, goroot, id) in &cases {
        // What real go does with it.
        let build = r.text(&format!("{name}-build"));
        match *name {
            "other" => {
                assert_eq!(
                    r.text("other-goroot"),
                    sdk,
                    "premise: go uses the GOROOT it is given"
                );
                assert!(
                    build.contains(&format!(
                        "compile: version \"{}\" does not match go tool version \"{}\"",
                        g22.version, g23.version
                    )),
                    "premise: go1.23 with go1.22's GOROOT can't build: {build}"
                );
            }
            _ => {
                let want = format!("go: cannot find GOROOT directory: {goroot}");
                assert_eq!(r.text("removed-goroot"), want, "premise");
                assert_eq!(build, want, "premise: every go command fails");
            }
        }
        // What doctor says: the id, an error, naming the value.
        let doc = json(&r, &format!("{name}-doctor.json"));
        let f = find(&doc, id);
        assert_eq!(f["severity"], "error", "{f:#}");
        assert!(
            f["message"].as_str().unwrap().contains(goroot),
            "{id} names GOROOT={goroot}: {f:#}"
        );
        assert_ne!(doc["exit_code"], 0, "{doc:#}");
        let fix = f["fix"].as_str().unwrap().to_string();
        assert!(
            r.raw(&format!("{name}-doctor.txt")).contains(&fix),
            "the text output shows the fix {fix:?}"
        );
        fixes.push(fix);
    }

    // The fix as doctor prints it, pasted into cmd (the whole line), in the
    // broken shell: go works again, and doctor is content.
    let mut script = String::from("cd /d C:\\src\\hello\nset GOPROXY=off\nset GOFLAGS=\n");
    for ((name, goroot, _), fix) in cases.iter().zip(&fixes) {
        script.push_str(&format!(
            "set \"GOROOT={goroot}\"\n\
             {fix}\n\
             set > \"{{out}}\\{name}-set\"\n\
             go env GOROOT > \"{{out}}\\{name}-goroot\" 2>&1\n\
             {}\n\
             \"{{out}}\\{name}.exe\" > \"{{out}}\\{name}-hello\" 2>&1\n\
             goenv-hook doctor --json > \"{{out}}\\{name}-doctor.json\" 2> \"{{out}}\\{name}-doctor.err\"\n",
            retry_once(&format!(
                "go build -o \"{{out}}\\{name}.exe\" . > \"{{out}}\\{name}-build\" 2>&1"
            ))
        ));
    }
    let r = w.cmd(&script);
    for ((name, _, id), fix) in cases.iter().zip(&fixes) {
        let set = parse_set(&r.raw(&format!("{name}-set")));
        assert!(
            !set.contains_key("GOROOT"),
            "doctor's fix {fix:?}, pasted into cmd, left GOROOT={:?}",
            set.get("GOROOT")
        );
        assert_eq!(
            r.text(&format!("{name}-goroot")),
            msi,
            "after {fix:?} go finds its own root"
        );
        assert_eq!(
            r.text(&format!("{name}-hello")),
            format!(
                "hello from {} at {}",
                g23.version,
                w.win_path(&r.dir.join(format!("{name}.exe")))
            ),
            "after {fix:?}: go build: {}",
            r.raw(&format!("{name}-build"))
        );
        let doc = json(&r, &format!("{name}-doctor.json"));
        let left: Vec<String> = ids(&doc)
            .into_iter()
            .filter(|i| i.starts_with("goroot"))
            .collect();
        assert!(
            left.is_empty(),
            "{id}: after the fix doctor still reports {left:?}: {doc:#}"
        );
    }
}

/// The hook's step as the saved init file runs it (like
/// `common::windows::HOOK_STEP`), its output kept as `{out}\<name>.cmd` so
/// its bytes can be read.
fn hook_step_kept(name: &str) -> String {
    format!(
        "goenv-hook hook cmd > \"{{out}}\\{name}.cmd\"\n\
         call \"{{out}}\\{name}.cmd\"\n"
    )
}

#[test]
fn gopath_with_spaces_and_non_ascii_works_for_pure_go() {
    let mut w = WinPrefix::new();
    let g23 = win_go("1.23");
    let msi = w.install_msi(&g23);
    msi_user(&w, &msi);
    hello_module(&w, r"C:\src\hello", &g23);
    w.cmd_reads_utf8(true);
    w.unix_utf8();
    let gopaths = [r"C:\Users\Jörg Müller\go", r"C:\Users\x\go 工作"];
    // A module whose own directory has them too, beside each GOPATH.
    let srcs = [
        r"C:\Users\Jörg Müller\src\hallo",
        r"C:\Users\x\代码 src\hallo",
    ];
    for src in srcs {
        hello_module(&w, &src.replacen(r"C:\Users\", r"C:\users\", 1), &g23);
    }
    let mut script = String::from(
        "set GOPROXY=off\nset GOFLAGS=\n\
         go env CGO_ENABLED > \"{out}\\cgo\" 2>&1\n\
         goenv-hook init cmd > \"{out}\\init.cmd\"\n",
    );
    for (i, gopath) in gopaths.iter().enumerate() {
        // The first applies the hook's step, the second the saved init file
        // (which runs the same step between `chcp 65001` and back).
        let apply = match i {
            0 => hook_step_kept("hook0"),
            _ => "call \"{out}\\init.cmd\"\n".to_string(),
        };
        script.push_str(&format!(
            "setlocal\n\
             cd /d C:\\src\\hello\n\
             set \"GOPATH={gopath}\"\n\
             set > \"{{out}}\\before{i}\"\n\
             go env GOPATH > \"{{out}}\\gopath{i}\" 2>&1\n\
             goenv-hook env cmd > \"{{out}}\\env{i}.cmd\"\n\
             {apply}\
             set > \"{{out}}\\after{i}\"\n\
             go env GOPATH > \"{{out}}\\gopath-after{i}\" 2>&1\n\
             {}\n\
             hello > \"{{out}}\\hello{i}\" 2>&1\n\
             goenv-hook doctor --json > \"{{out}}\\doctor{i}.json\" 2> \"{{out}}\\doctor{i}.err\"\n\
             cd /d \"{src}\"\n\
             go vet . > \"{{out}}\\vet{i}\" 2>&1\n\
             echo %ERRORLEVEL%> \"{{out}}\\vet-rc{i}\"\n\
             go build -o \"{{out}}\\built{i}.exe\" . > \"{{out}}\\build{i}\" 2>&1\n\
             \"{{out}}\\built{i}.exe\" > \"{{out}}\\built{i}\" 2>&1\n\
             endlocal\n",
            retry_once(&format!("go install . > \"{{out}}\\install{i}\" 2>&1")),
            src = srcs[i],
        ));
    }
    let r = w.cmd(&script);
    assert_eq!(
        r.text("cgo"),
        "0",
        "premise: no C compiler in the prefix, so cgo can't be tried here"
    );
    for (i, gopath) in gopaths.iter().enumerate() {
        let gobin = format!(r"{gopath}\bin");
        // go reads the value byte for byte (UTF-8 in go's output).
        assert_eq!(
            r.raw(&format!("gopath{i}")).trim_end(),
            *gopath,
            "premise: go sees GOPATH as set"
        );
        assert_eq!(parse_set(&r.raw(&format!("before{i}")))["GOPATH"], *gopath);
        // The hook's and env's files hold GOPATH\bin as UTF-8, byte for
        // byte.
        for file in [format!("env{i}.cmd"), format!("hook{i}.cmd")] {
            let Ok(bytes) = std::fs::read(r.dir.join(&file)) else {
                assert_ne!(i, 0, "no {file}");
                continue;
            };
            assert!(
                bytes.windows(gobin.len()).any(|b| b == gobin.as_bytes()),
                "{file} has no UTF-8 {gobin}:\n{}",
                String::from_utf8_lossy(&bytes)
            );
        }
        // After it: GOPATH as it was, GOPATH\bin on PATH exactly.
        let after = parse_set(&r.raw(&format!("after{i}")));
        assert_eq!(after["GOPATH"], *gopath, "the hook left GOPATH alone");
        assert_eq!(r.raw(&format!("gopath-after{i}")).trim_end(), *gopath);
        assert!(
            after["PATH"].split(';').any(|e| e == gobin),
            "{gobin} on PATH byte for byte: {}",
            after["PATH"]
        );
        // go install wrote the tool there (the directory as named, seen
        // from Linux: wine keeps names as UTF-8), and it runs by name.
        let tool = format!(r"{gobin}\hello.exe");
        // (wine's profile directory is `users`; Windows' is `Users`, which
        // wine finds case-insensitively.)
        let as_wine = tool.replacen(r"C:\Users\", r"C:\users\", 1);
        let on_disk = w.unix_path(&as_wine);
        assert!(
            on_disk.is_file(),
            "go install put no {tool}: {}",
            r.raw(&format!("install{i}"))
        );
        assert_eq!(
            r.raw(&format!("hello{i}")).trim_end(),
            format!("hello from {} at {as_wine}", g23.version),
            "the tool run by name from the PATH the hook made (os.Executable \
             names the directory as stored); go install: {}",
            r.raw(&format!("install{i}"))
        );
        // doctor: an info naming GOPATH that blames cgo only, and nothing
        // else about GOPATH, no error, nothing about PATH or GOBIN.
        let doc = json(&r, &format!("doctor{i}.json"));
        let f = find(&doc, "gopath-nonascii-or-space");
        assert_eq!(f["severity"], "info", "{f:#}");
        let msg = f["message"].as_str().unwrap();
        assert!(msg.contains(&format!("GOPATH={gopath}")), "{f:#}");
        assert!(msg.contains("only cgo"), "{f:#}");
        assert!(f["fix"].as_str().unwrap().contains("cgo"), "{f:#}");
        for other in findings(&doc) {
            if other["id"] == "gopath-nonascii-or-space" {
                continue;
            }
            assert_ne!(other["severity"], "error", "{other:#}");
            let text = format!("{} {}", other["message"], other["fix"]);
            assert!(
                !text.contains(gopath) && !other["id"].as_str().unwrap().starts_with("gobin"),
                "nothing else about GOPATH: {other:#}"
            );
        }
        // A module in such a directory: vet and build work, the binary runs.
        assert_eq!(
            r.text(&format!("vet-rc{i}")),
            "0",
            "go vet: {}",
            r.raw(&format!("vet{i}"))
        );
        assert_eq!(
            r.text(&format!("built{i}")),
            format!(
                "hello from {} at {}",
                g23.version,
                w.win_path(&r.dir.join(format!("built{i}.exe")))
            ),
            "go build in {}: {}",
            srcs[i],
            r.raw(&format!("build{i}"))
        );
    }
    // The saved init file switches the code page to UTF-8 around its call.
    let init = r.raw("init.cmd");
    assert!(init.contains("chcp 65001"), "{init}");

    // The same hook file read as wine reads batch files by default (the
    // OEM code page, 437): PATH gets another entry and the tool is not
    // found. What the hook's `chcp 65001` prevents in real cmd, and what
    // the checks above would catch.
    w.cmd_reads_utf8(false);
    let r2 = w.cmd(&format!(
        "call \"{}\"\n\
         hello > \"{{out}}\\hello\" 2>&1\n",
        w.win_path(&r.dir.join("hook0.cmd"))
    ));
    assert!(
        !r2.text("hello").starts_with("hello from"),
        "control: read as CP437, the hook's PATH should miss {}\\bin: {}",
        gopaths[0],
        r2.raw("hello")
    );
}

#[test]
fn hostile_gopath_and_gobin_survive_the_hook_and_go_sees_them() {
    let w = WinPrefix::new();
    let g23 = win_go("1.23");
    let msi = w.install_msi(&g23);
    msi_user(&w, &msi);
    hello_module(&w, r"C:\src\hello", &g23);
    // Directory names Windows allows, with what cmd treats specially: `%`
    // (expansion, even inside quotes), `!` (delayed expansion), `^`, `&`,
    // parentheses, spaces; `%PATH%` spelled out.
    let gopath = r"C:\h\100% (a&b) ^!go";
    let gobin = r"C:\h\%PATH% !x! ^^ & (y)";
    // In this batch file `%` is written `%%`; inside `set "…"` the rest is
    // literal (delayed expansion is off, cmd's default).
    let r = w.cmd(&format!(
        "set \"GOPATH={}\"\n\
         set \"GOBIN={}\"\n\
         set > \"{{out}}\\before\"\n\
         go env GOPATH > \"{{out}}\\gopath\" 2>&1\n\
         go env GOBIN > \"{{out}}\\gobin\" 2>&1\n\
         {}\
         set > \"{{out}}\\after\"\n\
         go env GOPATH > \"{{out}}\\gopath-after\" 2>&1\n\
         go env GOBIN > \"{{out}}\\gobin-after\" 2>&1\n\
         cd /d C:\\src\\hello\n\
         set GOPROXY=off\n\
         {}\n\
         hello > \"{{out}}\\hello\" 2>&1\n\
         if exist \"{gobin_tool}\" echo yes> \"{{out}}\\tool-was-there\"\n\
         del \"{gobin_tool}\"\n\
         set \"GOBIN=\"\n\
         {}\
         set > \"{{out}}\\after2\"\n\
         {}\n\
         hello > \"{{out}}\\hello2\" 2>&1\n",
        gopath.replace('%', "%%"),
        gobin.replace('%', "%%"),
        hook_step_kept("hook"),
        retry_once("go install . > \"{out}\\install\" 2>&1"),
        hook_step_kept("hook2"),
        retry_once("go install . > \"{out}\\install2\" 2>&1"),
        gobin_tool = format!(r"{gobin}\hello.exe").replace('%', "%%"),
    ));
    let before = parse_set(&r.raw("before"));
    assert_eq!(before["GOPATH"], gopath, "premise: the batch file set it");
    assert_eq!(before["GOBIN"], gobin, "premise: the batch file set it");
    assert_eq!(r.text("gopath"), gopath, "premise: go sees it");
    assert_eq!(r.text("gobin"), gobin, "premise: go sees it");
    let after = parse_set(&r.raw("after"));
    let hook = r.raw("hook.cmd");
    assert_eq!(after["GOPATH"], gopath, "the hook's file:\n{hook}");
    assert_eq!(after["GOBIN"], gobin, "the hook's file:\n{hook}");
    assert_eq!(r.text("gopath-after"), gopath);
    assert_eq!(r.text("gobin-after"), gobin);
    // The rest of the environment as before, but PATH.
    for (k, v) in &before {
        if k != "PATH" && !k.starts_with("GOENV_HOOK") {
            assert_eq!(
                after.get(k),
                Some(v),
                "{k} changed; the hook's file:\n{hook}"
            );
        }
    }
    assert!(
        after["PATH"].split(';').any(|e| e == gobin),
        "GOBIN on PATH exactly: {}\nthe hook's file:\n{hook}",
        after["PATH"]
    );
    // go install writes there and the tool runs by name from that PATH.
    let tool = format!(r"{gobin}\hello.exe");
    assert!(
        r.exists("tool-was-there") && w.unix_path(&tool).parent().unwrap().is_dir(),
        "no {tool}: {}",
        r.raw("install")
    );
    assert_eq!(
        r.text("hello"),
        format!("hello from {} at {tool}", g23.version),
        "go install: {}",
        r.raw("install")
    );

    // GOBIN unset: the hook takes its entry off PATH again (it removes only
    // what it added, hostile value or not) and puts GOPATH\bin there, where
    // go install now writes.
    let after2 = parse_set(&r.raw("after2"));
    let hook2 = r.raw("hook2.cmd");
    let gopath_bin = format!(r"{gopath}\bin");
    let entries: Vec<&str> = after2["PATH"].split(';').collect();
    assert!(
        !entries.contains(&gobin),
        "GOBIN's entry left on PATH: {entries:?}\n{hook2}"
    );
    assert!(
        entries.contains(&gopath_bin.as_str()),
        "{gopath_bin} on PATH: {entries:?}\n{hook2}"
    );
    assert_eq!(
        r.text("hello2"),
        format!("hello from {} at {gopath_bin}\\hello.exe", g23.version),
        "go install: {}",
        r.raw("install2")
    );
}
