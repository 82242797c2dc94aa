# goenv-hook: removes the bash hook (printed by `goenv-hook deactivate bash`
# after the code that restores the environment). Takes __goenv_hook out of
# PROMPT_COMMAND (string or array) and bash-preexec's precmd_functions, and
# removes the hook's functions and variables.
__goenv_hook_unhook() {
	local __goenv_hook_e
	local -a __goenv_hook_keep=()
	if [[ $(declare -p PROMPT_COMMAND 2>/dev/null) == "declare -a"* ]]; then
		for __goenv_hook_e in "${PROMPT_COMMAND[@]}"; do
			[[ $__goenv_hook_e == __goenv_hook ]] || __goenv_hook_keep+=("$__goenv_hook_e")
		done
		PROMPT_COMMAND=("${__goenv_hook_keep[@]}")
	else
		# shellcheck disable=SC2128,SC2178
		case ${PROMPT_COMMAND-} in
		__goenv_hook) PROMPT_COMMAND= ;;
		__goenv_hook\;*) PROMPT_COMMAND=${PROMPT_COMMAND#__goenv_hook;} ;;
		esac
	fi
	if [[ -n ${precmd_functions+set} ]]; then
		__goenv_hook_keep=()
		for __goenv_hook_e in "${precmd_functions[@]}"; do
			[[ $__goenv_hook_e == __goenv_hook ]] || __goenv_hook_keep+=("$__goenv_hook_e")
		done
		precmd_functions=("${__goenv_hook_keep[@]}")
	fi
}
__goenv_hook_unhook
unset -f __goenv_hook __goenv_hook_key __goenv_hook_unhook
unset __goenv_hook_exe __goenv_hook_last __goenv_hook_watch __goenv_hook_absent __goenv_hook_stamp __goenv_hook_warned
