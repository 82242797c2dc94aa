set -g __goenv_hook_exe 'goenv-hook'
# goenv-hook: fish integration. Printed by `goenv-hook init fish`; use it as
#   goenv-hook init fish | source
# in ~/.config/fish/config.fish. Line 1 holds the absolute path of the
# executable.
#
# __goenv_hook runs before every prompt (fish_prompt event) and when PWD
# changes. It runs `goenv-hook hook fish`, whose stdout is fish code (empty
# when nothing changed), and sources it only when the executable exited 0.
# If the executable is missing or fails, one line is printed, once per shell
# session. Event handlers don't change $status; the function still returns
# the status it started with. Defining the function again replaces it (and
# its event bindings), so sourcing init twice installs one hook.

# Fast path: when nothing changed, no process is started. The hook keeps a
# key of the variables goenv-hook reads (__goenv_hook_last) and, from the
# last run, the files it read (__goenv_hook_watch), the project and config
# files that did not exist (__goenv_hook_absent) and a stamp file whose
# mtime is 2 s before that read (__goenv_hook_stamp). Same key, every
# watched file still there with an mtime (whole seconds, `path mtime`) not
# after the stamp's, and no absent file appeared: nothing to do. A change
# after the read has an mtime at least 2 s past the stamp, so whole seconds
# can't miss it; a file changed just before the read may cause one more run.
function __goenv_hook --on-event fish_prompt --on-variable PWD
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
