//! The prompt hook really fires in interactive shells: a config change
//! between two prompts reaches the next prompt, and the user's exit status
//! survives the hook (including a user's own PROMPT_COMMAND after ours).

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
    assert_eq!(
        first.matches("__goenv_hook").count(),
        1,
        "hook installed once: {first}\n{err}"
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
