set -g __goenv_hook_exe 'goenv-hook'
# goenv-hook's fish hook (line 1: the executable); see its shell/README.md.
function __goenv_hook --on-variable PWD
    set -l _gh_s $status
    if test "$PWD|$PATH|$HOME|$GOROOT|$GOPATH|$GOBIN|$GOMODCACHE|$GOENV|$GOWORK|$XDG_CONFIG_HOME|$GOENV_HOOK_CONFIG|$GOENV_HOOK_GO|$GOENV_HOOK_DISABLED" = "$__goenv_hook_last"
        and set -q __goenv_hook_stamp[1]
        and not path filter -vq -- $__goenv_hook_stamp[1] $__goenv_hook_watch
        and not path filter -q -- $__goenv_hook_absent
        set -l _gh_n
        for _gh_t in $__goenv_hook_watch
            test $_gh_t -nt $__goenv_hook_stamp[1]; and set _gh_n 1
        end
        set -q _gh_n[1]; or return $_gh_s
    end
    set -l _gh_rc 127
    set -l _gh_o
    if command -q "$__goenv_hook_exe"
        set _gh_o ("$__goenv_hook_exe" hook fish --session $fish_pid 2>/dev/null | string collect)
        set _gh_rc $pipestatus[1]
    end
    if test "$_gh_rc" -eq 0
        test -n "$_gh_o"; and printf '%s\n' "$_gh_o" | source
        set -g __goenv_hook_last "$PWD|$PATH|$HOME|$GOROOT|$GOPATH|$GOBIN|$GOMODCACHE|$GOENV|$GOWORK|$XDG_CONFIG_HOME|$GOENV_HOOK_CONFIG|$GOENV_HOOK_GO|$GOENV_HOOK_DISABLED"
    else if not set -q __goenv_hook_warned
        set -g __goenv_hook_warned 1
        printf 'goenv-hook: "%s hook fish" failed; environment not updated (run it to see why; shown once per shell)\n' "$__goenv_hook_exe" >&2
    end
    return $_gh_s
end

# The prompt handler is defined at the first prompt, so that it comes after
# the handlers other tools defined at start-up (fish runs handlers in the
# order they were defined): when direnv, say, restores the PATH it saved in
# a project, goenv-hook sees that at the same prompt. The first prompt runs
# it from here.
function __goenv_hook_boot --on-event fish_prompt
    set -l _gh_s $status
    functions -e __goenv_hook_boot
    function __goenv_hook_prompt --on-event fish_prompt
        __goenv_hook
    end
    __goenv_hook
    return $_gh_s
end

# `goenv-hook use <version|dir|default>` and `goenv-hook deactivate`, without
# the shell argument, apply to this shell (as mise's and fnm's wrappers do);
# `goenv-hook doctor` is told the prompt hooks (GOENV_HOOK_SHELL_HOOKS), so
# it sees this hook; everything else runs the executable as it is.
function goenv-hook --description 'goenv-hook; use and deactivate apply to this shell'
    if contains -- "$argv[1] "(count $argv) 'use 2' 'deactivate 1'; and not string match -q -- '-*' $argv[2]
        "$__goenv_hook_exe" $argv fish | source
        return $pipestatus[1]
    end
    test "$argv[1]" = doctor; and not set -q GOENV_HOOK_SHELL_HOOKS
    and set -lx GOENV_HOOK_SHELL_HOOKS "fish:"(functions --handlers-type generic | string join ' ')
    "$__goenv_hook_exe" $argv
end
