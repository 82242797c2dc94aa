//! Between Nushell values and the core library's OS strings and operations.
//!
//! Reading: the caller's environment comes from the engine. Strings pass as
//! they are; `PATH` (a list in Nushell) is joined with the platform's list
//! separator, as the core library expects; other non-string values (records,
//! numbers, closures) are not environment variables a Go tool could see and
//! are skipped.
//!
//! Writing: `Op::Set` becomes a string, `Op::SetPath` a list of strings (PATH
//! stays a list), `Op::Unset` a name to hide; `Op::Warn` is printed to
//! stderr, `Op::Local` (bookkeeping of the bash/zsh/fish hooks) is ignored. Nushell strings are UTF-8, so a
//! value from the core that is not valid UTF-8 is refused with an error
//! naming the variable.

use goenv_hook::shell::Op;
use goenv_hook::sys::env::EnvSnapshot;
use goenv_hook::sys::platform::Platform;
use nu_plugin::{EngineInterface, EvaluatedCall};
use nu_protocol::{LabeledError, PipelineData, Record, Span, Spanned, Value};
use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

/// The caller's environment and directory, as the core library sees them.
pub struct CallerEnv {
    pub snapshot: EnvSnapshot,
    /// How the caller spells PATH (`Path` on Windows, usually).
    pub path_name: String,
}

impl CallerEnv {
    pub fn read(engine: &EngineInterface) -> Result<CallerEnv, LabeledError> {
        let vars = engine.get_env_vars()?;
        let cwd = engine.get_current_dir()?;
        Ok(CallerEnv::from_vars(
            &vars,
            PathBuf::from(cwd),
            Platform::current(),
        ))
    }

    /// Pure part of [`CallerEnv::read`] (testable without an engine).
    pub fn from_vars(vars: &HashMap<String, Value>, cwd: PathBuf, platform: Platform) -> CallerEnv {
        let mut names: Vec<&String> = vars.keys().collect();
        // A stable order: the core library lets the last spelling win.
        names.sort();
        let mut out = Vec::with_capacity(names.len());
        let mut path_name = platform.path_var().to_string();
        for name in names {
            let is_path = platform.var_eq(OsStr::new(name), OsStr::new("PATH"));
            if is_path {
                path_name = name.clone();
            }
            if let Some(v) = value_to_os(&vars[name], is_path, platform) {
                out.push((OsString::from(name), v));
            }
        }
        CallerEnv {
            snapshot: EnvSnapshot::new(out, cwd, platform),
            path_name,
        }
    }
}

/// An environment value as an OS string; None for values a child process
/// would not see as a plain string.
pub fn value_to_os(v: &Value, is_path: bool, platform: Platform) -> Option<OsString> {
    match v {
        Value::String { val, .. } => Some(OsString::from(val)),
        Value::List { vals, .. } if is_path => {
            let entries: Vec<OsString> = vals
                .iter()
                .filter_map(|e| match e {
                    Value::String { val, .. } => Some(OsString::from(val)),
                    _ => None,
                })
                .collect();
            Some(platform.join_list(&entries))
        }
        _ => None,
    }
}

/// A value from the core library as a Nushell string, or an error naming it.
pub fn os_to_string(name: &str, v: &OsStr, span: Span) -> Result<String, LabeledError> {
    v.to_str().map(str::to_string).ok_or_else(|| {
        LabeledError::new(format!("goenv: the new value of {name} is not valid UTF-8"))
            .with_label(
                format!(
                    "{name} would be {}, which a Nushell string can't hold",
                    v.to_string_lossy()
                ),
                span,
            )
            .with_help("rename the directory or change the setting that produces this value")
    })
}

/// The operations as Nushell data: the variables to set (PATH as a list of
/// strings, under the caller's spelling) and the names to hide.
pub fn ops_to_values(
    ops: &[Op],
    path_name: &str,
    span: Span,
) -> Result<(Record, Vec<String>), LabeledError> {
    let mut set = Record::new();
    let mut hide: Vec<String> = Vec::new();
    for op in ops {
        match op {
            Op::Set { name, value } => {
                let v = os_to_string(name, value, span)?;
                hide.retain(|h| h != name);
                set.insert(name.clone(), Value::string(v, span));
            }
            Op::SetPath { entries } => {
                let list = entries
                    .iter()
                    .map(|e| os_to_string(path_name, e, span).map(|s| Value::string(s, span)))
                    .collect::<Result<Vec<_>, _>>()?;
                set.insert(path_name.to_string(), Value::list(list, span));
            }
            Op::Unset { name } => {
                set.remove(name);
                if !hide.contains(name) {
                    hide.push(name.clone());
                }
            }
            // Not environment changes: warnings are shown by `apply`; the
            // shell-local bookkeeping of the bash/zsh/fish hooks has no use here.
            Op::Warn { .. } | Op::Local { .. } => {}
        }
    }
    Ok((set, hide))
}

/// Applies the operations in the caller's scope: `add_env_var` for what is
/// set, the `hide-env` command for what is removed. Values are all converted
/// first, so an unrepresentable value changes nothing.
pub fn apply(
    engine: &EngineInterface,
    call: &EvaluatedCall,
    ops: &[Op],
    path_name: &str,
) -> Result<(), LabeledError> {
    let (set, hide) = ops_to_values(ops, path_name, call.head)?;
    for op in ops {
        if let Op::Warn { message } = op {
            eprintln!("{message}");
        }
    }
    for (name, value) in set {
        engine.add_env_var(name, value)?;
    }
    if !hide.is_empty() {
        let decl = engine.find_decl("hide-env")?.ok_or_else(|| {
            LabeledError::new("goenv: the `hide-env` command is not available")
                .with_label("needed to remove variables", call.head)
        })?;
        let mut hc = EvaluatedCall::new(call.head);
        for name in hide {
            hc.add_positional(Value::string(name, call.head));
        }
        // A variable set in an outer scope only may already be gone here.
        hc.add_flag(Spanned {
            item: "ignore-errors".to_string(),
            span: call.head,
        });
        engine.call_decl(decl, hc, PipelineData::empty(), true, false)?;
    }
    Ok(())
}

/// An optional string, as a Nushell value.
pub fn opt_string(v: Option<String>, span: Span) -> Value {
    match v {
        Some(s) => Value::string(s, span),
        None => Value::nothing(span),
    }
}

/// A path, as a Nushell string (lossy: for reports only, never for setting).
pub fn path_value(p: &std::path::Path, span: Span) -> Value {
    Value::string(p.to_string_lossy(), span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::test_string(v)
    }

    #[test]
    fn reads_strings_and_path_list_skips_the_rest() {
        let mut vars = HashMap::new();
        vars.insert(
            "PATH".to_string(),
            Value::test_list(vec![s("/a"), s(""), s("/b c")]),
        );
        vars.insert("HOME".to_string(), s("/home/x"));
        vars.insert("LAST_EXIT_CODE".to_string(), Value::test_int(0));
        vars.insert("LIST".to_string(), Value::test_list(vec![s("x")]));
        let c = CallerEnv::from_vars(&vars, PathBuf::from("/w"), Platform::UNIX);
        assert_eq!(c.snapshot.get("PATH").unwrap(), "/a::/b c");
        assert_eq!(c.snapshot.get("HOME").unwrap(), "/home/x");
        assert!(c.snapshot.get("LAST_EXIT_CODE").is_none());
        assert!(c.snapshot.get("LIST").is_none());
        assert_eq!(c.path_name, "PATH");
        assert_eq!(c.snapshot.cwd, PathBuf::from("/w"));
    }

    #[test]
    fn windows_keeps_the_callers_path_spelling() {
        let mut vars = HashMap::new();
        vars.insert(
            "Path".to_string(),
            Value::test_list(vec![s(r"C:\a"), s(r"C:\b")]),
        );
        let c = CallerEnv::from_vars(&vars, PathBuf::from(r"C:\"), Platform::WINDOWS);
        assert_eq!(c.path_name, "Path");
        assert_eq!(c.snapshot.get("PATH").unwrap(), r"C:\a;C:\b");
    }

    #[test]
    fn ops_become_a_record_and_names_to_hide() {
        let ops = vec![
            Op::Set {
                name: "GOROOT".into(),
                value: "/x".into(),
            },
            Op::SetPath {
                entries: vec!["/x/bin".into(), "/usr/bin".into()],
            },
            Op::Unset {
                name: "GOTOOLCHAIN".into(),
            },
        ];
        let (set, hide) = ops_to_values(&ops, "PATH", Span::test_data()).unwrap();
        assert_eq!(set.get("GOROOT"), Some(&s("/x")));
        assert_eq!(
            set.get("PATH"),
            Some(&Value::test_list(vec![s("/x/bin"), s("/usr/bin")]))
        );
        assert_eq!(hide, vec!["GOTOOLCHAIN".to_string()]);
    }

    #[cfg(unix)]
    #[test]
    fn invalid_utf8_is_a_labeled_error() {
        use std::os::unix::ffi::OsStringExt;
        let ops = vec![Op::Set {
            name: "GOPATH".into(),
            value: OsString::from_vec(vec![b'/', 0xff]),
        }];
        let e = ops_to_values(&ops, "PATH", Span::test_data()).unwrap_err();
        assert!(e.msg.contains("GOPATH"), "{}", e.msg);
        assert!(e.msg.contains("UTF-8"), "{}", e.msg);
    }
}
