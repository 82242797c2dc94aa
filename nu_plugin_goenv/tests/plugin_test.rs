//! The commands in nu-plugin-test-support's engine (in process): every
//! command's examples with results, and the commands against a controlled
//! environment.

// ShellError is nu-protocol's type, returned by the test engine as is.
#![allow(clippy::result_large_err)]

mod common;

use common::{go_root, Sandbox};
use nu_plugin_goenv::commands::{
    Activate, Deactivate, Doctor, Env, Goenv, Prompt, Toolchains, Which,
};
use nu_plugin_goenv::GoenvPlugin;
use nu_plugin_test_support::PluginTest;
use nu_protocol::{ShellError, Span, Value};
use std::path::Path;

fn s(v: &str) -> Value {
    Value::test_string(v)
}

/// A test engine whose environment is the sandbox's, in `cwd`.
fn engine(sb: &Sandbox, path: &[&str], cwd: &Path) -> PluginTest {
    let mut t = PluginTest::new("goenv", GoenvPlugin.into()).unwrap();
    let es = t.engine_state_mut();
    for (k, v) in sb.env("") {
        let (k, v) = (k.into_string().unwrap(), v.into_string().unwrap());
        if k != "PATH" {
            es.add_env_var(k, s(&v));
        }
    }
    es.add_env_var(
        "PATH".into(),
        Value::test_list(path.iter().map(|p| s(p)).collect()),
    );
    es.add_env_var("PWD".into(), s(cwd.to_str().unwrap()));
    t
}

fn eval(t: &mut PluginTest, src: &str) -> Result<Value, ShellError> {
    t.eval(src)?.into_value(Span::test_data())
}

const BASE: &[&str] = &["/usr/lib/go-1.23/bin", "/usr/bin", "/bin"];

/// Every example with a result, checked in the test engine: a directory
/// outside any Go project (the sandbox's HOME), PATH = BASE, and the Debian
/// toolchains the examples name.
#[test]
fn examples() -> Result<(), ShellError> {
    for m in ["1.19", "1.21", "1.22", "1.23"] {
        go_root(m);
    }
    let sb = Sandbox::new();
    let mut t = engine(&sb, BASE, &sb.home());
    t.test_command_examples(&Goenv)?;
    t.test_command_examples(&Env)?;
    t.test_command_examples(&Activate)?;
    t.test_command_examples(&Deactivate)?;
    t.test_command_examples(&Prompt)?;
    t.test_command_examples(&Toolchains)?;
    t.test_command_examples(&Doctor)?;
    t.test_command_examples(&Which)
}

#[test]
fn goenv_lists_the_subcommands() {
    let sb = Sandbox::new();
    let mut t = engine(&sb, BASE, &sb.home());
    let help = eval(&mut t, "goenv").unwrap();
    let help = help.as_str().unwrap();
    let subs = [
        "env",
        "activate",
        "deactivate",
        "prompt",
        "doctor",
        "toolchains",
        "which",
    ];
    // The "Subcommands:" section of the help lists each one with its
    // description, one per line.
    let listed: Vec<&str> = help
        .split_once("Subcommands:\n")
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| panic!("no Subcommands section in: {help}"))
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.trim().strip_prefix("goenv "))
        .filter_map(|l| l.split_once(' ').map(|(name, _)| name))
        .collect();
    let mut want = subs.to_vec();
    want.sort_unstable();
    assert_eq!(listed, want, "subcommands listed in: {help}");
    // The description names each of them too.
    for sub in subs {
        assert!(
            help.contains(&format!("`goenv {sub}`")),
            "`goenv {sub}` missing from the description: {help}"
        );
    }
}

/// The examples test checks only examples with a result: keep that set from
/// shrinking back to a couple (each command has at least one).
#[test]
fn every_command_has_a_checked_example() {
    use nu_plugin::PluginCommand;
    fn checked(c: &impl PluginCommand) -> usize {
        c.examples().iter().filter(|e| e.result.is_some()).count()
    }
    let counts = [
        ("goenv env", checked(&Env)),
        ("goenv activate", checked(&Activate)),
        ("goenv deactivate", checked(&Deactivate)),
        ("goenv prompt", checked(&Prompt)),
        ("goenv doctor", checked(&Doctor)),
        ("goenv toolchains", checked(&Toolchains)),
        ("goenv which", checked(&Which)),
    ];
    for (name, n) in counts {
        assert!(n > 0, "{name} has no example with a result");
    }
    assert!(
        counts.iter().map(|(_, n)| n).sum::<usize>() >= 15,
        "{counts:?}"
    );
}

#[test]
fn activate_and_deactivate_change_the_callers_scope() {
    go_root("1.21");
    go_root("1.23");
    let sb = Sandbox::new();
    let mut t = engine(&sb, BASE, &sb.home());
    let v = eval(
        &mut t,
        "goenv activate 1.21; [$env.GOENV_HOOK_GO $env.PATH.0 ('GOENV_HOOK_STATE' in $env)]",
    )
    .unwrap();
    assert_eq!(
        v,
        Value::test_list(vec![
            s("1.21"),
            s("/usr/lib/go-1.21/bin"),
            Value::test_bool(true)
        ])
    );
    let v = eval(
        &mut t,
        "let before = $env.PATH; goenv activate 1.21; goenv deactivate; [($env.PATH == $before) ('GOENV_HOOK_STATE' in $env) ('GOENV_HOOK_GO' in $env) $env.GOENV_HOOK_DISABLED]",
    )
    .unwrap();
    assert_eq!(
        v,
        Value::test_list(vec![
            Value::test_bool(true),
            Value::test_bool(false),
            Value::test_bool(false),
            s("1")
        ])
    );
}

#[test]
fn activate_without_argument_pauses_after_deactivate() {
    go_root("1.21");
    let sb = Sandbox::new();
    let proj = sb.project("p", "1.21");
    let mut t = engine(&sb, BASE, &proj);
    let v = eval(
        &mut t,
        "goenv deactivate; let p = $env.PATH; goenv activate; [($env.PATH == $p) ('GOENV_HOOK_STATE' in $env)]",
    )
    .unwrap();
    assert_eq!(
        v,
        Value::test_list(vec![Value::test_bool(true), Value::test_bool(false)])
    );
    let v = eval(
        &mut t,
        "goenv deactivate; goenv activate default; [$env.PATH.0 ('GOENV_HOOK_DISABLED' in $env)]",
    )
    .unwrap();
    assert_eq!(
        v,
        Value::test_list(vec![s("/usr/lib/go-1.21/bin"), Value::test_bool(false)])
    );
}

#[test]
fn bad_target_is_a_labeled_error_on_the_argument() {
    let sb = Sandbox::new();
    let mut t = engine(&sb, BASE, &sb.home());
    let src = "goenv activate banana";
    let err = eval(&mut t, src).unwrap_err();
    let ShellError::LabeledError(e) = err else {
        panic!("not a labeled error: {err:?}")
    };
    assert!(e.msg.contains("`banana` is not a Go version"), "{}", e.msg);
    let span = e.labels[0].span;
    let text = t.engine_state().get_span_contents(span);
    assert_eq!(String::from_utf8_lossy(text), "banana");
}

#[test]
fn env_full_separates_set_and_hide() {
    go_root("1.21");
    let sb = Sandbox::new();
    let proj = sb.project("p", "1.21");
    let mut t = engine(&sb, BASE, &proj);
    let v = eval(&mut t, "goenv env --full").unwrap();
    let r = v.as_record().unwrap();
    let set = r.get("set").unwrap().as_record().unwrap();
    let path = set.get("PATH").unwrap().as_list().unwrap();
    assert_eq!(path[0], s("/usr/lib/go-1.21/bin"));
    assert!(r.get("hide").unwrap().as_list().is_ok());
    // After `goenv activate`: nothing left to do.
    let v = eval(&mut t, "goenv activate; goenv env --full").unwrap();
    let r = v.as_record().unwrap();
    assert!(
        r.get("set").unwrap().as_record().unwrap().is_empty(),
        "{v:?}"
    );
}
