const __goenv_hook_exe = r#'goenv-hook'#
# goenv-hook for Nushell (line 1: the executable). Nushell can't eval generated code: save this file
#   goenv-hook init nu | save -f ($nu.default-config-dir | path join goenv.nu)
# and source it in config.nu:
#   source ($nu.default-config-dir | path join goenv.nu)

# Nushell parses this whole file at every start, and a builtin command, a nested block and every
# character inside one cost parse time (src/shell/nu.rs): keep it small, flat and comment-only
# outside the header (init drops these lines).

# Runs goenv-hook with the arguments `a` and applies its JSON: warnings, unset, set, PATH as a
# list (Nushell's $env is case-insensitive: `PATH` is `Path` on Windows). A failure is an error
# (the record `l` may add a label); returns the fast path's "local" lists.
def --env __goenv_hook_load [a l] {
    let r = ^$__goenv_hook_exe ...$a | complete
    if $r.exit_code != 0 { error make {msg: $"goenv-hook ($a.0) failed: ($r.stderr | str trim)" ...$l} }
    let j = $r.stdout | from json -s
    print -e ...$j.warn?
    hide-env -i ...$j.unset?
    load-env {...$j.set? PATH: ($j.path? | default $env.PATH)}
    $j.local?
}

# The variables goenv-hook reads.
def __goenv_hook_key [] {
    [$env.PWD? $env.PATH? $env.HOME? $env.GOROOT? $env.GOPATH? $env.GOBIN? $env.GOMODCACHE? $env.GOENV? $env.GOWORK? $env.XDG_CONFIG_HOME? $env.GOENV_HOOK_CONFIG? $env.GOENV_HOOK_GO? $env.GOENV_HOOK_DISABLED?]
}

# The fast path: same key, no absent file there, the stamp and the watched files there (ls lists
# them in this order) and none newer than the stamp. An error (no record yet) is "not fresh".
def __goenv_hook_fresh [f] {
    $f.k == (__goenv_hook_key) and true not-in ($f.l.__goenv_hook_absent | path exists) and ((ls -D ...$f.l.__goenv_hook_stamp ...$f.l.__goenv_hook_watch).modified | ($in | math max) == $in.0)
}

# The hook. `try` sets $env.LAST_EXIT_CODE when it catches an error: it is restored.
def --env __goenv_hook_run [] {
    let s = $env.LAST_EXIT_CODE?
    if (try { __goenv_hook_fresh $env.__goenv_hook_fast }) != true {
        $env.__goenv_hook_fast = try { {l: (__goenv_hook_load [hook nu --session $nu.pid] null) k: (__goenv_hook_key)} } catch {
            if $env.__GOENV_HOOK_WARNED? != $nu.pid {
                $env.__GOENV_HOOK_WARNED = $nu.pid
                print -e $"goenv-hook: '($__goenv_hook_exe) hook nu' failed; environment not updated \(run it to see why; shown once per shell\)"
            }
        }
        $env.LAST_EXIT_CODE = $s
    }
}

# A hook list without our record (other hooks kept as they are); `where` only when there is one.
def __goenv_hook_others [l] {
    if ($l | describe) =~ __goenv_hook { $l | where {|h| ($h | describe) !~ __goenv_hook } } else { [...$l] }
}

# The hooks record `h` with `add` in place of our records, in one assignment of $env.config.
def __goenv_hook_hooks [h add] {
    $h | merge {pre_prompt: [...(__goenv_hook_others $h.pre_prompt?) ...$add] env_change: ($h.env_change | merge {PWD: [...(__goenv_hook_others $h.env_change.PWD?) ...$add]})}
}

$env.config.hooks = __goenv_hook_hooks $env.config.hooks [{__goenv_hook: true code: {|| __goenv_hook_run }}]
# Apply now, as `eval "$(goenv-hook init …)"` does in the other shells.
__goenv_hook_run

# `goenv-hook use <target>` and `goenv-hook deactivate` (Nushell runs a custom command named like
# an external's subcommand instead of the external; the completions file has no externs for
# them), and the older names goenv-hook-use and goenv-hook-deactivate. A refused target is an
# error pointing at it, and nothing changes.
def --env "goenv-hook use" [target: string@__goenv_hook_targets] {
    __goenv_hook_load [use -- $target nu] {label: {text: 'this target' span: (metadata $target).span}}
}
def --env "goenv-hook deactivate" [] {
    __goenv_hook_load [deactivate nu] null
    $env.config.hooks = __goenv_hook_hooks $env.config.hooks []
    $env.__goenv_hook_fast = null
}
alias goenv-hook-use = goenv-hook use
alias goenv-hook-deactivate = goenv-hook deactivate
def __goenv_hook_targets [] { [...(try { ^$__goenv_hook_exe toolchains --names | lines }) default] }

# `goenv-hook doctor` is told the prompt hooks (GOENV_HOOK_SHELL_HOOKS), so it sees this hook.
def --wrapped "goenv-hook doctor" [...rest] {
    $env.GOENV_HOOK_SHELL_HOOKS = $env.GOENV_HOOK_SHELL_HOOKS? | default $"nu:($env.config.hooks.pre_prompt | to nuon --serialize)"
    ^$__goenv_hook_exe doctor ...$rest
}
