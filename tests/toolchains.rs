//! Toolchain discovery against the real Debian Go toolchains installed on the
//! test machine (/usr/lib/go-1.NN). Missing toolchains fail, never skip.

mod common;

use goenv_hook::facts::toolchain::{active, Source};
use goenv_hook::go::gover::GoVersion;
use goenv_hook::probe::toolchain;
use goenv_hook::sys::env::EnvSnapshot;
use goenv_hook::sys::platform::Platform;
use std::ffi::OsString;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::Instant;

const REAL: [(&str, &str); 4] = [
    ("1.19", "1.19.8"),
    ("1.21", "1.21.13"),
    ("1.22", "1.22.12"),
    ("1.23", "1.23.5"),
];

fn v(s: &str) -> GoVersion {
    GoVersion::parse(s).unwrap()
}

fn env(home: &Path, cwd: &Path) -> EnvSnapshot {
    EnvSnapshot::new(
        vec![("HOME".into(), home.as_os_str().to_owned())],
        cwd.to_path_buf(),
        Platform::UNIX,
    )
}

#[test]
fn version_from_each_real_binary() {
    for (minor, want) in REAL {
        let root = common::go_root(minor);
        let got = toolchain::binary_version(&root.join("bin/go"));
        assert_eq!(got, Some(v(want)), "{}", root.display());
    }
}

#[test]
fn inspect_each_real_root() {
    let sb = common::Sandbox::new();
    let e = env(&sb.home(), sb.path());
    for (minor, want) in REAL {
        let root = common::go_root(minor);
        let t = toolchain::inspect_root(&root, &e).unwrap();
        assert_eq!(t.version, Some(v(want)));
        assert_eq!(t.version_from, Some("buildinfo"));
        assert_eq!(t.source, Source::Debian);
        // go.env ships from 1.21 on.
        assert_eq!(t.has_go_env, minor != "1.19", "{minor}");
    }
}

/// The VERSION fallbacks agree with the binaries: 1.19 has no newline, 1.21+
/// have a `time` line. Checked by copying the tree's files next to a fake bin.
#[test]
fn version_file_fallback_matches_binary() {
    let sb = common::Sandbox::new();
    let e = env(&sb.home(), sb.path());
    for (minor, want) in REAL {
        let root = common::go_root(minor);
        let fake = sb.path().join(format!("copy-{minor}"));
        std::fs::create_dir_all(fake.join("pkg/tool")).unwrap();
        std::fs::create_dir_all(fake.join("bin")).unwrap();
        std::fs::write(fake.join("bin/go"), "#!/bin/sh\n").unwrap();
        std::fs::copy(root.join("VERSION"), fake.join("VERSION")).unwrap();
        let t = toolchain::inspect_root(&fake, &e).unwrap();
        assert_eq!(
            (t.version, t.version_from),
            (Some(v(want)), Some("VERSION")),
            "{minor}"
        );
    }
}

#[test]
fn path_through_a_chain_of_symlinks_to_a_real_toolchain() {
    let sb = common::Sandbox::new();
    let d = sb.path();
    // bin/go -> ../links/go -> /usr/lib/go-1.22/bin/go, like /usr/bin/go on Debian.
    std::fs::create_dir_all(d.join("links")).unwrap();
    symlink("../links/go", d.join("bin/go")).unwrap();
    symlink(common::go_root("1.22").join("bin/go"), d.join("links/go")).unwrap();
    let e = env(&sb.home(), d);
    let path = vec![
        OsString::from("/nonexistent"),
        d.join("bin").into_os_string(),
        common::go_root("1.23").join("bin").into_os_string(),
    ];
    let hits = toolchain::find_go_on_path(&path, &e);
    assert_eq!(hits.len(), 2);
    let h = &hits[0];
    assert_eq!(h.path_index, 1);
    assert_eq!(
        h.chain,
        vec![
            d.join("bin/go"),
            // The relative target, spelled from the link's real directory.
            std::fs::canonicalize(d).unwrap().join("links/go"),
            PathBuf::from("/usr/lib/go-1.22/bin/go"),
        ]
    );
    assert_eq!(
        h.resolved.as_deref(),
        Some(Path::new("/usr/lib/go-1.22/bin/go"))
    );
    let t = h.toolchain.as_ref().unwrap();
    assert_eq!(t.root, Path::new("/usr/lib/go-1.22"));
    assert_eq!(t.version, Some(v("1.22.12")));
    assert_eq!(
        hits[1].toolchain.as_ref().unwrap().version,
        Some(v("1.23.5"))
    );
    assert_eq!(active(&hits).unwrap().path_index, 1);
}

#[test]
fn dangling_link_then_real_go() {
    let sb = common::Sandbox::new();
    let d = sb.path();
    symlink("../gone/go", d.join("bin/go")).unwrap();
    let e = env(&sb.home(), d);
    let path = vec![
        d.join("bin").into_os_string(),
        common::go_root("1.21").join("bin").into_os_string(),
    ];
    let hits = toolchain::find_go_on_path(&path, &e);
    assert_eq!(hits.len(), 2);
    let real = std::fs::canonicalize(d).unwrap();
    let want = format!("dangling symlink -> {}", real.join("gone/go").display());
    assert_eq!(hits[0].problem.as_deref(), Some(want.as_str()));
    assert!(hits[0].resolved.is_none() && hits[0].toolchain.is_none());
    let a = active(&hits).unwrap();
    assert_eq!(a.toolchain.as_ref().unwrap().version, Some(v("1.21.13")));
}

#[test]
fn symlink_loop_then_real_go() {
    let sb = common::Sandbox::new();
    let d = sb.path();
    std::fs::create_dir_all(d.join("x")).unwrap();
    symlink("../x/go", d.join("bin/go")).unwrap();
    symlink("../bin/go", d.join("x/go")).unwrap();
    let e = env(&sb.home(), d);
    let path = vec![
        d.join("bin").into_os_string(),
        common::go_root("1.19").join("bin").into_os_string(),
    ];
    let hits = toolchain::find_go_on_path(&path, &e);
    assert_eq!(hits[0].problem.as_deref(), Some("symlink loop"));
    assert!(hits[0].resolved.is_none());
    assert!(hits[0].chain.len() <= toolchain::MAX_HOPS + 2);
    let a = active(&hits).unwrap();
    assert_eq!(a.toolchain.as_ref().unwrap().version, Some(v("1.19.8")));
}

#[test]
fn five_thousand_path_entries() {
    let sb = common::Sandbox::new();
    let e = env(&sb.home(), sb.path());
    let mut path: Vec<OsString> = (0..5000)
        .map(|i| sb.path().join(format!("missing/{i}")).into_os_string())
        .collect();
    path[3000] = common::go_root("1.23").join("bin").into_os_string();
    path[4999] = common::go_root("1.22").join("bin").into_os_string();
    let t0 = Instant::now();
    let hits = toolchain::find_go_on_path(&path, &e);
    let took = t0.elapsed();
    assert_eq!(
        hits.iter().map(|h| h.path_index).collect::<Vec<_>>(),
        [3000, 4999]
    );
    assert_eq!(
        active(&hits).unwrap().toolchain.as_ref().unwrap().version,
        Some(v("1.23.5"))
    );
    // Generous bound: one stat per entry.
    assert!(took.as_secs_f64() < 2.0, "took {took:?}");
}

/// Windows semantics (go.exe, PATHEXT, `;`-lists) on a fake tree whose paths
/// are Unix temp paths: the Windows *path* syntax (drive letters) cannot be
/// exercised on Linux, only the lookup rules.
#[test]
fn windows_platform_on_a_fake_tree() {
    let sb = common::Sandbox::new();
    let d = sb.path();
    let root = d.join("Program Files/Go");
    std::fs::create_dir_all(root.join("pkg/tool/windows_amd64")).unwrap();
    std::fs::create_dir_all(root.join("bin")).unwrap();
    // A real Go binary's build info under the Windows name.
    std::fs::copy(
        common::go_root("1.22").join("bin/go"),
        root.join("bin/go.exe"),
    )
    .unwrap();
    let home = sb.home();
    let e = EnvSnapshot::new(
        vec![
            ("USERPROFILE".into(), home.clone().into_os_string()),
            (
                "ProgramFiles".into(),
                d.join("Program Files").into_os_string(),
            ),
            (
                "Path".into(),
                OsString::from(format!("{};C:\\Windows", root.join("bin").display())),
            ),
            ("PATHEXT".into(), ".COM;.EXE;.BAT;.CMD".into()),
        ],
        d.to_path_buf(),
        Platform::WINDOWS,
    );
    let hits = toolchain::find_go_on_path(&e.path_entries(), &e);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].path, root.join("bin/go.exe"));
    let t = hits[0].toolchain.as_ref().unwrap();
    assert_eq!(t.version, Some(v("1.22.12")));
    let installs = toolchain::discover_installs(&e, None);
    assert_eq!(installs.len(), 1);
    assert_eq!(installs[0].root, root);
    // The Unix lookup does not see go.exe.
    let u = env(&home, d);
    assert!(toolchain::find_go_on_path(&[root.join("bin").into_os_string()], &u).is_empty());
}

#[test]
fn discovery_sees_the_debian_toolchains_newest_first() {
    let sb = common::Sandbox::new();
    let e = env(&sb.home(), sb.path());
    for (minor, _) in REAL {
        common::go_root(minor);
    }
    let all = toolchain::discover_installs(&e, None);
    let debian: Vec<String> = all
        .iter()
        .filter(|t| t.source == Source::Debian)
        .filter_map(|t| t.version.as_ref().map(|v| v.to_string()))
        .collect();
    for (_, want) in REAL {
        assert!(debian.contains(&want.to_string()), "{want} in {debian:?}");
    }
    let vs: Vec<_> = all.iter().map(|t| t.version.clone()).collect();
    let mut sorted = vs.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(vs, sorted);
    // No root twice (e.g. /usr/lib/go -> go-1.23).
    let mut canon: Vec<_> = all
        .iter()
        .map(|t| std::fs::canonicalize(&t.root).unwrap())
        .collect();
    canon.sort();
    canon.dedup();
    assert_eq!(canon.len(), all.len());
}

/// Builds a tiny program with the real go1.23.5 for another GOOS/GOARCH, so
/// the reader is checked on real PE, Mach-O, 32-bit and big-endian ELF files.
/// The Go build cache lives in cargo's target tmpdir (cold: ~5 s per target).
fn cross_build(goos: &str, goarch: &str, ldflags: &str) -> PathBuf {
    let go = common::go_root("1.23").join("bin/go");
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("goenv-hook-xbuild");
    let src = base.join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("go.mod"), "module hello\n\ngo 1.21\n").unwrap();
    std::fs::write(
        src.join("main.go"),
        "package main\n\nfunc main() { println(\"hi\") }\n",
    )
    .unwrap();
    let tag = if ldflags.is_empty() { "" } else { "-stripped" };
    let out = base.join(format!("hello-{goos}-{goarch}{tag}"));
    let status = std::process::Command::new(&go)
        .current_dir(&src)
        .env_clear()
        .env("HOME", &base)
        .env("PATH", common::SYSTEM_PATH)
        .env("GOCACHE", base.join("gocache"))
        .env("GOPATH", base.join("gopath"))
        .env("GOTOOLCHAIN", "local")
        .env("GOPROXY", "off")
        .env("GOFLAGS", "-mod=mod")
        .env("CGO_ENABLED", "0")
        .env("GOOS", goos)
        .env("GOARCH", goarch)
        .args(["build", "-trimpath", "-ldflags", ldflags, "-o"])
        .arg(&out)
        .arg(".")
        .status()
        .unwrap();
    assert!(status.success(), "go build for {goos}/{goarch} failed");
    out
}

#[test]
fn version_from_cross_compiled_binaries() {
    let header = |p: &Path| {
        use std::io::Read;
        let mut b = [0u8; 4];
        std::fs::File::open(p).unwrap().read_exact(&mut b).unwrap();
        b
    };
    for (goos, goarch, ldflags, magic) in [
        ("windows", "amd64", "", *b"MZ\x90\0"),
        ("windows", "386", "-s -w", *b"MZ\x90\0"),
        ("darwin", "arm64", "", [0xcf, 0xfa, 0xed, 0xfe]),
        ("darwin", "amd64", "-s -w", [0xcf, 0xfa, 0xed, 0xfe]),
        ("linux", "386", "", *b"\x7fELF"),
        ("linux", "s390x", "", *b"\x7fELF"), // big-endian
        ("linux", "arm64", "-s -w", *b"\x7fELF"),
    ] {
        let bin = cross_build(goos, goarch, ldflags);
        assert_eq!(header(&bin), magic, "{goos}/{goarch}");
        assert_eq!(
            toolchain::binary_version(&bin),
            Some(v("1.23.5")),
            "{goos}/{goarch} {ldflags}"
        );
    }
}

/// A real binary whose section table is gone (e_shoff = 0) is read through
/// the writable PT_LOAD segment; truncated copies give None.
#[test]
fn real_binary_without_section_table_and_truncated() {
    let sb = common::Sandbox::new();
    let mut b = std::fs::read(common::go_root("1.22").join("bin/go")).unwrap();
    let p = sb.path().join("go");
    b[0x28..0x30].fill(0); // e_shoff (ELF64)
    std::fs::write(&p, &b).unwrap();
    assert_eq!(toolchain::binary_version(&p), Some(v("1.22.12")));
    for len in [0, 16, 64, 4096, 1 << 20, b.len() / 2] {
        std::fs::write(&p, &b[..len]).unwrap();
        assert_eq!(toolchain::binary_version(&p), None, "truncated to {len}");
    }
}
