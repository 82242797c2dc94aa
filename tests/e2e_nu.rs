//! Nushell 0.115.1, the real REPL under tmux, with the real goenv-hook and
//! real Go toolchains: init applies, sourcing it 1..5 times and a nested nu
//! change nothing, the hook switches toolchains on `cd`, picks up config
//! changes, and keeps `$env.LAST_EXIT_CODE`.

mod common;

use common::{exe, go_root, nu, Sandbox, Tmux, SYSTEM_PATH};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn wait_file(t: &Tmux, p: &Path) -> String {
    let t0 = Instant::now();
    loop {
        if let Ok(s) = std::fs::read_to_string(p) {
            if !s.is_empty() {
                return s;
            }
        }
        assert!(
            t0.elapsed() < Duration::from_secs(60),
            "timed out waiting for {}; screen:\n{}",
            p.display(),
            t.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Types `line` and waits for the file it writes; under load a line typed
/// while the line editor redraws can be lost, so it is typed once more.
fn step(t: &Tmux, line: &str, p: &Path) -> String {
    t.send(line);
    let t0 = Instant::now();
    while t0.elapsed() < Duration::from_secs(15) {
        if let Ok(s) = std::fs::read_to_string(p) {
            if !s.is_empty() {
                return s;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    t.send(line);
    wait_file(t, p)
}

/// Waits until config.nu has run and nu shows its prompt.
fn wait_prompt(t: &Tmux, ready: &Path) {
    wait_file(t, ready);
    let t0 = Instant::now();
    while !t.screen().contains('>') {
        assert!(
            t0.elapsed() < Duration::from_secs(60),
            "no prompt:\n{}",
            t.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn nu_str(p: &Path) -> String {
    let s = p.to_str().unwrap();
    assert!(!s.contains('\''));
    format!("'{s}'")
}

#[test]
fn nushell_repl_init_idempotence_switching_config_and_status() {
    let sb = Sandbox::new();
    go_root("1.22");
    go_root("1.21");
    // `go` reached through a symlink, as with Debian's /usr/bin/go: the
    // toolchain's bin directory itself is goenv-hook's to manage.
    std::os::unix::fs::symlink("/usr/lib/go-1.22/bin/go", sb.path().join("bin/go")).unwrap();
    let path = format!("{}:{SYSTEM_PATH}", sb.path().join("bin").display());
    let cfgdir = sb.home().join(".config/nushell");
    std::fs::create_dir_all(&cfgdir).unwrap();
    let goenv_nu = cfgdir.join("goenv.nu");
    let init = Command::new(exe()).args(["init", "nu"]).output().unwrap();
    assert!(init.status.success());
    std::fs::write(&goenv_nu, &init.stdout).unwrap();
    std::fs::write(cfgdir.join("env.nu"), "").unwrap();
    let ready = sb.path().join("ready");
    std::fs::write(
        cfgdir.join("config.nu"),
        format!(
            "source {}\n'ready' | save -f {}\n",
            nu_str(&goenv_nu),
            nu_str(&ready)
        ),
    )
    .unwrap();
    let proj = sb.home().join("proj");
    std::fs::create_dir_all(&proj).unwrap();
    std::fs::write(proj.join("go.mod"), "module p\n\ngo 1.21\n").unwrap();
    let out = sb.path().join("out");
    std::fs::create_dir_all(&out).unwrap();

    let tmux = Tmux::new("e2e-nu");
    start_repl(&tmux, &sb, &path, &cfgdir);

    wait_prompt(&tmux, &ready);
    let o = |n: &str| nu_str(&out.join(n));
    let v1 = step(
        &tmux,
        &format!("^go version | save -f {}", o("v1")),
        &out.join("v1"),
    );
    assert!(v1.contains("go1.22.12"), "{v1}");
    let p1 = step(
        &tmux,
        &format!("$env.PATH | to json | save -f {}", o("p1")),
        &out.join("p1"),
    );
    let list: Vec<String> = serde_json::from_str(&p1).expect("PATH stays a list");
    assert_eq!(list[0], "/usr/lib/go-1.22/bin");
    assert_eq!(
        list.iter().filter(|e| *e == "/usr/lib/go-1.22/bin").count(),
        1
    );

    // Sourcing again (a second init) changes nothing.
    step(
        &tmux,
        &format!("source {}; 'x' | save -f {}", nu_str(&goenv_nu), o("src")),
        &out.join("src"),
    );
    assert_eq!(
        step(
            &tmux,
            &format!("$env.PATH | to json | save -f {}", o("p2")),
            &out.join("p2")
        ),
        p1
    );
    assert_eq!(
        step(
            &tmux,
            &format!("$env.config.hooks.pre_prompt | length | save -f {}", o("n")),
            &out.join("n")
        )
        .trim(),
        "1"
    );

    // cd into a project that wants 1.21, and back out.
    step(
        &tmux,
        &format!("cd proj; 'x' | save -f {}", o("cd1")),
        &out.join("cd1"),
    );
    assert!(step(
        &tmux,
        &format!("^go version | save -f {}", o("v2")),
        &out.join("v2")
    )
    .contains("go1.21.13"));
    let p3: Vec<String> = serde_json::from_str(&step(
        &tmux,
        &format!("$env.PATH | to json | save -f {}", o("p3")),
        &out.join("p3"),
    ))
    .unwrap();
    assert_eq!(
        p3.iter()
            .filter(|e| e.starts_with("/usr/lib/go-1.2"))
            .count(),
        1,
        "{p3:?}"
    );
    step(
        &tmux,
        &format!("cd ..; 'x' | save -f {}", o("cd2")),
        &out.join("cd2"),
    );
    assert!(step(
        &tmux,
        &format!("^go version | save -f {}", o("v3")),
        &out.join("v3")
    )
    .contains("go1.22.12"));
    assert_eq!(
        step(
            &tmux,
            &format!("$env.PATH | to json | save -f {}", o("p4")),
            &out.join("p4")
        ),
        p1,
        "leaving the project restores PATH"
    );

    // A config change reaches the next prompt.
    let cfg = sb.home().join(".config/goenv-hook/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(&cfg, "[env]\nGOPROXY = \"off\"\n").unwrap();
    step(
        &tmux,
        &format!("'x' | save -f {}", o("tick")),
        &out.join("tick"),
    );
    assert_eq!(
        step(
            &tmux,
            &format!("$env.GOPROXY | save -f {}", o("g")),
            &out.join("g")
        ),
        "off"
    );

    // The user's exit status survives the hook.
    tmux.send("^false");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        step(
            &tmux,
            &format!("$env.LAST_EXIT_CODE | save -f {}", o("s")),
            &out.join("s")
        )
        .trim(),
        "1"
    );
}

/// `goenv-hook-use` (defined by the saved init file) pins the shell: after
/// sourcing the init, `goenv-hook-use 1.21` puts go1.21's bin first on PATH
/// (still a list) and `^go version` runs go1.21; the hook keeps the pin, even
/// in a project asking for another Go; `goenv-hook-use default` drops it; a
/// bad or uninstalled target is an error that changes nothing; and
/// `goenv-hook-deactivate` then gives back PATH as it was before init.
#[test]
fn nushell_goenv_hook_use_pins_the_shell() {
    let sb = Sandbox::new();
    for m in ["1.19", "1.21", "1.23"] {
        go_root(m);
    }
    let path = format!("/usr/lib/go-1.23/bin:{SYSTEM_PATH}");
    let goenv_nu = sb.path().join("goenv.nu");
    let init = Command::new(exe()).args(["init", "nu"]).output().unwrap();
    assert!(init.status.success());
    std::fs::write(&goenv_nu, &init.stdout).unwrap();
    let proj = sb.home().join("p19");
    std::fs::create_dir_all(&proj).unwrap();
    std::fs::write(proj.join("go.mod"), "module p\n\ngo 1.19\n").unwrap();
    // The hook as a prompt runs it (no prompt in `nu -c`).
    let hook = "do --env ($env.config.hooks.pre_prompt | last | get code)";
    let script = format!(
        r#"
        let before = ($env.PATH | to json)
        source {init}
        {hook}
        goenv-hook-use 1.21
        print ($env.PATH | describe) $env.PATH.0 (^go version) $env.GOENV_HOOK_GO
        cd {proj}
        {hook}
        print (^go version)
        let pinned = ($env.PATH | to json)
        let r1 = (try {{ goenv-hook-use 1.99; 'no error' }} catch {{|e| $e.msg }})
        let r2 = (try {{ goenv-hook-use banana; 'no error' }} catch {{|e| $e.msg }})
        print $r1 $r2 (($env.PATH | to json) == $pinned) $env.GOENV_HOOK_GO
        goenv-hook-use default
        print ('GOENV_HOOK_GO' in $env) (^go version)
        goenv-hook-deactivate
        print (($env.PATH | to json) == $before)
        "#,
        init = nu_str(&goenv_nu),
        proj = nu_str(&proj),
    );
    let out = Command::new(nu())
        .env_clear()
        .envs(sb.env(&path))
        .env("GOPROXY", "off")
        .current_dir(sb.home())
        .args(["-n", "--no-std-lib", "--no-history", "-c", &script])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "nu failed: {}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Vec<&str> = stdout.lines().collect();
    assert_eq!(v.len(), 12, "{stdout}");
    assert_eq!(v[0], "list<string>", "{stdout}");
    assert_eq!(v[1], "/usr/lib/go-1.21/bin", "{stdout}");
    assert!(v[2].starts_with("go version go1.21.13 "), "{stdout}");
    assert_eq!(v[3], "1.21", "{stdout}");
    // In a go 1.19 project the pin (rule 1) still wins.
    assert!(v[4].starts_with("go version go1.21.13 "), "{stdout}");
    assert!(
        v[5].contains("1.99 is not installed") && v[5].contains("go1.19.8"),
        "{stdout}"
    );
    assert!(v[6].contains("'banana' is not a Go version"), "{stdout}");
    assert_eq!(v[7], "true", "a refused target changes nothing: {stdout}");
    assert_eq!(v[8], "1.21", "{stdout}");
    // Unpinned, the project's Go.
    assert_eq!(v[9], "false", "{stdout}");
    assert!(v[10].starts_with("go version go1.19.8 "), "{stdout}");
    assert_eq!(v[11], "true", "deactivate restores PATH: {stdout}");
}

/// Starts the Nushell REPL under tmux the way a user's terminal does: a
/// cleared environment (the sandbox's, with `path`), config.nu and env.nu
/// from `cfgdir`.
fn start_repl(tmux: &Tmux, sb: &Sandbox, path: &str, cfgdir: &Path) {
    tmux.start_nu(&sb.env(path), &sb.home(), cfgdir, 200);
}

/// PATH as this nu holds it (a list), PATH as its children get it, and the
/// number of goenv-hook hook records; `pid` says which nu answered.
#[derive(serde::Deserialize, Debug)]
struct NuPath {
    pid: u32,
    list: Vec<String>,
    exported: String,
    pre_prompt: usize,
    pwd: usize,
}

impl PartialEq for NuPath {
    /// The same PATH and hooks, whichever nu answered.
    fn eq(&self, o: &NuPath) -> bool {
        (&self.list, &self.exported, self.pre_prompt, self.pwd)
            == (&o.list, &o.exported, o.pre_prompt, o.pwd)
    }
}

/// The command line that saves a `NuPath` as JSON to `file`.
fn save_nu_path(file: &Path) -> String {
    format!(
        "{{pid: $nu.pid, list: $env.PATH, exported: (^/usr/bin/printenv PATH), \
         pre_prompt: ($env.config.hooks.pre_prompt | where {{|h| '__goenv_hook' in $h}} | length), \
         pwd: ($env.config.hooks.env_change.PWD | where {{|h| '__goenv_hook' in $h}} | length)}} \
         | to json -r | save -f {}",
        nu_str(file)
    )
}

/// Idempotence in the real REPL, as tests/e2e_init.rs checks it for bash,
/// zsh, fish and dash: the saved init sourced 1..5 times (config.nu sources
/// it once, then `source` is typed four more times, each followed by a
/// prompt, whose hook applies the environment): PATH byte-identical after
/// each, exactly one hook record, no duplicates, toolchain bin in front,
/// every original distinct entry (the empty one too) still there in order.
/// Then a nested nu started from the initialized one sources the same init
/// in its own config.nu: its PATH after its first prompt is the same.
#[test]
fn nushell_sourcing_1_to_5_times_and_nesting_keeps_path() {
    let sb = Sandbox::new();
    go_root("1.22");
    std::os::unix::fs::symlink("/usr/lib/go-1.22/bin/go", sb.path().join("bin/go")).unwrap();
    let sbin = sb.path().join("bin").to_str().unwrap().to_string();
    let user = format!("{sbin}:/opt/a::/usr/bin:/opt/b:/opt/a:/usr/lib/go-1.22/bin:/bin");
    let cfgdir = sb.home().join(".config/nushell");
    std::fs::create_dir_all(&cfgdir).unwrap();
    let goenv_nu = cfgdir.join("goenv.nu");
    let init = Command::new(exe()).args(["init", "nu"]).output().unwrap();
    assert!(init.status.success());
    std::fs::write(&goenv_nu, &init.stdout).unwrap();
    std::fs::write(cfgdir.join("env.nu"), "").unwrap();
    let out = sb.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let (ready, ready2) = (out.join("ready"), out.join("ready2"));
    std::fs::write(
        cfgdir.join("config.nu"),
        format!(
            "source {}\n'ready' | save -f {}\n",
            nu_str(&goenv_nu),
            nu_str(&ready)
        ),
    )
    .unwrap();
    let nested_cfg = sb.path().join("nested");
    std::fs::create_dir_all(&nested_cfg).unwrap();
    std::fs::write(nested_cfg.join("env.nu"), "").unwrap();
    std::fs::write(
        nested_cfg.join("config.nu"),
        format!(
            "source {}\n'ready' | save -f {}\n",
            nu_str(&goenv_nu),
            nu_str(&ready2)
        ),
    )
    .unwrap();

    let tmux = Tmux::new("e2e-nu-idem");
    start_repl(&tmux, &sb, &user, &cfgdir);
    wait_prompt(&tmux, &ready);
    let read = |name: &str| -> NuPath {
        let f = out.join(name);
        let s = step(&tmux, &save_nu_path(&f), &f);
        serde_json::from_str(&s).unwrap_or_else(|e| panic!("{name}: {e}: {s}"))
    };
    let first = read("p1");
    for k in 2..=5 {
        let marker = out.join(format!("src{k}"));
        step(
            &tmux,
            &format!(
                "source {}; 'x' | save -f {}",
                nu_str(&goenv_nu),
                nu_str(&marker)
            ),
            &marker,
        );
        let again = read(&format!("p{k}"));
        assert_eq!(again, first, "sourced {k} times");
    }
    assert_eq!((first.pre_prompt, first.pwd), (1, 1), "{first:?}");
    assert_eq!(first.exported, first.list.join(":"), "{first:?}");
    let entries = &first.list;
    assert_eq!(entries[0], "/usr/lib/go-1.22/bin", "{entries:?}");
    let gobin = format!("{}/go/bin", sb.home().display());
    assert_eq!(entries[1], gobin, "{entries:?}");
    let mut seen = std::collections::HashSet::new();
    for e in entries {
        assert!(seen.insert(e), "duplicate {e:?} in {entries:?}");
    }
    let mut pos = 0;
    for orig in [sbin.as_str(), "/opt/a", "", "/usr/bin", "/opt/b", "/bin"] {
        let i = entries
            .iter()
            .position(|e| e == orig)
            .unwrap_or_else(|| panic!("lost {orig:?}: {entries:?}"));
        assert!(i >= pos, "{orig:?} moved: {entries:?}");
        pos = i;
    }
    assert_eq!(entries.len(), 8, "{entries:?}");

    // Nested: a child nu inherits the initialized environment and runs its
    // own init.
    step(
        &tmux,
        &format!(
            "^{} --no-history --no-std-lib --config {} --env-config {}",
            nu_str(&nu()),
            nu_str(&nested_cfg.join("config.nu")),
            nu_str(&nested_cfg.join("env.nu"))
        ),
        &ready2,
    );
    let nested = read("nested");
    assert_ne!(nested.pid, first.pid, "the nested nu answered");
    assert_eq!(nested, first, "nested nu changed PATH");
    // Back in the parent (once the nested nu is gone), nothing changed either.
    let gone = Path::new("/proc").join(nested.pid.to_string());
    let (t0, mut resent) = (Instant::now(), false);
    tmux.send("exit");
    while gone.exists() {
        if !resent && t0.elapsed() > Duration::from_secs(15) {
            // A line typed during a redraw can be lost under load.
            tmux.send("exit");
            resent = true;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(60),
            "the nested nu did not exit:\n{}",
            tmux.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let after = read("after");
    assert_eq!(after.pid, first.pid, "the parent nu answered");
    assert_eq!(after, first, "PATH after the nested nu exited");
}

/// The saved init's `goenv-hook use`, `goenv-hook deactivate` and
/// `goenv-hook doctor` commands (Nushell runs a custom command named like
/// the external's subcommand instead of it): use pins and the prompt says
/// so; doctor is passed the pre_prompt hooks, so it sees the hook and its
/// removal (the external alone can't). The completions module doesn't
/// shadow use and deactivate, whichever is loaded first.
#[test]
fn nushell_goenv_hook_commands_use_deactivate_doctor() {
    let sb = Sandbox::new();
    let bin = sb.path().join("bin");
    std::os::unix::fs::symlink(exe(), bin.join("goenv-hook")).unwrap();
    let path = format!(
        "{}:{}:{SYSTEM_PATH}",
        bin.display(),
        go_root("1.22").join("bin").display()
    );
    let init = sb.path().join("goenv.nu");
    let o = sb
        .command(exe(), &path)
        .args(["init", "nu"])
        .output()
        .unwrap();
    std::fs::write(&init, &o.stdout).unwrap();
    // The completions module loaded first, as the README says.
    let completions = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/goenv-hook.nu");
    let script = format!(
        "use {completions} *
source {init}
print (goenv-hook doctor --json | from json | get findings.id | where $it == hook-not-installed | length)
goenv-hook use 1.21
print $env.GOENV_HOOK_GO
print (goenv-hook prompt)
print (try {{ goenv-hook use 1.22.99; 'changed' }} catch {{ 'refused' }})
print $env.GOENV_HOOK_GO
goenv-hook deactivate
print ($env.GOENV_HOOK_GO? | default '<unset>')
print ($env.config.hooks.pre_prompt | length)
print (goenv-hook doctor --json | from json | get findings.id | where $it == hook-not-installed | length)
print (^goenv-hook doctor --json | from json | get findings.id | where $it == hook-not-installed | length)
",
        init = nu_str(&init),
        completions = nu_str(&completions)
    );
    let o = sb
        .command(nu(), &path)
        .args(["-n", "--no-std-lib", "-c", &script])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "0",
            "1.21",
            "go1.21.13 (pinned)",
            "refused",
            "1.21",
            "<unset>",
            "0",
            "1",
            "0"
        ],
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // Loaded after the init, the completions don't shadow use and deactivate.
    let script = format!(
        "source {init}
use {completions} *
goenv-hook use 1.21
print $env.GOENV_HOOK_GO
goenv-hook deactivate
print ($env.GOENV_HOOK_GO? | default '<unset>')
",
        init = nu_str(&init),
        completions = nu_str(&completions)
    );
    let o = sb
        .command(nu(), &path)
        .args(["-n", "--no-std-lib", "-c", &script])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        ["1.21", "<unset>"],
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
