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

function __goenv_hook --on-event fish_prompt --on-variable PWD
    set -l __goenv_hook_status $status
    set -l __goenv_hook_rc 127
    set -l __goenv_hook_out
    if command -q "$__goenv_hook_exe"
        set __goenv_hook_out ("$__goenv_hook_exe" hook fish 2>/dev/null | string collect)
        set __goenv_hook_rc $pipestatus[1]
    end
    if test "$__goenv_hook_rc" -eq 0
        if test -n "$__goenv_hook_out"
            printf '%s\n' "$__goenv_hook_out" | source
        end
    else if not set -q __goenv_hook_warned
        set -g __goenv_hook_warned 1
        printf 'goenv-hook: "%s hook fish" failed; environment not updated (run it to see why; shown once per shell)\n' "$__goenv_hook_exe" >&2
    end
    return $__goenv_hook_status
end
