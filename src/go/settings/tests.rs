use super::*;
use crate::go::gover::GoVersion;
use crate::sys::platform::Platform;

#[test]
fn clean_is_filepath_clean() {
    let u = |s: &str| clean(OsStr::new(s), Platform::UNIX).into_string().unwrap();
    for (i, o) in [
        ("", "."),
        ("abc", "abc"),
        ("a//b/", "a/b"),
        ("/../", "/"),
        ("a/../..", ".."),
        ("/a/./b/../c", "/a/c"),
        ("//x", "/x"),
    ] {
        assert_eq!(u(i), o, "{i}");
    }
    let w = |s: &str| {
        clean(OsStr::new(s), Platform::WINDOWS)
            .into_string()
            .unwrap()
    };
    assert_eq!(w(r"C:/a/./b/"), r"C:\a\b");
    assert_eq!(w(r"C:\a\..\..\b"), r"C:\b");
    assert_eq!(w(r"\\host\share\x\.."), r"\\host\share\");
    assert_eq!(w("C:"), "C:.");
    assert_eq!(
        join_clean(OsStr::new("/h/"), "go", Platform::UNIX),
        OsString::from("/h/go")
    );
}

fn file(text: &str) -> GoEnvFile {
    crate::go::envfile::parse_for(Path::new("/c/go/env"), text.as_bytes(), Platform::UNIX)
}

#[test]
fn an_empty_line_hides_go_env_since_121_and_is_ignored_before() {
    let env = EnvSnapshot::from_pairs(&[("HOME", "/h")], "/w", Platform::UNIX);
    let f = file("GOPROXY=\n");
    let goenv = crate::go::envfile::parse_for(
        Path::new("/r/go.env"),
        b"GOPROXY=https://proxy.golang.org,direct\n",
        Platform::UNIX,
    );
    let v119 = GoVersion::parse("1.19.8").unwrap();
    let v123 = GoVersion::parse("1.23.5").unwrap();
    let side = |v| GoSide {
        version: Some(v),
        exe_root: Some(Path::new("/r")),
        go_env: Some(&goenv),
        go_env_path: Some(Path::new("/r/go.env")),
    };
    let e = explain("GOPROXY", &env, Some(&f), None, &side(&v123)).unwrap();
    assert_eq!(e.value.unwrap(), "");
    assert_eq!(e.layers[1].note, "empty: hides $GOROOT/go.env's value");
    assert!(e.layers[3].used);
    let e = explain("GOPROXY", &env, Some(&f), None, &side(&v119)).unwrap();
    assert_eq!(e.value.unwrap(), "https://proxy.golang.org,direct");
    assert_eq!(e.layers.len(), 4);
    assert!(e.layers[3].used && e.layers[2].note == "none before go1.21");
    let e = explain("GOTOOLCHAIN", &env, Some(&f), None, &side(&v119)).unwrap();
    assert_eq!(e.value.unwrap(), "");
    assert!(e.notes[0].contains("predates GOTOOLCHAIN"));
    assert!(explain("GOPRIVATE", &env, None, None, &side(&v123)).is_none());
}

#[test]
fn goroot_as_each_release_prints_it() {
    let env = EnvSnapshot::from_pairs(&[("GOROOT", "/r//")], "/w", Platform::UNIX);
    let v119 = GoVersion::parse("1.19.8").unwrap();
    let v122 = GoVersion::parse("1.22.12").unwrap();
    let side = |v| GoSide {
        version: Some(v),
        exe_root: Some(Path::new("/usr/lib/go")),
        ..GoSide::default()
    };
    let g = |v| {
        explain("GOROOT", &env, None, None, &side(v))
            .unwrap()
            .value
            .unwrap()
    };
    assert_eq!(g(&v119), "/r");
    assert_eq!(g(&v122), "/r//");
    let f = file("GOROOT=/f/./\n");
    let none = EnvSnapshot::from_pairs(&[], "/w", Platform::UNIX);
    let e = explain("GOROOT", &none, Some(&f), None, &side(&v122)).unwrap();
    assert_eq!(e.value.unwrap(), "/f");
    assert!(e.layers[1].used);
    assert_eq!(
        go_env_root(&env, Some(&f), None).unwrap(),
        PathBuf::from("/f")
    );
    let e = explain("GOROOT", &none, None, None, &side(&v122)).unwrap();
    assert_eq!(e.value.unwrap(), "/usr/lib/go");
    assert!(e.layers[2].used);
}

#[test]
fn exe_root_candidates_by_release() {
    let v = |s| GoVersion::parse(s).unwrap();
    let exe = Path::new("/g/bin/linux_amd64/go");
    assert_eq!(
        exe_root_candidates(exe, None, Some(&v("1.19.8"))),
        [PathBuf::from("/g/bin")]
    );
    assert_eq!(
        exe_root_candidates(exe, None, Some(&v("1.21.13"))),
        [PathBuf::from("/g/bin"), PathBuf::from("/g")]
    );
    assert_eq!(exe_root_candidates(exe, None, Some(&v("1.21.12"))).len(), 1);
}
