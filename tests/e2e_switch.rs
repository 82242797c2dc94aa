//! Per-project toolchain switching, end to end: real interactive bash, zsh,
//! fish (under a pty) and Nushell 0.115.1 (the REPL under tmux), the real
//! goenv-hook binary and the real Debian Go toolchains 1.19/1.21/1.22/1.23.
//!
//! Each shell session is one process. The user's PATH finds `go` through a
//! symlink (`<sandbox>/bin/go -> /usr/lib/go-1.23/bin/go`, like Debian's
//! /usr/bin/go) and has entries of its own; a stale `GOROOT` is exported;
//! `GOPROXY=off` keeps Go off the network. Each observation is one line
//! appended by `obs.sh` (a child of the shell, so it sees exactly what the
//! shell exports) and compared with the expectation at the end, all steps at
//! once:
//! - `go version` run by the shell itself (its command lookup, its hash),
//! - `GOTOOLCHAIN=local go version` (which binary PATH finds),
//! - `go version` with GOTOOLCHAIN unset (auto): Go agrees with the choice
//!   and does not try to switch toolchains itself,
//! - the managed PATH block (exactly one toolchain bin, then GOPATH/bin) and
//!   the user's own entries after it in their original order,
//! - GOROOT (unset, or the active root), $GOENV_HOOK_PROMPT, and what
//!   `goenv-hook prompt` prints there.
//!
//! Also: `cd proj && go version` on one command line (zsh, fish: switched
//! before `go` runs; bash and nu: at the next prompt, which is what ships),
//! `goenv-hook use` (Nushell: the saved init's `goenv-hook-use`), `deactivate` (env -0 byte for byte, hook
//! removed), `which`, and golden files for the hook output of a switch in
//! PowerShell and cmd. The bugs these tests found are fixed; their tests
//! stay as regressions.
//! Regenerate the golden files with
//! `GOENV_HOOK_BLESS=1 cargo test --test e2e_switch`.

mod common;

use common::{exe, go_root, q, require, run_piped, Sandbox, Tmux};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------- fixture

/// The full version of each installed Debian toolchain.
fn full(minor: &str) -> &'static str {
    match minor {
        "1.19" => "go1.19.8",
        "1.21" => "go1.21.13",
        "1.22" => "go1.22.12",
        "1.23" => "go1.23.5",
        other => panic!("no toolchain {other}"),
    }
}

/// The stale GOROOT the user starts with (a real root, but not the active one).
const STALE_GOROOT: &str = "/usr/lib/go-1.19";
/// GOROOT unset, or equal to the active toolchain's root.
const GOROOT_OK: &str = "<unset or the active root>";

struct Fx {
    sb: Sandbox,
    /// The user's PATH entries, in order.
    user: Vec<String>,
    obs: PathBuf,
    out: PathBuf,
}

impl Fx {
    fn new() -> Fx {
        let sb = Sandbox::new();
        for m in ["1.19", "1.21", "1.22", "1.23"] {
            go_root(m);
        }
        symlink("/usr/lib/go-1.23/bin/go", sb.path().join("bin/go")).unwrap();
        let user = vec![
            sb.path().join("bin").to_str().unwrap().to_string(),
            "/opt/u1".to_string(),
            "/usr/bin".to_string(),
            "/bin".to_string(),
        ];
        let p = sb.home().join("p");
        let files: [(&str, &str); 7] = [
            ("m21/go.mod", "module m21\n\ngo 1.21\n"),
            ("tc/go.mod", "module tc\n\ngo 1.21\n\ntoolchain go1.23.5\n"),
            ("gv/.go-version", "1.22\n"),
            ("ws/go.work", "go 1.22\n\nuse (\n\t./a\n\t./b\n)\n"),
            ("ws/a/go.mod", "module a\n\ngo 1.21\n"),
            ("ws/b/go.mod", "module b\n\ngo 1.22\n"),
            ("m99/go.mod", "module m99\n\ngo 1.99\n"),
        ];
        for (f, text) in files {
            let f = p.join(f);
            std::fs::create_dir_all(f.parent().unwrap()).unwrap();
            std::fs::write(f, text).unwrap();
        }
        std::fs::create_dir_all(p.join("plain")).unwrap();
        let out = sb.path().join("obs.txt");
        let obs = sb.path().join("obs.sh");
        // $1: the step's label; $2: the shell's own `go version` output.
        std::fs::write(
            &obs,
            format!(
                "loc=$(GOTOOLCHAIN=local go version 2>&1 | head -n 1)\n\
                 auto=$(go version 2>&1 | head -n 1)\n\
                 own=$(printf '%s\\n' \"$2\" | head -n 1)\n\
                 seg=$({} prompt 2>&1)\n\
                 printf '%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n' \"$1\" \"$PWD\" \"$own\" \"$loc\" \"$auto\" \"$PATH\" \"${{GOROOT-<unset>}}\" \"${{GOENV_HOOK_PROMPT-<unset>}}\" \"${{seg:-<unset>}}\" >> {}\n",
                q(&exe()),
                q(&out)
            ),
        )
        .unwrap();
        std::fs::write(sb.path().join("w.sh"), "printf \"$2\" > \"$1\"\n").unwrap();
        Fx { sb, user, obs, out }
    }

    fn home(&self) -> PathBuf {
        self.sb.home()
    }

    fn user_path(&self) -> String {
        self.user.join(":")
    }

    /// The shell's environment: the sandbox's, plus the user's own settings.
    fn env(&self) -> Vec<(OsString, OsString)> {
        let mut e = self.sb.env(&self.user_path());
        e.push(("GOPROXY".into(), "off".into()));
        e.push(("GOROOT".into(), STALE_GOROOT.into()));
        e
    }

    fn command(&self, prog: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = Command::new(prog);
        c.env_clear().envs(self.env()).current_dir(self.home());
        c
    }

    /// `dir` relative to HOME ("" is HOME itself).
    fn dir(&self, rel: &str) -> PathBuf {
        if rel.is_empty() {
            self.home()
        } else {
            self.home().join(rel)
        }
    }

    fn read_obs(&self) -> Vec<Obs> {
        let text = std::fs::read_to_string(&self.out).unwrap_or_default();
        text.lines().map(|l| self.parse(l)).collect()
    }

    fn parse(&self, line: &str) -> Obs {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 9, "observation line: {line:?}");
        let home = self.home().to_str().unwrap().to_string();
        let tilde = |s: &str| s.replace(&home, "~");
        let entries: Vec<&str> = f[5].split(':').collect();
        let is_user = |e: &&str| self.user.iter().any(|u| u == e);
        let first_user = entries.iter().position(is_user).unwrap_or(entries.len());
        let front = entries[..first_user].iter().map(|e| tilde(e)).collect();
        let rest: Vec<&str> = entries[first_user..].to_vec();
        let user_part = if rest == self.user.iter().map(String::as_str).collect::<Vec<_>>() {
            "user entries, in order".to_string()
        } else {
            format!(
                "NOT the user's entries in order: {}",
                tilde(&rest.join(":"))
            )
        };
        let toolchain_bins = entries.iter().filter(|e| is_toolchain_bin(e)).count();
        // Unset, or equal to the active toolchain's root: no mismatch.
        let goroot = match f[6] {
            "<unset>" => GOROOT_OK.to_string(),
            g if is_toolchain_bin(entries[0]) && entries[0] == format!("{g}/bin") => {
                GOROOT_OK.to_string()
            }
            g => g.to_string(),
        };
        Obs {
            label: f[0].to_string(),
            pwd: tilde(f[1]),
            shell_go: version_of(f[2]),
            go: version_of(f[3]),
            go_auto: version_of(f[4]),
            front,
            toolchain_bins,
            after_front: user_part,
            goroot,
            prompt: f[7].to_string(),
            prompt_cmd: f[8].to_string(),
        }
    }
}

fn is_toolchain_bin(e: &str) -> bool {
    e.strip_prefix("/usr/lib/go-1.")
        .and_then(|r| r.strip_suffix("/bin"))
        .is_some_and(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_digit()))
}

/// `go version go1.22.12 linux/amd64` → `go1.22.12`; anything else verbatim.
fn version_of(s: &str) -> String {
    match s.strip_prefix("go version ") {
        Some(r) => r.split(' ').next().unwrap_or_default().to_string(),
        None => s.to_string(),
    }
}

// ---------------------------------------------------------- expectations

/// One observation, normalized (HOME shown as `~`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Obs {
    label: String,
    pwd: String,
    /// `go version` run by the shell itself.
    shell_go: String,
    /// `GOTOOLCHAIN=local go version`: the `go` PATH finds.
    go: String,
    /// `go version` with GOTOOLCHAIN=auto (Go's own toolchain switching).
    go_auto: String,
    /// PATH entries before the first of the user's own entries.
    front: Vec<String>,
    /// PATH entries matching /usr/lib/go-1.NN/bin.
    toolchain_bins: usize,
    after_front: String,
    goroot: String,
    /// $GOENV_HOOK_PROMPT.
    prompt: String,
    /// `goenv-hook prompt` in the shell's environment.
    prompt_cmd: String,
}

/// The expected observation for a step where `minor` is active.
fn active(label: &str, pwd: &str, minor: &str, prompt: Option<&str>) -> Obs {
    let v = full(minor).to_string();
    Obs {
        label: label.into(),
        pwd: if pwd.is_empty() {
            "~".into()
        } else {
            format!("~/{pwd}")
        },
        shell_go: v.clone(),
        go: v.clone(),
        go_auto: v,
        front: vec![format!("/usr/lib/go-{minor}/bin"), "~/go/bin".into()],
        toolchain_bins: 1,
        after_front: "user entries, in order".into(),
        goroot: GOROOT_OK.into(),
        prompt: prompt.unwrap_or("<unset>").into(),
        prompt_cmd: prompt.unwrap_or("<unset>").into(),
    }
}

/// After deactivate: the user's PATH and GOROOT exactly as they were.
/// `goenv-hook prompt` is not compared here (see
/// `prompt_segment_describes_the_shell_after_deactivate`).
fn inactive(label: &str, pwd: &str) -> Obs {
    let mut o = active(label, pwd, "1.23", None);
    o.front = vec![];
    o.toolchain_bins = 0;
    o.goroot = STALE_GOROOT.into();
    o.prompt_cmd = NOT_COMPARED.into();
    o
}

const NOT_COMPARED: &str = "<not compared>";

/// Observations with the fields that `want` does not compare blanked.
fn blank_uncompared(got: Vec<Obs>, want: &[Obs]) -> Vec<Obs> {
    got.into_iter()
        .zip(want.iter().map(Some).chain(std::iter::repeat(None)))
        .map(|(mut g, w)| {
            if w.is_some_and(|w| w.prompt_cmd == NOT_COMPARED) {
                g.prompt_cmd = NOT_COMPARED.into();
            }
            g
        })
        .collect()
}

fn compare(shell: &str, got: &[Obs], want: &[Obs], extra: &str) {
    if got == want {
        return;
    }
    let mut msg = format!("{shell}: observations differ from the expectation\n");
    for i in 0..got.len().max(want.len()) {
        match (got.get(i), want.get(i)) {
            (Some(g), Some(w)) if g == w => msg.push_str(&format!("  ok   {}\n", g.label)),
            (g, w) => msg.push_str(&format!(
                "  FAIL step {i}\n    want: {w:?}\n    got:  {g:?}\n"
            )),
        }
    }
    panic!("{msg}{extra}");
}

// -------------------------------------------------------------- sessions

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sh {
    Bash,
    Zsh,
    Fish,
    Nu,
}

impl Sh {
    fn name(self) -> &'static str {
        match self {
            Sh::Bash => "bash",
            Sh::Zsh => "zsh",
            Sh::Fish => "fish",
            Sh::Nu => "nu",
        }
    }
}

/// What the session types, line by line.
enum Line {
    Cd(&'static str),
    Obs(&'static str),
    /// `cd <dir> && obs <label>` on one command line.
    CdObs(&'static str, &'static str),
    /// `goenv-hook use <v> <shell>`, applied as the README says.
    Use(&'static str),
    /// `goenv-hook use <v>`: the shell function init defines.
    UseShort(&'static str),
    Deactivate,
    /// `goenv-hook deactivate`: the shell function init defines.
    DeactivateShort,
    /// Write a file (HOME-relative path; `\n` escapes in the text) with
    /// `sh w.sh`: the same line in every shell.
    Write(&'static str, &'static str),
    /// Raw text for the shell.
    Raw(String),
}

fn render(fx: &Fx, sh: Sh, lines: &[Line]) -> Vec<String> {
    let e = q(&exe());
    let obs = |label: &str| {
        assert!(!label.contains('\''));
        match sh {
            Sh::Nu => format!(
                "^sh {} '{label}' (^go version | complete | $in.stdout + $in.stderr)",
                q(&fx.obs)
            ),
            _ => format!("sh {} '{label}' \"$(go version 2>&1)\"", q(&fx.obs)),
        }
    };
    let cd = |d: &str| format!("cd {}", q(&fx.dir(d)));
    let apply = |cmd: &str| match sh {
        Sh::Bash | Sh::Zsh => format!("eval \"$({e} {cmd} {})\"", sh.name()),
        Sh::Fish => format!("{e} {cmd} fish | source"),
        // Nushell can't eval: the saved init defines goenv-hook-use and
        // goenv-hook-deactivate.
        Sh::Nu => match cmd.strip_prefix("use ") {
            Some(v) => format!("goenv-hook-use '{v}'"),
            None => "goenv-hook-deactivate".into(),
        },
    };
    // The short form: the function init defines (`goenv-hook use 1.22`),
    // in Nushell the `goenv-hook use` command of the saved init.
    let short = |cmd: &str| format!("goenv-hook {cmd}");
    lines
        .iter()
        .map(|l| match l {
            Line::Cd(d) => cd(d),
            Line::Obs(label) => obs(label),
            Line::CdObs(d, label) => match sh {
                Sh::Nu => format!("{}; {}", cd(d), obs(label)),
                _ => format!("{} && {}", cd(d), obs(label)),
            },
            Line::Use(v) => apply(&format!("use {v}")),
            Line::UseShort(v) => short(&format!("use {v}")),
            Line::Deactivate => apply("deactivate"),
            Line::DeactivateShort => short("deactivate"),
            Line::Write(f, text) => {
                assert!(!text.contains('\''));
                let caret = if sh == Sh::Nu { "^" } else { "" };
                format!(
                    "{caret}sh {} {} '{text}'",
                    q(&fx.sb.path().join("w.sh")),
                    q(&fx.dir(f))
                )
            }
            Line::Raw(s) => s.clone(),
        })
        .collect()
}

/// bash, zsh, fish: start the interactive shell (rc = `pre` + init + `post`),
/// type `lines`, wait for it to exit. Returns stderr (bash/zsh) for messages.
fn run_posix_like(fx: &Fx, sh: Sh, pre: &str, lines: &[String]) -> String {
    let e = q(&exe());
    let mut input = lines.join("\n");
    input.push_str("\nexit\n");
    match sh {
        Sh::Bash => {
            let rc = fx.sb.path().join("bashrc");
            std::fs::write(&rc, format!("{pre}eval \"$({e} init bash)\"\nPS1='$ '\n")).unwrap();
            let mut c = fx.command(require("bash"));
            c.args(["--noprofile", "--rcfile"]).arg(&rc).arg("-i");
            run_piped(c, &input).1
        }
        Sh::Zsh => {
            let zdot = fx.sb.path().join("zdot");
            std::fs::create_dir_all(&zdot).unwrap();
            std::fs::write(
                zdot.join(".zshrc"),
                format!("{pre}eval \"$({e} init zsh)\"\nPS1='$ '\n"),
            )
            .unwrap();
            let mut c = fx.command(require("zsh"));
            c.env("ZDOTDIR", &zdot).arg("-i");
            run_piped(c, &input).1
        }
        Sh::Fish => {
            let ready = fx.sb.path().join("ready");
            let conf = fx.home().join(".config/fish/config.fish");
            std::fs::create_dir_all(conf.parent().unwrap()).unwrap();
            std::fs::write(
                &conf,
                format!("{pre}{e} init fish | source\ntouch {}\n", q(&ready)),
            )
            .unwrap();
            // fish runs prompts (and so fish_prompt handlers) only on a
            // terminal: `script` gives it a pty; type once it is ready.
            let mut c = fx.command(require("script"));
            c.args(["-qec", "fish -i", "/dev/null"]);
            let mut child = c
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let t0 = Instant::now();
            while !ready.exists() {
                assert!(t0.elapsed() < Duration::from_secs(20), "fish did not start");
                std::thread::sleep(Duration::from_millis(20));
            }
            let mut stdin = child.stdin.take().unwrap();
            stdin.write_all(input.as_bytes()).unwrap();
            let out = child.wait_with_output().unwrap();
            drop(stdin);
            assert!(out.status.success(), "fish: {}", out.status);
            String::from_utf8_lossy(&out.stderr).into_owned()
        }
        Sh::Nu => unreachable!(),
    }
}

// ---------------------------------------------------------------- tests 1-3

/// The switching tour (test 1): every kind of project, then back home.
fn tour() -> (Vec<Line>, Vec<Obs>) {
    use Line::*;
    let lines = vec![
        Obs("start"),
        Cd("p/m21"),
        Obs("go.mod go 1.21"),
        Cd("p/tc"),
        Obs("go.mod toolchain go1.23.5"),
        Cd("p/gv"),
        Obs(".go-version 1.22"),
        Cd("p/ws/a"),
        Obs("go.work, module a (go 1.21)"),
        Cd("p/ws/b"),
        Obs("go.work, module b"),
        Cd("p/ws"),
        Obs("go.work root"),
        Cd("p/plain"),
        Obs("plain dir"),
        Cd("p/m99"),
        Obs("go.mod go 1.99 (not installed)"),
        Cd("p/m21"),
        Obs("back to go 1.21"),
        Write("p/m21/go.mod", "module m21\\n\\ngo 1.22\\n"),
        Obs("go.mod edited to go 1.22"),
        Write("p/m21/go.mod", "module m21\\n\\ngo 1.21\\n"),
        Cd(""),
        Obs("home"),
    ];
    let mut m99 = active(
        "go.mod go 1.99 (not installed)",
        "p/m99",
        "1.23",
        Some("⚠ go1.23.5 (go.mod wants 1.99.0)"),
    );
    // Go itself would need 1.99 here and, with GOPROXY=off, can't get it.
    m99.go_auto = "go: downloading go1.99.0 (linux/amd64)".into();
    m99.shell_go = m99.go_auto.clone();
    let want = vec![
        active("start", "", "1.23", None),
        active("go.mod go 1.21", "p/m21", "1.21", Some("go1.21.13")),
        active(
            "go.mod toolchain go1.23.5",
            "p/tc",
            "1.23",
            Some("go1.23.5"),
        ),
        active(".go-version 1.22", "p/gv", "1.22", Some("go1.22.12")),
        active(
            "go.work, module a (go 1.21)",
            "p/ws/a",
            "1.22",
            Some("go1.22.12"),
        ),
        active("go.work, module b", "p/ws/b", "1.22", Some("go1.22.12")),
        active("go.work root", "p/ws", "1.22", Some("go1.22.12")),
        active("plain dir", "p/plain", "1.23", None),
        m99,
        active("back to go 1.21", "p/m21", "1.21", Some("go1.21.13")),
        active(
            "go.mod edited to go 1.22",
            "p/m21",
            "1.22",
            Some("go1.22.12"),
        ),
        active("home", "", "1.23", None),
    ];
    (lines, want)
}

/// Test 2: `cd proj && go version` on one line. zsh (chpwd) and fish (PWD
/// variable event) switch before `go` runs; bash (PROMPT_COMMAND only) and
/// nu (env_change hooks run before the next prompt) switch at the next
/// prompt, so the one-line `go` still sees the previous project's toolchain.
fn one_line(sh: Sh) -> (Vec<Line>, Vec<Obs>) {
    use Line::*;
    let lines = vec![
        Cd("p/m21"),
        CdObs("p/gv", "one line: cd gv && go"),
        Obs("gv, next prompt"),
    ];
    let mut first = active("one line: cd gv && go", "p/gv", "1.22", Some("go1.22.12"));
    if matches!(sh, Sh::Bash | Sh::Nu) {
        // Not switched yet: everything still as in m21, and `goenv-hook
        // prompt` names the go that runs (go1.21.13), not the one the hook
        // will switch to at the next prompt.
        first = active("one line: cd gv && go", "p/gv", "1.21", Some("go1.21.13"));
    }
    let want = vec![
        first,
        active("gv, next prompt", "p/gv", "1.22", Some("go1.22.12")),
    ];
    (lines, want)
}

/// Test 3: `use 1.19` wins over every project file until `use default`
/// (the short form, through the function init defines); the prompt says
/// the shell is pinned, everywhere; `use` of a version no install provides
/// changes nothing.
fn use_pin() -> (Vec<Line>, Vec<Obs>) {
    use Line::*;
    let lines = vec![
        Cd("p/gv"),
        UseShort("1.19"),
        Obs("use 1.19 in gv"),
        Cd("p/m21"),
        Obs("use 1.19, cd m21"),
        Cd("p/ws/a"),
        Obs("use 1.19, cd ws/a"),
        Cd(""),
        Obs("use 1.19, cd home"),
        UseShort("1.22.99"),
        UseShort("1"),
        Obs("use 1.22.99 and use 1 refused"),
        Use("default"),
        Obs("use default at home"),
        Cd("p/gv"),
        Obs("use default, cd gv"),
    ];
    let pinned = |label: &str, pwd: &str, prompt: Option<&str>| {
        let mut o = active(label, pwd, "1.19", prompt);
        // go1.19 predates toolchain switching: it never looks at go.mod's
        // or go.work's go line for `go version`.
        o.go_auto = "go1.19.8".into();
        o
    };
    let want = vec![
        pinned("use 1.19 in gv", "p/gv", Some("go1.19.8 (pinned)")),
        // The pin wins, and the prompt says it is older than what the
        // module or workspace requires (a .go-version is no requirement).
        pinned(
            "use 1.19, cd m21",
            "p/m21",
            Some("⚠ go1.19.8 (pinned) (go.mod wants 1.21.0)"),
        ),
        pinned(
            "use 1.19, cd ws/a",
            "p/ws/a",
            Some("⚠ go1.19.8 (pinned) (go.work wants 1.22.0)"),
        ),
        pinned("use 1.19, cd home", "", Some("go1.19.8 (pinned)")),
        pinned(
            "use 1.22.99 and use 1 refused",
            "",
            Some("go1.19.8 (pinned)"),
        ),
        active("use default at home", "", "1.23", None),
        active("use default, cd gv", "p/gv", "1.22", Some("go1.22.12")),
    ];
    (lines, want)
}

/// One interactive session per shell with the tour, the one-line `cd && go`
/// and (bash/zsh/fish) `use`; all observations compared at the end.
fn switching(sh: Sh) {
    let fx = Fx::new();
    let mut lines = Vec::new();
    let mut want = Vec::new();
    let parts = vec![tour(), one_line(sh), use_pin()];
    for (l, w) in parts {
        lines.extend(l);
        want.extend(w);
    }
    let text = render(&fx, sh, &lines);
    let err = if sh == Sh::Nu {
        run_nu(&fx, &text, want.len(), true)
    } else {
        run_posix_like(&fx, sh, "", &text)
    };
    compare(
        sh.name(),
        &fx.read_obs(),
        &want,
        &format!("--- stderr ---\n{err}"),
    );
}

#[test]
fn bash_switches_per_project() {
    switching(Sh::Bash);
}

#[test]
fn zsh_switches_per_project() {
    switching(Sh::Zsh);
}

#[test]
fn fish_switches_per_project() {
    switching(Sh::Fish);
}

#[test]
fn nu_switches_per_project() {
    switching(Sh::Nu);
}

// ------------------------------------------------------------------ nu

/// The Nushell REPL under tmux, config sourcing the saved init; types each
/// line, waiting for each observation line before the next. Returns the
/// screen.
/// `source_init`: config.nu sources the saved init (else the session does).
fn run_nu(fx: &Fx, lines: &[String], n_obs: usize, source_init: bool) -> String {
    let cfgdir = fx.home().join(".config/nushell");
    std::fs::create_dir_all(&cfgdir).unwrap();
    let goenv_nu = cfgdir.join("goenv.nu");
    let init = Command::new(exe()).args(["init", "nu"]).output().unwrap();
    assert!(init.status.success());
    std::fs::write(&goenv_nu, &init.stdout).unwrap();
    std::fs::write(cfgdir.join("env.nu"), "").unwrap();
    // A prompt of its own, so that the test can see each new prompt (drawn
    // after the hooks ran) before typing the next line: keys typed while a
    // hook runs can be lost.
    std::fs::write(
        cfgdir.join("config.nu"),
        format!(
            "{}$env.PROMPT_COMMAND = {{|| 'NUPROMPT' }}\n$env.PROMPT_COMMAND_RIGHT = {{|| '' }}\n$env.PROMPT_INDICATOR = {{|| '> ' }}\n",
            if source_init {
                format!("source {}\n", q(&goenv_nu))
            } else {
                String::new()
            }
        ),
    )
    .unwrap();
    let tmux = Tmux {
        bin: require("tmux"),
        socket: format!(
            "goenv-hook-e2e-switch-{}-{}",
            std::process::id(),
            fx.sb.path().file_name().unwrap().to_str().unwrap()
        ),
    };
    tmux.start_nu(&fx.env(), &fx.home(), &cfgdir, 250);
    let count = || {
        std::fs::read_to_string(&fx.out)
            .map(|s| s.lines().count())
            .unwrap_or(0)
    };
    let prompts = || {
        tmux.screen()
            .lines()
            .filter(|l| l.starts_with("NUPROMPT>"))
            .count()
    };
    let wait = |what: &str, done: &dyn Fn() -> bool| {
        let t0 = Instant::now();
        while !done() {
            assert!(
                t0.elapsed() < Duration::from_secs(30),
                "nu: timed out waiting for {what}; screen:\n{}",
                tmux.screen()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    };
    wait("the first prompt", &|| prompts() >= 1);
    let mut seen = 0;
    for (i, l) in lines.iter().enumerate() {
        tmux.send(l);
        wait(&format!("the prompt after {l:?}"), &|| prompts() >= i + 2);
        if l.contains(fx.obs.to_str().unwrap()) {
            seen += 1;
            wait(&format!("observation {seen} after {l:?}"), &|| {
                count() >= seen
            });
        }
    }
    assert_eq!(seen, n_obs);
    tmux.screen()
}

// ------------------------------------------------------------- deactivate

fn parse_env0(b: &[u8]) -> BTreeMap<Vec<u8>, Vec<u8>> {
    let mut m = BTreeMap::new();
    for item in b.split(|&c| c == 0).filter(|i| !i.is_empty()) {
        let eq = item.iter().position(|&c| c == b'=').unwrap_or(item.len());
        let k = item[..eq].to_vec();
        if [&b"PWD"[..], b"OLDPWD", b"_", b"SHLVL"].contains(&k.as_slice()) {
            continue;
        }
        m.insert(k, item[(eq + 1).min(item.len())..].to_vec());
    }
    m
}

/// The captured "before" environment is the user's: stale GOROOT, PATH.
fn premise_env_before(fx: &Fx, before: &[u8]) {
    let m = parse_env0(before);
    assert_eq!(
        m.get(&b"GOROOT"[..]).map(|v| v.as_slice()),
        Some(STALE_GOROOT.as_bytes()),
        "premise: the environment before init"
    );
    assert_eq!(
        m.get(&b"PATH"[..]).map(|v| v.as_slice()),
        Some(fx.user_path().as_bytes()),
        "premise: the environment before init"
    );
}

fn env_diff(before: &[u8], after: &[u8]) -> Vec<String> {
    let a = parse_env0(before);
    let b = parse_env0(after);
    let show = |v: Option<&Vec<u8>>| match v {
        Some(v) => format!("{:?}", String::from_utf8_lossy(v)),
        None => "<unset>".into(),
    };
    let mut keys: Vec<&Vec<u8>> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| {
            format!(
                "{}: before init {}, after deactivate {}",
                String::from_utf8_lossy(k),
                show(a.get(k)),
                show(b.get(k))
            )
        })
        .collect()
}

/// Test 4: env before init == env after init, switching, deactivate (byte
/// for byte, except PWD/OLDPWD/_/SHLVL); afterwards the hook is gone: a
/// prompt and a `cd` into a project change nothing.
fn deactivate(sh: Sh) {
    let fx = Fx::new();
    let before = fx.sb.path().join("env.before");
    let after = fx.sb.path().join("env.after");
    let hooks = fx.sb.path().join("hooks.after");
    let pre = format!("env -0 > {}\n", q(&before));
    // The shell's hook registrations after deactivate (empty: none of ours),
    // and the `goenv-hook` function init defined (removed too).
    let hook_probe = match sh {
        Sh::Bash => format!(
            "printf '%s\\n' \"${{PROMPT_COMMAND[@]}}\" \"${{precmd_functions[@]}}\" | grep -e __goenv_hook > {h}; declare -F goenv-hook >> {h}",
            h = q(&hooks)
        ),
        Sh::Zsh => format!(
            "printf '%s\\n' $precmd_functions $chpwd_functions | grep -e __goenv_hook > {h}; (( $+functions[goenv-hook] )) && echo goenv-hook >> {h}",
            h = q(&hooks)
        ),
        Sh::Fish => format!(
            "functions --handlers | string match -e __goenv_hook > {h}; functions -q goenv-hook; and echo goenv-hook >> {h}",
            h = q(&hooks)
        ),
        Sh::Nu => unreachable!(),
    };
    use Line::*;
    let lines = vec![
        Cd("p/m21"),
        Cd("p/gv"),
        Obs("active in gv"),
        Cd(""),
        DeactivateShort,
        Raw(format!("env -0 > {}", q(&after))),
        Raw(hook_probe),
        Obs("deactivated, home"),
        Cd("p/m21"),
        Obs("deactivated, cd m21"),
        Cd("p/gv"),
        Raw(":".into()),
        Obs("deactivated, cd gv, another prompt"),
    ];
    let text = render(&fx, sh, &lines);
    let err = run_posix_like(&fx, sh, &pre, &text);
    let want = vec![
        active("active in gv", "p/gv", "1.22", Some("go1.22.12")),
        inactive("deactivated, home", ""),
        inactive("deactivated, cd m21", "p/m21"),
        inactive("deactivated, cd gv, another prompt", "p/gv"),
    ];
    let b = std::fs::read(&before).expect("env before init");
    let a = std::fs::read(&after).expect("env after deactivate");
    premise_env_before(&fx, &b);
    let diff = env_diff(&b, &a);
    let registered = std::fs::read_to_string(&hooks).unwrap_or_default();
    let obs = blank_uncompared(fx.read_obs(), &want);
    let mut problems = Vec::new();
    if !diff.is_empty() {
        problems.push(format!(
            "environment after deactivate differs from before init:\n  {}",
            diff.join("\n  ")
        ));
    }
    if !registered.trim().is_empty() {
        problems.push(format!(
            "hook still registered after deactivate: {:?}",
            registered.trim()
        ));
    }
    if obs != want {
        let mut m = String::from("observations after deactivate:\n");
        for (i, w) in want.iter().enumerate() {
            let g = obs.get(i);
            if g != Some(w) {
                m.push_str(&format!(
                    "  FAIL step {i}\n    want: {w:?}\n    got:  {g:?}\n"
                ));
            }
        }
        problems.push(m);
    }
    assert!(
        problems.is_empty(),
        "{}: deactivate\n{}\n--- stderr ---\n{err}",
        sh.name(),
        problems.join("\n")
    );
}

/// Nushell: the same, with `goenv-hook-deactivate` (defined by the saved
/// init). Nushell sets no variable of its own in an external's environment
/// except CMD_DURATION_MS (the last command's duration), ignored too. The
/// init is sourced at the REPL, after the first capture.
#[test]
fn nu_deactivate_restores_env_and_removes_the_hook() {
    let fx = Fx::new();
    let before = fx.sb.path().join("env.before");
    let after = fx.sb.path().join("env.after");
    let hooks = fx.sb.path().join("hooks.after");
    let goenv_nu = fx.home().join(".config/nushell/goenv.nu");
    use Line::*;
    let lines = vec![
        Raw(format!("^env -0 | save -f {}", q(&before))),
        Raw(format!("source {}", q(&goenv_nu))),
        Cd("p/m21"),
        Cd("p/gv"),
        Obs("active in gv"),
        Cd(""),
        Raw("goenv-hook-deactivate".into()),
        Raw(format!("^env -0 | save -f {}", q(&after))),
        Raw(format!(
            "[($env.config.hooks.pre_prompt? | default [] | length) ($env.config.hooks.env_change.PWD? | default [] | length)] | to json -r | save -f {}",
            q(&hooks)
        )),
        Obs("deactivated, home"),
        Cd("p/m21"),
        Obs("deactivated, cd m21"),
        Cd("p/gv"),
        Raw("print ''".into()),
        Obs("deactivated, cd gv, another prompt"),
    ];
    let text = render(&fx, Sh::Nu, &lines);
    let screen = run_nu(&fx, &text, 4, false);
    let want = vec![
        active("active in gv", "p/gv", "1.22", Some("go1.22.12")),
        inactive("deactivated, home", ""),
        inactive("deactivated, cd m21", "p/m21"),
        inactive("deactivated, cd gv, another prompt", "p/gv"),
    ];
    let strip = |b: Vec<u8>| -> Vec<u8> {
        b.split(|&c| c == 0)
            .filter(|i| !i.starts_with(b"CMD_DURATION_MS="))
            .collect::<Vec<_>>()
            .join(&0u8)
    };
    let b = strip(std::fs::read(&before).expect("env before init"));
    let a = strip(std::fs::read(&after).expect("env after deactivate"));
    premise_env_before(&fx, &b);
    let diff = env_diff(&b, &a);
    let registered = std::fs::read_to_string(&hooks).unwrap_or_default();
    let obs = blank_uncompared(fx.read_obs(), &want);
    let mut problems = Vec::new();
    if !diff.is_empty() {
        problems.push(format!(
            "environment after deactivate differs from before init:\n  {}",
            diff.join("\n  ")
        ));
    }
    if registered.trim() != "[0,0]" {
        problems.push(format!(
            "hooks after deactivate (pre_prompt, env_change.PWD): {}",
            registered.trim()
        ));
    }
    if obs != want {
        problems.push(format!("observations:\n  want: {want:?}\n  got:  {obs:?}"));
    }
    assert!(
        problems.is_empty(),
        "nu: deactivate\n{}\n--- screen ---\n{screen}",
        problems.join("\n")
    );
}

#[test]
fn bash_deactivate_restores_env_and_removes_the_hook() {
    deactivate(Sh::Bash);
}

#[test]
fn zsh_deactivate_restores_env_and_removes_the_hook() {
    deactivate(Sh::Zsh);
}

#[test]
fn fish_deactivate_restores_env_and_removes_the_hook() {
    deactivate(Sh::Fish);
}

// ------------------------------------------------------------ which

/// `goenv-hook which` names the rule and the file (with line) for each project.
#[test]
fn which_explains_each_projects_choice() {
    let fx = Fx::new();
    let cases = [
        ("p/m21", "go1.21.13", "go.mod (~/p/m21/go.mod:3)"),
        ("p/tc", "go1.23.5", "go.mod (~/p/tc/go.mod:5)"),
        ("p/gv", "go1.22.12", ".go-version (~/p/gv/.go-version:1)"),
        ("p/ws/a", "go1.22.12", "go.work (~/p/ws/go.work:1)"),
        ("p/plain", "go1.23.5", "default"),
        ("p/m99", "go1.23.5", "default"),
    ];
    let home = fx.home().to_str().unwrap().to_string();
    for (d, v, because) in cases {
        let out = fx
            .command(exe())
            .arg("which")
            .current_dir(fx.dir(d))
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout).replace(&home, "~");
        let sel = text
            .lines()
            .skip_while(|l| !l.starts_with("goenv-hook selects"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            sel.starts_with(&format!("goenv-hook selects {v} ")),
            "{d}: {text}"
        );
        assert!(sel.contains(&format!("because: {because}")), "{d}: {text}");
        if d == "p/m99" {
            assert!(
                sel.contains("go1.99.0"),
                "{d}: the unmet request is named: {text}"
            );
        }
    }
}

// ----------------------------------------------------- pwsh and cmd golden

/// Runs `goenv-hook hook <shell>` in `dir` with the environment a shell has
/// after init at HOME (the ops of `env json` applied), and returns its output
/// with the sandbox path replaced by `@SANDBOX@`.
fn hook_after_init_at_home(fx: &Fx, shell: &str, dir: &str) -> Vec<u8> {
    let out = fx.command(exe()).args(["env", "json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut env: BTreeMap<String, String> = fx
        .env()
        .into_iter()
        .map(|(k, v)| (k.into_string().unwrap(), v.into_string().unwrap()))
        .collect();
    common::apply_env_json(&mut env, &j);
    let out = Command::new(exe())
        .args(["hook", shell])
        .env_clear()
        .envs(&env)
        .current_dir(fx.dir(dir))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "hook {shell}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sandbox = fx.sb.path().as_os_str().as_bytes();
    replace_bytes(&out.stdout, sandbox, b"@SANDBOX@")
}

fn replace_bytes(hay: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(hay.len());
    let mut i = 0;
    while i < hay.len() {
        if hay[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(hay[i]);
            i += 1;
        }
    }
    out
}

const GOLDEN_CASES: [(&str, &str); 4] = [
    ("m21", "p/m21"),
    ("m99", "p/m99"),
    ("gowork", "p/ws/a"),
    ("home", ""),
];

#[test]
fn pwsh_hook_output_of_a_switch_is_golden_and_parses() {
    let fx = Fx::new();
    for (name, dir) in GOLDEN_CASES {
        let out = hook_after_init_at_home(&fx, "pwsh", dir);
        let text = String::from_utf8_lossy(&out);
        assert!(!text.contains("/tmp/"), "{name}: machine path left: {text}");
        if name == "home" {
            assert!(out.is_empty(), "nothing changed, nothing printed: {text}");
            continue;
        }
        common::pwsh_check(name, &out);
        common::golden(&format!("switch_pwsh_{name}.ps1"), &out);
    }
}

#[test]
fn cmd_hook_output_of_a_switch_is_golden() {
    let fx = Fx::new();
    for (name, dir) in GOLDEN_CASES {
        let out = hook_after_init_at_home(&fx, "cmd", dir);
        let text = String::from_utf8_lossy(&out);
        assert!(!text.contains("/tmp/"), "{name}: machine path left: {text}");
        if name == "home" {
            assert!(out.is_empty(), "nothing changed, nothing printed: {text}");
            continue;
        }
        common::golden(&format!("switch_cmd_{name}.cmd"), &out);
    }
}

// ------------------------------------ bugs found by these tests
//
// Each was found by these tests and fixed on main; the tests stay as
// regressions.

/// Regression (was: `use banana bash` exited 0 and exported
/// GOENV_HOOK_GO='banana', silently ignored by selection): a usage error
/// naming the argument, and nothing on stdout, so `eval "$(…)"` changes
/// nothing.
#[test]
fn use_rejects_what_is_neither_a_version_nor_a_root() {
    let fx = Fx::new();
    for arg in ["banana", "", "1.x"] {
        let out = fx
            .command(exe())
            .args(["use", arg, "bash"])
            .current_dir(fx.dir("p/m21"))
            .output()
            .unwrap();
        assert!(
            !out.status.success() && out.stdout.is_empty(),
            "use {arg:?}: expected a usage error and no code to eval; got exit {:?}, stdout:\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(&format!("'{arg}'"))
                || String::from_utf8_lossy(&out.stderr).contains(&format!("\"{arg}\"")),
            "use {arg:?}: the message names the argument: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Regression (was: no flag): a `.go-version` above a module (rule 2 wins
/// over go.mod, as specified) picks go1.21.13 for a module whose go.mod says
/// `go 1.23`, where every `go` command fails (GOTOOLCHAIN=auto tries to
/// download go1.23.0). The prompt segment flags it.
#[test]
fn a_pin_older_than_the_modules_go_line_is_flagged() {
    let fx = Fx::new();
    let top = fx.dir("p/old");
    std::fs::create_dir_all(top.join("mod")).unwrap();
    std::fs::write(top.join(".go-version"), "1.21\n").unwrap();
    std::fs::write(top.join("mod/go.mod"), "module m\n\ngo 1.23\n").unwrap();
    let out = fx
        .command(exe())
        .arg("prompt")
        .current_dir(top.join("mod"))
        .output()
        .unwrap();
    let prompt = String::from_utf8_lossy(&out.stdout).trim().to_string();
    // What Go does with the selected toolchain there.
    let go = Command::new("/usr/lib/go-1.21/bin/go")
        .arg("version")
        .env_clear()
        .envs(fx.sb.env(&fx.user_path()))
        .env("GOPROXY", "off")
        .current_dir(top.join("mod"))
        .output()
        .unwrap();
    assert!(
        !go.status.success(),
        "premise: go1.21.13 can't work in a go 1.23 module"
    );
    assert!(
        prompt.starts_with('⚠') && prompt.contains("1.23"),
        "prompt {prompt:?} shows no problem, but the selected go fails there: {}",
        String::from_utf8_lossy(&go.stderr).trim()
    );
}

/// Regression (was: goenv-hook walked up from the physical cwd): Go walks up
/// from $PWD when it names the cwd (os.Getwd), i.e. the logical path the
/// shell `cd`ed through. In `p/m21/lnk` (a symlink to `p/plain`), Go uses
/// p/m21/go.mod (`go env GOMOD`), and so does goenv-hook (go1.21.13).
#[test]
fn cd_through_a_symlink_sees_the_project_go_sees() {
    let fx = Fx::new();
    symlink(fx.dir("p/plain"), fx.dir("p/m21/lnk")).unwrap();
    let gomod = fx.sb.path().join("gomod");
    let lines = vec![
        format!("cd {}", q(&fx.dir("p/m21/lnk"))),
        format!("go env GOMOD > {}", q(&gomod)),
        format!("sh {} 'cd m21/lnk' \"$(go version 2>&1)\"", q(&fx.obs)),
    ];
    let err = run_posix_like(&fx, Sh::Bash, "", &lines);
    let gomod = std::fs::read_to_string(&gomod).unwrap();
    assert_eq!(
        gomod.trim(),
        fx.dir("p/m21/go.mod").to_str().unwrap(),
        "premise: Go sees the module through the logical path"
    );
    compare(
        "bash",
        &fx.read_obs(),
        &[active("cd m21/lnk", "p/m21/lnk", "1.21", Some("go1.21.13"))],
        &format!("--- stderr ---\n{err}"),
    );
}

/// Regression (was a bug in the prompt fast path, now fixed: the hook also
/// watches the project files' directories and the PATH directories up to
/// `go`). The hook
/// skips goenv-hook while its key (PWD, PATH, …) is unchanged and no watched
/// file has an mtime newer than its stamp. Two changes slip through, and the
/// shell keeps a stale toolchain until the next `cd`:
/// 1. a go.mod replaced by a file with an older mtime (`mv go.mod.new
///    go.mod`, `cp -p`, `tar x`, `rsync -a`): `[[ -nt ]]`/`path mtime` see
///    an old mtime, the file still exists, so nothing "changed";
/// 2. the user's `go` symlink retargeted (`update-alternatives`, `ln -sfn`,
///    a package upgrade): the default toolchain changes (rule 5), but the
///    symlink isn't watched at all (before the fast path, the next prompt
///    picked it up).
///
/// Expected: the next prompt applies the new choice, as after any other
/// change to what goenv-hook reads.
#[test]
fn fast_path_notices_a_replaced_go_mod_and_a_retargeted_go_symlink() {
    let mut failures = Vec::new();
    for sh in [Sh::Bash, Sh::Zsh, Sh::Fish] {
        let fx = Fx::new();
        let next = fx.dir("p/m21/go.mod.next");
        std::fs::write(&next, "module m21\n\ngo 1.22\n").unwrap();
        let old = std::time::SystemTime::now() - Duration::from_secs(86400 * 365);
        std::fs::File::options()
            .write(true)
            .open(&next)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let go_link = fx.sb.path().join("bin/go");
        use Line::*;
        let lines = vec![
            Cd("p/m21"),
            Obs("m21"),
            Raw(format!("mv {} {}", q(&next), q(&fx.dir("p/m21/go.mod")))),
            Obs("go.mod replaced by an older file saying go 1.22"),
            Cd("p/plain"),
            Obs("plain, default go1.23.5"),
            Raw(format!("ln -sfn /usr/lib/go-1.22/bin/go {}", q(&go_link))),
            Obs("the user go symlink retargeted to 1.22"),
        ];
        let text = render(&fx, sh, &lines);
        let err = run_posix_like(&fx, sh, "", &text);
        let want = vec![
            active("m21", "p/m21", "1.21", Some("go1.21.13")),
            active(
                "go.mod replaced by an older file saying go 1.22",
                "p/m21",
                "1.22",
                Some("go1.22.12"),
            ),
            active("plain, default go1.23.5", "p/plain", "1.23", None),
            active(
                "the user go symlink retargeted to 1.22",
                "p/plain",
                "1.22",
                None,
            ),
        ];
        let got = fx.read_obs();
        if got != want {
            let mut m = format!("{}:\n", sh.name());
            for (i, w) in want.iter().enumerate() {
                let g = got.get(i);
                if g != Some(w) {
                    m.push_str(&format!(
                        "  FAIL {}\n    want: {w:?}\n    got:  {g:?}\n",
                        w.label
                    ));
                }
            }
            m.push_str(&format!("--- stderr ---\n{err}\n"));
            failures.push(m);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Regression (was a bug, fixed on main): a `.go-version` whose content is not a version (`1.22.x`,
/// `banana`) is skipped without a word: `which` says "default: the first go
/// on PATH", the prompt shows a plain `go1.23.5`, `doctor` finds nothing.
/// The user meant a version and gets another one silently. Expected: `which`
/// names the file it skipped (and why), like it names the files it uses.
#[test]
fn an_unreadable_go_version_file_is_not_silently_skipped() {
    let fx = Fx::new();
    let d = fx.dir("p/badgv");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join(".go-version"), "1.22.x\n").unwrap();
    let out = fx
        .command(exe())
        .arg("which")
        .current_dir(&d)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let sel: String = text
        .lines()
        .skip_while(|l| !l.starts_with("goenv-hook selects"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        sel.contains(".go-version"),
        "`which` does not mention the .go-version it skipped:\n{sel}"
    );
}

/// Regression (was: after `deactivate`, in p/m21 `goenv-hook prompt` said
/// `go1.21.13`, the toolchain it would select, while `go` on PATH was
/// go1.23.5 with a stale GOROOT): the segment names the go that PATH runs,
/// or is empty.
#[test]
fn prompt_segment_describes_the_shell_after_deactivate() {
    let fx = Fx::new();
    use Line::*;
    let lines = vec![
        Cd("p/m21"),
        Deactivate,
        Raw(":".into()),
        Obs("deactivated in m21"),
    ];
    let text = render(&fx, Sh::Bash, &lines);
    let err = run_posix_like(&fx, Sh::Bash, "", &text);
    let obs = fx.read_obs();
    assert_eq!(obs.len(), 1, "{err}");
    let o = &obs[0];
    assert_eq!(o.go, "go1.23.5", "premise: deactivated");
    assert!(
        o.prompt_cmd == "<unset>" || o.prompt_cmd.contains("go1.23.5"),
        "`goenv-hook prompt` says {:?} while `go` is {} (GOROOT={})",
        o.prompt_cmd,
        o.go,
        o.goroot
    );
}

/// `goenv-hook doctor` through the function init defines passes the
/// shell's prompt hooks (GOENV_HOOK_SHELL_HOOKS): with the hook in place
/// doctor finds it; once something replaced it, `hook-not-installed`.
/// (The executable alone, a child process, can't see shell variables.)
fn doctor_sees_the_hooks(sh: Sh) {
    let fx = Fx::new();
    let d1 = fx.sb.path().join("d1.json");
    let d2 = fx.sb.path().join("d2.json");
    let d3 = fx.sb.path().join("d3.json");
    let e = q(&exe());
    let unhook = match sh {
        Sh::Bash => "unset PROMPT_COMMAND",
        Sh::Zsh => "precmd_functions=()",
        Sh::Fish => "functions -e __goenv_hook_prompt __goenv_hook_boot",
        Sh::Nu => unreachable!(),
    };
    let lines = vec![
        Line::Raw(format!("goenv-hook doctor --json > {}", q(&d1))),
        Line::Raw(unhook.into()),
        Line::Raw(format!("goenv-hook doctor --json > {}", q(&d2))),
        Line::Raw(format!("{e} doctor --json > {}", q(&d3))),
    ];
    let text = render(&fx, sh, &lines);
    let err = run_posix_like(&fx, sh, "", &text);
    let ids = |p: &std::path::Path| -> Vec<String> {
        let j: serde_json::Value = serde_json::from_slice(
            &std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}\n{err}", p.display())),
        )
        .unwrap_or_else(|e| panic!("{}: {e}\n{err}", p.display()));
        j["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect()
    };
    let name = sh.name();
    let hook = "hook-not-installed".to_string();
    assert!(
        !ids(&d1).contains(&hook),
        "{name}: hook in place: {:?}\n{err}",
        ids(&d1)
    );
    assert!(
        ids(&d2).contains(&hook),
        "{name}: hook removed: {:?}\n{err}",
        ids(&d2)
    );
    assert!(
        !ids(&d3).contains(&hook),
        "{name}: the executable alone can't tell: {:?}",
        ids(&d3)
    );
}

#[test]
fn bash_doctor_through_the_function_sees_the_hooks() {
    doctor_sees_the_hooks(Sh::Bash);
}

#[test]
fn zsh_doctor_through_the_function_sees_the_hooks() {
    doctor_sees_the_hooks(Sh::Zsh);
}

#[test]
fn fish_doctor_through_the_function_sees_the_hooks() {
    doctor_sees_the_hooks(Sh::Fish);
}
