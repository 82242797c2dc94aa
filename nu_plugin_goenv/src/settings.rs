//! Settings: the core config file, with `$env.config.plugins.goenv` merged
//! over it.
//!
//! The Nushell record mirrors the config file's keys (see the README):
//!
//! ```nu
//! $env.config.plugins.goenv = {
//!     toolchain: "1.22"            # version or absolute root dir; null drops the file's pin
//!     goroot: "unset"              # unset | export | leave
//!     gopath: "~/go"               # null drops the file's value
//!     gobin: "~/go/bin"
//!     gotoolchain_local: false
//!     env: { GOPROXY: "direct", GOFLAGS: false }   # a string sets, false unsets
//!     path: { extra: ["~/go-tools/bin"], order: [toolchain gobin extra] }
//!     doctor: { ignore: [path-duplicates] }
//!     prompt: { format: "go{version}", always: false }
//! }
//! ```
//!
//! The record is checked by the core's rules ([`goenv_hook::config::rules`]),
//! the same ones as the config file: this module only turns the record into
//! the core's settings tree (each value located by its Nushell span) and
//! words the core's problems as labeled errors on the offending value. A
//! key given here replaces the file's value; `env` merges per variable.
//! Values expand `~` and `$VAR` from the caller's environment, as in the file.

use goenv_hook::config::tree::{Entry, Expected, Found, Invalid, Node, Problem, Shape, Value as T};
use goenv_hook::config::{self, rules, Config, Known};
use goenv_hook::sys::env::EnvSnapshot;
use nu_plugin::{EngineInterface, EvaluatedCall};
use nu_protocol::{LabeledError, Span, Value};

const WHERE: &str = "$env.config.plugins.goenv";

/// The effective config for the caller: file, then plugin settings.
pub fn load(
    engine: &EngineInterface,
    call: &EvaluatedCall,
    env: &EnvSnapshot,
) -> Result<Config, LabeledError> {
    load_with(engine, call, env, Known::default())
}

/// [`load`] with what a stricter command knows (`goenv doctor`: the check ids).
pub fn load_with(
    engine: &EngineInterface,
    call: &EvaluatedCall,
    env: &EnvSnapshot,
    known: Known<'_>,
) -> Result<Config, LabeledError> {
    let file = goenv_hook::probe::config::load_with(env, known)
        .map_err(|e| config_error(&e, call.head))?;
    match engine.get_plugin_config()? {
        None => Ok(file),
        Some(v) => merge_with(file, &v, env, known),
    }
}

/// A config file error as a labeled error on the command.
pub fn config_error(e: &config::ConfigError, span: Span) -> LabeledError {
    // Display: `FILE:LINE:COL: MESSAGE` (or `FILE: MESSAGE`), then `expected`.
    let text = e.to_string();
    let first = text.lines().next().unwrap_or_default().to_string();
    let mut err = LabeledError::new("goenv: the config file can't be used").with_label(first, span);
    err = match &e.expected {
        Some(x) => err.with_help(format!("expected: {x}")),
        None => err.with_help("fix the file, then run `goenv doctor`"),
    };
    err
}

/// The record as the core's settings tree, located by Nushell spans.
pub fn tree(v: &Value) -> Node<Span> {
    let value = match v {
        Value::String { val, .. } => T::Str(val.clone()),
        Value::Bool { val, .. } => T::Bool(*val),
        Value::Nothing { .. } => T::Null,
        Value::List { vals, .. } => T::List(vals.iter().map(tree).collect()),
        Value::Record { val, .. } => T::Table(
            val.iter()
                .map(|(k, x)| Entry {
                    key: k.clone(),
                    // A record key has no span of its own: its value's.
                    key_at: x.span(),
                    value: tree(x),
                })
                .collect(),
        ),
        other => T::Other(other.get_type().to_string()),
    };
    Node {
        at: v.span(),
        value,
    }
}

/// Merges the plugin settings record `v` over `cfg`.
pub fn merge(cfg: Config, v: &Value, env: &EnvSnapshot) -> Result<Config, LabeledError> {
    merge_with(cfg, v, env, Known::default())
}

/// [`merge`] with what a stricter command knows.
pub fn merge_with(
    mut cfg: Config,
    v: &Value,
    env: &EnvSnapshot,
    known: Known<'_>,
) -> Result<Config, LabeledError> {
    rules::validate(&tree(v), env, known)
        .map_err(|e| invalid(&e))?
        .apply(&mut cfg);
    Ok(cfg)
}

/// An expected kind of value, in Nushell's words.
fn shape(s: Shape) -> &'static str {
    match s {
        Shape::Str => "a string",
        Shape::Bool => "true or false",
        Shape::Table => "a record",
        Shape::Vars => "a record of variables",
        Shape::List => "a list of strings",
        Shape::EnvValue => "a string, or false to unset",
    }
}

/// A found value, in Nushell's type names.
fn found(f: &Found) -> String {
    match f {
        Found::Str(_) => "string".into(),
        Found::Bool(_) => "bool".into(),
        Found::Null => "nothing".into(),
        Found::List => "list".into(),
        Found::Table => "record".into(),
        Found::Other(t) => t.clone(),
    }
}

fn expected(e: &Expected) -> String {
    match e {
        Expected::Text(t) => t.clone(),
        Expected::OneOf { items, note } => format!("one of {}{note}", items.join(", ")),
        Expected::Listed { intro, items } => format!("{intro} {}", items.join(", ")),
    }
}

/// A refused setting as a labeled error on the offending value.
pub fn invalid(e: &Invalid<Span>) -> LabeledError {
    let key = if e.key.is_empty() { "goenv" } else { &e.key };
    match &e.problem {
        Problem::UnknownKey { known } => {
            LabeledError::new(format!("goenv: unknown key `{key}` in {WHERE}"))
                .with_label(format!("`{key}` is not a setting"), e.at)
                .with_help(format!("known keys: {}", known.join(", ")))
        }
        Problem::WrongType {
            found: f,
            expected: s,
        } => LabeledError::new(format!("goenv: bad value for `{key}` in {WHERE}"))
            .with_label(format!("expected {}, found {}", shape(*s), found(f)), e.at),
        Problem::Bad {
            message,
            expected: x,
        } => LabeledError::new(format!("goenv: {message} (`{key}` in {WHERE})"))
            .with_label(format!("expected {}", expected(x)), e.at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use goenv_hook::config::{EnvValue, GorootPolicy, PathPart, ToolchainPin};
    use goenv_hook::sys::platform::Platform;
    use nu_protocol::record;
    use std::ffi::OsString;
    use std::path::PathBuf;

    fn env() -> EnvSnapshot {
        EnvSnapshot::from_pairs(&[("HOME", "/home/u")], "/w", Platform::UNIX)
    }

    fn s(v: &str) -> Value {
        Value::test_string(v)
    }

    #[test]
    fn merges_over_the_file() {
        let file = Config {
            gopath: Some("/file/go".into()),
            env: vec![
                ("GOPROXY".into(), EnvValue::Set("file".into())),
                ("GOFLAGS".into(), EnvValue::Set("-x".into())),
            ],
            ..Config::default()
        };
        let v = Value::test_record(record! {
            "goroot" => s("export"),
            "gobin" => s("~/bin"),
            "gotoolchain_local" => Value::test_bool(true),
            "env" => Value::test_record(record! {
                "GOPROXY" => s("direct"),
                "GOPRIVATE" => Value::test_bool(false),
            }),
            "path" => Value::test_record(record! {
                "extra" => Value::test_list(vec![s("~/t/bin"), s("/opt/x")]),
                "order" => Value::test_list(vec![s("extra")]),
            }),
            "doctor" => Value::test_record(record! {
                "ignore" => Value::test_list(vec![s("path-duplicates")]),
            }),
            "prompt" => Value::test_record(record! {
                "format" => s("go{version}"),
                "always" => Value::test_bool(true),
            }),
        });
        let c = merge(file, &v, &env()).unwrap();
        assert_eq!(c.goroot, GorootPolicy::Export);
        assert_eq!(c.gopath, Some("/file/go".into()));
        assert_eq!(c.gobin, Some("/home/u/bin".into()));
        assert!(c.gotoolchain_local);
        assert_eq!(
            c.env,
            vec![
                ("GOFLAGS".into(), EnvValue::Set("-x".into())),
                ("GOPROXY".into(), EnvValue::Set("direct".into())),
                ("GOPRIVATE".into(), EnvValue::Unset),
            ]
        );
        assert_eq!(
            c.path_extra,
            vec![OsString::from("/home/u/t/bin"), OsString::from("/opt/x")]
        );
        assert_eq!(
            c.path_order,
            vec![PathPart::Extra, PathPart::Toolchain, PathPart::Gobin]
        );
        assert_eq!(c.doctor_ignore, vec!["path-duplicates".to_string()]);
        assert_eq!(c.prompt_format.as_deref(), Some("go{version}"));
        assert!(c.prompt_always);
    }

    #[test]
    fn null_drops_the_files_value_and_dirs_are_roots() {
        let file = Config {
            gopath: Some("/file/go".into()),
            ..Config::default()
        };
        let v = Value::test_record(record! {
            "gopath" => Value::test_nothing(),
            "toolchain" => s("~/sdk/go1.22.3"),
        });
        let c = merge(file, &v, &env()).unwrap();
        assert_eq!(c.gopath, None);
        assert_eq!(
            c.toolchain,
            Some(ToolchainPin::Root(PathBuf::from("/home/u/sdk/go1.22.3")))
        );
        // A relative directory is refused, as in the config file (it was
        // taken relative to the caller's directory before the rules were
        // shared).
        let v = Value::test_record(record! { "toolchain" => s("./go") });
        let e = merge(Config::default(), &v, &env()).unwrap_err();
        assert!(e.msg.contains("is not an absolute path"), "{}", e.msg);
    }

    #[test]
    fn unknown_keys_and_bad_types_are_labeled() {
        let span = Span::new(10, 20);
        let v = Value::test_record(record! { "gopaht" => Value::string("x", span) });
        let e = merge(Config::default(), &v, &env()).unwrap_err();
        assert!(e.msg.contains("unknown key `gopaht`"), "{}", e.msg);
        assert_eq!(e.labels[0].span, span);
        assert!(e.help.as_deref().unwrap().contains("gopath"));

        let v = Value::test_record(record! { "goroot" => Value::string("always", span) });
        let e = merge(Config::default(), &v, &env()).unwrap_err();
        assert!(e.labels[0].text.contains("unset, export, leave"));
        assert_eq!(e.labels[0].span, span);

        let v = Value::test_record(record! { "gotoolchain_local" => Value::int(1, span) });
        let e = merge(Config::default(), &v, &env()).unwrap_err();
        assert!(
            e.labels[0].text.contains("true or false"),
            "{}",
            e.labels[0].text
        );

        let v = Value::test_record(record! {
            "path" => Value::test_record(record! { "order" => Value::test_list(vec![s("gobin"), s("gobin")]) }),
        });
        assert!(merge(Config::default(), &v, &env()).is_err());

        let v = Value::test_record(record! {
            "env" => Value::test_record(record! { "GOFLAGS" => Value::test_bool(true) }),
        });
        let e = merge(Config::default(), &v, &env()).unwrap_err();
        assert!(e.msg.contains("env.GOFLAGS"), "{}", e.msg);

        let e = merge(Config::default(), &s("x"), &env()).unwrap_err();
        assert!(e.labels[0].text.contains("a record"));
    }

    #[test]
    fn shared_rules_refuse_what_the_file_refuses_at_the_value() {
        let span = Span::new(3, 9);
        let one = |k: &str, v: Value| Value::test_record(record! { k => v });
        let env_var = |k: &str, v: Value| one("env", Value::test_record(record! { k => v }));
        for (v, msg, label) in [
            (
                env_var("PATH", Value::string("/x", span)),
                "PATH can't be set in [env]",
                "expected PATH entries in [path] extra",
            ),
            (
                env_var("GOENV_HOOK_GO", Value::string("1", span)),
                "GOENV_HOOK_ variables are goenv-hook's own",
                "expected a variable name",
            ),
            (
                one("gobin", Value::string("bin", span)),
                "gobin \"bin\" is not an absolute path",
                "expected an absolute directory",
            ),
            (
                one("gopath", Value::string("$NOPE/go", span)),
                "undefined variable NOPE",
                "${NOPE:-value}",
            ),
        ] {
            let e = merge(Config::default(), &v, &env()).unwrap_err();
            assert!(e.msg.contains(msg), "{}", e.msg);
            assert!(e.labels[0].text.contains(label), "{}", e.labels[0].text);
            assert_eq!(e.labels[0].span, span);
        }
        // `$VAR` expands as in the file; `$$` is a literal `$`.
        let v = one("gobin", Value::test_string("$HOME/b$$"));
        assert_eq!(
            merge(Config::default(), &v, &env()).unwrap().gobin,
            Some("/home/u/b$".into())
        );
        // With the check ids (goenv doctor), an unknown id points at itself.
        let ids: &[&str] = &["path-duplicates"];
        let known = Known {
            check_ids: Some(ids),
            is_toolchain_root: None,
        };
        let v = one(
            "doctor",
            Value::test_record(record! {
                "ignore" => Value::list(vec![Value::string("pth-duplicates", span)], Span::test_data()),
            }),
        );
        let e = merge_with(Config::default(), &v, &env(), known).unwrap_err();
        assert!(
            e.msg.contains("unknown check id \"pth-duplicates\""),
            "{}",
            e.msg
        );
        assert!(
            e.labels[0].text.contains("path-duplicates"),
            "{}",
            e.labels[0].text
        );
        assert_eq!(e.labels[0].span, span);
    }
}
