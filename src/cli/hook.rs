//! `goenv-hook hook <shell> [--session ID]`: what the prompt hook runs. The
//! one command on the prompt path: its arguments (and `init <shell>`'s, run
//! at every shell start) are recognised without building clap's command
//! tree ([`quick_args`]), and it does nothing else at start.

use super::args::Command;
use super::{write_out, Error, Outcome};
use crate::shell::{self, Shell};
use crate::sys::env::EnvSnapshot;

/// `hook <shell>`, `hook <shell> --session ID`, `hook <shell>
/// --session=ID` or `init <shell>`, read from the process's arguments; None
/// for anything else (clap then parses it, and reports errors for these
/// commands too). Building clap's tree costs more than init's own work.
pub(super) fn quick_args() -> Option<Command> {
    quick_args_of(&std::env::args_os().skip(1).collect::<Vec<_>>())
}

fn quick_args_of(args: &[std::ffi::OsString]) -> Option<Command> {
    let s = |i: usize| args.get(i).and_then(|a| a.to_str());
    let shell: Shell = s(1)?.parse().ok()?;
    match s(0)? {
        "init" if args.len() == 2 => return Some(Command::Init { shell }),
        "hook" => {}
        _ => return None,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn describe(c: &Command) -> String {
        match c {
            Command::Init { shell } => format!("init {shell}"),
            Command::Hook { shell, session } => format!("hook {shell} {session:?}"),
            _ => "another command".into(),
        }
    }

    /// What the quick path recognises, clap parses the same way.
    #[test]
    fn quick_args_agree_with_clap() {
        let mut quick = 0;
        for line in [
            "init bash",
            "init zsh",
            "init fish",
            "init nu",
            "init pwsh",
            "init cmd",
            "init posix",
            "init bash extra",
            "init --help",
            "init tcsh",
            "hook zsh",
            "hook fish --session 12",
            "hook bash --session=12",
            "hook bash --session",
            "hook bash --other 1",
            "env bash",
        ] {
            let args: Vec<std::ffi::OsString> = line.split(' ').map(Into::into).collect();
            let Some(fast) = quick_args_of(&args) else {
                continue;
            };
            quick += 1;
            let full = super::super::args::Cli::try_parse_from(
                std::iter::once("goenv-hook".into()).chain(args),
            )
            .unwrap_or_else(|e| panic!("{line}: clap refuses what the quick path takes: {e}"));
            assert_eq!(describe(&fast), describe(&full.command), "{line}");
        }
        assert_eq!(quick, 10);
    }
}
