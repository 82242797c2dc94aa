//! How users write a toolchain request (a `.go-version` file as goenv and
//! others write it, `GOENV_HOOK_GO`, the config's `toolchain`, `use`'s
//! argument): a version in Go's spelling or a toolchain directory. Pure.

use crate::go::gover::GoVersion;

/// `1.22`, `1.22.3`, `go1.22.3`, `1.21rc1` (a `.go-version` or config value).
pub(crate) fn parse_request_version(s: &str) -> Option<GoVersion> {
    let s = s.trim();
    GoVersion::from_toolchain(s).or_else(|| GoVersion::parse(s))
}

/// A request value names a directory rather than a version.
pub(crate) fn looks_like_dir(v: &std::ffi::OsStr) -> bool {
    let b = crate::sys::platform::bytes(v);
    b.contains(&b'/') || b.contains(&b'\\') || b.starts_with(b"~") || b.starts_with(b".")
}
