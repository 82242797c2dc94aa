//! Shared support for the plugin's tests. Required tools are never optional:
//! a missing one fails the test with the command that installs it.
#![allow(dead_code)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const INSTALL_HINT: &str =
    "run scripts/install-test-deps.sh from the workspace root (it installs nu 0.115.1 into tools/ and the Debian Go toolchains)";

/// The workspace root (the plugin crate's parent).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("plugin crate inside the workspace")
        .to_path_buf()
}

/// The real Nushell 0.115.1: `$GOENV_HOOK_TEST_NU`, else
/// `<workspace root>/tools/node_modules/@nushell/linux-x64/bin/nu`.
pub fn nu() -> PathBuf {
    let p = match std::env::var_os("GOENV_HOOK_TEST_NU") {
        Some(p) => PathBuf::from(p),
        None => workspace_root().join("tools/node_modules/@nushell/linux-x64/bin/nu"),
    };
    assert!(
        p.is_file(),
        "nu 0.115.1 not found at {} (set GOENV_HOOK_TEST_NU to use another); {INSTALL_HINT}",
        p.display()
    );
    p
}

/// The plugin binary cargo built for these tests.
pub fn plugin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_nu_plugin_goenv"))
}

/// Root of a Debian Go toolchain: `go_root("1.21")` = /usr/lib/go-1.21.
pub fn go_root(minor: &str) -> PathBuf {
    let p = PathBuf::from(format!("/usr/lib/go-{minor}"));
    assert!(
        p.join("bin/go").is_file(),
        "golang-{minor}-go is not installed; {INSTALL_HINT}"
    );
    p
}

/// The absolute path of a required tool on PATH.
pub fn require(tool: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        let p = dir.join(tool);
        if p.is_file() {
            return p;
        }
    }
    panic!("required tool '{tool}' is not installed; {INSTALL_HINT}");
}

/// PATH for most tests: Go 1.23 first, then the system.
pub const BASE_PATH: &str = "/usr/lib/go-1.23/bin:/usr/bin:/bin";

/// A hermetic sandbox: HOME and XDG dirs in a temporary directory.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::Builder::new()
            .prefix("nu-plugin-goenv-test")
            .tempdir()
            .unwrap();
        for d in [
            "home/.config",
            "home/.cache",
            "home/.local/share",
            "home/.local/state",
            "tmp",
        ] {
            std::fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        Sandbox { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    /// A Go project directory with `go.mod` saying `go <version>`.
    pub fn project(&self, name: &str, go: &str) -> PathBuf {
        let d = self.path().join(name);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(
            d.join("go.mod"),
            format!("module example.com/{name}\n\ngo {go}\n"),
        )
        .unwrap();
        d
    }

    /// The only variables the child sees (nu crashes on invalid UTF-8 ones,
    /// and nothing of the developer's shell may leak in).
    pub fn env(&self, path: &str) -> Vec<(OsString, OsString)> {
        let h = self.home();
        vec![
            ("HOME".into(), h.clone().into()),
            ("XDG_CONFIG_HOME".into(), h.join(".config").into()),
            ("XDG_CACHE_HOME".into(), h.join(".cache").into()),
            ("XDG_DATA_HOME".into(), h.join(".local/share").into()),
            ("XDG_STATE_HOME".into(), h.join(".local/state").into()),
            ("TMPDIR".into(), self.path().join("tmp").into()),
            ("LANG".into(), "C.UTF-8".into()),
            ("TERM".into(), "dumb".into()),
            // Never let `go` download a toolchain during tests.
            ("GOTOOLCHAIN".into(), "local".into()),
            ("PATH".into(), path.into()),
        ]
    }

    /// `nu -n --no-std-lib --no-history --plugins [plugin] -c script`, in `cwd`.
    pub fn nu_command(&self, path: &str, cwd: &Path, script: &str) -> Command {
        let mut c = Command::new(nu());
        c.env_clear()
            .envs(self.env(path))
            .current_dir(cwd)
            .args(["-n", "--no-std-lib", "--no-history", "--plugins"])
            .arg(plugins_arg())
            .args(["-c", script]);
        c
    }

    /// Runs a script; returns stdout, panicking with stderr on failure.
    pub fn nu_ok(&self, path: &str, cwd: &Path, script: &str) -> String {
        let out = self.nu_command(path, cwd, script).output().unwrap();
        assert!(
            out.status.success(),
            "nu failed ({}):\nscript: {script}\nstdout: {}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn nu_output(&self, path: &str, cwd: &Path, script: &str) -> Output {
        self.nu_command(path, cwd, script).output().unwrap()
    }
}

/// The value for `nu --plugins`: a bracketed list whose items nu takes
/// verbatim (quotes would become part of the file name).
pub fn plugins_arg() -> String {
    let p = plugin();
    let s = p.to_str().expect("UTF-8 plugin path");
    assert!(
        !s.contains([' ', ',', '\'', '"', '[', ']']),
        "plugin path unusable in --plugins: {s}"
    );
    format!("[{s}]")
}

/// A path as a Nushell single-quoted string literal.
pub fn nu_quote(p: &Path) -> String {
    let s = p.to_str().expect("UTF-8 test path");
    assert!(!s.contains('\''), "test path with a quote: {s}");
    format!("'{s}'")
}
