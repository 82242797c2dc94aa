//! go.mod, go.work and .go-version lines as Go reads them (pure).

use super::gover;

/// A version line read from a file, with where it was.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Line {
    /// The raw text after the keyword, trimmed (`1.22`, `go1.23.4`, `default`).
    pub value: String,
    /// 1-based line number.
    pub line: usize,
}

/// The `go` and `toolchain` lines of go.mod/go.work text, read as Go's
/// toolchain selection reads them ([`gover::go_mod_lookup`], the one
/// reading): the first trimmed line starting with the keyword and a space
/// or tab, `//` comments cut off. An empty value there means "no value" to
/// Go (later lines are not consulted): None.
pub(crate) fn parse_go_file(data: &[u8]) -> (Option<Line>, Option<Line>) {
    (lookup(data, "go"), lookup(data, "toolchain"))
}

fn lookup(data: &[u8], key: &str) -> Option<Line> {
    let (value, line) = gover::go_mod_lookup(data, key);
    if value.is_empty() {
        return None;
    }
    Some(Line {
        value: String::from_utf8_lossy(value).into_owned(),
        line: line?,
    })
}

/// The value of a `.go-version` file: its first line that is not empty and
/// not a `#` comment, trimmed (CRLF included).
pub(crate) fn parse_go_version_file(text: &str) -> Option<Line> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| (i, l.trim()))
        .find(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| Line {
            value: l.to_string(),
            line: i + 1,
        })
}

/// A `.go-version` file's text with its value set to `version`: the value
/// line ([`parse_go_version_file`]'s) replaced, its line ending kept, the
/// comments and blank lines around it untouched; a file without a value
/// (or none, `None`) gets the version as a line of its own.
pub(crate) fn set_go_version_file(text: Option<&str>, version: &str) -> String {
    let text = text.unwrap_or("");
    match parse_go_version_file(text) {
        Some(l) => {
            let mut out = String::with_capacity(text.len() + version.len());
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                if i + 1 == l.line {
                    out.push_str(version);
                    if line.ends_with('\r') {
                        out.push('\r');
                    }
                } else {
                    out.push_str(line);
                }
            }
            out
        }
        None => {
            let mut out = text.to_string();
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(version);
            out.push('\n');
            out
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn set_go_version_file_replaces_only_the_value() {
        use super::set_go_version_file as set;
        assert_eq!(set(None, "1.22.3"), "1.22.3\n");
        assert_eq!(set(Some(""), "1.22.3"), "1.22.3\n");
        assert_eq!(
            set(Some("# pinned\n\n1.21 \r\n# end\n"), "1.22.3"),
            "# pinned\n\n1.22.3\r\n# end\n"
        );
        assert_eq!(set(Some("1.21"), "1.22.3"), "1.22.3");
        assert_eq!(
            set(Some("# only a comment"), "1.22.3"),
            "# only a comment\n1.22.3\n"
        );
    }
}
