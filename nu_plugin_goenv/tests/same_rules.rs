//! One table of settings, good and bad, through both front ends: the config
//! file (TOML text, `goenv_hook::config::parse`) and the plugin's
//! `$env.config.plugins.goenv` (a Nushell record, `settings::merge`). Each
//! case is written once and rendered into both syntaxes; both must accept it
//! (with the same resulting config) or both refuse it (for the same setting
//! and the same reason).

use goenv_hook::config::tree::{Found, Invalid, Problem};
use goenv_hook::config::{self, file, rules, Config, Known};
use goenv_hook::sys::env::EnvSnapshot;
use goenv_hook::sys::platform::Platform;
use nu_plugin_goenv::settings;
use nu_protocol::{Record, Value};
use std::path::Path;

/// A settings value, written once.
#[derive(Clone)]
enum S {
    Str(&'static str),
    Bool(bool),
    Int(i64),
    List(Vec<S>),
    Table(Vec<(&'static str, S)>),
}
use S::*;

fn t(entries: &[(&'static str, S)]) -> S {
    Table(entries.to_vec())
}

fn strs(v: &[&'static str]) -> S {
    List(v.iter().map(|s| Str(s)).collect())
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        toml_str(k)
    }
}

fn toml_value(v: &S) -> String {
    match v {
        Str(s) => toml_str(s),
        Bool(b) => b.to_string(),
        Int(i) => i.to_string(),
        List(l) => format!(
            "[{}]",
            l.iter().map(toml_value).collect::<Vec<_>>().join(", ")
        ),
        Table(e) => format!(
            "{{ {} }}",
            e.iter()
                .map(|(k, v)| format!("{} = {}", toml_key(k), toml_value(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The document: top-level keys one per line (tables inline).
fn toml_doc(v: &S) -> String {
    let Table(e) = v else {
        panic!("the root is a table")
    };
    e.iter()
        .map(|(k, v)| format!("{} = {}\n", toml_key(k), toml_value(v)))
        .collect()
}

fn nu_value(v: &S) -> Value {
    match v {
        Str(s) => Value::test_string(*s),
        Bool(b) => Value::test_bool(*b),
        Int(i) => Value::test_int(*i),
        List(l) => Value::test_list(l.iter().map(nu_value).collect()),
        Table(e) => {
            let mut r = Record::new();
            for (k, v) in e {
                r.push(*k, nu_value(v));
            }
            Value::test_record(r)
        }
    }
}

fn env() -> EnvSnapshot {
    EnvSnapshot::from_pairs(
        &[("HOME", "/home/u"), ("TOOLS", "/opt/tools"), ("EMPTY", "")],
        "/w",
        Platform::UNIX,
    )
}

/// What a refusal is about, the same for both front ends (their own
/// descriptions of a value of another kind aside).
fn reason<L>(e: Invalid<L>) -> (String, Problem) {
    let problem = match e.problem {
        Problem::WrongType {
            found: Found::Other(_),
            expected,
        } => Problem::WrongType {
            found: Found::Other(String::new()),
            expected,
        },
        p => p,
    };
    (e.key, problem)
}

fn cases() -> Vec<(bool, S)> {
    let good = |s: S| (true, s);
    let bad = |s: S| (false, s);
    vec![
        good(t(&[])),
        good(t(&[("toolchain", Str("1.22"))])),
        good(t(&[("toolchain", Str("go1.22.3"))])),
        good(t(&[("toolchain", Str("~/sdk/go1.22.3"))])),
        good(t(&[("toolchain", Str("$TOOLS/go"))])),
        good(t(&[("goroot", Str("export"))])),
        good(t(&[("goroot", Str("leave"))])),
        good(t(&[("gopath", Str("~/go:$TOOLS/gp:${NOPE:-/d}"))])),
        good(t(&[
            ("gobin", Str("~/go/bin")),
            ("gotoolchain_local", Bool(true)),
        ])),
        good(t(&[(
            "env",
            t(&[
                ("GOPROXY", Str("direct")),
                ("GOFLAGS", Bool(false)),
                ("CGO_ENABLED", Str("0")),
                ("X", Str("$$HOME ${EMPTY:-e} ${NOPE:-}~")),
            ]),
        )])),
        good(t(&[(
            "path",
            t(&[
                ("extra", strs(&["~/t/bin", "$TOOLS/bin"])),
                ("order", strs(&["gobin"])),
            ]),
        )])),
        good(t(&[(
            "doctor",
            t(&[("ignore", strs(&["path-duplicates"]))]),
        )])),
        good(t(&[(
            "prompt",
            t(&[("format", Str("go{version}")), ("always", Bool(true))]),
        )])),
        bad(t(&[("gopaht", Str("~/go"))])),
        bad(t(&[("goroot", Str("maybe"))])),
        bad(t(&[("goroot", Bool(true))])),
        bad(t(&[("gopath", Str("rel"))])),
        bad(t(&[("gopath", Str("/a:rel"))])),
        bad(t(&[("gopath", Str(""))])),
        bad(t(&[("gopath", Str("$NOPE/go"))])),
        bad(t(&[("gobin", Str("bin"))])),
        bad(t(&[("gobin", Str("/b\0in"))])),
        bad(t(&[("toolchain", Str("./go"))])),
        bad(t(&[("toolchain", Str("latest"))])),
        bad(t(&[("toolchain", Int(1))])),
        bad(t(&[("gotoolchain_local", Str("yes"))])),
        bad(t(&[("env", t(&[("PATH", Str("/x"))]))])),
        bad(t(&[("env", t(&[("Path", Str("/x"))]))])),
        bad(t(&[("env", t(&[("GOENV_HOOK_GO", Str("1.22"))]))])),
        bad(t(&[("env", t(&[("GO PROXY", Str("x"))]))])),
        bad(t(&[("env", t(&[("A=B", Str("x"))]))])),
        bad(t(&[("env", t(&[("GOFLAGS", Bool(true))]))])),
        bad(t(&[("env", t(&[("GOFLAGS", strs(&["-x"]))]))])),
        bad(t(&[("env", t(&[("GOFLAGS", Str("-x\0y"))]))])),
        bad(t(&[("env", t(&[("GOFLAGS", Str("$NOPE"))]))])),
        bad(t(&[("env", Str("x"))])),
        bad(t(&[("path", Str("x"))])),
        bad(t(&[("path", t(&[("extras", List(vec![]))]))])),
        bad(t(&[("path", t(&[("extra", strs(&["rel"]))]))])),
        bad(t(&[("path", t(&[("extra", List(vec![Int(1)]))]))])),
        bad(t(&[("path", t(&[("order", strs(&["go"]))]))])),
        bad(t(&[("path", t(&[("order", strs(&["gobin", "gobin"]))]))])),
        bad(t(&[(
            "doctor",
            t(&[("ignore", strs(&["Path_Duplicates"]))]),
        )])),
        bad(t(&[("doctor", t(&[("ignore", Str("path-duplicates"))]))])),
        bad(t(&[("doctor", t(&[("skip", strs(&[]))]))])),
        bad(t(&[("prompt", t(&[("format", Int(1))]))])),
        bad(t(&[("prompt", t(&[("always", Str("yes"))]))])),
    ]
}

#[test]
fn the_file_and_the_plugin_accept_and_refuse_the_same_settings() {
    let env = env();
    let file_name = Path::new("/c/config.toml");
    for (want_ok, case) in cases() {
        let text = toml_doc(&case);
        let record = nu_value(&case);

        // The front ends as users meet them.
        let from_file = config::parse(file_name, &text, &env);
        let from_nu = settings::merge(Config::default(), &record, &env);
        match (&from_file, &from_nu) {
            (Ok(f), Ok(n)) => {
                assert!(want_ok, "both accepted a bad case:\n{text}");
                assert_eq!(
                    Config {
                        file: None,
                        ..f.clone()
                    },
                    *n,
                    "{text}"
                );
            }
            (Err(f), Err(n)) => {
                assert!(!want_ok, "both refused a good case:\n{text}{f}\n{}", n.msg);
            }
            (f, n) => panic!(
                "the front ends disagree on\n{text}file: {:?}\nplugin: {:?}",
                f.as_ref().map(|_| ()).map_err(|e| e.to_string()),
                n.as_ref().map(|_| ()).map_err(|e| e.msg.clone())
            ),
        }

        // And for the same reason: the same rule refused the same setting.
        let f = rules::validate(&file::tree(&text).unwrap(), &env, Known::default());
        let n = rules::validate(&settings::tree(&record), &env, Known::default());
        assert_eq!(f.map_err(reason), n.map_err(reason), "{text}");
    }
}

/// What only `config check` and `doctor` know (check ids, toolchain roots)
/// applies to both front ends alike.
#[test]
fn stricter_callers_hold_both_front_ends_to_the_same_ids() {
    let env = env();
    let ids: &[&str] = &["path-duplicates", "go-not-found"];
    let is_root = |p: &Path| p == Path::new("/usr/lib/go-1.22");
    let known = Known {
        check_ids: Some(ids),
        is_toolchain_root: Some(&is_root),
    };
    for (want_ok, case) in [
        (
            true,
            t(&[("doctor", t(&[("ignore", strs(&["go-not-found"]))]))]),
        ),
        (
            false,
            t(&[("doctor", t(&[("ignore", strs(&["pth-duplicates"]))]))]),
        ),
        (
            true,
            t(&[("env", t(&[("GOROOT", Str("/usr/lib/go-1.22"))]))]),
        ),
        (false, t(&[("env", t(&[("GOROOT", Str("/x"))]))])),
    ] {
        let text = toml_doc(&case);
        let f = rules::validate(&file::tree(&text).unwrap(), &env, known);
        let n = rules::validate(&settings::tree(&nu_value(&case)), &env, known);
        assert_eq!(f.is_ok(), want_ok, "{text}");
        assert_eq!(f.map_err(reason), n.map_err(reason), "{text}");
        let from_file = config::parse_with(Path::new("c"), &text, &env, known);
        let from_nu = settings::merge_with(Config::default(), &nu_value(&case), &env, known);
        assert_eq!(from_file.is_ok(), from_nu.is_ok(), "{text}");
    }
}
