module completions {

  # Makes a Go developer's environment right in every shell, and says plainly when it is wrong
  export extern goenv-hook [
    --help(-h)                # Print help
    --version(-V)             # Print version
  ]

  # Print the shell code that applies the Go environment and installs the hook
  export extern "goenv-hook init" [
    --help(-h)                # Print help
    shell: string             # bash, zsh, fish, posix, pwsh, cmd, nu
  ]

  # Print the environment once: shell code for eval, JSON, or a file for places without a shell hook
  export extern "goenv-hook env" [
    --help(-h)                # Print help
    format: string            # bash, zsh, fish, posix, pwsh, cmd, nu, json, github, dockerfile, systemd, dotenv
  ]

  # Used by the prompt hook: print what changed since the last prompt (nothing if nothing)
  export extern "goenv-hook hook" [
    --session: string         # The calling shell's id (its pid): also print the bookkeeping that lets the hook skip starting goenv-hook when nothing changed
    --help(-h)                # Print help
    shell: string
  ]

  # Pin this shell to a Go version or toolchain directory (`default` removes the pin)
  export extern "goenv-hook use" [
    --help(-h)                # Print help
    version: string           # A version (1.22, 1.22.3, go1.22.3), a toolchain root, or `default`
    shell: string
  ]

  # Restore PATH and the variables goenv-hook changed, and remove the hook from this shell
  export extern "goenv-hook deactivate" [
    --help(-h)                # Print help
    shell: string
  ]

  # Print the prompt segment: the active Go, and what is wrong (never runs `go`)
  export extern "goenv-hook prompt" [
    --format: string          # Template (default: config prompt.format, else `{icon}{go}{problems}`)
    --shell: string           # Wrap colour for this shell's prompt: bash, zsh, fish, pwsh, nu; `plain` for no colour
    --json                    # Print the segment and its parts as JSON
    --help(-h)                # Print help
  ]

  # Find every known misconfiguration, each with its fix
  export extern "goenv-hook doctor" [
    --json                    # Print JSON (schema in the README)
    --strict                  # Warnings fail too
    --ignore: string          # Ignore a check by id (repeatable; also config [doctor] ignore)
    --shell: string           # The shell whose start-up files to analyse and whose syntax fixes use (default: $SHELL)
    --deep                    # Also run the active `go` (go env -json, and a hello-world build) and report disagreements
    --hooks: string           # The shell's hook registrations, passed by the shell (for hook-not-installed), e.g. "bash:${PROMPT_COMMAND[*]}"
    --help(-h)                # Print help
  ]

  # Every `go` on PATH, with its symlink chain, root, version, source; and what goenv-hook selects
  export extern "goenv-hook which" [
    --json                    # Print JSON instead of text
    --help(-h)                # Print help
  ]

  # Every Go install found in the known locations, with version, root and source
  export extern "goenv-hook toolchains" [
    --json                    # Print JSON instead of text
    --help(-h)                # Print help
  ]

  # Show where the config file is looked for, and check it
  export extern "goenv-hook config" [
    --help(-h)                # Print help
  ]

  # Print the config file's path
  export extern "goenv-hook config path" [
    --help(-h)                # Print help
  ]

  # Check the config file: exit 0 if valid, 78 with file:line:column if not
  export extern "goenv-hook config check" [
    --help(-h)                # Print help
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "goenv-hook config help" [
  ]

  # Print the config file's path
  export extern "goenv-hook config help path" [
  ]

  # Check the config file: exit 0 if valid, 78 with file:line:column if not
  export extern "goenv-hook config help check" [
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "goenv-hook config help help" [
  ]

  def "nu-complete goenv-hook completions shell" [] {
    [ "bash" "zsh" "fish" "powershell" "elvish" "nushell" ]
  }

  # Print a completion script for a shell
  export extern "goenv-hook completions" [
    --help(-h)                # Print help
    shell: string@"nu-complete goenv-hook completions shell" # The shell to write for (`pwsh` and `nu` are accepted too)
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "goenv-hook help" [
  ]

  # Print the shell code that applies the Go environment and installs the hook
  export extern "goenv-hook help init" [
  ]

  # Print the environment once: shell code for eval, JSON, or a file for places without a shell hook
  export extern "goenv-hook help env" [
  ]

  # Used by the prompt hook: print what changed since the last prompt (nothing if nothing)
  export extern "goenv-hook help hook" [
  ]

  # Pin this shell to a Go version or toolchain directory (`default` removes the pin)
  export extern "goenv-hook help use" [
  ]

  # Restore PATH and the variables goenv-hook changed, and remove the hook from this shell
  export extern "goenv-hook help deactivate" [
  ]

  # Print the prompt segment: the active Go, and what is wrong (never runs `go`)
  export extern "goenv-hook help prompt" [
  ]

  # Find every known misconfiguration, each with its fix
  export extern "goenv-hook help doctor" [
  ]

  # Every `go` on PATH, with its symlink chain, root, version, source; and what goenv-hook selects
  export extern "goenv-hook help which" [
  ]

  # Every Go install found in the known locations, with version, root and source
  export extern "goenv-hook help toolchains" [
  ]

  # Show where the config file is looked for, and check it
  export extern "goenv-hook help config" [
  ]

  # Print the config file's path
  export extern "goenv-hook help config path" [
  ]

  # Check the config file: exit 0 if valid, 78 with file:line:column if not
  export extern "goenv-hook help config check" [
  ]

  # Print a completion script for a shell
  export extern "goenv-hook help completions" [
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "goenv-hook help help" [
  ]

}

export use completions *
