use super::*;

#[test]
fn the_shell_on_windows_is_cmd_or_powershell() {
    use crate::sys::env::EnvSnapshot;
    let w = |pairs: &[(&str, &str)]| {
        shell_from_env(&EnvSnapshot::from_pairs(pairs, r"C:\", Platform::WINDOWS))
    };
    // The Machine value every process inherits: a plain cmd.
    let machine = r"%ProgramFiles%\WindowsPowerShell\Modules;C:\WINDOWS\system32\WindowsPowerShell\v1.0\Modules";
    let machine = machine.replace("%ProgramFiles%", r"C:\Program Files");
    assert_eq!(w(&[]), Some(Shell::Cmd));
    assert_eq!(w(&[("PSModulePath", &machine)]), Some(Shell::Cmd));
    // pwsh 7 and Windows PowerShell 5.1 put the user's directory first.
    let pwsh = format!(
        r"C:\Users\Jo\Documents\PowerShell\Modules;C:\Program Files\PowerShell\Modules;c:\program files\powershell\7\Modules;{machine}"
    );
    assert_eq!(w(&[("PSModulePath", &pwsh)]), Some(Shell::Pwsh));
    let ps51 = format!(r"D:\Docs\WindowsPowerShell\Modules;{machine}");
    assert_eq!(w(&[("PSModulePath", &ps51)]), Some(Shell::Pwsh));
    // Git Bash and MSYS2 set SHELL.
    assert_eq!(
        w(&[("SHELL", "/usr/bin/bash"), ("PSModulePath", &pwsh)]),
        Some(Shell::Bash)
    );
    let u = EnvSnapshot::from_pairs(&[], "/", Platform::UNIX);
    assert_eq!(shell_from_env(&u), None);
}

#[test]
fn names_are_validated() {
    for bad in ["", "1A", "A-B", "A B", "A=B", "$(x)", "É"] {
        let ops = [Op::Unset { name: bad.into() }];
        for shell in Shell::ALL {
            assert!(
                render_env(shell, &ops, Platform::UNIX).is_err(),
                "{shell} {bad:?}"
            );
        }
    }
    assert!(render_env(
        Shell::Bash,
        &[Op::Unset { name: "_a9".into() }],
        Platform::UNIX
    )
    .is_ok());
    let nul = [Op::Set {
        name: "A".into(),
        value: "a\0b".into(),
    }];
    for shell in Shell::ALL {
        assert!(render_env(shell, &nul, Platform::UNIX).is_err());
    }
}

#[test]
fn empty_ops_render_empty() {
    for shell in Shell::ALL {
        assert!(render_env(shell, &[], Platform::UNIX).unwrap().is_empty());
    }
}

#[test]
fn init_embeds_the_quoted_exe_on_line_one() {
    let exe = Path::new("/opt/my tools/it's/goenv-hook");
    let expect = [
        (
            Shell::Bash,
            "__goenv_hook_exe='/opt/my tools/it'\\''s/goenv-hook'",
        ),
        (
            Shell::Zsh,
            "__goenv_hook_exe='/opt/my tools/it'\\''s/goenv-hook'",
        ),
        (
            Shell::Fish,
            "set -g __goenv_hook_exe '/opt/my tools/it\\'s/goenv-hook'",
        ),
        (
            Shell::Pwsh,
            "$global:__goenv_hook_exe = '/opt/my tools/it''s/goenv-hook'",
        ),
        (
            Shell::Cmd,
            "@set \"__goenv_hook_exe=/opt/my tools/it's/goenv-hook\"\r",
        ),
        (
            Shell::Nu,
            "const __goenv_hook_exe = r#'/opt/my tools/it's/goenv-hook'#",
        ),
    ];
    for (shell, line) in expect {
        let out = render_init(shell, exe, b"", Platform::UNIX).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out.lines().next().unwrap(),
            line.trim_end_matches('\r'),
            "{shell}"
        );
        assert!(!out.contains("'goenv-hook'"), "{shell}");
    }
    let env = b"export A='1'\n";
    let out = render_init(Shell::Posix, exe, env, Platform::UNIX).unwrap();
    assert_eq!(out, env);
    let out = render_init(Shell::Bash, exe, env, Platform::UNIX).unwrap();
    assert!(out.starts_with(b"export A='1'\n__goenv_hook_exe="));
    let cmd = render_init(
        Shell::Cmd,
        Path::new(r"C:\a%b\x.exe"),
        b"",
        Platform::WINDOWS,
    )
    .unwrap();
    assert!(cmd.starts_with(b"@set \"__goenv_hook_exe=C:\\a%%b\\x.exe\"\r\n"));
    assert!(!cmd.windows(2).any(|w| w[1] == b'\n' && w[0] != b'\r'));
}
