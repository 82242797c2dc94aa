//! The command-line definition (clap), in the library so that completions
//! and the man page can be generated from it and tested.

use crate::shell::Shell;
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "goenv-hook",
    version,
    about = "Makes a Go developer's environment right in every shell, and says plainly when it is wrong",
    after_help = "Setup (one line in your shell's start-up file):\n  bash  eval \"$(goenv-hook init bash)\"        (~/.bashrc)\n  zsh   eval \"$(goenv-hook init zsh)\"         (~/.zshrc)\n  fish  goenv-hook init fish | source          (~/.config/fish/config.fish)\n  pwsh  Invoke-Expression (& goenv-hook init pwsh | Out-String)   ($PROFILE)\n  nu    goenv-hook init nu | save -f ($nu.default-config-dir | path join goenv.nu)\n        then `source goenv.nu` in config.nu\n  sh    eval \"$(goenv-hook init posix)\"       (~/.profile)\n  cmd   goenv-hook init cmd > %LOCALAPPDATA%\\goenv-hook\\init.cmd  (run it from AutoRun)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Print the shell code that applies the Go environment and installs the hook
    #[command(after_help = "Example:\n  eval \"$(goenv-hook init zsh)\"")]
    Init {
        /// bash, zsh, fish, posix, pwsh, cmd, nu
        shell: Shell,
    },
    /// Print the environment once: shell code for eval, JSON, or a file for places without a shell hook
    #[command(
        after_help = "Formats:\n  bash zsh fish posix pwsh cmd nu  shell code: what this shell must change (for eval)\n  json        the same changes as data\n  github      GitHub Actions: appends to $GITHUB_ENV and $GITHUB_PATH when set, and prints the lines\n  dockerfile  ENV instructions (RUN export does not persist between steps)\n  systemd     an environment.d(5) file for the user session\n  dotenv      a .env file (single-quoted values)\n\nThe github, dockerfile, systemd and dotenv formats print the whole Go environment\n(as for a clean environment), not a diff against this process.\n\nExamples:\n  eval \"$(goenv-hook env bash)\"\n  goenv-hook env json\n  goenv-hook env github                                   # in a workflow step\n  goenv-hook env dockerfile >> Dockerfile\n  goenv-hook env systemd > ~/.config/environment.d/50-go.conf\n  goenv-hook env dotenv > .env"
    )]
    Env {
        /// bash, zsh, fish, posix, pwsh, cmd, nu, json, github, dockerfile, systemd, dotenv
        format: String,
    },
    /// Used by the prompt hook: print what changed since the last prompt (nothing if nothing)
    #[command(
        after_help = "Called by the code `init` installs, at each prompt; not meant to be typed.\n\nExample:\n  eval \"$(goenv-hook hook bash --session $$)\"    # what the bash hook runs"
    )]
    Hook {
        shell: Shell,
        /// The calling shell's id (its pid): also print the bookkeeping that
        /// lets the hook skip starting goenv-hook when nothing changed
        #[arg(long, value_name = "ID")]
        session: Option<String>,
    },
    /// Pin this shell to a Go version or toolchain directory (`default` removes the pin)
    #[command(after_help = "Example:\n  eval \"$(goenv-hook use 1.22 bash)\"")]
    Use {
        /// A version (1.22, 1.22.3, go1.22.3), a toolchain root, or `default`
        version: String,
        shell: Shell,
    },
    /// Restore PATH and the variables goenv-hook changed, and remove the hook from this shell
    #[command(after_help = "Example:\n  eval \"$(goenv-hook deactivate bash)\"")]
    Deactivate { shell: Shell },
    /// Print the prompt segment: the active Go, and what is wrong (never runs `go`)
    #[command(
        after_help = "Examples:\n  PS1='$(goenv-hook prompt --shell bash) '$PS1     (bash)\n  goenv-hook prompt --format '{icon}go{version}{problems}'\n  goenv-hook prompt --json\n\nPlaceholders: {version} {go} {icon} {problems} {wanted} {rule}; {{ and }} are literal braces.\nInside an initialized shell the segment is also in $GOENV_HOOK_PROMPT (no process needed)."
    )]
    Prompt {
        /// Template (default: config prompt.format, else `{icon}{go}{problems}`)
        #[arg(long)]
        format: Option<String>,
        /// Wrap colour for this shell's prompt: bash, zsh, fish, pwsh, nu; `plain` for no colour
        #[arg(long, default_value = "plain")]
        shell: String,
        /// Print the segment and its parts as JSON
        #[arg(long)]
        json: bool,
    },
    /// Find every known misconfiguration, each with its fix
    #[command(
        after_help = "Exit codes: 0 no error (warnings and infos may be present), 1 environment misconfigured,\n2 no usable Go toolchain, 3 the project's requirement is not met, 64 usage, 78 invalid config.\nWith errors of several classes the code is the first of 2, 1, 3.\n\nExamples:\n  goenv-hook doctor\n  goenv-hook doctor --json | jq '.findings[].id'\n  goenv-hook doctor --strict --ignore path-duplicates\n  goenv-hook doctor --shell zsh      # start-up files of zsh, fixes in zsh syntax\n  goenv-hook doctor --deep           # also runs `go env -json` and builds a hello-world module"
    )]
    Doctor {
        /// Print JSON (schema in the README)
        #[arg(long)]
        json: bool,
        /// Warnings fail too
        #[arg(long)]
        strict: bool,
        /// Ignore a check by id (repeatable; also config [doctor] ignore)
        #[arg(long = "ignore", value_name = "ID")]
        ignore: Vec<String>,
        /// The shell whose start-up files to analyse and whose syntax fixes use (default: $SHELL)
        #[arg(long)]
        shell: Option<Shell>,
        /// Also run the active `go` (go env -json, and a hello-world build) and report disagreements
        #[arg(long)]
        deep: bool,
        /// The shell's hook registrations, passed by the shell (for hook-not-installed), e.g. "bash:${PROMPT_COMMAND[*]}"
        #[arg(long, value_name = "TEXT")]
        hooks: Option<String>,
    },
    /// Every `go` on PATH, with its symlink chain, root, version, source; and what goenv-hook selects
    #[command(
        after_help = "Examples:\n  goenv-hook which\n  goenv-hook which --json | jq '.selected'"
    )]
    Which {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Every Go install found in the known locations, with version, root and source
    #[command(after_help = "Examples:\n  goenv-hook toolchains\n  goenv-hook toolchains --json")]
    Toolchains {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Show where the config file is looked for, and check it
    #[command(
        after_help = "Examples:\n  goenv-hook config path\n  goenv-hook config check && echo valid"
    )]
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Print a completion script for a shell
    #[command(
        after_help = "Install (or use the files in completions/ of the source tree):\n  bash        goenv-hook completions bash > ~/.local/share/bash-completion/completions/goenv-hook\n  zsh         goenv-hook completions zsh > ~/.zfunc/_goenv-hook   (with fpath+=(~/.zfunc) before compinit)\n  fish        goenv-hook completions fish > ~/.config/fish/completions/goenv-hook.fish\n  powershell  goenv-hook completions powershell | Out-String | Invoke-Expression   (in $PROFILE)\n  elvish      goenv-hook completions elvish > ~/.config/elvish/lib/goenv-hook.elv   (then `use goenv-hook` in rc.elv)\n  nushell     goenv-hook completions nushell | save -f ($nu.default-config-dir | path join goenv-hook-completions.nu)\n              then `use goenv-hook-completions.nu *` in config.nu"
    )]
    Completions {
        /// The shell to write for (`pwsh` and `nu` are accepted too)
        shell: CompletionShell,
    },
}

/// The shells `goenv-hook completions` writes for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
    #[value(alias = "pwsh")]
    Powershell,
    Elvish,
    #[value(alias = "nu")]
    Nushell,
}

impl CompletionShell {
    pub const ALL: [CompletionShell; 6] = [
        CompletionShell::Bash,
        CompletionShell::Zsh,
        CompletionShell::Fish,
        CompletionShell::Powershell,
        CompletionShell::Elvish,
        CompletionShell::Nushell,
    ];

    /// The file name the committed script has under `completions/`.
    pub fn file_name(self) -> &'static str {
        match self {
            CompletionShell::Bash => "goenv-hook.bash",
            CompletionShell::Zsh => "_goenv-hook",
            CompletionShell::Fish => "goenv-hook.fish",
            CompletionShell::Powershell => "_goenv-hook.ps1",
            CompletionShell::Elvish => "goenv-hook.elv",
            CompletionShell::Nushell => "goenv-hook.nu",
        }
    }
}

#[derive(Subcommand)]
pub enum ConfigAction {
    /// Print the config file's path
    #[command(after_help = "Example:\n  $EDITOR \"$(goenv-hook config path)\"")]
    Path,
    /// Check the config file: exit 0 if valid, 78 with file:line:column if not
    #[command(after_help = "Example:\n  goenv-hook config check")]
    Check,
}
