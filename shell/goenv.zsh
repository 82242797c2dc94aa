__goenv_hook_exe='goenv-hook'
# goenv-hook: zsh integration. Printed by `goenv-hook init zsh`; use it as
#   eval "$(goenv-hook init zsh)"
# in ~/.zshrc. Line 1 holds the absolute path of the executable.
#
# __goenv_hook runs as a precmd hook (before every prompt) and as a chpwd
# hook (on directory change). It runs `goenv-hook hook zsh`, whose stdout is
# zsh code (empty when nothing changed), and evals it only when the
# executable exited 0. If the executable is missing or fails, one line is
# printed, once per shell session. It returns the status it was called with,
# so $? is preserved. `add-zsh-hook -D` first keeps exactly one copy when
# init is evaluated again.

__goenv_hook() {
	local __goenv_hook_status=$?
	local __goenv_hook_out
	if __goenv_hook_out=$("$__goenv_hook_exe" hook zsh 2>/dev/null); then
		if [[ -n $__goenv_hook_out ]]; then
			eval "$__goenv_hook_out"
		fi
	elif [[ -z ${__goenv_hook_warned-} ]]; then
		typeset -g __goenv_hook_warned=1
		print -ru2 -- "goenv-hook: \"$__goenv_hook_exe hook zsh\" failed; environment not updated (run it to see why; shown once per shell)"
	fi
	return $__goenv_hook_status
}

autoload -Uz add-zsh-hook
add-zsh-hook -D precmd __goenv_hook
add-zsh-hook precmd __goenv_hook
add-zsh-hook -D chpwd __goenv_hook
add-zsh-hook chpwd __goenv_hook
