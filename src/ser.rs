//! Serde helpers for OS strings.

use serde::Serializer;
use std::ffi::OsStr;

/// Serializes an OS string as a (lossy) UTF-8 string, for human-facing JSON.
pub fn os_lossy<S: Serializer, T: AsRef<OsStr>>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.as_ref().to_string_lossy())
}
