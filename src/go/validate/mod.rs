//! Go's own grammars for the variables the checks validate
//! (go-env-facts.md §5–6), re-implemented without running `go`.
//! Each validator returns the problem in Go's words, or Ok.

use crate::go::gover::GoVersion;

// ---------------------------------------------------------------- GOSUMDB

/// The verifier key `cmd/go` substitutes for `sum.golang.org`.
pub const SUM_GOLANG_ORG_KEY: &str =
    "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

/// `modfetch/sumdb.go:dbDial` plus `note.NewVerifier`.
pub fn gosumdb(v: &str) -> Result<(), String> {
    if v == "off" || v == "sum.golang.google.cn" {
        return Ok(());
    }
    let fields: Vec<&str> = v.split_whitespace().collect();
    match fields.len() {
        0 => return Err("missing GOSUMDB".into()),
        1 | 2 => {}
        _ => return Err("invalid GOSUMDB: too many fields".into()),
    }
    let key = if fields[0] == "sum.golang.org" {
        SUM_GOLANG_ORG_KEY
    } else {
        fields[0]
    };
    verifier(key).map_err(|e| format!("invalid GOSUMDB: {e}"))
}

/// `golang.org/x/mod/sumdb/note.NewVerifier`.
pub fn verifier(vkey: &str) -> Result<(), &'static str> {
    let (name, rest) = chop(vkey, '+');
    let (hash16, key64) = chop(rest, '+');
    let hash = u32::from_str_radix(hash16, 16).ok();
    let key = base64_std(key64);
    let valid_name =
        !name.is_empty() && !name.chars().any(char::is_whitespace) && !name.contains('+');
    let (Some(hash), Some(key)) = (hash, key) else {
        return Err("malformed verifier id");
    };
    if hash16.len() != 8 || !valid_name || key.is_empty() {
        return Err("malformed verifier id");
    }
    let mut msg = Vec::with_capacity(name.len() + 1 + key.len());
    msg.extend_from_slice(name.as_bytes());
    msg.push(b'\n');
    msg.extend_from_slice(&key);
    let d = sha256(&msg);
    if u32::from_be_bytes([d[0], d[1], d[2], d[3]]) != hash {
        return Err("invalid verifier hash");
    }
    match key[0] {
        1 if key.len() == 33 => Ok(()),
        1 => Err("malformed verifier id"),
        _ => Err("unknown verifier algorithm"),
    }
}

fn chop(s: &str, sep: char) -> (&str, &str) {
    match s.find(sep) {
        Some(i) => (&s[..i], &s[i + sep.len_utf8()..]),
        None => (s, ""),
    }
}

/// Standard base64 with padding, as `base64.StdEncoding.DecodeString`.
fn base64_std(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    if !b.len().is_multiple_of(4) {
        return None;
    }
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(b.len() / 4 * 3);
    for (ci, chunk) in b.chunks(4).enumerate() {
        let last = ci + 1 == b.len() / 4;
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - pad] {
            n = (n << 6) | val(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

/// SHA-256 (FIPS 180-4), for the verifier key hash.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    let bitlen = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bitlen.to_be_bytes());
    for block in msg.chunks(64) {
        let mut w = [0u32; 64];
        for i in 0..16 {
            w[i] = u32::from_be_bytes([
                block[4 * i],
                block[4 * i + 1],
                block[4 * i + 2],
                block[4 * i + 3],
            ]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for i in 0..8 {
            h[i] = h[i].wrapping_add(v[i]);
        }
    }
    let mut out = [0u8; 32];
    for (i, x) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

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
pub fn private_patterns(v: &str) -> Vec<String> {
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
pub fn path_match_pattern(p: &str) -> Result<(), &'static str> {
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

// ---------------------------------------------------------------- GOFLAGS

/// Flags of every `go` subcommand (Go 1.19–1.25): name and whether it is a
/// boolean flag. `GOFLAGS` may name a flag of any subcommand.
const FLAGS: &[(&str, bool)] = &[
    // build flags
    ("a", true),
    ("n", true),
    ("p", false),
    ("x", true),
    ("v", true),
    ("work", true),
    ("asan", true),
    ("msan", true),
    ("race", true),
    ("cover", true),
    ("covermode", false),
    ("coverpkg", false),
    ("asmflags", false),
    ("buildmode", false),
    ("buildvcs", true),
    ("compiler", false),
    ("gccgoflags", false),
    ("gcflags", false),
    ("installsuffix", false),
    ("ldflags", false),
    ("linkshared", true),
    ("mod", false),
    ("modcacherw", true),
    ("modfile", false),
    ("overlay", false),
    ("pgo", false),
    ("pkgdir", false),
    ("tags", false),
    ("trimpath", true),
    ("toolexec", false),
    ("C", false),
    ("o", false),
    ("i", true),
    ("debug-actiongraph", false),
    ("debug-runtime-trace", false),
    ("debug-trace", false),
    ("json", true),
    ("exec", false),
    ("vettool", false),
    // test flags
    ("bench", false),
    ("benchmem", true),
    ("benchtime", false),
    ("blockprofile", false),
    ("blockprofilerate", false),
    ("count", false),
    ("coverprofile", false),
    ("cpu", false),
    ("cpuprofile", false),
    ("failfast", true),
    ("fullpath", true),
    ("fuzz", false),
    ("fuzzminimizetime", false),
    ("fuzztime", false),
    ("list", false),
    ("memprofile", false),
    ("memprofilerate", false),
    ("mutexprofile", false),
    ("mutexprofilefraction", false),
    ("outputdir", false),
    ("parallel", false),
    ("run", false),
    ("short", true),
    ("shuffle", false),
    ("skip", false),
    ("timeout", false),
    ("trace", false),
    ("vet", false),
    ("c", true),
    ("artifacts", true),
    // clean, doc, env, fix, generate, get, list, mod, work, tool, version
    ("cache", true),
    ("fuzzcache", true),
    ("modcache", true),
    ("r", true),
    ("testcache", true),
    ("u", true),
    ("w", true),
    ("changed", true),
    ("fix", false),
    ("diff", true),
    ("t", true),
    ("d", true),
    ("insecure", true),
    ("tool", false),
    ("compiled", true),
    ("deps", true),
    ("e", true),
    ("export", true),
    ("f", false),
    ("find", true),
    ("m", true),
    ("test", true),
    ("versions", true),
    ("retracted", true),
    ("reuse", false),
    ("go", false),
    ("print", true),
    ("fmt", true),
    ("module", false),
    ("require", false),
    ("droprequire", false),
    ("replace", false),
    ("dropreplace", false),
    ("exclude", false),
    ("dropexclude", false),
    ("retract", false),
    ("dropretract", false),
    ("toolchain", false),
    ("godebug", false),
    ("dropgodebug", false),
    ("droptool", false),
    ("ignore", false),
    ("dropignore", false),
    ("compat", false),
    ("vendor", true),
    ("use", false),
    ("dropuse", false),
];

/// Flags that act as booleans but take other values too (`-json=Fields`
/// for `go list`, `-buildvcs=auto`, `-u=patch`).
const CUSTOM_BOOL_FLAGS: &[&str] = &["json", "buildvcs", "u"];

/// Flags whose values are themselves flag lists (split by spaces is a trap).
const LIST_FLAGS: &[&str] = &["ldflags", "gcflags", "asmflags", "gccgoflags"];

/// One problem in GOFLAGS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlagProblem {
    /// Go rejects it vs. a likely mistake.
    pub fatal: bool,
    /// Every command but `go env`/`go bug` fails (not only the commands
    /// that define the flag).
    pub everywhere: bool,
    pub message: String,
}

/// `cmd/internal/quoted.Split`.
pub fn quoted_split(s: &str) -> Result<Vec<String>, String> {
    let mut f = Vec::new();
    let mut s = s;
    loop {
        s = s.trim_start_matches([' ', '\t', '\n', '\r']);
        if s.is_empty() {
            break;
        }
        let first = s.as_bytes()[0];
        if first == b'"' || first == b'\'' {
            let q = first as char;
            let body = &s[1..];
            match body.find(q) {
                Some(i) => {
                    f.push(body[..i].to_string());
                    s = &body[i + 1..];
                }
                None => return Err(format!("unterminated {q} string")),
            }
            continue;
        }
        let i = s.find([' ', '\t', '\n', '\r']).unwrap_or(s.len());
        f.push(s[..i].to_string());
        s = &s[i..];
    }
    Ok(f)
}

/// `base/goflags.go` (`InitGOFLAGS`, `SetFromGOFlags`).
pub fn goflags(v: &str) -> Vec<FlagProblem> {
    let fatal = |m: String| FlagProblem {
        fatal: true,
        everywhere: true,
        message: m,
    };
    let local = |m: String| FlagProblem {
        fatal: true,
        everywhere: false,
        message: m,
    };
    let warn = |m: String| FlagProblem {
        fatal: false,
        everywhere: false,
        message: m,
    };
    let words = match quoted_split(v) {
        Ok(w) => w,
        Err(e) => return vec![fatal(format!("parsing $GOFLAGS: {e}"))],
    };
    let mut out = Vec::new();
    let mut prev_list_flag: Option<String> = None;
    for w in &words {
        let split_hint = |m: String| match &prev_list_flag {
            Some(p) => format!(
                "{m} (it looks like the rest of {p:?}: a value with spaces must be quoted whole)"
            ),
            None => m,
        };
        if !w.starts_with('-')
            || w == "-"
            || w == "--"
            || w.starts_with("---")
            || w.starts_with("-=")
            || w.starts_with("--=")
        {
            out.push(fatal(split_hint(format!("non-flag {w:?}"))));
            continue;
        }
        let body = w
            .strip_prefix("--")
            .or_else(|| w.strip_prefix('-'))
            .unwrap_or(w);
        let (name, value) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (body, None),
        };
        let Some(&(_, is_bool)) = FLAGS.iter().find(|(n, _)| *n == name) else {
            out.push(fatal(split_hint(format!("unknown flag -{name}"))));
            prev_list_flag = None;
            continue;
        };
        if let Some(p) = &prev_list_flag {
            if !["a", "n", "x", "v", "race", "trimpath", "tags", "mod"].contains(&name) {
                out.push(warn(format!(
                    "{w:?} follows {p:?}: it looks like part of its value, split by a space (go drops it)"
                )));
            }
        }
        prev_list_flag = None;
        if name == "insecure" {
            out.push(warn(
                "-insecure is no longer supported (`go get` fails); use GOINSECURE".into(),
            ));
        }
        if w.contains(['\'', '"']) {
            out.push(warn(format!(
                "{w:?} has a quote inside the word: GOFLAGS quotes only whole words"
            )));
        }
        match (is_bool, value) {
            (true, Some(v)) => {
                let valid = matches!(
                    v,
                    "1" | "t"
                        | "T"
                        | "TRUE"
                        | "true"
                        | "True"
                        | "0"
                        | "f"
                        | "F"
                        | "FALSE"
                        | "false"
                        | "False"
                ) || CUSTOM_BOOL_FLAGS.contains(&name);
                if !valid {
                    out.push(local(format!(
                        "invalid boolean value {v:?} for flag -{name} (commands with -{name} fail)"
                    )));
                }
            }
            (false, None) => out.push(local(format!(
                "flag -{name} requires an argument (commands with -{name} fail)"
            ))),
            (false, Some(v)) => {
                if name == "mod" && !matches!(v, "" | "mod" | "readonly" | "vendor") {
                    out.push(local(format!(
                        "-mod={v} not supported (can be '', 'mod', 'readonly', or 'vendor')"
                    )));
                }
                if LIST_FLAGS.contains(&name) && v.starts_with('-') {
                    prev_list_flag = Some(w.clone());
                }
            }
            (true, None) => {}
        }
    }
    out
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

// ---------------------------------------------------- architecture variables

/// `internal/buildcfg` value tables. None if `name` is not validated here.
pub fn arch_var(name: &str, v: &str) -> Option<Result<(), String>> {
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

pub fn arch_expected(name: &str) -> &'static str {
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

pub const ARCH_VARS: &[&str] = &[
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
pub const PORTS: &[(&str, &str)] = &[
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
pub fn host_port() -> (&'static str, &'static str) {
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

pub fn valid_port(goos: &str, goarch: &str) -> bool {
    PORTS.iter().any(|(o, a)| *o == goos && *a == goarch)
}

#[cfg(test)]
mod tests;
