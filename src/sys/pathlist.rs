//! PATH list logic: put the managed entries in front once, dedupe keeping the
//! first occurrence, and remember exactly what was moved or dropped so it can
//! be undone byte for byte.

use crate::sys::platform::Platform;
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::ffi::OsString;

/// FNV-1a: PATH keys are short byte strings hashed at every prompt that
/// reaches goenv-hook (thousands for a long PATH); std's SipHash costs
/// several times more, and hash flooding is no concern for one's own PATH.
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;
pub(crate) type FastSet<K> = HashSet<K, std::hash::BuildHasherDefault<Fnv>>;

/// The result of composing a PATH.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Composed {
    /// The new PATH: `managed` followed by the kept original entries.
    pub entries: Vec<OsString>,
    /// For each managed entry: true if it was not on the original PATH
    /// (goenv-hook added it), false if it was already there (moved to front).
    pub added: Vec<bool>,
    /// Original entries left out of the tail, with their original index:
    /// managed entries that moved to the front, and duplicates.
    pub removed: Vec<(usize, OsString)>,
}

/// [`Composed`] borrowing its entries from the lists it was made of (the
/// prompt path copies none of a long PATH's entries).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ComposedRefs<'a> {
    pub entries: Vec<&'a OsString>,
    pub added: Vec<bool>,
    pub removed: Vec<(usize, &'a OsString)>,
}

/// `managed` (deduplicated) in front of `original`, whose entries equal to a
/// managed one or to an earlier entry (platform path equality) are dropped.
/// Empty entries are kept once (they mean "."); distinct entries keep their
/// relative order.
pub(crate) fn compose(platform: Platform, original: &[OsString], managed: &[OsString]) -> Composed {
    let c = compose_refs(platform, original, managed);
    Composed {
        entries: c.entries.into_iter().cloned().collect(),
        added: c.added,
        removed: c.removed.into_iter().map(|(i, e)| (i, e.clone())).collect(),
    }
}

/// [`compose`] without copying the entries.
pub(crate) fn compose_refs<'a>(
    platform: Platform,
    original: &'a [OsString],
    managed: &'a [OsString],
) -> ComposedRefs<'a> {
    // One map from path key to "index of the managed entry it equals, if
    // any" (u32::MAX: none); keys borrow from the entries where no
    // normalizing is needed.
    const NONE: u32 = u32::MAX;
    let mut seen: FastMap<Cow<'_, [u8]>, u32> =
        FastMap::with_capacity_and_hasher(original.len() + managed.len(), Default::default());
    let mut entries = Vec::with_capacity(original.len() + managed.len());
    for m in managed {
        let idx = entries.len() as u32;
        if let Entry::Vacant(v) = seen.entry(platform.path_key_cow(m)) {
            v.insert(idx);
            entries.push(m);
        }
    }
    let mut added = vec![true; entries.len()];
    let mut removed = Vec::new();
    for (i, e) in original.iter().enumerate() {
        match seen.entry(platform.path_key_cow(e)) {
            Entry::Vacant(v) => {
                v.insert(NONE);
                entries.push(e);
            }
            Entry::Occupied(o) => {
                if *o.get() != NONE {
                    added[*o.get() as usize] = false;
                }
                removed.push((i, e));
            }
        }
    }
    ComposedRefs {
        entries,
        added,
        removed,
    }
}

/// Undoes [`compose`]: given the current PATH, the managed block as it was
/// composed, which of them were added, the removed entries, and every entry
/// goenv-hook has added before (`owned`), gives back the original PATH. If
/// the managed block is still found contiguous in `current`, the reversal
/// is exact (and entries the user put in front of it since are kept in
/// front); otherwise the entries goenv-hook added are taken out. Either way
/// an owned entry found elsewhere (put back by another tool restoring an
/// older PATH) is taken out too: it is goenv-hook's, never the user's. It
/// reshapes the current list in place (the prompt path splits PATH once).
pub(crate) fn decompose(
    mut current: Vec<OsString>,
    managed: &[OsString],
    added: &[bool],
    removed: &[(usize, OsString)],
    owned: &[OsString],
) -> Vec<OsString> {
    if !owned.is_empty() {
        let owned: HashSet<&OsString> = owned.iter().collect();
        let block = find_block(&current, managed);
        let mut i = 0;
        current.retain(|e| {
            let in_block = block.is_some_and(|k| i >= k && i < k + managed.len());
            i += 1;
            in_block || !owned.contains(e)
        });
    }
    if let Some(k) = find_block(&current, managed) {
        // Entries the user put in front of the block since, then the
        // original tail with the removed entries put back at their indexes.
        current.drain(k..k + managed.len());
        current.reserve(removed.len());
        for (i, e) in removed {
            let at = k + (*i).min(current.len() - k);
            current.insert(at, e.clone());
        }
        return current;
    }
    let ours: HashSet<&OsString> = managed
        .iter()
        .zip(added.iter().chain(std::iter::repeat(&false)))
        .filter(|(_, a)| **a)
        .map(|(m, _)| m)
        .collect();
    current.retain(|e| !ours.contains(e));
    current
}

fn find_block(hay: &[OsString], block: &[OsString]) -> Option<usize> {
    if block.is_empty() {
        return Some(0);
    }
    if block.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - block.len()).find(|&k| hay[k..k + block.len()] == *block)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<OsString> {
        s.iter().map(OsString::from).collect()
    }

    #[test]
    fn managed_go_in_front_once_and_duplicates_drop() {
        let c = compose(
            Platform::UNIX,
            &v(&["/a", "/g/bin", "/b", "/a/", "", "/c", ""]),
            &v(&["/g/bin", "/h/go/bin"]),
        );
        assert_eq!(c.entries, v(&["/g/bin", "/h/go/bin", "/a", "/b", "", "/c"]));
        assert_eq!(c.added, vec![false, true]);
        assert_eq!(
            c.removed,
            vec![(1, "/g/bin".into()), (3, "/a/".into()), (6, "".into())]
        );
    }

    #[test]
    fn decompose_is_exact_when_block_intact() {
        let orig = v(&["/a", "/g/bin", "/b", "/a/", "", "/c", ""]);
        let m = v(&["/g/bin", "/h/go/bin"]);
        let c = compose(Platform::UNIX, &orig, &m);
        assert_eq!(
            decompose(c.entries.to_vec(), &m, &c.added, &c.removed, &[]),
            orig
        );
        // the user prepended something since: kept in front
        let mut cur = v(&["/x"]);
        cur.extend(c.entries.clone());
        let mut want = v(&["/x"]);
        want.extend(orig.clone());
        assert_eq!(decompose(cur.to_vec(), &m, &c.added, &c.removed, &[]), want);
    }

    #[test]
    fn decompose_removes_only_added_when_block_broken() {
        let m = v(&["/g/bin", "/h/go/bin"]);
        let cur = v(&["/h/go/bin", "/x", "/g/bin", "/a"]);
        assert_eq!(
            decompose(cur.to_vec(), &m, &[false, true], &[], &[]),
            v(&["/x", "/g/bin", "/a"])
        );
    }

    #[test]
    fn empty_original_and_empty_managed() {
        let c = compose(Platform::UNIX, &[], &[]);
        assert!(c.entries.is_empty());
        assert_eq!(
            decompose(Vec::new(), &[], &[], &[], &[]),
            Vec::<OsString>::new()
        );
    }
}
