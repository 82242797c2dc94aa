# goenv-hook: removes the bash hook (printed by `goenv-hook deactivate bash`
# after the code that restores the environment). Takes __goenv_hook out of
# PROMPT_COMMAND (an array element, or the string form's two lines
# `__goenv_hook` and `__goenv_hook_status;` and the tail, or an older
# init's `__goenv_hook;`) and bash-preexec's precmd_functions, and removes the
# hook's functions, alias and variables.
# The string form's lines taken out of $1, wherever they are (a tool such as
# direnv may have put itself in front of them since): the tail after a `;`, or
# after a newline when the user's text ends in `&` or holds a `#`, the head
# with the text after it, or with nothing after it; then an older init's
# `__goenv_hook;` in front. The rest in __goenv_hook_t.
__goenv_hook_unstr() {
	__goenv_hook_t=${1//$'\n'__goenv_hook_tail;__goenv_hook_status/}
	__goenv_hook_t=${__goenv_hook_t//;__goenv_hook_tail;__goenv_hook_status/}
	__goenv_hook_t=${__goenv_hook_t//__goenv_hook$'\n'__goenv_hook_status;/}
	case $__goenv_hook_t in
	*__goenv_hook$'\n'__goenv_hook_status)
		__goenv_hook_t=${__goenv_hook_t%__goenv_hook$'\n'__goenv_hook_status}
		__goenv_hook_t=${__goenv_hook_t%;}
		;;
	__goenv_hook | __goenv_hook\;*)
		__goenv_hook_t=${__goenv_hook_t#__goenv_hook}
		__goenv_hook_t=${__goenv_hook_t#;}
		;;
	esac
}
__goenv_hook_unhook() {
	local __goenv_hook_e __goenv_hook_t
	local -a __goenv_hook_keep=()
	# ${var@a}: bash >= 4.4; arrays run as PROMPT_COMMAND from bash 5.1 on
	# (older bash, such as macOS's 3.2, runs the string: the else branch). As
	# init tells them: an empty array is one, except under `set -u`, where
	# init put the string form in its first element (taken out here too).
	if ((BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] >= 501)) &&
		[[ $- != *u* && ${PROMPT_COMMAND@a} == *a* || ${PROMPT_COMMAND+${PROMPT_COMMAND@a}} == *a* ]]; then
		for __goenv_hook_e in "${PROMPT_COMMAND[@]}"; do
			[[ $__goenv_hook_e == __goenv_hook || $__goenv_hook_e == __goenv_hook_tail ]] && continue
			__goenv_hook_unstr "$__goenv_hook_e"
			[[ -z $__goenv_hook_t && -n $__goenv_hook_e ]] || __goenv_hook_keep+=("$__goenv_hook_t")
		done
		PROMPT_COMMAND=("${__goenv_hook_keep[@]}")
	else
		# shellcheck disable=SC2128
		__goenv_hook_unstr "${PROMPT_COMMAND-}"
		# shellcheck disable=SC2178
		PROMPT_COMMAND=$__goenv_hook_t
	fi
	if [[ -n ${precmd_functions+set} ]]; then
		__goenv_hook_keep=()
		for __goenv_hook_e in "${precmd_functions[@]}"; do
			[[ $__goenv_hook_e == __goenv_hook || $__goenv_hook_e == __goenv_hook_tail ]] || __goenv_hook_keep+=("$__goenv_hook_e")
		done
		precmd_functions=("${__goenv_hook_keep[@]}")
	fi
	if [[ -n ${__goenv_hook_aliased-} ]]; then
		unalias __goenv_hook_status 2>/dev/null
	fi
}
__goenv_hook_unhook
unset -f __goenv_hook __goenv_hook_apply __goenv_hook_key __goenv_hook_status __goenv_hook_tail __goenv_hook_unhook __goenv_hook_unstr goenv-hook
unset __goenv_hook_exe __goenv_hook_last __goenv_hook_watch __goenv_hook_absent __goenv_hook_stamp __goenv_hook_warned
unset __goenv_hook_s __goenv_hook_r __goenv_hook_ps __goenv_hook_gen __goenv_hook_aliased
