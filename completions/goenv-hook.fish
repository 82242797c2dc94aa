# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_goenv_hook_global_optspecs
    string join \n h/help V/version
end

function __fish_goenv_hook_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_goenv_hook_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_goenv_hook_using_subcommand
    set -l cmd (__fish_goenv_hook_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -s V -l version -d 'Print version'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "init" -d 'Print the shell code that applies the Go environment and installs the hook'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "env" -d 'Print the environment once: shell code for eval, JSON, or a file for places without a shell hook'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "hook" -d 'Used by the prompt hook: print what changed since the last prompt (nothing if nothing)'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "use" -d 'Pin this shell to a Go version or toolchain directory (`default` removes the pin)'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "pin" -d 'Pin this directory to a Go version: write .go-version, or set go.mod\'s toolchain line (--toolchain)'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "get" -d 'Download a Go toolchain through Go itself (GOTOOLCHAIN) into the module cache'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "deactivate" -d 'Restore PATH and the variables goenv-hook changed, and remove the hook from this shell'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "prompt" -d 'Print the prompt segment: the active Go, and what is wrong (never runs `go`)'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "doctor" -d 'Find every known misconfiguration, each with its fix'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "which" -d 'Every `go` on PATH, with its symlink chain, root, version, source; and what goenv-hook selects'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "toolchains" -d 'Every Go install found in the known locations, with version, root and source'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "config" -d 'Show where the config file is looked for, and check it'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "completions" -d 'Print a completion script for a shell'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "explain" -d 'Where each Go setting\'s value comes from: environment (and the start-up line), go env -w file, $GOROOT/go.env, default'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "exec" -d 'Run a command with the Go environment goenv-hook selects for this directory (or --dir), without a shell'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "shells" -d 'Start each installed shell as a new terminal would and compare the Go each one resolves'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand init" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand env" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand hook" -l session -d 'The calling shell\'s id (its pid): also print the bookkeeping that lets the hook skip starting goenv-hook when nothing changed' -r
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand hook" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand use" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand pin" -l toolchain -d 'Set go.mod\'s toolchain line instead of writing .go-version'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand pin" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand get" -l force -d 'Download it even if an install already provides that version'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand get" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand deactivate" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand prompt" -l format -d 'Template (default: config prompt.format, else `{icon}{go}{pin}{problems}`)' -r
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand prompt" -l shell -d 'Wrap colour for this shell\'s prompt: bash, zsh, fish, pwsh, nu; `plain` for no colour' -r -f -a "bash\t''
zsh\t''
fish\t''
pwsh\t''
nu\t''
plain\t''"
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand prompt" -l json -d 'Print the segment and its parts as JSON'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand prompt" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand doctor" -l ignore -d 'Ignore a check by id (repeatable; also config [doctor] ignore)' -r -f -a "go-not-found\t''
goroot-invalid\t''
go-binary-orphaned\t''
goroot-goenv-missing\t''
goroot-mixed-tree\t''
goroot-mismatch\t''
goroot-other-tree\t''
goroot-unneeded\t''
goroot-in-goenv-file\t''
multiple-go-on-path\t''
go-is-shim\t''
manager-conflict\t''
gopath-relative\t''
gopath-equals-goroot\t''
gopath-unresolvable\t''
gobin-not-on-path\t''
gobin-relative\t''
gobin-is-file\t''
gobin-inside-goroot\t''
gocache-invalid\t''
path-duplicates\t''
path-empty-entry\t''
path-relative-entry\t''
path-nonexistent\t''
goenv-file-overridden\t''
goenv-file-malformed\t''
gosumdb-invalid\t''
gosumdb-off-autotoolchain\t''
goproxy-invalid\t''
goprivate-suspicious\t''
goflags-invalid\t''
go111module-invalid\t''
go111module-off-with-gomod\t''
gotoolchain-invalid\t''
gotoolchain-pin-stale\t''
goarch-var-invalid\t''
wsl-windows-go-on-path\t''
modcache-on-nonlocking-fs\t''
gopath-nonascii-or-space\t''
init-not-in-startup\t''
init-in-wrong-file\t''
init-evaluated-twice\t''
hook-not-installed\t''
hook-fast-path-unavailable\t''
config-invalid\t''
vscode-settings-mismatch\t''
vscode-effective-go\t''
version-vs-gomod\t''
toolchain-switch-pending\t''
gomod-too-new-for-old-go\t''
project-toolchain-not-installed\t''
go-version-file-invalid\t''
gomod-invalid\t''
tool-built-with-older-go\t''
deep-go-env-disagrees\t''
deep-build-failed\t''"
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand doctor" -l shell -d 'The shell whose start-up files to analyse and whose syntax fixes use (default: the interactive shell doctor runs in, else $SHELL)' -r -f -a "bash\t''
zsh\t''
fish\t''
posix\t''
pwsh\t''
cmd\t''
nu\t''"
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand doctor" -l hooks -d 'The shell\'s hook registrations, passed by the shell (for hook-not-installed), e.g. "bash:${PROMPT_COMMAND[*]}"' -r
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand doctor" -l json -d 'Print JSON (schema in the README)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand doctor" -l strict -d 'Warnings fail too'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand doctor" -l deep -d 'Also run the active `go` (go env -json, and a hello-world build) and report disagreements'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand which" -l json -d 'Print JSON instead of text'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand which" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand toolchains" -l json -d 'Print JSON instead of text'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand toolchains" -l names -d 'Print only what `use` accepts, one per line: each install\'s version (1.22.12) and each language version (1.22), or its root when its version is unknown (for completion scripts)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand toolchains" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and not __fish_seen_subcommand_from path check help" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and not __fish_seen_subcommand_from path check help" -f -a "path" -d 'Print the config file\'s path'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and not __fish_seen_subcommand_from path check help" -f -a "check" -d 'Check the config file (and what init and doctor would refuse: check ids, [env] GOROOT): exit 0 if valid, 78 with file:line:column if not'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and not __fish_seen_subcommand_from path check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the config file\'s path'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check the config file (and what init and doctor would refuse: check ids, [env] GOROOT): exit 0 if valid, 78 with file:line:column if not'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand completions" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand explain" -l shell -d 'The shell whose start-up files to search for the lines that set a variable (default: $SHELL)' -r -f -a "bash\t''
zsh\t''
fish\t''
posix\t''
pwsh\t''
cmd\t''
nu\t''"
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand explain" -l json -d 'Print JSON instead of text'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand explain" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand exec" -l dir -d 'Select the environment for this directory, and run the command there' -r -F
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand exec" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand shells" -l timeout -d 'Seconds each shell may take to start before it is killed' -r
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand shells" -l json -d 'Print JSON instead of text'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand shells" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help" -f -a "init" -d 'Print the shell code that applies the Go environment and installs the hook'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help" -f -a "env" -d 'Print the environment once: shell code for eval, JSON, or a file for places without a shell hook'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help" -f -a "hook" -d 'Used by the prompt hook: print what changed since the last prompt (nothing if nothing)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help" -f -a "use" -d 'Pin this shell to a Go version or toolchain directory (`default` removes the pin)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help" -f -a "pin" -d 'Pin this directory to a Go version: write .go-version, or set go.mod\'s toolchain line (--toolchain)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help" -f -a "get" -d 'Download a Go toolchain through Go itself (GOTOOLCHAIN) into the module cache'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help" -f -a "deactivate" -d 'Restore PATH and the variables goenv-hook changed, and remove the hook from this shell'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help" -f -a "prompt" -d 'Print the prompt segment: the active Go, and what is wrong (never runs `go`)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help" -f -a "doctor" -d 'Find every known misconfiguration, each with its fix'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help" -f -a "which" -d 'Every `go` on PATH, with its symlink chain, root, version, source; and what goenv-hook selects'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help" -f -a "toolchains" -d 'Every Go install found in the known locations, with version, root and source'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help" -f -a "config" -d 'Show where the config file is looked for, and check it'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help" -f -a "completions" -d 'Print a completion script for a shell'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help" -f -a "explain" -d 'Where each Go setting\'s value comes from: environment (and the start-up line), go env -w file, $GOROOT/go.env, default'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help" -f -a "exec" -d 'Run a command with the Go environment goenv-hook selects for this directory (or --dir), without a shell'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help" -f -a "shells" -d 'Start each installed shell as a new terminal would and compare the Go each one resolves'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the config file\'s path'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "check" -d 'Check the config file (and what init and doctor would refuse: check ids, [env] GOROOT): exit 0 if valid, 78 with file:line:column if not'

# goenv-hook: positional arguments (clap's fish generator writes options only).
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand init; and test (count (commandline -opc)) -eq 2" -f -a "bash zsh fish posix pwsh cmd nu" -d 'The shell to write for: bash, zsh, fish, posix, pwsh, cmd, nu'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand env; and test (count (commandline -opc)) -eq 2" -f -a "bash zsh fish posix pwsh cmd nu json github dockerfile systemd dotenv gitlab" -d 'The output: bash, zsh, fish, posix, pwsh, cmd, nu, json, github, dockerfile, systemd, dotenv, gitlab'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand hook; and test (count (commandline -opc)) -eq 2" -f -a "bash zsh fish posix pwsh cmd nu" -d 'The shell whose code to print: bash, zsh, fish, posix, pwsh, cmd, nu'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand use; and test (count (commandline -opc)) -eq 2" -f -a "(command goenv-hook toolchains --names 2>/dev/null) default (__fish_complete_directories (commandline -ct) '')" -d 'A version (1.22, 1.22.3, go1.22.3), a toolchain root, or `default`'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand use; and test (count (commandline -opc)) -eq 3" -f -a "bash zsh fish posix pwsh cmd nu" -d 'The shell whose code to print (for eval): bash, zsh, fish, posix, pwsh, cmd, nu'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand deactivate; and test (count (commandline -opc)) -eq 2" -f -a "bash zsh fish posix pwsh cmd nu" -d 'The shell whose code to print (for eval): bash, zsh, fish, posix, pwsh, cmd, nu'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand completions; and test (count (commandline -opc)) -eq 2" -f -a "bash zsh fish powershell elvish nushell" -d 'The shell to write for (`pwsh` and `nu` are accepted too)'
