//! The prompt segment: the active Go and any mismatch, computed from the
//! facts and the plan (never by running `go`).
//!
//! Template placeholders (`--format`, config `prompt.format`):
//! `{version}` (1.22.12), `{go}` (go1.22.12, or `no go`), `{icon}` (`⚠ ` when
//! something is wrong, else empty), `{problems}` (` (go.mod wants 1.23)` when
//! something is wrong, else empty), `{wanted}` (the requested version, if any),
//! `{rule}` (which rule chose the toolchain). `{{`/`}}` are literal braces.
//! Default: `{icon}{go}{problems}`.

use crate::app::Session;
use crate::plan::{Rule, Want};
use crate::probe::same_dir;
use crate::version::GoVersion;
use std::path::Path;

pub const DEFAULT_FORMAT: &str = "{icon}{go}{problems}";
pub const VAR: &str = "GOENV_HOOK_PROMPT";

/// A problem worth showing at the prompt: the check id and a short text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub id: &'static str,
    pub short: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Segment {
    /// Active version (None: no Go, or unknown version).
    pub version: Option<String>,
    pub rule: Rule,
    pub wanted: Option<String>,
    pub in_project: bool,
    pub problems: Vec<Problem>,
    /// The rendered text (plain, no escapes).
    pub text: String,
}

/// How to wrap non-printing sequences (colour) for the shell's prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// No colour at all.
    Plain,
    /// ANSI colour, unwrapped (fish, PowerShell, Nushell, starship).
    Ansi,
    /// bash: `\001…\002` around escapes (what `\[ \]` become; the only form
    /// that works in command-substitution output and variables).
    Bash,
    /// zsh: `%{…%}` around escapes, and `%` in text doubled.
    Zsh,
}

fn file_label(rule: Rule, file: Option<&Path>) -> String {
    match rule {
        Rule::Override => "GOENV_HOOK_GO".to_string(),
        Rule::Config => "config".to_string(),
        _ => file
            .and_then(|f| f.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "project".into()),
    }
}

/// The cheap checks the prompt runs, for toolchain `t` (the one the shell
/// will run) and the GOROOT the shell will have.
fn problems_for(
    s: &Session,
    t: Option<&crate::toolchain::Toolchain>,
    goroot: Option<std::ffi::OsString>,
) -> Vec<Problem> {
    let mut out = Vec::new();
    let plan = &s.plan;
    let Some(t) = t else {
        out.push(Problem {
            id: "go-not-found",
            short: "no go".into(),
        });
        return out;
    };
    let selected = plan
        .toolchain
        .as_ref()
        .is_some_and(|p| same_dir(&p.root, &t.root));
    if let Some(req) = &plan.request {
        let label = file_label(req.rule, req.file.as_deref());
        let want = match &req.want {
            Want::Version(v) => v.to_string(),
            Want::Root(r) => r.display().to_string(),
        };
        // Where goenv-hook is not active, the running go may differ from the
        // selection: only a go that does not meet the request is flagged
        // (go.mod and go.work lines are minimums; other requests name a
        // release line).
        let meets = match (&req.want, &t.version) {
            (Want::Version(w), Some(v)) => match req.rule {
                Rule::GoMod | Rule::GoWork => v >= w,
                _ => v.major == w.major && v.minor == w.minor && v >= w,
            },
            _ => false,
        };
        if plan.unsatisfied || (!selected && !meets) {
            out.push(Problem {
                id: "project-toolchain-not-installed",
                short: format!("{label} wants {want}"),
            });
        }
    }
    // A project file newer than the toolchain that runs (a pin, or a shell
    // where goenv-hook is not active).
    if let (Some(v), Some(f)) = (&t.version, &s.facts.project.go_file) {
        if let Some((need, _)) = crate::plan::go_file_want(f) {
            let shown = out.iter().any(|p| {
                p.id == "project-toolchain-not-installed" && p.short.contains(&need.to_string())
            });
            if *v < need && !shown {
                out.push(Problem {
                    id: "version-vs-gomod",
                    short: format!("{} wants {need}", file_label(Rule::GoMod, Some(&f.path))),
                });
            }
        }
        // An old toolchain that can't even parse the go line.
        if v.major == 1 && v.minor < 21 {
            if let Some(l) = &f.go {
                if GoVersion::parse(&l.value)
                    .is_some_and(|g| g.patch.is_some() || g.pre != crate::version::Pre::None)
                {
                    out.push(Problem {
                        id: "gomod-too-new-for-old-go",
                        short: format!("{} needs go ≥1.21", file_label(Rule::GoMod, Some(&f.path))),
                    });
                }
            }
        }
    }
    if let Some(f) = &s.facts.project.go_version_file {
        if f.go
            .as_ref()
            .is_none_or(|l| crate::plan::parse_request_version(&l.value).is_none())
        {
            out.push(Problem {
                id: "go-version-file-invalid",
                short: ".go-version: not a version".into(),
            });
        }
    }
    if let Some(g) = goroot {
        if !g.is_empty() && !same_dir(Path::new(&g), &t.root) {
            // A GOROOT that is no toolchain at all (missing, relative, no
            // pkg/tool) is doctor's goroot-invalid; any other tree is
            // flagged as goroot-mismatch (versions are not compared here).
            let p = Path::new(&g);
            let id = if p.is_absolute() && p.join("pkg").join("tool").is_dir() {
                "goroot-mismatch"
            } else {
                "goroot-invalid"
            };
            out.push(Problem {
                id,
                short: "GOROOT≠go".into(),
            });
        }
    }
    out
}

/// The segment. `applied`: describe the environment after goenv-hook
/// applies its plan (the hook, and any shell where it is active); otherwise
/// the shell as it is (the `go` that runs now), flagged against the plan.
pub fn segment(s: &Session, format: Option<&str>, applied: bool) -> Segment {
    let plan = &s.plan;
    let (tc, goroot) = if applied {
        let goroot_after = plan
            .vars
            .iter()
            .rev()
            .find(|(n, _)| n == "GOROOT")
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| s.facts.env.get_nonempty("GOROOT").map(|g| g.to_os_string()));
        (plan.toolchain.clone(), goroot_after)
    } else {
        let running = crate::toolchain::active(&s.facts.hits).and_then(|h| h.toolchain.clone());
        (
            running,
            s.facts
                .current
                .get_nonempty("GOROOT")
                .map(|g| g.to_os_string()),
        )
    };
    let version = tc
        .as_ref()
        .and_then(|t| t.version.as_ref())
        .map(|v| v.to_string());
    let wanted = plan.request.as_ref().map(|r| match &r.want {
        Want::Version(v) => v.to_string(),
        Want::Root(p) => p.display().to_string(),
    });
    let p = &s.facts.project;
    let in_project = p.go_file.is_some() || p.go_version_file.is_some();
    let problems = problems_for(s, tc.as_ref(), goroot);
    let show = in_project || s.config.prompt_always || !problems.is_empty() && tc.is_some();
    let fmt = format
        .map(str::to_string)
        .or_else(|| s.config.prompt_format.clone())
        .unwrap_or_else(|| DEFAULT_FORMAT.to_string());
    let text = if show {
        render(
            &fmt,
            version.as_deref(),
            wanted.as_deref(),
            plan.rule,
            &problems,
        )
    } else {
        String::new()
    };
    Segment {
        version,
        rule: plan.rule,
        wanted,
        in_project,
        problems,
        text,
    }
}

fn rule_name(r: Rule) -> &'static str {
    match r {
        Rule::Override => "override",
        Rule::GoVersionFile => "go-version-file",
        Rule::GoWork => "go-work",
        Rule::GoMod => "go-mod",
        Rule::Config => "config",
        Rule::Default => "default",
    }
}

/// Expands a template. Unknown placeholders are kept literally.
pub fn render(
    fmt: &str,
    version: Option<&str>,
    wanted: Option<&str>,
    rule: Rule,
    problems: &[Problem],
) -> String {
    let mut out = String::new();
    let mut rest = fmt;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let r = &rest[i..];
        if r.starts_with("{{") || r.starts_with("}}") {
            out.push_str(&r[..1]);
            rest = &r[2..];
            continue;
        }
        if r.starts_with('{') {
            if let Some(end) = r.find('}') {
                let key = &r[1..end];
                let val = match key {
                    "version" => Some(version.unwrap_or("?").to_string()),
                    "go" => Some(
                        version
                            .map(|v| format!("go{v}"))
                            .unwrap_or_else(|| "no go".into()),
                    ),
                    "icon" => Some(if problems.is_empty() {
                        String::new()
                    } else {
                        "⚠ ".into()
                    }),
                    "problems" => Some(if problems.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " ({})",
                            problems
                                .iter()
                                .map(|p| p.short.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    }),
                    "wanted" => Some(wanted.unwrap_or("").to_string()),
                    "rule" => Some(rule_name(rule).to_string()),
                    _ => None,
                };
                if let Some(v) = val {
                    out.push_str(&v);
                    rest = &r[end + 1..];
                    continue;
                }
            }
        }
        out.push_str(&r[..1]);
        rest = &r[1..];
    }
    out.push_str(rest);
    // A "no go" segment should not read "⚠ no go (no go)".
    out.replace("no go (no go)", "no go")
}

/// The segment text styled for a shell's prompt: yellow when something is
/// wrong, with non-printing sequences wrapped as the shell needs.
pub fn styled(seg: &Segment, style: Style) -> String {
    let text = match style {
        Style::Zsh => seg.text.replace('%', "%%"),
        _ => seg.text.clone(),
    };
    if text.is_empty() || style == Style::Plain {
        return text;
    }
    let color = if seg.problems.is_empty() {
        "\x1b[36m"
    } else {
        "\x1b[33m"
    };
    let reset = "\x1b[0m";
    let wrap = |esc: &str| match style {
        Style::Bash => format!("\x01{esc}\x02"),
        Style::Zsh => format!("%{{{esc}%}}"),
        _ => esc.to_string(),
    };
    format!("{}{text}{}", wrap(color), wrap(reset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_expansion() {
        let p = vec![Problem {
            id: "project-toolchain-not-installed",
            short: "go.mod wants 1.23".into(),
        }];
        assert_eq!(
            render(DEFAULT_FORMAT, Some("1.22.12"), None, Rule::Default, &[]),
            "go1.22.12"
        );
        assert_eq!(
            render(
                DEFAULT_FORMAT,
                Some("1.21.13"),
                Some("1.23"),
                Rule::GoMod,
                &p
            ),
            "⚠ go1.21.13 (go.mod wants 1.23)"
        );
        assert_eq!(
            render("{{go}} {rule} {nope}", Some("1.2"), None, Rule::GoMod, &[]),
            "{go} go-mod {nope}"
        );
        let none = vec![Problem {
            id: "go-not-found",
            short: "no go".into(),
        }];
        assert_eq!(
            render(DEFAULT_FORMAT, None, None, Rule::Default, &none),
            "⚠ no go"
        );
        assert_eq!(render("{", None, None, Rule::Default, &[]), "{");
    }
}
