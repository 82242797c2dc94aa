//! cmd's rendering of the hook's warnings (`Op::Warn` → `@>&2 echo …`) run
//! through wine's cmd: each line reaches stderr exactly, operators and `%`
//! literal, no trailing space, blank lines left out, nothing injected, and
//! the `set` lines around them still apply. ASCII only (wine reads batch
//! files as CP437).

mod common;

use goenv_hook::shell::{render_env, Op, Shell};
use goenv_hook::sys::platform::Platform;
use std::path::Path;

#[test]
fn warnings_reach_stderr_exactly_in_wine_cmd() {
    let w = common::Wine::new(&[]);
    let work = w.work.clone();
    let zpath = |p: &Path| w.zpath(p);
    let marker = work.join("INJECTED");

    let inject = format!("& echo x > \"{}\"", zpath(&marker));
    let ops = vec![
        Op::Warn {
            message: format!(
                "goenv-hook: config error, environment left as is (run `goenv-hook doctor`): C:\\it's \"cfg\".toml:1:13: {inject}"
            ),
        },
        Op::Set {
            name: "GH_BETWEEN".into(),
            value: "100% ok".into(),
        },
        Op::Warn {
            message: format!("%PATH% %% ! ^ & | < > ( ) ; , = # ~ $(x) `y` 'q' {inject} | x\\"),
        },
        Op::Warn {
            message: "first\n\n  \t\nsecond\r\n".into(),
        },
        Op::Warn {
            message: String::new(),
        },
    ];
    let expected = [
        format!(
            "goenv-hook: config error, environment left as is (run `goenv-hook doctor`): C:\\it's 'cfg'.toml:1:13: {}",
            inject.replace('"', "'")
        ),
        format!(
            "%PATH% %% ! ^ & | < > ( ) ; , = # ~ $(x) `y` 'q' {} | x\\",
            inject.replace('"', "'")
        ),
        "first".into(),
        "second".into(),
    ];
    let script = render_env(Shell::Cmd, &ops, Platform::WINDOWS).unwrap();
    let env_file = work.join("env.cmd");
    std::fs::write(&env_file, &script).unwrap();
    let err_file = work.join("err.txt");
    let out_file = work.join("out.txt");
    let driver = work.join("t.bat");
    std::fs::write(
        &driver,
        format!(
            "@call \"{}\" 2> \"{}\"\r\n@set > \"{}\"\r\n",
            zpath(&env_file),
            zpath(&err_file),
            zpath(&out_file)
        ),
    )
    .unwrap();
    let status = w.run_bat(&driver);
    let show = String::from_utf8_lossy(&script);
    assert!(
        status.success(),
        "wine cmd failed ({status}); {}\n--- env.cmd ---\n{show}",
        common::INSTALL_HINT
    );
    let err = std::fs::read_to_string(&err_file).unwrap();
    let lines: Vec<&str> = err.split_terminator("\r\n").collect();
    assert_eq!(lines, expected, "--- env.cmd ---\n{show}");
    assert!(!marker.exists(), "an injected command ran\n{show}");
    let out = std::fs::read_to_string(&out_file).unwrap();
    assert!(
        out.lines().any(|l| l == "GH_BETWEEN=100% ok"),
        "the set line between the warnings did not apply:\n{out}"
    );
}
