//! Go version numbers and Go's own ordering (`internal/gover`).
//! OWNER: helper A. Contract below; bodies are stubs until filled.

use std::cmp::Ordering;
use std::fmt;

/// Pre-release kind; order: release-less language version ("") < alpha < beta < rc.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Pre {
    /// no pre-release marker
    None,
    Alpha,
    Beta,
    Rc,
}

/// A Go version such as `1.21`, `1.21rc1`, `1.21.0`, `1.22.12`.
/// `patch == None` is a language version (`1.21`) or, below 1.21, a release
/// with implied patch 0 — exactly as `gover.Compare` treats them.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GoVersion {
    pub major: u32,
    pub minor: u32,
    pub patch: Option<u32>,
    pub pre: Pre,
    pub pre_num: u32,
}

impl GoVersion {
    /// Parses `1.22.3`, `1.21rc1`, `1.21`, `1`. No `go` prefix. None if invalid.
    pub fn parse(s: &str) -> Option<GoVersion> {
        let _ = s;
        todo!("helper A")
    }

    /// Parses a toolchain name as `gover.FromToolchain`: `go1.22.3`,
    /// `go1.22.3-suffix`, `go1.22.3 extra`; None without the `go` prefix.
    pub fn parse_toolchain(s: &str) -> Option<GoVersion> {
        let _ = s;
        todo!("helper A")
    }

    /// True for a language version (`1.21`, `1.22`) at or above 1.21, which
    /// names a language, not a release (`go1.22` is not a toolchain).
    pub fn is_lang(&self) -> bool {
        todo!("helper A")
    }

    /// Whether an installed toolchain of version `self` satisfies a request
    /// for `want`: equal, or `want` is a language version (1.22) and self is
    /// a release of that language (1.22.x).
    pub fn satisfies(&self, want: &GoVersion) -> bool {
        let _ = want;
        todo!("helper A")
    }
}

impl Ord for GoVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        let _ = other;
        todo!("helper A")
    }
}

impl PartialOrd for GoVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Displays without prefix, as written: `1.21`, `1.21rc1`, `1.22.12`.
impl fmt::Display for GoVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let _ = f;
        todo!("helper A")
    }
}

impl serde::Serialize for GoVersion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
