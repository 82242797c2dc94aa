//! The one state variable, `GOENV_HOOK_STATE`: exactly what goenv-hook did to
//! the environment, so that every run first undoes its previous work and
//! then applies afresh (idempotence across eval-twice, nested shells, tmux,
//! `exec zsh`), and `deactivate` restores what was there before.
//!
//! Format (version 1), all items percent-encoded (every byte outside
//! `[A-Za-z0-9/._+@~-]`), so the value is plain ASCII that every shell's
//! escaper carries unchanged:
//! `1|m=<entry>,…|a=<0/1 per managed entry>|r=<index>:<entry>,…|v=<NAME>:<prev>:<now>,…|o=<entry>,…`
//! where `<prev>`/`<now>` is `-` for "unset" or `=` followed by the encoded value.
//!
//! `o` (owned) lists every entry goenv-hook has added to PATH in this
//! session that was not in the user's PATH before it: a toolchain `bin` it
//! selected in another project, its GOBIN. Another tool may put such an
//! entry back (direnv restoring the PATH it saved inside a project, mise
//! its `__MISE_ORIG_PATH`); undoing goenv-hook's work removes it wherever
//! it is, so goenv-hook never adopts its own old block as the user's.

use crate::sys::env::EnvSnapshot;
use crate::sys::pathlist;
use crate::sys::platform::{bytes, from_bytes};
use std::ffi::{OsStr, OsString};

pub const VAR: &str = "GOENV_HOOK_STATE";

/// One variable goenv-hook set or unset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarRecord {
    pub name: String,
    /// Its value before goenv-hook touched it (None: unset).
    pub prev: Option<OsString>,
    /// What goenv-hook made it (None: unset).
    pub now: Option<OsString>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct State {
    /// The managed block at the front of PATH, in order.
    pub managed: Vec<OsString>,
    /// Per managed entry: added by goenv-hook (true) or moved from the user's PATH.
    pub added: Vec<bool>,
    /// Original PATH entries left out (moved to front, or duplicates), by index.
    pub removed: Vec<(usize, OsString)>,
    pub vars: Vec<VarRecord>,
    /// Every entry goenv-hook has added in this session (see the module
    /// docs); never a user's.
    pub(crate) owned: Vec<OsString>,
}

/// How many owned entries the state keeps (the most recent).
pub(crate) const MAX_OWNED: usize = 64;

impl State {
    pub fn is_empty(&self) -> bool {
        self.managed.is_empty() && self.removed.is_empty() && self.vars.is_empty()
    }

    pub(crate) fn encode(&self) -> OsString {
        let mut s = String::from("1|m=");
        join(&mut s, self.managed.iter(), |s, e| enc(s, e));
        s.push_str("|a=");
        for a in &self.added {
            s.push(if *a { '1' } else { '0' });
        }
        s.push_str("|r=");
        join(&mut s, self.removed.iter(), |s, (i, e)| {
            s.push_str(&i.to_string());
            s.push(':');
            enc(s, e);
        });
        s.push_str("|v=");
        join(&mut s, self.vars.iter(), |s, v| {
            enc(s, OsStr::new(&v.name));
            for x in [&v.prev, &v.now] {
                s.push(':');
                match x {
                    None => s.push('-'),
                    Some(x) => {
                        s.push('=');
                        enc(s, x);
                    }
                }
            }
        });
        if !self.owned.is_empty() {
            s.push_str("|o=");
            join(&mut s, self.owned.iter(), |s, e| enc(s, e));
        }
        OsString::from(s)
    }

    /// Parses the variable; None if absent or not ours (a corrupt value is
    /// treated as no state: goenv-hook then only adds, never removes).
    pub(crate) fn decode(v: &OsStr) -> Option<State> {
        let v = v.to_str()?;
        let mut parts = v.split('|');
        if parts.next()? != "1" {
            return None;
        }
        let mut st = State::default();
        for p in parts {
            let (k, body) = p.split_once('=')?;
            let items = || body.split(',').filter(|x| !x.is_empty());
            match k {
                "m" => {
                    for it in body.split(',') {
                        if body.is_empty() {
                            break;
                        }
                        st.managed.push(dec(it)?);
                    }
                }
                "a" => st.added = body.chars().map(|c| c == '1').collect(),
                "r" => {
                    for it in items() {
                        let (i, e) = it.split_once(':')?;
                        st.removed.push((i.parse().ok()?, dec(e)?));
                    }
                }
                "v" => {
                    for it in items() {
                        let mut f = it.split(':');
                        let name = dec(f.next()?)?.into_string().ok()?;
                        let mut val = || -> Option<Option<OsString>> {
                            let x = f.next()?;
                            if x == "-" {
                                Some(None)
                            } else {
                                Some(Some(dec(x.strip_prefix('=')?)?))
                            }
                        };
                        let prev = val()?;
                        let now = val()?;
                        st.vars.push(VarRecord { name, prev, now });
                    }
                }
                "o" => {
                    for it in items() {
                        st.owned.push(dec(it)?);
                    }
                }
                _ => return None,
            }
        }
        if st.added.len() != st.managed.len() {
            return None;
        }
        Some(st)
    }

    /// The state recorded in `env`, if any.
    pub(crate) fn from_env(env: &EnvSnapshot) -> Option<State> {
        env.get(VAR).and_then(State::decode)
    }

    /// The environment as it was before goenv-hook touched it: PATH
    /// decomposed, and each recorded variable restored to its previous value
    /// unless the user changed it since (then the user's value stands).
    pub(crate) fn unapply(&self, env: &EnvSnapshot) -> EnvSnapshot {
        self.unapply_with_path(env).0
    }

    /// [`State::unapply`], also giving the restored PATH's entries (so the
    /// prompt path splits PATH once).
    pub(crate) fn unapply_with_path(&self, env: &EnvSnapshot) -> (EnvSnapshot, Vec<OsString>) {
        let had_path = env.get("PATH").is_some();
        let orig = pathlist::decompose(
            env.path_entries(),
            &self.managed,
            &self.added,
            &self.removed,
            &self.owned,
        );
        let mut out = env.clone_without(&["PATH", VAR]);
        if had_path || !orig.is_empty() {
            out.set("PATH", env.platform.join_list(&orig));
        }
        for v in &self.vars {
            let now = env.get(&v.name).map(OsStr::to_os_string);
            if now == v.now {
                match &v.prev {
                    Some(p) => out.set(&v.name, p.clone()),
                    None => out.unset(&v.name),
                }
            }
        }
        out.unset(VAR);
        (out, orig)
    }
}

fn join<T>(s: &mut String, it: impl Iterator<Item = T>, mut f: impl FnMut(&mut String, T)) {
    for (i, x) in it.enumerate() {
        if i > 0 {
            s.push(',');
        }
        f(s, x);
    }
}

fn enc(s: &mut String, v: &OsStr) {
    for &b in bytes(v).iter() {
        if b.is_ascii_alphanumeric() || b"/._+@~-".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
}

fn dec(s: &str) -> Option<OsString> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let h = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(h, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(from_bytes(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::platform::Platform;
    use proptest::prelude::*;

    fn os_bytes() -> impl Strategy<Value = OsString> {
        proptest::collection::vec(1u8..=255, 0..12).prop_map(from_bytes)
    }

    proptest! {
        #[test]
        fn encode_decode_round_trips(
            managed in proptest::collection::vec(os_bytes().prop_filter("managed entries are never empty", |e| !e.is_empty()), 0..4),
            removed in proptest::collection::vec((0usize..50, os_bytes()), 0..4),
            vars in proptest::collection::vec(("[A-Z_]{1,8}", proptest::option::of(os_bytes()), proptest::option::of(os_bytes())), 0..4),
            owned in proptest::collection::vec(os_bytes().prop_filter("owned entries are never empty", |e| !e.is_empty()), 0..4),
        ) {
            let added = managed.iter().enumerate().map(|(i, _)| i % 2 == 0).collect();
            let st = State {
                managed, added, removed,
                vars: vars.into_iter().map(|(name, prev, now)| VarRecord { name, prev, now }).collect(),
                owned,
            };
            let e = st.encode();
            prop_assert!(e.to_str().unwrap().bytes().all(|b| b.is_ascii_graphic()));
            prop_assert_eq!(State::decode(&e), Some(st));
        }
    }

    #[test]
    fn garbage_is_no_state() {
        for g in ["", "2|m=", "1|m=%zz|a=1", "1|m=/a|a=", "1|x=1"] {
            assert_eq!(State::decode(OsStr::new(g)), None, "{g}");
        }
    }

    #[test]
    fn unapply_restores_vars_unless_user_changed_them() {
        let st = State {
            vars: vec![
                VarRecord {
                    name: "GOROOT".into(),
                    prev: Some("/old".into()),
                    now: None,
                },
                VarRecord {
                    name: "GOPROXY".into(),
                    prev: None,
                    now: Some("x".into()),
                },
                VarRecord {
                    name: "GOFLAGS".into(),
                    prev: None,
                    now: Some("a".into()),
                },
            ],
            ..State::default()
        };
        let env = EnvSnapshot::from_pairs(
            &[("GOPROXY", "x"), ("GOFLAGS", "user")],
            "/",
            Platform::UNIX,
        );
        let o = st.unapply(&env);
        assert_eq!(o.get("GOROOT").unwrap(), "/old");
        assert!(o.get("GOPROXY").is_none());
        assert_eq!(o.get("GOFLAGS").unwrap(), "user");
    }
}
