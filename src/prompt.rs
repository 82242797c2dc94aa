//! The prompt segment: the active Go and any mismatch, computed from the
//! facts and the plan (never by running `go`).
//!
//! Template placeholders (`--format`, config `prompt.format`):
//! `{version}` (1.22.12), `{go}` (go1.22.12, or `no go`), `{icon}` (`⚠ ` when
//! something is wrong, else empty), `{problems}` (` (go.mod wants 1.23)` when
//! something is wrong, else empty), `{wanted}` (the requested version, if any),
//! `{rule}` (which rule chose the toolchain), `{pin}` (` (pinned)` when
//! `goenv-hook use` pinned this shell, else empty). `{{`/`}}` are literal
//! braces. Default: `{icon}{go}{pin}{problems}`.

use crate::checks;
use crate::facts::View;
use crate::plan::Session;
use crate::plan::{Rule, Want};
use crate::shell::Shell;

pub(crate) const DEFAULT_FORMAT: &str = "{icon}{go}{pin}{problems}";
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
    /// `goenv-hook use` pinned this shell (the pin is met): the segment is
    /// shown everywhere, marked ` (pinned)` by the default template.
    pub pinned: bool,
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

/// The prompt's problems: the findings of the checks the prompt shows
/// ([`checks::Options::prompt`]), judged on `view`, each once (two checks
/// that would show the same text, such as a request nothing installed
/// meets and the switch `go` will make for it, are shown once).
pub fn problems(s: &Session, view: View<'_>) -> Vec<Problem> {
    let opts = checks::Options {
        prompt: true,
        ..Default::default()
    };
    let mut out: Vec<Problem> = Vec::new();
    for f in checks::run_view(s, &opts, view) {
        if !f.short.is_empty() && !out.iter().any(|p| p.short == f.short) {
            out.push(Problem {
                id: f.id,
                short: f.short,
            });
        }
    }
    out
}

/// The segment for the current environment (the `go` that runs now).
pub fn segment(s: &Session, format: Option<&str>) -> Segment {
    segment_of(s, format, View::now(&s.facts))
}

/// The segment for `view`: the hook passes the environment it is about to
/// make (`plan::Applied`), so `$GOENV_HOOK_PROMPT` describes the shell
/// after the hook.
pub(crate) fn segment_of(s: &Session, format: Option<&str>, view: View<'_>) -> Segment {
    let plan = &s.plan;
    let tc = view.running_go().and_then(|h| h.toolchain.as_ref());
    let version = tc.and_then(|t| t.version.as_ref()).map(|v| v.to_string());
    let wanted = plan.request.as_ref().map(|r| match &r.want {
        Want::Version(v) => v.to_string(),
        Want::Root(p) => p.display().to_string(),
    });
    let p = &s.facts.project;
    let in_project = p.go_file.is_some() || p.go_version_file.is_some();
    let problems = problems(s, view);
    let pinned = plan.rule == Rule::Override;
    let show =
        in_project || pinned || s.config.prompt_always || !problems.is_empty() && tc.is_some();
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
        pinned,
        problems,
        text,
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
                    "rule" => Some(crate::sys::ser::name(&rule)),
                    "pin" => Some(if rule == Rule::Override {
                        " (pinned)".to_string()
                    } else {
                        String::new()
                    }),
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
    let shell = match style {
        Style::Bash => Some(Shell::Bash),
        Style::Zsh => Some(Shell::Zsh),
        _ => None,
    };
    let text = match shell {
        Some(sh) => sh.prompt_text(&seg.text),
        None => seg.text.clone(),
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
    let wrap = |esc: &str| match shell {
        Some(sh) => sh.prompt_escape(esc),
        None => esc.to_string(),
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
        assert_eq!(
            render(
                DEFAULT_FORMAT,
                Some("1.22.12"),
                Some("1.22"),
                Rule::Override,
                &[]
            ),
            "go1.22.12 (pinned)"
        );
        assert_eq!(
            render("{go}{pin}", Some("1.22.12"), None, Rule::GoMod, &[]),
            "go1.22.12"
        );
    }
}

/// The prompt judged against doctor over many hand-built facts, and both
/// shown to read nothing but the facts.
#[cfg(test)]
mod agreement {
    use super::*;
    use crate::checks::testutil::*;
    use crate::checks::{self, Finding};
    use crate::facts::project::{Kind, ProjectFile};
    use crate::facts::Facts;
    use crate::go::modfile::Line;
    use crate::sys::env::EnvSnapshot;
    use crate::sys::platform::Platform;

    /// Doctor's findings of the prompt's checks, as the prompt shows them:
    /// each short text once, the first (most severe) finding's id.
    fn doctor_view(s: &Session) -> Vec<(&'static str, String)> {
        let mut out: Vec<(&'static str, String)> = Vec::new();
        for f in checks::run(s, &checks::Options::default()) {
            let prompt = checks::info(f.id).is_some_and(|c| c.prompt);
            if prompt && !out.iter().any(|(_, t)| *t == f.short) {
                assert!(!f.short.is_empty(), "{} has no prompt text", f.id);
                out.push((f.id, f.short));
            }
        }
        out
    }

    fn prompt_view(s: &Session) -> Vec<(&'static str, String)> {
        problems(s, View::now(&s.facts))
            .into_iter()
            .map(|p| (p.id, p.short))
            .collect()
    }

    fn line(v: Option<&str>, n: usize) -> Option<Line> {
        v.map(|v| Line {
            value: v.into(),
            line: n,
        })
    }

    #[test]
    fn prompt_ids_are_doctors_ids_over_generated_facts() {
        let t = Tree::new();
        let versions = ["1.19.8", "1.21.13", "1.22.12", "1.23.5"];
        for v in versions {
            t.toolchain(&format!("go{v}"), v, v != "1.19.8");
        }
        let roots: Vec<String> = versions.iter().map(|v| t.s(&format!("go{v}"))).collect();
        let (mut cases, mut grid) = (0, 0u32);
        for (i, v) in versions.iter().enumerate() {
            let path = t.s(&format!("go{v}/bin"));
            let base = facts(EnvSnapshot::from_pairs(
                &[("PATH", &path), ("HOME", "/h")],
                "/p",
                Platform::UNIX,
            ));
            for go in [
                None,
                Some("1.21"),
                Some("1.22.0"),
                Some("1.23.4"),
                Some("1.99.0"),
                Some("1.21rc1"),
                Some("banana"),
            ] {
                for tc in [
                    None,
                    Some("go1.23.5"),
                    Some("default"),
                    Some("go1.22.0"),
                    Some("go1.21.0+auto"),
                ] {
                    for gotc in [
                        None,
                        Some("local"),
                        Some("go1.23.5"),
                        Some("go1.21.0+auto"),
                        Some("go1.22.0+auto"),
                        Some("path"),
                    ] {
                        for goroot in [
                            None,
                            Some(roots[i].as_str()),
                            Some(roots[(i + 1) % 4].as_str()),
                            Some("/nonexistent"),
                            Some("rel"),
                        ] {
                            for gv in [None, Some("1.22"), Some("garbage")] {
                                for installed in [false, true] {
                                    // Under wine (the Windows unit tests) every
                                    // 11th case (11 shares no factor with the
                                    // grid's sides, so each value still comes);
                                    // each case costs ten times more there.
                                    grid += 1;
                                    if cfg!(windows) && grid % 11 != 0 {
                                        continue;
                                    }
                                    let mut f: Facts = base.clone();
                                    // Modules off, downloads off, or neither.
                                    let extra = [
                                        None,
                                        Some(("GO111MODULE", "off")),
                                        Some(("GOPROXY", "off")),
                                        Some(("GOSUMDB", "off")),
                                    ][cases % 4];
                                    if let Some((k, x)) = extra {
                                        f.current.set(k, x);
                                        f.env.set(k, x);
                                    }
                                    for (k, x) in [("GOTOOLCHAIN", gotc), ("GOROOT", goroot)] {
                                        if let Some(x) = x {
                                            f.current.set(k, x);
                                            f.env.set(k, x);
                                        }
                                    }
                                    if go.is_some() || tc.is_some() {
                                        f.project.go_file = Some(ProjectFile::go_file(
                                            Kind::GoMod,
                                            "/p/go.mod".into(),
                                            crate::facts::project::go_mod_text(go, tc).into_bytes(),
                                        ));
                                    }
                                    if let Some(gv) = gv {
                                        f.project.go_version_file = Some(ProjectFile {
                                            kind: Kind::GoVersionFile,
                                            path: "/p/.go-version".into(),
                                            go: line(Some(gv), 1),
                                            toolchain: None,
                                            data: Vec::new(),
                                        });
                                    }
                                    if installed {
                                        f.installs = roots
                                            .iter()
                                            .filter_map(|r| {
                                                crate::probe::toolchain::inspect_root(
                                                    r.as_ref(),
                                                    &f.env,
                                                )
                                            })
                                            .collect();
                                    }
                                    crate::probe::settle(&mut f);
                                    let s = session(f);
                                    assert_eq!(
                                        prompt_view(&s),
                                        doctor_view(&s),
                                        "go {v}, go line {go:?}, toolchain {tc:?}, GOTOOLCHAIN {gotc:?}, GOROOT {goroot:?}, .go-version {gv:?}, installs {installed}, {extra:?}"
                                    );
                                    cases += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(
            cases > if cfg!(windows) { 2_000 } else { 20_000 },
            "{cases}"
        );
    }

    fn findings_and_segment(s: &Session) -> (Vec<Finding>, Segment, Segment) {
        let opts = checks::Options::default();
        let applied = {
            let (_, to) = crate::plan::apply(&s.facts, &s.plan);
            crate::plan::applied(&s.facts, &s.plan, to)
        };
        (
            checks::run(s, &opts),
            segment(s, None),
            segment_of(s, None, applied.view()),
        )
    }

    #[test]
    fn checks_and_prompt_read_no_filesystem() {
        // Probe a tree with something for every kind of check, delete the
        // tree, and judge again from the same facts: the same answers.
        let t = Tree::new();
        t.toolchain("go1.22.12", "1.22.12", true);
        t.toolchain("go1.21.13", "1.21.13", true);
        t.file("p/go.mod", "module m\n\ngo 1.23.4\n");
        t.file(
            "p/.vscode/settings.json",
            &format!("{{\"go.goroot\": \"{}\"}}", t.s("go1.21.13")),
        );
        t.exe("loose/bin/go");
        let path = format!(
            "{}:{}:{}:{}",
            t.s("go1.22.12/bin"),
            t.s("nonexistent"),
            t.s("go1.21.13/bin"),
            t.s("loose/bin")
        );
        let env = EnvSnapshot::from_pairs(
            &[
                ("PATH", &path),
                ("HOME", &t.s("h")),
                ("GOROOT", &t.s("go1.21.13")),
                ("GOPATH", "rel"),
            ],
            &t.s("p"),
            Platform::UNIX,
        );
        let config = crate::config::Config::default();
        let opts = crate::probe::full::Options {
            roots: crate::probe::system::Roots {
                proc: t.p("proc"),
                sys: t.p("sys"),
            },
            ..Default::default()
        };
        let facts = crate::probe::probe_full(env, &config, &opts);
        let s = session(facts);
        let before = findings_and_segment(&s);
        assert!(before.0.len() > 3, "{:#?}", before.0);
        assert!(!before.1.problems.is_empty());
        drop(t);
        let after = findings_and_segment(&s);
        assert_eq!(before.0, after.0);
        assert_eq!(before.1.text, after.1.text);
        assert_eq!(before.2.text, after.2.text);
    }
}
