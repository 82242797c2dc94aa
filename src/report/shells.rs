//! `goenv-hook shells`: what each of the user's shells resolves when a new
//! terminal starts it, side by side, with the differences marked. The
//! values come from each shell's environment through the same facts and
//! lookups as `explain` (never by running `go`).

use crate::facts::explain::ExplainFacts;
use crate::facts::Facts;
use crate::go::settings;
use crate::shell::StartMode;
use crate::sys::platform::{lossy, path_lossy};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// What one environment resolves.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Resolved {
    /// The go a shell runs (the first usable one on PATH).
    pub go: Option<String>,
    /// Its version (from the binary's build information or the Go root's
    /// VERSION file).
    pub go_version: Option<String>,
    /// `go env GOROOT`, `GOPATH`, `GOBIN`, `GOTOOLCHAIN` for that go.
    pub goroot: Option<String>,
    pub gopath: Option<String>,
    pub gobin: Option<String>,
    pub gotoolchain: Option<String>,
    /// goenv-hook's init ran (its state variable, `GOENV_HOOK_STATE`, is
    /// exported).
    pub init: bool,
}

/// The values of one environment, from its facts.
pub fn resolved(facts: &Facts, x: &ExplainFacts) -> Resolved {
    let env = &facts.current;
    let go = super::explain::go_side(facts, x);
    let file_path = crate::go::envfile::location(env);
    let get = |k: &str| {
        settings::explain(k, env, facts.goenv_file.as_ref(), file_path.as_deref(), &go)
            .and_then(|e| e.value)
            .map(|v| lossy(&v))
    };
    let hit = facts.running_go();
    Resolved {
        go: hit.map(|h| path_lossy(&h.path)),
        go_version: go.version.map(|v| format!("go{v}")),
        goroot: get("GOROOT"),
        gopath: get("GOPATH"),
        gobin: get("GOBIN"),
        gotoolchain: get("GOTOOLCHAIN"),
        init: env.get(crate::facts::state::VAR).is_some(),
    }
}

/// How a start ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The shell printed its environment.
    Ok,
    /// Killed at the timeout (with everything it started).
    Timeout,
    /// It exited, or could not be started, before printing its environment.
    Failed,
}

/// One shell started one way.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// The program's name (bash, zsh, fish, dash, nu, pwsh, powershell, cmd).
    pub shell: String,
    /// Where it was found.
    pub program: String,
    pub mode: StartMode,
    pub status: Status,
    /// What went wrong (and the last lines of the shell's stderr).
    pub error: Option<String>,
    /// The last lines the start printed on stderr (the shells' notes that
    /// there is no terminal left out), when it printed its environment.
    pub stderr: Option<String>,
    /// How long the start took, in seconds.
    pub(crate) seconds: f64,
    /// The values (None unless `status` is ok).
    #[serde(flatten)]
    pub values: Option<Resolved>,
}

/// The whole report.
#[derive(Clone, Debug, Serialize)]
pub struct Shells {
    /// Where the shells were started.
    pub dir: String,
    /// Why there (when not the home directory).
    pub dir_note: Option<String>,
    /// The environment every shell started with.
    pub environment: BTreeMap<String, String>,
    /// Where its PATH came from.
    pub(crate) path_from: String,
    pub(crate) timeout_seconds: u64,
    pub shells: Vec<Row>,
    /// Shells looked for on PATH and not found.
    pub(crate) not_installed: Vec<String>,
    /// The columns whose values differ between the shells that started.
    pub differences: Vec<&'static str>,
}

/// The columns compared, as the JSON and the table name them.
pub(crate) const COLUMNS: [&str; 7] = [
    "go",
    "version",
    "GOROOT",
    "GOPATH",
    "GOBIN",
    "GOTOOLCHAIN",
    "init",
];

fn cell(r: &Resolved, col: &str) -> String {
    let v = match col {
        "go" => r.go.clone(),
        "version" => r.go_version.clone(),
        "GOROOT" => r.goroot.clone(),
        "GOPATH" => r.gopath.clone(),
        "GOBIN" => r.gobin.clone(),
        "GOTOOLCHAIN" => r.gotoolchain.clone(),
        "init" => Some(if r.init { "yes" } else { "no" }.to_string()),
        _ => None,
    };
    match v {
        None if col == "go" => "none".into(),
        None => "?".into(),
        Some(s) if s.is_empty() => "-".into(),
        Some(s) => s,
    }
}

/// The columns whose values are not the same in every row that started.
pub fn differences(rows: &[Row]) -> Vec<&'static str> {
    COLUMNS
        .into_iter()
        .filter(|c| {
            let mut vals = rows
                .iter()
                .filter_map(|r| r.values.as_ref())
                .map(|v| cell(v, c));
            match vals.next() {
                Some(first) => vals.any(|v| v != first),
                None => false,
            }
        })
        .collect()
}

/// The most common value of a column (ties: the first seen).
fn majority(rows: &[Row], col: &str) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for v in rows.iter().filter_map(|r| r.values.as_ref()) {
        let c = cell(v, col);
        match counts.iter_mut().find(|(x, _)| *x == c) {
            Some(e) => e.1 += 1,
            None => counts.push((c, 1)),
        }
    }
    let max = counts.iter().map(|c| c.1).max()?;
    counts.into_iter().find(|c| c.1 == max).map(|c| c.0)
}

/// The table: one row per start; in a column whose values differ, the
/// values unlike the most common one are marked `!`.
pub fn text(s: &Shells) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Each shell started as a new terminal would, in {} ({}PATH from {}; timeout {} s):",
        s.dir,
        s.dir_note
            .as_ref()
            .map(|n| format!("{n}; "))
            .unwrap_or_default(),
        s.path_from,
        s.timeout_seconds
    );
    o.push('\n');
    let mut header: Vec<String> = vec!["shell".into(), "start".into()];
    header.extend(COLUMNS.iter().map(|c| c.to_string()));
    let majorities: Vec<Option<String>> = COLUMNS
        .iter()
        .map(|c| {
            s.differences
                .contains(c)
                .then(|| majority(&s.shells, c))
                .flatten()
        })
        .collect();
    let mut table: Vec<Vec<String>> = vec![header];
    let mut failures: Vec<(usize, String)> = Vec::new();
    for r in &s.shells {
        let mut line = vec![r.shell.clone(), r.mode.name().to_string()];
        match &r.values {
            Some(v) => {
                for (i, c) in COLUMNS.iter().enumerate() {
                    let x = cell(v, c);
                    let mark = majorities[i].as_ref().is_some_and(|m| *m != x);
                    line.push(if mark { format!("!{x}") } else { x });
                }
            }
            None => {
                let what = match r.status {
                    Status::Timeout => "timed out".to_string(),
                    _ => "failed".to_string(),
                };
                failures.push((table.len(), r.error.clone().unwrap_or_default()));
                line.push(what);
            }
        }
        table.push(line);
    }
    let cols = COLUMNS.len() + 2;
    let widths: Vec<usize> = (0..cols)
        .map(|i| {
            table
                .iter()
                .filter(|l| l.len() == cols)
                .map(|l| l[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for l in &table {
        let mut line = String::new();
        for (i, c) in l.iter().enumerate() {
            if i + 1 == l.len() {
                line.push_str(c);
            } else {
                let _ = write!(line, "{c:<w$}  ", w = widths[i]);
            }
        }
        let _ = writeln!(o, "{}", line.trim_end());
    }
    o.push_str("(! unlike most shells, - empty, ? unknown without a go)\n\n");
    for (_, e) in &failures {
        let _ = writeln!(o, "{e}");
    }
    if s.differences.is_empty() {
        if s.shells.iter().any(|r| r.values.is_some()) {
            o.push_str("Every shell that started resolves the same Go.\n");
        }
    } else {
        let _ = writeln!(o, "Differ: {}.", s.differences.join(", "));
    }
    if !s.not_installed.is_empty() {
        let _ = writeln!(o, "Not installed: {}.", s.not_installed.join(", "));
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(shell: &str, go: Option<&str>) -> Row {
        Row {
            shell: shell.into(),
            program: format!("/bin/{shell}"),
            mode: StartMode::Login,
            status: if go.is_some() {
                Status::Ok
            } else {
                Status::Timeout
            },
            error: go
                .is_none()
                .then(|| format!("{shell} login: killed after 1 s")),
            stderr: None,
            seconds: 0.1,
            values: go.map(|g| Resolved {
                go: Some(g.into()),
                go_version: Some("go1.22.12".into()),
                init: false,
                ..Default::default()
            }),
        }
    }

    #[test]
    fn differences_and_marks() {
        let rows = vec![
            row("bash", Some("/a/go")),
            row("zsh", Some("/a/go")),
            row("fish", Some("/b/go")),
            row("nu", None),
        ];
        assert_eq!(differences(&rows), ["go"]);
        let s = Shells {
            dir: "/h".into(),
            dir_note: None,
            environment: BTreeMap::new(),
            path_from: "/etc/login.defs ENV_PATH".into(),
            timeout_seconds: 1,
            shells: rows,
            not_installed: vec!["pwsh".into()],
            differences: vec!["go"],
        };
        let t = text(&s);
        assert!(t.contains("!/b/go"), "{t}");
        assert!(!t.contains("!/a/go"), "{t}");
        assert!(t.contains("timed out"), "{t}");
        assert!(t.contains("nu login: killed after 1 s"), "{t}");
        assert!(t.contains("Differ: go."), "{t}");
        assert!(t.contains("Not installed: pwsh."), "{t}");
    }
}
