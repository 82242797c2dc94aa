//! `goenv-hook doctor`: every known misconfiguration, with fixes.

use super::{strict_config, write_out, Error, Outcome};
use crate::report::doctor;
use crate::shell::Shell;
use crate::sys::env::EnvSnapshot;

/// The command line's options.
pub(super) struct Flags {
    pub json: bool,
    pub strict: bool,
    pub ignore: Vec<String>,
    pub shell: Option<Shell>,
    pub deep: bool,
    pub hooks: Option<String>,
}

/// The exit code comes from the findings (0, 1, 2, 3); an unknown id in
/// `--ignore` is wrong usage (64); a config file that can't be used is
/// reported as `config-invalid` (file, line and column) after a run with
/// the defaults, and the exit code is then 78.
pub(super) fn doctor(env: EnvSnapshot, f: Flags) -> Outcome {
    use std::io::IsTerminal;
    let (config, config_error) = match strict_config(&env, false) {
        Ok(c) => (c, None),
        Err(e) => {
            // Said on stderr as every command says it; the report follows.
            super::say!("goenv-hook: {e}");
            (crate::config::Config::default(), Some(e))
        }
    };
    let config_invalid = config_error.is_some();
    let req = crate::app::DoctorRequest {
        ignore: f.ignore,
        strict: f.strict,
        shell: f.shell,
        deep: f.deep,
        hooks: f.hooks,
        progress: (f.deep && std::io::stderr().is_terminal()).then_some(if no_color() {
            progress_plain as fn(Option<&str>)
        } else {
            progress_line
        }),
        plugin_hook: None,
        config_error,
    };
    let mut out = crate::app::doctor(env, config, &req).map_err(|e| {
        if e.from_config {
            Error::with(crate::app::exit::CONFIG, e.to_string())
        } else {
            Error::usage(e)
        }
    })?;
    if config_invalid {
        out.exit_code = crate::app::exit::CONFIG;
    }
    let text = if f.json {
        doctor::render_json(&out)
    } else {
        let color = std::io::stdout().is_terminal() && !no_color();
        doctor::render_text(&out, color)
    };
    write_out(text.as_bytes());
    match out.exit_code {
        0 => Ok(()),
        code => Err(Error::quiet(code)),
    }
}

/// `NO_COLOR` set to a non-empty value (no-color.org).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// `--deep`'s progress on a terminal: one dim line, rewritten at each
/// step and erased when done (stderr only; never when it is not a terminal).
fn progress_line(step: Option<&str>) {
    use std::io::Write;
    let mut e = std::io::stderr();
    let _ = match step {
        Some(s) => write!(
            e,
            "\r\x1b[K\x1b[2mgoenv-hook doctor --deep: running {s}…\x1b[0m"
        ),
        None => write!(e, "\r\x1b[K"),
    };
    let _ = e.flush();
}

/// The same with NO_COLOR: plain lines, no escape sequences.
fn progress_plain(step: Option<&str>) {
    if let Some(s) = step {
        super::say!("goenv-hook doctor --deep: running {s}…");
    }
}
