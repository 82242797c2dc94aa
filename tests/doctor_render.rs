//! Doctor output: text grouping and colour, the JSON schema, ignore lists
//! and exit codes.

use goenv_hook::checks::{self, Class, Evidence, Finding, Severity, VarSource};
use goenv_hook::config::Config;
use goenv_hook::report::doctor::{self, validate_ignore};

fn f(id: &'static str, severity: Severity, class: Class) -> Finding {
    Finding {
        id,
        severity,
        class,
        message: format!("{id} happened"),
        fix: format!("fix {id}"),
        evidence: vec![
            Evidence::Var {
                name: "GOROOT".into(),
                value: "/usr/lib/go-1.21".into(),
                source: VarSource::Env,
            },
            Evidence::File {
                path: "/h/.config/go/env".into(),
                line: Some(3),
            },
            Evidence::PathEntry {
                index: 2,
                entry: "/usr/local/go/bin".into(),
            },
        ],
        short: String::new(),
    }
}

fn sample() -> Vec<Finding> {
    let mut v = vec![
        f("path-duplicates", Severity::Info, Class::Env),
        f("goroot-mismatch", Severity::Error, Class::Env),
        f("path-empty-entry", Severity::Warn, Class::Env),
        f("version-vs-gomod", Severity::Error, Class::Project),
    ];
    checks::sort(&mut v);
    v
}

#[test]
fn text_is_grouped_and_plain_without_colour() {
    let o = doctor::outcome(sample(), false);
    let t = doctor::render_text(&o, false);
    assert!(!t.contains('\x1b'));
    let e = t.find("Errors (2)").unwrap();
    let w = t.find("Warnings (1)").unwrap();
    let i = t.find("Info (1)").unwrap();
    assert!(e < w && w < i, "{t}");
    assert!(t.contains("goroot-mismatch  goroot-mismatch happened"));
    assert!(t.contains("fix: fix goroot-mismatch"));
    assert!(t.contains("GOROOT=/usr/lib/go-1.21 (environment)"));
    assert!(t.contains("/h/.config/go/env:3"));
    assert!(t.contains("PATH[2]"));
    assert!(
        t.trim_end()
            .ends_with("2 errors, 1 warning, 1 info (exit 1)"),
        "{t}"
    );
    // errors sorted first, by catalogue order
    assert!(t.find("goroot-mismatch").unwrap() < t.find("version-vs-gomod").unwrap());
    let c = doctor::render_text(&o, true);
    assert!(c.contains("\x1b[1;31m"));
    let none = doctor::render_text(&doctor::outcome(vec![], false), false);
    assert_eq!(none, "✓ no problems found\n");
}

#[test]
fn text_neutralises_control_characters() {
    let mut x = f("goflags-invalid", Severity::Error, Class::Env);
    x.message = "bad\nvalue\x1b[31m".into();
    let t = doctor::render_text(&doctor::outcome(vec![x], false), false);
    assert!(t.contains("bad\\nvalue\\u{1b}[31m"), "{t}");
}

#[test]
fn json_schema() {
    let o = doctor::outcome(sample(), false);
    let j: serde_json::Value = serde_json::from_str(&doctor::render_json(&o)).unwrap();
    assert_eq!(j["version"], 1);
    assert_eq!(j["exit_code"], 1);
    assert_eq!(j["summary"]["errors"], 2);
    assert_eq!(j["summary"]["warnings"], 1);
    assert_eq!(j["summary"]["infos"], 1);
    let first = &j["findings"][0];
    assert_eq!(first["id"], "goroot-mismatch");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["class"], "env");
    assert_eq!(first["message"], "goroot-mismatch happened");
    assert_eq!(first["fix"], "fix goroot-mismatch");
    assert_eq!(first["evidence"][0]["kind"], "var");
    assert_eq!(first["evidence"][0]["source"], "env");
    assert_eq!(first["evidence"][1]["kind"], "file");
    assert_eq!(first["evidence"][1]["line"], 3);
    assert_eq!(first["evidence"][2]["kind"], "path-entry");
    assert_eq!(first["evidence"][2]["index"], 2);
    assert_eq!(j["findings"][3]["severity"], "info");
}

#[test]
fn ignore_lists() {
    let cfg = Config::default();
    assert!(validate_ignore(&["path-duplicates".into()], &cfg).is_ok());
    let e = validate_ignore(&["nope".into()], &cfg).unwrap_err();
    assert!(!e.from_config);
    let msg = e.to_string();
    assert!(msg.contains("'nope'") && msg.contains("--ignore") && msg.contains("go-not-found"));
    let cfg = Config {
        doctor_ignore: vec!["bogus-id".into()],
        ..Config::default()
    };
    assert!(validate_ignore(&[], &cfg).unwrap_err().from_config);

    let cfg = Config {
        doctor_ignore: vec!["goroot-mismatch".into()],
        ..Config::default()
    };
    let kept = checks::filter_ignored(sample(), &["version-vs-gomod".into()], &cfg);
    let ids: Vec<_> = kept.iter().map(|f| f.id).collect();
    assert_eq!(ids, ["path-empty-entry", "path-duplicates"]);
    assert_eq!(checks::exit_code(&kept, false), 0);
    assert_eq!(checks::exit_code(&kept, true), 1);
}

#[test]
fn strict_and_precedence() {
    let v = vec![
        f("version-vs-gomod", Severity::Error, Class::Project),
        f("goroot-goenv-missing", Severity::Warn, Class::Toolchain),
    ];
    assert_eq!(doctor::outcome(v.clone(), false).exit_code, 3);
    assert_eq!(doctor::outcome(v, true).exit_code, 2);
}
