//! `class: env` checks: variables, PATH, the `go env -w` file, WSL, mounts.

mod goroot;
mod paths;
mod settings;
mod system;
mod windows_registry;

use super::*;

pub(super) use goroot::goroot_vs_active;

pub(super) fn run(cx: &Ctx, out: &mut Vec<Finding>) {
    goroot::goroot_vs_active(cx, out);
    goroot::goroot_in_goenv_file(cx, out);
    goroot::multiple_go_on_path(cx, out);
    goroot::go_is_shim(cx, out);
    paths::gopath(cx, out);
    paths::gobin(cx, out);
    paths::gocache(cx, out);
    paths::path_entries(cx, out);
    settings::goenv_file(cx, out);
    settings::gosumdb(cx, out);
    settings::goproxy(cx, out);
    settings::goprivate(cx, out);
    settings::goflags(cx, out);
    settings::go111module(cx, out);
    settings::gotoolchain(cx, out);
    settings::goarch(cx, out);
    system::wsl(cx, out);
    system::modcache_fs(cx, out);
    system::nonascii(cx, out);
    windows_registry::run(cx, out);
}

pub(super) fn starts_tilde(v: &OsStr) -> bool {
    bytes(v).first() == Some(&b'~')
}
