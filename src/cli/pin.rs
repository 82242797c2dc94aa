//! `goenv-hook pin <version> [--toolchain]`: write `.go-version` in the
//! current directory, or set go.mod's `toolchain` line (the edit is
//! `go::gomod::set_toolchain`, through `app::pin_toolchain`), then say what
//! goenv-hook selects here now and whether it is installed.

use super::{write_out, Error, Outcome};
use crate::app::{self, PinError, Session};
use crate::facts::Depth;
use crate::plan::{Rule, Want};
use crate::report::which::rule_text;
use crate::sys::env::EnvSnapshot;
use std::path::{Path, PathBuf};

/// Not a version: usage (64). No go.mod, a go.work in use, a go.mod Go
/// refuses, a file that can't be read or written: failure (1).
pub(super) fn pin(env: EnvSnapshot, what: &str, toolchain: bool) -> Outcome {
    let (path, data, written) = if toolchain {
        match app::pin_toolchain(env.clone(), what)? {
            Ok(e) => (
                e.path,
                e.data,
                format!("toolchain {}", e.toolchain.as_str()),
            ),
            Err(e @ PinError::NotAVersion { .. }) => return Err(Error::usage(e)),
            Err(e) => return Err(Error::failed(e)),
        }
    } else {
        let v = app::pin_version(what).map_err(Error::usage)?;
        let p = env.cwd.join(".go-version");
        let old = read_text(&p)?;
        let text = crate::go::modfile::set_go_version_file(old.as_deref(), v.as_str());
        (p, text.into_bytes(), v.to_string())
    };
    let unchanged = std::fs::read(&path).is_ok_and(|b| b == data);
    if !unchanged {
        std::fs::write(&path, &data)
            .map_err(|e| Error::failed(format!("cannot write {}: {e}", path.display())))?;
    }
    let mut out = format!(
        "{} {written} in {}\n",
        if unchanged { "already" } else { "wrote" },
        path.display()
    );
    let s = Session::new(env, Depth::Hook)?;
    out.push_str(&selected(&s, &path, toolchain));
    write_out(out.as_bytes());
    Ok(())
}

/// An existing `.go-version`'s text (None when there is none).
fn read_text(p: &Path) -> Result<Option<String>, Error> {
    match std::fs::read(p) {
        Ok(b) => String::from_utf8(b)
            .map(Some)
            .map_err(|_| Error::failed(format!("{}: not UTF-8 text; left as is", p.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::failed(format!("cannot read {}: {e}", p.display()))),
    }
}

/// What the session selects, whether it is installed, and who decides
/// when it is not the file just written.
fn selected(s: &Session, written: &Path, toolchain: bool) -> String {
    let mut out = String::new();
    let tc = |t: &crate::facts::toolchain::Toolchain| match &t.version {
        Some(v) => format!("go{v} ({})", t.root.display()),
        None => t.root.display().to_string(),
    };
    let by = match &s.plan.request {
        Some(r) => match &r.file {
            Some(f) => format!("{} ({})", rule_text(r.rule), f.display()),
            None => rule_text(r.rule).to_string(),
        },
        None => rule_text(Rule::Default).to_string(),
    };
    match (&s.plan.toolchain, &s.plan.request) {
        (_, Some(r)) if s.plan.unsatisfied => {
            let want = match &r.want {
                Want::Version(v) => format!("go{v}"),
                Want::Root(p) => p.display().to_string(),
            };
            let instead = s
                .plan
                .toolchain
                .as_ref()
                .map_or("no Go at all".to_string(), |t| {
                    format!("the default {}", tc(t))
                });
            out.push_str(&format!(
                "{want}, asked by {by}, is not installed: until it is, {instead} is selected here\n"
            ));
            if let Want::Version(v) = &r.want {
                if crate::app::release_name(v.as_str()).is_ok() {
                    out.push_str(&format!("(`goenv-hook get {v}` downloads it)\n"));
                }
            }
        }
        (Some(t), r) => {
            out.push_str(&format!(
                "selected here now: {}, installed, by {by}\n",
                tc(t)
            ));
            if let Some(Want::Version(w)) = r.as_ref().map(|r| &r.want) {
                let release = w.names_patch() || w.is_prerelease();
                if release && t.version.as_ref().is_some_and(|v| v != w) {
                    out.push_str(&format!(
                        "(go{w} itself is not installed: this is the nearest installed match)\n"
                    ));
                }
            }
        }
        (None, _) => {
            out.push_str("no Go toolchain found (`goenv-hook doctor` says where it looked)\n")
        }
    }
    let decides: Option<PathBuf> = s.plan.request.as_ref().and_then(|r| r.file.clone());
    if decides.as_deref() != Some(written) {
        let file = if toolchain {
            "go.mod's toolchain line"
        } else {
            ".go-version"
        };
        out.push_str(&format!("note: {by} decides here, not {file}\n"));
    }
    out
}
