//! The one `~` / `$VAR` expander, over an [`EnvSnapshot`] (never the
//! process's own environment: the Nushell plugin expands for its caller)
//! and on bytes (a value from the environment that is not UTF-8 survives).
//!
//! Grammar ([`expand`], the config file's and the plugin settings' values):
//! - a leading `~`, alone or before `/` (or `\` on Windows), is the home
//!   directory (`HOME`; `USERPROFILE` on Windows); `~user` is kept as written;
//! - `$NAME` and `${NAME}` are variables (NAME: letters, digits, `_`); an
//!   unset variable is an error;
//! - `${NAME:-default}` is `default` when NAME is unset or empty (POSIX
//!   `:-`), so `${NOPE:-}~…` writes a literal leading `~`;
//! - `$$` is a literal `$`; any other `$` (and an unclosed `${`) is kept.
//!
//! Why not the `shellexpand` crate, whose syntax this is: its
//! `${NAME:-default}` keeps a variable that is set but empty (only an unset
//! one takes the default), and its `~\` rule follows the build target, not
//! the platform of the snapshot. [`tilde`] is the `~` half alone, for
//! arguments and files that don't take `$VAR`.

use crate::sys::env::EnvSnapshot;
use crate::sys::platform::{bytes, from_bytes};
use std::borrow::Cow;
use std::ffi::{OsStr, OsString};
use std::fmt;

/// Why a value can't be expanded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExpandError {
    /// `name` is not set; `token` is the reference as written (`$X`, `${X}`).
    Undefined { name: String, token: String },
    /// A leading `~` with no home directory; `var` is HOME or USERPROFILE.
    NoHome { var: &'static str },
}

impl fmt::Display for ExpandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExpandError::Undefined { name, .. } => write!(f, "undefined variable {name}"),
            ExpandError::NoHome { var } => write!(f, "cannot expand ~: {var} is not set"),
        }
    }
}

impl std::error::Error for ExpandError {}

fn home_var(env: &EnvSnapshot) -> &'static str {
    env.platform.home_var()
}

/// The part after a leading `~` that means the home directory (`""`, or
/// starting with a separator), or None when `s` doesn't start that way.
fn after_tilde(s: &[u8], env: &EnvSnapshot) -> Option<usize> {
    let after = s.strip_prefix(b"~")?;
    match after.first() {
        None | Some(b'/') => Some(1),
        Some(b'\\') if env.platform.is_windows() => Some(1),
        _ => None,
    }
}

/// `~` and `~/…` (`~\…` on Windows) with the home directory in front;
/// anything else unchanged (no `$` expansion). An error only when `~`
/// needs a home directory and the snapshot has none.
pub fn tilde<'a>(s: &'a OsStr, env: &EnvSnapshot) -> Result<Cow<'a, OsStr>, ExpandError> {
    let b = bytes(s);
    let Some(skip) = after_tilde(&b, env) else {
        return Ok(Cow::Borrowed(s));
    };
    let home = env
        .home()
        .ok_or(ExpandError::NoHome { var: home_var(env) })?;
    let mut out = bytes(home.as_os_str()).into_owned();
    out.extend_from_slice(&b[skip..]);
    Ok(Cow::Owned(from_bytes(out)))
}

/// The whole grammar (see the module docs) for `s` with `env`.
pub fn expand(s: &str, env: &EnvSnapshot) -> Result<OsString, ExpandError> {
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut rest = s;
    if let Some(skip) = after_tilde(s.as_bytes(), env) {
        let home = env
            .home()
            .ok_or(ExpandError::NoHome { var: home_var(env) })?;
        out.extend_from_slice(&bytes(home.as_os_str()));
        rest = &s[skip..];
    }
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    while let Some(i) = rest.find('$') {
        out.extend_from_slice(&rest.as_bytes()[..i]);
        let after = &rest[i + 1..];
        if let Some(inner) = after.strip_prefix('{') {
            let Some(close) = inner.find('}') else {
                out.extend_from_slice(b"${");
                rest = inner;
                continue;
            };
            let body = &inner[..close];
            let (name, default) = match body.find(":-") {
                Some(j) if j > 0 => (&body[..j], Some(&body[j + 2..])),
                _ => (body, None),
            };
            match (env.get(name), default) {
                (Some(v), None) => out.extend_from_slice(&bytes(v)),
                (Some(v), Some(_)) if !v.is_empty() => out.extend_from_slice(&bytes(v)),
                (_, Some(d)) => out.extend_from_slice(d.as_bytes()),
                (None, None) => {
                    return Err(ExpandError::Undefined {
                        name: name.to_string(),
                        token: format!("${{{body}}}"),
                    })
                }
            }
            rest = &inner[close + 1..];
        } else if after.starts_with(is_name) {
            let end = after.find(|c: char| !is_name(c)).unwrap_or(after.len());
            let name = &after[..end];
            match env.get(name) {
                Some(v) => out.extend_from_slice(&bytes(v)),
                None => {
                    return Err(ExpandError::Undefined {
                        name: name.to_string(),
                        token: format!("${name}"),
                    })
                }
            }
            rest = &after[end..];
        } else {
            out.push(b'$');
            rest = after.strip_prefix('$').unwrap_or(after);
        }
    }
    out.extend_from_slice(rest.as_bytes());
    Ok(from_bytes(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::platform::Platform;

    fn env() -> EnvSnapshot {
        EnvSnapshot::from_pairs(
            &[("HOME", "/home/u"), ("TOOLS", "/opt/tools"), ("EMPTY", "")],
            "/work",
            Platform::UNIX,
        )
    }

    fn x(s: &str) -> Result<String, ExpandError> {
        expand(s, &env()).map(|v| v.into_string().unwrap())
    }

    /// The grammar the README documents, case by case.
    #[test]
    fn the_documented_grammar() {
        let ok = |s: &str, want: &str| assert_eq!(x(s).as_deref(), Ok(want), "{s}");
        ok("~", "/home/u");
        ok("~/go", "/home/u/go");
        ok("~user/x", "~user/x");
        ok("a/~/b", "a/~/b");
        ok("$TOOLS/bin", "/opt/tools/bin");
        ok("${TOOLS}bin", "/opt/toolsbin");
        ok("${NOPE:-/d}", "/d");
        ok("${EMPTY:-/e}", "/e");
        ok("${TOOLS:-/d}", "/opt/tools");
        ok("x${EMPTY}y$EMPTY", "xy");
        ok("$$HOME", "$HOME");
        ok("$$$$", "$$");
        ok("a $ b", "a $ b");
        ok("a$", "a$");
        ok("${ unclosed", "${ unclosed");
        ok("${NOPE:-}~/x", "~/x");
        ok("$TOOLS~", "/opt/tools~");
        ok("${NOPE:-a:-b}", "a:-b");
        assert_eq!(
            x("/a/$NOPE/b"),
            Err(ExpandError::Undefined {
                name: "NOPE".into(),
                token: "$NOPE".into()
            })
        );
        assert_eq!(
            x("${NOPE}"),
            Err(ExpandError::Undefined {
                name: "NOPE".into(),
                token: "${NOPE}".into()
            })
        );
        assert_eq!(
            x("${:-x}"),
            Err(ExpandError::Undefined {
                name: ":-x".into(),
                token: "${:-x}".into()
            })
        );
        let no_home = EnvSnapshot::from_pairs(&[], "/", Platform::UNIX);
        assert_eq!(
            expand("~/x", &no_home),
            Err(ExpandError::NoHome { var: "HOME" })
        );
        assert_eq!(expand("$$~", &no_home).unwrap(), "$~");
    }

    #[test]
    fn windows_home_and_backslash() {
        let w =
            EnvSnapshot::from_pairs(&[("USERPROFILE", r"C:\Users\u")], r"C:\", Platform::WINDOWS);
        assert_eq!(expand(r"~\go", &w).unwrap(), r"C:\Users\u\go");
        assert_eq!(
            tilde(OsStr::new(r"~\go"), &w).unwrap(),
            OsStr::new(r"C:\Users\u\go")
        );
        // Not on Unix: `~\go` is a name there.
        assert_eq!(x(r"~\go").unwrap(), r"~\go");
        let none = EnvSnapshot::from_pairs(&[], r"C:\", Platform::WINDOWS);
        assert_eq!(
            tilde(OsStr::new("~"), &none),
            Err(ExpandError::NoHome { var: "USERPROFILE" })
        );
    }

    #[test]
    fn tilde_alone_expands_no_variables() {
        let t = |s: &str| tilde(OsStr::new(s), &env()).unwrap().into_owned();
        assert_eq!(t("~/sdk/$X"), "/home/u/sdk/$X");
        assert_eq!(t("~"), "/home/u");
        assert_eq!(t("~x"), "~x");
        assert_eq!(t("./go"), "./go");
        assert!(matches!(
            tilde(OsStr::new("/abs"), &env()),
            Ok(Cow::Borrowed(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_values_survive_byte_for_byte() {
        use std::os::unix::ffi::{OsStrExt, OsStringExt};
        let e = EnvSnapshot::new(
            vec![
                (
                    OsString::from("HOME"),
                    OsString::from_vec(b"/home/\xffu".to_vec()),
                ),
                (OsString::from("V"), OsString::from_vec(b"\xfe".to_vec())),
            ],
            std::path::PathBuf::from("/"),
            Platform::UNIX,
        );
        assert_eq!(
            expand("~/b:$V:${V}", &e).unwrap().as_bytes(),
            b"/home/\xffu/b:\xfe:\xfe"
        );
        assert_eq!(
            tilde(OsStr::from_bytes(b"~/\xfd"), &e).unwrap().as_bytes(),
            b"/home/\xffu/\xfd"
        );
    }

    proptest::proptest! {
        #[test]
        fn expand_never_panics(s in "[~${}:a-zA-Z_/é-]{0,16}") {
            let _ = expand(&s, &env());
        }
    }
}
