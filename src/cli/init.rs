//! `goenv-hook init <shell>`: the environment now, plus the hook.

use super::{write_out, Error, Outcome};
use crate::app::{self, Session};
use crate::facts::Depth;
use crate::shell::{self, Op, Shell};
use crate::sys::env::EnvSnapshot;

/// With a config error the script is still printed (it records the error,
/// so the hook reports it once) and the exit code is 78.
pub(super) fn init(env: EnvSnapshot, shell: Shell) -> Outcome {
    let platform = env.platform;
    // The shell evals this at once: PATH may be written relative to its own.
    let current = env.get("PATH").map(|p| p.to_os_string());
    let exe = std::env::current_exe()
        .map_err(|e| Error::failed(format!("cannot find my own executable: {e}")))?;
    let (ops, outcome) = match shell {
        // Nushell saves init to a file: the hook applies at each prompt.
        Shell::Nu => (Vec::new(), Ok(())),
        // cmd saves init to a file that AutoRun runs in every new cmd, and
        // the file runs the hook itself first: the environment of the
        // moment it was written (a whole PATH) would be stale in every
        // later cmd. A config error still fails here (the hook reports
        // it once per session).
        Shell::Cmd => (
            Vec::new(),
            Session::new(env, Depth::Hook)
                .map(|_| ())
                .map_err(|e| Error::config(&e)),
        ),
        _ => match Session::new(env, Depth::Hook) {
            Ok(s) => (s.apply_ops(), Ok(())),
            Err(e) => (
                vec![Op::Set {
                    name: app::ERROR_VAR.into(),
                    value: app::fingerprint(&e).into(),
                }],
                Err(Error::config(&e)),
            ),
        },
    };
    let rendered =
        shell::render_live(shell, &ops, platform, current.as_deref()).map_err(Error::failed)?;
    let out = shell::render_init(shell, &exe, &rendered, platform).map_err(Error::failed)?;
    write_out(&out);
    outcome
}
