//! Placeholder: the Nushell plugin is built in issue 5.
fn main() {
    eprintln!("nu_plugin_goenv: not built yet");
    std::process::exit(1);
}
