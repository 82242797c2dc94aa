//! Shared test support. Tools are required, never optional: a missing tool
//! fails the test with the command that installs it (no silent skips).
#![allow(dead_code)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

pub mod hostile;
pub mod windows;
pub mod zip;

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

/// The goenv-hook binary under test: cargo's build for the integration
/// tests, or the one named by `GOENV_HOOK_TEST_EXE` (scripts/test.sh runs
/// the end-to-end tests a second time against the binary that
/// scripts/install.sh installs, statically linked).
pub fn exe() -> PathBuf {
    match std::env::var_os("GOENV_HOOK_TEST_EXE") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_BIN_EXE_goenv-hook")),
    }
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
            // An interactive fish starts generating completions from man
            // pages in the background when this is missing (slow, and it
            // outlives the test).
            "home/.local/share/fish/generated_completions",
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

/// An interactive bash (`-i`, no profile) in `sb` whose rc file is `rc`
/// (written to the sandbox), with `extra` options before `--rcfile`.
pub fn interactive_bash(sb: &Sandbox, path: &str, extra: &[&str], rc: &str) -> Command {
    let file = sb.path().join("bashrc");
    std::fs::write(&file, rc).unwrap();
    let mut c = sb.command(require("bash"), path);
    c.arg("--noprofile")
        .args(extra)
        .arg("--rcfile")
        .arg(&file)
        .arg("-i");
    c
}

/// An interactive zsh (`-i`) in `sb` whose `.zshrc` is `rc` (in a ZDOTDIR
/// of the sandbox).
pub fn interactive_zsh(sb: &Sandbox, path: &str, rc: &str) -> Command {
    let zdot = sb.path().join("zdot");
    std::fs::create_dir_all(&zdot).unwrap();
    std::fs::write(zdot.join(".zshrc"), rc).unwrap();
    let mut c = sb.command(require("zsh"), path);
    c.env("ZDOTDIR", &zdot).arg("-i");
    c
}

/// A PATH with the basic system directories only.
pub const SYSTEM_PATH: &str = "/usr/local/bin:/usr/bin:/bin";

/// Single-quotes a path for the test scripts themselves (bash, zsh, dash,
/// fish, nu); test paths contain no quote or backslash.
pub fn q(p: &Path) -> String {
    let s = p.to_str().unwrap();
    assert!(
        !s.contains('\'') && !s.contains('\\'),
        "test path needs quoting: {s}"
    );
    format!("'{s}'")
}

/// Runs `cmd` with `input` on its standard input; (stdout, stderr).
pub fn run_piped(mut cmd: Command, input: &str) -> (String, String) {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A private tmux server (its own socket) with one session `t`, for driving
/// a REPL (Nushell) as a person would; killed on drop.
pub struct Tmux {
    pub bin: PathBuf,
    pub socket: String,
}

impl Tmux {
    /// A server named after the test and this process.
    pub fn new(name: &str) -> Tmux {
        Tmux {
            bin: require("tmux"),
            socket: format!("goenv-hook-{name}-{}", std::process::id()),
        }
    }

    pub fn run(&self, args: &[&str]) {
        let st = Command::new(&self.bin)
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .status()
            .unwrap();
        assert!(st.success(), "tmux {args:?}");
    }

    /// Types `line` and Enter.
    pub fn send(&self, line: &str) {
        self.run(&["send-keys", "-t", "t", "-l", line]);
        self.run(&["send-keys", "-t", "t", "Enter"]);
    }

    /// Starts the Nushell REPL in session `t` the way a user's terminal
    /// does: exactly the environment `env`, in `home`, with config.nu and
    /// env.nu from `cfgdir`, `cols` wide.
    pub fn start_nu(&self, env: &[(OsString, OsString)], home: &Path, cfgdir: &Path, cols: u32) {
        let mut cmd = vec!["env".to_string(), "-i".to_string()];
        for (k, v) in env {
            cmd.push(format!("{}={}", k.to_str().unwrap(), v.to_str().unwrap()));
        }
        cmd.push(nu().to_str().unwrap().to_string());
        cmd.extend(["--no-history", "--no-std-lib", "--config"].map(String::from));
        cmd.push(cfgdir.join("config.nu").to_str().unwrap().to_string());
        cmd.push("--env-config".into());
        cmd.push(cfgdir.join("env.nu").to_str().unwrap().to_string());
        let cols = cols.to_string();
        let mut args: Vec<&str> = vec![
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &cols,
            "-y",
            "50",
            "-c",
            home.to_str().unwrap(),
        ];
        args.extend(cmd.iter().map(String::as_str));
        self.run(&args);
    }

    /// The screen and 2,000 lines of history.
    pub fn screen(&self) -> String {
        let o = Command::new(&self.bin)
            .arg("-L")
            .arg(&self.socket)
            .args(["capture-pane", "-p", "-t", "t", "-S", "-2000"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new(&self.bin)
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .status();
    }
}

/// Runs a wine command (stdio already redirected by the caller) and returns
/// its status. Wine is a smoke executor for cmd, and on a machine where it
/// has just been installed its background services (wineboot, winedevice)
/// sometimes make one `wine cmd /c` exit 1 for a batch file that passes
/// every other time. A failed run is therefore tried once more with the very
/// same files; a real failure of the batch file fails both times.
pub fn wine_status(cmd: &mut Command) -> std::process::ExitStatus {
    let first = cmd.status().expect("wine starts");
    if first.success() {
        return first;
    }
    let second = cmd.status().expect("wine starts");
    eprintln!("wine: first run exited with {first}; the retry exited with {second}");
    second
}

/// Parses `src` as PowerShell; fails on any ERROR or MISSING node, and on a
/// verbatim string in which one of PowerShell's five single-quote characters
/// occurs an odd number of times in a row (i.e. was not doubled).
pub fn pwsh_check(what: &str, src: &[u8]) {
    if src.is_empty() {
        // Trivially valid; the grammar reports an empty file as one ERROR node.
        return;
    }
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_powershell::LANGUAGE.into())
        .unwrap();
    let tree = parser.parse(src, None).expect("parse");
    let text = String::from_utf8_lossy(src);
    let mut stack = vec![tree.root_node()];
    let mut verbatim = 0;
    while let Some(node) = stack.pop() {
        assert!(
            !node.is_error() && !node.is_missing(),
            "{what}: PowerShell parse error at {:?}: {}\n--- script ---\n{text}",
            node.start_position(),
            node.to_sexp()
        );
        if node.kind() == "verbatim_string_characters" {
            verbatim += 1;
            let s = node.utf8_text(src).unwrap();
            let inner = s
                .strip_prefix(['\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}'])
                .unwrap_or(s);
            let inner: String = {
                let mut c = inner.chars();
                c.next_back();
                c.collect()
            };
            let quotes = ['\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}'];
            let chars: Vec<char> = inner.chars().collect();
            let mut i = 0;
            while i < chars.len() {
                if quotes.contains(&chars[i]) {
                    assert!(
                        i + 1 < chars.len() && quotes.contains(&chars[i + 1]),
                        "{what}: undoubled quote character in verbatim string {s:?}"
                    );
                    i += 2;
                } else {
                    i += 1;
                }
            }
        }
        let mut cursor = node.walk();
        stack.extend(node.children(&mut cursor));
    }
    assert!(verbatim > 0, "{what}: no verbatim strings found");
}

/// Compares `actual` with `tests/golden/<name>`; with `GOENV_HOOK_BLESS`
/// set, writes it instead (`GOENV_HOOK_BLESS=1 cargo test --test <file>`).
pub fn golden(name: &str, actual: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("GOENV_HOOK_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; create it with GOENV_HOOK_BLESS=1 and this test",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{name} differs from the golden file (GOENV_HOOK_BLESS=1 to accept):\n--- expected ---\n{}\n--- actual ---\n{}",
        String::from_utf8_lossy(&expected),
        String::from_utf8_lossy(actual)
    );
}

/// A wine prefix of its own for running batch files with wine's cmd: a
/// temporary HOME, prefix and work directory, a cleared environment (plus
/// `extra` variables), stdio to /dev/null (results go through files), and
/// the wine server stopped when dropped.
pub struct Wine {
    pub dir: tempfile::TempDir,
    pub work: PathBuf,
    wine: PathBuf,
    wineserver: PathBuf,
    extra: Vec<(String, String)>,
}

impl Wine {
    pub fn new(extra: &[(&str, &str)]) -> Wine {
        let wine = require("wine");
        let wineserver = require("wineserver");
        let dir = tempfile::tempdir().unwrap();
        let work = dir.path().join("work");
        std::fs::create_dir_all(&work).unwrap();
        Wine {
            dir,
            work,
            wine,
            wineserver,
            extra: extra
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    /// `p` as wine's cmd names it (`Z:\tmp\…`).
    pub fn zpath(&self, p: &Path) -> String {
        format!("Z:{}", p.to_str().unwrap().replace('/', "\\"))
    }

    fn command(&self, program: &Path) -> Command {
        let mut c = Command::new(program);
        c.env_clear()
            .env("HOME", self.dir.path())
            .env("PATH", "/usr/bin:/bin")
            .env("WINEPREFIX", self.dir.path().join("prefix"))
            .env("WINEDEBUG", "-all")
            .envs(self.extra.iter().map(|(k, v)| (k, v)))
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        c
    }

    /// `wine cmd /c <bat>` (tried once more on failure: [`wine_status`]).
    pub fn run_bat(&self, bat: &Path) -> std::process::ExitStatus {
        let mut c = self.command(&self.wine);
        c.arg("cmd").arg("/c").arg(self.zpath(bat));
        wine_status(&mut c)
    }

    /// Creates the prefix (a first batch file; ~10 s on a new machine) and
    /// keeps the server up between runs (`-p10`: it exits 10 s after the
    /// last client).
    pub fn start(&self) {
        let first = self.work.join("first.bat");
        std::fs::write(&first, "@echo ok\r\n").unwrap();
        assert!(
            self.run_bat(&first).success(),
            "wine cmd failed to start; {INSTALL_HINT}"
        );
        let _ = self.command(&self.wineserver).arg("-p10").status();
    }
}

impl Drop for Wine {
    fn drop(&mut self) {
        let _ = self.command(&self.wineserver).arg("-k").status();
    }
}

/// Applies a JSON output of goenv-hook (`env json`, `use … nu`:
/// `{"set": {…}, "unset": […], "path": […]|null}`) to `env`, as a shell
/// evaluating it would (Unix `:` separator).
pub fn apply_env_json(env: &mut std::collections::BTreeMap<String, String>, j: &serde_json::Value) {
    for (k, v) in j["set"].as_object().unwrap() {
        env.insert(k.clone(), v.as_str().unwrap().to_string());
    }
    for k in j["unset"].as_array().unwrap() {
        env.remove(k.as_str().unwrap());
    }
    if let Some(p) = j["path"].as_array() {
        let p: Vec<&str> = p.iter().map(|e| e.as_str().unwrap()).collect();
        env.insert("PATH".into(), p.join(":"));
    }
}

/// The finding `id` of doctor's `--json` report `doc`; panics with the
/// report when there is none.
pub fn finding<'a>(doc: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    doc["findings"]
        .as_array()
        .and_then(|fs| fs.iter().find(|f| f["id"] == id))
        .unwrap_or_else(|| panic!("no {id}: {doc:#}"))
}
