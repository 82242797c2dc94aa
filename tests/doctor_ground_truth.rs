//! The doctor proved against ground truth: every scenario is built the way a
//! user would have it (a `go` symlink to a real Debian toolchain on PATH,
//! variables exported, real files in a temporary HOME), then real `go` is
//! run to show what breaks (or that nothing does), and `goenv-hook doctor`
//! is run in the same environment to show that it says so, with the right
//! id, severity, class and exit code.
//!
//! Defaults of every scenario: `GOFLAGS=-mod=mod GOPROXY=off` (unless the
//! scenario is about them), a Go build cache shared by all tests under the
//! target dir, `SHELL=/bin/bash` with the init line in `~/.bashrc` and
//! `~/.bash_profile` sourcing it (so start-up checks are satisfied), and
//! `~/go/bin` on PATH (so `gobin-not-on-path` is not).

mod common;

use common::{exe, go_root, Sandbox};
use serde_json::Value;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The init line, with goenv-hook's absolute path (Debian's /etc/profile
/// resets PATH for root in login shells).
fn bash_init() -> String {
    format!("eval \"$({} init bash)\"\n", exe().display())
}
const BASH_PROFILE: &str = "[ -f ~/.bashrc ] && . ~/.bashrc\n";

fn gocache() -> PathBuf {
    let p = Path::new(env!("CARGO_TARGET_TMPDIR")).join("doctor-gt-gocache");
    std::fs::create_dir_all(&p).unwrap();
    p
}

fn write(p: &Path, text: impl AsRef<[u8]>) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn symlink(target: &Path, link: &Path) {
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, link).unwrap();
}

fn executable(p: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    write(p, text);
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// What a process printed and returned.
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Out {
    fn of(mut c: Command) -> Out {
        let o = c.output().expect("spawn");
        Out {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
    fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
    #[track_caller]
    fn fails_with(&self, code: i32, msg: &str) -> &Out {
        assert_eq!(
            self.code, code,
            "want exit {code} with {msg:?}\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        assert!(
            self.all().contains(msg),
            "want {msg:?}\nstdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        self
    }
    #[track_caller]
    fn ok(&self) -> &Out {
        assert_eq!(
            self.code, 0,
            "want success\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }
}

/// `goenv-hook doctor --json`: the document and the process exit code.
struct Doc {
    code: i32,
    json: Value,
    stderr: String,
}

impl Doc {
    fn findings(&self) -> &Vec<Value> {
        self.json["findings"].as_array().expect("findings")
    }
    fn get(&self, id: &str) -> Option<&Value> {
        self.findings().iter().find(|f| f["id"] == id)
    }
    #[track_caller]
    fn has(&self, id: &str, severity: &str, class: &str) -> &Value {
        let f = self
            .get(id)
            .unwrap_or_else(|| panic!("no {id} in {:#}", self.json));
        assert_eq!(f["severity"], severity, "{f:#}");
        assert_eq!(f["class"], class, "{f:#}");
        assert!(!f["message"].as_str().unwrap().is_empty(), "{f:#}");
        f
    }
    #[track_caller]
    fn lacks(&self, id: &str) {
        assert!(self.get(id).is_none(), "unexpected {id} in {:#}", self.json);
    }
    #[track_caller]
    fn code(&self, code: i32) -> &Doc {
        assert_eq!(self.code, code, "{:#}\n{}", self.json, self.stderr);
        assert_eq!(self.json["exit_code"], code, "{:#}", self.json);
        self
    }
    /// Ids of error-severity findings.
    fn errors(&self) -> Vec<String> {
        self.findings()
            .iter()
            .filter(|f| f["severity"] == "error")
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect()
    }
    #[track_caller]
    fn no_errors(&self) -> &Doc {
        assert!(self.errors().is_empty(), "{:#}", self.json);
        self.code(0)
    }
}

/// One scenario: a sandbox, the PATH and the variables of the user's shell,
/// and the directory the commands run in.
struct Gt {
    sb: Sandbox,
    path: String,
    vars: Vec<(String, OsString)>,
    unset: Vec<String>,
    cwd: PathBuf,
}

/// Go makes the module cache read-only: make it writable again so that the
/// sandbox can be removed (when not running as root).
fn make_writable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let Ok(m) = e.path().symlink_metadata() else {
            continue;
        };
        if m.is_dir() {
            let _ = std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(0o755));
            make_writable(&e.path());
        }
    }
}

impl Drop for Gt {
    fn drop(&mut self) {
        make_writable(self.sb.path());
    }
}

impl Gt {
    /// No `go` anywhere; start-up files in place; the module dir exists.
    fn bare() -> Gt {
        let sb = Sandbox::new();
        let home = sb.home();
        write(&home.join(".bashrc"), bash_init());
        write(&home.join(".bash_profile"), BASH_PROFILE);
        std::fs::create_dir_all(home.join("go/bin")).unwrap();
        std::fs::create_dir_all(home.join("m")).unwrap();
        let path = format!(
            "{}:{}:/usr/bin:/bin",
            sb.path().join("bin").display(),
            home.join("go/bin").display()
        );
        let mut g = Gt {
            cwd: home.join("m"),
            sb,
            path,
            vars: Vec::new(),
            unset: Vec::new(),
        };
        g.set("SHELL", "/bin/bash");
        g.set("GOFLAGS", "-mod=mod");
        g.set("GOPROXY", "off");
        g.set("GOCACHE", gocache());
        g
    }

    /// `go` (a symlink in `<sandbox>/bin`) is Debian's go 1.`minor`; the
    /// module `m` in `~/m` says `go 1.<minor>`.
    fn new(minor: &str) -> Gt {
        let g = Gt::bare();
        symlink(&go_root(minor).join("bin/go"), &g.p("bin/go"));
        g.gomod(&format!("module m\n\ngo {minor}\n"));
        write(
            &g.home().join("m/main.go"),
            "package main\n\nfunc main() { println(\"hello\") }\n",
        );
        g
    }

    fn p(&self, rel: &str) -> PathBuf {
        self.sb.path().join(rel)
    }
    /// `<sandbox>/<name>`: Debian's go 1.`minor` tree with a copied binary
    /// (so go finds this root, not the real one) and everything else linked,
    /// except go.env, which the caller writes or leaves out.
    fn tree_without_go_env(&self, name: &str, minor: &str) -> PathBuf {
        let root = self.p(name);
        std::fs::create_dir_all(root.join("bin")).unwrap();
        std::fs::copy(go_root(minor).join("bin/go"), root.join("bin/go")).unwrap();
        for e in std::fs::read_dir(go_root(minor)).unwrap() {
            let e = e.unwrap();
            if e.file_name() != "bin" && e.file_name() != "go.env" {
                symlink(&e.path(), &root.join(e.file_name()));
            }
        }
        root
    }
    fn s(&self, rel: &str) -> String {
        self.p(rel).display().to_string()
    }
    fn home(&self) -> PathBuf {
        self.sb.home()
    }
    fn h(&self, rel: &str) -> String {
        self.home().join(rel).display().to_string()
    }
    fn gomod(&self, text: &str) {
        write(&self.home().join("m/go.mod"), text);
    }
    fn goenv_file(&self, text: impl AsRef<[u8]>) {
        write(&self.home().join(".config/go/env"), text);
    }
    fn set(&mut self, k: &str, v: impl Into<OsString>) -> &mut Gt {
        self.unset.retain(|u| u != k);
        self.vars.retain(|(n, _)| n != k);
        self.vars.push((k.to_string(), v.into()));
        self
    }
    fn unset(&mut self, k: &str) -> &mut Gt {
        self.vars.retain(|(n, _)| n != k);
        self.unset.push(k.to_string());
        self
    }

    fn cmd(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = self.sb.command(program, &self.path);
        c.envs(self.vars.iter().map(|(k, v)| (k, v)));
        for u in &self.unset {
            c.env_remove(u);
        }
        c.current_dir(&self.cwd);
        c
    }

    /// A shell command line, as the user types it (PATH lookup by sh).
    fn sh(&self, script: &str) -> Out {
        let mut c = self.cmd("/bin/sh");
        c.arg("-c").arg(script);
        Out::of(c)
    }

    /// `go <args>`, looked up on PATH by the shell.
    fn go(&self, args: &str) -> Out {
        self.sh(&format!("exec go {args}"))
    }

    fn doctor(&self, args: &[&str]) -> Doc {
        let mut c = self.cmd(exe());
        c.arg("doctor").arg("--json").args(args);
        let o = Out::of(c);
        let json: Value = serde_json::from_str(&o.stdout).unwrap_or_else(|e| {
            panic!(
                "doctor --json printed no JSON ({e}), exit {}\nstdout: {}\nstderr: {}",
                o.code, o.stdout, o.stderr
            )
        });
        Doc {
            code: o.code,
            json,
            stderr: o.stderr,
        }
    }

    fn doctor_text(&self, args: &[&str]) -> Out {
        let mut c = self.cmd(exe());
        c.arg("doctor").args(args);
        Out::of(c)
    }

    /// The doctor reports `id` as an error of `class`, exits `code`, and
    /// the text mode names the id and the same exit code.
    #[track_caller]
    fn expect_error(&self, id: &str, class: &str, code: i32) -> Doc {
        let d = self.doctor(&[]);
        d.has(id, "error", class);
        d.code(code);
        let t = self.doctor_text(&[]);
        assert_eq!(t.code, code, "text mode: {}", t.stdout);
        assert!(t.stdout.contains(id), "text mode lacks {id}: {}", t.stdout);
        assert!(t.stdout.contains(&format!("(exit {code})")), "{}", t.stdout);
        d
    }

    /// The doctor reports `id` at `severity` (warn/info) of `class`.
    #[track_caller]
    fn expect(&self, id: &str, severity: &str, class: &str) -> Doc {
        let d = self.doctor(&[]);
        d.has(id, severity, class);
        let t = self.doctor_text(&[]);
        assert!(t.stdout.contains(id), "text mode lacks {id}: {}", t.stdout);
        d
    }

    /// A file:// module proxy in the sandbox serving `example.com/dep
    /// v1.0.0` (package `dep`, `const X = 1`); `~/m` requires and imports
    /// it, so `go build` needs the proxy, the checksum database (no go.sum)
    /// and the module cache. Returns the GOPROXY value.
    fn with_dep(&self) -> String {
        let v = self.p("proxy/example.com/dep/@v");
        write(&v.join("list"), "v1.0.0\n");
        write(
            &v.join("v1.0.0.info"),
            r#"{"Version":"v1.0.0","Time":"2024-01-01T00:00:00Z"}"#,
        );
        let m = "module example.com/dep\n\ngo 1.19\n";
        write(&v.join("v1.0.0.mod"), m);
        write(
            &v.join("v1.0.0.zip"),
            common::zip::stored_zip(&[
                ("example.com/dep@v1.0.0/go.mod", m.as_bytes()),
                (
                    "example.com/dep@v1.0.0/dep.go",
                    b"package dep\n\nconst X = 1\n",
                ),
            ]),
        );
        let gomod = std::fs::read_to_string(self.home().join("m/go.mod")).unwrap();
        self.gomod(&format!("{gomod}\nrequire example.com/dep v1.0.0\n"));
        write(
            &self.home().join("m/main.go"),
            "package main\n\nimport \"example.com/dep\"\n\nfunc main() { println(dep.X) }\n",
        );
        format!("file://{}", self.s("proxy"))
    }
}

// ---------------------------------------------------------------------------
// The zip writer of tests/common/zip.rs, which the proxies here use.

#[test]
fn crc32_matches_the_standard_check_value() {
    assert_eq!(common::zip::crc32(b"123456789"), 0xCBF4_3926);
}

// ===========================================================================
// Healthy scenarios: go builds, the doctor finds nothing wrong.

#[track_caller]
fn healthy(g: &Gt) {
    g.go("build ./...").ok();
    let d = g.doctor(&[]);
    d.no_errors();
    // Nothing at all is wrong in these sandboxes: --strict passes too.
    assert!(d.findings().is_empty(), "{:#}", d.json);
    let s = g.doctor(&["--strict"]);
    s.code(0);
    let t = g.doctor_text(&[]);
    assert_eq!(t.code, 0);
    assert!(t.stdout.contains("no problems found"), "{}", t.stdout);
}

#[test]
fn healthy_each_toolchain() {
    for (minor, full) in [
        ("1.19", "go1.19.8"),
        ("1.21", "go1.21.13"),
        ("1.22", "go1.22.12"),
        ("1.23", "go1.23.5"),
    ] {
        let g = Gt::new(minor);
        assert!(g.go("version").ok().stdout.contains(full));
        healthy(&g);
    }
}

#[test]
fn healthy_go_work_over_two_modules() {
    let g = Gt::new("1.22");
    for m in ["a", "b"] {
        write(
            &g.home().join(format!("w/{m}/go.mod")),
            format!("module example.com/{m}\n\ngo 1.22\n"),
        );
    }
    write(
        &g.home().join("w/a/a.go"),
        "package main\n\nimport \"example.com/b\"\n\nfunc main() { println(b.X) }\n",
    );
    write(&g.home().join("w/b/b.go"), "package b\n\nconst X = 2\n");
    write(
        &g.home().join("w/go.work"),
        "go 1.22\n\nuse (\n\t./a\n\t./b\n)\n",
    );
    let mut g = g;
    g.cwd = g.home().join("w/a");
    // -mod=mod is refused in workspace mode (see goflags_mod_in_workspace)
    g.unset("GOFLAGS");
    let o = g.go("env GOWORK");
    assert_eq!(o.ok().stdout.trim(), g.h("w/go.work"));
    healthy(&g);
}

#[test]
fn healthy_gopath_set_explicitly() {
    let mut g = Gt::new("1.23");
    let gp = g.h("gp");
    std::fs::create_dir_all(g.home().join("gp/bin")).unwrap();
    g.set("GOPATH", &gp);
    g.path = format!("{}:{}", g.h("gp/bin"), g.path);
    assert_eq!(g.go("env GOPATH").ok().stdout.trim(), gp);
    healthy(&g);
}

#[test]
fn healthy_gobin_set_and_on_path() {
    let mut g = Gt::new("1.21");
    let bin = g.h("tools");
    std::fs::create_dir_all(&bin).unwrap();
    g.set("GOBIN", &bin);
    g.path = format!("{bin}:{}", g.path);
    g.go("install .").ok();
    // the installed command is found by the shell
    assert_eq!(g.sh("command -v m").ok().stdout.trim(), g.h("tools/m"));
    healthy(&g);
}

// ===========================================================================
// Error-severity checks: go fails, the doctor says why.

#[test]
fn go_not_found() {
    let g = Gt::bare();
    g.go("version").fails_with(127, "not found");
    let d = g.expect_error("go-not-found", "toolchain", 2);
    // Debian's toolchains are in a known location: named as the fix.
    let f = d.get("go-not-found").unwrap();
    assert!(
        f["fix"].as_str().unwrap().contains("/usr/lib/go-1."),
        "{f:#}"
    );
    // a dangling symlink named go: the same
    let g = Gt::bare();
    symlink(&g.p("gone/bin/go"), &g.p("bin/go"));
    g.go("version").fails_with(127, "not found");
    g.expect_error("go-not-found", "toolchain", 2);
    // a non-executable file named go (and nothing after it)
    let g = Gt::bare();
    write(&g.home().join("go/bin/go"), "not executable");
    g.go("version").fails_with(126, "Permission denied");
    g.expect_error("go-not-found", "toolchain", 2);
}

#[test]
fn toolchain_line_newer_is_accepted_with_local() {
    // go 1.22 with GOTOOLCHAIN=local builds a module whose toolchain line
    // asks for more (only the go line is a requirement)
    let mut g = Gt::new("1.22");
    g.gomod("module m\n\ngo 1.22\n\ntoolchain go1.23.5\n");
    g.set("GOTOOLCHAIN", "local");
    g.go("build ./...").ok();
    g.doctor(&[]).no_errors();
}

#[test]
fn goroot_invalid_missing_dir() {
    let mut g = Gt::new("1.22");
    g.set("GOROOT", g.p("nowhere"));
    g.go("version")
        .fails_with(2, "cannot find GOROOT directory");
    g.expect_error("goroot-invalid", "toolchain", 2);
}

#[test]
fn goroot_invalid_not_a_toolchain() {
    let mut g = Gt::new("1.22");
    std::fs::create_dir_all(g.p("notgo/src")).unwrap();
    g.set("GOROOT", g.p("notgo"));
    g.go("build ./...").fails_with(1, "cannot find package");
    g.expect_error("goroot-invalid", "toolchain", 2);
}

#[test]
fn go_binary_orphaned_trimmed_copy() {
    let g = Gt::bare();
    std::fs::copy(go_root("1.23").join("bin/go"), g.p("bin/go")).unwrap();
    g.gomod("module m\n\ngo 1.23\n");
    g.go("version").fails_with(
        2,
        "go: cannot find GOROOT directory: 'go' binary is trimmed and GOROOT is not set",
    );
    g.expect_error("go-binary-orphaned", "toolchain", 2);
}

#[test]
fn goroot_mismatch() {
    let mut g = Gt::new("1.22");
    g.set("GOROOT", go_root("1.21"));
    // go version comes from the binary; the build uses GOROOT's compiler
    assert!(g.go("version").ok().stdout.contains("go1.22.12"));
    g.go("build ./...").fails_with(
        1,
        "compile: version \"go1.21.13\" does not match go tool version \"go1.22.12\"",
    );
    let d = g.expect_error("goroot-mismatch", "env", 1);
    let m = d.get("goroot-mismatch").unwrap()["message"]
        .as_str()
        .unwrap();
    assert!(m.contains("go1.21.13") && m.contains("go1.22.12"), "{m}");
}

#[test]
fn gopath_relative() {
    let mut g = Gt::new("1.23");
    g.set("GOPATH", "relgp");
    g.go("env GOPATH")
        .fails_with(2, "GOPATH entry is relative; must be absolute path");
    g.expect_error("gopath-relative", "env", 1);
}

#[test]
fn gopath_tilde() {
    let mut g = Gt::new("1.19");
    g.set("GOPATH", "~/go");
    g.go("env GOPATH")
        .fails_with(2, "GOPATH entry cannot start with shell metacharacter '~'");
    let d = g.expect_error("gopath-relative", "env", 1);
    let m = d.get("gopath-relative").unwrap()["message"]
        .as_str()
        .unwrap();
    assert!(
        m.contains("`GOPATH entry cannot start with shell metacharacter '~'`"),
        "{m}"
    );
    // the fix expands ~ and works
    let fix = d.get("gopath-relative").unwrap()["fix"].as_str().unwrap();
    assert_eq!(fix, format!("export GOPATH={}", g.h("go")));
    assert_eq!(
        g.sh(&format!("{fix}; go env GOPATH")).ok().stdout.trim(),
        g.h("go")
    );
}

#[test]
fn gopath_unresolvable_no_home() {
    let mut g = Gt::new("1.22");
    let proxy = g.with_dep();
    g.set("GOPROXY", proxy).set("GOSUMDB", "off").unset("HOME");
    g.go("build ./...").fails_with(
        1,
        "module cache not found: neither GOMODCACHE nor GOPATH is set",
    );
    g.expect_error("gopath-unresolvable", "env", 1);
}

#[test]
fn gopath_unresolvable_goroot_is_home_go() {
    // Go unpacked into ~/go (a symlink to the tree here) and GOROOT=~/go
    // exported: the default GOPATH would be GOROOT, so it is empty.
    let mut g = Gt::bare();
    symlink(&go_root("1.22"), &g.home().join("sdk122"));
    std::fs::remove_dir_all(g.home().join("go")).unwrap();
    symlink(&g.home().join("sdk122"), &g.home().join("go"));
    g.gomod("module m\n\ngo 1.22\n");
    let proxy = g.with_dep();
    g.path = format!("{}:/usr/bin:/bin", g.h("go/bin"));
    g.set("GOROOT", g.h("go"))
        .set("GOPROXY", proxy)
        .set("GOSUMDB", "off");
    assert_eq!(g.go("env GOPATH").ok().stdout.trim(), "");
    g.go("build ./...").fails_with(
        1,
        "module cache not found: neither GOMODCACHE nor GOPATH is set",
    );
    g.expect_error("gopath-unresolvable", "env", 1);
}

#[test]
fn gobin_relative() {
    let mut g = Gt::new("1.22");
    g.set("GOBIN", "relbin");
    g.go("install .")
        .fails_with(1, "cannot install, GOBIN must be an absolute path");
    g.expect_error("gobin-relative", "env", 1);
}

#[test]
fn gocache_off() {
    let mut g = Gt::new("1.21");
    g.set("GOCACHE", "off");
    g.go("build ./...").fails_with(
        1,
        "build cache is disabled by GOCACHE=off, but required as of Go 1.12",
    );
    g.expect_error("gocache-invalid", "env", 1);
}

#[test]
fn gocache_relative() {
    let mut g = Gt::new("1.23");
    g.set("GOCACHE", "relcache");
    g.go("build ./...")
        .fails_with(1, "GOCACHE is not an absolute path");
    g.expect_error("gocache-invalid", "env", 1);
}

#[test]
fn gomodcache_relative() {
    // lazy: only a build that needs the module cache fails
    let mut g = Gt::new("1.22");
    let proxy = g.with_dep();
    g.set("GOPROXY", proxy)
        .set("GOSUMDB", "off")
        .set("GOMODCACHE", "relmc");
    g.go("build ./...")
        .fails_with(1, "GOMODCACHE entry is relative; must be absolute path");
    g.expect_error("gocache-invalid", "env", 1);
}

#[test]
fn goenv_file_crlf() {
    let g = Gt::new("1.22");
    g.goenv_file("GOTOOLCHAIN=local\r\n");
    for cmd in ["version", "env GOPATH", "build ./..."] {
        g.go(cmd).fails_with(1, "invalid GOTOOLCHAIN \"local\\r\"");
    }
    let d = g.expect_error("goenv-file-malformed", "env", 1);
    let f = d.get("goenv-file-malformed").unwrap();
    assert!(f["message"].as_str().unwrap().contains("CRLF"), "{f:#}");
}

#[test]
fn goenv_file_gopath_relative_entry() {
    let g = Gt::new("1.23");
    g.goenv_file(format!("GOPATH={}:rel\n", g.h("gp")));
    g.go("version").fails_with(
        2,
        "GOPATH entry is relative; must be absolute path: \"rel\"",
    );
    g.go("env -u GOPATH")
        .fails_with(2, "GOPATH entry is relative");
    g.expect_error("goenv-file-malformed", "env", 1);
}

#[test]
fn gosumdb_invalid_url() {
    for bad in ["https://sum.golang.org", "bogus.example.com"] {
        let mut g = Gt::new("1.22");
        let proxy = g.with_dep();
        g.set("GOPROXY", proxy).set("GOSUMDB", bad);
        g.go("build ./...").fails_with(
            1,
            "example.com/dep@v1.0.0: verifying module: invalid GOSUMDB: malformed verifier id",
        );
        g.expect_error("gosumdb-invalid", "env", 1);
        // the correct form of a URL works as far as the dial
        g.set("GOSUMDB", "sum.golang.org http://127.0.0.1:1");
        g.go("build ./...").fails_with(1, "connection refused");
        let d = g.doctor(&[]);
        d.lacks("gosumdb-invalid");
        d.no_errors();
    }
}

#[test]
fn goproxy_invalid() {
    for (bad, msg) in [
        ("nonsense", "invalid proxy URL missing scheme: nonsense"),
        (
            "ftp://x",
            "invalid proxy URL scheme (must be https, http, file): ftp://x",
        ),
        (
            ",",
            "GOPROXY list is not the empty string, but contains no entries",
        ),
    ] {
        let mut g = Gt::new("1.23");
        g.with_dep();
        g.set("GOPROXY", bad).set("GOSUMDB", "off");
        g.go("build ./...").fails_with(1, msg);
        g.expect_error("goproxy-invalid", "env", 1);
    }
}

#[test]
fn goproxy_invalid_is_lazy_with_a_warm_cache() {
    // Documented: with nothing to fetch, go never reads GOPROXY; the doctor
    // reports it anyway (the next `go get` fails).
    let mut g = Gt::new("1.23");
    g.set("GOPROXY", "nonsense");
    g.go("build ./...").ok();
    g.expect_error("goproxy-invalid", "env", 1);
}

#[test]
fn goflags_invalid() {
    for (bad, code, msg) in [
        ("-bogus", 1, "go: parsing $GOFLAGS: unknown flag -bogus"),
        ("mod=mod", 1, "go: parsing $GOFLAGS: non-flag \"mod=mod\""),
        (
            "-race=maybe",
            2,
            "invalid boolean value \"maybe\" for flag -race (from $GOFLAGS)",
        ),
    ] {
        let mut g = Gt::new("1.22");
        g.set("GOFLAGS", bad);
        g.go("build ./...").fails_with(code, msg);
        g.expect_error("goflags-invalid", "env", 1);
    }
}

#[test]
fn go111module_invalid() {
    let mut g = Gt::new("1.19");
    g.set("GO111MODULE", "maybe");
    g.go("build ./...")
        .fails_with(1, "unknown environment setting GO111MODULE=maybe");
    g.expect_error("go111module-invalid", "env", 1);
}

#[test]
fn gotoolchain_invalid() {
    for (bad, msg) in [
        ("bogus", "invalid GOTOOLCHAIN \"bogus\""),
        ("1.22", "invalid GOTOOLCHAIN \"1.22\""),
        (
            "go1.30",
            "invalid toolchain: go1.30 is a language version but not a toolchain version (go1.30.x)",
        ),
    ] {
        let mut g = Gt::new("1.22");
        g.set("GOTOOLCHAIN", bad);
        g.go("build ./...").fails_with(1, msg);
        g.expect_error("gotoolchain-invalid", "env", 1);
    }
}

#[test]
fn gotoolchain_invalid_where_go_ignores_it() {
    // go 1.19 does not know GOTOOLCHAIN
    let mut g = Gt::new("1.19");
    g.set("GOTOOLCHAIN", "bogus");
    g.go("build ./...").ok();
    g.expect("gotoolchain-invalid", "warn", "env").code(0);
    g.doctor(&["--strict"]).code(1);
    // GO111MODULE=off: not read
    let mut g = Gt::new("1.22");
    g.set("GOTOOLCHAIN", "bogus").set("GO111MODULE", "off");
    g.go("build .").ok();
    g.expect("gotoolchain-invalid", "warn", "env").code(0);
    // GO111MODULE=auto: not read outside a module, fatal inside
    let mut g = Gt::new("1.22");
    g.set("GOTOOLCHAIN", "bogus").set("GO111MODULE", "auto");
    g.go("version")
        .fails_with(1, "invalid GOTOOLCHAIN \"bogus\"");
    g.expect_error("gotoolchain-invalid", "env", 1);
    g.cwd = g.home();
    assert!(g.go("version").ok().stdout.contains("go1.22.12"));
    g.expect("gotoolchain-invalid", "warn", "env").code(0);
}

#[test]
fn goarch_var_invalid() {
    let mut g = Gt::new("1.22");
    g.set("GOAMD64", "v5");
    g.go("build ./...")
        .fails_with(2, "go: invalid GOAMD64: must be v1, v2, v3, v4");
    g.expect_error("goarch-var-invalid", "env", 1);

    let mut g = Gt::new("1.21");
    g.set("GOARM", "9").set("GOARCH", "arm");
    g.go("build ./...").fails_with(2, "go: invalid GOARM");
    g.expect_error("goarch-var-invalid", "env", 1);

    let mut g = Gt::new("1.23");
    g.set("GOARCH", "bogus");
    g.go("build ./...")
        .fails_with(2, "unsupported GOOS/GOARCH pair linux/bogus");
    g.expect_error("goarch-var-invalid", "env", 1);
}

#[test]
fn goarch_var_invalid_ignored_by_go_1_23() {
    // go1.23.5 builds with GOAMD64=v5 (its goarm64() overwrites the
    // error); the doctor still reports it (go 1.19–1.22 refuse).
    let mut g = Gt::new("1.23");
    g.set("GOAMD64", "v5");
    g.go("build ./...").ok();
    let d = g.expect_error("goarch-var-invalid", "env", 1);
    let m = d.get("goarch-var-invalid").unwrap()["message"]
        .as_str()
        .unwrap();
    assert!(m.contains("1.23"), "{m}");
}

#[test]
fn errors_from_the_goenv_file_and_their_fixes() {
    // the same errors with the value in `go env -w`'s file; the doctor's
    // fix (a `go env` command) repairs it for real
    for (line, id, code, msg) in [
        (
            "GOFLAGS=-bogus",
            "goflags-invalid",
            1,
            "go: parsing $GOFLAGS: unknown flag -bogus",
        ),
        (
            "GO111MODULE=maybe",
            "go111module-invalid",
            1,
            "unknown environment setting GO111MODULE=maybe",
        ),
        ("GOAMD64=v5", "goarch-var-invalid", 1, "invalid GOAMD64"),
        (
            "GOTOOLCHAIN=bogus",
            "gotoolchain-invalid",
            1,
            "invalid GOTOOLCHAIN \"bogus\"",
        ),
        ("GOCACHE=off", "gocache-invalid", 1, "GOCACHE=off"),
    ] {
        let mut g = Gt::new("1.22");
        // an exported value would override the file's
        g.unset(line.split('=').next().unwrap());
        g.goenv_file(format!("{line}\n"));
        g.go("build ./...").fails_with(code, msg);
        let d = g.expect_error(id, "env", 1);
        let f = d.get(id).unwrap();
        assert_eq!(f["evidence"][0]["source"], "goenv-file", "{f:#}");
        let fix = f["fix"].as_str().unwrap().split("   ").next().unwrap();
        assert!(fix.starts_with("go env -"), "{line}: {fix}");
        g.sh(fix).ok();
        g.go("build ./...").ok();
        g.doctor(&[]).no_errors();
    }
}

#[test]
fn version_vs_gomod() {
    let mut g = Gt::new("1.21");
    g.gomod("module m\n\ngo 1.23.0\n");
    g.set("GOTOOLCHAIN", "local");
    g.go("build ./...").fails_with(
        1,
        "go.mod requires go >= 1.23.0 (running go 1.21.13; GOTOOLCHAIN=local)",
    );
    let d = g.expect_error("version-vs-gomod", "project", 3);
    // go 1.23 is installed here: the fix names it
    let f = d.get("version-vs-gomod").unwrap();
    assert!(
        f["fix"].as_str().unwrap().contains("/usr/lib/go-1.23"),
        "{f:#}"
    );
}

#[test]
fn version_vs_gomod_with_an_empty_gotoolchain_line() {
    // `go env -w GOTOOLCHAIN=` leaves `GOTOOLCHAIN=` in the file, which
    // hides $GOROOT/go.env's auto: no switching, the build fails.
    for (minor, running) in [("1.21", "1.21.13"), ("1.22", "1.22.12")] {
        let mut g = Gt::new(minor);
        g.gomod("module m\n\ngo 1.23.0\n");
        g.unset("GOTOOLCHAIN");
        g.go("env -w GOTOOLCHAIN=").ok();
        assert_eq!(g.go("env GOTOOLCHAIN").ok().stdout, "\n");
        g.go("build ./...").fails_with(
            1,
            &format!("go.mod requires go >= 1.23.0 (running go {running})"),
        );
        let d = g.expect_error("version-vs-gomod", "project", 3);
        d.lacks("toolchain-switch-pending");
    }
}

#[test]
fn version_vs_go_work() {
    let mut g = Gt::new("1.22");
    write(&g.home().join("go.work"), "go 1.23.0\n\nuse ./m\n");
    g.gomod("module m\n\ngo 1.22\n");
    g.set("GOTOOLCHAIN", "local").unset("GOFLAGS");
    g.go("build ./...").fails_with(
        1,
        "go.work requires go >= 1.23.0 (running go 1.22.12; GOTOOLCHAIN=local)",
    );
    g.expect_error("version-vs-gomod", "project", 3);
}

#[test]
fn gomod_too_new_for_old_go() {
    let g = Gt::new("1.19");
    g.gomod("module m\n\ngo 1.21.0\n");
    g.go("build ./...")
        .fails_with(1, "invalid go version '1.21.0': must match format 1.23");
    g.expect_error("gomod-too-new-for-old-go", "project", 3);

    let g = Gt::new("1.19");
    g.gomod("module m\n\ngo 1.19\n\ntoolchain go1.21.0\n");
    g.go("build ./...")
        .fails_with(1, "unknown directive: toolchain");
    g.expect_error("gomod-too-new-for-old-go", "project", 3);
}

#[test]
fn deep_build_failed() {
    // GOROOT names a directory with pkg/tool (so Go, and the static checks,
    // take it for a toolchain) but nothing else: only a build shows it.
    let mut g = Gt::new("1.22");
    std::fs::create_dir_all(g.p("hollow/pkg/tool")).unwrap();
    g.set("GOROOT", g.p("hollow"));
    assert!(g.go("version").ok().stdout.contains("go1.22.12"));
    g.go("build ./...").fails_with(1, "cannot find package");
    let d = g.doctor(&["--deep"]);
    d.has("deep-build-failed", "error", "toolchain");
    d.code(2);
    let t = g.doctor_text(&["--deep"]);
    assert_eq!(t.code, 2);
    assert!(t.stdout.contains("deep-build-failed"), "{}", t.stdout);
}

#[test]
fn deep_build_failed_only_deep_sees() {
    // GOCACHE is absolute (gocache-invalid is silent) but cannot be created
    let mut g = Gt::new("1.23");
    g.set("GOCACHE", "/dev/null/gocache");
    g.go("build ./...")
        .fails_with(1, "failed to initialize build cache at /dev/null/gocache");
    g.doctor(&[]).no_errors();
    let d = g.doctor(&["--deep"]);
    d.has("deep-build-failed", "error", "toolchain");
    d.code(2);
    let m = d.get("deep-build-failed").unwrap()["message"]
        .as_str()
        .unwrap();
    assert!(m.contains("/dev/null/gocache"), "{m}");
}

#[test]
fn deep_agrees_with_a_healthy_go() {
    let g = Gt::new("1.23");
    let d = g.doctor(&["--deep"]);
    d.lacks("deep-build-failed");
    d.lacks("deep-go-env-disagrees");
    d.no_errors();
}

#[test]
fn goflags_mod_in_workspace() {
    // GOFLAGS=-mod=mod (fine in a module) breaks every build in a workspace.
    let mut g = Gt::new("1.22");
    write(&g.home().join("go.work"), "go 1.22\n\nuse ./m\n");
    g.set("GOFLAGS", "-mod=mod");
    g.go("build ./...").fails_with(
        1,
        "-mod may only be set to readonly or vendor when in workspace mode",
    );
    g.expect_error("goflags-invalid", "env", 1);
    // outside the workspace the same GOFLAGS is fine
    g.set("GOWORK", "off");
    g.go("build ./...").ok();
    g.doctor(&[]).no_errors();
}

// ===========================================================================
// Warnings and infos: go works (or fails later, elsewhere); the doctor says
// what is fragile, and exits 0 unless --strict.
#[test]
fn goflags_and_goenv_file_warnings() {
    // -ldflags=-s -w: builds, silently without -w
    let mut g = Gt::new("1.22");
    g.set("GOFLAGS", "-ldflags=-s -w");
    g.go("build ./...").ok();
    g.expect("goflags-invalid", "warn", "env").code(0);
    // -insecure: builds, but `go get` dies
    let mut g = Gt::new("1.22");
    g.set("GOFLAGS", "-insecure");
    g.go("build ./...").ok();
    g.go("get example.com/dep@v1.0.0").fails_with(
        1,
        "-insecure flag is no longer supported; use GOINSECURE instead",
    );
    g.expect("goflags-invalid", "warn", "env").code(0);
    // an ignored line and a duplicate key in the go env -w file
    let g = Gt::new("1.23");
    g.goenv_file("export GOPRIVATE=example.com/x\nGOPRIVATE=a.example\nGOPRIVATE=b.example\n");
    assert_eq!(g.go("env GOPRIVATE").ok().stdout.trim(), "b.example");
    g.go("build ./...").ok();
    let d = g.expect("goenv-file-malformed", "warn", "env");
    let n = d
        .findings()
        .iter()
        .filter(|f| f["id"] == "goenv-file-malformed")
        .count();
    assert_eq!(n, 2, "{:#}", d.json);
    d.code(0);
}

#[test]
fn an_edited_goroot_go_env_is_read_not_assumed() {
    // A distribution's 1.22 tree whose go.env says GOTOOLCHAIN=local (a
    // copied binary, the rest linked, go.env our own): go does not switch,
    // and the doctor reads that file instead of assuming Go's shipped one.
    let mut g = Gt::bare();
    let root = g.tree_without_go_env("distgo", "1.22");
    write(
        &root.join("go.env"),
        "GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=local\n",
    );
    g.gomod("module m\n\ngo 1.23.0\n");
    write(
        &g.home().join("m/main.go"),
        "package main\n\nfunc main() {}\n",
    );
    g.path = format!("{}:{}", root.join("bin").display(), g.path);
    g.unset("GOTOOLCHAIN");
    assert_eq!(g.go("env GOTOOLCHAIN").ok().stdout.trim(), "local");
    g.go("build ./...").fails_with(
        1,
        "go.mod requires go >= 1.23.0 (running go 1.22.12; GOTOOLCHAIN=local)",
    );
    let d = g.expect_error("version-vs-gomod", "project", 3);
    d.lacks("toolchain-switch-pending");
}

#[test]
fn goroot_goenv_missing() {
    // a 1.22 tree without go.env (a copied binary, the rest linked)
    let mut g = Gt::bare();
    let root = g.tree_without_go_env("nogoenv", "1.22");
    g.gomod("module m\n\ngo 1.22\n");
    write(
        &g.home().join("m/main.go"),
        "package main\n\nfunc main() {}\n",
    );
    g.path = format!("{}:{}", root.join("bin").display(), g.path);
    g.unset("GOPROXY");
    let o = g.go("env GOPROXY GOSUMDB GOTOOLCHAIN");
    assert_eq!(o.ok().stdout, "\n\n\n");
    g.go("build ./...").ok();
    g.expect("goroot-goenv-missing", "warn", "toolchain")
        .code(0);
    g.doctor(&["--strict"]).code(2);
    // no go.env, so no switching: a newer go line fails as with local, and
    // go's message names no GOTOOLCHAIN; the doctor quotes it exactly
    g.gomod("module m\n\ngo 1.23.0\n");
    let o = g.go("build ./...");
    o.fails_with(1, "go: go.mod requires go >= 1.23.0 (running go 1.22.12)\n");
    let d = g.expect_error("version-vs-gomod", "project", 3);
    let m = d.get("version-vs-gomod").unwrap()["message"]
        .as_str()
        .unwrap();
    assert!(
        m.contains(&format!("`{}`", o.stderr.trim().trim_start_matches("go: "))),
        "{m}\nvs {}",
        o.stderr
    );
}

#[test]
fn goroot_other_tree() {
    // another tree of the same version: every entry links into go-1.22
    let mut g = Gt::new("1.22");
    let alt = g.p("alt-go");
    for e in std::fs::read_dir(go_root("1.22")).unwrap() {
        let e = e.unwrap();
        symlink(&e.path(), &alt.join(e.file_name()));
    }
    g.set("GOROOT", &alt);
    assert_eq!(
        g.go("env GOROOT").ok().stdout.trim(),
        alt.display().to_string()
    );
    g.go("build ./...").ok();
    let d = g.expect("goroot-other-tree", "warn", "env");
    d.lacks("goroot-mismatch");
    d.code(0);
    g.doctor(&["--strict"]).code(1);
}

#[test]
fn goroot_unneeded() {
    let mut g = Gt::new("1.23");
    g.set("GOROOT", go_root("1.23"));
    assert_eq!(g.go("env GOROOT").ok().stdout.trim(), "/usr/lib/go-1.23");
    g.go("build ./...").ok();
    let d = g.expect("goroot-unneeded", "info", "env");
    d.code(0);
    g.doctor(&["--strict"]).code(0);
}

#[test]
fn goroot_in_goenv_file() {
    // harmless today (the same tree) ...
    let g = Gt::new("1.22");
    g.goenv_file("GOROOT=/usr/lib/go-1.22\n");
    assert_eq!(g.go("env GOROOT").ok().stdout.trim(), "/usr/lib/go-1.22");
    g.go("build ./...").ok();
    g.expect("goroot-in-goenv-file", "warn", "env").code(0);

    // ... and after an upgrade it breaks the build; the fix works
    let g = Gt::new("1.22");
    g.goenv_file("GOROOT=/usr/lib/go-1.21\n");
    g.go("build ./...")
        .fails_with(1, "compile: version \"go1.21.13\" does not match");
    let d = g.expect_error("goroot-mismatch", "env", 1);
    d.has("goroot-in-goenv-file", "warn", "env");
    let fix = d.get("goroot-mismatch").unwrap()["fix"].as_str().unwrap();
    assert_eq!(fix, "go env -u GOROOT");
    g.go("env -u GOROOT").ok();
    g.go("build ./...").ok();
    g.doctor(&[]).no_errors();
}

#[test]
fn multiple_go_on_path() {
    let mut g = Gt::new("1.22");
    symlink(&go_root("1.21").join("bin/go"), &g.p("bin2/go"));
    g.path = format!("{}:{}", g.path, g.s("bin2"));
    assert!(g.go("version").ok().stdout.contains("go1.22.12"));
    let d = g.expect("multiple-go-on-path", "warn", "env");
    let m = d.get("multiple-go-on-path").unwrap()["message"]
        .as_str()
        .unwrap();
    assert!(m.contains("go1.22.12") && m.contains("go1.21.13"), "{m}");
    d.code(0);
    g.doctor(&["--strict"]).code(1);
}

#[test]
fn gopath_equals_goroot() {
    let mut g = Gt::new("1.22");
    g.set("GOPATH", "/usr/lib/go-1.22");
    g.go("env GOPATH").ok();
    g.go("build ./...").fails_with(
        0,
        "warning: GOPATH set to GOROOT (/usr/lib/go-1.22) has no effect",
    );
    g.expect("gopath-equals-goroot", "warn", "env").code(0);
}

#[test]
fn gopath_equals_goroot_go_unpacked_in_home() {
    // Go unpacked into ~/go (a copied binary, the rest linked), GOROOT
    // unset: the default GOPATH is the GOROOT
    let mut g = Gt::bare();
    std::fs::copy(go_root("1.22").join("bin/go"), g.home().join("go/bin/go")).unwrap();
    for e in std::fs::read_dir(go_root("1.22")).unwrap() {
        let e = e.unwrap();
        if e.file_name() != "bin" {
            symlink(&e.path(), &g.home().join("go").join(e.file_name()));
        }
    }
    g.gomod("module m\n\ngo 1.22\n");
    write(
        &g.home().join("m/main.go"),
        "package main\n\nfunc main() {}\n",
    );
    g.path = format!("{}:/usr/bin:/bin", g.h("go/bin"));
    let o = g.go("env GOROOT GOPATH");
    assert_eq!(o.ok().stdout, format!("{0}\n{0}\n", g.h("go")));
    assert!(
        o.stderr.contains(&format!(
            "warning: GOPATH set to GOROOT ({}) has no effect",
            g.h("go")
        )),
        "{}",
        o.stderr
    );
    g.go("build ./...").ok();
    g.expect("gopath-equals-goroot", "warn", "env").code(0);
    // exporting GOROOT=~/go as well empties GOPATH: an error
    g.set("GOROOT", g.h("go"));
    assert_eq!(g.go("env GOPATH").ok().stdout.trim(), "");
    g.expect_error("gopath-unresolvable", "env", 1);
}

#[test]
fn gobin_not_on_path() {
    // GOBIN set, not on PATH
    let mut g = Gt::new("1.23");
    g.set("GOBIN", g.h("mybin"));
    g.go("install .").ok();
    assert!(g.home().join("mybin/m").is_file());
    assert_ne!(g.sh("command -v m").code, 0, "m should not be found");
    let d = g.expect("gobin-not-on-path", "warn", "env");
    assert!(d.get("gobin-not-on-path").unwrap()["message"]
        .as_str()
        .unwrap()
        .contains(&g.h("mybin")));
    d.code(0);
    // the fix, applied, makes the command found
    let fix = d.get("gobin-not-on-path").unwrap()["fix"]
        .as_str()
        .unwrap()
        .split("   ")
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        g.sh(&format!("{fix}; command -v m")).ok().stdout.trim(),
        g.h("mybin/m")
    );

    // the default: GOPATH[0]/bin, i.e. ~/go/bin, not on PATH
    let mut g = Gt::new("1.19");
    g.path = format!("{}:/usr/bin:/bin", g.s("bin"));
    g.go("install .").ok();
    assert!(g.home().join("go/bin/m").is_file());
    assert_ne!(g.sh("command -v m").code, 0);
    g.expect("gobin-not-on-path", "warn", "env").code(0);
}

#[test]
fn path_duplicates() {
    let mut g = Gt::new("1.21");
    g.path = format!("{}:{}", g.s("bin"), g.path);
    g.go("build ./...").ok(); // harmless
    g.expect("path-duplicates", "info", "env").code(0);
    g.doctor(&["--strict"]).code(0);
}

#[test]
fn path_empty_entry() {
    // a leading `:` is the current directory: a `go` in the project runs
    let mut g = Gt::new("1.22");
    executable(&g.home().join("m/go"), "#!/bin/sh\necho not the real go\n");
    g.path = format!(":{}", g.path);
    assert_eq!(g.go("version").ok().stdout.trim(), "not the real go");
    let d = g.expect("path-empty-entry", "warn", "env");
    // the script runs fine: it is no orphaned Go binary, but it shadows go
    d.lacks("go-binary-orphaned");
    d.has("multiple-go-on-path", "warn", "env");
    d.code(0);
    // and in the middle
    let mut g = Gt::new("1.22");
    g.path = format!("{}::/usr/bin:/bin", g.s("bin"));
    g.go("build ./...").ok();
    g.expect("path-empty-entry", "warn", "env").code(0);
}

#[test]
fn path_relative_entry() {
    let mut g = Gt::new("1.22");
    executable(&g.home().join("m/rel/go"), "#!/bin/sh\necho relative go\n");
    g.path = format!("rel:{}", g.path);
    assert_eq!(g.go("version").ok().stdout.trim(), "relative go");
    let d = g.expect("path-relative-entry", "warn", "env");
    d.lacks("go-binary-orphaned");
    d.has("multiple-go-on-path", "warn", "env");
    d.code(0);
}

#[test]
fn go_binary_copied_1_19_still_runs() {
    // go1.19 is not trimmed: a copy falls back to its embedded GOROOT
    let g = Gt::bare();
    std::fs::copy(go_root("1.19").join("bin/go"), g.p("bin/go")).unwrap();
    g.gomod("module m\n\ngo 1.19\n");
    write(
        &g.home().join("m/main.go"),
        "package main\n\nfunc main() {}\n",
    );
    assert!(g.go("version").ok().stdout.contains("go1.19.8"));
    assert_eq!(g.go("env GOROOT").ok().stdout.trim(), "/usr/lib/go-1.19");
    g.go("build ./...").ok();
    let d = g.doctor(&[]);
    d.lacks("go-binary-orphaned");
    d.no_errors();
}

#[test]
fn path_relative_entry_tilde() {
    // a literal ~ is not expanded by sh: the tools there are not found
    let mut g = Gt::new("1.22");
    executable(&g.home().join("tools/mytool"), "#!/bin/sh\necho hi\n");
    g.path = format!("~/tools:{}", g.path);
    assert_ne!(g.sh("command -v mytool").code, 0);
    g.go("build ./...").ok();
    let d = g.expect("path-relative-entry", "warn", "env");
    d.code(0);
    let fix = d.get("path-relative-entry").unwrap()["fix"]
        .as_str()
        .unwrap();
    assert!(fix.contains(&g.h("tools")), "{fix}");
    // the fix, applied, finds it
    assert!(g
        .sh(&format!("PATH={}:$PATH; command -v mytool", g.h("tools")))
        .ok()
        .stdout
        .contains("mytool"));
}

#[test]
fn goenv_file_overridden() {
    let mut g = Gt::new("1.23");
    g.goenv_file("GOPRIVATE=example.com/a\n");
    g.set("GOPRIVATE", "example.com/b");
    assert_eq!(g.go("env GOPRIVATE").ok().stdout.trim(), "example.com/b");
    g.go("env -w GOPRIVATE=example.com/c").fails_with(
        0,
        "go env -w GOPRIVATE=... does not override conflicting OS environment variable",
    );
    assert_eq!(g.go("env GOPRIVATE").ok().stdout.trim(), "example.com/b");
    g.expect("goenv-file-overridden", "warn", "env").code(0);
}

/// A file:// proxy serving a (fake) toolchain go1.23.99 for this host.
fn toolchain_proxy(g: &Gt) -> String {
    let v = "v0.0.1-go1.23.99.linux-amd64";
    let d = g.p("proxy/golang.org/toolchain/@v");
    write(&d.join("list"), format!("{v}\n"));
    write(
        &d.join(format!("{v}.info")),
        format!(r#"{{"Version":"{v}","Time":"2024-01-01T00:00:00Z"}}"#),
    );
    write(&d.join(format!("{v}.mod")), "module golang.org/toolchain\n");
    let name = format!("golang.org/toolchain@{v}/bin/go");
    write(
        &d.join(format!("{v}.zip")),
        common::zip::stored_zip(&[(&name, b"fake")]),
    );
    // `,off`: a lone file:// GOPROXY would skip the checksum database for
    // toolchains (Go's exception for testing distpacks).
    format!("file://{},off", g.s("proxy"))
}

#[test]
fn gosumdb_off_autotoolchain() {
    assert_eq!(
        std::env::consts::ARCH,
        "x86_64",
        "the fake toolchain is linux-amd64"
    );
    let mut g = Gt::new("1.22");
    g.gomod("module m\n\ngo 1.23.99\n");
    let proxy = toolchain_proxy(&g);
    g.set("GOPROXY", proxy).set("GOSUMDB", "off");
    g.go("version").fails_with(
        1,
        "golang.org/toolchain@v0.0.1-go1.23.99.linux-amd64: verifying module: checksum database disabled by GOSUMDB=off",
    );
    let d = g.expect("gosumdb-off-autotoolchain", "warn", "env");
    // go fails: the pending switch's download is refused (an error now,
    // naming GOSUMDB=off).
    d.has("toolchain-switch-pending", "error", "project");
    d.has("project-toolchain-not-installed", "warn", "project");
    d.code(3);
    // without GOSUMDB=off the same download gets as far as the checksum
    // database (unreachable here)
    g.set("GOSUMDB", "sum.golang.org http://127.0.0.1:1");
    g.go("version").fails_with(1, "connection refused");
    g.doctor(&[]).lacks("gosumdb-off-autotoolchain");
}

#[test]
fn goprivate_suspicious() {
    for bad in ["EXAMPLE.COM", " example.com", "https://example.com/dep"] {
        let mut g = Gt::new("1.22");
        let proxy = g.with_dep();
        g.set("GOPROXY", proxy)
            .set("GOSUMDB", "sum.golang.org http://127.0.0.1:1")
            .set("GONOSUMDB", bad);
        // the pattern matches nothing: the checksum database is asked
        g.go("build ./...")
            .fails_with(1, "example.com/dep@v1.0.0: verifying");
        g.expect("goprivate-suspicious", "warn", "env").code(0);
        // the right pattern matches
        g.set("GONOSUMDB", "example.com");
        g.go("build ./...").ok();
        g.doctor(&[]).lacks("goprivate-suspicious");
    }
}

#[test]
fn go111module_off_with_gomod() {
    let mut g = Gt::new("1.21");
    g.gomod("module m\n\ngo 1.23.0\n");
    g.set("GOTOOLCHAIN", "local");
    g.go("build .")
        .fails_with(1, "go.mod requires go >= 1.23.0");
    g.set("GO111MODULE", "off");
    // go.mod is ignored: no module, and the go line no longer matters
    assert_eq!(g.go("env GOMOD").ok().stdout.trim(), "");
    g.go("build .").ok();
    let d = g.expect("go111module-off-with-gomod", "warn", "env");
    d.lacks("version-vs-gomod");
    d.code(0);
}

#[test]
fn toolchain_switch_pending_to_path_go() {
    let mut g = Gt::new("1.22");
    g.gomod("module m\n\ngo 1.23.5\n");
    symlink(&go_root("1.23").join("bin/go"), &g.p("bin2/go1.23.5"));
    g.path = format!("{}:{}", g.path, g.s("bin2"));
    // go 1.22 execs go1.23.5 from PATH
    assert!(g.go("version").ok().stdout.contains("go1.23.5"));
    g.go("build ./...").ok();
    let d = g.expect("toolchain-switch-pending", "info", "project");
    let m = d.get("toolchain-switch-pending").unwrap()["message"]
        .as_str()
        .unwrap();
    assert!(m.contains("go1.23.5") && m.contains("PATH"), "{m}");
    d.no_errors();
}

#[test]
fn toolchain_switch_path_only_not_on_path() {
    for tc in ["path", "go1.23.5+path"] {
        let mut g = Gt::new("1.22");
        g.gomod("module m\n\ngo 1.23.5\n");
        g.set("GOTOOLCHAIN", tc);
        g.go("build ./...")
            .fails_with(1, "go: cannot find \"go1.23.5\" in PATH");
        let d = g.expect_error("toolchain-switch-pending", "project", 3);
        let f = d.get("toolchain-switch-pending").unwrap();
        assert!(f["fix"].as_str().unwrap().contains("go1.23.5"), "{f:#}");
        // with go1.23.5 on PATH the switch works
        symlink(&go_root("1.23").join("bin/go"), &g.p("bin2/go1.23.5"));
        g.path = format!("{}:{}", g.path, g.s("bin2"));
        assert!(g.go("version").ok().stdout.contains("go1.23.5"));
        let d = g.doctor(&[]);
        d.has("toolchain-switch-pending", "info", "project");
        d.no_errors();
    }
}

#[test]
fn project_toolchain_not_installed() {
    let mut g = Gt::new("1.23");
    g.gomod("module m\n\ngo 1.30.0\n");
    g.go("build ./...").fails_with(
        1,
        "go: download go1.30.0 for linux/amd64: toolchain not available",
    );
    let d = g.expect("project-toolchain-not-installed", "warn", "project");
    // go fails (the download is refused): an error, as go says.
    d.has("toolchain-switch-pending", "error", "project");
    d.code(3);
    g.doctor(&["--strict"]).code(3);
    // GOTOOLCHAIN=local instead: an error, same exit class
    g.set("GOTOOLCHAIN", "local");
    g.go("build ./...").fails_with(
        1,
        "go.mod requires go >= 1.30.0 (running go 1.23.5; GOTOOLCHAIN=local)",
    );
    g.expect_error("version-vs-gomod", "project", 3);
}

#[test]
fn wsl_windows_go_on_path() {
    // WSL simulated by WSL_DISTRO_NAME (the CLI reads the real /proc).
    let mut g = Gt::new("1.22");
    g.path = format!("{}:/mnt/c/Program Files/Go/bin", g.path);
    // no WSL: nothing to say
    g.doctor(&[]).lacks("wsl-windows-go-on-path");
    g.set("WSL_DISTRO_NAME", "Ubuntu");
    // Linux go still runs: the Windows dir only has go.exe
    assert!(g.go("version").ok().stdout.contains("go1.22.12"));
    g.expect("wsl-windows-go-on-path", "warn", "env").code(0);
    // a GOPATH on the Windows drive
    let mut g = Gt::new("1.22");
    g.set("WSL_DISTRO_NAME", "Ubuntu")
        .set("GOPATH", "/mnt/c/Users/me/go");
    g.expect("wsl-windows-go-on-path", "warn", "env").code(0);
}

const INTERACTIVE: &[&str] = &["-i"];
/// A login shell as a terminal on macOS or ssh starts it.
const LOGIN: &[&str] = &["-l", "-i"];

/// A real bash: does the prompt hook function exist after start-up?
fn bash_has_hook(g: &Gt, mode: &[&str]) -> bool {
    let mut c = g.cmd("/bin/bash");
    c.args(mode)
        .arg("-c")
        .arg("declare -F __goenv_hook >/dev/null && echo HOOKED")
        .stdin(std::process::Stdio::null());
    Out::of(c).stdout.contains("HOOKED")
}

fn with_exe_on_path(g: &mut Gt) {
    g.path = format!("{}:{}", exe().parent().unwrap().display(), g.path);
}

#[test]
fn init_not_in_startup() {
    let mut g = Gt::new("1.22");
    with_exe_on_path(&mut g);
    assert!(
        bash_has_hook(&g, INTERACTIVE),
        "init line in ~/.bashrc works"
    );
    write(&g.home().join(".bashrc"), "alias ll='ls -l'\n");
    assert!(!bash_has_hook(&g, INTERACTIVE));
    assert!(!bash_has_hook(&g, LOGIN));
    let d = g.expect("init-not-in-startup", "warn", "env");
    d.code(0);
    g.doctor(&["--strict"]).code(1);
}

#[test]
fn init_in_wrong_file() {
    let mut g = Gt::new("1.22");
    with_exe_on_path(&mut g);
    // ~/.bash_profile exists and does not source ~/.bashrc
    write(&g.home().join(".bash_profile"), "export EDITOR=vi\n");
    assert!(
        bash_has_hook(&g, INTERACTIVE),
        "interactive shells read ~/.bashrc"
    );
    assert!(!bash_has_hook(&g, LOGIN), "login shells do not");
    g.expect("init-in-wrong-file", "warn", "env").code(0);
    // the fix
    write(&g.home().join(".bash_profile"), BASH_PROFILE);
    assert!(bash_has_hook(&g, LOGIN));
    let d = g.doctor(&[]);
    d.lacks("init-in-wrong-file");
    d.lacks("init-not-in-startup");
}

#[test]
fn hook_not_installed() {
    let mut g = Gt::new("1.22");
    with_exe_on_path(&mut g);
    // a real interactive bash: init, then a later line overwrites
    // PROMPT_COMMAND; the doctor gets the registrations via --hooks
    let rc = |tail: &str| {
        format!(
            "{}{tail}\ngoenv-hook doctor --json --hooks \"bash:${{PROMPT_COMMAND[*]}}\" > {}\n",
            bash_init(),
            g.h("doc.json")
        )
    };
    let run = |g: &Gt| -> Doc {
        let mut c = g.cmd("/bin/bash");
        c.args(["--rcfile", &g.h("rc"), "-i"])
            .stdin(std::process::Stdio::null());
        Out::of(c);
        let json: Value =
            serde_json::from_str(&std::fs::read_to_string(g.home().join("doc.json")).unwrap())
                .unwrap();
        Doc {
            code: json["exit_code"].as_i64().unwrap() as i32,
            json,
            stderr: String::new(),
        }
    };
    write(&g.home().join("rc"), rc("PROMPT_COMMAND='echo mine'"));
    let d = run(&g);
    d.has("hook-not-installed", "warn", "env");
    write(&g.home().join("rc"), rc(""));
    run(&g).lacks("hook-not-installed");
    // and from the command line directly
    g.doctor(&["--hooks", "bash:_other_prompt"])
        .has("hook-not-installed", "warn", "env");
    g.doctor(&["--hooks", "bash:__goenv_hook"])
        .lacks("hook-not-installed");
}

#[test]
fn inside_an_initialized_shell_the_project_builds_and_the_doctor_agrees() {
    // go 1.21 first on PATH, the project wants 1.23.0, no switching:
    // broken in a plain shell ...
    let mut g = Gt::new("1.21");
    g.gomod("module m\n\ngo 1.23.0\n");
    g.set("GOTOOLCHAIN", "local");
    g.go("build ./...")
        .fails_with(1, "go.mod requires go >= 1.23.0 (running go 1.21.13");
    g.expect_error("version-vs-gomod", "project", 3);
    // ... fixed in an interactive bash that ran the init line (~/.bashrc):
    // goenv-hook puts Debian's go 1.23 first
    let mut c = g.cmd("/bin/bash");
    c.args(["-i", "-c"])
        .arg(format!(
            "go version && go build ./... && {} doctor --json > {}",
            exe().display(),
            g.h("doc.json")
        ))
        .stdin(std::process::Stdio::null());
    let o = Out::of(c);
    assert!(o.ok().stdout.contains("go1.23.5"), "{}", o.stdout);
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(g.home().join("doc.json")).unwrap()).unwrap();
    assert_eq!(json["exit_code"], 0, "{json:#}");
    assert_eq!(json["summary"]["errors"], 0, "{json:#}");
}

// ===========================================================================
// Installed tools and the trees around them (issue 12): where `go install`
// writes, Go roots of two releases, tools built with an older Go, several
// version managers on PATH.

/// `<sandbox>/<name>`: a writable copy of Debian's go 1.`minor` tree: `bin`
/// and `pkg/tool/<goos_goarch>` are real directories of copied (bin) or
/// linked (tools) files, everything else is linked; `go.env` is copied.
fn tree_copy(g: &Gt, name: &str, minor: &str) -> PathBuf {
    let root = g.tree_without_go_env(name, minor);
    std::fs::copy(go_root(minor).join("go.env"), root.join("go.env")).unwrap();
    std::fs::remove_file(root.join("pkg")).unwrap();
    for e in std::fs::read_dir(go_root(minor).join("pkg")).unwrap() {
        let e = e.unwrap();
        if e.file_name() != "tool" {
            symlink(&e.path(), &root.join("pkg").join(e.file_name()));
        }
    }
    for d in std::fs::read_dir(go_root(minor).join("pkg/tool")).unwrap() {
        let d = d.unwrap();
        for t in std::fs::read_dir(d.path()).unwrap() {
            let t = t.unwrap();
            symlink(
                &t.path(),
                &root
                    .join("pkg/tool")
                    .join(d.file_name())
                    .join(t.file_name()),
            );
        }
    }
    root
}

#[test]
fn gobin_inside_goroot() {
    let mut g = Gt::new("1.23");
    let root = tree_copy(&g, "go123", "1.23");
    std::fs::remove_file(g.p("bin/go")).unwrap();
    g.path = format!("{}:{}", root.join("bin").display(), g.path);
    g.set("GOBIN", root.join("bin"));
    // go installs into its own tree
    assert_eq!(
        g.go("env GOROOT").ok().stdout.trim(),
        root.display().to_string()
    );
    g.go("install .").ok();
    assert!(root.join("bin/m").is_file());
    let d = g.expect("gobin-inside-goroot", "warn", "env");
    d.no_errors();
    let f = d.get("gobin-inside-goroot").unwrap();
    assert!(f["message"].as_str().unwrap().contains("go1.23.5"), "{f:#}");
    assert!(
        f["fix"].as_str().unwrap().starts_with("unset GOBIN"),
        "{f:#}"
    );
    // an upgrade replaces the tree: the tool is gone
    std::fs::remove_dir_all(&root).unwrap();
    tree_copy(&g, "go123", "1.23");
    g.go("version").ok();
    g.sh("command -v m").fails_with(127, "");
    // GOBIN unset, GOPATH inside the tree: GOPATH/bin is reported too
    let mut g2 = Gt::new("1.22");
    let root = tree_copy(&g2, "go122", "1.22");
    std::fs::remove_file(g2.p("bin/go")).unwrap();
    g2.path = format!(
        "{}:{}:{}",
        root.join("bin").display(),
        root.join("gopath/bin").display(),
        g2.path
    );
    g2.set("GOPATH", root.join("gopath"));
    g2.go("install .").ok();
    assert!(root.join("gopath/bin/m").is_file());
    let d = g2.expect("gobin-inside-goroot", "warn", "env");
    let m = d.get("gobin-inside-goroot").unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(m.contains("GOPATH[0]/bin"), "{m}");
    // the usual layout is quiet
    Gt::new("1.23").doctor(&[]).lacks("gobin-inside-goroot");
}

#[test]
fn gobin_is_file() {
    let mut g = Gt::new("1.22");
    let tools = g.h("tools");
    write(Path::new(&tools), "not a directory\n");
    g.set("GOBIN", &tools);
    g.path = format!("{tools}:{}", g.path);
    g.go("install .")
        .fails_with(1, &format!("mkdir {tools}/: file exists"));
    let d = g.expect_error("gobin-is-file", "env", 1);
    let f = d.get("gobin-is-file").unwrap();
    // the fix, pasted, makes go install work
    let fix = f["fix"].as_str().unwrap();
    let cmd = fix.split("   (").next().unwrap();
    g.sh(cmd).ok();
    g.go("install .").ok();
    assert!(g.home().join("tools/m").is_file());
    g.doctor(&[]).lacks("gobin-is-file");
    // GOBIN unset: GOPATH[0]/bin a file
    let g = Gt::new("1.21");
    std::fs::remove_dir_all(g.home().join("go/bin")).unwrap();
    write(&g.home().join("go/bin"), "x");
    g.go("install .").fails_with(1, "file exists");
    g.expect_error("gobin-is-file", "env", 1);
}

#[test]
fn goroot_mixed_tree() {
    let g = Gt::new("1.22");
    let root = tree_copy(&g, "go122", "1.22");
    // a 1.21 compiler left in a 1.22 tree
    let compile = root.join("pkg/tool/linux_amd64/compile");
    std::fs::remove_file(&compile).unwrap();
    std::fs::copy(
        go_root("1.21").join("pkg/tool/linux_amd64/compile"),
        &compile,
    )
    .unwrap();
    std::fs::remove_file(g.p("bin/go")).unwrap();
    symlink(&root.join("bin/go"), &g.p("bin/go"));
    assert!(g.go("version").ok().stdout.contains("go1.22.12"));
    g.go("build ./...").fails_with(
        1,
        "compile: version \"go1.21.13\" does not match go tool version \"go1.22.12\"",
    );
    let d = g.expect_error("goroot-mixed-tree", "toolchain", 2);
    let m = d.get("goroot-mixed-tree").unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        m.contains("VERSION: go1.22.12") && m.contains("compile: go1.21.13"),
        "{m}"
    );
    // the same tree, whole again: builds, quiet
    std::fs::remove_file(&compile).unwrap();
    symlink(
        &go_root("1.22").join("pkg/tool/linux_amd64/compile"),
        &compile,
    );
    g.go("build ./...").ok();
    g.doctor(&[]).lacks("goroot-mixed-tree");
    // a VERSION file of another release (a tarball over an old tree)
    std::fs::remove_file(root.join("VERSION")).unwrap();
    write(
        &root.join("VERSION"),
        "go1.21.13\ntime 2024-08-01T00:00:00Z\n",
    );
    let d = g.doctor(&[]);
    d.has("goroot-mixed-tree", "error", "toolchain");
}

#[test]
fn gotoolchain_pin_stale() {
    let mut g = Gt::new("1.23");
    // go1.22.12 installed the golang.org/dl way (a go1.X.Y on PATH)
    symlink(&go_root("1.22").join("bin/go"), &g.p("bin/go1.22.12"));
    g.set("GOTOOLCHAIN", "go1.22.12");
    g.gomod("module m\n\ngo 1.22\n");
    // the newer go on PATH never runs
    assert!(g.go("version").ok().stdout.contains("go1.22.12"));
    let d = g.expect("gotoolchain-pin-stale", "warn", "env");
    let f = d.get("gotoolchain-pin-stale").unwrap();
    assert!(f["message"].as_str().unwrap().contains("go1.23.5"), "{f:#}");
    // the fix, pasted: the go on PATH runs
    let fix = f["fix"].as_str().unwrap();
    assert!(fix.starts_with("unset GOTOOLCHAIN"), "{fix}");
    g.unset("GOTOOLCHAIN");
    assert!(g.go("version").ok().stdout.contains("go1.23.5"));
    g.doctor(&[]).lacks("gotoolchain-pin-stale");
    // the same pin in the go env -w file
    g.goenv_file("GOTOOLCHAIN=go1.22.12\n");
    assert!(g.go("version").ok().stdout.contains("go1.22.12"));
    let d = g.expect("gotoolchain-pin-stale", "warn", "env");
    let fix = d.get("gotoolchain-pin-stale").unwrap()["fix"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(fix.starts_with("go env -u GOTOOLCHAIN"), "{fix}");
}

#[test]
fn gomod_invalid() {
    let g = Gt::new("1.22");
    g.gomod("module m\n\ngo banana\n");
    g.go("build ./...").fails_with(
        1,
        "go.mod:3: invalid go version 'banana': must match format 1.23",
    );
    let d = g.expect_error("gomod-invalid", "project", 3);
    let m = d.get("gomod-invalid").unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(m.contains("invalid go version 'banana'"), "{m}");
}

/// A minimal type checker (what gopls, staticcheck and dlv embed): go/types
/// of the Go that built it checks one file at a language version.
const TYPE_CHECKER: &str = r#"package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
)

func main() {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, os.Args[1], nil, 0)
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	conf := types.Config{GoVersion: os.Args[2]}
	if _, err := conf.Check("m", fset, []*ast.File{f}, nil); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	fmt.Println("ok")
}
"#;

#[test]
fn tool_built_with_older_go() {
    let mut g = Gt::new("1.23");
    // a local tool built with go 1.21 into GOPATH/bin: a type checker, as
    // gopls, staticcheck and dlv have one (go/types of the Go that built it)
    write(
        &g.home().join("tool/go.mod"),
        "module example.com/tool\n\ngo 1.21\n",
    );
    write(&g.home().join("tool/main.go"), TYPE_CHECKER);
    // the project uses a go 1.23 feature (range over a function)
    write(
        &g.home().join("m/main.go"),
        "package main\n\nfunc seq(yield func(int) bool) { yield(1) }\n\nfunc main() {\n\tfor x := range seq {\n\t\tprintln(x)\n\t}\n}\n",
    );
    g.go("build ./...").ok();
    let go121 = go_root("1.21").join("bin/go");
    g.sh(&format!(
        "cd ~/tool && GOTOOLCHAIN=local {} build -o ~/go/bin/tool .",
        go121.display()
    ))
    .ok();
    // what such a tool makes of the project (gopls says the same)
    g.sh("exec ~/go/bin/tool main.go go1.23")
        .fails_with(1, "package requires newer Go version go1.23");
    // a published one, installed with go 1.21 from a file:// proxy
    let v = g.p("proxy/example.com/vettool/@v");
    write(&v.join("list"), "v1.2.0\n");
    write(
        &v.join("v1.2.0.info"),
        r#"{"Version":"v1.2.0","Time":"2024-01-01T00:00:00Z"}"#,
    );
    let m = "module example.com/vettool\n\ngo 1.21\n";
    write(&v.join("v1.2.0.mod"), m);
    write(
        &v.join("v1.2.0.zip"),
        common::zip::stored_zip(&[
            ("example.com/vettool@v1.2.0/go.mod", m.as_bytes()),
            (
                "example.com/vettool@v1.2.0/main.go",
                b"package main\n\nfunc main() {}\n",
            ),
        ]),
    );
    g.set("GOPROXY", format!("file://{}", g.s("proxy")));
    g.set("GOSUMDB", "off");
    g.unset("GOFLAGS");
    g.sh(&format!(
        "cd ~ && GOTOOLCHAIN=local {} install example.com/vettool@v1.2.0",
        go121.display()
    ))
    .ok();
    // what go itself reads from the binaries
    let vm = g.go("version -m ~/go/bin/vettool");
    let vm = vm.ok().stdout.clone();
    assert!(
        vm.contains("go1.21.13") && vm.contains("\tmod\texample.com/vettool\tv1.2.0"),
        "{vm}"
    );
    let d = g.expect("tool-built-with-older-go", "warn", "project");
    d.no_errors();
    let f = d.get("tool-built-with-older-go").unwrap();
    let msg = f["message"].as_str().unwrap();
    assert!(
        msg.contains("tool (go1.21.13)") && msg.contains("vettool (go1.21.13)"),
        "{msg}"
    );
    let fix = f["fix"].as_str().unwrap();
    assert!(
        fix.contains("go install example.com/vettool@v1.2.0"),
        "{fix}"
    );
    assert!(
        fix.contains("built from a local checkout (example.com/tool (devel))"),
        "{fix}"
    );
    // the fix's command, pasted with the project's go, rebuilds it
    g.go("install example.com/vettool@v1.2.0").ok();
    assert!(g
        .go("version ~/go/bin/vettool")
        .ok()
        .stdout
        .contains("go1.23.5"));
    // and the local one, rebuilt there with the project's go, type-checks it
    g.sh("cd ~/tool && go build -o ~/go/bin/tool .").ok();
    assert_eq!(
        g.sh("exec ~/go/bin/tool main.go go1.23").ok().stdout.trim(),
        "ok"
    );
    g.doctor(&[]).lacks("tool-built-with-older-go");
    // the same language is fine (a tool built with 1.23 for go 1.23.0)
    g.gomod("module m\n\ngo 1.23.0\n");
    g.doctor(&[]).lacks("tool-built-with-older-go");
}

#[test]
fn vscode_effective_go() {
    let mut g = Gt::new("1.23");
    write(
        &g.home().join("m/.vscode/settings.json"),
        "{\n  // lint on save\n  \"go.lintTool\": \"staticcheck\",\n}\n",
    );
    // a go in GOBIN (last on PATH): the shell never runs it, the extension
    // tries it before GOROOT and PATH
    let tools = g.h("tools");
    symlink(&go_root("1.21").join("bin/go"), &g.home().join("tools/go"));
    g.set("GOBIN", &tools);
    g.path = format!("{}:{tools}", g.path);
    assert!(g.go("version").ok().stdout.contains("go1.23.5"));
    g.go("build ./...").ok();
    assert!(g
        .sh("GOTOOLCHAIN=local exec \"$GOBIN/go\" version")
        .ok()
        .stdout
        .contains("go1.21.13"));
    // what the editor's builds hit: go 1.21 tries to switch to go1.23.0
    g.sh("exec \"$GOBIN/go\" build ./...").fails_with(
        1,
        "go: download go1.23.0 for linux/amd64: toolchain not available",
    );
    let d = g.expect("vscode-effective-go", "warn", "env");
    let f = d.get("vscode-effective-go").unwrap();
    let m = f["message"].as_str().unwrap();
    assert!(
        m.contains("$GOBIN/go") && m.contains("use go1.21.13 while the terminal uses go1.23.5"),
        "{m}"
    );
    // the fix: remove it
    let fix = f["fix"].as_str().unwrap();
    assert!(fix.starts_with(&format!("remove {tools}/go")), "{fix}");
    std::fs::remove_file(g.home().join("tools/go")).unwrap();
    g.doctor(&[]).lacks("vscode-effective-go");
    // GOROOT names another tree: the extension runs its bin/go
    g.set("GOROOT", go_root("1.22"));
    assert!(g
        .sh("GOTOOLCHAIN=local exec \"$GOROOT/bin/go\" version")
        .ok()
        .stdout
        .contains("go1.22.12"));
    let d = g.doctor(&[]);
    let m = d.has("vscode-effective-go", "warn", "env")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        m.contains("$GOROOT/bin/go") && m.contains("go1.22.12"),
        "{m}"
    );
    // a go.goroot setting decides: vscode-settings-mismatch's business
    g.unset("GOROOT");
    write(
        &g.home().join("m/.vscode/settings.json"),
        format!("{{\"go.goroot\": \"{}\"}}\n", go_root("1.21").display()),
    );
    let d = g.doctor(&[]);
    d.lacks("vscode-effective-go");
    d.has("vscode-settings-mismatch", "warn", "env");
}

/// A fake version-manager layout in HOME: mise's Go 1.23.5 install (a link
/// to Debian's tree, PATH entry `installs/go/1.23.5/bin` as `mise activate`
/// puts it) and asdf's shims (a `go` shim that runs Debian's 1.22, as
/// `asdf exec` would for the `.tool-versions` there).
fn managers(g: &Gt) -> (String, String) {
    let home = g.home();
    symlink(
        &go_root("1.23"),
        &home.join(".local/share/mise/installs/go/1.23.5"),
    );
    symlink(
        &go_root("1.22"),
        &home.join(".asdf/installs/golang/1.22.12/go"),
    );
    write(&home.join(".tool-versions"), "golang 1.22.12\n");
    executable(
        &home.join(".asdf/shims/go"),
        &format!(
            "#!/bin/sh\nexec {} \"$@\"\n",
            go_root("1.22").join("bin/go").display()
        ),
    );
    (
        g.h(".local/share/mise/installs/go/1.23.5/bin"),
        g.h(".asdf/shims"),
    )
}

#[test]
fn manager_conflict() {
    let mut g = Gt::new("1.22");
    std::fs::remove_file(g.p("bin/go")).unwrap();
    let base = g.path.clone();
    let (mise, asdf) = managers(&g);
    // mise first: its go runs
    g.path = format!("{mise}:{asdf}:{base}");
    assert!(g.go("version").ok().stdout.contains("go1.23.5"));
    let d = g.expect("manager-conflict", "warn", "env");
    let m = d.get("manager-conflict").unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(m.contains("mise's wins") && m.contains("asdf shims"), "{m}");
    // asdf first: asdf's go runs, and the doctor says so
    g.path = format!("{asdf}:{mise}:{base}");
    assert!(g.go("version").ok().stdout.contains("go1.22.12"));
    let d = g.expect("manager-conflict", "warn", "env");
    let m = d.get("manager-conflict").unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(m.contains("asdf's wins"), "{m}");
    let fix = d.get("manager-conflict").unwrap()["fix"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(fix.contains("activation of mise"), "{fix}");
    // one manager only: quiet
    g.path = format!("{asdf}:{base}");
    g.doctor(&[]).lacks("manager-conflict");
}

// ===========================================================================
// Exit codes: precedence, --strict, --ignore, usage and config errors.

#[test]
fn exit_env_before_project() {
    let mut g = Gt::new("1.21");
    g.gomod("module m\n\ngo 1.23.0\n");
    g.set("GOTOOLCHAIN", "local").set("GOFLAGS", "-bogus");
    g.go("build ./...").fails_with(1, "unknown flag -bogus");
    let d = g.doctor(&[]);
    d.has("goflags-invalid", "error", "env");
    d.has("version-vs-gomod", "error", "project");
    d.code(1);
    // --ignore removes a finding: the project error decides
    let d = g.doctor(&["--ignore", "goflags-invalid"]);
    d.lacks("goflags-invalid");
    d.code(3);
    // the same through the config
    write(
        &g.home().join(".config/goenv-hook/config.toml"),
        "[doctor]\nignore = [\"goflags-invalid\", \"version-vs-gomod\"]\n",
    );
    g.doctor(&[]).code(0);
}

#[test]
fn exit_toolchain_before_env_and_project() {
    let mut g = Gt::new("1.21");
    g.gomod("module m\n\ngo 1.23.0\n");
    let nowhere = g.p("nowhere");
    g.set("GOTOOLCHAIN", "local")
        .set("GO111MODULE", "maybe")
        .set("GOROOT", nowhere);
    g.go("build ./...")
        .fails_with(2, "cannot find GOROOT directory");
    let d = g.doctor(&[]);
    d.has("goroot-invalid", "error", "toolchain");
    d.has("go111module-invalid", "error", "env");
    d.code(2);
    let d = g.doctor(&["--ignore", "goroot-invalid"]);
    d.code(1);
    // errors first in the list
    let sev: Vec<String> = g
        .doctor(&[])
        .findings()
        .iter()
        .map(|f| f["severity"].as_str().unwrap().to_string())
        .collect();
    let rank = |s: &str| ["error", "warn", "info"].iter().position(|x| *x == s);
    assert!(
        sev.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])),
        "{sev:?}"
    );
}

#[test]
fn exit_usage_and_config_errors() {
    let g = Gt::new("1.22");
    let o = g.doctor_text(&["--ignore", "no-such-check"]);
    assert_eq!(o.code, 64, "{}{}", o.stdout, o.stderr);
    assert!(o.stderr.contains("no-such-check"), "{}", o.stderr);
    assert!(o.stdout.is_empty(), "{}", o.stdout);
    let o = g.doctor_text(&["--bogus-flag"]);
    assert_eq!(o.code, 64, "{}", o.stderr);

    let cfg = g.home().join(".config/goenv-hook/config.toml");
    write(&cfg, "[doctor\nignore = 1\n");
    let o = g.doctor_text(&["--json"]);
    assert_eq!(o.code, 78, "{}{}", o.stdout, o.stderr);
    assert!(o.stderr.contains("config.toml"), "{}", o.stderr);
    write(&cfg, "[doctor]\nignore = [\"no-such-check\"]\n");
    let o = g.doctor_text(&[]);
    assert_eq!(o.code, 78, "{}{}", o.stdout, o.stderr);
    assert!(o.stderr.contains("no-such-check"), "{}", o.stderr);
    write(&cfg, "[doctor]\nignore = [\"path-duplicates\"]\n");
    g.doctor(&[]).code(0);
}

// ===========================================================================
// `doctor --deep`: no false alarms where real go works (each test shows
// real go working and asserts --deep stays quiet).

#[test]
fn deep_goroot_from_goenv_file_is_no_disagreement() {
    let g = Gt::new("1.22");
    let alt = g.p("alt-go");
    for e in std::fs::read_dir(go_root("1.22")).unwrap() {
        let e = e.unwrap();
        symlink(&e.path(), &alt.join(e.file_name()));
    }
    g.goenv_file(format!("GOROOT={}\n", alt.display()));
    assert_eq!(
        g.go("env GOROOT").ok().stdout.trim(),
        alt.display().to_string()
    );
    g.go("build ./...").ok();
    g.doctor(&["--deep"]).lacks("deep-go-env-disagrees");
}

#[test]
fn deep_pinned_toolchain_is_no_disagreement() {
    let mut g = Gt::new("1.22");
    symlink(&go_root("1.23").join("bin/go"), &g.p("bin2/go1.23.5"));
    g.path = format!("{}:{}", g.path, g.s("bin2"));
    g.set("GOTOOLCHAIN", "go1.23.5");
    assert!(g.go("version").ok().stdout.contains("go1.23.5"));
    let d = g.doctor(&["--deep"]);
    d.has("toolchain-switch-pending", "info", "project");
    d.lacks("deep-go-env-disagrees");
}

#[test]
fn deep_goenv_off_is_no_disagreement() {
    let mut g = Gt::new("1.22");
    g.set("GOENV", "off");
    assert_eq!(g.go("env GOENV").ok().stdout.trim(), "");
    g.doctor(&["--deep"]).lacks("deep-go-env-disagrees");
}

#[test]
fn deep_exported_gowork_is_no_build_failure() {
    let mut g = Gt::new("1.22");
    write(&g.home().join("m/go.work"), "go 1.22\n\nuse .\n");
    g.set("GOWORK", g.h("m/go.work")).unset("GOFLAGS");
    g.go("build ./...").ok();
    let d = g.doctor(&["--deep"]);
    d.lacks("deep-build-failed");
    d.no_errors();
}

// ===========================================================================
// `doctor --deep` compares every setting goenv-hook predicts or reads with
// `go env`: quiet on healthy setups with every toolchain, and a finding of
// its own (naming the variable, the prediction and its source, and what go
// reported) where go really sees something else.

const TOOLCHAINS: [&str; 4] = ["1.19", "1.21", "1.22", "1.23"];

/// A build cache shared by the tests that leave GOCACHE to Go's default:
/// `XDG_CACHE_HOME` points here (or `~/.cache` links here), so Go's default
/// `<dir>/go-build` is warm after the first build.
fn xdg_cache() -> PathBuf {
    let p = Path::new(env!("CARGO_TARGET_TMPDIR")).join("doctor-gt-xdg-cache");
    std::fs::create_dir_all(&p).unwrap();
    p
}

/// The `deep-go-env-disagrees` finding about `name` (its evidence names it).
fn deep_diff<'a>(d: &'a Doc, name: &str) -> Option<&'a Value> {
    d.findings().iter().find(|f| {
        f["id"] == "deep-go-env-disagrees"
            && f["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["kind"] == "var" && e["name"] == name)
    })
}

/// The finding about `name` exists, is a warning of class env, and its
/// message names the variable, the prediction, its source and what go said.
#[track_caller]
fn expect_diff<'a>(d: &'a Doc, name: &str, predicted: &str, source: &str, got: &str) -> &'a Value {
    let f =
        deep_diff(d, name).unwrap_or_else(|| panic!("no deep finding for {name}: {:#}", d.json));
    assert_eq!(f["severity"], "warn", "{f:#}");
    assert_eq!(f["class"], "env", "{f:#}");
    let m = f["message"].as_str().unwrap();
    assert!(m.contains(&format!("`go env {name}` reports {got}")), "{m}");
    assert!(m.contains(&format!("predicted {predicted:?}")), "{m}");
    assert!(m.contains(source), "{m}");
    f
}

/// No deep finding at all (and the hello-world build worked).
#[track_caller]
fn deep_quiet(g: &Gt) -> Doc {
    let d = g.doctor(&["--deep"]);
    d.lacks("deep-go-env-disagrees");
    d.lacks("deep-build-failed");
    d
}

#[test]
fn deep_is_quiet_on_healthy_setups_with_every_toolchain() {
    for minor in TOOLCHAINS {
        // Go's own defaults: GOPROXY, GOSUMDB (built in before go1.21, from
        // $GOROOT/go.env since), GOTOOLCHAIN (go.env), GOCACHE
        // ($XDG_CACHE_HOME/go-build), GOPATH ($HOME/go), GOMODCACHE.
        let mut g = Gt::new(minor);
        g.unset("GOPROXY")
            .unset("GOFLAGS")
            .unset("GOCACHE")
            .set("XDG_CACHE_HOME", xdg_cache());
        assert_eq!(
            g.go("env GOPROXY").ok().stdout.trim(),
            "https://proxy.golang.org,direct"
        );
        assert_eq!(
            g.go("env GOCACHE").ok().stdout.trim(),
            xdg_cache().join("go-build").display().to_string()
        );
        g.go("build ./...").ok();
        deep_quiet(&g);

        // GOCACHE from $HOME/.cache (no XDG_CACHE_HOME), HOME spelled with a
        // trailing slash (Go cleans what it joins).
        let home = g.home();
        std::fs::remove_dir(home.join(".cache")).unwrap();
        symlink(&xdg_cache(), &home.join(".cache"));
        g.unset("XDG_CACHE_HOME")
            .set("HOME", format!("{}/", home.display()));
        assert_eq!(
            g.go("env GOCACHE").ok().stdout.trim(),
            home.join(".cache/go-build").display().to_string()
        );
        deep_quiet(&g);

        // Everything set with real `go env -w`, some of it overridden by
        // the environment; a two-entry GOPATH.
        let mut g = Gt::new(minor);
        g.unset("GOPROXY").unset("GOFLAGS");
        let gopath = format!("{}:{}", g.h("gp1"), g.h("gp2"));
        let mut w = vec![
            format!("GOPATH={gopath}"),
            format!("GOBIN={}", g.h("gobin")),
            format!("GOMODCACHE={}", g.h("modcache")),
            "GOPROXY=off".into(),
            "GOSUMDB=off".into(),
            "GOFLAGS=-mod=mod".into(),
            "GO111MODULE=on".into(),
            "GOPRIVATE=example.com/private".into(),
            "GONOSUMDB=example.com/nosum".into(),
        ];
        if minor != "1.19" {
            w.push("GOTOOLCHAIN=local".into());
        }
        g.go(&format!("env -w {}", w.join(" "))).ok();
        assert_eq!(
            g.go("env GOPRIVATE").ok().stdout.trim(),
            "example.com/private"
        );
        g.set("GONOPROXY", "example.com/noproxy");
        assert_eq!(
            g.go("env GONOPROXY GONOSUMDB").ok().stdout,
            "example.com/noproxy\nexample.com/nosum\n"
        );
        g.go("build ./...").ok();
        deep_quiet(&g);
    }
}

#[test]
fn deep_relative_go_env_file_location_disagrees() {
    for minor in TOOLCHAINS {
        // A setting in the go env -w file, read correctly by goenv-hook.
        let mut g = Gt::new(minor);
        g.set("XDG_CONFIG_HOME", g.h("m/rel"));
        g.go("env -w GOPRIVATE=example.com/private").ok();
        assert!(g.home().join("m/rel/go/env").is_file());
        deep_quiet(&g);

        // XDG_CONFIG_HOME=rel: go resolves it against the directory it runs
        // in, so it reads the file in ~/m but not elsewhere.
        g.set("XDG_CONFIG_HOME", "rel");
        assert_eq!(
            g.go("env GOPRIVATE").ok().stdout.trim(),
            "example.com/private"
        );
        g.cwd = g.home();
        assert_eq!(g.go("env GOPRIVATE").ok().stdout.trim(), "");
        g.cwd = g.home().join("m");
        // --deep runs go in a fresh temporary directory: it disagrees with
        // goenv-hook, which reads the file from ~/m, and says why.
        let d = g.doctor(&["--deep"]);
        let f = deep_diff(&d, "GOENV").unwrap_or_else(|| panic!("{:#}", d.json));
        let m = f["message"].as_str().unwrap();
        assert!(m.contains("`go env GOENV` reports \"rel/go/env\""), "{m}");
        assert!(m.contains(&g.h("m/rel/go/env")), "{m}");
        assert!(m.contains("relative"), "{m}");
        assert!(f["fix"].as_str().unwrap().contains("absolute"), "{f:#}");
        let file = format!("the `go env -w` file {}", g.h("m/rel/go/env"));
        for name in ["GOPRIVATE", "GONOPROXY", "GONOSUMDB"] {
            let f = expect_diff(&d, name, "example.com/private", "", "\"\" (empty)");
            let m = f["message"].as_str().unwrap();
            if name == "GOPRIVATE" {
                assert!(m.contains(&file), "{m}");
            } else {
                assert!(m.contains("GOPRIVATE") && m.contains(&file), "{m}");
            }
        }
        d.lacks("deep-build-failed");
    }
}

#[test]
fn deep_agrees_on_an_empty_go_env_w_value_hiding_goroot_go_env() {
    // `go env -w GOPROXY=` writes `GOPROXY=` into the file. Go >= 1.21 then
    // ignores $GOROOT/go.env for GOPROXY (a key in the user file, even
    // empty, wins: cfg.readEnvFile), so GOPROXY is empty and downloads
    // fail. goenv-hook's one setting lookup (go::settings) follows that
    // rule: the static doctor reports it, and --deep agrees with go.
    for minor in ["1.21", "1.22", "1.23"] {
        let mut g = Gt::new(minor);
        g.unset("GOPROXY");
        g.go("env -w GOPROXY=").ok();
        assert_eq!(
            std::fs::read_to_string(g.home().join(".config/go/env")).unwrap(),
            "GOPROXY=\n"
        );
        assert_eq!(g.go("env GOPROXY").ok().stdout, "\n");
        g.with_dep();
        g.go("build ./...").fails_with(
            1,
            "GOPROXY list is not the empty string, but contains no entries",
        );
        // The static doctor sees it, and its fix works.
        let st = g.expect_error("goproxy-invalid", "env", 1);
        let fix = st.get("goproxy-invalid").unwrap()["fix"].as_str().unwrap();
        assert_eq!(fix, "go env -u GOPROXY");
        let d = g.doctor(&["--deep"]);
        assert!(deep_diff(&d, "GOPROXY").is_none(), "{:#}", d.json);
        // The static fix repairs it.
        g.go("env -u GOPROXY").ok();
        assert_eq!(
            g.go("env GOPROXY").ok().stdout.trim(),
            "https://proxy.golang.org,direct"
        );
        g.doctor(&[]).lacks("goproxy-invalid");
    }
    // go1.19 has no go.env: an empty value falls back to the built-in
    // default, as goenv-hook predicts.
    let mut g = Gt::new("1.19");
    g.unset("GOPROXY");
    g.go("env -w GOPROXY=").ok();
    assert_eq!(
        g.go("env GOPROXY").ok().stdout.trim(),
        "https://proxy.golang.org,direct"
    );
    g.doctor(&[]).lacks("goproxy-invalid");
    deep_quiet(&g);
}

#[test]
fn gopath_with_a_leading_empty_entry() {
    // `export GOPATH=$GOPATH:$HOME/work` with GOPATH unset before: Go takes
    // GOPATH[0] = "" for the module cache and `go install`, so both are
    // gone. goenv-hook predicts the same (no GOPATH/bin on PATH, no module
    // cache), the static doctor reports it, and --deep agrees with go.
    for minor in TOOLCHAINS {
        let mut g = Gt::new(minor);
        let work = g.h("work");
        g.set("GOPATH", format!(":{work}"));
        assert_eq!(g.go("env GOPATH").ok().stdout.trim(), format!(":{work}"));
        assert_eq!(g.go("env GOMODCACHE").ok().stdout, "\n");
        g.go("install .").fails_with(1, "no install location");
        let d = g.expect_error("gopath-unresolvable", "env", 1);
        let f = d.get("gopath-unresolvable").unwrap();
        assert!(
            f["message"]
                .as_str()
                .unwrap()
                .contains("starts with an empty entry"),
            "{f:#}"
        );
        // The fix drops the empty entry, and then go installs.
        let fix = f["fix"].as_str().unwrap();
        assert_eq!(fix, format!("export GOPATH={work}"));
        assert_eq!(
            g.sh(&format!("{fix}; go env GOMODCACHE"))
                .ok()
                .stdout
                .trim(),
            format!("{work}/pkg/mod")
        );
        let d = g.doctor(&["--deep"]);
        assert!(deep_diff(&d, "GOMODCACHE").is_none(), "{:#}", d.json);
        assert!(deep_diff(&d, "GOPATH").is_none(), "{:#}", d.json);
    }
}
