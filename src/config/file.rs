//! The config file's front end: TOML text into a [`Node`] tree located by
//! byte spans, and the rules' problems worded for a TOML file
//! (`FILE:LINE:COLUMN: message` and `expected: …`, see [`ConfigError`]).

use super::rules::{self, Known, Settings};
use super::tree::{Entry, Expected, Found, Invalid, Node, Problem, Shape, Value};
use super::ConfigError;
use crate::sys::env::EnvSnapshot;
use std::ops::Range;
use std::path::Path;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// The settings a config file's text sets (`file` names it in errors).
pub fn settings(
    file: &Path,
    text: &str,
    env: &EnvSnapshot,
    known: Known<'_>,
) -> Result<Settings, ConfigError> {
    let cx = Cx { file, text };
    let root = tree(text).map_err(|e| cx.toml_error(&e))?;
    rules::validate(&root, env, known).map_err(|e| cx.invalid(&e))
}

/// The document as a tree, tables in file order.
pub fn tree(text: &str) -> Result<Node<Range<usize>>, toml::de::Error> {
    let doc = DeTable::parse(text)?;
    let span = doc.span();
    Ok(Node {
        at: span,
        value: table(doc.get_ref()),
    })
}

fn table(t: &DeTable<'_>) -> Value<Range<usize>> {
    let mut entries: Vec<Entry<Range<usize>>> = t
        .iter()
        .map(|(k, v)| Entry {
            key: k.get_ref().to_string(),
            key_at: k.span(),
            value: node(v),
        })
        .collect();
    // toml's map is sorted by name; key spans give file order back.
    entries.sort_by_key(|e| e.key_at.start);
    Value::Table(entries)
}

fn node(v: &Spanned<DeValue<'_>>) -> Node<Range<usize>> {
    let value = match v.get_ref() {
        DeValue::String(s) => Value::Str(s.to_string()),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Integer(i) => Value::Other(format!("integer `{i}`")),
        DeValue::Float(f) => Value::Other(format!("floating point `{f}`")),
        DeValue::Datetime(d) => Value::Other(format!("datetime `{d}`")),
        DeValue::Array(a) => Value::List(a.iter().map(node).collect()),
        DeValue::Table(t) => table(t),
    };
    Node {
        at: v.span(),
        value,
    }
}

/// An expected kind of value, in TOML's (serde's) words.
fn shape(s: Shape) -> &'static str {
    match s {
        Shape::Str => "a string",
        Shape::Bool => "a boolean",
        Shape::Table => "a table",
        Shape::Vars => "a table of variables",
        Shape::List => "a sequence",
        Shape::EnvValue => "a string, or false to unset the variable",
    }
}

/// A found value, in TOML's (serde's) words.
fn found(f: &Found) -> String {
    match f {
        Found::Str(s) => format!("string {s:?}"),
        Found::Bool(b) => format!("boolean `{b}`"),
        Found::Null => "null".to_string(),
        Found::List => "sequence".to_string(),
        Found::Table => "map".to_string(),
        Found::Other(d) => d.clone(),
    }
}

/// Names as serde lists them: `` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``.
fn one_of(items: &[&str], quote: char) -> String {
    let q: Vec<String> = items.iter().map(|i| format!("{quote}{i}{quote}")).collect();
    match q.as_slice() {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} or {b}"),
        _ if quote == '`' => format!("one of {}", q.join(", ")),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Long lists: a few words a line, indented under `expected:`.
fn listed(intro: &str, items: &[String]) -> String {
    let mut out = intro.to_string();
    let mut line = String::new();
    for i in items {
        if !line.is_empty() && line.len() + 1 + i.len() > 72 {
            out.push_str("\n    ");
            out.push_str(&line);
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(i);
    }
    if !line.is_empty() {
        out.push_str("\n    ");
        out.push_str(&line);
    }
    out
}

struct Cx<'a> {
    file: &'a Path,
    text: &'a str,
}

impl Cx<'_> {
    fn err(&self, offset: usize, message: String, expected: Option<String>) -> ConfigError {
        let (line, column) = line_col(self.text, offset);
        ConfigError {
            file: self.file.to_path_buf(),
            line,
            column,
            message,
            expected,
        }
    }

    /// A TOML syntax error: its message split at the last ", expected ".
    fn toml_error(&self, e: &toml::de::Error) -> ConfigError {
        let msg = e.message();
        let (mut message, expected) = match msg.rfind(", expected ") {
            Some(i) => (
                msg[..i].to_string(),
                Some(msg[i + ", expected ".len()..].to_string()),
            ),
            None => (msg.to_string(), None),
        };
        let span = e.span().unwrap_or(0..0);
        if message == "duplicate key" {
            if let Some(k) = self.text.get(span.clone()).filter(|k| !k.is_empty()) {
                message = format!("duplicate key `{}`", k.trim());
            }
        }
        self.err(span.start, message, expected)
    }

    /// A refused setting, at its value (or inside it, at the focus).
    fn invalid(&self, e: &Invalid<Range<usize>>) -> ConfigError {
        let mut at = e.at.start;
        if let Some(focus) = &e.focus {
            let raw = self.text.get(e.at.clone()).unwrap_or("");
            if let Some(i) = raw.find(focus.as_str()) {
                at += i;
            }
        }
        let (message, expected) = match &e.problem {
            Problem::UnknownKey { known } => {
                let last = e.key.rsplit('.').next().unwrap_or(&e.key);
                (format!("unknown key `{last}`"), one_of(known, '`'))
            }
            Problem::WrongType {
                found: f,
                expected: s,
            } => {
                // serde's words: a `true` where a string or false is
                // allowed is a wrong value, not a wrong type.
                let what = if matches!((f, s), (Found::Bool(_), Shape::EnvValue)) {
                    "invalid value"
                } else {
                    "invalid type"
                };
                (format!("{what}: {}", found(f)), shape(*s).to_string())
            }
            Problem::Bad { message, expected } => (
                message.clone(),
                match expected {
                    Expected::Text(t) => t.clone(),
                    Expected::OneOf { items, note } => format!("{}{note}", one_of(items, '"')),
                    Expected::Listed { intro, items } => listed(intro, items),
                },
            ),
        };
        self.err(at, message, Some(expected))
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut off = offset.min(text.len());
    while !text.is_char_boundary(off) {
        off -= 1;
    }
    let before = &text[..off];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}
