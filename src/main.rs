//! The `goenv-hook` command line: parse, call the library, print, exit.
#![forbid(unsafe_code)]

use clap::Parser;
use goenv_hook::app::{self, exit, Session};
use goenv_hook::cli::{Cli, Command, ConfigAction};
use goenv_hook::env::EnvSnapshot;
use goenv_hook::probe::Depth;
use goenv_hook::shell::{self, Op, Shell};
use std::io::Write;
use std::process::ExitCode;

mod outputs;

/// `eprintln!` that ignores a closed stderr (`2>&-`, a pipe whose reader is
/// gone) instead of panicking: the hook must never abort over a message.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

/// `goenv-hook hook <shell> [--session ID]`, the one command on the prompt
/// path, recognised without building clap's command tree (clap still parses
/// every other form, and reports errors for this one).
fn quick_hook() -> Option<Command> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let s = |i: usize| args.get(i).and_then(|a| a.to_str());
    if s(0)? != "hook" {
        return None;
    }
    let shell: Shell = s(1)?.parse().ok()?;
    let session = match args.len() {
        2 => None,
        4 if s(2)? == "--session" => Some(s(3)?.to_string()),
        3 => Some(s(2)?.strip_prefix("--session=")?.to_string()),
        _ => return None,
    };
    Some(Command::Hook { shell, session })
}

fn main() -> ExitCode {
    if let Some(command) = quick_hook() {
        return ExitCode::from(run(Cli { command }) as u8);
    }
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
            let _ = e.print();
            return ExitCode::from(code as u8);
        }
    };
    ExitCode::from(run(cli) as u8)
}

fn run(cli: Cli) -> i32 {
    let env = EnvSnapshot::from_process();
    let platform = env.platform;
    match cli.command {
        Command::Init { shell } => {
            let exe = match std::env::current_exe() {
                Ok(p) => p,
                Err(e) => return fail(&format!("cannot find my own executable: {e}")),
            };
            let (ops, code) = if shell == Shell::Nu {
                // Nushell saves init to a file: the hook applies at each prompt.
                (Vec::new(), exit::OK)
            } else {
                match Session::new(env.clone(), Depth::Hook) {
                    Ok(s) => (s.apply_ops(), exit::OK),
                    Err(e) => {
                        say!("goenv-hook: {e}");
                        let fp = app::fingerprint(&e);
                        (
                            vec![Op::Set {
                                name: app::ERROR_VAR.into(),
                                value: fp.into(),
                            }],
                            exit::CONFIG,
                        )
                    }
                }
            };
            let rendered = match shell::render_env(shell, &ops, platform) {
                Ok(r) => r,
                Err(e) => return fail(&e.to_string()),
            };
            match shell::render_init(shell, &exe, &rendered, platform) {
                Ok(out) => {
                    write_out(&out);
                    code
                }
                Err(e) => fail(&e.to_string()),
            }
        }
        Command::Env { format } => {
            let file_format = format.parse::<outputs::Format>().ok();
            let sh = if format == "json" || file_format.is_some() {
                None
            } else {
                match format.parse::<Shell>() {
                    Ok(sh) => Some(sh),
                    Err(_) => {
                        say!("goenv-hook: unknown format '{format}'; expected one of: bash, zsh, fish, posix, pwsh, cmd, nu, json, github, dockerfile, systemd, dotenv");
                        return exit::USAGE;
                    }
                }
            };
            let s = match Session::new(env, Depth::Hook) {
                Ok(s) => s,
                Err(e) => return config_fail(&e),
            };
            if let Some(f) = file_format {
                return env_file_format(&s, f);
            }
            let ops = s.apply_ops();
            let out = match sh {
                None => shell::render_json(&ops),
                Some(sh) => shell::render_env(sh, &ops, platform),
            };
            match out {
                Ok(b) => {
                    write_out(&b);
                    exit::OK
                }
                Err(e) => fail(&e.to_string()),
            }
        }
        Command::Hook { shell, session } => {
            let ops = app::hook(env, session.as_deref());
            let out = if shell == Shell::Nu {
                if ops.is_empty() {
                    Ok(Vec::new())
                } else {
                    shell::render_json(&ops)
                }
            } else {
                shell::render_env(shell, &ops, platform)
            };
            // As in app::hook: the process exits next, nothing to free.
            std::mem::forget(ops);
            match out {
                Ok(b) => {
                    write_out(&b);
                    exit::OK
                }
                Err(e) => fail(&e.to_string()),
            }
        }
        Command::Use { version, shell } => match app::use_ops(env, &version) {
            Ok(Ok(ops)) => render_ops(shell, &ops, platform),
            Ok(Err(e @ goenv_hook::app::UseError::NotInstalled { .. })) => fail(&e.to_string()),
            Ok(Err(usage)) => {
                say!("goenv-hook: {usage}");
                exit::USAGE
            }
            Err(e) => config_fail(&e),
        },
        Command::Deactivate { shell } => {
            match shell::render_deactivate(shell, &app::deactivate_ops(env), platform) {
                Ok(b) => {
                    write_out(&b);
                    exit::OK
                }
                Err(e) => fail(&e.to_string()),
            }
        }
        Command::Prompt {
            format,
            shell,
            json,
        } => {
            use goenv_hook::prompt::{self, Style};
            let style = match shell.as_str() {
                "plain" => Style::Plain,
                "bash" => Style::Bash,
                "zsh" => Style::Zsh,
                "fish" | "pwsh" | "powershell" | "nu" | "nushell" | "ansi" => Style::Ansi,
                other => {
                    say!("goenv-hook: unknown prompt shell '{other}'; expected bash, zsh, fish, pwsh, nu or plain");
                    return exit::USAGE;
                }
            };
            let s = match Session::new(env, Depth::Hook) {
                Ok(s) => s,
                Err(e) => return config_fail(&e),
            };
            let applied = s.facts.state.is_some();
            let seg = prompt::segment(&s, format.as_deref(), applied);
            if json {
                match serde_json::to_string(&seg) {
                    Ok(j) => write_out(format!("{j}\n").as_bytes()),
                    Err(e) => return fail(&format!("cannot write JSON: {e}")),
                }
            } else {
                let t = prompt::styled(&seg, style);
                if !t.is_empty() {
                    write_out(format!("{t}\n").as_bytes());
                }
            }
            exit::OK
        }
        Command::Doctor {
            json,
            strict,
            ignore,
            shell,
            deep,
            hooks,
        } => {
            use goenv_hook::{checks, doctor};
            use std::io::IsTerminal;
            let config = match goenv_hook::config::load(&env) {
                Ok(c) => c,
                Err(e) => return config_fail(&e),
            };
            let facts = goenv_hook::probe::probe(env, &config, Depth::Full);
            let extra = checks::extra::probe(
                &facts,
                &checks::extra::Roots::default(),
                &checks::extra::ProbeOptions {
                    cheap: false,
                    shell,
                    hook_hint: hooks,
                },
            );
            let deep_findings = if deep {
                goenv_hook::deep::run(&facts)
            } else {
                Vec::new()
            };
            let opts = doctor::DoctorOptions {
                ignore,
                strict,
                checks: checks::Options {
                    cheap_only: false,
                    shell,
                },
            };
            let mut out = match doctor::run(&facts, &extra, &config, &opts, deep_findings) {
                Ok(o) => o,
                Err(e) => {
                    say!("goenv-hook: {e}");
                    return if e.from_config {
                        exit::CONFIG
                    } else {
                        exit::USAGE
                    };
                }
            };
            out.startup = extra.startup.as_ref().map(doctor::startup_section);
            let text = if json {
                doctor::render_json(&out)
            } else {
                let color = std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
                doctor::render_text(&out, color)
            };
            write_out(text.as_bytes());
            out.exit_code
        }
        Command::Which { json } | Command::Toolchains { json } => {
            let is_which = matches!(cli.command, Command::Which { .. });
            let s = match Session::new(env, Depth::Full) {
                Ok(s) => s,
                Err(e) => return config_fail(&e),
            };
            let w = goenv_hook::report::which(&s);
            let text = if is_which {
                if json {
                    match serde_json::to_string_pretty(&w) {
                        Ok(j) => j + "\n",
                        Err(e) => return fail(&format!("cannot write JSON: {e}")),
                    }
                } else {
                    goenv_hook::report::which_text(&w)
                }
            } else {
                let list = goenv_hook::report::toolchains(&s, &w);
                if json {
                    match serde_json::to_string_pretty(&list) {
                        Ok(j) => j + "\n",
                        Err(e) => return fail(&format!("cannot write JSON: {e}")),
                    }
                } else {
                    goenv_hook::report::toolchains_text(&list)
                }
            };
            write_out(text.as_bytes());
            exit::OK
        }
        Command::Completions { shell } => {
            write_out(&outputs::completion_script(shell));
            exit::OK
        }
        Command::Config { action } => match action {
            ConfigAction::Path => match goenv_hook::config::location(&env) {
                Some(p) => {
                    // The path's own bytes, so `$(goenv-hook config path)` is exact.
                    let mut b = p.into_os_string().into_encoded_bytes();
                    b.push(b'\n');
                    write_out(&b);
                    exit::OK
                }
                None => fail("no config location: set HOME or GOENV_HOOK_CONFIG"),
            },
            ConfigAction::Check => match goenv_hook::config::load(&env) {
                Ok(c) => {
                    match c.file {
                        Some(f) => write_out(format!("{}: ok\n", f.display()).as_bytes()),
                        None => write_out(b"no config file: defaults in use\n"),
                    }
                    exit::OK
                }
                Err(e) => config_fail(&e),
            },
        },
    }
}

/// `env github|dockerfile|systemd|dotenv`: the plan's whole Go environment.
fn env_file_format(s: &Session, format: outputs::Format) -> i32 {
    use outputs::Format;
    if s.plan.toolchain.is_none() {
        return fail("no Go toolchain found: nothing to write (run `goenv-hook doctor`)");
    }
    if s.plan.unsatisfied {
        if let Some(r) = &s.plan.request {
            let who = match &r.file {
                Some(f) => format!(
                    "{} ({})",
                    goenv_hook::report::rule_text(r.rule),
                    f.display()
                ),
                None => goenv_hook::report::rule_text(r.rule).to_string(),
            };
            let want = match &r.want {
                goenv_hook::plan::Want::Version(v) => format!("go{v}"),
                goenv_hook::plan::Want::Root(p) => p.display().to_string(),
            };
            say!(
                "goenv-hook: warning: {who} asks for {want}, which is not installed; writing the default toolchain"
            );
        }
    }
    let t = outputs::Target::of(s);
    let out = match format {
        Format::Github => outputs::github(&t)
            .map_err(|e| e.to_string())
            .and_then(|g| {
                outputs::github_output(
                    &g,
                    s.facts
                        .current
                        .get("GITHUB_ENV")
                        .map(|v| v.to_os_string())
                        .as_ref(),
                    s.facts
                        .current
                        .get("GITHUB_PATH")
                        .map(|v| v.to_os_string())
                        .as_ref(),
                )
            }),
        Format::Dockerfile => outputs::dockerfile(&t).map_err(|e| e.to_string()),
        Format::Systemd => outputs::systemd(&t).map_err(|e| e.to_string()),
        Format::Dotenv => outputs::dotenv(&t).map_err(|e| e.to_string()),
    };
    match out {
        Ok(text) => {
            write_out(text.as_bytes());
            exit::OK
        }
        Err(e) => fail(&e),
    }
}

fn render_ops(shell: Shell, ops: &[Op], platform: goenv_hook::platform::Platform) -> i32 {
    let out = if shell == Shell::Nu {
        shell::render_json(ops)
    } else {
        shell::render_env(shell, ops, platform)
    };
    match out {
        Ok(b) => {
            write_out(&b);
            exit::OK
        }
        Err(e) => fail(&e.to_string()),
    }
}

/// Writes to stdout, ignoring errors: a closed pipe (`goenv-hook doctor |
/// head -0`) is not worth a panic.
fn write_out(b: &[u8]) {
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(b);
    let _ = o.flush();
}

fn fail(msg: &str) -> i32 {
    say!("goenv-hook: {msg}");
    exit::FAILURE
}

fn config_fail(e: &goenv_hook::config::ConfigError) -> i32 {
    say!("goenv-hook: {e}");
    exit::CONFIG
}
