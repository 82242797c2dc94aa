//! `goenv-hook exec` on Windows: the real goenv-hook.exe in wine's cmd.exe
//! with a real Windows go1.21 (scripts/windows-go.sh) installed where
//! golang.org/dl puts it (`%USERPROFILE%\sdk\go1.21.13`) and not on PATH:
//! in a directory whose `.go-version` asks for 1.21, `exec -- go version`
//! runs it (the command is looked up on the selected PATH); the command's
//! exit code comes back through `%ERRORLEVEL%`; a command not found is 127.

mod common;

use common::windows::{win_go, WinPrefix};

#[test]
fn exec_runs_the_selected_go_and_passes_the_exit_code() {
    let w = WinPrefix::new();
    let g21 = win_go("1.21");
    let sdk = w.install_sdk(&g21);
    w.write(r"C:\src\p\.go-version", "1.21\n");
    let r = w.cmd(&format!(
        "cd /d C:\\src\\p\n\
         \"{exe}\" exec -- go version > \"{{out}}\\version\" 2> \"{{out}}\\version.err\"\n\
         \"{exe}\" exec go env GOROOT > \"{{out}}\\goroot\" 2>&1\n\
         \"{exe}\" exec -- cmd /c exit 42\n\
         echo %ERRORLEVEL%> \"{{out}}\\rc42\"\n\
         \"{exe}\" exec --dir C:\\ -- cmd /c cd > \"{{out}}\\cd\" 2>&1\n\
         \"{exe}\" exec -- no-such-command-xyz 2> \"{{out}}\\nf.err\"\n\
         echo %ERRORLEVEL%> \"{{out}}\\rc-nf\"\n",
        exe = w.exe
    ));
    assert_eq!(
        r.text("version"),
        format!("go version {} windows/amd64", g21.version),
        "{}",
        r.raw("version.err")
    );
    assert_eq!(r.text("goroot"), sdk);
    assert_eq!(r.text("rc42"), "42");
    assert_eq!(r.text("cd"), r"C:\");
    assert_eq!(r.text("rc-nf"), "127");
    assert!(
        r.text("nf.err").contains("command not found"),
        "{}",
        r.raw("nf.err")
    );
}
