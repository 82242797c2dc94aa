//! `goenv-hook completions <shell>`.

use super::args::{self, CompletionShell};
use super::{write_out, Outcome};

pub(super) fn completions(shell: CompletionShell) -> Outcome {
    write_out(&completion_script(shell));
    Ok(())
}

/// The completion script for a shell (generated from the clap definition).
/// Values come from clap's value lists (shells, `env`'s formats, `prompt
/// --shell`, check ids for `doctor --ignore`); bash, zsh and fish also
/// complete `use`'s target with the installed versions (`toolchains
/// --names`, run at each Tab) and directories. clap's fish generator
/// leaves positional arguments out: their lines are added here.
pub(crate) fn completion_script(shell: CompletionShell) -> Vec<u8> {
    use clap::CommandFactory;
    use clap_complete::Shell as S;
    let mut cmd = args::Cli::command();
    let name = "goenv-hook";
    let mut out = Vec::new();
    match shell {
        CompletionShell::Bash => {
            clap_complete::generate(S::Bash, &mut cmd, name, &mut out);
            // clap names the states of a hyphenated binary two ways
            // (`goenv__hook__subcmd__doctor` when it sets them,
            // `goenv__subcmd__hook__subcmd__doctor)` where it matches
            // them), so no subcommand's arguments completed: one spelling.
            out = String::from_utf8_lossy(&out)
                .replace("goenv__subcmd__hook", "goenv__hook")
                .into_bytes();
            out.extend_from_slice(BASH_USE.as_bytes());
        }
        CompletionShell::Zsh => {
            clap_complete::generate(S::Zsh, &mut cmd, name, &mut out);
            out = zsh_use(&out);
        }
        CompletionShell::Fish => {
            clap_complete::generate(S::Fish, &mut cmd, name, &mut out);
            out.extend_from_slice(fish_positionals(&cmd).as_bytes());
        }
        CompletionShell::Powershell => {
            clap_complete::generate(S::PowerShell, &mut cmd, name, &mut out);
            out = insert_before(
                &out,
                "    $completions = @(switch ($command) {",
                &pwsh_values(&cmd),
            );
        }
        CompletionShell::Elvish => {
            clap_complete::generate(S::Elvish, &mut cmd, name, &mut out);
            out = insert_before(&out, "    var completions = [", &elvish_values(&cmd));
        }
        CompletionShell::Nushell => {
            clap_complete::generate(clap_complete_nushell::Nushell, &mut cmd, name, &mut out);
            out = nu_without_init_commands(&out);
        }
    }
    out
}

/// bash: `use <Tab>` offers the installed versions, `default` and
/// directories; everything else as clap's function does.
const BASH_USE: &str = r#"
# goenv-hook: `use <Tab>` completes the installed versions (`goenv-hook
# toolchains --names`), `default` and directories.
_goenv__hook_values() {
    _goenv__hook "$@"
    if [[ ${COMP_WORDS[1]-} == use && ${COMP_CWORD} -eq 2 && ${COMP_WORDS[2]-} != -* ]]; then
        local cur=${COMP_WORDS[2]-} IFS=$'\n'
        # shellcheck disable=SC2207
        COMPREPLY=($(compgen -W "$(command goenv-hook toolchains --names 2>/dev/null)"$'\n'default -- "$cur") $(compgen -d -- "$cur"))
    fi
}
if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _goenv__hook_values -o nosort -o bashdefault -o default goenv-hook
else
    complete -F _goenv__hook_values -o bashdefault -o default goenv-hook
fi
"#;

/// zsh: `use`'s target completes the installed versions, `default` and
/// directories (clap writes `_files -/` for it, from its value hint).
fn zsh_use(script: &[u8]) -> Vec<u8> {
    let s = String::from_utf8_lossy(script);
    let from = ":version -- A version";
    let helper = "_goenv_hook_use_targets() {\n    local -a v\n    v=(${(f)\"$(command goenv-hook toolchains --names 2>/dev/null)\"} default)\n    _describe -t versions 'installed version' v\n    _files -/\n}\n\n";
    let mut out = String::new();
    for line in s.split_inclusive('\n') {
        if line.starts_with(&format!("'{from}")) {
            out.push_str(&line.replacen(":_files -/'", ":_goenv_hook_use_targets'", 1));
        } else {
            out.push_str(line);
        }
    }
    let tail = "if [ \"$funcstack[1]\" = \"_goenv-hook\" ]; then";
    out.replacen(tail, &format!("{helper}{tail}"), 1)
        .into_bytes()
}

/// Nushell: no externs for `use` and `deactivate`. The saved init defines
/// commands of those names (which apply to the shell; use completes the
/// installed versions); an extern defined after them would shadow them
/// with the executable, which needs the shell argument. (`doctor`'s extern
/// stays, for its options' completion: loaded after the init, it runs the
/// executable, which then can't check the hooks.)
fn nu_without_init_commands(text: &[u8]) -> Vec<u8> {
    let s = String::from_utf8_lossy(text);
    let drop = |chunk: &str| {
        ["use", "deactivate"].iter().any(|sub| {
            chunk.contains(&format!("extern \"goenv-hook {sub}\""))
                || chunk.contains(&format!("\"nu-complete goenv-hook {sub} "))
        })
    };
    s.split("\n\n")
        .filter(|c| !drop(c))
        .collect::<Vec<_>>()
        .join("\n\n")
        .into_bytes()
}

/// `text` with `add` inserted before the first line that is `line`.
fn insert_before(text: &[u8], line: &str, add: &str) -> Vec<u8> {
    let s = String::from_utf8_lossy(text);
    match s.find(&format!("\n{line}\n")) {
        Some(i) => format!("{}\n{add}{}", &s[..i], &s[i + 1..]).into_bytes(),
        None => text.to_vec(),
    }
}

/// The values each subcommand's arguments take, for the scripts whose
/// generators complete names only (PowerShell, elvish): (key, values),
/// the key `sub|--option` for an option's value, `sub|N` for the Nth
/// argument. `use`'s target (installed versions) is left to the script.
fn value_table(cmd: &clap::Command) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for sub in cmd.get_subcommands() {
        let names = |a: &clap::Arg| -> Vec<String> {
            a.get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect()
        };
        for a in sub.get_arguments() {
            let v = names(a);
            if v.is_empty() {
                continue;
            }
            match (a.get_long(), a.get_index()) {
                (Some(l), _) => out.push((format!("{}|--{l}", sub.get_name()), v)),
                (None, Some(i)) => out.push((format!("{}|{i}", sub.get_name()), v)),
                _ => {}
            }
        }
    }
    out
}

/// PowerShell: an option's values after it, an argument's values in its
/// place (counted after the subcommand), `use`'s installed versions.
fn pwsh_values(cmd: &clap::Command) -> String {
    let q = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let mut s = String::from(
        "    # goenv-hook: values (clap's PowerShell generator completes names only).\n    $goenvHookWords = @($commandElements | ForEach-Object { $_.ToString() })\n    if ($wordToComplete -ne '') {\n        $goenvHookWords = @($goenvHookWords | Select-Object -SkipLast 1)\n    }\n    if ($goenvHookWords.Count -ge 2) {\n        $goenvHookPrev = $goenvHookWords[-1]\n        $goenvHookKey = $goenvHookWords[1] + '|' + ($goenvHookWords.Count - 1)\n        if ($goenvHookPrev.StartsWith('-')) {\n            $goenvHookKey = $goenvHookWords[1] + '|' + $goenvHookPrev\n        }\n        $goenvHookValues = switch ($goenvHookKey) {\n            'use|1' { @(& goenv-hook toolchains --names 2>$null) + @('default'); break }\n",
    );
    for (key, values) in value_table(cmd) {
        let list: Vec<String> = values.iter().map(|v| q(v)).collect();
        s.push_str(&format!(
            "            {} {{ @({}); break }}\n",
            q(&key),
            list.join(", ")
        ));
    }
    s.push_str("        }\n        if ($null -ne $goenvHookValues) {\n            $goenvHookValues | Where-Object { $_ -like \"$wordToComplete*\" } | ForEach-Object {\n                [CompletionResult]::new($_, $_, [CompletionResultType]::ParameterValue, $_)\n            }\n            return\n        }\n    }\n\n");
    s
}

/// elvish: the same table.
fn elvish_values(cmd: &clap::Command) -> String {
    let q = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let mut s = String::from(
        "    # goenv-hook: values (clap's elvish generator completes names only).\n    var values = [\n",
    );
    for (key, values) in value_table(cmd) {
        let list: Vec<String> = values.iter().map(|v| q(v)).collect();
        s.push_str(&format!("        &{}= [{}]\n", q(&key), list.join(" ")));
    }
    s.push_str("    ]\n    if (> (count $words) 2) {\n        var key = $words[1]'|'(- (count $words) 2)\n        if (str:has-prefix $words[-2] '-') {\n            set key = $words[1]'|'$words[-2]\n        }\n        if (eq $key 'use|1') {\n            var found = []\n            try {\n                set found = [(e:goenv-hook toolchains --names 2>/dev/null)]\n            } catch {\n            }\n            for v [$@found default] {\n                cand $v ''\n            }\n            return\n        }\n        if (has-key $values $key) {\n            for v $values[$key] {\n                cand $v ''\n            }\n            return\n        }\n    }\n");
    s
}

/// fish: a `complete` line per positional argument of each subcommand
/// (clap's fish generator has none): its values, or for `use`'s target the
/// installed versions, `default` and directories.
fn fish_positionals(cmd: &clap::Command) -> String {
    let mut out = String::from(
        "\n# goenv-hook: positional arguments (clap's fish generator writes options only).\n",
    );
    for sub in cmd.get_subcommands() {
        for (i, arg) in sub.get_positionals().enumerate() {
            // The words before the one being completed: goenv-hook, the
            // subcommand, the earlier positionals.
            let cond = format!(
                "__fish_goenv_hook_using_subcommand {}; and test (count (commandline -opc)) -eq {}",
                sub.get_name(),
                i + 2
            );
            let help = arg
                .get_help()
                .map(|h| h.to_string().replace('\'', "\\'"))
                .unwrap_or_default();
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect();
            if sub.get_name() == "use" && i == 0 {
                out.push_str(&format!(
                    "complete -c goenv-hook -n \"{cond}\" -f -a \"(command goenv-hook toolchains --names 2>/dev/null) default (__fish_complete_directories (commandline -ct) '')\" -d '{help}'\n"
                ));
            } else if !values.is_empty() {
                out.push_str(&format!(
                    "complete -c goenv-hook -n \"{cond}\" -f -a \"{}\" -d '{help}'\n",
                    values.join(" ")
                ));
            }
        }
    }
    out
}
