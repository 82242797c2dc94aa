//! `goenv-hook explain [VAR…] [--json] [--shell SHELL]`.

use super::{json_pretty, write_out, Error, Outcome};
use crate::report::explain as report;
use crate::shell::Shell;
use crate::sys::env::EnvSnapshot;

pub(super) fn explain(
    env: EnvSnapshot,
    names: Vec<String>,
    json: bool,
    shell: Option<Shell>,
) -> Outcome {
    if let Some(bad) = names.iter().find(|n| !report::known_name(n)) {
        return Err(Error::usage(format!(
            "cannot explain '{bad}'; expected any of: {}, go (the go on PATH)",
            crate::go::settings::EXPLAINED.join(", ")
        )));
    }
    let config = crate::probe::config::load(&env)?;
    let e = crate::app::explain(env, &config, &crate::app::ExplainRequest { names, shell });
    let text = if json {
        json_pretty(&e)?
    } else {
        report::text(&e)
    };
    write_out(text.as_bytes());
    Ok(())
}
