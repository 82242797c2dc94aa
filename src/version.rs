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
///
/// The fields keep the version *as written* (so `Display` round-trips
/// `1.20` and `go1.20` stays the name of the real release), while `Eq`,
/// `Hash` and `Ord` use Go's canonical form: below minor 21 a missing patch
/// (without pre-release) means `.0`, so `1.20 == 1.20.0` and `1 == 1.0.0`,
/// but `1.21 < 1.21rc1 < 1.21.0`.
///
/// Deviations from `gover`, all for forms no release uses: numbers must fit
/// in `u32` (Go accepts any length); the pre-release kind must be `alpha`,
/// `beta` or `rc` (Go accepts any lowercase word); a kind without a number
/// (`1.21rc`) is read as number 0 (Go orders `rc` < `rc0`); `1` displays as
/// `1.0`.
#[derive(Clone, Debug)]
pub struct GoVersion {
    pub major: u32,
    pub minor: u32,
    pub patch: Option<u32>,
    pub pre: Pre,
    pub pre_num: u32,
}

/// `gover.cutInt`: leading decimal digits, no unnecessary leading zero.
fn cut_int(s: &str) -> Option<(u32, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || (n > 1 && s.as_bytes()[0] == b'0') {
        return None;
    }
    let v = s[..n].parse::<u32>().ok()?;
    Some((v, &s[n..]))
}

impl GoVersion {
    /// Parses `1.22.3`, `1.21rc1`, `1.21`, `1`. No `go` prefix. None if invalid.
    pub fn parse(s: &str) -> Option<GoVersion> {
        let (major, rest) = cut_int(s)?;
        let mut v = GoVersion {
            major,
            minor: 0,
            patch: None,
            pre: Pre::None,
            pre_num: 0,
        };
        if rest.is_empty() {
            return Some(v);
        }
        let rest = rest.strip_prefix('.')?;
        let (minor, rest) = cut_int(rest)?;
        v.minor = minor;
        if rest.is_empty() {
            return Some(v);
        }
        if let Some(p) = rest.strip_prefix('.') {
            // No pre-releases of patch releases (gover forbids them too).
            let (patch, tail) = cut_int(p)?;
            if !tail.is_empty() {
                return None;
            }
            v.patch = Some(patch);
            return Some(v);
        }
        let k = rest.bytes().take_while(|b| !b.is_ascii_digit()).count();
        v.pre = match &rest[..k] {
            "alpha" => Pre::Alpha,
            "beta" => Pre::Beta,
            "rc" => Pre::Rc,
            _ => return None,
        };
        let num = &rest[k..];
        if !num.is_empty() {
            let (n, tail) = cut_int(num)?;
            if !tail.is_empty() {
                return None;
            }
            v.pre_num = n;
        }
        Some(v)
    }

    /// Parses a toolchain name as `gover.FromToolchain`: `go1.22.3`,
    /// `go1.22.3-suffix`, `go1.22.3 extra`; None without the `go` prefix.
    /// A language version (`go1.22`) parses; callers that need a release
    /// check [`GoVersion::is_lang`], as Go does.
    pub fn parse_toolchain(s: &str) -> Option<GoVersion> {
        if s.contains(['/', '\\']) {
            return None;
        }
        let v = s.strip_prefix("go")?;
        let end = v.find([' ', '\t', '-']).unwrap_or(v.len());
        GoVersion::parse(&v[..end])
    }

    /// The patch as Go compares it: missing means 0 below minor 21 unless
    /// this is a pre-release (`1.20rc1` has no patch; `1.20` is `1.20.0`).
    pub fn effective_patch(&self) -> Option<u32> {
        match self.patch {
            Some(p) => Some(p),
            None if self.minor < 21 && self.pre == Pre::None => Some(0),
            None => None,
        }
    }

    /// True for a language version (`1.21`, `1.22`) at or above 1.21, which
    /// names a language, not a release (`go1.22` is not a toolchain).
    pub fn is_lang(&self) -> bool {
        self.effective_patch().is_none() && self.pre == Pre::None
    }

    /// Whether an installed toolchain of version `self` satisfies a request
    /// for `want`: equal, or `want` is a language version (1.22) and self is
    /// a release of that language (1.22.x).
    pub fn satisfies(&self, want: &GoVersion) -> bool {
        self == want
            || (want.is_lang()
                && self.major == want.major
                && self.minor == want.minor
                && self >= want)
    }

    fn key(&self) -> (u32, u32, Option<u32>, Pre, u32) {
        (
            self.major,
            self.minor,
            self.effective_patch(),
            self.pre,
            self.pre_num,
        )
    }
}

impl PartialEq for GoVersion {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for GoVersion {}

impl std::hash::Hash for GoVersion {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state)
    }
}

impl Ord for GoVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        // Option: None < Some(0), which is gover's "" < "0".
        self.key().cmp(&other.key())
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
        write!(f, "{}.{}", self.major, self.minor)?;
        if let Some(p) = self.patch {
            write!(f, ".{p}")?;
        }
        match self.pre {
            Pre::None => Ok(()),
            Pre::Alpha => write!(f, "alpha{}", self.pre_num),
            Pre::Beta => write!(f, "beta{}", self.pre_num),
            Pre::Rc => write!(f, "rc{}", self.pre_num),
        }
    }
}

impl serde::Serialize for GoVersion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering::*;

    fn v(s: &str) -> GoVersion {
        GoVersion::parse(s).unwrap_or_else(|| panic!("{s} should parse"))
    }

    /// The table of `internal/gover` `TestCompare` (Go 1.23), minus the
    /// numbers that overflow u32 and the invalid inputs.
    #[test]
    fn compare_matches_gover_table() {
        let table = [
            ("1", "1.1", Less),
            ("1.5", "1.6", Less),
            ("1.5", "1.10", Less),
            ("1.6", "1.6.1", Less),
            ("1.19", "1.19.0", Equal),
            ("1.19rc1", "1.19", Less),
            ("1.20", "1.20.0", Equal),
            ("1.20rc1", "1.20", Less),
            ("1.21", "1.21.0", Less),
            ("1.21", "1.21rc1", Less),
            ("1.21rc1", "1.21.0", Less),
            ("1.6", "1.19", Less),
            ("1.19", "1.19.1", Less),
            ("1.19rc1", "1.19.1", Less),
            ("1.19rc1", "1.19rc2", Less),
            ("1.19.0", "1.19.1", Less),
            ("1.19rc1", "1.19.0", Less),
            ("1.19alpha3", "1.19beta2", Less),
            ("1.19beta2", "1.19rc1", Less),
            ("1.22.12", "1.23.5", Less),
            ("1.9", "1.10", Less),
            ("1.21.13", "1.21.2", Greater),
            ("1", "1.0.0", Equal),
            ("1", "1.0", Equal),
            ("2.0", "1.99.99", Greater),
        ];
        for (a, b, want) in table {
            assert_eq!(v(a).cmp(&v(b)), want, "{a} vs {b}");
            assert_eq!(v(b).cmp(&v(a)), want.reverse(), "{b} vs {a}");
            assert_eq!(v(a) == v(b), want == Equal, "{a} == {b}");
        }
    }

    #[test]
    fn eq_and_hash_agree_with_ord() {
        use std::collections::HashSet;
        let set: HashSet<GoVersion> = ["1.20", "1.20.0", "1.21", "1.21.0", "1", "1.0.0"]
            .iter()
            .map(|s| v(s))
            .collect();
        assert_eq!(set.len(), 4);
        assert_ne!(v("1.21"), v("1.21.0"));
    }

    #[test]
    fn sorting_is_go_order() {
        let mut vs: Vec<GoVersion> = [
            "1.21.0",
            "1.21rc2",
            "1.21",
            "1.20",
            "1.20rc1",
            "1.21beta1",
            "1.21.1",
        ]
        .iter()
        .map(|s| v(s))
        .collect();
        vs.sort();
        let got: Vec<String> = vs.iter().map(|x| x.to_string()).collect();
        assert_eq!(
            got,
            [
                "1.20rc1",
                "1.20",
                "1.21",
                "1.21beta1",
                "1.21rc2",
                "1.21.0",
                "1.21.1"
            ]
        );
    }

    #[test]
    fn display_is_as_written() {
        for s in [
            "1.21",
            "1.21rc1",
            "1.22.12",
            "1.20",
            "1.20.0",
            "1.19beta2",
            "1.21alpha1",
            "2.0",
        ] {
            assert_eq!(v(s).to_string(), s);
        }
        assert_eq!(v("1").to_string(), "1.0");
        assert_eq!(serde_json::to_string(&v("1.21rc1")).unwrap(), "\"1.21rc1\"");
    }

    #[test]
    fn parse_fields() {
        let x = v("1.21rc1");
        assert_eq!(
            (x.major, x.minor, x.patch, x.pre, x.pre_num),
            (1, 21, None, Pre::Rc, 1)
        );
        let x = v("1.22.12");
        assert_eq!(
            (x.major, x.minor, x.patch, x.pre),
            (1, 22, Some(12), Pre::None)
        );
        let x = v("1");
        assert_eq!((x.major, x.minor, x.patch), (1, 0, None));
        assert_eq!(x.effective_patch(), Some(0));
        assert_eq!(v("1.21rc").pre_num, 0);
        assert_eq!(v("1.0").minor, 0);
    }

    #[test]
    fn garbage_is_none_and_never_panics() {
        for s in [
            "",
            "1.",
            "1.x",
            "x",
            "go1.22",
            "1.22.",
            "01.2",
            "1.02",
            "1.2.03",
            "1.22.3rc1",
            "1.21RC1",
            "1.21rc01",
            "1.21rc1x",
            "1.21foo1",
            "1.21-rc1",
            " 1.21",
            "1.21 ",
            "1..2",
            "1.2.3.4",
            ".1",
            "-1",
            "+1",
            "1.22.3-custom",
            "99999999999999999999",
            "1.99999999999999999",
            "1.2.99999999999999999999",
            "1.21rc99999999999999999999",
            "1.21é",
            "é",
            "1.2\0",
            "4294967296",
            "١.٢",
        ] {
            assert_eq!(GoVersion::parse(s), None, "{s:?}");
        }
        assert_eq!(v("4294967295").major, u32::MAX);
    }

    #[test]
    fn toolchain_names() {
        let t = |s: &str| GoVersion::parse_toolchain(s);
        assert_eq!(t("go1.22.3"), Some(v("1.22.3")));
        assert_eq!(t("go1.22.3-custom"), Some(v("1.22.3")));
        assert_eq!(t("go1.22.3 X:nocoverageredesign"), Some(v("1.22.3")));
        assert_eq!(t("go1.22.3\tx"), Some(v("1.22.3")));
        assert_eq!(t("go1.21rc2"), Some(v("1.21rc2")));
        assert_eq!(t("go1.20"), Some(v("1.20")));
        assert!(t("go1.22").unwrap().is_lang());
        for bad in [
            "1.22.3",
            "go",
            "go1.22.3/x",
            "go1.22.3-a/b",
            "go1.22.3-a\\b",
            "gogo1.2",
            "go 1.22",
            "Go1.22",
            "devel go1.23-abc",
            "",
            "go1.x",
        ] {
            assert_eq!(t(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn language_versions() {
        assert!(v("1.21").is_lang());
        assert!(v("1.22").is_lang());
        assert!(v("2.30").is_lang());
        for s in [
            "1.20", "1.19", "1.3", "1", "1.21.0", "1.21rc1", "1.2rc3", "1.22.3",
        ] {
            assert!(!v(s).is_lang(), "{s}");
        }
    }

    #[test]
    fn satisfies_rules() {
        let yes = [
            ("1.22.3", "1.22.3"),
            ("1.22.3", "1.22"),
            ("1.22.0", "1.22"),
            ("1.22rc1", "1.22"),
            ("1.20", "1.20.0"),
            ("1.20.0", "1.20"),
        ];
        for (have, want) in yes {
            assert!(v(have).satisfies(&v(want)), "{have} satisfies {want}");
        }
        let no = [
            ("1.22.3", "1.22.4"),
            ("1.23.0", "1.22"),
            ("1.22.5", "1.22.3"),
            ("1.20.3", "1.20"),
            ("1.21.0", "1.22"),
            ("1.22", "1.22.0"),
            ("1.22rc1", "1.22.0"),
        ];
        for (have, want) in no {
            assert!(
                !v(have).satisfies(&v(want)),
                "{have} must not satisfy {want}"
            );
        }
    }

    /// A direct port of `internal/gover.Parse` + `Compare` on strings, as
    /// the oracle for the property test.
    mod oracle {
        #[derive(Default, PartialEq, Debug)]
        pub struct V<'a> {
            pub major: &'a str,
            pub minor: &'a str,
            pub patch: &'a str,
            pub kind: &'a str,
            pub pre: &'a str,
        }

        fn cut_int(x: &str) -> Option<(&str, &str)> {
            let i = x.bytes().take_while(u8::is_ascii_digit).count();
            if i == 0 || (x.as_bytes()[0] == b'0' && i != 1) {
                return None;
            }
            Some((&x[..i], &x[i..]))
        }

        pub fn parse(x: &str) -> Option<V<'_>> {
            let mut v = V::default();
            let (major, x) = cut_int(x)?;
            v.major = major;
            if x.is_empty() {
                v.minor = "0";
                v.patch = "0";
                return Some(v);
            }
            let x = x.strip_prefix('.')?;
            let (minor, x) = cut_int(x)?;
            v.minor = minor;
            if x.is_empty() {
                if cmp_int(v.minor, "21").is_lt() {
                    v.patch = "0";
                }
                return Some(v);
            }
            if let Some(x) = x.strip_prefix('.') {
                let (patch, rest) = cut_int(x)?;
                if !rest.is_empty() {
                    return None;
                }
                v.patch = patch;
                return Some(v);
            }
            let i = x.bytes().take_while(|b| !b.is_ascii_digit()).count();
            if i == 0 || !x[..i].bytes().all(|b| b.is_ascii_lowercase()) {
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

        pub fn cmp_int(x: &str, y: &str) -> std::cmp::Ordering {
            x.len().cmp(&y.len()).then(x.cmp(y))
        }

        pub fn compare(x: &V, y: &V) -> std::cmp::Ordering {
            cmp_int(x.major, y.major)
                .then(cmp_int(x.minor, y.minor))
                .then(cmp_int(x.patch, y.patch))
                .then(x.kind.cmp(y.kind))
                .then(cmp_int(x.pre, y.pre))
        }
    }

    fn version_string() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let num = prop_oneof![
            Just(0u32),
            Just(1),
            Just(19),
            Just(20),
            Just(21),
            Just(22),
            0u32..40
        ];
        (
            num.clone(),
            proptest::option::of(num.clone()),
            prop_oneof![Just(None), num.clone().prop_map(Some)],
            prop_oneof![Just(""), Just("alpha"), Just("beta"), Just("rc")],
            1u32..4,
        )
            .prop_map(|(maj, min, patch, kind, pre)| match (min, patch, kind) {
                (None, _, _) => format!("{maj}"),
                (Some(m), Some(p), _) => format!("{maj}.{m}.{p}"),
                (Some(m), None, "") => format!("{maj}.{m}"),
                (Some(m), None, k) => format!("{maj}.{m}{k}{pre}"),
            })
    }

    proptest::proptest! {
        #[test]
        fn ord_and_eq_match_gover(a in version_string(), b in version_string()) {
            let (x, y) = (v(&a), v(&b));
            let want = oracle::compare(&oracle::parse(&a).unwrap(), &oracle::parse(&b).unwrap());
            proptest::prop_assert_eq!(x.cmp(&y), want, "{} vs {}", a, b);
            proptest::prop_assert_eq!(x == y, want.is_eq());
            proptest::prop_assert_eq!(x.is_lang(), {
                let o = oracle::parse(&a).unwrap();
                o == oracle::parse(&format!("{}.{}", x.major, x.minor)).unwrap() && x.patch.is_none() && x.pre == Pre::None && x.minor >= 21
            });
        }

        #[test]
        fn display_round_trips(a in version_string()) {
            let x = v(&a);
            let shown = x.to_string();
            let back = v(&shown);
            proptest::prop_assert_eq!((back.major, back.minor, back.patch, back.pre, back.pre_num),
                (x.major, x.minor, x.patch, x.pre, x.pre_num));
            if a.contains('.') {
                proptest::prop_assert_eq!(shown, a);
            }
        }

        #[test]
        fn parse_never_panics_and_agrees_on_validity(
            s in proptest::prop_oneof![
                "[0-9a-z.\\- ]{0,12}",
                "0?[0-9]{1,11}(\\.0?[0-9]{1,11}){0,2}(rc|beta|alpha|x)?[0-9]{0,3}",
            ]
        ) {
            let ours = GoVersion::parse(&s);
            let go = oracle::parse(&s);
            // Valid for us implies valid for Go; Go also accepts other
            // pre-release words, which we reject (documented).
            if ours.is_some() {
                proptest::prop_assert!(go.is_some(), "{:?}", s);
            } else if let Some(g) = go {
                let overflow = [g.major, g.minor, g.patch, g.pre]
                    .iter()
                    .any(|n| !n.is_empty() && n.parse::<u32>().is_err());
                proptest::prop_assert!(
                    !["", "alpha", "beta", "rc"].contains(&g.kind) || overflow,
                    "{:?}",
                    s
                );
            }
            let _ = GoVersion::parse_toolchain(&s);
        }
    }
}
