//! The PowerShell code the Windows-built goenv-hook.exe prints, run under
//! wine. No PowerShell can be had here, so (as for the Linux binary's
//! output in render_lint.rs) every script is parsed with tree-sitter's
//! PowerShell grammar, `init pwsh`'s hook is compared byte for byte with
//! the golden file render_lint.rs checks, and each `Path` the scripts set
//! is judged by the real `go.exe` run with it in wine's cmd.

mod common;

use common::windows::{msi_user, parse_set, win_go, WinPrefix, HOOK_STEP};

/// The value of the last `Set-Item -LiteralPath 'Env:Path' -Value '…'` in
/// `script` (PowerShell's single-quoted string: a quote is doubled).
fn path_set_by(script: &str) -> Option<String> {
    let prefix = "Set-Item -LiteralPath 'Env:Path' -Value '";
    script.lines().rev().find_map(|l| {
        let v = l.strip_prefix(prefix)?.strip_suffix('\'')?;
        Some(v.replace("''", "'"))
    })
}

#[test]
fn windows_binary_pwsh_output_parses_matches_golden_and_sets_a_path_go_runs_with() {
    let w = WinPrefix::new();
    let (g22, g23) = (win_go("1.22"), win_go("1.23"));
    let msi = w.install_msi(&g23);
    let sdk = w.install_sdk(&g22);
    msi_user(&w, &msi);
    w.write(
        r"C:\work\m\go.mod",
        &format!("module m\n\ngo 1.22\n\ntoolchain {}\n", g22.version),
    );
    let r = w.cmd(&format!(
        "set > \"{{out}}\\before\"\n\
         goenv-hook init pwsh > \"{{out}}\\init.ps1\" 2> \"{{out}}\\init.err\"\n\
         {HOOK_STEP}\n\
         cd /d C:\\work\\m\n\
         goenv-hook hook pwsh > \"{{out}}\\hook.ps1\" 2> \"{{out}}\\hook.err\"\n\
         {HOOK_STEP}\n\
         goenv-hook use {v23} pwsh > \"{{out}}\\use.ps1\" 2> \"{{out}}\\use.err\"\n\
         goenv-hook deactivate pwsh > \"{{out}}\\deactivate.ps1\" 2> \"{{out}}\\deactivate.err\"\n",
        v23 = g23.number(),
    ));
    for name in ["init", "hook", "use", "deactivate"] {
        assert_eq!(r.raw(&format!("{name}.err")), "", "{name} pwsh: stderr");
        let text = r.raw(&format!("{name}.ps1"));
        assert!(!text.is_empty(), "{name} pwsh printed nothing");
        assert!(!text.contains('\r'), "{name} pwsh: CR in the output");
        common::pwsh_check(&format!("goenv-hook.exe {name} pwsh"), text.as_bytes());
    }

    // init: the environment block, the exe line, then the hook itself,
    // which is the golden file's byte for byte.
    let init = r.raw("init.ps1");
    let golden = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/pwsh_init.ps1"),
    )
    .unwrap();
    let exe_line = "$global:__goenv_hook_exe = '";
    let hook_of = |s: &str| -> String {
        let at = s.find(exe_line).expect("an exe line");
        let rest = &s[at..];
        rest[rest.find('\n').unwrap() + 1..].to_string()
    };
    assert_eq!(
        hook_of(&init),
        hook_of(&golden),
        "the Windows binary's hook differs from the golden file's"
    );
    assert!(
        init.contains(&format!("{exe_line}{}'\n", w.exe.replace('\'', "''"))),
        "init names the exe as Windows does: {init}"
    );

    // Each Path they set, given to cmd, runs the go they mean.
    let before = parse_set(&r.raw("before"))["PATH"].clone();
    let cases = [
        ("init", g23.version.as_str(), format!(r"{msi}\bin")),
        ("hook", g22.version.as_str(), format!(r"{sdk}\bin")),
        ("use", g23.version.as_str(), format!(r"{msi}\bin")),
    ];
    let mut script = String::new();
    for (name, _, _) in &cases {
        let path = path_set_by(&r.raw(&format!("{name}.ps1"))).unwrap_or_else(|| {
            panic!(
                "{name} pwsh sets no Path:\n{}",
                r.raw(&format!("{name}.ps1"))
            )
        });
        script.push_str(&format!(
            "set \"PATH={path}\"\ncd /d C:\\work\\m\ngo version > \"{{out}}\\{name}.version\" 2>&1\n\
             go env GOROOT > \"{{out}}\\{name}.goroot\" 2>&1\n"
        ));
    }
    let go = w.cmd(&script);
    for (name, version, bin) in &cases {
        assert!(
            go.text(&format!("{name}.version"))
                .starts_with(&format!("go version {version} ")),
            "{name} pwsh's Path: {}",
            go.text(&format!("{name}.version"))
        );
        assert_eq!(
            format!(r"{}\bin", go.text(&format!("{name}.goroot"))),
            *bin,
            "{name} pwsh's Path runs the go of {bin}"
        );
    }

    // deactivate: the Path cmd had before goenv-hook, exactly.
    assert_eq!(
        path_set_by(&r.raw("deactivate.ps1")).as_deref(),
        Some(before.as_str()),
        "deactivate pwsh:\n{}",
        r.raw("deactivate.ps1")
    );
}
