//! JSON for the Nushell hook and plugin:
//! `{"set":{"NAME":"value",…},"unset":["NAME",…],"path":[…]|null}`, plus
//! `"warn":[…]` (lines for stderr) and, for the hook's fast path,
//! `"local":{"__goenv_hook_watch":[…],…}` (shell-local lists; left out
//! whole when one of their paths isn't UTF-8: the hook then runs at every
//! prompt rather than miss a change).
//!
//! JSON has no order between `set` and `unset`, so the ops are folded first:
//! the last op on a name wins (a Set removes the name from `unset`, an Unset
//! removes it from `set`); the last SetPath wins. Values must be UTF-8.
//! `path` items are the entries joined and split again with this platform's
//! separator (see nu.rs: Nushell drops a PATH whose items contain it).

use crate::shell::{utf8, Op, RenderError, Shell};
use crate::sys::platform::bytes;
use std::collections::BTreeMap;

#[derive(serde::Serialize)]
struct Doc {
    set: BTreeMap<String, String>,
    unset: Vec<String>,
    path: Option<Vec<String>>,
    /// Lines to print on stderr (omitted when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warn: Vec<String>,
    /// Shell-local lists (the fast path's bookkeeping; omitted when none).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    local: BTreeMap<String, Vec<String>>,
}

pub(crate) fn render(ops: &[Op]) -> Result<Vec<u8>, RenderError> {
    let mut doc = Doc {
        set: BTreeMap::new(),
        unset: Vec::new(),
        path: None,
        warn: Vec::new(),
        local: BTreeMap::new(),
    };
    let mut local_ok = true;
    for op in ops {
        match op {
            Op::Set { name, value } => {
                let v = bytes(value);
                let v = utf8(Shell::Nu, name, &v)?.to_string();
                doc.unset.retain(|n| n != name);
                doc.set.insert(name.clone(), v);
            }
            Op::Unset { name } => {
                doc.set.remove(name);
                if !doc.unset.contains(name) {
                    doc.unset.push(name.clone());
                }
            }
            Op::SetPath { entries } => {
                let platform = crate::sys::platform::Platform::current();
                let items = platform.split_list(&platform.join_list(entries));
                let mut list = Vec::with_capacity(items.len());
                for e in &items {
                    let e = bytes(e);
                    list.push(utf8(Shell::Nu, "PATH", &e)?.to_string());
                }
                doc.path = Some(list);
            }
            Op::Warn { message } => doc.warn.push(message.clone()),
            Op::Local { name, values } => {
                let text: Option<Vec<String>> = values
                    .iter()
                    .map(|v| v.to_str().map(str::to_string))
                    .collect();
                match text {
                    Some(t) => {
                        doc.local.insert(name.clone(), t);
                    }
                    None => local_ok = false,
                }
            }
        }
    }
    if !local_ok {
        doc.local.clear();
    }
    Ok(serde_json::to_vec(&doc).expect("serializing strings cannot fail"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_ops_and_serializes() {
        assert_eq!(
            render(&[]).unwrap(),
            br#"{"set":{},"unset":[],"path":null}"#
        );
        let ops = [
            Op::Unset { name: "A".into() },
            Op::Set {
                name: "A".into(),
                value: "x\"'\n".into(),
            },
            Op::Set {
                name: "B".into(),
                value: "1".into(),
            },
            Op::Unset { name: "B".into() },
            Op::SetPath {
                entries: vec!["/a".into(), "".into()],
            },
        ];
        assert_eq!(
            String::from_utf8(render(&ops).unwrap()).unwrap(),
            r#"{"set":{"A":"x\"'\n"},"unset":["B"],"path":["/a",""]}"#
        );
    }
}
