__goenv_hook_exe='goenv-hook'
# goenv-hook's zsh hook (line 1: the executable); see its shell/README.md.
__goenv_hook_key() {
	REPLY="${PWD-}|${PATH-}|${HOME-}|${GOROOT+s}${GOROOT-}|${GOPATH+s}${GOPATH-}|${GOBIN+s}${GOBIN-}|${GOMODCACHE-}|${GOENV-}|${GOWORK-}|${XDG_CONFIG_HOME-}|${GOENV_HOOK_CONFIG-}|${GOENV_HOOK_GO-}|${GOENV_HOOK_DISABLED-}"
}

# zsh gives $? and $pipestatus back after each hook function: returning 0
# keeps a TRAPZERR, ERR_RETURN or print_exit_value from seeing the user's
# failed command twice.
__goenv_hook() {
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
		[[ -z $__goenv_hook_f ]] && return 0
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
	return 0
}

# Global arrays: the hook's output assigns the last three inside a function
# (no warning under warn_create_global); `[@]` keeps every element under
# ksh_arrays too.
typeset -ga precmd_functions chpwd_functions __goenv_hook_watch __goenv_hook_absent __goenv_hook_stamp
precmd_functions=("${precmd_functions[@]:#__goenv_hook}" __goenv_hook)
chpwd_functions=("${chpwd_functions[@]:#__goenv_hook}" __goenv_hook)

# `goenv-hook use <version|dir|default>` and `goenv-hook deactivate`, without
# the shell argument, apply to this shell (as mise's and fnm's wrappers do);
# `goenv-hook doctor` is told the prompt hooks (GOENV_HOOK_SHELL_HOOKS), so
# it sees this hook; everything else runs the executable as it is.
goenv-hook() {
	local __goenv_hook_out
	if [[ ${1-} == use && $# == 2 && $2 != -* ]] || [[ ${1-} == deactivate && $# == 1 ]]; then
		__goenv_hook_out=$("$__goenv_hook_exe" "$@" zsh) || return
		eval "$__goenv_hook_out"
	elif [[ ${1-} == doctor && -z ${GOENV_HOOK_SHELL_HOOKS+set} ]]; then
		GOENV_HOOK_SHELL_HOOKS="zsh:${precmd_functions[*]-}" "$__goenv_hook_exe" "$@"
	else
		"$__goenv_hook_exe" "$@"
	fi
}
