//! `gotoolchain-pin-stale`: GOTOOLCHAIN set (in the environment or the `go
//! env -w` file) to a toolchain older than the `go` that runs or the newest
//! one installed. Go runs that toolchain for every command (`go1.X.Y`), or
//! takes it as its default even when the local go is newer (`go1.X.Y+auto`,
//! `+path`): an upgrade never takes effect.

use super::*;

pub(super) fn gotoolchain_pin_stale(cx: &Ctx, out: &mut Vec<Finding>) {
    let Some(s) = cx.setting("GOTOOLCHAIN") else {
        return;
    };
    let value = lossy(&s.value);
    let (name, suffix) = match value.split_once('+') {
        Some((n, sfx)) => (n, Some(sfx)),
        None => (value.as_str(), None),
    };
    if !matches!(suffix, None | Some("auto") | Some("path")) {
        return; // gotoolchain-invalid
    }
    let Some(pinned) = GoVersion::from_toolchain(name) else {
        return;
    };
    // Go reads GOTOOLCHAIN from 1.21 on.
    let Some(active) = cx.active_version().filter(|v| v.at_least("1.21")) else {
        return;
    };
    let newest = crate::plan::candidates(cx.facts)
        .into_iter()
        .filter_map(|t| t.version.as_ref())
        .max();
    let (newer, what) = match newest {
        Some(n) if n > active => (n, format!("the newest installed Go ({})", gov(n))),
        _ => (active, format!("the active go ({})", gov(active))),
    };
    if *newer <= pinned {
        return;
    }
    let how = match suffix {
        None => format!("every go command runs {name} (downloading it if needed)"),
        Some(m) => format!(
            "go takes {name} as its default toolchain even though it is older ({name}+{m}), so every go command outside a project that asks for more runs {name}"
        ),
    };
    let where_ = match s.source {
        VarSource::GoenvFile => "the go env -w file",
        _ => "the environment",
    };
    out.push(finding(
        "gotoolchain-pin-stale",
        format!("GOTOOLCHAIN={value} ({where_}) pins {name}, older than {what}: {how}"),
        format!(
            "{}   (go then runs the go on PATH and switches only when a project asks; or pin the newer one: {})",
            cx.unset_fix("GOTOOLCHAIN", &s),
            cx.set_fix("GOTOOLCHAIN", &gov(newer), Some(&s))
        ),
        cx.ev("GOTOOLCHAIN", &s),
    ));
}
