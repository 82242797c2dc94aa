//! `goenv-hook get`, fully offline: a `file://` GOPROXY in the sandbox
//! serves `golang.org/toolchain/@v/v0.0.1-go1.22.12.linux-amd64.{info,mod,zip}`
//! built from the installed Debian go1.22.12 (its `bin`, two tools of
//! `pkg/tool`, `VERSION`, `go.env`: what `go version` and discovery need),
//! `GOSUMDB=off` for the test only (a single `file://` proxy then needs no
//! checksum database), GOMODCACHE in the sandbox, and real go 1.23 doing
//! the download:
//! - `get --force 1.22.12` downloads it (go's progress on stderr, a
//!   `GOTOOLCHAIN=local` from the `go env -w` file set aside, and said),
//!   `toolchains --json` lists it from the module cache, real `go version`
//!   through it works, and the neutral temporary directory is gone;
//! - without --force, an install that already provides the version is
//!   named and nothing is downloaded;
//! - `GOPROXY=off` is refused before anything runs, with go's message;
//! - `1.22` and `latest` are the newest release (no pre-release) the
//!   proxy lists for this platform (go's `list -m -versions`); a line it
//!   has none of fails; a non-version is usage (64);
//! - doctor's fix for a toolchain no install provides is `goenv-hook get`;
//! - with checksums on (a checksum database of the test's own, signed with
//!   a fresh key and served through the same proxy, as proxies serve
//!   sum.golang.org), a tampered zip is refused (go's SECURITY ERROR,
//!   nothing extracted) and the published one verified and installed.

mod common;

use common::{exe, go_root, Sandbox};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PATH: &str = "/usr/lib/go-1.23/bin:/usr/bin:/bin";
const MV: &str = "v0.0.1-go1.22.12.linux-amd64";

struct Fx {
    sb: Sandbox,
    proxy: PathBuf,
    modcache: PathBuf,
}

impl Fx {
    fn new() -> Fx {
        go_root("1.23");
        let sb = Sandbox::new();
        let proxy = sb.path().join("proxy");
        let modcache = sb.path().join("modcache");
        serve_toolchain(&proxy, &go_root("1.22"));
        Fx {
            sb,
            proxy,
            modcache,
        }
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(exe());
        c.env_clear()
            .envs(self.sb.env(PATH))
            .env("GOPROXY", format!("file://{}", self.proxy.display()))
            .env("GOSUMDB", "off")
            .env("GOMODCACHE", &self.modcache)
            .current_dir(self.sb.home())
            .args(args);
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The proxy's files for go1.22.12 on linux/amd64, the zip built from
/// `root` (a module zip: every file under `golang.org/toolchain@<v>/`).
fn serve_toolchain(proxy: &Path, root: &Path) {
    let dir = proxy.join("golang.org/toolchain/@v");
    std::fs::create_dir_all(&dir).unwrap();
    // Releases the proxy lists (only go1.22.12 for linux/amd64 is served):
    // a newer 1.22 for another platform, a pre-release, an older line.
    std::fs::write(
        dir.join("list"),
        format!(
            "v0.0.1-go1.21.13.linux-amd64\nv0.0.1-go1.22.3.linux-amd64\n{MV}\nv0.0.1-go1.22.13.darwin-arm64\nv0.0.1-go1.23rc1.linux-amd64\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join(format!("{MV}.info")),
        format!("{{\"Version\":\"{MV}\",\"Time\":\"2025-02-04T00:00:00Z\"}}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join(format!("{MV}.mod")),
        "module golang.org/toolchain\n",
    )
    .unwrap();
    std::fs::write(dir.join(format!("{MV}.zip")), toolchain_zip(root, false)).unwrap();
}

/// The module zip of `root`'s files; `tamper`: VERSION's text changed by
/// one byte (a well-formed zip whose content is not the one published).
fn toolchain_zip(root: &Path, tamper: bool) -> Vec<u8> {
    let files = [
        "VERSION",
        "go.env",
        "bin/go",
        "bin/gofmt",
        "pkg/tool/linux_amd64/buildid",
        "pkg/tool/linux_amd64/pack",
    ];
    let entries: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| {
            let mut data = std::fs::read(root.join(f)).unwrap();
            if tamper && *f == "VERSION" {
                data[8] = b'3';
            }
            (format!("golang.org/toolchain@{MV}/{f}"), data)
        })
        .collect();
    common::zip::stored_zip(&entries)
}

#[test]
fn get_downloads_through_go_from_the_offline_proxy_into_the_module_cache() {
    let fx = Fx::new();
    // A user whose go env -w file says GOTOOLCHAIN=local.
    let goenv = fx.sb.home().join(".config/go");
    std::fs::create_dir_all(&goenv).unwrap();
    std::fs::write(goenv.join("env"), "GOTOOLCHAIN=local\n").unwrap();

    let o = fx.run(&["get", "--force", "go1.22.12"]);
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert!(o.status.success(), "stderr:\n{err}\nstdout:\n{out}");
    let dir = fx.modcache.join(format!("golang.org/toolchain@{MV}"));
    assert_eq!(
        out,
        format!(
            "got go1.22.12: {}\n(`goenv-hook pin 1.22.12` selects it here; `goenv-hook toolchains` lists it)\n",
            dir.display()
        )
    );
    assert_eq!(
        err,
        "goenv-hook: note: GOTOOLCHAIN=local (from the go env -w file) is set aside for this one command\n\
         goenv-hook: getting go1.22.12 through /usr/lib/go-1.23/bin/go (GOTOOLCHAIN=go1.22.12 go version)\n\
         go: downloading go1.22.12 (linux/amd64)\n"
    );

    // Real go through the downloaded toolchain.
    let v = Command::new(dir.join("bin/go"))
        .env_clear()
        .envs(fx.sb.env(PATH))
        .env("GOTOOLCHAIN", "local")
        .arg("version")
        .output()
        .unwrap();
    assert_eq!(text(&v.stdout), "go version go1.22.12 linux/amd64\n");

    // goenv-hook lists it from the module cache.
    let t = fx.run(&["toolchains", "--json"]);
    let j: Value = serde_json::from_slice(&t.stdout).unwrap();
    let roots: Vec<&str> = j
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["toolchain"]["root"].as_str().unwrap())
        .collect();
    assert!(roots.contains(&dir.to_str().unwrap()), "{j}");

    // The neutral directory is gone, and nothing else was left there.
    let left: Vec<_> = std::fs::read_dir(fx.sb.path().join("tmp"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");

    // Again: the module cache has it now.
    let o = fx.run(&["get", "1.22.12"]);
    assert!(o.status.success());
    assert!(
        text(&o.stdout).starts_with("go1.22.12 is already installed: "),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn an_installed_version_is_named_and_nothing_is_downloaded() {
    let fx = Fx::new();
    // What an interrupted get leaves (its process gone): swept.
    let tmp = fx.sb.path().join("tmp");
    std::fs::create_dir(tmp.join("goenv-hook-get-4000000000-1")).unwrap();
    let o = fx.run(&["get", "1.22.12"]);
    assert_eq!(std::fs::read_dir(&tmp).unwrap().count(), 0);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        text(&o.stdout),
        "go1.22.12 is already installed: /usr/lib/go-1.22 (--force gets it into the module cache anyway)\n"
    );
    assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
    assert!(!fx.modcache.exists());
}

#[test]
fn goproxy_off_is_refused_before_anything_runs() {
    let fx = Fx::new();
    let o = fx
        .cmd(&["get", "--force", "1.22.12"])
        .env("GOPROXY", "off")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    // Go's own message (real go 1.23 prints the same), and why.
    assert_eq!(
        err,
        "goenv-hook: the download would fail; Go says:\n\
         go: download go1.22.12 for linux/amd64: toolchain not available\n\
         GOPROXY=off (from the environment) disables downloads; for this one command: GOPROXY=https://proxy.golang.org,direct goenv-hook get go1.22.12\n"
    );
    assert!(!err.contains("getting"), "{err}");
    assert!(!fx.modcache.exists());
    // Real go says so too.
    let empty = fx.sb.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let real = Command::new(go_root("1.23").join("bin/go"))
        .env_clear()
        .envs(fx.sb.env(PATH))
        .env("GOPROXY", "off")
        .env("GOMODCACHE", &fx.modcache)
        .env("GOTOOLCHAIN", "go1.22.12")
        .current_dir(&empty)
        .arg("version")
        .output()
        .unwrap();
    assert!(
        text(&real.stderr)
            .ends_with("go: download go1.22.12 for linux/amd64: toolchain not available\n"),
        "{}",
        text(&real.stderr)
    );
}

#[test]
fn doctors_fix_for_a_missing_toolchain_is_get() {
    let fx = Fx::new();
    let p = fx.sb.home().join("p");
    std::fs::create_dir_all(&p).unwrap();
    std::fs::write(p.join("go.mod"), "module p\n\ngo 1.99.1\n").unwrap();
    let o = fx
        .cmd(&["doctor", "--json"])
        .current_dir(&p)
        .output()
        .unwrap();
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "project-toolchain-not-installed")
        .unwrap_or_else(|| panic!("{j}"));
    assert!(
        f["fix"]
            .as_str()
            .unwrap()
            .starts_with("goenv-hook get go1.99.1   "),
        "{f}"
    );
}

#[test]
fn a_language_version_and_latest_are_the_newest_release_the_proxy_lists() {
    let fx = Fx::new();
    // 1.22: go1.22.12 (not the darwin go1.22.13), downloaded.
    let o = fx.run(&["get", "--force", "1.22"]);
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.starts_with(
            "goenv-hook: go1.22.12 is the newest 1.22 release the proxy lists\n\
             goenv-hook: getting go1.22.12 through /usr/lib/go-1.23/bin/go"
        ),
        "{err}"
    );
    assert!(fx
        .modcache
        .join(format!("golang.org/toolchain@{MV}/bin/go"))
        .is_file());
    // latest: not the pre-release go1.23rc1; already there now.
    let o = fx.run(&["get", "latest"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        text(&o.stderr),
        "goenv-hook: go1.22.12 is the newest release the proxy lists\n"
    );
    assert!(text(&o.stdout).starts_with("go1.22.12 is already installed: "));
    // A line the proxy has no release of for this platform.
    let o = fx.run(&["get", "1.24"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        text(&o.stderr),
        "goenv-hook: the proxy lists no 1.24 release for linux/amd64; name a release, e.g. 1.22.3\n"
    );
    // Listing needs the proxy too.
    let o = fx
        .cmd(&["get", "latest"])
        .env("GOPROXY", "off")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("module lookup disabled by GOPROXY=off"),
        "{}",
        text(&o.stderr)
    );
    // Not a version: usage.
    let o = fx.run(&["get", "banana"]);
    assert_eq!(o.status.code(), Some(64));
    assert_eq!(
        text(&o.stderr),
        "goenv-hook: 'banana' is not a Go release; expected e.g. 1.22.3, go1.22.3, 1.23rc1, 1.22 or latest\n"
    );
}

/// A checksum database of the test's own (tests/sumdb/sumdb.go, run by
/// real go: one record, the zip's and go.mod's `h1:` hashes, signed with a
/// fresh key) served by the same `file://` proxy (`sumdb/<name>/…`, as
/// proxies serve sum.golang.org); its GOSUMDB value.
fn local_sumdb(fx: &Fx) -> String {
    let dir = fx.proxy.join("golang.org/toolchain/@v");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sumdb/sumdb.go");
    let o = Command::new(go_root("1.23").join("bin/go"))
        .env_clear()
        .envs(fx.sb.env(PATH))
        .env("GOTOOLCHAIN", "local")
        .env("GOPROXY", "off")
        .env("GOFLAGS", "")
        .env(
            "GOCACHE",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("gocache-sumdb"),
        )
        .current_dir(fx.sb.path())
        .arg("run")
        .arg(&src)
        .arg(&fx.proxy)
        .args(["testdb", "golang.org/toolchain", MV])
        .arg(dir.join(format!("{MV}.zip")))
        .arg(dir.join(format!("{MV}.mod")))
        .output()
        .unwrap();
    assert!(o.status.success(), "sumdb.go: {}", text(&o.stderr));
    text(&o.stdout).trim().to_string()
}

#[test]
fn with_checksums_on_a_tampered_zip_is_refused_and_the_real_one_verified() {
    let fx = Fx::new();
    let gosumdb = local_sumdb(&fx);
    let zip = fx.proxy.join(format!("golang.org/toolchain/@v/{MV}.zip"));
    let good = std::fs::read(&zip).unwrap();
    std::fs::write(&zip, toolchain_zip(&go_root("1.22"), true)).unwrap();
    let o = fx
        .cmd(&["get", "--force", "1.22.12"])
        .env("GOSUMDB", &gosumdb)
        .output()
        .unwrap();
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("SECURITY ERROR"), "{err}");
    assert!(!fx
        .modcache
        .join(format!("golang.org/toolchain@{MV}"))
        .exists());

    std::fs::write(&zip, &good).unwrap();
    let o = fx
        .cmd(&["get", "--force", "1.22.12"])
        .env("GOSUMDB", &gosumdb)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(fx
        .modcache
        .join(format!("golang.org/toolchain@{MV}/bin/go"))
        .is_file());
}
