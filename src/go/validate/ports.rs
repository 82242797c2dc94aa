//! GOOS/GOARCH and the architecture variables (GOAMD64, GOARM, …): the
//! values Go accepts, and its list of first-class ports.

/// `internal/buildcfg` value tables. None if `name` is not validated here.
pub(crate) fn arch_var(name: &str, v: &str) -> Option<Result<(), String>> {
    let ok = match name {
        "GOAMD64" => matches!(v, "v1" | "v2" | "v3" | "v4"),
        "GO386" => matches!(v, "sse2" | "softfloat"),
        "GOARM" => {
            let (n, f) = match v.split_once(',') {
                Some((n, f)) => (n, Some(f)),
                None => (v, None),
            };
            matches!(n, "5" | "6" | "7")
                && matches!(f, None | Some("softfloat") | Some("hardfloat"))
        }
        "GOARM64" => {
            let mut parts = v.split(',');
            let ver = parts.next().unwrap_or("");
            let ver_ok = match ver.strip_prefix("v8.").or_else(|| ver.strip_prefix("v9.")) {
                Some(m) => {
                    let max = if ver.starts_with("v8.") { 9 } else { 5 };
                    m.len() == 1 && m.parse::<u32>().is_ok_and(|d| d <= max)
                }
                None => false,
            };
            ver_ok && parts.all(|p| p == "lse" || p == "crypto")
        }
        "GOMIPS" | "GOMIPS64" => matches!(v, "hardfloat" | "softfloat"),
        "GOPPC64" => matches!(v, "power8" | "power9" | "power10"),
        "GORISCV64" => matches!(v, "rva20u64" | "rva22u64" | "rva23u64"),
        "GOWASM" => v
            .split(',')
            .all(|p| p.is_empty() || p == "satconv" || p == "signext"),
        _ => return None,
    };
    Some(if ok {
        Ok(())
    } else {
        Err(format!(
            "invalid {name}={v:?}; expected {}",
            arch_expected(name)
        ))
    })
}

pub(crate) fn arch_expected(name: &str) -> &'static str {
    match name {
        "GOAMD64" => "v1, v2, v3 or v4",
        "GO386" => "sse2 or softfloat",
        "GOARM" => "5, 6 or 7, optionally with ,softfloat or ,hardfloat",
        "GOARM64" => "v8.0–v8.9 or v9.0–v9.5, optionally with ,lse and/or ,crypto",
        "GOMIPS" | "GOMIPS64" => "hardfloat or softfloat",
        "GOPPC64" => "power8, power9 or power10",
        "GORISCV64" => "rva20u64 or rva22u64",
        "GOWASM" => "a comma-separated list of satconv, signext",
        _ => "a valid value",
    }
}

pub(crate) const ARCH_VARS: &[&str] = &[
    "GOAMD64",
    "GO386",
    "GOARM",
    "GOARM64",
    "GOMIPS",
    "GOMIPS64",
    "GOPPC64",
    "GORISCV64",
    "GOWASM",
];

/// `go tool dist list` (Go 1.23).
pub(crate) const PORTS: &[(&str, &str)] = &[
    ("aix", "ppc64"),
    ("android", "386"),
    ("android", "amd64"),
    ("android", "arm"),
    ("android", "arm64"),
    ("darwin", "amd64"),
    ("darwin", "arm64"),
    ("dragonfly", "amd64"),
    ("freebsd", "386"),
    ("freebsd", "amd64"),
    ("freebsd", "arm"),
    ("freebsd", "arm64"),
    ("freebsd", "riscv64"),
    ("illumos", "amd64"),
    ("ios", "amd64"),
    ("ios", "arm64"),
    ("js", "wasm"),
    ("linux", "386"),
    ("linux", "amd64"),
    ("linux", "arm"),
    ("linux", "arm64"),
    ("linux", "loong64"),
    ("linux", "mips"),
    ("linux", "mips64"),
    ("linux", "mips64le"),
    ("linux", "mipsle"),
    ("linux", "ppc64"),
    ("linux", "ppc64le"),
    ("linux", "riscv64"),
    ("linux", "s390x"),
    ("netbsd", "386"),
    ("netbsd", "amd64"),
    ("netbsd", "arm"),
    ("netbsd", "arm64"),
    ("openbsd", "386"),
    ("openbsd", "amd64"),
    ("openbsd", "arm"),
    ("openbsd", "arm64"),
    ("openbsd", "ppc64"),
    ("openbsd", "riscv64"),
    ("plan9", "386"),
    ("plan9", "amd64"),
    ("plan9", "arm"),
    ("solaris", "amd64"),
    ("wasip1", "wasm"),
    ("windows", "386"),
    ("windows", "amd64"),
    ("windows", "arm"),
    ("windows", "arm64"),
];

/// The GOOS/GOARCH this binary was built for, in Go's names.
pub(crate) fn host_port() -> (&'static str, &'static str) {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        o => o,
    };
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "x86" => "386",
        "aarch64" => "arm64",
        "powerpc64" => "ppc64",
        "loongarch64" => "loong64",
        "wasm32" => "wasm",
        a => a,
    };
    (os, arch)
}

pub(crate) fn valid_port(goos: &str, goarch: &str) -> bool {
    PORTS.iter().any(|(o, a)| *o == goos && *a == goarch)
}
