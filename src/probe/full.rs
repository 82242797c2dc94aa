//! What only doctor, `which` and `toolchains` read (the full depth): the
//! current PATH's `go` binaries, GOROOT and what it holds, `$GOROOT/go.env`,
//! the mount table and WSL markers, start-up files, PATH entries that don't
//! exist, VS Code's settings, and (`--deep`) what the running `go` reports. Never on the prompt path.

use super::system::{self, Roots};
use super::{startup, toolchain};
use crate::facts::startup::HookHint;
use crate::facts::system::{is_network_fs, mount_of, Mount};
use crate::facts::toolchain::{GoHit, LooseBinary};
use crate::facts::{Facts, Full};
use crate::shell::Shell;
use crate::sys::platform::bytes;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// What to read beyond the defaults.
#[derive(Clone, Debug)]
pub struct Options {
    /// The shell whose start-up files to analyse (default: from `$SHELL`).
    pub shell: Option<Shell>,
    /// The hook hint passed by the shell (doctor's `--hooks`); default:
    /// `GOENV_HOOK_SHELL_HOOKS`.
    pub hook_hint: Option<String>,
    /// Run the `go` that runs (`doctor --deep`).
    pub deep: bool,
    /// Told before each command `--deep` runs (`go env -json`, `go build`),
    /// and with `None` when it is done: the front end shows progress.
    pub progress: Option<fn(Option<&str>)>,
    /// Analyse the shell's start-up files (not for the Nushell plugin).
    pub startup: bool,
    /// Read the installed tools (the binaries in GOBIN and GOPATH/bin, the
    /// root's compilers: their build info), the version managers' PATH
    /// entries and the `go` binaries VS Code's Go extension could pick:
    /// doctor only, not `which`, `toolchains` or `explain`.
    pub tools: bool,
    /// The mount table to use instead of reading it (tests).
    pub mounts: Option<Vec<Mount>>,
    /// Where system files are read (tests point these at fake trees).
    pub roots: Roots,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            shell: None,
            hook_hint: None,
            deep: false,
            progress: None,
            startup: true,
            tools: false,
            mounts: None,
            roots: Roots::default(),
        }
    }
}

/// Reads the full-depth facts into `facts` (whose base facts are read).
pub fn read(facts: &mut Facts, opts: &Options) {
    let env = facts.current.clone();
    let mut x = Full {
        read: true,
        ..Full::default()
    };
    if let Some(h) = &opts.hook_hint {
        facts.hook = Some(HookHint::parse(h));
    }
    facts.wsl = system::detect_wsl(&env, &opts.roots, false);
    x.current_hits = system::current_hits(facts);
    for h in facts
        .hits
        .iter_mut()
        .chain(x.current_hits.iter_mut().flatten())
    {
        if h.problem.is_none() && h.toolchain.is_none() && h.shim.is_none() {
            h.loose = Some(loose(h));
        }
    }
    facts.full = x;
    let file = facts.goenv_file.clone();
    // $GOROOT/go.env of the roots that matter.
    let mut roots: Vec<PathBuf> = Vec::new();
    let running = facts.running_go().and_then(|h| h.toolchain.clone());
    let gt = facts.goroot.as_ref().and_then(|g| g.toolchain.clone());
    for t in [&running, &gt].into_iter().flatten() {
        if t.has_go_env && !roots.contains(&t.root) {
            roots.push(t.root.clone());
        }
    }
    for r in roots {
        let path = r.join("go.env");
        if let Ok(b) = std::fs::read(&path) {
            let f = crate::go::envfile::parse_for(&path, &b, env.platform);
            facts.full.go_env.push((r, f));
        }
    }
    if opts.mounts.is_some() {
        facts.full.mounts = opts.mounts.clone();
    } else if !env.platform.is_windows() {
        facts.full.mounts = system::read_mounts(&opts.roots.proc);
    }
    // The shell this runs in (as its hook's hint names it, else the parent
    // process), else the login shell ($SHELL).
    let here = opts
        .startup
        .then(|| super::here::detect(&opts.roots.proc))
        .flatten();
    let shell = opts
        .shell
        .or(facts.hook.as_ref().and_then(|h| h.shell))
        .or(here.as_ref().map(|h| h.shell))
        .or_else(|| crate::shell::shell_from_env(&env));
    if let Some(shell) = shell.filter(|_| opts.startup) {
        let mut r = startup::analyze(shell, &env, &opts.roots.sys);
        r.here = here.filter(|h| h.shell == shell);
        facts.full.startup = Some(r);
    }
    let mounts: Vec<Mount> = facts.full.mounts.clone().unwrap_or_default();
    let mounts = mounts.as_slice();
    let on_network = |p: &Path| mount_of(mounts, p).is_some_and(|m| is_network_fs(&m.fstype));
    let path = env.path_entries();
    let p = env.platform;
    let plain = |e: &OsString| !e.is_empty() && p.is_absolute(e) && bytes(e).first() != Some(&b'~');
    facts.full.missing_path_entries = path
        .iter()
        .enumerate()
        .filter(|(_, e)| plain(e) && !on_network(Path::new(e)))
        .filter(|(_, e)| std::fs::metadata(Path::new(e.as_os_str())).is_err())
        .map(|(i, _)| i)
        .collect();
    // GOMODCACHE and GOPATH entries with links resolved (for the mounts).
    let effective = gt.as_ref().or(running.as_ref()).map(|t| t.root.clone());
    let mut dirs: Vec<PathBuf> = Vec::new();
    dirs.extend(crate::go::settings::gomodcache(&env, file.as_ref()));
    for g in crate::go::settings::gopath(&env, file.as_ref(), effective.as_deref()) {
        dirs.push(PathBuf::from(g));
    }
    for d in dirs {
        if d.is_absolute() && !facts.full.resolved_dirs.iter().any(|(x, _)| *x == d) {
            let r = resolve_existing(&d);
            facts.full.resolved_dirs.push((d, r));
        }
    }
    facts.full.vscode = super::vscode::read(&env, &facts.project, &path, opts.tools);
    if opts.tools {
        facts.full.manager_dirs = super::shims::manager_dirs(&path, &env, &on_network);
        super::tools::read(facts, &on_network);
        facts.full.persistent = super::registry::read(&env);
    }
    facts.full.stamp_dir = Some(super::watch::stamp_dir(&env, false));
    super::gomodel::read(facts, crate::facts::Depth::Full);
    if opts.deep {
        if let Some(hit) = facts.running_go().cloned() {
            facts.full.deep = super::deep::run(&hit, &env, opts.progress);
            if let Some(p) = opts.progress {
                p(None);
            }
        }
    }
}

/// A usable `go` outside any toolchain: a script, or a copied binary.
fn loose(h: &GoHit) -> LooseBinary {
    use std::io::Read;
    let bin = h.resolved.as_ref().unwrap_or(&h.path);
    let mut head = [0u8; 2];
    let is_script = std::fs::File::open(bin)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"#!";
    // Go tries exe/../.. and (1.21.13+) exe/../../.. for the path as found
    // and as resolved.
    let mut root_nearby = false;
    for exe in [Some(&h.path), h.resolved.as_ref()].into_iter().flatten() {
        let up2 = exe.parent().and_then(Path::parent);
        for c in [up2, up2.and_then(Path::parent)].into_iter().flatten() {
            root_nearby |= c.join("pkg").join("tool").is_dir();
        }
    }
    LooseBinary {
        is_script,
        version: if is_script {
            None
        } else {
            toolchain::binary_version(bin)
        },
        root_nearby,
    }
}

/// The longest existing ancestor canonicalized, with the rest appended.
pub(super) fn resolve_existing(p: &Path) -> PathBuf {
    let mut cur = p.to_path_buf();
    let mut rest = Vec::new();
    loop {
        if let Ok(c) = crate::sys::env::canonical(&cur) {
            let mut out = c;
            for r in rest.iter().rev() {
                out.push(r);
            }
            return out;
        }
        match (cur.file_name().map(|n| n.to_os_string()), cur.parent()) {
            (Some(n), Some(par)) => {
                rest.push(n);
                cur = par.to_path_buf();
            }
            _ => return p.to_path_buf(),
        }
    }
}
