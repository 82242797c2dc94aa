//! `goenv-hook shells [--json] [--timeout SECS]`: starts each installed
//! shell as a new terminal would and compares what each resolves.
//!
//! This is where goenv-hook starts the user's shells (an action, like
//! `doctor --deep` running go; the front end owns it, see ARCHITECTURE.md).
//! For every shell found (bash, zsh, fish, dash, nu, pwsh; cmd on Windows)
//! and each start its module defines (`Shell::start_args`: login, and
//! interactive not login), the shell is started:
//! - with the environment of `app::shells::setup` (a new terminal's: see
//!   `probe::login`), in the home directory (`/` when it is inside a Go
//!   project), stdin from /dev/null (no terminal: interactive shells
//!   still read their interactive start-up files, and turn job control
//!   off), stdout and stderr to files;
//! - in a process group of its own (Unix), running one command: this
//!   executable with `__goenv_hook_dump_env FILE` (recognised before the
//!   command line is parsed: no command of its own), which writes its
//!   environment (what `go` would get) to FILE, NUL-separated;
//! - killed with its whole process group at the timeout (or, after it
//!   exits, whatever it left running in that group).
//!
//! Every start runs at once; the report waits at most `--timeout` seconds.

use super::{json_pretty, write_out, Error, Outcome};
use crate::report::shells::{self as report, Row, Shells, Status};
use crate::shell::{Shell, StartMode};
use crate::sys::env::EnvSnapshot;
use crate::sys::platform::{bytes, from_bytes};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The shells, in the report's order.
const ORDER: [Shell; 7] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::Posix,
    Shell::Nu,
    Shell::Pwsh,
    Shell::Cmd,
];

pub(super) fn shells(env: EnvSnapshot, json: bool, timeout: u64) -> Outcome {
    if timeout == 0 {
        return Err(Error::usage("--timeout must be at least 1 second"));
    }
    let setup = crate::app::shells::setup(&env);
    let exe = std::env::current_exe()
        .map_err(|e| Error::failed(format!("cannot find goenv-hook's own executable: {e}")))?;
    let tmp = private_dir()?;
    let result = run_all(&env, &setup, &exe, &tmp, Duration::from_secs(timeout));
    let _ = std::fs::remove_dir_all(&tmp);
    let (rows, not_installed) = result?;
    let differences = report::differences(&rows);
    let failed = rows.iter().any(|r| r.status != Status::Ok);
    let s = Shells {
        dir: setup.dir.display().to_string(),
        dir_note: setup.dir_note,
        environment: setup
            .vars
            .iter()
            .map(|(k, v)| {
                (
                    k.to_string_lossy().into_owned(),
                    v.to_string_lossy().into_owned(),
                )
            })
            .collect(),
        path_from: setup.path_from,
        timeout_seconds: timeout,
        shells: rows,
        not_installed,
        differences,
    };
    let text = if json {
        json_pretty(&s)?
    } else {
        report::text(&s)
    };
    write_out(text.as_bytes());
    if failed || !s.differences.is_empty() {
        return Err(Error::quiet(crate::app::exit::FAILURE));
    }
    Ok(())
}

/// One start in flight.
struct Start {
    shell: String,
    program: PathBuf,
    mode: StartMode,
    out: PathBuf,
    err: PathBuf,
    child: Option<Child>,
    spawn_error: Option<String>,
    exit: Option<std::process::ExitStatus>,
    timed_out: bool,
    took: Duration,
}

type Found = (Vec<Row>, Vec<String>);

fn run_all(
    env: &EnvSnapshot,
    setup: &crate::app::shells::Setup,
    exe: &Path,
    tmp: &Path,
    timeout: Duration,
) -> Result<Found, Error> {
    let windows = env.platform.is_windows();
    // Shells are looked for on the current PATH, then the new terminal's.
    let mut search = env.path_entries();
    if let Some((_, p)) = setup
        .vars
        .iter()
        .find(|(k, _)| env.platform.var_eq(k, "PATH".as_ref()))
    {
        search.extend(env.platform.split_list(p));
    }
    let exe_b = bytes(exe.as_os_str()).into_owned();
    let mut starts: Vec<Start> = Vec::new();
    let mut not_installed = Vec::new();
    let began = Instant::now();
    for shell in ORDER {
        for prog in shell.start_programs(windows) {
            let Some(program) = find_program(prog, &search, env) else {
                not_installed.push(prog.to_string());
                continue;
            };
            for mode in StartMode::ALL {
                let out = tmp.join(format!("{prog}-{}.env", mode.name()));
                let out_b = bytes(out.as_os_str()).into_owned();
                let cmd = match shell.run_cmd(&exe_b, &[DUMP_ARG.as_bytes(), &out_b]) {
                    Ok(c) => c,
                    Err(e) => {
                        starts.push(failed_start(prog, &program, mode, &out, e));
                        continue;
                    }
                };
                let Some(args) = shell.start_args(mode, &cmd) else {
                    continue;
                };
                let err = tmp.join(format!("{prog}-{}.stderr", mode.name()));
                let mut st = Start {
                    shell: prog.to_string(),
                    program: program.clone(),
                    mode,
                    out: out.clone(),
                    err: err.clone(),
                    child: None,
                    spawn_error: None,
                    exit: None,
                    timed_out: false,
                    took: Duration::ZERO,
                };
                match spawn(
                    shell,
                    &program,
                    &args,
                    setup,
                    &tmp.join(format!("{prog}-{}.stdout", mode.name())),
                    &err,
                ) {
                    Ok(c) => st.child = Some(c),
                    Err(e) => {
                        st.spawn_error = Some(format!("cannot start {}: {e}", program.display()))
                    }
                }
                starts.push(st);
            }
        }
    }
    // Wait for all, up to the deadline.
    loop {
        let mut pending = false;
        for st in starts
            .iter_mut()
            .filter(|s| s.exit.is_none() && !s.timed_out)
        {
            let Some(c) = st.child.as_mut() else {
                continue;
            };
            match c.try_wait() {
                Ok(Some(status)) => {
                    st.exit = Some(status);
                    st.took = began.elapsed();
                    kill_group(c);
                }
                Ok(None) => pending = true,
                Err(e) => {
                    st.spawn_error = Some(format!("cannot wait for {}: {e}", st.program.display()));
                    st.child = None;
                }
            }
        }
        if !pending {
            break;
        }
        if began.elapsed() >= timeout {
            for st in starts
                .iter_mut()
                .filter(|s| s.exit.is_none() && s.child.is_some())
            {
                if let Some(c) = st.child.as_mut() {
                    kill_group(c);
                    let _ = c.kill();
                    let _ = c.wait();
                }
                st.timed_out = true;
                st.took = began.elapsed();
            }
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let mut rows = Vec::new();
    for st in starts {
        let stderr = stderr_tail(&st.err);
        let mut row = Row {
            shell: st.shell.clone(),
            program: st.program.display().to_string(),
            mode: st.mode,
            status: Status::Failed,
            error: None,
            stderr: None,
            seconds: (st.took.as_secs_f64() * 1000.0).round() / 1000.0,
            values: None,
        };
        let who = format!("{} {}", st.shell, st.mode.name());
        if let Some(e) = st.spawn_error {
            row.error = Some(format!("{who}: {e}"));
        } else if st.timed_out {
            row.status = Status::Timeout;
            row.error =
                Some(format!(
                "{who}: did not finish starting within {} s; killed with everything it started{}",
                timeout.as_secs(),
                stderr.as_ref().map(|t| format!(" (stderr: {t})")).unwrap_or_default()
            ));
        } else {
            match std::fs::read(&st.out) {
                Ok(b) => {
                    row.status = Status::Ok;
                    row.stderr = stderr;
                    row.values = Some(crate::app::shells::resolve(parse_dump(&b), &setup.dir, env));
                }
                Err(_) => {
                    let status = st
                        .exit
                        .map(|s| match s.code() {
                            Some(c) => format!("exit status {c}"),
                            None => "a signal".to_string(),
                        })
                        .unwrap_or_default();
                    row.error = Some(format!(
                        "{who}: ended ({status}) before printing its environment{}",
                        stderr
                            .as_ref()
                            .map(|t| format!(" (stderr: {t})"))
                            .unwrap_or_default()
                    ));
                }
            }
        }
        rows.push(row);
    }
    Ok((rows, not_installed))
}

fn failed_start(prog: &str, program: &Path, mode: StartMode, out: &Path, e: String) -> Start {
    Start {
        shell: prog.to_string(),
        program: program.to_path_buf(),
        mode,
        out: out.to_path_buf(),
        err: out.with_extension("stderr"),
        child: None,
        spawn_error: Some(e),
        exit: None,
        timed_out: false,
        took: Duration::ZERO,
    }
}

fn spawn(
    shell: Shell,
    program: &Path,
    args: &[String],
    setup: &crate::app::shells::Setup,
    out: &Path,
    err: &Path,
) -> std::io::Result<Child> {
    let mut c = Command::new(program);
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        if shell == Shell::Cmd {
            // cmd parses its own command line: passed verbatim.
            for a in args {
                c.raw_arg(a);
            }
        } else {
            c.args(args);
        }
    }
    #[cfg(not(windows))]
    {
        let _ = shell;
        c.args(args);
    }
    c.env_clear()
        .envs(setup.vars.iter().map(|(k, v)| (k, v)))
        .current_dir(&setup.dir)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(out)?)
        .stderr(std::fs::File::create(err)?);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        c.process_group(0);
    }
    c.spawn()
}

/// Kills the process group a start runs in (Unix; elsewhere the child).
fn kill_group(c: &mut Child) {
    #[cfg(unix)]
    {
        if let Some(pid) = rustix::process::Pid::from_raw(c.id() as i32) {
            let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
        }
    }
    #[cfg(not(unix))]
    {
        let _ = c.kill();
    }
}

/// A program on the search path (the platform's executable names).
fn find_program(name: &str, search: &[OsString], env: &EnvSnapshot) -> Option<PathBuf> {
    let names = env.platform.exe_names(name, env.get("PATHEXT"));
    for dir in search
        .iter()
        .filter(|d| !d.is_empty() && env.platform.is_absolute(d))
    {
        for n in &names {
            let p = Path::new(dir).join(n);
            if is_executable(&p) {
                return Some(p);
            }
        }
    }
    None
}

fn is_executable(p: &Path) -> bool {
    let Ok(m) = std::fs::metadata(p) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        m.is_file() && m.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        m.is_file()
    }
}

/// The last lines a start printed on stderr, without the shells' notes
/// that there is no terminal.
fn stderr_tail(p: &Path) -> Option<String> {
    let b = std::fs::read(p).ok()?;
    let t = String::from_utf8_lossy(&b);
    let lines: Vec<&str> = t
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .filter(|l| {
            !(l.contains("cannot set terminal process group")
                || l.contains("no job control in this shell")
                || l.contains("can't access tty; job control turned off"))
        })
        .collect();
    if lines.is_empty() {
        return None;
    }
    Some(lines[lines.len().saturating_sub(3)..].join(" / "))
}

/// A private directory for the starts' files (mode 700 on Unix).
fn private_dir() -> Result<PathBuf, Error> {
    let base = std::env::temp_dir();
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut b = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    for i in 0..100u32 {
        let d = base.join(format!(
            "goenv-hook-shells-{}-{stamp}-{i}",
            std::process::id()
        ));
        match b.create(&d) {
            Ok(()) => return Ok(d),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(Error::failed(format!(
                    "cannot create a temporary directory in {}: {e}",
                    base.display()
                )))
            }
        }
    }
    Err(Error::failed(format!(
        "cannot create a temporary directory in {}",
        base.display()
    )))
}

/// The argument under which `goenv-hook` dumps its environment.
const DUMP_ARG: &str = "__goenv_hook_dump_env";

/// `goenv-hook __goenv_hook_dump_env FILE`: the FILE, when this process was
/// started so (by a shell `shells` started).
pub(super) fn dump_args() -> Option<PathBuf> {
    let mut a = std::env::args_os().skip(1);
    let (first, file) = (a.next()?, a.next()?);
    (first == DUMP_ARG && a.next().is_none()).then(|| PathBuf::from(file))
}

/// `goenv-hook __goenv_hook_dump_env FILE`: this process's environment, `NAME=value` entries
/// each ended by NUL, written to FILE.part then renamed (a start killed
/// while writing leaves no FILE).
pub(super) fn dump(file: &Path) -> Outcome {
    let mut out = Vec::new();
    for (k, v) in std::env::vars_os() {
        out.extend_from_slice(&bytes(&k));
        out.push(b'=');
        out.extend_from_slice(&bytes(&v));
        out.push(0);
    }
    let mut part = file.as_os_str().to_os_string();
    part.push(".part");
    std::fs::write(&part, &out)
        .and_then(|()| std::fs::rename(&part, file))
        .map_err(|e| Error::failed(format!("cannot write {}: {e}", file.display())))
}

/// The entries `dump` wrote (Windows' hidden `=C:` entries skipped).
fn parse_dump(b: &[u8]) -> Vec<(OsString, OsString)> {
    b.split(|&c| c == 0)
        .filter_map(|e| {
            let i = e.iter().position(|&c| c == b'=')?;
            (i > 0).then(|| (from_bytes(e[..i].to_vec()), from_bytes(e[i + 1..].to_vec())))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dump_round_trip() {
        let b = b"A=1\0B=x=y\0=C:=C:\\\0E=\0";
        let v = parse_dump(b);
        assert_eq!(
            v,
            [
                ("A".into(), "1".into()),
                ("B".into(), "x=y".into()),
                ("E".into(), "".into())
            ]
        );
    }
}
