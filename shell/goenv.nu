const __goenv_hook_exe = r#'goenv-hook'#
# goenv-hook: Nushell integration. Line 1 holds the path of the executable.
# Nushell can't eval generated code, so save this file and source it:
#   goenv-hook init nu | save -f ($nu.default-config-dir | path join goenv.nu)
#   # in config.nu:
#   source ($nu.default-config-dir | path join goenv.nu)
# It adds one hook record (marked with the key __goenv_hook) to
# $env.config.hooks.pre_prompt and to $env.config.hooks.env_change.PWD,
# keeping other hooks; sourcing it again replaces our record, never adds a
# second one. The hook runs `goenv-hook hook nu`, which prints JSON
# {"set":{..},"unset":[..],"path":[..]|null} (empty when nothing changed),
# applied only when the executable exited 0: load-env the set record,
# hide-env the unset names, PATH assigned as a list ($env.Path on Windows).
# $env.LAST_EXIT_CODE is restored. If the executable is missing or fails, one
# line is printed, once per nu process (the flag holds $nu.pid, so a child nu
# that inherits it still warns once).

let __goenv_hook = {
    __goenv_hook: true
    code: {||
        let status = $env.LAST_EXIT_CODE? | default 0
        let r = try { ^$__goenv_hook_exe hook nu | complete } catch { {exit_code: -1, stdout: '', stderr: ''} }
        if $r.exit_code == 0 and ($r.stderr | str trim) != '' { print -e ($r.stderr | str trim) }
        if $r.exit_code == 0 {
            if ($r.stdout | str trim) != '' {
                let j = $r.stdout | from json
                for w in ($j.warn? | default []) { print -e $w }
                hide-env -i ...$j.unset
                load-env $j.set
                if $j.path != null {
                    let pv = if $nu.os-info.name == 'windows' { 'Path' } else { 'PATH' }
                    load-env ({} | insert $pv $j.path)
                }
            }
        } else if ($env.__GOENV_HOOK_WARNED? | default '') != ($nu.pid | into string) {
            $env.__GOENV_HOOK_WARNED = ($nu.pid | into string)
            print -e $"goenv-hook: '($__goenv_hook_exe) hook nu' failed; environment not updated \(run it to see why; shown once per shell\)"
        }
        $env.LAST_EXIT_CODE = $status
    }
}
$env.config.hooks.pre_prompt = ($env.config.hooks.pre_prompt? | default [] | where {|h| ($h | describe | str starts-with 'record') == false or '__goenv_hook' not-in $h })
$env.config.hooks.pre_prompt ++= [$__goenv_hook]
$env.config.hooks.env_change.PWD = ($env.config.hooks.env_change.PWD? | default [] | where {|h| ($h | describe | str starts-with 'record') == false or '__goenv_hook' not-in $h })
$env.config.hooks.env_change.PWD ++= [$__goenv_hook]

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
    let j = $r.stdout | from json
    for w in ($j.warn? | default []) { print -e $w }
    hide-env -i ...$j.unset
    load-env $j.set
    if $j.path != null {
        let pv = if $nu.os-info.name == 'windows' { 'Path' } else { 'PATH' }
        load-env ({} | insert $pv $j.path)
    }
}

# `goenv-hook deactivate` for Nushell: restores what goenv-hook changed
# (byte for byte while PATH still holds its block) and removes the hook
# records. Source this file again to re-activate.
def --env goenv-hook-deactivate [] {
    let r = ^$__goenv_hook_exe deactivate nu | complete
    if $r.exit_code != 0 {
        error make {msg: $"goenv-hook deactivate failed: ($r.stderr | str trim)"}
    }
    let j = $r.stdout | from json
    hide-env -i ...$j.unset
    load-env $j.set
    if $j.path != null {
        let pv = if $nu.os-info.name == 'windows' { 'Path' } else { 'PATH' }
        load-env ({} | insert $pv $j.path)
    }
    $env.config.hooks.pre_prompt = ($env.config.hooks.pre_prompt? | default [] | where {|h| ($h | describe | str starts-with 'record') == false or '__goenv_hook' not-in $h })
    $env.config.hooks.env_change.PWD = ($env.config.hooks.env_change.PWD? | default [] | where {|h| ($h | describe | str starts-with 'record') == false or '__goenv_hook' not-in $h })
}
