//! The `nu_plugin_goenv` executable: serves the plugin to Nushell over stdio.
use nu_plugin::{serve_plugin, MsgPackSerializer};

fn main() {
    serve_plugin(&nu_plugin_goenv::GoenvPlugin, MsgPackSerializer);
}
