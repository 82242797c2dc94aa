//! Golden files for what PowerShell and cmd evaluate for `goenv-hook use`
//! and `goenv-hook deactivate` (no pwsh here; cmd runs under wine in
//! tests/e2e_switch_cmd.rs), with the tree-sitter PowerShell parse check on
//! the pwsh ones, and the values they set checked against the fixture.
//!
//! The fixture is e2e_switch's: the user's PATH finds `go` through a
//! symlink to /usr/lib/go-1.23/bin/go and has entries of its own, a stale
//! GOROOT is exported. The shell has evaluated init at HOME (`env json`
//! applied); `use 1.21` runs there; `deactivate` runs after that `use`
//! (its JSON form, `use 1.21 nu`, applied).
//! Regenerate with `GOENV_HOOK_BLESS=1 cargo test --test use_deactivate_golden`.

mod common;

use common::{exe, go_root, Sandbox};
use std::collections::BTreeMap;
use std::os::unix::ffi::OsStrExt;
use std::process::Command;

const STALE_GOROOT: &str = "/usr/lib/go-1.19";

struct Fx {
    sb: Sandbox,
    user_path: String,
}

type Env = BTreeMap<String, String>;

impl Fx {
    fn new() -> Fx {
        for m in ["1.19", "1.21", "1.23"] {
            go_root(m);
        }
        let sb = Sandbox::new();
        std::os::unix::fs::symlink("/usr/lib/go-1.23/bin/go", sb.path().join("bin/go")).unwrap();
        let user_path = format!("{}:/opt/u1:/usr/bin:/bin", sb.path().join("bin").display());
        Fx { sb, user_path }
    }

    /// The user's environment before init.
    fn user_env(&self) -> Env {
        let mut e: Env = self
            .sb
            .env(&self.user_path)
            .into_iter()
            .map(|(k, v)| (k.into_string().unwrap(), v.into_string().unwrap()))
            .collect();
        e.insert("GOPROXY".into(), "off".into());
        e.insert("GOROOT".into(), STALE_GOROOT.into());
        e
    }

    fn run(&self, env: &Env, args: &[&str]) -> Vec<u8> {
        let out = Command::new(exe())
            .args(args)
            .env_clear()
            .envs(env)
            .current_dir(self.sb.home())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "goenv-hook {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    /// `env` with the changes of a JSON output (`env json`, `use … nu`)
    /// applied, as a shell evaluating them would.
    fn apply_json(&self, env: &Env, args: &[&str]) -> Env {
        let out = self.run(env, args);
        let j: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let mut env = env.clone();
        common::apply_env_json(&mut env, &j);
        env
    }

    /// After init at HOME.
    fn after_init(&self) -> Env {
        self.apply_json(&self.user_env(), &["env", "json"])
    }

    /// The output with the sandbox's path replaced by `@SANDBOX@`.
    fn stable(&self, out: &[u8]) -> Vec<u8> {
        let from = self.sb.path().as_os_str().as_bytes();
        let mut r = Vec::with_capacity(out.len());
        let mut i = 0;
        while i < out.len() {
            if out[i..].starts_with(from) {
                r.extend_from_slice(b"@SANDBOX@");
                i += from.len();
            } else {
                r.push(out[i]);
                i += 1;
            }
        }
        assert!(
            !String::from_utf8_lossy(&r).contains("/tmp/"),
            "machine path left: {}",
            String::from_utf8_lossy(&r)
        );
        r
    }
}

/// The shared tree-sitter PowerShell check; an empty output would pass it
/// trivially, which is not what these commands print.
fn pwsh_parses(what: &str, src: &[u8]) {
    assert!(!src.is_empty(), "{what}: empty");
    common::pwsh_check(what, src);
}

/// The `NAME=value` pairs of cmd's `@set "NAME=value"` lines, in order.
fn cmd_sets(out: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(out)
        .lines()
        .filter_map(|l| l.strip_prefix("@set \"")?.strip_suffix('"'))
        .map(|nv| {
            let (n, v) = nv.split_once('=').unwrap();
            (n.to_string(), v.to_string())
        })
        .collect()
}

/// PowerShell's `Set-Item -LiteralPath 'Env:NAME' -Value 'value'` lines as
/// (NAME, value), and the names of `Remove-Item -LiteralPath 'Env:NAME'`.
fn pwsh_sets(out: &[u8]) -> (Vec<(String, String)>, Vec<String>) {
    let text = String::from_utf8_lossy(out);
    let mut sets = Vec::new();
    let mut removes = Vec::new();
    for l in text.lines() {
        if let Some(r) = l.strip_prefix("Set-Item -LiteralPath 'Env:") {
            let (n, v) = r.split_once("' -Value '").unwrap();
            sets.push((
                n.to_string(),
                v.strip_suffix('\'').unwrap().replace("''", "'"),
            ));
        } else if let Some(r) = l.strip_prefix("Remove-Item -LiteralPath 'Env:") {
            removes.push(r.split_once('\'').unwrap().0.to_string());
        }
    }
    (sets, removes)
}

/// What `use 1.21` must set: the pin, PATH with 1.21's bin in front of
/// the user's entries, and the state (which keeps the stale GOROOT it
/// removed at init, for deactivate).
fn check_use(what: &str, fx: &Fx, sets: &[(String, String)]) {
    let get = |n: &str| {
        sets.iter()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("{what}: {n} not set: {sets:?}"))
    };
    assert_eq!(get("GOENV_HOOK_GO"), "1.21", "{what}");
    let home_bin = fx.sb.home().join("go/bin");
    assert_eq!(
        get("PATH"),
        format!(
            "/usr/lib/go-1.21/bin:{}:{}",
            home_bin.display(),
            fx.user_path
        ),
        "{what}"
    );
    assert!(
        get("GOENV_HOOK_STATE").contains(&format!("GOROOT:={STALE_GOROOT}")),
        "{what}: {sets:?}"
    );
}

/// What `deactivate` must restore: the user's PATH and GOROOT; goenv-hook's
/// own variables go.
fn check_deactivate(what: &str, fx: &Fx, sets: &[(String, String)], removed: &[String]) {
    let set: BTreeMap<&str, &str> = sets.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        set.get("PATH"),
        Some(&fx.user_path.as_str()),
        "{what}: {sets:?}"
    );
    assert_eq!(set.get("GOROOT"), Some(&STALE_GOROOT), "{what}: {sets:?}");
    for n in ["GOENV_HOOK_STATE", "GOENV_HOOK_GO"] {
        assert!(
            removed.iter().any(|r| r == n),
            "{what}: {n} not removed: {removed:?}"
        );
    }
}

#[test]
fn pwsh_use_and_deactivate_are_golden_and_parse() {
    let fx = Fx::new();
    let init = fx.after_init();
    let out = fx.run(&init, &["use", "1.21", "pwsh"]);
    pwsh_parses("use 1.21 pwsh", &out);
    let (sets, removed) = pwsh_sets(&out);
    check_use("use 1.21 pwsh", &fx, &sets);
    assert!(removed.is_empty(), "{removed:?}");
    common::golden("use_pwsh.ps1", &fx.stable(&out));

    let used = fx.apply_json(&init, &["use", "1.21", "nu"]);
    let out = fx.run(&used, &["deactivate", "pwsh"]);
    pwsh_parses("deactivate pwsh", &out);
    let (sets, removed) = pwsh_sets(&out);
    check_deactivate("deactivate pwsh", &fx, &sets, &removed);
    assert!(
        String::from_utf8_lossy(&out).contains("function:global:prompt"),
        "deactivate pwsh puts the user's prompt function back"
    );
    common::golden("deactivate_pwsh.ps1", &fx.stable(&out));
}

#[test]
fn cmd_use_and_deactivate_are_golden() {
    let fx = Fx::new();
    let init = fx.after_init();
    let out = fx.run(&init, &["use", "1.21", "cmd"]);
    let sets = cmd_sets(&out);
    check_use("use 1.21 cmd", &fx, &sets);
    assert!(
        sets.iter().all(|(_, v)| !v.is_empty()),
        "use unsets nothing here: {sets:?}"
    );
    common::golden("use_cmd.cmd", &fx.stable(&out));

    let used = fx.apply_json(&init, &["use", "1.21", "nu"]);
    let out = fx.run(&used, &["deactivate", "cmd"]);
    // cmd removes a variable with an empty `set "NAME="`.
    let all = cmd_sets(&out);
    let removed: Vec<String> = all
        .iter()
        .filter(|(_, v)| v.is_empty())
        .map(|(k, _)| k.clone())
        .collect();
    check_deactivate("deactivate cmd", &fx, &all, &removed);
    assert!(
        String::from_utf8_lossy(&out).contains("@doskey cd="),
        "deactivate cmd removes the cd macro"
    );
    common::golden("deactivate_cmd.cmd", &fx.stable(&out));
}
