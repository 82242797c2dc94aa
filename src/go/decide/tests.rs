//! The model's unit tests: settings, GOTOOLCHAIN forms, Select.

use super::*;

/// A scenario in memory: cwd /w/m, TMPDIR /tmp, GOROOT /goroot with
/// Go's shipped go.env, GOPROXY=off unless set.
pub(super) struct T {
    pub(super) env: GoEnv,
    pub(super) world: MemWorld,
    pub(super) cwd: PathBuf,
    pub(super) local: String,
}

pub(super) const GO_ENV: &[u8] =
    b"GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n";

pub(super) fn t(local: &str) -> T {
    let mut env = GoEnv {
        goroot_file: Some(GO_ENV.to_vec()),
        ..GoEnv::default()
    };
    env.process.insert("HOME".into(), b"/home/u".to_vec());
    env.process.insert("GOPROXY".into(), b"off".to_vec());
    T {
        env,
        world: MemWorld::default(),
        cwd: PathBuf::from("/w/m"),
        local: local.into(),
    }
}

impl T {
    pub(super) fn set(&mut self, k: &str, v: &str) -> &mut T {
        self.env.process.insert(k.into(), v.as_bytes().to_vec());
        self
    }
    pub(super) fn file(&mut self, p: &str, text: &str) -> &mut T {
        self.world
            .files
            .insert(PathBuf::from(p), text.as_bytes().to_vec());
        self
    }
    pub(super) fn gomod(&mut self, body: &str) -> &mut T {
        self.file("/w/m/go.mod", &format!("module example.com/m\n\n{body}"))
    }
    pub(super) fn on_path(&mut self, name: &str, version: &str) -> &mut T {
        self.world.path.insert(
            name.into(),
            PathHit::Found {
                exe: PathBuf::from(format!("/bin/{name}")),
                version: Some(version.into()),
            },
        );
        self
    }
    pub(super) fn d(&self) -> Decision {
        let input = Input {
            local: &self.local,
            env: &self.env,
            cwd: &self.cwd,
            tmpdir: Path::new("/tmp"),
            goroot: Some(Path::new("/goroot")),
            host: ("linux", "amd64"),
        };
        decide(&input, &self.world)
    }
}

pub(super) fn fail_msg(d: &Decision) -> String {
    match &d.run {
        Run::Fail { error }
        | Run::Download {
            fate: Fate::Fails { error },
            ..
        }
        | Run::ModCache {
            fate: Fate::Fails { error },
            ..
        } => error.message.clone(),
        r => panic!("not a failure: {r:?}"),
    }
}

pub(super) fn module_fail(d: &Decision) -> String {
    match &d.module {
        Module::Fail { error } => error.message.clone(),
        m => panic!("module does not fail: {m:?}"),
    }
}

#[test]
fn settings_resolve_as_go_does() {
    let mut e = GoEnv {
        goroot_file: Some(GO_ENV.to_vec()),
        ..GoEnv::default()
    };
    assert_eq!(e.get("GOTOOLCHAIN").source, Source::GorootEnv);
    e.user_file = Some(b"GOTOOLCHAIN=local\nGOTOOLCHAIN=path\n".to_vec());
    let s = e.get("GOTOOLCHAIN");
    assert_eq!((s.as_str().as_ref(), s.source), ("path", Source::EnvFile));
    e.process.insert("GOTOOLCHAIN".into(), Vec::new());
    assert_eq!(
        e.get("GOTOOLCHAIN").source,
        Source::EnvFile,
        "an empty variable is ignored"
    );
    e.process
        .insert("GOTOOLCHAIN".into(), b"go1.22.0+auto".to_vec());
    assert_eq!(e.get("GOTOOLCHAIN").source, Source::Environment);
    e.process.clear();
    e.user_file = Some(b"GOTOOLCHAIN=\n".to_vec());
    let s = e.get("GOTOOLCHAIN");
    assert!(
        s.is_empty() && s.source == Source::EnvFile,
        "an empty line hides go.env"
    );
    e.user_file = Some(b"GOTOOLCHAIN=local\r\n# c\n lower=x\n".to_vec());
    assert_eq!(e.get("GOTOOLCHAIN").value, b"local\r");
    e.goroot_file = None;
    e.user_file = None;
    assert_eq!(e.get("GOTOOLCHAIN").source, Source::Unset);
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn local_and_no_switching() {
    let mut s = t("go1.21.13");
    s.gomod("go 1.23.0\n").set("GOTOOLCHAIN", "local");
    let d = s.d();
    assert_eq!(d.run, Run::Local);
    assert_eq!(
        module_fail(&d),
        "go: go.mod requires go >= 1.23.0 (running go 1.21.13; GOTOOLCHAIN=local)"
    );
    // Modules off: no switching, whatever GOTOOLCHAIN says.
    let mut s = t("go1.21.13");
    s.gomod("go 1.23.0\n")
        .set("GO111MODULE", "off")
        .set("GOTOOLCHAIN", "bogus");
    let d = s.d();
    assert_eq!((d.run, d.module), (Run::Local, Module::ModulesOff));
    // auto outside a module: no switching either.
    let mut s = t("go1.21.13");
    s.set("GO111MODULE", "auto").set("GOTOOLCHAIN", "go1.23.5");
    s.cwd = PathBuf::from("/elsewhere");
    assert_eq!(s.d().run, Run::Local);
    // No GOTOOLCHAIN anywhere (a go.env without it): no switching.
    let mut s = t("go1.22.12");
    s.env.goroot_file = None;
    s.gomod("go 1.23.0\n");
    let d = s.d();
    assert_eq!(d.run, Run::Local);
    assert_eq!(
        module_fail(&d),
        "go: go.mod requires go >= 1.23.0 (running go 1.22.12)"
    );
    // Go 1.19 never switches; it cannot read a 1.21 go line.
    let mut s = t("go1.19.8");
    s.gomod("go 1.21.0\n");
    let d = s.d();
    assert_eq!(d.run, Run::Local);
    assert_eq!(
        module_fail(&d),
        "go: errors parsing go.mod:\n/w/m/go.mod:3: invalid go version '1.21.0': must match format 1.23"
    );
    let mut s = t("go1.19.8");
    s.gomod("go 1.22\n");
    assert_eq!(
        s.d().module,
        Module::Ok,
        "1.19 builds newer language versions"
    );
}

#[test]
fn invalid_gotoolchain_forms() {
    for (v, msg) in [
        ("bogus", "go: invalid GOTOOLCHAIN \"bogus\""),
        ("1.22", "go: invalid GOTOOLCHAIN \"1.22\""),
        (
            "bogus+auto",
            "go: invalid GOTOOLCHAIN \"bogus+auto\": invalid minimum toolchain \"bogus\"",
        ),
        (
            "go1.22.0+foo",
            "go: invalid GOTOOLCHAIN \"go1.22.0+foo\": only version suffixes are +auto and +path",
        ),
        (
            "local+",
            "go: invalid GOTOOLCHAIN \"local+\": only version suffixes are +auto and +path",
        ),
        (
            "+auto",
            "go: invalid GOTOOLCHAIN \"+auto\": invalid minimum toolchain \"\"",
        ),
        ("local\r", "go: invalid GOTOOLCHAIN \"local\\r\""),
        ("go2.0.0", "go: invalid GOTOOLCHAIN \"go2.0.0\""),
    ] {
        let mut s = t("go1.23.5");
        s.gomod("go 1.21\n").set("GOTOOLCHAIN", v);
        let d = s.d();
        assert_eq!(fail_msg(&d), msg, "{v:?}");
        assert_eq!(d.module, Module::NotReached);
    }
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn minimum_older_than_local_is_the_default() {
    // go1.23.5 with go1.22.0+auto runs go1.22.0.
    let mut s = t("go1.23.5");
    s.gomod("go 1.21\n").set("GOTOOLCHAIN", "go1.22.0+auto");
    let d = s.d();
    assert_eq!(d.want, "go1.22.0");
    assert_eq!(d.chosen_by, ChosenBy::Minimum);
    assert_eq!(d.notes, ["go: downloading go1.22.0 (linux/amd64)"]);
    assert_eq!(
        fail_msg(&d),
        "go: download go1.22.0 for linux/amd64: toolchain not available"
    );
    // ... and exactly the go line's release when the file asks for more.
    let mut s = t("go1.21.13");
    s.gomod("go 1.23.0\n").set("GOTOOLCHAIN", "go1.21.13+auto");
    let d = s.d();
    assert_eq!(
        (d.want.as_str(), &d.chosen_by),
        ("go1.23.0", &ChosenBy::GoLine { line: 3 })
    );
    // A pinned name without +auto runs it whatever the file says.
    let mut s = t("go1.23.5");
    s.gomod("go 1.23.0\n")
        .set("GOTOOLCHAIN", "go1.22.12")
        .on_path("go1.22.12", "go1.22.12");
    let d = s.d();
    assert!(matches!(d.run, Run::Path { ref name, .. } if name == "go1.22.12"));
    assert_eq!(
        module_fail(&d),
        "go: go.mod requires go >= 1.23.0 (running go 1.22.12; GOTOOLCHAIN=go1.22.12)"
    );
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn language_versions_as_names() {
    let mut s = t("go1.21.13");
    s.gomod("go 1.21\n").set("GOTOOLCHAIN", "go1.22+auto");
    let d = s.d();
    assert_eq!(
        fail_msg(&d),
        "go: invalid toolchain: go1.22 is a language version but not a toolchain version (go1.22.x)"
    );
    // Valid when go.mod asks for more: it switches to the release.
    let mut s = t("go1.21.13");
    s.gomod("go 1.22.1\n")
        .set("GOTOOLCHAIN", "go1.22+auto")
        .on_path("go1.22.1", "go1.22.1");
    assert!(matches!(s.d().run, Run::Path { ref name, .. } if name == "go1.22.1"));
    // A go line with a language version switches to its .0 release.
    let mut s = t("go1.21.13");
    s.gomod("go 1.22\n");
    assert_eq!(s.d().want, "go1.22.0");
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn suffixed_names_stay_whole() {
    let mut s = t("go1.21.13");
    s.gomod("go 1.21.0\ntoolchain go1.22.12-custom\n");
    let d = s.d();
    assert_eq!(d.want, "go1.22.12-custom");
    assert_eq!(d.notes, ["go: downloading go1.22.12-custom (linux/amd64)"]);
    // Found on PATH but the binary is plain go1.22.12: the child refuses.
    s.on_path("go1.22.12-custom", "go1.22.12");
    assert_eq!(
        fail_msg(&s.d()),
        "go: toolchain go1.22.12 invoked to provide go1.22.12-custom"
    );
    // Go 1.21 accepts a toolchain line equal to its minimum; 1.22 does not.
    let mut s = t("go1.22.12");
    s.gomod("go 1.21.0\ntoolchain go1.22.12-custom\n")
        .set("GOTOOLCHAIN", "go1.22.12+auto");
    assert_eq!(s.d().run, Run::Local);
    let mut s = t("go1.21.13");
    s.gomod("go 1.21.0\ntoolchain go1.22.12-custom\n")
        .set("GOTOOLCHAIN", "go1.22.12+auto");
    assert_eq!(s.d().want, "go1.22.12-custom");
}

#[test]
fn toolchain_lines() {
    // default: the go line no longer switches.
    let mut s = t("go1.21.13");
    s.gomod("go 1.22.12\ntoolchain default\n");
    let d = s.d();
    assert_eq!(d.run, Run::Local);
    assert_eq!(
        module_fail(&d),
        "go: go.mod requires go >= 1.22.12 (running go 1.21.13; go.mod sets toolchain default)"
    );
    // Not a toolchain name: every go command stops (auto and path).
    let mut s = t("go1.22.12");
    s.gomod("go 1.21.0\ntoolchain go1.21.0+auto\n");
    let d = s.d();
    assert_eq!(
        fail_msg(&d),
        "go: invalid toolchain \"go1.21.0+auto\" in go.mod"
    );
    assert!(matches!(d.run, Run::Fail { ref error } if error.line == Some(4)));
    // ... and under local, go mod tidy is demanded.
    s.set("GOTOOLCHAIN", "local");
    assert_eq!(
        module_fail(&s.d()),
        "go: updates to go.mod needed; to update it:\n\tgo mod tidy"
    );
    // A newer toolchain line wins over the go line.
    let mut s = t("go1.21.13");
    s.gomod("go 1.21.0\ntoolchain go1.23.5\n")
        .on_path("go1.23.5", "go1.23.5");
    let d = s.d();
    assert_eq!(d.chosen_by, ChosenBy::ToolchainLine { line: 4 });
    assert_eq!(d.runs_version.as_deref(), Some("1.23.5"));
}
