//! The hooks from `render_init`, firing in real shells, with a fake
//! executable (a sh script in a directory whose name has spaces and a quote)
//! that logs its calls and prints shell code for `hook <shell>`. Proves: the
//! hook runs before prompts / on cd, applies what the executable printed,
//! keeps the user's exit status, installs once when init is evaluated twice,
//! and on failure prints one line, once.

mod common;

use goenv_hook::shell::{render_init, Shell};
use goenv_hook::sys::platform::Platform;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const FAKE: &str = r#"#!/bin/sh
# fake goenv-hook: $1 = hook, $2 = shell
dir=$(dirname "$0")
echo "$*" >> "$dir/calls.log"
n=$(wc -l < "$dir/calls.log" | tr -d ' ')
if [ -f "$dir/fail" ]; then echo "fake failure" >&2; exit 3; fi
case "$2" in
bash|zsh) printf "export GH_HOOKED='%s'\nexport GH_Q='it'\\''s'\n" "$n" ;;
fish) printf "set -gx GH_HOOKED '%s'\nset -gx GH_Q 'it\\\\'s'\n" "$n" ;;
nu) printf '{"set":{"GH_HOOKED":"%s","GH_Q":"it'"'"'s"},"unset":["GH_GONE"],"path":["/usr/bin","/bin","/hooked dir"]}' "$n" ;;
esac
"#;

struct Fake {
    _dir: tempfile::TempDir,
    home: PathBuf,
    exe: PathBuf,
}

impl Fake {
    fn new() -> Fake {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("my tools/it's here");
        std::fs::create_dir_all(&bin).unwrap();
        let exe = bin.join("goenv-hook");
        std::fs::write(&exe, FAKE).unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        let home = dir.path().join("home");
        // Present, so an interactive fish does not start generating
        // completions from man pages in the background.
        std::fs::create_dir_all(home.join(".local/share/fish/generated_completions")).unwrap();
        Fake {
            _dir: dir,
            home,
            exe,
        }
    }
    fn init(&self, shell: Shell) -> Vec<u8> {
        render_init(shell, &self.exe, b"", Platform::UNIX).unwrap()
    }
    fn fail(&self) {
        std::fs::write(self.exe.parent().unwrap().join("fail"), "").unwrap();
    }
    fn calls(&self) -> usize {
        std::fs::read_to_string(self.exe.parent().unwrap().join("calls.log"))
            .map(|s| s.lines().count())
            .unwrap_or(0)
    }
    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.home.join(name)).unwrap_or_default()
    }
    fn command(&self, program: &Path) -> Command {
        let mut c = Command::new(program);
        c.env_clear()
            .env("HOME", &self.home)
            .env("PATH", "/usr/bin:/bin")
            .env("LANG", "C.UTF-8")
            .env("TERM", "dumb")
            .env("GH_GONE", "present")
            .current_dir(&self.home);
        c
    }
}

fn run(mut c: Command, stdin: &str) -> (String, String) {
    use std::io::Write;
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn warnings(stderr: &str) -> usize {
    stderr.lines().filter(|l| l.contains("goenv-hook:")).count()
}

fn bash_session(prompt_command: &str, fail: bool) -> (Fake, String) {
    let f = Fake::new();
    if fail {
        f.fail();
    }
    let init = f.home.join("init.bash");
    std::fs::write(&init, f.init(Shell::Bash)).unwrap();
    let rc = format!(
        "user_pc() {{ echo \"status=$?\" >> ~/user.log; }}\n{prompt_command}\nsource ~/init.bash\nsource ~/init.bash\n"
    );
    std::fs::write(f.home.join("rc"), rc).unwrap();
    let mut c = f.command(&common::require("bash"));
    c.args(["--noprofile", "--rcfile"])
        .arg(f.home.join("rc"))
        .arg("-i");
    let script = "false\n(exit 7)\necho \"GH_HOOKED=$GH_HOOKED GH_Q=$GH_Q\" > ~/vars\ndeclare -p PROMPT_COMMAND > ~/pc\n";
    let (_, err) = run(c, script);
    (f, err)
}

/// A bash session with `prompt_command` set before init: no warning or
/// syntax error, the hook ran at each prompt, and `user_pc` (after our hook)
/// still saw each command's status.
fn bash_session_ok(pc: &str) -> Fake {
    let (f, err) = bash_session(pc, false);
    assert!(!err.contains("syntax error"), "{pc}: {err}");
    assert_eq!(warnings(&err), 0, "{pc}: {err}");
    let statuses: Vec<String> = f.read("user.log").lines().map(String::from).collect();
    assert!(
        statuses.windows(2).any(|w| w == ["status=1", "status=7"]),
        "{pc}: {statuses:?}"
    );
    assert!(
        f.read("vars").starts_with("GH_HOOKED=") && f.read("vars").contains("GH_Q=it's"),
        "{pc}: {}",
        f.read("vars")
    );
    assert!(f.calls() >= 3, "{pc}: hook ran {} times", f.calls());
    f
}

#[test]
fn bash_hook_fires_keeps_status_and_installs_once() {
    for pc in ["PROMPT_COMMAND=user_pc", "PROMPT_COMMAND=(user_pc)"] {
        let f = bash_session_ok(pc);
        let expect = if pc.contains('(') {
            "declare -a PROMPT_COMMAND=([0]=\"__goenv_hook\" [1]=\"user_pc\" [2]=\"__goenv_hook_tail\")"
        } else {
            "declare -- PROMPT_COMMAND=$'__goenv_hook\\n__goenv_hook_status;user_pc;__goenv_hook_tail;__goenv_hook_status'"
        };
        assert_eq!(f.read("pc").trim(), expect, "{pc}");
    }
}

/// A string `PROMPT_COMMAND` that ends in `;` (starship writes
/// `…;starship_precmd;`; `PROMPT_COMMAND="history -a; $PROMPT_COMMAND"`
/// leaves `; `) or `&`: `;;` or `&;` would be a syntax error that stops the
/// whole `PROMPT_COMMAND` at every prompt. The user's text goes between `;`s
/// without its trailing `;`s and blanks, or before a newline after `&`.
#[test]
fn bash_string_prompt_command_ending_in_a_separator_still_runs() {
    for (pc, user) in [
        ("PROMPT_COMMAND='user_pc;'", ";user_pc;"),
        ("PROMPT_COMMAND=$'user_pc; \\n'", ";user_pc;"),
        ("PROMPT_COMMAND='user_pc;:&'", ";user_pc;:&\\n"),
    ] {
        let f = bash_session_ok(pc);
        let want = format!(
            "declare -- PROMPT_COMMAND=$'__goenv_hook\\n__goenv_hook_status{user}__goenv_hook_tail;__goenv_hook_status'"
        );
        assert_eq!(f.read("pc").trim(), want, "{pc}");
    }
}

/// A string `PROMPT_COMMAND` holding a `#`: a comment on its last line
/// would swallow goenv-hook's tail after a `;`, so the re-check after the
/// user's commands (what makes direnv's restored PATH right in the same
/// prompt) would never run. With a newline before the tail, a prompt command
/// that changes what goenv-hook reads makes it run again in the same prompt,
/// as often as without the comment.
#[test]
fn bash_string_prompt_command_ending_in_a_comment_keeps_the_tail() {
    let changes = "user_pc; export GOBIN=/tmp/bin$((n+=1))";
    let plain = bash_session_ok(&format!("PROMPT_COMMAND='{changes}'"));
    let f = bash_session_ok(&format!(
        "PROMPT_COMMAND=$'{changes} # the user\\'s note; '"
    ));
    assert!(plain.calls() >= 6, "{} runs", plain.calls());
    assert_eq!(f.calls(), plain.calls());
    assert_eq!(
        f.read("pc").trim(),
        format!("declare -- PROMPT_COMMAND=$'__goenv_hook\\n__goenv_hook_status;{changes} # the user\\'s note\\n__goenv_hook_tail;__goenv_hook_status'")
    );
}

/// Runs `script` in `bash -c`: it must print `want` and nothing on stderr.
fn bash_script_prints(f: &Fake, script: &str, want: &str) {
    let mut c = f.command(&common::require("bash"));
    c.args(["--norc", "--noprofile", "-c", script]);
    let out = c.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        want,
        "{script}\n{err}"
    );
    assert!(err.is_empty(), "{script}\n{err}");
}

/// Tools that put themselves in front of a string `PROMPT_COMMAND` and tell
/// they are there by `;name;` (direnv since 2.33: `";${PROMPT_COMMAND[*]:-};"
/// != *";_direnv_hook;"*`, then `_direnv_hook${PROMPT_COMMAND:+;…}`): an rc
/// file sourced again (`source ~/.bashrc`) installs neither twice, with the
/// tool before or after goenv-hook's init, and `deactivate` takes goenv-hook's
/// lines out wherever they are, leaving a `PROMPT_COMMAND` that runs without
/// error (less the trailing `; `, which goenv-hook's form drops).
#[test]
fn bash_string_prompt_command_keeps_semicolon_checks_of_other_tools() {
    let f = Fake::new();
    std::fs::write(f.home.join("init.bash"), f.init(Shell::Bash)).unwrap();
    let exe = common::exe();
    for (order, installed) in [
        (
            "add_other; source ~/init.bash",
            "__goenv_hook\n__goenv_hook_status;other;history -a;__goenv_hook_tail;__goenv_hook_status",
        ),
        (
            "source ~/init.bash; add_other",
            "other;__goenv_hook\n__goenv_hook_status;history -a;__goenv_hook_tail;__goenv_hook_status",
        ),
    ] {
        let script = format!(
            "other() {{ :; }}\n\
             add_other() {{ [[ \";${{PROMPT_COMMAND[*]:-}};\" == *\";other;\"* ]] || PROMPT_COMMAND=\"other${{PROMPT_COMMAND:+;$PROMPT_COMMAND}}\"; }}\n\
             PROMPT_COMMAND='history -a; '\n\
             for i in 1 2 3; do {order}; done\n\
             printf '%s|' \"$PROMPT_COMMAND\"\n\
             eval \"$('{}' deactivate bash)\"\n\
             printf '%s' \"$PROMPT_COMMAND\"\n\
             eval \"$PROMPT_COMMAND\"\n",
            exe.display()
        );
        bash_script_prints(&f, &script, &format!("{installed}|other;history -a"));
    }
}

/// The same with the real direnv (Debian's, which tells it is installed by a
/// regex; 2.33 and later use the `;name;` check above), loaded before and
/// after goenv-hook's init, the rc sourced three times: each hook once,
/// `PROMPT_COMMAND` runs without error, and after `deactivate` only direnv's
/// entry and the user's text are left and run without error.
#[test]
fn bash_string_prompt_command_with_the_real_direnv_sourced_again() {
    let f = Fake::new();
    std::fs::write(f.home.join("init.bash"), f.init(Shell::Bash)).unwrap();
    let direnv = common::require("direnv");
    let exe = common::exe();
    for order in [
        "direnv_hook; source ~/init.bash",
        "source ~/init.bash; direnv_hook",
    ] {
        let script = format!(
            "direnv_hook() {{ eval \"$('{}' hook bash)\"; }}\n\
             PROMPT_COMMAND='history -a; '\n\
             for i in 1 2 3; do {order}; done\n\
             echo \"$PROMPT_COMMAND\" | grep -o '_direnv_hook\\|__goenv_hook_status\\|__goenv_hook_tail' | sort | uniq -c | tr -s ' ' | tr '\\n' ,\n\
             eval \"$PROMPT_COMMAND\"\n\
             eval \"$('{}' deactivate bash)\"\n\
             printf '|%s' \"$PROMPT_COMMAND\"\n\
             eval \"$PROMPT_COMMAND\"\n",
            direnv.display(),
            exe.display()
        );
        bash_script_prints(
            &f,
            &script,
            " 2 __goenv_hook_status, 1 __goenv_hook_tail, 1 _direnv_hook,|_direnv_hook;history -a",
        );
    }
}

#[test]
fn bash_hook_failure_warns_once_and_keeps_status() {
    let (f, err) = bash_session("PROMPT_COMMAND=user_pc", true);
    assert_eq!(warnings(&err), 1, "{err}");
    assert!(f.calls() >= 3);
    assert!(f.read("user.log").contains("status=7"));
    assert!(
        f.read("vars").starts_with("GH_HOOKED= "),
        "{}",
        f.read("vars")
    );
}

#[test]
fn bash_hook_uses_bash_preexec_when_present() {
    let f = Fake::new();
    std::fs::write(f.home.join("init.bash"), f.init(Shell::Bash)).unwrap();
    let script = "bash_preexec_imported=defined\nprecmd_functions=(other)\nPROMPT_COMMAND=untouched\n\
                  source ~/init.bash\nsource ~/init.bash\necho \"${precmd_functions[*]}|$PROMPT_COMMAND\"\n";
    let mut c = f.command(&common::require("bash"));
    c.args(["--norc", "--noprofile", "-c", script]);
    let out = c.output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "__goenv_hook other __goenv_hook_tail|untouched"
    );
}

fn zsh_session(fail: bool) -> (Fake, String) {
    let f = Fake::new();
    if fail {
        f.fail();
    }
    std::fs::write(f.home.join("init.zsh"), f.init(Shell::Zsh)).unwrap();
    std::fs::write(
        f.home.join(".zshrc"),
        "source ~/init.zsh\nsource ~/init.zsh\nuser_precmd() { echo \"status=$?\" >> ~/user.log; }\nprecmd_functions+=(user_precmd)\n",
    )
    .unwrap();
    let mut c = f.command(&common::require("zsh"));
    c.env("ZDOTDIR", &f.home).arg("-i");
    let script = "false\n(exit 7)\ncd /\ncd ~\necho \"GH_HOOKED=$GH_HOOKED GH_Q=$GH_Q|$precmd_functions|$chpwd_functions\" > ~/vars\n";
    let (_, err) = run(c, script);
    (f, err)
}

#[test]
fn zsh_hook_fires_on_prompt_and_cd_keeps_status_and_installs_once() {
    let (f, err) = zsh_session(false);
    assert_eq!(warnings(&err), 0, "{err}");
    let vars = f.read("vars");
    assert!(
        vars.contains("GH_Q=it's|__goenv_hook user_precmd|__goenv_hook\n"),
        "{vars}"
    );
    let statuses = f.read("user.log");
    assert!(statuses.contains("status=1\nstatus=7\n"), "{statuses}");
    // precmd for 5 prompts + chpwd for 2 cds (at least).
    assert!(f.calls() >= 6, "hook ran {} times", f.calls());
}

#[test]
fn zsh_hook_failure_warns_once() {
    let (f, err) = zsh_session(true);
    assert_eq!(warnings(&err), 1, "{err}");
    assert!(f.calls() >= 3);
    assert!(f.read("user.log").contains("status=7"));
}

fn fish_session(fail: bool) -> (Fake, String, String) {
    let f = Fake::new();
    if fail {
        f.fail();
    }
    std::fs::write(f.home.join("init.fish"), f.init(Shell::Fish)).unwrap();
    let script = "source ~/init.fish; source ~/init.fish\n\
                  emit fish_prompt\n\
                  cd /; cd ~\n\
                  false; __goenv_hook; echo status=$status\n\
                  echo \"GH_HOOKED=$GH_HOOKED GH_Q=$GH_Q\"\n\
                  functions --handlers-type variable | string match -e __goenv_hook\n\
                  functions --handlers-type generic | string match -e __goenv_hook\n";
    let mut c = f.command(&common::require("fish"));
    c.args(["--no-config", "-c", script]);
    let out = c.output().unwrap();
    (
        f,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn fish_hook_fires_on_prompt_event_and_pwd_keeps_status_and_installs_once() {
    let (f, out, err) = fish_session(false);
    assert_eq!(warnings(&err), 0, "{err}");
    assert!(out.contains("status=1\n"), "{out}");
    assert!(out.contains("GH_HOOKED=4 GH_Q=it's\n"), "{out}\n{err}");
    assert_eq!(
        out.matches("__goenv_hook").count(),
        2,
        "one PWD and one fish_prompt handler:\n{out}"
    );
    assert_eq!(f.calls(), 4);
}

#[test]
fn fish_hook_failure_warns_once() {
    let (f, out, err) = fish_session(true);
    assert_eq!(warnings(&err), 1, "{err}");
    assert!(out.contains("status=1\n"), "{out}");
    assert_eq!(f.calls(), 4);
}

fn nu_session(fail: bool) -> (Fake, String, String) {
    let f = Fake::new();
    if fail {
        f.fail();
    }
    std::fs::write(f.home.join("goenv.nu"), f.init(Shell::Nu)).unwrap();
    // Hooks don't fire in `nu -c`; run the installed closures the way the
    // REPL does (env-preserving), after sourcing the file twice.
    let script = "source ~/goenv.nu\nsource ~/goenv.nu\n\
        $env.config.hooks.pre_prompt ++= [{|| print 'user hook'}]\n\
        print ($env.config.hooks.pre_prompt | length) ($env.config.hooks.env_change.PWD | length)\n\
        $env.LAST_EXIT_CODE = 5\n\
        do --env ($env.config.hooks.pre_prompt | first | get code)\n\
        do --env ($env.config.hooks.env_change.PWD | first | get code)\n\
        print $'last=($env.LAST_EXIT_CODE)'\n\
        print $'GH_HOOKED=($env.GH_HOOKED? | default unset) GH_Q=($env.GH_Q? | default unset) GONE=($env.GH_GONE? | default gone)'\n\
        print ($env.PATH | describe)\n\
        print ($env.PATH | str join '|')\n";
    let mut c = f.command(&common::nu());
    c.args(["-n", "--no-std-lib", "--no-history", "-c", script]);
    let out = c.output().unwrap();
    (
        f,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn nu_hook_applies_json_keeps_path_a_list_and_last_exit_code() {
    let (f, out, err) = nu_session(false);
    assert_eq!(warnings(&err), 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[..2],
        ["2", "1"],
        "one record of ours in each list, plus the user's:\n{out}\n{err}"
    );
    assert!(out.contains("last=5\n"), "{out}");
    // Each `source` applies the environment at once (a call each), then
    // the two hook closures run: four calls.
    assert!(out.contains("GH_HOOKED=4 GH_Q=it's GONE=gone\n"), "{out}");
    assert!(
        out.contains("list<string>\n/usr/bin|/bin|/hooked dir\n"),
        "{out}"
    );
    assert_eq!(f.calls(), 4);
}

#[test]
fn nu_hook_failure_warns_once_and_keeps_last_exit_code() {
    let (f, out, err) = nu_session(true);
    assert_eq!(warnings(&err), 1, "{err}");
    assert!(out.contains("last=5\n"), "{out}");
    assert!(out.contains("GH_HOOKED=unset"), "{out}");
    assert_eq!(f.calls(), 4);
}

/// The real Nushell REPL (in tmux, on a private server): the pre_prompt and
/// env_change.PWD hooks fire, and `$env.LAST_EXIT_CODE` survives them.
#[test]
fn nu_hooks_fire_in_the_real_repl() {
    let tmux = common::require("tmux");
    let f = Fake::new();
    std::fs::write(f.home.join("goenv.nu"), f.init(Shell::Nu)).unwrap();
    let socket = format!("goenv-hook-test-{}", std::process::id());
    let t = |args: &[&str]| {
        Command::new(&tmux)
            .arg("-L")
            .arg(&socket)
            .args(args)
            .env("TERM", "xterm")
            .output()
            .unwrap()
    };
    let nu_cmd = format!(
        "env -i HOME='{}' PATH=/usr/bin:/bin TERM=xterm LANG=C.UTF-8 GH_GONE=1 '{}' -n --no-std-lib --no-history -e 'source ~/goenv.nu; source ~/goenv.nu'",
        f.home.display(),
        common::nu().display()
    );
    assert!(t(&[
        "new-session",
        "-d",
        "-x",
        "200",
        "-y",
        "50",
        "-s",
        "t",
        &nu_cmd
    ])
    .status
    .success());
    let wait_for = |needle: &str| -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        loop {
            let pane =
                String::from_utf8_lossy(&t(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned();
            if pane.contains(needle) || std::time::Instant::now() > deadline {
                return pane;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    };
    // Send one line, then wait until the screen shows it and stops changing.
    let step = |line: &str| {
        t(&["send-keys", "-t", "t", "-l", line]);
        t(&["send-keys", "-t", "t", "Enter"]);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        let mut last = String::new();
        let mut stable_since = std::time::Instant::now();
        loop {
            std::thread::sleep(std::time::Duration::from_millis(100));
            let pane =
                String::from_utf8_lossy(&t(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned();
            if pane != last {
                last = pane;
                stable_since = std::time::Instant::now();
            } else if last.contains(line) && stable_since.elapsed().as_millis() > 500 {
                return;
            }
            if std::time::Instant::now() > deadline {
                return;
            }
        }
    };
    let result = std::panic::catch_unwind(|| {
        wait_for(">");
        step("sh -c 'exit 4'");
        step("cd /");
        step("sh -c 'exit 6'");
        step(
            r#"print $"R=($env.LAST_EXIT_CODE)|($env.GH_Q? | default none)|($env.GH_GONE? | default gone)|($env.PATH | describe)|($env.config.hooks.pre_prompt | length)=""#,
        );
        let pane = wait_for("=\n");
        assert!(pane.contains("R=6|it's|gone|list<string>|1="), "{pane}");
        // pre_prompt before each of 5 prompts (the first one included) + one PWD change.
        assert!(f.calls() >= 5, "hook ran {} times\n{pane}", f.calls());
    });
    t(&["kill-server"]);
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}
