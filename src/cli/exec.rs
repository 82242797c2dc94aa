//! `goenv-hook exec [--dir DIR] [--] COMMAND [ARGS]`: run a command with the
//! environment the session selects (the façade's [`crate::app::exec_env`]),
//! without a shell. On Unix the command replaces this process (one exec:
//! its exit status and the signals sent to it are the caller's to see); on
//! Windows it is started and its exit code passed on.

use super::{Error, Outcome};
use crate::sys::env::EnvSnapshot;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;

/// Exit code when the command is not found (as shells do).
pub(crate) const NOT_FOUND: i32 = 127;
/// Exit code when the command was found but could not be run.
pub(crate) const CANNOT_RUN: i32 = 126;

pub(super) fn exec(mut env: EnvSnapshot, dir: Option<PathBuf>, command: Vec<OsString>) -> Outcome {
    let Some((program, args)) = command.split_first() else {
        return Err(Error::usage("exec needs a command to run"));
    };
    if let Some(d) = &dir {
        let d = if d.is_absolute() {
            d.clone()
        } else {
            env.cwd.join(d)
        };
        if !d.is_dir() {
            return Err(Error::usage(format!(
                "--dir {}: not a directory",
                d.display()
            )));
        }
        env.set("PWD", d.clone());
        env.cwd = d;
    }
    let (run_env, session) = crate::app::exec_env(env)?;
    super::env::warn_unsatisfied(&session, "running with the default toolchain");
    let mut c = Command::new(program);
    c.args(args)
        .env_clear()
        .envs(run_env.vars().iter().cloned());
    if dir.is_some() {
        c.current_dir(&run_env.cwd);
    }
    run(c, program)
}

/// Unix: replace this process; returns only when the exec failed.
#[cfg(unix)]
fn run(mut c: Command, program: &OsString) -> Outcome {
    use std::os::unix::process::CommandExt;
    let e = c.exec();
    Err(failed_to_start(&e, program))
}

/// Windows: start the command, wait, and exit with its code (all 32 bits:
/// an NTSTATUS such as 0xC000013A after Ctrl+C stays as it was).
#[cfg(not(unix))]
fn run(mut c: Command, program: &OsString) -> Outcome {
    match c.status() {
        Ok(st) => std::process::exit(st.code().unwrap_or(1)),
        Err(e) => Err(failed_to_start(&e, program)),
    }
}

/// 127 when the command is not found, 126 when it can't be run.
fn failed_to_start(e: &std::io::Error, program: &OsString) -> Error {
    let name = std::path::Path::new(program);
    let shown = name.display();
    let has_dir = name.components().count() > 1;
    match e.kind() {
        std::io::ErrorKind::NotFound if has_dir && name.exists() => Error::with(
            CANNOT_RUN,
            format!("exec: {shown}: cannot run it ({e}: its interpreter, the #! line, may be missing)"),
        ),
        std::io::ErrorKind::NotFound if has_dir => {
            Error::with(NOT_FOUND, format!("exec: {shown}: no such file"))
        }
        std::io::ErrorKind::NotFound => Error::with(
            NOT_FOUND,
            format!("exec: {shown}: command not found on the selected PATH (`goenv-hook env json` shows it)"),
        ),
        std::io::ErrorKind::PermissionDenied => Error::with(
            CANNOT_RUN,
            format!("exec: {shown}: permission denied (not an executable file, or a directory)"),
        ),
        _ => Error::with(CANNOT_RUN, format!("exec: {shown}: cannot run it: {e}")),
    }
}
