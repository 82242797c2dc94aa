//! `Exec`'s download path and its fates: GOMODCACHE, the module cache's
//! toolchains, GOPROXY lists (`modfetch.proxyList`, `TryProxies`), GOPRIVATE
//! globs and the checksum database.

use super::*;

// Proxies and the checksum database (modfetch).

/// One entry of GOPROXY (`modfetch.proxyList`).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ProxySpec {
    pub(super) url: String,
    pub(super) fall_back_on_error: bool,
}

/// `modfetch.proxyList`, with `noproxy` first when GONOPROXY is set.
pub(super) fn proxy_list(goproxy: &str, gonoproxy: &str) -> Result<Vec<ProxySpec>, String> {
    let mut list = Vec::new();
    if !gonoproxy.is_empty() && goproxy != "direct" {
        list.push(ProxySpec {
            url: "noproxy".into(),
            fall_back_on_error: false,
        });
    }
    let mut rest = goproxy;
    while !rest.is_empty() {
        let (url, fb) = match rest.find([',', '|']) {
            Some(i) => {
                let fb = rest.as_bytes()[i] == b'|';
                let u = &rest[..i];
                rest = &rest[i + 1..];
                (u, fb)
            }
            None => {
                let u = rest;
                rest = "";
                (u, false)
            }
        };
        let url = url.trim();
        if url.is_empty() {
            continue;
        }
        if url == "off" || url == "direct" {
            list.push(ProxySpec {
                url: url.into(),
                fall_back_on_error: fb,
            });
            break;
        }
        let mut url = url.to_string();
        if url.contains(['.', ':', '/']) && !url.contains(":/") && !url.starts_with('/') {
            url = format!("https://{url}");
        }
        check_proxy_url(&url)?;
        list.push(ProxySpec {
            url,
            fall_back_on_error: fb,
        });
    }
    if list.is_empty() || (list.len() == 1 && list[0].url == "noproxy") {
        return Err("GOPROXY list is not the empty string, but contains no entries".into());
    }
    Ok(list)
}

/// `newProxyRepo`'s URL checks.
pub(super) fn check_proxy_url(url: &str) -> Result<(), String> {
    let scheme = url.find(':').map(|i| &url[..i]).filter(|s| {
        !s.is_empty()
            && s.as_bytes()[0].is_ascii_alphabetic()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    });
    match scheme {
        None | Some("") => Err(format!("invalid proxy URL missing scheme: {url}")),
        Some("https" | "http") => Ok(()),
        Some("file") => {
            let rest = &url[5..];
            let after = rest.strip_prefix("//").unwrap_or(rest);
            let host_end = after.find('/').unwrap_or(after.len());
            let has_host = rest.starts_with("//") && host_end > 0;
            if has_host || url.contains(['?', '#']) {
                return Err(format!(
                    "invalid file:// proxy URL with non-path elements: {url}"
                ));
            }
            Ok(())
        }
        Some(_) => Err(format!(
            "invalid proxy URL scheme (must be https, http, file): {url}"
        )),
    }
}

/// `path.Match` (the glob `module.MatchPrefixPatterns` uses); an invalid
/// pattern matches nothing.
pub(super) fn glob_match(pat: &[u8], name: &[u8]) -> bool {
    // A direct port of path.Match's semantics: '*' does not cross '/'.
    fn class(p: &[u8], c: u8) -> Option<(bool, usize)> {
        // p starts after '['; returns (matched, length consumed incl. ']')
        let mut i = 0;
        let neg = p.first() == Some(&b'^');
        if neg {
            i += 1;
        }
        let mut matched = false;
        let mut n = 0;
        loop {
            if i < p.len() && p[i] == b']' && n > 0 {
                return Some((matched != neg, i + 1));
            }
            let lo = match p.get(i)? {
                b'\\' => {
                    i += 1;
                    *p.get(i)?
                }
                b'-' | b']' if n == 0 && p[i] == b'-' => return None,
                &x => x,
            };
            i += 1;
            let mut hi = lo;
            if p.get(i) == Some(&b'-') && p.get(i + 1).is_some_and(|&x| x != b']') {
                i += 1;
                hi = match p.get(i)? {
                    b'\\' => {
                        i += 1;
                        *p.get(i)?
                    }
                    &x => x,
                };
                i += 1;
            }
            if lo <= c && c <= hi {
                matched = true;
            }
            n += 1;
        }
    }
    fn m(p: &[u8], s: &[u8]) -> Option<bool> {
        if p.is_empty() {
            return Some(s.is_empty());
        }
        match p[0] {
            b'*' => {
                let p2 = &p[1..];
                for k in 0..=s.len() {
                    if k > 0 && s[k - 1] == b'/' {
                        break;
                    }
                    if m(p2, &s[k..])? {
                        return Some(true);
                    }
                }
                // also validate the rest of the pattern
                m(p2, b"").map(|_| false)
            }
            b'?' => match s.first() {
                Some(&c) if c != b'/' => m(&p[1..], &s[1..]),
                _ => Some(false),
            },
            b'[' => {
                let (ok, n) = class(&p[1..], *s.first().unwrap_or(&0))?;
                if s.is_empty() || s[0] == b'/' {
                    return Some(false);
                }
                if ok {
                    m(&p[1 + n..], &s[1..])
                } else {
                    Some(false)
                }
            }
            b'\\' => {
                let c = *p.get(1)?;
                if s.first() == Some(&c) {
                    m(&p[2..], &s[1..])
                } else {
                    Some(false)
                }
            }
            c => {
                if s.first() == Some(&c) {
                    m(&p[1..], &s[1..])
                } else {
                    Some(false)
                }
            }
        }
    }
    m(pat, name).unwrap_or(false)
}

/// `module.MatchPrefixPatterns`: whether any comma-separated glob matches a
/// prefix of `target` (by path elements).
pub(crate) fn match_prefix_patterns(globs: &str, target: &str) -> bool {
    for glob in globs.split(',') {
        if glob.is_empty() {
            continue;
        }
        let n = glob.matches('/').count();
        let mut prefix = target;
        // Walk to the prefix with as many elements as the glob.
        let mut count = 0;
        let mut end = target.len();
        for (i, b) in target.bytes().enumerate() {
            if b == b'/' {
                if count == n {
                    end = i;
                    break;
                }
                count += 1;
            }
        }
        if count < n {
            continue;
        }
        prefix = &prefix[..end];
        if glob_match(glob.as_bytes(), prefix.as_bytes()) {
            return true;
        }
    }
    false
}

/// The known checksum databases (`knownGOSUMDB`).
pub(super) const SUM_GOLANG_ORG: &str = "sum.golang.org";

/// `dbDial`'s validation: the database name, or go's error.
pub(super) fn sumdb_name(gosumdb: &str) -> Result<String, String> {
    let g = if gosumdb == "sum.golang.google.cn" {
        "sum.golang.org https://sum.golang.google.cn"
    } else {
        gosumdb
    };
    if g == "off" {
        return Err("checksum database disabled by GOSUMDB=off".into());
    }
    let key: Vec<&str> = g.split_ascii_whitespace().collect();
    if key.is_empty() {
        return Err("missing GOSUMDB".into());
    }
    if key.len() > 2 {
        return Err("invalid GOSUMDB: too many fields".into());
    }
    if key[0] == SUM_GOLANG_ORG {
        return Ok(SUM_GOLANG_ORG.into());
    }
    // A verifier key `name+hash+key`: its parts are not verified here
    // beyond their shape.
    let parts: Vec<&str> = key[0].splitn(3, '+').collect();
    if parts.len() != 3 || parts[0].is_empty() || parts[1].len() != 8 {
        return Err("invalid GOSUMDB: malformed verifier id".into());
    }
    Ok(parts[0].to_string())
}

/// The URL of a checksum database lookup: GOSUMDB's explicit URL, else
/// `https://<name>` (go may reach it through the proxies first).
pub(super) fn sumdb_url(gosumdb: &str, db: &str, modv: &str) -> String {
    let g = if gosumdb == "sum.golang.google.cn" {
        "sum.golang.org https://sum.golang.google.cn"
    } else {
        gosumdb
    };
    let base = match g.split_ascii_whitespace().nth(1) {
        Some(u) => u.trim_end_matches('/').to_string(),
        None => format!("https://{db}"),
    };
    format!("{base}/lookup/{modv}")
}

/// The toolchain module version for a toolchain name.
pub(super) fn toolchain_module_version(name: &str, host: (&str, &str)) -> String {
    format!("v0.0.1-{name}.{}-{}", host.0, host.1)
}

/// The toolchain name a `golang.org/toolchain` module version stands for
/// on `host` (the inverse of `toolchain_module_version`); None for another
/// platform's or another form.
pub(crate) fn toolchain_of_module_version<'a>(mv: &'a str, host: (&str, &str)) -> Option<&'a str> {
    let name = mv
        .strip_prefix("v0.0.1-")?
        .strip_suffix(host.1)?
        .strip_suffix('-')?
        .strip_suffix(host.0)?
        .strip_suffix('.')?;
    gover::ToolchainName::parse(name).map(|_| name)
}

/// GOPATH's first entry as go reads it (`cfg.GOPATH`'s first element):
/// the setting, else `$HOME/go` (`%USERPROFILE%\go` on Windows); None
/// when neither gives one.
pub(super) fn gopath0(cx: &Cx) -> Option<PathBuf> {
    let host = crate::sys::platform::Platform::current();
    let gp = cx.env("GOPATH").value;
    if gp.is_empty() {
        cx.input
            .env
            .process
            .get(host.home_var())
            .filter(|h| !h.is_empty())
            .map(|h| PathBuf::from(lossy(h)).join("go"))
    } else {
        lossy(&gp)
            .split(char::from(host.list_sep()))
            .next()
            .filter(|e| !e.is_empty())
            .map(PathBuf::from)
    }
}

/// GOMODCACHE as go computes it (`cfg.GOMODCACHE`): the setting, else
/// `GOPATH[0]/pkg/mod`, GOPATH defaulting to `$HOME/go`. Err: go's
/// `checkCacheDir` message.
pub(super) fn modcache(cx: &Cx) -> Result<PathBuf, String> {
    let m = cx.env("GOMODCACHE").value;
    let dir = if !m.is_empty() {
        PathBuf::from(lossy(&m))
    } else {
        let first = gopath0(cx);
        match first {
            Some(p) => p.join("pkg").join("mod"),
            None => {
                return Err("module cache not found: neither GOMODCACHE nor GOPATH is set".into())
            }
        }
    };
    if !dir.is_absolute() {
        return Err(format!(
            "GOMODCACHE entry is relative; must be absolute path: {}.\n",
            quote(dir.to_string_lossy().as_bytes())
        ));
    }
    Ok(dir)
}

/// The result of trying one proxy for the toolchain zip.
pub(super) enum Try {
    Ok,
    NotExist,
    Network(String),
}

/// `Exec`'s download path.
pub(super) fn download(cx: &mut Cx, name: &str) -> Run {
    let host = cx.input.host;
    let mv = toolchain_module_version(name, host);
    let modpath = "golang.org/toolchain";
    let dl = |fate: Fate| Run::Download {
        name: name.to_string(),
        fate,
    };
    let fail = |msg: String| Fate::Fails {
        error: GoError::new(msg),
    };
    // Exec initializes modules (no main module) before the download: the
    // GOPATH go.mod check of the local go runs (with Exec's log prefix).
    if let Some(Module::Fail { error }) = gopath_go_mod(cx, cx.rules, true) {
        return Run::Fail {
            error: GoError::new(format!("go: {}", error.message)),
        };
    }
    let mc = match modcache(cx) {
        Ok(m) => m,
        Err(e) => {
            return Run::Fail {
                error: GoError::new(format!("go: {e}")),
            }
        }
    };
    if !gover::semver::is_valid(&mv) {
        return dl(fail(format!(
            "go: download {name}: non-semver module version {}",
            quote(mv.as_bytes())
        )));
    }
    let goproxy = lossy(&cx.env("GOPROXY").value);
    let goprivate = lossy(&cx.env("GOPRIVATE").value);
    let gonoproxy = lossy(&cx.input.env.get_or("GONOPROXY", goprivate.as_bytes()));
    let gonosumdb = lossy(&cx.input.env.get_or("GONOSUMDB", goprivate.as_bytes()));
    let gosumdb = lossy(&cx.env("GOSUMDB").value);

    // useSumDB for the toolchain module.
    let single_file_proxy = goproxy.starts_with("file://") && !goproxy.contains([',', '|']);
    let use_sumdb =
        !single_file_proxy || (gosumdb != "off" && !match_prefix_patterns(&gonosumdb, modpath));

    let cached = cx.world.toolchain_cache(&mc, &mv);
    let dir = mc.join(format!("{modpath}@{mv}"));
    match cached {
        CacheState::Unknown => {
            return Run::Unknown {
                name: name.to_string(),
                why: "the module cache was not looked at".into(),
            }
        }
        CacheState::Extracted {
            sumdb_lookup_cached,
        } => {
            // checkMod: the checksum database, unless exempt.
            let fate = if use_sumdb && !sumdb_lookup_cached {
                match sumdb_name(&gosumdb) {
                    Err(e) => fail(format!("go: {modpath}@{mv}: verifying module: {e}")),
                    Ok(db) => Fate::NeedsNetwork {
                        url: sumdb_url(&gosumdb, &db, &format!("{modpath}@{mv}")),
                    },
                }
            } else {
                Fate::Succeeds
            };
            return Run::ModCache {
                name: name.to_string(),
                dir,
                fate,
            };
        }
        CacheState::Absent => {}
    }

    cx.notes
        .push(format!("go: downloading {name} ({}/{})", host.0, host.1));
    let list = match proxy_list(&goproxy, &gonoproxy) {
        Ok(l) => l,
        Err(e) => return dl(fail(format!("go: download {name}: {e}"))),
    };
    // TryProxies
    let zip_rel = format!("{modpath}/@v/{mv}.zip");
    let mut best: Option<(u8, Try)> = None;
    let mut got = false;
    for p in &list {
        let t = match p.url.as_str() {
            "off" => Try::NotExist,
            "noproxy" => {
                if match_prefix_patterns(&gonoproxy, modpath) {
                    Try::Network("direct".into())
                } else {
                    Try::NotExist
                }
            }
            "direct" => Try::Network("direct".into()),
            u if u.starts_with("file://") => {
                let base = &u["file://".len()..];
                let f = PathBuf::from(base.trim_end_matches('/')).join(&zip_rel);
                if cx.world.is_file(&f) {
                    Try::Ok
                } else {
                    Try::NotExist
                }
            }
            u => Try::Network(format!("{}/{zip_rel}", u.trim_end_matches('/'))),
        };
        let direct = p.url == "direct" || p.url == "noproxy";
        match t {
            Try::Ok => {
                got = true;
                break;
            }
            Try::NotExist => {
                if best.is_none() {
                    best = Some((0, t));
                }
                // NotExist errors fall through to the next proxy.
            }
            Try::Network(_) => {
                let rank = if direct { 2 } else { 1 };
                if best.as_ref().is_none_or(|(r, _)| *r <= rank) {
                    best = Some((rank, t));
                }
                if !p.fall_back_on_error {
                    break;
                }
            }
        }
    }
    if !got {
        return match best {
            Some((_, Try::Network(url))) => dl(Fate::NeedsNetwork { url }),
            _ => {
                let v = gover::from_toolchain(name);
                if gover::is_lang(v) && gover::compare(v, "1.21").is_ge() {
                    dl(fail(format!(
                        "go: invalid toolchain: {name} is a language version but not a toolchain version ({name}.x)"
                    )))
                } else {
                    dl(fail(format!(
                        "go: download {name} for {}/{}: toolchain not available",
                        host.0, host.1
                    )))
                }
            }
        };
    }
    // The zip is there: verify it.
    if use_sumdb {
        return match sumdb_name(&gosumdb) {
            Err(e) => dl(fail(format!(
                "go: download {name}: {modpath}@{mv}: verifying module: {e}"
            ))),
            Ok(db) => dl(Fate::NeedsNetwork {
                url: sumdb_url(&gosumdb, &db, &format!("{modpath}@{mv}")),
            }),
        };
    }
    dl(Fate::Succeeds)
}
