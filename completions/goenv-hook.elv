
use builtin;
use str;

set edit:completion:arg-completer[goenv-hook] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'goenv-hook'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    # goenv-hook: values (clap's elvish generator completes names only).
    var values = [
        &'init|1'= ['bash' 'zsh' 'fish' 'posix' 'pwsh' 'cmd' 'nu']
        &'env|1'= ['bash' 'zsh' 'fish' 'posix' 'pwsh' 'cmd' 'nu' 'json' 'github' 'dockerfile' 'systemd' 'dotenv' 'gitlab']
        &'hook|1'= ['bash' 'zsh' 'fish' 'posix' 'pwsh' 'cmd' 'nu']
        &'use|2'= ['bash' 'zsh' 'fish' 'posix' 'pwsh' 'cmd' 'nu']
        &'deactivate|1'= ['bash' 'zsh' 'fish' 'posix' 'pwsh' 'cmd' 'nu']
        &'prompt|--shell'= ['bash' 'zsh' 'fish' 'pwsh' 'nu' 'plain']
        &'doctor|--ignore'= ['go-not-found' 'goroot-invalid' 'go-binary-orphaned' 'goroot-goenv-missing' 'goroot-mixed-tree' 'goroot-mismatch' 'goroot-other-tree' 'goroot-unneeded' 'goroot-in-goenv-file' 'multiple-go-on-path' 'go-is-shim' 'manager-conflict' 'gopath-relative' 'gopath-equals-goroot' 'gopath-unresolvable' 'gobin-not-on-path' 'gobin-relative' 'gobin-is-file' 'gobin-inside-goroot' 'gocache-invalid' 'path-duplicates' 'path-empty-entry' 'path-relative-entry' 'path-nonexistent' 'goenv-file-overridden' 'goenv-file-malformed' 'gosumdb-invalid' 'gosumdb-off-autotoolchain' 'goproxy-invalid' 'goprivate-suspicious' 'goflags-invalid' 'go111module-invalid' 'go111module-off-with-gomod' 'gotoolchain-invalid' 'gotoolchain-pin-stale' 'goarch-var-invalid' 'wsl-windows-go-on-path' 'modcache-on-nonlocking-fs' 'gopath-nonascii-or-space' 'win-machine-go-shadows-user-go' 'win-persistent-go-var-disagrees' 'win-persistent-var-unexpanded' 'win-persistent-path-too-long' 'win-terminal-path-stale' 'init-not-in-startup' 'init-in-wrong-file' 'init-evaluated-twice' 'hook-not-installed' 'prompt-command-exported' 'hook-fast-path-unavailable' 'config-invalid' 'vscode-settings-mismatch' 'vscode-effective-go' 'version-vs-gomod' 'toolchain-switch-pending' 'gomod-too-new-for-old-go' 'project-toolchain-not-installed' 'go-version-file-invalid' 'gomod-invalid' 'tool-built-with-older-go' 'deep-go-env-disagrees' 'deep-build-failed']
        &'doctor|--shell'= ['bash' 'zsh' 'fish' 'posix' 'pwsh' 'cmd' 'nu']
        &'completions|1'= ['bash' 'zsh' 'fish' 'powershell' 'elvish' 'nushell']
        &'explain|--shell'= ['bash' 'zsh' 'fish' 'posix' 'pwsh' 'cmd' 'nu']
    ]
    if (> (count $words) 2) {
        var key = $words[1]'|'(- (count $words) 2)
        if (str:has-prefix $words[-2] '-') {
            set key = $words[1]'|'$words[-2]
        }
        if (eq $key 'use|1') {
            var found = []
            try {
                set found = [(e:goenv-hook toolchains --names 2>/dev/null)]
            } catch {
            }
            for v [$@found default] {
                cand $v ''
            }
            return
        }
        if (has-key $values $key) {
            for v $values[$key] {
                cand $v ''
            }
            return
        }
    }
    var completions = [
        &'goenv-hook'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Print the shell code that applies the Go environment and installs the hook'
            cand env 'Print the environment once: shell code for eval, JSON, or a file for places without a shell hook'
            cand hook 'Used by the prompt hook: print what changed since the last prompt (nothing if nothing)'
            cand use 'Pin this shell to a Go version or toolchain directory (`default` removes the pin)'
            cand pin 'Pin this directory to a Go version: write .go-version, or set go.mod''s toolchain line (--toolchain)'
            cand get 'Download a Go toolchain through Go itself (GOTOOLCHAIN) into the module cache'
            cand deactivate 'Restore PATH and the variables goenv-hook changed, and remove the hook from this shell'
            cand prompt 'Print the prompt segment: the active Go, and what is wrong (never runs `go`)'
            cand doctor 'Find every known misconfiguration, each with its fix'
            cand which 'Every `go` on PATH, with its symlink chain, root, version, source; and what goenv-hook selects'
            cand toolchains 'Every Go install found in the known locations, with version, root and source'
            cand config 'Show where the config file is looked for, and check it'
            cand completions 'Print a completion script for a shell'
            cand explain 'Where each Go setting''s value comes from: environment (and the start-up line), go env -w file, $GOROOT/go.env, default'
            cand exec 'Run a command with the Go environment goenv-hook selects for this directory (or --dir), without a shell'
            cand shells 'Start each installed shell as a new terminal would and compare the Go each one resolves'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'goenv-hook;init'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;env'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;hook'= {
            cand --session 'The calling shell''s id (its pid): also print the bookkeeping that lets the hook skip starting goenv-hook when nothing changed'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;use'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;pin'= {
            cand --toolchain 'Set go.mod''s toolchain line instead of writing .go-version'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;get'= {
            cand --force 'Download it even if an install already provides that version'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;deactivate'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;prompt'= {
            cand --format 'Template (default: config prompt.format, else `{icon}{go}{pin}{problems}`)'
            cand --shell 'Wrap colour for this shell''s prompt: bash, zsh, fish, pwsh, nu; `plain` for no colour'
            cand --json 'Print the segment and its parts as JSON'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;doctor'= {
            cand --ignore 'Ignore a check by id (repeatable; also config [doctor] ignore)'
            cand --shell 'The shell whose start-up files to analyse and whose syntax fixes use (default: the interactive shell doctor runs in, else $SHELL)'
            cand --hooks 'The shell''s hook registrations, passed by the shell (for hook-not-installed), e.g. "bash:${PROMPT_COMMAND[*]}"'
            cand --json 'Print JSON (schema in the README)'
            cand --strict 'Warnings fail too'
            cand --deep 'Also run the active `go` (go env -json, and a hello-world build) and report disagreements'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;which'= {
            cand --json 'Print JSON instead of text'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;toolchains'= {
            cand --json 'Print JSON instead of text'
            cand --names 'Print only what `use` accepts, one per line: each install''s version (1.22.12) and each language version (1.22), or its root when its version is unknown (for completion scripts)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;config'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand path 'Print the config file''s path'
            cand check 'Check the config file (and what init and doctor would refuse: check ids, [env] GOROOT): exit 0 if valid, 78 with file:line:column if not'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'goenv-hook;config;path'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;config;check'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;config;help'= {
            cand path 'Print the config file''s path'
            cand check 'Check the config file (and what init and doctor would refuse: check ids, [env] GOROOT): exit 0 if valid, 78 with file:line:column if not'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'goenv-hook;config;help;path'= {
        }
        &'goenv-hook;config;help;check'= {
        }
        &'goenv-hook;config;help;help'= {
        }
        &'goenv-hook;completions'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;explain'= {
            cand --shell 'The shell whose start-up files to search for the lines that set a variable (default: $SHELL)'
            cand --json 'Print JSON instead of text'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;exec'= {
            cand --dir 'Select the environment for this directory, and run the command there'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;shells'= {
            cand --timeout 'Seconds each shell may take to start before it is killed'
            cand --json 'Print JSON instead of text'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;help'= {
            cand init 'Print the shell code that applies the Go environment and installs the hook'
            cand env 'Print the environment once: shell code for eval, JSON, or a file for places without a shell hook'
            cand hook 'Used by the prompt hook: print what changed since the last prompt (nothing if nothing)'
            cand use 'Pin this shell to a Go version or toolchain directory (`default` removes the pin)'
            cand pin 'Pin this directory to a Go version: write .go-version, or set go.mod''s toolchain line (--toolchain)'
            cand get 'Download a Go toolchain through Go itself (GOTOOLCHAIN) into the module cache'
            cand deactivate 'Restore PATH and the variables goenv-hook changed, and remove the hook from this shell'
            cand prompt 'Print the prompt segment: the active Go, and what is wrong (never runs `go`)'
            cand doctor 'Find every known misconfiguration, each with its fix'
            cand which 'Every `go` on PATH, with its symlink chain, root, version, source; and what goenv-hook selects'
            cand toolchains 'Every Go install found in the known locations, with version, root and source'
            cand config 'Show where the config file is looked for, and check it'
            cand completions 'Print a completion script for a shell'
            cand explain 'Where each Go setting''s value comes from: environment (and the start-up line), go env -w file, $GOROOT/go.env, default'
            cand exec 'Run a command with the Go environment goenv-hook selects for this directory (or --dir), without a shell'
            cand shells 'Start each installed shell as a new terminal would and compare the Go each one resolves'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'goenv-hook;help;init'= {
        }
        &'goenv-hook;help;env'= {
        }
        &'goenv-hook;help;hook'= {
        }
        &'goenv-hook;help;use'= {
        }
        &'goenv-hook;help;pin'= {
        }
        &'goenv-hook;help;get'= {
        }
        &'goenv-hook;help;deactivate'= {
        }
        &'goenv-hook;help;prompt'= {
        }
        &'goenv-hook;help;doctor'= {
        }
        &'goenv-hook;help;which'= {
        }
        &'goenv-hook;help;toolchains'= {
        }
        &'goenv-hook;help;config'= {
            cand path 'Print the config file''s path'
            cand check 'Check the config file (and what init and doctor would refuse: check ids, [env] GOROOT): exit 0 if valid, 78 with file:line:column if not'
        }
        &'goenv-hook;help;config;path'= {
        }
        &'goenv-hook;help;config;check'= {
        }
        &'goenv-hook;help;completions'= {
        }
        &'goenv-hook;help;explain'= {
        }
        &'goenv-hook;help;exec'= {
        }
        &'goenv-hook;help;shells'= {
        }
        &'goenv-hook;help;help'= {
        }
    ]
    $completions[$command]
}
