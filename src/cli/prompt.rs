//! `goenv-hook prompt`: the prompt segment.

use super::{write_out, Error, Outcome};
use crate::app::Session;
use crate::facts::Depth;
use crate::prompt::{self, Style};
use crate::sys::env::EnvSnapshot;

pub(super) fn prompt(env: EnvSnapshot, format: Option<&str>, shell: &str, json: bool) -> Outcome {
    let style = match shell {
        "plain" => Style::Plain,
        "bash" => Style::Bash,
        "zsh" => Style::Zsh,
        "fish" | "pwsh" | "powershell" | "nu" | "nushell" | "ansi" => Style::Ansi,
        other => {
            return Err(Error::usage(format!(
                "unknown prompt shell '{other}'; expected bash, zsh, fish, pwsh, nu or plain"
            )))
        }
    };
    let s = Session::new(env, Depth::Hook)?;
    let seg = crate::app::prompt_segment(s, format);
    if json {
        let j = serde_json::to_string(&seg)
            .map_err(|e| Error::failed(format!("cannot write JSON: {e}")))?;
        write_out(format!("{j}\n").as_bytes());
    } else {
        let t = prompt::styled(&seg, style);
        if !t.is_empty() {
            write_out(format!("{t}\n").as_bytes());
        }
    }
    Ok(())
}
