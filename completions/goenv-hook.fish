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
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "deactivate" -d 'Restore PATH and the variables goenv-hook changed, and remove the hook from this shell'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "prompt" -d 'Print the prompt segment: the active Go, and what is wrong (never runs `go`)'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "doctor" -d 'Find every known misconfiguration, each with its fix'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "which" -d 'Every `go` on PATH, with its symlink chain, root, version, source; and what goenv-hook selects'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "toolchains" -d 'Every Go install found in the known locations, with version, root and source'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "config" -d 'Show where the config file is looked for, and check it'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "completions" -d 'Print a completion script for a shell'
complete -c goenv-hook -n "__fish_goenv_hook_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand init" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand env" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand hook" -l session -d 'The calling shell\'s id (its pid): also print the bookkeeping that lets the hook skip starting goenv-hook when nothing changed' -r
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand hook" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand use" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand deactivate" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand prompt" -l format -d 'Template (default: config prompt.format, else `{icon}{go}{problems}`)' -r
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand prompt" -l shell -d 'Wrap colour for this shell\'s prompt: bash, zsh, fish, pwsh, nu; `plain` for no colour' -r
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand prompt" -l json -d 'Print the segment and its parts as JSON'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand prompt" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand doctor" -l ignore -d 'Ignore a check by id (repeatable; also config [doctor] ignore)' -r
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand doctor" -l shell -d 'The shell whose start-up files to analyse and whose syntax fixes use (default: $SHELL)' -r
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand doctor" -l hooks -d 'The shell\'s hook registrations, passed by the shell (for hook-not-installed), e.g. "bash:${PROMPT_COMMAND[*]}"' -r
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand doctor" -l json -d 'Print JSON (schema in the README)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand doctor" -l strict -d 'Warnings fail too'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand doctor" -l deep -d 'Also run the active `go` (go env -json, and a hello-world build) and report disagreements'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand which" -l json -d 'Print JSON instead of text'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand which" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand toolchains" -l json -d 'Print JSON instead of text'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand toolchains" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and not __fish_seen_subcommand_from path check help" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and not __fish_seen_subcommand_from path check help" -f -a "path" -d 'Print the config file\'s path'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and not __fish_seen_subcommand_from path check help" -f -a "check" -d 'Check the config file: exit 0 if valid, 78 with file:line:column if not'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and not __fish_seen_subcommand_from path check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the config file\'s path'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check the config file: exit 0 if valid, 78 with file:line:column if not'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand completions" -s h -l help -d 'Print help'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use deactivate prompt doctor which toolchains config completions help" -f -a "init" -d 'Print the shell code that applies the Go environment and installs the hook'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use deactivate prompt doctor which toolchains config completions help" -f -a "env" -d 'Print the environment once: shell code for eval, JSON, or a file for places without a shell hook'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use deactivate prompt doctor which toolchains config completions help" -f -a "hook" -d 'Used by the prompt hook: print what changed since the last prompt (nothing if nothing)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use deactivate prompt doctor which toolchains config completions help" -f -a "use" -d 'Pin this shell to a Go version or toolchain directory (`default` removes the pin)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use deactivate prompt doctor which toolchains config completions help" -f -a "deactivate" -d 'Restore PATH and the variables goenv-hook changed, and remove the hook from this shell'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use deactivate prompt doctor which toolchains config completions help" -f -a "prompt" -d 'Print the prompt segment: the active Go, and what is wrong (never runs `go`)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use deactivate prompt doctor which toolchains config completions help" -f -a "doctor" -d 'Find every known misconfiguration, each with its fix'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use deactivate prompt doctor which toolchains config completions help" -f -a "which" -d 'Every `go` on PATH, with its symlink chain, root, version, source; and what goenv-hook selects'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use deactivate prompt doctor which toolchains config completions help" -f -a "toolchains" -d 'Every Go install found in the known locations, with version, root and source'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use deactivate prompt doctor which toolchains config completions help" -f -a "config" -d 'Show where the config file is looked for, and check it'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use deactivate prompt doctor which toolchains config completions help" -f -a "completions" -d 'Print a completion script for a shell'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and not __fish_seen_subcommand_from init env hook use deactivate prompt doctor which toolchains config completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the config file\'s path'
complete -c goenv-hook -n "__fish_goenv_hook_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "check" -d 'Check the config file: exit 0 if valid, 78 with file:line:column if not'
