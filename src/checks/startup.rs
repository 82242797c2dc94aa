//! What the start-up analysis and the shell's hook hint mean: the checks
//! `init-not-in-startup`, `init-in-wrong-file`, `init-evaluated-twice`,
//! `hook-not-installed`, `prompt-command-exported`, and the advice shown in
//! doctor's start-up section.

use crate::checks::{finding, Evidence, Finding, FrontEnd, Options};
use crate::facts::startup::{HookHint, StartupFile, StartupReport, Trace};
use crate::plan::Session;
use crate::shell::Op;
use crate::shell::{init_line, Shell, HOOK_FUNCTION};
use crate::sys::env::EnvSnapshot;
use std::path::{Path, PathBuf};

/// `~/x` for a path under HOME.
pub fn display(r: &StartupReport, p: &Path) -> String {
    if let Some(h) = &r.home {
        if let Ok(rest) = p.strip_prefix(h) {
            if !h.as_os_str().is_empty() {
                return format!("~/{}", rest.to_string_lossy());
            }
        }
    }
    p.to_string_lossy().into_owned()
}

/// Where this kind of start reaches the init line: (file, line) for every
/// init line in a file it reads, in reading order.
pub fn reached(t: &Trace) -> Vec<(PathBuf, usize)> {
    t.entries
        .iter()
        .filter(|e| e.read)
        .flat_map(|e| e.init_lines.iter().map(|l| (e.path.clone(), *l)))
        .collect()
}

/// One sentence for one kind of start: whether it runs the init line, and
/// if not (or more than once) precisely what to change.
pub(crate) fn trace_advice(r: &StartupReport, t: &Trace) -> String {
    let d = |p: &Path| display(r, p);
    let line = init_line(r.shell);
    let rec = d(&r.recommended);
    let at = |v: &[(PathBuf, usize)]| {
        v.iter()
            .map(|(p, l)| format!("{} line {l}", d(p)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let reached = reached(t);
    let in_zshenv = |v: &[(PathBuf, usize)]| {
        r.shell == Shell::Zsh
            && v.iter()
                .any(|(p, _)| p.file_name().is_some_and(|n| n == ".zshenv"))
    };
    match reached.len() {
        1 if in_zshenv(&reached) => {
            return format!(
                "the init line runs once ({}), but every zsh reads {}, scripts included: move `{line}` to {rec}",
                at(&reached),
                d(&reached[0].0)
            )
        }
        1 => return format!("the init line runs once ({}): nothing to change", at(&reached)),
        n if n >= 2 => {
            return format!(
                "the init line runs {n} times ({}): harmless (goenv-hook is idempotent), but keep only the one in {rec}",
                at(&reached)
            )
        }
        _ => {}
    }
    let holders: Vec<&StartupFile> = r
        .files
        .iter()
        .filter(|f| f.exists && !f.init_lines.is_empty())
        .collect();
    let bash_source = "[ -f ~/.bashrc ] && . ~/.bashrc";
    let recp = r.recommended.as_path();
    let fix = if r.shell == Shell::Bash
        && !t.files.iter().any(|p| p == recp)
        && t.recommended != recp
    {
        // A login shell that does not read ~/.bashrc.
        let login = d(&t.recommended);
        if holders.iter().any(|f| f.path == recp) {
            format!("add `{bash_source}` to {login} (create it if missing)")
        } else {
            format!("add `{line}` to {rec}, and `{bash_source}` to {login} (create it if missing)")
        }
    } else if r.shell == Shell::Bash && !holders.is_empty() && r.login_sources_rc == Some(false) {
        let from: Vec<String> = holders.iter().map(|f| d(&f.path)).collect();
        let login = r
            .traces
            .first()
            .map(|t| d(&t.recommended))
            .unwrap_or_default();
        format!(
            "move `{line}` from {} to {rec}, and add `{bash_source}` to {login}",
            from.join(", ")
        )
    } else {
        let to = d(&t.recommended);
        // A holder another kind of start needs (and that start would not
        // read `to`) stays where it is.
        let needed_elsewhere = r.traces.iter().any(|o| {
            o != t
                && !o.files.contains(&t.recommended)
                && holders.iter().any(|h| o.files.contains(&h.path))
        });
        let add = if holders.is_empty() {
            format!("add `{line}` to {to}")
        } else if needed_elsewhere {
            format!("add `{line}` to {to} as well")
        } else {
            let from: Vec<String> = holders.iter().map(|f| d(&f.path)).collect();
            format!("move `{line}` from {} to {to}", from.join(", "))
        };
        if r.shell == Shell::Nu {
            format!("run `goenv-hook init nu | save -f ($nu.default-config-dir | path join goenv.nu)`, then {add}")
        } else {
            add
        }
    };
    format!("the init line is never read: {fix}")
}

/// The findings for a report.
pub fn findings(r: &StartupReport, _fix_shell: Option<Shell>) -> Vec<Finding> {
    let mut out = Vec::new();
    if !r.supported {
        return out;
    }
    let line = init_line(r.shell);
    let d = |p: &Path| display(r, p);
    let holders: Vec<&StartupFile> = r
        .files
        .iter()
        .filter(|f| !f.init_lines.is_empty())
        .collect();
    let bash_source = "[ -f ~/.bashrc ] && . ~/.bashrc";
    let rec = d(&r.recommended);
    if holders.is_empty() {
        let checked: Vec<String> = r
            .files
            .iter()
            .filter(|f| f.exists)
            .map(|f| d(&f.path))
            .collect();
        let mut fix = if r.shell == Shell::Nu {
            format!(
                "run `goenv-hook init nu | save -f ($nu.default-config-dir | path join goenv.nu)`, then add `{line}` to {rec}"
            )
        } else {
            format!("add `{line}` to {rec}")
        };
        if r.shell == Shell::Bash && r.login_sources_rc == Some(false) {
            let login = r
                .traces
                .first()
                .map(|t| d(&t.recommended))
                .unwrap_or_default();
            fix.push_str(&format!(
                ", and `{bash_source}` to {login} (login shells read only that)"
            ));
        }
        out.push(finding(
            "init-not-in-startup",
            format!(
                "no goenv-hook init line in any {} start-up file{}",
                r.shell,
                if checked.is_empty() {
                    " (none exists)".to_string()
                } else {
                    format!(" (checked {})", checked.join(", "))
                }
            ),
            fix,
            r.traces.iter().flat_map(|t| t.files.iter()).fold(
                Vec::new(),
                |mut v: Vec<Evidence>, p| {
                    let e = Evidence::file(p, None);
                    if !v.contains(&e) {
                        v.push(e);
                    }
                    v
                },
            ),
        ));
        return out;
    }
    let holder_ev = |f: &StartupFile| -> Vec<Evidence> {
        f.init_lines
            .iter()
            .map(|l| Evidence::file(&f.path, Some(*l)))
            .collect()
    };
    let holder_names: Vec<String> = holders.iter().map(|f| d(&f.path)).collect();
    // zsh: ~/.zshenv runs for every zsh, scripts included.
    if r.shell == Shell::Zsh {
        for f in &holders {
            if f.path.file_name().is_some_and(|n| n == ".zshenv") {
                out.push(finding(
                    "init-in-wrong-file",
                    format!(
                        "the init line is in {} (line {}), which every zsh reads, scripts included: it runs the prompt hook set-up where there is no prompt",
                        d(&f.path),
                        f.init_lines[0]
                    ),
                    format!("move `{line}` from {} to {rec}", d(&f.path)),
                    holder_ev(f),
                ));
            }
        }
    }
    for t in &r.traces {
        let reached: Vec<(PathBuf, usize)> = t
            .files
            .iter()
            .flat_map(|p| {
                r.file(p)
                    .map(|f| {
                        f.init_lines
                            .iter()
                            .map(|l| (p.clone(), *l))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
            .collect();
        if reached.is_empty() {
            let read: Vec<String> = t.files.iter().map(|p| d(p)).collect();
            let reads = if read.is_empty() {
                "none of the files it reads exists".to_string()
            } else {
                format!("they read {}", read.join(", "))
            };
            let fix = if r.shell == Shell::Bash
                && t.files.iter().all(|p| !p.ends_with(".bashrc"))
                && holders.iter().any(|f| f.path.ends_with(".bashrc"))
            {
                let login = d(&t.recommended);
                format!("add `{bash_source}` to {login} (create it if missing), so login shells read ~/.bashrc too")
            } else if r.shell == Shell::Bash && t.recommended.ends_with(".bashrc") {
                format!(
                    "move `{line}` to {rec}, and make {} source it with `{bash_source}`",
                    r.traces
                        .first()
                        .map(|t| d(&t.recommended))
                        .unwrap_or_default()
                )
            } else {
                format!("add `{line}` to {}", d(&t.recommended))
            };
            out.push(finding(
                "init-in-wrong-file",
                format!(
                    "the init line is in {}, which {} never read ({reads})",
                    holder_names.join(", "),
                    t.label
                ),
                fix,
                holders.iter().flat_map(|f| holder_ev(f)).collect(),
            ));
        } else if reached.len() >= 2 {
            let places: Vec<String> = reached
                .iter()
                .map(|(p, l)| format!("{} line {l}", d(p)))
                .collect();
            let f = finding(
                "init-evaluated-twice",
                format!(
                    "{} reach the init line {} times: {}",
                    t.label,
                    reached.len(),
                    places.join(", ")
                ),
                format!("harmless (goenv-hook is idempotent), but keep only the one in {rec}"),
                reached
                    .iter()
                    .map(|(p, l)| Evidence::file(p, Some(*l)))
                    .collect(),
            );
            if !out
                .iter()
                .any(|o: &Finding| o.id == f.id && o.evidence == f.evidence)
            {
                out.push(f);
            }
        }
    }
    out
}

/// `hook-not-installed` from a hint; `env` tells whether init ran in this
/// shell (goenv-hook's variables are present). For the Nushell plugin the
/// hint says whether a hook in `$env.config.hooks` runs `goenv activate`
/// (or the `init nu` route's hook).
pub(crate) fn hook_findings(h: &HookHint, env: &EnvSnapshot, front: FrontEnd) -> Vec<Finding> {
    if h.registered {
        return Vec::new();
    }
    if front == FrontEnd::NuPlugin {
        return vec![finding(
            "hook-not-installed",
            "no hook in $env.config.hooks runs `goenv activate`: the Go environment does not follow `cd` (a go.mod's version, a .go-version)".into(),
            format!("add to config.nu (`config nu`): {}", crate::shell::nu::PLUGIN_HOOK_LINE),
            vec![Evidence::note(h.text.clone())],
        )];
    }
    let ran = env.get(crate::facts::state::VAR).is_some() || env.get("GOENV_HOOK_PROMPT").is_some();
    let shell = h.shell.unwrap_or(Shell::Bash);
    let what = match shell {
        Shell::Bash => "PROMPT_COMMAND (or bash-preexec's precmd_functions)",
        Shell::Zsh => "precmd_functions",
        Shell::Fish => "the fish_prompt event handlers",
        Shell::Pwsh => "the prompt function",
        Shell::Nu => "$env.config.hooks.pre_prompt",
        _ => "the prompt hooks",
    };
    let rc = match shell {
        Shell::Bash => "~/.bashrc",
        Shell::Zsh => "~/.zshrc",
        Shell::Fish => "~/.config/fish/config.fish",
        Shell::Pwsh => "$PROFILE",
        Shell::Nu => "config.nu",
        _ => "your start-up file",
    };
    let msg = if ran {
        format!(
            "goenv-hook's prompt hook ({HOOK_FUNCTION}) is no longer in {what}: something after the init line replaced it, so the environment no longer follows directory changes"
        )
    } else {
        format!("goenv-hook's prompt hook ({HOOK_FUNCTION}) is not in {what}: init has not run in this shell")
    };
    vec![finding(
        "hook-not-installed",
        msg,
        format!(
            "make `{}` the last line of {rc}, then open a new shell",
            init_line(shell)
        ),
        vec![Evidence::note(format!(
            "{what}: {}",
            if h.text.trim().is_empty() {
                "(empty)"
            } else {
                h.text.trim()
            }
        ))],
    )]
}

/// `hook-not-installed` without a hint from the shell: goenv-hook is active
/// here (its state is in the environment), but the environment has moved
/// on since its hook last ran in a way the hook reacts to (it would change
/// PATH or a variable now): the hook has stopped running, or has not run
/// since the change (bash runs it at the next prompt, not at `cd`).
pub(crate) fn hook_stopped(s: &Session, opts: &Options) -> Vec<Finding> {
    let facts = &s.facts;
    if facts.state.is_none()
        || facts
            .current
            .get_nonempty(crate::sys::vars::DISABLED_VAR)
            .is_some()
    {
        return Vec::new();
    }
    let ops = crate::plan::apply_ops(facts, &s.plan);
    let what: Vec<String> = ops
        .iter()
        .filter_map(|op| match op {
            Op::SetPath { .. } => Some("PATH".to_string()),
            Op::Set { name, .. } | Op::Unset { name } if name != crate::facts::state::VAR => {
                Some(name.clone())
            }
            _ => None,
        })
        .collect();
    if what.is_empty() {
        return Vec::new();
    }
    let shell = opts.shell.unwrap_or(Shell::Bash);
    let rc = match shell {
        Shell::Zsh => "~/.zshrc",
        Shell::Fish => "~/.config/fish/config.fish",
        Shell::Pwsh => "$PROFILE",
        Shell::Nu => "config.nu",
        _ => "~/.bashrc",
    };
    let selected = s
        .plan
        .toolchain
        .as_ref()
        .map(|t| {
            format!(
                " (it selects {} here)",
                crate::checks::opt_gov(t.version.as_ref())
            )
        })
        .unwrap_or_default();
    vec![finding(
        "hook-not-installed",
        format!(
            "goenv-hook is active in this shell, but its hook has not run since the environment changed: it would now change {}{selected}. If you see this at a prompt (not right after `cd` or an export on the same command line), something replaced the prompt hook, or the goenv-hook executable moved",
            what.join(", ")
        ),
        format!(
            "make `{}` the last line of {rc}, then open a new shell",
            init_line(shell)
        ),
        vec![Evidence::note(format!(
            "state in {}; the current environment differs from what the hook makes here",
            crate::facts::state::VAR
        ))],
    )]
}

/// `config-invalid`: goenv-hook's config file can't be used, so the hook
/// leaves the environment as it is (and says so once); doctor ran with the
/// defaults.
pub(crate) fn config_invalid(s: &Session) -> Vec<Finding> {
    let Some(e) = &s.facts.full.config_error else {
        return Vec::new();
    };
    let file = e.file.display().to_string();
    let at = if e.line > 0 {
        format!("{file}, line {}, column {}", e.line, e.column)
    } else {
        file.clone()
    };
    let expected = e
        .expected
        .as_ref()
        .map(|x| format!(" (expected: {x})"))
        .unwrap_or_default();
    vec![finding(
        "config-invalid",
        format!(
            "goenv-hook's config file can't be used ({at}: {}): until it is fixed the hook leaves the environment as it is, and this report uses the defaults",
            e.message
        ),
        format!("edit {at}{expected}, then run `goenv-hook config check`"),
        vec![Evidence::File {
            path: file,
            line: (e.line > 0).then_some(e.line),
        }],
    )]
}

/// `prompt-command-exported`: PROMPT_COMMAND, holding goenv-hook's bash
/// hook, is exported (it is in this process's environment, which a shell
/// variable is not), so every bash started from this shell without
/// goenv-hook's init (`su`, `sudo -E bash`, `bash --norc`) runs it and finds
/// no `__goenv_hook` function: "command not found" at each prompt. The
/// start-up lines that export it are named, from the start-up analysis.
pub(crate) fn prompt_command_exported(s: &Session, shell: Option<Shell>) -> Vec<Finding> {
    const NAME: &str = "PROMPT_COMMAND";
    let Some(v) = s.facts.current.get(NAME) else {
        return Vec::new();
    };
    if !v.to_string_lossy().contains(HOOK_FUNCTION) {
        return Vec::new();
    }
    let mut evidence = vec![Evidence::var(NAME, v, crate::checks::VarSource::Env)];
    let mut lines = Vec::new();
    if let Some(r) = s
        .facts
        .full
        .startup
        .as_ref()
        .filter(|r| r.shell == Shell::Bash)
    {
        for f in &r.files {
            for a in f.assigns.iter().filter(|a| a.name == NAME && a.exported) {
                evidence.push(Evidence::file(&f.path, Some(a.line)));
                lines.push(format!("{} line {}", display(r, &f.path), a.line));
            }
        }
    }
    let shell = crate::checks::ctx::fix_shell(shell);
    let where_ = if lines.is_empty() {
        "where your start-up files export it".to_string()
    } else {
        lines.join(", ")
    };
    vec![finding(
        "prompt-command-exported",
        format!(
            "{NAME} is exported, with goenv-hook's hook ({HOOK_FUNCTION}) in it: every bash started from this shell without goenv-hook's init (`su`, `sudo -E bash`, `bash --norc`) inherits it and prints `{HOOK_FUNCTION}: command not found` at each prompt"
        ),
        format!(
            "`{}` now, and drop `export` from {where_} (bash runs {NAME} without it)",
            shell.unexport_cmd(NAME)
        ),
        evidence,
    )]
}

/// `hook-fast-path-unavailable`: goenv-hook's hook is in use here, but no
/// directory will take its stamp files, so it starts goenv-hook at every
/// prompt instead of comparing in the shell.
pub(crate) fn fast_path(s: &Session) -> Vec<Finding> {
    let facts = &s.facts;
    let Some(Err(why)) = &facts.full.stamp_dir else {
        return Vec::new();
    };
    if facts.state.is_none() {
        return Vec::new();
    }
    vec![finding(
        "hook-fast-path-unavailable",
        format!(
            "the prompt hook's fast path is off: no private directory for its stamp files ({}), so the hook starts goenv-hook at every prompt",
            why.join("; ")
        ),
        "set XDG_RUNTIME_DIR (or TMPDIR) to a directory only you can write, or make the one named above yours with mode 700 (chmod 700)".into(),
        why.iter().map(|w| Evidence::note(w.clone())).collect(),
    )]
}
