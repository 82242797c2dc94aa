//! The reference tables the README and the man pages share: the config
//! file's keys, goenv-hook's environment variables, the check catalogue.
//! One source: [`markdown`] writes the README's tables (a test finds each
//! one in README.md, byte for byte), [`man_pages`] the pages under `man/`
//! (`goenv-hook.toml(5)`, `goenv-hook-environment(7)`,
//! `goenv-hook-checks(7)`).

use crate::sys::ser::name;

/// The config file's keys: key (`[table] key` for a table's), value, meaning.
pub(crate) const CONFIG_KEYS: &[(&str, &str, &str)] = &[
    ("toolchain", "a version (`1.22`, `1.22.3`, `go1.22.3`) or a toolchain root directory (`~/sdk/go1.22.3`)", "the toolchain to use where no `GOENV_HOOK_GO`, `.go-version`, go.work or go.mod asks for one"),
    ("goroot", "`unset` (default), `export` or `leave`", "`unset`: unset a `GOROOT` that disagrees with the selected toolchain; `export`: always export it; `leave`: never touch it"),
    ("gopath", "an absolute directory", "exported as `GOPATH`"),
    ("gobin", "an absolute directory", "exported as `GOBIN`, and put on `PATH` instead of `GOPATH[0]/bin`"),
    ("gotoolchain_local", "`true` or `false` (default)", "export `GOTOOLCHAIN=local` (goenv-hook then does all the switching)"),
    ("[env] NAME", "a string, or `false`", "an extra variable: a string sets it, `false` unsets it"),
    ("[path] extra", "a list of absolute directories", "extra `PATH` entries, managed like the others"),
    ("[path] order", "a list of `toolchain`, `gobin`, `extra`", "the order of the managed block in front of `PATH`"),
    ("[doctor] ignore", "a list of check ids", "checks `doctor` leaves out (see goenv-hook-checks(7))"),
    ("[prompt] format", "a template (default `{icon}{go}{pin}{problems}`)", "the prompt segment's template (see `goenv-hook prompt --help`)"),
    ("[prompt] always", "`true` or `false` (default)", "also show the segment outside Go projects"),
];

/// goenv-hook's environment variables: name, meaning.
pub(crate) const ENV_VARS: &[(&str, &str)] = &[
    ("GOENV_HOOK_CONFIG", "config file path (read)"),
    ("GOENV_HOOK_GO", "one-off toolchain override, a version or a directory (read; set by `use`)"),
    ("GOENV_HOOK_DISABLED", "non-empty: the hook does nothing (read)"),
    ("GOENV_HOOK_STATE", "what goenv-hook changed, for undoing it (set; internal format)"),
    ("GOENV_HOOK_PROMPT", "the prompt segment, plain text (set)"),
    ("GOENV_HOOK_ERROR", "fingerprint of the config error already reported, so it is reported once (set)"),
    ("GOENV_HOOK_SHELL_HOOKS", "the shell's hook registrations, for `doctor`'s `hook-not-installed` (read; the `goenv-hook` function init defines sets it for `doctor`)"),
];

/// The check catalogue's columns, from `checks::CHECKS`: id, severity,
/// class, shown by `prompt`.
fn check_rows() -> Vec<[String; 4]> {
    crate::checks::CHECKS
        .iter()
        .map(|c| {
            [
                c.id.to_string(),
                name(&c.severity),
                name(&c.class),
                if c.prompt { "yes" } else { "no" }.to_string(),
            ]
        })
        .collect()
}

/// The README's tables: (title, markdown table), each ending in a newline.
pub fn markdown() -> Vec<(&'static str, String)> {
    let table = |head: &str, rows: Vec<String>| {
        let n = head.matches(" | ").count() + 1;
        let mut s = format!("| {head} |\n|{}\n", "---|".repeat(n));
        for r in rows {
            s.push_str(&format!("| {r} |\n"));
        }
        s
    };
    // A `|` inside a cell is written `\|` in markdown.
    let cell = |s: &str| s.replace('|', "\\|");
    vec![
        (
            "config keys",
            table(
                "key | value | meaning",
                CONFIG_KEYS
                    .iter()
                    .map(|(k, v, m)| format!("`{k}` | {} | {}", cell(v), cell(m)))
                    .collect(),
            ),
        ),
        (
            "environment variables",
            table(
                "variable | meaning",
                ENV_VARS
                    .iter()
                    .map(|(k, m)| format!("`{k}` | {}", cell(m)))
                    .collect(),
            ),
        ),
        (
            "check catalogue",
            table(
                "id | severity | class | shown by `prompt`",
                check_rows()
                    .into_iter()
                    .map(|[id, s, c, p]| format!("`{id}` | {s} | {c} | {p}"))
                    .collect(),
            ),
        ),
    ]
}

/// Text for roff: backslashes escaped, `code` in bold, a line never
/// starting with a control character.
fn roff(s: &str) -> String {
    let mut out = String::new();
    let mut bold = false;
    for ch in s.replace('\\', "\\e").chars() {
        if ch == '`' {
            out.push_str(if bold { "\\fR" } else { "\\fB" });
            bold = !bold;
        } else {
            out.push(ch);
        }
    }
    if out.starts_with('.') || out.starts_with('\'') {
        out.insert_str(0, "\\&");
    }
    out
}

fn page(file: &str, title: &str, section: &str, what: &str, body: &str) -> (String, Vec<u8>) {
    let mut s = format!(
        ".TH {} {section} \"\" \"goenv-hook {}\"\n.SH NAME\n{} \\- {}\n",
        title.to_uppercase(),
        env!("CARGO_PKG_VERSION"),
        title,
        roff(what)
    );
    s.push_str(body);
    (file.to_string(), s.into_bytes())
}

fn entry(term: &str, text: &str) -> String {
    format!(".TP\n\\fB{}\\fR\n{}\n", roff(term), roff(text))
}

/// The man pages made from the tables: (file name under man/, roff).
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    let mut config = String::from(".SH DESCRIPTION\n");
    config.push_str(&roff("goenv-hook reads one TOML file: `$GOENV_HOOK_CONFIG` (a missing file there is an error naming it), else `$XDG_CONFIG_HOME/goenv-hook/config.toml`, else `~/.config/goenv-hook/config.toml` (Windows: `%AppData%\\goenv-hook\\config.toml`). `goenv-hook config path` prints it; `goenv-hook config check` validates it. Every key is optional. Values expand `~`, `$VAR`, `${VAR}` and `${VAR:-default}`; an undefined variable is an error, `$$` is a literal `$`."));
    config.push_str("\n.SH KEYS\n");
    for (k, v, m) in CONFIG_KEYS {
        config.push_str(&entry(k, &format!("{v}: {m}.")));
    }
    config.push_str(".SH EXAMPLE\n.nf\n");
    config.push_str(
        &"toolchain = \"1.22\"\ngoroot = \"unset\"\n\n[env]\nGOPROXY = \"https://proxy.golang.org,direct\"\n\n[path]\nextra = [\"~/go-tools/bin\"]\n\n[doctor]\nignore = [\"path-duplicates\"]\n\n[prompt]\nalways = false\n"
            .replace('\\', "\\e"),
    );
    config.push_str(".fi\n.SH SEE ALSO\ngoenv-hook(1), goenv-hook-config(1), goenv-hook-environment(7), goenv-hook-checks(7)\n");

    let mut vars = String::from(".SH DESCRIPTION\n");
    vars.push_str(&roff("The variables goenv-hook reads or sets, besides Go's own (`GOROOT`, `GOPATH`, `GOBIN`, `GOTOOLCHAIN` and the rest, which `goenv-hook explain` traces)."));
    vars.push_str("\n.SH VARIABLES\n");
    for (k, m) in ENV_VARS {
        vars.push_str(&entry(k, m));
    }
    vars.push_str(".SH SEE ALSO\ngoenv-hook(1), goenv-hook.toml(5), goenv-hook-checks(7)\n");

    let mut checks = String::from(".SH DESCRIPTION\n");
    checks.push_str(&roff("The checks `goenv-hook doctor` runs, by id (ids are stable: never renamed or reused). The severity is the usual one (a few checks report some cases lower or higher, as the message explains); the prompt segment runs the checks marked so, with the same conditions as doctor's. `doctor --ignore ID` and the config's `[doctor] ignore` leave a check out."));
    checks.push_str("\n.SH CHECKS\n");
    for [id, s, c, p] in check_rows() {
        let shown = if p == "yes" {
            "; shown by the prompt"
        } else {
            ""
        };
        checks.push_str(&entry(&id, &format!("{s}, class {c}{shown}")));
    }
    checks.push_str(".SH SEE ALSO\ngoenv-hook(1), goenv-hook-doctor(1), goenv-hook.toml(5)\n");

    vec![
        page(
            "goenv-hook.toml.5",
            "goenv-hook.toml",
            "5",
            "the goenv-hook config file",
            &config,
        ),
        page(
            "goenv-hook-environment.7",
            "goenv-hook-environment",
            "7",
            "the environment variables goenv-hook reads and sets",
            &vars,
        ),
        page(
            "goenv-hook-checks.7",
            "goenv-hook-checks",
            "7",
            "the checks of goenv-hook doctor",
            &checks,
        ),
    ]
}
