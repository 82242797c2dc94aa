//! Property tests through the whole pipeline: hostile values written into the
//! config file (`[env]` variables and `gopath`), read by the real binary
//! (`goenv-hook env <shell>`, started by the real shell the way a user's
//! start-up file does), evaluated by bash, zsh, fish, dash and nu 0.115.1,
//! and read back from a child process with `env -0`: every byte must arrive;
//! no injected command (a `touch MARKER` hidden in a value) may run.
//!
//! The config file is written as TOML basic strings (escaped here, and parsed
//! back with the toml crate before each run to prove the encoding), spelled
//! for goenv-hook's expansion (src/config.rs `expand`): `$` doubled, and a
//! leading `~` that would be the home directory preceded by `${GH_NONE:-}`,
//! which expands to nothing. One more variable expands an inherited hostile
//! value (`[${GH_SRC}]`), and `GH_PRESET = false` must unset an inherited one.
//!
//! Invalid UTF-8 can't be written in TOML; it comes from the environment: an
//! inherited GOPATH that is not UTF-8 (and a config variable expanding an
//! inherited non-UTF-8 variable) round-trips through `env bash|zsh|fish|posix`,
//! and `env nu` refuses it with an error naming the variable.
//!
//! Cases per shell: 32 by default (GOENV_HOOK_PROPTEST_CASES changes it),
//! each one shell run with 1..=16 variables.

mod common;

use common::hostile::{cases, fragments, os, parse_env0, value_strategy, Allow};
use common::{exe, nu, q, require, Sandbox};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The variable that must stay unset so `${GH_NONE:-}` expands to nothing.
const NONE: &str = "GH_NONE";

/// `value` as the config must spell it so that goenv-hook's expansion gives
/// back exactly `value`: `$$` is a literal `$` (every `$` doubled, so no
/// `$NAME`, `${…}` or `~` rule can start inside), and a leading `~` alone or
/// before `/` (the only `~` that is expanded) gets `${GH_NONE:-}` in front.
fn literal(value: &str) -> String {
    let doubled = value.replace('$', "$$");
    if value == "~" || value.starts_with("~/") {
        format!("${{{NONE}:-}}{doubled}")
    } else {
        doubled
    }
}

/// A TOML basic string: `"` and `\` escaped, every control character but tab
/// (TOML allows no other raw) as `\uXXXX`; everything else as is.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push('\t'),
            c if c.is_control() && (c as u32) < 0x80 => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One case: the `[env]` values, the tail of gopath (under the sandbox) and
/// the value of the inherited GH_SRC.
#[derive(Debug, Clone)]
struct Case {
    values: Vec<String>,
    gopath_tail: String,
    src: String,
}

fn text(allow: Allow, frags: &[String]) -> BoxedStrategy<String> {
    value_strategy(allow, frags.to_vec())
        .prop_map(|b| String::from_utf8(b).expect("no raw bytes asked for"))
        .boxed()
}

fn case_strategy(frags: &[String]) -> BoxedStrategy<Case> {
    let allow = Allow {
        breaks: true,
        raw: false,
        non_ascii: true,
    };
    let v = text(allow, frags);
    (
        proptest::collection::vec(v.clone(), 1..=16),
        // One GOPATH entry: `:` would split it into relative entries.
        v.clone().prop_map(|s| s.replace(':', "_")),
        v,
    )
        .prop_map(|(values, gopath_tail, src)| Case {
            values,
            gopath_tail,
            src,
        })
        .boxed()
}

/// The config file for `case`, checked by parsing it back.
fn config_text(case: &Case, gopath: &str) -> String {
    let mut t = format!("gopath = {}\n\n[env]\n", toml_str(&literal(gopath)));
    for (i, v) in case.values.iter().enumerate() {
        t.push_str(&format!("GH_RT_{i} = {}\n", toml_str(&literal(v))));
    }
    t.push_str("GH_RT_SRC = \"[${GH_SRC}]\"\nGH_PRESET = false\n");
    let parsed: toml::Table = toml::from_str(&t).unwrap_or_else(|e| panic!("{e}\n{t}"));
    assert_eq!(
        parsed["gopath"].as_str(),
        Some(literal(gopath).as_str()),
        "{t}"
    );
    let env = parsed["env"].as_table().unwrap();
    for (i, v) in case.values.iter().enumerate() {
        assert_eq!(
            env[&format!("GH_RT_{i}")].as_str(),
            Some(literal(v).as_str()),
            "{t}"
        );
    }
    t
}

/// The directory `go install` writes to for GOPATH `gp` (Platform::join).
fn gobin_of(gp: &[u8]) -> Vec<u8> {
    let mut b = gp.to_vec();
    if b.last() != Some(&b'/') {
        b.push(b'/');
    }
    b.extend_from_slice(b"bin");
    b
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Sh {
    Bash,
    Zsh,
    Fish,
    Dash,
    Nu,
}

impl Sh {
    fn name(self) -> &'static str {
        match self {
            Sh::Bash => "bash",
            Sh::Zsh => "zsh",
            Sh::Fish => "fish",
            Sh::Dash => "posix",
            Sh::Nu => "nu",
        }
    }
}

/// Runs `goenv-hook env <shell>` as the user's start-up line does, in the
/// real shell, then `env -0`. Nushell can't eval a string: it saves the
/// output with one nu process and sources the file with a second, as the
/// README's `save -f` + `source` setup does.
fn run_shell(sh: Sh, sb: &Sandbox, extra: &[(&str, &[u8])]) -> Output {
    let e = q(&exe());
    let (prog, args, script): (PathBuf, Vec<&str>, String) = match sh {
        Sh::Bash => (
            require("bash"),
            vec!["--norc", "--noprofile", "-c"],
            format!("eval \"$({e} env bash)\"\nexec /usr/bin/env -0"),
        ),
        Sh::Zsh => (
            require("zsh"),
            vec!["-f", "-c"],
            format!("eval \"$({e} env zsh)\"\nexec /usr/bin/env -0"),
        ),
        Sh::Dash => (
            require("dash"),
            vec!["-c"],
            format!("eval \"$({e} env posix)\"\nexec /usr/bin/env -0"),
        ),
        Sh::Fish => (
            require("fish"),
            vec!["--no-config", "-c"],
            format!("{e} env fish | source\nexec /usr/bin/env -0"),
        ),
        Sh::Nu => {
            let saved = sb.path().join("env.nu");
            let _ = std::fs::remove_file(&saved);
            let save = nu_cmd(sb, extra, &format!("^{e} env nu | save -f {}", q(&saved)));
            if !save.status.success() {
                return save;
            }
            return nu_cmd(
                sb,
                extra,
                &format!("source {}\n^/usr/bin/env -0", q(&saved)),
            );
        }
    };
    command(sb, &prog, extra)
        .args(args)
        .arg(script)
        .output()
        .unwrap()
}

fn nu_cmd(sb: &Sandbox, extra: &[(&str, &[u8])], script: &str) -> Output {
    command(sb, &nu(), extra)
        .args(["-n", "--no-std-lib", "--no-history", "-c", script])
        .output()
        .unwrap()
}

fn command(sb: &Sandbox, prog: &Path, extra: &[(&str, &[u8])]) -> Command {
    let mut c = sb.command(prog, "/usr/bin:/bin");
    for (k, v) in extra {
        c.env(k, os(v));
    }
    c.stdin(Stdio::null());
    c
}

/// What `goenv-hook env <shell>` prints in this environment, for messages.
fn rendered(sh: Sh, sb: &Sandbox, extra: &[(&str, &[u8])]) -> String {
    let o = command(sb, &exe(), extra)
        .args(["env", sh.name()])
        .output()
        .unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn lossy(b: Option<&Vec<u8>>) -> Option<String> {
    b.map(|b| String::from_utf8_lossy(b).into_owned())
}

fn check_case(sh: Sh, sb: &Sandbox, marker: &Path, case: &Case) -> Result<(), TestCaseError> {
    let gopath = format!("{}/gp/{}", sb.path().display(), case.gopath_tail);
    let cfg = config_text(case, &gopath);
    std::fs::write(sb.home().join(".config/goenv-hook/config.toml"), &cfg).unwrap();
    let extra: [(&str, &[u8]); 2] = [("GH_SRC", case.src.as_bytes()), ("GH_PRESET", b"was here")];
    let out = run_shell(sh, sb, &extra);
    let show = || {
        format!(
            "--- config.toml ---\n{cfg}\n--- goenv-hook env {} ---\n{}",
            sh.name(),
            rendered(sh, sb, &extra)
        )
    };
    prop_assert!(
        out.status.success(),
        "{sh:?} failed: {}\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr),
        show()
    );
    prop_assert!(
        !marker.exists(),
        "{sh:?}: an injected command ran\n{}",
        show()
    );
    let env = parse_env0(&out.stdout);
    let mut want: Vec<(String, Vec<u8>)> = case
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("GH_RT_{i}"), v.as_bytes().to_vec()))
        .collect();
    want.push(("GH_RT_SRC".into(), format!("[{}]", case.src).into_bytes()));
    want.push(("GOPATH".into(), gopath.as_bytes().to_vec()));
    for (name, v) in &want {
        let got = env.get(name.as_bytes());
        prop_assert!(
            got == Some(v),
            "{sh:?}: {name}: expected {:?}, got {:?}\n{}",
            String::from_utf8_lossy(v),
            lossy(got),
            show()
        );
    }
    prop_assert!(
        !env.contains_key(&b"GH_PRESET"[..]),
        "{sh:?}: GH_PRESET = false did not unset it\n{}",
        show()
    );
    let path = env.get(&b"PATH"[..]).cloned().unwrap_or_default();
    let gobin = gobin_of(gopath.as_bytes());
    prop_assert!(
        path.split(|&b| b == b':').any(|e| e == gobin.as_slice()),
        "{sh:?}: PATH lacks {:?}: {:?}\n{}",
        String::from_utf8_lossy(&gobin),
        String::from_utf8_lossy(&path),
        show()
    );
    Ok(())
}

fn config_roundtrip(sh: Sh) {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.home().join(".config/goenv-hook")).unwrap();
    let marker = sb.path().join("INJECTED");
    let frags = fragments(marker.to_str().unwrap(), r"Z:\tmp\goenv-hook-injected");
    let mut runner = TestRunner::new(Config {
        cases: cases(32),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&case_strategy(&frags), |case| {
            check_case(sh, &sb, &marker, &case)
        })
        .unwrap_or_else(|e| panic!("{sh:?}: {e}"));
}

#[test]
fn config_values_roundtrip_through_bash() {
    config_roundtrip(Sh::Bash);
}

#[test]
fn config_values_roundtrip_through_zsh() {
    config_roundtrip(Sh::Zsh);
}

#[test]
fn config_values_roundtrip_through_fish() {
    config_roundtrip(Sh::Fish);
}

#[test]
fn config_values_roundtrip_through_dash() {
    config_roundtrip(Sh::Dash);
}

#[test]
fn config_values_roundtrip_through_nu() {
    config_roundtrip(Sh::Nu);
}

#[test]
fn the_config_spelling_survives_expansion_rules() {
    assert_eq!(literal("a$b"), "a$$b");
    assert_eq!(literal("$$"), "$$$$");
    assert_eq!(literal("~"), "${GH_NONE:-}~");
    assert_eq!(literal("~/x$"), "${GH_NONE:-}~/x$$");
    assert_eq!(literal("~user"), "~user");
    assert_eq!(literal("a~/"), "a~/");
    assert_eq!(
        toml_str("a\"b\\c\td\r\n\u{7f}é"),
        "\"a\\\"b\\\\c\td\\u000D\\u000A\\u007Fé\""
    );
}

// ---- invalid UTF-8 from the environment ----

/// An inherited GOPATH (under the sandbox, one entry) and GH_RAW, each with at
/// least one byte that is not UTF-8.
fn raw_strategy(frags: &[String]) -> BoxedStrategy<(Vec<u8>, Vec<u8>)> {
    let allow = Allow {
        breaks: true,
        raw: true,
        non_ascii: true,
    };
    let v = value_strategy(allow, frags.to_vec());
    let bad = (0x80u8..=0xff).prop_map(|b| vec![b]);
    let with_bad = (v.clone(), bad, v).prop_map(|(a, b, c)| -> Vec<u8> { [a, b, c].concat() });
    (
        with_bad.clone().prop_map(|b| {
            b.into_iter()
                .map(|c| if c == b':' { b'_' } else { c })
                .collect::<Vec<u8>>()
        }),
        with_bad,
    )
        .prop_filter("not UTF-8", |(g, r)| {
            std::str::from_utf8(g).is_err() && std::str::from_utf8(r).is_err()
        })
        .boxed()
}

fn raw_roundtrip(sh: Sh) {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.home().join(".config/goenv-hook")).unwrap();
    // No gopath in the config: the inherited GOPATH is the user's.
    std::fs::write(
        sb.home().join(".config/goenv-hook/config.toml"),
        "[env]\nGH_RT_RAW = \"<${GH_RAW}>\"\n",
    )
    .unwrap();
    let marker = sb.path().join("INJECTED");
    let frags = fragments(marker.to_str().unwrap(), r"Z:\tmp\goenv-hook-injected");
    let mut runner = TestRunner::new(Config {
        cases: cases(16),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&raw_strategy(&frags), |(tail, raw)| {
            let mut gopath = sb.path().join("gp").into_os_string().into_vec();
            gopath.push(b'/');
            gopath.extend_from_slice(&tail);
            let extra: [(&str, &[u8]); 2] = [("GOPATH", &gopath), ("GH_RAW", &raw)];
            let out = run_shell(sh, &sb, &extra);
            let show = || rendered(sh, &sb, &extra);
            prop_assert!(
                out.status.success(),
                "{sh:?} failed: {}\n{}\n--- goenv-hook env ---\n{}",
                out.status,
                String::from_utf8_lossy(&out.stderr),
                show()
            );
            prop_assert!(!marker.exists(), "{sh:?}: an injected command ran");
            let env = parse_env0(&out.stdout);
            prop_assert!(
                env.get(&b"GOPATH"[..]) == Some(&gopath),
                "{sh:?}: GOPATH: expected {:?}, got {:?}\n{}",
                String::from_utf8_lossy(&gopath),
                lossy(env.get(&b"GOPATH"[..])),
                show()
            );
            let want_raw = [&b"<"[..], &raw, b">"].concat();
            prop_assert!(
                env.get(&b"GH_RT_RAW"[..]) == Some(&want_raw),
                "{sh:?}: GH_RT_RAW: expected {:?}, got {:?}\n{}",
                String::from_utf8_lossy(&want_raw),
                lossy(env.get(&b"GH_RT_RAW"[..])),
                show()
            );
            let path = env.get(&b"PATH"[..]).cloned().unwrap_or_default();
            let gobin = gobin_of(&gopath);
            prop_assert!(
                path.split(|&b| b == b':').any(|e| e == gobin.as_slice()),
                "{sh:?}: PATH lacks {:?}: {:?}\n{}",
                String::from_utf8_lossy(&gobin),
                String::from_utf8_lossy(&path),
                show()
            );
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{sh:?}: {e}"));
}

#[test]
fn invalid_utf8_gopath_roundtrips_through_bash() {
    raw_roundtrip(Sh::Bash);
}

#[test]
fn invalid_utf8_gopath_roundtrips_through_zsh() {
    raw_roundtrip(Sh::Zsh);
}

#[test]
fn invalid_utf8_gopath_roundtrips_through_fish() {
    raw_roundtrip(Sh::Fish);
}

#[test]
fn invalid_utf8_gopath_roundtrips_through_dash() {
    raw_roundtrip(Sh::Dash);
}

/// Nushell strings can't hold invalid UTF-8 (and nu 0.115.1 won't even start
/// with such a variable inherited), so `env nu` refuses: a non-zero exit,
/// nothing on stdout to source, and one error naming the variable, the shell
/// and UTF-8. Both routes: GOPATH inherited (its bin directory goes on PATH)
/// and a config value expanding a non-UTF-8 variable.
#[test]
fn env_nu_refuses_invalid_utf8_with_a_clear_error() {
    let sb = Sandbox::new();
    let cfgdir = sb.home().join(".config/goenv-hook");
    std::fs::create_dir_all(&cfgdir).unwrap();
    let mut gopath = sb.path().join("gp").into_os_string().into_vec();
    gopath.extend_from_slice(b"/caf\xe9");
    let routes: [(&str, &str, &[u8], &[&str]); 2] = [
        ("", "GOPATH", &gopath, &["PATH", "GOPATH"]),
        (
            "[env]\nGH_RT_RAW = \"${GH_RAW}\"\n",
            "GH_RAW",
            b"ok\xffno",
            &["GH_RT_RAW"],
        ),
    ];
    for (config, var, value, names) in routes {
        std::fs::write(cfgdir.join("config.toml"), config).unwrap();
        let out = command(&sb, &exe(), &[(var, value)])
            .args(["env", "nu"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{var}: accepted\n{err}");
        assert!(out.stdout.is_empty(), "{var}: printed something to source");
        assert_eq!(err.lines().count(), 1, "{var}: {err}");
        assert!(
            err.starts_with("goenv-hook: ")
                && err.contains("nu")
                && err.contains("UTF-8")
                && names.iter().any(|n| err.contains(n)),
            "{var}: unclear error: {err}"
        );
    }
}
