//! The outputs of `prompt`, `which`, `toolchains` and `doctor` from the real
//! binary, in a sandbox (temporary HOME, cleared environment) with the real
//! Debian toolchains: per-shell escaping of the prompt, templates and
//! config, JSON shapes, symlink chains; and that none of these commands ever
//! starts `go` (strace).

mod common;

use common::{exe, go_root, require, Sandbox};
use std::path::{Path, PathBuf};
use std::process::Output;

/// `go1.22.12` for `go_root("1.22")`, from the install's VERSION file.
fn version_of(minor: &str) -> String {
    let v = std::fs::read_to_string(go_root(minor).join("VERSION")).unwrap();
    v.lines().next().unwrap().trim().to_string()
}

fn bin(minor: &str) -> String {
    go_root(minor).join("bin").to_string_lossy().into_owned()
}

struct Case {
    sb: Sandbox,
    path: String,
    cwd: PathBuf,
}

impl Case {
    /// A sandbox whose PATH starts with `first` (a toolchain's bin, or
    /// another directory), then the system directories.
    fn new(first: &str) -> Case {
        let sb = Sandbox::new();
        std::fs::create_dir_all(sb.home().join("go/bin")).unwrap();
        let path = format!(
            "{first}:{}:/usr/bin:/bin",
            sb.home().join("go/bin").display()
        );
        let cwd = sb.home();
        Case { sb, path, cwd }
    }

    /// A project directory with a go.mod, made the working directory.
    fn project(&mut self, gomod: &str) -> PathBuf {
        let p = self.sb.home().join("proj");
        std::fs::create_dir_all(&p).unwrap();
        std::fs::write(p.join("go.mod"), gomod).unwrap();
        self.cwd = p.clone();
        p
    }

    fn config(&self, toml: &str) {
        let d = self.sb.home().join(".config/goenv-hook");
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("config.toml"), toml).unwrap();
    }

    fn run(&self, args: &[&str]) -> Output {
        let o = self
            .sb
            .command(exe(), &self.path)
            .current_dir(&self.cwd)
            .args(args)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "goenv-hook {args:?}: {}\n{}",
            o.status,
            String::from_utf8_lossy(&o.stderr)
        );
        o
    }

    fn out(&self, args: &[&str]) -> String {
        String::from_utf8(self.run(args).stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        let o = self.run(args);
        serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: {e}\n{}", String::from_utf8_lossy(&o.stdout)))
    }
}

const GOMOD_122: &str = "module example.com/p\n\ngo 1.22.0\n";
const GOMOD_199: &str = "module example.com/p\n\ngo 1.99.0\n";

// ---------------------------------------------------------------- prompt

#[test]
fn prompt_plain_is_the_default() {
    let mut c = Case::new(&bin("1.22"));
    c.project(GOMOD_122);
    let v = version_of("1.22");
    assert_eq!(c.out(&["prompt"]), format!("{v}\n"));
    assert_eq!(c.out(&["prompt", "--shell", "plain"]), format!("{v}\n"));
}

#[test]
fn prompt_bash_wraps_escapes_in_001_002() {
    let mut c = Case::new(&bin("1.22"));
    c.project(GOMOD_122);
    let v = version_of("1.22");
    assert_eq!(
        c.out(&["prompt", "--shell", "bash"]),
        format!("\x01\x1b[36m\x02{v}\x01\x1b[0m\x02\n")
    );
    // Something wrong: yellow, still wrapped.
    c.project(GOMOD_199);
    assert_eq!(
        c.out(&["prompt", "--shell", "bash"]),
        format!("\x01\x1b[33m\x02⚠ {v} (go.mod wants 1.99.0)\x01\x1b[0m\x02\n")
    );
}

#[test]
fn prompt_zsh_wraps_escapes_in_percent_braces_and_doubles_percent() {
    let mut c = Case::new(&bin("1.22"));
    c.project(GOMOD_122);
    let v = version_of("1.22");
    assert_eq!(
        c.out(&["prompt", "--shell", "zsh"]),
        format!("%{{\x1b[36m%}}{v}%{{\x1b[0m%}}\n")
    );
    assert_eq!(
        c.out(&["prompt", "--shell", "zsh", "--format", "{go} 100%"]),
        format!("%{{\x1b[36m%}}{v} 100%%%{{\x1b[0m%}}\n")
    );
    // Other shells get plain ANSI, and no doubling.
    for sh in ["fish", "pwsh", "nu"] {
        assert_eq!(
            c.out(&["prompt", "--shell", sh, "--format", "{go} 100%"]),
            format!("\x1b[36m{v} 100%\x1b[0m\n"),
            "{sh}"
        );
    }
}

#[test]
fn prompt_json_fields() {
    let mut c = Case::new(&bin("1.22"));
    c.project(GOMOD_122);
    let v = version_of("1.22");
    let j = c.json(&["prompt", "--json"]);
    assert_eq!(j["version"], v.trim_start_matches("go"));
    assert_eq!(j["rule"], "go-mod");
    assert_eq!(j["wanted"], "1.22.0");
    assert_eq!(j["in_project"], true);
    assert_eq!(j["problems"], serde_json::json!([]));
    assert_eq!(j["text"], v);
    let keys: Vec<&String> = j.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "in_project",
            "pinned",
            "problems",
            "rule",
            "text",
            "version",
            "wanted"
        ]
    );

    c.project(GOMOD_199);
    let j = c.json(&["prompt", "--json"]);
    assert_eq!(j["wanted"], "1.99.0");
    assert_eq!(
        j["problems"],
        serde_json::json!([{"id": "project-toolchain-not-installed", "short": "go.mod wants 1.99.0"}])
    );
    assert_eq!(j["text"], format!("⚠ {v} (go.mod wants 1.99.0)"));

    // Outside a project: nothing shown, the parts still there.
    let c = Case::new(&bin("1.22"));
    let j = c.json(&["prompt", "--json"]);
    assert_eq!(j["in_project"], false);
    assert_eq!(j["rule"], "default");
    assert_eq!(j["wanted"], serde_json::Value::Null);
    assert_eq!(j["text"], "");
    assert_eq!(j["version"], v.trim_start_matches("go"));
    assert_eq!(j["pinned"], false);

    // A shell pinned with `use` shows the segment everywhere, marked.
    let o =
        c.sb.command(exe(), &c.path)
            .current_dir(&c.cwd)
            .env("GOENV_HOOK_GO", "1.22")
            .args(["prompt", "--json"])
            .output()
            .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["rule"], "override", "{j}");
    assert_eq!(j["pinned"], true, "{j}");
    assert_eq!(j["text"], format!("{v} (pinned)"), "{j}");
}

#[test]
fn prompt_format_placeholders_and_literal_braces() {
    let mut c = Case::new(&bin("1.22"));
    c.project(GOMOD_199);
    let v = version_of("1.22");
    let n = v.trim_start_matches("go");
    assert_eq!(
        c.out(&[
            "prompt",
            "--format",
            "{{{version}}} {go} rule={rule} want={wanted} [{icon}{problems}] {unknown} }}"
        ]),
        // Nothing installed meets go 1.99.0: the default rule chose the toolchain.
        format!("{{{n}}} {v} rule=default want=1.99.0 [⚠  (go.mod wants 1.99.0)] {{unknown}} }}\n")
    );
    c.project(GOMOD_122);
    assert_eq!(
        c.out(&["prompt", "--format", "[{icon}{problems}] {rule} {wanted}"]),
        "[] go-mod 1.22.0\n"
    );
}

#[test]
fn prompt_config_format_and_always() {
    let mut c = Case::new(&bin("1.22"));
    let v = version_of("1.22");
    // Outside a project: nothing by default.
    assert_eq!(c.out(&["prompt"]), "");
    c.config("[prompt]\nalways = true\n");
    assert_eq!(c.out(&["prompt"]), format!("{v}\n"));
    c.config("[prompt]\nalways = true\nformat = \"<{go}|{rule}>\"\n");
    assert_eq!(c.out(&["prompt"]), format!("<{v}|default>\n"));
    // --format wins over the config.
    assert_eq!(
        c.out(&["prompt", "--format", "{version}"]),
        format!("{}\n", v.trim_start_matches("go"))
    );
    // The config format in a project, without always.
    c.config("[prompt]\nformat = \"go:{version}\"\n");
    assert_eq!(c.out(&["prompt"]), "");
    c.project(GOMOD_122);
    assert_eq!(
        c.out(&["prompt"]),
        format!("go:{}\n", v.trim_start_matches("go"))
    );
}

// ---------------------------------------------------------------- which

/// `<sandbox>/usr/bin/go -> <sandbox>/etc/alternatives/go ->
/// /usr/lib/go-1.23/bin/go`, like a distribution's alternatives.
fn alternatives_link(sb: &Sandbox) -> (PathBuf, PathBuf) {
    let ub = sb.path().join("usr/bin");
    let alt = sb.path().join("etc/alternatives");
    std::fs::create_dir_all(&ub).unwrap();
    std::fs::create_dir_all(&alt).unwrap();
    std::os::unix::fs::symlink(go_root("1.23").join("bin/go"), alt.join("go")).unwrap();
    std::os::unix::fs::symlink(alt.join("go"), ub.join("go")).unwrap();
    (ub, alt)
}

#[test]
fn which_text_shows_the_symlink_chain_and_what_runs() {
    let sb = Sandbox::new();
    let (ub, alt) = alternatives_link(&sb);
    let c = Case {
        path: format!("{}:{}:/usr/bin:/bin", ub.display(), bin("1.21")),
        cwd: sb.home(),
        sb,
    };
    let t = c.out(&["which"]);
    let lines: Vec<&str> = t.lines().collect();
    let at = |s: &str| {
        lines
            .iter()
            .position(|l| *l == s)
            .unwrap_or_else(|| panic!("no line {s:?} in:\n{t}"))
    };
    let first = at(&format!("* 1. {}  <- runs", ub.join("go").display()));
    assert_eq!(
        lines[first + 1],
        format!("       -> {}", alt.join("go").display()),
        "{t}"
    );
    assert_eq!(
        lines[first + 2],
        format!("       -> {}", go_root("1.23").join("bin/go").display()),
        "{t}"
    );
    assert_eq!(
        lines[first + 3],
        format!("     root     {}", go_root("1.23").display()),
        "{t}"
    );
    assert!(
        lines[first + 4].starts_with(&format!("     version  {}", version_of("1.23"))),
        "{t}"
    );
    assert_eq!(lines[first + 5], "     source   debian", "{t}");
    let second = at(&format!("  2. {}/go  (shadowed)", bin("1.21")));
    assert!(second > first, "{t}");
    // Only one hit is marked as running.
    assert_eq!(t.matches("<- runs").count(), 1, "{t}");
    assert!(
        t.contains(&format!("goenv-hook selects {}", version_of("1.23"))),
        "{t}"
    );
    assert!(t.contains("because: default"), "{t}");
}

#[test]
fn which_json_parses_and_lists_hits_in_path_order() {
    let sb = Sandbox::new();
    let (ub, alt) = alternatives_link(&sb);
    let mut c = Case {
        path: format!("{}:{}:/usr/bin:/bin", ub.display(), bin("1.21")),
        cwd: sb.home(),
        sb,
    };
    let proj = c.project(GOMOD_122);
    let j = c.json(&["which", "--json"]);
    let hits = j["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2, "{j:#}");
    let s = |p: &Path| p.to_string_lossy().into_owned();
    assert_eq!(hits[0]["path_index"], 0);
    assert_eq!(hits[0]["dir"], s(&ub));
    assert_eq!(hits[0]["path"], s(&ub.join("go")));
    assert_eq!(
        hits[0]["chain"],
        serde_json::json!([
            s(&ub.join("go")),
            s(&alt.join("go")),
            s(&go_root("1.23").join("bin/go"))
        ])
    );
    assert_eq!(hits[0]["resolved"], s(&go_root("1.23").join("bin/go")));
    assert_eq!(hits[0]["toolchain"]["root"], s(&go_root("1.23")));
    assert_eq!(
        hits[0]["toolchain"]["version"],
        version_of("1.23").trim_start_matches("go")
    );
    assert_eq!(hits[0]["toolchain"]["source"], "debian");
    assert_eq!(hits[0]["shim"], serde_json::Value::Null);
    assert_eq!(hits[0]["problem"], serde_json::Value::Null);
    assert_eq!(hits[1]["path_index"], 1);
    assert_eq!(
        hits[1]["toolchain"]["version"],
        version_of("1.21").trim_start_matches("go")
    );
    assert_eq!(j["active"], 0);
    // go 1.22.0: goenv-hook selects the installed go1.22.
    assert_eq!(j["selected"]["root"], s(&go_root("1.22")));
    assert_eq!(
        j["selected"]["version"],
        version_of("1.22").trim_start_matches("go")
    );
    assert_eq!(j["rule"], "go-mod");
    assert_eq!(j["request"]["rule"], "go-mod");
    assert_eq!(
        j["request"]["want"],
        serde_json::json!({"kind": "version", "value": "1.22.0"})
    );
    assert_eq!(j["request"]["file"], s(&proj.join("go.mod")));
    assert_eq!(j["request"]["line"], 3);
    assert_eq!(j["request"]["exact"], false);
    assert_eq!(j["unsatisfied"], false);
    assert_eq!(j["skipped"], serde_json::Value::Null);
}

#[test]
fn toolchains_json_lists_the_debian_toolchains_with_versions() {
    let c = Case::new(&bin("1.21"));
    let j = c.json(&["toolchains", "--json"]);
    let list = j.as_array().unwrap();
    for minor in ["1.19", "1.21", "1.22", "1.23"] {
        let root = go_root(minor).to_string_lossy().into_owned();
        let e = list
            .iter()
            .find(|e| e["toolchain"]["root"] == root)
            .unwrap_or_else(|| panic!("{root} not listed: {j:#}"));
        assert_eq!(
            e["toolchain"]["version"],
            version_of(minor).trim_start_matches("go"),
            "{e:#}"
        );
        assert_eq!(e["toolchain"]["source"], "debian");
        assert_eq!(
            e["toolchain"]["go_bin"],
            go_root(minor).join("bin/go").to_string_lossy().as_ref()
        );
        // go1.21 runs (first on PATH) and, with no project, is selected.
        let runs = minor == "1.21";
        assert_eq!(e["active"], runs, "{e:#}");
        assert_eq!(e["selected"], runs, "{e:#}");
    }
    // The text lists the same, newest first, go1.21 marked.
    let t = c.out(&["toolchains"]);
    let vs: Vec<String> = ["1.23", "1.22", "1.21", "1.19"]
        .iter()
        .map(|m| version_of(m))
        .collect();
    let pos: Vec<usize> = vs
        .iter()
        .map(|v| {
            t.find(&format!("{v} "))
                .unwrap_or_else(|| panic!("{v}:\n{t}"))
        })
        .collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{t}");
    assert!(
        t.lines().any(|l| l.starts_with(&format!("* {}", vs[2]))
            && l.ends_with(&bin("1.21")[..bin("1.21").len() - 4])),
        "{t}"
    );
}

// ---------------------------------------------------------------- doctor

#[test]
fn doctor_reports_a_garbage_go_version_file() {
    let c = {
        let mut c = Case::new(&bin("1.22"));
        let p = c.project(GOMOD_122);
        std::fs::write(p.join(".go-version"), "definitely not a version\n").unwrap();
        c
    };
    let o =
        c.sb.command(exe(), &c.path)
            .current_dir(&c.cwd)
            .args(["doctor", "--json"])
            .output()
            .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "go-version-file-invalid")
        .unwrap_or_else(|| panic!("no go-version-file-invalid in {j:#}"))
        .clone();
    assert_eq!(f["severity"], "warn");
    assert_eq!(f["class"], "project");
    let gv = c.cwd.join(".go-version").to_string_lossy().into_owned();
    assert!(f["message"].as_str().unwrap().contains(&gv), "{f:#}");
    assert!(
        f["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "file" && e["path"] == gv),
        "{f:#}"
    );
    // Text mode too, and the prompt flags it.
    let t =
        c.sb.command(exe(), &c.path)
            .current_dir(&c.cwd)
            .arg("doctor")
            .output()
            .unwrap();
    assert!(String::from_utf8_lossy(&t.stdout).contains("go-version-file-invalid"));
    let j = c.json(&["prompt", "--json"]);
    assert!(
        j["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == "go-version-file-invalid"),
        "{j:#}"
    );
}

// ---------------------------------------------------------------- no go

/// Runs `goenv-hook args` under `strace -f -e trace=execve` and returns the
/// programs every execve started.
fn execs(c: &Case, args: &[&str]) -> Vec<String> {
    let log = c.sb.path().join(format!("strace-{}.log", args.join("-")));
    let st =
        c.sb.command(require("strace"), &c.path)
            .current_dir(&c.cwd)
            .args(["-f", "-qq", "-e", "trace=execve", "-o"])
            .arg(&log)
            .arg(exe())
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
    // doctor exits non-zero when it finds errors; that is not what is tested.
    assert!(st.code().is_some(), "{args:?}: {st}");
    let text = std::fs::read_to_string(&log).unwrap();
    text.lines()
        .filter(|l| l.contains("execve("))
        .map(|l| {
            let a = l.find("execve(\"").expect("execve line") + "execve(\"".len();
            let e = l[a..].find('"').unwrap();
            l[a..a + e].to_string()
        })
        .collect()
}

#[test]
fn doctor_prompt_which_toolchains_never_exec_go() {
    // Several go on PATH (one through links), a project asking for another
    // version, a GOROOT that disagrees: every code path that looks at
    // toolchains runs.
    let sb = Sandbox::new();
    let (ub, _) = alternatives_link(&sb);
    let mut c = Case {
        path: format!("{}:{}:/usr/bin:/bin", ub.display(), bin("1.21")),
        cwd: sb.home(),
        sb,
    };
    c.project(GOMOD_122);
    let me = exe().to_string_lossy().into_owned();
    for args in [
        &["doctor"][..],
        &["doctor", "--json", "--shell", "zsh"],
        &["prompt"],
        &["prompt", "--json"],
        &["which"],
        &["which", "--json"],
        &["toolchains"],
        &["toolchains", "--json"],
    ] {
        let ex = execs(&c, args);
        assert_eq!(
            ex,
            std::slice::from_ref(&me),
            "{args:?} started other programs: {ex:?}"
        );
    }
    // With a stale GOROOT too.
    let ex = {
        let log = c.sb.path().join("strace-goroot.log");
        let st =
            c.sb.command(require("strace"), &c.path)
                .current_dir(&c.cwd)
                .env("GOROOT", go_root("1.19"))
                .args(["-f", "-qq", "-e", "trace=execve", "-o"])
                .arg(&log)
                .arg(exe())
                .arg("doctor")
                .stdout(std::process::Stdio::null())
                .status()
                .unwrap();
        assert_eq!(st.code(), Some(1), "goroot-mismatch is an env error");
        std::fs::read_to_string(&log)
            .unwrap()
            .lines()
            .filter(|l| l.contains("execve("))
            .count()
    };
    assert_eq!(ex, 1);
}

#[test]
fn prompt_goroot_flag_is_labelled_with_doctors_id() {
    let mut c = Case::new(&bin("1.22"));
    c.project(GOMOD_122);
    let v = version_of("1.22");
    let flagged = |goroot: &Path| -> (Vec<String>, String) {
        let o =
            c.sb.command(exe(), &c.path)
                .current_dir(&c.cwd)
                .env("GOROOT", goroot)
                .args(["prompt", "--json"])
                .output()
                .unwrap();
        let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let ids = j["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect();
        (ids, j["text"].as_str().unwrap().to_string())
    };
    // Another real toolchain: goroot-mismatch.
    let (ids, text) = flagged(&go_root("1.21"));
    assert_eq!(ids, ["goroot-mismatch"]);
    assert_eq!(text, format!("⚠ {v} (GOROOT≠go)"));
    // A directory that does not exist, or is no toolchain: goroot-invalid,
    // as doctor says.
    let (ids, text) = flagged(&c.sb.path().join("no-such-go"));
    assert_eq!(ids, ["goroot-invalid"]);
    assert_eq!(text, format!("⚠ {v} (GOROOT≠go)"));
    let (ids, _) = flagged(&c.sb.home());
    assert_eq!(ids, ["goroot-invalid"]);
    let o =
        c.sb.command(exe(), &c.path)
            .current_dir(&c.cwd)
            .env("GOROOT", c.sb.path().join("no-such-go"))
            .args(["doctor", "--json"])
            .output()
            .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        j["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "goroot-invalid"),
        "{j:#}"
    );
    // The active root itself is not flagged.
    let (ids, _) = flagged(&go_root("1.22"));
    assert!(ids.is_empty(), "{ids:?}");
}

// ---------------------------------------------------------------- stdout

/// Runs `goenv-hook args` with stdout a pipe whose reading end is already
/// closed (what `goenv-hook doctor | head -0` comes to): every write fails
/// with EPIPE. Returns (exit code, stderr).
fn with_closed_stdout(c: &Case, args: &[&str]) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o =
        c.sb.command(exe(), &c.path)
            .current_dir(&c.cwd)
            .args(args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn a_closed_stdout_is_not_a_panic() {
    let mut c = Case::new(&bin("1.22"));
    c.project(GOMOD_122);
    c.config("[prompt]\nalways = true\n");
    for args in [
        &["prompt"][..],
        &["prompt", "--json"],
        &["prompt", "--shell", "zsh"],
        &["doctor"],
        &["doctor", "--json"],
        &["which"],
        &["which", "--json"],
        &["toolchains"],
        &["toolchains", "--json"],
        &["config", "path"],
        &["config", "check"],
        &["env", "bash"],
        &["env", "dotenv"],
        &["init", "bash"],
        &["completions", "bash"],
    ] {
        let (code, err) = with_closed_stdout(&c, args);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(code, Some(101), "{args:?}: {err}");
        assert!(code.is_some(), "{args:?} killed by a signal");
        if args[0] != "doctor" {
            assert_eq!(code, Some(0), "{args:?}: {err}");
        }
    }
}

#[test]
fn env_file_warning_names_the_request_in_words() {
    let mut c = Case::new(&bin("1.22"));
    let p = c.project(GOMOD_199);
    let o =
        c.sb.command(exe(), &c.path)
            .current_dir(&c.cwd)
            .args(["env", "dotenv"])
            .output()
            .unwrap();
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        err.trim_end(),
        format!(
            "goenv-hook: warning: go.mod ({}) asks for go1.99.0, which is not installed; writing the default toolchain",
            p.join("go.mod").display()
        )
    );
}

#[test]
fn which_json_carries_a_non_utf8_path_lossily() {
    // A PATH entry that is not UTF-8, holding a go: the JSON names it, with
    // U+FFFD for the bad byte (as the text output does).
    use std::os::unix::ffi::OsStrExt;
    let sb = Sandbox::new();
    let odd = sb.path().join(std::ffi::OsStr::from_bytes(b"bin-\xff"));
    std::fs::create_dir_all(&odd).unwrap();
    std::os::unix::fs::symlink(go_root("1.22").join("bin/go"), odd.join("go")).unwrap();
    let mut path = odd.into_os_string();
    path.push(":/usr/bin:/bin");
    for args in [&["which", "--json"][..], &["toolchains", "--json"]] {
        let o = sb
            .command(exe(), "")
            .env("PATH", &path)
            .args(args)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let j: serde_json::Value = serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&o.stdout)));
        if args[0] == "which" {
            let dir = j["hits"][0]["dir"].as_str().unwrap();
            assert!(dir.ends_with("bin-\u{FFFD}"), "{dir}");
        }
    }
}

#[test]
fn a_closed_stderr_is_not_a_panic() {
    // Error messages to a pipe whose reader is gone: the exit code is the
    // documented one, not an abort.
    let c = Case::new(&bin("1.22"));
    for (args, code) in [
        (&["env", "bogus"][..], 64),
        (&["use", "not-a-version", "bash"], 64),
        (&["use", "1.99", "bash"], 1),
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let o =
            c.sb.command(exe(), &c.path)
                .current_dir(&c.cwd)
                .args(args)
                .stderr(writer)
                .output()
                .unwrap();
        assert_eq!(o.status.code(), Some(code), "{args:?}");
    }
}

#[test]
fn which_shows_every_hop_of_debians_relative_links() {
    // Debian's golang-go: /usr/bin/go -> ../lib/go/bin/go, /usr/lib/go -> go-1.23
    // (a directory link): three hops, each spelled without `..`.
    let sb = Sandbox::new();
    let usr = sb.path().join("usr");
    std::fs::create_dir_all(usr.join("bin")).unwrap();
    std::fs::create_dir_all(usr.join("lib")).unwrap();
    std::os::unix::fs::symlink(go_root("1.23"), usr.join("lib/go")).unwrap();
    std::os::unix::fs::symlink("../lib/go/bin/go", usr.join("bin/go")).unwrap();
    let c = Case {
        path: format!("{}:/usr/bin:/bin", usr.join("bin").display()),
        cwd: sb.home(),
        sb,
    };
    let j = c.json(&["which", "--json"]);
    let usr = std::fs::canonicalize(&usr).unwrap();
    let s = |p: &Path| p.to_string_lossy().into_owned();
    assert_eq!(
        j["hits"][0]["chain"],
        serde_json::json!([
            s(&c.sb.path().join("usr/bin/go")),
            s(&usr.join("lib/go/bin/go")),
            s(&go_root("1.23").join("bin/go"))
        ])
    );
    let text = c.out(&["which"]);
    assert!(!text.contains("/../"), "{text}");
    assert!(
        text.contains(&format!("-> {}", s(&usr.join("lib/go/bin/go")))),
        "{text}"
    );
}

/// `goenv-hook config check`'s exit code and stderr, with this config text
/// (None: no file) and extra variables.
fn config_check(toml: Option<&str>, vars: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let c = Case::new(&bin("1.22"));
    if let Some(t) = toml {
        c.config(t);
    }
    let o =
        c.sb.command(exe(), &c.path)
            .current_dir(&c.cwd)
            .envs(vars.iter().copied())
            .args(["config", "check"])
            .output()
            .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// `config check` refuses what init or doctor would refuse (issue 15), with
/// file, line and column: an unknown check id in `[doctor] ignore` (the
/// valid ids listed a few to a line), a NUL in an `[env]` value (no shell
/// can set it), an `[env] GOROOT` that is no toolchain; and a
/// `GOENV_HOOK_CONFIG` that names a missing file.
#[test]
fn config_check_refuses_what_init_and_doctor_would() {
    let (code, out, err) = config_check(
        Some("[doctor]\nignore = [\"path-duplicates\", \"pth-duplicates\"]\n"),
        &[],
    );
    assert_eq!(code, Some(78), "{out}{err}");
    let first = err.lines().next().unwrap();
    assert!(
        first.ends_with("/.config/goenv-hook/config.toml:2:30: unknown check id \"pth-duplicates\" in doctor.ignore"),
        "{err}"
    );
    assert!(
        err.contains("\n  expected: one of the check ids:\n    go-not-found goroot-invalid"),
        "{err}"
    );
    assert!(
        err.lines()
            .skip(2)
            .all(|l| l.len() <= 80 && l.starts_with("    ")),
        "{err}"
    );
    assert!(err.contains(" path-duplicates "), "{err}");

    let (code, _, err) = config_check(Some("[env]\nGOFLAGS = \"-x\\u0000y\"\n"), &[]);
    assert_eq!(code, Some(78), "{err}");
    assert!(
        err.contains("config.toml:2:11: env.GOFLAGS contains a NUL character"),
        "{err}"
    );

    let (code, _, err) = config_check(Some("[env]\nGOROOT = \"/nonexistent/go\"\n"), &[]);
    assert_eq!(code, Some(78), "{err}");
    assert!(
        err.contains(
            "config.toml:2:10: GOROOT \"/nonexistent/go\" is not a Go toolchain directory"
        ),
        "{err}"
    );
    let root = go_root("1.22");
    let (code, out, err) = config_check(
        Some(&format!("[env]\nGOROOT = \"{}\"\n", root.display())),
        &[],
    );
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.ends_with("config.toml: ok\n"), "{out}");

    let (code, out, err) = config_check(None, &[("GOENV_HOOK_CONFIG", "/nonexistent/goenv.toml")]);
    assert_eq!(code, Some(78), "{out}{err}");
    assert!(
        err.starts_with(
            "goenv-hook: /nonexistent/goenv.toml: no such file (named by GOENV_HOOK_CONFIG)"
        ),
        "{err}"
    );
    let (code, out, _) = config_check(None, &[]);
    assert_eq!(
        (code, out.as_str()),
        (Some(0), "no config file: defaults in use\n")
    );
}

/// doctor with a config file it can't use still runs (with the defaults),
/// reports `config-invalid` with file, line and column and the other
/// findings, and exits 78 (issue 15): the hook's one-line warning tells the
/// user to run it. The same for a `GOENV_HOOK_CONFIG` naming a missing file.
#[test]
fn doctor_runs_on_with_a_broken_config_and_reports_it() {
    let c = Case::new(&bin("1.22"));
    c.config("toolchain = \"1.22\"\n[env\n");
    let run = |vars: &[(&str, &str)]| {
        let o =
            c.sb.command(exe(), &c.path)
                .current_dir(&c.cwd)
                .envs(vars.iter().copied())
                .args(["doctor", "--json"])
                .output()
                .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
        (o.status.code(), v)
    };
    let (code, v) = run(&[("GO111MODULE", "bogus")]);
    assert_eq!(code, Some(78), "{v}");
    assert_eq!(v["exit_code"], 78, "{v}");
    let findings = v["findings"].as_array().unwrap();
    let f = findings
        .iter()
        .find(|f| f["id"] == "config-invalid")
        .unwrap_or_else(|| panic!("{v}"));
    let msg = f["message"].as_str().unwrap();
    assert!(
        msg.contains("/.config/goenv-hook/config.toml, line 2, column "),
        "{msg}"
    );
    assert_eq!(f["evidence"][0]["line"], 2, "{v}");
    assert!(
        f["fix"]
            .as_str()
            .unwrap()
            .contains("goenv-hook config check"),
        "{f}"
    );
    assert!(
        findings.iter().any(|f| f["id"] == "go111module-invalid"),
        "the other checks ran: {v}"
    );

    let (code, v) = run(&[("GOENV_HOOK_CONFIG", "/nonexistent/goenv.toml")]);
    assert_eq!(code, Some(78), "{v}");
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "config-invalid")
        .unwrap_or_else(|| panic!("{v}"));
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("/nonexistent/goenv.toml"),
        "{f}"
    );
}

/// `--help` describes every `<SHELL>` argument, and `prompt --help`
/// recommends the variable (no process per prompt) as the README does.
#[test]
fn help_describes_shell_and_recommends_the_prompt_variable() {
    let sb = Sandbox::new();
    let help = |sub: &str| {
        let o = sb
            .command(exe(), common::SYSTEM_PATH)
            .args([sub, "--help"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{sub}");
        String::from_utf8(o.stdout).unwrap()
    };
    for sub in ["use", "deactivate", "hook", "init"] {
        let h = help(sub);
        let line = h
            .lines()
            .skip_while(|l| !l.starts_with("Arguments:"))
            .find(|l| l.trim_start().starts_with("<SHELL>"))
            .unwrap_or_else(|| panic!("{sub}: no <SHELL> argument\n{h}"));
        assert!(
            line.contains("bash, zsh, fish, posix, pwsh, cmd, nu"),
            "{sub}: {line}"
        );
    }
    let h = help("prompt");
    assert!(
        h.contains("PS1='${GOENV_HOOK_PROMPT:+($GOENV_HOOK_PROMPT) }'\"$PS1\""),
        "{h}"
    );
    assert!(!h.contains("$(goenv-hook prompt"), "{h}");
}

/// `doctor --deep` says on stderr what it runs, only on a terminal (under
/// `script`, a pty): a dim line rewritten at each step and erased at the
/// end; with NO_COLOR plain lines; with stderr a pipe nothing.
#[test]
fn doctor_deep_progress_only_on_a_terminal() {
    let c = Case::new(&bin("1.22"));
    let run_pty = |no_color: bool| -> String {
        let mut cmd = c.sb.command(common::require("script"), &c.path);
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let o = cmd
            .current_dir(&c.cwd)
            .args([
                "-qec",
                &format!("{} doctor --deep >/dev/null", common::q(&exe())),
                "/dev/null",
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let tty = run_pty(false);
    assert!(tty.contains("running go env -json"), "{tty:?}");
    assert!(tty.contains("running go build"), "{tty:?}");
    assert!(
        tty.contains("\x1b[2m") && tty.ends_with("\r\x1b[K"),
        "{tty:?}"
    );
    let plain = run_pty(true);
    assert!(plain.contains("running go env -json"), "{plain:?}");
    assert!(!plain.contains('\x1b'), "NO_COLOR: {plain:?}");
    let o =
        c.sb.command(exe(), &c.path)
            .current_dir(&c.cwd)
            .args(["doctor", "--deep"])
            .output()
            .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("running"), "not a terminal: {err:?}");
}
