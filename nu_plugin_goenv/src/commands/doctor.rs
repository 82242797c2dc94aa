use super::settings;
use crate::GoenvPlugin;
use goenv_hook::checks::{self, Class, Evidence, Finding, Severity};
use goenv_hook::facts::startup::HookHint;
use goenv_hook::shell::Shell;
use nu_plugin::{EngineInterface, EvaluatedCall, SimplePluginCommand};
use nu_protocol::{
    record, Category, Example, LabeledError, Record, Signature, Span, SyntaxShape, Type, Value,
};

/// `goenv doctor`: the findings, as a table.
pub struct Doctor;

impl SimplePluginCommand for Doctor {
    type Plugin = GoenvPlugin;

    fn name(&self) -> &str {
        "goenv doctor"
    }

    fn description(&self) -> &str {
        "Check the Go environment: toolchains, GOROOT/GOPATH/GOBIN, PATH, go env settings, the project's go.mod."
    }

    fn extra_description(&self) -> &str {
        "One row per finding, errors first, then warnings, then infos: id (stable, usable with --ignore and \
the doctor.ignore setting), severity (error, warn, info), class (toolchain, env, project), message, \
fix (Nushell syntax where it is a command), evidence (records tagged by kind: var, file, path-entry, \
binary, mount, note). An empty table means nothing is wrong. Start-up file checks of `goenv-hook doctor` \
are replaced by one check of the plugin's own hook in $env.config.hooks. `goenv-hook doctor --deep` \
(which runs go) has no plugin equivalent."
    }

    fn signature(&self) -> Signature {
        Signature::build(self.name())
            .named(
                "ignore",
                SyntaxShape::List(Box::new(SyntaxShape::String)),
                "check ids to leave out (added to the doctor.ignore setting)",
                Some('i'),
            )
            .input_output_type(Type::Nothing, Type::table())
            .category(Category::Env)
    }

    fn search_terms(&self) -> Vec<&str> {
        vec!["go", "check", "diagnose", "GOROOT", "problems"]
    }

    fn examples(&self) -> Vec<Example<'_>> {
        vec![
            // No result for these two: the findings depend on the machine
            // (its installs, its PATH), and `where` and `select` are
            // nu-command commands, which nu-plugin-test-support's engine
            // (nu-cmd-lang only) lacks.
            Example {
                example: "goenv doctor",
                description: "Every finding",
                result: None,
            },
            Example {
                example: "goenv doctor | where severity == error | select id message fix",
                description: "Only the errors, and how to fix them",
                result: None,
            },
            Example {
                example: "'hook-not-installed' in (goenv doctor).id",
                description: "Whether config.nu lacks the `cd` hook (here it does: no hook runs `goenv activate`)",
                result: Some(Value::test_bool(true)),
            },
            Example {
                example: "'hook-not-installed' in (goenv doctor --ignore [hook-not-installed path-duplicates]).id",
                description: "Leave some checks out",
                result: Some(Value::test_bool(false)),
            },
        ]
    }

    fn run(
        &self,
        _plugin: &GoenvPlugin,
        engine: &EngineInterface,
        call: &EvaluatedCall,
        _input: &Value,
    ) -> Result<Value, LabeledError> {
        let span = call.head;
        let ignore: Vec<String> = call.get_flag("ignore")?.unwrap_or_default();
        // An unknown id in the doctor.ignore setting (or the config file's
        // [doctor] ignore) is refused by the settings' rules, at its place.
        let known = goenv_hook::config::Known {
            check_ids: Some(checks::IDS),
            is_toolchain_root: None,
        };
        let (caller, config) = settings(engine, call, known)?;
        let req = goenv_hook::app::DoctorRequest {
            ignore,
            shell: Some(Shell::Nu),
            plugin_hook: Some(hook_hint(engine)),
            ..Default::default()
        };
        let out = goenv_hook::app::doctor(caller.snapshot, config, &req).map_err(|e| {
            let at = if e.from_config {
                span
            } else {
                call.get_flag_value("ignore").map_or(span, |v| v.span())
            };
            LabeledError::new(format!("goenv: unknown check id: {}", e.unknown.join(", ")))
                .with_label(
                    if e.from_config {
                        "in the doctor.ignore setting".to_string()
                    } else {
                        "not a check id".to_string()
                    },
                    at,
                )
                .with_help(format!("valid ids: {}", checks::IDS.join(", ")))
        })?;
        let rows = out.findings.iter().map(|f| finding_row(f, span)).collect();
        Ok(Value::list(rows, span))
    }
}

pub fn severity_name(s: Severity) -> String {
    goenv_hook::sys::ser::name(&s)
}

pub fn class_name(c: Class) -> String {
    goenv_hook::sys::ser::name(&c)
}

/// One finding as a table row.
pub fn finding_row(f: &Finding, span: Span) -> Value {
    let evidence = f.evidence.iter().map(|e| evidence_value(e, span)).collect();
    Value::record(
        record! {
            // Nushell's table gives the leftmost columns their width and
            // wraps or drops the rest: the fix before the long message.
            "id" => Value::string(f.id, span),
            "severity" => Value::string(severity_name(f.severity), span),
            "fix" => Value::string(&f.fix, span),
            "message" => Value::string(&f.message, span),
            "class" => Value::string(class_name(f.class), span),
            "evidence" => Value::list(evidence, span),
        },
        span,
    )
}

/// Evidence as a record, through its JSON form (`kind` plus its fields), so
/// new kinds in the core need no change here.
pub fn evidence_value(e: &Evidence, span: Span) -> Value {
    match serde_json::to_value(e) {
        Ok(j) => json_value(&j, span),
        Err(err) => Value::string(format!("(evidence not representable: {err})"), span),
    }
}

fn json_value(j: &serde_json::Value, span: Span) -> Value {
    use serde_json::Value as J;
    match j {
        J::Null => Value::nothing(span),
        J::Bool(b) => Value::bool(*b, span),
        J::Number(n) => match n.as_i64() {
            Some(i) => Value::int(i, span),
            None => Value::float(n.as_f64().unwrap_or(f64::NAN), span),
        },
        J::String(s) => Value::string(s, span),
        J::Array(a) => Value::list(a.iter().map(|x| json_value(x, span)).collect(), span),
        J::Object(o) => {
            let mut r = Record::new();
            for (k, v) in o {
                r.push(k.clone(), json_value(v, span));
            }
            Value::record(r, span)
        }
    }
}

/// The text of every registered hook (closures as written, strings, and
/// the code of `{condition, code}` records).
fn hook_texts(engine: &EngineInterface, v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String { val, .. } => out.push(val.clone()),
        Value::Closure { .. } => {
            if let Ok(b) = engine.get_span_contents(v.span()) {
                out.push(String::from_utf8_lossy(&b).into_owned());
            }
        }
        Value::Record { val, .. } => {
            for (_, x) in val.iter() {
                hook_texts(engine, x, out);
            }
        }
        Value::List { vals, .. } => {
            for x in vals.iter() {
                hook_texts(engine, x, out);
            }
        }
        _ => {}
    }
}

pub use goenv_hook::facts::startup::applies_goenv;

/// Whether a hook in $env.config.hooks applies goenv-hook (the plugin's
/// commands or the `init nu` route's hook), for `hook-not-installed`.
fn hook_hint(engine: &EngineInterface) -> HookHint {
    let mut texts = Vec::new();
    if let Ok(cfg) = engine.get_config() {
        for v in cfg
            .hooks
            .pre_prompt
            .iter()
            .chain(cfg.hooks.env_change.values().flatten())
        {
            hook_texts(engine, v, &mut texts);
        }
    }
    HookHint {
        shell: Some(Shell::Nu),
        registered: texts.iter().any(|t| applies_goenv(t)),
        text: format!(
            "{} hook(s) in pre_prompt and env_change, none mentions goenv",
            texts.len()
        ),
    }
}
