//! `goenv-hook deactivate <shell>`: restore the environment, remove the hook.

use super::{write_out, Error, Outcome};
use crate::shell::{self, Shell};
use crate::sys::env::EnvSnapshot;

pub(super) fn deactivate(env: EnvSnapshot, shell: Shell) -> Outcome {
    let platform = env.platform;
    let out = shell::render_deactivate(shell, &crate::app::deactivate_ops(env), platform)
        .map_err(Error::failed)?;
    write_out(&out);
    Ok(())
}
