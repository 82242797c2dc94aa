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
        /// The shell to write for: bash, zsh, fish, posix, pwsh, cmd, nu
        #[arg(value_parser = shells(), hide_possible_values = true)]
        shell: Shell,
    },
    /// Print the environment once: shell code for eval, JSON, or a file for places without a shell hook
    #[command(
        after_help = "Formats:\n  bash zsh fish posix pwsh cmd nu  shell code: what this shell must change (for eval)\n  json        the same changes as data\n  github      GitHub Actions: appends to $GITHUB_ENV and $GITHUB_PATH when set, and prints the lines\n  dockerfile  ENV instructions (RUN export does not persist between steps)\n  systemd     an environment.d(5) file for the user session\n  dotenv      a .env file (single-quoted values)\n  gitlab      GitLab CI's dotenv report (artifacts:reports:dotenv)\n\nThe github, dockerfile, systemd, dotenv and gitlab formats print the whole Go environment\n(as for a clean environment), not a diff against this process.\n\nExamples:\n  eval \"$(goenv-hook env bash)\"\n  goenv-hook env json\n  goenv-hook env github                                   # in a workflow step\n  goenv-hook env dockerfile >> Dockerfile\n  goenv-hook env systemd > ~/.config/environment.d/50-go.conf\n  goenv-hook env dotenv > .env\n  goenv-hook env gitlab > go.env                          # then artifacts: reports: dotenv: go.env"
    )]
    Env {
        /// The output: bash, zsh, fish, posix, pwsh, cmd, nu, json, github, dockerfile, systemd, dotenv, gitlab
        #[arg(value_parser = offered(clap::builder::StringValueParser::new(), env_formats), hide_possible_values = true)]
        format: String,
    },
    /// Used by the prompt hook: print what changed since the last prompt (nothing if nothing)
    #[command(
        after_help = "Called by the code `init` installs, at each prompt; not meant to be typed.\n\nExample:\n  eval \"$(goenv-hook hook bash --session $$)\"    # what the bash hook runs"
    )]
    Hook {
        /// The shell whose code to print: bash, zsh, fish, posix, pwsh, cmd, nu
        #[arg(value_parser = shells(), hide_possible_values = true)]
        shell: Shell,
        /// The calling shell's id (its pid): also print the bookkeeping that
        /// lets the hook skip starting goenv-hook when nothing changed
        #[arg(long, value_name = "ID")]
        session: Option<String>,
    },
    /// Pin this shell to a Go version or toolchain directory (`default` removes the pin)
    #[command(
        after_help = "In a shell where init ran, the goenv-hook function it defines applies it (no shell argument):\n  goenv-hook use 1.22\n  goenv-hook use default\n\nElsewhere, evaluate what it prints:\n  eval \"$(goenv-hook use 1.22 bash)\""
    )]
    Use {
        /// A version (1.22, 1.22.3, go1.22.3), a toolchain root, or `default`
        #[arg(value_hint = clap::ValueHint::DirPath)]
        version: String,
        /// The shell whose code to print (for eval): bash, zsh, fish, posix, pwsh, cmd, nu
        #[arg(value_parser = shells(), hide_possible_values = true)]
        shell: Shell,
    },
    /// Pin this directory to a Go version: write .go-version, or set go.mod's toolchain line (--toolchain)
    #[command(
        after_help = "Without --toolchain: writes the version to .go-version in the current directory (its\nvalue line replaced, comments kept; `go` prefix dropped, as goenv, asdf and mise write it).\nWith --toolchain: sets the `toolchain` line of the go.mod Go uses here, in place (other\nbytes untouched), or adds it after the `go` line; a go.mod Go refuses is left as is. A\nversion that is not installed is written too: then says what is selected meanwhile.\n\nExit codes: 0 written, 1 no go.mod, a go.work in use, a go.mod Go refuses or a write\nerror, 64 not a version.\n\nExamples:\n  goenv-hook pin 1.22.3\n  goenv-hook pin --toolchain go1.22.3"
    )]
    Pin {
        /// A version: 1.22, 1.22.3, go1.22.3 (with --toolchain: a toolchain name, go1.22.3 or 1.22.3)
        version: String,
        /// Set go.mod's toolchain line instead of writing .go-version
        #[arg(long)]
        toolchain: bool,
    },
    /// Download a Go toolchain through Go itself (GOTOOLCHAIN) into the module cache
    #[command(
        after_help = "Runs an installed go (1.21 or newer: the first on PATH, else the newest found) as\n`GOTOOLCHAIN=go1.X.Y go version` in a fresh empty temporary directory, never in a\nproject. Go downloads the golang.org/toolchain module through your GOPROXY, verifies it\nagainst GOSUMDB (GONOSUMDB, GOPRIVATE and proxy settings apply as for any go command),\nand extracts it into the module cache, where goenv-hook finds it. A GOTOOLCHAIN=local\n(environment, go env -w, $GOROOT/go.env) is set aside for this one command. `1.22` and\n`latest` are the newest release (no pre-release) for this platform in the proxy's list\n(go list -m -versions golang.org/toolchain). Go's own progress goes to stderr; an interrupted download is left as Go leaves it (unused: a\n.partial marker), never half-extracted in place.\n\nExit codes: 0 got it (or already installed), 1 no go >= 1.21, the download is disabled\n(GOPROXY=off) or failed, or the list has no such release, 64 not a version.\n\nExamples:\n  goenv-hook get 1.22.3\n  goenv-hook get go1.23.4\n  goenv-hook get 1.22          # the newest 1.22.x\n  goenv-hook get latest\n  GOPROXY=https://goproxy.example.com goenv-hook get 1.22.3"
    )]
    Get {
        /// A release (1.22.3, go1.22.3, 1.23rc1), a language version (1.22: its newest release), or latest
        version: String,
        /// Download it even if an install already provides that version
        #[arg(long)]
        force: bool,
    },
    /// Restore PATH and the variables goenv-hook changed, and remove the hook from this shell
    #[command(
        after_help = "In a shell where init ran, the goenv-hook function it defines applies it (no shell argument):\n  goenv-hook deactivate\n\nElsewhere, evaluate what it prints:\n  eval \"$(goenv-hook deactivate bash)\""
    )]
    Deactivate {
        /// The shell whose code to print (for eval): bash, zsh, fish, posix, pwsh, cmd, nu
        #[arg(value_parser = shells(), hide_possible_values = true)]
        shell: Shell,
    },
    /// Print the prompt segment: the active Go, and what is wrong (never runs `go`)
    #[command(
        after_help = "In a prompt, read $GOENV_HOOK_PROMPT: inside an initialized shell the hook keeps the\nsegment there, so the prompt starts no process:\n  bash  PS1='${GOENV_HOOK_PROMPT:+($GOENV_HOOK_PROMPT) }'\"$PS1\"\n  zsh   RPROMPT='${GOENV_HOOK_PROMPT}'        (with setopt prompt_subst)\n  fish  function fish_right_prompt; echo -n $GOENV_HOOK_PROMPT; end\n  nu    $env.PROMPT_COMMAND_RIGHT = {|| $env.GOENV_HOOK_PROMPT? | default '' }\n\nThis command is for scripts, templates and JSON (it is a process):\n  goenv-hook prompt --format '{icon}go{version}{problems}'\n  goenv-hook prompt --json\n\nPlaceholders: {version} {go} {icon} {problems} {wanted} {rule} {pin}; {{ and }} are literal braces."
    )]
    Prompt {
        /// Template (default: config prompt.format, else `{icon}{go}{pin}{problems}`)
        #[arg(long)]
        format: Option<String>,
        /// Wrap colour for this shell's prompt: bash, zsh, fish, pwsh, nu; `plain` for no colour
        #[arg(long, default_value = "plain", value_parser = offered(clap::builder::StringValueParser::new(), || PROMPT_STYLES.to_vec()), hide_possible_values = true)]
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
        #[arg(long = "ignore", value_name = "ID", value_parser = offered(clap::builder::StringValueParser::new(), || crate::checks::IDS.to_vec()), hide_possible_values = true)]
        ignore: Vec<String>,
        /// The shell whose start-up files to analyse and whose syntax fixes use (default: the interactive shell doctor runs in, else $SHELL)
        #[arg(long, value_parser = shells(), hide_possible_values = true)]
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
        /// Print only what `use` accepts, one per line: each install's version (1.22.12) and each
        /// language version (1.22), or its root when its version is unknown (for completion scripts)
        #[arg(long, conflicts_with = "json")]
        names: bool,
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
    /// Where each Go setting's value comes from: environment (and the start-up line), go env -w file, $GOROOT/go.env, default
    #[command(
        after_help = "For each setting, the value `go env NAME` prints for the go on PATH, and every layer of\nGo's lookup in order (* marks the one that decided): the environment (with the start-up\nfile line that set it, when one is found), the `go env -w` file's line, $GOROOT/go.env,\nGo's default. Never runs go.\n\nNames: GOROOT GOPATH GOBIN GOTOOLCHAIN GOPROXY GOSUMDB GOFLAGS GO111MODULE GOMODCACHE\nGOCACHE GOENV, and go (the go on PATH); none: all of them.\n\nExamples:\n  goenv-hook explain\n  goenv-hook explain GOPROXY GOTOOLCHAIN\n  goenv-hook explain go\n  goenv-hook explain --json | jq -r '.variables[] | \"\\(.name)=\\(.value)\"'"
    )]
    Explain {
        /// Settings to explain (default: all), or `go` for the go on PATH
        #[arg(value_name = "VAR")]
        names: Vec<String>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// The shell whose start-up files to search for the lines that set a variable (default: $SHELL)
        #[arg(long, value_parser = shells(), hide_possible_values = true)]
        shell: Option<Shell>,
    },
    /// Run a command with the Go environment goenv-hook selects for this directory (or --dir), without a shell
    #[command(
        after_help = "The environment is the one `goenv-hook env` and the prompt hook make for the directory\n(the same selection: go.work, go.mod, .go-version, the config file, GOENV_HOOK_GO), applied\nto this process's environment; then the command replaces goenv-hook (on Windows it is\nstarted and its exit code passed on). No shell is involved: the command is looked up\non the new PATH. With --dir, the environment is selected for that directory and the\ncommand runs there.\n\nExit codes: the command's own (a signal that ends it ends the same process); 127 the\ncommand was not found, 126 it was found but could not be run, 64 usage, 78 invalid config.\n\nExamples:\n  goenv-hook exec -- go version\n  goenv-hook exec --dir ~/src/app -- go build ./...\n  goenv-hook exec go test ./...\n  exec goenv-hook exec -- go \"$@\"        # a `go` wrapper for go.alternateTools (VS Code)"
    )]
    Exec {
        /// Select the environment for this directory, and run the command there
        #[arg(long, value_name = "DIR")]
        dir: Option<std::path::PathBuf>,
        /// The command and its arguments (put `--` first when the command starts with -)
        #[arg(
            value_name = "COMMAND",
            required = true,
            num_args = 1..,
            trailing_var_arg = true,
            allow_hyphen_values = true
        )]
        command: Vec<std::ffi::OsString>,
    },
    /// Start each installed shell as a new terminal would and compare the Go each one resolves
    #[command(
        after_help = "Starts bash, zsh, fish, dash, nu (and pwsh where installed; cmd on Windows) as login and\nas interactive shells, with your own start-up files, in a clean environment like a new\nterminal's (HOME, USER, LOGNAME, SHELL, TERM, LANG, and PATH from /etc/environment, else\n/etc/login.defs), in your home directory (/ when it holds a Go project file), each shell\nkilled after --timeout seconds. Each one prints its environment; goenv-hook then reads\nwhat that environment resolves (never running go): the go on PATH and its version,\nGOROOT, GOPATH, GOBIN, GOTOOLCHAIN, and whether goenv-hook's init ran. Values that differ\nbetween shells are marked with !.\n\nExit codes: 0 every shell agrees, 1 they differ or one failed or timed out.\n\nExamples:\n  goenv-hook shells\n  goenv-hook shells --json | jq '.shells[] | {shell, mode, go}'\n  goenv-hook shells --timeout 30"
    )]
    Shells {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// Seconds each shell may take to start before it is killed
        #[arg(long, value_name = "SECS", default_value_t = 10)]
        timeout: u64,
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
    /// Check the config file (and what init and doctor would refuse: check ids, [env] GOROOT): exit 0 if valid, 78 with file:line:column if not
    #[command(after_help = "Example:\n  goenv-hook config check")]
    Check,
}

/// The `--shell` values of `prompt`.
pub(crate) const PROMPT_STYLES: [&str; 6] = ["bash", "zsh", "fish", "pwsh", "nu", "plain"];

/// A value parser that offers `names` to the completion scripts clap
/// generates, and leaves checking to `inner` (so a wrong value keeps its
/// own message and exit code). The help text describes the values itself
/// (`hide_possible_values`).
#[derive(Clone)]
pub(crate) struct Offered<P> {
    inner: P,
    names: fn() -> Vec<&'static str>,
}

pub(crate) fn offered<P>(inner: P, names: fn() -> Vec<&'static str>) -> Offered<P> {
    Offered { inner, names }
}

impl<P: clap::builder::TypedValueParser> clap::builder::TypedValueParser for Offered<P> {
    type Value = P::Value;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Self::Value, clap::Error> {
        self.inner.parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            (self.names)()
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

fn parse_shell(s: &str) -> Result<Shell, String> {
    s.parse()
}

/// A shell argument: the shells' names offered, `Shell`'s own parsing.
type ShellParser = fn(&str) -> Result<Shell, String>;

fn shells() -> Offered<ShellParser> {
    offered(parse_shell as ShellParser, || {
        Shell::ALL.iter().map(|s| s.name()).collect()
    })
}

/// `env`'s formats: the shells, json, and the data targets.
fn env_formats() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Shell::ALL.iter().map(|s| s.name()).collect();
    v.push("json");
    v.extend(crate::shell::targets::Format::ALL.iter().map(|f| f.name()));
    v
}
