__goenv_hook_exe='goenv-hook'
# goenv-hook: bash integration. Printed by `goenv-hook init bash`; use it as
#   eval "$(goenv-hook init bash)"
# in ~/.bashrc. Line 1 holds the absolute path of the executable.
#
# __goenv_hook runs before every prompt. It runs `goenv-hook hook bash`,
# whose stdout is bash code (empty when nothing changed), and evals it only
# when the executable exited 0. If the executable is missing or fails, one
# line is printed, once per shell session. The status of the user's last
# command ($?) is saved first and returned last, so PROMPT_COMMAND entries
# after ours (and bash itself) see it unchanged.
#
# Installation, in order of preference:
# - bash-preexec loaded (bash_preexec_imported/__bp_imported set): it owns
#   PROMPT_COMMAND and replaces it, so the hook is added to its
#   precmd_functions array instead (once);
# - otherwise the hook is prepended to PROMPT_COMMAND, as an array element
#   when PROMPT_COMMAND is an array (bash >= 5.1), else as `__goenv_hook;`
#   in front of the string. Prepending means the user's own prompt commands
#   see the updated environment. Re-evaluating init never adds it twice.
# VS Code's shell integration keeps the PROMPT_COMMAND it found in
# __vsc_original_prompt_command and runs it from its own PROMPT_COMMAND
# entry; we leave both alone: if init runs before VS Code's script, our entry
# is inside the original it runs; if after, ours runs first and returns the
# saved status, which VS Code then reads. `cd` is not aliased.

# Fast path: when nothing changed, no process is started. The hook keeps a
# key of the variables goenv-hook reads (__goenv_hook_last) and, from the
# last run, the files it read (__goenv_hook_watch), the project and config
# files that did not exist (__goenv_hook_absent) and a stamp file whose
# mtime is 2 s before that read (__goenv_hook_stamp). Same key, every
# watched file still there and not newer than the stamp, and no absent file
# appeared: nothing to do.
__goenv_hook_key() {
	__goenv_hook_k="${PWD-}|${PATH-}|${HOME-}|${GOROOT+s}${GOROOT-}|${GOPATH+s}${GOPATH-}|${GOBIN+s}${GOBIN-}|${GOMODCACHE-}|${GOENV-}|${GOWORK-}|${XDG_CONFIG_HOME-}|${GOENV_HOOK_CONFIG-}|${GOENV_HOOK_GO-}|${GOENV_HOOK_DISABLED-}"
}

__goenv_hook() {
	local __goenv_hook_status=$?
	local __goenv_hook_out __goenv_hook_k __goenv_hook_f
	__goenv_hook_key
	if [[ $__goenv_hook_k == "${__goenv_hook_last-}" && -e ${__goenv_hook_stamp[0]-} ]]; then
		# __goenv_hook_watch/_absent are assigned by the code of the last run.
		# shellcheck disable=SC2154
		for __goenv_hook_f in "${__goenv_hook_watch[@]}"; do
			[[ -e $__goenv_hook_f && ! $__goenv_hook_f -nt ${__goenv_hook_stamp[0]} ]] || break
			__goenv_hook_f=
		done
		if [[ -z $__goenv_hook_f ]]; then
			# shellcheck disable=SC2154
			for __goenv_hook_f in "${__goenv_hook_absent[@]}"; do
				[[ -e $__goenv_hook_f ]] && break
				__goenv_hook_f=
			done
		fi
		[[ -z $__goenv_hook_f ]] && return "$__goenv_hook_status"
	fi
	if __goenv_hook_out=$("$__goenv_hook_exe" hook bash --session "$$" 2>/dev/null); then
		if [[ -n $__goenv_hook_out ]]; then
			eval "$__goenv_hook_out"
		fi
		__goenv_hook_key
		__goenv_hook_last=$__goenv_hook_k
	elif [[ -z ${__goenv_hook_warned-} ]]; then
		__goenv_hook_warned=1
		printf 'goenv-hook: "%s hook bash" failed; environment not updated (run it to see why; shown once per shell)\n' "$__goenv_hook_exe" >&2
	fi
	return "$__goenv_hook_status"
}

__goenv_hook_install() {
	local __goenv_hook_e
	if [[ -n ${bash_preexec_imported-} || -n ${__bp_imported-} ]]; then
		for __goenv_hook_e in "${precmd_functions[@]}"; do
			[[ $__goenv_hook_e == __goenv_hook ]] && return 0
		done
		precmd_functions=(__goenv_hook "${precmd_functions[@]}")
	elif [[ $(declare -p PROMPT_COMMAND 2>/dev/null) == "declare -a"* ]]; then
		for __goenv_hook_e in "${PROMPT_COMMAND[@]}"; do
			[[ $__goenv_hook_e == __goenv_hook ]] && return 0
		done
		PROMPT_COMMAND=(__goenv_hook "${PROMPT_COMMAND[@]}")
	else
		# PROMPT_COMMAND is a string here (the array case is handled above).
		# shellcheck disable=SC2128,SC2178
		case ${PROMPT_COMMAND-} in
		__goenv_hook | __goenv_hook\;*) ;;
		*) PROMPT_COMMAND="__goenv_hook${PROMPT_COMMAND:+;$PROMPT_COMMAND}" ;;
		esac
	fi
}
__goenv_hook_install
unset -f __goenv_hook_install
