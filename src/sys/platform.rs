//! The operating-system semantics that matter to PATH and Go: list separator,
//! path equality, executable names. A value, not `cfg!`, so Windows behaviour
//! can be tested on Linux.

use std::borrow::Cow;
use std::ffi::{OsStr, OsString};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Os {
    Unix,
    Windows,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Platform {
    pub os: Os,
}

impl Platform {
    pub const UNIX: Platform = Platform { os: Os::Unix };
    pub const WINDOWS: Platform = Platform { os: Os::Windows };

    /// The platform this binary runs on.
    pub fn current() -> Platform {
        if cfg!(windows) {
            Self::WINDOWS
        } else {
            Self::UNIX
        }
    }

    pub fn is_windows(self) -> bool {
        self.os == Os::Windows
    }

    /// The variable naming the home directory, as Go's `os.UserHomeDir`
    /// reads it: `HOME` on Unix, `USERPROFILE` on Windows.
    pub(crate) fn home_var(self) -> &'static str {
        if self.is_windows() {
            "USERPROFILE"
        } else {
            "HOME"
        }
    }

    /// PATH-list separator: `:` on Unix, `;` on Windows.
    pub(crate) fn list_sep(self) -> u8 {
        match self.os {
            Os::Unix => b':',
            Os::Windows => b';',
        }
    }

    /// Directory separator used when joining.
    pub(crate) fn dir_sep(self) -> u8 {
        match self.os {
            Os::Unix => b'/',
            Os::Windows => b'\\',
        }
    }

    fn is_sep(self, b: u8) -> bool {
        b == b'/' || (self.os == Os::Windows && b == b'\\')
    }

    /// The name of the PATH variable as shells that care spell it.
    pub fn path_var(self) -> &'static str {
        match self.os {
            Os::Unix => "PATH",
            Os::Windows => "Path",
        }
    }

    /// Variable names compare case-insensitively on Windows.
    pub fn var_eq(self, a: &OsStr, b: &OsStr) -> bool {
        match self.os {
            Os::Unix => a == b,
            Os::Windows => bytes(a).eq_ignore_ascii_case(&bytes(b)),
        }
    }

    /// A key under which two spellings of the same directory compare equal:
    /// repeated and trailing separators dropped; on Windows `/` becomes `\` and
    /// ASCII letters are folded. The empty entry stays empty (it means ".").
    pub(crate) fn path_key(self, p: &OsStr) -> Vec<u8> {
        self.path_key_cow(p).into_owned()
    }

    /// [`Platform::path_key`] without copying when the path is already in
    /// key form (on Unix: no doubled or trailing `/`), as most PATH entries are.
    pub(crate) fn path_key_cow(self, p: &OsStr) -> Cow<'_, [u8]> {
        let b = bytes(p);
        if self.os == Os::Unix {
            let clean =
                !b.windows(2).any(|w| w == b"//") && (b.len() <= 1 || b.last() != Some(&b'/'));
            if clean {
                return b;
            }
        }
        Cow::Owned(self.normalize_key(&b))
    }

    fn normalize_key(self, b: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(b.len());
        for &c in b.iter() {
            if self.is_sep(c) {
                if out.last().is_some_and(|&l| self.is_sep(l)) && out.len() > 1 {
                    continue;
                }
                out.push(self.dir_sep());
            } else if self.os == Os::Windows {
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        }
        while out.len() > 1 && out.last().is_some_and(|&l| self.is_sep(l)) {
            // keep "C:\" and "/" whole
            if self.os == Os::Windows && out.len() == 3 && out[1] == b':' {
                break;
            }
            out.pop();
        }
        out
    }

    pub(crate) fn path_eq(self, a: &OsStr, b: &OsStr) -> bool {
        self.path_key(a) == self.path_key(b)
    }

    pub fn is_absolute(self, p: &OsStr) -> bool {
        let b = bytes(p);
        match self.os {
            Os::Unix => b.first() == Some(&b'/'),
            Os::Windows => {
                (b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && self.is_sep(b[2]))
                    || (b.len() >= 2 && self.is_sep(b[0]) && self.is_sep(b[1]))
            }
        }
    }

    /// `dir` joined with `name` using this platform's separator.
    pub fn join(self, dir: &OsStr, name: &str) -> OsString {
        let mut b = bytes(dir).into_owned();
        if !b.is_empty() && !self.is_sep(*b.last().unwrap()) {
            b.push(self.dir_sep());
        }
        b.extend_from_slice(name.as_bytes());
        from_bytes(b)
    }

    /// File names under which `go` can be found in one PATH directory, in the
    /// order the platform tries them. On Windows `go` is looked up with each
    /// PATHEXT extension (default `.COM;.EXE;.BAT;.CMD`).
    pub(crate) fn exe_names(self, base: &str, pathext: Option<&OsStr>) -> Vec<String> {
        match self.os {
            Os::Unix => vec![base.to_string()],
            Os::Windows => {
                let exts = pathext
                    .map(|p| String::from_utf8_lossy(&bytes(p)).into_owned())
                    .filter(|s| !s.trim().is_empty())
                    .unwrap_or_else(|| ".COM;.EXE;.BAT;.CMD".to_string());
                exts.split(';')
                    .map(str::trim)
                    .filter(|e| e.starts_with('.') && e.len() > 1)
                    .map(|e| format!("{base}{}", e.to_ascii_lowercase()))
                    .collect()
            }
        }
    }

    /// Splits a PATH-like list. Empty entries are kept (they mean ".").
    /// An empty string is an empty list.
    pub(crate) fn split_list(self, v: &OsStr) -> Vec<OsString> {
        let b = bytes(v);
        let (n, entries) = self.list_entries(&b);
        let mut out = Vec::with_capacity(n);
        out.extend(entries.map(|s| from_bytes(s.to_vec())));
        out
    }

    /// [`split_list`](Self::split_list) of a list's bytes, borrowing each
    /// entry (the shell modules' PATH edit, at every prompt that switches).
    pub(crate) fn split_list_bytes(self, b: &[u8]) -> Vec<&[u8]> {
        let (n, entries) = self.list_entries(b);
        let mut out = Vec::with_capacity(n);
        out.extend(entries);
        out
    }

    /// The one split rule: a list's entries and how many there are (so a
    /// list is sized once: PATH can hold thousands of entries, and this runs
    /// at every prompt that reaches goenv-hook).
    fn list_entries(self, b: &[u8]) -> (usize, impl Iterator<Item = &[u8]>) {
        let sep = self.list_sep();
        let n = if b.is_empty() {
            0
        } else {
            b.iter().filter(|&&c| c == sep).count() + 1
        };
        (n, b.split(move |&c| c == sep).take(n))
    }

    pub fn join_list<S: AsRef<OsStr>>(self, entries: &[S]) -> OsString {
        let len = entries.iter().map(|e| e.as_ref().len() + 1).sum::<usize>();
        let mut out = Vec::with_capacity(len);
        for (i, e) in entries.iter().enumerate() {
            if i > 0 {
                out.push(self.list_sep());
            }
            out.extend_from_slice(&bytes(e.as_ref()));
        }
        // A list of one empty entry must stay distinguishable from "no entries".
        from_bytes(out)
    }
}

/// The bytes of an OS string. On Unix these are exactly the bytes; elsewhere
/// the (lossy) UTF-8 encoding.
pub fn bytes(s: &OsStr) -> Cow<'_, [u8]> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Cow::Borrowed(s.as_bytes())
    }
    #[cfg(not(unix))]
    {
        match s.to_string_lossy() {
            Cow::Borrowed(b) => Cow::Borrowed(b.as_bytes()),
            Cow::Owned(o) => Cow::Owned(o.into_bytes()),
        }
    }
}

/// The inverse of [`bytes`].
/// A value as text for messages (invalid UTF-8 replaced).
pub fn lossy(v: &OsStr) -> String {
    String::from_utf8_lossy(&bytes(v)).into_owned()
}

/// A path as text for messages (invalid UTF-8 replaced).
pub(crate) fn path_lossy(p: &std::path::Path) -> String {
    p.to_string_lossy().into_owned()
}

pub fn from_bytes(b: Vec<u8>) -> OsString {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        OsString::from_vec(b)
    }
    #[cfg(not(unix))]
    {
        OsString::from(String::from_utf8_lossy(&b).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(s: &str) -> OsString {
        OsString::from(s)
    }

    #[test]
    fn unix_path_equality_ignores_trailing_and_doubled_separators() {
        let p = Platform::UNIX;
        assert!(p.path_eq(&os("/usr/bin/"), &os("/usr/bin")));
        assert!(p.path_eq(&os("/usr//bin"), &os("/usr/bin")));
        assert!(!p.path_eq(&os("/usr/Bin"), &os("/usr/bin")));
        assert!(p.path_eq(&os("/"), &os("//")));
        assert!(!p.path_eq(&os(""), &os("/")));
    }

    #[test]
    fn windows_path_equality_folds_case_and_separators() {
        let p = Platform::WINDOWS;
        assert!(p.path_eq(&os(r"C:\Go\bin\"), &os("c:/go/BIN")));
        assert!(p.path_eq(&os(r"C:\"), &os("c:/")));
        assert!(!p.path_eq(&os(r"C:\"), &os("C:")));
        assert!(p.is_absolute(&os(r"C:\Go")));
        assert!(p.is_absolute(&os(r"\\server\share")));
        assert!(!p.is_absolute(&os(r"Go\bin")));
    }

    #[test]
    fn lists_split_and_join_per_platform() {
        let u = Platform::UNIX;
        assert_eq!(
            u.split_list(&os("/a::/b:")),
            vec![os("/a"), os(""), os("/b"), os("")]
        );
        assert_eq!(u.split_list(&os("")), Vec::<OsString>::new());
        assert_eq!(u.join_list(&[os("/a"), os("/b")]), os("/a:/b"));
        let w = Platform::WINDOWS;
        assert_eq!(
            w.split_list(&os(r"C:\a;D:\b")),
            vec![os(r"C:\a"), os(r"D:\b")]
        );
    }

    #[test]
    fn windows_exe_names_follow_pathext() {
        let w = Platform::WINDOWS;
        assert_eq!(
            w.exe_names("go", None),
            ["go.com", "go.exe", "go.bat", "go.cmd"]
        );
        assert_eq!(
            w.exe_names("go", Some(&os(".EXE;;.CMD"))),
            ["go.exe", "go.cmd"]
        );
        assert_eq!(Platform::UNIX.exe_names("go", None), ["go"]);
    }
}
