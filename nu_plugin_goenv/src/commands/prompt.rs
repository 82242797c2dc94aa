use super::session;
use crate::GoenvPlugin;
use goenv_hook::facts::Depth;
use goenv_hook::plan::Rule;
use goenv_hook::prompt::{self, Style};
use nu_plugin::{EngineInterface, EvaluatedCall, SimplePluginCommand};
use nu_protocol::{
    record, Category, Example, LabeledError, Signature, Spanned, SyntaxShape, Type, Value,
};

/// The rule's stable id, as the `{rule}` placeholder shows it.
pub fn rule_id(r: Rule) -> &'static str {
    match r {
        Rule::Override => "override",
        Rule::GoVersionFile => "go-version-file",
        Rule::GoWork => "go-work",
        Rule::GoMod => "go-mod",
        Rule::Config => "config",
        Rule::Default => "default",
    }
}

/// `goenv prompt`: the prompt segment.
/// The segment while the settings can't be used.
const CONFIG_ERROR: &str = "go: config error";

pub struct Prompt;

impl SimplePluginCommand for Prompt {
    type Plugin = GoenvPlugin;

    fn name(&self) -> &str {
        "goenv prompt"
    }

    fn description(&self) -> &str {
        "The prompt segment: the Go goenv-hook selects here, and what is wrong (never runs go)."
    }

    fn extra_description(&self) -> &str {
        "Empty outside Go projects unless something is wrong (or prompt.always is set). \
Placeholders for --format and prompt.format: {version} {go} {icon} {problems} {wanted} {rule} {pin}; \
{{ and }} are literal braces. Default: {icon}{go}{pin}{problems}. \
`goenv activate` also keeps the segment in $env.GOENV_HOOK_PROMPT, which costs nothing to read."
    }

    fn signature(&self) -> Signature {
        Signature::build(self.name())
            .named(
                "format",
                SyntaxShape::String,
                "template (default: the prompt.format setting, else {icon}{go}{pin}{problems})",
                Some('f'),
            )
            .switch(
                "color",
                "ANSI colour: cyan, yellow when something is wrong",
                Some('c'),
            )
            .switch(
                "detail",
                "return a record: text, version, rule, wanted, in_project, pinned, problems",
                Some('d'),
            )
            .input_output_types(vec![
                (Type::Nothing, Type::String),
                (Type::Nothing, Type::record()),
            ])
            .category(Category::Env)
    }

    fn search_terms(&self) -> Vec<&str> {
        vec!["go", "PROMPT_COMMAND_RIGHT", "starship", "segment"]
    }

    fn examples(&self) -> Vec<Example<'_>> {
        // The results are those of the test engine in tests/plugin_test.rs:
        // a directory outside any Go project, with Debian's go1.23.5 first
        // on PATH.
        vec![
            Example {
                example: "$env.PROMPT_COMMAND_RIGHT = {|| goenv prompt --color }",
                description: "Show the segment at the right of the prompt",
                result: Some(Value::test_nothing()),
            },
            Example {
                example: "goenv prompt",
                description: "Outside a Go project, with nothing wrong, the segment is empty",
                result: Some(Value::test_string("")),
            },
            Example {
                example: "$env.config.plugins.goenv = {prompt: {always: true}}; goenv prompt --format 'go {version} ({rule})'",
                description: "A custom template, shown outside Go projects too",
                result: Some(Value::test_string("go 1.23.5 (default)")),
            },
            Example {
                example: "(goenv prompt --detail).rule",
                description: "The rule that chose the toolchain: override, go-version-file, go-work, go-mod, config or default",
                result: Some(Value::test_string("default")),
            },
            Example {
                example: "(goenv prompt --detail).problems",
                description: "The problems behind the warning sign (none here)",
                result: Some(Value::test_list(vec![])),
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
        let format: Option<Spanned<String>> = call.get_flag("format")?;
        let detail = call.has_flag("detail")?;
        let (_, s) = match session(engine, call, Depth::Hook) {
            Ok(x) => x,
            // A prompt never fails: settings that can't be used show as a
            // marker (`goenv activate` has reported them once).
            Err(_) if !detail => return Ok(Value::string(CONFIG_ERROR, span)),
            Err(e) => return Err(e),
        };
        // Where goenv-hook is active (its state is recorded), the segment
        // describes the environment as goenv-hook makes it; elsewhere the
        // shell as it is.
        let seg = goenv_hook::app::prompt_segment(s, format.as_ref().map(|f| f.item.as_str()));
        if detail {
            let problems = seg
                .problems
                .iter()
                .map(|p| {
                    Value::record(
                        record! {
                            "id" => Value::string(p.id, span),
                            "short" => Value::string(&p.short, span),
                        },
                        span,
                    )
                })
                .collect();
            let rule = rule_id(seg.rule);
            return Ok(Value::record(
                record! {
                    "text" => Value::string(&seg.text, span),
                    "version" => crate::convert::opt_string(seg.version.clone(), span),
                    "rule" => Value::string(rule, span),
                    "wanted" => crate::convert::opt_string(seg.wanted.clone(), span),
                    "in_project" => Value::bool(seg.in_project, span),
                    "pinned" => Value::bool(seg.pinned, span),
                    "problems" => Value::list(problems, span),
                },
                span,
            ));
        }
        let style = if call.has_flag("color")? {
            Style::Ansi
        } else {
            Style::Plain
        };
        Ok(Value::string(prompt::styled(&seg, style), span))
    }
}
