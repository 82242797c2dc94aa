//! `goenv-hook exec`, through the real binary, with real bash and the real
//! Debian toolchains (Go 1.23 first on PATH, a project asking for 1.22):
//! - `exec -- go version` runs the Go the project selects, from the
//!   project and from elsewhere with `--dir` (the command runs there);
//! - the environment is the one `env bash` makes (the same selection);
//! - the exit status passes through, and the command is the same process
//!   (one exec): a SIGTERM sent to goenv-hook's pid ends the command, and
//!   bash sees 143;
//! - 127 for a command not found, 126 for one that can't be run, 64 for a
//!   --dir that isn't one; arguments pass untouched, hyphens included.

mod common;

use common::{exe, go_root, q, run_piped, Sandbox};
use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Go 1.23 first on PATH (the user's default), then the system.
const PATH: &str = "/usr/lib/go-1.23/bin:/usr/bin:/bin";

struct Fx {
    sb: Sandbox,
    /// `~/p22`: go.mod says `go 1.22`.
    p22: PathBuf,
    /// `~/plain`: no project file.
    plain: PathBuf,
}

impl Fx {
    fn new() -> Fx {
        for m in ["1.22", "1.23"] {
            go_root(m);
        }
        let sb = Sandbox::new();
        let p22 = sb.home().join("p22");
        let plain = sb.home().join("plain");
        std::fs::create_dir_all(&p22).unwrap();
        std::fs::create_dir_all(&plain).unwrap();
        std::fs::write(p22.join("go.mod"), "module p22\n\ngo 1.22\n").unwrap();
        Fx { sb, p22, plain }
    }

    fn cmd(&self, cwd: &Path, args: &[&str]) -> Command {
        let mut c = Command::new(exe());
        c.env_clear()
            .envs(self.sb.env(PATH))
            .env("GOPROXY", "off")
            .env("PWD", cwd)
            .current_dir(cwd)
            .args(args);
        c
    }

    fn run(&self, cwd: &Path, args: &[&str]) -> Output {
        self.cmd(cwd, args).output().unwrap()
    }

    /// A non-interactive bash in `cwd` running `script`: (stdout, stderr).
    fn bash(&self, cwd: &Path, script: &str) -> (String, String) {
        let mut c = Command::new(common::require("bash"));
        c.env_clear()
            .envs(self.sb.env(PATH))
            .env("GOPROXY", "off")
            .current_dir(cwd)
            .args(["--noprofile", "--norc", "-s"]);
        run_piped(c, script)
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn go_version_runs_the_projects_go_from_the_project_and_with_dir() {
    let fx = Fx::new();
    let x = q(&exe());
    let (out, err) = fx.bash(
        &fx.p22,
        &format!("{x} exec -- go version\n{x} exec go env GOROOT\ngo version\n"),
    );
    assert_eq!(
        out,
        "go version go1.22.12 linux/amd64\n/usr/lib/go-1.22\ngo version go1.23.5 linux/amd64\n",
        "stderr: {err}"
    );
    assert!(err.is_empty(), "{err}");

    // From a plain directory, --dir selects for the project and runs there.
    let (out, err) = fx.bash(
        &fx.plain,
        &format!(
            "{x} exec --dir ../p22 -- go version\n{x} exec --dir ../p22 -- go list -m\n{x} exec --dir {} pwd\n{x} exec -- go version\n",
            q(&fx.p22)
        ),
    );
    assert_eq!(
        out,
        format!(
            "go version go1.22.12 linux/amd64\np22\n{}\ngo version go1.23.5 linux/amd64\n",
            fx.p22.display()
        ),
        "stderr: {err}"
    );
    assert!(err.is_empty(), "{err}");
}

/// `env -0`'s variables, without those a shell sets by itself.
fn env0(b: &[u8]) -> BTreeMap<String, String> {
    b.split(|&c| c == 0)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let l = text(l);
            let (k, v) = l.split_once('=').unwrap();
            (k.to_string(), v.to_string())
        })
        .filter(|(k, _)| !matches!(k.as_str(), "_" | "SHLVL" | "PWD" | "OLDPWD"))
        .collect()
}

#[test]
fn the_environment_is_the_one_env_bash_makes() {
    let fx = Fx::new();
    let x = q(&exe());
    let direct = fx.run(&fx.p22, &["exec", "--", "env", "-0"]);
    assert!(direct.status.success(), "{}", text(&direct.stderr));
    let mut c = Command::new(common::require("bash"));
    c.env_clear()
        .envs(fx.sb.env(PATH))
        .env("GOPROXY", "off")
        .current_dir(&fx.p22)
        .args([
            "--noprofile",
            "--norc",
            "-c",
            &format!("eval \"$({x} env bash)\" && env -0"),
        ]);
    let evald = c.output().unwrap();
    assert!(evald.status.success(), "{}", text(&evald.stderr));
    let (a, b) = (env0(&direct.stdout), env0(&evald.stdout));
    assert_eq!(a, b);
    assert!(a["PATH"].starts_with("/usr/lib/go-1.22/bin:"), "{a:?}");
}

#[test]
fn the_exit_status_passes_through() {
    let fx = Fx::new();
    for code in [0, 1, 3, 42, 255] {
        let o = fx.run(
            &fx.p22,
            &["exec", "--", "bash", "-c", &format!("exit {code}")],
        );
        assert_eq!(o.status.code(), Some(code), "{}", text(&o.stderr));
        assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
    }
    // Arguments pass as given, hyphens and spaces included, with or without --.
    let o = fx.run(
        &fx.plain,
        &["exec", "printf", "[%s]", "-x", "a b", "--", "--dir"],
    );
    assert_eq!(text(&o.stdout), "[-x][a b][--][--dir]");
}

#[test]
fn a_signal_reaches_the_command_which_is_this_same_process() {
    let fx = Fx::new();
    // The pid goenv-hook started with is the command's (one exec): the
    // command reports its own pid, equal to the child's.
    let mut child = fx
        .cmd(
            &fx.p22,
            &["exec", "--", "bash", "-c", "echo $$; exec sleep 30"],
        )
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    use std::io::BufRead;
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), child.id().to_string());
    let kill = Command::new(common::require("kill"))
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let st = child.wait().unwrap();
    assert_eq!(st.signal(), Some(15), "{st:?}");

    // As a shell sees it.
    let x = q(&exe());
    let (out, _) = fx.bash(
        &fx.p22,
        &format!("{x} exec -- bash -c 'kill -TERM $$'\necho \"status $?\"\n"),
    );
    assert_eq!(out, "status 143\n");
}

#[test]
fn not_found_is_127_not_runnable_is_126_and_a_bad_dir_is_usage() {
    let fx = Fx::new();
    let o = fx.run(&fx.p22, &["exec", "--", "no-such-command-xyz"]);
    assert_eq!(o.status.code(), Some(127));
    assert_eq!(
        text(&o.stderr),
        "goenv-hook: exec: no-such-command-xyz: command not found on the selected PATH (`goenv-hook env json` shows it)\n"
    );
    let o = fx.run(&fx.p22, &["exec", "--", "./missing"]);
    assert_eq!(o.status.code(), Some(127), "{}", text(&o.stderr));

    // go.mod is a file, but not an executable one.
    let o = fx.run(&fx.p22, &["exec", "--", "./go.mod"]);
    assert_eq!(o.status.code(), Some(126));
    assert!(
        text(&o.stderr).contains("./go.mod: permission denied"),
        "{}",
        text(&o.stderr)
    );

    let o = fx.run(&fx.p22, &["exec", "--dir", "nowhere", "--", "true"]);
    assert_eq!(o.status.code(), Some(64));
    assert!(
        text(&o.stderr).contains("not a directory"),
        "{}",
        text(&o.stderr)
    );

    let o = fx.run(&fx.p22, &["exec"]);
    assert_eq!(o.status.code(), Some(64));
}

/// The fenced blocks (language, text) of the README's exec section.
fn readme_blocks() -> Vec<(String, String)> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("\n## exec: ")
        .expect("README.md has the exec section");
    let section = &readme[start + 1..];
    let end = section[1..].find("\n## ").map_or(section.len(), |e| e + 1);
    let mut out = Vec::new();
    let mut lines = section[..end].lines();
    while let Some(l) = lines.next() {
        if let Some(lang) = l.strip_prefix("```") {
            let body: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.starts_with("```"))
                .collect();
            out.push((lang.to_string(), body.join("\n") + "\n"));
        }
    }
    out
}

#[test]
fn the_readmes_wrapper_makefile_and_cron_line_run_the_projects_go() {
    let fx = Fx::new();
    let blocks = readme_blocks();
    // goenv-hook as the README's lines call it: by name on PATH.
    let bin = fx.sb.path().join("bin");
    std::os::unix::fs::symlink(exe(), bin.join("goenv-hook")).unwrap();
    let path = format!("{}:{PATH}", bin.display());
    // Builds reuse a cache kept between runs (only compiled Go code).
    let gocache = Path::new(env!("CARGO_TARGET_TMPDIR")).join("gocache-exec");

    let wrapper = &blocks
        .iter()
        .find(|(l, b)| l == "sh" && b.starts_with("#!/bin/sh"))
        .expect("the wrapper block")
        .1;
    let w = bin.join("go-goenv");
    std::fs::write(&w, wrapper).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&w, std::fs::Permissions::from_mode(0o755)).unwrap();
    // As an editor runs it: by path, in the workspace folder, with the
    // editor's own environment (1.23 first on PATH).
    let o = Command::new(&w)
        .env_clear()
        .envs(fx.sb.env(&path))
        .env("GOPROXY", "off")
        .current_dir(&fx.p22)
        .args(["env", "GOROOT", "GOVERSION"])
        .output()
        .unwrap();
    assert_eq!(
        text(&o.stdout),
        "/usr/lib/go-1.22\ngo1.22.12\n",
        "{}",
        text(&o.stderr)
    );

    let make = &blocks
        .iter()
        .find(|(l, _)| l == "make")
        .expect("make block")
        .1;
    std::fs::write(fx.p22.join("main.go"), "package main\nfunc main() {}\n").unwrap();
    std::fs::write(
        fx.p22.join("Makefile"),
        format!("{make}version:\n\t$(GO) version\n"),
    )
    .unwrap();
    let o = Command::new(common::require("make"))
        .env_clear()
        .envs(fx.sb.env(&path))
        .env("GOPROXY", "off")
        .env("GOCACHE", &gocache)
        .current_dir(&fx.p22)
        .args(["-s", "build", "version"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "go version go1.22.12 linux/amd64\n");

    // The cron line's command, as cron runs it (sh -c, in HOME).
    let cron = &blocks
        .iter()
        .find(|(_, b)| b.starts_with("# crontab"))
        .expect("cron block")
        .1;
    let line = cron.lines().nth(1).unwrap();
    let cmd = line.splitn(6, ' ').nth(5).unwrap();
    let cmd = cmd.replace("$HOME/src/app", &fx.p22.display().to_string());
    std::fs::create_dir_all(fx.p22.join("cmd/nightly")).unwrap();
    std::fs::write(
        fx.p22.join("cmd/nightly/main.go"),
        "package main\nimport (\"fmt\"; \"runtime\")\nfunc main() { fmt.Println(runtime.Version()) }\n",
    )
    .unwrap();
    let o = Command::new("/bin/sh")
        .env_clear()
        .envs(fx.sb.env(&path))
        .env("GOPROXY", "off")
        .env("GOCACHE", &gocache)
        .current_dir(fx.sb.home())
        .args(["-c", &cmd])
        .output()
        .unwrap();
    assert_eq!(text(&o.stdout), "go1.22.12\n", "{cmd}: {}", text(&o.stderr));
}
