use super::*;
use crate::sys::platform::Platform;
use std::path::Path;

fn env() -> EnvSnapshot {
    EnvSnapshot::from_pairs(
        &[
            ("HOME", "/home/u"),
            ("TOOLS", "/opt/tools"),
            ("EMPTY", ""),
            ("NUL", "a\0b"),
        ],
        "/work",
        Platform::UNIX,
    )
}

fn ok(text: &str) -> Config {
    parse(Path::new("/c/config.toml"), text, &env()).unwrap_or_else(|e| panic!("{e}"))
}

fn err(text: &str) -> String {
    match parse(Path::new("/c/config.toml"), text, &env()) {
        Ok(c) => panic!("accepted: {c:?}"),
        Err(e) => e.to_string(),
    }
}

fn os(s: &str) -> OsString {
    OsString::from(s)
}

#[test]
fn empty_file_is_the_default_with_its_name() {
    let c = ok("");
    assert_eq!(c.file.as_deref(), Some(Path::new("/c/config.toml")));
    assert_eq!(Config { file: None, ..c }, Config::default());
}

#[test]
fn the_documented_schema_parses() {
    let c = ok(r#"
toolchain = "~/sdk/go1.22.3"
goroot = "export"
gopath = "~/go"
gobin = "~/go/bin"
gotoolchain_local = true

[env]
GOPROXY = "https://proxy.golang.org,direct"
GOFLAGS = false
CGO_ENABLED = "0"

[path]
extra = ["~/go-tools/bin", "$TOOLS/bin"]
order = ["gobin", "toolchain"]

[doctor]
ignore = ["path-duplicates", "gopath-in-goroot2"]

[prompt]
format = "go{version}"
always = true
"#);
    assert_eq!(
        c.toolchain,
        Some(ToolchainPin::Root(PathBuf::from("/home/u/sdk/go1.22.3")))
    );
    assert_eq!(c.goroot, GorootPolicy::Export);
    assert_eq!(c.gopath, Some(os("/home/u/go")));
    assert_eq!(c.gobin, Some(os("/home/u/go/bin")));
    assert!(c.gotoolchain_local);
    assert_eq!(
        c.env,
        [
            (
                "GOPROXY".to_string(),
                EnvValue::Set(os("https://proxy.golang.org,direct"))
            ),
            ("GOFLAGS".to_string(), EnvValue::Unset),
            ("CGO_ENABLED".to_string(), EnvValue::Set(os("0"))),
        ]
    );
    assert_eq!(
        c.path_extra,
        [os("/home/u/go-tools/bin"), os("/opt/tools/bin")]
    );
    assert_eq!(
        c.path_order,
        [PathPart::Gobin, PathPart::Toolchain, PathPart::Extra]
    );
    assert_eq!(c.doctor_ignore, ["path-duplicates", "gopath-in-goroot2"]);
    assert_eq!(c.prompt_format.as_deref(), Some("go{version}"));
    assert!(c.prompt_always);
}

#[test]
fn expansion_forms() {
    let c = ok(r#"gopath = "~/go:${TOOLS}/gp:~:${NOPE:-/d}:${EMPTY:-/e}"
[env]
A = "$$HOME is $HOME, $ alone, ${ unclosed"
B = "x${EMPTY}y"
C = "~user/x"
"#);
    assert_eq!(c.gopath, Some(os("/home/u/go:/opt/tools/gp:/home/u:/d:/e")));
    let v: Vec<_> = c.env.iter().map(|(_, v)| v.clone()).collect();
    assert_eq!(
        v,
        [
            EnvValue::Set(os("$HOME is /home/u, $ alone, ${ unclosed")),
            EnvValue::Set(os("xy")),
            EnvValue::Set(os("~user/x")),
        ]
    );
}

#[cfg(unix)]
#[test]
fn expansion_keeps_non_utf8_bytes() {
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    let e = EnvSnapshot::new(
        vec![(os("HOME"), OsString::from_vec(b"/home/\xffu".to_vec()))],
        PathBuf::from("/"),
        Platform::UNIX,
    );
    let c = parse(Path::new("c"), "gobin = \"~/bin\"", &e).unwrap();
    assert_eq!(c.gobin.unwrap().as_bytes(), b"/home/\xffu/bin");
}

#[test]
fn windows_expansion_and_absolute_paths() {
    let e = EnvSnapshot::from_pairs(
        &[("USERPROFILE", r"C:\Users\u"), ("LocalAppData", r"C:\L")],
        r"C:\w",
        Platform::WINDOWS,
    );
    let c = parse(
        Path::new("c"),
        r#"gopath = '~\go;$LOCALAPPDATA\gp'
gobin = '~\go\bin'
toolchain = 'C:\Program Files\Go'"#,
        &e,
    )
    .unwrap();
    assert_eq!(c.gopath, Some(os(r"C:\Users\u\go;C:\L\gp")));
    assert_eq!(c.gobin, Some(os(r"C:\Users\u\go\bin")));
    assert_eq!(
        c.toolchain,
        Some(ToolchainPin::Root(PathBuf::from(r"C:\Program Files\Go")))
    );
}

#[test]
fn errors_say_where_and_what_was_expected() {
    assert_eq!(
            err("goroot = \"maybe\""),
            "/c/config.toml:1:10: invalid goroot \"maybe\"\n  expected: \"unset\", \"export\" or \"leave\""
        );
    assert_eq!(
            err("goroot = \"leave\"\n\nfoo = 1\n"),
            "/c/config.toml:3:1: unknown key `foo`\n  expected: one of `toolchain`, `goroot`, `gopath`, `gobin`, `gotoolchain_local`, `env`, `path`, `doctor`, `prompt`"
        );
    assert_eq!(
        err("[path]\n  extras = []\n"),
        "/c/config.toml:2:3: unknown key `extras`\n  expected: `extra` or `order`"
    );
    assert_eq!(
            err("[env]\nGOPROXY = \"direct\"\n\"GO PROXY\" = \"x\"\n"),
            "/c/config.toml:3:1: invalid variable name \"GO PROXY\" in [env]\n  expected: a variable name like GOPROXY (letters, digits and _)"
        );
    assert_eq!(
            err("[env]\nPath = \"/x\"\n"),
            "/c/config.toml:2:1: Path can't be set in [env]: goenv-hook manages it\n  expected: PATH entries in [path] extra, and another variable name here"
        );
    assert_eq!(
            err("[env]\nGOENV_HOOK_STATE = \"x\"\n"),
            "/c/config.toml:2:1: GOENV_HOOK_STATE can't be set in [env]: GOENV_HOOK_ variables are goenv-hook's own\n  expected: a variable name like GOPROXY"
        );
    assert_eq!(
            err("[env]\nGOFLAGS = true\n"),
            "/c/config.toml:2:11: invalid value: boolean `true`\n  expected: a string, or false to unset the variable"
        );
    assert_eq!(
            err("gobin = \"$GOBIN_BASE/bin\"\n"),
            "/c/config.toml:1:10: undefined variable GOBIN_BASE in \"$GOBIN_BASE/bin\"\n  expected: a variable set in the environment, or a default: ${GOBIN_BASE:-value}"
        );
    assert_eq!(
            err("[path]\nextra = [\"/a\", \"/b/${NOPE}/c\"]\n"),
            "/c/config.toml:2:20: undefined variable NOPE in \"/b/${NOPE}/c\"\n  expected: a variable set in the environment, or a default: ${NOPE:-value}"
        );
    assert_eq!(
            err("[path]\norder = [\"gobin\", \"extra\", \"gobin\"]\n"),
            "/c/config.toml:2:28: \"gobin\" appears twice in path.order\n  expected: \"toolchain\", \"gobin\" or \"extra\", each at most once"
        );
    assert_eq!(
            err("[path]\norder = [\"go\"]\n"),
            "/c/config.toml:2:10: unknown path.order part \"go\"\n  expected: \"toolchain\", \"gobin\" or \"extra\", each at most once"
        );
    assert_eq!(
            err("[doctor]\nignore = [\"Path_Duplicates\"]\n"),
            "/c/config.toml:2:11: invalid check id \"Path_Duplicates\" in doctor.ignore\n  expected: a check id in kebab-case, like \"path-duplicates\""
        );
    assert_eq!(
            err("toolchain = \"./go\"\n"),
            "/c/config.toml:1:13: toolchain directory \"./go\" is not an absolute path\n  expected: a Go version (1.22, 1.22.3, go1.22.3) or an absolute toolchain directory (~/sdk/go1.22.3)"
        );
    assert_eq!(
            err("gopath = \"/a:rel\"\n"),
            "/c/config.toml:1:14: gopath entry \"rel\" is not absolute (Go refuses relative GOPATH entries)\n  expected: absolute directories, like ~/go"
        );
    assert_eq!(
            err("gobin = \"bin\"\n"),
            "/c/config.toml:1:9: gobin \"bin\" is not an absolute path\n  expected: an absolute directory, like ~/go/bin"
        );
    assert_eq!(
        err("gotoolchain_local = \"yes\"\n"),
        "/c/config.toml:1:21: invalid type: string \"yes\"\n  expected: a boolean"
    );
    assert_eq!(
        err("path = \"x\"\n"),
        "/c/config.toml:1:8: invalid type: string \"x\"\n  expected: a table"
    );
    assert_eq!(
        err("gobin = \"/a\"\ngobin = \"/b\"\n"),
        "/c/config.toml:2:1: duplicate key `gobin`"
    );
    // Columns count characters, not bytes.
    assert_eq!(
        err("[prompt]\nformat = \"é\" ; x\n"),
        "/c/config.toml:2:14: unexpected key or value\n  expected: newline, `#`"
    );
}

/// What only `config check` and `doctor` know (check ids, toolchain
/// roots), and the NUL every command refuses.
#[test]
fn strict_callers_and_nul() {
    let ids: &[&str] = &["path-duplicates", "go-not-found"];
    let is_root = |p: &std::path::Path| p == std::path::Path::new("/usr/lib/go-1.22");
    let known = Known {
        check_ids: Some(ids),
        is_toolchain_root: Some(&is_root),
    };
    let strict =
        |text: &str| parse_with(Path::new("/c/config.toml"), text, &env(), known).map(|_| ());
    assert_eq!(
            strict("[doctor]\nignore = [\"go-not-found\", \"pth\"]\n")
                .unwrap_err()
                .to_string(),
            "/c/config.toml:2:27: unknown check id \"pth\" in doctor.ignore\n  expected: one of the check ids:\n    path-duplicates go-not-found"
        );
    assert_eq!(
            strict("[env]\nGOROOT = \"/x\"\n").unwrap_err().to_string(),
            "/c/config.toml:2:10: GOROOT \"/x\" is not a Go toolchain directory (no bin/go and pkg/tool): every go command would fail\n  expected: a toolchain root, or no GOROOT here: goenv-hook finds the toolchain (toolchain = \"…\" pins one; goroot = \"export\" exports its root)"
        );
    assert!(strict("[env]\nGOROOT = \"/usr/lib/go-1.22\"\nGOPATH = \"/x\"\n").is_ok());
    // Without them (every other command), both pass.
    ok("[doctor]\nignore = [\"pth\"]\n[env]\nGOROOT = \"/x\"\n");
    assert_eq!(
            err("[env]\nA = \"x\\u0000y\"\n"),
            "/c/config.toml:2:5: env.A contains a NUL character\n  expected: text without NUL (\\u0000): no environment variable can hold one"
        );
    assert_eq!(
            err("gobin = \"/b${NUL}\"\n"),
            "/c/config.toml:1:9: gobin contains a NUL character\n  expected: text without NUL (\\u0000): no environment variable can hold one"
        );
}

#[test]
fn tilde_without_home_is_an_error() {
    let e = EnvSnapshot::from_pairs(&[], "/", Platform::UNIX);
    let msg = parse(Path::new("c"), "\n gobin = \"~/bin\"", &e)
        .unwrap_err()
        .to_string();
    assert_eq!(
            msg,
            "c:2:11: cannot expand ~ in \"~/bin\": HOME is not set\n  expected: an absolute path, or ~ with the home directory set"
        );
}

#[test]
fn location_rules() {
    // No fallback: the snapshot alone.
    let u = |pairs: &[(&str, &str)]| {
        location_with(
            &EnvSnapshot::from_pairs(pairs, "/w", Platform::UNIX),
            &|| None,
        )
    };
    assert_eq!(
        u(&[("GOENV_HOOK_CONFIG", "/x.toml"), ("HOME", "/h")]),
        Some(PathBuf::from("/x.toml"))
    );
    assert_eq!(
        u(&[("GOENV_HOOK_CONFIG", "x.toml")]),
        Some(PathBuf::from("/w/x.toml"))
    );
    assert_eq!(
        u(&[
            ("GOENV_HOOK_CONFIG", ""),
            ("XDG_CONFIG_HOME", "/xdg"),
            ("HOME", "/h")
        ]),
        Some(PathBuf::from("/xdg/goenv-hook/config.toml"))
    );
    assert_eq!(
        u(&[("XDG_CONFIG_HOME", "rel"), ("HOME", "/h")]),
        Some(PathBuf::from("/h/.config/goenv-hook/config.toml"))
    );
    assert_eq!(u(&[("XDG_CONFIG_HOME", "rel")]), None);
    // Without HOME (AppData), the fallback (`dirs`) gives the base.
    let fb = |pairs: &[(&str, &str)], p: Platform| {
        location_with(&EnvSnapshot::from_pairs(pairs, "/w", p), &|| {
            Some(OsString::from("/pw/.config"))
        })
    };
    assert_eq!(
        fb(&[("XDG_CONFIG_HOME", "rel")], Platform::UNIX),
        Some(PathBuf::from("/pw/.config/goenv-hook/config.toml"))
    );
    assert_eq!(
        fb(&[("HOME", "/h")], Platform::UNIX),
        Some(PathBuf::from("/h/.config/goenv-hook/config.toml"))
    );
    let w = EnvSnapshot::from_pairs(
        &[
            ("APPDATA", r"C:\Users\u\AppData\Roaming"),
            ("XDG_CONFIG_HOME", "/xdg"),
        ],
        r"C:\w",
        Platform::WINDOWS,
    );
    assert_eq!(
        location(&w),
        Some(PathBuf::from(
            r"C:\Users\u\AppData\Roaming\goenv-hook\config.toml"
        ))
    );
}

#[test]
fn version_pins() {
    for v in ["1.22", "1.22.3", "go1.22.3", "1.21rc1"] {
        let c = ok(&format!("toolchain = \"{v}\""));
        match c.toolchain {
            Some(ToolchainPin::Version(g)) => {
                assert_eq!(g.to_string(), v.trim_start_matches("go"))
            }
            other => panic!("{v}: {other:?}"),
        }
    }
    assert_eq!(
            err("toolchain = \"latest\""),
            "/c/config.toml:1:13: invalid toolchain \"latest\"\n  expected: a Go version (1.22, 1.22.3, go1.22.3) or an absolute toolchain directory (~/sdk/go1.22.3)"
        );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for text in [
        format!("gopath = {}", "[".repeat(100_000)),
        format!("gopath = {}", "{a=".repeat(100_000)),
        "[a.".repeat(50_000),
    ] {
        assert!(parse(Path::new("c"), &text, &env()).is_err());
    }
}

proptest::proptest! {
    #[test]
    fn parse_never_panics(text in "(?s).{0,300}") {
        let _ = parse(Path::new("c"), &text, &env());
    }

    #[test]
    fn parse_never_panics_on_toml_like_text(
        lines in proptest::collection::vec(
            "(\\[(env|path|doctor|prompt)\\]|(toolchain|gopath|gobin|goroot|A|PATH|extra|order|ignore|format)[ ]?=[ ]?(\"[~$a-z{}:/\\\\é-]{0,12}\"|\\[\"[a-z$~{}/-]{0,8}\"\\]|true|false|1))",
            0..8,
        )
    ) {
        let text = lines.join("\n");
        let _ = parse(Path::new("c"), &text, &env());
    }
}
