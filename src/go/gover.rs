//! Go's version grammar and order, exactly as Go implements them.
//!
//! Two layers:
//!
//! * Free functions on strings that mirror Go's own, name for name, with
//!   Go's conventions (an invalid version is the empty string and compares
//!   below every valid one): [`parse`], [`compare`], [`max`], [`is_valid`],
//!   [`is_lang`], [`lang`], [`is_prerelease`], [`prev`], [`cmp_int`],
//!   [`dec_int`] (`internal/gover`, `cmd/go/internal/gover`),
//!   [`from_toolchain`] (`cmd/go/internal/gover`),
//!   [`go_mod_lookup`] (the line scan toolchain selection uses), the
//!   module-path aware [`mod_compare`] & co. (`cmd/go/internal/gover/mod.go`),
//!   [`version`] (`go/version`, with the `go` prefix) and [`semver`]
//!   (`golang.org/x/mod/semver`). Versions are "big decimals": numbers of
//!   any length compare as digit strings; any lowercase pre-release word is
//!   a kind (`1.999testmod`); a kind without a number sorts before the same
//!   kind with one (`1.21rc < 1.21rc0 < 1.21rc1`).
//! * Typed values for the rest of goenv-hook: [`GoVersion`] (a valid
//!   version, kept as written, ordered and hashed as Go compares) and
//!   [`ToolchainName`] (`go1.22.12`, `go1.22.12-custom`: a name Go accepts
//!   as a toolchain, kept whole with its suffix). Both serialize as their
//!   string.
//!
//! Where Go versions differ: Go 1.21's `cmd/go/internal/gover.Lang("1")` is
//! `"1.0"` (and `Lang("1.0")` is `"1.0"`); from Go 1.22 (`internal/gover`)
//! both are `"1"`: see [`lang_go121`]. Go 1.21 has no `ToolchainMax` in
//! `cmd/go/internal/gover` (it lives in the toolchain code there); the
//! semantics are the same. Everything else is identical in 1.21–1.23. Go
//! 1.19 has no `gover` at all: it knows only `1.N` language versions (see
//! [`crate::go::gomod`] for what it accepts in go.mod).
//!
//! Pure: no I/O.

use std::cmp::Ordering;
use std::fmt;

/// A parsed Go version: `major[.minor[.patch]][kind[pre]]`, the numbers
/// kept as decimal strings (`internal/gover.Version`). The zero value
/// (all empty) is what [`parse`] returns for a malformed version.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Version<'a> {
    pub major: &'a str,
    /// Decimal, or "" (never for a valid version: `1` parses as `1.0.0`).
    pub minor: &'a str,
    /// Decimal, or "" (a language version ≥ 1.21, or a pre-release).
    pub patch: &'a str,
    /// "", or a lowercase word: "alpha", "beta", "rc", "testmod", ...
    pub kind: &'a str,
    /// Decimal, or "".
    pub pre: &'a str,
}

impl Version<'_> {
    pub(crate) fn is_zero(&self) -> bool {
        *self == Version::default()
    }
}

/// `gover.cutInt`: the leading decimal number (no unnecessary leading
/// zero) and the rest.
fn cut_int(x: &str) -> Option<(&str, &str)> {
    let i = x.bytes().take_while(u8::is_ascii_digit).count();
    if i == 0 || (x.as_bytes()[0] == b'0' && i != 1) {
        return None;
    }
    Some((&x[..i], &x[i..]))
}

/// `gover.Parse`: the zero [`Version`] if `x` is malformed.
pub fn parse(x: &str) -> Version<'_> {
    parse_opt(x).unwrap_or_default()
}

fn parse_opt(x: &str) -> Option<Version<'_>> {
    let mut v = Version::default();
    let (major, x) = cut_int(x)?;
    v.major = major;
    if x.is_empty() {
        // "1" is "1.0.0".
        v.minor = "0";
        v.patch = "0";
        return Some(v);
    }
    let x = x.strip_prefix('.')?;
    let (minor, x) = cut_int(x)?;
    v.minor = minor;
    if x.is_empty() {
        // A missing patch is "0" before 1.21; from 1.21 on, "1.21" is the
        // language, below its first release 1.21.0.
        if cmp_int(v.minor, "21").is_lt() {
            v.patch = "0";
        }
        return Some(v);
    }
    if let Some(x) = x.strip_prefix('.') {
        // No pre-releases of patch releases.
        let (patch, rest) = cut_int(x)?;
        if !rest.is_empty() {
            return None;
        }
        v.patch = patch;
        return Some(v);
    }
    let i = x.bytes().take_while(|b| !b.is_ascii_digit()).count();
    if i == 0 || !x.as_bytes()[..i].iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    v.kind = &x[..i];
    let x = &x[i..];
    if x.is_empty() {
        return Some(v);
    }
    let (pre, rest) = cut_int(x)?;
    if !rest.is_empty() {
        return None;
    }
    v.pre = pre;
    Some(v)
}

/// `gover.CmpInt`: compares decimal strings as numbers (any length).
pub(crate) fn cmp_int(x: &str, y: &str) -> Ordering {
    if x == y {
        return Ordering::Equal;
    }
    x.len().cmp(&y.len()).then_with(|| x.cmp(y))
}

/// `gover.DecInt`: the decimal minus one; "" if it is all zeroes.
pub(crate) fn dec_int(decimal: &str) -> String {
    let mut digits = decimal.as_bytes().to_vec();
    let mut i = digits.len();
    while i > 0 && digits[i - 1] == b'0' {
        digits[i - 1] = b'9';
        i -= 1;
    }
    if i == 0 {
        return String::new();
    }
    let i = i - 1;
    if i == 0 && digits[i] == b'1' && digits.len() > 1 {
        digits.remove(0);
    } else {
        digits[i] -= 1;
    }
    String::from_utf8(digits).unwrap_or_default()
}

fn compare_parsed(vx: &Version, vy: &Version) -> Ordering {
    cmp_int(vx.major, vy.major)
        .then_with(|| cmp_int(vx.minor, vy.minor))
        .then_with(|| cmp_int(vx.patch, vy.patch))
        // "" < alpha < beta < rc (any lowercase word, byte order)
        .then_with(|| vx.kind.cmp(vy.kind))
        .then_with(|| cmp_int(vx.pre, vy.pre))
}

/// `gover.Compare`: versions without the `go` prefix. Malformed versions
/// compare below well-formed ones and equal to each other;
/// `1.21 < 1.21rc1 < 1.21.0`, `1.20 == 1.20.0`.
pub fn compare(x: &str, y: &str) -> Ordering {
    compare_parsed(&parse(x), &parse(y))
}

/// `gover.Max`: the greater by [`compare`]; `x` if they compare equal.
pub fn max<'a>(x: &'a str, y: &'a str) -> &'a str {
    if compare(x, y).is_lt() {
        y
    } else {
        x
    }
}

/// `gover.IsValid`.
pub fn is_valid(x: &str) -> bool {
    parse_opt(x).is_some()
}

/// `gover.IsLang`: a language version (`1.21`, `1.22`), not a release.
/// `1.20` is not one (it is `1.20.0`).
pub fn is_lang(x: &str) -> bool {
    let v = parse(x);
    !v.is_zero() && v.patch.is_empty() && v.kind.is_empty() && v.pre.is_empty()
}

/// `gover.Lang` (Go 1.22 and later): `1.2.3` → `1.2`, `1` → `1`,
/// `1.0` → `1`; "" for an invalid version.
pub fn lang(x: &str) -> String {
    let v = parse(x);
    if v.minor.is_empty() || (v.major == "1" && v.minor == "0") {
        return v.major.to_string();
    }
    format!("{}.{}", v.major, v.minor)
}

/// `gover.Lang` as Go 1.21's `cmd/go/internal/gover` has it: `1` → `1.0`.
pub fn lang_go121(x: &str) -> String {
    let v = parse(x);
    if v.minor.is_empty() {
        return v.major.to_string();
    }
    format!("{}.{}", v.major, v.minor)
}

/// `gover.IsPrerelease`: has a kind (`1.21rc1`, `1.999testmod`).
pub(crate) fn is_prerelease(x: &str) -> bool {
    !parse(x).kind.is_empty()
}

/// `gover.Prev`: the language release before `x` (`1.3rc4` → `1.2`), or
/// the major alone for 1.0 and 1.1 (and for an invalid version: "").
pub fn prev(x: &str) -> String {
    let v = parse(x);
    if cmp_int(v.minor, "1").is_le() {
        return v.major.to_string();
    }
    format!("{}.{}", v.major, dec_int(v.minor))
}

/// `gover.FromToolchain`: the version a toolchain name stands for, from
/// the name alone: `go1.2.3` → `1.2.3`, `go1.2.3-bigcorp` → `1.2.3` (a
/// suffix after `-`, space or tab is dropped); "" if the name is not one
/// (no `go` prefix, a `/` or `\` anywhere, an invalid version).
pub fn from_toolchain(name: &str) -> &str {
    if name.contains(['/', '\\']) {
        return "";
    }
    let Some(v) = name.strip_prefix("go") else {
        return "";
    };
    let v = match v.find([' ', '\t', '-']) {
        Some(i) => &v[..i],
        None => v,
    };
    if is_valid(v) {
        v
    } else {
        ""
    }
}

/// `gover.maybeToolchainVersion`: `name` itself if it is a valid version,
/// else [`from_toolchain`].
pub(crate) fn maybe_toolchain_version(name: &str) -> &str {
    if is_valid(name) {
        name
    } else {
        from_toolchain(name)
    }
}

/// `gover.GoModLookup`: the value of the first line of a go.mod/go.work
/// (split on `\n`, trimmed) that starts with `key` and a space or tab,
/// with a `//` comment cut off and trimmed; "" if none. This is all the
/// toolchain selection reads of the file (it does not parse it), and the
/// line number (1-based) where it was found.
pub(crate) fn go_mod_lookup<'a>(gomod: &'a [u8], key: &str) -> (&'a [u8], Option<usize>) {
    for (n, line) in gomod.split(|&b| b == b'\n').enumerate() {
        let line = trim_space(line);
        let Some(rest) = line.strip_prefix(key.as_bytes()) else {
            continue;
        };
        if !matches!(rest.first(), Some(b' ' | b'\t')) {
            continue;
        }
        let rest = match find(rest, b"//") {
            Some(i) => &rest[..i],
            None => rest,
        };
        return (trim_space(rest), Some(n + 1));
    }
    (b"", None)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `bytes.TrimSpace`: ASCII white space and the Unicode spaces Go trims
/// (U+0085, U+00A0 and the `unicode.IsSpace` set) at both ends.
pub(crate) fn trim_space(mut s: &[u8]) -> &[u8] {
    loop {
        match leading_space(s) {
            0 => break,
            n => s = &s[n..],
        }
    }
    loop {
        match trailing_space(s) {
            0 => break,
            n => s = &s[..s.len() - n],
        }
    }
    s
}

fn is_go_space(c: char) -> bool {
    // unicode.IsSpace
    matches!(
        c,
        '\t' | '\n'
            | '\u{0B}'
            | '\u{0C}'
            | '\r'
            | ' '
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

fn leading_space(s: &[u8]) -> usize {
    let Some(&b) = s.first() else { return 0 };
    if b < 0x80 {
        return usize::from(is_go_space(char::from(b)));
    }
    let end = s.len().min(4);
    for n in 2..=end {
        if let Ok(t) = std::str::from_utf8(&s[..n]) {
            return if t.chars().next().is_some_and(is_go_space) {
                n
            } else {
                0
            };
        }
    }
    0
}

fn trailing_space(s: &[u8]) -> usize {
    let Some(&b) = s.last() else { return 0 };
    if b < 0x80 {
        return usize::from(is_go_space(char::from(b)));
    }
    let len = s.len();
    for n in 2..=len.min(4) {
        if let Ok(t) = std::str::from_utf8(&s[len - n..]) {
            return if t.chars().next().is_some_and(is_go_space) {
                n
            } else {
                0
            };
        }
    }
    0
}

// ---------------------------------------------------------------------------
// cmd/go/internal/gover/mod.go: versions of the "go" and "toolchain"
// pseudo-modules next to semver for the others.

/// `gover.IsToolchain`: the pseudo-modules `go` and `toolchain`.
pub fn is_toolchain(path: &str) -> bool {
    path == "go" || path == "toolchain"
}

/// `gover.ModCompare`.
pub fn mod_compare(path: &str, x: &str, y: &str) -> Ordering {
    match path {
        "go" => compare(x, y),
        "toolchain" => compare(maybe_toolchain_version(x), maybe_toolchain_version(y)),
        _ => semver::compare(x, y),
    }
}

/// `gover.ModIsValid`.
pub fn mod_is_valid(path: &str, vers: &str) -> bool {
    match path {
        "toolchain" => is_valid(from_toolchain(vers)),
        "go" => is_valid(vers),
        _ => semver::is_valid(vers),
    }
}

/// `gover.ModSort`: by path, then by [`mod_compare`] of the version before
/// any `/`, then by what follows it. Stable, as `sort.Slice` is not, but
/// Go's tables only hold distinct entries.
pub fn mod_sort(list: &mut [(String, String)]) {
    list.sort_by(|(pi, vi), (pj, vj)| {
        if pi != pj {
            return pi.cmp(pj);
        }
        let split = |v: &str| match v.find('/') {
            Some(k) => (v[..k].to_string(), v[k..].to_string()),
            None => (v.to_string(), String::new()),
        };
        let (vi, fi) = split(vi);
        let (vj, fj) = split(vj);
        if vi != vj {
            return mod_compare(pi, &vi, &vj);
        }
        fi.cmp(&fj)
    });
}

/// `go/version`: the same on versions with the `go` prefix
/// (`go1.21.0`, `go1.21.0-bigcorp`).
pub mod version {
    use std::cmp::Ordering;

    /// `version.stripGo`: cut at the first `-`, then the `go` prefix; ""
    /// without the prefix.
    fn strip_go(v: &str) -> &str {
        let v = match v.find('-') {
            Some(i) => &v[..i],
            None => v,
        };
        v.strip_prefix("go").unwrap_or("")
    }

    /// `version.Compare`.
    pub fn compare(x: &str, y: &str) -> Ordering {
        super::compare(strip_go(x), strip_go(y))
    }

    /// `version.IsValid`.
    pub fn is_valid(x: &str) -> bool {
        super::is_valid(strip_go(x))
    }

    /// `version.Lang`: `go1.21rc2` → `go1.21`; "" if invalid.
    pub fn lang(x: &str) -> String {
        let v = super::lang(strip_go(x));
        if v.is_empty() {
            return v;
        }
        format!("go{v}")
    }
}

/// `golang.org/x/mod/semver` (what Go uses for every other module).
pub(crate) mod semver {
    use std::cmp::Ordering;

    #[derive(Default)]
    struct Parsed<'a> {
        major: &'a str,
        minor: &'a str,
        patch: &'a str,
        short: &'static str,
        prerelease: &'a str,
        build: &'a str,
    }

    fn parse_int(v: &str) -> Option<(&str, &str)> {
        let i = v.bytes().take_while(u8::is_ascii_digit).count();
        if i == 0 || (v.as_bytes()[0] == b'0' && i != 1) {
            return None;
        }
        Some((&v[..i], &v[i..]))
    }

    fn is_ident_char(c: u8) -> bool {
        c.is_ascii_alphanumeric() || c == b'-'
    }

    fn is_bad_num(v: &str) -> bool {
        let i = v.bytes().take_while(u8::is_ascii_digit).count();
        i == v.len() && i > 1 && v.as_bytes()[0] == b'0'
    }

    fn is_num(v: &str) -> bool {
        v.bytes().all(|b| b.is_ascii_digit())
    }

    fn parse_prerelease(v: &str) -> Option<(&str, &str)> {
        let b = v.as_bytes();
        if b.first() != Some(&b'-') {
            return None;
        }
        let (mut i, mut start) = (1, 1);
        while i < b.len() && b[i] != b'+' {
            if !is_ident_char(b[i]) && b[i] != b'.' {
                return None;
            }
            if b[i] == b'.' {
                if start == i || is_bad_num(&v[start..i]) {
                    return None;
                }
                start = i + 1;
            }
            i += 1;
        }
        if start == i || is_bad_num(&v[start..i]) {
            return None;
        }
        Some((&v[..i], &v[i..]))
    }

    fn parse_build(v: &str) -> Option<(&str, &str)> {
        let b = v.as_bytes();
        if b.first() != Some(&b'+') {
            return None;
        }
        let (mut i, mut start) = (1, 1);
        while i < b.len() {
            if !is_ident_char(b[i]) && b[i] != b'.' {
                return None;
            }
            if b[i] == b'.' {
                if start == i {
                    return None;
                }
                start = i + 1;
            }
            i += 1;
        }
        if start == i {
            return None;
        }
        Some((&v[..i], &v[i..]))
    }

    fn parse(v: &str) -> Option<Parsed<'_>> {
        let v = v.strip_prefix('v')?;
        let mut p = Parsed::default();
        let (major, v) = parse_int(v)?;
        p.major = major;
        if v.is_empty() {
            p.minor = "0";
            p.patch = "0";
            p.short = ".0.0";
            return Some(p);
        }
        let (minor, v) = parse_int(v.strip_prefix('.')?)?;
        p.minor = minor;
        if v.is_empty() {
            p.patch = "0";
            p.short = ".0";
            return Some(p);
        }
        let (patch, mut v) = parse_int(v.strip_prefix('.')?)?;
        p.patch = patch;
        if v.starts_with('-') {
            let (pre, rest) = parse_prerelease(v)?;
            p.prerelease = pre;
            v = rest;
        }
        if v.starts_with('+') {
            let (build, rest) = parse_build(v)?;
            p.build = build;
            v = rest;
        }
        if !v.is_empty() {
            return None;
        }
        Some(p)
    }

    /// `semver.IsValid`.
    pub fn is_valid(v: &str) -> bool {
        parse(v).is_some()
    }

    /// `semver.Canonical`: `v1.2` → `v1.2.0`, build suffix dropped; "" if
    /// invalid.
    pub fn canonical(v: &str) -> String {
        let Some(p) = parse(v) else {
            return String::new();
        };
        if !p.build.is_empty() {
            return v[..v.len() - p.build.len()].to_string();
        }
        format!("{v}{}", p.short)
    }

    /// `semver.Build`.
    pub fn build(v: &str) -> &str {
        parse(v).map(|p| p.build).unwrap_or("")
    }

    /// `semver.Major`.
    pub fn major(v: &str) -> &str {
        match parse(v) {
            Some(p) => &v[..1 + p.major.len()],
            None => "",
        }
    }

    /// `semver.Compare`: invalid versions are equal to each other and
    /// below valid ones.
    pub fn compare(v: &str, w: &str) -> Ordering {
        match (parse(v), parse(w)) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (Some(pv), Some(pw)) => super::cmp_int(pv.major, pw.major)
                .then_with(|| super::cmp_int(pv.minor, pw.minor))
                .then_with(|| super::cmp_int(pv.patch, pw.patch))
                .then_with(|| compare_prerelease(pv.prerelease, pw.prerelease)),
        }
    }

    fn next_ident(x: &str) -> (&str, &str) {
        let i = x.find('.').unwrap_or(x.len());
        (&x[..i], &x[i..])
    }

    fn compare_prerelease(mut x: &str, mut y: &str) -> Ordering {
        if x == y {
            return Ordering::Equal;
        }
        if x.is_empty() {
            return Ordering::Greater;
        }
        if y.is_empty() {
            return Ordering::Less;
        }
        while !x.is_empty() && !y.is_empty() {
            x = &x[1..];
            y = &y[1..];
            let (dx, rx) = next_ident(x);
            let (dy, ry) = next_ident(y);
            x = rx;
            y = ry;
            if dx != dy {
                let (ix, iy) = (is_num(dx), is_num(dy));
                if ix != iy {
                    return if ix {
                        Ordering::Less
                    } else {
                        Ordering::Greater
                    };
                }
                if ix && dx.len() != dy.len() {
                    return dx.len().cmp(&dy.len());
                }
                return dx.cmp(dy);
            }
        }
        if x.is_empty() {
            Ordering::Less
        } else {
            Ordering::Greater
        }
    }
}

// ---------------------------------------------------------------------------
// Typed values.

/// A valid Go version without the `go` prefix (`1.21`, `1.21rc1`,
/// `1.22.12`, `1.999testmod`, `1.99999999999999999`), kept as written.
/// `Eq`, `Ord` and `Hash` are Go's [`compare`]: `1.20 == 1.20.0`, but
/// `1.21 < 1.21rc1 < 1.21.0`. Serializes as the string.
#[derive(Clone)]
pub struct GoVersion(Box<str>);

impl GoVersion {
    /// None unless [`is_valid`].
    pub fn parse(s: &str) -> Option<GoVersion> {
        is_valid(s).then(|| GoVersion(s.into()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The parsed parts (Go's `Version`).
    pub fn parts(&self) -> Version<'_> {
        parse(&self.0)
    }
    /// A language version (`1.22`), not a release.
    pub fn is_lang(&self) -> bool {
        is_lang(&self.0)
    }
    pub(crate) fn is_prerelease(&self) -> bool {
        is_prerelease(&self.0)
    }
    /// The language (`1.22.3` → `1.22`), as Go 1.22+ computes it.
    pub fn lang(&self) -> GoVersion {
        GoVersion(lang(&self.0).into())
    }
    /// The language before this one (`1.22.3` → `1.21`).
    pub fn prev(&self) -> GoVersion {
        GoVersion(prev(&self.0).into())
    }
    /// The toolchain name for this version: `go` + the version.
    pub(crate) fn toolchain_name(&self) -> ToolchainName {
        ToolchainName(format!("go{}", self.0).into())
    }
    /// The version a toolchain name stands for ([`from_toolchain`]):
    /// `go1.22.3-custom` → `1.22.3`; a language version (`go1.22`) too.
    pub fn from_toolchain(name: &str) -> Option<GoVersion> {
        let v = from_toolchain(name);
        (!v.is_empty()).then(|| GoVersion(v.into()))
    }
    /// `self >= v` by Go's order (`v` a version literal such as `1.21`).
    pub(crate) fn at_least(&self, v: &str) -> bool {
        compare(&self.0, v).is_ge()
    }
    /// Written with a patch number (`1.22.3`, `1.20.0`; not `1.20`, `1.22`
    /// or `1.21rc1`): a request for that release exactly.
    pub(crate) fn names_patch(&self) -> bool {
        self.0.split('.').count() >= 3
    }
    /// The first release of a language version ≥ 1.21 (`1.22` →
    /// `1.22.0`, as Go switches to); the version itself otherwise.
    pub(crate) fn first_release(&self) -> GoVersion {
        if self.is_lang() && compare(&self.0, "1.21").is_ge() {
            GoVersion(format!("{}.0", self.0).into())
        } else {
            self.clone()
        }
    }
}

impl PartialEq for GoVersion {
    fn eq(&self, other: &Self) -> bool {
        compare(&self.0, &other.0).is_eq()
    }
}
impl Eq for GoVersion {}
impl PartialOrd for GoVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for GoVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        compare(&self.0, &other.0)
    }
}
impl std::hash::Hash for GoVersion {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Equal versions have equal parts (numbers have no leading zeros).
        self.parts().hash(state)
    }
}
impl fmt::Display for GoVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl fmt::Debug for GoVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GoVersion({})", self.0)
    }
}
impl serde::Serialize for GoVersion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}
impl<'de> serde::Deserialize<'de> for GoVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        GoVersion::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid Go version {s:?}")))
    }
}

/// A toolchain name Go accepts ([`from_toolchain`] is not empty):
/// `go1.22.12`, `go1.21rc2`, `go1.22.12-custom`, `go1.22` (a language
/// version: valid as a name, but no release has it). Kept whole: Go looks
/// up and downloads the full name, suffix included. Equality is of the
/// name (`go1.22.0-a != go1.22.0`); order is by [`version`](Self::version)
/// then name. Serializes as the string.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ToolchainName(Box<str>);

impl ToolchainName {
    /// None unless Go's `FromToolchain` accepts it.
    pub fn parse(s: &str) -> Option<ToolchainName> {
        (!from_toolchain(s).is_empty()).then(|| ToolchainName(s.into()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The version it stands for (`go1.22.12-custom` → `1.22.12`).
    pub fn version(&self) -> GoVersion {
        GoVersion(from_toolchain(&self.0).into())
    }
    /// What follows the version (`-custom`), "" for a plain name.
    pub fn suffix(&self) -> &str {
        &self.0[2 + from_toolchain(&self.0).len()..]
    }
}

impl PartialOrd for ToolchainName {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for ToolchainName {
    fn cmp(&self, other: &Self) -> Ordering {
        compare(from_toolchain(&self.0), from_toolchain(&other.0))
            .then_with(|| self.0.cmp(&other.0))
    }
}
impl fmt::Display for ToolchainName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl fmt::Debug for ToolchainName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ToolchainName({})", self.0)
    }
}
impl serde::Serialize for ToolchainName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}
impl<'de> serde::Deserialize<'de> for ToolchainName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ToolchainName::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid Go toolchain name {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::*;

    #[test]
    fn big_numbers_and_any_kind() {
        assert_eq!(compare("1.99999999999999998", "1.99999999999999999"), Less);
        assert_eq!(compare("1.999testmod", "1.999rc1"), Greater);
        assert_eq!(compare("1.21rc", "1.21rc0"), Less);
        assert_eq!(compare("1.21rc0", "1.21rc1"), Less);
        assert_eq!(compare("1.21", "1.21rc"), Less);
        assert!(is_valid("1.999testmod"));
        assert!(!is_valid("1.21RC1"));
        assert!(!is_valid("1.21.0rc1"));
        assert!(!is_valid("01.2"));
        assert!(!is_valid(""));
        assert_eq!(compare("", "banana"), Equal);
        assert_eq!(compare("banana", "1"), Less);
    }

    #[test]
    fn lang_per_go_version() {
        assert_eq!(lang("1"), "1");
        assert_eq!(lang("1.0"), "1");
        assert_eq!(lang_go121("1"), "1.0");
        assert_eq!(lang_go121("1.0"), "1.0");
        assert_eq!(lang("222"), "222.0");
        assert_eq!(lang("x"), "");
        assert_eq!(version::lang("go222"), "go222.0");
    }

    #[test]
    fn prev_and_dec() {
        assert_eq!(prev("1.40000000000000000"), "1.39999999999999999");
        assert_eq!(dec_int("10"), "9");
        assert_eq!(dec_int("100"), "99");
        assert_eq!(dec_int("000"), "");
        assert_eq!(dec_int("1"), "0");
    }

    #[test]
    fn toolchain_names() {
        assert_eq!(from_toolchain("go1.22.12-custom"), "1.22.12");
        assert_eq!(from_toolchain("go1.22.12 x"), "1.22.12");
        assert_eq!(from_toolchain("go1.22.12+auto"), "");
        assert_eq!(from_toolchain("go1.22/x"), "");
        let t = ToolchainName::parse("go1.22.12-custom").unwrap();
        assert_eq!(t.version().as_str(), "1.22.12");
        assert_eq!(t.suffix(), "-custom");
        assert!(ToolchainName::parse("default").is_none());
    }

    #[test]
    fn typed_order_eq_hash() {
        use std::collections::HashSet;
        let v = |s: &str| GoVersion::parse(s).unwrap();
        assert_eq!(v("1.20"), v("1.20.0"));
        assert_eq!(v("1"), v("1.0.0"));
        assert!(v("1.21") < v("1.21rc1"));
        assert!(v("1.21rc1") < v("1.21.0"));
        let set: HashSet<GoVersion> = ["1.20", "1.20.0", "1", "1.0", "1.21", "1.21.0"]
            .into_iter()
            .map(v)
            .collect();
        assert_eq!(set.len(), 4);
        assert_eq!(v("1.22").first_release().as_str(), "1.22.0");
        assert_eq!(v("1.20").first_release().as_str(), "1.20");
        assert_eq!(serde_json::to_string(&v("1.21rc1")).unwrap(), "\"1.21rc1\"");
        let back: GoVersion = serde_json::from_str("\"1.999testmod\"").unwrap();
        assert_eq!(back.as_str(), "1.999testmod");
        assert!(serde_json::from_str::<GoVersion>("\"go1.2\"").is_err());
    }

    #[test]
    fn lookup_is_a_line_scan() {
        let f = b"module m\n  go 1.22 // c\ngo 1.23\n\ttoolchain\tgo1.23.1\n";
        assert_eq!(go_mod_lookup(f, "go"), (&b"1.22"[..], Some(2)));
        assert_eq!(go_mod_lookup(f, "toolchain"), (&b"go1.23.1"[..], Some(4)));
        assert_eq!(go_mod_lookup(b"gofoo 1\n", "go"), (&b""[..], None));
        assert_eq!(go_mod_lookup(b"go\n", "go"), (&b""[..], None));
        assert_eq!(go_mod_lookup(b"go (\n", "go"), (&b"("[..], Some(1)));
        assert_eq!(
            go_mod_lookup("\u{a0}go 1.2\u{3000}".as_bytes(), "go"),
            (&b"1.2"[..], Some(1))
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "[0-9a-zA-Z.+\\- \t/]{0,16}") {
            let _ = (parse(&s), lang(&s), prev(&s), from_toolchain(&s), semver::canonical(&s));
            let _ = (compare(&s, "1.21"), version::lang(&s), semver::compare(&s, "v1"));
        }
    }
}
