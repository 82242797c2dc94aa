//! The system around the shell: the mount table, WSL markers, and the `go`
//! hits on the *current* PATH when goenv-hook has already changed it.

#[cfg(test)]
use crate::facts::system::{is_nonlocking_fs, mount_of};
use crate::facts::system::{Mount, Wsl};
use crate::sys::env::EnvSnapshot;

use crate::facts::toolchain::GoHit;
use crate::facts::Facts;
use std::path::{Path, PathBuf};

/// Where `probe` reads system files; tests point these at fake trees.
#[derive(Clone, Debug)]
pub struct Roots {
    /// `/proc`
    pub proc: PathBuf,
    /// `/` (for `/etc/profile`, `/etc/zsh/…`)
    pub sys: PathBuf,
}

impl Default for Roots {
    fn default() -> Roots {
        Roots {
            proc: PathBuf::from("/proc"),
            sys: PathBuf::from("/"),
        }
    }
}

/// The `go` hits on the current PATH, when it differs from the original.
/// When the current PATH is exactly goenv-hook's composition (managed block
/// in front of the original PATH minus duplicates), only the managed
/// entries are scanned and the original hits are re-indexed; otherwise the
/// whole current PATH is scanned.
pub(crate) fn current_hits(facts: &Facts) -> Option<Vec<GoHit>> {
    let env = &facts.current;
    if env.get("PATH") == facts.env.get("PATH") {
        return None;
    }
    let cur = env.path_entries();
    if let Some(st) = &facts.state {
        let c = crate::sys::pathlist::compose(env.platform, &facts.path, &st.managed);
        if c.entries == cur {
            let n = c
                .entries
                .len()
                .saturating_sub(facts.path.len().saturating_sub(c.removed.len()));
            let mut hits = crate::probe::toolchain::find_go_on_path(&c.entries[..n], env);
            let mut new_index = Vec::with_capacity(facts.path.len());
            let mut k = n;
            for i in 0..facts.path.len() {
                if c.removed.iter().any(|(r, _)| *r == i) {
                    new_index.push(None);
                } else {
                    new_index.push(Some(k));
                    k += 1;
                }
            }
            for h in &facts.hits {
                if let Some(Some(j)) = new_index.get(h.path_index) {
                    let mut h = h.clone();
                    h.path_index = *j;
                    hits.push(h);
                }
            }
            return Some(hits);
        }
    }
    Some(crate::probe::toolchain::find_go_on_path(&cur, env))
}

/// WSL markers: `WSL_DISTRO_NAME` / `WSL_INTEROP` (absent over ssh), then
/// (unless `cheap`) `/proc/sys/fs/binfmt_misc/WSLInterop` and
/// `/proc/version` mentioning Microsoft/WSL.
pub(crate) fn detect_wsl(env: &EnvSnapshot, roots: &Roots, cheap: bool) -> Option<Wsl> {
    if env.platform.is_windows() {
        return None;
    }
    for v in ["WSL_DISTRO_NAME", "WSL_INTEROP"] {
        if env.get_nonempty(v).is_some() {
            return Some(Wsl { marker: v.into() });
        }
    }
    if cheap {
        return None;
    }
    let interop = roots.proc.join("sys/fs/binfmt_misc/WSLInterop");
    if interop.exists() {
        return Some(Wsl {
            marker: interop.to_string_lossy().into_owned(),
        });
    }
    let version = roots.proc.join("version");
    if let Ok(b) = std::fs::read(&version) {
        let t = String::from_utf8_lossy(&b).to_ascii_lowercase();
        if t.contains("microsoft") || t.contains("wsl") {
            return Some(Wsl {
                marker: version.to_string_lossy().into_owned(),
            });
        }
    }
    None
}

/// Reads `<proc>/self/mounts` (falling back to `<proc>/mounts`).
pub(crate) fn read_mounts(proc: &Path) -> Option<Vec<Mount>> {
    let b = std::fs::read(proc.join("self/mounts"))
        .or_else(|_| std::fs::read(proc.join("mounts")))
        .ok()?;
    Some(parse_mounts(&b))
}

/// Parses mount-table text: `device mountpoint fstype options dump pass`,
/// with octal escapes (`\040` for a space) in the fields.
pub(crate) fn parse_mounts(text: &[u8]) -> Vec<Mount> {
    let mut out = Vec::new();
    for line in text.split(|&b| b == b'\n') {
        let mut fields = line
            .split(|&b| b == b' ' || b == b'\t')
            .filter(|f| !f.is_empty());
        let (Some(_dev), Some(mp), Some(fs)) = (fields.next(), fields.next(), fields.next()) else {
            continue;
        };
        out.push(Mount {
            mount_point: PathBuf::from(crate::sys::platform::from_bytes(unescape_octal(mp))),
            fstype: String::from_utf8_lossy(&unescape_octal(fs)).into_owned(),
        });
    }
    out
}

fn unescape_octal(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 4 <= b.len() {
            let d = &b[i + 1..i + 4];
            if d.iter().all(|c| (b'0'..=b'7').contains(c)) {
                let v = (u32::from(d[0] - b'0') << 6)
                    | (u32::from(d[1] - b'0') << 3)
                    | u32::from(d[2] - b'0');
                if let Ok(v) = u8::try_from(v) {
                    out.push(v);
                    i += 4;
                    continue;
                }
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::platform::Platform;

    #[test]
    fn parses_mount_table_with_escapes() {
        let t = b"rootfs / ext4 rw 0 0\nC:\\134 /mnt/c 9p rw,dirsync 0 0\nsrv:/x /home/u/my\\040nfs nfs4 rw 0 0\n\ngarbage\n";
        let m = parse_mounts(t);
        assert_eq!(m.len(), 3);
        assert_eq!(m[1].mount_point, PathBuf::from("/mnt/c"));
        assert_eq!(m[1].fstype, "9p");
        assert_eq!(m[2].mount_point, PathBuf::from("/home/u/my nfs"));
        assert_eq!(
            mount_of(&m, Path::new("/home/u/my nfs/go/pkg/mod"))
                .unwrap()
                .fstype,
            "nfs4"
        );
        assert_eq!(
            mount_of(&m, Path::new("/home/u/my nfsx")).unwrap().fstype,
            "ext4"
        );
        assert!(is_nonlocking_fs("fuse.sshfs") && is_nonlocking_fs("drvfs"));
        assert!(!is_nonlocking_fs("ext4") && !is_nonlocking_fs("tmpfs"));
    }

    #[test]
    fn mount_escape_edge_cases_do_not_panic() {
        for t in [
            &b"a \\ b"[..],
            b"a b\\0 c",
            b"\\",
            b"a /\\777 x",
            b"a /x\\12",
        ] {
            let _ = parse_mounts(t);
        }
    }

    #[test]
    fn wsl_detection_from_vars_and_proc() {
        let d = tempfile::tempdir().unwrap();
        let roots = Roots {
            proc: d.path().to_path_buf(),
            sys: d.path().to_path_buf(),
        };
        let env = EnvSnapshot::from_pairs(&[("WSL_DISTRO_NAME", "Ubuntu")], "/", Platform::UNIX);
        assert_eq!(
            detect_wsl(&env, &roots, true).unwrap().marker,
            "WSL_DISTRO_NAME"
        );
        let env = EnvSnapshot::from_pairs(&[], "/", Platform::UNIX);
        assert!(detect_wsl(&env, &roots, false).is_none());
        std::fs::write(
            d.path().join("version"),
            "Linux version 5.15.153.1-microsoft-standard-WSL2",
        )
        .unwrap();
        assert!(detect_wsl(&env, &roots, true).is_none());
        assert!(detect_wsl(&env, &roots, false).is_some());
    }
}
