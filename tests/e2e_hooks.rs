//! The prompt hook really fires in interactive shells: a config change
//! between two prompts reaches the next prompt, and the user's exit status
//! survives the hook (including a user's own PROMPT_COMMAND after ours); a
//! broken config is reported once, not at every prompt; a missing executable
//! costs one line and nothing else.

mod common;

use common::{exe, go_root, q, require, run_piped, Sandbox, SYSTEM_PATH};
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

fn setup() -> (Sandbox, String, std::path::PathBuf) {
    let sb = Sandbox::new();
    go_root("1.23");
    let path = format!("/usr/lib/go-1.23/bin:{SYSTEM_PATH}");
    let cfg = sb.home().join(".config/goenv-hook/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(&cfg, "[env]\nGOPROXY = \"first\"\n").unwrap();
    (sb, path, cfg)
}

/// Lines each shell runs, one per prompt. `$OUT` collects observations.
fn session(cfg: &Path, out: &Path, status_var: &str) -> String {
    format!(
        "echo \"A=$GOPROXY\" >> {out}\nprintf '[env]\\nGOPROXY = \"second\"\\n' > {cfg}\necho \"B=$GOPROXY\" >> {out}\nfalse\necho \"S={status_var}\" >> {out}\nsh -c 'exit 7'\necho \"S={status_var}\" >> {out}\necho \"C=$GOPROXY\" >> {out}\nexit\n",
        out = q(out),
        cfg = q(cfg),
    )
}

fn check(shell: &str, got: &str) {
    let lines: Vec<&str> = got.lines().collect();
    assert_eq!(
        lines,
        ["A=first", "B=second", "S=1", "S=7", "C=second"],
        "{shell}: {got}"
    );
}

#[test]
fn bash_hook_fires_and_keeps_status_with_a_user_prompt_command_after_ours() {
    let (sb, path, cfg) = setup();
    let out = sb.path().join("out");
    let user = sb.path().join("user");
    // The user's own PROMPT_COMMAND entry, appended after ours, must see the
    // exit status of the user's last command, not the hook's.
    let rc = sb.path().join("bashrc");
    std::fs::write(
        &rc,
        format!(
            "eval \"$({} init bash)\"\n__user_pc() {{ echo \"U=$?\" >> {}; }}\nPROMPT_COMMAND=\"${{PROMPT_COMMAND}};__user_pc\"\nPS1='$ '\n",
            q(&exe()),
            q(&user)
        ),
    )
    .unwrap();
    let mut c = sb.command(require("bash"), &path);
    c.args(["--noprofile", "--rcfile"]).arg(&rc).arg("-i");
    let (_, err) = run_piped(c, &session(&cfg, &out, "$?"));
    check("bash", &std::fs::read_to_string(&out).unwrap());
    let u = std::fs::read_to_string(&user).unwrap();
    assert!(
        u.contains("U=1\n") && u.contains("U=7\n"),
        "user PROMPT_COMMAND saw: {u}\n{err}"
    );

    // The array form of PROMPT_COMMAND (bash ≥ 5.1).
    std::fs::write(&cfg, "[env]\nGOPROXY = \"first\"\n").unwrap();
    std::fs::remove_file(&out).unwrap();
    std::fs::write(
        &rc,
        format!(
            "PROMPT_COMMAND=(__user_pc)\n__user_pc() {{ :; }}\neval \"$({} init bash)\"\neval \"$({} init bash)\"\nPS1='$ '\n",
            q(&exe()),
            q(&exe())
        ),
    )
    .unwrap();
    let mut c = sb.command(require("bash"), &path);
    c.args(["--noprofile", "--rcfile"]).arg(&rc).arg("-i");
    let (_, err) = run_piped(
        c,
        &format!(
            "echo \"P=${{PROMPT_COMMAND[*]}}\" >> {}\n{}",
            q(&out),
            session(&cfg, &out, "$?")
        ),
    );
    let got = std::fs::read_to_string(&out).unwrap();
    let (first, rest) = got.split_once('\n').unwrap();
    let words: Vec<&str> = first.trim_start_matches("P=").split(' ').collect();
    assert_eq!(
        (
            words.iter().filter(|w| **w == "__goenv_hook").count(),
            words.iter().filter(|w| **w == "__goenv_hook_tail").count()
        ),
        (1, 1),
        "hook (and its tail) installed once: {first}\n{err}"
    );
    assert!(first.contains("__user_pc"), "{first}");
    check("bash (array)", rest);
}

#[test]
fn zsh_hook_fires_and_keeps_status() {
    let (sb, path, cfg) = setup();
    let out = sb.path().join("out");
    let zdot = sb.path().join("zdot");
    std::fs::create_dir_all(&zdot).unwrap();
    std::fs::write(
        zdot.join(".zshrc"),
        format!("eval \"$({} init zsh)\"\nPS1='$ '\n", q(&exe())),
    )
    .unwrap();
    let mut c = sb.command(require("zsh"), &path);
    c.env("ZDOTDIR", &zdot).arg("-i");
    let (_, err) = run_piped(c, &session(&cfg, &out, "$?"));
    let got = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(!got.is_empty(), "{err}");
    check("zsh", &got);
}

#[test]
fn fish_hook_fires_and_keeps_status_under_a_pty() {
    let (sb, path, cfg) = setup();
    let out = sb.path().join("out");
    let ready = sb.path().join("ready");
    let conf = sb.home().join(".config/fish/config.fish");
    std::fs::create_dir_all(conf.parent().unwrap()).unwrap();
    std::fs::write(
        &conf,
        format!("{} init fish | source\ntouch {}\n", q(&exe()), q(&ready)),
    )
    .unwrap();
    // fish only runs prompts (and so fish_prompt handlers) when it reads from
    // a terminal: run it under `script`, which gives it a pty, and type the
    // session once it is ready.
    let mut c = sb.command(require("script"), &path);
    c.args(["-qec", "fish -i", "/dev/null"]);
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let t0 = std::time::Instant::now();
    while !ready.exists() {
        assert!(t0.elapsed().as_secs() < 20, "fish did not start");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(session(&cfg, &out, "$status").as_bytes())
        .unwrap();
    let status = child.wait().unwrap();
    drop(stdin);
    let got = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(status.success() && !got.is_empty(), "fish: {status} {got}");
    check("fish", &got);
}

/// The environment a shell exported, from `env -0`, as sorted lines.
fn env_dump(path: &Path) -> Vec<String> {
    let raw = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut v: Vec<String> = raw
        .split(|&b| b == 0)
        .filter(|s| !s.is_empty())
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect();
    v.sort();
    v
}

/// A malformed config in a real interactive bash: `init bash` exits 78 and
/// reports the error once (on its stderr); over three prompts (the hook runs
/// at the first, where nothing is cached yet, and again after the config file
/// is rewritten with the same error, which the fast path notices) nothing
/// more is printed and
/// the environment stays exactly as it was, an inherited GOROOT and GOPATH
/// included, apart from GOENV_HOOK_ERROR (the fingerprint that makes "once"
/// work). A different error afterwards is reported, once: the hook is live.
#[test]
fn bash_reports_a_broken_config_once_and_leaves_the_environment_alone() {
    let sb = Sandbox::new();
    go_root("1.23");
    go_root("1.21");
    let path = format!("/usr/lib/go-1.23/bin:{SYSTEM_PATH}");
    let cfg = sb.home().join(".config/goenv-hook/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    let broken = "toolchain = 1.22\n";
    std::fs::write(&cfg, broken).unwrap();
    let out = sb.path().join("out");
    let before = sb.path().join("env.before");
    let after = sb.path().join("env.after");
    let rc = sb.path().join("bashrc");
    std::fs::write(
        &rc,
        format!(
            "env -0 > {before}\n__init=$({exe} init bash)\necho \"init=$?\" >> {out}\neval \"$__init\"\nunset __init\nPS1='$ '\n",
            before = q(&before),
            exe = q(&exe()),
            out = q(&out),
        ),
    )
    .unwrap();
    // Prompt 1: nothing. Prompt 2: the same broken config written again.
    // Prompt 3: a failing command, its status, and the environment.
    let session = format!(
        "true\nprintf '{broken_esc}' > {cfg}\nfalse\necho \"S=$?\" >> {out}; env -0 > {after}\nprintf 'unknown_key = 1\\n' > {cfg}\necho done >> {out}\nexit\n",
        broken_esc = broken.replace('\n', "\\n"),
        cfg = q(&cfg),
        out = q(&out),
        after = q(&after),
    );
    let mut c = sb.command(require("bash"), &path);
    c.env("GOROOT", "/usr/lib/go-1.21")
        .env("GOPATH", sb.home().join("gopath"))
        .args(["--noprofile", "--rcfile"])
        .arg(&rc)
        .arg("-i");
    let (_, err) = run_piped(c, &session);
    let got = std::fs::read_to_string(&out).unwrap_or_default();
    assert_eq!(
        got.lines().collect::<Vec<_>>(),
        ["init=78", "S=1", "done"],
        "stderr:\n{err}"
    );
    // The first error: exactly once (from init), with its line and column.
    assert_eq!(
        err.matches("config.toml:1:13: ").count(),
        1,
        "the config error must be reported once:\n{err}"
    );
    // The second, different error: reported by the hook, once.
    let hook_lines: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("goenv-hook: config error, environment left as is"))
        .collect();
    assert_eq!(hook_lines.len(), 1, "{err}");
    assert!(hook_lines[0].contains("unknown key `unknown_key`"), "{err}");
    let before = env_dump(&before);
    let after: Vec<String> = env_dump(&after)
        .into_iter()
        .filter(|l| !l.starts_with("GOENV_HOOK_ERROR="))
        .collect();
    assert!(before.iter().any(|l| l == "GOROOT=/usr/lib/go-1.21"));
    assert_eq!(after, before, "environment changed:\n{err}");
}

/// The executable disappears after init (uninstalled, or a rebuild in
/// progress): the hook prints one line, once per shell, every command still
/// runs, and `$?` reaches the next command line.
fn missing_exe_session(out: &Path) -> String {
    format!(
        "true\nfalse\necho \"S=$?\" >> {out}\nsh -c 'exit 7'\necho \"S=$?\" >> {out}\ncd /\necho \"P=$PWD\" >> {out}\nexit\n",
        out = q(out)
    )
}

/// A copy of the binary that init embeds, to be deleted after init.
fn exe_copy(sb: &Sandbox) -> std::path::PathBuf {
    let copy = sb.path().join("bin/goenv-hook");
    std::fs::copy(exe(), &copy).unwrap();
    copy
}

fn check_missing_exe(shell: &str, copy: &Path, out: &Path, err: &str) {
    assert!(!copy.exists(), "{shell}: the copy was not removed");
    let got = std::fs::read_to_string(out).unwrap_or_default();
    assert_eq!(
        got.lines().collect::<Vec<_>>(),
        ["S=1", "S=7", "P=/"],
        "{shell}: stderr:\n{err}"
    );
    // (Piped bash echoes the command lines, which hold the sandbox path
    // goenv-hook-test…; the hook's line starts with "goenv-hook: ".)
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("goenv-hook: ")).collect();
    assert_eq!(
        lines.len(),
        1,
        "{shell}: expected one line about the missing executable:\n{err}"
    );
    assert!(
        lines[0].contains(&copy.display().to_string()) && lines[0].contains("failed"),
        "{shell}: {}",
        lines[0]
    );
}

#[test]
fn bash_with_the_executable_gone_prints_one_line_and_keeps_status() {
    let sb = Sandbox::new();
    go_root("1.23");
    let path = format!("/usr/lib/go-1.23/bin:{SYSTEM_PATH}");
    let copy = exe_copy(&sb);
    let out = sb.path().join("out");
    let rc = sb.path().join("bashrc");
    std::fs::write(
        &rc,
        format!(
            "eval \"$({copy} init bash)\"\nrm {copy}\nPS1='$ '\n",
            copy = q(&copy)
        ),
    )
    .unwrap();
    let mut c = sb.command(require("bash"), &path);
    c.args(["--noprofile", "--rcfile"]).arg(&rc).arg("-i");
    let (_, err) = run_piped(c, &missing_exe_session(&out));
    check_missing_exe("bash", &copy, &out, &err);
}

#[test]
fn zsh_with_the_executable_gone_prints_one_line_and_keeps_status() {
    let sb = Sandbox::new();
    go_root("1.23");
    let path = format!("/usr/lib/go-1.23/bin:{SYSTEM_PATH}");
    let copy = exe_copy(&sb);
    let out = sb.path().join("out");
    let zdot = sb.path().join("zdot");
    std::fs::create_dir_all(&zdot).unwrap();
    std::fs::write(
        zdot.join(".zshrc"),
        format!(
            "eval \"$({copy} init zsh)\"\nrm {copy}\nPS1='$ '\n",
            copy = q(&copy)
        ),
    )
    .unwrap();
    let mut c = sb.command(require("zsh"), &path);
    c.env("ZDOTDIR", &zdot).arg("-i");
    let (_, err) = run_piped(c, &missing_exe_session(&out));
    check_missing_exe("zsh", &copy, &out, &err);
}

/// A session that cds into a go 1.21 project (go1.23 is the default) and
/// runs plain `goenv-hook doctor --json` at the next prompt, writing the
/// check ids it reports to `out`.
fn replaced_hook_session(proj: &Path, out: &Path) -> String {
    format!(
        "cd {proj}\n{exe} doctor --json > {out}.json\ngo version > {out}.go\n{exe} prompt > {out}.prompt\nexit\n",
        proj = q(proj),
        exe = q(&exe()),
        out = out.display(),
    )
}

fn doctor_ids(out: &Path) -> Vec<String> {
    let j = std::fs::read(format!("{}.json", out.display())).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&j).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

fn replaced_hook_setup() -> (Sandbox, String, std::path::PathBuf) {
    let sb = Sandbox::new();
    go_root("1.23");
    go_root("1.21");
    let path = format!("/usr/lib/go-1.23/bin:{SYSTEM_PATH}");
    let proj = sb.path().join("proj");
    std::fs::create_dir_all(&proj).unwrap();
    std::fs::write(proj.join("go.mod"), "module m\n\ngo 1.21\n").unwrap();
    (sb, path, proj)
}

/// Something after the init line replaced the prompt hook: plain doctor
/// (no `--hooks`) says so, because the environment moved on (a `cd` into a
/// go 1.21 project) and the hook did not react; with the hook in place, it
/// does not; `goenv-hook prompt` names the go that runs either way. In
/// bash, zsh and fish.
#[test]
fn doctor_finds_a_replaced_hook_without_flags() {
    let shells: [(&str, &str); 3] = [
        ("bash", "PROMPT_COMMAND=''"),
        ("zsh", "precmd_functions=(); chpwd_functions=()"),
        ("fish", "functions -e __goenv_hook"),
    ];
    for (shell, replace) in shells {
        for replaced in [false, true] {
            let (sb, path, proj) = replaced_hook_setup();
            let out = sb.path().join("out");
            let init = match shell {
                "fish" => format!("{} init fish | source", q(&exe())),
                _ => format!("eval \"$({} init {shell})\"", q(&exe())),
            };
            let rc_text = format!("{init}\n{}\n", if replaced { replace } else { "true" });
            let session = replaced_hook_session(&proj, &out);
            match shell {
                "bash" => {
                    let rc = sb.path().join("bashrc");
                    std::fs::write(&rc, format!("{rc_text}PS1='$ '\n")).unwrap();
                    let mut c = sb.command(require("bash"), &path);
                    c.args(["--noprofile", "--rcfile"]).arg(&rc).arg("-i");
                    run_piped(c, &session);
                }
                "zsh" => {
                    let zdot = sb.path().join("zdot");
                    std::fs::create_dir_all(&zdot).unwrap();
                    std::fs::write(zdot.join(".zshrc"), format!("{rc_text}PS1='$ '\n")).unwrap();
                    let mut c = sb.command(require("zsh"), &path);
                    c.env("ZDOTDIR", &zdot).arg("-i");
                    run_piped(c, &session);
                }
                _ => {
                    let ready = sb.path().join("ready");
                    let conf = sb.home().join(".config/fish/config.fish");
                    std::fs::create_dir_all(conf.parent().unwrap()).unwrap();
                    std::fs::write(&conf, format!("{rc_text}touch {}\n", q(&ready))).unwrap();
                    let mut c = sb.command(require("script"), &path);
                    c.args(["-qec", "fish -i", "/dev/null"]);
                    let mut child = c
                        .stdin(Stdio::piped())
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .spawn()
                        .unwrap();
                    let t0 = std::time::Instant::now();
                    while !ready.exists() {
                        assert!(t0.elapsed().as_secs() < 20, "fish did not start");
                        std::thread::sleep(std::time::Duration::from_millis(20));
                    }
                    let mut stdin = child.stdin.take().unwrap();
                    stdin.write_all(session.as_bytes()).unwrap();
                    child.wait().unwrap();
                }
            }
            let ids = doctor_ids(&out);
            let go = std::fs::read_to_string(format!("{}.go", out.display())).unwrap();
            // The prompt names the go that runs, hook or no hook.
            let prompt = std::fs::read_to_string(format!("{}.prompt", out.display())).unwrap();
            let v = go.split_whitespace().nth(2).unwrap_or_default().to_string();
            assert!(prompt.contains(&v), "{shell}: prompt {prompt:?}, go {go:?}");
            if replaced {
                // The go that runs is still the default: the hook did not switch.
                assert!(go.contains("go1.23"), "{shell}: {go}");
                assert!(
                    ids.iter().any(|i| i == "hook-not-installed"),
                    "{shell}, hook replaced: {ids:?}"
                );
            } else {
                assert!(go.contains("go1.21"), "{shell}: {go}");
                assert!(
                    !ids.iter().any(|i| i == "hook-not-installed"),
                    "{shell}, hook in place: {ids:?}"
                );
            }
        }
    }
}

/// A newcomer's first doctor, in a fresh HOME with goenv-hook's init in
/// bash: `~/go/bin` (on PATH thanks to init, made by the first `go
/// install`) is goenv-hook's entry, not one to "remove from your start-up
/// files".
#[test]
fn a_fresh_home_doctor_does_not_blame_goenv_hooks_own_entries() {
    let sb = Sandbox::new();
    go_root("1.23");
    let path = format!("/usr/lib/go-1.23/bin:{SYSTEM_PATH}");
    assert!(!sb.home().join("go/bin").exists());
    let rc = sb.path().join("bashrc");
    std::fs::write(
        &rc,
        format!("eval \"$({} init bash)\"\nPS1='$ '\n", q(&exe())),
    )
    .unwrap();
    let out = sb.path().join("doctor.json");
    let mut c = sb.command(require("bash"), &path);
    c.args(["--noprofile", "--rcfile"]).arg(&rc).arg("-i");
    run_piped(
        c,
        &format!(
            "case \":$PATH:\" in *:$HOME/go/bin:*) ;; *) echo 'no ~/go/bin on PATH' >&2 ;; esac\n{} doctor --json > {}\nexit\n",
            q(&exe()),
            q(&out)
        ),
    );
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&"path-nonexistent"), "{ids:?}\n{v:#}");
    assert!(!ids.contains(&"gobin-not-on-path"), "{ids:?}");
}

/// `export PROMPT_COMMAND=…` in `~/.bashrc` (a common habit) carries
/// goenv-hook's hook into every bash started from this one: one without
/// goenv-hook's init (here `bash --norc`) prints "command not found" at each
/// prompt. doctor names the line; its fix, pasted, stops it, and goenv-hook
/// keeps working in this shell.
#[test]
fn doctor_finds_an_exported_prompt_command_and_its_fix_works() {
    let (sb, path, proj) = replaced_hook_setup();
    let rc = sb.home().join(".bashrc");
    std::fs::write(
        &rc,
        format!(
            "export PROMPT_COMMAND='history -a'\neval \"$({} init bash)\"\nPS1='$ '\n",
            q(&exe())
        ),
    )
    .unwrap();
    let out = sb.path().join("out");
    let child = |tag: &str| {
        format!(
            "echo true | bash --norc -i > /dev/null 2> {}.{tag}\n",
            out.display()
        )
    };
    let session = format!(
        "{before}{exe} doctor --json > {out}.json\n",
        before = child("before"),
        exe = q(&exe()),
        out = out.display(),
    );
    let c = common::interactive_bash(&sb, &path, &[], &std::fs::read_to_string(&rc).unwrap());
    run_piped(c, &format!("{session}exit\n"));
    let before = std::fs::read_to_string(format!("{}.before", out.display())).unwrap();
    assert!(
        before.contains("__goenv_hook: command not found"),
        "the child bash: {before}"
    );
    let j: serde_json::Value =
        serde_json::from_slice(&std::fs::read(format!("{}.json", out.display())).unwrap()).unwrap();
    let f = common::finding(&j, "prompt-command-exported");
    let fix = f["fix"].as_str().unwrap();
    assert!(fix.contains("~/.bashrc line 1"), "{fix}");
    assert!(
        f["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["line"] == 1),
        "{f:#}"
    );
    // The fix's command, pasted into the same shell: the child is quiet, and
    // the hook still switches here (a `cd` into the go 1.21 project).
    let cmd = fix.split('`').nth(1).unwrap();
    let session = format!(
        "{cmd}\n{after}cd {proj}\ngo version > {out}.go\n{exe} doctor --json > {out}.json\nexit\n",
        after = child("after"),
        proj = q(&proj),
        exe = q(&exe()),
        out = out.display(),
    );
    let c = common::interactive_bash(&sb, &path, &[], &std::fs::read_to_string(&rc).unwrap());
    let (_, err) = run_piped(c, &session);
    let after = std::fs::read_to_string(format!("{}.after", out.display())).unwrap();
    assert!(
        !after.contains("command not found"),
        "after `{cmd}`: {after}\n{err}"
    );
    let go = std::fs::read_to_string(format!("{}.go", out.display())).unwrap();
    assert!(go.contains("go1.21"), "{go}\n{err}");
    assert!(
        !doctor_ids(&out)
            .iter()
            .any(|i| i == "prompt-command-exported"),
        "{err}"
    );
}
