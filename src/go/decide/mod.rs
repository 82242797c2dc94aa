//! Which toolchain a go command runs in a directory, or why it fails: a
//! model of `cmd/go/internal/toolchain` (`Select`, `Exec`), of the
//! module-loading checks of `cmd/go/internal/modload` that make every
//! module-aware command fail, and of `modfetch`'s proxy and checksum rules
//! for toolchain downloads, for Go 1.21, 1.22 and 1.23 as the local go
//! (and Go 1.19: no switching, its own go.mod grammar).
//!
//! # API (what doctor, the prompt and `which` call)
//!
//! ```text
//! // 1. What go reads (the caller gathers it; nothing here reads files):
//! let env = GoEnv {
//!     process: { "GOTOOLCHAIN": b"…", "GOPROXY": …, "HOME": …, … },   // the environment
//!     user_file: Some(bytes of $GOENV or $XDG_CONFIG_HOME/go/env),      // go env -w file
//!     goroot_file: Some(bytes of $GOROOT/go.env),                      // of the go that runs
//! };
//! let input = Input { local: "go1.22.12" /* runtime.Version() of that go */,
//!                     env: &env, cwd, tmpdir /* $TMPDIR or /tmp */,
//!                     goroot: Some(root), host: ("linux", "amd64") };
//! // 2. Ask:
//! let d: Decision = decide(&input, &world);          // world: impl World
//! // 3. Read the one outcome:
//! d.run          // Run::Local | Path{name, exe} | ModCache{name, dir, fate}
//!                //   | Download{name, fate} | Fail{error} | Unknown{name, why}
//! d.module       // Module::Ok | NoModule | ModulesOff | Fail{error} | Unknown{why} | NotReached
//! d.want         // the toolchain name go wants (go1.23.0, go1.22.12-custom)
//! d.chosen_by    // Local | Minimum | ToolchainLine{line} | GoLine{line}
//! d.gotoolchain  // Setting { value, source: Environment | EnvFile | GorootEnv | Unset }
//! d.file         // the go.work/go.mod Select read, its go/toolchain lines
//! d.runs_version // the version of the go that then runs
//! d.notes, d.module_notes  // lines go prints on the way (downloading …, warnings)
//! ```
//!
//! A [`Fate`] says whether a download (or verifying a cached toolchain)
//! can succeed: `Succeeds`, `NeedsNetwork { url }` (what go fetches
//! first), or `Fails { error }` with go's exact message. A [`GoError`] is
//! go's exact stderr text (`go: ` prefixes included, one line per error)
//! with the file and line it is about.
//!
//! [`World`] is how the model asks about the filesystem and PATH without
//! doing I/O itself: the caller answers (from the real filesystem in the
//! probe; from a map in tests: `MemWorld`). It asks only what the decision needs:
//! `go.work`/`go.mod` on the way up from `cwd` (and the `use`d modules'
//! go.mod), `GOPATH/go.mod`, the one `go1.X.Y` name on PATH, that
//! toolchain's module cache entry, a `file://` proxy's zip. A cheap caller
//! (the prompt) answers [`PathHit::Unknown`] / [`CacheState::Unknown`]:
//! the decision is then [`Run::Unknown`] carrying the name to look up
//! later, the two-phase use.
//!
//! [`Decision::run`] is what every go command does at start-up, except
//! `go env GOTOOLCHAIN`, `go env -w GOTOOLCHAIN=…` (and from 1.23 `go env
//! GOMOD`, `go env GOWORK`), which never switch, and `go install
//! pkg@version` / `go run pkg@version`, which ignore go.mod and go.work
//! and switch by the named module's go line instead (a doctor cannot
//! predict those). [`Decision::module`] is what the toolchain that runs
//! then does when it loads the main module (as `go list -m`, `go build`,
//! `go test`, `go vet`, `go run .` do, with the default `-mod=readonly`);
//! `go version`, `go help` and `go tool` do not load it (`go env` runs
//! only its GO111MODULE/GOWORK checks), and `go get`, `go mod tidy`, `go
//! work use`/`sync` and `go mod download` may switch again on a too-new
//! error instead of failing.
//!
//! # Where Go releases differ (all modelled)
//! * 1.19 (and 1.20): no switching at all; go lines `1.N` only
//!   (`must match format 1.23`); no `toolchain` directive; messages name the
//!   absolute go.mod path; no too-new errors; `reading go.work: …` without
//!   `go: `; the first module error of a workspace stops.
//! * 1.21 accepts a toolchain line *equal* to the minimum (1.22+: only
//!   newer), so a suffixed `toolchain go1.22.12-custom` with
//!   `GOTOOLCHAIN=go1.22.12+auto` is looked for; 1.22+ keep the minimum.
//! * go.mod grammar messages (see [`crate::go::gomod`]); go.work parse
//!   errors are wrapped `reading go.work: ` (1.21, 1.22, full path) or
//!   `errors parsing go.work:` (1.23, short path); a duplicate `use` has a
//!   file:line only in 1.23; a go.work without a go line "lists go 1.18"
//!   (1.21, 1.22) or "implicitly requires go 1.18" (1.23).
//! * `$GOPATH/go.mod`: 1.19 and 1.21 stop (`$GOPATH/go.mod exists but
//!   should not`, also before a download); 1.22+ warn and ignore it.
//! * Go 1.23 checks GOWORK at start-up for every command when modules are
//!   on (a relative GOWORK stops even `go version`); Select's own check
//!   prints `go: go: invalid GOWORK: …`; 1.19 says `the path provided to
//!   GOWORK must be an absolute path`.
//! * `-mod=` in workspace mode: 1.19/1.21 allow only readonly, 1.22+
//!   readonly or vendor (and the message differs).
//! * `godebug` lines exist from 1.23 (keys checked against its table).
//! * Only 1.23 exempts `go env GOMOD` and `go env GOWORK` from switching.
//!
//! # Not modelled
//! * Network outcomes: a download through an `https://` proxy, `direct`
//!   (also GOPRIVATE/GONOPROXY matching golang.org/toolchain) or a
//!   checksum-database lookup is [`Fate::NeedsNetwork`]; whether it
//!   succeeds depends on the network and on the release existing for the
//!   platform (a name that is not a release, like `go1.22.99` or a
//!   suffixed name, is only known to fail once the proxy answers).
//! * A cached toolchain's checksum verification is assumed to succeed
//!   from the cached lookup when the caller reports one
//!   ([`CacheState::Extracted`]); the tiles are not checked.
//! * A PATH toolchain's own start-up beyond its version check (its
//!   go.env, its own Select) and a downloaded toolchain whose binary is
//!   not the release its name says.
//! * Dependencies: requirements are not loaded (no go.sum checks, no
//!   too-new dependencies); non-canonical versions in go.mod (resolved over
//!   the network) and godebug keys of releases other than 1.23 are
//!   [`Module::Unknown`]; vendor directories; `-modfile`; GOFLAGS other
//!   than `-mod` (and their validity); GOROOT trouble, GOPATH entry checks,
//!   overlays; the `PWD` Go may take as its working directory.
//!
//! Pure: no I/O (everything through [`World`]).

mod env;
mod exec;
mod load;
mod outcome;
mod select;
mod work;
mod world;

pub use env::*;
use exec::*;
pub(crate) use exec::{match_prefix_patterns, toolchain_of_module_version};
pub use load::GODEBUGS_GO123;
use load::*;
pub use outcome::*;
use select::*;
use work::*;
pub use world::*;

use super::gomod::{self, Kind};
use super::{gover, lossy, quote, Rules};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------
// The decision.

struct Cx<'a> {
    input: &'a Input<'a>,
    world: &'a dyn World,
    notes: Vec<String>,
    /// The local go's rules.
    rules: Rules,
}

impl Cx<'_> {
    fn env(&self, key: &str) -> Setting {
        self.input.env.get(key)
    }
    fn short(&self, p: &Path) -> String {
        short_path(self.input.cwd, p)
    }
}

/// Decides what a go command does in `input.cwd`.
pub fn decide(input: &Input, world: &dyn World) -> Decision {
    let local_vers = {
        let v = gover::from_toolchain(input.local);
        if v.is_empty() {
            input.local.trim_start_matches("go").to_string()
        } else {
            v.to_string()
        }
    };
    let rules = Rules::for_version(&local_vers);
    let mut cx = Cx {
        input,
        world,
        notes: Vec::new(),
        rules,
    };
    let gotoolchain = cx.env("GOTOOLCHAIN");
    let mut d = Decision {
        rules,
        gotoolchain: gotoolchain.clone(),
        switching: false,
        file: None,
        want: input.local.to_string(),
        chosen_by: ChosenBy::Local,
        run: Run::Local,
        runs_version: Some(local_vers.clone()),
        module: Module::NotReached,
        notes: Vec::new(),
        module_notes: Vec::new(),
    };
    select(&mut cx, &mut d, &local_vers);
    startup_checks(&mut cx, &mut d);
    d.notes = std::mem::take(&mut cx.notes);
    // What then runs loads the module.
    d.module = match &d.run {
        Run::Local => load_module(&mut cx, input.local, &d),
        Run::Path { name, .. } => {
            let v = d.runs_version.clone().unwrap_or_default();
            let name = if v.is_empty() {
                name.clone()
            } else {
                format!("go{v}")
            };
            load_module(&mut cx, &name, &d)
        }
        Run::ModCache {
            name,
            fate: Fate::Succeeds,
            ..
        }
        | Run::Download {
            name,
            fate: Fate::Succeeds,
        } => load_module(&mut cx, &name.clone(), &d),
        Run::ModCache { .. } | Run::Download { .. } | Run::Fail { .. } | Run::Unknown { .. } => {
            Module::NotReached
        }
    };
    d.module_notes = cx.notes;
    d
}

/// `toolchain.newerToolchain`: from a list of available versions (sorted
/// ascending, as `go list -m -versions go` or PATH gives them), the
/// toolchain Go switches to when it needs at least `need`: the latest
/// patch release of the newest language family at or above `need`, unless
/// a released newer family exists, in which case the latest patch of the
/// family before it (`1.39.2` rather than `1.40.0` when 1.40 is out).
/// None: nothing in the list is new enough (`no releases found for go >=
/// need`). (`go get`, `go mod tidy` and `go work` use it when switching.)
pub fn newer_toolchain(need: &str, list: &[String]) -> Option<String> {
    let mut latest = String::new();
    for v in list.iter().rev() {
        if gover::compare(v, need).is_lt() {
            break;
        }
        if gover::lang(&latest) == gover::lang(v) {
            continue;
        }
        let newer = std::mem::replace(&mut latest, v.clone());
        if !newer.is_empty() && !gover::is_prerelease(&newer) {
            break;
        }
    }
    (!latest.is_empty()).then(|| format!("go{latest}"))
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_load;
