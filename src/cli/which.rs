//! `goenv-hook which` and `goenv-hook toolchains`.

use super::{json_pretty, write_out, Outcome};
use crate::app::Session;
use crate::facts::Depth;
use crate::report::which as report;
use crate::sys::env::EnvSnapshot;

pub(super) fn which(env: EnvSnapshot, json: bool) -> Outcome {
    let s = Session::new(env, Depth::Full)?;
    let w = report::which(&s);
    let text = if json {
        json_pretty(&w)?
    } else {
        report::which_text(&w)
    };
    write_out(text.as_bytes());
    Ok(())
}

pub(super) fn toolchains(env: EnvSnapshot, json: bool, names: bool) -> Outcome {
    let s = Session::new(env, Depth::Full)?;
    let w = report::which(&s);
    let list = report::toolchains(&s, &w);
    let text = if names {
        report::toolchains_names(&list)
    } else if json {
        json_pretty(&list)?
    } else {
        report::toolchains_text(&list)
    };
    write_out(text.as_bytes());
    Ok(())
}
