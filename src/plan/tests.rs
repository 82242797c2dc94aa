use super::*;
use crate::config::Config;
use crate::facts::project::{Project, ProjectFile};
use crate::facts::state::{State, VAR as STATE_VAR};
use crate::facts::toolchain::{GoHit, Source};
use crate::go::settings::{gomodcache, gopath};
use crate::sys::platform::Platform;

fn tc(root: &str, v: &str) -> Toolchain {
    Toolchain {
        root: PathBuf::from(root),
        go_bin: PathBuf::from(format!("{root}/bin/go")),
        version: GoVersion::parse(v),
        version_from: Some("VERSION"),
        source: Source::Unknown,
        has_go_env: true,
        id: None,
    }
}

fn hit(t: &Toolchain, idx: usize) -> GoHit {
    GoHit {
        path_index: idx,
        dir: t.root.join("bin").into_os_string(),
        path: t.go_bin.clone(),
        chain: vec![t.go_bin.clone()],
        resolved: Some(t.go_bin.clone()),
        toolchain: Some(t.clone()),
        shim: None,
        problem: None,
        loose: None,
    }
}

/// Facts as the probe would produce them, with the given go hits on
/// the ORIGINAL PATH and installs.
fn facts(
    current: EnvSnapshot,
    hits: Vec<GoHit>,
    installs: Vec<Toolchain>,
    project: Project,
) -> Facts {
    let state = State::from_env(&current);
    let env = state
        .as_ref()
        .map(|s| s.unapply(&current))
        .unwrap_or_else(|| current.clone());
    Facts {
        path: env.path_entries(),
        current,
        state,
        env,
        hits,
        installs,
        installs_scanned: true,
        goenv_file: None,
        goenv_file_present: false,
        project,
        goroot_env: None,
        pinned_roots: Vec::new(),
        goroot: None,
        wsl: None,
        hook: None,
        full: Default::default(),
        gomodel: Default::default(),
    }
}

#[test]
fn a_gopath_with_a_leading_empty_entry_has_no_install_dir() {
    let env = EnvSnapshot::from_pairs(
        &[("HOME", "/h"), ("GOPATH", ":/w"), ("PATH", "/usr/bin")],
        "/h",
        Platform::UNIX,
    );
    assert_eq!(gobin(&env, None, None), None);
    assert_eq!(gomodcache(&env, None), None);
    assert_eq!(gopath(&env, None, None), vec![OsString::from("/w")]);
    let env = EnvSnapshot::from_pairs(
        &[("HOME", "/h"), ("GOPATH", "/a::/w"), ("PATH", "/usr/bin")],
        "/h",
        Platform::UNIX,
    );
    assert_eq!(gobin(&env, None, None), Some(OsString::from("/a/bin")));
}

/// The planner reads nothing from disk: its plan for facts naming real
/// directories (two spellings of one root, a GOROOT through a symlink)
/// is the same after those directories are gone.
#[cfg(unix)]
#[test]
fn the_planner_touches_no_filesystem() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("go");
    std::fs::create_dir_all(root.join("bin")).unwrap();
    std::os::unix::fs::symlink(&root, dir.path().join("link")).unwrap();
    let r = root.to_str().unwrap().to_string();
    let link = dir.path().join("link").to_str().unwrap().to_string();
    let mut t = tc(&r, "1.23.5");
    t.id = Some((1, 2));
    let mut via_link = tc(&link, "1.23.5");
    via_link.id = Some((1, 2));
    let env = EnvSnapshot::from_pairs(
        &[
            ("HOME", "/h"),
            ("PATH", &format!("/usr/bin:{r}/bin")),
            ("GOROOT", &link),
        ],
        "/h",
        Platform::UNIX,
    );
    let run = || {
        let mut f = facts(
            env.clone(),
            vec![hit(&t, 1)],
            vec![via_link.clone()],
            Project::default(),
        );
        f.goroot_env = Some(via_link.clone());
        let p = plan(&f, &Config::default());
        (
            p.managed.clone(),
            p.vars.clone(),
            candidates(&f).len(),
            apply_ops(&f, &p),
        )
    };
    let before = run();
    assert_eq!(before.2, 1, "one root under two spellings is one candidate");
    assert!(
        !before.1.iter().any(|(n, _)| n == "GOROOT"),
        "GOROOT naming the chosen root is left alone"
    );
    drop(dir);
    assert_eq!(run(), before);
}

fn path_of(e: &EnvSnapshot) -> String {
    e.get("PATH").unwrap().to_str().unwrap().to_string()
}

#[test]
fn default_toolchain_bin_and_gobin_go_in_front_once() {
    let t = tc("/opt/go23", "1.23.5");
    let env = EnvSnapshot::from_pairs(
        &[
            ("HOME", "/h"),
            ("PATH", "/usr/bin:/opt/go23/bin:/h/go/bin:/usr/bin"),
            ("GOROOT", "/stale"),
        ],
        "/h",
        Platform::UNIX,
    );
    let f = facts(env.clone(), vec![hit(&t, 1)], vec![], Project::default());
    let p = plan(&f, &Config::default());
    assert_eq!(
        p.managed,
        vec![OsString::from("/opt/go23/bin"), OsString::from("/h/go/bin")]
    );
    let ops = apply_ops(&f, &p);
    let mut e2 = env.clone();
    apply_to(&mut e2, &ops);
    assert_eq!(path_of(&e2), "/opt/go23/bin:/h/go/bin:/usr/bin");
    assert!(e2.get("GOROOT").is_none(), "stale GOROOT is unset");

    // Evaluating again (or in a nested shell) changes nothing.
    for _ in 0..3 {
        let f2 = facts(e2.clone(), vec![hit(&t, 1)], vec![], Project::default());
        let p2 = plan(&f2, &Config::default());
        assert_eq!(apply_ops(&f2, &p2), vec![]);
    }
    // Deactivate restores byte for byte.
    let mut e3 = e2.clone();
    apply_to(&mut e3, &deactivate_ops(&e2));
    assert_eq!(path_of(&e3), "/usr/bin:/opt/go23/bin:/h/go/bin:/usr/bin");
    assert_eq!(e3.get("GOROOT").unwrap(), "/stale");
    assert!(e3.get(STATE_VAR).is_none());
}

#[test]
fn user_changes_after_activation_survive_reapply() {
    let t = tc("/opt/go23", "1.23.5");
    let env = EnvSnapshot::from_pairs(
        &[("HOME", "/h"), ("PATH", "/usr/bin:/opt/go23/bin")],
        "/h",
        Platform::UNIX,
    );
    let f = facts(env.clone(), vec![hit(&t, 1)], vec![], Project::default());
    let mut e2 = env.clone();
    apply_to(&mut e2, &apply_ops(&f, &plan(&f, &Config::default())));
    // the user prepends and appends entries
    let p = format!("/first:{}:/last", path_of(&e2));
    e2.set("PATH", p);
    let f2 = facts(e2.clone(), vec![hit(&t, 2)], vec![], Project::default());
    let mut e3 = e2.clone();
    apply_to(&mut e3, &apply_ops(&f2, &plan(&f2, &Config::default())));
    assert_eq!(
        path_of(&e3),
        "/opt/go23/bin:/h/go/bin:/first:/usr/bin:/last"
    );
}

#[test]
fn project_request_switches_and_leaving_returns() {
    let t23 = tc("/opt/go23", "1.23.5");
    let t21 = tc("/opt/go21", "1.21.13");
    let t22 = tc("/opt/go22", "1.22.12");
    let installs = vec![t23.clone(), t22.clone(), t21.clone()];
    let base = EnvSnapshot::from_pairs(
        &[("HOME", "/h"), ("PATH", "/a:/opt/go23/bin:/b")],
        "/h",
        Platform::UNIX,
    );
    let gomod = |v: &str| Project {
        go_file: Some(ProjectFile::go_file(
            Kind::GoMod,
            "/p/go.mod".into(),
            crate::facts::project::go_mod_text(Some(v), None).into_bytes(),
        )),
        ..Project::default()
    };
    let mut e = base.clone();
    let step = |e: &mut EnvSnapshot, proj: Project| -> Plan {
        let f = facts(e.clone(), vec![hit(&t23, 1)], installs.clone(), proj);
        let p = plan(&f, &Config::default());
        apply_to(e, &apply_ops(&f, &p));
        p
    };
    let p = step(&mut e, gomod("1.21"));
    assert_eq!(p.rule, Rule::GoMod);
    assert_eq!(path_of(&e), "/opt/go21/bin:/h/go/bin:/a:/opt/go23/bin:/b");
    let p = step(&mut e, gomod("1.22"));
    assert_eq!(p.toolchain.unwrap().root, PathBuf::from("/opt/go22"));
    assert_eq!(path_of(&e), "/opt/go22/bin:/h/go/bin:/a:/opt/go23/bin:/b");
    let p = step(&mut e, gomod("1.99"));
    assert!(p.unsatisfied);
    assert_eq!(p.toolchain.unwrap().root, PathBuf::from("/opt/go23"));
    step(&mut e, Project::default());
    assert_eq!(path_of(&e), "/opt/go23/bin:/h/go/bin:/a:/b");
    let mut d = e.clone();
    apply_to(&mut d, &deactivate_ops(&e));
    assert_eq!(path_of(&d), "/a:/opt/go23/bin:/b");
}

#[test]
fn a_pin_is_met_only_by_a_release_that_provides_it() {
    let v = |s: &str| GoVersion::parse(s).unwrap();
    for (release, pin, yes) in [
        ("1.22.12", "1.22", true),
        ("1.22.12", "1.22.12", true),
        ("1.22.12", "1.22.99", false),
        ("1.22.12", "1.22.0", false),
        ("1.22.12", "1.22rc1", false),
        ("1.22rc1", "1.22rc1", true),
        ("1.22.12", "1", false),
        ("1.0.3", "1", true),
        ("1.22.12", "1.2", false),
        ("1.2.2", "1.2", true),
        ("1.19.8", "1.19", true),
        ("1.23.5", "1.22", false),
    ] {
        assert_eq!(
            provides(&v(release), &v(pin)),
            yes,
            "{release} for pin {pin}"
        );
    }
    let ts = [tc("/a", "1.22.5"), tc("/b", "1.22.12"), tc("/c", "1.23.5")];
    let c: Vec<&Toolchain> = ts.iter().collect();
    assert_eq!(pin_match(&v("1.22"), &c).unwrap().root, PathBuf::from("/b"));
    assert_eq!(
        pin_match(&v("1.22.5"), &c).unwrap().root,
        PathBuf::from("/a")
    );
    assert!(pin_match(&v("1.22.99"), &c).is_none());
    assert!(pin_match(&v("1"), &c).is_none());
}

#[test]
fn best_match_prefers_exact_then_same_minor_then_default() {
    let ts = [
        tc("/a", "1.21.13"),
        tc("/b", "1.22.12"),
        tc("/c", "1.23.5"),
        tc("/d", "1.21.3"),
    ];
    let c: Vec<&Toolchain> = ts.iter().collect();
    let v = |s: &str| GoVersion::parse(s).unwrap();
    assert_eq!(
        best_match(&v("1.21.3"), &c, None).unwrap().root,
        PathBuf::from("/d")
    );
    assert_eq!(
        best_match(&v("1.21.0"), &c, None).unwrap().root,
        PathBuf::from("/a")
    );
    assert_eq!(
        best_match(&v("1.22"), &c, None).unwrap().root,
        PathBuf::from("/b")
    );
    assert_eq!(
        best_match(&v("1.20"), &c, Some(&ts[2])).unwrap().root,
        PathBuf::from("/c")
    );
    assert_eq!(
        best_match(&v("1.20"), &c, None).unwrap().root,
        PathBuf::from("/c")
    );
    assert!(best_match(&v("1.24.0"), &c, Some(&ts[2])).is_none());
}

#[test]
fn windows_path_semantics_in_the_planner() {
    let t = Toolchain {
        root: PathBuf::from(r"C:\Program Files\Go"),
        go_bin: PathBuf::from(r"C:\Program Files\Go\bin\go.exe"),
        version: GoVersion::parse("1.23.5"),
        version_from: Some("VERSION"),
        source: Source::WindowsMsi,
        has_go_env: true,
        id: None,
    };
    let env = EnvSnapshot::from_pairs(
        &[
            ("USERPROFILE", r"C:\Users\me"),
            ("Path", r"C:\Windows;c:\program files\go\BIN\;C:\Windows\"),
        ],
        r"C:\Users\me",
        Platform::WINDOWS,
    );
    let f = facts(env.clone(), vec![hit(&t, 1)], vec![], Project::default());
    let p = plan(&f, &Config::default());
    let mut e2 = env.clone();
    apply_to(&mut e2, &apply_ops(&f, &p));
    assert_eq!(
        e2.get("PATH").unwrap(),
        r"C:\Program Files\Go\bin;C:\Users\me\go\bin;C:\Windows"
    );
}

#[test]
fn go_file_want_follows_gos_rules() {
    let f = |go: Option<&str>, tc: Option<&str>| {
        ProjectFile::go_file(
            Kind::GoMod,
            "/p/go.mod".into(),
            crate::facts::project::go_mod_text(go, tc).into_bytes(),
        )
    };
    let w = |p: ProjectFile| go_file_want(&p).map(|(v, _)| v.to_string());
    assert_eq!(w(f(Some("1.21"), None)).as_deref(), Some("1.21.0"));
    assert_eq!(w(f(Some("1.19"), None)).as_deref(), Some("1.19"));
    assert_eq!(
        w(f(Some("1.21"), Some("go1.23.4"))).as_deref(),
        Some("1.23.4")
    );
    assert_eq!(
        w(f(Some("1.23.4"), Some("go1.22.0"))).as_deref(),
        Some("1.23.4")
    );
    assert_eq!(
        w(f(Some("1.22"), Some("default"))).as_deref(),
        Some("1.22.0")
    );
}
