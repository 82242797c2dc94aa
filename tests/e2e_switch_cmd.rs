//! cmd, through wine: the real `goenv-hook hook cmd` output for a sequence
//! of directories (plain → a `go 1.21` project → plain → the project) is
//! executed by wine's cmd.exe the way the cmd hook does it (`call` of a
//! batch file), and the environment cmd ends up with feeds the next step,
//! as in a real cmd session: the toolchain switches and switches back,
//! PATH keeps the user's entries in order, and the state variable survives
//! cmd's `%` rules.
//! Then `goenv-hook deactivate cmd`, run by cmd the same way, gives back
//! exactly the environment cmd had before the first step (a stale GOROOT
//! included) and removes every variable of goenv-hook's.
//! (goenv-hook runs on Linux here, so paths are Unix paths; what is tested
//! is cmd's handling of the generated lines.)

mod common;

use common::{exe, go_root, require, Sandbox, SYSTEM_PATH};
use std::collections::HashMap;
use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Stdio};

fn zpath(p: &Path) -> String {
    format!("Z:{}", p.to_str().unwrap().replace('/', "\\"))
}

/// Parses `set` output (CRLF lines `NAME=value`), names upper-cased.
fn parse_set(out: &[u8]) -> HashMap<String, String> {
    out.split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter_map(|l| {
            let i = l.iter().position(|&b| b == b'=')?;
            Some((
                String::from_utf8_lossy(&l[..i]).to_ascii_uppercase(),
                String::from_utf8_lossy(&l[i + 1..]).into_owned(),
            ))
        })
        .collect()
}

#[test]
fn cmd_switches_toolchains_through_wine() {
    let wine = require("wine");
    let wineserver = require("wineserver");
    go_root("1.21");
    go_root("1.23");
    let sb = Sandbox::new();
    std::os::unix::fs::symlink("/usr/lib/go-1.23/bin/go", sb.path().join("bin/go")).unwrap();
    let plain = sb.home().join("plain");
    let proj = sb.home().join("m21");
    std::fs::create_dir_all(&plain).unwrap();
    std::fs::create_dir_all(&proj).unwrap();
    std::fs::write(proj.join("go.mod"), "module m\n\ngo 1.21\n").unwrap();
    let user_path = format!("{}:/opt/u1:{SYSTEM_PATH}", sb.path().join("bin").display());

    let work = sb.path().join("wine");
    let prefix = sb.path().join("prefix");
    std::fs::create_dir_all(&work).unwrap();
    let env_file = work.join("env.cmd");
    let out_file = work.join("out.txt");
    let driver = work.join("t.bat");
    std::fs::write(
        &driver,
        format!(
            "@call \"{}\"\r\n@set > \"{}\"\r\n",
            zpath(&env_file),
            zpath(&out_file)
        ),
    )
    .unwrap();
    let wine_cmd = |vars: &[(OsString, OsString)]| {
        let mut c = Command::new(&wine);
        c.env_clear()
            .envs(vars.iter().cloned())
            .env("WINEPREFIX", &prefix)
            .env("WINEDEBUG", "-all")
            .arg("cmd")
            .arg("/c")
            .arg(zpath(&driver))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        common::wine_status(&mut c)
    };
    // goenv-hook's cmd output for `args` in `dir`, run by wine's cmd the
    // way the hook runs it (`call`ed from a batch file) with `vars` as the
    // shell's environment: the environment cmd then has.
    let in_cmd = |args: &[&str], dir: &Path, vars: &[(OsString, OsString)]| {
        let out = Command::new(exe())
            .env_clear()
            .envs(vars.iter().cloned())
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::write(&env_file, &out.stdout).unwrap();
        let _ = std::fs::remove_file(&out_file);
        assert!(
            wine_cmd(vars).success(),
            "wine cmd failed; {}",
            common::INSTALL_HINT
        );
        parse_set(&std::fs::read(&out_file).expect("cmd wrote its environment"))
    };

    // The shell's environment, carried from step to step: the user's, with
    // a stale GOROOT from an old profile (unset by the hook, given back by
    // deactivate).
    let mut vars: Vec<(OsString, OsString)> = sb.env(&user_path);
    vars.push(("GOROOT".into(), "/usr/lib/go-1.19".into()));
    let managed = [
        "PATH",
        "GOENV_HOOK_STATE",
        "GOENV_HOOK_PROMPT",
        "GOROOT",
        "GOENV_HOOK_ERROR",
        "GOENV_HOOK_GO",
    ];
    // cmd's environment before goenv-hook: a step whose batch file does
    // nothing. wine starts cmd with PATH in its own Windows form; the PATH of
    // this shell is the user's (what goenv-hook reads, and what its first
    // step's `set "PATH=…"` builds on), so that is PATH's pre-init value.
    std::fs::write(&env_file, "@rem nothing\r\n").unwrap();
    assert!(
        wine_cmd(&vars).success(),
        "wine cmd failed; {}",
        common::INSTALL_HINT
    );
    let mut before = parse_set(&std::fs::read(&out_file).expect("cmd wrote its environment"));
    assert_eq!(
        before.get("GOROOT").map(String::as_str),
        Some("/usr/lib/go-1.19"),
        "premise: cmd sees the stale GOROOT"
    );
    before.insert("PATH".into(), user_path.clone());
    let mut steps = Vec::new();
    for (dir, want_go, want_prompt) in [
        (&plain, "/usr/lib/go-1.23/bin", ""),
        (&proj, "/usr/lib/go-1.21/bin", "go1.21.13"),
        (&plain, "/usr/lib/go-1.23/bin", ""),
        // Back into the project, so that deactivate has a switched
        // toolchain and a prompt variable to undo.
        (&proj, "/usr/lib/go-1.21/bin", "go1.21.13"),
    ] {
        let set = in_cmd(&["hook", "cmd"], dir, &vars);
        // Carry goenv-hook's variables into the next step, as cmd holds them.
        vars.retain(|(k, _)| {
            !managed
                .iter()
                .any(|m| k.to_str().is_some_and(|k| k.eq_ignore_ascii_case(m)))
        });
        for m in managed {
            if let Some(v) = set.get(m) {
                vars.push((m.into(), v.into()));
            }
        }
        let path = set.get("PATH").cloned().unwrap_or_default();
        let entries: Vec<&str> = path.split(':').collect();
        steps.push(path.clone());
        assert_eq!(entries[0], want_go, "in {}: {path}", dir.display());
        assert_eq!(
            entries
                .iter()
                .filter(|e| e.starts_with("/usr/lib/go-1."))
                .count(),
            1,
            "one toolchain bin: {path}"
        );
        let rest: Vec<&str> = entries
            .iter()
            .copied()
            .filter(|e| !e.starts_with("/usr/lib/go-1.") && !e.ends_with("/go/bin"))
            .collect();
        assert_eq!(rest.join(":"), user_path, "the user's entries, in order");
        assert_eq!(
            set.get("GOENV_HOOK_PROMPT")
                .map(String::as_str)
                .unwrap_or(""),
            want_prompt
        );
        assert!(
            set.contains_key("GOENV_HOOK_STATE"),
            "state variable survived cmd"
        );
        assert!(
            !set.contains_key("GOROOT"),
            "the stale GOROOT is unset: {:?}",
            set.get("GOROOT")
        );
    }
    assert_eq!(steps[0], steps[2], "leaving the project restores PATH");

    // deactivate: everything as before the first step.
    let after = in_cmd(&["deactivate", "cmd"], &proj, &vars);
    let mut diff: Vec<String> = Vec::new();
    for k in before
        .keys()
        .chain(after.keys().filter(|k| !before.contains_key(*k)))
    {
        if before.get(k) != after.get(k) {
            diff.push(format!("{k}: {:?} -> {:?}", before.get(k), after.get(k)));
        }
    }
    assert!(
        diff.is_empty(),
        "deactivate cmd did not restore cmd's environment exactly:\n{}\n--- batch file ---\n{}",
        diff.join("\n"),
        String::from_utf8_lossy(&std::fs::read(&env_file).unwrap())
    );

    let mut c = Command::new(&wineserver);
    c.env_clear()
        .env("WINEPREFIX", &prefix)
        .arg("-k")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let _ = c.status();
}
