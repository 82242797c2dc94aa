//! The snippets of docs/integrations.md marked `<!-- tested: NAME -->`, run
//! with the real binary and the real tools available here: zsh for the
//! powerlevel10k segment (p10k stubbed), Lua 5.4 for the Clink script (Clink
//! API stubbed), Go's text/template for the oh-my-posh template, the TOML
//! parser for starship (starship itself is not installed), and the doctor's
//! vscode-settings-mismatch check against real toolchains.

mod common;

use common::{go_root, Sandbox, SYSTEM_PATH};
use std::path::{Path, PathBuf};
use std::process::Command;

fn doc() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/integrations.md"))
        .unwrap()
}

/// The fenced block after `<!-- tested: name -->`.
fn snippet(name: &str) -> String {
    let d = doc();
    let marker = format!("<!-- tested: {name} -->");
    let at = d
        .find(&marker)
        .unwrap_or_else(|| panic!("no {marker} in docs/integrations.md"));
    let rest = &d[at + marker.len()..];
    let open = rest.find("```").unwrap();
    let body_start = open + rest[open..].find('\n').unwrap() + 1;
    let close = rest[body_start..].find("\n```").unwrap();
    rest[body_start..body_start + close + 1].to_string()
}

/// A sandbox: go1.22 first on PATH and the binary's directory on PATH, a
/// project needing go 1.22, a stray GOROOT=go1.21 that the config leaves
/// alone (so the prompt flags it).
struct Setup {
    sb: Sandbox,
    path: String,
    proj: PathBuf,
}

fn setup() -> Setup {
    let sb = Sandbox::new();
    let proj = sb.home().join("proj");
    std::fs::create_dir_all(&proj).unwrap();
    std::fs::write(proj.join("go.mod"), "module m\n\ngo 1.22\n").unwrap();
    let cfg = sb.home().join(".config/goenv-hook/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(&cfg, "goroot = \"leave\"\n").unwrap();
    let bin_dir = common::exe().parent().unwrap().to_path_buf();
    let path = format!(
        "{}:{}/bin:{SYSTEM_PATH}",
        bin_dir.display(),
        go_root("1.22").display()
    );
    Setup { sb, path, proj }
}

impl Setup {
    fn cmd(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = self.sb.command(program, &self.path);
        c.current_dir(&self.proj).env("GOROOT", go_root("1.21"));
        c
    }
}

fn run(mut c: Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{c:?}: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn starship_snippets_are_valid_config() {
    let t: toml::Table = toml::from_str(&snippet("starship.toml")).unwrap();
    let m = &t["env_var"]["GOENV_HOOK_PROMPT"];
    assert_eq!(m["variable"].as_str(), Some("GOENV_HOOK_PROMPT"));
    assert!(m["format"].as_str().unwrap().contains("$env_value"));
    let t: toml::Table = toml::from_str(&snippet("starship-custom.toml")).unwrap();
    let m = &t["custom"]["goenv_hook"];
    assert_eq!(m["when"].as_bool(), Some(true));
    assert!(m["format"].as_str().unwrap().contains("$output"));
    // The custom module's command prints the flagged segment here.
    let cmdline = m["command"].as_str().unwrap();
    let s = setup();
    let mut c = s.cmd("sh");
    c.args(["-c", cmdline]);
    assert_eq!(run(c), "⚠ go1.22.12 (GOROOT≠go)\n");
}

#[test]
fn p10k_segment_function() {
    let s = setup();
    let script = format!(
        r#"eval "$(goenv-hook init zsh)"
p10k() {{ print -r -- "p10k $*" }}
{}
prompt_goenv_hook
GOENV_HOOK_PROMPT='go1.22 100%'; prompt_goenv_hook
GOENV_HOOK_PROMPT=; prompt_goenv_hook
print -r -- "$POWERLEVEL9K_GOENV_HOOK_WARN_FOREGROUND"
"#,
        snippet("p10k.zsh")
    );
    let mut c = s.cmd(common::require("zsh"));
    c.args(["-f", "-c", &script]);
    assert_eq!(
        run(c),
        "p10k segment -s WARN -t ⚠ go1.22.12 (GOROOT≠go)\np10k segment -s OK -t go1.22 100%%\n178\n"
    );
}

#[test]
fn oh_my_posh_templates_render_with_go_text_template() {
    let seg: serde_json::Value = serde_json::from_str(&snippet("oh-my-posh.json")).unwrap();
    assert_eq!(seg["type"], "text");
    let template = seg["template"].as_str().unwrap();
    let fg = seg["foreground_templates"][0].as_str().unwrap();
    let s = setup();
    let dir = s.sb.path().join("tmpl");
    std::fs::create_dir_all(&dir).unwrap();
    // Go's text/template with sprig's hasPrefix (hasPrefix PREFIX STRING),
    // .Env as oh-my-posh provides it.
    std::fs::write(
        dir.join("main.go"),
        r#"package main

import (
	"os"
	"strings"
	"text/template"
)

func main() {
	funcs := template.FuncMap{"hasPrefix": func(p, s string) bool { return strings.HasPrefix(s, p) }}
	data := map[string]any{"Env": map[string]string{"GOENV_HOOK_PROMPT": os.Getenv("SEG")}}
	for _, t := range os.Args[1:] {
		template.Must(template.New("t").Funcs(funcs).Parse(t)).Execute(os.Stdout, data)
		os.Stdout.WriteString("|")
	}
}
"#,
    )
    .unwrap();
    let mut c = s.sb.command(go_root("1.22").join("bin/go"), SYSTEM_PATH);
    c.current_dir(&dir)
        .env("GOCACHE", s.sb.path().join("gocache"))
        .env("GOTOOLCHAIN", "local")
        .args(["build", "-o", "render", "main.go"]);
    run(c);
    for (seg, want) in [
        (
            "⚠ go1.22.12 (GOROOT≠go)",
            "⚠ go1.22.12 (GOROOT≠go) |yellow|",
        ),
        ("go1.22.12", "go1.22.12 ||"),
        ("", "||"),
    ] {
        let mut c = s.sb.command(dir.join("render"), SYSTEM_PATH);
        c.env("SEG", seg).args([template, fg]);
        assert_eq!(run(c), want);
    }
}

#[test]
fn clink_script_applies_hook_cmd_and_filters_the_prompt() {
    let lua = common::require("lua5.4");
    let s = setup();
    let stub = r#"
local env = {}
os.setenv = function(n, v) env[n] = v or "<unset>"; return true end
local real_getenv = os.getenv
os.getenv = function(n) if env[n] ~= nil then return env[n] ~= "<unset>" and env[n] or nil end return real_getenv(n) end
local begin, filter
clink = {
  onbeginedit = function(f) begin = f end,
  promptfilter = function(prio) filter = {}; return filter end,
}
"#;
    let after = r#"
begin()
for _, n in ipairs({"PATH", "GOROOT", "GOENV_HOOK_PROMPT"}) do print(n .. "=" .. tostring(env[n])) end
print(filter:filter("C:\\> "))
"#;
    let script = format!("{stub}\n{}\n{after}", snippet("clink.lua"));
    let file = s.sb.path().join("goenv-hook.lua");
    std::fs::write(&file, script).unwrap();
    let mut c = s.cmd(lua);
    c.arg(&file);
    let out = run(c);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with(&format!("PATH={}/bin:", go_root("1.22").display())),
        "{out}"
    );
    // goroot = "leave": GOROOT untouched; the segment flags it.
    assert_eq!(lines[1], "GOROOT=nil", "{out}");
    assert_eq!(
        lines[2], "GOENV_HOOK_PROMPT=⚠ go1.22.12 (GOROOT≠go)",
        "{out}"
    );
    assert_eq!(
        lines[3], "\u{1b}[33m⚠ go1.22.12 (GOROOT≠go)\u{1b}[0m C:\\> ",
        "{out}"
    );
}

#[test]
fn vscode_snippets_and_the_doctor_check() {
    let profiles: serde_json::Value =
        serde_json::from_str(&snippet("vscode-profiles.json")).unwrap();
    assert!(
        profiles["terminal.integrated.profiles.windows"]["PowerShell (goenv-hook)"]["args"][2]
            .as_str()
            .unwrap()
            .contains("goenv-hook init pwsh")
    );
    let settings = snippet("vscode-settings.json");
    let v: serde_json::Value = serde_json::from_str(&settings).unwrap();
    assert_eq!(
        v["go.alternateTools"]["go"].as_str(),
        Some("/usr/lib/go-1.22/bin/go")
    );

    let s = setup();
    let vs = s.proj.join(".vscode");
    std::fs::create_dir_all(&vs).unwrap();
    let doctor = |s: &Setup| -> serde_json::Value {
        let mut c = s.cmd(common::exe());
        c.args(["doctor", "--json"]).env_remove("GOROOT");
        let out = c.output().unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let has = |j: &serde_json::Value| {
        j["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "vscode-settings-mismatch")
    };
    // The documented settings agree with what goenv-hook selects: quiet.
    std::fs::write(vs.join("settings.json"), &settings).unwrap();
    assert!(!has(&doctor(&s)));
    // go.goroot pinned to go1.21 (JSONC, with a comment and a trailing comma).
    std::fs::write(
        vs.join("settings.json"),
        "{\n  // old\n  \"go.goroot\": \"/usr/lib/go-1.21\",\n}\n",
    )
    .unwrap();
    let j = doctor(&s);
    assert!(has(&j), "{j:#}");
    let f = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "vscode-settings-mismatch")
        .unwrap();
    assert_eq!(f["severity"], "warn");
    assert_eq!(f["class"], "env");
    assert!(f["message"].as_str().unwrap().contains("go1.21.13"), "{f}");
    assert!(f["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"] == "file" && e["line"] == 3));
}
