//! `goenv toolchains` and `goenv which`: tables built from the core's reports.

use super::session;
use crate::convert::{opt_string, path_value};
use crate::GoenvPlugin;
use goenv_hook::app::Session;
use goenv_hook::facts::toolchain::{Source, Toolchain};
use goenv_hook::facts::Depth;
use goenv_hook::probe::same_dir;
use goenv_hook::report;
use nu_plugin::{EngineInterface, EvaluatedCall, SimplePluginCommand};
use nu_protocol::{record, Category, Example, LabeledError, Signature, Span, Type, Value};

/// The install source's name, as in `goenv-hook toolchains --json`.
pub fn source_name(s: Source) -> String {
    goenv_hook::sys::ser::name(&s)
}

fn version(t: Option<&Toolchain>, span: Span) -> Value {
    opt_string(
        t.and_then(|t| t.version.as_ref()).map(|v| v.to_string()),
        span,
    )
}

/// Why goenv-hook selects what it selects: "go.mod (/p/go.mod:3)".
fn because(s: &Session) -> String {
    let rule = report::which::rule_text(s.plan.rule);
    let at = match s.plan.request.as_ref().map(|r| (&r.file, r.line)) {
        Some((Some(f), Some(l))) => format!(" ({}:{l})", f.display()),
        Some((Some(f), None)) => format!(" ({})", f.display()),
        _ => String::new(),
    };
    let unmet = if s.plan.unsatisfied {
        " — requested version not installed, default used"
    } else {
        ""
    };
    format!("{rule}{at}{unmet}")
}

/// `goenv toolchains`: every install found.
pub struct Toolchains;

impl SimplePluginCommand for Toolchains {
    type Plugin = GoenvPlugin;

    fn name(&self) -> &str {
        "goenv toolchains"
    }

    fn description(&self) -> &str {
        "Every Go install found in the known locations, newest first."
    }

    fn extra_description(&self) -> &str {
        "Columns: version, root, source (debian, tarball, golang-dl, homebrew, …), version_from \
(buildinfo, VERSION, zbootstrap), go_bin, active (the go that runs now), selected (the one \
goenv-hook selects for this directory), because (for the selected one: the rule that chose it)."
    }

    fn signature(&self) -> Signature {
        Signature::build(self.name())
            .input_output_type(Type::Nothing, Type::table())
            .category(Category::Env)
    }

    fn search_terms(&self) -> Vec<&str> {
        vec!["go", "installs", "versions", "list"]
    }

    fn examples(&self) -> Vec<Example<'_>> {
        vec![
            // No result: the rows are the installs of the machine the
            // example runs on.
            Example {
                example: "goenv toolchains",
                description: "List the Go installs",
                result: None,
            },
            // No result: `where` and `get` are nu-command commands, which
            // nu-plugin-test-support's engine (nu-cmd-lang only) lacks.
            Example {
                example: "goenv toolchains | where selected | get root",
                description: "The root of the toolchain selected here",
                result: None,
            },
            Example {
                example: "goenv toolchains | describe",
                description: "The columns and their types (`because` is set on the selected row only)",
                result: Some(Value::test_string(
                    "table<version: string, root: string, source: string, version_from: string, go_bin: string, active: bool, selected: bool, because: oneof<string, nothing>>",
                )),
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
        let (_, s) = session(engine, call, Depth::Full)?;
        let w = report::which::which(&s);
        let list = report::which::toolchains(&s, &w);
        let rows = list
            .iter()
            .map(|i| {
                let t = i.toolchain;
                Value::record(
                    record! {
                        "version" => version(Some(t), span),
                        "root" => path_value(&t.root, span),
                        "source" => Value::string(source_name(t.source), span),
                        "version_from" => opt_string(t.version_from.map(str::to_string), span),
                        "go_bin" => path_value(&t.go_bin, span),
                        "active" => Value::bool(i.active, span),
                        "selected" => Value::bool(i.selected, span),
                        "because" => opt_string(i.selected.then(|| because(&s)), span),
                    },
                    span,
                )
            })
            .collect();
        Ok(Value::list(rows, span))
    }
}

/// `goenv which`: every `go` on PATH.
pub struct Which;

impl SimplePluginCommand for Which {
    type Plugin = GoenvPlugin;

    fn name(&self) -> &str {
        "goenv which"
    }

    fn description(&self) -> &str {
        "Every go on PATH, in order, with its symlink chain, toolchain and problems; the first usable one runs."
    }

    fn extra_description(&self) -> &str {
        "Columns: index (PATH entry), dir, path, chain (symlink hops), resolved, version, root, source, \
shim (version manager, if a shim), problem, runs (the one that runs), selected (its toolchain is \
the one goenv-hook selects here), because (for the selected one: the rule that chose it)."
    }

    fn signature(&self) -> Signature {
        Signature::build(self.name())
            .input_output_type(Type::Nothing, Type::table())
            .category(Category::Env)
    }

    fn search_terms(&self) -> Vec<&str> {
        vec!["go", "PATH", "shadowed", "symlink"]
    }

    fn examples(&self) -> Vec<Example<'_>> {
        vec![
            // No result: the rows are the `go` binaries on the PATH of the
            // machine the example runs on.
            Example {
                example: "goenv which",
                description: "Every go on PATH",
                result: None,
            },
            // No result: `where` and `get` are nu-command commands, which
            // nu-plugin-test-support's engine (nu-cmd-lang only) lacks.
            Example {
                example: "goenv which | where runs | get 0.version",
                description: "The version of the go that runs",
                result: None,
            },
            Example {
                example: "(goenv which).0.version",
                description:
                    "The version of the first go on PATH (here Debian's /usr/lib/go-1.23/bin/go)",
                result: Some(Value::test_string("1.23.5")),
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
        let (_, s) = session(engine, call, Depth::Full)?;
        let w = report::which::which(&s);
        let rows = w
            .hits
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let t = h.toolchain.as_ref();
                let selected = match (t, w.selected) {
                    (Some(t), Some(sel)) => same_dir(&t.root, &sel.root),
                    _ => false,
                };
                let chain = h.chain.iter().map(|p| path_value(p, span)).collect();
                Value::record(
                    record! {
                        "index" => Value::int(h.path_index as i64, span),
                        "dir" => Value::string(h.dir.to_string_lossy(), span),
                        "path" => path_value(&h.path, span),
                        "chain" => Value::list(chain, span),
                        "resolved" => opt_string(h.resolved.as_ref().map(|p| p.to_string_lossy().into_owned()), span),
                        "version" => version(t, span),
                        "root" => opt_string(t.map(|t| t.root.to_string_lossy().into_owned()), span),
                        "source" => opt_string(t.map(|t| source_name(t.source).to_string()), span),
                        "shim" => opt_string(h.shim.as_ref().map(|s| s.manager.to_string()), span),
                        "problem" => opt_string(h.problem.clone(), span),
                        "runs" => Value::bool(w.active == Some(i), span),
                        "selected" => Value::bool(selected, span),
                        "because" => opt_string(selected.then(|| because(&s)), span),
                    },
                    span,
                )
            })
            .collect();
        Ok(Value::list(rows, span))
    }
}
