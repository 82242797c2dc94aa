//! Go's own grammars for the variables the checks validate
//! (go-env-facts.md §5–6), re-implemented without running `go`.
//! Each validator returns the problem in Go's words, or Ok.

use crate::go::gover::GoVersion;

mod flags;
mod ports;
mod sumdb;
pub use flags::*;
pub(crate) use ports::*;
pub use sumdb::*;

// ---------------------------------------------------------------- GOPROXY

/// `modfetch/proxy.go:proxyList` and `newProxyRepo`. `is_abs` is the
/// platform's absolute-path test (an absolute path is not given `https://`).
pub fn goproxy(v: &str, is_abs: &dyn Fn(&str) -> bool) -> Result<(), String> {
    let mut rest = v;
    let mut entries = 0;
    while !rest.is_empty() {
        let url;
        match rest.find([',', '|']) {
            Some(i) => {
                url = &rest[..i];
                rest = &rest[i + 1..];
            }
            None => {
                url = rest;
                rest = "";
            }
        }
        let url = url.trim();
        if url.is_empty() {
            continue;
        }
        entries += 1;
        if url == "off" || url == "direct" {
            break;
        }
        let full = if url.contains(['.', ':', '/'])
            && !url.contains(":/")
            && !is_abs(url)
            && !url.starts_with('/')
        {
            format!("https://{url}")
        } else {
            url.to_string()
        };
        check_proxy_url(&full)?;
    }
    if entries == 0 {
        return Err("GOPROXY list is not the empty string, but contains no entries".into());
    }
    Ok(())
}

fn check_proxy_url(u: &str) -> Result<(), String> {
    // url.Parse's scheme: [A-Za-z][A-Za-z0-9+.-]* followed by ':'.
    let scheme = match u.find(':') {
        Some(i) => {
            let s = &u[..i];
            let valid = s.bytes().next().is_some_and(|c| c.is_ascii_alphabetic())
                && s.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b"+.-".contains(&c));
            if valid {
                s.to_ascii_lowercase()
            } else if s.contains('/') {
                String::new()
            } else {
                return Err(format!("invalid proxy URL {u:?}: missing protocol scheme"));
            }
        }
        None => String::new(),
    };
    match scheme.as_str() {
        "http" | "https" => {
            if u.chars().any(|c| c == ' ' || c.is_control()) {
                return Err(format!("invalid proxy URL {u:?}: invalid character in URL"));
            }
            Ok(())
        }
        "file" => {
            let after = &u[5..];
            let host_ok = match after.strip_prefix("//") {
                Some(h) => h.starts_with('/') || h.is_empty(),
                None => true,
            };
            if !host_ok || after.contains(['?', '#']) {
                Err(format!(
                    "invalid file:// proxy URL with non-path elements: {u}"
                ))
            } else {
                Ok(())
            }
        }
        "" => Err(format!("invalid proxy URL missing scheme: {u}")),
        _ => Err(format!(
            "invalid proxy URL scheme (must be https, http, file): {u}"
        )),
    }
}

// ------------------------------------------------- GOPRIVATE and friends

/// Why a GOPRIVATE/GONOPROXY/GONOSUMDB/GOINSECURE pattern matches nothing
/// Go users expect it to (`module.MatchPrefixPatterns`), one text per
/// suspicious pattern.
pub(crate) fn private_patterns(v: &str) -> Vec<String> {
    let mut out = Vec::new();
    for pat in v.split(',') {
        if pat.is_empty() {
            continue;
        }
        let q = format!("{pat:?}");
        if pat.chars().any(char::is_whitespace) {
            out.push(format!(
                "{q} contains white space (patterns are not trimmed)"
            ));
            continue;
        }
        if pat.contains("://") {
            out.push(format!(
                "{q} has a URL scheme (use a module path such as example.com/repo)"
            ));
            continue;
        }
        if let Err(e) = path_match_pattern(pat) {
            out.push(format!(
                "{q} is a broken glob ({e}): it silently matches nothing"
            ));
            continue;
        }
        let host = pat.split('/').next().unwrap_or("");
        if host.chars().any(|c| c.is_ascii_uppercase()) {
            out.push(format!("{q} has upper case in the host name (matching is case-sensitive; hosts in module paths are lower case)"));
            continue;
        }
        if pat.ends_with('/') {
            out.push(format!("{q} ends with '/' and matches nothing"));
        }
    }
    out
}

/// Checks `path.Match` pattern syntax (`ErrBadPattern`).
pub(crate) fn path_match_pattern(p: &str) -> Result<(), &'static str> {
    let c: Vec<char> = p.chars().collect();
    let mut i = 0;
    let esc = |i: &mut usize| -> Result<(), &'static str> {
        if *i >= c.len() || c[*i] == '-' || c[*i] == ']' {
            return Err("bad character class");
        }
        if c[*i] == '\\' {
            *i += 1;
            if *i >= c.len() {
                return Err("trailing backslash");
            }
        }
        *i += 1;
        if *i >= c.len() {
            return Err("unclosed '['");
        }
        Ok(())
    };
    while i < c.len() {
        match c[i] {
            '\\' => {
                i += 1;
                if i >= c.len() {
                    return Err("trailing backslash");
                }
                i += 1;
            }
            '[' => {
                i += 1;
                if i < c.len() && c[i] == '^' {
                    i += 1;
                }
                let mut n = 0;
                loop {
                    if i < c.len() && c[i] == ']' && n > 0 {
                        i += 1;
                        break;
                    }
                    esc(&mut i)?;
                    if c[i] == '-' {
                        i += 1;
                        esc(&mut i)?;
                    }
                    n += 1;
                }
            }
            _ => i += 1,
        }
    }
    Ok(())
}

// ----------------------------------------------- GO111MODULE, GOTOOLCHAIN

pub fn go111module(v: &str) -> Result<(), String> {
    match v {
        "" | "on" | "off" | "auto" => Ok(()),
        _ => Err(format!("unknown environment setting GO111MODULE={v}")),
    }
}

/// The switching mode GOTOOLCHAIN asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ToolchainMode {
    /// `local` (or empty: no switching at all).
    Local,
    /// `auto` or `<min>+auto`: switch to newer toolchains, downloading them.
    Auto(Option<GoVersion>),
    /// `path` or `<min>+path`: switch only to `go1.X.Y` found on PATH.
    Path(Option<GoVersion>),
    /// `go1.X.Y`: always run exactly that toolchain.
    Pinned(GoVersion),
}

/// `toolchain/select.go:Select`. Errors in Go's words.
pub fn gotoolchain(v: &str) -> Result<ToolchainMode, String> {
    match v {
        "" | "local" => return Ok(ToolchainMode::Local),
        "auto" => return Ok(ToolchainMode::Auto(None)),
        "path" => return Ok(ToolchainMode::Path(None)),
        _ => {}
    }
    let (min, suffix) = match v.split_once('+') {
        Some((m, s)) => (m, Some(s)),
        None => (v, None),
    };
    let minv = if min == "local" {
        None
    } else {
        let parsed = if min.contains(['/', '\\']) {
            None
        } else {
            GoVersion::from_toolchain(min)
        };
        match parsed {
            Some(x) => Some(x),
            None if suffix.is_some() => {
                return Err(format!(
                    "invalid GOTOOLCHAIN {v:?}: invalid minimum toolchain {min:?}"
                ))
            }
            None => return Err(format!("invalid GOTOOLCHAIN {v:?}")),
        }
    };
    match suffix {
        Some("auto") => Ok(ToolchainMode::Auto(minv)),
        Some("path") => Ok(ToolchainMode::Path(minv)),
        Some(_) => Err(format!(
            "invalid GOTOOLCHAIN {v:?}: only version suffixes are +auto and +path"
        )),
        None => match minv {
            Some(x) if x.is_lang() => Err(format!(
                "invalid toolchain: {min} is a language version but not a toolchain version ({min}.x)"
            )),
            Some(x) => Ok(ToolchainMode::Pinned(x)),
            None => Ok(ToolchainMode::Local),
        },
    }
}

#[cfg(test)]
mod tests;
