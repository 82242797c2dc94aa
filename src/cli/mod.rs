//! The command line: arguments (clap, [`args`]), one function per
//! subcommand, and the one [`Error`] they return, which carries its exit
//! code. `src/main.rs` only calls [`main`].

pub mod args;
mod completions;
mod config;
mod deactivate;
pub mod docs;
mod doctor;
mod env;
mod exec;
mod explain;
mod get;
mod hook;
mod init;
mod pin;
mod prompt;
mod shells;
mod use_;
mod which;

use crate::app::exit;
use crate::config::ConfigError;
use crate::sys::env::EnvSnapshot;
use args::{Cli, Command};
use std::fmt;
use std::process::ExitCode;

/// `eprintln!` that ignores a closed stderr (`2>&-`, a pipe whose reader is
/// gone) instead of panicking: the hook must never abort over a message.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}
pub(crate) use say;

/// Why a subcommand did not succeed: the exit code (README: 1 failure, 64
/// usage, 78 invalid config; `doctor`'s 1, 2 and 3 come from its findings)
/// and the message for stderr (none when the output already said it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub code: u8,
    pub message: Option<String>,
}

impl Error {
    fn with(code: i32, message: String) -> Error {
        Error {
            code: code as u8,
            message: Some(message),
        }
    }

    /// Exit 1: the command could not do its work.
    pub fn failed(message: impl fmt::Display) -> Error {
        Error::with(exit::FAILURE, message.to_string())
    }

    /// Exit 64: wrong usage.
    pub fn usage(message: impl fmt::Display) -> Error {
        Error::with(exit::USAGE, message.to_string())
    }

    /// Exit 78: the config can't be used.
    pub fn config(e: &ConfigError) -> Error {
        Error::with(exit::CONFIG, e.to_string())
    }

    /// An exit code whose reason the output already gave (doctor's findings).
    pub fn quiet(code: i32) -> Error {
        Error {
            code: code as u8,
            message: None,
        }
    }
}

impl From<ConfigError> for Error {
    fn from(e: ConfigError) -> Error {
        Error::config(&e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.message {
            Some(m) => f.write_str(m),
            None => write!(f, "exit {}", self.code),
        }
    }
}

impl std::error::Error for Error {}

/// What every subcommand returns.
pub type Outcome = Result<(), Error>;

/// The `goenv-hook` executable: parse, run, print, exit.
pub fn main() -> ExitCode {
    // What `shells` has each started shell run (not a command of its own:
    // recognised before clap, so help, completions and man pages don't
    // show it).
    if let Some(file) = shells::dump_args() {
        return match shells::dump(&file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                if let Some(m) = &e.message {
                    say!("goenv-hook: {m}");
                }
                ExitCode::from(e.code)
            }
        };
    }
    // The prompt path: recognised without building clap's command tree.
    let cli = match hook::quick_args() {
        Some(command) => Cli { command },
        None => {
            use clap::Parser;
            match Cli::try_parse() {
                Ok(c) => c,
                Err(e) => {
                    let code = if e.use_stderr() {
                        exit::USAGE
                    } else {
                        exit::OK
                    };
                    let _ = e.print();
                    return ExitCode::from(code as u8);
                }
            }
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if let Some(m) = &e.message {
                say!("goenv-hook: {m}");
            }
            ExitCode::from(e.code)
        }
    }
}

/// Runs one parsed command line against this process's environment.
pub fn run(cli: Cli) -> Outcome {
    let env = EnvSnapshot::from_process();
    match cli.command {
        Command::Init { shell } => init::init(env, shell),
        Command::Env { format } => env::env(env, &format),
        Command::Hook { shell, session } => hook::hook(env, shell, session.as_deref()),
        Command::Use { version, shell } => use_::use_(env, &version, shell),
        Command::Deactivate { shell } => deactivate::deactivate(env, shell),
        Command::Prompt {
            format,
            shell,
            json,
        } => prompt::prompt(env, format.as_deref(), &shell, json),
        Command::Doctor {
            json,
            strict,
            ignore,
            shell,
            deep,
            hooks,
        } => doctor::doctor(
            env,
            doctor::Flags {
                json,
                strict,
                ignore,
                shell,
                deep,
                hooks,
            },
        ),
        Command::Which { json } => which::which(env, json),
        Command::Toolchains { json, names } => which::toolchains(env, json, names),
        Command::Completions { shell } => completions::completions(shell),
        Command::Config { action } => config::config(env, action),
        Command::Explain { names, json, shell } => explain::explain(env, names, json, shell),
        Command::Shells { json, timeout } => shells::shells(env, json, timeout),
        Command::Exec { dir, command } => exec::exec(env, dir, command),
        Command::Pin { version, toolchain } => pin::pin(env, &version, toolchain),
        Command::Get { version, force } => get::get(env, &version, force),
    }
}

/// Writes to stdout, ignoring errors: a closed pipe (`goenv-hook doctor |
/// head -0`) is not worth a panic.
pub(crate) fn write_out(b: &[u8]) {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(b);
    let _ = o.flush();
}

/// Shell code (JSON for Nushell, which applies it with `load-env`) for
/// operations, printed.
fn print_ops(
    shell: crate::shell::Shell,
    ops: &[crate::shell::Op],
    platform: crate::sys::platform::Platform,
) -> Outcome {
    use crate::shell::{self, Shell};
    let out = if shell == Shell::Nu {
        shell::render_json(ops)
    } else {
        shell::render_env(shell, ops, platform)
    };
    write_out(&out.map_err(Error::failed)?);
    Ok(())
}

/// `serde_json` output (pretty, one trailing newline).
fn json_pretty<T: serde::Serialize>(v: &T) -> Result<String, Error> {
    serde_json::to_string_pretty(v)
        .map(|j| j + "\n")
        .map_err(|e| Error::failed(format!("cannot write JSON: {e}")))
}

/// The config as `doctor` (`roots` false) and `config check` (`roots`
/// true) hold it, beyond what every command does: `[doctor] ignore` must
/// name check ids, and (with `roots`) an `[env] GOROOT` must be a toolchain.
fn strict_config(env: &EnvSnapshot, roots: bool) -> Result<crate::config::Config, ConfigError> {
    let is_root = |p: &std::path::Path| crate::probe::toolchain::inspect_root(p, env).is_some();
    crate::probe::config::load_with(
        env,
        crate::config::Known {
            check_ids: Some(crate::checks::IDS),
            is_toolchain_root: roots.then_some(&is_root as &dyn Fn(&std::path::Path) -> bool),
        },
    )
}
