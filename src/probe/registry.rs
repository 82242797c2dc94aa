//! The persistent Windows environment (doctor only): the two environment
//! keys of the registry (`facts::winenv`), then what is on the PATH a new
//! terminal gets and at the persistent GOROOT. Never on the prompt path:
//! `full::read` calls it at doctor's depth, on Windows only.

use crate::facts::winenv::{Persistent, RegEnv};
use crate::sys::env::EnvSnapshot;

/// Reads the keys (None off Windows) and what they name.
pub fn read(env: &EnvSnapshot) -> Option<Persistent> {
    read_keys().map(|reg| settle(reg, env))
}

/// What the keys name on disk: the `go` binaries on a new terminal's PATH
/// (the one PATH lookup, `toolchain::find_go_on_path`) and the toolchain at
/// the persistent GOROOT.
pub(crate) fn settle(reg: RegEnv, env: &EnvSnapshot) -> Persistent {
    let path = reg.new_terminal_path(env);
    let mut p = Persistent {
        path,
        ..Persistent::default()
    };
    let entries = p.path_os();
    p.hits = super::toolchain::find_go_on_path(&entries, env);
    p.missing = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| env.platform.is_absolute(e) && !std::path::Path::new(e).is_dir())
        .map(|(i, _)| i)
        .collect();
    if let Some((scope, v)) = reg.effective("GOROOT") {
        let value = reg.value_in_new_env(v, env);
        let tc = (!value.is_empty())
            .then(|| super::toolchain::inspect_root(std::path::Path::new(&value), env))
            .flatten();
        p.goroot = Some((scope, value, tc));
    }
    p.reg = reg;
    p
}

#[cfg(windows)]
fn read_keys() -> Option<RegEnv> {
    use crate::facts::winenv::{RegType, RegVar, Scope, MACHINE_KEY, USER_KEY};
    use winreg::enums::{HKEY_CURRENT_USER, HKEY_LOCAL_MACHINE, KEY_READ};
    use winreg::RegKey;
    let mut reg = RegEnv::default();
    for (scope, hive, key) in [
        (Scope::Machine, HKEY_LOCAL_MACHINE, MACHINE_KEY),
        (Scope::User, HKEY_CURRENT_USER, USER_KEY),
    ] {
        let k = match RegKey::predef(hive).open_subkey_with_flags(key, KEY_READ) {
            Ok(k) => k,
            Err(e) => {
                reg.errors.push((scope.key(), e.to_string()));
                continue;
            }
        };
        let mut vars = Vec::new();
        for item in k.enum_values() {
            let (name, v) = match item {
                Ok(x) => x,
                Err(e) => {
                    reg.errors.push((scope.key(), e.to_string()));
                    continue;
                }
            };
            let ty = match v.vtype {
                winreg::enums::REG_SZ => RegType::Sz,
                winreg::enums::REG_EXPAND_SZ => RegType::ExpandSz,
                _ => RegType::Other,
            };
            let value = if ty == RegType::Other {
                String::new()
            } else {
                utf16(&v.bytes)
            };
            vars.push(RegVar { name, value, ty });
        }
        match scope {
            Scope::Machine => reg.machine = vars,
            Scope::User => reg.user = vars,
        }
    }
    Some(reg)
}

#[cfg(not(windows))]
fn read_keys() -> Option<RegEnv> {
    None
}

/// A string value's data (UTF-16LE, up to its first NUL).
#[cfg_attr(not(windows), allow(dead_code))]
fn utf16(b: &[u8]) -> String {
    let units: Vec<u16> = b
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|&u| u != 0)
        .collect();
    String::from_utf16_lossy(&units)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_stops_at_nul() {
        let b: Vec<u8> = "C:\\Go\0junk"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(utf16(&b), "C:\\Go");
        assert_eq!(utf16(&[0x41]), "");
    }

    #[cfg(unix)]
    #[test]
    fn settle_finds_go_on_the_new_terminal_path() {
        use crate::facts::winenv::{RegType, RegVar, Scope};
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("go");
        std::fs::create_dir_all(root.join("bin")).unwrap();
        std::fs::create_dir_all(root.join("pkg/tool")).unwrap();
        std::fs::write(root.join("VERSION"), "go1.23.5\n").unwrap();
        let go = root.join("bin/go");
        std::fs::write(&go, "").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&go, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let env = EnvSnapshot::from_pairs(
            &[("GOHOME", root.to_str().unwrap())],
            "/",
            crate::sys::platform::Platform::current(),
        );
        let reg = RegEnv {
            machine: vec![RegVar {
                name: "Path".into(),
                value: "/nowhere;%GOHOME%/bin".into(),
                ty: RegType::ExpandSz,
            }],
            user: vec![RegVar {
                name: "GOROOT".into(),
                value: "%GOHOME%".into(),
                ty: RegType::ExpandSz,
            }],
            errors: vec![],
        };
        let p = settle(reg, &env);
        let hit = p.running_go().expect("a go");
        assert_eq!(hit.path_index, 1);
        assert_eq!(p.entry_of(hit).unwrap().scope, Scope::Machine);
        let (scope, value, tc) = p.goroot.as_ref().unwrap();
        assert_eq!(
            (*scope, value.as_str()),
            (Scope::User, root.to_str().unwrap())
        );
        assert_eq!(
            tc.as_ref().unwrap().version.as_ref().unwrap().to_string(),
            "1.23.5"
        );
    }
}
