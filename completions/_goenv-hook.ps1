
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

    # goenv-hook: values (clap's PowerShell generator completes names only).
    $goenvHookWords = @($commandElements | ForEach-Object { $_.ToString() })
    if ($wordToComplete -ne '') {
        $goenvHookWords = @($goenvHookWords | Select-Object -SkipLast 1)
    }
    if ($goenvHookWords.Count -ge 2) {
        $goenvHookPrev = $goenvHookWords[-1]
        $goenvHookKey = $goenvHookWords[1] + '|' + ($goenvHookWords.Count - 1)
        if ($goenvHookPrev.StartsWith('-')) {
            $goenvHookKey = $goenvHookWords[1] + '|' + $goenvHookPrev
        }
        $goenvHookValues = switch ($goenvHookKey) {
            'use|1' { @(& goenv-hook toolchains --names 2>$null) + @('default'); break }
            'init|1' { @('bash', 'zsh', 'fish', 'posix', 'pwsh', 'cmd', 'nu'); break }
            'env|1' { @('bash', 'zsh', 'fish', 'posix', 'pwsh', 'cmd', 'nu', 'json', 'github', 'dockerfile', 'systemd', 'dotenv', 'gitlab'); break }
            'hook|1' { @('bash', 'zsh', 'fish', 'posix', 'pwsh', 'cmd', 'nu'); break }
            'use|2' { @('bash', 'zsh', 'fish', 'posix', 'pwsh', 'cmd', 'nu'); break }
            'deactivate|1' { @('bash', 'zsh', 'fish', 'posix', 'pwsh', 'cmd', 'nu'); break }
            'prompt|--shell' { @('bash', 'zsh', 'fish', 'pwsh', 'nu', 'plain'); break }
            'doctor|--ignore' { @('go-not-found', 'goroot-invalid', 'go-binary-orphaned', 'goroot-goenv-missing', 'goroot-mixed-tree', 'goroot-mismatch', 'goroot-other-tree', 'goroot-unneeded', 'goroot-in-goenv-file', 'multiple-go-on-path', 'go-is-shim', 'manager-conflict', 'gopath-relative', 'gopath-equals-goroot', 'gopath-unresolvable', 'gobin-not-on-path', 'gobin-relative', 'gobin-is-file', 'gobin-inside-goroot', 'gocache-invalid', 'path-duplicates', 'path-empty-entry', 'path-relative-entry', 'path-nonexistent', 'goenv-file-overridden', 'goenv-file-malformed', 'gosumdb-invalid', 'gosumdb-off-autotoolchain', 'goproxy-invalid', 'goprivate-suspicious', 'goflags-invalid', 'go111module-invalid', 'go111module-off-with-gomod', 'gotoolchain-invalid', 'gotoolchain-pin-stale', 'goarch-var-invalid', 'wsl-windows-go-on-path', 'modcache-on-nonlocking-fs', 'gopath-nonascii-or-space', 'win-machine-go-shadows-user-go', 'win-persistent-go-var-disagrees', 'win-persistent-var-unexpanded', 'win-persistent-path-too-long', 'win-terminal-path-stale', 'init-not-in-startup', 'init-in-wrong-file', 'init-evaluated-twice', 'hook-not-installed', 'prompt-command-exported', 'hook-fast-path-unavailable', 'config-invalid', 'vscode-settings-mismatch', 'vscode-effective-go', 'version-vs-gomod', 'toolchain-switch-pending', 'gomod-too-new-for-old-go', 'project-toolchain-not-installed', 'go-version-file-invalid', 'gomod-invalid', 'tool-built-with-older-go', 'deep-go-env-disagrees', 'deep-build-failed'); break }
            'doctor|--shell' { @('bash', 'zsh', 'fish', 'posix', 'pwsh', 'cmd', 'nu'); break }
            'completions|1' { @('bash', 'zsh', 'fish', 'powershell', 'elvish', 'nushell'); break }
            'explain|--shell' { @('bash', 'zsh', 'fish', 'posix', 'pwsh', 'cmd', 'nu'); break }
        }
        if ($null -ne $goenvHookValues) {
            $goenvHookValues | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
                [CompletionResult]::new($_, $_, [CompletionResultType]::ParameterValue, $_)
            }
            return
        }
    }

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
            [CompletionResult]::new('pin', 'pin', [CompletionResultType]::ParameterValue, 'Pin this directory to a Go version: write .go-version, or set go.mod''s toolchain line (--toolchain)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Download a Go toolchain through Go itself (GOTOOLCHAIN) into the module cache')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Restore PATH and the variables goenv-hook changed, and remove the hook from this shell')
            [CompletionResult]::new('prompt', 'prompt', [CompletionResultType]::ParameterValue, 'Print the prompt segment: the active Go, and what is wrong (never runs `go`)')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Find every known misconfiguration, each with its fix')
            [CompletionResult]::new('which', 'which', [CompletionResultType]::ParameterValue, 'Every `go` on PATH, with its symlink chain, root, version, source; and what goenv-hook selects')
            [CompletionResult]::new('toolchains', 'toolchains', [CompletionResultType]::ParameterValue, 'Every Go install found in the known locations, with version, root and source')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show where the config file is looked for, and check it')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a completion script for a shell')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Where each Go setting''s value comes from: environment (and the start-up line), go env -w file, $GOROOT/go.env, default')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with the Go environment goenv-hook selects for this directory (or --dir), without a shell')
            [CompletionResult]::new('shells', 'shells', [CompletionResultType]::ParameterValue, 'Start each installed shell as a new terminal would and compare the Go each one resolves')
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
        'goenv-hook;pin' {
            [CompletionResult]::new('--toolchain', '--toolchain', [CompletionResultType]::ParameterName, 'Set go.mod''s toolchain line instead of writing .go-version')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;get' {
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Download it even if an install already provides that version')
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
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Template (default: config prompt.format, else `{icon}{go}{pin}{problems}`)')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'Wrap colour for this shell''s prompt: bash, zsh, fish, pwsh, nu; `plain` for no colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the segment and its parts as JSON')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;doctor' {
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Ignore a check by id (repeatable; also config [doctor] ignore)')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'The shell whose start-up files to analyse and whose syntax fixes use (default: the interactive shell doctor runs in, else $SHELL)')
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
            [CompletionResult]::new('--names', '--names', [CompletionResultType]::ParameterName, 'Print only what `use` accepts, one per line: each install''s version (1.22.12) and each language version (1.22), or its root when its version is unknown (for completion scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;config' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the config file (and what init and doctor would refuse: check ids, [env] GOROOT): exit 0 if valid, 78 with file:line:column if not')
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
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the config file (and what init and doctor would refuse: check ids, [env] GOROOT): exit 0 if valid, 78 with file:line:column if not')
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
        'goenv-hook;explain' {
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'The shell whose start-up files to search for the lines that set a variable (default: $SHELL)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;exec' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Select the environment for this directory, and run the command there')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;shells' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each shell may take to start before it is killed')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'goenv-hook;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Print the shell code that applies the Go environment and installs the hook')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print the environment once: shell code for eval, JSON, or a file for places without a shell hook')
            [CompletionResult]::new('hook', 'hook', [CompletionResultType]::ParameterValue, 'Used by the prompt hook: print what changed since the last prompt (nothing if nothing)')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Pin this shell to a Go version or toolchain directory (`default` removes the pin)')
            [CompletionResult]::new('pin', 'pin', [CompletionResultType]::ParameterValue, 'Pin this directory to a Go version: write .go-version, or set go.mod''s toolchain line (--toolchain)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Download a Go toolchain through Go itself (GOTOOLCHAIN) into the module cache')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Restore PATH and the variables goenv-hook changed, and remove the hook from this shell')
            [CompletionResult]::new('prompt', 'prompt', [CompletionResultType]::ParameterValue, 'Print the prompt segment: the active Go, and what is wrong (never runs `go`)')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Find every known misconfiguration, each with its fix')
            [CompletionResult]::new('which', 'which', [CompletionResultType]::ParameterValue, 'Every `go` on PATH, with its symlink chain, root, version, source; and what goenv-hook selects')
            [CompletionResult]::new('toolchains', 'toolchains', [CompletionResultType]::ParameterValue, 'Every Go install found in the known locations, with version, root and source')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show where the config file is looked for, and check it')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a completion script for a shell')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Where each Go setting''s value comes from: environment (and the start-up line), go env -w file, $GOROOT/go.env, default')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with the Go environment goenv-hook selects for this directory (or --dir), without a shell')
            [CompletionResult]::new('shells', 'shells', [CompletionResultType]::ParameterValue, 'Start each installed shell as a new terminal would and compare the Go each one resolves')
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
        'goenv-hook;help;pin' {
            break
        }
        'goenv-hook;help;get' {
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
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the config file (and what init and doctor would refuse: check ids, [env] GOROOT): exit 0 if valid, 78 with file:line:column if not')
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
        'goenv-hook;help;explain' {
            break
        }
        'goenv-hook;help;exec' {
            break
        }
        'goenv-hook;help;shells' {
            break
        }
        'goenv-hook;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
