//! Builders for check tests: fake toolchain trees and hand-made Facts.

use super::*;
use crate::facts::project::{Kind, Project, ProjectFile};
use crate::sys::platform::Platform;
use std::path::PathBuf;

pub struct Tree {
    pub dir: tempfile::TempDir,
}

impl Tree {
    pub fn new() -> Tree {
        Tree {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn p(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn s(&self, rel: &str) -> String {
        self.p(rel).to_string_lossy().into_owned()
    }

    pub fn file(&self, rel: &str, content: &str) -> PathBuf {
        let p = self.p(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }

    pub fn exe(&self, rel: &str) -> PathBuf {
        let p = self.file(rel, "#!/bin/sh\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        p
    }

    /// A toolchain tree at `rel`: pkg/tool/, bin/go, VERSION, optional go.env.
    pub fn toolchain(&self, rel: &str, version: &str, go_env: bool) -> PathBuf {
        let root = self.p(rel);
        std::fs::create_dir_all(root.join("pkg/tool/linux_amd64")).unwrap();
        self.exe(&format!("{rel}/bin/go"));
        self.file(
            &format!("{rel}/VERSION"),
            &format!("go{version}\ntime 2024-07-31T19:43:06Z\n"),
        );
        if go_env {
            self.file(&format!("{rel}/go.env"), "GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n");
        }
        root
    }
}

pub fn env(pairs: &[(&str, &str)]) -> EnvSnapshot {
    EnvSnapshot::from_pairs(pairs, "/", Platform::UNIX)
}

/// Facts as the probe would make them, without the goenv file, project and
/// install discovery (set those fields by hand).
pub fn facts(env: EnvSnapshot) -> Facts {
    let path = env.path_entries();
    let hits = crate::probe::toolchain::find_go_on_path(&path, &env);
    let goroot_env = env
        .get_nonempty("GOROOT")
        .and_then(|g| crate::probe::toolchain::inspect_root(Path::new(g), &env));
    Facts {
        current: env.clone(),
        state: None,
        env,
        path,
        hits,
        installs: Vec::new(),
        installs_scanned: true,
        goenv_file: None,
        goenv_file_present: false,
        project: Project::default(),
        goroot_env,
        pinned_roots: Vec::new(),
        goroot: None,
        wsl: None,
        hook: None,
        full: Default::default(),
        gomodel: Default::default(),
    }
}

pub(crate) fn go_mod(path: PathBuf, go: Option<&str>, toolchain: Option<&str>) -> Project {
    Project {
        go_version_file: None,
        go_file: Some(ProjectFile::go_file(
            Kind::GoMod,
            path,
            crate::facts::project::go_mod_text(go, toolchain).into_bytes(),
        )),
        ..Project::default()
    }
}

/// System facts a test gives instead of reading them.
#[derive(Clone, Debug, Default)]
pub struct Extra {
    pub mounts: Option<Vec<crate::facts::system::Mount>>,
    pub wsl: Option<crate::facts::system::Wsl>,
    pub hook: Option<crate::facts::startup::HookHint>,
}

/// The facts as the probe completes them: at the hook's depth as given;
/// else with the full depth read (the test's tree; no real /proc, no
/// start-up files), then `x` over them.
pub fn complete(f: &Facts, x: &Extra, hook_depth: bool) -> Facts {
    let mut f = f.clone();
    crate::probe::settle(&mut f);
    if !hook_depth {
        let proc = tempfile::tempdir().unwrap();
        let opts = crate::probe::full::Options {
            roots: crate::probe::system::Roots {
                proc: proc.path().to_path_buf(),
                sys: proc.path().to_path_buf(),
            },
            mounts: x.mounts.clone(),
            startup: false,
            tools: true,
            ..Default::default()
        };
        crate::probe::full::read(&mut f, &opts);
    }
    if x.wsl.is_some() {
        f.wsl = x.wsl.clone();
    }
    if x.hook.is_some() {
        f.hook = x.hook.clone();
    }
    f
}

/// A session of the facts with the default config.
pub fn session(f: Facts) -> Session {
    let config = Config::default();
    let plan = crate::plan::plan(&f, &config);
    Session {
        config,
        facts: f,
        plan,
    }
}

/// Every check, with `x` (see [`complete`]); fixes in `shell`'s syntax.
pub fn run_shell(f: &Facts, x: &Extra, hook_depth: bool, shell: Option<Shell>) -> Vec<Finding> {
    let s = session(complete(f, x, hook_depth));
    run(
        &s,
        &Options {
            shell,
            ..Default::default()
        },
    )
}

/// Every check, with `x` (see [`complete`]).
pub(crate) fn run_with(f: &Facts, x: &Extra, hook_depth: bool) -> Vec<Finding> {
    run_shell(f, x, hook_depth, None)
}

pub fn all(f: &Facts) -> Vec<Finding> {
    run_with(f, &Extra::default(), false)
}

pub fn ids(fs: &[Finding]) -> Vec<&'static str> {
    fs.iter().map(|f| f.id).collect()
}

pub fn get<'a>(fs: &'a [Finding], id: &str) -> &'a Finding {
    fs.iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no {id} in {:#?}", ids(fs)))
}

pub fn has(fs: &[Finding], id: &str) -> bool {
    fs.iter().any(|f| f.id == id)
}
