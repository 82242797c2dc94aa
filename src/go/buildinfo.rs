//! The build information the Go linker embeds in every Go binary (Go 1.18+
//! format), decoded from bytes as `debug/buildinfo` and
//! `runtime/debug.ParseBuildInfo` do. Pure: the probe finds the header in
//! the file (`probe::buildinfo`) and passes the bytes from there on.
//!
//! ```text
//! 0..14  "\xff Go buildinf:"
//! 14     pointer size
//! 15     flags: 1 = big-endian pointers, 2 = strings inline (Go 1.18+)
//! 32..   uvarint length + runtime.Version(), uvarint length + module info
//! ```
//!
//! The module info is framed by two 16-byte sentinels and holds lines
//! `path\t<main package>`, `mod\t<module>\t<version>\t<sum>`,
//! `dep\t…`, `=>\t…` (a replacement) and `build\t<key>=<value>`.

/// `\xff Go buildinf:`
pub(crate) const MAGIC: &[u8; 14] = b"\xff Go buildinf:";
/// The header's alignment in the file.
pub(crate) const ALIGN: usize = 16;
/// The header's size; the inline strings follow it.
pub(crate) const HEADER: usize = 32;
const FLAG_INLINE: u8 = 2;
/// The longest version string accepted.
pub(crate) const MAX_VERSION_LEN: u64 = 1024;

/// A Go binary's build information.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildInfo {
    /// `runtime.Version()` of the Go that built it (`go1.22.12`,
    /// `go1.22.3 X:nocoverageredesign`, `devel go1.23-abcdef …`).
    pub go_version: String,
    /// The main package's import path (`golang.org/x/tools/gopls`); empty
    /// when the binary was built without module information.
    pub path: String,
    /// The main module's path and version (`(devel)` for a build from a
    /// local checkout).
    pub main: Option<Module>,
}

/// A module line of the build info.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Module {
    pub path: String,
    pub version: String,
}

impl BuildInfo {
    /// The version `go install <path>@<version>` reinstalls: the main
    /// module's version, when it names a published one (not `(devel)`).
    pub(crate) fn install_version(&self) -> Option<&str> {
        let m = self.main.as_ref()?;
        let v = m.version.as_str();
        (!v.is_empty() && v != "(devel)" && !self.path.is_empty()).then_some(v)
    }
}

/// The header's flags say the strings follow it inline (Go 1.18+); the
/// older pointer format is not decoded.
pub(crate) fn is_inline(header: &[u8]) -> bool {
    header.len() >= HEADER && header.starts_with(MAGIC) && header[15] & FLAG_INLINE != 0
}

/// The Go version only, from `buf` starting at the header (what
/// `runtime.Version()` returns). None for another format, a bad length or
/// too few bytes.
pub fn version(buf: &[u8]) -> Option<String> {
    if !is_inline(buf) {
        return None;
    }
    let (v, _) = decode_string(&buf[HEADER..], MAX_VERSION_LEN)?;
    (!v.is_empty()).then(|| String::from_utf8_lossy(v).into_owned())
}

/// The version and the module info, from `buf` starting at the header.
/// Module info cut short by the end of `buf` is left out (the version is
/// still returned).
pub(crate) fn decode(buf: &[u8]) -> Option<BuildInfo> {
    if !is_inline(buf) {
        return None;
    }
    let (v, rest) = decode_string(&buf[HEADER..], MAX_VERSION_LEN)?;
    if v.is_empty() {
        return None;
    }
    let mut bi = BuildInfo {
        go_version: String::from_utf8_lossy(v).into_owned(),
        ..BuildInfo::default()
    };
    if let Some((m, _)) = decode_string(rest, u64::MAX) {
        // Strip the sentinels, as debug/buildinfo does.
        if m.len() >= 33 && m[m.len() - 17] == b'\n' {
            parse_modinfo(&String::from_utf8_lossy(&m[16..m.len() - 16]), &mut bi);
        }
    }
    Some(bi)
}

/// The lines `runtime/debug.ParseBuildInfo` reads (`path`, `mod`); others
/// are ignored. Lines are newline-terminated; a last unterminated line is
/// not read (as Go).
fn parse_modinfo(data: &str, bi: &mut BuildInfo) {
    let mut rest = data;
    while let Some((line, r)) = rest.split_once('\n') {
        rest = r;
        if let Some(p) = line.strip_prefix("path\t") {
            bi.path = p.to_string();
        } else if let Some(m) = line.strip_prefix("mod\t") {
            let elem: Vec<&str> = m.split('\t').collect();
            if elem.len() == 2 || elem.len() == 3 {
                bi.main = Some(Module {
                    path: elem[0].to_string(),
                    version: elem[1].to_string(),
                });
            }
        }
    }
}

/// A uvarint-prefixed string no longer than `max`, and what follows it.
fn decode_string(b: &[u8], max: u64) -> Option<(&[u8], &[u8])> {
    let (len, n) = uvarint(b)?;
    if len > max {
        return None;
    }
    let end = n.checked_add(usize::try_from(len).ok()?)?;
    Some((b.get(n..end)?, &b[end..]))
}

/// `encoding/binary.Uvarint`: value and bytes consumed.
pub(crate) fn uvarint(b: &[u8]) -> Option<(u64, usize)> {
    let mut x = 0u64;
    for (i, &c) in b.iter().enumerate().take(10) {
        if i == 9 && c > 1 {
            return None;
        }
        x |= u64::from(c & 0x7f) << (7 * i);
        if c < 0x80 {
            return Some((x, i + 1));
        }
    }
    None
}

/// Test support: a header with inline strings, as the linker writes it.
#[cfg(test)]
pub(crate) fn encode(version: &str, modinfo: Option<&str>) -> Vec<u8> {
    fn put(b: &mut Vec<u8>, s: &[u8]) {
        let mut n = s.len() as u64;
        while n >= 0x80 {
            b.push((n as u8) | 0x80);
            n >>= 7;
        }
        b.push(n as u8);
        b.extend_from_slice(s);
    }
    let mut b = MAGIC.to_vec();
    b.push(8);
    b.push(FLAG_INLINE);
    b.resize(HEADER, 0);
    put(&mut b, version.as_bytes());
    match modinfo {
        Some(m) => {
            let mut framed = vec![0x30u8; 16];
            framed.extend_from_slice(m.as_bytes());
            framed.extend_from_slice(&[0xf9u8; 16]);
            put(&mut b, &framed);
        }
        None => put(&mut b, b""),
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uvarint_matches_go() {
        assert_eq!(uvarint(&[0x08]), Some((8, 1)));
        assert_eq!(uvarint(&[0x96, 0x01]), Some((150, 2)));
        assert_eq!(uvarint(&[0x80]), None);
        assert_eq!(uvarint(&[0xff; 11]), None);
        assert_eq!(uvarint(&[]), None);
    }

    #[test]
    fn decodes_version_and_main_module() {
        let info = "path\tgolang.org/x/tools/gopls\nmod\tgolang.org/x/tools/gopls\tv0.16.1\th1:abc=\ndep\tgolang.org/x/mod\tv0.20.0\th1:x=\nbuild\t-compiler=gc\n";
        let b = encode("go1.21.13", Some(info));
        let bi = decode(&b).unwrap();
        assert_eq!(bi.go_version, "go1.21.13");
        assert_eq!(bi.path, "golang.org/x/tools/gopls");
        assert_eq!(
            bi.main,
            Some(Module {
                path: "golang.org/x/tools/gopls".into(),
                version: "v0.16.1".into()
            })
        );
        assert_eq!(bi.install_version(), Some("v0.16.1"));
        assert_eq!(version(&b).as_deref(), Some("go1.21.13"));
    }

    #[test]
    fn devel_and_missing_module_info() {
        let b = encode(
            "go1.22.12",
            Some("path\texample.com/tool\nmod\texample.com/tool\t(devel)\t\n"),
        );
        let bi = decode(&b).unwrap();
        assert_eq!(bi.main.as_ref().unwrap().version, "(devel)");
        assert_eq!(bi.install_version(), None);
        let b = encode("go1.22.12", None);
        let bi = decode(&b).unwrap();
        assert_eq!((bi.path.as_str(), bi.main), ("", None));
    }

    #[test]
    fn bad_input_gives_none_or_no_module_info() {
        assert_eq!(decode(b""), None);
        assert_eq!(decode(&[0xffu8; 64]), None);
        let mut old = encode("go1.17", None);
        old[15] = 0; // pointer format
        assert_eq!(decode(&old), None);
        let mut long = encode("go1.22.3", None);
        long[HEADER] = 0x7f; // longer than the buffer
        assert_eq!(decode(&long), None);
        // module info cut short: the version survives
        let mut cut = encode("go1.22.3", Some("path\tx\nmod\tx\tv1.0.0\t\n"));
        cut.truncate(cut.len() - 20);
        let bi = decode(&cut).unwrap();
        assert_eq!((bi.go_version.as_str(), bi.main), ("go1.22.3", None));
        // an empty version is not a Go binary
        assert_eq!(decode(&encode("", None)), None);
    }
}
