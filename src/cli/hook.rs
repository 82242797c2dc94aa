//! `goenv-hook hook <shell> [--session ID]`: what the prompt hook runs. The
//! one command on the prompt path: its arguments are recognised without
//! building clap's command tree ([`quick_args`]), and it does nothing else
//! at start.

use super::args::Command;
use super::{write_out, Error, Outcome};
use crate::shell::{self, Shell};
use crate::sys::env::EnvSnapshot;

/// `hook <shell>`, `hook <shell> --session ID` or `hook <shell>
/// --session=ID`, read from the process's arguments; None for anything else
/// (clap then parses it, and reports errors for this command too).
pub(super) fn quick_args() -> Option<Command> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let s = |i: usize| args.get(i).and_then(|a| a.to_str());
    if s(0)? != "hook" {
        return None;
    }
    let shell: Shell = s(1)?.parse().ok()?;
    let session = match args.len() {
        2 => None,
        4 if s(2)? == "--session" => Some(s(3)?.to_string()),
        3 => Some(s(2)?.strip_prefix("--session=")?.to_string()),
        _ => return None,
    };
    Some(Command::Hook { shell, session })
}

pub(super) fn hook(env: EnvSnapshot, shell: Shell, session: Option<&str>) -> Outcome {
    let platform = env.platform;
    // The hook evals this at once: PATH may be written relative to its own.
    let current = env.get("PATH").map(|p| p.to_os_string());
    let ops = crate::app::hook(env, session);
    let out = if shell == Shell::Nu {
        if ops.is_empty() {
            Ok(Vec::new())
        } else {
            shell::render_json(&ops)
        }
    } else {
        shell::render_live(shell, &ops, platform, current.as_deref())
    };
    // As in app::hook: the process exits next, nothing to free.
    std::mem::forget(ops);
    write_out(&out.map_err(Error::failed)?);
    Ok(())
}
