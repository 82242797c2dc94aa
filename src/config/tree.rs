//! Settings as a front end read them: an abstract tree whose every value
//! carries an opaque location `L` (a byte span in the config file, a
//! Nushell span in the plugin), and the problems the rules find, pointing
//! at those locations. Each front end builds the tree from its own syntax
//! and words the problems in its own terms ([`super::file`] for TOML, the
//! plugin for Nushell); the rules ([`super::rules`]) are written once.

/// One value and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<L> {
    pub at: L,
    pub value: Value<L>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value<L> {
    Str(String),
    Bool(bool),
    /// Nushell's `null`: drops the file's value (where a key allows it).
    Null,
    List(Vec<Node<L>>),
    /// Entries in the order written.
    Table(Vec<Entry<L>>),
    /// Anything else (numbers, dates, closures…), described by its front
    /// end in its own words: ``integer `1` `` for TOML, `int` for Nushell.
    Other(String),
}

/// A table entry: the key, where the key was written, and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry<L> {
    pub key: String,
    pub key_at: L,
    pub value: Node<L>,
}

/// A setting the rules refuse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid<L> {
    /// The offending key (unknown keys, variable names) or value.
    pub at: L,
    /// The part of the value the problem is about (a `$VAR` reference, one
    /// entry of a list), for front ends that can point inside the value.
    pub(crate) focus: Option<String>,
    /// The setting's dotted name: `goroot`, `env.GOFLAGS`, `path.order`
    /// (empty for the whole settings value).
    pub key: String,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The last part of `key` is not a setting; `known` are the valid ones.
    UnknownKey { known: &'static [&'static str] },
    /// A value of the wrong kind.
    WrongType { found: Found, expected: Shape },
    /// A value of the right kind that the rules refuse.
    Bad { message: String, expected: Expected },
}

/// What was found where another kind of value was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    Str(String),
    Bool(bool),
    Null,
    List,
    Table,
    /// The front end's own description (see [`Value::Other`]).
    Other(String),
}

impl<L> From<&Value<L>> for Found {
    fn from(v: &Value<L>) -> Found {
        match v {
            Value::Str(s) => Found::Str(s.clone()),
            Value::Bool(b) => Found::Bool(*b),
            Value::Null => Found::Null,
            Value::List(_) => Found::List,
            Value::Table(_) => Found::Table,
            Value::Other(d) => Found::Other(d.clone()),
        }
    }
}

/// The kind of value a setting takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Str,
    Bool,
    /// A table of settings.
    Table,
    /// `env`: a table of variables.
    Vars,
    /// A list of strings.
    List,
    /// An `env` value: a string, or false to unset.
    EnvValue,
}

/// What a refused value should have been.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// Words that read the same in every front end.
    Text(String),
    /// One of these literal words; `note` follows them.
    OneOf {
        items: &'static [&'static str],
        note: &'static str,
    },
    /// An introduction, then a long list of valid words (one per line or
    /// grouped, as the front end prefers).
    Listed { intro: String, items: Vec<String> },
}

impl Expected {
    pub(crate) fn text(s: impl Into<String>) -> Expected {
        Expected::Text(s.into())
    }
}
