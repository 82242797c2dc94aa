//! The doctor driven end to end from real `Facts` (probe::probe on a
//! sandbox: temporary HOME, fake toolchain trees, a `go env -w` file, a
//! project), as main will run it. No `go` is executed.

use goenv_hook::checks::{Options, Severity};
use goenv_hook::probe;
use goenv_hook::probe::system as extra;
use goenv_hook::report::doctor::{self, DoctorOptions};
use goenv_hook::sys::env::EnvSnapshot;
use goenv_hook::sys::platform::Platform;
use std::path::{Path, PathBuf};

fn write(p: &Path, text: &str) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn toolchain(root: &Path, version: &str) {
    std::fs::create_dir_all(root.join("pkg/tool/linux_amd64")).unwrap();
    let go = root.join("bin/go");
    write(&go, "#!/bin/sh\nexit 3\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&go, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    write(
        &root.join("VERSION"),
        &format!("go{version}\ntime 2024-07-31T19:43:06Z\n"),
    );
    write(
        &root.join("go.env"),
        "GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n",
    );
}

struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let s = Sandbox {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir_all(s.home()).unwrap();
        std::fs::create_dir_all(s.p("proc")).unwrap();
        std::fs::create_dir_all(s.p("sys/etc")).unwrap();
        s
    }
    fn p(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }
    fn s(&self, rel: &str) -> String {
        self.p(rel).to_string_lossy().into_owned()
    }
    fn home(&self) -> PathBuf {
        self.p("home")
    }
    fn run(&self, vars: &[(&str, &str)], cwd: &Path, opts: &DoctorOptions) -> doctor::Outcome {
        let home = self.home().to_string_lossy().into_owned();
        let xdg = self.home().join(".config").to_string_lossy().into_owned();
        let mut pairs = vec![
            ("HOME", home.as_str()),
            ("XDG_CONFIG_HOME", xdg.as_str()),
            ("SHELL", "/bin/bash"),
        ];
        pairs.extend_from_slice(vars);
        let env = EnvSnapshot::from_pairs(&pairs, &cwd.to_string_lossy(), Platform::UNIX);
        let cfg = probe::config::load(&env).expect("config");
        let roots = extra::Roots {
            proc: self.p("proc"),
            sys: self.p("sys"),
        };
        let full = probe::full::Options {
            roots,
            ..Default::default()
        };
        let facts = probe::probe_full(env, &cfg, &full);
        let plan = goenv_hook::plan::plan(&facts, &cfg);
        let s = goenv_hook::plan::Session {
            config: cfg,
            facts,
            plan,
        };
        doctor::run(&s, opts).expect("ignore lists")
    }
}

fn ids(o: &doctor::Outcome) -> Vec<&'static str> {
    o.findings.iter().map(|f| f.id).collect()
}

#[test]
fn a_broken_environment_end_to_end() {
    let s = Sandbox::new();
    toolchain(&s.p("opt/go-1.22"), "1.22.12");
    toolchain(&s.p("opt/go-1.21"), "1.21.13");
    write(
        &s.home().join(".config/go/env"),
        &format!("GOFLAGS=-mod=mod\r\nGOROOT={}\n", s.s("opt/go-1.21")),
    );
    write(&s.p("proj/go.mod"), "module example.com/p\n\ngo 1.30.0\n");
    write(
        &s.home().join(".config/goenv-hook/config.toml"),
        "[doctor]\nignore = [\"path-duplicates\"]\n",
    );
    let path = format!(
        "{}:{}::rel:{}",
        s.s("opt/go-1.22/bin"),
        s.s("opt/go-1.21/bin"),
        s.s("opt/go-1.22/bin")
    );
    let o = s.run(
        &[("PATH", &path), ("GOTOOLCHAIN", "local")],
        &s.p("proj"),
        &DoctorOptions::default(),
    );
    let got = ids(&o);
    for want in [
        "goroot-mismatch",
        "goroot-in-goenv-file",
        "goenv-file-malformed",
        "multiple-go-on-path",
        "path-empty-entry",
        "path-relative-entry",
        "version-vs-gomod",
        "project-toolchain-not-installed",
        "init-not-in-startup",
        "gobin-not-on-path",
    ] {
        assert!(got.contains(&want), "missing {want} in {got:?}");
    }
    assert!(
        !got.contains(&"path-duplicates"),
        "ignored by config: {got:?}"
    );
    assert_eq!(o.exit_code, 1, "env errors come before project errors");
    let m = o
        .findings
        .iter()
        .find(|f| f.id == "goroot-mismatch")
        .unwrap();
    assert!(
        m.message.contains("go1.21.13") && m.message.contains("go1.22.12"),
        "{}",
        m.message
    );
    let crlf = o
        .findings
        .iter()
        .find(|f| f.id == "goenv-file-malformed")
        .unwrap();
    assert_eq!(crlf.severity, Severity::Error);
    // errors first
    let sev: Vec<Severity> = o.findings.iter().map(|f| f.severity).collect();
    let mut sorted = sev.clone();
    sorted.sort();
    assert_eq!(sev, sorted);
    // --ignore on top, JSON parses
    let o2 = s.run(
        &[("PATH", &path), ("GOTOOLCHAIN", "local")],
        &s.p("proj"),
        &DoctorOptions {
            ignore: vec!["goroot-mismatch".into(), "goenv-file-malformed".into()],
            ..Default::default()
        },
    );
    assert!(!ids(&o2).contains(&"goroot-mismatch"));
    let j: serde_json::Value = serde_json::from_str(&doctor::render_json(&o2)).unwrap();
    assert_eq!(j["version"], 1);
    assert_eq!(j["exit_code"], o2.exit_code);
}

#[test]
fn no_go_anywhere_is_exit_2() {
    let s = Sandbox::new();
    std::fs::create_dir_all(s.p("bin")).unwrap();
    write(
        &s.home().join(".bashrc"),
        "eval \"$(goenv-hook init bash)\"\n",
    );
    write(&s.home().join(".bash_profile"), ". ~/.bashrc\n");
    let o = s.run(
        &[("PATH", &s.s("bin"))],
        &s.home(),
        &DoctorOptions::default(),
    );
    assert_eq!(ids(&o).first(), Some(&"go-not-found"), "{:?}", ids(&o));
    assert_eq!(o.exit_code, 2);
    assert!(
        !ids(&o).iter().any(|i| i.starts_with("init-")),
        "{:?}",
        ids(&o)
    );
}

#[test]
fn a_healthy_environment_has_no_errors() {
    let s = Sandbox::new();
    toolchain(&s.p("opt/go"), "1.23.5");
    write(
        &s.home().join(".bashrc"),
        "eval \"$(goenv-hook init bash)\"\n",
    );
    write(
        &s.home().join(".bash_profile"),
        "[ -f ~/.bashrc ] && . ~/.bashrc\n",
    );
    write(&s.p("proj/go.mod"), "module example.com/p\n\ngo 1.22\n");
    std::fs::create_dir_all(s.home().join("go/bin")).unwrap();
    let path = format!(
        "{}:{}",
        s.s("opt/go/bin"),
        s.home().join("go/bin").display()
    );
    let o = s.run(&[("PATH", &path)], &s.p("proj"), &DoctorOptions::default());
    assert!(o.findings.is_empty(), "{:#?}", o.findings);
    assert_eq!(o.exit_code, 0);
    // (after the start-up files section, which doctor::run adds)
    assert!(
        doctor::render_text(&o, false).ends_with("\n✓ no problems found\n"),
        "{}",
        doctor::render_text(&o, false)
    );
    // strict with nothing: still 0
    let o = s.run(
        &[("PATH", &path)],
        &s.p("proj"),
        &DoctorOptions {
            strict: true,
            checks: Options::default(),
            ..Default::default()
        },
    );
    assert_eq!(o.exit_code, 0);
}
