//! What Go makes of a go.mod or go.work file, for toolchain selection and
//! for knowing when every module-aware go command refuses the file: a port
//! of `golang.org/x/mod/modfile` (vendored in `cmd/vendor`) as each Go
//! release has it: the lexer and parser (`read.go`), and the directive
//! checks of `Parse` (go.mod, strict, as for a main module) and
//! `ParseWork` (go.work), with Go's exact messages and positions.
//!
//! API: [`parse`] → [`File`] or [`Errors`] (whose `Display` is what Go
//! prints after `errors parsing go.mod:`); [`File::go`],
//! [`File::toolchain`] with their lines; [`check_import_path`] for the
//! module path check `cmd/go` adds; [`go_version_ok`] and
//! [`toolchain_ok`] (the directive grammars).
//!
//! Per Go version ([`Rules`]):
//!
//! | | go line grammar / message | toolchain | godebug |
//! |---|---|---|---|
//! | 1.19 | `1.N` only; `must match format 1.23` | `unknown directive` | `unknown directive` |
//! | 1.21 | `1.N[.P][word N]`; `1.23` | `go1.23 or local` | unknown |
//! | 1.22 | go.mod `1.23.0`, go.work `1.23` | go.mod `go1.23.0 or local`, go.work `go1.23 or local` | unknown |
//! | 1.23 | `1.23.0` | `go1.23.0 or default` | `godebug key=value` |
//!
//! (1.19 and 1.21 say a versionless replacement must start with `./ or
//! ../`, 1.22+ `. or ..`, and treat `.`/`..` alone as directories from
//! 1.22; 1.19 lacks the `path@version` replacement message.)
//!
//! Not modelled: versions in require/exclude/replace/retract that are not
//! canonical semver (`v1.2`, `master`): Go resolves them over the network
//! while parsing; they are listed in [`File::queries`] and the file is
//! otherwise accepted. The `fix` of `gopkg.in` `-gopkgin-` versions.
//! Comments are skipped (they carry no errors; `// indirect` and
//! `Deprecated:` do not matter here).
//!
//! Pure: no I/O. Invalid UTF-8 in a file shows as U+FFFD in messages.

use super::{decode_rune, gover, is_print, is_space, lossy, quote, quote_rune, Rules};
use std::fmt;

/// Which grammar: a go.mod or a go.work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    GoMod,
    GoWork,
}

/// A position: line (1-based), rune in the line (1-based), byte offset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Pos {
    pub line: usize,
    pub(crate) col: usize,
    #[serde(skip)]
    pub byte: usize,
}

/// One error, as `modfile.Error`: Display is Go's text (`go.mod:3:
/// invalid go version 'banana': must match format 1.23.0`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Error {
    /// The file name as given to [`parse`] (Go passes a short path).
    pub file: String,
    pub pos: Pos,
    /// The directive (`require`), when the message names it.
    pub(crate) verb: String,
    /// The module path, when the message names it.
    pub(crate) mod_path: String,
    pub msg: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pos.col > 1 {
            write!(f, "{}:{}:{}: ", self.file, self.pos.line, self.pos.col)?;
        } else if self.pos.line > 0 {
            write!(f, "{}:{}: ", self.file, self.pos.line)?;
        } else if !self.file.is_empty() {
            write!(f, "{}: ", self.file)?;
        }
        if !self.mod_path.is_empty() {
            write!(f, "{} {}: ", self.verb, self.mod_path)?;
        } else if !self.verb.is_empty() {
            write!(f, "{}: ", self.verb)?;
        }
        f.write_str(&self.msg)
    }
}

/// `modfile.ErrorList`: one per line in Go's output.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Errors(pub Vec<Error>);

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// A directive's value and where it is.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Directive {
    pub value: String,
    pub line: usize,
}

/// A version Go resolves over the network while reading the file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Query {
    pub(crate) verb: String,
    pub path: String,
    pub version: String,
    pub line: usize,
}

/// A go.mod or go.work Go accepts.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct File {
    pub go: Option<Directive>,
    pub toolchain: Option<Directive>,
    /// go.mod: the module path (unquoted; invalid UTF-8 shown as U+FFFD).
    pub module: Option<Directive>,
    /// go.mod: the module path's bytes.
    #[serde(skip)]
    pub(crate) module_raw: Option<Vec<u8>>,
    /// go.work: the `use` directories (unquoted).
    pub uses: Vec<Directive>,
    /// `godebug key=value` lines (Go 1.23): key, value, line.
    pub godebug: Vec<(String, String, usize)>,
    pub requires: usize,
    pub replaces: usize,
    /// Versions Go must resolve over the network (not modelled).
    pub(crate) queries: Vec<Query>,
}

// ---------------------------------------------------------------------------
// The lexer and parser (read.go).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TokKind {
    Eof,
    EolComment,
    Ident,
    Str,
    Comment,
    Punct(u8),
}

impl TokKind {
    fn is_eol(self) -> bool {
        matches!(
            self,
            TokKind::Eof | TokKind::EolComment | TokKind::Punct(b'\n')
        )
    }
}

#[derive(Clone, Debug)]
struct Token {
    kind: TokKind,
    pos: Pos,
    text: Vec<u8>,
}

#[derive(Debug)]
struct Line {
    start: Pos,
    tokens: Vec<Vec<u8>>,
}

#[derive(Debug)]
enum Stmt {
    Line(Line),
    Block {
        start: Pos,
        tokens: Vec<Vec<u8>>,
        lines: Vec<Line>,
    },
}

struct Input<'a> {
    file: &'a str,
    complete: &'a [u8],
    at: usize,
    pos: Pos,
    token: Token,
    token_start: usize,
}

type PResult<T> = Result<T, Error>;

/// `isIdent`: most printable runes, except space and `()[]{},`.
fn is_ident(c: Option<char>) -> bool {
    match c {
        None => false,
        Some(' ' | '(' | ')' | '[' | ']' | '{' | '}' | ',') => false,
        Some(c) => !is_space(c) && is_print(c),
    }
}

impl<'a> Input<'a> {
    fn err(&self, msg: impl Into<String>) -> Error {
        Error {
            file: self.file.to_string(),
            pos: self.pos,
            verb: String::new(),
            mod_path: String::new(),
            msg: msg.into(),
        }
    }
    fn eof(&self) -> bool {
        self.at >= self.complete.len()
    }
    fn remaining(&self) -> &'a [u8] {
        &self.complete[self.at..]
    }
    /// `peekRune`: 0 at EOF, U+FFFD for an invalid byte.
    fn peek_rune(&self) -> Option<char> {
        if self.eof() {
            return Some('\0');
        }
        match decode_rune(self.remaining()) {
            (Some(c), _) => Some(c),
            (None, _) => Some('\u{FFFD}'),
        }
    }
    fn peek_prefix(&self, p: &str) -> bool {
        self.remaining().starts_with(p.as_bytes())
    }
    fn read_rune(&mut self) -> PResult<char> {
        if self.eof() {
            return Err(self.err("internal lexer error: readRune at EOF"));
        }
        let (c, w) = decode_rune(self.remaining());
        let c = c.unwrap_or('\u{FFFD}');
        self.at += w;
        if c == '\n' {
            self.pos.line += 1;
            self.pos.col = 1;
        } else {
            self.pos.col += 1;
        }
        self.pos.byte += w;
        Ok(c)
    }
    fn start_token(&mut self) {
        self.token_start = self.at;
        self.token.text.clear();
        self.token.pos = self.pos;
    }
    fn end_token(&mut self, kind: TokKind) {
        self.token.kind = kind;
        self.token.text = self.complete[self.token_start..self.at].to_vec();
    }
    fn peek(&self) -> TokKind {
        self.token.kind
    }
    fn lex(&mut self) -> PResult<Token> {
        let tok = self.token.clone();
        self.read_token()?;
        Ok(tok)
    }

    fn read_token(&mut self) -> PResult<()> {
        while !self.eof() {
            let c = self.peek_rune();
            if matches!(c, Some(' ' | '\t' | '\r')) {
                self.read_rune()?;
                continue;
            }
            if self.peek_prefix("//") {
                self.start_token();
                let before = &self.complete[..self.pos.byte];
                let i = before
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let suffix = !gover::trim_space(&self.complete[i..self.pos.byte]).is_empty();
                self.read_rune()?;
                self.read_rune()?;
                while !self.eof() && self.read_rune()? != '\n' {}
                if !suffix {
                    self.end_token(TokKind::Comment);
                } else {
                    self.end_token(TokKind::EolComment);
                }
                return Ok(());
            }
            if self.peek_prefix("/*") {
                return Err(self.err("mod files must use // comments (not /* */ comments)"));
            }
            break;
        }
        self.start_token();
        if self.eof() {
            self.end_token(TokKind::Eof);
            return Ok(());
        }
        let c = self.peek_rune();
        match c {
            Some(c @ ('\n' | '(' | ')' | '[' | ']' | '{' | '}' | ',')) => {
                self.read_rune()?;
                self.end_token(TokKind::Punct(c as u8));
                return Ok(());
            }
            Some(q @ ('"' | '`')) => {
                self.read_rune()?;
                loop {
                    if self.eof() {
                        self.pos = self.token.pos;
                        return Err(self.err("unexpected EOF in string"));
                    }
                    if self.peek_rune() == Some('\n') {
                        return Err(self.err("unexpected newline in string"));
                    }
                    let c = self.read_rune()?;
                    if c == q {
                        break;
                    }
                    if c == '\\' && q != '`' {
                        if self.eof() {
                            self.pos = self.token.pos;
                            return Err(self.err("unexpected EOF in string"));
                        }
                        self.read_rune()?;
                    }
                }
                self.end_token(TokKind::Str);
                return Ok(());
            }
            _ => {}
        }
        if !is_ident(c) {
            let c = c.unwrap_or('\0');
            return Err(self.err(format!("unexpected input character {}", quote_rune(c))));
        }
        while is_ident(self.peek_rune()) {
            if self.peek_prefix("//") {
                break;
            }
            if self.peek_prefix("/*") {
                return Err(self.err("mod files must use // comments (not /* */ comments)"));
            }
            self.read_rune()?;
        }
        self.end_token(TokKind::Ident);
        Ok(())
    }

    fn parse_file(&mut self) -> PResult<Vec<Stmt>> {
        let mut out = Vec::new();
        loop {
            match self.peek() {
                TokKind::Punct(b'\n') | TokKind::Comment => {
                    self.lex()?;
                }
                TokKind::Eof => return Ok(out),
                _ => out.push(self.parse_stmt()?),
            }
        }
    }

    fn parse_stmt(&mut self) -> PResult<Stmt> {
        let tok = self.lex()?;
        let start = tok.pos;
        let mut tokens = vec![tok.text];
        loop {
            let tok = self.lex()?;
            if tok.kind.is_eol() {
                return Ok(Stmt::Line(Line { start, tokens }));
            }
            if tok.kind == TokKind::Punct(b'(') {
                let next = self.peek();
                if next.is_eol() {
                    return self.parse_line_block(start, tokens);
                } else if next == TokKind::Punct(b')') {
                    let rparen = self.lex()?;
                    if self.peek().is_eol() {
                        self.lex()?;
                        return Ok(Stmt::Block {
                            start,
                            tokens,
                            lines: Vec::new(),
                        });
                    }
                    tokens.push(tok.text);
                    tokens.push(rparen.text);
                } else {
                    tokens.push(tok.text);
                }
            } else {
                tokens.push(tok.text);
            }
        }
    }

    fn parse_line_block(&mut self, start: Pos, tokens: Vec<Vec<u8>>) -> PResult<Stmt> {
        let mut lines = Vec::new();
        loop {
            match self.peek() {
                TokKind::EolComment | TokKind::Punct(b'\n') | TokKind::Comment => {
                    self.lex()?;
                }
                TokKind::Eof => {
                    return Err(self.err(format!(
                        "syntax error (unterminated block started at {}:{}:{})",
                        self.file, start.line, start.col
                    )));
                }
                TokKind::Punct(b')') => {
                    self.lex()?;
                    if !self.peek().is_eol() {
                        return Err(self.err("syntax error (expected newline after closing paren)"));
                    }
                    self.lex()?;
                    return Ok(Stmt::Block {
                        start,
                        tokens,
                        lines,
                    });
                }
                _ => lines.push(self.parse_line()?),
            }
        }
    }

    fn parse_line(&mut self) -> PResult<Line> {
        let tok = self.lex()?;
        if tok.kind.is_eol() {
            return Err(self.err("internal parse error: parseLine at end of line"));
        }
        let start = tok.pos;
        let mut tokens = vec![tok.text];
        loop {
            let tok = self.lex()?;
            if tok.kind.is_eol() {
                return Ok(Line { start, tokens });
            }
            tokens.push(tok.text);
        }
    }
}

fn syntax(file: &str, data: &[u8]) -> PResult<Vec<Stmt>> {
    let mut input = Input {
        file,
        complete: data,
        at: 0,
        pos: Pos {
            line: 1,
            col: 1,
            byte: 0,
        },
        token: Token {
            kind: TokKind::Eof,
            pos: Pos::default(),
            text: Vec::new(),
        },
        token_start: 0,
    };
    input.read_token()?;
    input.parse_file()
}

// ---------------------------------------------------------------------------
// Directives (rule.go, work.go).

/// `modfile.GoVersionRE` of the release: 1.19 `^[1-9][0-9]*\.(0|[1-9][0-9]*)$`;
/// 1.21+ also an optional `.patch` and an optional `[a-z]+[0-9]+`.
pub(crate) fn go_version_ok(rules: Rules, v: &[u8]) -> bool {
    fn num(v: &[u8]) -> Option<usize> {
        let n = v.iter().take_while(|b| b.is_ascii_digit()).count();
        if n == 0 || (n > 1 && v[0] == b'0') {
            return None;
        }
        Some(n)
    }
    if v.first() == Some(&b'0') {
        return false;
    }
    let Some(n) = num(v) else { return false };
    let v = &v[n..];
    let Some(v) = v.strip_prefix(b".") else {
        return false;
    };
    let Some(n) = num(v) else { return false };
    let mut v = &v[n..];
    if rules == Rules::Go119 {
        return v.is_empty();
    }
    if let Some(p) = v.strip_prefix(b".") {
        let Some(n) = num(p) else { return false };
        v = &p[n..];
    }
    if v.is_empty() {
        return true;
    }
    let w = v.iter().take_while(|b| b.is_ascii_lowercase()).count();
    if w == 0 {
        return false;
    }
    let d = &v[w..];
    !d.is_empty() && d.iter().all(u8::is_ascii_digit)
}

/// `modfile.ToolchainRE`: `^default$|^go1($|\.)`.
pub(crate) fn toolchain_ok(v: &[u8]) -> bool {
    v == b"default" || v == b"go1" || v.starts_with(b"go1.")
}

/// `strconv.Unquote` of a double-quoted Go string; None on bad syntax.
fn unquote(t: &[u8]) -> Option<Vec<u8>> {
    if t.len() < 2 || t[0] != b'"' || t[t.len() - 1] != b'"' {
        return None;
    }
    let s = &t[1..t.len() - 1];
    if s.contains(&b'\n') {
        return None;
    }
    let mut out = Vec::new();
    let mut i = 0;
    let hex = |b: &[u8]| -> Option<u32> {
        let s = std::str::from_utf8(b).ok()?;
        if !s.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(s, 16).ok()
    };
    let simple = !s.contains(&b'\\') && !s.contains(&b'"') && std::str::from_utf8(s).is_ok();
    if simple {
        return Some(s.to_vec());
    }
    while i < s.len() {
        let c = s[i];
        if c == b'"' {
            return None;
        }
        if c != b'\\' {
            let (r, w) = decode_rune(&s[i..]);
            let mut buf = [0u8; 4];
            out.extend_from_slice(r.unwrap_or('\u{FFFD}').encode_utf8(&mut buf).as_bytes());
            i += w;
            continue;
        }
        i += 1;
        let e = *s.get(i)?;
        i += 1;
        match e {
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'\\' => out.push(b'\\'),
            b'"' => out.push(b'"'),
            b'x' => {
                let v = hex(s.get(i..i + 2)?)?;
                out.push(v as u8);
                i += 2;
            }
            b'u' | b'U' => {
                let n = if e == b'u' { 4 } else { 8 };
                let v = hex(s.get(i..i + n)?)?;
                let ch = char::from_u32(v)?;
                let mut buf = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                i += n;
            }
            b'0'..=b'7' => {
                let d = s.get(i - 1..i + 2)?;
                if !d.iter().all(|b| (b'0'..=b'7').contains(b)) {
                    return None;
                }
                let v = u32::from(d[0] - b'0') * 64
                    + u32::from(d[1] - b'0') * 8
                    + u32::from(d[2] - b'0');
                if v > 255 {
                    return None;
                }
                out.push(v as u8);
                i += 2;
            }
            _ => return None,
        }
    }
    Some(out)
}

/// `modfile.parseString`.
fn parse_string(t: &[u8]) -> Result<Vec<u8>, String> {
    if t.starts_with(b"\"") {
        return unquote(t).ok_or_else(|| "invalid syntax".to_string());
    }
    if t.iter().any(|b| matches!(b, b'"' | b'\'' | b'`')) {
        return Err("unquoted string cannot contain quote".into());
    }
    Ok(t.to_vec())
}

/// `modfile.IsDirectoryPath` of the release.
fn is_directory_path(rules: Rules, ns: &[u8]) -> bool {
    let drive = ns.len() >= 2 && ns[0].is_ascii_alphabetic() && ns[1] == b':';
    let old = ns.starts_with(b"./")
        || ns.starts_with(b"../")
        || ns.starts_with(b"/")
        || ns.starts_with(b".\\")
        || ns.starts_with(b"..\\")
        || ns.starts_with(b"\\")
        || drive;
    if rules >= Rules::Go122 {
        old || ns == b"." || ns == b".."
    } else {
        old
    }
}

/// What `cmd/go` answers when it must resolve a version that is not
/// canonical (`modload.Query`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Resolved (go then also rewrites the file).
    Version(String),
    /// The query fails with this message.
    Error(String),
    /// Not known (the network decides).
    Unknown,
}

/// How versions in require/replace/exclude/retract are checked: Go's
/// `cmd/go` passes a fixer for go.mod (canonical versions checked against
/// the path's major version, others resolved over the network); go.work
/// is parsed without one (versions must be canonical).
#[derive(Clone, Copy, PartialEq)]
enum Fix {
    CmdGo,
    None,
    /// `dontFixRetract`: any string.
    Keep,
}

struct Checker<'a> {
    rules: Rules,
    kind: Kind,
    file: &'a str,
    errs: Vec<Error>,
    out: File,
    resolve: &'a dyn Fn(&str, &str) -> Resolved,
}

/// An error of a directive, with the inner `modfile.Error` parts.
struct DirErr {
    verb: String,
    mod_path: String,
    msg: String,
}

impl DirErr {
    fn plain(msg: impl Into<String>) -> DirErr {
        DirErr {
            verb: String::new(),
            mod_path: String::new(),
            msg: msg.into(),
        }
    }
}

fn invalid_version(version: &[u8], err: &str) -> String {
    format!("version {} invalid: {err}", quote(version))
}

impl Checker<'_> {
    fn push(&mut self, pos: Pos, e: DirErr) {
        self.errs.push(Error {
            file: self.file.to_string(),
            pos,
            verb: e.verb,
            mod_path: e.mod_path,
            msg: e.msg,
        });
    }

    /// `modfile.parseVersion` with the fixer of `fix`; Ok(None): Go
    /// resolves it over the network (recorded in `queries`).
    fn parse_version(
        &mut self,
        verb: &str,
        path: &[u8],
        s: &[u8],
        fix: Fix,
        line: usize,
    ) -> Result<Option<Vec<u8>>, DirErr> {
        let verr = |msg: String| DirErr {
            verb: verb.to_string(),
            mod_path: lossy(path),
            msg,
        };
        let t = parse_string(s).map_err(|e| verr(invalid_version(s, &e)))?;
        match fix {
            Fix::Keep => Ok(Some(t)),
            Fix::None => {
                let cv = module::canonical_version(&lossy(&t));
                if cv.is_empty() || std::str::from_utf8(&t).is_err() {
                    return Err(verr(invalid_version(&t, "must be of the form v1.2.3")));
                }
                Ok(Some(cv.into_bytes()))
            }
            Fix::CmdGo => {
                let p = lossy(path);
                let (_, major, ok) = module::split_path_version(&p);
                if !ok {
                    return Err(verr(invalid_version(
                        &t,
                        &format!("malformed module path {}", quote(path)),
                    )));
                }
                let v = lossy(&t);
                if !v.is_empty()
                    && std::str::from_utf8(&t).is_ok()
                    && module::canonical_version(&v) == v
                {
                    if let Err(e) = module::check_path_major(&v, major) {
                        return Err(verr(invalid_version(&t, &e)));
                    }
                    return Ok(Some(t));
                }
                match (self.resolve)(&p, &v) {
                    Resolved::Version(v) => Ok(Some(v.into_bytes())),
                    Resolved::Error(e) => Err(DirErr::plain(e)),
                    Resolved::Unknown => {
                        self.out.queries.push(Query {
                            verb: verb.to_string(),
                            path: p,
                            version: v,
                            line,
                        });
                        Ok(None)
                    }
                }
            }
        }
    }

    fn add(&mut self, line: &Line, verb: &[u8], args: &[Vec<u8>], fix: Fix) {
        let pos = line.start;
        if let Err(e) = self.add_inner(line, verb, args, fix) {
            self.push(pos, e);
        }
    }

    fn add_inner(
        &mut self,
        line: &Line,
        verb: &[u8],
        args: &[Vec<u8>],
        fix: Fix,
    ) -> Result<(), DirErr> {
        let r = self.rules;
        let work = self.kind == Kind::GoWork;
        let ln = line.start.line;
        match verb {
            b"go" => {
                if self.out.go.is_some() {
                    return Err(DirErr::plain("repeated go statement"));
                }
                if args.len() != 1 {
                    return Err(DirErr::plain("go directive expects exactly one argument"));
                }
                if !go_version_ok(r, &args[0]) {
                    let fmt = match (r, work) {
                        (Rules::Go123, _) | (Rules::Go122, false) => "1.23.0",
                        _ => "1.23",
                    };
                    return Err(DirErr::plain(format!(
                        "invalid go version '{}': must match format {fmt}",
                        lossy(&args[0])
                    )));
                }
                self.out.go = Some(Directive {
                    value: lossy(&args[0]),
                    line: ln,
                });
            }
            b"toolchain" if r >= Rules::Go121 => {
                if self.out.toolchain.is_some() {
                    return Err(DirErr::plain("repeated toolchain statement"));
                }
                if args.len() != 1 {
                    return Err(DirErr::plain(
                        "toolchain directive expects exactly one argument",
                    ));
                }
                if !toolchain_ok(&args[0]) {
                    let fmt = match (r, work) {
                        (Rules::Go123, _) => "go1.23.0 or default",
                        (Rules::Go122, false) => "go1.23.0 or local",
                        _ => "go1.23 or local",
                    };
                    return Err(DirErr::plain(format!(
                        "invalid toolchain version '{}': must match format {fmt}",
                        lossy(&args[0])
                    )));
                }
                self.out.toolchain = Some(Directive {
                    value: lossy(&args[0]),
                    line: ln,
                });
            }
            b"godebug" if r >= Rules::Go123 => {
                let a = args.first().map(Vec::as_slice).unwrap_or_default();
                if args.len() != 1 || a.iter().any(|b| matches!(b, b'"' | b'`' | b'\'' | b',')) {
                    return Err(DirErr::plain("usage: godebug key=value"));
                }
                let Some(i) = a.iter().position(|&b| b == b'=') else {
                    return Err(DirErr::plain("usage: godebug key=value"));
                };
                self.out
                    .godebug
                    .push((lossy(&a[..i]), lossy(&a[i + 1..]), ln));
            }
            b"module" if !work => {
                if self.out.module.is_some() {
                    return Err(DirErr::plain("repeated module statement"));
                }
                self.out.module = Some(Directive {
                    value: String::new(),
                    line: ln,
                });
                if args.len() != 1 {
                    return Err(DirErr::plain("usage: module module/path"));
                }
                let s = parse_string(&args[0])
                    .map_err(|e| DirErr::plain(format!("invalid quoted string: {e}")))?;
                if let Some(m) = &mut self.out.module {
                    m.value = lossy(&s);
                }
                self.out.module_raw = Some(s);
            }
            b"use" if work => {
                if args.len() != 1 {
                    return Err(DirErr::plain("usage: use local/dir"));
                }
                let s = parse_string(&args[0])
                    .map_err(|e| DirErr::plain(format!("invalid quoted string: {e}")))?;
                self.out.uses.push(Directive {
                    value: lossy(&s),
                    line: ln,
                });
            }
            b"require" | b"exclude" if !work => {
                let verb = lossy(verb);
                if args.len() != 2 {
                    return Err(DirErr::plain(format!("usage: {verb} module/path v1.2.3")));
                }
                let s = parse_string(&args[0])
                    .map_err(|e| DirErr::plain(format!("invalid quoted string: {e}")))?;
                let Some(v) = self.parse_version(&verb, &s, &args[1], fix, ln)? else {
                    return Ok(());
                };
                let p = lossy(&s);
                let (_, major, ok) = module::split_path_version(&p);
                if !ok {
                    return Err(DirErr::plain("invalid module path"));
                }
                if let Err(e) = module::check_path_major(&lossy(&v), major) {
                    return Err(DirErr {
                        verb,
                        mod_path: p,
                        msg: invalid_version(&v, &e),
                    });
                }
                if verb == "require" {
                    self.out.requires += 1;
                }
            }
            b"replace" => {
                self.parse_replace(verb, args, fix, ln)?;
                self.out.replaces += 1;
            }
            b"retract" if !work => {
                let mut rest = args;
                self.parse_version_interval("retract", b"", &mut rest, Fix::Keep, ln)?;
                if let Some(t) = rest.first() {
                    return Err(DirErr::plain(format!(
                        "unexpected token after version: {}",
                        quote(t)
                    )));
                }
            }
            _ => return Err(DirErr::plain(format!("unknown directive: {}", lossy(verb)))),
        }
        Ok(())
    }

    fn parse_replace(
        &mut self,
        verb: &[u8],
        args: &[Vec<u8>],
        fix: Fix,
        ln: usize,
    ) -> Result<(), DirErr> {
        let verb = lossy(verb);
        let arrow = if args.len() >= 2 && args[1] == b"=>" {
            1
        } else {
            2
        };
        if args.len() < arrow + 2 || args.len() > arrow + 3 || args[arrow] != b"=>" {
            return Err(DirErr::plain(format!(
                "usage: {verb} module/path [v1.2.3] => other/module v1.4\n\t or {verb} module/path [v1.2.3] => ../local/directory"
            )));
        }
        let s = parse_string(&args[0])
            .map_err(|e| DirErr::plain(format!("invalid quoted string: {e}")))?;
        let p = lossy(&s);
        let (_, major, ok) = module::split_path_version(&p);
        if !ok {
            return Err(DirErr {
                verb,
                mod_path: p,
                msg: "invalid module path".into(),
            });
        }
        if arrow == 2 {
            let Some(v) = self.parse_version(&verb, &s, &args[1], fix, ln)? else {
                return Ok(());
            };
            if let Err(e) = module::check_path_major(&lossy(&v), major) {
                return Err(DirErr {
                    verb,
                    mod_path: p,
                    msg: invalid_version(&v, &e),
                });
            }
        }
        let ns = parse_string(&args[arrow + 1])
            .map_err(|e| DirErr::plain(format!("invalid quoted string: {e}")))?;
        if args.len() == arrow + 2 {
            if !is_directory_path(self.rules, &ns) {
                if self.rules >= Rules::Go121 && ns.contains(&b'@') {
                    return Err(DirErr::plain(
                        "replacement module must match format 'path version', not 'path@version'",
                    ));
                }
                return Err(DirErr::plain(if self.rules >= Rules::Go122 {
                    "replacement module without version must be directory path (rooted or starting with . or ..)"
                } else {
                    "replacement module without version must be directory path (rooted or starting with ./ or ../)"
                }));
            }
            if ns.contains(&b'\\') {
                return Err(DirErr::plain(
                    "replacement directory appears to be Windows path (on a non-windows system)",
                ));
            }
        }
        if args.len() == arrow + 3 {
            if self
                .parse_version(&verb, &ns, &args[arrow + 2], fix, ln)?
                .is_none()
            {
                return Ok(());
            }
            if is_directory_path(self.rules, &ns) {
                return Err(DirErr::plain(format!(
                    "replacement module directory path {} cannot have version",
                    quote(&ns)
                )));
            }
        }
        Ok(())
    }

    /// `modfile.parseVersionInterval`.
    fn parse_version_interval(
        &mut self,
        verb: &str,
        path: &[u8],
        args: &mut &[Vec<u8>],
        fix: Fix,
        ln: usize,
    ) -> Result<(), DirErr> {
        let toks = *args;
        if toks.is_empty() || toks[0] == b"(" {
            return Err(DirErr::plain("expected '[' or version"));
        }
        if toks[0] != b"[" {
            self.parse_version(verb, path, &toks[0], fix, ln)?;
            *args = &toks[1..];
            return Ok(());
        }
        let toks = &toks[1..];
        let Some(low) = toks.first() else {
            return Err(DirErr::plain("expected version after '['"));
        };
        self.parse_version(verb, path, low, fix, ln)?;
        let toks = &toks[1..];
        if toks.first().map(Vec::as_slice) != Some(b",") {
            return Err(DirErr::plain("expected ',' after version"));
        }
        let toks = &toks[1..];
        let Some(high) = toks.first() else {
            return Err(DirErr::plain("expected version after ','"));
        };
        self.parse_version(verb, path, high, fix, ln)?;
        let toks = &toks[1..];
        if toks.first().map(Vec::as_slice) != Some(b"]") {
            return Err(DirErr::plain("expected ']' after version"));
        }
        *args = &toks[1..];
        Ok(())
    }
}

/// Parses a go.mod (as `modfile.Parse` with `cmd/go`'s version fixer,
/// strict, as for a main module) or a go.work (`modfile.ParseWork`)
/// under the rules of the Go release `rules`. `name` is the file name Go
/// puts in its messages (`base.ShortPath` of the path: see
/// [`crate::go::decide::short_path`]).
pub fn parse(kind: Kind, rules: Rules, name: &str, data: &[u8]) -> Result<File, Errors> {
    parse_with(kind, rules, name, data, &|_, _| Resolved::Unknown)
}

/// [`parse`], with `resolve` answering for the versions go resolves over
/// the network (module path, version).
pub fn parse_with(
    kind: Kind,
    rules: Rules,
    name: &str,
    data: &[u8],
    resolve: &dyn Fn(&str, &str) -> Resolved,
) -> Result<File, Errors> {
    let stmts = syntax(name, data).map_err(|e| Errors(vec![e]))?;
    let mut c = Checker {
        rules,
        kind,
        file: name,
        errs: Vec::new(),
        out: File::default(),
        resolve,
    };
    let fix = match kind {
        Kind::GoMod => Fix::CmdGo,
        Kind::GoWork => Fix::None,
    };
    let block_verbs: &[&[u8]] = match (kind, rules >= Rules::Go123) {
        (Kind::GoMod, true) => &[
            b"module", b"godebug", b"require", b"exclude", b"replace", b"retract",
        ],
        (Kind::GoMod, false) => &[b"module", b"require", b"exclude", b"replace", b"retract"],
        (Kind::GoWork, true) => &[b"godebug", b"use", b"replace"],
        (Kind::GoWork, false) => &[b"use", b"replace"],
    };
    let mut retracts: Vec<&Line> = Vec::new();
    let mut retract_lines: Vec<(Pos, Vec<Vec<u8>>)> = Vec::new();
    for st in &stmts {
        match st {
            Stmt::Line(l) => {
                let n = c.errs.len();
                c.add(l, &l.tokens[0], &l.tokens[1..], fix);
                if kind == Kind::GoMod && l.tokens[0] == b"retract" && c.errs.len() == n {
                    retract_lines.push((l.start, l.tokens[1..].to_vec()));
                }
            }
            Stmt::Block {
                start,
                tokens,
                lines,
            } => {
                let words: Vec<String> = tokens.iter().map(|t| lossy(t)).collect();
                if tokens.len() > 1 || !block_verbs.contains(&tokens[0].as_slice()) {
                    c.push(
                        *start,
                        DirErr::plain(format!("unknown block type: {}", words.join(" "))),
                    );
                    continue;
                }
                for l in lines {
                    let n = c.errs.len();
                    c.add(l, &tokens[0], &l.tokens, fix);
                    if kind == Kind::GoMod && tokens[0] == b"retract" && c.errs.len() == n {
                        retracts.push(l);
                    }
                }
            }
        }
    }
    for l in retracts {
        retract_lines.push((l.start, l.tokens.clone()));
    }
    // fixRetract: after the whole file (it needs the module path).
    if kind == Kind::GoMod && !retract_lines.is_empty() {
        retract_lines.sort_by_key(|(p, _)| p.byte);
        let path = c
            .out
            .module
            .as_ref()
            .map(|m| m.value.clone())
            .unwrap_or_default();
        for (pos, args) in retract_lines {
            if path.is_empty() {
                c.push(
                    pos,
                    DirErr::plain("no module directive found, so retract cannot be used"),
                );
                break;
            }
            let mut rest: &[Vec<u8>] = &args;
            if let Err(e) = c.parse_version_interval(
                "retract",
                path.as_bytes(),
                &mut rest,
                Fix::CmdGo,
                pos.line,
            ) {
                c.push(pos, e);
            }
        }
    }
    if c.errs.is_empty() {
        Ok(c.out)
    } else {
        Err(Errors(c.errs))
    }
}

/// `module.CheckImportPath`: the check `cmd/go` applies to a main
/// module's path; Err is Go's message (`malformed module path "x y":
/// invalid char ' '`; `cmd/go` names the kind "module").
pub(crate) fn check_import_path(path: &[u8], kind: &str) -> Result<(), String> {
    module::check_path(path, false)
        .map_err(|e| format!("malformed {kind} path {}: {e}", quote(path)))
}

/// `module.CheckPath`: a module path (what `cmd/go` checks before looking
/// a module up).
pub(crate) fn check_module_path(path: &[u8]) -> Result<(), String> {
    module::check_module_path(path)
        .map_err(|e| format!("malformed module path {}: {e}", quote(path)))
}

/// The parts of `golang.org/x/mod/module` the checks need.
pub mod module {
    use super::super::gover::semver;
    use super::super::{quote, quote_rune};

    /// `module.CanonicalVersion`: `semver.Canonical`, keeping
    /// `+incompatible`.
    pub(crate) fn canonical_version(v: &str) -> String {
        let mut cv = semver::canonical(v);
        if semver::build(v) == "+incompatible" {
            cv.push_str("+incompatible");
        }
        cv
    }

    /// `module.SplitPathVersion`: (prefix, pathMajor, ok).
    pub(crate) fn split_path_version(path: &str) -> (&str, &str, bool) {
        if path.starts_with("gopkg.in/") {
            return split_gopkg_in(path);
        }
        let b = path.as_bytes();
        let mut i = b.len();
        let mut dot = false;
        while i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.') {
            if b[i - 1] == b'.' {
                dot = true;
            }
            i -= 1;
        }
        if i <= 1 || i == b.len() || b[i - 1] != b'v' || b[i - 2] != b'/' {
            return (path, "", true);
        }
        let (prefix, major) = (&path[..i - 2], &path[i - 2..]);
        if dot || major.len() <= 2 || major.as_bytes()[2] == b'0' || major == "/v1" {
            return (path, "", false);
        }
        (prefix, major, true)
    }

    fn split_gopkg_in(path: &str) -> (&str, &str, bool) {
        let b = path.as_bytes();
        let mut i = b.len();
        if path.ends_with("-unstable") {
            i -= "-unstable".len();
        }
        while i > 0 && b[i - 1].is_ascii_digit() {
            i -= 1;
        }
        if i <= 1 || b[i - 1] != b'v' || b[i - 2] != b'.' {
            return (path, "", false);
        }
        let (prefix, major) = (&path[..i - 2], &path[i - 2..]);
        if major.len() <= 2 || (major.as_bytes()[2] == b'0' && major != ".v0") {
            return (path, "", false);
        }
        (prefix, major, true)
    }

    /// `module.CheckPathMajor`; Err is the inner message (`should be v0 or
    /// v1, not v2`).
    pub(crate) fn check_path_major(v: &str, path_major: &str) -> Result<(), String> {
        let mut pm = path_major;
        if pm.starts_with(".v") && pm.ends_with("-unstable") {
            pm = &pm[..pm.len() - "-unstable".len()];
        }
        if v.starts_with("v0.0.0-") && pm == ".v1" {
            return Ok(());
        }
        let m = semver::major(v);
        let want = if pm.is_empty() {
            if m == "v0" || m == "v1" || semver::build(v) == "+incompatible" {
                return Ok(());
            }
            "v0 or v1"
        } else if pm.starts_with('/') || pm.starts_with('.') {
            if m == &pm[1..] {
                return Ok(());
            }
            &pm[1..]
        } else {
            pm
        };
        Err(format!("should be {want}, not {m}"))
    }

    fn path_ok(c: char, module: bool) -> bool {
        c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~') || (!module && c == '+')
    }

    const BAD_WINDOWS: &[&str] = &[
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
        "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];

    /// `module.checkPath` for an import path (`module`: a module path):
    /// the inner message.
    pub(crate) fn check_path(path: &[u8], module: bool) -> Result<(), String> {
        let Ok(path) = std::str::from_utf8(path) else {
            return Err("invalid UTF-8".into());
        };
        if path.is_empty() {
            return Err("empty string".into());
        }
        if path.starts_with('-') {
            return Err("leading dash".into());
        }
        if path.contains("//") {
            return Err("double slash".into());
        }
        if path.ends_with('/') {
            return Err("trailing slash".into());
        }
        for elem in path.split('/') {
            check_elem(elem, module)?;
        }
        Ok(())
    }

    /// `module.CheckPath`'s inner message.
    pub(crate) fn check_module_path(path: &[u8]) -> Result<(), String> {
        check_path(path, true)?;
        let path = std::str::from_utf8(path).unwrap_or_default();
        let first = path.split('/').next().unwrap_or_default();
        if first.is_empty() {
            return Err("leading slash".into());
        }
        if !first.contains('.') {
            return Err("missing dot in first path element".into());
        }
        if path.starts_with('-') {
            return Err("leading dash in first path element".into());
        }
        if let Some(c) = first
            .chars()
            .find(|&c| !(c == '-' || c == '.' || c.is_ascii_digit() || c.is_ascii_lowercase()))
        {
            return Err(format!(
                "invalid char {} in first path element",
                quote_rune(c)
            ));
        }
        if !split_path_version(path).2 {
            return Err("invalid version".into());
        }
        Ok(())
    }

    fn check_elem(elem: &str, module: bool) -> Result<(), String> {
        if elem.is_empty() {
            return Err("empty path element".into());
        }
        if elem.bytes().all(|b| b == b'.') {
            return Err(format!("invalid path element {}", quote(elem)));
        }
        if elem.starts_with('.') && module {
            return Err("leading dot in path element".into());
        }
        if elem.ends_with('.') {
            return Err("trailing dot in path element".into());
        }
        if let Some(c) = elem.chars().find(|&c| !path_ok(c, module)) {
            return Err(format!("invalid char {}", quote_rune(c)));
        }
        let short = elem.split('.').next().unwrap_or(elem);
        if BAD_WINDOWS.iter().any(|b| b.eq_ignore_ascii_case(short)) {
            return Err(format!(
                "{} disallowed as path element component on Windows",
                quote(short)
            ));
        }
        if let Some(t) = short.rfind('~') {
            if t < short.len() - 1 && short[t + 1..].bytes().all(|b| b.is_ascii_digit()) {
                return Err("trailing tilde and digits in path element".into());
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Editing (goenv-hook pin --toolchain).

/// The file with its `toolchain` line set to `name` by the smallest text
/// edit: an existing line's value is replaced in place (its spacing and
/// comment kept); otherwise `toolchain NAME` goes after the `go` line,
/// after a blank line as `go mod edit` lays it out (at the end without a
/// `go` line), with the file's own line ending. Every other byte stays.
/// The file must parse under `rules` before and after (Go 1.19 has no
/// `toolchain` directive: the edited file is then refused with Go's error).
pub(crate) fn set_toolchain(
    kind: Kind,
    rules: Rules,
    name: &str,
    data: &[u8],
    toolchain: &gover::ToolchainName,
) -> Result<Vec<u8>, Errors> {
    let f = parse(kind, rules, name, data)?;
    let value = toolchain.as_str().as_bytes();
    // Byte ranges of each line (1-based index - 1), without the newline.
    let mut starts = vec![0];
    starts.extend(
        data.iter()
            .enumerate()
            .filter(|(_, &b)| b == b'\n')
            .map(|(i, _)| i + 1),
    );
    let line_range = |n: usize| -> (usize, usize) {
        let a = starts[n - 1];
        let b = starts.get(n).map_or(data.len(), |&e| e - 1);
        (a, b)
    };
    let crlf = |n: usize| {
        let (a, b) = line_range(n);
        b > a && data[b - 1] == b'\r' && starts.get(n).is_some()
    };
    let mut out = Vec::with_capacity(data.len() + value.len() + 16);
    match (&f.toolchain, &f.go) {
        (Some(t), _) => {
            let (a, b) = line_range(t.line);
            let line = &data[a..b];
            let space = |c: &u8| *c == b' ' || *c == b'\t' || *c == b'\r';
            let mut i = line.iter().take_while(|c| space(c)).count() + b"toolchain".len();
            i += line[i..].iter().take_while(|c| space(c)).count();
            // The value (never quoted: Go refuses a quoted toolchain).
            let mut end = i;
            while end < line.len() && !space(&line[end]) && !line[end..].starts_with(b"//") {
                end += 1;
            }
            out.extend_from_slice(&data[..a + i]);
            out.extend_from_slice(value);
            out.extend_from_slice(&data[a + end..]);
        }
        (None, Some(g)) => {
            let eol: &[u8] = if crlf(g.line) { b"\r\n" } else { b"\n" };
            let (_, b) = line_range(g.line);
            if b < data.len() {
                // After the go line's own newline.
                let at = b + 1;
                out.extend_from_slice(&data[..at]);
                out.extend_from_slice(eol);
                out.extend_from_slice(b"toolchain ");
                out.extend_from_slice(value);
                out.extend_from_slice(eol);
                out.extend_from_slice(&data[at..]);
            } else {
                out.extend_from_slice(data);
                out.extend_from_slice(b"\n\ntoolchain ");
                out.extend_from_slice(value);
                out.extend_from_slice(b"\n");
            }
        }
        (None, None) => {
            let eol: &[u8] = if data.windows(2).any(|w| w == b"\r\n") {
                b"\r\n"
            } else {
                b"\n"
            };
            out.extend_from_slice(data);
            if !data.is_empty() && !data.ends_with(b"\n") {
                out.extend_from_slice(eol);
            }
            if !data.is_empty() {
                out.extend_from_slice(eol);
            }
            out.extend_from_slice(b"toolchain ");
            out.extend_from_slice(value);
            out.extend_from_slice(eol);
        }
    }
    parse(kind, rules, name, &out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errs(rules: Rules, kind: Kind, src: &str) -> String {
        match parse(kind, rules, "go.mod", src.as_bytes()) {
            Ok(_) => "ok".into(),
            Err(e) => e.to_string(),
        }
    }
    fn m(rules: Rules, src: &str) -> String {
        errs(rules, Kind::GoMod, src)
    }

    #[test]
    fn go_lines_per_release() {
        use Rules::*;
        assert_eq!(
            m(Go123, "module m\ngo banana\n"),
            "go.mod:2: invalid go version 'banana': must match format 1.23.0"
        );
        assert_eq!(
            m(Go121, "module m\ngo banana\n"),
            "go.mod:2: invalid go version 'banana': must match format 1.23"
        );
        assert_eq!(
            m(Go119, "module m\ngo 1.21.0\n"),
            "go.mod:2: invalid go version '1.21.0': must match format 1.23"
        );
        assert_eq!(m(Go119, "module m\ngo 1.22\n"), "ok");
        assert_eq!(
            m(Go123, "module m\ngo 1.21rc\n"),
            "go.mod:2: invalid go version '1.21rc': must match format 1.23.0"
        );
        assert_eq!(m(Go123, "module m\ngo 1.21rc1\n"), "ok");
        assert_eq!(m(Go123, "module m\ngo 1.21.0rc1\n"), "ok");
        assert_eq!(
            m(Go123, "module m\ngo 1.22.3.4\n"),
            "go.mod:2: invalid go version '1.22.3.4': must match format 1.23.0"
        );
        assert_eq!(
            m(Go123, "module m\ngo 1.22 1.23\n"),
            "go.mod:2: go directive expects exactly one argument"
        );
        assert_eq!(
            m(Go123, "module m\ngo 1.22\ngo 1.23\n"),
            "go.mod:3: repeated go statement"
        );
        assert_eq!(
            m(Go123, "module m\ngo (\n\t1.22\n)\n"),
            "go.mod:2: unknown block type: go"
        );
        assert_eq!(
            m(Go123, "module m\n  go x\n"),
            "go.mod:2:3: invalid go version 'x': must match format 1.23.0"
        );
    }

    fn tc(rules: Rules, src: &str, name: &str) -> String {
        let t = gover::ToolchainName::parse(name).unwrap();
        match set_toolchain(Kind::GoMod, rules, "go.mod", src.as_bytes(), &t) {
            Ok(b) => String::from_utf8(b).unwrap(),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn set_toolchain_is_a_minimal_edit() {
        use Rules::*;
        // Replaced in place, spacing and comment kept.
        assert_eq!(
            tc(
                Go123,
                "module m\n\ngo 1.21.0\n\ntoolchain\tgo1.21.5 // pinned\n",
                "go1.22.0"
            ),
            "module m\n\ngo 1.21.0\n\ntoolchain\tgo1.22.0 // pinned\n"
        );
        assert_eq!(
            tc(
                Go123,
                "module m\r\ngo 1.21.0\r\ntoolchain go1.21.5// c\r\n",
                "go1.22.0"
            ),
            "module m\r\ngo 1.21.0\r\ntoolchain go1.22.0// c\r\n"
        );
        // Added after the go line, as go mod edit lays it out.
        assert_eq!(
            tc(
                Go123,
                "module m\n\ngo 1.21.0 // lang\n\nrequire a.b/c v1.0.0\n",
                "go1.22.0"
            ),
            "module m\n\ngo 1.21.0 // lang\n\ntoolchain go1.22.0\n\nrequire a.b/c v1.0.0\n"
        );
        assert_eq!(
            tc(Go123, "module m\r\ngo 1.21.0\r\n", "go1.22.0"),
            "module m\r\ngo 1.21.0\r\n\r\ntoolchain go1.22.0\r\n"
        );
        assert_eq!(
            tc(Go123, "module m\ngo 1.21.0", "go1.22.0"),
            "module m\ngo 1.21.0\n\ntoolchain go1.22.0\n"
        );
        // No go line: at the end.
        assert_eq!(
            tc(Go123, "module m", "go1.22.0"),
            "module m\n\ntoolchain go1.22.0\n"
        );
        // A file Go refuses, and Go 1.19, which has no toolchain directive.
        assert_eq!(
            tc(Go123, "module m\ngo banana\n", "go1.22.0"),
            "error: go.mod:2: invalid go version 'banana': must match format 1.23.0"
        );
        assert_eq!(
            tc(Go119, "module m\ngo 1.19\n", "go1.22.0"),
            "error: go.mod:4: unknown directive: toolchain"
        );
    }

    #[test]
    fn toolchain_lines_per_release() {
        use Rules::*;
        assert_eq!(
            m(Go119, "module m\ntoolchain go1.21.0\n"),
            "go.mod:2: unknown directive: toolchain"
        );
        assert_eq!(
            m(Go121, "module m\ntoolchain bad\n"),
            "go.mod:2: invalid toolchain version 'bad': must match format go1.23 or local"
        );
        assert_eq!(
            m(Go122, "module m\ntoolchain bad\n"),
            "go.mod:2: invalid toolchain version 'bad': must match format go1.23.0 or local"
        );
        assert_eq!(
            errs(Go122, Kind::GoWork, "toolchain bad\n"),
            "go.mod:1: invalid toolchain version 'bad': must match format go1.23 or local"
        );
        assert_eq!(
            m(Go123, "module m\ntoolchain bad\n"),
            "go.mod:2: invalid toolchain version 'bad': must match format go1.23.0 or default"
        );
        assert_eq!(m(Go123, "module m\ntoolchain go1.21.0+auto\n"), "ok");
        assert_eq!(m(Go123, "module m\ntoolchain default\n"), "ok");
        let f = parse(
            Kind::GoMod,
            Go123,
            "go.mod",
            b"module m\ngo 1.22\ntoolchain go1.22.12-custom // c\n",
        )
        .unwrap();
        assert_eq!(
            f.toolchain.unwrap(),
            Directive {
                value: "go1.22.12-custom".into(),
                line: 3
            }
        );
        assert_eq!(f.go.unwrap().line, 2);
        assert_eq!(f.module.unwrap().value, "m");
    }

    #[test]
    fn syntax_errors() {
        use Rules::*;
        assert_eq!(
            m(Go123, "module m\ngo 1.22\x00\n"),
            "go.mod:2:8: unexpected input character '\\x00'"
        );
        assert_eq!(
            m(Go123, "module \"m\n"),
            "go.mod:1:10: unexpected newline in string"
        );
        assert_eq!(
            m(Go123, "module \"m"),
            "go.mod:1:8: unexpected EOF in string"
        );
        assert_eq!(
            m(Go123, "require (\n"),
            "go.mod:2: syntax error (unterminated block started at go.mod:1:1)"
        );
        assert_eq!(
            m(Go123, "require (\n) x\n"),
            "go.mod:2:4: syntax error (expected newline after closing paren)"
        );
        assert_eq!(
            m(Go123, "/* x */\n"),
            "go.mod:1: mod files must use // comments (not /* */ comments)"
        );
        assert_eq!(
            m(Go123, "module m\nbanana\n"),
            "go.mod:2: unknown directive: banana"
        );
        assert_eq!(
            m(Go123, "module m x\n"),
            "go.mod:1: usage: module module/path"
        );
        assert_eq!(
            m(Go123, "module 'm'\n"),
            "go.mod:1: invalid quoted string: unquoted string cannot contain quote"
        );
        assert_eq!(
            m(Go123, "module \"m\\q\"\n"),
            "go.mod:1: invalid quoted string: invalid syntax"
        );
        assert_eq!(
            m(Go123, "\u{feff}module m\n"),
            "go.mod:1: unexpected input character '\\ufeff'"
        );
        // Invalid UTF-8 is an identifier character (U+FFFD is printable).
        assert_eq!(
            m(Go123, "module m\n\u{0}"),
            "go.mod:2: unexpected input character '\\x00'"
        );
        let junk = parse(Kind::GoMod, Go123, "go.mod", b"\xff\xfe\n")
            .unwrap_err()
            .to_string();
        assert_eq!(junk, "go.mod:1: unknown directive: \u{fffd}\u{fffd}");
    }

    #[test]
    fn multiple_errors_in_order() {
        assert_eq!(
            m(Rules::Go123, "module m\ngo x\ntoolchain y\nfoo\n"),
            "go.mod:2: invalid go version 'x': must match format 1.23.0\ngo.mod:3: invalid toolchain version 'y': must match format go1.23.0 or default\ngo.mod:4: unknown directive: foo"
        );
    }

    #[test]
    fn requires_and_replaces() {
        use Rules::*;
        assert_eq!(m(Go123, "module m\nrequire x.com/a v1.0.0\n"), "ok");
        assert_eq!(
            m(Go123, "module m\nrequire x.com/a\n"),
            "go.mod:2: usage: require module/path v1.2.3"
        );
        assert_eq!(
            m(Go123, "module m\nrequire x.com/a v2.0.0\n"),
            "go.mod:2: require x.com/a: version \"v2.0.0\" invalid: should be v0 or v1, not v2"
        );
        assert_eq!(m(Go123, "module m\nrequire x.com/a/v2 v2.0.0\n"), "ok");
        let f = parse(
            Kind::GoMod,
            Go123,
            "go.mod",
            b"module m\nrequire x.com/a master\n",
        )
        .unwrap();
        assert_eq!(f.queries.len(), 1);
        assert_eq!(m(Go123, "module m\nreplace x.com/a => y.com/b\n"), "go.mod:2: replacement module without version must be directory path (rooted or starting with . or ..)");
        assert_eq!(m(Go121, "module m\nreplace x.com/a => y.com/b\n"), "go.mod:2: replacement module without version must be directory path (rooted or starting with ./ or ../)");
        assert_eq!(
            m(Go123, "module m\nreplace x.com/a => y.com/b@v1.0.0\n"),
            "go.mod:2: replacement module must match format 'path version', not 'path@version'"
        );
        assert_eq!(m(Go119, "module m\nreplace x.com/a => y.com/b@v1.0.0\n"), "go.mod:2: replacement module without version must be directory path (rooted or starting with ./ or ../)");
        assert_eq!(m(Go123, "module m\nreplace x.com/a => ../b\n"), "ok");
        assert_eq!(m(Go123, "module m\nreplace x.com/a => .\n"), "ok");
        assert_eq!(m(Go121, "module m\nreplace x.com/a => .\n"), "go.mod:2: replacement module without version must be directory path (rooted or starting with ./ or ../)");
        assert_eq!(
            m(Go123, "module m\nretract v1.0.0 x\n"),
            "go.mod:2: unexpected token after version: \"x\""
        );
        assert_eq!(
            m(Go123, "retract v1.0.0\n"),
            "go.mod:1: no module directive found, so retract cannot be used"
        );
        assert_eq!(m(Go123, "module m\nretract [v1.0.0, v1.1.0]\n"), "ok");
        assert_eq!(
            m(Go123, "module m\nretract [v1.0.0 v1.1.0]\n"),
            "go.mod:2: expected ',' after version"
        );
    }

    #[test]
    fn work_files() {
        use Rules::*;
        let w = |r, s: &str| errs(r, Kind::GoWork, s);
        assert_eq!(w(Go123, "go 1.22\nuse ./a\nuse (\n\t./b\n)\n"), "ok");
        assert_eq!(
            w(Go123, "go 1.22\nmodule m\n"),
            "go.mod:2: unknown directive: module"
        );
        assert_eq!(
            w(Go122, "go x\n"),
            "go.mod:1: invalid go version 'x': must match format 1.23"
        );
        assert_eq!(
            w(Go123, "go x\n"),
            "go.mod:1: invalid go version 'x': must match format 1.23.0"
        );
        assert_eq!(
            w(Go123, "replace x.com/a 1.0.0 => ../b\n"),
            "go.mod:1: replace x.com/a: version \"1.0.0\" invalid: must be of the form v1.2.3"
        );
        assert_eq!(
            w(Go122, "godebug x=y\n"),
            "go.mod:1: unknown directive: godebug"
        );
        assert_eq!(w(Go123, "godebug x=y\n"), "ok");
    }

    #[test]
    fn module_paths() {
        assert_eq!(check_import_path(b"example.com/m", "module"), Ok(()));
        assert_eq!(
            check_import_path(b"x y", "module"),
            Err("malformed module path \"x y\": invalid char ' '".into())
        );
        assert_eq!(
            check_import_path(b"a/con", "module"),
            Err("malformed module path \"a/con\": \"con\" disallowed as path element component on Windows".into())
        );
        assert_eq!(
            check_import_path(b"a\xff", "module"),
            Err("malformed module path \"a\\xff\": invalid UTF-8".into())
        );
        assert_eq!(
            check_module_path(b"require"),
            Err("malformed module path \"require\": missing dot in first path element".into())
        );
        assert_eq!(
            check_module_path(b"x.com/a+b"),
            Err("malformed module path \"x.com/a+b\": invalid char '+'".into())
        );
        assert_eq!(
            check_module_path(b"X.com/a"),
            Err("malformed module path \"X.com/a\": invalid char 'X' in first path element".into())
        );
        assert_eq!(
            check_module_path(b"x.com/a/v1"),
            Err("malformed module path \"x.com/a/v1\": invalid version".into())
        );
        assert_eq!(
            check_module_path(b"x.com/.a"),
            Err("malformed module path \"x.com/.a\": leading dot in path element".into())
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
            for r in [Rules::Go119, Rules::Go121, Rules::Go122, Rules::Go123] {
                let _ = parse(Kind::GoMod, r, "go.mod", &data);
                let _ = parse(Kind::GoWork, r, "go.work", &data);
            }
        }
        #[test]
        fn never_panics_on_modish_text(s in "(module|go|toolchain|require|replace|retract|use|godebug|[()\\[\\],\"`'=>]| |\n|\t|v1\\.2\\.3|1\\.2[0-9]|x\\.com/a|//c|\\\\){0,24}") {
            for r in [Rules::Go119, Rules::Go121, Rules::Go122, Rules::Go123] {
                let _ = parse(Kind::GoMod, r, "go.mod", s.as_bytes());
                let _ = parse(Kind::GoWork, r, "go.work", s.as_bytes());
            }
        }
    }
}
