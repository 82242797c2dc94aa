use super::session;
use crate::GoenvPlugin;
use goenv_hook::checks::{self, extra, Class, Evidence, Finding, Severity};
use goenv_hook::doctor::{self, DoctorOptions};
use goenv_hook::probe::Depth;
use goenv_hook::shell::Shell;
use nu_plugin::{EngineInterface, EvaluatedCall, SimplePluginCommand};
use nu_protocol::{
    record, Category, Example, LabeledError, Record, Signature, Span, SyntaxShape, Type, Value,
};

/// What the hook line for config.nu looks like (also the fix we suggest).
pub const HOOK_LINE: &str = "$env.config.hooks.env_change.PWD = ($env.config.hooks.env_change.PWD? | default [] | append {|_, _| goenv activate })";

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
        let (_, s) = session(engine, call, Depth::Full)?;
        let mut x = extra::probe(
            &s.facts,
            &extra::Roots::default(),
            &extra::ProbeOptions {
                cheap: false,
                shell: Some(Shell::Nu),
                hook_hint: None,
            },
        );
        // The plugin is set up with `plugin add` and a hook in config.nu, not
        // with `goenv-hook init`: the start-up file and init-hook checks do
        // not apply; the plugin checks its own hook instead.
        x.startup = None;
        x.hook = None;
        let own: Vec<Finding> = hook_finding(engine).into_iter().collect();
        let opts = DoctorOptions {
            ignore,
            strict: false,
            checks: checks::Options {
                cheap_only: false,
                shell: Some(Shell::Nu),
            },
        };
        let out = doctor::run(&s.facts, &x, &s.config, &opts, own).map_err(|e| {
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

pub fn severity_name(s: Severity) -> &'static str {
    s.name()
}

pub fn class_name(c: Class) -> &'static str {
    match c {
        Class::Toolchain => "toolchain",
        Class::Env => "env",
        Class::Project => "project",
    }
}

/// One finding as a table row.
pub fn finding_row(f: &Finding, span: Span) -> Value {
    let evidence = f.evidence.iter().map(|e| evidence_value(e, span)).collect();
    Value::record(
        record! {
            "id" => Value::string(f.id, span),
            "severity" => Value::string(severity_name(f.severity), span),
            "class" => Value::string(class_name(f.class), span),
            "message" => Value::string(&f.message, span),
            "fix" => Value::string(plugin_wording(&f.fix), span),
            "evidence" => Value::list(evidence, span),
        },
        span,
    )
}

/// The core's fixes name `goenv-hook init`, which in Nushell is the plugin's
/// `goenv activate`.
pub fn plugin_wording(fix: &str) -> String {
    fix.replace(
        "(goenv-hook init does this)",
        "(`goenv activate` does this)",
    )
    .replace(
        "add `goenv-hook init` to your shell's start-up file: it does this",
        "run `goenv activate`: it does this",
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

/// Whether a hook text applies goenv-hook: the plugin's commands, or the
/// `goenv-hook init nu` hook (its `__goenv_hook` marker).
pub fn applies_goenv(text: &str) -> bool {
    text.contains("goenv activate") || text.contains("goenv env") || text.contains("__goenv_hook")
}

/// `hook-not-installed` when no hook in $env.config.hooks applies goenv-hook.
fn hook_finding(engine: &EngineInterface) -> Option<Finding> {
    let cfg = engine.get_config().ok()?;
    let mut texts = Vec::new();
    for v in cfg
        .hooks
        .pre_prompt
        .iter()
        .chain(cfg.hooks.env_change.values().flatten())
    {
        hook_texts(engine, v, &mut texts);
    }
    if texts.iter().any(|t| applies_goenv(t)) {
        return None;
    }
    let info = checks::info("hook-not-installed");
    Some(Finding {
        id: "hook-not-installed",
        severity: info.map_or(Severity::Warn, |i| i.severity),
        class: info.map_or(Class::Env, |i| i.class),
        message: "no hook in $env.config.hooks runs `goenv activate`: the Go environment does not follow `cd` (a go.mod's version, a .go-version)".into(),
        fix: format!("add to config.nu (`config nu`): {HOOK_LINE}"),
        evidence: vec![Evidence::note(format!(
            "{} hook(s) in pre_prompt and env_change, none mentions goenv",
            texts.len()
        ))],
    })
}
