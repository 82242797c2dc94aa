//! Every status a prompt can show survives goenv-hook's hook, in real
//! interactive bash, zsh and fish: `$?` and `PIPESTATUS` in bash (string and
//! array `PROMPT_COMMAND`, and bash-preexec's `precmd_functions` with its
//! `BP_PIPESTATUS`), `$?` and `$pipestatus` in zsh, `$status` and
//! `$pipestatus` in fish. Observers of the user's, placed before and after
//! goenv-hook's hook, and the prompt itself (PS1 / fish_prompt) record what
//! they see after each command: pipelines of 2, 3 and 10 commands, a command
//! killed by a signal, `pipefail`, in prompts where the hook takes its fast
//! path (no process) and in prompts where it runs goenv-hook (the slow path:
//! a `cd` into and out of a project, a pin set and removed). A wrapper around
//! the executable writes `H` into the same log, so the log shows in which
//! prompts the hook really ran.

mod common;

use common::{
    exe, go_root, interactive_bash, interactive_zsh, q, require, run_piped, Sandbox, SYSTEM_PATH,
};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// One command line of the session and what every observer must see after
/// it: `$?`, the pipeline's statuses, whether the hook ran goenv-hook in this
/// prompt (slow path), and the toolchain in front of PATH afterwards.
struct Step {
    bash: String,
    zsh: String,
    fish: String,
    status: &'static str,
    pipe: &'static str,
    /// fish's `$status $pipestatus` when they differ (no pipefail)
    fish_status: Option<(&'static str, &'static str)>,
    slow: bool,
    go: &'static str,
}

struct Fx {
    sb: Sandbox,
    path: String,
    out: PathBuf,
    wrapper: PathBuf,
    proj: PathBuf,
}

impl Fx {
    fn new() -> Fx {
        let sb = Sandbox::new();
        for v in ["1.21", "1.22", "1.23"] {
            go_root(v);
        }
        let path = format!("/usr/lib/go-1.23/bin:{SYSTEM_PATH}");
        let out = sb.path().join("out");
        // The executable, wrapped so that each run of the slow path leaves an
        // `H` in the observers' log.
        let wrapper = sb.path().join("bin/goenv-hook-logged");
        std::fs::write(
            &wrapper,
            format!(
                "#!/bin/sh\necho H >> {}\nexec {} \"$@\"\n",
                q(&out),
                q(&exe())
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
        let proj = sb.home().join("proj");
        std::fs::create_dir_all(&proj).unwrap();
        std::fs::write(proj.join("go.mod"), "module p\n\ngo 1.21\n").unwrap();
        // The fast path treats files modified less than 2 s before its last
        // run as possibly changed: age what it watches, so that every prompt
        // without a change of directory or variable takes the fast path.
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for p in [proj.join("go.mod"), proj.clone(), sb.home()] {
            std::fs::File::open(&p).unwrap().set_modified(old).unwrap();
        }
        Fx {
            sb,
            path,
            out,
            wrapper,
            proj,
        }
    }

    /// The init line for `sh`, then the hook pointed at the logging wrapper.
    fn init(&self, sh: &str) -> String {
        format!(
            "eval \"$({exe} init {sh})\"\n__goenv_hook_exe={wrapper}\n",
            exe = q(&exe()),
            wrapper = q(&self.wrapper)
        )
    }

    /// Runs an interactive bash with `rc` on `session`; its stderr.
    fn bash(&self, rc: &str, session: &str) -> String {
        run_piped(interactive_bash(&self.sb, &self.path, &[], rc), session).1
    }

    fn steps(&self) -> Vec<Step> {
        let proj = q(&self.proj);
        let long_sh: Vec<String> = (2..=10).map(|i| format!("(exit {i})")).collect();
        let long_fish: Vec<String> = (2..=10).map(|i| format!("sh -c 'exit {i}'")).collect();
        let same = |s: &str| (s.to_string(), s.to_string());
        let mut steps = vec![];
        let mut step = |b: (String, String), fish: String, status, pipe, slow, go| {
            steps.push(Step {
                bash: b.0,
                zsh: b.1,
                fish,
                status,
                pipe,
                fish_status: None,
                slow,
                go,
            })
        };
        step(
            same(&format!("cd {proj}; true | false | (exit 3)")),
            format!("cd {proj}; true | false | sh -c 'exit 3'"),
            "3",
            "0 1 3",
            true,
            "1.21",
        );
        step(
            same("true | (exit 5) | true"),
            "true | sh -c 'exit 5' | true".into(),
            "0",
            "0 5 0",
            false,
            "1.21",
        );
        step(
            same("export GOENV_HOOK_GO=1.22; (exit 6) | true"),
            "set -gx GOENV_HOOK_GO 1.22; sh -c 'exit 6' | true".into(),
            "0",
            "6 0",
            true,
            "1.22",
        );
        step(same("false"), "false".into(), "1", "1", false, "1.22");
        step(
            same("cd ..; sh -c 'exit 7'"),
            "cd ..; sh -c 'exit 7'".into(),
            "7",
            "7",
            true,
            "1.22",
        );
        step(
            same(&format!(
                "unset GOENV_HOOK_GO; {} | true",
                long_sh.join(" | ")
            )),
            format!("set -e GOENV_HOOK_GO; {} | true", long_fish.join(" | ")),
            "0",
            "2 3 4 5 6 7 8 9 10 0",
            true,
            "1.23",
        );
        step(
            same("sh -c 'kill -TERM $$' | (exit 1)"),
            "sh -c 'kill -TERM $$' | sh -c 'exit 1'".into(),
            "1",
            "143 1",
            false,
            "1.23",
        );
        // pipefail: `$?` is the last failing command's (fish has no pipefail).
        step(
            (
                "set -o pipefail; true | (exit 3) | true".into(),
                "setopt pipefail; true | (exit 3) | true".into(),
            ),
            "false | true".into(),
            "3",
            "0 3 0",
            false,
            "1.23",
        );
        steps.last_mut().unwrap().fish_status = Some(("0", "1 0"));
        steps.push(Step {
            bash: "true".into(),
            zsh: "true".into(),
            fish: "true".into(),
            status: "0",
            pipe: "0",
            fish_status: None,
            slow: false,
            go: "1.23",
        });
        steps
    }
}

/// The log as prompts: each block ends with the prompt's own `P` line; the
/// first block is the prompt before the first command. fish draws a prompt
/// again (and so writes its `P` line again) when typed-ahead input is
/// echoed: a `P` line right after another is that repaint.
fn blocks(out: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(out).unwrap_or_default();
    let mut blocks: Vec<Vec<String>> = vec![];
    let mut cur = vec![];
    let mut last_p = false;
    for l in text.lines() {
        let p = l.starts_with("P ");
        if p && last_p {
            continue;
        }
        last_p = p;
        cur.push(l.to_string());
        if p {
            blocks.push(std::mem::take(&mut cur));
        }
    }
    blocks
}

/// Checks every observer line (`TAG status pipestatus… PATH[0]`) of every
/// prompt against the step; `tags` must each appear once per prompt. The
/// observers in `before` run ahead of the hook, so they see PATH as it was.
fn check(what: &str, fx: &Fx, tags: &[&str], before: &[&str], err: &str) {
    let steps = fx.steps();
    let got = blocks(&fx.out);
    let log = std::fs::read_to_string(&fx.out).unwrap_or_default();
    assert_eq!(
        got.len(),
        steps.len() + 1,
        "{what}: one block per prompt expected:\n{log}\nstderr:\n{err}"
    );
    for (i, (block, step)) in got[1..].iter().zip(&steps).enumerate() {
        let ctx = format!(
            "{what}: after command {} `{}`:\n{}\n--- whole log ---\n{log}\nstderr:\n{err}",
            i + 1,
            step.bash,
            block.join("\n")
        );
        let hooks = block.iter().filter(|l| *l == "H").count();
        if step.slow {
            assert!(hooks >= 1, "slow path expected: {ctx}");
        } else {
            assert_eq!(hooks, 0, "fast path expected: {ctx}");
        }
        for tag in tags {
            let lines: Vec<&String> = block
                .iter()
                .filter(|l| l.split(' ').next() == Some(tag))
                .collect();
            assert_eq!(lines.len(), 1, "observer {tag}: {ctx}");
            let words: Vec<&str> = lines[0].split(' ').collect();
            let (status, pipe, path0) = (
                words[1],
                words[2..words.len() - 1].join(" "),
                words[words.len() - 1],
            );
            let want = match step.fish_status {
                Some(f) if what == "fish" => f,
                _ => (step.status, step.pipe),
            };
            assert_eq!((status, pipe.as_str()), want, "observer {tag}: {ctx}");
            if !before.contains(tag) {
                assert_eq!(
                    path0,
                    format!("/usr/lib/go-{}/bin", step.go),
                    "observer {tag}: {ctx}"
                );
            }
        }
    }
    assert!(
        !err.contains("goenv-hook:"),
        "{what}: the hook complained:\n{err}"
    );
}

/// The session's input for bash or zsh.
fn input(steps: &[Step], zsh: bool) -> String {
    let mut s: String = steps
        .iter()
        .map(|st| format!("{}\n", if zsh { &st.zsh } else { &st.bash }))
        .collect();
    s.push_str("exit\n");
    s
}

/// bash's observers: `obs TAG` records `$?`, `PIPESTATUS` (or bash-preexec's
/// copy, `BP_PIPESTATUS`, with `obs_bp`) and PATH's first entry; PS1 records
/// the prompt's own view (`P`).
fn bash_observers(out: &Path) -> String {
    format!(
        r#"obs() {{ local s=$? p=("${{PIPESTATUS[@]}}"); echo "$1 $s ${{p[*]}} ${{PATH%%:*}}" >> {out}; }}
obs_bp() {{ local s=$? p=("${{BP_PIPESTATUS[@]}}"); echo "$1 $s ${{p[*]}} ${{PATH%%:*}}" >> {out}; }}
obs_bp_B() {{ obs_bp B; }}
obs_bp_A() {{ obs_bp A; }}
PS1='$(echo "P $? ${{PIPESTATUS[*]}} ${{PATH%%:*}}" >> {out})$ '
"#,
        out = q(out)
    )
}

/// A stand-in for bash-preexec, which Debian bookworm does not package: the
/// part goenv-hook meets, shaped like bash-preexec 0.6. It marks itself
/// loaded (`bash_preexec_imported`, `__bp_imported`), owns PROMPT_COMMAND,
/// and runs `precmd_functions`, setting `$?` before each to the last
/// command's status and keeping the pipeline's statuses in `BP_PIPESTATUS`.
const BASH_PREEXEC_STAND_IN: &str = r#"bash_preexec_imported=defined
__bp_imported=defined
precmd_functions=()
__bp_set_ret_value() { return ${1:+"$1"}; }
__bp_precmd_invoke_cmd() {
	__bp_last_ret_value=$? BP_PIPESTATUS=("${PIPESTATUS[@]}")
	local f
	for f in "${precmd_functions[@]}"; do
		if type -t "$f" >/dev/null; then
			__bp_set_ret_value "$__bp_last_ret_value"
			"$f"
		fi
	done
	__bp_set_ret_value "$__bp_last_ret_value"
}
PROMPT_COMMAND=__bp_precmd_invoke_cmd
"#;

/// Runs an interactive bash whose rc is `pre`, the init line, then `post`.
fn bash(what: &str, pre: &str, post: &str, tags: &[&str], before: &[&str]) {
    let fx = Fx::new();
    let rc = format!(
        "{obs}{pre}\n{init}{post}\n",
        obs = bash_observers(&fx.out),
        init = fx.init("bash"),
    );
    let err = fx.bash(&rc, &input(&fx.steps(), false));
    check(what, &fx, tags, before, &err);
}

#[test]
fn bash_string_prompt_command_set_before_init_runs_after_the_hook() {
    bash(
        "bash, string, user's command set before init",
        "PROMPT_COMMAND='obs A'",
        "",
        &["A", "P"],
        &[],
    );
}

#[test]
fn bash_string_prompt_command_appended_after_init() {
    // starship's way of adding itself to a string PROMPT_COMMAND.
    bash(
        "bash, string, user's command appended after init",
        "",
        "PROMPT_COMMAND=\"${PROMPT_COMMAND%;};obs A;\"",
        &["A", "P"],
        &[],
    );
}

#[test]
fn bash_string_prompt_command_prepended_after_init_runs_before_the_hook() {
    bash(
        "bash, string, user's command prepended after init",
        "",
        "PROMPT_COMMAND=\"obs B;$PROMPT_COMMAND\"",
        &["B", "P"],
        &["B"],
    );
}

#[test]
fn bash_array_prompt_command_before_and_after_the_hook() {
    bash(
        "bash, array",
        "PROMPT_COMMAND=('obs A')",
        "PROMPT_COMMAND=('obs B' \"${PROMPT_COMMAND[@]}\")",
        &["B", "A", "P"],
        &["B"],
    );
}

#[test]
fn bash_preexec_precmd_functions_before_and_after_the_hook() {
    bash(
        "bash, bash-preexec stand-in",
        &format!("{BASH_PREEXEC_STAND_IN}precmd_functions+=(obs_bp_A)"),
        "precmd_functions=(obs_bp_B \"${precmd_functions[@]}\")",
        &["B", "A", "P"],
        &["B"],
    );
}

#[test]
fn zsh_precmd_functions_before_and_after_the_hook() {
    let fx = Fx::new();
    let rc = format!(
        r#"obs() {{ local s=$? p=($pipestatus); print -r -- "$1 $s $p $path[1]" >> {out}; }}
obs_B() {{ obs B; }}
obs_A() {{ obs A; }}
precmd_functions=(obs_B)
eval "$({exe} init zsh)"
__goenv_hook_exe={wrapper}
precmd_functions+=(obs_A)
setopt prompt_subst
PS1='$(print -r -- "P $? $pipestatus $path[1]" >> {out})$ '
"#,
        out = q(&fx.out),
        exe = q(&exe()),
        wrapper = q(&fx.wrapper),
    );
    let c = interactive_zsh(&fx.sb, &fx.path, &rc);
    let (_, err) = run_piped(c, &input(&fx.steps(), true));
    check("zsh", &fx, &["B", "A", "P"], &["B"], &err);
}

#[test]
fn fish_prompt_handlers_before_and_after_the_hook_under_a_pty() {
    let fx = Fx::new();
    let ready = fx.sb.path().join("ready");
    let conf = fx.sb.home().join(".config/fish/config.fish");
    std::fs::create_dir_all(conf.parent().unwrap()).unwrap();
    std::fs::write(
        &conf,
        format!(
            r#"function obs
    echo $argv[1] $argv[2..-1] $PATH[1] >> {out}
end
function obs_B --on-event fish_prompt
    set -l sp $status $pipestatus
    obs B $sp
end
{exe} init fish | source
set -g __goenv_hook_exe {wrapper}
function obs_A --on-event fish_prompt
    set -l sp $status $pipestatus
    obs A $sp
end
function fish_prompt
    set -l sp $status $pipestatus
    obs P $sp
    echo '$ '
end
touch {ready}
"#,
            out = q(&fx.out),
            exe = q(&exe()),
            wrapper = q(&fx.wrapper),
            ready = q(&ready),
        ),
    )
    .unwrap();
    // fish runs prompts only when it reads from a terminal: `script` gives it
    // a pty; the session is typed once it is ready.
    let mut c = fx.sb.command(require("script"), &fx.path);
    c.args(["-qec", "fish -i", "/dev/null"]);
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let t0 = std::time::Instant::now();
    while !ready.exists() {
        assert!(t0.elapsed().as_secs() < 20, "fish did not start");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let mut stdin = child.stdin.take().unwrap();
    let mut s: String = fx
        .steps()
        .iter()
        .map(|st| format!("{}\n", st.fish))
        .collect();
    s.push_str("exit\n");
    stdin.write_all(s.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "fish: {}\n{err}", out.status);
    // In fish the `P` line is written by fish_prompt, which runs after the
    // fish_prompt event handlers. goenv-hook's prompt handler is defined at
    // the first prompt, after every handler defined at start-up (so it sees
    // what direnv and the like did at the same prompt): `A`, defined after
    // init but before the first prompt, runs before it too.
    check("fish", &fx, &["B", "A", "P"], &["B", "A"], &err);
}

/// `deactivate` takes both lines of the string form out of PROMPT_COMMAND
/// (leaving the user's command exactly as it was) and removes the status
/// function and the alias a pipeline left; the user's command then sees the
/// statuses from bash itself.
#[test]
fn bash_deactivate_removes_the_status_line_and_alias() {
    let fx = Fx::new();
    let rc = fx.sb.path().join("bashrc");
    let decl = fx.sb.path().join("decl");
    std::fs::write(
        &rc,
        format!(
            "{obs}PROMPT_COMMAND='obs A'\neval \"$({exe} init bash)\"\n",
            obs = bash_observers(&fx.out),
            exe = q(&exe()),
        ),
    )
    .unwrap();
    let session = format!(
        "true | (exit 4)\neval \"$({exe} deactivate bash)\"; declare -p PROMPT_COMMAND > {decl}; alias >> {decl}; declare -F >> {decl}\n(exit 2) | true\nexit\n",
        exe = q(&exe()),
        decl = q(&decl),
    );
    let mut c = fx.sb.command(require("bash"), &fx.path);
    c.args(["--noprofile", "--rcfile"]).arg(&rc).arg("-i");
    let (_, err) = run_piped(c, &session);
    let decl = std::fs::read_to_string(&decl).unwrap();
    assert_eq!(
        decl.lines().next(),
        Some("declare -- PROMPT_COMMAND=\"obs A\""),
        "{decl}\n{err}"
    );
    assert!(!decl.contains("__goenv_hook"), "{decl}\n{err}");
    let got: Vec<Vec<String>> = blocks(&fx.out);
    let a = |i: usize| got[i].iter().find(|l| l.starts_with("A ")).cloned();
    assert!(
        a(1).is_some_and(|l| l.starts_with("A 4 0 4 ")),
        "{got:?}\n{err}"
    );
    assert!(
        a(3).is_some_and(|l| l.starts_with("A 0 2 0 ")),
        "{got:?}\n{err}"
    );
}

/// The session of the trap tests: failed commands, a pipeline whose last
/// command fails, one whose middle one does, prompts on the fast path and on
/// the slow path (`cd` into the go 1.21 project and out).
fn trap_session(fx: &Fx) -> String {
    format!(
        "false\ncd {}\n(exit 3)\ntrue | (exit 4) | true\ntrue | sh -c 'exit 5'\ncd ..\ntrue\nexit\n",
        q(&fx.proj)
    )
}

/// The lines an error trap wrote during the session, with and without
/// goenv-hook's init in the same rc (`{init}` in `rc` is the init line or
/// nothing), and the stderr of each run.
type TrapRun = (Vec<String>, String);
fn trap_runs(zsh: bool, rc: &str) -> (TrapRun, TrapRun) {
    let run = |with: bool| {
        let fx = Fx::new();
        let init = if with {
            fx.init(if zsh { "zsh" } else { "bash" })
        } else {
            String::new()
        };
        let rc = rc.replace("{out}", &q(&fx.out)).replace("{init}", &init);
        let c = if zsh {
            interactive_zsh(&fx.sb, &fx.path, &rc)
        } else {
            interactive_bash(&fx.sb, &fx.path, &[], &rc)
        };
        let (_, err) = run_piped(c, &trap_session(&fx));
        let log = std::fs::read_to_string(&fx.out).unwrap_or_default();
        let traps: Vec<String> = log
            .lines()
            .filter(|l| l.starts_with("ERR "))
            .map(String::from)
            .collect();
        // The slow path ran (the wrapper logs `H`): the hook was there.
        assert_eq!(with, log.contains("H\n"), "{rc}\n{log}\n{err}");
        (traps, err)
    };
    (run(false), run(true))
}

/// A user's ERR trap (and `set -E`, which lets functions run it) sees each
/// failed command once, as without goenv-hook, when nothing of another tool
/// needs the statuses given back: goenv-hook's functions return 0, and bash
/// itself gives `$?` and `PIPESTATUS` back to `PS1` and to each element of an
/// array `PROMPT_COMMAND`. In a string `PROMPT_COMMAND` with a command of
/// the user's after a status line, that line must fail as the user's command
/// did, and the trap runs once more for it (as it does for bash-preexec's
/// `$?` restore).
#[test]
fn bash_err_trap_runs_once_per_failed_command() {
    let trap = "trap 'echo \"ERR $? $BASH_COMMAND\" >> {out}' ERR\n";
    // Failed prompts in the session: `false`, `(exit 3)` and `sh -c 'exit 5'`.
    let failed = 3;
    for (what, rc, extra) in [
        ("alone", format!("{trap}{{init}}\n"), 0),
        ("alone, set -E", format!("set -E\n{trap}{{init}}\n"), 0),
        (
            "array PROMPT_COMMAND, before and after",
            format!("{trap}PROMPT_COMMAND=(':')\n{{init}}\nPROMPT_COMMAND+=('true')\n"),
            0,
        ),
        (
            "bash-preexec stand-in",
            format!("{trap}{BASH_PREEXEC_STAND_IN}precmd_functions+=(:)\n{{init}}\n"),
            0,
        ),
        (
            "string PROMPT_COMMAND prepended after init",
            format!("{trap}{{init}}\nPROMPT_COMMAND=\":;$PROMPT_COMMAND\"\n"),
            0,
        ),
        (
            "string PROMPT_COMMAND set before init",
            format!("{trap}PROMPT_COMMAND=':'\n{{init}}\n"),
            failed,
        ),
        (
            "string PROMPT_COMMAND appended after init",
            format!("{trap}{{init}}\nPROMPT_COMMAND=\"${{PROMPT_COMMAND%;}};true;\"\n"),
            failed,
        ),
    ] {
        let ((without, _), (with, err)) = trap_runs(false, &rc);
        // bash-preexec's own `$?` restore runs it once more already.
        assert!(
            without.len() >= failed,
            "{what}: without goenv-hook: {without:?}"
        );
        assert_eq!(
            with.len(),
            without.len() + extra,
            "{what}:\nwithout goenv-hook: {without:?}\nwith it: {with:?}\nstderr:\n{err}"
        );
        assert!(!err.contains("goenv-hook:"), "{what}:\n{err}");
    }
}

/// zsh gives `$?` back after each hook function itself: goenv-hook's hook
/// returns 0, so a TRAPZERR, `print_exit_value` and `err_return` see each
/// failed command once, as without goenv-hook.
#[test]
fn zsh_zerr_trap_runs_once_per_failed_command() {
    let rc = "TRAPZERR() { print -r -- \"ERR $?\" >> {out}; }\n\
              setopt print_exit_value err_return\n\
              precmd_functions=(true)\n{init}\nprecmd_functions+=(true)\n";
    let ((without, err0), (with, err)) = trap_runs(true, rc);
    assert_eq!(without.len(), 3, "without goenv-hook: {without:?}");
    assert_eq!(with, without, "stderr:\n{err}");
    let exits = |e: &str| e.matches("zsh: exit").count();
    assert!(!err.contains("goenv-hook:"), "{err}");
    assert!(
        exits(&err0) > 0,
        "print_exit_value printed nothing:\n{err0}"
    );
    assert_eq!(
        exits(&err),
        exits(&err0),
        "print_exit_value:\n{err0}\n---\n{err}"
    );
}

/// A `DEBUG` trap runs before every command of `PROMPT_COMMAND` too, so an
/// idiom that must see its prompt command last (the `timer_start` /
/// `timer_stop` command timer) sees goenv-hook's tail after it when it was
/// set before the init line; set after it (as the README says), it runs last
/// in both forms, and the next command the trap sees is the user's.
#[test]
fn bash_debug_trap_idiom_set_after_init_runs_last() {
    for (what, pre, post, last) in [
        ("string, after init", "", "PROMPT_COMMAND+=$'\\n'mark", true),
        (
            "array, after init",
            "PROMPT_COMMAND=()",
            "PROMPT_COMMAND+=(mark)",
            true,
        ),
        ("string, before init", "PROMPT_COMMAND=mark", "", false),
    ] {
        let fx = Fx::new();
        let rc = format!(
            "mark() {{ :; }}\ntrap 'echo \"D $BASH_COMMAND\" >> {out}' DEBUG\n{pre}\n{init}{post}\n",
            out = q(&fx.out),
            init = fx.init("bash"),
        );
        let err = fx.bash(
            &rc,
            &format!("echo one\ncd {}\necho two\nexit\n", q(&fx.proj)),
        );
        let log = std::fs::read_to_string(&fx.out).unwrap_or_default();
        let d: Vec<&str> = log.lines().filter(|l| l.starts_with("D ")).collect();
        let after_mark: Vec<&str> = d
            .windows(2)
            .filter(|w| w[0] == "D mark")
            .map(|w| w[1])
            .collect();
        assert_eq!(after_mark.len(), 4, "{what}: {log}\n{err}");
        assert!(
            log.contains("H\n"),
            "{what}: the hook never ran goenv-hook\n{log}"
        );
        let users = after_mark.iter().all(|l| !l.contains("__goenv_hook"));
        assert_eq!(
            users, last,
            "{what}: after mark: {after_mark:?}\n{log}\n{err}"
        );
    }
}

/// The part of VS Code's bash shell integration that meets goenv-hook
/// (shellIntegration-bash.sh, loaded after the user's rc file): it keeps the
/// `PROMPT_COMMAND` it found and runs it with `eval` from its own function,
/// `$?` set to the last command's status first.
const VSCODE_STAND_IN: &str = r#"__vsc_restore_exit_code() { return "$1"; }
__vsc_prompt_cmd_original() {
	__vsc_status="$?"
	builtin local cmd
	__vsc_restore_exit_code "${__vsc_status}"
	for cmd in "${__vsc_original_prompt_command[@]}"; do
		eval "${cmd:-}"
	done
}
__vsc_original_prompt_command=${PROMPT_COMMAND:-}
PROMPT_COMMAND=__vsc_prompt_cmd_original
"#;

/// When another tool runs our lines from a variable of its own (VS Code's
/// shell integration), they can't see what follows them there, so they give
/// the status back: the user's prompt command between them sees what it sees
/// without goenv-hook.
#[test]
fn bash_string_prompt_command_run_by_vs_code_keeps_the_status_for_the_users_command() {
    let run = |with: bool| {
        let fx = Fx::new();
        let init = if with { fx.init("bash") } else { String::new() };
        let rc = format!(
            "obs() {{ echo \"$1 $?\" >> {out}; }}\nPROMPT_COMMAND='obs A'\n{init}{VSCODE_STAND_IN}",
            out = q(&fx.out),
        );
        let err = fx.bash(
            &rc,
            &format!("false\ncd {}\n(exit 3)\ntrue\nexit\n", q(&fx.proj)),
        );
        let log = std::fs::read_to_string(&fx.out).unwrap_or_default();
        assert_eq!(with, log.contains("H\n"), "{log}\n{err}");
        assert!(!err.contains("goenv-hook:"), "{err}");
        let seen: Vec<String> = log
            .lines()
            .filter(|l| l.starts_with("A "))
            .map(String::from)
            .collect();
        seen
    };
    let without = run(false);
    assert_eq!(without, ["A 0", "A 1", "A 0", "A 3", "A 0"]);
    assert_eq!(run(true), without);
}
