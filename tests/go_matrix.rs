//! `goenv_hook::go::decide` judged by real go on a generated matrix.
//!
//! Every scenario is a directory with the files a user would have (go.mod,
//! go.work, a `go env -w` file), a PATH (holding `go1.X.Y` symlinks to
//! Debian toolchains, or not), the variables of the shell, a fresh module
//! cache (or one already holding downloaded toolchains) and one of the four
//! Debian toolchains as the local go, run with a cleared environment and a
//! temporary HOME. Two real commands are run: `go tool -n compile`
//! (which toolchain runs: every command switches the same way, and this
//! one names the Go root that ran without loading the module) and `go
//! list -m` (what a module-aware command then does). What go did is
//! classified (ran the local go, a PATH toolchain, one from the module
//! cache, downloaded one; or failed with message M) and compared with the
//! model's outcome for the same scenario. There is no network: proxies are
//! `off`, `file://` directories (one serving toolchain zips built from the
//! Debian toolchains, so downloads can succeed) or `http://127.0.0.1:1`
//! (refused), and the checksum database is unreachable or off, so every
//! download fails or succeeds deterministically.
//!
//! A second part runs go.mod/go.work files harvested at test time from the
//! installed Go sources' testdata (`cmd/go/testdata/script/*.txt`,
//! `cmd/go/testdata/mod/*.txt`) through each local go with
//! `GOTOOLCHAIN=local`, comparing go's verdict on the file with the model's.
//!
//! The test fails listing every disagreement: scenario, what go said, what
//! the model said. Set `GO_MATRIX_FILTER=<substring>` to run the scenarios
//! whose description contains it, `GO_MATRIX_VERBOSE=1` to print every
//! scenario.

mod common;

use goenv_hook::go::decide::{
    self, CacheState, Decision, Fate, GoEnv, Input, Module, PathHit, Run, World,
};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

const INSTALL_HINT: &str = "run scripts/install-test-deps.sh (it installs golang-1.19-go, golang-1.21-go, golang-1.22-go, golang-1.23-go)";
const MINORS: [u32; 4] = [19, 21, 22, 23];
const HOST: (&str, &str) = ("linux", "amd64");
/// A proxy (and checksum database) that refuses connections.
const REFUSED: &str = "http://127.0.0.1:1";

fn debian_root(minor: u32) -> PathBuf {
    let p = PathBuf::from(format!("/usr/lib/go-1.{minor}"));
    assert!(
        p.join("bin/go").is_file(),
        "golang-1.{minor}-go is not installed; {INSTALL_HINT}"
    );
    p
}

/// `go1.22.12`: the first line of a Go root's VERSION.
fn root_version(root: &Path) -> String {
    let v = std::fs::read_to_string(root.join("VERSION")).unwrap();
    v.lines().next().unwrap().trim().to_string()
}

fn write(p: &Path, data: impl AsRef<[u8]>) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, data).unwrap();
}

fn symlink(target: &Path, link: &Path) {
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// Go makes module cache directories read-only.
fn make_writable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            if let Ok(m) = e.path().symlink_metadata() {
                if m.is_dir() {
                    let _ =
                        std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(0o755));
                    make_writable(&e.path());
                }
            }
        }
    }
}

fn remove_tree(dir: &Path) {
    make_writable(dir);
    let _ = std::fs::remove_dir_all(dir);
}

// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// The fixture: local toolchain trees, PATH directories, a toolchain proxy,
// a module cache holding downloaded toolchains.

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Tree {
    /// The Debian tree itself (its go.env: GOTOOLCHAIN=auto).
    Std,
    /// A copy without go.env (as some distributions ship it).
    NoGoEnv,
    /// A copy whose go.env says GOTOOLCHAIN=local.
    EnvLocal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PathSet {
    None,
    /// go1.19.8, go1.21.13, go1.22.12, go1.23.5 → their Debian binaries.
    Exact,
    /// Exact plus names whose binary is another release.
    Mixed,
}

struct Fixture {
    dir: PathBuf,
    roots: BTreeMap<(u32, Tree), PathBuf>,
    path_dirs: BTreeMap<&'static str, PathBuf>,
    /// file:// proxy serving toolchain zips.
    proxy: PathBuf,
    /// A module cache holding go1.22.12 and go1.23.5.
    cached: PathBuf,
    gocache: PathBuf,
    scenarios: PathBuf,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(build_fixture)
}

fn build_fixture() -> Fixture {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("go_matrix");
    remove_tree(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut roots = BTreeMap::new();
    for m in MINORS {
        let deb = debian_root(m);
        roots.insert((m, Tree::Std), deb.clone());
        if m < 21 {
            continue;
        }
        for (tree, goenv) in [
            (Tree::NoGoEnv, None),
            (
                Tree::EnvLocal,
                Some("GOTOOLCHAIN=local\nGOPROXY=off\nGOSUMDB=off\n"),
            ),
        ] {
            let root = dir.join(format!("trees/go1.{m}-{tree:?}"));
            std::fs::create_dir_all(root.join("bin")).unwrap();
            // A copy of the binary, so that go finds this root.
            if std::fs::hard_link(deb.join("bin/go"), root.join("bin/go")).is_err() {
                std::fs::copy(deb.join("bin/go"), root.join("bin/go")).unwrap();
            }
            for e in std::fs::read_dir(&deb).unwrap() {
                let e = e.unwrap();
                if e.file_name() != "bin" && e.file_name() != "go.env" {
                    symlink(&e.path(), &root.join(e.file_name()));
                }
            }
            if let Some(g) = goenv {
                write(&root.join("go.env"), g);
            }
            roots.insert((m, tree), root);
        }
    }
    let mut path_dirs = BTreeMap::new();
    for (name, set) in [
        ("none", PathSet::None),
        ("exact", PathSet::Exact),
        ("mixed", PathSet::Mixed),
    ] {
        let d = dir.join(format!("path-{name}"));
        std::fs::create_dir_all(&d).unwrap();
        if set != PathSet::None {
            for m in MINORS {
                let r = debian_root(m);
                symlink(&r.join("bin/go"), &d.join(root_version(&r)));
            }
        }
        if set == PathSet::Mixed {
            for (n, m) in [
                ("go1.22.0", 22),
                ("go1.23.0", 23),
                ("go1.22.12-custom", 22),
                ("go1.24.0", 23),
            ] {
                symlink(&debian_root(m).join("bin/go"), &d.join(n));
            }
        }
        path_dirs.insert(name, d);
    }
    // The proxy: golang.org/toolchain zips of the Debian toolchains.
    let proxy = dir.join("proxy");
    for m in MINORS {
        let r = debian_root(m);
        let v = root_version(&r);
        let prefix = format!("golang.org/toolchain@v0.0.1-{v}.linux-amd64");
        let mut files = vec![
            (
                format!("{prefix}/bin/go"),
                std::fs::read(r.join("bin/go")).unwrap(),
            ),
            (
                format!("{prefix}/bin/gofmt"),
                std::fs::read(r.join("bin/gofmt")).unwrap(),
            ),
            (
                format!("{prefix}/VERSION"),
                std::fs::read(r.join("VERSION")).unwrap(),
            ),
            // `go tool -n compile` only names it.
            (
                format!("{prefix}/pkg/tool/linux_amd64/compile"),
                b"#!/bin/sh\nexit 1\n".to_vec(),
            ),
        ];
        if r.join("go.env").is_file() {
            files.push((
                format!("{prefix}/go.env"),
                std::fs::read(r.join("go.env")).unwrap(),
            ));
        }
        write(
            &proxy.join(format!(
                "golang.org/toolchain/@v/v0.0.1-{v}.linux-amd64.zip"
            )),
            common::zip::stored_zip(&files),
        );
    }
    let gocache = dir.join("gocache");
    std::fs::create_dir_all(&gocache).unwrap();
    // A module cache in which go itself downloaded two toolchains.
    let cached = dir.join("modcache-cached");
    for v in ["go1.22.12", "go1.23.5"] {
        let o = Command::new(debian_root(21).join("bin/go"))
            .args(["version"])
            .env_clear()
            .env("HOME", dir.join("fixture-home"))
            .env("PATH", "/usr/bin:/bin")
            .env("GOCACHE", &gocache)
            .env("GOMODCACHE", &cached)
            .env("GOPROXY", format!("file://{}", proxy.display()))
            .env("GOSUMDB", "off")
            .env("GOTOOLCHAIN", v)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(
            o.status.success() && String::from_utf8_lossy(&o.stdout).contains(&format!(" {v} ")),
            "fixture: downloading {v} from the file proxy failed: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let scenarios = dir.join("s");
    std::fs::create_dir_all(&scenarios).unwrap();
    Fixture {
        dir,
        roots,
        path_dirs,
        proxy,
        cached,
        gocache,
        scenarios,
    }
}

// ---------------------------------------------------------------------------
// Scenarios.

/// Where GOTOOLCHAIN is set.
#[derive(Clone, Debug)]
enum Gt {
    Unset,
    Env(String),
    /// In the `go env -w` file.
    File(String),
    /// In the file with a CRLF line end.
    FileCrlf(String),
    /// Empty in the environment (ignored), the value in the file.
    EmptyEnvFile(String),
    /// The environment, overriding a different value in the file.
    EnvOverFile(String, String),
}

/// The project files, relative to the scenario's home; the command runs in
/// `cwd`.
#[derive(Clone, Debug)]
struct Project {
    name: String,
    files: Vec<(String, Vec<u8>)>,
    cwd: String,
}

#[derive(Clone, Debug)]
struct Scenario {
    minor: u32,
    tree: Tree,
    gt: Gt,
    project: Project,
    path: &'static str,
    vars: Vec<(String, String)>,
    cached: bool,
}

impl Scenario {
    fn describe(&self) -> String {
        let gt = match &self.gt {
            Gt::Unset => "GOTOOLCHAIN unset".to_string(),
            Gt::Env(v) => format!("GOTOOLCHAIN={v:?}"),
            Gt::File(v) => format!("file GOTOOLCHAIN={v:?}"),
            Gt::FileCrlf(v) => format!("file(CRLF) GOTOOLCHAIN={v:?}"),
            Gt::EmptyEnvFile(v) => format!("env GOTOOLCHAIN= file {v:?}"),
            Gt::EnvOverFile(e, f) => format!("GOTOOLCHAIN={e:?} over file {f:?}"),
        };
        let vars: Vec<String> = self.vars.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!(
            "go1.{}{} {gt} [{}] PATH={}{}{}",
            self.minor,
            if self.tree == Tree::Std {
                String::new()
            } else {
                format!("({:?})", self.tree)
            },
            self.project.name,
            self.path,
            if vars.is_empty() {
                String::new()
            } else {
                format!(" {}", vars.join(" "))
            },
            if self.cached { " modcache=cached" } else { "" }
        )
    }
}

fn gomod(body: &str) -> Vec<u8> {
    format!("module example.com/m\n\n{body}").into_bytes()
}

fn projects() -> Vec<Project> {
    let mut out = Vec::new();
    let mut m = |name: &str, body: &[u8]| {
        out.push(Project {
            name: name.to_string(),
            files: vec![("proj/go.mod".to_string(), body.to_vec())],
            cwd: "proj".into(),
        })
    };
    for g in [
        "1.19",
        "1.21",
        "1.21.0",
        "1.21.13",
        "1.22",
        "1.22.0",
        "1.22.12",
        "1.23.0",
        "1.23.5",
        "1.24.0",
        "1.21rc1",
        "1.21rc",
        "1.22rc1",
        "banana",
        "1.22.3.4",
        "1.22 1.23",
        "1.21.0rc1",
    ] {
        m(&format!("go {g}"), &gomod(&format!("go {g}\n")));
    }
    m("no go line", &gomod(""));
    m("go 1.21\\ngo 1.22", &gomod("go 1.21\ngo 1.22\n"));
    m("go (...)", &gomod("go (\n\t1.22\n)\n"));
    m("go 1.22 // comment", &gomod("go 1.22.0 // comment\n"));
    m("junk", b"module example.com/m\n\ngo 1.22\n\x00\x01\xff\n");
    m("\\xff junk", b"\xff\xfe\x01 1.22\n");
    m("no module", b"go 1.22.0\n");
    m("  go indented", &gomod("   go 1.23.0\n"));
    for (g, t) in [
        ("1.21.0", "go1.21.13"),
        ("1.21.0", "go1.22.12"),
        ("1.21.0", "go1.23.5"),
        ("1.22.0", "go1.22.0"),
        ("1.21.0", "default"),
        ("1.22.0", "default"),
        ("1.24.0", "default"),
        ("1.21.0", "go1.21.0+auto"),
        ("1.21.0", "go1.22.12-custom"),
        ("1.21.0", "go1.20"),
        ("1.21.0", "go1.x"),
        ("1.21.0", "gox"),
        ("1.21.0", "local"),
        ("1.22.0", "go1.21.13"),
        ("1.21", "go1.21"),
        ("1.23.0", "go1.22.12"),
    ] {
        m(
            &format!("go {g} toolchain {t}"),
            &gomod(&format!("go {g}\n\ntoolchain {t}\n")),
        );
    }
    let mut w = |name: &str, work: &str, mods: &[(&str, &str)], cwd: &str| {
        let mut files = vec![("ws/go.work".to_string(), work.as_bytes().to_vec())];
        for (dir, body) in mods {
            files.push((
                format!("ws/{dir}/go.mod"),
                format!("module example.com/{dir}\n\n{body}").into_bytes(),
            ));
        }
        out.push(Project {
            name: name.to_string(),
            files,
            cwd: cwd.into(),
        });
    };
    w(
        "work go 1.21.0, mod go 1.22.0",
        "go 1.21.0\n\nuse ./a\n",
        &[("a", "go 1.22.0\n")],
        "ws/a",
    );
    w(
        "work go 1.22.0, mod go 1.21.0",
        "go 1.22.0\n\nuse ./a\n",
        &[("a", "go 1.21.0\n")],
        "ws/a",
    );
    w(
        "work go 1.23.0, mod go 1.22.0",
        "go 1.23.0\n\nuse ./a\n",
        &[("a", "go 1.22.0\n")],
        "ws/a",
    );
    w(
        "work no go, mod go 1.22.0",
        "use ./a\n",
        &[("a", "go 1.22.0\n")],
        "ws/a",
    );
    w(
        "work no go, mod go 1.20",
        "use ./a\n",
        &[("a", "go 1.20\n")],
        "ws",
    );
    w(
        "work toolchain go1.23.5",
        "go 1.22.0\n\ntoolchain go1.23.5\n\nuse ./a\n",
        &[("a", "go 1.22.0\n")],
        "ws/a",
    );
    w(
        "work go banana",
        "go banana\n\nuse ./a\n",
        &[("a", "go 1.21.0\n")],
        "ws/a",
    );
    w(
        "work use missing",
        "go 1.22.0\n\nuse ./a\nuse ./b\n",
        &[("a", "go 1.21.0\n")],
        "ws/a",
    );
    w(
        "work use twice",
        "go 1.22.0\n\nuse ./a\nuse ./a/\n",
        &[("a", "go 1.21.0\n")],
        "ws/a",
    );
    w(
        "work mod bad go",
        "go 1.22.0\n\nuse ./a\n",
        &[("a", "go banana\n")],
        "ws/a",
    );
    w("work no modules", "go 1.22.0\n", &[], "ws");
    out.push(Project {
        name: "no go.mod".into(),
        files: vec![("empty/README".into(), b"x\n".to_vec())],
        cwd: "empty".into(),
    });
    out.push(Project {
        name: "subdir of go 1.23.0".into(),
        files: vec![
            ("proj/go.mod".into(), gomod("go 1.23.0\n")),
            ("proj/sub/x.txt".into(), b"x".to_vec()),
        ],
        cwd: "proj/sub".into(),
    });
    out.push(Project {
        name: "go.mod in GOPATH".into(),
        files: vec![
            ("go/go.mod".into(), b"module gopath\n".to_vec()),
            ("proj/go.mod".into(), gomod("go 1.21\n")),
        ],
        cwd: "proj".into(),
    });
    out.push(Project {
        name: "go.mod in TMPDIR root".into(),
        files: vec![
            ("tmp/go.mod".into(), gomod("go 1.23.0\n")),
            ("tmp/sub/x.txt".into(), b"x".to_vec()),
        ],
        cwd: "tmp/sub".into(),
    });
    out
}

const GOTOOLCHAINS: &[&str] = &[
    "auto",
    "local",
    "path",
    "local+auto",
    "local+path",
    "go1.21.13",
    "go1.22.12",
    "go1.23.5",
    "go1.19.8",
    "go1.22.0",
    "go1.21.0+auto",
    "go1.22.12+auto",
    "go1.23.5+auto",
    "go1.22.0+auto",
    "go1.22+auto",
    "go1.22.12+path",
    "go1.23.5+path",
    "go1.21.13+path",
    "go1.22.12-custom",
    "go1.22.12-custom+auto",
    "bogus",
    "1.22",
    "go1.30",
    "go1.22.0+foo",
    "bogus+auto",
    "+auto",
];

/// A deterministic generator (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
}

fn scenarios() -> Vec<Scenario> {
    let projects = projects();
    let mut out = Vec::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let paths: [&'static str; 3] = ["none", "exact", "mixed"];
    // Part 1: every local go × every GOTOOLCHAIN (environment and unset) ×
    // every project, offline (GOPROXY=off), PATH varying.
    for minor in MINORS {
        let mut gts: Vec<Gt> = vec![Gt::Unset];
        gts.extend(GOTOOLCHAINS.iter().map(|g| Gt::Env(g.to_string())));
        for gt in &gts {
            for p in &projects {
                out.push(Scenario {
                    minor,
                    tree: Tree::Std,
                    gt: gt.clone(),
                    project: p.clone(),
                    path: paths[(rng.next() % 3) as usize],
                    vars: vec![("GOPROXY".into(), "off".into())],
                    cached: false,
                });
            }
        }
    }
    // Part 2: a random sample over every dimension.
    let proxy = |s: &str| s.replace("PROXY", &format!("file://{}", fixture().proxy.display()));
    let goproxies = [
        "off",
        "file:///nowhere",
        "PROXY",
        "PROXY,off",
        "file:///nowhere,PROXY",
        "file:///nowhere|PROXY",
        REFUSED,
        "http://127.0.0.1:1,PROXY",
        "http://127.0.0.1:1|PROXY",
        ",",
        "bogus",
        "ftp://x",
        "UNSET",
    ];
    let gosumdbs = [
        "sum.golang.org http://127.0.0.1:1",
        "off",
        "bogus",
        "UNSET",
        "sum.golang.org http://127.0.0.1:1",
    ];
    for _ in 0..2200 {
        let minor = *rng.pick(&MINORS);
        let tree = if minor >= 21 {
            *rng.pick(&[
                Tree::Std,
                Tree::Std,
                Tree::Std,
                Tree::NoGoEnv,
                Tree::EnvLocal,
            ])
        } else {
            Tree::Std
        };
        let g = rng.pick(GOTOOLCHAINS).to_string();
        let gt = match rng.next() % 10 {
            0 => Gt::Unset,
            1 | 2 => Gt::File(g),
            3 => Gt::FileCrlf(g),
            4 => Gt::EmptyEnvFile(g),
            5 => Gt::EnvOverFile(g, rng.pick(GOTOOLCHAINS).to_string()),
            6 => Gt::File(String::new()),
            _ => Gt::Env(g),
        };
        let mut vars: Vec<(String, String)> = Vec::new();
        let gp = *rng.pick(&goproxies);
        // An unset GOPROXY falls back to go.env's proxy.golang.org: only
        // without go.env (no network in the matrix).
        let gp = if gp == "UNSET" && tree != Tree::NoGoEnv {
            "off"
        } else {
            gp
        };
        if gp != "UNSET" {
            vars.push(("GOPROXY".into(), proxy(gp)));
        }
        let sdb = *rng.pick(&gosumdbs);
        let sdb = if sdb == "UNSET" && tree == Tree::Std {
            "sum.golang.org http://127.0.0.1:1"
        } else {
            sdb
        };
        if sdb != "UNSET" {
            vars.push(("GOSUMDB".into(), sdb.into()));
        }
        match rng.next() % 8 {
            0 => vars.push(("GONOSUMDB".into(), "golang.org/toolchain".into())),
            1 => vars.push(("GONOSUMDB".into(), "golang.org/*".into())),
            2 => vars.push(("GOPRIVATE".into(), "example.com".into())),
            _ => {}
        }
        match rng.next() % 12 {
            0 => vars.push(("GO111MODULE".into(), "off".into())),
            1 => vars.push(("GO111MODULE".into(), "auto".into())),
            2 => vars.push(("GO111MODULE".into(), "on".into())),
            3 => vars.push(("GO111MODULE".into(), "bogus".into())),
            _ => {}
        }
        match rng.next() % 10 {
            0 => vars.push(("GOFLAGS".into(), "-mod=mod".into())),
            1 => vars.push(("GOFLAGS".into(), "-mod=readonly".into())),
            _ => {}
        }
        match rng.next() % 14 {
            0 => vars.push(("GOWORK".into(), "off".into())),
            1 => vars.push(("GOWORK".into(), "relative/go.work".into())),
            2 => vars.push(("GOWORK".into(), "/nonexistent/go.work".into())),
            _ => {}
        }
        let cached = rng.chance(20);
        out.push(Scenario {
            minor,
            tree,
            gt,
            project: rng.pick(&projects).clone(),
            path: paths[(rng.next() % 3) as usize],
            vars,
            cached,
        });
    }
    // Part 3: downloads and the module cache, where they can succeed: the
    // file proxy serving the zips, alone or in lists, with and without the
    // checksum database, into a fresh or an already populated cache.
    let by_name = |n: &str| projects.iter().find(|p| p.name == n).unwrap().clone();
    for (minor, gt) in [
        (21, Gt::Unset),
        (23, Gt::Env("go1.22.12+auto".into())),
        (22, Gt::Env("go1.23.5".into())),
    ] {
        for pname in [
            "go 1.22.12",
            "go 1.23.5",
            "go 1.24.0",
            "go 1.21.0 toolchain go1.23.5",
        ] {
            for gp in [
                "PROXY",
                "PROXY,off",
                "file:///nowhere|PROXY",
                "http://127.0.0.1:1|PROXY",
            ] {
                for (sdb, nosum) in [
                    ("off", None),
                    (
                        "sum.golang.org http://127.0.0.1:1",
                        Some("golang.org/toolchain"),
                    ),
                    ("sum.golang.org http://127.0.0.1:1", None),
                ] {
                    for cached in [false, true] {
                        let mut vars = vec![
                            ("GOPROXY".to_string(), proxy(gp)),
                            ("GOSUMDB".to_string(), sdb.to_string()),
                        ];
                        if let Some(n) = nosum {
                            vars.push(("GONOSUMDB".into(), n.into()));
                        }
                        out.push(Scenario {
                            minor,
                            tree: Tree::Std,
                            gt: gt.clone(),
                            project: by_name(pname),
                            path: "none",
                            vars,
                            cached,
                        });
                    }
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Running go.

#[derive(Clone, Debug, PartialEq)]
enum Observed {
    /// Ran (code 0): how and which version.
    Ran {
        how: &'static str,
        version: String,
    },
    Failed(String),
}

struct Prepared {
    dir: PathBuf,
    home: PathBuf,
    cwd: PathBuf,
    tmp: PathBuf,
    root: PathBuf,
    env: Vec<(String, Vec<u8>)>,
    path: String,
    modcache: PathBuf,
}

fn prepare(id: usize, s: &Scenario) -> Prepared {
    // The tests of this file run side by side over the same fixture: each
    // scenario gets a directory no other test uses (ids restart per test).
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let f = fixture();
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = f.scenarios.join(format!("{n}-{id}"));
    remove_tree(&dir);
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    for (rel, data) in &s.project.files {
        write(&home.join(rel), data);
    }
    let cwd = home.join(&s.project.cwd);
    std::fs::create_dir_all(&cwd).unwrap();
    let tmp = home.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let envfile = home.join(".config/go/env");
    let mut env: Vec<(String, Vec<u8>)> = Vec::new();
    match &s.gt {
        Gt::Unset => {}
        Gt::Env(v) => env.push(("GOTOOLCHAIN".into(), v.clone().into_bytes())),
        Gt::File(v) => write(&envfile, format!("GOTOOLCHAIN={v}\n")),
        Gt::FileCrlf(v) => write(&envfile, format!("GOTOOLCHAIN={v}\r\n")),
        Gt::EmptyEnvFile(v) => {
            env.push(("GOTOOLCHAIN".into(), Vec::new()));
            write(&envfile, format!("GOTOOLCHAIN={v}\n"));
        }
        Gt::EnvOverFile(e, v) => {
            env.push(("GOTOOLCHAIN".into(), e.clone().into_bytes()));
            write(&envfile, format!("GOTOOLCHAIN={v}\n"));
        }
    }
    for (k, v) in &s.vars {
        env.push((k.clone(), v.clone().into_bytes()));
    }
    let modcache = if s.cached {
        f.cached.clone()
    } else {
        dir.join("modcache")
    };
    let path = format!("{}:/usr/bin:/bin", f.path_dirs[s.path].display());
    Prepared {
        root: f.roots[&(s.minor, s.tree)].clone(),
        dir,
        home,
        cwd,
        tmp,
        env,
        path,
        modcache,
    }
}

/// Runs `go args` in the scenario; a fresh module cache per command
/// unless the scenario uses the shared one.
fn run_go(p: &Prepared, args: &[&str], mc: &Path) -> (i32, String, String) {
    let f = fixture();
    let mut c = Command::new(p.root.join("bin/go"));
    c.args(args)
        .env_clear()
        .env("HOME", &p.home)
        .env("PATH", &p.path)
        .env("TMPDIR", &p.tmp)
        .env("LANG", "C.UTF-8")
        .env("GOCACHE", &f.gocache)
        .env("GOMODCACHE", mc)
        .current_dir(&p.cwd);
    for (k, v) in &p.env {
        use std::os::unix::ffi::OsStrExt;
        c.env(k, std::ffi::OsStr::from_bytes(v));
    }
    let o = c.output().expect("run go");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The caller's side of the model: the real filesystem and PATH.
struct RealWorld<'a> {
    path: &'a str,
}

impl World for RealWorld<'_> {
    fn is_file(&self, path: &Path) -> bool {
        std::fs::metadata(path).is_ok_and(|m| !m.is_dir())
    }
    fn read(&self, path: &Path) -> Option<Cow<'_, [u8]>> {
        std::fs::read(path).ok().map(Cow::Owned)
    }
    fn look_path(&self, name: &str) -> PathHit {
        use std::os::unix::fs::PermissionsExt;
        for dir in self.path.split(':') {
            let d = if dir.is_empty() { "." } else { dir };
            let p = Path::new(d).join(name);
            let Ok(m) = std::fs::metadata(&p) else {
                continue;
            };
            if m.is_dir() || m.permissions().mode() & 0o111 == 0 {
                continue;
            }
            if !p.is_absolute() {
                return PathHit::NotFound;
            }
            // The binary's version: from its Go root (the probe reads the
            // build info instead).
            let version = std::fs::canonicalize(&p)
                .ok()
                .and_then(|c| c.parent()?.parent().map(Path::to_path_buf))
                .filter(|r| r.join("VERSION").is_file())
                .map(|r| root_version(&r));
            return PathHit::Found { exe: p, version };
        }
        PathHit::NotFound
    }
    fn toolchain_cache(&self, modcache: &Path, version: &str) -> CacheState {
        let dir = modcache.join(format!("golang.org/toolchain@{version}"));
        let dl = modcache.join("cache/download/golang.org/toolchain/@v");
        if !dir.is_dir()
            || dl.join(format!("{version}.partial")).exists()
            || !dl.join(format!("{version}.ziphash")).is_file()
        {
            return CacheState::Absent;
        }
        let lookup = modcache.join(format!(
            "cache/download/sumdb/sum.golang.org/lookup/golang.org/toolchain@{version}"
        ));
        CacheState::Extracted {
            sumdb_lookup_cached: lookup.is_file(),
        }
    }
}

fn model(p: &Prepared) -> Decision {
    let mut env = GoEnv::default();
    for (k, v) in &p.env {
        env.process.insert(k.clone(), v.clone());
    }
    env.process
        .insert("HOME".into(), p.home.to_string_lossy().as_bytes().to_vec());
    env.process.insert(
        "GOMODCACHE".into(),
        p.modcache.to_string_lossy().as_bytes().to_vec(),
    );
    env.user_file = std::fs::read(p.home.join(".config/go/env")).ok();
    env.goroot_file = std::fs::read(p.root.join("go.env")).ok();
    let local = root_version(&p.root);
    let input = Input {
        local: &local,
        env: &env,
        cwd: &p.cwd,
        tmpdir: &p.tmp,
        goroot: Some(&p.root),
        host: HOST,
    };
    decide::decide(&input, &RealWorld { path: &p.path })
}

/// What go printed, as one string of stderr lines (trailing space trimmed).
fn stderr_text(s: &str) -> String {
    s.trim_end().to_string()
}

/// The model's prediction for `go env GOROOT GOVERSION`, and a check.
fn check_run(d: &Decision, obs: &Observed) -> Result<(), String> {
    let notes = d.notes.join("\n");
    let with_notes = |m: &str| {
        if notes.is_empty() {
            m.to_string()
        } else {
            format!("{notes}\n{m}")
        }
    };
    let ran = |how: &'static str| Observed::Ran {
        how,
        version: format!("go{}", d.runs_version.clone().unwrap_or_default()),
    };
    let want = match &d.run {
        Run::Local => ran("local"),
        Run::Path { .. } => ran("path"),
        Run::ModCache {
            fate: Fate::Succeeds,
            ..
        } => ran("modcache"),
        Run::Download {
            fate: Fate::Succeeds,
            ..
        } => ran("download"),
        Run::Download {
            fate: Fate::Fails { error },
            ..
        }
        | Run::ModCache {
            fate: Fate::Fails { error },
            ..
        } => Observed::Failed(with_notes(&error.message)),
        Run::Fail { error } => Observed::Failed(with_notes(&error.message)),
        Run::Download {
            name,
            fate: Fate::NeedsNetwork { url },
        }
        | Run::ModCache {
            name,
            fate: Fate::NeedsNetwork { url },
            ..
        } => {
            // Offline: go fails fetching `url`.
            return match obs {
                Observed::Failed(m)
                    if m.starts_with(&notes)
                        && m.contains(url.as_str())
                        && m.contains(name.as_str()) =>
                {
                    Ok(())
                }
                _ => Err(format!(
                    "network failure fetching {url} for {name}{}",
                    if notes.is_empty() {
                        String::new()
                    } else {
                        format!(" after {notes:?}")
                    }
                )),
            };
        }
        Run::Unknown { why, .. } => return Err(format!("unknown: {why}")),
    };
    if &want == obs {
        Ok(())
    } else {
        Err(format!("{want:?}"))
    }
}

/// The model's prediction for `go list -m`, and a check.
fn check_module(d: &Decision, code: i32, stderr: &str) -> Result<(), String> {
    let notes: Vec<String> = d
        .notes
        .iter()
        .chain(d.module_notes.iter())
        .cloned()
        .collect();
    let with = |m: &str| {
        let mut l = notes.clone();
        l.push(m.to_string());
        l.join("\n")
    };
    let want_fail = |m: String| -> Result<(), String> {
        if code != 0 && stderr == m {
            Ok(())
        } else {
            Err(format!("fails: {m:?}"))
        }
    };
    match &d.module {
        Module::NotReached => match &d.run {
            Run::Fail { error }
            | Run::Download {
                fate: Fate::Fails { error },
                ..
            }
            | Run::ModCache {
                fate: Fate::Fails { error },
                ..
            } => want_fail(with(&error.message)),
            _ => {
                if code != 0 {
                    Ok(())
                } else {
                    Err("fails (network)".into())
                }
            }
        },
        Module::Ok => {
            if code == 0 && stderr == notes.join("\n") {
                Ok(())
            } else {
                Err(format!("loads the module (notes {notes:?})"))
            }
        }
        // `go list -m` outside a module lists command-line-arguments.
        Module::NoModule => {
            if code == 0 && stderr == notes.join("\n") {
                Ok(())
            } else {
                Err(format!("no module (notes {notes:?})"))
            }
        }
        Module::ModulesOff => want_fail(with("go: list -m cannot be used with GO111MODULE=off")),
        Module::Fail { error } => want_fail(with(&error.message)),
        Module::Unknown { why } => Err(format!("unknown: {why}")),
    }
}

/// Classifies `go tool -n compile`: the tool's path names the Go root that
/// ran.
fn classify_tool(p: &Prepared, mc: &Path, code: i32, out: &str, err: &str) -> Observed {
    if code != 0 {
        return Observed::Failed(stderr_text(err));
    }
    let tool = Path::new(out.trim());
    let goroot = tool
        .ancestors()
        .nth(4)
        .unwrap_or(Path::new("/"))
        .to_path_buf();
    if goroot.starts_with(mc) {
        let n = goroot.file_name().unwrap().to_string_lossy().into_owned();
        let version = n
            .trim_start_matches("toolchain@v0.0.1-")
            .trim_end_matches(".linux-amd64")
            .to_string();
        let how = if err.contains("go: downloading") {
            "download"
        } else {
            "modcache"
        };
        return Observed::Ran { how, version };
    }
    let how = if goroot == p.root { "local" } else { "path" };
    Observed::Ran {
        how,
        version: root_version(&goroot),
    }
}

struct Outcome {
    desc: String,
    problems: Vec<String>,
    /// The model's outcome, in short (for the summary).
    kind: String,
}

/// The model's outcome in a few words.
fn kind(d: &Decision) -> String {
    let run = match &d.run {
        Run::Local => "local".to_string(),
        Run::Path { .. } => "path".to_string(),
        Run::ModCache { fate, .. } => format!("modcache-{}", fate_kind(fate)),
        Run::Download { fate, .. } => format!("download-{}", fate_kind(fate)),
        Run::Fail { .. } => "fail".to_string(),
        Run::Unknown { .. } => "unknown".to_string(),
    };
    let module = match &d.module {
        Module::Ok => "ok",
        Module::NoModule => "no-module",
        Module::ModulesOff => "modules-off",
        Module::Fail { .. } => "fail",
        Module::Unknown { .. } => "unknown",
        Module::NotReached => "-",
    };
    format!("{run}/{module}")
}

fn fate_kind(f: &Fate) -> &'static str {
    match f {
        Fate::Succeeds => "ok",
        Fate::NeedsNetwork { .. } => "network",
        Fate::Fails { .. } => "fails",
    }
}

fn run_scenario(id: usize, s: &Scenario) -> Outcome {
    let p = prepare(id, s);
    let d = model(&p);
    let mut problems = Vec::new();
    let mc_a = if s.cached {
        p.modcache.clone()
    } else {
        p.dir.join("mc-a")
    };
    let mc_b = if s.cached {
        p.modcache.clone()
    } else {
        p.dir.join("mc-b")
    };
    // The model was asked with the scenario's module cache; both fresh ones
    // are equally empty.
    let (code, out, err) = run_go(&p, &["tool", "-n", "compile"], &mc_a);
    let obs = classify_tool(&p, &mc_a, code, &out, &err);
    if let Err(want) = check_run(&d, &obs) {
        problems.push(format!("go tool -n compile: go {obs:?} | model {want}"));
    }
    let (code, _out, err) = run_go(&p, &["list", "-m"], &mc_b);
    let err = stderr_text(&err);
    if let Err(want) = check_module(&d, code, &err) {
        problems.push(format!("go list -m: go exit {code} {err:?} | model {want}"));
    }
    if std::env::var_os("GO_MATRIX_KEEP").is_none() {
        remove_tree(&p.dir);
    }
    Outcome {
        desc: s.describe(),
        problems,
        kind: kind(&d),
    }
}

fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    let n = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 8);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::new());
    std::thread::scope(|sc| {
        for _ in 0..n {
            sc.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= items.len() {
                    break;
                }
                let r = f(i, &items[i]);
                results.lock().unwrap().push((i, r));
            });
        }
    });
    let mut r = results.into_inner().unwrap();
    r.sort_by_key(|(i, _)| *i);
    r.into_iter().map(|(_, r)| r).collect()
}

fn report(name: &str, outcomes: &[Outcome], started: Instant) {
    let bad: Vec<&Outcome> = outcomes.iter().filter(|o| !o.problems.is_empty()).collect();
    let mut text = String::new();
    for o in &bad {
        text.push_str(&format!("- {}\n", o.desc));
        for p in &o.problems {
            text.push_str(&format!("    {p}\n"));
        }
    }
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for o in outcomes {
        *kinds.entry(&o.kind).or_default() += 1;
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let summary = format!(
        "{name}: {} scenarios, {} disagree, {:.1} s (model outcomes, run/module: {})",
        outcomes.len(),
        bad.len(),
        started.elapsed().as_secs_f64(),
        kinds.join(", ")
    );
    eprintln!("{summary}");
    if std::env::var_os("GO_MATRIX_VERBOSE").is_some() {
        for o in outcomes {
            eprintln!("  {}", o.desc);
        }
    }
    let file = fixture().dir.join(format!("{name}-disagreements.txt"));
    std::fs::write(&file, &text).unwrap();
    if !bad.is_empty() {
        let shown: String = text.lines().take(400).collect::<Vec<_>>().join("\n");
        panic!("{summary} (all in {}):\n{shown}", file.display());
    }
}

#[test]
fn model_agrees_with_real_go() {
    let started = Instant::now();
    let _ = fixture();
    let mut all = scenarios();
    if let Ok(f) = std::env::var("GO_MATRIX_FILTER") {
        all.retain(|s| s.describe().contains(&f));
    }
    let outcomes = parallel(&all, run_scenario);
    report("matrix", &outcomes, started);
}

// ---------------------------------------------------------------------------
// Harvested go.mod / go.work files.

/// The go.mod and go.work sections of the txtar archives in Go's testdata.
fn harvest() -> Vec<(String, &'static str, Vec<u8>)> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for m in [21, 22, 23] {
        let td = debian_root(m).join("src/cmd/go/testdata");
        assert!(
            td.join("script").is_dir(),
            "Go 1.{m}'s sources (cmd/go/testdata) are missing; {INSTALL_HINT}"
        );
        for sub in ["script", "mod"] {
            let mut files: Vec<PathBuf> = std::fs::read_dir(td.join(sub))
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .collect();
            files.sort();
            for f in files {
                let Ok(data) = std::fs::read(&f) else {
                    continue;
                };
                let mut cur: Option<(String, Vec<u8>)> = None;
                let mut flush = |cur: &mut Option<(String, Vec<u8>)>| {
                    if let Some((name, body)) = cur.take() {
                        let kind = if name.ends_with("go.work") {
                            "go.work"
                        } else {
                            "go.mod"
                        };
                        if seen.insert((kind, body.clone())) {
                            out.push((
                                format!("{}:{name}", f.file_name().unwrap().to_string_lossy()),
                                kind,
                                body,
                            ));
                        }
                    }
                };
                for line in data.split_inclusive(|&b| b == b'\n') {
                    let l = String::from_utf8_lossy(line);
                    let t = l.trim_end();
                    if t.starts_with("-- ") && t.ends_with(" --") && t.len() > 6 {
                        flush(&mut cur);
                        let name = t[3..t.len() - 3].to_string();
                        if name == "go.mod"
                            || name.ends_with("/go.mod")
                            || name == "go.work"
                            || name.ends_with("/go.work")
                        {
                            cur = Some((name, Vec::new()));
                        }
                    } else if let Some((_, body)) = &mut cur {
                        body.extend_from_slice(line);
                    }
                }
                flush(&mut cur);
            }
        }
    }
    out
}

/// Broken variants of some harvested files (deterministic): a byte or
/// word inserted, the file cut short, a line doubled, a block opened.
fn mutants(files: &[(String, &'static str, Vec<u8>)]) -> Vec<(String, &'static str, Vec<u8>)> {
    let inserts: &[&[u8]] = &[
        b"\0",
        b"\x01",
        b"\"",
        b"`",
        b"(",
        b")",
        b"/*",
        b"\x0b",
        "\u{a0}".as_bytes(),
        "\u{feff}".as_bytes(),
        b"'",
        b"\xff",
        b" x",
        b"\n)\n",
        b"\ngo 1.21\n",
        b"\ntoolchain go1.21.0+auto\n",
        b"\ngo (\n",
        b"\\",
        b"=>",
        b"[",
    ];
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut out = Vec::new();
    for (name, kind, body) in files.iter().step_by(2) {
        if body.is_empty() {
            continue;
        }
        let at = (rng.next() % body.len() as u64) as usize;
        let (what, m) = match rng.next() % 4 {
            0 | 1 => {
                let ins = *rng.pick(inserts);
                let mut m = body[..at].to_vec();
                m.extend_from_slice(ins);
                m.extend_from_slice(&body[at..]);
                (
                    format!("insert {:?} at {at}", String::from_utf8_lossy(ins)),
                    m,
                )
            }
            2 => (format!("cut at {at}"), body[..at].to_vec()),
            _ => {
                let lines: Vec<&[u8]> = body.split_inclusive(|&b| b == b'\n').collect();
                let k = (rng.next() % lines.len() as u64) as usize;
                let mut m = Vec::new();
                for (i, l) in lines.iter().enumerate() {
                    m.extend_from_slice(l);
                    if i == k {
                        m.extend_from_slice(l);
                    }
                }
                (format!("line {} doubled", k + 1), m)
            }
        };
        out.push((format!("{name} ({what})"), *kind, m));
    }
    out
}

#[test]
fn harvested_files_agree_with_real_go() {
    let started = Instant::now();
    let files = harvest();
    assert!(
        files.len() > 500,
        "only {} go.mod/go.work files harvested",
        files.len()
    );
    let mut files = files;
    files.extend(mutants(&files));
    let mut cases = Vec::new();
    for (i, (name, kind, body)) in files.iter().enumerate() {
        // Each file under two locals (alternating), GOTOOLCHAIN=local.
        let minors: [u32; 2] = if i % 2 == 0 { [19, 22] } else { [21, 23] };
        for m in minors {
            let project = if *kind == "go.work" {
                Project {
                    name: name.clone(),
                    files: vec![("ws/go.work".into(), body.clone())],
                    cwd: "ws".into(),
                }
            } else {
                Project {
                    name: name.clone(),
                    files: vec![("proj/go.mod".into(), body.clone())],
                    cwd: "proj".into(),
                }
            };
            cases.push(Scenario {
                minor: m,
                tree: Tree::Std,
                gt: Gt::Env("local".into()),
                project,
                path: "none",
                vars: vec![
                    ("GOPROXY".into(), "off".into()),
                    ("GOFLAGS".into(), "-mod=mod".into()),
                ],
                cached: false,
            });
        }
    }
    if let Ok(f) = std::env::var("GO_MATRIX_FILTER") {
        cases.retain(|s| s.describe().contains(&f));
    }
    let outcomes = parallel(&cases, |i, s| {
        let p = prepare(100_000 + i, s);
        let d = model(&p);
        let mut problems = Vec::new();
        let (code, _out, err) = run_go(&p, &["list", "-m"], &p.dir.join("mc"));
        let err = stderr_text(&err);
        // Only the file's own verdict counts: a file go refuses (parse
        // errors, too new, no module line) must be refused with the same
        // message; a file the model accepts must not be refused so.
        let refused = |e: &str| {
            e.contains("errors parsing")
                || e.contains("requires go >=")
                || e.contains("module declaration")
                || e.contains("malformed module path")
                || e.contains("error loading go.")
        };
        match &d.module {
            Module::Fail { error } if refused(&error.message) => {
                if code == 0 || err != error.message {
                    problems.push(format!(
                        "go exit {code} {err:?} | model fails {:?}",
                        error.message
                    ));
                }
            }
            _ => {
                if code != 0 && refused(&err) && !err.contains("cannot load module") {
                    problems.push(format!("go exit {code} {err:?} | model {:?}", d.module));
                }
            }
        }
        remove_tree(&p.dir);
        Outcome {
            desc: format!(
                "go1.{} {} ({} bytes)",
                s.minor,
                s.project.name,
                s.project.files[0].1.len()
            ),
            problems,
            kind: kind(&d),
        }
    });
    report("harvested", &outcomes, started);
}

// ---------------------------------------------------------------------------
// doctor, prompt and which (the real binary) against real go.

/// The family of what the model predicts: its outcome, and go's message
/// with paths, versions and quoted values blanked.
fn family(d: &Decision) -> String {
    let msg = match (&d.run, &d.module) {
        (Run::Fail { error }, _)
        | (
            Run::Download {
                fate: Fate::Fails { error },
                ..
            },
            _,
        )
        | (
            Run::ModCache {
                fate: Fate::Fails { error },
                ..
            },
            _,
        )
        | (_, Module::Fail { error }) => error.message.clone(),
        _ => String::new(),
    };
    let mut out = String::new();
    let mut quoted = false;
    for c in msg.lines().next().unwrap_or("").chars() {
        match c {
            '"' | '\'' => quoted = !quoted,
            _ if quoted => {}
            '0'..='9' | '.' | '/' => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            c => out.push(c),
        }
    }
    format!("{} {}", kind(d), out.chars().take(40).collect::<String>())
}

/// Runs the goenv-hook binary with the scenario's environment and `go`
/// first on PATH; its JSON.
fn goenv_hook(p: &Prepared, mc: &Path, args: &[&str]) -> serde_json::Value {
    let f = fixture();
    let mut c = Command::new(env!("CARGO_BIN_EXE_goenv-hook"));
    c.args(args)
        .env_clear()
        .env("HOME", &p.home)
        .env("PATH", format!("{}/bin:{}", p.root.display(), p.path))
        .env("TMPDIR", &p.tmp)
        .env("LANG", "C.UTF-8")
        .env("GOCACHE", &f.gocache)
        .env("GOMODCACHE", mc)
        .current_dir(&p.cwd);
    for (k, v) in &p.env {
        use std::os::unix::ffi::OsStrExt;
        c.env(k, std::ffi::OsStr::from_bytes(v));
    }
    let o = c.output().expect("run goenv-hook");
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "goenv-hook {args:?}: {e}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

/// One scenario: go's two commands against doctor, prompt and which.
fn agree(id: usize, s: &Scenario) -> Outcome {
    let mut p = prepare(id, s);
    // goenv-hook judges the go first on PATH: go runs with that PATH too.
    p.path = format!("{}/bin:{}", p.root.display(), p.path);
    let d = model(&p);
    let mc = if s.cached {
        p.modcache.clone()
    } else {
        p.dir.join("mc")
    };
    let mut problems = Vec::new();
    // goenv-hook first: go's commands fill the module cache.
    let which = goenv_hook(&p, &mc, &["which", "--json"]);
    let doctor = goenv_hook(&p, &mc, &["doctor", "--json"]);
    let prompt = goenv_hook(&p, &mc, &["prompt", "--json"]);
    let (code, out, err) = run_go(&p, &["tool", "-n", "compile"], &mc);
    let obs = classify_tool(&p, &mc, code, &out, &err);
    let mc2 = if s.cached {
        mc.clone()
    } else {
        p.dir.join("mc2")
    };
    let (lcode, _out, lerr) = run_go(&p, &["list", "-m"], &mc2);
    let lerr = stderr_text(&lerr);

    // which: what runs, or go's message.
    let g = &which["go"];
    let runs = g["runs"].as_str().unwrap_or("none");
    let error = g["error"].as_str().unwrap_or("");
    match &obs {
        Observed::Ran { how, version } => {
            if runs != *how || g["toolchain"].as_str() != Some(version.as_str()) {
                problems.push(format!(
                    "which: go ran {how} {version} | which {runs} {}",
                    g["toolchain"]
                ));
            }
        }
        Observed::Failed(m) => {
            let ok = match runs {
                "fail" => m.ends_with(error) && !error.is_empty(),
                "download" | "modcache" => match g["download"].as_str() {
                    Some("fails") => m.ends_with(error) && !error.is_empty(),
                    Some("needs-network") => g["url"].as_str().is_some_and(|u| m.contains(u)),
                    _ => false,
                },
                _ => false,
            };
            if !ok {
                problems.push(format!("which: go failed {m:?} | which {g}"));
            }
        }
    }

    // doctor: an error when go fails, none of the project's when it works.
    let findings = doctor["findings"].as_array().cloned().unwrap_or_default();
    let errors: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    let ids: BTreeSet<&str> = findings.iter().filter_map(|f| f["id"].as_str()).collect();
    let modules_off = lerr.contains("cannot be used with GO111MODULE=off");
    // A download that needs the network fails here (no network): doctor
    // can't know that in advance and says it needs the network (info).
    let offline = g["download"] == "needs-network"
        && g["url"]
            .as_str()
            .is_some_and(|u| err.contains(u) || lerr.contains(u));
    let go_fails = !offline && (code != 0 || (lcode != 0 && !modules_off));
    if go_fails {
        if errors.is_empty() || doctor["exit_code"] == 0 {
            problems.push(format!(
                "doctor: go fails ({}) | doctor has no error: {:?}",
                if code != 0 { &err } else { &lerr },
                ids
            ));
        } else {
            // The go.mod / toolchain families: a project check quotes go.
            let last = if code != 0 {
                stderr_text(&err)
            } else {
                lerr.clone()
            };
            let last = last.lines().last().unwrap_or("").trim_start_matches("go: ");
            let project = [
                "invalid toolchain",
                "requires go >=",
                "errors parsing",
                "updates to go.mod needed",
                "cannot find \"",
                "invoked to provide",
                "toolchain not available",
                "verifying module",
                "listed in go.work",
                "unknown godebug",
            ];
            if project
                .iter()
                .any(|k| last.contains(k) || err.contains(k) || lerr.contains(k))
                && !errors.iter().any(|f| {
                    f["class"] == "project"
                        && f["message"].as_str().is_some_and(|m| m.contains(last))
                })
            {
                problems.push(format!(
                    "doctor: go fails with {last:?} | no project error quotes it: {:?}",
                    errors
                        .iter()
                        .map(|f| f["message"].as_str().unwrap_or(""))
                        .collect::<Vec<_>>()
                ));
            }
        }
    } else if let Some(f) = errors
        .iter()
        .find(|f| f["class"] == "project")
        .filter(|_| !offline)
    {
        problems.push(format!("doctor: go works | doctor says {}", f["message"]));
    }

    // prompt: its problems are doctor's.
    for pr in prompt["problems"].as_array().cloned().unwrap_or_default() {
        let id = pr["id"].as_str().unwrap_or("");
        if !ids.contains(id) {
            problems.push(format!(
                "prompt shows {id} ({}) | doctor has {ids:?}",
                pr["short"]
            ));
        }
    }
    if std::env::var_os("GO_MATRIX_KEEP").is_none() {
        remove_tree(&p.dir);
    }
    Outcome {
        desc: s.describe(),
        problems,
        kind: family(&d),
    }
}

/// Every family of outcome of the matrix (the model's outcome kind and
/// go's message), a few scenarios each.
fn agreement_scenarios() -> Vec<Scenario> {
    let all = scenarios();
    let keys = parallel(&all, |i, s| {
        let p = prepare(300_000 + i, s);
        let d = model(&p);
        remove_tree(&p.dir);
        family(&d)
    });
    let mut per: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (s, k) in all.into_iter().zip(keys) {
        let n = per.entry(k).or_default();
        if *n < 3 {
            *n += 1;
            out.push(s);
        }
    }
    out
}

#[test]
fn doctor_prompt_and_which_agree_with_real_go() {
    let started = Instant::now();
    let _ = fixture();
    let mut cases = agreement_scenarios();
    eprintln!(
        "agreement: {} scenarios picked in {:.1} s",
        cases.len(),
        started.elapsed().as_secs_f64()
    );
    if let Ok(f) = std::env::var("GO_MATRIX_FILTER") {
        cases.retain(|s| s.describe().contains(&f));
    }
    let outcomes = parallel(&cases, agree);
    report("agreement", &outcomes, started);
}
