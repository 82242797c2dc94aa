//! End to end: `goenv-hook init` evaluated in real shells against real Go
//! toolchains (Debian golang-1.19/-1.21/-1.22/-1.23). Hermetic: temporary
//! HOME and XDG dirs, cleared environment.

mod common;

use common::{exe, go_root, q, require, Sandbox, SYSTEM_PATH};
use std::os::unix::fs::symlink;
use std::process::Output;

fn init_line(shell: &str) -> String {
    let e = q(&exe());
    match shell {
        "fish" => format!("{e} init fish | source"),
        "posix" => format!("eval \"$({e} init posix)\""),
        _ => format!("eval \"$({e} init {shell})\""),
    }
}

fn shell_cmd(sb: &Sandbox, shell: &str, script: &str, path: &str) -> Output {
    let (prog, args): (&str, Vec<&str>) = match shell {
        "bash" => ("bash", vec!["--norc", "--noprofile", "-c"]),
        "zsh" => ("zsh", vec!["-f", "-c"]),
        "fish" => ("fish", vec!["--no-config", "-c"]),
        "posix" => ("dash", vec!["-c"]),
        other => panic!("{other}"),
    };
    let out = sb
        .command(require(prog), path)
        .args(args)
        .arg(script)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{shell} failed: {}\nstdout: {}\nscript:\n{script}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// A sandbox whose PATH finds `go` through a symlink to the given toolchain.
fn with_go(minor: &str) -> (Sandbox, String) {
    let sb = Sandbox::new();
    let root = go_root(minor);
    symlink(root.join("bin/go"), sb.path().join("bin/go")).unwrap();
    let path = format!("{}:{SYSTEM_PATH}", sb.path().join("bin").display());
    (sb, path)
}

const SHELLS: [&str; 4] = ["bash", "zsh", "fish", "posix"];

fn print_path(shell: &str) -> &'static str {
    if shell == "fish" {
        "printf '%s\\n' (string join : $PATH)"
    } else {
        "printf '%s\\n' \"$PATH\""
    }
}

#[test]
fn go_version_after_init_names_the_toolchain_found_on_path() {
    for (minor, want) in [
        ("1.19", "go1.19.8"),
        ("1.21", "go1.21.13"),
        ("1.22", "go1.22.12"),
        ("1.23", "go1.23.5"),
    ] {
        let (sb, path) = with_go(minor);
        for shell in SHELLS {
            let script = format!("{}\ngo version\n{}", init_line(shell), print_path(shell));
            let out = stdout(&shell_cmd(&sb, shell, &script, &path));
            let mut lines = out.lines();
            let v = lines.next().unwrap_or_default();
            assert!(v.contains(&format!("{want} ")), "{shell} {minor}: {v}");
            let p = lines.next().unwrap();
            let first = p.split(':').next().unwrap();
            assert_eq!(
                first,
                format!("/usr/lib/go-{minor}/bin"),
                "{shell}: toolchain bin in front: {p}"
            );
            assert!(
                p.contains(&format!("{}/go/bin", sb.home().display())),
                "{shell}: GOPATH/bin on PATH: {p}"
            );
        }
    }
}

#[test]
fn without_go_on_path_the_newest_known_install_is_used() {
    let sb = Sandbox::new();
    for shell in SHELLS {
        let script = format!("{}\ngo version", init_line(shell));
        let out = stdout(&shell_cmd(&sb, shell, &script, SYSTEM_PATH));
        assert!(out.contains("go1.23.5 "), "{shell}: {out}");
    }
}

#[test]
fn init_is_idempotent_in_every_shell_and_in_nested_shells() {
    let (sb, _) = with_go("1.22");
    let user = format!(
        "{}:/opt/a::/usr/bin:/opt/b:/opt/a:/usr/lib/go-1.22/bin:/bin",
        sb.path().join("bin").display()
    );
    for shell in SHELLS {
        let mut script = String::new();
        for _ in 0..5 {
            script.push_str(&init_line(shell));
            script.push('\n');
            script.push_str(print_path(shell));
            script.push('\n');
        }
        let out = stdout(&shell_cmd(&sb, shell, &script, &user));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 5, "{shell}: {out}");
        for l in &lines[1..] {
            assert_eq!(*l, lines[0], "{shell}: PATH changed on re-eval");
        }
        let entries: Vec<&str> = lines[0].split(':').collect();
        assert_eq!(entries[0], "/usr/lib/go-1.22/bin", "{shell}");
        // no duplicates at all (the empty entry kept once)
        let mut seen = std::collections::HashSet::new();
        for e in &entries {
            assert!(seen.insert(*e), "{shell}: duplicate {e:?} in {}", lines[0]);
        }
        // every original distinct entry still present, in order
        let mut pos = 0;
        // fish stores an empty PATH element as "." (the same directory).
        let empty = if shell == "fish" { "." } else { "" };
        for orig in ["/opt/a", empty, "/usr/bin", "/opt/b", "/bin"] {
            let i = entries
                .iter()
                .position(|e| *e == orig)
                .unwrap_or_else(|| panic!("{shell}: lost {orig:?}"));
            assert!(i >= pos, "{shell}: {orig:?} moved");
            pos = i;
        }

        // nested: a child shell inherits the environment and evaluates init again
        let nested = format!(
            "{init}\n{pp}\n{child} -c {inner}",
            init = init_line(shell),
            pp = print_path(shell),
            child = match shell {
                "fish" => "fish --no-config",
                "posix" => "dash",
                "zsh" => "zsh -f",
                _ => "bash --norc --noprofile",
            },
            inner = shell_quote(&format!("{}\n{}", init_line(shell), print_path(shell))),
        );
        let out = stdout(&shell_cmd(&sb, shell, &nested, &user));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{shell}: {out}");
        assert_eq!(lines[0], lines[1], "{shell}: nested shell changed PATH");
    }
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

#[test]
fn stale_goroot_is_unset_and_go_builds() {
    let (sb, path) = with_go("1.22");
    let m = sb.home().join("m");
    std::fs::create_dir_all(&m).unwrap();
    std::fs::write(m.join("go.mod"), "module m\n\ngo 1.22\n").unwrap();
    std::fs::write(
        m.join("main.go"),
        "package main\n\nfunc main() { println(\"hi\") }\n",
    )
    .unwrap();
    for shell in ["bash", "zsh", "posix"] {
        let script = format!(
            "export GOROOT=/usr/lib/go-1.21 GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local\n{}\necho \"GOROOT=${{GOROOT-unset}}\"\ncd {} && go build -o /dev/null . && echo built",
            init_line(shell),
            q(&m)
        );
        let out = stdout(&shell_cmd(&sb, shell, &script, &path));
        assert!(out.contains("GOROOT=unset"), "{shell}: {out}");
        assert!(out.contains("built"), "{shell}: {out}");
    }
}

#[test]
fn malformed_config_is_reported_with_line_and_column_and_env_untouched() {
    let (sb, path) = with_go("1.23");
    let cfgdir = sb.home().join(".config/goenv-hook");
    std::fs::create_dir_all(&cfgdir).unwrap();
    std::fs::write(
        cfgdir.join("config.toml"),
        "goroot = \"unset\"\n\n[env]\nGOPROXY = 12\n",
    )
    .unwrap();
    let out = sb
        .command(exe(), &path)
        .args(["env", "bash"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(78));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.toml:4:"), "{err}");

    // In a shell: init warns once, PATH stays as it was.
    let script = format!("{}\n{}", init_line("bash"), print_path("bash"));
    let o = shell_cmd(&sb, "bash", &script, &path);
    assert_eq!(stdout(&o).trim(), path);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("config.toml:4:").count(), 1, "{err}");
}

/// The effective user id of the tests.
fn euid() -> u32 {
    let o = std::process::Command::new(require("id"))
        .arg("-u")
        .output()
        .unwrap();
    String::from_utf8(o.stdout).unwrap().trim().parse().unwrap()
}

/// nobody: the unprivileged user the tests switch to when they run as root.
const NOBODY: u32 = 65534;

/// Makes the sandbox usable by nobody when the tests run as root (its
/// directories become nobody's, the sandbox itself 0o755); returns the
/// command prefix that runs a program as nobody (`setpriv`), or nothing when
/// not root.
fn as_unprivileged(sb: &Sandbox) -> Vec<std::ffi::OsString> {
    use std::os::unix::fs::{chown, PermissionsExt};
    if euid() != 0 {
        return Vec::new();
    }
    std::fs::set_permissions(sb.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut dirs = vec![sb.path().to_path_buf()];
    while let Some(d) = dirs.pop() {
        chown(&d, Some(NOBODY), Some(NOBODY)).unwrap();
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                dirs.push(e.path());
            }
        }
    }
    vec![
        require("setpriv").into(),
        format!("--reuid={NOBODY}").into(),
        format!("--regid={NOBODY}").into(),
        "--clear-groups".into(),
        "--".into(),
    ]
}

/// Bad input on PATH: a dangling `go` link, a symlink loop, a directory that
/// doesn't exist and one that can't be read. The unreadable one holds a `go`
/// (go1.23) that would win if it could be read, so the test fails if the
/// directory isn't really unreadable; as root (CI), which reads anything,
/// bash and goenv-hook run as nobody, and the script checks `test -r`/`-x`
/// from that same user first.
#[test]
fn dangling_go_symlink_loop_and_unreadable_dirs_do_not_break_init() {
    let sb = Sandbox::new();
    let d = sb.path();
    std::fs::create_dir_all(d.join("dangling")).unwrap();
    symlink("/nonexistent/go", d.join("dangling/go")).unwrap();
    std::fs::create_dir_all(d.join("loop")).unwrap();
    symlink(d.join("loop/go2"), d.join("loop/go")).unwrap();
    symlink(d.join("loop/go"), d.join("loop/go2")).unwrap();
    go_root("1.23");
    std::fs::create_dir_all(d.join("locked")).unwrap();
    symlink("/usr/lib/go-1.23/bin/go", d.join("locked/go")).unwrap();
    // The executable is copied into the sandbox: the one under test may live
    // where nobody can't reach it (scripts/test.sh's is in ~/.cargo/bin).
    let exe_copy = d.join("goenv-hook");
    std::fs::copy(exe(), &exe_copy).unwrap();
    let prefix = as_unprivileged(&sb);
    std::fs::set_permissions(
        d.join("locked"),
        std::os::unix::fs::PermissionsExt::from_mode(0o000),
    )
    .unwrap();
    let path = format!(
        "{}:{}:{}:{}:/usr/lib/go-1.21/bin:{SYSTEM_PATH}",
        d.join("dangling").display(),
        d.join("loop").display(),
        d.join("locked").display(),
        d.join("missing").display()
    );
    let script = format!(
        "if test -r {locked} || test -x {locked}; then echo locked is readable; else echo locked is unreadable; fi\n\
         eval \"$({exe} init bash)\"\ngo version",
        locked = q(&d.join("locked")),
        exe = q(&exe_copy),
    );
    let mut cmd = sb.command(prefix.first().unwrap_or(&require("bash").into()), &path);
    if !prefix.is_empty() {
        cmd.args(&prefix[1..]).arg(require("bash"));
    }
    let out = cmd
        .args(["--norc", "--noprofile", "-c", &script])
        .output()
        .unwrap();
    // Readable again, so the temporary directory can be removed.
    std::fs::set_permissions(
        d.join("locked"),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let text = stdout(&out);
    assert!(
        out.status.success(),
        "bash failed: {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.starts_with("locked is unreadable\n"),
        "the test needs a directory this user can't read: {text}"
    );
    assert!(text.contains("go1.21.13 "), "{text}");
}

#[test]
fn a_path_of_5000_entries_is_handled() {
    let (sb, path) = with_go("1.23");
    let mut long = String::new();
    for i in 0..5000 {
        long.push_str(&format!("/nonexistent/dir{i}:"));
    }
    long.push_str(&path);
    let script = format!("{}\n{}", init_line("bash"), print_path("bash"));
    let out = stdout(&shell_cmd(&sb, "bash", &script, &long));
    let entries: Vec<&str> = out.trim().split(':').collect();
    assert_eq!(entries[0], "/usr/lib/go-1.23/bin");
    assert_eq!(entries.len(), 5000 + path.split(':').count() + 2);
}
