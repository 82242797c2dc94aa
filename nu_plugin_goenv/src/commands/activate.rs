use crate::convert::{self, CallerEnv};
use crate::settings;
use crate::GoenvPlugin;
use goenv_hook::app::{Session, DISABLED_VAR, ERROR_VAR};
use goenv_hook::config::Config;
use goenv_hook::facts::Depth;
use goenv_hook::shell::Op;
use goenv_hook::sys::env::EnvSnapshot;
use nu_plugin::{EngineInterface, EvaluatedCall, SimplePluginCommand};
use nu_protocol::{Category, Example, LabeledError, Signature, Spanned, SyntaxShape, Type, Value};

/// `goenv activate [version|dir]`: apply in the caller's scope.
pub struct Activate;

impl SimplePluginCommand for Activate {
    type Plugin = GoenvPlugin;

    fn name(&self) -> &str {
        "goenv activate"
    }

    fn description(&self) -> &str {
        "Apply the Go environment in the current scope; with an argument, pin this shell to a Go version or toolchain directory."
    }

    fn extra_description(&self) -> &str {
        "Without an argument: the toolchain the directory asks for (GOENV_HOOK_GO, .go-version, go.work, \
go.mod, the config's pin, else the first go on PATH), its bin dir and GOBIN at the front of PATH \
(PATH stays a list), the Go variables from the settings. What goenv-hook changed is recorded in \
$env.GOENV_HOOK_STATE, so running it again first undoes its own previous changes. After \
`goenv deactivate` it does nothing until `goenv activate <version>` or `goenv activate default`. \
This is the command for the hook in config.nu: \
$env.config.hooks.env_change.PWD = ($env.config.hooks.env_change.PWD? | default [] | append {|_, _| goenv activate }). \
With an argument: `1.22`, `1.22.3`, `go1.22.3`, a toolchain root directory (sets GOENV_HOOK_GO), \
or `default` (removes the pin); an uninstalled version is an error and changes nothing. \
Like load-env, it changes the scope it runs in: at top level, in `def --env` and `do --env`, and in hooks."
    }

    fn signature(&self) -> Signature {
        Signature::build(self.name())
            .optional(
                "toolchain",
                SyntaxShape::String,
                "a Go version (1.22, 1.22.3, go1.22.3), a toolchain root directory, or `default`",
            )
            .input_output_type(Type::Nothing, Type::Nothing)
            .category(Category::Env)
    }

    fn search_terms(&self) -> Vec<&str> {
        vec!["go", "use", "switch", "toolchain", "version", "hook"]
    }

    fn examples(&self) -> Vec<Example<'_>> {
        // The results are those of the test engine in tests/plugin_test.rs:
        // a directory outside any Go project, PATH starting with Debian's
        // /usr/lib/go-1.23/bin, and /usr/lib/go-1.{21,22} installed.
        vec![
            Example {
                example: "goenv activate; $env.PATH.0",
                description: "Apply what this directory asks for: the selected toolchain's bin comes first on PATH",
                result: Some(Value::test_string("/usr/lib/go-1.23/bin")),
            },
            Example {
                example: "goenv activate 1.21; $env.PATH.0",
                description: "Use the installed Go 1.21 release in this shell",
                result: Some(Value::test_string("/usr/lib/go-1.21/bin")),
            },
            Example {
                example: "goenv activate /usr/lib/go-1.22; $env.PATH.0",
                description: "Use the toolchain in a directory (~/sdk/go1.22.3 and ./go work the same way)",
                result: Some(Value::test_string("/usr/lib/go-1.22/bin")),
            },
            Example {
                example: "goenv activate default; 'GOENV_HOOK_GO' in $env",
                description: "Drop the pin: back to what the directory asks for",
                result: Some(Value::test_bool(false)),
            },
            // No result: `default` and `append` are nu-command commands, which
            // nu-plugin-test-support's engine (nu-cmd-lang only) lacks; the
            // real nu runs it in tests/e2e_nu.rs.
            Example {
                example: "$env.config.hooks.env_change.PWD = ($env.config.hooks.env_change.PWD? | default [] | append {|_, _| goenv activate })",
                description: "In config.nu: switch toolchains on every `cd`",
                result: None,
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
        let target: Option<Spanned<String>> = call.opt(0)?;
        let env = caller.snapshot.clone();
        let config = match settings::load(engine, call, &env) {
            Ok(c) => c,
            // As the shells' hooks do: settings that can't be used leave the
            // environment as it is and are reported once (a warning on
            // stderr), not again until they change; applying unsets the
            // mark. An error here would stop config.nu at this line, and
            // a hook's error is shown at every `cd` (its environment
            // changes are dropped, so no mark could be kept).
            Err(e) if target.is_none() => {
                let text = warning(&e);
                let fp = goenv_hook::app::fingerprint_text(&text);
                if env.get(ERROR_VAR).is_none_or(|v| v != fp.as_str()) {
                    engine.add_env_var(ERROR_VAR, Value::string(fp, call.head))?;
                    eprintln!("{text}");
                }
                return Ok(Value::nothing(call.head));
            }
            Err(e) => return Err(e),
        };
        let ops = match &target {
            None => {
                if env.get_nonempty(DISABLED_VAR).is_some() {
                    Vec::new()
                } else {
                    Session::with_config(env, config, Depth::Hook).apply_ops()
                }
            }
            Some(t) => pin_ops(env, config, t)?,
        };
        convert::apply(engine, call, &ops, &caller.path_name)?;
        Ok(Value::nothing(call.head))
    }
}

/// The one-time warning for settings that can't be used: the error's
/// message, where (file:line:column, or the setting), and the expected form.
fn warning(e: &LabeledError) -> String {
    let msg = e.msg.strip_prefix("goenv: ").unwrap_or(&e.msg);
    let mut t = format!("goenv: {msg}, environment left as is");
    for l in e.labels.iter() {
        t.push_str(&format!("\n  {}", l.text));
    }
    if let Some(h) = &e.help {
        t.push_str(&format!("\n  {h}"));
    }
    t.push_str("\n  (`goenv env` shows it again; fixed, the next `cd` applies)");
    t
}

/// What `goenv activate <target>` changes: the core's `use` (the pin,
/// re-enabling, and the environment for the pinned toolchain), its refusals
/// as errors pointing at the argument (nothing changes then).
pub fn pin_ops(
    env: EnvSnapshot,
    config: Config,
    target: &Spanned<String>,
) -> Result<Vec<Op>, LabeledError> {
    use goenv_hook::app::{use_ops_with, UseError};
    let t = target.item.trim();
    use_ops_with(env, config, t).map_err(|e| {
        let (label, help) = match &e {
            UseError::NotAVersion(_) => (
                "expected a version (1.22, 1.22.3, go1.22.3), a directory, or `default`".to_string(),
                "a directory must contain / (./go, ~/sdk/go1.22.3); `goenv toolchains` lists what is installed".to_string(),
            ),
            UseError::NotAToolchain(_) => (
                format!("{t} is not a Go toolchain root (no bin/go and pkg/tool)"),
                "`goenv toolchains` lists what is installed".to_string(),
            ),
            UseError::NotInstalled { installed, .. } => (
                format!("{t} is not installed"),
                if installed.is_empty() {
                    "no Go toolchains found; `goenv toolchains` shows where goenv-hook looks".to_string()
                } else {
                    format!("installed: {}", installed.join(", "))
                },
            ),
        };
        let msg = match &e {
            UseError::NotAVersion(_) => format!("goenv: `{t}` is not a Go version"),
            _ => format!("goenv: {e}"),
        };
        LabeledError::new(msg).with_label(label, target.span).with_help(help)
    })
}
