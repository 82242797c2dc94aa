//! `goenv-hook config path|check`.

use super::args::ConfigAction;
use super::{strict_config, write_out, Error, Outcome};
use crate::sys::env::EnvSnapshot;

pub(super) fn config(env: EnvSnapshot, action: ConfigAction) -> Outcome {
    match action {
        ConfigAction::Path => {
            let p = crate::config::location(&env).ok_or_else(|| {
                Error::failed("no config location: set HOME or GOENV_HOOK_CONFIG")
            })?;
            // The path's own bytes, so `$(goenv-hook config path)` is exact.
            let mut b = p.into_os_string().into_encoded_bytes();
            b.push(b'\n');
            write_out(&b);
            Ok(())
        }
        // Everything `init` and `doctor` would refuse: the check ids in
        // `[doctor] ignore`, and an `[env] GOROOT` that is no toolchain.
        ConfigAction::Check => match strict_config(&env, true)?.file {
            Some(f) => {
                write_out(format!("{}: ok\n", f.display()).as_bytes());
                Ok(())
            }
            None => {
                write_out(b"no config file: defaults in use\n");
                Ok(())
            }
        },
    }
}
