use super::*;
use crate::facts::startup::HookHint;

#[test]
fn init_line_detection() {
    assert!(is_init_line("eval \"$(goenv-hook init bash)\""));
    assert!(is_init_line(
        "eval \"$(/usr/local/bin/goenv-hook init zsh)\""
    ));
    assert!(is_init_line("goenv-hook init fish | source"));
    assert!(is_init_line(
        "Invoke-Expression (& 'C:\\x\\goenv-hook.exe' init pwsh | Out-String)"
    ));
    assert!(is_init_line("eval \"$(goenv-hook hook bash)\""));
    assert!(!is_init_line("echo goenv-hook-init"));
    assert!(!is_init_line("goenv-hook init nu | save -f goenv.nu"));
    assert!(!is_init_line("alias g=goenv-hook"));
    assert!(nu_init_line(
        "source ($nu.default-config-dir | path join goenv.nu)"
    ));
    assert!(nu_init_line("plugin use goenv"));
    assert!(!nu_init_line("source ~/other.nu"));
}

#[test]
fn assignments_tell_an_export() {
    let text = "PROMPT_COMMAND=mine\nexport A=1\nB=1; export B\ndeclare -x C=1\nPATH=/g:$PATH\n";
    let got = assignments(Shell::Bash, text);
    let got: Vec<(&str, bool)> = got.iter().map(|a| (a.name.as_str(), a.exported)).collect();
    assert_eq!(
        got,
        [
            ("PROMPT_COMMAND", false),
            ("A", true),
            ("B", true),
            ("C", true),
            ("PATH", false)
        ]
    );
    let fish = assignments(
        Shell::Fish,
        "set -g X 1\nset -gx GOPATH /g\nset -g PATH /g $PATH\n",
    );
    let fish: Vec<(&str, bool)> = fish.iter().map(|a| (a.name.as_str(), a.exported)).collect();
    assert_eq!(fish, [("GOPATH", true), ("PATH", false)]);
}

#[test]
fn assignment_detection() {
    let names = |sh: Shell, t: &str| -> Vec<(String, usize)> {
        assignments(sh, t)
            .into_iter()
            .map(|a| (a.name, a.line))
            .collect()
    };
    let n = |v: &[(&str, usize)]| -> Vec<(String, usize)> {
        v.iter().map(|(a, b)| (a.to_string(), *b)).collect()
    };
    assert_eq!(
            names(
                Shell::Bash,
                "# export GOPATH=/x\nexport GOPATH=$HOME/go\nGOBIN=/b; export GOBIN\nGOFLAGS=-v go build\n[ -d /g ] && PATH=/g/bin:$PATH\ndeclare -x GOROOT=/r\ndeclare n=1\nif true; then export GOTOOLCHAIN=local; fi\n"
            ),
            n(&[
                ("GOPATH", 2),
                ("GOBIN", 3),
                ("PATH", 5),
                ("GOROOT", 6),
                ("GOTOOLCHAIN", 8)
            ])
        );
    assert_eq!(
        names(Shell::Zsh, "path=(/g/bin $path)\ntypeset -gx GOPATH=/p\n"),
        n(&[("PATH", 1), ("GOPATH", 2)])
    );
    assert_eq!(
            names(
                Shell::Fish,
                "set -gx GOPATH ~/go\nset -g notexported 1\nset -q GOBIN\nfish_add_path /g/bin\nset PATH /x $PATH\nif status is-interactive; and set --export GOFLAGS -v; end\n"
            ),
            n(&[("GOPATH", 1), ("PATH", 4), ("PATH", 5), ("GOFLAGS", 6)])
        );
    assert_eq!(
            names(
                Shell::Nu,
                "$env.GOPATH = '/p'\n$env.PATH = ($env.PATH | prepend '/g/bin')\n$env.GOBIN\npath add /x\n"
            ),
            n(&[("GOPATH", 1), ("PATH", 2), ("PATH", 4)])
        );
    assert_eq!(
            names(
                Shell::Pwsh,
                "$env:GOPATH = 'C:\\p'\n$Env:Path += ';C:\\g'\n[Environment]::SetEnvironmentVariable('GOBIN', 'x')\n$env:GOROOT\n"
            ),
            n(&[("GOPATH", 1), ("Path", 2), ("GOBIN", 3)])
        );
}

#[test]
fn source_detection() {
    assert_eq!(
        source_targets("[ -f ~/.bashrc ] && . ~/.bashrc"),
        ["~/.bashrc"]
    );
    assert_eq!(
        source_targets("if [ -f \"$HOME/.bashrc\" ]; then . \"$HOME/.bashrc\"; fi"),
        ["$HOME/.bashrc"]
    );
    assert_eq!(
        source_targets("source ${HOME}/.bashrc"),
        ["${HOME}/.bashrc"]
    );
    assert!(source_targets("cd . && ls").is_empty());
}

#[test]
fn hook_hint_parse() {
    let h = HookHint::parse("bash:__goenv_hook;__vte_prompt_command");
    assert_eq!(h.shell, Some(Shell::Bash));
    assert!(h.registered);
    let h = HookHint::parse("zsh:_starship_precmd");
    assert!(!h.registered);
    let h = HookHint::parse("nonsense:x:y");
    assert_eq!(h.shell, None);
    assert_eq!(h.text, "nonsense:x:y");
}
