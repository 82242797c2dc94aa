__goenv_hook_exe='goenv-hook'
# goenv-hook's bash hook (line 1: the executable); see its shell/README.md.
__goenv_hook_key() {
	_gh_k="${PWD-}|${PATH-}|${HOME-}|${GOROOT+s$GOROOT}|${GOPATH+s$GOPATH}|${GOBIN+s$GOBIN}|${GOMODCACHE-}|${GOENV-}|${GOWORK-}|${XDG_CONFIG_HOME-}|${GOENV_HOOK_CONFIG-}|${GOENV_HOOK_GO-}|${GOENV_HOOK_DISABLED-}"
}

# The fast path's check (the key unchanged, every watched file there and not
# newer than the stamp, no absent file there), and the run when not fresh.
__goenv_hook_apply() {
	local _gh_o _gh_k _gh_e
	__goenv_hook_key
	if [[ $_gh_k == "${__goenv_hook_last-}" && -e ${__goenv_hook_stamp[0]-} ]]; then
		# Assigned by the last run's output:
		# shellcheck disable=SC2154
		for _gh_e in "${__goenv_hook_watch[@]}"; do
			[[ -e $_gh_e && ! $_gh_e -nt ${__goenv_hook_stamp[0]} ]] || _gh_k=
		done
		# shellcheck disable=SC2154
		for _gh_e in "${__goenv_hook_absent[@]}"; do
			[[ ! -e $_gh_e ]] || _gh_k=
		done
		[[ -n $_gh_k ]] && return
	fi
	if _gh_o=$("$__goenv_hook_exe" hook bash --session "$$" 2>/dev/null); then
		[[ -z $_gh_o ]] || eval "$_gh_o"
		__goenv_hook_key
		__goenv_hook_last=$_gh_k
	elif [[ -z ${__goenv_hook_warned-} ]]; then
		__goenv_hook_warned=1
		printf 'goenv-hook: "%s hook bash" failed; environment not updated (run it to see why; shown once per shell)\n' "$__goenv_hook_exe" >&2
	fi
}

__goenv_hook() {
	__goenv_hook_s=$? __goenv_hook_ps=("${PIPESTATUS[@]}")
	local _gh_f=$'__goenv_hook\n__goenv_hook_status;' _gh_t='__goenv_hook_tail;__goenv_hook_status' _gh_e
	__goenv_hook_apply
	# The string form's status lines give the statuses back unless
	# PROMPT_COMMAND shows that no other command follows them (another tool
	# may run our lines from a variable of its own); ours return 0, so an
	# ERR trap isn't run again (README). After a pipeline, the second line
	# recreates PIPESTATUS.
	__goenv_hook_r=1 _gh_e=1
	case ${PROMPT_COMMAND-} in
	*"$_gh_f$_gh_t") __goenv_hook_r='' _gh_e='' ;;
	*"$_gh_f$_gh_t"*) __goenv_hook_r= ;;
	esac
	if [[ -n $_gh_e ]] && ((${#__goenv_hook_ps[@]} > 1)); then
		_gh_f=
		# `exit` (no trap runs in the subshell), but in a subshell of its
		# own where the last command runs in this shell (lastpipe, no job control).
		for _gh_e in "${__goenv_hook_ps[@]}"; do
			_gh_f+="${_gh_f:+|}exit $_gh_e"
		done
		[[ $- == *m* || :${BASHOPTS-}: != *:lastpipe:* ]] || _gh_f="${_gh_f%|*}|(${_gh_f##*|})"
		__goenv_hook_gen=$((${__goenv_hook_gen-0} + 1))
		# The alias is made of the values now:
		# shellcheck disable=SC2139
		alias __goenv_hook_status="if [[ \${__goenv_hook_r-} && \${__goenv_hook_gen-} == $__goenv_hook_gen ]]; then $_gh_f; else __goenv_hook_status; fi"
		__goenv_hook_aliased=1
	elif [[ -n ${__goenv_hook_aliased-} ]]; then
		unalias __goenv_hook_status 2>/dev/null
		__goenv_hook_aliased=
	fi
	return 0
}

__goenv_hook_status() {
	[[ -z ${__goenv_hook_r-} ]] || return "${__goenv_hook_s-0}"
}

# After the other prompt commands: when one of them changed what
# goenv-hook reads since its run at the start of this prompt (direnv
# restoring the PATH it saved in a project), apply again; otherwise one
# comparison. The status line after it gives the statuses back unless
# PROMPT_COMMAND ends with it.
__goenv_hook_tail() {
	local _gh_k
	__goenv_hook_key
	[[ $_gh_k == "${__goenv_hook_last-}" ]] || __goenv_hook_apply
	[[ ${PROMPT_COMMAND-} == *__goenv_hook_tail\;__goenv_hook_status ]] && __goenv_hook_r= || __goenv_hook_r=1
}

# Install, at the top level (a function would be parsed and copied for one
# call). Sourcing the init again installs nothing twice.
if [[ -n ${bash_preexec_imported-}${__bp_imported-} ]]; then
	# Function names: no spaces, so the joined list is exact.
	[[ " ${precmd_functions[*]-} " == *' __goenv_hook '* ]] ||
		precmd_functions=(__goenv_hook "${precmd_functions[@]}" __goenv_hook_tail)
# Arrays run as PROMPT_COMMAND from bash 5.1, which has ${var@a} (4.4+; no
# subshell; an empty array too, except under `set -u`, where it is an unset
# variable); older bash (macOS's 3.2) runs the string: the else branch.
elif ((BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] >= 501)) &&
	[[ $- != *u* && ${PROMPT_COMMAND@a} == *a* || ${PROMPT_COMMAND+${PROMPT_COMMAND@a}} == *a* ]]; then
	__goenv_hook_e=
	for __goenv_hook_e in "${PROMPT_COMMAND[@]}"; do
		[[ $__goenv_hook_e == __goenv_hook ]] && break
	done
	[[ $__goenv_hook_e == __goenv_hook ]] ||
		PROMPT_COMMAND=(__goenv_hook "${PROMPT_COMMAND[@]}" __goenv_hook_tail)
	unset __goenv_hook_e
else
	# A string: both lines, or nothing when they are there (maybe behind a tool that put itself
	# in front since, as direnv does). The user's text goes between `;`s
	# without its trailing `;`s and blanks (`;;` is a syntax error, and starship writes
	# `…;starship_precmd;`), or before a newline when it ends in `&` (`&;` is one too) or holds a
	# `#` (a comment would swallow the tail); direnv and others look for `;name;` to
	# tell they are installed.
	# shellcheck disable=SC2128,SC2178
	case ${PROMPT_COMMAND-} in
	*__goenv_hook$'\n'__goenv_hook_status*) ;;
	*)
		__goenv_hook_e=${PROMPT_COMMAND-}
		while [[ $__goenv_hook_e == *[$' \t\n;'] ]]; do __goenv_hook_e=${__goenv_hook_e%?}; done
		case $__goenv_hook_e in *'&' | *'#'*) __goenv_hook_e+=$'\n' ;; *) __goenv_hook_e+=\; ;; esac
		PROMPT_COMMAND=$'__goenv_hook\n__goenv_hook_status;'${__goenv_hook_e#;}'__goenv_hook_tail;__goenv_hook_status'
		unset __goenv_hook_e
		;;
	esac
fi

# `goenv-hook use <version|dir|default>` and `goenv-hook deactivate`, without
# the shell argument, apply to this shell (as mise's and fnm's wrappers do);
# `goenv-hook doctor` is told the prompt hooks (GOENV_HOOK_SHELL_HOOKS), so
# it sees this hook; everything else runs the executable as it is. POSIX mode
# refuses the name, but not a function defined outside it.
[[ :$SHELLOPTS: != *:posix:* ]] || {
	set +o posix
	__goenv_hook_px=1
}
goenv-hook() {
	# PROMPT_COMMAND is a string or (bash 5.1+) an array: all of it, either way.
	local _gh_o _gh_p='PROMPT_COMMAND[*]'
	if [[ ${1-} == use && $# == 2 && $2 != -* ]] || [[ ${1-} == deactivate && $# == 1 ]]; then
		_gh_o=$("$__goenv_hook_exe" "$@" bash) || return
		eval "$_gh_o"
	elif [[ ${1-} == doctor && -z ${GOENV_HOOK_SHELL_HOOKS+set} ]]; then
		GOENV_HOOK_SHELL_HOOKS="bash:${!_gh_p-} ${precmd_functions[*]-}" "$__goenv_hook_exe" "$@"
	else
		"$__goenv_hook_exe" "$@"
	fi
}
[[ -z ${__goenv_hook_px-} ]] || {
	set -o posix
	unset __goenv_hook_px
}
