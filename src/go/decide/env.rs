//! Settings as go resolves them (`cfg.Getenv`): the environment, the `go env
//! -w` file, `$GOROOT/go.env`.

use super::*;

// Settings as go resolves them.

/// Where a setting's value came from (`cfg.Getenv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The process environment (non-empty: an empty variable is ignored).
    Environment,
    /// The `go env -w` file (possibly an empty value, which hides go.env).
    EnvFile,
    /// `$GOROOT/go.env`.
    GorootEnv,
    /// Nowhere: the value is empty.
    Unset,
}

/// A setting as go sees it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Setting {
    pub key: String,
    #[serde(serialize_with = "ser_lossy")]
    pub value: Vec<u8>,
    pub source: Source,
}

pub(super) fn ser_lossy<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&lossy(v))
}

impl Setting {
    pub fn as_str(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.value)
    }
    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }
}

/// What go reads its settings from: the process environment, the `go env
/// -w` file (`$GOENV`, else `$XDG_CONFIG_HOME/go/env`: the caller finds
/// it), and `$GOROOT/go.env` of the go that runs.
#[derive(Clone, Debug, Default)]
pub struct GoEnv {
    pub process: BTreeMap<String, Vec<u8>>,
    pub user_file: Option<Vec<u8>>,
    pub goroot_file: Option<Vec<u8>>,
}

/// `cfg.readEnvFile`: lines split on `\n`; a line counts if it has `=` and
/// starts with A–Z; the value is raw (a `\r` stays); the last one wins.
pub(crate) fn parse_env_file(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    for line in data.split(|&b| b == b'\n') {
        let Some(i) = line.iter().position(|&b| b == b'=') else {
            continue;
        };
        if !line[0].is_ascii_uppercase() {
            continue;
        }
        let key = lossy(&line[..i]);
        out.retain(|(k, _)| *k != key);
        out.push((key, line[i + 1..].to_vec()));
    }
    out
}

impl GoEnv {
    /// `cfg.Getenv`: a non-empty environment variable, else the `go env
    /// -w` file (where an empty value still counts, hiding go.env), else
    /// `$GOROOT/go.env`.
    pub fn get(&self, key: &str) -> Setting {
        let mk = |value: Vec<u8>, source| Setting {
            key: key.to_string(),
            value,
            source,
        };
        if let Some(v) = self.process.get(key).filter(|v| !v.is_empty()) {
            return mk(v.clone(), Source::Environment);
        }
        if let Some(f) = &self.user_file {
            if let Some((_, v)) = parse_env_file(f).into_iter().find(|(k, _)| k == key) {
                return mk(v, Source::EnvFile);
            }
        }
        if let Some(f) = &self.goroot_file {
            if let Some((_, v)) = parse_env_file(f).into_iter().find(|(k, _)| k == key) {
                return mk(v, Source::GorootEnv);
            }
        }
        mk(Vec::new(), Source::Unset)
    }

    /// `cfg.EnvOrAndChanged(key, def)`'s value: [`GoEnv::get`], or `def`
    /// when that is empty.
    pub(super) fn get_or(&self, key: &str, def: &[u8]) -> Vec<u8> {
        let v = self.get(key).value;
        if v.is_empty() {
            def.to_vec()
        } else {
            v
        }
    }
}
