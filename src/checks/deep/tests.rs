use super::*;
use crate::go::envfile::GoEnvFile;
use crate::sys::platform::Platform;

fn env(pairs: &[(&str, &str)]) -> EnvSnapshot {
    EnvSnapshot::from_pairs(pairs, "/w", Platform::UNIX)
}

fn file(text: &str) -> GoEnvFile {
    envfile::parse_for(Path::new("/c/go/env"), text.as_bytes(), Platform::UNIX)
}

fn goroot_env() -> GoEnvFile {
    envfile::parse_for(
            Path::new("/r/go.env"),
            b"# comment\nGOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n",
            Platform::UNIX,
        )
}

fn v(s: &str) -> GoVersion {
    GoVersion::parse(s).unwrap()
}

/// `goroot_env`: None not known, Some(None) none (or Go < 1.21).
fn pr<'a>(
    env: &'a EnvSnapshot,
    file: Option<&'a GoEnvFile>,
    version: Option<&'a GoVersion>,
    goroot_env: Option<Option<GoEnvFile>>,
) -> Predictor<'a> {
    let go121 = version.is_some_and(|v| v.at_least("1.21"));
    let defaults = match goroot_env {
        None => Defaults::Unknown,
        Some(_) if !go121 => Defaults::Builtin,
        Some(f) => Defaults::GoEnv(f.map(|f| &*Box::leak(Box::new(f)))),
    };
    Predictor {
        env,
        version,
        lookup: Lookup {
            env,
            file,
            defaults,
        },
        home_go_is_root: false,
    }
}

/// Go's `filepath.Clean` of this machine: `/` on Unix, `\` and volumes on
/// Windows (what go.exe prints for the same values).
#[test]
fn clean_is_go_filepath_clean() {
    let cases: &[(&str, &str)] = if cfg!(windows) {
        &[
            ("/a//b/", r"\a\b"),
            (r"C:/x/./y/../z\", r"C:\x\z"),
            (r"C:\..", r"C:\"),
            ("a/../..", ".."),
            ("", "."),
            ("C:", "C:."),
            (r"\\srv\share\go\..\bin", r"\\srv\share\bin"),
        ]
    } else {
        &[
            ("/a//b/", "/a/b"),
            ("/a/./b/../c", "/a/c"),
            ("/..", "/"),
            ("a/../..", ".."),
            ("", "."),
            ("/h/x//.cache/go-build", "/h/x/.cache/go-build"),
        ]
    };
    for (a, b) in cases {
        assert_eq!(clean(a), *b, "{a}");
    }
}

#[test]
fn agree_compares_paths_cleaned_and_lists_without_empty_entries() {
    let (a, b, ab, ba, messy) = if cfg!(windows) {
        (
            r"C:\h\\x\go",
            r"C:/h/x/go",
            r"C:\a;C:\b\",
            r"C:\b;C:\a",
            r";C:\a;;C:/b",
        )
    } else {
        ("/h//x/go", "/h/x/go", "/a:/b/", "/b:/a", ":/a::/b")
    };
    assert!(agree(Cmp::Path, a, b));
    assert!(!agree(Cmp::Path, b, ""));
    assert!(agree(Cmp::Path, "", ""));
    assert!(agree(Cmp::PathList, ab, messy));
    assert!(!agree(Cmp::PathList, ab, ba));
    assert!(!agree(Cmp::Exact, "off", "off "));
}

#[test]
fn goproxy_is_built_in_before_121_and_from_go_env_since() {
    let e = env(&[("HOME", "/h")]);
    let (v19, v23) = (v("1.19.8"), v("1.23.5"));
    let p = pr(&e, None, Some(&v19), Some(None))
        .builtin_before_121("GOPROXY")
        .unwrap();
    assert_eq!(p.value, "https://proxy.golang.org,direct");
    assert_eq!(
        p.from,
        Origin::Default("Go's built-in default before go1.21".into())
    );
    let p = pr(&e, None, Some(&v23), Some(Some(goroot_env())))
        .builtin_before_121("GOPROXY")
        .unwrap();
    assert_eq!(p.value, "https://proxy.golang.org,direct");
    assert_eq!(p.from, Origin::GorootEnv(PathBuf::from("/r/go.env")));
    // no go.env: empty
    let p = pr(&e, None, Some(&v23), Some(None)).builtin_before_121("GOPROXY");
    assert_eq!(p.unwrap().value, "");
    // GOROOT unknown or disputed: not predicted
    assert!(pr(&e, None, Some(&v23), None)
        .builtin_before_121("GOPROXY")
        .is_none());
    assert!(pr(&e, None, None, None)
        .builtin_before_121("GOPROXY")
        .is_none());
    // the environment and the go env -w file come first, whatever the version
    let f = file("GOPROXY=off\n");
    let p = pr(&e, Some(&f), None, None)
        .builtin_before_121("GOPROXY")
        .unwrap();
    assert_eq!(p.value, "off");
    assert_eq!(
        p.from,
        Origin::GoenvFile(PathBuf::from("/c/go/env"), Some(1))
    );
    let e2 = env(&[("GOPROXY", "direct")]);
    let p = pr(&e2, Some(&f), None, None)
        .builtin_before_121("GOPROXY")
        .unwrap();
    assert_eq!((p.value.as_str(), p.from), ("direct", Origin::Env));
    // An empty line of the go env -w file hides go.env's value (Go >=
    // 1.21: see the ground-truth test): GOPROXY is empty, from the file.
    let f = file("GOPROXY=\n");
    let p = pr(&e, Some(&f), Some(&v23), Some(Some(goroot_env())))
        .builtin_before_121("GOPROXY")
        .unwrap();
    assert_eq!(p.value, "");
    assert_eq!(
        p.from,
        Origin::GoenvFile(PathBuf::from("/c/go/env"), Some(1))
    );
}

#[test]
fn gonoproxy_defaults_to_goprivate() {
    let e = env(&[("GOPRIVATE", "example.com")]);
    let v23 = v("1.23.5");
    let p = pr(&e, None, Some(&v23), Some(None))
        .private_default("GONOPROXY")
        .unwrap();
    assert_eq!(p.value, "example.com");
    assert!(p
        .from
        .describe()
        .contains("GOPRIVATE (from the environment)"));
    let f = file("GONOPROXY=other\n");
    let p = pr(&e, Some(&f), Some(&v23), Some(None))
        .private_default("GONOPROXY")
        .unwrap();
    assert_eq!(p.value, "other");
}

#[test]
#[cfg_attr(
    windows,
    ignore = "models a Unix machine (Platform::UNIX, /-rooted paths); Windows: tests/win_*.rs"
)]
fn gocache_default_and_settings() {
    let v23 = v("1.23.5");
    let at = |pairs: &[(&str, &str)], f: Option<&GoEnvFile>| {
        let e = env(pairs);
        gocache(&pr(&e, f, Some(&v23), Some(None))).map(|p| p.value)
    };
    if !cfg!(target_os = "macos") {
        assert_eq!(
            at(&[("HOME", "/h"), ("XDG_CACHE_HOME", "/x//c/")], None).as_deref(),
            Some("/x/c/go-build")
        );
        assert_eq!(
            at(&[("HOME", "/h/")], None).as_deref(),
            Some("/h/.cache/go-build")
        );
        assert_eq!(at(&[], None).as_deref(), Some("off"));
        // a relative base is not predicted
        assert_eq!(at(&[("HOME", "/h"), ("XDG_CACHE_HOME", "rel")], None), None);
    }
    assert_eq!(at(&[("GOCACHE", "off")], None).as_deref(), Some("off"));
    assert_eq!(at(&[("GOCACHE", "/c")], None).as_deref(), Some("/c"));
    assert_eq!(at(&[("GOCACHE", "rel")], None), None);
    let f = file("GOCACHE=/f\n");
    assert_eq!(at(&[("HOME", "/h")], Some(&f)).as_deref(), Some("/f"));
}
