//! Toolchain selection through the real binary (`goenv-hook env json`,
//! `which --json`, `hook bash`, `use`), in a sandbox with the real Debian
//! toolchains 1.19/1.21/1.22/1.23 and fake trees only where a layout is
//! needed that the machine has not (a module-cache toolchain download):
//! - rule 4, the config file's `toolchain` pin, in a plain directory, and a
//!   project's go.mod beating it (rule 3);
//! - `gotoolchain_local = true` exports GOTOOLCHAIN=local; by default a
//!   user's own GOTOOLCHAIN survives switching;
//! - a request only a `$GOMODCACHE/golang.org/toolchain@v0.0.1-go…` tree
//!   meets selects that tree;
//! - `goroot = "export"` exports the selected toolchain's GOROOT;
//! - `use <dir>` pins a toolchain root; `use 1.99` fails listing what is
//!   installed.
//!
//! Where the outcome is a shell's, bash evaluates what goenv-hook prints
//! and runs `go version` itself.

mod common;

use common::{exe, go_root, q, run_piped, Sandbox};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Go 1.23 first on PATH (the user's default), then the system.
const PATH: &str = "/usr/lib/go-1.23/bin:/usr/bin:/bin";

struct Fx {
    sb: Sandbox,
}

impl Fx {
    fn new() -> Fx {
        for m in ["1.19", "1.21", "1.22", "1.23"] {
            go_root(m);
        }
        let sb = Sandbox::new();
        std::fs::create_dir_all(sb.home().join("plain")).unwrap();
        Fx { sb }
    }

    fn home(&self) -> PathBuf {
        self.sb.home()
    }

    /// `~/rel`, created.
    fn dir(&self, rel: &str) -> PathBuf {
        let d = self.home().join(rel);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    /// A module in `~/name` whose go.mod has these lines after `module`.
    fn module(&self, name: &str, lines: &str) -> PathBuf {
        let d = self.dir(name);
        std::fs::write(d.join("go.mod"), format!("module {name}\n\n{lines}")).unwrap();
        d
    }

    fn config(&self, toml: &str) {
        let f = self.home().join(".config/goenv-hook/config.toml");
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(f, toml).unwrap();
    }

    /// goenv-hook with the sandbox's environment plus `extra`, in `cwd`.
    fn run(&self, cwd: &Path, extra: &[(&str, &str)], args: &[&str]) -> Output {
        let mut c = Command::new(exe());
        c.env_clear()
            .envs(self.sb.env(PATH))
            .env("GOPROXY", "off")
            .envs(extra.iter().copied())
            .current_dir(cwd)
            .args(args);
        c.output().unwrap()
    }

    fn ok(&self, cwd: &Path, extra: &[(&str, &str)], args: &[&str]) -> String {
        let o = self.run(cwd, extra, args);
        assert!(
            o.status.success(),
            "goenv-hook {args:?} in {}: exit {:?}\n{}",
            cwd.display(),
            o.status.code(),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    fn env_json(&self, cwd: &Path, extra: &[(&str, &str)]) -> Value {
        let out = self.ok(cwd, extra, &["env", "json"]);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("env json ({e}): {out}"))
    }

    fn which_json(&self, cwd: &Path, extra: &[(&str, &str)]) -> Value {
        let out = self.ok(cwd, extra, &["which", "--json"]);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("which --json ({e}): {out}"))
    }

    /// A non-interactive bash (no start-up files) with the sandbox's
    /// environment plus `extra`, starting in `cwd`, running `script`; its
    /// stdout (stderr must be empty).
    fn bash(&self, cwd: &Path, extra: &[(&str, &str)], script: &str) -> String {
        let mut c = Command::new(common::require("bash"));
        c.env_clear()
            .envs(self.sb.env(PATH))
            .env("GOPROXY", "off")
            .envs(extra.iter().copied())
            .current_dir(cwd)
            .args(["--noprofile", "--norc", "-s"]);
        let (out, err) = run_piped(c, &format!("set -eu\n{script}"));
        assert!(err.is_empty(), "bash stderr:\n{err}\nstdout:\n{out}");
        out
    }
}

/// The first entry of the PATH `env json` wants.
fn path0(j: &Value) -> &str {
    j["path"][0]
        .as_str()
        .unwrap_or_else(|| panic!("no PATH change: {j}"))
}

/// `eval` of `hook bash`, as the bash hook does at a prompt.
fn hook_line() -> String {
    format!("eval \"$({} hook bash)\"", q(&exe()))
}

#[test]
fn config_pin_selects_in_a_plain_directory_and_a_go_mod_beats_it() {
    let fx = Fx::new();
    fx.config("toolchain = \"1.21\"\n");
    let plain = fx.dir("plain");
    let p22 = fx.module("p22", "go 1.22\n");

    let j = fx.env_json(&plain, &[]);
    assert_eq!(path0(&j), "/usr/lib/go-1.21/bin", "{j}");
    let w = fx.which_json(&plain, &[]);
    assert_eq!(w["rule"], "config", "{w}");
    assert_eq!(w["selected"]["root"], "/usr/lib/go-1.21", "{w}");
    assert_eq!(w["selected"]["version"], "1.21.13", "{w}");

    let j = fx.env_json(&p22, &[]);
    assert_eq!(path0(&j), "/usr/lib/go-1.22/bin", "{j}");
    let w = fx.which_json(&p22, &[]);
    assert_eq!(w["rule"], "go-mod", "{w}");
    assert_eq!(w["selected"]["root"], "/usr/lib/go-1.22", "{w}");

    // The shell: the pin at the plain directory, the module's Go inside it,
    // the pin again on the way out.
    let h = hook_line();
    let out = fx.bash(
        &plain,
        &[],
        &format!("{h}; go version; cd ../p22; {h}; go version; cd ../plain; {h}; go version\n"),
    );
    let v: Vec<&str> = out.lines().collect();
    assert_eq!(v.len(), 3, "{out}");
    assert!(v[0].starts_with("go version go1.21.13 "), "{out}");
    assert!(v[1].starts_with("go version go1.22.12 "), "{out}");
    assert!(v[2].starts_with("go version go1.21.13 "), "{out}");
}

#[test]
fn gotoolchain_local_is_exported_when_configured() {
    let fx = Fx::new();
    fx.config("gotoolchain_local = true\n");
    let p21 = fx.module("p21", "go 1.21\n");
    for dir in [fx.dir("plain"), p21] {
        let j = fx.env_json(&dir, &[]);
        assert_eq!(j["set"]["GOTOOLCHAIN"], "local", "{}: {j}", dir.display());
        // Over a user's own setting too.
        let j = fx.env_json(&dir, &[("GOTOOLCHAIN", "auto")]);
        assert_eq!(j["set"]["GOTOOLCHAIN"], "local", "{}: {j}", dir.display());
    }
    let out = fx.bash(
        &fx.dir("plain"),
        &[("GOTOOLCHAIN", "auto")],
        &format!("{}; printf '%s\\n' \"$GOTOOLCHAIN\"\n", hook_line()),
    );
    assert_eq!(out, "local\n");
}

#[test]
fn a_users_gotoolchain_survives_switching_with_the_default_config() {
    let fx = Fx::new();
    let plain = fx.dir("plain");
    let p21 = fx.module("p21", "go 1.21\n");
    let p22 = fx.module("p22", "go 1.22\n");
    let user = [("GOTOOLCHAIN", "auto")];
    for dir in [&plain, &p21, &p22] {
        let j = fx.env_json(dir, &user);
        assert!(
            j["set"].get("GOTOOLCHAIN").is_none()
                && !j["unset"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|n| n == "GOTOOLCHAIN"),
            "{}: GOTOOLCHAIN touched: {j}",
            dir.display()
        );
    }
    // A bash session switching 1.23 → 1.21 → 1.22 → 1.23 keeps it.
    let h = hook_line();
    let step = "printf '%s %s\\n' \"${GOTOOLCHAIN-<unset>}\" \"$(go version)\"";
    let out = fx.bash(
        &plain,
        &user,
        &format!(
            "{h}; {step}; cd ../p21; {h}; {step}; cd ../p22; {h}; {step}; cd ../plain; {h}; {step}\n"
        ),
    );
    let v: Vec<&str> = out.lines().collect();
    assert_eq!(v.len(), 4, "{out}");
    for (line, want) in v
        .iter()
        .zip(["go1.23.5", "go1.21.13", "go1.22.12", "go1.23.5"])
    {
        assert!(
            line.starts_with(&format!("auto go version {want} ")),
            "{line:?} (want GOTOOLCHAIN=auto and {want}):\n{out}"
        );
    }
}

/// A toolchain as `GOTOOLCHAIN` downloads it into the module cache:
/// `<modcache>/golang.org/toolchain@v0.0.1-go<v>.linux-amd64` with `bin/go`,
/// `pkg/tool/` and a VERSION file (src/toolchain.rs: `is_goroot` wants
/// `pkg/tool` and `bin/go`; discovery lists `toolchain@v0.0.1-go*` under
/// `<modcache>/golang.org`). Its `bin/go` is a script printing what that go
/// would print: no real binary of this version exists here, and a real
/// binary of another version would contradict the VERSION file (the build
/// info wins where goenv-hook reads binaries), so the version comes from
/// VERSION alone, as tests/toolchains.rs does for its copies.
fn modcache_toolchain(modcache: &Path, v: &str) -> PathBuf {
    let root = modcache.join(format!("golang.org/toolchain@v0.0.1-go{v}.linux-amd64"));
    std::fs::create_dir_all(root.join("pkg/tool/linux_amd64")).unwrap();
    std::fs::create_dir_all(root.join("bin")).unwrap();
    std::fs::write(
        root.join("VERSION"),
        format!("go{v}\ntime 2025-01-01T00:00:00Z\n"),
    )
    .unwrap();
    let go = root.join("bin/go");
    std::fs::write(
        &go,
        format!("#!/bin/sh\necho 'go version go{v} linux/amd64'\n"),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&go, std::fs::Permissions::from_mode(0o755)).unwrap();
    root
}

#[test]
fn a_request_only_a_module_cache_toolchain_meets_selects_it() {
    let fx = Fx::new();
    let p24 = fx.module("p24", "go 1.24\n");
    // Go's default module cache (GOPATH[0]/pkg/mod = ~/go/pkg/mod), then an
    // explicit GOMODCACHE.
    let custom = fx.sb.path().join("modcache");
    let custom_s = custom.to_str().unwrap().to_string();
    for (modcache, extra) in [
        (fx.home().join("go/pkg/mod"), vec![]),
        (custom.clone(), vec![("GOMODCACHE", custom_s.as_str())]),
    ] {
        // Nothing installed meets go 1.24 yet: the default stays, flagged.
        let w = fx.which_json(&p24, &extra);
        assert_eq!(w["selected"]["root"], "/usr/lib/go-1.23", "{w}");
        assert_eq!(w["unsatisfied"], true, "{w}");

        let root = modcache_toolchain(&modcache, "1.24.2");
        let root_s = root.to_str().unwrap();
        let w = fx.which_json(&p24, &extra);
        assert_eq!(w["rule"], "go-mod", "{w}");
        assert_eq!(w["selected"]["root"], root_s, "{w}");
        assert_eq!(w["selected"]["version"], "1.24.2", "{w}");
        assert_eq!(w["selected"]["source"], "go-toolchain-download", "{w}");
        assert_eq!(w["unsatisfied"], false, "{w}");
        let j = fx.env_json(&p24, &extra);
        assert_eq!(path0(&j), format!("{root_s}/bin"), "{j}");

        let out = fx.bash(&p24, &extra, &format!("{}; go version\n", hook_line()));
        assert_eq!(out, "go version go1.24.2 linux/amd64\n");
        std::fs::remove_dir_all(&root).unwrap();
    }
}

#[test]
fn goroot_export_exports_the_selected_toolchains_root() {
    let fx = Fx::new();
    fx.config("goroot = \"export\"\n");
    let p21 = fx.module("p21", "go 1.21\n");
    let p22 = fx.module("p22", "go 1.22\n");
    for (dir, root) in [
        (fx.dir("plain"), "/usr/lib/go-1.23"),
        (p21.clone(), "/usr/lib/go-1.21"),
        (p22.clone(), "/usr/lib/go-1.22"),
    ] {
        let j = fx.env_json(&dir, &[]);
        assert_eq!(j["set"]["GOROOT"], root, "{}: {j}", dir.display());
        // A stale GOROOT inherited from a profile is replaced.
        let j = fx.env_json(&dir, &[("GOROOT", "/usr/lib/go-1.19")]);
        assert_eq!(j["set"]["GOROOT"], root, "{}: {j}", dir.display());
    }
    let h = hook_line();
    let out = fx.bash(
        &fx.dir("plain"),
        &[],
        &format!(
            "{h}; echo \"$GOROOT\"; cd ../p21; {h}; echo \"$GOROOT\"; go env GOROOT; cd ../plain; {h}; echo \"$GOROOT\"\n"
        ),
    );
    assert_eq!(
        out,
        "/usr/lib/go-1.23\n/usr/lib/go-1.21\n/usr/lib/go-1.21\n/usr/lib/go-1.23\n"
    );
}

#[test]
fn use_a_toolchain_root_directory_pins_it() {
    let fx = Fx::new();
    let plain = fx.dir("plain");
    let p21 = fx.module("p21", "go 1.21\n");
    let out = fx.ok(&plain, &[], &["use", "/usr/lib/go-1.22", "bash"]);
    assert!(
        out.contains("export GOENV_HOOK_GO='/usr/lib/go-1.22'"),
        "{out}"
    );
    // In a shell: the pin holds in the plain directory and over a go.mod
    // (rule 1), until `use default`.
    let g = q(&exe());
    let h = hook_line();
    let out = fx.bash(
        &plain,
        &[],
        &format!(
            "{h}; eval \"$({g} use /usr/lib/go-1.22 bash)\"; go version; cd ../p21; {h}; go version; \
             echo \"$GOENV_HOOK_GO\"; eval \"$({g} use default bash)\"; go version; echo \"${{GOENV_HOOK_GO-<unset>}}\"\n"
        ),
    );
    let v: Vec<&str> = out.lines().collect();
    assert_eq!(v.len(), 5, "{out}");
    assert!(v[0].starts_with("go version go1.22.12 "), "{out}");
    assert!(v[1].starts_with("go version go1.22.12 "), "{out}");
    assert_eq!(v[2], "/usr/lib/go-1.22", "{out}");
    assert!(v[3].starts_with("go version go1.21.13 "), "{out}");
    assert_eq!(v[4], "<unset>", "{out}");
    // which explains it.
    let w = fx.which_json(&p21, &[("GOENV_HOOK_GO", "/usr/lib/go-1.22")]);
    assert_eq!(w["rule"], "override", "{w}");
    assert_eq!(w["selected"]["root"], "/usr/lib/go-1.22", "{w}");
    // A directory through a symlink (as ~/sdk/go1.22.12 might be) works the same.
    std::os::unix::fs::symlink("/usr/lib/go-1.22", fx.dir("sdk").join("go1.22.12")).unwrap();
    let sdk = fx.home().join("sdk/go1.22.12");
    let out = fx.ok(&plain, &[], &["use", sdk.to_str().unwrap(), "bash"]);
    assert!(
        out.contains(&format!("export PATH='{}/bin:", sdk.display())),
        "{out}"
    );
}

#[test]
fn use_an_uninstalled_version_exits_1_listing_the_installed_ones() {
    let fx = Fx::new();
    let plain = fx.dir("plain");
    for shell in ["bash", "fish", "pwsh", "cmd", "nu"] {
        let o = fx.run(&plain, &[], &["use", "1.99", shell]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{shell}: {err}");
        assert!(
            o.stdout.is_empty(),
            "{shell}: nothing to evaluate: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        assert!(err.contains("1.99 is not installed"), "{shell}: {err}");
        for v in ["go1.19.8", "go1.21.13", "go1.22.12", "go1.23.5"] {
            assert!(err.contains(v), "{shell}: {v} not listed: {err}");
        }
    }
}

/// A pin is the release it names or a release of the language it names,
/// whatever its precision: never a newer release (issue 15, item 3).
#[test]
fn use_refuses_every_precision_no_install_provides() {
    let fx = Fx::new();
    let plain = fx.dir("plain");
    for what in [
        "1", "1.2", "1.20", "1.22.99", "1.22.0", "1.22rc1", "go1.99", "2",
    ] {
        let o = fx.run(&plain, &[], &["use", what, "bash"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "use {what}: {err}");
        assert!(o.stdout.is_empty(), "use {what}: nothing to evaluate");
        assert!(
            err.contains(&format!("{what} is not installed; installed: go1.23.5")),
            "use {what}: {err}"
        );
    }
    for (what, root) in [
        ("1.22", "/usr/lib/go-1.22"),
        ("go1.22", "/usr/lib/go-1.22"),
        ("1.19", "/usr/lib/go-1.19"),
        ("1.19.8", "/usr/lib/go-1.19"),
        ("go1.21.13", "/usr/lib/go-1.21"),
    ] {
        let out = fx.ok(&plain, &[], &["use", what, "bash"]);
        assert!(
            out.contains(&format!("export PATH='{root}/bin:")),
            "use {what}: {out}"
        );
    }
}

/// `which --json` names each PATH entry holding a `go` as a string, like
/// every other path in its output. (Regression: `dir` was serde's encoding
/// of an OsString, `{"Unix": [47, 117, …]}`; fixed in ecd7803.)
#[test]
fn which_json_gives_each_go_dir_as_a_string() {
    let fx = Fx::new();
    let w = fx.which_json(&fx.dir("plain"), &[]);
    assert_eq!(w["hits"][0]["path"], "/usr/lib/go-1.23/bin/go", "{w}");
    assert_eq!(w["hits"][0]["dir"], "/usr/lib/go-1.23/bin", "{w}");
}
