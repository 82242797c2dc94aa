//! The `goenv-hook` executable: everything is in the library ([`goenv_hook::cli`]).
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    goenv_hook::cli::main()
}
