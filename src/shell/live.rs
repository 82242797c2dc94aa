//! PATH written relative to the PATH the shell holds, for output the shell
//! applies at once (`init` and the prompt hook, both `eval`ed or `source`d
//! by the shell whose PATH the process inherited).
//!
//! Why: a shell parses a quoted PATH of 200 entries at a few hundred
//! instructions a byte (bash: about 1 M instructions for 4 KB, most of
//! what init adds to its start-up), while `PATH='new':$PATH` expands the
//! held value almost for free. The new PATH is almost always new entries in
//! front of the current ones, with at most one run of entries taken out
//! (goenv-hook's own old block, or the toolchain directory the user had
//! further back); [`edit`] finds that shape, and each shell module writes
//! it its own way (`posix::render_edit`, `fish::render_edit`), or the whole
//! PATH as before when the shape is anything else.
//!
//! The process's PATH is the shell's own: the shell exported it to the
//! process (a PATH the shell does not export is absent here, and then the
//! whole PATH is written). Output saved and applied later (`env`, `use`,
//! the CI and service outputs) always carries the whole PATH.

use crate::sys::platform::{bytes, Platform};
use std::borrow::Cow;
use std::ffi::{OsStr, OsString};

/// `new` = `front` ++ the current entries without `old[cut.0..cut.1]`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Edit<'a> {
    pub front: &'a [OsString],
    /// The current entries (bytes of the shell's PATH, split at `:`).
    pub old: &'a [&'a [u8]],
    /// The run of current entries taken out (an empty range: none).
    pub cut: (usize, usize),
}

/// At most this many new entries in front (goenv-hook puts two or three
/// there): bounds the search.
const MAX_FRONT: usize = 8;

/// `new` as an [`Edit`] of `old`, when it has that shape and keeps at least
/// one current entry. Empty entries (`::`) in either list: None (fish holds
/// them as `.`, so the shapes would differ between shells).
pub(crate) fn edit<'a>(old: &'a [&'a [u8]], new: &'a [OsString]) -> Option<Edit<'a>> {
    if old.is_empty()
        || new.is_empty()
        || old.iter().any(|e| e.is_empty())
        || new.iter().any(|e| e.is_empty())
    {
        return None;
    }
    let same = |a: &[u8], b: &OsString| a == &*bytes(b);
    // The longest common tail, then the longest head of `old` that ends the
    // rest of `new` after a few new entries.
    let tail = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take_while(|(a, b)| same(a, b))
        .count();
    let (old_rest, new_rest) = (old.len() - tail, new.len() - tail);
    let found = (0..=MAX_FRONT.min(new_rest)).find_map(|f| {
        let head = new_rest - f;
        let eq = || {
            old[..head]
                .iter()
                .zip(&new[f..new_rest])
                .all(|(a, b)| same(a, b))
        };
        (head <= old_rest && eq()).then_some((f, head))
    });
    let (f, head) = found?;
    if head == 0 && tail == 0 {
        return None;
    }
    if f == 0 && head == old_rest {
        return None; // no change
    }
    Some(Edit {
        front: &new[..f],
        old,
        cut: (head, old_rest),
    })
}

/// The current PATH's bytes, when output for `platform` may be written
/// relative to it (not on Windows, where shells such as Git Bash hold PATH
/// in another form than the one they export); split them with [`split`].
pub(crate) fn current_bytes(current: Option<&OsStr>, platform: Platform) -> Option<Cow<'_, [u8]>> {
    let c = current.filter(|c| !c.is_empty())?;
    (!platform.is_windows()).then(|| bytes(c))
}

/// PATH's bytes split at `:`, borrowed (no copy of each entry: this runs
/// at every prompt that switches); never on Windows (see [`current_bytes`]).
pub(crate) fn split(b: &[u8]) -> Vec<&[u8]> {
    Platform::UNIX.split_list_bytes(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(s: &str) -> Vec<OsString> {
        s.split(':').map(OsString::from).collect()
    }

    fn shape(old: &str, new: &str) -> Option<(usize, usize, usize)> {
        let (o, n) = (split(old.as_bytes()), l(new));
        edit(&o, &n).map(|e| (e.front.len(), e.cut.0, e.cut.1))
    }

    #[test]
    fn shapes() {
        // Front entries only.
        assert_eq!(shape("/a:/b", "/g:/h:/a:/b"), Some((2, 0, 0)));
        // One entry out of the middle, the end, the start.
        assert_eq!(shape("/a:/g:/b", "/g:/a:/b"), Some((1, 1, 2)));
        assert_eq!(shape("/a:/b:/g", "/g:/a:/b"), Some((1, 2, 3)));
        assert_eq!(shape("/o:/p:/a:/b", "/g:/a:/b"), Some((1, 0, 2)));
        // Nothing in front, a run taken out.
        assert_eq!(shape("/a:/x:/y:/b", "/a:/b"), Some((0, 1, 3)));
        // Two runs out: the first kept entries count as new ones in front
        // (a renderer then writes the whole PATH, which is shorter).
        assert_eq!(shape("/a:/x:/b:/y:/c", "/a:/b:/c"), Some((2, 0, 4)));
        // Reordered: the moved entries count as new ones.
        assert_eq!(shape("/a:/b:/c", "/c:/b:/a"), Some((2, 1, 3)));
        // Unchanged, everything replaced, more than MAX_FRONT in front: None.
        assert_eq!(shape("/a:/b", "/a:/b"), None);
        assert_eq!(shape("/a:/b", "/g"), None);
        assert_eq!(shape("/a", "/1:/2:/3:/4:/5:/6:/7:/8:/9:/a"), None);
        // Empty entries: None.
        assert_eq!(shape("/a::/b", "/g:/a::/b"), None);
        assert_eq!(shape("/a:/b", "/g::/a:/b"), None);
    }

    #[test]
    fn every_edit_rebuilds_new() {
        let olds = ["/a:/b:/c:/d", "/g:/a:/g:/b", "/a:/a:/a", "/x"];
        let news = [
            "/g:/a:/b:/c:/d",
            "/g:/a:/d",
            "/a:/g:/b",
            "/g:/a",
            "/a:/a",
            "/n:/m:/x",
            "/c:/d",
        ];
        for o in olds {
            for n in news {
                let (ol, nl) = (split(o.as_bytes()), l(n));
                if let Some(e) = edit(&ol, &nl) {
                    let mut got: Vec<OsString> = e.front.to_vec();
                    got.extend(
                        ol[..e.cut.0]
                            .iter()
                            .map(|b| OsString::from(std::str::from_utf8(b).unwrap())),
                    );
                    got.extend(
                        ol[e.cut.1..]
                            .iter()
                            .map(|b| OsString::from(std::str::from_utf8(b).unwrap())),
                    );
                    assert_eq!(got, nl, "{o} -> {n}: {e:?}");
                }
            }
        }
    }
}
