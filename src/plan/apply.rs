//! The plan as operations: the environment it makes from the original one
//! (PATH composed, variables set, the state that records it), the
//! operations that turn the current environment into it, the view the
//! checks and the prompt judge for the hook, and `deactivate`'s undoing.

use super::Plan;
use crate::facts::state::{State, VarRecord, VAR as STATE_VAR};
use crate::facts::toolchain::GoHit;
use crate::facts::{Facts, GorootFacts, View};
use crate::shell::Op;
use crate::sys::env::EnvSnapshot;
use crate::sys::pathlist;
use std::ffi::{OsStr, OsString};

/// The environment after applying `plan` to the original environment, and
/// the state that records it.
pub fn target(facts: &Facts, plan: &Plan) -> (EnvSnapshot, State) {
    let (out, st, _) = target_with_path(facts, plan);
    (out, st)
}

/// [`target`], also giving the new PATH's entries.
fn target_with_path<'a>(
    facts: &'a Facts,
    plan: &'a Plan,
) -> (EnvSnapshot, State, Vec<&'a OsString>) {
    let p = facts.env.platform;
    let composed = pathlist::compose_refs(p, &facts.path, &plan.managed);
    // PATH is written anew (from the entries: splitting and joining give
    // the same bytes back), so the copy of the environment leaves it out.
    let mut out = facts.env.clone_without(&["PATH"]);
    if facts.env.get("PATH").is_some() || !composed.entries.is_empty() {
        out.set("PATH", p.join_list(&composed.entries));
    }
    let mut records: Vec<VarRecord> = Vec::new();
    for (name, v) in &plan.vars {
        let prev = facts.env.get(name).map(OsStr::to_os_string);
        match v {
            Some(v) => out.set(name, v.clone()),
            None => out.unset(name),
        }
        records.retain(|r| r.name != *name);
        if prev.as_ref() != v.as_ref() {
            records.push(VarRecord {
                name: name.clone(),
                prev,
                now: v.clone(),
            });
        }
    }
    let managed: Vec<OsString> = composed.entries[..composed.added.len()]
        .iter()
        .map(|e| (*e).clone())
        .collect();
    // What goenv-hook has added in this session: what it owned before,
    // and what it adds now (see `facts::state`).
    let mut owned: Vec<OsString> = facts
        .state
        .as_ref()
        .map(|s| s.owned.clone())
        .unwrap_or_default();
    for (m, added) in managed.iter().zip(&composed.added) {
        if *added && !owned.contains(m) {
            owned.push(m.clone());
        }
    }
    if owned.len() > crate::facts::state::MAX_OWNED {
        owned.drain(..owned.len() - crate::facts::state::MAX_OWNED);
    }
    let st = State {
        managed,
        added: composed.added,
        removed: composed
            .removed
            .into_iter()
            .map(|(i, e)| (i, e.clone()))
            .collect(),
        vars: records,
        owned,
    };
    if !st.is_empty() {
        out.set(STATE_VAR, st.encode());
    }
    (out, st, composed.entries)
}

/// The environment goenv-hook is about to make, as the checks and the
/// prompt judge it (for the hook's prompt segment): no filesystem is read;
/// the plan's toolchain is what its `bin` in front of PATH runs.
pub struct Applied {
    pub env: EnvSnapshot,
    pub hits: Vec<GoHit>,
    pub goroot: Option<GorootFacts>,
}

impl Applied {
    pub fn view(&self) -> View<'_> {
        View {
            env: &self.env,
            hits: &self.hits,
            goroot: self.goroot.as_ref(),
        }
    }
}

/// [`Applied`] for `plan`, given the environment it makes (from [`apply`]).
pub fn applied(facts: &Facts, plan: &Plan, env: EnvSnapshot) -> Applied {
    let p = facts.env.platform;
    let hits = match &plan.toolchain {
        Some(t) => {
            let bin = p.join(t.root.as_os_str(), "bin");
            vec![GoHit {
                path_index: plan
                    .managed
                    .iter()
                    .position(|m| p.path_eq(m, &bin))
                    .unwrap_or(0),
                dir: bin,
                path: t.go_bin.clone(),
                chain: vec![t.go_bin.clone()],
                resolved: Some(t.go_bin.clone()),
                toolchain: Some(t.clone()),
                shim: None,
                problem: None,
                loose: None,
            }]
        }
        None => facts.hits.clone(),
    };
    let goroot = match plan.vars.iter().rev().find(|(n, _)| n == "GOROOT") {
        Some((_, Some(v))) => Some(GorootFacts {
            setting: crate::go::settings::Setting {
                value: v.clone(),
                source: crate::go::settings::Source::Env,
                line: None,
                layer: crate::go::settings::Layer::Env,
            },
            is_dir: true,
            has_pkg_tool: true,
            toolchain: plan
                .toolchain
                .clone()
                .filter(|t| t.root.as_os_str() == v.as_os_str()),
        }),
        // Unset: what the `go env -w` file says, if anything.
        Some((_, None)) => facts
            .goroot
            .clone()
            .filter(|g| g.setting.source == crate::go::settings::Source::GoenvFile),
        None => facts.goroot.clone(),
    };
    Applied { env, hits, goroot }
}

/// Operations turning `from` into `to`, for the names that may differ.
pub fn diff(from: &EnvSnapshot, to: &EnvSnapshot, names: &[String]) -> Vec<Op> {
    diff_with_path(from, to, names, None)
}

/// [`diff`], given `to`'s PATH entries if already split.
fn diff_with_path(
    from: &EnvSnapshot,
    to: &EnvSnapshot,
    names: &[String],
    mut to_path: Option<Vec<&OsString>>,
) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for name in names {
        if seen.contains(&name.as_str()) {
            continue;
        }
        seen.push(name);
        let (a, b) = (from.get(name), to.get(name));
        if a == b {
            continue;
        }
        ops.push(match (name.as_str(), b) {
            ("PATH", Some(v)) => Op::SetPath {
                entries: match to_path.take() {
                    Some(e) => e.into_iter().cloned().collect(),
                    None => to.platform.split_list(v),
                },
            },
            (_, Some(v)) => Op::Set {
                name: name.clone(),
                value: v.to_os_string(),
            },
            (_, None) => Op::Unset { name: name.clone() },
        });
    }
    ops
}

fn touched_names(facts: &Facts, plan: &Plan) -> Vec<String> {
    let mut names = vec!["PATH".to_string()];
    names.extend(plan.vars.iter().map(|(n, _)| n.clone()));
    if let Some(s) = &facts.state {
        names.extend(s.vars.iter().map(|v| v.name.clone()));
    }
    names.push(STATE_VAR.to_string());
    names
}

/// The operations that make the current environment match the plan (empty
/// when nothing changed).
pub fn apply_ops(facts: &Facts, plan: &Plan) -> Vec<Op> {
    apply(facts, plan).0
}

/// [`apply_ops`], and the environment they make.
pub fn apply(facts: &Facts, plan: &Plan) -> (Vec<Op>, EnvSnapshot) {
    let (to, _, path) = target_with_path(facts, plan);
    let ops = diff_with_path(&facts.current, &to, &touched_names(facts, plan), Some(path));
    (ops, to)
}

/// The operations that restore the environment as it was before goenv-hook
/// (from the state recorded in `current`; none without state).
pub fn deactivate_ops(current: &EnvSnapshot) -> Vec<Op> {
    let Some(st) = State::from_env(current) else {
        return Vec::new();
    };
    let orig = st.unapply(current);
    let mut names = vec!["PATH".to_string()];
    names.extend(st.vars.iter().map(|v| v.name.clone()));
    names.push(STATE_VAR.to_string());
    diff(current, &orig, &names)
}

/// Applies operations to a snapshot (what a shell does when it evals them).
pub(crate) fn apply_to(env: &mut EnvSnapshot, ops: &[Op]) {
    for op in ops {
        match op {
            Op::Set { name, value } => env.set(name, value.clone()),
            Op::Unset { name } => env.unset(name),
            Op::SetPath { entries } => {
                let v = env.platform.join_list(entries);
                env.set("PATH", v)
            }
            Op::Warn { .. } | Op::Local { .. } => {}
        }
    }
}
