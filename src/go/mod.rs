//! Go's own rules, as Go implements them, as pure functions: versions
//! ([`gover`]), what Go makes of go.mod and go.work ([`gomod`]), which
//! toolchain a go command runs in a directory, or why it fails
//! ([`decide`]); Go's setting lookup ([`settings`]), the `go env -w` file
//! ([`envfile`]), the grammar of Go's settings ([`validate`]), where Go
//! gets installed ([`layouts`]), and how users write a toolchain request
//! ([`request`]).
//!
//! Nothing here does I/O: the caller (the probe) reads the environment
//! and the files and passes them in; the model answers with Go's exact
//! messages. Each module's docs give its API; [`decide`] is the entry
//! point of the toolchain decision.

pub mod buildinfo;
pub mod decide;
pub mod envfile;
pub mod gomod;
pub mod gover;
pub(crate) mod layouts;
pub(crate) mod modfile;
pub mod request;
pub mod settings;
pub mod validate;

/// Whose rules apply: the local go's release family. Go's behaviour
/// differs between these (messages, the go.mod grammar, toolchain
/// switching); a go outside them gets the nearest family's rules
/// (older than 1.21: [`Rules::Go119`]; newer than 1.23:
/// [`Rules::Go123`]), which is an approximation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rules {
    /// Go 1.19 (and 1.20 and older): no toolchain switching, no
    /// `toolchain` directive, `go` lines are `1.N` only.
    Go119,
    Go121,
    Go122,
    Go123,
}

impl Rules {
    /// The rules of a go whose version is `v` (without the `go` prefix).
    pub(crate) fn for_version(v: &str) -> Rules {
        let p = gover::parse(v);
        if p.major != "1" {
            return if gover::cmp_int(p.major, "1").is_lt() {
                Rules::Go119
            } else {
                Rules::Go123
            };
        }
        match p.minor {
            "21" => Rules::Go121,
            "22" => Rules::Go122,
            "23" => Rules::Go123,
            m if gover::cmp_int(m, "21").is_lt() => Rules::Go119,
            _ => Rules::Go123,
        }
    }
}

/// `unicode.IsPrint`, as far as it can be known without Unicode's
/// category tables: ASCII exactly; above it, everything except controls,
/// spaces other than U+0020, format characters (Cf) and private use.
/// Unassigned code points (which Go treats as not printable) count as
/// printable here.
pub(crate) fn is_print(c: char) -> bool {
    let u = u32::from(c);
    if u < 0x80 {
        return (0x20..0x7f).contains(&u);
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    // noncharacters
    if (0xFDD0..=0xFDEF).contains(&u) || (u & 0xFFFE) == 0xFFFE {
        return false;
    }
    const CF: &[(u32, u32)] = &[
        (0xAD, 0xAD),
        (0x600, 0x605),
        (0x61C, 0x61C),
        (0x6DD, 0x6DD),
        (0x70F, 0x70F),
        (0x890, 0x891),
        (0x8E2, 0x8E2),
        (0x180E, 0x180E),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x2064),
        (0x2066, 0x206F),
        (0xFEFF, 0xFEFF),
        (0xFFF9, 0xFFFB),
        (0x110BD, 0x110BD),
        (0x110CD, 0x110CD),
        (0x13430, 0x1343F),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
        (0xE0001, 0xE0001),
        (0xE0020, 0xE007F),
        // private use
        (0xE000, 0xF8FF),
        (0xF0000, 0xFFFFD),
        (0x100000, 0x10FFFD),
    ];
    !CF.iter().any(|&(a, b)| (a..=b).contains(&u))
}

/// `unicode.IsSpace`.
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' | '\u{85}' | '\u{A0}'
    ) || (u32::from(c) > 0xff && c.is_whitespace())
}

fn quote_with(s: &[u8], q: char, out: &mut String) {
    out.push(q);
    let mut i = 0;
    while i < s.len() {
        let (c, w) = decode_rune(&s[i..]);
        match c {
            None => {
                out.push_str(&format!("\\x{:02x}", s[i]));
            }
            Some(c) => escape_rune(c, q, out),
        }
        i += w;
    }
    out.push(q);
}

fn escape_rune(c: char, q: char, out: &mut String) {
    if c == q || c == '\\' {
        out.push('\\');
        out.push(c);
        return;
    }
    if is_print(c) {
        out.push(c);
        return;
    }
    match c {
        '\u{07}' => out.push_str("\\a"),
        '\u{08}' => out.push_str("\\b"),
        '\u{0C}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{0B}' => out.push_str("\\v"),
        c if u32::from(c) < 0x20 || c == '\u{7f}' => {
            out.push_str(&format!("\\x{:02x}", u32::from(c)));
        }
        c if u32::from(c) < 0x10000 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
        c => out.push_str(&format!("\\U{:08x}", u32::from(c))),
    }
}

/// `utf8.DecodeRune`: the rune and its width; None (width 1) for an
/// invalid byte.
pub(crate) fn decode_rune(s: &[u8]) -> (Option<char>, usize) {
    let Some(&b0) = s.first() else {
        return (None, 0);
    };
    if b0 < 0x80 {
        return (Some(char::from(b0)), 1);
    }
    let n = match b0 {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return (None, 1),
    };
    if s.len() < n {
        return (None, 1);
    }
    match std::str::from_utf8(&s[..n]) {
        Ok(t) => (t.chars().next(), n),
        Err(_) => (None, 1),
    }
}

/// `strconv.Quote` (Go's `%q` of a string), on bytes: invalid UTF-8
/// shows as `\xNN`.
pub fn quote(s: impl AsRef<[u8]>) -> String {
    let mut out = String::new();
    quote_with(s.as_ref(), '"', &mut out);
    out
}

/// `strconv.QuoteRune` (Go's `%q` of a rune).
pub(crate) fn quote_rune(c: char) -> String {
    let mut out = String::from('\'');
    escape_rune(c, '\'', &mut out);
    out.push('\'');
    out
}

/// Bytes as Go would print them with `%s`, made a Rust string: invalid
/// UTF-8 becomes U+FFFD (as a lossy reading of go's output does too).
pub fn lossy(s: &[u8]) -> String {
    String::from_utf8_lossy(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_is_go_quoting() {
        assert_eq!(quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quote(b"\xff\x00\n\x7f"), r#""\xff\x00\n\x7f""#);
        assert_eq!(quote("é\u{200b}\u{a0}"), "\"é\\u200b\\u00a0\"");
        assert_eq!(quote_rune('\0'), r"'\x00'");
        assert_eq!(quote_rune('\''), r"'\''");
        assert_eq!(quote_rune('"'), "'\"'");
        assert_eq!(quote_rune('\u{b}'), r"'\v'");
        assert_eq!(quote_rune('\u{10ffff}'), r"'\U0010ffff'");
    }

    #[test]
    fn rules_for_versions() {
        assert_eq!(Rules::for_version("1.19.8"), Rules::Go119);
        assert_eq!(Rules::for_version("1.20"), Rules::Go119);
        assert_eq!(Rules::for_version("1.21.13"), Rules::Go121);
        assert_eq!(Rules::for_version("1.21rc2"), Rules::Go121);
        assert_eq!(Rules::for_version("1.22.12"), Rules::Go122);
        assert_eq!(Rules::for_version("1.23.5"), Rules::Go123);
        assert_eq!(Rules::for_version("1.26.0"), Rules::Go123);
        assert_eq!(Rules::for_version("2.0.0"), Rules::Go123);
    }
}
