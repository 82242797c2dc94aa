//! End to end with the real Nushell 0.115.1 and the built plugin: the
//! commands change the caller's scope, PATH stays a list, `deactivate`
//! restores PATH exactly, and the `cd` hook switches toolchains.

mod common;

use common::{go_root, nu_quote, Sandbox, BASE_PATH};

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

#[test]
fn env_is_a_record_with_path_as_a_list_of_strings() {
    go_root("1.21");
    go_root("1.23");
    let sb = Sandbox::new();
    let proj = sb.project("p21", "1.21");
    let out = sb.nu_ok(
        BASE_PATH,
        &proj,
        "{plain: (goenv env), full: (goenv env --full), type: (goenv env | get PATH | describe)} | to json",
    );
    let v = json(&out);
    assert_eq!(v["type"], "list<string>", "{out}");
    let path = v["plain"]["PATH"].as_array().expect("PATH list");
    assert_eq!(path[0], "/usr/lib/go-1.21/bin", "{out}");
    // The managed block goes in front; the user's entries follow, in order.
    let rest: Vec<_> = path
        .iter()
        .skip_while(|e| *e != "/usr/lib/go-1.23/bin")
        .collect();
    assert_eq!(rest, ["/usr/lib/go-1.23/bin", "/usr/bin", "/bin"], "{out}");
    assert!(v["plain"]["GOENV_HOOK_STATE"].is_string(), "{out}");
    assert_eq!(v["full"]["set"], v["plain"], "{out}");
    assert!(v["full"]["hide"].is_array(), "{out}");
}

#[test]
fn env_piped_to_load_env_switches_go() {
    go_root("1.21");
    let sb = Sandbox::new();
    let proj = sb.project("p21", "1.21");
    let out = sb.nu_ok(
        BASE_PATH,
        &proj,
        "goenv env | load-env; print ($env.PATH | describe); ^go version",
    );
    assert!(out.starts_with("list<string>\n"), "{out}");
    assert!(out.contains("go version go1.21.13 "), "{out}");
}

#[test]
fn activate_a_version_then_deactivate_restores_path_exactly() {
    go_root("1.21");
    go_root("1.23");
    let sb = Sandbox::new();
    let script = r#"
        let before = ($env.PATH | to json)
        let vars_before = ($env | columns | sort)
        print (^go version)
        goenv activate 1.21
        print (^go version)
        print ($env.PATH | describe)
        print $env.GOENV_HOOK_GO
        goenv deactivate
        print (^go version)
        print ($env.PATH | describe)
        print (($env.PATH | to json) == $before)
        print ('GOENV_HOOK_STATE' in $env)
        print ('GOENV_HOOK_GO' in $env)
        print ($env | columns | sort | where $it not-in $vars_before | to json -r)
    "#;
    let out = sb.nu_ok(BASE_PATH, &sb.home(), script);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("go version go1.23."), "{out}");
    assert!(lines[1].starts_with("go version go1.21.13 "), "{out}");
    assert_eq!(lines[2], "list<string>", "{out}");
    assert_eq!(lines[3], "1.21", "{out}");
    assert!(lines[4].starts_with("go version go1.23."), "{out}");
    assert_eq!(lines[5], "list<string>", "{out}");
    assert_eq!(lines[6], "true", "PATH not restored exactly: {out}");
    assert_eq!(lines[7], "false", "{out}");
    assert_eq!(lines[8], "false", "{out}");
    // The only thing left behind is the pause flag for the hook.
    assert_eq!(lines[9], r#"["GOENV_HOOK_DISABLED"]"#, "{out}");
}

#[test]
fn activate_twice_is_idempotent_and_switching_versions_leaves_one_go_dir() {
    go_root("1.21");
    go_root("1.22");
    let sb = Sandbox::new();
    let script = r#"
        goenv activate 1.21
        let once = ($env.PATH | to json)
        goenv activate
        goenv activate
        print (($env.PATH | to json) == $once)
        goenv activate 1.22
        print (^go version)
        print ($env.PATH | where $it =~ '/usr/lib/go-' | to json -r)
    "#;
    let out = sb.nu_ok(BASE_PATH, &sb.home(), script);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "true", "{out}");
    assert!(lines[1].starts_with("go version go1.22."), "{out}");
    // 1.21's dir is gone; 1.23's is the user's own entry, left in place.
    assert_eq!(
        lines[2], r#"["/usr/lib/go-1.22/bin","/usr/lib/go-1.23/bin"]"#,
        "{out}"
    );
}

#[test]
fn activate_rejects_bad_and_uninstalled_versions_with_a_label_and_changes_nothing() {
    let sb = Sandbox::new();
    let o = sb.nu_output(BASE_PATH, &sb.home(), "goenv activate 'not a version'");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is not a Go version"), "{err}");
    assert!(err.contains("expected a version"), "{err}");

    let o = sb.nu_output(
        BASE_PATH,
        &sb.home(),
        "let before = ($env | reject -o PATH | to json); try { goenv activate 1.99 } catch {|e| print $e.msg }; print (($env | reject -o PATH LAST_EXIT_CODE | to json) == $before); print ($env.PATH | to json -r)",
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].contains("1.99 is not installed"), "{out}");
    assert_eq!(lines[1], "true", "{out}");
    assert_eq!(
        lines[2], r#"["/usr/lib/go-1.23/bin","/usr/bin","/bin"]"#,
        "{out}"
    );
}

/// The hook as a REPL would run it: `cd`, then the env_change closure in
/// the caller's scope (`do --env`), exactly what Nushell does before a prompt.
#[test]
fn cd_hook_closure_switches_toolchains() {
    go_root("1.21");
    go_root("1.23");
    let sb = Sandbox::new();
    let proj = sb.project("p21", "1.21");
    let script = format!(
        r#"
        $env.config.hooks.env_change.PWD = ($env.config.hooks.env_change.PWD? | default [] | append {{|_, _| goenv activate }})
        let hook = ($env.config.hooks.env_change.PWD | last)
        let home = $env.PWD
        print (^go version)
        cd {proj}
        do --env $hook $home $env.PWD
        print (^go version)
        cd $home
        do --env $hook {proj} $env.PWD
        print (^go version)
        print ($env.PATH | to json -r)
        "#,
        proj = nu_quote(&proj)
    );
    let out = sb.nu_ok(BASE_PATH, &sb.home(), &script);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("go version go1.23."), "{out}");
    assert!(lines[1].starts_with("go version go1.21.13 "), "{out}");
    assert!(lines[2].starts_with("go version go1.23."), "{out}");
    assert!(lines[3].starts_with(r#"["/usr/lib/go-1.23/bin","#), "{out}");
}

#[test]
fn plugin_settings_override_the_config_file_and_bad_keys_are_labeled() {
    go_root("1.22");
    let sb = Sandbox::new();
    let cfg = sb.home().join(".config/goenv-hook/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(
        &cfg,
        "[env]\nGOPROXY = \"from-file\"\nGOPRIVATE = \"x.example\"\n",
    )
    .unwrap();
    let out = sb.nu_ok(
        BASE_PATH,
        &sb.home(),
        r#"$env.config.plugins.goenv = {toolchain: "1.22", env: {GOPROXY: "from-nu"}}
           goenv activate
           print $env.GOPROXY $env.GOPRIVATE (^go version)"#,
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "from-nu", "{out}");
    assert_eq!(lines[1], "x.example", "{out}");
    assert!(lines[2].starts_with("go version go1.22."), "{out}");

    let o = sb.nu_output(
        BASE_PATH,
        &sb.home(),
        r#"$env.config.plugins.goenv = {gopaht: "~/go"}; goenv env"#,
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unknown key `gopaht`"), "{err}");
    assert!(err.contains("known keys:"), "{err}");
}

#[test]
fn prompt_shows_the_project_toolchain() {
    go_root("1.21");
    go_root("1.23");
    let sb = Sandbox::new();
    let proj = sb.project("p21", "1.21");
    let out = sb.nu_ok(
        BASE_PATH,
        &proj,
        "print (goenv prompt); goenv activate; print (goenv prompt); print (goenv prompt --format '{rule}:{version}'); goenv prompt --detail | to json -r",
    );
    let lines: Vec<&str> = out.lines().collect();
    // Before activation: the go that runs now (the core decides what to
    // flag: a newer go building an older module is fine).
    assert!(lines[0].contains("go1.23."), "{out}");
    assert_eq!(lines[1], "go1.21.13", "{out}");
    assert_eq!(lines[2], "go-mod:1.21.13", "{out}");
    let d = json(lines[3]);
    assert_eq!(d["in_project"], true, "{out}");
    assert_eq!(d["version"], "1.21.13", "{out}");
    assert_eq!(d["rule"], "go-mod", "{out}");
    assert_eq!(d["problems"], serde_json::json!([]), "{out}");
}

#[test]
fn toolchains_and_which_are_tables() {
    for v in ["1.19", "1.21", "1.22", "1.23"] {
        go_root(v);
    }
    let sb = Sandbox::new();
    let out = sb.nu_ok(
        BASE_PATH,
        &sb.home(),
        "{t: (goenv toolchains), w: (goenv which), td: (goenv toolchains | describe), wd: (goenv which | describe)} | to json",
    );
    let v = json(&out);
    assert!(v["td"].as_str().unwrap().starts_with("table<"), "{out}");
    assert!(v["wd"].as_str().unwrap().starts_with("table<"), "{out}");
    let t = v["t"].as_array().unwrap();
    for root in [
        "/usr/lib/go-1.19",
        "/usr/lib/go-1.21",
        "/usr/lib/go-1.22",
        "/usr/lib/go-1.23",
    ] {
        assert!(t.iter().any(|r| r["root"] == root), "{root} missing: {out}");
    }
    let active: Vec<_> = t.iter().filter(|r| r["active"] == true).collect();
    assert_eq!(active.len(), 1, "{out}");
    assert_eq!(active[0]["root"], "/usr/lib/go-1.23", "{out}");
    let w = v["w"].as_array().unwrap();
    assert_eq!(w[0]["path"], "/usr/lib/go-1.23/bin/go", "{out}");
    assert_eq!(w[0]["runs"], true, "{out}");
    assert_eq!(w[0]["index"], 0, "{out}");
}

#[test]
fn activate_and_deactivate_reach_the_caller_through_do_env_and_def_env() {
    go_root("1.21");
    let sb = Sandbox::new();
    let script = r#"
        goenv activate 1.21
        do --env { goenv activate default }
        print ('GOENV_HOOK_GO' in $env)
        def --env off [] { goenv deactivate }
        goenv activate 1.21
        off
        print ('GOENV_HOOK_GO' in $env) ('GOENV_HOOK_STATE' in $env)
        do { goenv activate 1.21 }
        print ('GOENV_HOOK_GO' in $env)
    "#;
    let out = sb.nu_ok(BASE_PATH, &sb.home(), script);
    // A plain `do` block has its own scope, like load-env's.
    assert_eq!(out, "false\nfalse\nfalse\nfalse\n");
}

/// `goenv activate 1.21` inside a `def --env` command and inside a
/// `do --env` block changes the caller's PATH: the toolchain's bin comes
/// first there, and the caller's own `^go` runs go1.21. Each form runs in its
/// own nu, so one can't pass on the other's change.
#[test]
fn activate_in_def_env_and_do_env_sets_path_in_the_caller() {
    go_root("1.21");
    go_root("1.23");
    let sb = Sandbox::new();
    for script in [
        "def --env f [] { goenv activate 1.21 }; f",
        "do --env { goenv activate 1.21 }",
    ] {
        let out = sb.nu_ok(
            BASE_PATH,
            &sb.home(),
            &format!(
                "print (^go version); {script}; print ($env.PATH | describe) $env.PATH.0 (^go version)"
            ),
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 4, "{script}: {out}");
        assert!(
            lines[0].starts_with("go version go1.23."),
            "{script}: premise, go1.23 first on PATH: {out}"
        );
        assert_eq!(lines[1], "list<string>", "{script}: {out}");
        assert_eq!(lines[2], "/usr/lib/go-1.21/bin", "{script}: {out}");
        assert!(
            lines[3].starts_with("go version go1.21.13 "),
            "{script}: {out}"
        );
    }
}

/// Every example in `help goenv …` parses in the real nu and runs there,
/// in a Go project, with the Debian toolchains; and every example with a
/// result gives that result in the real nu too, where the test engine of
/// tests/plugin_test.rs checks it (outside any Go project, Go 1.23 first on
/// PATH).
#[test]
fn every_example_parses_and_runs_in_real_nu() {
    for m in ["1.19", "1.21", "1.22", "1.23"] {
        go_root(m);
    }
    let sb = Sandbox::new();
    let proj = sb.project("p21", "1.21");
    let out = sb.nu_ok(
        BASE_PATH,
        &proj,
        "scope commands | where name starts-with goenv | each {|c| $c.examples | each {|e| {cmd: $c.name, example: $e.example, parses: ($e.example | nu-check), result: ($e.result | to json -r)} } } | flatten | to json -r",
    );
    let examples = json(&out);
    let examples = examples.as_array().unwrap();
    assert!(examples.len() >= 20, "{out}");
    let mut checked = 0;
    for e in examples {
        assert_eq!(e["parses"], true, "does not parse: {e}");
        let ex = e["example"].as_str().unwrap();
        let o = sb.nu_output(BASE_PATH, &proj, ex);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{ex}: {err}");
        let want = json(e["result"].as_str().unwrap());
        if want.is_null() {
            continue;
        }
        let got = sb.nu_ok(
            BASE_PATH,
            &sb.home(),
            &format!("do {{ {ex} }} | to json -r"),
        );
        assert_eq!(json(&got), want, "{ex}: result in the real nu");
        checked += 1;
    }
    assert!(checked >= 15, "{checked} examples with a result");
}

#[test]
fn activate_a_toolchain_directory_relative_or_under_home() {
    go_root("1.22");
    let sb = Sandbox::new();
    std::os::unix::fs::symlink("/usr/lib/go-1.22", sb.home().join("tc")).unwrap();
    let out = sb.nu_ok(
        BASE_PATH,
        &sb.home(),
        "goenv activate ./tc; print $env.GOENV_HOOK_GO (^go version); goenv activate ~/tc; print $env.GOENV_HOOK_GO",
    );
    let lines: Vec<&str> = out.lines().collect();
    let abs = sb.home().join("tc");
    assert_eq!(lines[0], abs.to_str().unwrap(), "{out}");
    assert!(lines[1].starts_with("go version go1.22."), "{out}");
    assert_eq!(lines[2], sb.home().join("tc").to_str().unwrap(), "{out}");
}

#[test]
fn a_broken_config_file_is_a_labeled_error_with_file_line_column() {
    let sb = Sandbox::new();
    let cfg = sb.home().join(".config/goenv-hook/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(&cfg, "goroot = \"sometimes\"\n").unwrap();
    let o = sb.nu_output(BASE_PATH, &sb.home(), "goenv env");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("the config file can't be used"), "{err}");
    assert!(err.contains(&format!("{}:1:10", cfg.display())), "{err}");
    assert!(err.contains("expected:"), "{err}");
    // `goenv activate` (config.nu's line, the hook's command) warns once and
    // goes on, leaving the environment as it is; the prompt shows a marker.
    let o = sb.nu_output(
        BASE_PATH,
        &sb.home(),
        "let p = $env.PATH; goenv activate; goenv activate; print ($env.PATH == $p) (goenv prompt)",
    );
    assert!(o.status.success(), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        err.matches(&format!("{}:1:10", cfg.display())).count(),
        1,
        "{err}"
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "true\ngo: config error\n"
    );
}

#[test]
fn doctor_is_a_table_of_findings_with_nu_fixes() {
    go_root("1.21");
    go_root("1.23");
    let sb = Sandbox::new();
    let script = r#"
        $env.GOROOT = '/usr/lib/go-1.21'
        let d = (goenv doctor)
        print ($d | describe)
        print ($d | where id == goroot-mismatch | to json -r)
        print ($d | where id == hook-not-installed | length)
        print (goenv doctor --ignore [goroot-mismatch hook-not-installed] | where id in [goroot-mismatch hook-not-installed] | length)
        goenv activate
        print (goenv doctor | where id == goroot-mismatch | length)
        $env.config.hooks.env_change.PWD = ($env.config.hooks.env_change.PWD? | default [] | append {|_, _| goenv activate })
        print (goenv doctor | where id == hook-not-installed | length)
    "#;
    let out = sb.nu_ok(BASE_PATH, &sb.home(), script);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("table<id: string, severity: string, fix: string, message: string, class: string, evidence: "),
        "{out}"
    );
    let g = json(lines[1]);
    let g = &g[0];
    assert_eq!(g["severity"], "error", "{out}");
    assert_eq!(g["class"], "env", "{out}");
    assert!(
        g["message"].as_str().unwrap().contains("go1.21.13"),
        "{out}"
    );
    assert!(
        g["fix"].as_str().unwrap().starts_with("hide-env GOROOT"),
        "{out}"
    );
    assert_eq!(g["evidence"][0]["kind"], "var", "{out}");
    assert_eq!(g["evidence"][0]["name"], "GOROOT", "{out}");
    assert_eq!(lines[2], "1", "{out}");
    assert_eq!(lines[3], "0", "{out}");
    // `goenv activate` unsets the GOROOT that disagrees (goroot = "unset").
    assert_eq!(lines[4], "0", "{out}");
    assert_eq!(lines[5], "0", "{out}");

    let o = sb.nu_output(
        BASE_PATH,
        &sb.home(),
        "goenv doctor --ignore [no-such-check]",
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unknown check id: no-such-check"), "{err}");
    assert!(err.contains("valid ids: go-not-found"), "{err}");
}

/// The README's setup: `plugin add`, then `plugin use goenv` (with a
/// registry file in the sandbox, not the user's).
#[test]
fn plugin_add_then_plugin_use_as_in_the_readme() {
    go_root("1.21");
    let sb = Sandbox::new();
    let reg = sb.path().join("plugins.msgpackz");
    let mut c = std::process::Command::new(common::nu());
    c.env_clear()
        .envs(sb.env(BASE_PATH))
        .current_dir(sb.home())
        .args(["-n", "--no-std-lib", "--no-history", "-c"])
        .arg(format!(
            "plugin add --plugin-config {} {}",
            nu_quote(&reg),
            nu_quote(&common::plugin())
        ));
    let o = c.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut c = std::process::Command::new(common::nu());
    c.env_clear()
        .envs(sb.env(BASE_PATH))
        .current_dir(sb.home())
        .args(["-n", "--no-std-lib", "--no-history", "-c"])
        .arg(format!(
            "plugin use --plugin-config {} goenv; goenv activate 1.21; ^go version",
            nu_quote(&reg)
        ));
    let o = c.output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.starts_with("go version go1.21.13 "), "{out}");
}

#[test]
fn settings_goroot_export_and_extra_path_entries_show_in_env() {
    go_root("1.22");
    let sb = Sandbox::new();
    let extra = sb.home().join("tools/bin");
    std::fs::create_dir_all(&extra).unwrap();
    let out = sb.nu_ok(
        BASE_PATH,
        &sb.home(),
        r#"$env.config.plugins.goenv = {toolchain: "1.22", goroot: "export", path: {extra: ["~/tools/bin"], order: [extra toolchain gobin]}}
           goenv env | select GOROOT PATH | to json -r"#,
    );
    let v = json(&out);
    assert_eq!(v["GOROOT"], "/usr/lib/go-1.22", "{out}");
    assert_eq!(v["PATH"][0], extra.to_str().unwrap(), "{out}");
    assert_eq!(v["PATH"][1], "/usr/lib/go-1.22/bin", "{out}");
}
