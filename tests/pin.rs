//! `goenv-hook pin`, through the real binary, judged by real go (1.23 first
//! on PATH; 1.19, 1.21, 1.22 installed where Debian puts them):
//! - `pin 1.22` writes `.go-version`, and `exec -- go version` then runs
//!   go1.22; an uninstalled version is written too, and the output says
//!   what is selected meanwhile; a `.go-version`'s comments stay;
//! - `pin --toolchain go1.22.0`: `go mod edit -json` (real go 1.23) shows
//!   the toolchain, and the file is the old one with only the new line
//!   added (or the old value replaced); a go.mod Go refuses, a go.work in
//!   use, no go.mod, and a go1.19 project (no toolchain directive: real
//!   go1.19 refuses the edited file too) are refused, the file untouched.

mod common;

use common::{exe, go_root, Sandbox};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PATH: &str = "/usr/lib/go-1.23/bin:/usr/bin:/bin";

struct Fx {
    sb: Sandbox,
}

impl Fx {
    fn new() -> Fx {
        for m in ["1.19", "1.21", "1.22", "1.23"] {
            go_root(m);
        }
        Fx { sb: Sandbox::new() }
    }

    fn dir(&self, rel: &str) -> PathBuf {
        let d = self.sb.home().join(rel);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn run(&self, cwd: &Path, args: &[&str]) -> Output {
        Command::new(exe())
            .env_clear()
            .envs(self.sb.env(PATH))
            .env("GOPROXY", "off")
            .env("PWD", cwd)
            .current_dir(cwd)
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, cwd: &Path, args: &[&str]) -> String {
        let o = self.run(cwd, args);
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
        assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
        text(&o.stdout)
    }

    /// Real go (`root`'s) in `cwd`, never switching toolchains.
    fn go(&self, root: &Path, cwd: &Path, args: &[&str]) -> Output {
        Command::new(root.join("bin/go"))
            .env_clear()
            .envs(self.sb.env(PATH))
            .env("GOPROXY", "off")
            .env("GOTOOLCHAIN", "local")
            .current_dir(cwd)
            .args(args)
            .output()
            .unwrap()
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn pin_writes_go_version_and_exec_then_runs_that_go() {
    let fx = Fx::new();
    let d = fx.dir("app");
    let out = fx.ok(&d, &["pin", "go1.22"]);
    assert_eq!(
        std::fs::read_to_string(d.join(".go-version")).unwrap(),
        "1.22\n"
    );
    assert_eq!(
        out,
        format!(
            "wrote 1.22 in {0}/.go-version\nselected here now: go1.22.12 (/usr/lib/go-1.22), installed, by .go-version ({0}/.go-version)\n",
            d.display()
        )
    );
    let v = fx.ok(&d, &["exec", "--", "go", "version"]);
    assert_eq!(v, "go version go1.22.12 linux/amd64\n");
    // Again: nothing to write.
    assert!(fx.ok(&d, &["pin", "1.22"]).starts_with("already 1.22 in "));

    // A release that is not installed itself: the nearest match, said.
    let out = fx.ok(&d, &["pin", "1.21.3"]);
    assert!(
        out.contains("selected here now: go1.21.13 (/usr/lib/go-1.21), installed")
            && out.contains(
                "(go1.21.3 itself is not installed: this is the nearest installed match)"
            ),
        "{out}"
    );

    // Not installed at all: written, and what is selected meanwhile.
    let out = fx.ok(&d, &["pin", "1.99.1"]);
    assert_eq!(
        std::fs::read_to_string(d.join(".go-version")).unwrap(),
        "1.99.1\n"
    );
    assert!(
        out.contains("go1.99.1, asked by .go-version")
            && out.contains("is not installed: until it is, the default go1.23.5 (/usr/lib/go-1.23) is selected here"),
        "{out}"
    );

    // Comments and line endings of an existing file stay.
    std::fs::write(d.join(".go-version"), "# team pin\r\n1.21\r\n").unwrap();
    fx.ok(&d, &["pin", "1.22"]);
    assert_eq!(
        std::fs::read_to_string(d.join(".go-version")).unwrap(),
        "# team pin\r\n1.22\r\n"
    );

    // Not a version: usage, nothing written.
    let o = fx.run(&d, &["pin", "banana"]);
    assert_eq!(o.status.code(), Some(64));
    assert_eq!(
        text(&o.stderr),
        "goenv-hook: 'banana' is not a Go version; expected e.g. 1.22, 1.22.3, go1.22.3, 1.23rc1\n"
    );
    assert_eq!(
        std::fs::read_to_string(d.join(".go-version")).unwrap(),
        "# team pin\r\n1.22\r\n"
    );
}

const GO_MOD: &str = "// The app.\nmodule example.com/app\n\ngo 1.21.0 // language\n\nrequire (\n\texample.com/dep v1.2.3 // indirect\n)\n\nreplace example.com/dep => ./dep\n";

#[test]
fn pin_toolchain_adds_or_replaces_the_line_and_real_go_reads_it() {
    let fx = Fx::new();
    let go123 = go_root("1.23");
    let d = fx.dir("app");
    std::fs::write(d.join("go.mod"), GO_MOD).unwrap();
    let sub = fx.dir("app/internal/x");

    // From a subdirectory: the go.mod Go uses there.
    let out = fx.ok(&sub, &["pin", "--toolchain", "go1.22.0"]);
    let after = std::fs::read_to_string(d.join("go.mod")).unwrap();
    assert_eq!(
        after,
        GO_MOD.replace(
            "go 1.21.0 // language\n",
            "go 1.21.0 // language\n\ntoolchain go1.22.0\n"
        )
    );
    let j = fx.go(&go123, &d, &["mod", "edit", "-json"]);
    assert!(j.status.success(), "{}", text(&j.stderr));
    let j: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap();
    assert_eq!(j["Toolchain"], "go1.22.0");
    assert_eq!(j["Go"], "1.21.0");
    assert_eq!(j["Require"][0]["Path"], "example.com/dep");
    assert!(
        out.starts_with(&format!(
            "wrote toolchain go1.22.0 in {}/go.mod\n",
            d.display()
        )),
        "{out}"
    );
    // go1.22.0 is not installed: the nearest match is selected, and said.
    assert!(
        out.contains("selected here now: go1.22.12 (/usr/lib/go-1.22), installed, by go.mod")
            && out.contains(
                "(go1.22.0 itself is not installed: this is the nearest installed match)"
            ),
        "{out}"
    );

    // Replaced in place, as a version without the prefix.
    let out = fx.ok(&d, &["pin", "--toolchain", "1.22.12"]);
    assert_eq!(
        std::fs::read_to_string(d.join("go.mod")).unwrap(),
        after.replace("toolchain go1.22.0", "toolchain go1.22.12")
    );
    assert!(
        out.contains("selected here now: go1.22.12 (/usr/lib/go-1.22), installed, by go.mod"),
        "{out}"
    );
    let j = fx.go(&go123, &d, &["mod", "edit", "-json"]);
    let j: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap();
    assert_eq!(j["Toolchain"], "go1.22.12");
    let v = fx.ok(&d, &["exec", "--", "go", "version"]);
    assert_eq!(v, "go version go1.22.12 linux/amd64\n");
}

#[test]
fn pin_toolchain_refuses_what_go_refuses_and_leaves_the_file() {
    let fx = Fx::new();
    let go123 = go_root("1.23");

    // A go.mod Go can't parse: Go's own error, file untouched.
    let bad = fx.dir("bad");
    let src = "module bad\n\ngo banana\n";
    std::fs::write(bad.join("go.mod"), src).unwrap();
    let o = fx.run(&bad, &["pin", "--toolchain", "go1.22.0"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("go.mod:3: invalid go version 'banana': must match format 1.23.0"),
        "{err}"
    );
    let real = fx.go(&go123, &bad, &["mod", "edit", "-json"]);
    assert!(!real.status.success());
    assert!(text(&real.stderr).contains("invalid go version 'banana': must match format 1.23.0"));
    assert_eq!(std::fs::read_to_string(bad.join("go.mod")).unwrap(), src);

    // A go1.19 project: go1.19 (selected) has no toolchain directive.
    let old = fx.dir("old");
    let src = "module old\n\ngo 1.19\n";
    std::fs::write(old.join("go.mod"), src).unwrap();
    let o = fx.run(&old, &["pin", "--toolchain", "go1.22.0"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
    let err = text(&o.stderr);
    assert!(
        err.contains("go1.19.8, selected here, would refuse it")
            && err.contains("go.mod:5: unknown directive: toolchain"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(old.join("go.mod")).unwrap(), src);
    // Real go1.19 says the same of the edited text.
    let probe = fx.dir("old-edited");
    std::fs::write(probe.join("go.mod"), format!("{src}\ntoolchain go1.22.0\n")).unwrap();
    let real = fx.go(&go_root("1.19"), &probe, &["mod", "edit", "-json"]);
    assert!(
        text(&real.stderr).contains("go.mod:5: unknown directive: toolchain"),
        "{}",
        text(&real.stderr)
    );

    // A go.work in use.
    let ws = fx.dir("ws");
    std::fs::write(ws.join("go.work"), "go 1.22.0\n\nuse ./a\n").unwrap();
    let a = fx.dir("ws/a");
    std::fs::write(a.join("go.mod"), "module a\n\ngo 1.22.0\n").unwrap();
    let o = fx.run(&a, &["pin", "--toolchain", "go1.22.0"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("go.work is in use"),
        "{}",
        text(&o.stderr)
    );

    // No go.mod.
    let plain = fx.dir("plain");
    let o = fx.run(&plain, &["pin", "--toolchain", "go1.22.0"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("no go.mod here"),
        "{}",
        text(&o.stderr)
    );

    // Not a toolchain name.
    let o = fx.run(&bad, &["pin", "--toolchain", "latest"]);
    assert_eq!(o.status.code(), Some(64));
}
