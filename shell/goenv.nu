const __goenv_hook_exe = r#'goenv-hook'#
# goenv-hook: Nushell integration. Line 1 holds the path of the executable.
# Nushell can't eval generated code, so save this file and source it:
#   goenv-hook init nu | save -f ($nu.default-config-dir | path join goenv.nu)
#   # in config.nu:
#   source ($nu.default-config-dir | path join goenv.nu)
# It adds one hook record (marked with the key __goenv_hook) to
# $env.config.hooks.pre_prompt and to $env.config.hooks.env_change.PWD,
# keeping other hooks; sourcing it again replaces our record, never adds a
# second one. Sourcing it also applies the environment at once (it runs
# goenv-hook then: `nu -c` and the rest of config.nu see it too). The hook
# runs `goenv-hook hook nu --session <pid>`, which prints JSON
# {"set":{..},"unset":[..],"path":[..]|null,"local":{..}} (empty when
# nothing changed), applied only when the executable exited 0: load-env the
# set record, hide-env the unset names, PATH assigned as a list ($env.Path
# on Windows). $env.LAST_EXIT_CODE is restored. If the executable is missing
# or fails, one line is printed, once per nu process (the flag holds
# $nu.pid, so a child nu that inherits it still warns once).
#
# Fast path: when nothing changed no process is started. The hook keeps, in
# $env.__goenv_hook_fast (a record: never exported to other programs), a
# key of the variables goenv-hook reads and, from the last run, the files it
# read ("local" in the JSON: watched, absent, and a stamp file whose mtime
# is 2 s before that read). Same key, every watched file there and not
# newer than the stamp, no absent file there: nothing to do.

def __goenv_hook_key [] {
    let p = if $nu.os-info.name == 'windows' { $env.Path? } else { $env.PATH? }
    [$env.PWD? $p $env.HOME? $env.GOROOT? $env.GOPATH? $env.GOBIN? $env.GOMODCACHE? $env.GOENV? $env.GOWORK? $env.XDG_CONFIG_HOME? $env.GOENV_HOOK_CONFIG? $env.GOENV_HOOK_GO? $env.GOENV_HOOK_DISABLED?] | to nuon
}

def __goenv_hook_fresh [f: record] {
    if ($f.key? | default '') != (__goenv_hook_key) { return false }
    let stamp = $f.stamp? | default ''
    if $stamp == '' or not ($stamp | path exists) { return false }
    let w = $f.watch? | default []
    if ($w | path exists | any {|e| not $e }) { return false }
    if ($w | is-not-empty) and ((ls -D ...$w | get modified | math max) > (ls -D $stamp | get 0.modified)) { return false }
    not ($f.absent? | default [] | path exists | any {|e| $e })
}

# Applies goenv-hook's JSON: warnings, unset, set, PATH as a list.
def --env __goenv_hook_load [j: record] {
    for w in ($j.warn? | default []) { print -e $w }
    hide-env -i ...($j.unset? | default [])
    load-env ($j.set? | default {})
    if ($j.path? | default null) != null {
        load-env ({} | insert (if $nu.os-info.name == 'windows' { 'Path' } else { 'PATH' }) $j.path)
    }
}

# A hook list without our record (other hooks kept as they are).
def __goenv_hook_others [l] {
    $l | default [] | where {|h| ($h | describe | str starts-with 'record') == false or '__goenv_hook' not-in $h }
}

let __goenv_hook = {
    __goenv_hook: true
    code: {||
        let status = $env.LAST_EXIT_CODE? | default 0
        if not (__goenv_hook_fresh ($env.__goenv_hook_fast? | default {})) {
            let r = try { ^$__goenv_hook_exe hook nu --session ($nu.pid | into string) | complete } catch { {exit_code: -1, stdout: '', stderr: ''} }
            if $r.exit_code == 0 {
                if ($r.stderr | str trim) != '' { print -e ($r.stderr | str trim) }
                let j = if ($r.stdout | str trim) != '' { $r.stdout | from json } else { {} }
                __goenv_hook_load $j
                let l = $j.local? | default {}
                $env.__goenv_hook_fast = if ($l.__goenv_hook_stamp? | default [] | is-empty) {
                    {}
                } else {
                    {key: (__goenv_hook_key) watch: ($l.__goenv_hook_watch? | default []) absent: ($l.__goenv_hook_absent? | default []) stamp: ($l.__goenv_hook_stamp | first)}
                }
            } else if ($env.__GOENV_HOOK_WARNED? | default '') != ($nu.pid | into string) {
                $env.__GOENV_HOOK_WARNED = ($nu.pid | into string)
                print -e $"goenv-hook: '($__goenv_hook_exe) hook nu' failed; environment not updated \(run it to see why; shown once per shell\)"
            }
        }
        $env.LAST_EXIT_CODE = $status
    }
}
$env.config.hooks.pre_prompt = (__goenv_hook_others $env.config.hooks.pre_prompt?) ++ [$__goenv_hook]
$env.config.hooks.env_change.PWD = (__goenv_hook_others $env.config.hooks.env_change.PWD?) ++ [$__goenv_hook]
# Apply now, as `eval "$(goenv-hook init …)"` does in the other shells.
do --env $__goenv_hook.code

# `goenv-hook use` for Nushell: pins this shell to a Go version (1.22,
# 1.22.3, go1.22.3) or a toolchain root directory, `default` removes the pin;
# the hook keeps the pin at every prompt (it is $env.GOENV_HOOK_GO). A target
# that is no version or directory, or a version no install provides, is an
# error pointing at the argument, and nothing changes.
def --env goenv-hook-use [target: string] {
    let r = ^$__goenv_hook_exe use -- $target nu | complete
    if $r.exit_code != 0 {
        error make {msg: $"goenv-hook use failed: ($r.stderr | str trim)", label: {text: 'this target', span: (metadata $target).span}}
    }
    __goenv_hook_load ($r.stdout | from json)
}

# `goenv-hook deactivate` for Nushell: restores what goenv-hook changed
# (byte for byte while PATH still holds its block) and removes the hook
# records. Source this file again to re-activate.
def --env goenv-hook-deactivate [] {
    let r = ^$__goenv_hook_exe deactivate nu | complete
    if $r.exit_code != 0 {
        error make {msg: $"goenv-hook deactivate failed: ($r.stderr | str trim)"}
    }
    __goenv_hook_load ($r.stdout | from json)
    $env.config.hooks.pre_prompt = (__goenv_hook_others $env.config.hooks.pre_prompt?)
    $env.config.hooks.env_change.PWD = (__goenv_hook_others $env.config.hooks.env_change.PWD?)
    hide-env -i __goenv_hook_fast
}

# The same as `goenv-hook use <target>` and `goenv-hook deactivate` (no shell
# argument): Nushell runs a custom command named like an external's
# subcommand instead of the external; the other subcommands run the
# executable. `goenv-hook doctor` is told the prompt hooks
# (GOENV_HOOK_SHELL_HOOKS), so it sees this hook. (The completions file,
# `goenv-hook completions nushell`, has no externs for use and deactivate,
# so it can be loaded before or after this file.)
def __goenv_hook_targets [] {
    (try { ^$__goenv_hook_exe toolchains --names | lines } catch { [] }) | append default
}

def --env "goenv-hook use" [target: string@__goenv_hook_targets] {
    goenv-hook-use $target
}

def --env "goenv-hook deactivate" [] {
    goenv-hook-deactivate
}

def --wrapped "goenv-hook doctor" [...rest] {
    let hooks = $env.GOENV_HOOK_SHELL_HOOKS? | default $"nu:($env.config.hooks.pre_prompt? | default [] | to nuon --serialize)"
    with-env {GOENV_HOOK_SHELL_HOOKS: $hooks} { ^$__goenv_hook_exe doctor ...$rest }
}
