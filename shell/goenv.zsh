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

# Fast path: when nothing changed, no process is started. The hook keeps a
# key of the variables goenv-hook reads (__goenv_hook_last) and, from the
# last run, the files it read (__goenv_hook_watch), the project and config
# files that did not exist (__goenv_hook_absent) and a stamp file whose
# mtime is 2 s before that read (__goenv_hook_stamp). Same key, every
# watched file still there and not newer than the stamp, and no absent file
# appeared: nothing to do.
__goenv_hook_key() {
	REPLY="${PWD-}|${PATH-}|${HOME-}|${GOROOT+s}${GOROOT-}|${GOPATH+s}${GOPATH-}|${GOBIN+s}${GOBIN-}|${GOMODCACHE-}|${GOENV-}|${GOWORK-}|${XDG_CONFIG_HOME-}|${GOENV_HOOK_CONFIG-}|${GOENV_HOOK_GO-}|${GOENV_HOOK_DISABLED-}"
}

__goenv_hook() {
	local __goenv_hook_status=$?
	local __goenv_hook_out __goenv_hook_f REPLY
	__goenv_hook_key
	if [[ $REPLY == "${__goenv_hook_last-}" && -e ${__goenv_hook_stamp-} ]]; then
		for __goenv_hook_f in "${__goenv_hook_watch[@]}"; do
			[[ -e $__goenv_hook_f && ! $__goenv_hook_f -nt $__goenv_hook_stamp ]] || break
			__goenv_hook_f=
		done
		if [[ -z $__goenv_hook_f ]]; then
			for __goenv_hook_f in "${__goenv_hook_absent[@]}"; do
				[[ -e $__goenv_hook_f ]] && break
				__goenv_hook_f=
			done
		fi
		[[ -z $__goenv_hook_f ]] && return $__goenv_hook_status
	fi
	if __goenv_hook_out=$("$__goenv_hook_exe" hook zsh --session "$$" 2>/dev/null); then
		if [[ -n $__goenv_hook_out ]]; then
			eval "$__goenv_hook_out"
		fi
		__goenv_hook_key
		typeset -g __goenv_hook_last=$REPLY
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
