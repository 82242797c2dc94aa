//! `goenv-hook env <format>`: the operations once, as shell code or JSON;
//! or the whole Go environment for places without a shell hook (github,
//! dockerfile, systemd, dotenv, gitlab).

use super::{say, write_out, Error, Outcome};
use crate::app::Session;
use crate::facts::Depth;
use crate::shell::targets::{self, Format};
use crate::shell::{self, Shell};
use crate::sys::env::EnvSnapshot;
use std::ffi::OsString;

pub(super) fn env(env: EnvSnapshot, format: &str) -> Outcome {
    let platform = env.platform;
    let file_format = format.parse::<Format>().ok();
    let sh = if format == "json" || file_format.is_some() {
        None
    } else {
        Some(format.parse::<Shell>().map_err(|_| {
            Error::usage(format!("unknown format '{format}'; expected one of: bash, zsh, fish, posix, pwsh, cmd, nu, json, github, dockerfile, systemd, dotenv, gitlab"))
        })?)
    };
    let s = Session::new(env, Depth::Hook)?;
    if let Some(f) = file_format {
        return file(&s, f);
    }
    let ops = s.apply_ops();
    let out = match sh {
        None => shell::render_json(&ops),
        Some(sh) => shell::render_env(sh, &ops, platform),
    };
    write_out(&out.map_err(Error::failed)?);
    Ok(())
}

/// `env github|dockerfile|systemd|dotenv|gitlab`: the plan's whole Go environment.
fn file(s: &Session, format: Format) -> Outcome {
    if s.plan.toolchain.is_none() {
        return Err(Error::failed(
            "no Go toolchain found: nothing to write (run `goenv-hook doctor`)",
        ));
    }
    warn_unsatisfied(s, "writing the default toolchain");
    let t = crate::app::env_target(s);
    let text = match format {
        Format::Github => {
            let g = targets::github(&t).map_err(Error::failed)?;
            let var = |n: &str| s.facts.current.get(n).map(|v| v.to_os_string());
            github_output(&g, var("GITHUB_ENV").as_ref(), var("GITHUB_PATH").as_ref())
                .map_err(Error::failed)?
        }
        Format::Dockerfile => targets::dockerfile(&t).map_err(Error::failed)?,
        Format::Systemd => targets::systemd(&t).map_err(Error::failed)?,
        Format::Dotenv => targets::dotenv(&t).map_err(Error::failed)?,
        Format::Gitlab => targets::gitlab(&t).map_err(Error::failed)?,
    };
    write_out(text.as_bytes());
    Ok(())
}

/// When the project's request is not met: a warning naming who asks for
/// what, and what happens instead (`then`).
pub(super) fn warn_unsatisfied(s: &Session, then: &str) {
    if !s.plan.unsatisfied {
        return;
    }
    if let Some(r) = &s.plan.request {
        use crate::report::which::rule_text;
        let who = match &r.file {
            Some(f) => format!("{} ({})", rule_text(r.rule), f.display()),
            None => rule_text(r.rule).to_string(),
        };
        let want = match &r.want {
            crate::plan::Want::Version(v) => format!("go{v}"),
            crate::plan::Want::Root(p) => p.display().to_string(),
        };
        say!("goenv-hook: warning: {who} asks for {want}, which is not installed; {then}");
    }
}

/// `env github`: the lines for both files. When `GITHUB_ENV` / `GITHUB_PATH`
/// name files (inside GitHub Actions), the lines are appended to them too.
fn github_output(
    g: &targets::Github,
    env_file: Option<&OsString>,
    path_file: Option<&OsString>,
) -> Result<String, String> {
    let mut log = String::new();
    for (part, var, file) in [
        (&g.env, "GITHUB_ENV", env_file),
        (&g.path, "GITHUB_PATH", path_file),
    ] {
        if part.is_empty() {
            continue;
        }
        match file.filter(|f| !f.is_empty()) {
            Some(f) => {
                append(f, part).map_err(|e| {
                    format!("cannot append to ${var} ({}): {e}", f.to_string_lossy())
                })?;
                log.push_str(&format!("# appended to ${var}\n"));
            }
            None => log.push_str(&format!("# for ${var} (not set: nothing written)\n")),
        }
        log.push_str(part);
    }
    Ok(log)
}

fn append(file: &OsString, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(file)?;
    f.write_all(text.as_bytes())
}
