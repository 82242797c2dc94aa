//! The shell goenv-hook runs in: its parent process, when that is a shell
//! goenv-hook knows (Linux: `/proc/<ppid>/comm` and `cmdline`), how it was
//! started (login, `-c`), and what started it (tmux, sshd, …). `doctor`
//! analyses this shell's start-up files and writes its fixes in its syntax;
//! `$SHELL` (the login shell) is the fallback where the parent can't be
//! read (macOS, Windows), is not a shell, or is a shell running a script or
//! a `-c` command (not one a user types in).

use crate::facts::startup::Here;
#[cfg(any(unix, test))]
use crate::shell::Shell;
use std::path::Path;

/// The parent process, read under `proc` (`/proc`; a tree in tests).
pub(crate) fn detect(proc: &Path) -> Option<Here> {
    #[cfg(unix)]
    {
        detect_pid(proc, std::os::unix::process::parent_id())
    }
    #[cfg(not(unix))]
    {
        let _ = proc;
        None
    }
}

/// [`detect`] for the process `pid`.
#[cfg(any(unix, test))]
pub(crate) fn detect_pid(proc: &Path, pid: u32) -> Option<Here> {
    let dir = proc.join(pid.to_string());
    let comm = std::fs::read_to_string(dir.join("comm")).ok()?;
    let name = comm.trim_end_matches('\n').to_string();
    let shell = shell_named(&name)?;
    let cmdline = std::fs::read(dir.join("cmdline")).unwrap_or_default();
    let args: Vec<&[u8]> = cmdline
        .split(|b| *b == 0)
        .filter(|a| !a.is_empty())
        .collect();
    let (login, interactive) = shell.started(&args);
    if !interactive {
        return None;
    }
    let started_by = parent_of(&dir)
        .and_then(|pp| std::fs::read_to_string(proc.join(pp.to_string()).join("comm")).ok())
        .map(|c| c.trim_end_matches('\n').to_string())
        .filter(|c| !c.is_empty());
    Some(Here {
        shell,
        name,
        login,
        started_by,
    })
}

/// A process name that is a shell goenv-hook knows.
#[cfg(any(unix, test))]
fn shell_named(name: &str) -> Option<Shell> {
    let base = name.trim_start_matches('-');
    match base {
        "bash" | "zsh" | "fish" | "dash" | "sh" | "ash" | "nu" | "pwsh" => base.parse().ok(),
        _ => None,
    }
}

/// The parent pid of the process whose `/proc` directory is `dir` (the
/// fourth field of `stat`, after the name in parentheses).
#[cfg(any(unix, test))]
fn parent_of(dir: &Path) -> Option<u32> {
    let stat = std::fs::read_to_string(dir.join("stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake(dir: &Path, pid: u32, comm: &str, cmdline: &[&str], ppid: u32) {
        let d = dir.join(pid.to_string());
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("comm"), format!("{comm}\n")).unwrap();
        let mut c = Vec::new();
        for a in cmdline {
            c.extend_from_slice(a.as_bytes());
            c.push(0);
        }
        std::fs::write(d.join("cmdline"), c).unwrap();
        std::fs::write(
            d.join("stat"),
            format!("{pid} ({comm}) S {ppid} 1 1 0 -1 4194560"),
        )
        .unwrap();
    }

    #[test]
    fn login_interactive_and_command_shells() {
        let t = std::env::temp_dir().join(format!("goenv-hook-here-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&t);
        fake(&t, 10, "tmux: server", &["tmux"], 1);
        fake(&t, 11, "bash", &["-bash"], 10);
        fake(&t, 12, "zsh", &["zsh", "-il"], 1);
        fake(&t, 13, "bash", &["bash", "-c", "goenv-hook doctor"], 1);
        fake(&t, 14, "dash", &["dash"], 1);
        fake(&t, 15, "python3", &["python3", "x.py"], 1);
        fake(&t, 16, "fish", &["fish", "--login"], 1);
        fake(&t, 17, "bash", &["bash", "script.sh", "-l"], 1);
        fake(&t, 18, "bash", &["bash", "-ic", "goenv-hook doctor"], 1);
        let h = detect_pid(&t, 11).unwrap();
        assert_eq!((h.shell, h.login), (Shell::Bash, true));
        assert_eq!(h.started_by.as_deref(), Some("tmux: server"));
        let h = detect_pid(&t, 12).unwrap();
        assert_eq!((h.shell, h.login), (Shell::Zsh, true));
        assert!(detect_pid(&t, 13).is_none(), "a command shell");
        let h = detect_pid(&t, 14).unwrap();
        assert_eq!(
            (h.shell, h.name.as_str(), h.login),
            (Shell::Posix, "dash", false)
        );
        assert!(detect_pid(&t, 15).is_none());
        assert!(detect_pid(&t, 16).unwrap().login);
        assert!(detect_pid(&t, 17).is_none(), "a script");
        assert!(!detect_pid(&t, 18).unwrap().login, "-i wins over -c");
        assert!(detect_pid(&t, 99).is_none());
        std::fs::remove_dir_all(&t).unwrap();
    }

    /// Options that take a value: their value is not a script. VS Code's
    /// integrated terminal starts bash with `--init-file`, fish with
    /// `--init-command` and pwsh with `-noexit -command`.
    #[test]
    fn option_values_are_not_scripts() {
        let t = std::env::temp_dir().join(format!("goenv-hook-here-v-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&t);
        let cases: &[(&str, &[&str], Option<bool>)] = &[
            (
                "bash",
                &["/bin/bash", "--init-file", "/x/shellIntegration-bash.sh"],
                Some(false),
            ),
            (
                "bash",
                &["bash", "--noprofile", "--rcfile", "/h/.bashrc", "-i"],
                Some(false),
            ),
            (
                "bash",
                &["bash", "-O", "extglob", "-o", "vi", "-l"],
                Some(true),
            ),
            ("bash", &["bash", "--rcfile", "/h/rc", "script.sh"], None),
            ("zsh", &["zsh", "-o", "vi"], Some(false)),
            ("dash", &["dash", "+o", "emacs"], Some(false)),
            (
                "fish",
                &["fish", "--init-command", "source /x/shellIntegration.fish"],
                Some(false),
            ),
            ("fish", &["fish", "-C", "set x 1", "-c", "echo"], None),
            (
                "nu",
                &["nu", "--config", "/c.nu", "--env-config", "/e.nu"],
                Some(false),
            ),
            ("nu", &["nu", "-e", "use x.nu"], Some(false)),
            ("nu", &["nu", "--config", "/c.nu", "-c", "exit"], None),
            (
                "pwsh",
                &["pwsh", "-noexit", "-command", ". '/x/shellIntegration.ps1'"],
                Some(false),
            ),
            (
                "pwsh",
                &["pwsh", "-NoLogo", "-WorkingDirectory", "/p"],
                Some(false),
            ),
            (
                "pwsh",
                &["pwsh", "-Login", "-ExecutionPolicy", "Bypass"],
                Some(true),
            ),
            ("pwsh", &["pwsh", "-Command", "Get-Date"], None),
            ("pwsh", &["pwsh", "script.ps1"], None),
        ];
        for (i, (comm, args, want)) in cases.iter().enumerate() {
            let pid = 100 + i as u32;
            fake(&t, pid, comm, args, 1);
            let got = detect_pid(&t, pid).map(|h| h.login);
            assert_eq!(got, *want, "{args:?}");
        }
        std::fs::remove_dir_all(&t).unwrap();
    }
}
