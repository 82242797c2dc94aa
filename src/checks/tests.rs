use super::testutil::*;
use super::*;
use crate::facts::toolchain::{GoHit, Shim};
use crate::go::envfile::{Entry, GoEnvFile, Issue};

fn path_of(t: &Tree, bins: &[&str]) -> String {
    bins.iter().map(|b| t.s(b)).collect::<Vec<_>>().join(":")
}

#[test]
fn ids_and_catalogue_agree() {
    assert_eq!(IDS.len(), CHECKS.len());
    for (i, c) in IDS.iter().zip(CHECKS) {
        assert_eq!(*i, c.id);
        assert!(i
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
    }
    let mut sorted = IDS.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), IDS.len());
    assert!(!info("init-not-in-startup").unwrap().prompt);
    assert!(!info("modcache-on-nonlocking-fs").unwrap().prompt);
    assert!(!info("path-nonexistent").unwrap().prompt);
    assert!(info("version-vs-gomod").unwrap().prompt);
    assert_eq!(
        unknown_ids(&["go-not-found".into(), "nope".into()]),
        ["nope"]
    );
}

fn fnd(id: &'static str, sev: Severity) -> Finding {
    with_severity(finding(id, String::new(), String::new(), vec![]), sev)
}

#[test]
fn exit_code_precedence_and_strict() {
    assert_eq!(exit_code(&[], false), 0);
    assert_eq!(
        exit_code(&[fnd("path-duplicates", Severity::Info)], true),
        0
    );
    let env_err = fnd("gopath-relative", Severity::Error);
    let tc_err = fnd("go-not-found", Severity::Error);
    let pj_err = fnd("version-vs-gomod", Severity::Error);
    assert_eq!(exit_code(std::slice::from_ref(&pj_err), false), 3);
    assert_eq!(exit_code(&[pj_err.clone(), env_err.clone()], false), 1);
    assert_eq!(exit_code(&[pj_err, env_err, tc_err], false), 2);
    let w = fnd("path-empty-entry", Severity::Warn);
    assert_eq!(exit_code(std::slice::from_ref(&w), false), 0);
    assert_eq!(exit_code(std::slice::from_ref(&w), true), 1);
    let pw = fnd("project-toolchain-not-installed", Severity::Warn);
    assert_eq!(exit_code(&[pw], true), 3);
}

#[test]
fn go_not_found_names_best_install() {
    let t = Tree::new();
    let root = t.toolchain("sdk/go1.22.12", "1.22.12", true);
    let home = t.s("home");
    let mut f = facts(env(&[("PATH", "/nonexistent-dir"), ("HOME", &home)]));
    f.installs = vec![crate::probe::toolchain::inspect_root(&root, &f.env).unwrap()];
    let fs = all(&f);
    let g = get(&fs, "go-not-found");
    assert_eq!(g.severity, Severity::Error);
    assert!(g.message.contains("go1.22.12"), "{}", g.message);
    assert!(
        g.fix.contains(&format!("{}/bin", root.display())),
        "{}",
        g.fix
    );
    assert_eq!(exit_code(&fs, false), 2);
    // and with nothing installed
    f.installs.clear();
    let g = get(&all(&f), "go-not-found").clone();
    assert!(g.fix.contains("go.dev/dl"));
    // cheap too
    assert!(has(&run_with(&f, &Extra::default(), true), "go-not-found"));
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn goroot_invalid_cases() {
    let t = Tree::new();
    t.toolchain("go", "1.22.12", true);
    t.file("notgo/README", "x");
    let path = path_of(&t, &["go/bin"]);
    for (g, want) in [
        ("/nonexistent/goroot", "does not exist"),
        (&t.s("notgo")[..], "no pkg/tool"),
        ("relative/go", "not an absolute path"),
        ("~/go", "not an absolute path"),
    ] {
        let f = facts(env(&[("PATH", &path), ("HOME", "/h"), ("GOROOT", g)]));
        let fs = all(&f);
        let x = get(&fs, "goroot-invalid");
        assert!(x.message.contains(want), "{g}: {}", x.message);
        assert!(x.fix.contains("unset GOROOT"));
        assert_eq!(x.class, Class::Toolchain);
    }
    let f = facts(env(&[
        ("PATH", &path),
        ("HOME", "/h"),
        ("GOROOT", &t.s("go")),
    ]));
    assert!(!has(&all(&f), "goroot-invalid"));
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn orphaned_binary_copy() {
    let t = Tree::new();
    // a copied binary (not a script: a `#!` wrapper named go is no copy)
    let copy = t.exe("bin/go");
    std::fs::write(&copy, b"\x7fELF\x02\x01\x01 a copied go binary").unwrap();
    let root = t.toolchain("sdk/go", "1.23.5", true);
    let mut f = facts(env(&[("PATH", &t.s("bin")), ("HOME", &t.s("home"))]));
    f.installs = vec![crate::probe::toolchain::inspect_root(&root, &f.env).unwrap()];
    let fs = all(&f);
    let o = get(&fs, "go-binary-orphaned");
    assert!(o.message.contains(&t.s("bin/go")));
    assert!(o.fix.contains("ln -sf"), "{}", o.fix);
    // a symlink into a real tree is fine
    let t2 = Tree::new();
    t2.toolchain("go", "1.23.5", true);
    std::fs::create_dir_all(t2.p("bin")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(t2.p("go/bin/go"), t2.p("bin/go")).unwrap();
    let f = facts(env(&[("PATH", &t2.s("bin")), ("HOME", "/h")]));
    assert!(!has(&all(&f), "go-binary-orphaned"));
    // GOROOT set: not orphaned (Go uses GOROOT)
    let f = facts(env(&[
        ("PATH", &t.s("bin")),
        ("HOME", "/h"),
        ("GOROOT", &root.to_string_lossy()),
    ]));
    assert!(!has(&all(&f), "go-binary-orphaned"));
    // a script named go is not a copied binary
    let t3 = Tree::new();
    t3.exe("bin/go");
    let f = facts(env(&[("PATH", &t3.s("bin")), ("HOME", "/h")]));
    assert!(!has(&all(&f), "go-binary-orphaned"));
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn goenv_missing_only_for_121_plus() {
    let t = Tree::new();
    t.toolchain("a", "1.22.1", false);
    t.toolchain("b", "1.20.14", false);
    t.toolchain("c", "1.22.1", true);
    let f = facts(env(&[("PATH", &t.s("a/bin")), ("HOME", "/h")]));
    let fs = all(&f);
    let w = get(&fs, "goroot-goenv-missing");
    assert!(
        w.message.contains("GOPROXY, GOSUMDB, GOTOOLCHAIN"),
        "{}",
        w.message
    );
    assert!(w.fix.contains("go env -w"));
    let f = facts(env(&[
        ("PATH", &t.s("a/bin")),
        ("HOME", "/h"),
        ("GOPROXY", "direct"),
        ("GOSUMDB", "off"),
        ("GOTOOLCHAIN", "local"),
    ]));
    assert!(!has(&all(&f), "goroot-goenv-missing"));
    for p in ["b/bin", "c/bin"] {
        let f = facts(env(&[("PATH", &t.s(p)), ("HOME", "/h")]));
        assert!(!has(&all(&f), "goroot-goenv-missing"), "{p}");
    }
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn goroot_mismatch_other_tree_unneeded() {
    let t = Tree::new();
    let r21 = t.toolchain("go-1.21", "1.21.13", true);
    let r22 = t.toolchain("go-1.22", "1.22.12", true);
    let r22b = t.toolchain("other-1.22", "1.22.12", true);
    let path = t.s("go-1.22/bin");
    let f = facts(env(&[
        ("PATH", &path),
        ("HOME", "/h"),
        ("GOROOT", &r21.to_string_lossy()),
    ]));
    let fs = all(&f);
    let m = get(&fs, "goroot-mismatch");
    assert!(
        m.message.contains("go1.21.13") && m.message.contains("go1.22.12"),
        "{}",
        m.message
    );
    assert!(m.message.contains("does not match go tool version"));
    assert_eq!(exit_code(&fs, false), 1);
    assert!(!has(&fs, "goroot-other-tree"));

    let f = facts(env(&[
        ("PATH", &path),
        ("HOME", "/h"),
        ("GOROOT", &r22b.to_string_lossy()),
    ]));
    let fs = all(&f);
    assert!(has(&fs, "goroot-other-tree") && !has(&fs, "goroot-mismatch"));

    let f = facts(env(&[
        ("PATH", &path),
        ("HOME", "/h"),
        ("GOROOT", &r22.to_string_lossy()),
    ]));
    let fs = all(&f);
    assert!(has(&fs, "goroot-unneeded"));
    assert_eq!(get(&fs, "goroot-unneeded").severity, Severity::Info);
    // with a trailing slash: still the same tree
    let g = format!("{}/", r22.display());
    let f = facts(env(&[("PATH", &path), ("HOME", "/h"), ("GOROOT", &g)]));
    assert!(has(&all(&f), "goroot-unneeded"));
}

fn goenv_file(path: PathBuf, entries: &[(&str, &str, usize)], issues: Vec<Issue>) -> GoEnvFile {
    GoEnvFile {
        path,
        entries: entries
            .iter()
            .map(|(k, v, l)| Entry {
                key: k.to_string(),
                value: v.into(),
                line: *l,
            })
            .collect(),
        issues,
    }
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn goenv_file_checks() {
    let t = Tree::new();
    t.toolchain("go", "1.22.12", true);
    let mut f = facts(env(&[
        ("PATH", &t.s("go/bin")),
        ("HOME", "/h"),
        ("GOPROXY", "https://a.example"),
    ]));
    f.goenv_file = Some(goenv_file(
        PathBuf::from("/h/.config/go/env"),
        &[
            ("GOPROXY", "https://b.example", 1),
            ("GOROOT", &t.s("go"), 2),
        ],
        vec![
            Issue {
                line: 4,
                kind: "crlf",
                detail: "line ends in \\r".into(),
            },
            Issue {
                line: 5,
                kind: "duplicate",
                detail: "GOPROXY".into(),
            },
        ],
    ));
    let fs = all(&f);
    let o = get(&fs, "goenv-file-overridden");
    assert!(o.message.contains("https://a.example") && o.message.contains("https://b.example"));
    let g = get(&fs, "goroot-in-goenv-file");
    assert!(g.fix.starts_with("go env -u GOROOT"));
    let mal: Vec<&Finding> = fs
        .iter()
        .filter(|x| x.id == "goenv-file-malformed")
        .collect();
    assert_eq!(mal.len(), 2);
    assert_eq!(mal[0].severity, Severity::Error);
    assert_eq!(mal[1].severity, Severity::Warn);
    // GOROOT from the file counts as GOROOT for the other checks
    assert!(!has(&fs, "goroot-invalid"));
}

fn hit(t: &Tree, idx: usize, dir: &str, tc: Option<Toolchain>, shim: Option<Shim>) -> GoHit {
    GoHit {
        path_index: idx,
        dir: t.s(dir).into(),
        path: t.p(&format!("{dir}/go")),
        chain: vec![],
        resolved: Some(t.p(&format!("{dir}/go"))),
        toolchain: tc,
        shim,
        problem: None,
        loose: None,
    }
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn multiple_go_and_shim() {
    let t = Tree::new();
    let a = t.toolchain("a", "1.22.12", true);
    let b = t.toolchain("b", "1.21.13", true);
    let f = facts(env(&[
        ("PATH", &path_of(&t, &["a/bin", "b/bin"])),
        ("HOME", "/h"),
    ]));
    let fs = all(&f);
    let m = get(&fs, "multiple-go-on-path");
    assert!(
        m.message.contains("go1.22.12") && m.message.contains("go1.21.13"),
        "{}",
        m.message
    );
    // the same binary twice is not "multiple"
    let f = facts(env(&[
        ("PATH", &path_of(&t, &["a/bin", "a/bin/"])),
        ("HOME", "/h"),
    ]));
    assert!(!has(&all(&f), "multiple-go-on-path"));

    let mut f = facts(env(&[("PATH", &t.s("shims")), ("HOME", "/h")]));
    let tc = crate::probe::toolchain::inspect_root(&a, &f.env);
    f.hits = vec![hit(
        &t,
        0,
        "shims",
        tc,
        Some(Shim {
            manager: "asdf",
            resolves_to: Some(a.clone()),
        }),
    )];
    let fs = all(&f);
    let s = get(&fs, "go-is-shim");
    assert!(
        s.message.contains("asdf") && s.message.contains("go1.22.12"),
        "{}",
        s.message
    );
    assert!(!has(&fs, "go-binary-orphaned") && !has(&fs, "go-not-found"));
    let _ = b;
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn gopath_checks() {
    let t = Tree::new();
    let root = t.toolchain("go", "1.22.12", true);
    let path = t.s("go/bin");
    let f = facts(env(&[
        ("PATH", &path),
        ("HOME", "/h"),
        ("GOPATH", "/ok:rel/x:~/y"),
    ]));
    let fs = all(&f);
    let r = get(&fs, "gopath-relative");
    assert!(r.message.contains("rel/x") && r.message.contains("~/y"));
    assert!(r.fix.contains("/h/y"), "{}", r.fix);

    let f = facts(env(&[
        ("PATH", &path),
        ("HOME", "/h"),
        ("GOPATH", &root.to_string_lossy()),
    ]));
    let g = get(&all(&f), "gopath-equals-goroot").clone();
    assert!(g.fix.contains("unset GOPATH"));

    let f = facts(env(&[("PATH", &path)]));
    assert!(has(&all(&f), "gopath-unresolvable"));
    let f = facts(env(&[("PATH", &path), ("HOME", "/h"), ("GOROOT", "/h/go")]));
    let fs = all(&f);
    assert!(has(&fs, "gopath-unresolvable"), "{:?}", ids(&fs));
    // Go unpacked into ~/go with GOROOT unset: the default GOPATH is the root
    let f = facts(env(&[
        ("PATH", &path),
        ("HOME", &root.parent().unwrap().to_string_lossy()),
    ]));
    let fs = all(&f);
    assert!(has(&fs, "gopath-equals-goroot"), "{:?}", ids(&fs));
}

#[test]
fn gobin_checks() {
    let t = Tree::new();
    t.toolchain("go", "1.22.12", true);
    let path = t.s("go/bin");
    let f = facts(env(&[("PATH", &path), ("HOME", "/h")]));
    let g = get(&all(&f), "gobin-not-on-path").clone();
    assert!(g.message.contains("/h/go/bin"));
    assert!(
        g.fix.contains("export PATH=\"/h/go/bin:$PATH\""),
        "{}",
        g.fix
    );
    let f = facts(env(&[
        ("PATH", &format!("{path}:/h/go/bin/")),
        ("HOME", "/h"),
    ]));
    assert!(!has(&all(&f), "gobin-not-on-path"));
    let f = facts(env(&[("PATH", &path), ("HOME", "/h"), ("GOBIN", "bin")]));
    let fs = all(&f);
    assert!(has(&fs, "gobin-relative") && !has(&fs, "gobin-not-on-path"));
}

#[test]
fn gocache_checks() {
    let f = facts(env(&[
        ("PATH", "/x"),
        ("HOME", "/h"),
        ("GOCACHE", "off"),
        ("GOMODCACHE", "rel"),
    ]));
    let fs = all(&f);
    let n = fs.iter().filter(|x| x.id == "gocache-invalid").count();
    assert_eq!(n, 2);
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn path_entry_checks() {
    let d = tempfile::tempdir().unwrap();
    let real = d.path().to_string_lossy().into_owned();
    let p = format!(":{real}:{real}/:rel:~/bin::/nonexistent-goenv-hook-test:/net/x:");
    let f = facts(env(&[("PATH", &p), ("HOME", "/h")]));
    let fs = all(&f);
    let dup = get(&fs, "path-duplicates");
    assert_eq!(dup.evidence.len(), 1);
    let e = get(&fs, "path-empty-entry");
    assert!(
        e.message.contains("leading") && e.message.contains("trailing"),
        "{}",
        e.message
    );
    assert_eq!(e.evidence.len(), 3);
    assert_eq!(
        fs.iter().filter(|x| x.id == "path-relative-entry").count(),
        2
    );
    let ne = get(&fs, "path-nonexistent");
    assert!(ne.message.contains("/nonexistent-goenv-hook-test"));
    // cheap: no stat
    assert!(!has(
        &run_with(&f, &Extra::default(), true),
        "path-nonexistent"
    ));
    // network mounts are never stat'ed
    let x = Extra {
        mounts: Some(crate::probe::system::parse_mounts(b"/ / ext4 rw 0 0\nsrv:/ /net nfs4 rw 0 0\nsrv:/ /nonexistent-goenv-hook-test cifs rw 0 0\n")),
        ..Extra::default()
    };
    let fs = run_with(&f, &x, false);
    assert!(!has(&fs, "path-nonexistent"), "{:?}", ids(&fs));
}

#[test]
fn variable_grammars() {
    let base = [("PATH", "/x"), ("HOME", "/h")];
    let case = |k: &str, v: &str| {
        let mut e = base.to_vec();
        e.push((k, v));
        all(&facts(env(&e)))
    };
    assert!(has(
        &case("GOSUMDB", "https://sum.golang.org"),
        "gosumdb-invalid"
    ));
    assert!(!has(&case("GOSUMDB", "sum.golang.org"), "gosumdb-invalid"));
    assert!(has(&case("GOPROXY", "nonsense"), "goproxy-invalid"));
    assert!(!has(
        &case("GOPROXY", "https://proxy.golang.org,direct"),
        "goproxy-invalid"
    ));
    assert!(has(
        &case("GOPRIVATE", "https://example.com/x"),
        "goprivate-suspicious"
    ));
    assert!(has(
        &case("GONOSUMDB", "EXAMPLE.COM"),
        "goprivate-suspicious"
    ));
    assert!(!has(
        &case("GOPRIVATE", "example.com,*.corp"),
        "goprivate-suspicious"
    ));
    let g = case("GOFLAGS", "-bogus");
    assert_eq!(get(&g, "goflags-invalid").severity, Severity::Error);
    let g = case("GOFLAGS", "-ldflags=-s -w");
    assert_eq!(get(&g, "goflags-invalid").severity, Severity::Warn);
    assert!(!has(
        &case("GOFLAGS", "-mod=mod -trimpath"),
        "goflags-invalid"
    ));
    assert!(has(&case("GO111MODULE", "maybe"), "go111module-invalid"));
    assert!(!has(&case("GO111MODULE", "auto"), "go111module-invalid"));
    for bad in [
        "bogus",
        "1.22",
        "go1.22",
        "go1.22.1+foo",
        "bogus+auto",
        "local\r",
    ] {
        assert!(
            has(&case("GOTOOLCHAIN", bad), "gotoolchain-invalid"),
            "{bad}"
        );
    }
    for good in [
        "auto",
        "local",
        "path",
        "go1.22.1",
        "go1.22.1+auto",
        "local+path",
        "go1.20",
        "go1.22.1-custom",
    ] {
        assert!(
            !has(&case("GOTOOLCHAIN", good), "gotoolchain-invalid"),
            "{good}"
        );
    }
    assert!(has(&case("GOAMD64", "v5"), "goarch-var-invalid"));
    assert!(!has(&case("GOAMD64", "v3"), "goarch-var-invalid"));
    assert!(has(&case("GOOS", "bogus"), "goarch-var-invalid"));
    let mut e = base.to_vec();
    e.extend([("GOOS", "windows"), ("GOARCH", "arm64")]);
    assert!(!has(&all(&facts(env(&e))), "goarch-var-invalid"));
    assert!(has(
        &case("GOPATH", "/home/a b/go"),
        "gopath-nonascii-or-space"
    ));
    assert!(has(
        &case("GOMODCACHE", "/home/é/mod"),
        "gopath-nonascii-or-space"
    ));
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn gosumdb_off_with_auto_switching() {
    let t = Tree::new();
    t.toolchain("go", "1.22.12", true);
    let path = t.s("go/bin");
    let f = facts(env(&[("PATH", &path), ("HOME", "/h"), ("GOSUMDB", "off")]));
    assert!(
        has(&all(&f), "gosumdb-off-autotoolchain"),
        "go.env default GOTOOLCHAIN=auto"
    );
    let f = facts(env(&[
        ("PATH", &path),
        ("HOME", "/h"),
        ("GOSUMDB", "off"),
        ("GOTOOLCHAIN", "local"),
    ]));
    assert!(!has(&all(&f), "gosumdb-off-autotoolchain"));
}

#[test]
fn go111module_off_in_module() {
    let mut f = facts(env(&[
        ("PATH", "/x"),
        ("HOME", "/h"),
        ("GO111MODULE", "off"),
    ]));
    f.project = go_mod(PathBuf::from("/p/go.mod"), Some("1.22"), None);
    assert!(has(&all(&f), "go111module-off-with-gomod"));
    f.project = Default::default();
    assert!(!has(&all(&f), "go111module-off-with-gomod"));
}

#[test]
fn wsl_windows_go() {
    let f = facts(env(&[
        (
            "PATH",
            "/usr/bin:/mnt/c/Program Files/Go/bin:/mnt/c/Windows",
        ),
        ("HOME", "/h"),
        ("GOPATH", "/mnt/d/gopath"),
    ]));
    let x = Extra {
        wsl: Some(crate::facts::system::Wsl {
            marker: "WSL_DISTRO_NAME".into(),
        }),
        ..Extra::default()
    };
    let fs = run_with(&f, &x, true);
    let w = get(&fs, "wsl-windows-go-on-path");
    assert!(w.message.contains("/mnt/c/Program Files/Go/bin") && w.message.contains("GOPATH"));
    assert!(w.fix.contains("appendWindowsPath=false"));
    assert!(!has(&all(&f), "wsl-windows-go-on-path"), "not WSL: nothing");
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn modcache_on_9p() {
    let f = facts(env(&[
        ("PATH", "/x"),
        ("HOME", "/h"),
        ("GOMODCACHE", "/mnt/c/gomod"),
    ]));
    let x = Extra {
        mounts: Some(crate::probe::system::parse_mounts(
            b"/ / ext4 rw 0 0\nC:\\134 /mnt/c 9p rw 0 0\n",
        )),
        ..Extra::default()
    };
    let fs = run_with(&f, &x, false);
    let m = get(&fs, "modcache-on-nonlocking-fs");
    assert!(m.message.contains("9p"));
    assert!(!has(&run_with(&f, &x, true), "modcache-on-nonlocking-fs"));
}

#[test]
fn hook_hint() {
    let f = facts(env(&[
        ("PATH", "/x"),
        ("HOME", "/h"),
        ("GOENV_HOOK_PROMPT", "go1.22"),
    ]));
    let x = Extra {
        hook: Some(crate::facts::startup::HookHint::parse(
            "bash:_starship_precmd",
        )),
        ..Extra::default()
    };
    let fs = run_with(&f, &x, true);
    let h = get(&fs, "hook-not-installed");
    assert!(h.message.contains("no longer"));
    assert!(h.fix.contains("~/.bashrc"));
    let x = Extra {
        hook: Some(crate::facts::startup::HookHint::parse(
            "bash:__goenv_hook;_starship_precmd",
        )),
        ..Extra::default()
    };
    assert!(!has(&run_with(&f, &x, true), "hook-not-installed"));
}

#[test]
fn prompt_command_exported() {
    let with = |pc: &str, shell| {
        let f = facts(env(&[
            ("PATH", "/x"),
            ("HOME", "/h"),
            ("PROMPT_COMMAND", pc),
        ]));
        run_shell(&f, &Extra::default(), false, shell)
    };
    let fs = with(
        "__goenv_hook\n__goenv_hook_status;history -a;__goenv_hook_tail;__goenv_hook_status",
        Some(Shell::Bash),
    );
    let p = get(&fs, "prompt-command-exported");
    assert!(
        p.message.contains("__goenv_hook: command not found"),
        "{}",
        p.message
    );
    assert!(
        p.fix.starts_with("`export -n PROMPT_COMMAND` now"),
        "{}",
        p.fix
    );
    let fs = with("__goenv_hook\n__goenv_hook_status;", Some(Shell::Zsh));
    assert!(get(&fs, "prompt-command-exported")
        .fix
        .starts_with("`typeset +x PROMPT_COMMAND`"));
    // Another tool's exported PROMPT_COMMAND is not goenv-hook's business.
    assert!(!has(
        &with("history -a", Some(Shell::Bash)),
        "prompt-command-exported"
    ));
}

fn project_facts(
    t: &Tree,
    active: &str,
    extra_env: &[(&str, &str)],
    go: Option<&str>,
    tc: Option<&str>,
) -> Facts {
    let path = t.s(&format!("{active}/bin"));
    let mut e = vec![("PATH", &path[..]), ("HOME", "/h")];
    e.extend_from_slice(extra_env);
    let mut f = facts(EnvSnapshot::from_pairs(
        &e,
        &t.s("proj"),
        crate::sys::platform::Platform::UNIX,
    ));
    f.project = go_mod(t.p("proj/go.mod"), go, tc);
    f
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn version_vs_gomod_when_switching_is_off() {
    let t = Tree::new();
    t.toolchain("go21", "1.21.13", true);
    let f = project_facts(
        &t,
        "go21",
        &[("GOTOOLCHAIN", "local")],
        Some("1.23.0"),
        None,
    );
    let fs = all(&f);
    let v = get(&fs, "version-vs-gomod");
    assert!(
        v.message.contains("requires go >= 1.23.0") && v.message.contains("running go 1.21.13"),
        "{}",
        v.message
    );
    assert_eq!(exit_code(&fs, false), 3);
    assert!(!has(&fs, "toolchain-switch-pending"));
    // satisfied
    let f = project_facts(&t, "go21", &[("GOTOOLCHAIN", "local")], Some("1.21"), None);
    assert!(!has(&all(&f), "version-vs-gomod"));
    // a newer toolchain line alone is accepted
    let f = project_facts(
        &t,
        "go21",
        &[("GOTOOLCHAIN", "local")],
        Some("1.21.0"),
        Some("go1.23.0"),
    );
    assert!(!has(&all(&f), "version-vs-gomod"));
    // a pinned toolchain without +auto: compared against the pinned one
    let f = project_facts(
        &t,
        "go21",
        &[("GOTOOLCHAIN", "go1.22.0")],
        Some("1.22.5"),
        None,
    );
    let fs = all(&f);
    assert!(
        has(&fs, "version-vs-gomod") && has(&fs, "toolchain-switch-pending"),
        "{:?}",
        ids(&fs)
    );
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn switch_pending_with_auto() {
    let t = Tree::new();
    t.toolchain("go22", "1.22.12", true);
    let f = project_facts(&t, "go22", &[], Some("1.23"), None);
    let fs = all(&f);
    let s = get(&fs, "toolchain-switch-pending");
    assert!(s.message.contains("go1.23.0"), "{}", s.message);
    assert!(s.message.contains("downloads it"), "{}", s.message);
    assert!(!has(&fs, "version-vs-gomod"));
    // toolchain line wins when newer
    let f = project_facts(&t, "go22", &[], Some("1.23"), Some("go1.23.4"));
    assert!(get(&all(&f), "toolchain-switch-pending")
        .message
        .contains("go1.23.4"));
    // +path and not on PATH: go will fail
    let f = project_facts(&t, "go22", &[("GOTOOLCHAIN", "path")], Some("1.23.1"), None);
    let fs = all(&f);
    let s = get(&fs, "toolchain-switch-pending");
    assert!(s.message.contains("cannot find"));
    // every go command fails: an error (project class), with a fix
    assert_eq!(s.severity, Severity::Error);
    assert!(s.fix.contains("go1.23.1"), "{}", s.fix);
    // the prompt does not scan PATH for it: no error claimed there
    let cheap = run_with(&f, &Extra::default(), true);
    assert!(cheap
        .iter()
        .all(|f| f.id != "toolchain-switch-pending" || f.severity == Severity::Info));
    // already in the module cache
    let mc = t.s("modcache");
    let (os, arch) = crate::go::validate::host_port();
    t.toolchain(
        &format!("modcache/golang.org/toolchain@v0.0.1-go1.23.0.{os}-{arch}"),
        "1.23.0",
        true,
    );
    // go uses a cached toolchain only with its download record.
    t.file(
        &format!(
            "modcache/cache/download/golang.org/toolchain/@v/v0.0.1-go1.23.0.{os}-{arch}.ziphash"
        ),
        "h1:x\n",
    );
    let mut f = project_facts(&t, "go22", &[("GOMODCACHE", &mc)], Some("1.23.0"), None);
    // What the probe discovers at the full depth.
    f.installs = crate::probe::toolchain::discover_installs(&f.env, Some(Path::new(&mc)));
    assert!(get(&all(&f), "toolchain-switch-pending")
        .message
        .contains("module cache"));
}

#[test]
fn old_go_and_new_gomod() {
    let t = Tree::new();
    t.toolchain("go19", "1.19.8", false);
    let f = project_facts(&t, "go19", &[], Some("1.21.0"), None);
    let fs = all(&f);
    let g = get(&fs, "gomod-too-new-for-old-go");
    assert!(g.message.contains("1.21.0"));
    let f = project_facts(&t, "go19", &[], Some("1.20"), Some("go1.21.0"));
    assert!(has(&all(&f), "gomod-too-new-for-old-go"));
    // 1.19.8 builds a `go 1.22` module (with luck): a warning
    let f = project_facts(&t, "go19", &[], Some("1.22"), None);
    let fs = all(&f);
    assert_eq!(get(&fs, "version-vs-gomod").severity, Severity::Warn);
    assert!(!has(&fs, "gomod-too-new-for-old-go"));
    t.toolchain("go20", "1.20.8", false);
    let f = project_facts(&t, "go20", &[], Some("1.22"), None);
    assert_eq!(get(&all(&f), "version-vs-gomod").severity, Severity::Error);
}

#[test]
fn project_toolchain_not_installed() {
    let t = Tree::new();
    let r = t.toolchain("go22", "1.22.12", true);
    let mut f = project_facts(&t, "go22", &[], Some("1.30.1"), None);
    f.installs = vec![crate::probe::toolchain::inspect_root(&r, &f.env).unwrap()];
    let fs = all(&f);
    let p = get(&fs, "project-toolchain-not-installed");
    assert!(
        p.fix.starts_with("goenv-hook get go1.30.1   ("),
        "{}",
        p.fix
    );
    let f = project_facts(&t, "go22", &[], Some("1.22.3"), None);
    assert!(!has(&all(&f), "project-toolchain-not-installed"));
}

/// Findings for hostile values everywhere (invalid UTF-8, newlines, `:`,
/// `~`); the report's tests render them.
pub(crate) fn hostile_findings() -> Vec<Finding> {
    // Not UTF-8 (on Windows: an unpaired surrogate, not UTF-16).
    #[cfg(unix)]
    let bad = {
        use std::os::unix::ffi::OsStringExt;
        std::ffi::OsString::from_vec(vec![0xff, b'\n', b':', 0xfe, b'~'])
    };
    #[cfg(windows)]
    let bad = {
        use std::os::windows::ffi::OsStringExt;
        std::ffi::OsString::from_wide(&[
            0xd800,
            u16::from(b'\n'),
            u16::from(b':'),
            0xdc00,
            u16::from(b'~'),
        ])
    };
    let mut e = env(&[("HOME", "/h")]);
    for k in [
        "PATH",
        "GOROOT",
        "GOPATH",
        "GOBIN",
        "GOCACHE",
        "GOMODCACHE",
        "GOSUMDB",
        "GOPROXY",
        "GOPRIVATE",
        "GOFLAGS",
        "GO111MODULE",
        "GOTOOLCHAIN",
        "GOAMD64",
        "GOARM",
        "GOARM64",
        "GOOS",
        "GOARCH",
    ] {
        e.set(k, bad.clone());
    }
    let mut f = facts(e);
    f.project = go_mod(
        PathBuf::from("/p/go.mod"),
        Some("\u{0}garbage"),
        Some("go1.x"),
    );
    let x = Extra {
        wsl: Some(crate::facts::system::Wsl { marker: "x".into() }),
        mounts: Some(vec![]),
        hook: Some(crate::facts::startup::HookHint::parse("")),
    };
    run_with(&f, &x, false)
}

#[test]
fn hostile_values_never_panic() {
    assert!(!hostile_findings().is_empty());
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn current_hits_fast_path_matches_full_scan() {
    let t = Tree::new();
    t.toolchain("a", "1.22.12", true);
    t.toolchain("b", "1.21.13", true);
    t.toolchain("c", "1.23.5", true);
    let orig = path_of(&t, &["a/bin", "b/bin", "c/bin", "a/bin"]);
    let managed: Vec<std::ffi::OsString> = vec![t.s("c/bin").into(), t.s("x/bin").into()];
    let p = crate::sys::platform::Platform::UNIX;
    let origv = p.split_list(std::ffi::OsStr::new(&orig));
    let c = crate::sys::pathlist::compose(p, &origv, &managed);
    let cur = p.join_list(&c.entries);
    let mut f = facts(env(&[("PATH", &orig), ("HOME", "/h")]));
    f.current.set("PATH", cur.clone());
    f.state = Some(crate::facts::state::State {
        managed: c.entries[..c.added.len()].to_vec(),
        added: c.added.clone(),
        removed: c.removed.clone(),
        vars: vec![],
        owned: Vec::new(),
    });
    let fast = crate::probe::system::current_hits(&f).unwrap();
    let full = crate::probe::toolchain::find_go_on_path(&f.current.path_entries(), &f.current);
    let key = |h: &Vec<GoHit>| {
        h.iter()
            .map(|h| (h.path_index, h.path.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&fast), key(&full));
    assert_eq!(fast[0].path, t.p("c/bin/go"));
    // managed dirs are goenv-hook's: the shadowed originals count, not the managed one
    let fs = all(&f);
    let m = get(&fs, "multiple-go-on-path");
    assert!(m.message.contains("go1.22.12") && m.message.contains("go1.21.13"));
    assert!(m.message.starts_with("2 distinct"), "{}", m.message);
    // a user-edited PATH falls back to a full scan
    f.current.set("PATH", t.s("b/bin"));
    let h = crate::probe::system::current_hits(&f).unwrap();
    assert_eq!(h.len(), 1);
}

#[test]
fn windows_path_rules() {
    let e = crate::sys::env::EnvSnapshot::from_pairs(
        &[
            (
                "Path",
                r"C:\Go\bin;c:/go/BIN\;;relative\dir;%USERPROFILE%\go\bin",
            ),
            ("USERPROFILE", r"C:\Users\me"),
        ],
        r"C:\",
        crate::sys::platform::Platform::WINDOWS,
    );
    let f = facts(e);
    let fs = all(&f);
    assert_eq!(get(&fs, "path-duplicates").evidence.len(), 1);
    assert!(has(&fs, "path-empty-entry"));
    assert_eq!(
        fs.iter().filter(|x| x.id == "path-relative-entry").count(),
        2
    );
    let g = get(&fs, "gobin-not-on-path");
    assert!(g.message.contains(r"C:\Users\me\go\bin"), "{}", g.message);
    let w = run_shell(&f, &Extra::default(), true, Some(crate::shell::Shell::Pwsh));
    assert!(
        get(&w, "gobin-not-on-path").fix.contains("$env:PATH ="),
        "pwsh syntax"
    );
}

#[test]
fn fix_commands_per_shell() {
    use crate::shell::Shell;
    assert_eq!(unset_cmd(Some(Shell::Fish), "GOROOT"), "set -e GOROOT");
    assert_eq!(unset_cmd(None, "GOROOT"), "unset GOROOT");
    assert_eq!(set_cmd(None, "GOPATH", "/a b"), "export GOPATH='/a b'");
    assert_eq!(set_cmd(Some(Shell::Nu), "X", "it's"), "$env.X = r#'it's'#");
    assert_eq!(set_cmd(Some(Shell::Pwsh), "X", "it's"), "$env:X = 'it''s'");
    assert_eq!(
        path_prepend_cmd(None, "/opt/go/bin"),
        "export PATH=\"/opt/go/bin:$PATH\""
    );
    assert_eq!(
        path_prepend_cmd(None, "/a b/bin"),
        "export PATH='/a b/bin'\":$PATH\""
    );
    assert_eq!(
        path_prepend_cmd(Some(Shell::Fish), "/x"),
        "fish_add_path /x"
    );
}

/// Fix commands quote through each shell's one escaper (src/shell/): plain
/// values stay bare where a bare word is safe, `'`, a trailing backslash and
/// U+2019 (a PowerShell single quote) are escaped per shell.
#[test]
fn fix_commands_quote_with_each_shells_escaper() {
    use crate::shell::Shell;
    let plain = "/opt/go/bin";
    let sq = "/home/it's/go";
    let bs = "C:\\go\\";
    let rsq = "/home/a\u{2019}b/go";
    let cases: [(Option<Shell>, [&str; 4]); 4] = [
        (
            None,
            [
                "export X=/opt/go/bin",
                r"export X='/home/it'\''s/go'",
                r"export X='C:\go\'",
                "export X='/home/a\u{2019}b/go'",
            ],
        ),
        (
            Some(Shell::Fish),
            [
                "set -gx X /opt/go/bin",
                r"set -gx X '/home/it\'s/go'",
                r"set -gx X 'C:\\go\\'",
                "set -gx X '/home/a\u{2019}b/go'",
            ],
        ),
        (
            Some(Shell::Pwsh),
            [
                "$env:X = '/opt/go/bin'",
                "$env:X = '/home/it''s/go'",
                r"$env:X = 'C:\go\'",
                "$env:X = '/home/a\u{2019}\u{2019}b/go'",
            ],
        ),
        (
            Some(Shell::Nu),
            [
                "$env.X = r#'/opt/go/bin'#",
                "$env.X = r#'/home/it's/go'#",
                r"$env.X = r#'C:\go\'#",
                "$env.X = r#'/home/a\u{2019}b/go'#",
            ],
        ),
    ];
    for (shell, want) in cases {
        for (v, w) in [plain, sq, bs, rsq].into_iter().zip(want) {
            assert_eq!(set_cmd(shell, "X", v), w, "{shell:?} {v}");
        }
    }
    // The same escapers in PATH and `go env -w` fixes.
    assert_eq!(
        path_prepend_cmd(Some(Shell::Fish), bs),
        r"fish_add_path 'C:\\go\\'"
    );
    assert_eq!(
        path_prepend_cmd(Some(Shell::Nu), plain),
        "$env.PATH = ($env.PATH | prepend r#'/opt/go/bin'#)"
    );
    assert_eq!(
        path_prepend_cmd(Some(Shell::Pwsh), rsq),
        "$env:PATH = '/home/a\u{2019}\u{2019}b/go' + [IO.Path]::PathSeparator + $env:PATH"
    );
    assert_eq!(
        path_prepend_cmd(None, sq),
        r#"export PATH='/home/it'\''s/go'":$PATH""#
    );
    assert_eq!(
        go_env_w_cmd(None, "GOPATH", plain),
        "go env -w GOPATH=/opt/go/bin"
    );
    assert_eq!(
        go_env_w_cmd(Some(Shell::Zsh), "GOPATH", sq),
        r"go env -w GOPATH='/home/it'\''s/go'"
    );
    assert_eq!(
        go_env_w_cmd(Some(Shell::Fish), "GOPATH", bs),
        r"go env -w GOPATH='C:\\go\\'"
    );
    assert_eq!(
        go_env_w_cmd(Some(Shell::Pwsh), "GOPATH", rsq),
        "go env -w 'GOPATH=/home/a\u{2019}\u{2019}b/go'"
    );
    assert_eq!(
        go_env_w_cmd(Some(Shell::Nu), "GOPATH", sq),
        "go env -w r#'GOPATH=/home/it's/go'#"
    );
    // POSIX-only commands (ln, sed): bare when plain, else single quotes.
    assert_eq!(sh_quote(plain), plain);
    assert_eq!(sh_quote(bs), r"'C:\go\'");
    assert_eq!(sh_quote("=x"), "'=x'");
    assert_eq!(sh_quote(""), "''");
}
