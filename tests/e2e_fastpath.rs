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

/// Nushell like the others: the saved init applies the environment as soon
/// as it is sourced (the project's go1.21 from config.nu on), and in the
/// real REPL (under tmux, traced with strace) idle prompts start no process;
/// a `cd` and a config change do.
#[test]
fn nu_applies_at_source_and_forks_nothing_at_idle_prompts() {
    let (sb, path, proj) = setup();
    go_root("1.21");
    let cfgdir = sb.path().join("nucfg");
    std::fs::create_dir_all(&cfgdir).unwrap();
    let init = sb
        .command(exe(), &path)
        .args(["init", "nu"])
        .output()
        .unwrap();
    assert!(init.status.success());
    let goenv_nu = cfgdir.join("goenv.nu");
    std::fs::write(&goenv_nu, &init.stdout).unwrap();
    let marks = sb.path().join("marks");
    std::fs::write(
        cfgdir.join("config.nu"),
        format!(
            "$env.config.show_banner = false\n$env.PROMPT_COMMAND = {{|| 'NUPROMPT' }}\n$env.PROMPT_INDICATOR = {{|| '> ' }}\nsource {}\n",
            q(&goenv_nu)
        ),
    )
    .unwrap();
    std::fs::write(cfgdir.join("env.nu"), "").unwrap();

    // Applied at source time: `nu -c` with the config, in the project.
    let o = sb
        .command(common::nu(), &path)
        .current_dir(&proj)
        .args(["-n", "--no-std-lib", "--no-history", "-c"])
        .arg(format!("source {}; ^go version", q(&goenv_nu)))
        .output()
        .unwrap();
    let v = String::from_utf8_lossy(&o.stdout);
    assert!(
        v.contains("go1.21"),
        "{v}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );

    std::thread::sleep(std::time::Duration::from_millis(2100));
    let log = sb.path().join("strace-nu.log");
    let tmux = common::Tmux::new("nu-fastpath");
    let mut env = sb.env(&path);
    env.retain(|(k, _)| k != "PWD");
    // The REPL under strace: `env -i … strace … nu …` as tmux's command.
    let mut cmd = vec!["env".to_string(), "-i".to_string()];
    for (k, v) in &env {
        cmd.push(format!("{}={}", k.to_str().unwrap(), v.to_str().unwrap()));
    }
    cmd.extend(
        [
            require("strace").to_str().unwrap(),
            "-f",
            "-qq",
            "-e",
            "trace=execve",
            "-o",
            log.to_str().unwrap(),
            common::nu().to_str().unwrap(),
            "--no-history",
            "--no-std-lib",
            "--config",
            cfgdir.join("config.nu").to_str().unwrap(),
            "--env-config",
            cfgdir.join("env.nu").to_str().unwrap(),
        ]
        .map(String::from),
    );
    let home = sb.home();
    let mut args = vec![
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "120",
        "-y",
        "40",
        "-c",
        home.to_str().unwrap(),
    ];
    args.extend(cmd.iter().map(String::as_str));
    tmux.run(&args);
    let wait_for = |n: usize| {
        let t0 = std::time::Instant::now();
        while tmux.screen().matches("NUPROMPT").count() < n {
            assert!(t0.elapsed().as_secs() < 30, "nu: {}", tmux.screen());
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    wait_for(1);
    let mut prompts = 1;
    let mut step = |line: &str| {
        tmux.send(line);
        prompts += 1;
        wait_for(prompts);
    };
    for _ in 0..5 {
        step("");
    }
    step("^env true idle-done");
    step(&format!("cd {}", q(&proj)));
    step("");
    step(&format!(
        "'[env]\nGOPROXY = \"off\"\n' | save -f {}",
        q(&sb.home().join(".config/goenv-hook/config.toml"))
    ));
    step("");
    step(&format!(
        "^env true done; ^go version | save -f {}",
        q(&marks)
    ));
    let (before, hooks, gos) = count_hook_execs(&log, &exe());
    let text = std::fs::read_to_string(&log).unwrap();
    // The source-time run, then nothing at the five idle prompts.
    assert_eq!(before, 1, "nu: hook runs before the idle marker:\n{text}");
    assert!(
        (3..=8).contains(&hooks),
        "nu: hook ran {hooks} times:\n{text}"
    );
    // `^go version` of the session is the one go run: the hook never starts go.
    assert_eq!(gos, 1, "nu: go runs: {text}");
    let v = std::fs::read_to_string(&marks).unwrap();
    assert!(v.contains("go1.21"), "{v}");
    // nu exits, and strace with it: killing tmux's server alone leaves
    // both running (strace survives the hangup, nu spins on the lost tty).
    tmux.send("exit");
    let t0 = std::time::Instant::now();
    while !tmux.screen().is_empty() && t0.elapsed().as_secs() < 5 {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// The stamp directory: a `$XDG_RUNTIME_DIR` that isn't the user's alone
/// (here world-writable) is passed over for `$TMPDIR/goenv-hook-<uid>`;
/// stamps of shells that are gone are swept when a new session's stamp is
/// made; with no usable directory at all the hook still works (it runs at
/// every prompt) and doctor says the fast path is off.
#[test]
fn stamp_directory_falls_back_sweeps_and_doctor_tells() {
    use std::os::unix::fs::PermissionsExt;
    let (sb, path, _) = setup();
    let xdg = sb.path().join("xdg");
    std::fs::create_dir_all(xdg.join("goenv-hook")).unwrap();
    std::fs::set_permissions(
        xdg.join("goenv-hook"),
        std::fs::Permissions::from_mode(0o777),
    )
    .unwrap();
    let tmp = sb.path().join("tmpdir");
    std::fs::create_dir_all(&tmp).unwrap();
    let hook = |sid: &str, xdg: &Path, tmp: &Path| {
        let o = sb
            .command(exe(), &path)
            .env("XDG_RUNTIME_DIR", xdg)
            .env("TMPDIR", tmp)
            .args(["hook", "bash", "--session", sid])
            .output()
            .unwrap();
        assert!(o.status.success());
        String::from_utf8(o.stdout).unwrap()
    };
    // Session ids are shells' pids: live ones here (this test and its parent).
    let (me, parent) = (
        std::process::id().to_string(),
        std::os::unix::process::parent_id().to_string(),
    );
    let out = hook(&me, &xdg, &tmp);
    let uid = std::fs::metadata("/proc/self").unwrap();
    let uid = std::os::unix::fs::MetadataExt::uid(&uid);
    let private = tmp.join(format!("goenv-hook-{uid}"));
    assert!(
        out.contains(&format!("{}/stamp-{me}", private.display())),
        "{out}"
    );
    assert!(!xdg.join(format!("goenv-hook/stamp-{me}")).exists());
    // A dead shell's stamp (no such pid) is swept by the next new session.
    std::fs::write(private.join("stamp-999999999"), "").unwrap();
    hook(&parent, &xdg, &tmp);
    assert!(!private.join("stamp-999999999").exists());
    assert!(private.join(format!("stamp-{parent}")).exists());
    assert!(private.join(format!("stamp-{me}")).exists());
    // Nothing usable: the hook prints no stamp (it runs at every prompt),
    // and doctor, in a shell where goenv-hook is active, says why.
    let ro = sb.path().join("ro");
    std::fs::create_dir_all(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let bad = sb.path().join("bad-tmp");
    std::fs::write(&bad, "a file, not a directory").unwrap();
    let o = sb
        .command(exe(), &path)
        .args(["env", "json"])
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut env: std::collections::BTreeMap<String, String> = sb
        .env(&path)
        .into_iter()
        .map(|(k, v)| (k.into_string().unwrap(), v.into_string().unwrap()))
        .collect();
    common::apply_env_json(&mut env, &j);
    assert!(env.contains_key("GOENV_HOOK_STATE"));
    env.insert("XDG_RUNTIME_DIR".into(), bad.to_str().unwrap().into());
    env.insert("TMPDIR".into(), bad.to_str().unwrap().into());
    let o = Command::new(exe())
        .env_clear()
        .envs(&env)
        .current_dir(sb.home())
        .args(["doctor", "--json"])
        .output()
        .unwrap();
    let d: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "hook-fast-path-unavailable")
        .unwrap_or_else(|| panic!("{d:#}"));
    assert!(f["message"].as_str().unwrap().contains("bad-tmp"), "{f:#}");
    // And the hook itself still works there, without a stamp.
    let o = Command::new(exe())
        .env_clear()
        .envs(&env)
        .current_dir(sb.home())
        .args(["hook", "bash", "--session", "4244"])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(!String::from_utf8_lossy(&o.stdout).contains("stamp-4244"));
    let _ = ro;
}
