//! System facts the checks use: mounts and WSL.

use std::path::{Path, PathBuf};

/// One line of the mount table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    pub(crate) mount_point: PathBuf,
    pub(crate) fstype: String,
}

/// How WSL was recognised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wsl {
    /// The marker that gave it away ("WSL_DISTRO_NAME", "/proc/version", …).
    pub marker: String,
}

/// File systems where Go's file locking fails or is slow.
pub(crate) fn is_nonlocking_fs(fstype: &str) -> bool {
    let f = fstype.to_ascii_lowercase();
    f.starts_with("nfs")
        || f == "cifs"
        || f.starts_with("smb")
        || f == "9p"
        || f == "drvfs"
        || f == "vboxsf"
        || f == "fuse"
        || f == "fuseblk"
        || f.starts_with("fuse.")
}

/// Network file systems (never stat on the prompt path).
pub(crate) fn is_network_fs(fstype: &str) -> bool {
    is_nonlocking_fs(fstype) || matches!(fstype, "afs" | "ceph" | "glusterfs" | "lustre")
}

/// The mount that holds `path` (longest mount point that is a prefix,
/// compared component-wise). `path` is used as given; the caller resolves
/// symlinks if it wants to.
pub(crate) fn mount_of<'a>(mounts: &'a [Mount], path: &Path) -> Option<&'a Mount> {
    mounts
        .iter()
        .filter(|m| path.starts_with(&m.mount_point))
        .max_by_key(|m| crate::sys::platform::bytes(m.mount_point.as_os_str()).len())
}
