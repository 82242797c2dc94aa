//! The model's unit tests: module loading, workspaces, downloads, the
//! module cache.

use super::tests::*;
use super::*;

#[test]
fn tidy_demands() {
    for body in [
        "go 1.22.0\ntoolchain go1.22.0\n",
        "go 1.21.0\ntoolchain default\n",
        "go 1.21.0\ntoolchain go1.20\n",
    ] {
        let mut s = t("go1.23.5");
        s.gomod(body);
        assert_eq!(
            module_fail(&s.d()),
            "go: updates to go.mod needed; to update it:\n\tgo mod tidy",
            "{body}"
        );
        s.set("GOFLAGS", "-mod=readonly");
        assert_eq!(
            module_fail(&s.d()),
            "go: updates to go.mod needed, disabled by -mod=readonly; to update it:\n\tgo mod tidy"
        );
        s.set("GOFLAGS", "-mod=mod");
        assert_eq!(s.d().module, Module::Ok, "go rewrites the file instead");
    }
    let mut s = t("go1.23.5");
    s.gomod("go 1.21.0\ntoolchain go1.22.12\n");
    assert_eq!(s.d().module, Module::Ok);
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn go_mod_errors() {
    let mut s = t("go1.23.5");
    s.gomod("go banana\n");
    let d = s.d();
    assert_eq!(d.run, Run::Local, "Select only scans the lines");
    assert_eq!(
        module_fail(&d),
        "go: errors parsing go.mod:\ngo.mod:3: invalid go version 'banana': must match format 1.23.0"
    );
    let mut s = t("go1.22.12");
    s.cwd = PathBuf::from("/w/m/sub");
    s.gomod("go 1.22.3.4\n");
    assert_eq!(
        module_fail(&s.d()),
        "go: errors parsing ../go.mod:\n../go.mod:3: invalid go version '1.22.3.4': must match format 1.23.0"
    );
    let mut s = t("go1.22.12");
    s.file("/w/m/go.mod", "go 1.22.0\n");
    assert_eq!(
        module_fail(&s.d()),
        "go: error reading go.mod: missing module declaration. To specify the module path:\n\tgo mod edit -module=example.com/mod"
    );
    let mut s = t("go1.23.5");
    s.file("/w/m/go.mod", "module x y\n");
    assert_eq!(
        module_fail(&s.d()),
        "go: errors parsing go.mod:\ngo.mod:1: usage: module module/path"
    );
    let mut s = t("go1.23.5");
    s.gomod("go 1.22.0\ngodebug foo=1\n");
    assert_eq!(
        module_fail(&s.d()),
        "go: error loading go.mod:\ngo.mod:4: unknown godebug \"foo\""
    );
    s.gomod("go 1.22.0\ngodebug panicnil=1\n");
    assert_eq!(s.d().module, Module::Ok);
}

#[test]
fn work_over_mod() {
    let mut s = t("go1.22.12");
    s.file("/w/go.work", "go 1.21.0\n\nuse ./m\n")
        .gomod("go 1.22.0\n");
    let d = s.d();
    assert_eq!(d.file.as_ref().map(|f| f.kind), Some(Kind::GoWork));
    assert_eq!(
        module_fail(&d),
        "go: module . listed in go.work file requires go >= 1.22.0, but go.work lists go 1.21.0; to update it:\n\tgo work use"
    );
    // The go.work asks for more: go switches for it.
    let mut s = t("go1.21.13");
    s.file("/w/go.work", "go 1.23.0\n\nuse ./m\n")
        .gomod("go 1.21.0\n");
    assert_eq!(s.d().want, "go1.23.0");
    // GOWORK=off: the go.mod decides.
    s.set("GOWORK", "off");
    assert_eq!(s.d().want, "go1.21.13");
    // Without a go line Go 1.23 says "implicitly requires", 1.22 "lists".
    for (local, verb) in [("go1.23.5", "implicitly requires"), ("go1.22.12", "lists")] {
        let mut s = t(local);
        s.file("/w/go.work", "use ./m\n").gomod("go 1.22.0\n");
        assert_eq!(
            module_fail(&s.d()),
            format!("go: module . listed in go.work file requires go >= 1.22.0, but go.work {verb} go 1.18; to update it:\n\tgo work use")
        );
    }
    // A relative GOWORK: Select's message doubles its prefix.
    let mut s = t("go1.22.12");
    s.gomod("go 1.21\n").set("GOWORK", "rel/go.work");
    assert_eq!(
        fail_msg(&s.d()),
        "go: go: invalid GOWORK: not an absolute path"
    );
    // Go 1.23 also checks it at start-up when Select did not look.
    let mut s = t("go1.23.5");
    s.gomod("go 1.21\n").set("GOWORK", "rel/go.work");
    s.env.goroot_file = None;
    assert_eq!(fail_msg(&s.d()), "go: invalid GOWORK: not an absolute path");
}

#[test]
fn path_mode() {
    let mut s = t("go1.21.13");
    s.gomod("go 1.22.12\n").set("GOTOOLCHAIN", "path");
    assert_eq!(fail_msg(&s.d()), "go: cannot find \"go1.22.12\" in PATH");
    s.on_path("go1.22.12", "go1.22.12");
    let d = s.d();
    assert!(matches!(d.run, Run::Path { ref exe, .. } if exe == Path::new("/bin/go1.22.12")));
    assert_eq!(d.module, Module::Ok);
    // PATH not searched: the model says so.
    let mut s = t("go1.21.13");
    s.gomod("go 1.22.12\n");
    s.world.path_unknown = true;
    assert!(matches!(s.d().run, Run::Unknown { .. }));
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn downloads_and_proxies() {
    let zip = "/p/golang.org/toolchain/@v/v0.0.1-go1.23.5.linux-amd64.zip";
    let case = |proxy: &str, sumdb: Option<&str>, extra: &[(&str, &str)]| {
        let mut s = t("go1.21.13");
        s.gomod("go 1.23.5\n")
            .set("GOPROXY", proxy)
            .file(zip, "zip");
        if let Some(v) = sumdb {
            s.set("GOSUMDB", v);
        }
        for (k, v) in extra {
            s.set(k, v);
        }
        s.d().run
    };
    let fails = |r: Run| match r {
        Run::Download {
            fate: Fate::Fails { error },
            ..
        } => error.message,
        r => panic!("{r:?}"),
    };
    assert_eq!(
        fails(case("off", None, &[])),
        "go: download go1.23.5 for linux/amd64: toolchain not available"
    );
    assert_eq!(
        fails(case(",", None, &[])),
        "go: download go1.23.5: GOPROXY list is not the empty string, but contains no entries"
    );
    assert_eq!(
        fails(case("bogus", None, &[])),
        "go: download go1.23.5: invalid proxy URL missing scheme: bogus"
    );
    assert_eq!(
        fails(case("ftp://x", None, &[])),
        "go: download go1.23.5: invalid proxy URL scheme (must be https, http, file): ftp://x"
    );
    assert_eq!(
        fails(case("file://host/x", None, &[])),
        "go: download go1.23.5: invalid file:// proxy URL with non-path elements: file://host/x"
    );
    let net = |r: Run| match r {
        Run::Download {
            fate: Fate::NeedsNetwork { url },
            ..
        } => url,
        r => panic!("{r:?}"),
    };
    assert_eq!(
        net(case("https://proxy.golang.org,direct", None, &[])),
        "https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go1.23.5.linux-amd64.zip"
    );
    assert_eq!(
        net(case("noscheme.example", None, &[])),
        "https://noscheme.example/golang.org/toolchain/@v/v0.0.1-go1.23.5.linux-amd64.zip"
    );
    // "," stops at a network error; "|" falls through to the next.
    assert!(matches!(
        case("http://127.0.0.1:1,file:///p", Some("off"), &[]),
        Run::Download {
            fate: Fate::NeedsNetwork { .. },
            ..
        }
    ));
    // A file proxy with the zip: a list always needs the checksum database.
    assert_eq!(
        fails(case("http://127.0.0.1:1|file:///p", Some("off"), &[])),
        "go: download go1.23.5: golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64: verifying module: checksum database disabled by GOSUMDB=off"
    );
    // A single file proxy is exempt when GOSUMDB=off or GONOSUMDB matches.
    assert!(matches!(
        case("file:///p", Some("off"), &[]),
        Run::Download {
            fate: Fate::Succeeds,
            ..
        }
    ));
    assert!(matches!(
        case("file:///p", None, &[("GONOSUMDB", "golang.org/*")]),
        Run::Download {
            fate: Fate::Succeeds,
            ..
        }
    ));
    assert!(matches!(
        case("file:///p", None, &[("GOPRIVATE", "golang.org/toolchain")]),
        Run::Download {
            fate: Fate::NeedsNetwork { .. },
            ..
        }
    ));
    assert_eq!(
        net(case("file:///p", None, &[])),
        "https://sum.golang.org/lookup/golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64"
    );
    assert_eq!(fails(case("file:///p", Some("a b c"), &[])), "go: download go1.23.5: golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64: verifying module: invalid GOSUMDB: too many fields");
    // A file proxy without it.
    assert_eq!(
        fails(case("file:///nowhere", None, &[])),
        "go: download go1.23.5 for linux/amd64: toolchain not available"
    );
    // No module cache anywhere.
    let mut s = t("go1.21.13");
    s.gomod("go 1.23.5\n");
    s.env.process.remove("HOME");
    assert_eq!(
        fail_msg(&s.d()),
        "go: module cache not found: neither GOMODCACHE nor GOPATH is set"
    );
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn module_cache() {
    let mut s = t("go1.21.13");
    s.gomod("go 1.23.5\n");
    s.world.cache.insert(
        "v0.0.1-go1.23.5.linux-amd64".into(),
        CacheState::Extracted {
            sumdb_lookup_cached: true,
        },
    );
    let d = s.d();
    assert!(
        matches!(d.run, Run::ModCache { fate: Fate::Succeeds, ref dir, .. } if dir == Path::new("/home/u/go/pkg/mod/golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64"))
    );
    assert!(d.notes.is_empty());
    assert_eq!(d.module, Module::Ok);
    s.world.cache.insert(
        "v0.0.1-go1.23.5.linux-amd64".into(),
        CacheState::Extracted {
            sumdb_lookup_cached: false,
        },
    );
    s.set("GOSUMDB", "off");
    assert_eq!(fail_msg(&s.d()), "go: golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64: verifying module: checksum database disabled by GOSUMDB=off");
    s.set("GOSUMDB", "sum.golang.org");
    assert!(matches!(
        s.d().run,
        Run::ModCache {
            fate: Fate::NeedsNetwork { .. },
            ..
        }
    ));
}

#[test]
fn temp_root_and_no_module() {
    let mut s = t("go1.23.5");
    s.cwd = PathBuf::from("/tmp/x");
    s.file("/tmp/go.mod", "module m\ngo 1.30.0\n");
    let d = s.d();
    assert_eq!(d.run, Run::Local, "Select ignores it");
    assert_eq!(d.module, Module::NoModule);
    assert_eq!(
        d.module_notes,
        ["go: warning: ignoring go.mod in system temp root /tmp"]
    );
    let mut s = t("go1.23.5");
    s.cwd = PathBuf::from("/nowhere");
    assert_eq!(s.d().module, Module::NoModule);
    s.set("GO111MODULE", "auto");
    assert_eq!(s.d().module, Module::ModulesOff);
    s.set("GO111MODULE", "bogus");
    assert_eq!(
        module_fail(&s.d()),
        "go: unknown environment setting GO111MODULE=bogus"
    );
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn go_mod_in_gopath_is_ignored() {
    let mut s = t("go1.23.5");
    s.gomod("go 1.21\n").file("/home/u/go/go.mod", "module x\n");
    let d = s.d();
    assert_eq!(d.module, Module::Ok);
    assert_eq!(
        d.module_notes,
        ["go: warning: ignoring go.mod in $GOPATH /home/u/go"]
    );
    s.set("GO111MODULE", "auto");
    assert_eq!(s.d().module, Module::ModulesOff);
    let mut s = t("go1.21.13");
    s.gomod("go 1.21\n").file("/home/u/go/go.mod", "module x\n");
    assert_eq!(module_fail(&s.d()), "$GOPATH/go.mod exists but should not");
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn helpers() {
    assert_eq!(
        short_path(Path::new("/w/m"), Path::new("/w/m/go.mod")),
        "go.mod"
    );
    assert_eq!(
        short_path(Path::new("/work/mod/a/b"), Path::new("/work/mod/go.mod")),
        "../../go.mod"
    );
    assert_eq!(
        short_path(Path::new("/a/b/c/d/e"), Path::new("/x/go.mod")),
        "/x/go.mod"
    );
    assert!(match_prefix_patterns(
        "golang.org/*",
        "golang.org/toolchain"
    ));
    assert!(match_prefix_patterns(
        "x.com,golang.org",
        "golang.org/toolchain"
    ));
    assert!(!match_prefix_patterns(
        "golang.org/tool",
        "golang.org/toolchain"
    ));
    assert!(!match_prefix_patterns(
        " golang.org",
        "golang.org/toolchain"
    ));
    assert!(match_prefix_patterns("*.org", "golang.org/toolchain"));
    assert!(match_prefix_patterns(
        "golang.org/[st]oolchain",
        "golang.org/toolchain"
    ));
    assert!(!match_prefix_patterns(
        "golang.org/[",
        "golang.org/toolchain"
    ));
    assert_eq!(proxy_list("off", "").unwrap().len(), 1);
    assert_eq!(
        proxy_list("a.com|off,b", "x")
            .unwrap()
            .iter()
            .map(|p| p.url.as_str())
            .collect::<Vec<_>>(),
        ["noproxy", "https://a.com", "off"]
    );
    assert!(proxy_list(" , ", "").is_err());
}

/// The same decisions on Windows, in go.exe's spelling: `%USERPROFILE%\go`
/// as the default GOPATH, `\` in the paths it prints, the windows-amd64
/// toolchain module.
#[test]
#[cfg(windows)]
fn windows_paths_as_go_exe_prints_them() {
    let d = |s: &T| {
        decide(
            &Input {
                local: &s.local,
                env: &s.env,
                cwd: &s.cwd,
                tmpdir: Path::new(r"C:\Users\u\AppData\Local\Temp"),
                goroot: Some(Path::new(r"C:\Program Files\Go")),
                host: ("windows", "amd64"),
            },
            &s.world,
        )
    };
    let win = |local: &str| {
        let mut s = t(local);
        s.env.process.remove("HOME");
        s.set("USERPROFILE", r"C:\Users\u");
        s.cwd = PathBuf::from(r"C:\w\m\sub");
        s
    };
    let mut s = win("go1.22.12");
    s.file(r"C:\w\m\go.mod", "module example.com/m\n\ngo 1.22.3.4\n");
    assert_eq!(
        module_fail(&d(&s)),
        "go: errors parsing ..\\go.mod:\n..\\go.mod:3: invalid go version '1.22.3.4': must match format 1.23.0"
    );
    assert_eq!(
        short_path(
            Path::new(r"C:\work\mod\a\b"),
            Path::new(r"C:\work\mod\go.mod")
        ),
        r"..\..\go.mod"
    );
    let mut s = win("go1.21.13");
    s.file(r"C:\w\m\go.mod", "module example.com/m\n\ngo 1.23.5\n");
    s.world.cache.insert(
        "v0.0.1-go1.23.5.windows-amd64".into(),
        CacheState::Extracted {
            sumdb_lookup_cached: true,
        },
    );
    let got = d(&s);
    assert!(
        matches!(got.run, Run::ModCache { fate: Fate::Succeeds, ref dir, .. } if dir == Path::new(r"C:\Users\u\go\pkg\mod\golang.org\toolchain@v0.0.1-go1.23.5.windows-amd64")),
        "{:?}",
        got.run
    );
}
