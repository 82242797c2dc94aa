//! Shared test support. Tools are required, never optional: a missing tool
//! fails the test with the command that installs it (no silent skips).
#![allow(dead_code)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const INSTALL_HINT: &str = "run scripts/install-test-deps.sh (the README's test command does)";

/// The absolute path of a required tool found on PATH; panics if missing.
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

/// The real Nushell 0.115.1 binary (static binary from the npm package).
pub fn nu() -> PathBuf {
    if let Some(p) = std::env::var_os("GOENV_HOOK_TEST_NU") {
        return PathBuf::from(p);
    }
    let p =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/node_modules/@nushell/linux-x64/bin/nu");
    assert!(
        p.is_file(),
        "nu 0.115.1 not found at {}; {INSTALL_HINT}",
        p.display()
    );
    p
}

/// Root of a Debian Go toolchain, e.g. `go_root("1.22")` = /usr/lib/go-1.22.
pub fn go_root(minor: &str) -> PathBuf {
    let p = PathBuf::from(format!("/usr/lib/go-{minor}"));
    assert!(
        p.join("bin/go").is_file(),
        "golang-{minor}-go is not installed; {INSTALL_HINT}"
    );
    p
}

/// The goenv-hook binary built by cargo for integration tests.
pub fn exe() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_goenv-hook"))
}

/// A hermetic sandbox: temporary HOME and XDG dirs, and a minimal environment
/// (no inheritance from the developer's shell).
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::Builder::new()
            .prefix("goenv-hook-test")
            .tempdir()
            .unwrap();
        for d in [
            "home",
            "home/.config",
            "home/.cache",
            "home/.local/share",
            "tmp",
            "bin",
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

    /// The base environment for a child: HOME, XDG dirs, TMPDIR, LANG, and
    /// the given PATH. Nothing else is inherited.
    pub fn env(&self, path: &str) -> Vec<(OsString, OsString)> {
        let h = self.home();
        vec![
            ("HOME".into(), h.clone().into()),
            ("XDG_CONFIG_HOME".into(), h.join(".config").into()),
            ("XDG_CACHE_HOME".into(), h.join(".cache").into()),
            ("XDG_DATA_HOME".into(), h.join(".local/share").into()),
            ("TMPDIR".into(), self.dir.path().join("tmp").into()),
            ("LANG".into(), "C.UTF-8".into()),
            ("TERM".into(), "dumb".into()),
            ("PATH".into(), path.into()),
        ]
    }

    /// A Command with a cleared environment plus `env(path)`.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>, path: &str) -> Command {
        let mut c = Command::new(program);
        c.env_clear().envs(self.env(path)).current_dir(self.home());
        c
    }
}

/// A PATH with the basic system directories only.
pub const SYSTEM_PATH: &str = "/usr/local/bin:/usr/bin:/bin";
