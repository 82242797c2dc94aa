use crate::checks::testutil::*;
use crate::checks::*;
use crate::facts::winenv::{RegEnv, RegType, RegVar};

fn var(name: &str, value: &str, ty: RegType) -> RegVar {
    RegVar {
        name: name.into(),
        value: value.into(),
        ty,
    }
}

/// Every check over `current`'s facts with the persistent environment
/// `reg` (read the way the probe reads it), fixes for PowerShell.
fn run_reg(current: &[(&str, &str)], reg: RegEnv) -> Vec<Finding> {
    let e = env(current);
    let mut f = complete(&facts(e.clone()), &Extra::default(), false);
    f.full.persistent = Some(crate::probe::registry::settle(reg, &e));
    let s = session(f);
    run(
        &s,
        &Options {
            shell: Some(Shell::Pwsh),
            ..Default::default()
        },
    )
}

fn fix_is_safe(f: &Finding) {
    assert!(!f.fix.contains("setx"), "{}", f.fix);
    assert!(f.fix.contains("open a new terminal"), "{}", f.fix);
}

#[test]
fn machine_go_shadows_user_go() {
    let t = Tree::new();
    t.toolchain("machine", "1.22.12", true);
    t.toolchain("user", "1.23.5", true);
    let reg = RegEnv {
        machine: vec![var(
            "Path",
            &format!("/bin;{}", t.s("machine/bin")),
            RegType::ExpandSz,
        )],
        user: vec![var("Path", &t.s("user/bin"), RegType::ExpandSz)],
        errors: vec![],
    };
    let path = format!("/bin:{}:{}", t.s("machine/bin"), t.s("user/bin"));
    let fs = run_reg(&[("PATH", &path)], reg.clone());
    let f = get(&fs, "win-machine-go-shadows-user-go");
    assert!(
        f.message.contains("go1.22.12") && f.message.contains("go1.23.5"),
        "{}",
        f.message
    );
    assert!(
        f.fix
            .contains("[Environment]::SetEnvironmentVariable('Path', '/bin', 'Machine')"),
        "{}",
        f.fix
    );
    assert!(f.fix.contains("elevated"), "{}", f.fix);
    fix_is_safe(f);
    assert!(!has(&fs, "win-terminal-path-stale"), "{:?}", ids(&fs));
    // The User PATH's go first: nothing to say.
    let reg = RegEnv {
        machine: vec![var("Path", "/bin", RegType::ExpandSz)],
        user: vec![var(
            "Path",
            &format!("{};{}", t.s("user/bin"), t.s("machine/bin")),
            RegType::ExpandSz,
        )],
        errors: vec![],
    };
    let fs = run_reg(&[("PATH", &path)], reg);
    assert!(
        !has(&fs, "win-machine-go-shadows-user-go"),
        "{:?}",
        ids(&fs)
    );
}

#[test]
fn persistent_goroot_gopath_gobin_disagree() {
    let t = Tree::new();
    t.toolchain("old", "1.22.12", true);
    t.toolchain("new", "1.23.5", true);
    let path = t.s("new/bin");
    let reg = RegEnv {
        machine: vec![],
        user: vec![
            var("Path", &path, RegType::ExpandSz),
            var("GOROOT", &t.s("old"), RegType::Sz),
            var("GOBIN", &format!("{}/bin", t.s("new")), RegType::Sz),
        ],
        errors: vec![],
    };
    let fs = run_reg(&[("PATH", &path)], reg);
    let all: Vec<&Finding> = fs
        .iter()
        .filter(|f| f.id == "win-persistent-go-var-disagrees")
        .collect();
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(
        all[0].message.contains("GOROOT=") && all[0].message.contains("go1.22.12"),
        "{}",
        all[0].message
    );
    assert!(
        all[0]
            .fix
            .contains("[Environment]::SetEnvironmentVariable('GOROOT', $null, 'User')"),
        "{}",
        all[0].fix
    );
    assert!(
        all[1].message.contains("inside the Go root"),
        "{}",
        all[1].message
    );
    for f in all {
        fix_is_safe(f);
    }
    // A GOROOT that is no Go root.
    let reg = RegEnv {
        user: vec![var("GOROOT", &t.s("nowhere"), RegType::Sz)],
        ..RegEnv::default()
    };
    let fs = run_reg(&[("PATH", &path)], reg);
    assert!(get(&fs, "win-persistent-go-var-disagrees")
        .message
        .contains("not a Go root"));
}

#[test]
fn reg_sz_with_references_is_not_expanded() {
    let t = Tree::new();
    t.toolchain("go", "1.23.5", true);
    let reg = RegEnv {
        machine: vec![var("GOROOT", &t.s("go"), RegType::Sz)],
        user: vec![var("Path", "%GOROOT%/bin;/usr/bin", RegType::Sz)],
        errors: vec![],
    };
    let fs = run_reg(&[("PATH", "/usr/bin")], reg.clone());
    let f = get(&fs, "win-persistent-var-unexpanded");
    assert!(
        f.message.contains("REG_SZ") && f.message.contains("%GOROOT%/bin"),
        "{}",
        f.message
    );
    let want = format!(
        "[Environment]::SetEnvironmentVariable('Path', '{}/bin;/usr/bin', 'User')",
        t.s("go")
    );
    assert!(f.fix.contains(&want), "{}\n{want}", f.fix);
    fix_is_safe(f);
    // As REG_EXPAND_SZ it works: no finding.
    let mut ok = reg.clone();
    ok.user[0].ty = RegType::ExpandSz;
    assert!(!has(
        &run_reg(&[("PATH", "/usr/bin")], ok),
        "win-persistent-var-unexpanded"
    ));
    // A reference nothing defines: the dialog, not a line that would
    // store the literal text.
    let mut bad = reg;
    bad.user[0].value = "%NOPE%/bin".into();
    let fs = run_reg(&[("PATH", "/usr/bin")], bad);
    let f = get(&fs, "win-persistent-var-unexpanded");
    assert!(
        !f.fix.contains("SetEnvironmentVariable") && f.fix.contains("sysdm.cpl"),
        "{}",
        f.fix
    );
    fix_is_safe(f);
}

#[test]
fn long_persistent_path() {
    let many: Vec<String> = (0..200).map(|i| format!("/opt/tool{i:04}/bin")).collect();
    let reg = RegEnv {
        machine: vec![var("Path", &many.join(";"), RegType::ExpandSz)],
        user: vec![var("Path", "/opt/tool0000/bin;/usr/bin", RegType::ExpandSz)],
        errors: vec![],
    };
    let fs = run_reg(&[("PATH", "/usr/bin")], reg);
    let f = get(&fs, "win-persistent-path-too-long");
    assert!(
        f.message.contains("2047") && f.message.contains("setx"),
        "{}",
        f.message
    );
    // The missing and repeated entries go; /usr/bin stays.
    assert!(
        f.fix
            .contains("[Environment]::SetEnvironmentVariable('Path', '/usr/bin', 'User')"),
        "{}",
        f.fix
    );
    fix_is_safe(f);
    let short = RegEnv {
        machine: vec![var("Path", "/usr/bin", RegType::ExpandSz)],
        ..RegEnv::default()
    };
    assert!(!has(
        &run_reg(&[("PATH", "/usr/bin")], short),
        "win-persistent-path-too-long"
    ));
}

#[test]
fn terminal_opened_before_the_install() {
    let t = Tree::new();
    t.toolchain("go", "1.23.5", true);
    let reg = RegEnv {
        machine: vec![var(
            "Path",
            &format!("/usr/bin;{}", t.s("go/bin")),
            RegType::ExpandSz,
        )],
        user: vec![var("GOPATH", "/home/u/go", RegType::Sz)],
        errors: vec![],
    };
    let fs = run_reg(&[("PATH", "/usr/bin")], reg.clone());
    let f = get(&fs, "win-terminal-path-stale");
    assert!(f.message.contains(&t.s("go/bin")), "{}", f.message);
    assert!(
        f.message
            .contains("GOPATH is unset here, /home/u/go in new terminals"),
        "{}",
        f.message
    );
    fix_is_safe(f);
    let path = format!("/usr/bin:{}", t.s("go/bin"));
    let fs = run_reg(&[("PATH", &path), ("GOPATH", "/home/u/go")], reg);
    assert!(!has(&fs, "win-terminal-path-stale"), "{:?}", ids(&fs));
}
