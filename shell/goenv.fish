set -g __goenv_hook_exe 'goenv-hook'
# goenv-hook: fish integration, from `goenv-hook init fish` (line 1: the
# executable). How it works, and why: shell/README.md in goenv-hook's source.
function __goenv_hook --on-variable PWD
    set -l __goenv_hook_status $status
    set -l __goenv_hook_k "$PWD|$PATH|$HOME|$GOROOT|$GOPATH|$GOBIN|$GOMODCACHE|$GOENV|$GOWORK|$XDG_CONFIG_HOME|$GOENV_HOOK_CONFIG|$GOENV_HOOK_GO|$GOENV_HOOK_DISABLED"
    if test "$__goenv_hook_k" = "$__goenv_hook_last"; and set -q __goenv_hook_stamp[1]
        set -l __goenv_hook_st (path mtime -- $__goenv_hook_stamp[1])
        if set -q __goenv_hook_st[1]
            set -l __goenv_hook_newer
            set -l __goenv_hook_mt (path mtime -- $__goenv_hook_watch)
            if test (count $__goenv_hook_mt) -ne (count $__goenv_hook_watch)
                set __goenv_hook_newer 1
            else if set -q __goenv_hook_absent[1]; and path filter -q -- $__goenv_hook_absent
                set __goenv_hook_newer 1
            else
                for __goenv_hook_m in $__goenv_hook_mt
                    if test $__goenv_hook_m -gt $__goenv_hook_st[1]
                        set __goenv_hook_newer 1
                        break
                    end
                end
            end
            if not set -q __goenv_hook_newer[1]
                return $__goenv_hook_status
            end
        end
    end
    set -l __goenv_hook_rc 127
    set -l __goenv_hook_out
    if command -q "$__goenv_hook_exe"
        set __goenv_hook_out ("$__goenv_hook_exe" hook fish --session $fish_pid 2>/dev/null | string collect)
        set __goenv_hook_rc $pipestatus[1]
    end
    if test "$__goenv_hook_rc" -eq 0
        if test -n "$__goenv_hook_out"
            printf '%s\n' "$__goenv_hook_out" | source
        end
        set -g __goenv_hook_last "$PWD|$PATH|$HOME|$GOROOT|$GOPATH|$GOBIN|$GOMODCACHE|$GOENV|$GOWORK|$XDG_CONFIG_HOME|$GOENV_HOOK_CONFIG|$GOENV_HOOK_GO|$GOENV_HOOK_DISABLED"
    else if not set -q __goenv_hook_warned
        set -g __goenv_hook_warned 1
        printf 'goenv-hook: "%s hook fish" failed; environment not updated (run it to see why; shown once per shell)\n' "$__goenv_hook_exe" >&2
    end
    return $__goenv_hook_status
end

# The prompt handler is defined at the first prompt, so that it comes after
# the handlers other tools defined at start-up (fish runs handlers in the
# order they were defined): when direnv, say, restores the PATH it saved in
# a project, goenv-hook sees that at the same prompt. The first prompt runs
# it from here.
function __goenv_hook_boot --on-event fish_prompt
    set -l __goenv_hook_status $status
    functions -e __goenv_hook_boot
    function __goenv_hook_prompt --on-event fish_prompt
        __goenv_hook
    end
    __goenv_hook
    return $__goenv_hook_status
end

# `goenv-hook use <version|dir|default>` and `goenv-hook deactivate`, without
# the shell argument, apply to this shell (as mise's and fnm's wrappers do);
# `goenv-hook doctor` is told the prompt hooks (GOENV_HOOK_SHELL_HOOKS), so
# it sees this hook; everything else runs the executable as it is.
function goenv-hook --description 'goenv-hook; use and deactivate apply to this shell'
    if begin
            test (count $argv) -eq 2; and test "$argv[1]" = use; and not string match -q -- '-*' $argv[2]
        end; or begin
            test (count $argv) -eq 1; and test "$argv[1]" = deactivate
        end
        set -l __goenv_hook_out ("$__goenv_hook_exe" $argv fish | string collect)
        set -l __goenv_hook_rc $pipestatus[1]
        test $__goenv_hook_rc -eq 0; or return $__goenv_hook_rc
        printf '%s\n' "$__goenv_hook_out" | source
    else if test "$argv[1]" = doctor; and not set -q GOENV_HOOK_SHELL_HOOKS
        set -l __goenv_hook_h (functions --handlers-type generic | string join ' ')
        set -lx GOENV_HOOK_SHELL_HOOKS "fish:$__goenv_hook_h"
        "$__goenv_hook_exe" $argv
    else
        "$__goenv_hook_exe" $argv
    end
end
