//! `goenv-hook doctor`: run the checks, filter ignored ids, render as text
//! or JSON, and compute the exit code.
//!
//! # JSON output (`--json`), version 1
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {"id": "goroot-mismatch", "severity": "error", "class": "env",
//!      "message": "GOROOT=/usr/lib/go-1.21 is go1.21.13 but the active go (/usr/lib/go-1.22/bin/go) is go1.22.12: …",
//!      "fix": "unset GOROOT  # and remove it from your shell's start-up files",
//!      "evidence": [{"kind": "var", "name": "GOROOT", "value": "/usr/lib/go-1.21", "source": "env"},
//!                   {"kind": "binary", "path": "/usr/lib/go-1.22/bin/go", "version": "1.22.12"}]}
//!   ],
//!   "summary": {"errors": 1, "warnings": 0, "infos": 0},
//!   "exit_code": 1
//! }
//! ```
//! - `findings` are sorted: errors, then warnings, then infos; within a
//!   severity in catalogue order (docs/checks.md). Ignored ids are absent.
//! - Each finding: `id` (stable kebab-case, see [`crate::checks::IDS`]),
//!   `severity` (`error`|`warn`|`info`), `class` (`toolchain`|`env`|`project`),
//!   `message` (one line, concrete paths and versions), `fix` (paste-able
//!   command or instruction; may be `""`), `evidence` (list of objects
//!   tagged by `kind`: `var` {name, value, source: env|goenv-file|default},
//!   `file` {path, line|null}, `path-entry` {index (0-based), entry},
//!   `binary` {path, version|null}, `mount` {path, mount_point, fstype},
//!   `note` {text}).
//! - `exit_code` is the process exit code: 0 no error; 2 toolchain, 1 env,
//!   3 project (the first of 2, 1, 3 when several classes have errors);
//!   with `--strict` warnings count like errors of their class. (64 = usage
//!   error and 78 = invalid config are produced by main before any check
//!   runs; no JSON is printed then.)
//! - `startup` (added within version 1): the shell start-up analysis, or
//!   `null` when the shell is unknown (no `$SHELL`, no `--shell`):
//!   `{"shell", "supported", "recommended": path|null, "modes": [{"mode":
//!   "login"|"interactive"|"all", "label", "files": [{"path", "exists",
//!   "read", "init_lines": [1-based], "sourced_from": {path, line}|null,
//!   "shadowed_by": path|null}], "init_reached", "recommended", "advice"}]}`
//!   (see [`StartupSection`]).
//! - New fields and evidence kinds may be added; existing ones keep their
//!   meaning; `version` changes only on an incompatible change.

use crate::checks::startup;
use crate::checks::{self, Finding, Options, Severity};
use crate::config::Config;
use crate::facts::startup::StartupReport;
use crate::plan::Session;
use crate::shell::Shell;
use serde::Serialize;
use std::fmt;

/// Options of the `doctor` command.
#[derive(Clone, Debug, Default)]
pub struct DoctorOptions {
    /// `--ignore ID` (repeatable).
    pub ignore: Vec<String>,
    /// `--strict`: warnings fail too.
    pub strict: bool,
    /// Options passed to the checks (fix syntax shell; cheap_only false).
    pub checks: Options,
}

/// Unknown ids in an ignore list. main exits 64 for `--ignore`
/// (`from_config == false`) and 78 for the config's `[doctor] ignore`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IgnoreError {
    pub from_config: bool,
    pub unknown: Vec<String>,
}

impl fmt::Display for IgnoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = if self.unknown.len() == 1 { "" } else { "s" };
        write!(
            f,
            "unknown check id{s} {} in {}; valid ids: {}",
            self.unknown
                .iter()
                .map(|u| format!("'{u}'"))
                .collect::<Vec<_>>()
                .join(", "),
            if self.from_config {
                "the config's [doctor] ignore"
            } else {
                "--ignore"
            },
            checks::IDS.join(", ")
        )
    }
}

impl std::error::Error for IgnoreError {}

/// Validates both ignore lists (command line first).
pub fn validate_ignore(ignore: &[String], config: &Config) -> Result<(), IgnoreError> {
    let u = checks::unknown_ids(ignore);
    if !u.is_empty() {
        return Err(IgnoreError {
            from_config: false,
            unknown: u.into_iter().map(String::from).collect(),
        });
    }
    let u = checks::unknown_ids(&config.doctor_ignore);
    if !u.is_empty() {
        return Err(IgnoreError {
            from_config: true,
            unknown: u.into_iter().map(String::from).collect(),
        });
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

pub fn summary(findings: &[Finding]) -> Summary {
    let n = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    Summary {
        errors: n(Severity::Error),
        warnings: n(Severity::Warn),
        infos: n(Severity::Info),
    }
}

/// The result of a doctor run.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    pub version: u32,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    pub exit_code: i32,
    /// The shell start-up analysis ([`startup_section`]); None when the
    /// shell is unknown. [`run`] leaves it None: the caller fills it from
    /// `Extra::startup` (main does).
    pub startup: Option<StartupSection>,
}

/// The start-up analysis of one shell, as `doctor` shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StartupSection {
    pub shell: Shell,
    /// False for shells whose start-up can't be analysed (cmd: AutoRun
    /// lives in the registry); `modes` is then empty.
    pub supported: bool,
    /// The one file the init line belongs in (None when unsupported).
    pub recommended: Option<String>,
    pub modes: Vec<StartupMode>,
    /// The shell doctor runs in, when it is this shell: "bash, a login
    /// shell started by tmux" (added within version 1).
    pub here: Option<String>,
    /// HOME, to show paths under it as `~/…` in text.
    #[serde(skip)]
    pub home: Option<std::path::PathBuf>,
}

/// One way the shell starts and the files it reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StartupMode {
    /// `login`, `interactive` (not login) or `all` (see [`startup::Trace`]).
    pub mode: &'static str,
    pub label: String,
    /// Every file looked for, in reading order.
    pub files: Vec<StartupModeFile>,
    /// How many init lines this kind of start reaches (1 is right).
    pub init_reached: usize,
    /// Where the init line belongs for this kind of start.
    pub recommended: String,
    /// Whether it runs the init line, and what to change.
    pub advice: String,
    /// The kind of start of the shell doctor runs in (added within
    /// version 1).
    pub this_shell: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StartupModeFile {
    pub path: String,
    pub exists: bool,
    pub read: bool,
    /// 1-based lines holding the init line.
    pub init_lines: Vec<usize>,
    /// The file and line sourcing this one; None when the shell reads it
    /// itself.
    pub sourced_from: Option<SourcedFrom>,
    /// Not read because this earlier alternative exists.
    pub shadowed_by: Option<String>,
    /// Nesting depth of sourcing (text indentation only).
    #[serde(skip)]
    pub depth: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourcedFrom {
    pub path: String,
    pub line: usize,
}

fn path_string(p: &std::path::Path) -> String {
    p.to_string_lossy().into_owned()
}

/// The doctor's view of a start-up report (text and JSON).
pub(crate) fn startup_section(r: &StartupReport) -> StartupSection {
    StartupSection {
        shell: r.shell,
        supported: r.supported,
        recommended: r.supported.then(|| path_string(&r.recommended)),
        modes: r
            .traces
            .iter()
            .map(|t| StartupMode {
                mode: t.mode,
                label: t.label.clone(),
                files: t
                    .entries
                    .iter()
                    .map(|e| StartupModeFile {
                        path: path_string(&e.path),
                        exists: e.exists,
                        read: e.read,
                        init_lines: if e.read {
                            e.init_lines.clone()
                        } else {
                            Vec::new()
                        },
                        sourced_from: e.sourced_from.as_ref().map(|(p, l)| SourcedFrom {
                            path: path_string(p),
                            line: *l,
                        }),
                        shadowed_by: e.shadowed_by.as_deref().map(path_string),
                        depth: e.depth,
                    })
                    .collect(),
                init_reached: startup::reached(t).len(),
                recommended: path_string(&t.recommended),
                advice: startup::trace_advice(r, t),
                this_shell: r.here.as_ref().is_some_and(|h| h.mode() == t.mode),
            })
            .collect(),
        here: r.here.as_ref().map(|h| h.describe()),
        home: r.home.clone(),
    }
}

/// Runs the doctor over a session probed at the full depth: validates
/// ignore lists, runs all checks, filters, computes the exit code, and
/// adds the start-up section.
pub fn run(s: &Session, opts: &DoctorOptions) -> Result<Outcome, IgnoreError> {
    validate_ignore(&opts.ignore, &s.config)?;
    let all = checks::run(s, &opts.checks);
    let findings = checks::filter_ignored(all, &opts.ignore, &s.config);
    let mut o = outcome(findings, opts.strict);
    o.startup = s.facts.full.startup.as_ref().map(startup_section);
    Ok(o)
}

pub fn outcome(findings: Vec<Finding>, strict: bool) -> Outcome {
    Outcome {
        version: 1,
        summary: summary(&findings),
        exit_code: checks::exit_code(&findings, strict),
        findings,
        startup: None,
    }
}

/// The JSON document (see the module docs), with a trailing newline.
pub fn render_json(o: &Outcome) -> String {
    let mut s = serde_json::to_string_pretty(o).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `2 errors, 1 warning, 0 infos`.
pub(crate) fn summary_line(s: &Summary) -> String {
    format!(
        "{}, {}, {}",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos")
    )
}

struct Paint {
    on: bool,
}

impl Paint {
    fn w(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

fn evidence_text(e: &checks::Evidence) -> String {
    use checks::Evidence as E;
    match e {
        E::Var {
            name,
            value,
            source,
        } => {
            let src = match source {
                checks::VarSource::Env => "environment",
                checks::VarSource::GoenvFile => "go env -w file",
                checks::VarSource::Default => "default",
            };
            format!("{name}={value} ({src})")
        }
        E::File {
            path,
            line: Some(l),
        } => format!("{path}:{l}"),
        E::File { path, line: None } => path.clone(),
        E::PathEntry { index, entry } => format!("PATH[{index}] = {entry:?}"),
        E::Binary {
            path,
            version: Some(v),
        } => format!("{path} (go{v})"),
        E::Binary {
            path,
            version: None,
        } => path.clone(),
        E::Mount {
            path,
            mount_point,
            fstype,
        } => format!("{path} on {mount_point} ({fstype})"),
        E::Note { text } => text.clone(),
    }
}

/// `~/x` for a path under HOME.
fn tilde(s: &StartupSection, path: &str) -> String {
    if let Some(h) = s.home.as_ref().filter(|h| !h.as_os_str().is_empty()) {
        if let Ok(rest) = std::path::Path::new(path).strip_prefix(h) {
            return one_line(&format!("~/{}", rest.to_string_lossy()));
        }
    }
    one_line(path)
}

fn lines_text(lines: &[usize]) -> String {
    let l: Vec<String> = lines.iter().map(|n| n.to_string()).collect();
    if l.len() == 1 {
        format!("init line at line {}", l[0])
    } else {
        format!("init lines at lines {}", l.join(", "))
    }
}

/// The "Start-up files (<shell>)" section: for each kind of start, every
/// file in reading order, whether it exists, where it holds the init line,
/// and what to change.
pub(crate) fn render_startup(s: &StartupSection, color: bool) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    let title = format!("Start-up files ({})", s.shell);
    if !s.supported {
        out.push_str(&p.w("1", &title));
        out.push_str(": not analysed (cmd's start-up is AutoRun, in the registry)\n");
        return out;
    }
    out.push_str(&p.w("1", &title));
    out.push('\n');
    if let Some(h) = &s.here {
        out.push_str(&format!("  this shell: {h}\n"));
    }
    for m in &s.modes {
        let this = if m.this_shell { " ← this shell" } else { "" };
        if m.mode == "all" {
            out.push_str(&format!(
                "  {} (login and interactive shells alike):{this}\n",
                one_line(&m.label)
            ));
        } else {
            out.push_str(&format!("  {}:{this}\n", one_line(&m.label)));
        }
        let rows: Vec<(String, String, bool)> = m
            .files
            .iter()
            .map(|f| {
                let name = format!("{}{}", "  ".repeat(f.depth), tilde(s, &f.path));
                let mut st = if !f.exists {
                    "missing".to_string()
                } else if !f.read {
                    match &f.shadowed_by {
                        Some(b) => format!("exists, not read ({} exists)", tilde(s, b)),
                        None => "exists, not read".to_string(),
                    }
                } else if f.init_lines.is_empty() {
                    "exists".to_string()
                } else {
                    format!("exists, {}", lines_text(&f.init_lines))
                };
                if let Some(sf) = &f.sourced_from {
                    st.push_str(&format!(
                        " (sourced by {} line {})",
                        tilde(s, &sf.path),
                        sf.line
                    ));
                }
                (name, st, f.read && !f.init_lines.is_empty())
            })
            .collect();
        let w = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
        if rows.is_empty() {
            out.push_str("    (no files)\n");
        }
        for (name, st, init) in rows {
            let pad = " ".repeat(w - name.chars().count());
            let st = if init {
                p.w("32", &st)
            } else if st.starts_with("missing") {
                p.w("2", &st)
            } else {
                st
            };
            out.push_str(&format!("    {name}{pad}  {st}\n"));
        }
        let code = if m.init_reached == 1 { "32" } else { "33" };
        out.push_str(&format!(
            "    {}\n",
            p.w(code, &format!("→ {}", one_line(&m.advice)))
        ));
    }
    out
}

/// Human-readable report: errors, warnings, infos, each finding with its
/// id, message, fix and evidence; then the start-up files (when
/// `o.startup` is set); a one-line summary last. ANSI colour only when
/// `color` (main passes: stdout is a terminal and `NO_COLOR` unset).
pub fn render_text(o: &Outcome, color: bool) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    if o.findings.is_empty() {
        if let Some(st) = &o.startup {
            out.push_str(&render_startup(st, color));
            out.push('\n');
        }
        out.push_str(&p.w("32", "✓ no problems found"));
        out.push('\n');
        return out;
    }
    let groups = [
        (Severity::Error, "Errors", "✗", "1;31"),
        (Severity::Warn, "Warnings", "!", "1;33"),
        (Severity::Info, "Info", "i", "1;36"),
    ];
    for (sev, title, mark, code) in groups {
        let fs: Vec<&Finding> = o.findings.iter().filter(|f| f.severity == sev).collect();
        if fs.is_empty() {
            continue;
        }
        out.push_str(&p.w(code, &format!("{title} ({})", fs.len())));
        out.push('\n');
        for f in fs {
            out.push_str(&format!(
                "  {} {}  {}\n",
                p.w(code, mark),
                p.w("1", f.id),
                one_line(&f.message)
            ));
            if !f.fix.is_empty() {
                out.push_str(&format!(
                    "      {} {}\n",
                    p.w("32", "fix:"),
                    one_line(&f.fix)
                ));
            }
            for e in &f.evidence {
                out.push_str(&format!(
                    "      {}\n",
                    p.w("2", &format!("· {}", one_line(&evidence_text(e))))
                ));
            }
        }
        out.push('\n');
    }
    if let Some(st) = &o.startup {
        out.push_str(&render_startup(st, color));
        out.push('\n');
    }
    let line = format!("{} (exit {})", summary_line(&o.summary), o.exit_code);
    let code = if o.summary.errors > 0 {
        "1;31"
    } else if o.summary.warnings > 0 {
        "1;33"
    } else {
        "1"
    };
    out.push_str(&p.w(code, &line));
    out.push('\n');
    out
}

/// Control characters (newlines, escapes from hostile values) made visible.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => "\\n".to_string(),
            '\r' => "\\r".to_string(),
            '\t' => "\\t".to_string(),
            c if c.is_control() => format!("\\u{{{:x}}}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn hostile_findings_render_as_text_and_json() {
        let o = super::outcome(crate::checks::tests::hostile_findings(), false);
        let _ = super::render_text(&o, true);
        let j = super::render_json(&o);
        serde_json::from_str::<serde_json::Value>(&j).unwrap();
    }
}
