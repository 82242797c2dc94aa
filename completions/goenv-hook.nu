module completions {

  # Makes a Go developer's environment right in every shell, and says plainly when it is wrong
  export extern goenv-hook [
    --help(-h)                # Print help
    --version(-V)             # Print version
  ]

  def "nu-complete goenv-hook init shell" [] {
    [ "bash" "zsh" "fish" "posix" "pwsh" "cmd" "nu" ]
  }

  # Print the shell code that applies the Go environment and installs the hook
  export extern "goenv-hook init" [
    --help(-h)                # Print help
    shell: string@"nu-complete goenv-hook init shell" # The shell to write for: bash, zsh, fish, posix, pwsh, cmd, nu
  ]

  def "nu-complete goenv-hook env format" [] {
    [ "bash" "zsh" "fish" "posix" "pwsh" "cmd" "nu" "json" "github" "dockerfile" "systemd" "dotenv" "gitlab" ]
  }

  # Print the environment once: shell code for eval, JSON, or a file for places without a shell hook
  export extern "goenv-hook env" [
    --help(-h)                # Print help
    format: string@"nu-complete goenv-hook env format" # The output: bash, zsh, fish, posix, pwsh, cmd, nu, json, github, dockerfile, systemd, dotenv, gitlab
  ]

  def "nu-complete goenv-hook hook shell" [] {
    [ "bash" "zsh" "fish" "posix" "pwsh" "cmd" "nu" ]
  }

  # Used by the prompt hook: print what changed since the last prompt (nothing if nothing)
  export extern "goenv-hook hook" [
    --session: string         # The calling shell's id (its pid): also print the bookkeeping that lets the hook skip starting goenv-hook when nothing changed
    --help(-h)                # Print help
    shell: string@"nu-complete goenv-hook hook shell" # The shell whose code to print: bash, zsh, fish, posix, pwsh, cmd, nu
  ]

  # Pin this directory to a Go version: write .go-version, or set go.mod's toolchain line (--toolchain)
  export extern "goenv-hook pin" [
    --toolchain               # Set go.mod's toolchain line instead of writing .go-version
    --help(-h)                # Print help
    version: string           # A version: 1.22, 1.22.3, go1.22.3 (with --toolchain: a toolchain name, go1.22.3 or 1.22.3)
  ]

  # Download a Go toolchain through Go itself (GOTOOLCHAIN) into the module cache
  export extern "goenv-hook get" [
    --force                   # Download it even if an install already provides that version
    --help(-h)                # Print help
    version: string           # A release (1.22.3, go1.22.3, 1.23rc1), a language version (1.22: its newest release), or latest
  ]

  def "nu-complete goenv-hook prompt shell" [] {
    [ "bash" "zsh" "fish" "pwsh" "nu" "plain" ]
  }

  # Print the prompt segment: the active Go, and what is wrong (never runs `go`)
  export extern "goenv-hook prompt" [
    --format: string          # Template (default: config prompt.format, else `{icon}{go}{pin}{problems}`)
    --shell: string@"nu-complete goenv-hook prompt shell" # Wrap colour for this shell's prompt: bash, zsh, fish, pwsh, nu; `plain` for no colour
    --json                    # Print the segment and its parts as JSON
    --help(-h)                # Print help
  ]

  def "nu-complete goenv-hook doctor ignore" [] {
    [ "go-not-found" "goroot-invalid" "go-binary-orphaned" "goroot-goenv-missing" "goroot-mixed-tree" "goroot-mismatch" "goroot-other-tree" "goroot-unneeded" "goroot-in-goenv-file" "multiple-go-on-path" "go-is-shim" "manager-conflict" "gopath-relative" "gopath-equals-goroot" "gopath-unresolvable" "gobin-not-on-path" "gobin-relative" "gobin-is-file" "gobin-inside-goroot" "gocache-invalid" "path-duplicates" "path-empty-entry" "path-relative-entry" "path-nonexistent" "goenv-file-overridden" "goenv-file-malformed" "gosumdb-invalid" "gosumdb-off-autotoolchain" "goproxy-invalid" "goprivate-suspicious" "goflags-invalid" "go111module-invalid" "go111module-off-with-gomod" "gotoolchain-invalid" "gotoolchain-pin-stale" "goarch-var-invalid" "wsl-windows-go-on-path" "modcache-on-nonlocking-fs" "gopath-nonascii-or-space" "win-machine-go-shadows-user-go" "win-persistent-go-var-disagrees" "win-persistent-var-unexpanded" "win-persistent-path-too-long" "win-terminal-path-stale" "init-not-in-startup" "init-in-wrong-file" "init-evaluated-twice" "hook-not-installed" "prompt-command-exported" "hook-fast-path-unavailable" "config-invalid" "vscode-settings-mismatch" "vscode-effective-go" "version-vs-gomod" "toolchain-switch-pending" "gomod-too-new-for-old-go" "project-toolchain-not-installed" "go-version-file-invalid" "gomod-invalid" "tool-built-with-older-go" "deep-go-env-disagrees" "deep-build-failed" ]
  }

  def "nu-complete goenv-hook doctor shell" [] {
    [ "bash" "zsh" "fish" "posix" "pwsh" "cmd" "nu" ]
  }

  # Find every known misconfiguration, each with its fix
  export extern "goenv-hook doctor" [
    --json                    # Print JSON (schema in the README)
    --strict                  # Warnings fail too
    --ignore: string@"nu-complete goenv-hook doctor ignore" # Ignore a check by id (repeatable; also config [doctor] ignore)
    --shell: string@"nu-complete goenv-hook doctor shell" # The shell whose start-up files to analyse and whose syntax fixes use (default: the interactive shell doctor runs in, else $SHELL)
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
    --names                   # Print only what `use` accepts, one per line: each install's version (1.22.12) and each language version (1.22), or its root when its version is unknown (for completion scripts)
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

  # Check the config file (and what init and doctor would refuse: check ids, [env] GOROOT): exit 0 if valid, 78 with file:line:column if not
  export extern "goenv-hook config check" [
    --help(-h)                # Print help
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "goenv-hook config help" [
  ]

  # Print the config file's path
  export extern "goenv-hook config help path" [
  ]

  # Check the config file (and what init and doctor would refuse: check ids, [env] GOROOT): exit 0 if valid, 78 with file:line:column if not
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

  def "nu-complete goenv-hook explain shell" [] {
    [ "bash" "zsh" "fish" "posix" "pwsh" "cmd" "nu" ]
  }

  # Where each Go setting's value comes from: environment (and the start-up line), go env -w file, $GOROOT/go.env, default
  export extern "goenv-hook explain" [
    --json                    # Print JSON instead of text
    --shell: string@"nu-complete goenv-hook explain shell" # The shell whose start-up files to search for the lines that set a variable (default: $SHELL)
    --help(-h)                # Print help
    ...names: string          # Settings to explain (default: all), or `go` for the go on PATH
  ]

  # Run a command with the Go environment goenv-hook selects for this directory (or --dir), without a shell
  export extern "goenv-hook exec" [
    --dir: path               # Select the environment for this directory, and run the command there
    --help(-h)                # Print help
    ...command: string        # The command and its arguments (put `--` first when the command starts with -)
  ]

  # Start each installed shell as a new terminal would and compare the Go each one resolves
  export extern "goenv-hook shells" [
    --json                    # Print JSON instead of text
    --timeout: string         # Seconds each shell may take to start before it is killed
    --help(-h)                # Print help
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

  # Pin this directory to a Go version: write .go-version, or set go.mod's toolchain line (--toolchain)
  export extern "goenv-hook help pin" [
  ]

  # Download a Go toolchain through Go itself (GOTOOLCHAIN) into the module cache
  export extern "goenv-hook help get" [
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

  # Check the config file (and what init and doctor would refuse: check ids, [env] GOROOT): exit 0 if valid, 78 with file:line:column if not
  export extern "goenv-hook help config check" [
  ]

  # Print a completion script for a shell
  export extern "goenv-hook help completions" [
  ]

  # Where each Go setting's value comes from: environment (and the start-up line), go env -w file, $GOROOT/go.env, default
  export extern "goenv-hook help explain" [
  ]

  # Run a command with the Go environment goenv-hook selects for this directory (or --dir), without a shell
  export extern "goenv-hook help exec" [
  ]

  # Start each installed shell as a new terminal would and compare the Go each one resolves
  export extern "goenv-hook help shells" [
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "goenv-hook help help" [
  ]

}

export use completions *
