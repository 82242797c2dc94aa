use crate::convert::{self, CallerEnv};
use crate::GoenvPlugin;
use goenv_hook::app::DISABLED_VAR;
use goenv_hook::shell::Op;
use nu_plugin::{EngineInterface, EvaluatedCall, SimplePluginCommand};
use nu_protocol::{Category, Example, LabeledError, Signature, Type, Value};

/// `goenv deactivate`: undo exactly what goenv-hook did.
pub struct Deactivate;

impl SimplePluginCommand for Deactivate {
    type Plugin = GoenvPlugin;

    fn name(&self) -> &str {
        "goenv deactivate"
    }

    fn description(&self) -> &str {
        "Restore PATH and the variables goenv-hook changed, and pause `goenv activate` without arguments."
    }

    fn extra_description(&self) -> &str {
        "Uses the record in $env.GOENV_HOOK_STATE: PATH gets back the entries it had (still a list), \
each variable its previous value (or is hidden if it had none), unless you changed it since. \
Sets GOENV_HOOK_DISABLED=1 so the hook leaves the shell alone; `goenv activate <version>` or \
`goenv activate default` resumes."
    }

    fn signature(&self) -> Signature {
        Signature::build(self.name())
            .input_output_type(Type::Nothing, Type::Nothing)
            .category(Category::Env)
    }

    fn search_terms(&self) -> Vec<&str> {
        vec!["go", "restore", "undo", "off"]
    }

    fn examples(&self) -> Vec<Example<'_>> {
        vec![
            Example {
                example: "goenv deactivate; $env.GOENV_HOOK_DISABLED",
                description: "Undo goenv-hook's changes; the hook then pauses",
                result: Some(Value::test_string("1")),
            },
            Example {
                example: "let before = $env.PATH; goenv activate 1.21; goenv deactivate; $env.PATH == $before",
                description: "PATH comes back exactly as it was, still a list",
                result: Some(Value::test_bool(true)),
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
        let caller = CallerEnv::read(engine)?;
        let mut ops = goenv_hook::app::deactivate_ops(caller.snapshot);
        // The core's deactivate also removes the shell's hook; the plugin's
        // hook is the user's own line in config.nu, which stays: the flag
        // makes `goenv activate` (no argument) leave the shell alone.
        ops.retain(|op| !matches!(op, Op::Unset { name } if name == DISABLED_VAR));
        ops.push(Op::Set {
            name: DISABLED_VAR.into(),
            value: "1".into(),
        });
        convert::apply(engine, call, &ops, &caller.path_name)?;
        Ok(Value::nothing(call.head))
    }
}
