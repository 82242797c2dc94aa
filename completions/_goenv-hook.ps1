
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'goenv-hook' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'goenv-hook'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'goenv-hook' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Print the shell code that applies the Go environment and installs the hook')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print the environment once: shell code for eval, JSON, or a file for places without a shell hook')
            [CompletionResult]::new('hook', 'hook', [CompletionResultType]::ParameterValue, 'Used by the prompt hook: print what changed since the last prompt (nothing if nothing)')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Pin this shell to a Go version or toolchain directory (`default` removes the pin)')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Restore PATH and the variables goenv-hook changed, and remove the hook from this shell')
            [CompletionResult]::new('prompt', 'prompt', [CompletionResultType]::ParameterValue, 'Print the prompt segment: the active Go, and what is wrong (never runs `go`)')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Find every known misconfiguration, each with its fix')
            [CompletionResult]::new('which', 'which', [CompletionResultType]::ParameterValue, 'Every `go` on PATH, with its symlink chain, root, version, source; and what goenv-hook selects')
            [CompletionResult]::new('toolchains', 'toolchains', [CompletionResultType]::ParameterValue, 'Every Go install found in the known locations, with version, root and source')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show where the config file is looked for, and check it')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a completion script for a shell')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'goenv-hook;init' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;env' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;hook' {
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'The calling shell''s id (its pid): also print the bookkeeping that lets the hook skip starting goenv-hook when nothing changed')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;use' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;deactivate' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;prompt' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Template (default: config prompt.format, else `{icon}{go}{problems}`)')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'Wrap colour for this shell''s prompt: bash, zsh, fish, pwsh, nu; `plain` for no colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the segment and its parts as JSON')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;doctor' {
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Ignore a check by id (repeatable; also config [doctor] ignore)')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'The shell whose start-up files to analyse and whose syntax fixes use (default: $SHELL)')
            [CompletionResult]::new('--hooks', '--hooks', [CompletionResultType]::ParameterName, 'The shell''s hook registrations, passed by the shell (for hook-not-installed), e.g. "bash:${PROMPT_COMMAND[*]}"')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (schema in the README)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Warnings fail too')
            [CompletionResult]::new('--deep', '--deep', [CompletionResultType]::ParameterName, 'Also run the active `go` (go env -json, and a hello-world build) and report disagreements')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;which' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;toolchains' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;config' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the config file: exit 0 if valid, 78 with file:line:column if not')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'goenv-hook;config;path' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;config;check' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;config;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the config file: exit 0 if valid, 78 with file:line:column if not')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'goenv-hook;config;help;path' {
            break
        }
        'goenv-hook;config;help;check' {
            break
        }
        'goenv-hook;config;help;help' {
            break
        }
        'goenv-hook;completions' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Print the shell code that applies the Go environment and installs the hook')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print the environment once: shell code for eval, JSON, or a file for places without a shell hook')
            [CompletionResult]::new('hook', 'hook', [CompletionResultType]::ParameterValue, 'Used by the prompt hook: print what changed since the last prompt (nothing if nothing)')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Pin this shell to a Go version or toolchain directory (`default` removes the pin)')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Restore PATH and the variables goenv-hook changed, and remove the hook from this shell')
            [CompletionResult]::new('prompt', 'prompt', [CompletionResultType]::ParameterValue, 'Print the prompt segment: the active Go, and what is wrong (never runs `go`)')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Find every known misconfiguration, each with its fix')
            [CompletionResult]::new('which', 'which', [CompletionResultType]::ParameterValue, 'Every `go` on PATH, with its symlink chain, root, version, source; and what goenv-hook selects')
            [CompletionResult]::new('toolchains', 'toolchains', [CompletionResultType]::ParameterValue, 'Every Go install found in the known locations, with version, root and source')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show where the config file is looked for, and check it')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a completion script for a shell')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'goenv-hook;help;init' {
            break
        }
        'goenv-hook;help;env' {
            break
        }
        'goenv-hook;help;hook' {
            break
        }
        'goenv-hook;help;use' {
            break
        }
        'goenv-hook;help;deactivate' {
            break
        }
        'goenv-hook;help;prompt' {
            break
        }
        'goenv-hook;help;doctor' {
            break
        }
        'goenv-hook;help;which' {
            break
        }
        'goenv-hook;help;toolchains' {
            break
        }
        'goenv-hook;help;config' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the config file: exit 0 if valid, 78 with file:line:column if not')
            break
        }
        'goenv-hook;help;config;path' {
            break
        }
        'goenv-hook;help;config;check' {
            break
        }
        'goenv-hook;help;completions' {
            break
        }
        'goenv-hook;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
