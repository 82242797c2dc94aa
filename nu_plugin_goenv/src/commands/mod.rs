//! The plugin's commands. Each module implements `SimplePluginCommand` only
//! (importing both command traits in one module makes method calls ambiguous).

mod activate;
mod deactivate;
mod doctor;
mod env;
mod prompt;
mod reports;
mod root;

pub use activate::Activate;
pub use deactivate::Deactivate;
pub use doctor::Doctor;
pub use env::Env;
pub use prompt::Prompt;
pub use reports::{Toolchains, Which};
pub use root::Goenv;

use crate::convert::CallerEnv;
use crate::GoenvPlugin;
use goenv_hook::app::Session;
use goenv_hook::facts::Depth;
use nu_plugin::{EngineInterface, EvaluatedCall, PluginCommand};
use nu_protocol::LabeledError;

pub fn all() -> Vec<Box<dyn PluginCommand<Plugin = GoenvPlugin>>> {
    vec![
        Box::new(Goenv),
        Box::new(Env),
        Box::new(Activate),
        Box::new(Deactivate),
        Box::new(Prompt),
        Box::new(Doctor),
        Box::new(Toolchains),
        Box::new(Which),
    ]
}

/// The caller's environment and its settings, held to what the command
/// knows (`goenv doctor`: the check ids).
pub(crate) fn settings(
    engine: &EngineInterface,
    call: &EvaluatedCall,
    known: goenv_hook::config::Known<'_>,
) -> Result<(CallerEnv, goenv_hook::config::Config), LabeledError> {
    let caller = CallerEnv::read(engine)?;
    let config = crate::settings::load_with(engine, call, &caller.snapshot, known)?;
    Ok((caller, config))
}

/// The caller's environment, its settings, and the core's view of them.
pub(crate) fn session(
    engine: &EngineInterface,
    call: &EvaluatedCall,
    depth: Depth,
) -> Result<(CallerEnv, Session), LabeledError> {
    session_with(engine, call, depth, goenv_hook::config::Known::default())
}

/// [`session`] with settings held to what a stricter command knows
/// (`goenv doctor`: the check ids).
pub(crate) fn session_with(
    engine: &EngineInterface,
    call: &EvaluatedCall,
    depth: Depth,
    known: goenv_hook::config::Known<'_>,
) -> Result<(CallerEnv, Session), LabeledError> {
    let caller = CallerEnv::read(engine)?;
    let config = crate::settings::load_with(engine, call, &caller.snapshot, known)?;
    let s = Session::with_config(caller.snapshot.clone(), config, depth);
    Ok((caller, s))
}
