//! Serde helpers: OS strings as text, and enum names.

use serde::{Serialize, Serializer};
use std::ffi::OsStr;

/// Serializes an OS string as a (lossy) UTF-8 string, for human-facing JSON.
pub(crate) fn os_lossy<S: Serializer, T: AsRef<OsStr>>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.as_ref().to_string_lossy())
}

/// [`os_lossy`] for an optional OS string (`null` when absent).
pub(crate) fn os_lossy_opt<S: Serializer, T: AsRef<OsStr>>(
    v: &Option<T>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => os_lossy(v, s),
        None => s.serialize_none(),
    }
}

/// [`os_lossy`] for a list of OS strings.
pub(crate) fn os_lossy_vec<S: Serializer, T: AsRef<OsStr>>(
    v: &[T],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|x| x.as_ref().to_string_lossy()))
}

/// The name serde gives a value of a unit-variant enum (`Rule::GoMod` →
/// `go-mod`, `Source::MacPorts` → `mac-ports`): the one spelling of every
/// enum name goenv-hook prints, in JSON, text and Nushell tables alike.
pub fn name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
