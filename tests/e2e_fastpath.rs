//! The prompt hook starts no process when nothing changed (same directory,
//! same variables, no watched file modified), and does run when something
//! did: proven by counting execve calls with strace in real interactive
//! shells. Also: the hook never starts `go`.

mod common;

use common::{exe, go_root, q, require, Sandbox, SYSTEM_PATH};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The session each shell runs: five idle prompts, then a change of each
/// kind, each followed by idle prompts. `mark` writes a line into the strace
/// log's neighbour file so the phases can be told apart.
fn session(sb: &Sandbox, proj: &Path, mark: &Path) -> String {
    let cfg = sb.home().join(".config/goenv-hook/config.toml");
    // `env true MARK` is an execve the strace log shows in order.
    let _ = mark;
    let m = |s: &str| format!("env true {s}\n");
    let mut s = String::new();
    for _ in 0..5 {
        s.push_str(":\n");
    }
    s.push_str(&m("idle-done"));
    s.push_str(&format!("cd {}\n", q(proj)));
    s.push_str(":\n:\n");
    s.push_str(&format!(
        "printf '[env]\\nGOPROXY = \"off\"\\n' > {}\n",
        q(&cfg)
    ));
    s.push_str(":\n:\n");
    s.push_str("exit\n");
    s
}

/// (hook runs before the idle marker, hook runs in all, go runs)
fn count_hook_execs(log: &Path, exe: &Path) -> (usize, usize, usize) {
    let text = std::fs::read_to_string(log).unwrap();
    let exe = exe.to_str().unwrap();
    let is_hook = |l: &&str| l.contains("execve(") && l.contains(exe) && l.contains("\"hook\"");
    let idle_end = text.find("\"idle-done\"").expect("marker in the log");
    let before = text[..idle_end].lines().filter(is_hook).count();
    let hooks = text.lines().filter(is_hook).count();
    let gos = text
        .lines()
        .filter(|l| l.contains("execve(") && (l.contains("/bin/go\"") || l.contains("\"go\"")))
        .count();
    (before, hooks, gos)
}

fn setup() -> (Sandbox, String, std::path::PathBuf) {
    let sb = Sandbox::new();
    go_root("1.23");
    std::os::unix::fs::symlink("/usr/lib/go-1.23/bin/go", sb.path().join("bin/go")).unwrap();
    let path = format!("{}:{SYSTEM_PATH}", sb.path().join("bin").display());
    std::fs::create_dir_all(sb.home().join(".config/goenv-hook")).unwrap();
    let proj = sb.home().join("proj");
    std::fs::create_dir_all(&proj).unwrap();
    std::fs::write(proj.join("go.mod"), "module p\n\ngo 1.21\n").unwrap();
    (sb, path, proj)
}

fn run_traced(
    sb: &Sandbox,
    path: &str,
    shell_cmd: &[&str],
    extra_env: &[(&str, &Path)],
    input: &str,
) -> std::path::PathBuf {
    let log = sb.path().join("strace.log");
    let mut c = sb.command(require("strace"), path);
    c.args(["-f", "-qq", "-e", "trace=execve", "-o"])
        .arg(&log)
        .args(shell_cmd);
    for (k, v) in extra_env {
        c.env(k, v);
    }
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    log
}

fn check(shell: &str, log: &Path) {
    let (before, hooks, gos) = count_hook_execs(log, &exe());
    let text = || std::fs::read_to_string(log).unwrap();
    // One run at the first prompt; the five idle prompts start nothing.
    assert_eq!(
        before,
        1,
        "{shell}: hook runs before the idle marker:\n{}",
        text()
    );
    // Then one run after `cd` and one after the config changed. A run may
    // repeat at prompts within the stamp's 2-second margin of a change (this
    // session types everything at once, so all its prompts are), see
    // src/watch.rs; never more than once per prompt.
    assert!(
        (3..=8).contains(&hooks),
        "{shell}: goenv-hook hook ran {hooks} times:\n{}",
        text()
    );
    assert_eq!(gos, 0, "{shell}: the prompt path started go");
}

#[test]
fn bash_fast_path_forks_nothing_when_nothing_changed() {
    let (sb, path, proj) = setup();
    let rc = sb.path().join("bashrc");
    std::fs::write(&rc, format!("eval \"$({} init bash)\"\n", q(&exe()))).unwrap();
    // let the init's own files age past the stamp's 2-second margin
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let mark = sb.path().join("mark");
    let rcs = rc.to_str().unwrap().to_string();
    let log = run_traced(
        &sb,
        &path,
        &["bash", "--noprofile", "--rcfile", &rcs, "-i"],
        &[],
        &session(&sb, &proj, &mark),
    );
    check("bash", &log);
}

#[test]
fn zsh_fast_path_forks_nothing_when_nothing_changed() {
    let (sb, path, proj) = setup();
    let zdot = sb.path().join("zdot");
    std::fs::create_dir_all(&zdot).unwrap();
    std::fs::write(
        zdot.join(".zshrc"),
        format!("eval \"$({} init zsh)\"\n", q(&exe())),
    )
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let mark = sb.path().join("mark");
    let log = run_traced(
        &sb,
        &path,
        &["zsh", "-i"],
        &[("ZDOTDIR", &zdot)],
        &session(&sb, &proj, &mark),
    );
    check("zsh", &log);
}

#[test]
fn fish_fast_path_forks_nothing_when_nothing_changed() {
    let (sb, path, proj) = setup();
    let ready = sb.path().join("ready");
    let conf = sb.home().join(".config/fish/config.fish");
    std::fs::create_dir_all(conf.parent().unwrap()).unwrap();
    std::fs::write(&conf, format!("{} init fish | source\n", q(&exe()))).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let mark = sb.path().join("mark");
    let log = sb.path().join("strace.log");
    // fish runs prompts only on a terminal: strace `script`, which gives it a pty.
    let mut c = sb.command(require("strace"), &path);
    c.args(["-f", "-qq", "-e", "trace=execve", "-o"])
        .arg(&log)
        .args([
            "script",
            "-qec",
            &format!("fish -i -C 'touch {}'", ready.display()),
            "/dev/null",
        ]);
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
    stdin
        .write_all(session(&sb, &proj, &mark).as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    drop(stdin);
    // `touch` and `printf` are the session's own commands; count only hooks.
    check("fish", &log);
}

#[test]
fn hook_scans_path_only_up_to_the_first_go() {
    let (sb, path, _) = setup();
    // An entry after the first usable go is never looked at.
    let long = format!("{path}:/nonexistent-after-go");
    let log = sb.path().join("strace-files.log");
    let st = sb
        .command(require("strace"), &long)
        .args(["-f", "-qq", "-e", "trace=file", "-o"])
        .arg(&log)
        .arg(exe())
        .args(["hook", "bash"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(st.success());
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(!text.contains("/nonexistent-after-go"), "{text}");
    let _ = Command::new("true").status();
}

/// The prompt path reads nothing where a network mount is likely: not the
/// mount table, not GOPATH, GOMODCACHE or GOCACHE (here under `net/`, as an
/// NFS home's Go directories would be), in a plain directory and in a
/// project the default toolchain meets. Only the hook binary is executed.
#[test]
fn hook_reads_no_mount_table_and_nothing_under_gopath_or_caches() {
    let (sb, path, proj) = setup();
    let net = sb.path().join("net");
    for d in ["gopath/bin", "modcache", "cache"] {
        std::fs::create_dir_all(net.join(d)).unwrap();
    }
    std::fs::write(proj.join("go.mod"), "module m\n\ngo 1.23\n").unwrap();
    for dir in [sb.home(), proj.clone()] {
        let log = sb.path().join("strace-net.log");
        let st = sb
            .command(require("strace"), &path)
            .env("GOPATH", net.join("gopath"))
            .env("GOMODCACHE", net.join("modcache"))
            .env("GOCACHE", net.join("cache"))
            .current_dir(&dir)
            .args(["-f", "-qq", "-e", "trace=%file,execve", "-o"])
            .arg(&log)
            .arg(exe())
            .args(["hook", "bash"])
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(st.success());
        let text = std::fs::read_to_string(&log).unwrap();
        assert!(
            text.contains("config.toml"),
            "strace saw the file calls: {text}"
        );
        let net_s = net.to_str().unwrap();
        for line in text.lines() {
            assert!(!line.contains(net_s), "in {}: {line}", dir.display());
            assert!(
                !line.contains("/proc/mounts") && !line.contains("mountinfo"),
                "in {}: {line}",
                dir.display()
            );
            if line.contains("execve(") {
                assert!(
                    line.contains(exe().to_str().unwrap()),
                    "only the hook runs: {line}"
                );
            }
        }
    }
}
