//! Hostile values for the round-trip property tests (tests/roundtrip.rs:
//! values fed to the renderers; tests/roundtrip_config.rs: values written into
//! the config file and run through the real binary).

use proptest::prelude::*;
use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStringExt;
use std::path::Path;
use std::process::{Command, Stdio};

/// Cases per property test: `default`, or GOENV_HOOK_PROPTEST_CASES.
pub fn cases(default: u32) -> u32 {
    std::env::var("GOENV_HOOK_PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Which kinds of bytes a shell can carry.
#[derive(Clone, Copy)]
pub struct Allow {
    /// `"`, newline, CR.
    pub breaks: bool,
    /// Invalid UTF-8.
    pub raw: bool,
    /// Anything outside printable ASCII + tab.
    pub non_ascii: bool,
}

/// Hostile pieces: quotes of every kind (U+2018–U+201B too), shell and cmd
/// metacharacters, whitespace and line breaks, non-ASCII, and injection
/// payloads that create `marker` (`win_marker`: the same file as cmd spells it).
pub fn fragments(marker: &str, win_marker: &str) -> Vec<String> {
    let mut f: Vec<String> = [
        "'",
        "''",
        "'\\''",
        "\u{2018}",
        "\u{2019}",
        "\u{201A}",
        "\u{201B}",
        "\"",
        "\"\"",
        "$",
        "`",
        "%",
        "%%",
        "%PATH%",
        "%1",
        "%~dp0",
        "!",
        "!PATH!",
        "^",
        "^^",
        "&",
        "&&",
        "|",
        "||",
        "<",
        ">",
        ";",
        "#",
        "##",
        "'#",
        "'##",
        "#'",
        "~",
        " ",
        "  ",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "\\",
        "\\\\",
        "\\'",
        "$HOME",
        "${HOME}",
        "$PATH",
        "*",
        "?",
        "[a]",
        "{a,b}",
        "-n",
        "--",
        "=",
        "(",
        ")",
        "\u{1b}[31m",
        "é",
        "日本",
        "🎉",
        "\u{F6FF}",
        "\u{FFFD}",
        "\u{200B}",
        "r#'",
        "'#",
        "$\"",
        "${",
        "}",
        ":",
        "/",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for payload in [
        format!("$(touch {marker})"),
        format!("`touch {marker}`"),
        format!("(touch {marker})"),
        format!("; touch {marker}"),
        format!("' ; touch {marker} ; '"),
        format!("\"; touch {marker}; \""),
        format!("$\"(touch {marker})\""),
        format!("\n touch {marker}\n"),
        format!("& type nul > {win_marker}"),
        format!("\" & type nul > {win_marker} & \""),
        format!("%%\" & type nul > {win_marker}"),
    ] {
        f.push(payload);
    }
    f
}

/// One value: 0..8 pieces (fragments, single characters, plain words, and
/// lone bytes 0x80..=0xff when `allow.raw`). Never a NUL byte.
pub fn value_strategy(allow: Allow, frags: Vec<String>) -> BoxedStrategy<Vec<u8>> {
    let frags: Vec<String> = frags
        .into_iter()
        .filter(|s| allow.breaks || !s.contains(['"', '\n', '\r']))
        .filter(|s| allow.non_ascii || s.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b)))
        .collect();
    let ch = any::<char>().prop_filter("allowed char", move |c| {
        *c != '\0'
            && (allow.breaks || !matches!(c, '"' | '\n' | '\r'))
            && (allow.non_ascii || *c == '\t' || (' '..='~').contains(c))
    });
    let piece = if allow.raw {
        prop_oneof![
            4 => proptest::sample::select(frags).prop_map(String::into_bytes),
            2 => ch.prop_map(|c| c.to_string().into_bytes()),
            2 => "[a-zA-Z0-9 ./_-]{1,8}".prop_map(String::into_bytes),
            1 => (0x80u8..=0xff).prop_map(|b| vec![b]),
        ]
        .boxed()
    } else {
        prop_oneof![
            4 => proptest::sample::select(frags).prop_map(String::into_bytes),
            2 => ch.prop_map(|c| c.to_string().into_bytes()),
            2 => "[a-zA-Z0-9 ./_-]{1,8}".prop_map(String::into_bytes),
        ]
        .boxed()
    };
    proptest::collection::vec(piece, 0..8)
        .prop_map(|v| v.concat())
        .boxed()
}

/// Bytes as an OsString.
pub fn os(b: &[u8]) -> OsString {
    OsString::from_vec(b.to_vec())
}

/// The output of `env -0` as name -> value.
pub fn parse_env0(out: &[u8]) -> HashMap<Vec<u8>, Vec<u8>> {
    out.split(|&b| b == 0)
        .filter(|e| !e.is_empty())
        .filter_map(|e| {
            let i = e.iter().position(|&b| b == b'=')?;
            Some((e[..i].to_vec(), e[i + 1..].to_vec()))
        })
        .collect()
}

/// PATH as a shell exports the `entries` it was given: joined with `:`,
/// except that fish splits PATH at `:` and exports each empty element as
/// "." (same meaning: the current directory); an empty list stays the
/// empty string.
pub fn exported_path(fish: bool, entries: &[Vec<u8>]) -> Vec<u8> {
    let joined = entries.join(&b':');
    if !fish || entries.is_empty() {
        return joined;
    }
    let items: Vec<&[u8]> = joined
        .split(|&b| b == b':')
        .map(|e| if e.is_empty() { &b"."[..] } else { e })
        .collect();
    items.join(&b':')
}

/// Runs the shell `program args file` (`file` holds `script`, which ends
/// by printing its environment with `env -0`) in `dir`, with only HOME=dir,
/// LANG=C.UTF-8 and `env` set; fails the case when the shell fails or
/// `marker` (the injection payloads' file) exists. Returns the environment
/// the script printed.
pub fn run_env_script(
    shell: &str,
    (program, args): (&Path, &[&str]),
    dir: &Path,
    marker: &Path,
    script: &[u8],
    env: &[(&str, &OsStr)],
) -> Result<HashMap<Vec<u8>, Vec<u8>>, TestCaseError> {
    let file = dir.join("t.script");
    std::fs::write(&file, script).unwrap();
    let out = Command::new(program)
        .args(args)
        .arg(&file)
        .env_clear()
        .env("HOME", dir)
        .env("LANG", "C.UTF-8")
        .envs(env.iter().copied())
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let show = || String::from_utf8_lossy(script).into_owned();
    prop_assert!(
        out.status.success(),
        "{shell} failed: {}\n{}\n--- script ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr),
        show()
    );
    prop_assert!(
        !marker.exists(),
        "{shell}: an injected command ran\n--- script ---\n{}",
        show()
    );
    Ok(parse_env0(&out.stdout))
}
