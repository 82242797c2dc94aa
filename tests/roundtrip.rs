//! Property tests: hostile values rendered by `render_env`, run by the real
//! shell, read back with `env -0` (cmd: `set > file` under wine), compared
//! byte for byte. Injection payloads (`$(touch M)`, `` `touch M` ``,
//! `(touch M)`, `& type nul > M`, …) must leave no marker file behind.
//!
//! Each case is one shell run with a batch of 1..=60 variables plus a PATH.
//! Cases per shell: 200 by default; set GOENV_HOOK_PROPTEST_CASES to change
//! it (e.g. 2000 for a long run).

mod common;

use common::hostile::{cases, exported_path, fragments, os, run_env_script, value_strategy, Allow};
use goenv_hook::shell::{render_env, Op, Shell};
use goenv_hook::sys::platform::Platform;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// (values, path entries) for one shell run.
type Batch = (Vec<Vec<u8>>, Vec<Vec<u8>>);

fn batch(allow: Allow, frags: Vec<String>) -> BoxedStrategy<Batch> {
    let v = value_strategy(allow, frags);
    (
        proptest::collection::vec(v.clone(), 1..=60),
        proptest::collection::vec(v, 0..6),
    )
        .boxed()
}

fn ops_for(values: &[Vec<u8>], path: &[Vec<u8>]) -> Vec<Op> {
    let mut ops: Vec<Op> = values
        .iter()
        .enumerate()
        .map(|(i, v)| Op::Set {
            name: format!("GH_RT_{i}"),
            value: os(v),
        })
        .collect();
    ops.push(Op::Unset {
        name: "GH_PRESET".into(),
    });
    ops.push(Op::SetPath {
        entries: path.iter().map(|e| os(e)).collect(),
    });
    ops
}

struct Sh {
    shell: Shell,
    program: PathBuf,
    args: Vec<&'static str>,
    tail: &'static str,
}

fn sh(shell: Shell) -> Sh {
    match shell {
        Shell::Bash => Sh {
            shell,
            program: common::require("bash"),
            args: vec!["--norc", "--noprofile"],
            tail: "exec /usr/bin/env -0\n",
        },
        Shell::Zsh => Sh {
            shell,
            program: common::require("zsh"),
            args: vec!["-f"],
            tail: "exec /usr/bin/env -0\n",
        },
        Shell::Posix => Sh {
            shell,
            program: common::require("dash"),
            args: vec![],
            tail: "exec /usr/bin/env -0\n",
        },
        Shell::Fish => Sh {
            shell,
            program: common::require("fish"),
            args: vec!["--no-config"],
            tail: "exec /usr/bin/env -0\n",
        },
        Shell::Nu => Sh {
            shell,
            program: common::nu(),
            args: vec!["-n", "--no-std-lib", "--no-history"],
            tail: "^/usr/bin/env -0\n",
        },
        _ => unreachable!(),
    }
}

fn run_posixish(
    s: &Sh,
    dir: &Path,
    marker: &Path,
    values: &[Vec<u8>],
    path: &[Vec<u8>],
) -> Result<(), TestCaseError> {
    if s.shell == Shell::Nu {
        // Nushell expands a leading `~` (and `~user`) of each PATH item when it
        // exports PATH (nu 0.115.1; no quoting prevents it). goenv-hook's PATH
        // entries are absolute, so such items are left out here.
        let joined = path.join(&b':');
        prop_assume!(
            joined.is_empty() || joined.split(|&b| b == b':').all(|e| !e.starts_with(b"~"))
        );
    }
    let ops = ops_for(values, path);
    let mut script = render_env(s.shell, &ops, Platform::UNIX)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    script.extend_from_slice(s.tail.as_bytes());
    let show = || String::from_utf8_lossy(&script).into_owned();
    let env = run_env_script(
        s.shell.name(),
        (&s.program, &s.args),
        dir,
        marker,
        &script,
        &[
            ("PATH", OsStr::new("/usr/bin:/bin")),
            ("GH_PRESET", OsStr::new("was here")),
        ],
    )?;
    for (i, v) in values.iter().enumerate() {
        let name = format!("GH_RT_{i}");
        let got = env.get(name.as_bytes());
        prop_assert!(
            got == Some(v),
            "{}: {name}: expected {:?}, got {:?}\n--- script ---\n{}",
            s.shell,
            String::from_utf8_lossy(v),
            got.map(|g| String::from_utf8_lossy(g).into_owned()),
            show()
        );
    }
    prop_assert!(
        !env.contains_key(&b"GH_PRESET"[..]),
        "{}: GH_PRESET not unset",
        s.shell
    );
    let want = exported_path(s.shell == Shell::Fish, path);
    prop_assert_eq!(
        env.get(&b"PATH"[..])
            .map(|p| String::from_utf8_lossy(p).into_owned()),
        Some(String::from_utf8_lossy(&want).into_owned()),
        "{}: PATH\n--- script ---\n{}",
        s.shell,
        show()
    );
    Ok(())
}

fn roundtrip(shell: Shell, allow: Allow) {
    let s = sh(shell);
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("INJECTED");
    let frags = fragments(marker.to_str().unwrap(), r"Z:\tmp\goenv-hook-injected");
    let mut runner = TestRunner::new(Config {
        cases: cases(200),
        failure_persistence: None,
        ..Config::default()
    });
    let start = std::time::Instant::now();
    runner
        .run(&batch(allow, frags), |(values, path)| {
            run_posixish(&s, dir.path(), &marker, &values, &path)
        })
        .unwrap_or_else(|e| panic!("{shell}: {e}"));
    eprintln!("{shell}: {} cases in {:?}", cases(200), start.elapsed());
}

const UNIX_ALL: Allow = Allow {
    breaks: true,
    raw: true,
    non_ascii: true,
};

#[test]
fn bash_roundtrip() {
    roundtrip(Shell::Bash, UNIX_ALL);
}

#[test]
fn zsh_roundtrip() {
    roundtrip(Shell::Zsh, UNIX_ALL);
}

#[test]
fn dash_roundtrip() {
    roundtrip(Shell::Posix, UNIX_ALL);
}

#[test]
fn fish_roundtrip() {
    roundtrip(Shell::Fish, UNIX_ALL);
}

#[test]
fn nu_roundtrip() {
    roundtrip(
        Shell::Nu,
        Allow {
            breaks: true,
            raw: false,
            non_ascii: true,
        },
    );
}

#[test]
fn nu_and_json_refuse_invalid_utf8() {
    let ops = [Op::Set {
        name: "B".into(),
        value: os(b"ok\xffno"),
    }];
    let e = render_env(Shell::Nu, &ops, Platform::UNIX).unwrap_err();
    assert_eq!((e.shell, e.name.as_str()), (Shell::Nu, "B"));
    assert!(goenv_hook::shell::render_json(&ops).is_err());
    let path = [Op::SetPath {
        entries: vec![os(b"/ok"), os(b"/\xc3")],
    }];
    assert!(render_env(Shell::Nu, &path, Platform::UNIX).is_err());
}

/// cmd through wine (a smoke executor for cmd's batch-file rules). The route
/// under test is the hook's: the rendered output is its own `.cmd` file,
/// `call`ed from a driver batch file that then writes `set > out.txt`.
/// Values: printable ASCII and tab without `"` (wine reads batch files as
/// CP437; `"`, CR and newline are refused by the renderer, tested below).
/// The empty value removes the variable in cmd.
#[test]
fn cmd_roundtrip_through_wine() {
    let w = common::Wine::new(&[("GH_PRESET", "was here")]);
    let work = w.work.clone();
    let zpath = |p: &Path| w.zpath(p);
    let marker = work.join("INJECTED");
    let run_bat = |bat: &Path| w.run_bat(bat);
    let start = std::time::Instant::now();
    w.start();
    eprintln!("cmd: wine prefix ready in {:?}", start.elapsed());

    let frags = fragments(marker.to_str().unwrap(), &zpath(&marker));
    let allow = Allow {
        breaks: false,
        raw: false,
        non_ascii: false,
    };
    let mut runner = TestRunner::new(Config {
        cases: cases(200),
        failure_persistence: None,
        ..Config::default()
    });
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
    let start = std::time::Instant::now();
    let result = runner.run(&batch(allow, frags), |(values, path)| {
        let ops = ops_for(&values, &path);
        let script = render_env(Shell::Cmd, &ops, Platform::WINDOWS)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        std::fs::write(&env_file, &script).unwrap();
        let _ = std::fs::remove_file(&out_file);
        let status = run_bat(&driver);
        let show = || String::from_utf8_lossy(&script).into_owned();
        prop_assert!(
            status.success(),
            "wine cmd failed: {status}\n--- env.cmd ---\n{}",
            show()
        );
        prop_assert!(
            !marker.exists(),
            "cmd: an injected command ran\n--- env.cmd ---\n{}",
            show()
        );
        let out = std::fs::read(&out_file)
            .map_err(|e| TestCaseError::fail(format!("no set output: {e}")))?;
        let env: HashMap<String, Vec<u8>> = out
            .split(|&b| b == b'\n')
            .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
            .filter_map(|l| {
                let i = l.iter().position(|&b| b == b'=')?;
                Some((
                    String::from_utf8_lossy(&l[..i]).to_ascii_uppercase(),
                    l[i + 1..].to_vec(),
                ))
            })
            .collect();
        for (i, v) in values.iter().enumerate() {
            let name = format!("GH_RT_{i}");
            let got = env.get(&name);
            let want = if v.is_empty() { None } else { Some(v) };
            prop_assert!(
                got == want,
                "cmd: {name}: expected {:?}, got {:?}\n--- env.cmd ---\n{}",
                want.map(|w| String::from_utf8_lossy(w).into_owned()),
                got.map(|g| String::from_utf8_lossy(g).into_owned()),
                show()
            );
        }
        prop_assert!(!env.contains_key("GH_PRESET"), "cmd: GH_PRESET not unset");
        let joined = path.join(&b';');
        let want = if joined.is_empty() {
            None
        } else {
            Some(&joined)
        };
        prop_assert_eq!(
            env.get("PATH"),
            want,
            "cmd: Path\n--- env.cmd ---\n{}",
            show()
        );
        Ok(())
    });
    eprintln!("cmd: {} cases in {:?}", cases(200), start.elapsed());
    let smoke = if result.is_ok() {
        cmd_init_smoke(&w)
    } else {
        Ok(())
    };
    drop(w);
    result.unwrap_or_else(|e| panic!("cmd: {e}"));
    smoke.unwrap_or_else(|e| panic!("cmd init: {e}"));
}

/// `init cmd` with an executable that doesn't exist, `call`ed twice as
/// AutoRun would: the embedded environment applies, the failure is one line
/// on stderr, once; the temporary file is gone and the guard is cleared.
fn cmd_init_smoke(w: &common::Wine) -> Result<(), String> {
    let work = &w.work;
    let zpath = |p: &Path| w.zpath(p);
    let run_bat = |bat: &Path| w.run_bat(bat);
    let ops = [Op::Set {
        name: "GH_INIT".into(),
        value: "100% & ok".into(),
    }];
    let env = render_env(Shell::Cmd, &ops, Platform::WINDOWS).unwrap();
    let exe = Path::new(r"C:\no such dir\it's\goenv-hook.exe");
    let init = goenv_hook::shell::render_init(Shell::Cmd, exe, &env, Platform::WINDOWS).unwrap();
    let init_file = work.join("init.cmd");
    std::fs::write(&init_file, init).unwrap();
    let tmp = work.join("temp");
    std::fs::create_dir_all(&tmp).unwrap();
    let (e1, e2, out) = (
        work.join("err1.txt"),
        work.join("err2.txt"),
        work.join("init-out.txt"),
    );
    let driver = work.join("init-driver.bat");
    std::fs::write(
        &driver,
        format!(
            "@set \"TEMP={}\"\r\n@call \"{}\" 2> \"{}\"\r\n@call \"{}\" 2> \"{}\"\r\n@set > \"{}\"\r\n",
            zpath(&tmp),
            zpath(&init_file),
            zpath(&e1),
            zpath(&init_file),
            zpath(&e2),
            zpath(&out)
        ),
    )
    .unwrap();
    if !run_bat(&driver).success() {
        return Err("wine cmd failed".into());
    }
    let read =
        |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    let (err1, err2, set) = (read(&e1), read(&e2), read(&out));
    if err1.lines().count() != 1 || !err1.starts_with("goenv-hook: ") || !err2.is_empty() {
        return Err(format!(
            "expected one warning line, once; got {err1:?} then {err2:?}"
        ));
    }
    if !set
        .lines()
        .any(|l| l == "GH_INIT=100% & ok\r" || l == "GH_INIT=100% & ok")
    {
        return Err(format!("embedded env not applied:\n{set}"));
    }
    if set
        .lines()
        .any(|l| l.starts_with("__goenv_hook_running=") || l.starts_with("__goenv_hook_tmp="))
    {
        return Err(format!("guard or temp variable left behind:\n{set}"));
    }
    let left: Vec<_> = std::fs::read_dir(&tmp).unwrap().collect();
    if !left.is_empty() {
        return Err(format!("temporary files left behind: {left:?}"));
    }
    Ok(())
}

#[test]
fn cmd_refuses_what_a_batch_line_cannot_hold() {
    for (v, why) in [
        ("a\"b", "double quote"),
        ("a\nb", "line break"),
        ("a\rb", "line break"),
    ] {
        let ops = [Op::Set {
            name: "V".into(),
            value: v.into(),
        }];
        let e = render_env(Shell::Cmd, &ops, Platform::WINDOWS).unwrap_err();
        assert_eq!((e.shell, e.name.as_str()), (Shell::Cmd, "V"));
        assert!(e.message.contains(why), "{e}");
    }
    let ops = [Op::SetPath {
        entries: vec!["C:\\a\"b".into()],
    }];
    assert_eq!(
        render_env(Shell::Cmd, &ops, Platform::WINDOWS)
            .unwrap_err()
            .name,
        "Path"
    );
    let ops = [Op::Set {
        name: "B".into(),
        value: os(b"\xff"),
    }];
    assert!(render_env(Shell::Cmd, &ops, Platform::WINDOWS)
        .unwrap_err()
        .message
        .contains("UTF-8"));
}
