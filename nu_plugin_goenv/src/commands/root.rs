use crate::GoenvPlugin;
use nu_plugin::{EngineInterface, EvaluatedCall, SimplePluginCommand};
use nu_protocol::{Category, Example, LabeledError, Signature, Type, Value};

/// `goenv`: the list of subcommands.
pub struct Goenv;

impl SimplePluginCommand for Goenv {
    type Plugin = GoenvPlugin;

    fn name(&self) -> &str {
        "goenv"
    }

    fn description(&self) -> &str {
        "Keep the Go environment right in Nushell: Go variables, Go bin dirs on PATH, per-project toolchains."
    }

    fn extra_description(&self) -> &str {
        "Subcommands: `goenv env` (what should be set, as a record), `goenv activate` and `goenv deactivate` \
(apply in the current scope), `goenv prompt` (prompt segment), `goenv toolchains` and `goenv which` \
(tables of installs and of `go` on PATH), `goenv doctor` (findings). \
Settings: the goenv-hook config file, overridden by $env.config.plugins.goenv. \
To switch toolchains on `cd`, add to config.nu: $env.config.hooks.env_change.PWD = ($env.config.hooks.env_change.PWD? | default [] | append {|_, _| goenv activate })"
    }

    fn signature(&self) -> Signature {
        Signature::build(self.name())
            .input_output_type(Type::Nothing, Type::String)
            .category(Category::Env)
    }

    fn search_terms(&self) -> Vec<&str> {
        vec!["go", "golang", "toolchain", "GOROOT", "GOPATH"]
    }

    fn examples(&self) -> Vec<Example<'_>> {
        // No result: the output is this very help text, examples included,
        // so as a result `help goenv` would print the help inside itself.
        // tests/plugin_test.rs checks that it lists every subcommand.
        vec![Example {
            example: "goenv",
            description: "List the goenv subcommands",
            result: None,
        }]
    }

    fn run(
        &self,
        _plugin: &GoenvPlugin,
        engine: &EngineInterface,
        call: &EvaluatedCall,
        _input: &Value,
    ) -> Result<Value, LabeledError> {
        Ok(Value::string(engine.get_help()?, call.head))
    }
}
