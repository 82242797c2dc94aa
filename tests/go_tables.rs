//! Go's own test tables for its version code, run through goenv-hook's
//! port (`goenv_hook::go::gover`, and the toolchain choice of
//! `goenv_hook::go::decide`). The tables are read at test time from the
//! sources installed with each Debian Go toolchain (`/usr/lib/go-1.NN/src`):
//! nothing of them is copied into this repository. Every table literal of
//! every file is parsed and every case is run; a table or a function this
//! harness does not know fails the test (so a newer Go's new table cannot
//! be skipped silently), and so do missing files.
//!
//! Files, where the Go version has them:
//! `internal/gover/gover_test.go` (1.22+), `go/version/version_test.go`
//! (1.22+), `cmd/go/internal/gover/{gover,mod,toolchain}_test.go` (1.21+),
//! `cmd/go/internal/toolchain/toolchain_test.go` (1.21+, `newerToolchain`).

use goenv_hook::go::gover;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const INSTALL_HINT: &str = "run scripts/install-test-deps.sh (it installs golang-1.NN-go and its sources for 1.19, 1.21, 1.22, 1.23)";

// ---------------------------------------------------------------------------
// A small reader of Go composite literals.

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Int(String),
    Str(String),
    Punct(char),
}

fn lex(src: &str) -> Vec<Tok> {
    let b = src.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            let end = src[i + 2..].find("*/").expect("unterminated comment");
            i += end + 4;
        } else if c == b'"' {
            let mut s = String::new();
            i += 1;
            while b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                    match b[i] {
                        b'n' => s.push('\n'),
                        b't' => s.push('\t'),
                        b'r' => s.push('\r'),
                        b'\\' => s.push('\\'),
                        b'"' => s.push('"'),
                        b'x' => {
                            let v = u8::from_str_radix(&src[i + 1..i + 3], 16).unwrap();
                            s.push(char::from(v));
                            i += 2;
                        }
                        other => {
                            panic!("escape \\{} not handled by the test reader", other as char)
                        }
                    }
                    i += 1;
                } else {
                    let ch = src[i..].chars().next().unwrap();
                    s.push(ch);
                    i += ch.len_utf8();
                }
            }
            i += 1;
            out.push(Tok::Str(s));
        } else if c == b'`' {
            let end = src[i + 1..].find('`').expect("unterminated raw string");
            out.push(Tok::Str(src[i + 1..i + 1 + end].to_string()));
            i += end + 2;
        } else if c.is_ascii_digit() {
            let n = b[i..].iter().take_while(|x| x.is_ascii_digit()).count();
            out.push(Tok::Int(src[i..i + n].to_string()));
            i += n;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let n = b[i..]
                .iter()
                .take_while(|x| x.is_ascii_alphanumeric() || **x == b'_')
                .count();
            out.push(Tok::Ident(src[i..i + n].to_string()));
            i += n;
        } else {
            let ch = src[i..].chars().next().unwrap();
            out.push(Tok::Punct(ch));
            i += ch.len_utf8();
        }
    }
    out
}

#[derive(Clone, Debug)]
enum Val {
    Str(String),
    Int(i64),
    Bool(bool),
    Nil,
    /// A reference to another package-level var.
    Ref(String),
    /// A composite literal's elements (its type is not kept).
    Comp(Vec<Val>),
    /// A call such as `mvl("...")`.
    Call(String, Vec<Val>),
}

struct Parser<'a> {
    t: &'a [Tok],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.t.get(self.i)
    }
    fn next(&mut self) -> Tok {
        let t = self.t[self.i].clone();
        self.i += 1;
        t
    }
    fn punct(&mut self, c: char) {
        let t = self.next();
        assert_eq!(t, Tok::Punct(c), "test reader: expected {c:?}");
    }
    /// Skips a type (`[]T[A, B]`, `[]string`) up to its literal's `{`.
    fn skip_type(&mut self) {
        let mut depth = 0;
        loop {
            match self.peek() {
                Some(Tok::Punct('{')) if depth == 0 => return,
                Some(Tok::Punct('[')) => depth += 1,
                Some(Tok::Punct(']')) => depth -= 1,
                None => panic!("test reader: type without literal"),
                _ => {}
            }
            self.i += 1;
        }
    }
    fn elems(&mut self, close: char) -> Vec<Val> {
        let mut v = Vec::new();
        loop {
            if self.peek() == Some(&Tok::Punct(close)) {
                self.i += 1;
                return v;
            }
            v.push(self.expr());
            match self.next() {
                Tok::Punct(',') => {}
                Tok::Punct(c) if c == close => return v,
                t => panic!("test reader: unexpected {t:?} in a list"),
            }
        }
    }
    fn expr(&mut self) -> Val {
        match self.next() {
            Tok::Str(s) => Val::Str(s),
            Tok::Int(n) => Val::Int(n.parse().unwrap()),
            Tok::Punct('-') => match self.next() {
                Tok::Int(n) => Val::Int(-n.parse::<i64>().unwrap()),
                t => panic!("test reader: '-' before {t:?}"),
            },
            Tok::Punct('{') => Val::Comp(self.elems('}')),
            Tok::Punct('[') => {
                self.i -= 1;
                self.skip_type();
                self.punct('{');
                Val::Comp(self.elems('}'))
            }
            Tok::Ident(id) => match self.peek() {
                Some(Tok::Punct('(')) => {
                    self.i += 1;
                    Val::Call(id, self.elems(')'))
                }
                Some(Tok::Punct('{')) => {
                    self.i += 1;
                    Val::Comp(self.elems('}'))
                }
                Some(Tok::Punct('.')) => {
                    self.i += 1;
                    let Tok::Ident(sel) = self.next() else {
                        panic!("test reader: selector")
                    };
                    Val::Ref(format!("{id}.{sel}"))
                }
                _ => match id.as_str() {
                    "true" => Val::Bool(true),
                    "false" => Val::Bool(false),
                    "nil" => Val::Nil,
                    _ => Val::Ref(id),
                },
            },
            t => panic!("test reader: unexpected {t:?}"),
        }
    }
}

/// A Go test file: its package-level `var x = <literal>` values and the
/// `testN(t, table, "Name", fn)` calls naming which function a table tests.
struct GoTestFile {
    path: PathBuf,
    vars: BTreeMap<String, Val>,
    /// table var → function name as the test names it.
    uses: BTreeMap<String, String>,
}

fn read_test_file(path: &Path) -> GoTestFile {
    let src = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "cannot read Go's test table {}: {e}; {INSTALL_HINT}",
            path.display()
        )
    });
    let toks = lex(&src);
    let mut vars = BTreeMap::new();
    let mut uses = BTreeMap::new();
    let mut i = 0;
    let mut depth = 0i32;
    while i < toks.len() {
        match &toks[i] {
            Tok::Punct('{') | Tok::Punct('(') => depth += 1,
            Tok::Punct('}') | Tok::Punct(')') => depth -= 1,
            Tok::Ident(kw) if kw == "var" && depth == 0 => {
                let is_struct = toks[i..]
                    .iter()
                    .take(6)
                    .any(|t| *t == Tok::Ident("struct".into()));
                if let (false, Some(Tok::Ident(name)), Some(Tok::Punct('='))) =
                    (is_struct, toks.get(i + 1), toks.get(i + 2))
                {
                    let mut p = Parser { t: &toks, i: i + 3 };
                    let v = p.expr();
                    vars.insert(name.clone(), v);
                    i = p.i;
                    continue;
                }
                // `var x = []struct{...}{...}`: a struct type with fields.
                if let Some(Tok::Ident(name)) = toks.get(i + 1) {
                    let mut p = Parser { t: &toks, i: i + 2 };
                    if p.peek() == Some(&Tok::Punct('=')) {
                        p.i += 1;
                    }
                    // []struct { fields } { elems }
                    if is_struct {
                        while p.peek() != Some(&Tok::Punct('{')) {
                            p.i += 1;
                        }
                        // skip the struct's field block
                        let mut d = 0;
                        loop {
                            match p.next() {
                                Tok::Punct('{') => d += 1,
                                Tok::Punct('}') => {
                                    d -= 1;
                                    if d == 0 {
                                        break;
                                    }
                                }
                                _ => {}
                            }
                        }
                        p.punct('{');
                        vars.insert(name.clone(), Val::Comp(p.elems('}')));
                        i = p.i;
                        continue;
                    }
                }
            }
            Tok::Ident(f) if f.starts_with("test") && f.len() == 5 => {
                // test1(t, table, "Name", fn)
                if let (
                    Some(Tok::Punct('(')),
                    Some(Tok::Ident(t)),
                    Some(Tok::Punct(',')),
                    Some(Tok::Ident(table)),
                    Some(Tok::Punct(',')),
                    Some(Tok::Str(name)),
                ) = (
                    toks.get(i + 1),
                    toks.get(i + 2),
                    toks.get(i + 3),
                    toks.get(i + 4),
                    toks.get(i + 5),
                    toks.get(i + 6),
                ) {
                    if t == "t" {
                        uses.insert(table.clone(), name.clone());
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    GoTestFile {
        path: path.to_path_buf(),
        vars,
        uses,
    }
}

// ---------------------------------------------------------------------------

fn s(v: &Val) -> &str {
    match v {
        Val::Str(s) => s,
        v => panic!("want a string, got {v:?}"),
    }
}

fn ord(v: &Val) -> Ordering {
    match v {
        Val::Int(n) => n.cmp(&0),
        v => panic!("want an int, got {v:?}"),
    }
}

fn b(v: &Val) -> bool {
    match v {
        Val::Bool(x) => *x,
        v => panic!("want a bool, got {v:?}"),
    }
}

fn cases(v: &Val) -> &[Val] {
    match v {
        Val::Comp(e) => e,
        v => panic!("want a table, got {v:?}"),
    }
}

fn fields(v: &Val) -> &[Val] {
    match v {
        Val::Comp(e) => e,
        v => panic!("want a case, got {v:?}"),
    }
}

/// `mvl("z v1.1; a v1.2")` from mod_test.go.
fn mvl(v: &Val) -> Vec<(String, String)> {
    let Val::Call(f, args) = v else {
        panic!("want mvl(...), got {v:?}")
    };
    assert_eq!(f, "mvl");
    s(&args[0])
        .split(';')
        .map(|f| {
            let f = f.trim();
            let (p, v) = f.split_once(' ').unwrap_or((f, ""));
            (p.to_string(), v.to_string())
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Pkg {
    /// `internal/gover` (1.22+) and `cmd/go/internal/gover`.
    Gover,
    /// `go/version`.
    Version,
    /// `cmd/go/internal/toolchain`.
    Toolchain,
}

/// Runs every case of every table in `file`; returns (cases run, failures).
fn run_file(file: &GoTestFile, pkg: Pkg, minor: u32) -> (usize, Vec<String>) {
    let mut n = 0;
    let mut fails = Vec::new();
    let mut fail = |what: String| fails.push(format!("{}: {what}", file.path.display()));
    for (table, val) in &file.vars {
        if !table.ends_with("Tests") {
            continue;
        }
        let func = match (pkg, file.uses.get(table)) {
            (Pkg::Toolchain, _) if table == "newerToolchainTests" => "newerToolchain".to_string(),
            (_, Some(f)) => f.clone(),
            (_, None) => panic!(
                "{}: table {table} is used by no testN(t, {table}, ...) call this harness understands: teach tests/go_tables.rs",
                file.path.display()
            ),
        };
        for case in cases(val) {
            n += 1;
            let f = fields(case);
            match (pkg, func.as_str()) {
                (Pkg::Gover, "Compare") => {
                    let got = gover::compare(s(&f[0]), s(&f[1]));
                    if got != ord(&f[2]) {
                        fail(format!("Compare({:?}, {:?}) = {got:?}, want {:?}", s(&f[0]), s(&f[1]), ord(&f[2])));
                    }
                    // Max must agree with Compare.
                    let m = gover::max(s(&f[0]), s(&f[1]));
                    let want = if ord(&f[2]).is_lt() { s(&f[1]) } else { s(&f[0]) };
                    if m != want {
                        fail(format!("Max({:?}, {:?}) = {m:?}, want {want:?}", s(&f[0]), s(&f[1])));
                    }
                }
                (Pkg::Version, "Compare") => {
                    let got = gover::version::compare(s(&f[0]), s(&f[1]));
                    if got != ord(&f[2]) {
                        fail(format!("version.Compare({:?}, {:?}) = {got:?}, want {:?}", s(&f[0]), s(&f[1]), ord(&f[2])));
                    }
                }
                (Pkg::Gover, "Parse" | "parse") => {
                    let p = gover::parse(s(&f[0]));
                    let want: Vec<&str> = fields(&f[1]).iter().map(s).collect();
                    let got = vec![p.major, p.minor, p.patch, p.kind, p.pre];
                    if got != want {
                        fail(format!("Parse({:?}) = {got:?}, want {want:?}", s(&f[0])));
                    }
                }
                (Pkg::Gover, "Lang") => {
                    let got = if minor == 21 {
                        gover::lang_go121(s(&f[0]))
                    } else {
                        gover::lang(s(&f[0]))
                    };
                    if got != s(&f[1]) {
                        fail(format!("Lang({:?}) = {got:?}, want {:?}", s(&f[0]), s(&f[1])));
                    }
                }
                (Pkg::Version, "Lang") => {
                    let got = gover::version::lang(s(&f[0]));
                    if got != s(&f[1]) {
                        fail(format!("version.Lang({:?}) = {got:?}, want {:?}", s(&f[0]), s(&f[1])));
                    }
                }
                (Pkg::Gover, "IsLang") => {
                    let got = gover::is_lang(s(&f[0]));
                    if got != b(&f[1]) {
                        fail(format!("IsLang({:?}) = {got}", s(&f[0])));
                    }
                    // The typed value agrees where it exists.
                    if let Some(v) = gover::GoVersion::parse(s(&f[0])) {
                        if v.is_lang() != got {
                            fail(format!("GoVersion({:?}).is_lang() = {}", s(&f[0]), v.is_lang()));
                        }
                    }
                }
                (Pkg::Gover, "IsValid") => {
                    let got = gover::is_valid(s(&f[0]));
                    if got != b(&f[1]) || gover::GoVersion::parse(s(&f[0])).is_some() != got {
                        fail(format!("IsValid({:?}) = {got}", s(&f[0])));
                    }
                }
                (Pkg::Version, "IsValid") => {
                    let got = gover::version::is_valid(s(&f[0]));
                    if got != b(&f[1]) {
                        fail(format!("version.IsValid({:?}) = {got}", s(&f[0])));
                    }
                }
                (Pkg::Gover, "Prev") => {
                    let got = gover::prev(s(&f[0]));
                    if got != s(&f[1]) {
                        fail(format!("Prev({:?}) = {got:?}, want {:?}", s(&f[0]), s(&f[1])));
                    }
                }
                (Pkg::Gover, "FromToolchain") => {
                    let got = gover::from_toolchain(s(&f[0]));
                    if got != s(&f[1]) {
                        fail(format!("FromToolchain({:?}) = {got:?}, want {:?}", s(&f[0]), s(&f[1])));
                    }
                    let typed = gover::ToolchainName::parse(s(&f[0])).map(|t| t.version().to_string());
                    if typed.as_deref().unwrap_or("") != s(&f[1]) {
                        fail(format!("ToolchainName::parse({:?}) = {typed:?}", s(&f[0])));
                    }
                }
                (Pkg::Gover, "IsToolchain") => {
                    let got = gover::is_toolchain(s(&f[0]));
                    if got != b(&f[1]) {
                        fail(format!("IsToolchain({:?}) = {got}", s(&f[0])));
                    }
                }
                (Pkg::Gover, "ModCompare") => {
                    let got = gover::mod_compare(s(&f[0]), s(&f[1]), s(&f[2]));
                    if got != ord(&f[3]) {
                        fail(format!("ModCompare({:?}, {:?}, {:?}) = {got:?}", s(&f[0]), s(&f[1]), s(&f[2])));
                    }
                }
                (Pkg::Gover, "ModIsValid") => {
                    let got = gover::mod_is_valid(s(&f[0]), s(&f[1]));
                    if got != b(&f[2]) {
                        fail(format!("ModIsValid({:?}, {:?}) = {got}", s(&f[0]), s(&f[1])));
                    }
                }
                (Pkg::Gover, "ModSort") => {
                    let mut got = mvl(&f[0]);
                    gover::mod_sort(&mut got);
                    let want = mvl(&f[1]);
                    if got != want {
                        fail(format!("ModSort = {got:?}, want {want:?}"));
                    }
                }
                (Pkg::Toolchain, "newerToolchain") => {
                    let need = s(&f[0]);
                    let list: Vec<String> = match &f[1] {
                        Val::Nil => Vec::new(),
                        Val::Ref(r) => cases(file.vars.get(r).unwrap_or_else(|| panic!("no var {r}")))
                            .iter()
                            .map(|v| s(v).to_string())
                            .collect(),
                        Val::Comp(e) => e.iter().map(|v| s(v).to_string()).collect(),
                        v => panic!("newerToolchain list: {v:?}"),
                    };
                    let got = goenv_hook::go::decide::newer_toolchain(need, &list);
                    let want = s(&f[2]);
                    let got_s = got.as_ref().map(|t| t.to_string()).unwrap_or_default();
                    if got_s != want {
                        fail(format!("newerToolchain({need:?}, {list:?}) = {got:?}, want {want:?}"));
                    }
                }
                (p, f) => panic!(
                    "{}: table {table} tests {p:?}.{f}, which tests/go_tables.rs does not run: teach it",
                    file.path.display()
                ),
            }
        }
    }
    (n, fails)
}

fn src(minor: u32) -> PathBuf {
    let root = PathBuf::from(format!("/usr/lib/go-1.{minor}/src"));
    assert!(
        root.join("cmd/go").is_dir(),
        "Go 1.{minor}'s sources are missing at {}; {INSTALL_HINT}",
        root.display()
    );
    root
}

/// The four toolchains CI installs, plus any other Debian Go found.
fn versions() -> Vec<u32> {
    let mut v = vec![19, 21, 22, 23];
    if let Ok(rd) = std::fs::read_dir("/usr/lib") {
        for e in rd.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if let Some(m) = n.strip_prefix("go-1.").and_then(|m| m.parse::<u32>().ok()) {
                if !v.contains(&m) && e.path().join("src/cmd/go").is_dir() {
                    v.push(m);
                }
            }
        }
    }
    v.sort();
    v
}

#[test]
fn go_version_tables_pass_through_the_port() {
    let mut total = 0;
    let mut fails = Vec::new();
    let mut summary = Vec::new();
    for minor in versions() {
        let root = src(minor);
        let mut files: Vec<(PathBuf, Pkg)> = Vec::new();
        if minor >= 21 {
            for f in ["gover_test.go", "mod_test.go", "toolchain_test.go"] {
                files.push((root.join("cmd/go/internal/gover").join(f), Pkg::Gover));
            }
            files.push((
                root.join("cmd/go/internal/toolchain/toolchain_test.go"),
                Pkg::Toolchain,
            ));
        }
        if minor >= 22 {
            files.push((root.join("internal/gover/gover_test.go"), Pkg::Gover));
            files.push((root.join("go/version/version_test.go"), Pkg::Version));
        }
        // Any other test file next to them is a table we do not run yet.
        for dir in ["cmd/go/internal/gover", "internal/gover", "go/version"] {
            if let Ok(rd) = std::fs::read_dir(root.join(dir)) {
                for e in rd.flatten() {
                    let p = e.path();
                    if p.to_string_lossy().ends_with("_test.go") {
                        assert!(
                            files.iter().any(|(f, _)| *f == p),
                            "{} is a Go test file this harness does not read: teach tests/go_tables.rs",
                            p.display()
                        );
                    }
                }
            }
        }
        let mut n_version = 0;
        for (path, pkg) in &files {
            let f = read_test_file(path);
            let (n, mut fl) = run_file(&f, *pkg, minor);
            assert!(n > 0, "{}: no table cases found", path.display());
            n_version += n;
            fails.append(&mut fl);
        }
        summary.push(format!(
            "go1.{minor}: {n_version} cases from {} files",
            files.len()
        ));
        total += n_version;
    }
    eprintln!("{}; {total} in all", summary.join(", "));
    assert!(
        fails.is_empty(),
        "{} of {total} cases disagree:\n{}",
        fails.len(),
        fails.join("\n")
    );
    assert!(total > 300, "only {total} cases found");
}

/// The godebug keys the model accepts in go.mod/go.work are exactly Go
/// 1.23's `internal/godebugs` table.
#[test]
fn godebug_keys_are_go123s() {
    let path = src(23).join("internal/godebugs/table.go");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}; {INSTALL_HINT}", path.display()));
    let mut names: Vec<String> = text
        .split("Name: \"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect();
    names.sort();
    let mut ours: Vec<String> = goenv_hook::go::decide::GODEBUGS_GO123
        .iter()
        .map(|s| s.to_string())
        .collect();
    ours.sort();
    assert_eq!(
        ours,
        names,
        "GODEBUGS_GO123 differs from {}",
        path.display()
    );
}
