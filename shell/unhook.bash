# goenv-hook: removes the bash hook (printed by `goenv-hook deactivate bash`
# after the code that restores the environment). Takes __goenv_hook out of
# PROMPT_COMMAND (an array element, or the string form's two lines
# `__goenv_hook` and `__goenv_hook_status;` and the tail, or an older
# init's `__goenv_hook;`) and bash-preexec's precmd_functions, and removes the
# hook's functions, alias and variables.
__goenv_hook_unhook() {
	local __goenv_hook_e
	local -a __goenv_hook_keep=()
	# ${var@a}: bash >= 4.4; arrays run as PROMPT_COMMAND from bash 5.1 on
	# (older bash, such as macOS's 3.2, runs the string: the else branch).
	if ((BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] >= 501)) &&
		[[ ${PROMPT_COMMAND+${PROMPT_COMMAND@a}} == *a* ]]; then
		for __goenv_hook_e in "${PROMPT_COMMAND[@]}"; do
			[[ $__goenv_hook_e == __goenv_hook || $__goenv_hook_e == __goenv_hook_tail ]] || __goenv_hook_keep+=("$__goenv_hook_e")
		done
		PROMPT_COMMAND=("${__goenv_hook_keep[@]}")
	else
		# Our lines wherever they are (a tool such as direnv may have put itself in front of them
		# since): the tail after a `;`, or after a newline when the user's text ends in `&`, the
		# head with the text after it, or with nothing after it; then an older init's
		# `__goenv_hook;` in front.
		# shellcheck disable=SC2128,SC2178
		PROMPT_COMMAND=${PROMPT_COMMAND//$'\n'__goenv_hook_tail;__goenv_hook_status/}
		# shellcheck disable=SC2128,SC2178
		PROMPT_COMMAND=${PROMPT_COMMAND//;__goenv_hook_tail;__goenv_hook_status/}
		# shellcheck disable=SC2128,SC2178
		PROMPT_COMMAND=${PROMPT_COMMAND//__goenv_hook$'\n'__goenv_hook_status;/}
		# shellcheck disable=SC2128,SC2178
		case ${PROMPT_COMMAND-} in
		*__goenv_hook$'\n'__goenv_hook_status)
			PROMPT_COMMAND=${PROMPT_COMMAND%__goenv_hook$'\n'__goenv_hook_status}
			PROMPT_COMMAND=${PROMPT_COMMAND%;}
			;;
		__goenv_hook | __goenv_hook\;*)
			PROMPT_COMMAND=${PROMPT_COMMAND#__goenv_hook}
			PROMPT_COMMAND=${PROMPT_COMMAND#;}
			;;
		esac
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
unset -f __goenv_hook __goenv_hook_apply __goenv_hook_key __goenv_hook_status __goenv_hook_tail __goenv_hook_unhook goenv-hook
unset __goenv_hook_exe __goenv_hook_last __goenv_hook_watch __goenv_hook_absent __goenv_hook_stamp __goenv_hook_warned
unset __goenv_hook_s __goenv_hook_ps __goenv_hook_gen __goenv_hook_aliased
