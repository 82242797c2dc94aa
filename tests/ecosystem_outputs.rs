//! `goenv-hook env github|dockerfile|systemd|dotenv|gitlab` with the real binary in
//! a sandbox, each output read back by a parser of its documented format
//! (the systemd one by systemd's own environment.d generator).

mod common;

use common::{go_root, Sandbox, SYSTEM_PATH};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const GENERATOR: &str =
    "/usr/lib/systemd/user-environment-generators/30-systemd-environment-d-generator";

/// A value with every character the formats treat specially: quotes of both
/// kinds, a backslash, a literal `$HOME` (through `${D}`, D='$'), a space
/// and non-ASCII text.
const TRICKY_TOML: &str = r#"-ldflags=-X 'main.v=a b' \"q\" back\\slash ${D}HOME é"#;
const TRICKY: &str = r#"-ldflags=-X 'main.v=a b' "q" back\slash $HOME é"#;

/// The same without `$` (dotenv can't carry `'` together with `$`).
const NO_DOLLAR_TOML: &str = r#"-ldflags=-X 'main.v=a b' \"q\" back\\slash é"#;
const NO_DOLLAR: &str = r#"-ldflags=-X 'main.v=a b' "q" back\slash é"#;

struct Setup {
    sb: Sandbox,
    path: String,
    goflags: &'static str,
}

/// go1.22 first on PATH, a stray GOROOT=/usr/lib/go-1.21 (the plan unsets
/// it), GOPATH with a space (so GOBIN on PATH has one), extra variables.
fn setup(extra_env: &str) -> Setup {
    setup_with(TRICKY_TOML, TRICKY, extra_env)
}

fn setup_with(goflags_toml: &str, goflags: &'static str, extra_env: &str) -> Setup {
    let sb = Sandbox::new();
    let cfg = sb.home().join(".config/goenv-hook/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(
        &cfg,
        format!("gopath = \"~/go path\"\n[env]\nGOFLAGS = \"{goflags_toml}\"\nGOPROXY = false\n{extra_env}"),
    )
    .unwrap();
    let path = format!("{}/bin:{SYSTEM_PATH}", go_root("1.22").display());
    Setup { sb, path, goflags }
}

impl Setup {
    fn run(&self, format: &str, env: &[(&str, &str)]) -> Output {
        let mut c = self.sb.command(common::exe(), &self.path);
        c.args(["env", format])
            .env("D", "$")
            .env("GOPROXY", "https://example.invalid")
            .env("GOROOT", go_root("1.21"));
        for (k, v) in env {
            c.env(k, v);
        }
        c.output().unwrap()
    }

    fn ok(&self, format: &str) -> String {
        let out = self.run(format, &[]);
        assert!(
            out.status.success(),
            "env {format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn gopath(&self) -> String {
        format!("{}/go path", self.sb.home().display())
    }

    /// The managed PATH block, in order.
    fn managed(&self) -> Vec<String> {
        vec![
            format!("{}/bin", go_root("1.22").display()),
            format!("{}/bin", self.gopath()),
        ]
    }

    /// What every format must give, for a base PATH.
    fn expected(&self, base_path: &str) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        m.insert("GOPATH".into(), self.gopath());
        m.insert("GOROOT".into(), String::new());
        m.insert("GOFLAGS".into(), self.goflags.into());
        m.insert("GOPROXY".into(), String::new());
        m.insert(
            "PATH".into(),
            format!("{}:{base_path}", self.managed().join(":")),
        );
        m
    }
}

// ---------------------------------------------------------------------------
// Dockerfile: a parser of ENV instructions per the Dockerfile reference
// (https://docs.docker.com/reference/dockerfile/#env and #environment-replacement):
// `ENV key=value ...`; words may be unquoted, "double-quoted" (where `\` escapes
// `"`, `\` and `$`, and is kept before any other character) or 'single-quoted'
// (literal); outside single quotes `$var` / `${var}` expand from the
// environment built so far; an unquoted `\` escapes the next character.

fn docker_word(s: &str, env: &BTreeMap<String, String>) -> (String, usize) {
    let c: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let expand = |c: &[char], i: &mut usize, out: &mut String| {
        // at '$'
        *i += 1;
        let name: String = if c.get(*i) == Some(&'{') {
            let end = c[*i..].iter().position(|&x| x == '}').unwrap() + *i;
            let n = c[*i + 1..end].iter().collect();
            *i = end + 1;
            n
        } else {
            let start = *i;
            while *i < c.len() && (c[*i].is_ascii_alphanumeric() || c[*i] == '_') {
                *i += 1;
            }
            c[start..*i].iter().collect()
        };
        out.push_str(env.get(&name).map(String::as_str).unwrap_or(""));
    };
    while i < c.len() && !c[i].is_whitespace() {
        match c[i] {
            '"' => {
                i += 1;
                while c[i] != '"' {
                    match c[i] {
                        '\\' if matches!(c.get(i + 1), Some('"' | '\\' | '$')) => {
                            out.push(c[i + 1]);
                            i += 2;
                        }
                        '$' => expand(&c, &mut i, &mut out),
                        ch => {
                            out.push(ch);
                            i += 1;
                        }
                    }
                }
                i += 1;
            }
            '\'' => {
                i += 1;
                while c[i] != '\'' {
                    out.push(c[i]);
                    i += 1;
                }
                i += 1;
            }
            '\\' => {
                out.push(c[i + 1]);
                i += 2;
            }
            '$' => expand(&c, &mut i, &mut out),
            ch => {
                out.push(ch);
                i += 1;
            }
        }
    }
    (out, c[..i].iter().collect::<String>().len())
}

fn parse_dockerfile(text: &str, base: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut env = base.clone();
    for line in text.lines() {
        let rest = line.strip_prefix("ENV ").expect("only ENV lines");
        let mut rest = rest.trim_start();
        while !rest.is_empty() {
            let eq = rest.find('=').expect("key=value form");
            let key = rest[..eq].to_string();
            assert!(key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
            let (value, used) = docker_word(&rest[eq + 1..], &env);
            env.insert(key, value);
            rest = rest[eq + 1 + used..].trim_start();
        }
    }
    env
}

#[test]
fn dockerfile_env_lines_parse_back() {
    let s = setup("");
    let text = s.ok("dockerfile");
    let base: BTreeMap<String, String> = [(
        "PATH".to_string(),
        "/usr/local/bin:/usr/bin:/bin".to_string(),
    )]
    .into();
    let got = parse_dockerfile(&text, &base);
    let want = s.expected("/usr/local/bin:/usr/bin:/bin");
    for (k, v) in &want {
        assert_eq!(got.get(k), Some(v), "{k} from:\n{text}");
    }
    assert!(!text.contains("GOENV_HOOK_STATE") && !text.contains("GOENV_HOOK_PROMPT"));
    assert!(text.contains("${PATH}"), "{text}");
}

#[test]
fn dockerfile_refuses_a_line_break() {
    let s = setup("MULTI = \"a\\nb\"\n");
    let out = s.run("dockerfile", &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("MULTI") && err.contains("dockerfile"), "{err}");
    assert!(out.stdout.is_empty());
}

#[cfg(unix)]
#[test]
fn invalid_utf8_is_refused_by_every_file_format() {
    use std::os::unix::ffi::OsStrExt;
    let s = setup_with("-v", "-v", "BAD = \"${RAW}\"\n");
    for f in ["github", "dockerfile", "systemd", "dotenv", "gitlab"] {
        let mut c = s.sb.command(common::exe(), &s.path);
        c.args(["env", f])
            .env("D", "$")
            .env("RAW", std::ffi::OsStr::from_bytes(b"/x\xff"));
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{f}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("BAD") && err.contains(f) && err.contains("UTF-8"),
            "{f}: {err}"
        );
    }
}

// ---------------------------------------------------------------------------
// systemd: the real environment.d generator reads the file.

/// Un-escapes the generator's output (`KEY=value` or `KEY="C-escaped"`).
fn parse_generator(text: &str) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    for line in text.lines() {
        let (k, v) = line.split_once('=').unwrap();
        let v = if let Some(q) = v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            let mut o = String::new();
            let mut it = q.chars();
            while let Some(c) = it.next() {
                if c != '\\' {
                    o.push(c);
                    continue;
                }
                match it.next().unwrap() {
                    'n' => o.push('\n'),
                    't' => o.push('\t'),
                    c => o.push(c),
                }
            }
            o
        } else {
            v.to_string()
        };
        m.insert(k.to_string(), v);
    }
    m
}

fn generator(dir: &Path, path: Option<&str>) -> BTreeMap<String, String> {
    let gen = PathBuf::from(GENERATOR);
    assert!(
        gen.is_file(),
        "{GENERATOR} missing (apt package systemd); {}",
        common::INSTALL_HINT
    );
    let mut c = Command::new(gen);
    c.env_clear()
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("xdg"));
    if let Some(p) = path {
        c.env("PATH", p);
    }
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    parse_generator(&String::from_utf8(out.stdout).unwrap())
}

#[test]
fn systemd_environment_d_file_read_by_systemd() {
    let s = setup("MULTI = \"line1\\nline2 $$ `x`\"\n");
    let text = s.ok("systemd");
    let dir = s.sb.path().join("sd");
    std::fs::create_dir_all(dir.join("xdg/environment.d")).unwrap();
    std::fs::write(dir.join("xdg/environment.d/50-go.conf"), &text).unwrap();

    let got = generator(&dir, Some("/usr/bin:/bin"));
    let mut want = s.expected("/usr/bin:/bin");
    // (the config itself reads `$$` as `$`)
    want.insert("MULTI".into(), "line1\nline2 $ `x`".into());
    for (k, v) in &want {
        if v.is_empty() {
            // An empty assignment: set to empty, or dropped; either way Go
            // sees it unset. It must never carry a value.
            assert!(got.get(k).is_none_or(|g| g.is_empty()), "{k}: {got:?}");
        } else {
            assert_eq!(got.get(k), Some(v), "{k} from:\n{text}");
        }
    }
    // Without PATH in the manager, no trailing separator (an empty entry = cwd).
    let got = generator(&dir, None);
    assert_eq!(got.get("PATH"), Some(&s.managed().join(":")), "{text}");
}

// ---------------------------------------------------------------------------
// GitHub Actions: a parser of the documented environment files
// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions#environment-files):
// GITHUB_ENV has `NAME=value` or `NAME<<DELIM` … `DELIM`; GITHUB_PATH has one
// directory per line, each prepended to PATH (so the last line comes first).

fn parse_github_env(text: &str) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some((name, delim)) = line.split_once("<<") {
            if !name.contains('=') {
                let mut v = Vec::new();
                for l in lines.by_ref() {
                    if l == delim {
                        break;
                    }
                    v.push(l);
                }
                m.insert(name.to_string(), v.join("\n"));
                continue;
            }
        }
        let (k, v) = line.split_once('=').expect("NAME=value");
        m.insert(k.to_string(), v.to_string());
    }
    m
}

fn github_path(text: &str, base: &str) -> String {
    let mut p: Vec<&str> = base.split(':').collect();
    for l in text.lines() {
        p.insert(0, l);
    }
    p.join(":")
}

#[test]
fn github_appends_to_the_environment_files() {
    let s = setup("MULTI = \"line1\\nGOENV_HOOK_EOF\\nline3\"\n");
    let envf = s.sb.path().join("github_env");
    let pathf = s.sb.path().join("github_path");
    std::fs::write(&envf, "EARLIER=1\n").unwrap();
    std::fs::write(&pathf, "/earlier/bin\n").unwrap();
    let out = s.run(
        "github",
        &[
            ("GITHUB_ENV", envf.to_str().unwrap()),
            ("GITHUB_PATH", pathf.to_str().unwrap()),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let env_text = std::fs::read_to_string(&envf).unwrap();
    let path_text = std::fs::read_to_string(&pathf).unwrap();
    let mut got = parse_github_env(&env_text);
    assert_eq!(got.get("EARLIER").map(String::as_str), Some("1"));
    got.insert("PATH".into(), github_path(&path_text, "/usr/bin:/bin"));
    let mut want = s.expected("/earlier/bin:/usr/bin:/bin");
    want.insert("MULTI".into(), "line1\nGOENV_HOOK_EOF\nline3".into());
    for (k, v) in &want {
        assert_eq!(got.get(k), Some(v), "{k} from:\n{env_text}\n{path_text}");
    }
    // stdout shows exactly what was appended.
    let log = String::from_utf8(out.stdout).unwrap();
    assert!(log.contains("# appended to $GITHUB_ENV\n"), "{log}");
    assert!(
        log.contains(env_text.strip_prefix("EARLIER=1\n").unwrap()),
        "{log}"
    );
    assert!(
        log.contains(path_text.strip_prefix("/earlier/bin\n").unwrap()),
        "{log}"
    );

    // Outside Actions: printed, nothing written.
    let log = s.ok("github");
    assert!(log.contains("(not set: nothing written)"), "{log}");
}

// ---------------------------------------------------------------------------
// dotenv: a parser of `NAME='literal'` lines, and the real `sh` reading it
// with `set -a; . ./.env`.

#[test]
fn dotenv_parses_and_sources() {
    let s = setup_with(NO_DOLLAR_TOML, NO_DOLLAR, "");
    let text = s.ok("dotenv");
    let mut got = BTreeMap::new();
    for line in text.lines() {
        let (k, v) = line.split_once('=').unwrap();
        let v = if let Some(v) = v.strip_prefix('\'') {
            let v = v.strip_suffix('\'').unwrap();
            assert!(!v.contains('\''));
            v.to_string()
        } else {
            // "…" with \\ and \" escapes, and no $ or ` inside.
            let v = v.strip_prefix('"').unwrap().strip_suffix('"').unwrap();
            assert!(!v.contains(['$', '`']));
            let mut o = String::new();
            let mut it = v.chars();
            while let Some(c) = it.next() {
                o.push(if c == '\\' { it.next().unwrap() } else { c });
            }
            o
        };
        got.insert(k.to_string(), v);
    }
    let want = s.expected(SYSTEM_PATH);
    assert_eq!(got, want, "{text}");

    let f = s.sb.path().join("go.env");
    std::fs::write(&f, &text).unwrap();
    let dash = common::require("dash");
    let out = Command::new(dash)
        .env_clear()
        .arg("-c")
        .arg(format!(
            "set -a; . '{}'; printf '%s\\n' \"$GOFLAGS\" \"$PATH\"",
            f.display()
        ))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{NO_DOLLAR}\n{}\n", want["PATH"])
    );

    let s = setup("");
    let out = s.run("dotenv", &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("GOFLAGS") && err.contains("dotenv"), "{err}");
}

// ---------------------------------------------------------------------------
// GitLab CI's dotenv report, read back as GitLab does: its parser
// (`Ci::ParseDotenvArtifactService`: each line must match `^(.*?)=(.*)$`,
// key and value stripped of surrounding whitespace, nothing unquoted; the
// file under 5 KB; a key of letters, digits and `_`), then GitLab Runner's
// expansion of a variable that is not raw (Go's `os.Expand`, with `$$` a
// literal `$` and every other name unknown, so empty).

/// Go's `os.Expand` (Go 1.11 and later) with `mapping`.
fn go_expand(s: &str, mapping: impl Fn(&str) -> String) -> String {
    let b = s.as_bytes();
    let special = |c: u8| b"*#$@!?-0123456789".contains(&c);
    let alnum = |c: u8| c == b'_' || c.is_ascii_alphanumeric();
    let mut out = String::new();
    let mut i = 0;
    let mut j = 0;
    while j < b.len() {
        if b[j] == b'$' && j + 1 < b.len() {
            out.push_str(&s[i..j]);
            let r = &s[j + 1..];
            let rb = r.as_bytes();
            let (name, w): (&str, usize) = if rb[0] == b'{' {
                if rb.len() > 2 && special(rb[1]) && rb[2] == b'}' {
                    (&r[1..2], 3)
                } else {
                    match rb.iter().position(|&c| c == b'}') {
                        Some(1) => ("", 2),
                        Some(k) => (&r[1..k], k + 1),
                        None => ("", 1),
                    }
                }
            } else if special(rb[0]) {
                (&r[..1], 1)
            } else {
                let k = rb.iter().take_while(|&&c| alnum(c)).count();
                (&r[..k], k)
            };
            if name.is_empty() && w > 0 {
                // bad syntax: eaten
            } else if name.is_empty() {
                out.push('$');
            } else {
                out.push_str(&mapping(name));
            }
            j += w;
            i = j + 1;
        }
        j += 1;
    }
    out.push_str(&s[i..]);
    out
}

/// The variables a later job gets from a GitLab dotenv report.
fn read_gitlab_report(text: &str) -> BTreeMap<String, String> {
    assert!(
        text.len() < 5 * 1024,
        "GitLab takes dotenv reports under 5 KB"
    );
    let ruby_ws = |c: char| matches!(c, '\0' | '\t' | '\n' | '\x0b' | '\x0c' | '\r' | ' ');
    let mut m = BTreeMap::new();
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let (k, v) = body
            .split_once('=')
            .unwrap_or_else(|| panic!("GitLab: Invalid Format: {line:?}"));
        let (k, v) = (k.trim_matches(ruby_ws), v.trim_matches(ruby_ws));
        assert!(
            !k.is_empty() && k.bytes().all(|c| c == b'_' || c.is_ascii_alphanumeric()),
            "GitLab refuses the key {k:?}"
        );
        let expanded = go_expand(v, |name| {
            if name == "$" {
                "$".into()
            } else {
                String::new()
            }
        });
        m.insert(k.to_string(), expanded);
    }
    assert!(m.len() <= 20, "more variables than GitLab's default limit");
    m
}

#[test]
fn go_expand_is_go_s() {
    let m = |n: &str| match n {
        "$" => "$".to_string(),
        "A" => "a".to_string(),
        _ => String::new(),
    };
    assert_eq!(go_expand("x$A${A}$$A $ $/ ${}y ${", m), "xaa$A $ $/ y ");
}

#[test]
fn gitlab_report_reads_back() {
    let s = setup("");
    let text = s.ok("gitlab");
    assert_eq!(read_gitlab_report(&text), s.expected(SYSTEM_PATH), "{text}");
    // A value GitLab would strip is refused, naming it.
    let s = setup("PAD = \" padded\"\n");
    let out = s.run("gitlab", &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("PAD") && err.contains("gitlab") && err.contains("whitespace"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    let s = setup("MULTI = \"a\\nb\"\n");
    let out = s.run("gitlab", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("MULTI"));
}

#[test]
fn unknown_format_is_a_usage_error() {
    let s = setup("");
    let out = s.run("yaml", &[]);
    assert_eq!(out.status.code(), Some(64));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("dockerfile") && err.contains("github"),
        "{err}"
    );
}
