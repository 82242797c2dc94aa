//! Nushell 0.115.1, the real REPL under tmux, with the real goenv-hook and
//! real Go toolchains: init applies, sourcing twice changes nothing, the hook
//! switches toolchains on `cd`, picks up config changes, and keeps
//! `$env.LAST_EXIT_CODE`.

mod common;

use common::{exe, go_root, nu, require, Sandbox, SYSTEM_PATH};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    bin: PathBuf,
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) {
        let st = Command::new(&self.bin)
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .status()
            .unwrap();
        assert!(st.success(), "tmux {args:?}");
    }
    fn send(&self, line: &str) {
        self.run(&["send-keys", "-t", "t", "-l", line]);
        self.run(&["send-keys", "-t", "t", "Enter"]);
    }
    fn screen(&self) -> String {
        let o = Command::new(&self.bin)
            .arg("-L")
            .arg(&self.socket)
            .args(["capture-pane", "-p", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new(&self.bin)
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .status();
    }
}

fn wait_file(t: &Tmux, p: &Path) -> String {
    let t0 = Instant::now();
    loop {
        if let Ok(s) = std::fs::read_to_string(p) {
            if !s.is_empty() {
                return s;
            }
        }
        assert!(
            t0.elapsed() < Duration::from_secs(30),
            "timed out waiting for {}; screen:\n{}",
            p.display(),
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
    std::fs::write(
        cfgdir.join("config.nu"),
        format!("source {}\n", nu_str(&goenv_nu)),
    )
    .unwrap();
    let proj = sb.home().join("proj");
    std::fs::create_dir_all(&proj).unwrap();
    std::fs::write(proj.join("go.mod"), "module p\n\ngo 1.21\n").unwrap();
    let out = sb.path().join("out");
    std::fs::create_dir_all(&out).unwrap();

    let tmux = Tmux {
        bin: require("tmux"),
        socket: format!("goenv-hook-e2e-nu-{}", std::process::id()),
    };
    let mut cmd = vec!["env".to_string(), "-i".to_string()];
    for (k, v) in sb.env(&path) {
        cmd.push(format!("{}={}", k.to_str().unwrap(), v.to_str().unwrap()));
    }
    cmd.push(nu().to_str().unwrap().to_string());
    cmd.extend(["--no-history", "--no-std-lib", "--config"].map(String::from));
    cmd.push(cfgdir.join("config.nu").to_str().unwrap().to_string());
    cmd.push("--env-config".into());
    cmd.push(cfgdir.join("env.nu").to_str().unwrap().to_string());
    let mut args: Vec<&str> = vec![
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "200",
        "-y",
        "50",
        "-c",
    ];
    let home = sb.home();
    args.push(home.to_str().unwrap());
    args.extend(cmd.iter().map(String::as_str));
    tmux.run(&args);

    let o = |n: &str| nu_str(&out.join(n));
    tmux.send(&format!("^go version | save -f {}", o("v1")));
    let v1 = wait_file(&tmux, &out.join("v1"));
    assert!(v1.contains("go1.22.12"), "{v1}");
    tmux.send(&format!("$env.PATH | to json | save -f {}", o("p1")));
    let p1 = wait_file(&tmux, &out.join("p1"));
    let list: Vec<String> = serde_json::from_str(&p1).expect("PATH stays a list");
    assert_eq!(list[0], "/usr/lib/go-1.22/bin");
    assert_eq!(
        list.iter().filter(|e| *e == "/usr/lib/go-1.22/bin").count(),
        1
    );

    // Sourcing again (a second init) changes nothing.
    tmux.send(&format!("source {}", nu_str(&goenv_nu)));
    tmux.send(&format!("$env.PATH | to json | save -f {}", o("p2")));
    assert_eq!(wait_file(&tmux, &out.join("p2")), p1);
    tmux.send(&format!(
        "$env.config.hooks.pre_prompt | length | save -f {}",
        o("n")
    ));
    assert_eq!(wait_file(&tmux, &out.join("n")).trim(), "1");

    // cd into a project that wants 1.21, and back out.
    tmux.send("cd proj");
    tmux.send(&format!("^go version | save -f {}", o("v2")));
    assert!(wait_file(&tmux, &out.join("v2")).contains("go1.21.13"));
    tmux.send(&format!("$env.PATH | to json | save -f {}", o("p3")));
    let p3: Vec<String> = serde_json::from_str(&wait_file(&tmux, &out.join("p3"))).unwrap();
    assert_eq!(
        p3.iter()
            .filter(|e| e.starts_with("/usr/lib/go-1.2"))
            .count(),
        1,
        "{p3:?}"
    );
    tmux.send("cd ..");
    tmux.send(&format!("^go version | save -f {}", o("v3")));
    assert!(wait_file(&tmux, &out.join("v3")).contains("go1.22.12"));
    tmux.send(&format!("$env.PATH | to json | save -f {}", o("p4")));
    assert_eq!(
        wait_file(&tmux, &out.join("p4")),
        p1,
        "leaving the project restores PATH"
    );

    // A config change reaches the next prompt.
    let cfg = sb.home().join(".config/goenv-hook/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(&cfg, "[env]\nGOPROXY = \"off\"\n").unwrap();
    tmux.send("print ''");
    tmux.send(&format!("$env.GOPROXY | save -f {}", o("g")));
    assert_eq!(wait_file(&tmux, &out.join("g")), "off");

    // The user's exit status survives the hook.
    tmux.send("^false");
    tmux.send(&format!("$env.LAST_EXIT_CODE | save -f {}", o("s")));
    assert_eq!(wait_file(&tmux, &out.join("s")).trim(), "1");
}
