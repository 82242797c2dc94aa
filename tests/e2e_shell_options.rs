//! The hook beside the shell options and variable shapes users' rc files
//! set before the init line, in real interactive bash and zsh, judged by the
//! real `go` and the shell: `go version` names the project's Go inside a
//! project and the system's outside, a pipeline's statuses survive, and
//! `goenv-hook deactivate` gives back the PATH and the user's hooks with
//! nothing printed on stderr at start-up, at any prompt or after deactivate.
//!
//! bash: `set -u`; an empty array `PROMPT_COMMAND` (`PROMPT_COMMAND=()`,
//! `declare -a PROMPT_COMMAND`), with and without `set -u`, before an element
//! the user adds after init (init took it for an unset string, and deactivate
//! then left the hook's lines behind: "command not found" at every prompt);
//! POSIX mode (`set -o posix` refuses a function named `goenv-hook`);
//! `failglob`/`nullglob`/`extglob`, `noclobber`/`noglob`, `IFS=:`.
//! zsh: `ksh_arrays` (the install kept only the first of the user's
//! `precmd_functions`), with `nounset` (the install stopped at "parameter not
//! set"), `warn_create_global` (a warning for each array the hook's output
//! assigns), `sh_word_split`, `no_aliases`, `emulate sh`.

mod common;

use common::{exe, go_root, interactive_bash, interactive_zsh, q, run_piped, Sandbox};

struct Fx {
    sb: Sandbox,
    path: String,
}

impl Fx {
    fn new() -> Fx {
        let sb = Sandbox::new();
        go_root("1.22");
        let path = format!("{}:/usr/bin:/bin", go_root("1.23").join("bin").display());
        let proj = sb.home().join("proj");
        std::fs::create_dir_all(&proj).unwrap();
        std::fs::write(proj.join("go.mod"), "module p\n\ngo 1.22\n").unwrap();
        Fx { sb, path }
    }
}

/// The session typed into each shell; `hooks` prints the shell's hook
/// variable after deactivate, `pipe` the pipeline's statuses.
fn session(pipe: &str, hooks: &str) -> String {
    [
        "go version",
        "cd proj",
        "go version",
        "false | (exit 3) | true",
        &format!("echo \"pipe {pipe}\""),
        "cd ..",
        "go version",
        "goenv-hook deactivate",
        &format!("echo \"hooks {hooks}\""),
        "echo \"path $PATH\"",
        "go version",
        "exit",
    ]
    .join("\n")
        + "\n"
}

/// What the session must print, the user's hooks left being `hooks`.
fn expect(fx: &Fx, hooks: &str) -> String {
    let v = |m: &str| {
        let out = std::process::Command::new(go_root(m).join("bin/go"))
            .arg("version")
            .env_clear()
            .env("HOME", fx.sb.home())
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let (v22, v23) = (v("1.22"), v("1.23"));
    assert!(
        v22.contains("go1.22") && v23.contains("go1.23"),
        "{v22}{v23}"
    );
    format!(
        "{v23}{v22}pipe 1 3 0\n{v23}hooks {hooks}\npath {}\n{v23}",
        fx.path
    )
}

fn check(what: &str, out: &str, err: &str, want: &str) {
    // An interactive shell without a terminal says so; nothing else may
    // appear (the prompts are empty).
    let err: Vec<&str> = err
        .lines()
        .filter(|l| {
            !l.contains("cannot set terminal process group")
                && !l.contains("no job control in this shell")
                && l.trim() != "exit"
                && !l.trim().is_empty()
        })
        .collect();
    assert!(
        err.is_empty(),
        "{what}: stderr:\n{}\nstdout:\n{out}",
        err.join("\n")
    );
    assert_eq!(out, want, "{what}");
}

/// `declare -p PROMPT_COMMAND` after deactivate: none was set (the string
/// form taken out leaves an empty string), an empty array, the user's element.
const NONE: &str = "declare -- PROMPT_COMMAND=\"\"";
const EMPTY: &str = "declare -a PROMPT_COMMAND=()";
const USER: &str = "declare -a PROMPT_COMMAND=([0]=\"user\")";

fn bash(pre: &str, post: &str, hooks_left: &str) {
    let fx = Fx::new();
    let rc = format!(
        "PS1= PS2=\n{pre}\neval \"$({} init bash)\"\n{post}\n",
        q(&exe())
    );
    let c = interactive_bash(&fx.sb, &fx.path, &["--noediting"], &rc);
    let (out, err) = run_piped(
        c,
        &session("${PIPESTATUS[@]}", "$(declare -p PROMPT_COMMAND)"),
    );
    check(
        &format!("bash: {pre} / {post}"),
        &out,
        &err,
        &expect(&fx, hooks_left),
    );
}

#[test]
fn bash_nounset() {
    bash("set -u", "", NONE);
}

#[test]
fn bash_empty_array_prompt_command() {
    bash("PROMPT_COMMAND=()", "", EMPTY);
    bash("declare -a PROMPT_COMMAND", "", EMPTY);
}

#[test]
fn bash_empty_array_prompt_command_with_an_element_added_after_init() {
    bash(
        "user() { :; }; PROMPT_COMMAND=()",
        "PROMPT_COMMAND+=(user)",
        USER,
    );
}

#[test]
fn bash_empty_array_prompt_command_under_nounset() {
    bash("set -u; PROMPT_COMMAND=()", "", EMPTY);
    bash(
        "set -u; user() { :; }; PROMPT_COMMAND=()",
        "PROMPT_COMMAND+=(user)",
        USER,
    );
}

#[test]
fn bash_posix_mode() {
    bash("set -o posix", "", NONE);
    bash(
        "set -o posix",
        "[[ $(type -t goenv-hook) == function && :$SHELLOPTS: == *:posix:* ]] || echo wrong >&2",
        NONE,
    );
}

#[test]
fn bash_glob_and_word_options() {
    bash("shopt -s failglob nullglob extglob", "", NONE);
    bash("set -o noclobber -o noglob", "", NONE);
    bash(
        "user() { :; }; PROMPT_COMMAND='user'; IFS=:",
        "",
        "declare -- PROMPT_COMMAND=\"user\"",
    );
}

fn zsh(pre: &str, hooks_left: &str) {
    let fx = Fx::new();
    let rc = format!(
        "PS1= PS2= RPS1= PROMPT_EOL_MARK=\n{pre}\neval \"$({} init zsh)\"\n",
        q(&exe())
    );
    let c = interactive_zsh(&fx.sb, &fx.path, &rc);
    let (out, err) = run_piped(
        c,
        &session(
            "${pipestatus[@]}",
            "${precmd_functions[*]-}|${chpwd_functions[*]-}",
        ),
    );
    check(&format!("zsh: {pre}"), &out, &err, &expect(&fx, hooks_left));
}

#[test]
fn zsh_ksh_arrays_keeps_every_precmd_function() {
    zsh(
        "setopt ksh_arrays; a() { :; }; b() { :; }; precmd_functions=(a b); chpwd_functions=(b a)",
        "a b|b a",
    );
}

#[test]
fn zsh_ksh_arrays_with_nounset() {
    zsh("setopt ksh_arrays nounset", "|");
}

#[test]
fn zsh_warn_create_global() {
    zsh("setopt warn_create_global", "|");
}

#[test]
fn zsh_word_split_no_aliases_emulate_sh() {
    zsh("setopt sh_word_split no_aliases nounset", "|");
    zsh("emulate sh", "|");
}
