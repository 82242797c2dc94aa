
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
            cand deactivate 'Restore PATH and the variables goenv-hook changed, and remove the hook from this shell'
            cand prompt 'Print the prompt segment: the active Go, and what is wrong (never runs `go`)'
            cand doctor 'Find every known misconfiguration, each with its fix'
            cand which 'Every `go` on PATH, with its symlink chain, root, version, source; and what goenv-hook selects'
            cand toolchains 'Every Go install found in the known locations, with version, root and source'
            cand config 'Show where the config file is looked for, and check it'
            cand completions 'Print a completion script for a shell'
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
        &'goenv-hook;deactivate'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;prompt'= {
            cand --format 'Template (default: config prompt.format, else `{icon}{go}{problems}`)'
            cand --shell 'Wrap colour for this shell''s prompt: bash, zsh, fish, pwsh, nu; `plain` for no colour'
            cand --json 'Print the segment and its parts as JSON'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;doctor'= {
            cand --ignore 'Ignore a check by id (repeatable; also config [doctor] ignore)'
            cand --shell 'The shell whose start-up files to analyse and whose syntax fixes use (default: $SHELL)'
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
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'goenv-hook;config'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand path 'Print the config file''s path'
            cand check 'Check the config file: exit 0 if valid, 78 with file:line:column if not'
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
            cand check 'Check the config file: exit 0 if valid, 78 with file:line:column if not'
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
        &'goenv-hook;help'= {
            cand init 'Print the shell code that applies the Go environment and installs the hook'
            cand env 'Print the environment once: shell code for eval, JSON, or a file for places without a shell hook'
            cand hook 'Used by the prompt hook: print what changed since the last prompt (nothing if nothing)'
            cand use 'Pin this shell to a Go version or toolchain directory (`default` removes the pin)'
            cand deactivate 'Restore PATH and the variables goenv-hook changed, and remove the hook from this shell'
            cand prompt 'Print the prompt segment: the active Go, and what is wrong (never runs `go`)'
            cand doctor 'Find every known misconfiguration, each with its fix'
            cand which 'Every `go` on PATH, with its symlink chain, root, version, source; and what goenv-hook selects'
            cand toolchains 'Every Go install found in the known locations, with version, root and source'
            cand config 'Show where the config file is looked for, and check it'
            cand completions 'Print a completion script for a shell'
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
            cand check 'Check the config file: exit 0 if valid, 78 with file:line:column if not'
        }
        &'goenv-hook;help;config;path'= {
        }
        &'goenv-hook;help;config;check'= {
        }
        &'goenv-hook;help;completions'= {
        }
        &'goenv-hook;help;help'= {
        }
    ]
    $completions[$command]
}
