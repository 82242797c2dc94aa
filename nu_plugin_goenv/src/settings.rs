//! Settings: the core config file, with `$env.config.plugins.goenv` merged
//! over it.
//!
//! The Nushell record mirrors the config file's keys (see the README):
//!
//! ```nu
//! $env.config.plugins.goenv = {
//!     toolchain: "1.22"            # version or root dir; null drops the file's pin
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
//! A key given here replaces the file's value; `env` merges per variable.
//! A leading `~` expands to the caller's home directory. Unknown keys and
//! values of the wrong type are errors pointing at the offending value.

use goenv_hook::config::{self, Config, EnvValue, GorootPolicy, PathPart, ToolchainPin};
use goenv_hook::env::EnvSnapshot;
use nu_plugin::{EngineInterface, EvaluatedCall};
use nu_protocol::{LabeledError, Record, Span, Value};
use std::ffi::OsString;
use std::path::PathBuf;

const WHERE: &str = "$env.config.plugins.goenv";
const KEYS: &str = "toolchain, goroot, gopath, gobin, gotoolchain_local, env, path, doctor, prompt";

/// The effective config for the caller: file, then plugin settings.
pub fn load(
    engine: &EngineInterface,
    call: &EvaluatedCall,
    env: &EnvSnapshot,
) -> Result<Config, LabeledError> {
    let file = config::load(env).map_err(|e| config_error(&e, call.head))?;
    match engine.get_plugin_config()? {
        None => Ok(file),
        Some(v) => merge(file, &v, env),
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

fn bad(key: &str, v: &Value, expected: &str) -> LabeledError {
    LabeledError::new(format!("goenv: bad value for `{key}` in {WHERE}")).with_label(
        format!("expected {expected}, found {}", v.get_type()),
        v.span(),
    )
}

fn unknown(key: &str, v: &Value, known: &str) -> LabeledError {
    LabeledError::new(format!("goenv: unknown key `{key}` in {WHERE}"))
        .with_label(format!("`{key}` is not a setting"), v.span())
        .with_help(format!("known keys: {known}"))
}

fn string<'a>(key: &str, v: &'a Value) -> Result<&'a str, LabeledError> {
    match v {
        Value::String { val, .. } => Ok(val),
        _ => Err(bad(key, v, "a string")),
    }
}

fn opt_string<'a>(key: &str, v: &'a Value) -> Result<Option<&'a str>, LabeledError> {
    match v {
        Value::Nothing { .. } => Ok(None),
        _ => string(key, v).map(Some),
    }
}

fn boolean(key: &str, v: &Value) -> Result<bool, LabeledError> {
    match v {
        Value::Bool { val, .. } => Ok(*val),
        _ => Err(bad(key, v, "true or false")),
    }
}

fn record<'a>(key: &str, v: &'a Value) -> Result<&'a Record, LabeledError> {
    match v {
        Value::Record { val, .. } => Ok(val),
        _ => Err(bad(key, v, "a record")),
    }
}

fn strings(key: &str, v: &Value) -> Result<Vec<String>, LabeledError> {
    let Value::List { vals, .. } = v else {
        return Err(bad(key, v, "a list of strings"));
    };
    vals.iter()
        .map(|e| string(key, e).map(str::to_string))
        .collect()
}

/// `~` and `~/…` become the home directory (Nushell does not expand `~`
/// inside strings; other characters are kept as written).
pub fn expand_home(s: &str, env: &EnvSnapshot) -> OsString {
    let rest = if s == "~" {
        Some("")
    } else {
        s.strip_prefix("~/").or_else(|| {
            env.platform
                .is_windows()
                .then(|| s.strip_prefix("~\\"))
                .flatten()
        })
    };
    match (rest, env.home()) {
        (Some(""), Some(h)) => h.into_os_string(),
        (Some(r), Some(h)) => h.join(r).into_os_string(),
        _ => OsString::from(s),
    }
}

/// A directory argument as an absolute path: `~` expanded, relative to the
/// caller's directory, `.` components dropped (`..` kept: symlinks).
pub fn absolute_dir(s: &str, env: &EnvSnapshot) -> PathBuf {
    let p = PathBuf::from(expand_home(s, env));
    let p = if p.is_relative() { env.cwd.join(p) } else { p };
    p.components().collect()
}

/// A toolchain request: a version (`1.22`, `1.22.3`, `go1.22.3`) or a root
/// directory (anything that looks like a path).
pub fn parse_pin(s: &str, env: &EnvSnapshot) -> Option<ToolchainPin> {
    if goenv_hook::probe::looks_like_dir(std::ffi::OsStr::new(s)) {
        return Some(ToolchainPin::Root(absolute_dir(s, env)));
    }
    goenv_hook::plan::parse_request_version(s).map(ToolchainPin::Version)
}

/// Merges the plugin settings record `v` over `cfg`.
pub fn merge(mut cfg: Config, v: &Value, env: &EnvSnapshot) -> Result<Config, LabeledError> {
    let Value::Record { val: rec, .. } = v else {
        return Err(bad("goenv", v, "a record"));
    };
    for (key, val) in rec.iter() {
        match key.as_str() {
            "toolchain" => {
                cfg.toolchain = match opt_string(key, val)? {
                    None => None,
                    Some(s) => Some(parse_pin(s, env).ok_or_else(|| {
                        bad(
                            key,
                            val,
                            "a Go version (1.22, 1.22.3, go1.22.3) or a directory",
                        )
                    })?),
                }
            }
            "goroot" => {
                cfg.goroot = match string(key, val)? {
                    "unset" => GorootPolicy::Unset,
                    "export" => GorootPolicy::Export,
                    "leave" => GorootPolicy::Leave,
                    _ => return Err(bad(key, val, "one of unset, export, leave")),
                }
            }
            "gopath" => cfg.gopath = opt_string(key, val)?.map(|s| expand_home(s, env)),
            "gobin" => cfg.gobin = opt_string(key, val)?.map(|s| expand_home(s, env)),
            "gotoolchain_local" => cfg.gotoolchain_local = boolean(key, val)?,
            "env" => {
                for (name, x) in record(key, val)?.iter() {
                    if name.is_empty() || name.contains(['=', '\0']) {
                        return Err(bad(
                            &format!("env.{name}"),
                            x,
                            "a variable name without `=`",
                        ));
                    }
                    let ev = match x {
                        Value::String { val, .. } => EnvValue::Set(OsString::from(val)),
                        Value::Bool { val: false, .. } => EnvValue::Unset,
                        _ => {
                            return Err(bad(
                                &format!("env.{name}"),
                                x,
                                "a string, or false to unset",
                            ))
                        }
                    };
                    cfg.env.retain(|(n, _)| n != name);
                    cfg.env.push((name.clone(), ev));
                }
            }
            "path" => {
                for (k, x) in record(key, val)?.iter() {
                    match k.as_str() {
                        "extra" => {
                            cfg.path_extra = strings("path.extra", x)?
                                .iter()
                                .map(|s| expand_home(s, env))
                                .collect()
                        }
                        "order" => cfg.path_order = path_order(x)?,
                        _ => return Err(unknown(&format!("path.{k}"), x, "extra, order")),
                    }
                }
            }
            "doctor" => {
                for (k, x) in record(key, val)?.iter() {
                    match k.as_str() {
                        "ignore" => cfg.doctor_ignore = strings("doctor.ignore", x)?,
                        _ => return Err(unknown(&format!("doctor.{k}"), x, "ignore")),
                    }
                }
            }
            "prompt" => {
                for (k, x) in record(key, val)?.iter() {
                    match k.as_str() {
                        "format" => {
                            cfg.prompt_format = opt_string("prompt.format", x)?.map(str::to_string)
                        }
                        "always" => cfg.prompt_always = boolean("prompt.always", x)?,
                        _ => return Err(unknown(&format!("prompt.{k}"), x, "format, always")),
                    }
                }
            }
            _ => return Err(unknown(key, val, KEYS)),
        }
    }
    Ok(cfg)
}

fn path_order(v: &Value) -> Result<Vec<PathPart>, LabeledError> {
    const EXPECTED: &str = "a list of toolchain, gobin, extra (each at most once)";
    let Value::List { vals, .. } = v else {
        return Err(bad("path.order", v, EXPECTED));
    };
    let mut out: Vec<PathPart> = Vec::new();
    for x in vals.iter() {
        let p = match x {
            Value::String { val, .. } if val == "toolchain" => PathPart::Toolchain,
            Value::String { val, .. } if val == "gobin" => PathPart::Gobin,
            Value::String { val, .. } if val == "extra" => PathPart::Extra,
            _ => return Err(bad("path.order", x, EXPECTED)),
        };
        if out.contains(&p) {
            return Err(bad("path.order", x, EXPECTED));
        }
        out.push(p);
    }
    for p in [PathPart::Toolchain, PathPart::Gobin, PathPart::Extra] {
        if !out.contains(&p) {
            out.push(p);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use goenv_hook::platform::Platform;
    use nu_protocol::record;

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
        let rel = parse_pin("./go", &env()).unwrap();
        assert_eq!(rel, ToolchainPin::Root(PathBuf::from("/w/go")));
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
}
