//! GOFLAGS: the flags `go` accepts there (with their kind), and the
//! quoted splitting Go applies first.

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
pub(crate) fn quoted_split(s: &str) -> Result<Vec<String>, String> {
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
