//! Windows for real, under wine: the Windows goenv-hook.exe (built by
//! `scripts/build-windows.sh`) and real Windows Go toolchains (built from
//! the Debian Go sources by `scripts/windows-go.sh`) run by wine's cmd.exe
//! in a private wine prefix, installed the ways users have them.
//!
//! - [`WinPrefix::new`] gives a prefix of the test's own (a hard-linked
//!   clone of a template made once per machine with `wineboot --init`, the
//!   boot services finished with `wineserver -w`, and the stand-in
//!   `bcryptprimitives.dll` built from `tests/windows/bcryptprimitives.c`
//!   into `system32`), with goenv-hook.exe in `%USERPROFILE%\.cargo\bin`
//!   (where `cargo install` puts it) and a second drive, `D:`, mapped to a
//!   directory of its own.
//! - Go trees go where installers put them ([`WinPrefix::install_msi`],
//!   [`install_sdk`](WinPrefix::install_sdk),
//!   [`install_scoop`](WinPrefix::install_scoop),
//!   [`install_on_d`](WinPrefix::install_on_d)): real directories
//!   (hard-linked files), since wine resolves a Unix symlink to its `Z:`
//!   path where Windows would see a plain directory.
//! - [`WinPrefix::cmd`] runs a batch file (CRLF) with `wine cmd /c` under a
//!   cleared environment, stdin from /dev/null, and gives back the files it
//!   wrote; a run that did not reach its end (wine's first spawn in a fresh
//!   prefix sometimes fails) is run once more.
//! - The registry (`HKCU\Environment`, the Machine environment): what a new
//!   process's environment is built from, as on Windows.
//!
//! Missing pieces fail the test with the command that makes them, never
//! skip it.

use super::{require, wine_status, Wine, INSTALL_HINT};
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The user's persistent environment (what `setx` and System Properties'
/// "User variables" write).
pub const HKCU_ENV: &str = r"HKCU\Environment";
/// The machine's persistent environment ("System variables"); a new
/// process's PATH is this PATH followed by the user's.
pub const HKLM_ENV: &str = r"HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment";

const BUILD_HINT: &str =
    "build it with scripts/build-windows.sh (after scripts/install-test-deps.sh)";

/// The Windows goenv-hook.exe under test: `GOENV_HOOK_WIN_EXE`, else the
/// release build of `scripts/build-windows.sh`. Missing fails the test.
pub fn win_exe() -> PathBuf {
    let p = match std::env::var_os("GOENV_HOOK_WIN_EXE") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/windows/x86_64-pc-windows-gnu/release/goenv-hook.exe"),
    };
    assert!(
        p.is_file(),
        "the Windows goenv-hook.exe is not at {}; {BUILD_HINT}",
        p.display()
    );
    p
}

/// A Windows Go toolchain built by `scripts/windows-go.sh`.
#[derive(Clone, Debug)]
pub struct WinGo {
    /// `go1.23.5`, from the tree's VERSION (what `go version` prints).
    pub version: String,
    /// The tree on the Linux side (`tools/wingo/go1.23.5`).
    pub tree: PathBuf,
}

impl WinGo {
    /// `1.23.5`.
    pub fn number(&self) -> &str {
        self.version.strip_prefix("go").unwrap()
    }

    /// `1.23`.
    pub fn minor(&self) -> String {
        let mut it = self.number().split('.');
        format!("{}.{}", it.next().unwrap(), it.next().unwrap())
    }
}

/// The Windows Go made from `/usr/lib/go-<minor>` (`win_go("1.23")` is
/// `tools/wingo/go1.23.5`, or under `GOENV_HOOK_WINGO_DIR`). Missing fails
/// the test with the command that builds it.
pub fn win_go(minor: &str) -> WinGo {
    let debian = super::go_root(minor);
    let version = std::fs::read_to_string(debian.join("VERSION"))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    let dir = match std::env::var_os("GOENV_HOOK_WINGO_DIR") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/wingo"),
    };
    let tree = dir.join(&version);
    // The script renames a tree into place only when it is complete.
    let complete = [
        "VERSION",
        "go.env",
        "bin/go.exe",
        "lib/time/zoneinfo.zip",
        "src/runtime/runtime.go",
        "pkg/include/textflag.h",
        "pkg/tool/windows_amd64/compile.exe",
        "pkg/tool/windows_amd64/link.exe",
    ]
    .iter()
    .all(|f| tree.join(f).is_file());
    assert!(
        complete,
        "the Windows {version} is not at {}; build it with scripts/windows-go.sh {minor}",
        tree.display()
    );
    WinGo { version, tree }
}

/// A small FNV-1a hash (the template's name changes with the DLL's source).
fn fnv(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

const DLL_SOURCE: &[u8] = include_bytes!("../windows/bcryptprimitives.c");

/// A command of wine's (`wine`, `wineserver`, `wineboot`) for `prefix` with
/// a cleared environment and no stdio.
fn wine_tool(tool: &Path, home: &Path, prefix: &Path) -> Command {
    let mut c = Command::new(tool);
    c.env_clear()
        .env("HOME", home)
        .env("PATH", "/usr/bin:/bin")
        .env("WINEPREFIX", prefix)
        .env("WINEDEBUG", "-all")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// The template prefix: booted, its services finished, the stand-in DLL in
/// `system32`. Made once per machine (per wine version and DLL source) in
/// cargo's test temporary directory; a half-made one is never used (it is
/// built under another name and renamed into place).
fn template() -> &'static Path {
    static T: OnceLock<PathBuf> = OnceLock::new();
    T.get_or_init(|| {
        let wine = require("wine");
        let wineserver = require("wineserver");
        let gcc = require("x86_64-w64-mingw32-gcc");
        let out = Command::new(&wine).arg("--version").output().unwrap();
        let ver = String::from_utf8_lossy(&out.stdout)
            .trim()
            .replace(|c: char| !c.is_ascii_alphanumeric() && c != '.', "_");
        let base = Path::new(env!("CARGO_TARGET_TMPDIR"));
        let done = base.join(format!("wine-template-{ver}-{:016x}", fnv(DLL_SOURCE)));
        if done.join("system32-dll-ok").is_file() {
            return done;
        }
        let work = tempfile::Builder::new()
            .prefix("wine-template-partial")
            .tempdir_in(base)
            .unwrap();
        let prefix = work.path().join("t");
        let home = work.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let st = wine_status(wine_tool(&require("wineboot"), &home, &prefix).arg("--init"));
        assert!(
            st.success(),
            "wineboot --init failed ({st}); {INSTALL_HINT}"
        );
        // The boot services (winedevice, …) finish their work.
        let _ = wine_tool(&wineserver, &home, &prefix).arg("-w").status();
        let sys32 = prefix.join("drive_c/windows/system32");
        let src = work.path().join("bcryptprimitives.c");
        std::fs::write(&src, DLL_SOURCE).unwrap();
        let out = Command::new(&gcc)
            .args(["-shared", "-O2", "-s", "-o"])
            .arg(sys32.join("bcryptprimitives.dll"))
            .arg(&src)
            .arg("-ladvapi32")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "building the stand-in bcryptprimitives.dll failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::write(prefix.join("system32-dll-ok"), "").unwrap();
        // Another test binary may have made it meanwhile: then use that one.
        if std::fs::rename(&prefix, &done).is_err() {
            assert!(
                done.join("system32-dll-ok").is_file(),
                "could not put the wine template at {}",
                done.display()
            );
        }
        done
    })
}

/// Hard-links `from` into `to` (files linked, directories made, symlinks
/// re-made), copying the files for which `copy` says so, and everything when
/// the two are on different file systems.
fn link_tree(from: &Path, to: &Path, copy: &dyn Fn(&Path) -> bool) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let (src, dst) = (e.path(), to.join(e.file_name()));
        let ft = e.file_type().unwrap();
        if ft.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(&src).unwrap(), &dst).unwrap();
        } else if ft.is_dir() {
            link_tree(&src, &dst, copy);
        } else if copy(&src) || std::fs::hard_link(&src, &dst).is_err() {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// The output of one [`WinPrefix::cmd`] run: the batch file's exit status
/// and the files it wrote into its `{out}` directory.
pub struct Run {
    pub status: ExitStatus,
    pub dir: PathBuf,
    pub script: String,
}

impl Run {
    /// The file `{out}\<name>` as text (lossy UTF-8, CRLF as written).
    /// Missing fails the test, showing the batch file.
    pub fn raw(&self, name: &str) -> String {
        let p = self.dir.join(name);
        match std::fs::read(&p) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => panic!(
                "the batch file wrote no {name} ({e}); it exited {}\n--- batch file ---\n{}",
                self.status, self.script
            ),
        }
    }

    /// The file's lines without their CR LF, trailing spaces (`echo x >f`
    /// keeps one) removed.
    pub fn lines(&self, name: &str) -> Vec<String> {
        self.raw(name)
            .lines()
            .map(|l| l.trim_end_matches(['\r', ' ']).to_string())
            .collect()
    }

    /// The file's text trimmed of surrounding white space.
    pub fn text(&self, name: &str) -> String {
        self.raw(name).trim().to_string()
    }

    /// Whether the batch file wrote `{out}\<name>`.
    pub fn exists(&self, name: &str) -> bool {
        self.dir.join(name).exists()
    }
}

/// A private wine prefix with goenv-hook.exe installed and a `D:` drive.
pub struct WinPrefix {
    /// The prefix, its temporary directory and wine's commands (stopped
    /// when dropped).
    pub wine: Wine,
    /// `…/prefix/drive_c` on the Linux side.
    pub c: PathBuf,
    /// The directory wine maps to `D:`.
    pub d: PathBuf,
    /// `%USERPROFILE%` (`C:\users\<user>`).
    pub profile: String,
    /// `%LOCALAPPDATA%`.
    pub localappdata: String,
    /// `%APPDATA%`.
    pub appdata: String,
    /// goenv-hook.exe's Windows path (`%USERPROFILE%\.cargo\bin\goenv-hook.exe`).
    pub exe: String,
    runs: AtomicUsize,
}

impl WinPrefix {
    /// A prefix of this test's own (cloned from the template in about a
    /// second), goenv-hook.exe copied in, `D:` mapped; nothing of Go yet.
    pub fn new() -> WinPrefix {
        let exe = win_exe();
        let template = template();
        let dir = tempfile::Builder::new()
            .prefix("goenv-hook-win")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .unwrap();
        let prefix = dir.path().join("prefix");
        // The registry files are rewritten by wine: copies; the rest is
        // only read: links.
        link_tree(template, &prefix, &|p| {
            p.parent() == Some(template) && p.extension() != Some(OsStr::new("dll"))
        });
        let _ = std::fs::remove_file(prefix.join("system32-dll-ok"));
        let d = dir.path().join("d-drive");
        std::fs::create_dir_all(&d).unwrap();
        std::os::unix::fs::symlink(&d, prefix.join("dosdevices/d:")).unwrap();
        let work = dir.path().join("work");
        std::fs::create_dir_all(&work).unwrap();
        let wine = Wine {
            dir,
            work,
            wine: require("wine"),
            wineserver: require("wineserver"),
            extra: Vec::new(),
        };
        let c = prefix.join("drive_c");
        let mut w = WinPrefix {
            wine,
            c,
            d,
            profile: String::new(),
            localappdata: String::new(),
            appdata: String::new(),
            exe: String::new(),
            runs: AtomicUsize::new(0),
        };
        // The first run: what wine's environment says about the user (and
        // it takes the first spawn's occasional failure).
        let r = w.cmd(
            "echo %USERPROFILE%> \"{out}\\profile\"\r\n\
             echo %LOCALAPPDATA%> \"{out}\\local\"\r\n\
             echo %APPDATA%> \"{out}\\roaming\"",
        );
        w.profile = r.text("profile");
        w.localappdata = r.text("local");
        w.appdata = r.text("roaming");
        assert!(
            w.profile.starts_with(r"C:\users\"),
            "wine's USERPROFILE: {:?}",
            w.profile
        );
        w.exe = format!(r"{}\.cargo\bin\goenv-hook.exe", w.profile);
        let unix = w.unix_path(&w.exe);
        std::fs::create_dir_all(unix.parent().unwrap()).unwrap();
        std::fs::copy(&exe, &unix).unwrap();
        // Keep the wine server up between the test's runs (stopped on drop).
        let _ = w.wine.command(&w.wine.wineserver).arg("-p60").status();
        w
    }

    /// Runs wine from now on under a UTF-8 Unix locale (`LANG=C.UTF-8`):
    /// wine maps Windows file names to Unix ones through the Unix code
    /// page, which under the cleared environment is ASCII, so a directory
    /// such as `C:\Users\Jörg Müller` could not be made ("File not found").
    /// Windows' own code pages (ANSI 1252, OEM 437) stay as they are.
    pub fn unix_utf8(&mut self) {
        self.wine
            .extra
            .push(("LANG".to_string(), "C.UTF-8".to_string()));
    }

    /// Whether wine's cmd reads batch files as UTF-8 from its next start.
    /// Real cmd reads a batch file in the console code page (65001 after the
    /// hook's `chcp 65001`); wine's cmd ignores `chcp` and reads it in the
    /// process's OEM code page (437). An application manifest beside its
    /// cmd.exe (`activeCodePage` UTF-8, what Windows' "Use Unicode UTF-8 for
    /// worldwide language support" does system-wide) makes it read UTF-8, as
    /// real cmd does after `chcp 65001`; its `set` output is then UTF-8 too.
    pub fn cmd_reads_utf8(&self, on: bool) {
        let manifest = self.c.join("windows/system32/cmd.exe.manifest");
        if on {
            std::fs::write(
                &manifest,
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n\
                 <assembly manifestVersion=\"1.0\" xmlns=\"urn:schemas-microsoft-com:asm.v1\">\r\n\
                 <assemblyIdentity type=\"win32\" name=\"cmd\" version=\"1.0.0.0\"/>\r\n\
                 <application><windowsSettings>\r\n\
                 <activeCodePage xmlns=\"http://schemas.microsoft.com/SMI/2019/WindowsSettings\">UTF-8</activeCodePage>\r\n\
                 </windowsSettings></application>\r\n\
                 </assembly>\r\n",
            )
            .unwrap();
        } else {
            let _ = std::fs::remove_file(&manifest);
        }
    }

    /// The Linux path of a `C:` or `D:` path (`C:\users\x` → `…/drive_c/users/x`).
    pub fn unix_path(&self, win: &str) -> PathBuf {
        let (drive, rest) = win.split_at(2);
        let root = match drive.to_ascii_uppercase().as_str() {
            "C:" => &self.c,
            "D:" => &self.d,
            _ => panic!("not a C: or D: path: {win}"),
        };
        let rest = rest.trim_start_matches('\\');
        if rest.is_empty() {
            return root.clone();
        }
        root.join(rest.replace('\\', "/"))
    }

    /// The Windows path of a Linux path: `C:\…` inside drive_c, `D:\…` on
    /// the second drive, `Z:\…` elsewhere.
    pub fn win_path(&self, p: &Path) -> String {
        for (root, drive) in [(&self.c, "C:"), (&self.d, "D:")] {
            if let Ok(rest) = p.strip_prefix(root) {
                return format!(r"{drive}\{}", rest.to_str().unwrap().replace('/', "\\"));
            }
        }
        self.wine.zpath(p)
    }

    /// Puts `go` at the Windows path `root` (hard links, as a real
    /// directory); returns `root`.
    pub fn install(&self, go: &WinGo, root: &str) -> String {
        let to = self.unix_path(root);
        assert!(!to.exists(), "{root} is already there");
        link_tree(&go.tree, &to, &|_| false);
        root.to_string()
    }

    /// The MSI's location: `C:\Program Files\Go`.
    pub fn install_msi(&self, go: &WinGo) -> String {
        self.install(go, r"C:\Program Files\Go")
    }

    /// golang.org/dl's: `%USERPROFILE%\sdk\go1.X.Y`.
    pub fn install_sdk(&self, go: &WinGo) -> String {
        self.install(go, &format!(r"{}\sdk\{}", self.profile, go.version))
    }

    /// scoop's: `%USERPROFILE%\scoop\apps\go\1.X.Y` and `current` pointing
    /// at it (scoop makes a junction; here a link, which wine resolves like
    /// Windows resolves the junction). Returns the `current` path.
    pub fn install_scoop(&self, go: &WinGo) -> String {
        let apps = format!(r"{}\scoop\apps\go", self.profile);
        self.install(go, &format!(r"{apps}\{}", go.number()));
        std::os::unix::fs::symlink(go.number(), self.unix_path(&apps).join("current")).unwrap();
        format!(r"{apps}\current")
    }

    /// "Go on D:": the MSI installed to another drive, `D:\Go`.
    pub fn install_on_d(&self, go: &WinGo) -> String {
        self.install(go, r"D:\Go")
    }

    /// Runs `script` with `wine cmd /c` as a batch file (written with CRLF,
    /// `@echo off` first). `{out}` in the script is a fresh directory's
    /// Windows path (on `C:`) whose files [`Run`] reads back. The script is
    /// run once more if it did not reach its end (wine's occasional failed
    /// first spawn), so it must be safe to run twice. What the script runs
    /// is Windows only: output goes to files, never through a pipe.
    pub fn cmd(&self, script: &str) -> Run {
        let n = self.runs.fetch_add(1, Ordering::SeqCst);
        let dir = self.c.join(format!("t/{n}"));
        let out = self.win_path(&dir);
        let body = script.replace("{out}", &out);
        let mut text = String::from("@echo off\r\n");
        for l in body.lines() {
            text.push_str(l.trim_end_matches('\r'));
            text.push_str("\r\n");
        }
        text.push_str(&format!("echo done> \"{out}\\.done\"\r\nexit /b 0\r\n"));
        let bat = self.c.join(format!("t/{n}.bat"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&bat, &text).unwrap();
        let mut status = self.run_bat_once(&bat);
        let spawn_failed = spawn_failure(self, &dir);
        if !dir.join(".done").is_file() || spawn_failed.is_some() {
            eprintln!(
                "wine: batch file {n} did not finish ({status}) or could not start a program ({}); running it once more",
                spawn_failed.as_deref().unwrap_or("-")
            );
            std::fs::remove_dir_all(&dir).unwrap();
            std::fs::create_dir_all(&dir).unwrap();
            status = self.run_bat_once(&bat);
        }
        let run = Run {
            status,
            dir,
            script: text,
        };
        assert!(
            run.exists(".done"),
            "wine cmd did not run the batch file to its end ({status}); {INSTALL_HINT}\n--- batch file ---\n{}",
            run.script
        );
        run
    }

    fn run_bat_once(&self, bat: &Path) -> ExitStatus {
        let mut c = self.wine.command(&self.wine.wine);
        c.arg("cmd").arg("/c").arg(self.win_path(bat));
        c.status().expect("wine starts")
    }

    /// A `wine reg …` command, its output into `out` (never a pipe).
    fn reg(&self, args: &[&str], out: Option<&Path>) -> ExitStatus {
        let mut c = self.wine.command(&self.wine.wine);
        c.arg("reg").args(args);
        if let Some(o) = out {
            c.stdout(std::fs::File::create(o).unwrap());
        }
        wine_status(&mut c)
    }

    /// `reg add KEY /v NAME /t TYPE /d DATA /f` (the value is passed to
    /// reg.exe as is: no cmd expansion of `%`).
    pub fn reg_add(&self, key: &str, name: &str, ty: &str, data: &str) {
        let st = self.reg(&["add", key, "/v", name, "/t", ty, "/d", data, "/f"], None);
        assert!(st.success(), "reg add {key} {name}: {st}");
    }

    /// `reg delete KEY /v NAME /f` (a missing value is fine).
    pub fn reg_delete(&self, key: &str, name: &str) {
        let _ = self.reg(&["delete", key, "/v", name, "/f"], None);
    }

    /// The value `name` of `key` as `reg query` shows it: (type, data), or
    /// None when there is no such value.
    pub fn reg_query(&self, key: &str, name: &str) -> Option<(String, String)> {
        let out = self.wine.work.join(format!(
            "reg-{}.txt",
            self.runs.fetch_add(1, Ordering::SeqCst)
        ));
        let st = self.reg(&["query", key, "/v", name], Some(&out));
        let text = String::from_utf8_lossy(&std::fs::read(&out).unwrap()).into_owned();
        if !st.success() {
            return None;
        }
        text.lines().find_map(|l| {
            let l = l.trim_end_matches('\r').trim_start();
            let i = l.find("    REG_")?;
            if !l[..i].eq_ignore_ascii_case(name) {
                return None;
            }
            let rest = &l[i + 4..];
            let (ty, data) = rest.split_once("    ").unwrap_or((rest, ""));
            Some((ty.to_string(), data.to_string()))
        })
    }
}

/// wine's cmd occasionally fails to start a program that is there (the
/// same occasional failed spawn as above): it then writes "Can't recognize
/// '…' as an internal or external command" into the output file. The
/// first such line (with its file's name) whose program is named by a
/// `C:`/`D:` path that exists in the prefix: certainly a failed start,
/// never a command that is really missing (`go` taken off PATH), which a
/// test may expect.
fn spawn_failure(w: &WinPrefix, dir: &Path) -> Option<String> {
    let rd = std::fs::read_dir(dir).ok()?;
    for e in rd.flatten() {
        let Ok(text) = std::fs::read(e.path()) else {
            continue;
        };
        let text = String::from_utf8_lossy(&text);
        for l in text.lines() {
            let Some(cmd) = l.strip_prefix("Can't recognize '") else {
                continue;
            };
            let program = match cmd.strip_prefix('"') {
                Some(q) => q.split('"').next().unwrap_or(""),
                None => cmd.split(' ').next().unwrap_or(""),
            };
            let b = program.as_bytes();
            let on_drive = b.len() > 3
                && matches!(b[0].to_ascii_uppercase(), b'C' | b'D')
                && b[1] == b':'
                && b[2] == b'\\';
            if on_drive && w.unix_path(program).is_file() {
                return Some(format!("{}: {l}", e.file_name().to_string_lossy()));
            }
        }
    }
    None
}

/// The Machine and User PATH entries a Go MSI install in `root` and
/// `cargo install` (rustup) leave.
pub fn msi_user(w: &WinPrefix, root: &str) {
    w.persist_path(
        &[&format!(r"{root}\bin")],
        r"%USERPROFILE%\.cargo\bin;%USERPROFILE%\go\bin",
    );
}

/// The file `{out}\<name>` parsed as JSON (the text shown if it isn't).
pub fn json(r: &Run, name: &str) -> serde_json::Value {
    serde_json::from_str(&r.raw(name)).unwrap_or_else(|e| panic!("{name}: {e}\n{}", r.raw(name)))
}

impl Drop for WinPrefix {
    /// Stops the prefix's wine server and waits until it has gone (it saves
    /// the registry on its way out), before the directory is removed.
    fn drop(&mut self) {
        let _ = self.wine.command(&self.wine.wineserver).arg("-k").status();
        let _ = self.wine.command(&self.wine.wineserver).arg("-w").status();
    }
}

/// The two lines that run `cmdline` and, if it failed, once more (for
/// `go build`: wine's first spawn of a tool sometimes fails with
/// "Internal error").
pub fn retry_once(cmdline: &str) -> String {
    format!("{cmdline}\r\nif errorlevel 1 {cmdline}")
}

/// The lines of `goenv-hook hook cmd`'s step as the saved init file runs it
/// (exe → a temporary .cmd → `call` → delete), without the file's
/// `|| set "__goenv_hook_failed=1"`: wine's cmd runs the right side of `||`
/// whatever the left side's status, so under wine the init file never
/// applies its hook (`win_bugs::init_cmd_hook_applies_under_wine`).
pub const HOOK_STEP: &str = "goenv-hook hook cmd > \"%TEMP%\\goenv-step.cmd\"\r\n\
                             call \"%TEMP%\\goenv-step.cmd\"\r\n\
                             del \"%TEMP%\\goenv-step.cmd\"";

/// Parses `set` output (`NAME=value` lines), names upper-cased (cmd's
/// names are case-insensitive: goenv-hook writes `Path`, wine starts with
/// `PATH`).
pub fn parse_set(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter_map(|l| {
            let (k, v) = l.split_once('=')?;
            Some((k.to_ascii_uppercase(), v.to_string()))
        })
        .collect()
}

/// The first fenced block of language `lang` in the README section whose
/// heading is `heading` (e.g. `### cmd`): the tests run what the README
/// tells users to type.
pub fn readme_block(heading: &str, lang: &str) -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .lines()
        .position(|l| l.trim_end() == heading)
        .unwrap_or_else(|| panic!("README.md has no heading {heading:?}"));
    let mut lines = readme.lines().skip(start + 1);
    let fence = format!("```{lang}");
    for l in lines.by_ref() {
        assert!(
            !(l.starts_with("## ") || l.starts_with("### ")),
            "README.md's {heading:?} has no ```{lang} block"
        );
        if l.trim_end() == fence {
            break;
        }
    }
    let block: Vec<&str> = lines.take_while(|l| !l.starts_with("```")).collect();
    assert!(
        !block.is_empty(),
        "README.md's {heading:?}: empty ```{lang} block"
    );
    block.join("\n")
}

impl WinPrefix {
    /// The persistent PATHs a Go MSI install and `cargo install` leave:
    /// each of `machine` appended to the Machine PATH (`C:\Program
    /// Files\Go\bin`), and the User PATH set to `user`, as REG_EXPAND_SZ.
    /// Every cmd started afterwards gets Machine PATH;User PATH, as on
    /// Windows.
    pub fn persist_path(&self, machine: &[&str], user: &str) {
        let (_, mp) = self
            .reg_query(HKLM_ENV, "PATH")
            .expect("wine's Machine PATH");
        let mut mp = mp;
        for m in machine {
            mp.push(';');
            mp.push_str(m);
        }
        self.reg_add(HKLM_ENV, "PATH", "REG_EXPAND_SZ", &mp);
        self.reg_add(HKCU_ENV, "PATH", "REG_EXPAND_SZ", user);
    }

    /// Writes `text` to the Windows path `win` (directories made).
    pub fn write(&self, win: &str, text: &str) {
        let p = self.unix_path(win);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}
