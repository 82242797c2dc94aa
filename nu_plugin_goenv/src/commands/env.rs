use super::session;
use crate::convert::ops_to_values;
use crate::GoenvPlugin;
use goenv_hook::facts::Depth;
use nu_plugin::{EngineInterface, EvaluatedCall, SimplePluginCommand};
use nu_protocol::{record, Category, Example, LabeledError, Signature, Type, Value};

/// `goenv env`: what should change, as data.
pub struct Env;

impl SimplePluginCommand for Env {
    type Plugin = GoenvPlugin;

    fn name(&self) -> &str {
        "goenv env"
    }

    fn description(&self) -> &str {
        "The environment changes goenv-hook wants here, as a record for load-env."
    }

    fn extra_description(&self) -> &str {
        "Returns a record of the variables to set: strings, and PATH as a list of strings \
(only the variables that change; an empty record when all is right), so `goenv env | load-env` \
applies them. Variables to remove can't be part of a load-env record: `--full` returns \
{set: record, hide: list<string>} instead. `goenv activate` does both in one step. \
Nothing is changed by this command itself."
    }

    fn signature(&self) -> Signature {
        Signature::build(self.name())
            .switch(
                "full",
                "return {set: record, hide: list<string>}: also the variables to remove",
                Some('f'),
            )
            .input_output_type(Type::Nothing, Type::record())
            .category(Category::Env)
    }

    fn search_terms(&self) -> Vec<&str> {
        vec!["go", "load-env", "GOROOT", "PATH"]
    }

    fn examples(&self) -> Vec<Example<'_>> {
        // The results are those of the test engine in tests/plugin_test.rs:
        // a directory outside any Go project, PATH starting with Debian's
        // /usr/lib/go-1.23/bin, GOBIN's directory not on PATH yet.
        vec![
            // No result for these two: `load-env` is a nu-command command,
            // which nu-plugin-test-support's engine (nu-cmd-lang only) lacks;
            // the real nu runs them in tests/e2e_nu.rs.
            Example {
                example: "goenv env | load-env",
                description: "Set the Go variables and PATH in the current scope",
                result: None,
            },
            Example {
                example:
                    "let e = goenv env --full; load-env $e.set; hide-env --ignore-errors ...$e.hide",
                description: "Set and remove variables (what `goenv activate` does)",
                result: None,
            },
            Example {
                example: "(goenv env).PATH?.0",
                description: "The first PATH entry goenv-hook wants: the selected toolchain's bin (null when PATH is already right)",
                result: Some(Value::test_string("/usr/lib/go-1.23/bin")),
            },
            Example {
                example: "goenv env --full | describe",
                description: "What --full returns: the variables to set (PATH a list) and the names to hide",
                result: Some(Value::test_string(
                    "record<set: record<PATH: list<string>, GOENV_HOOK_STATE: string>, hide: list<any>>",
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
        let (caller, s) = session(engine, call, Depth::Hook)?;
        let ops = s.apply_ops();
        let (set, hide) = ops_to_values(&ops, &caller.path_name, span)?;
        if call.has_flag("full")? {
            let hide = hide.into_iter().map(|n| Value::string(n, span)).collect();
            Ok(Value::record(
                record! {
                    "set" => Value::record(set, span),
                    "hide" => Value::list(hide, span),
                },
                span,
            ))
        } else {
            Ok(Value::record(set, span))
        }
    }
}
