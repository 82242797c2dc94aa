_goenv__hook() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="goenv__hook"
                ;;
            goenv__hook,completions)
                cmd="goenv__hook__subcmd__completions"
                ;;
            goenv__hook,config)
                cmd="goenv__hook__subcmd__config"
                ;;
            goenv__hook,deactivate)
                cmd="goenv__hook__subcmd__deactivate"
                ;;
            goenv__hook,doctor)
                cmd="goenv__hook__subcmd__doctor"
                ;;
            goenv__hook,env)
                cmd="goenv__hook__subcmd__env"
                ;;
            goenv__hook,exec)
                cmd="goenv__hook__subcmd__exec"
                ;;
            goenv__hook,explain)
                cmd="goenv__hook__subcmd__explain"
                ;;
            goenv__hook,get)
                cmd="goenv__hook__subcmd__get"
                ;;
            goenv__hook,help)
                cmd="goenv__hook__subcmd__help"
                ;;
            goenv__hook,hook)
                cmd="goenv__hook__subcmd__hook"
                ;;
            goenv__hook,init)
                cmd="goenv__hook__subcmd__init"
                ;;
            goenv__hook,pin)
                cmd="goenv__hook__subcmd__pin"
                ;;
            goenv__hook,prompt)
                cmd="goenv__hook__subcmd__prompt"
                ;;
            goenv__hook,shells)
                cmd="goenv__hook__subcmd__shells"
                ;;
            goenv__hook,toolchains)
                cmd="goenv__hook__subcmd__toolchains"
                ;;
            goenv__hook,use)
                cmd="goenv__hook__subcmd__use"
                ;;
            goenv__hook,which)
                cmd="goenv__hook__subcmd__which"
                ;;
            goenv__hook__subcmd__config,check)
                cmd="goenv__hook__subcmd__config__subcmd__check"
                ;;
            goenv__hook__subcmd__config,help)
                cmd="goenv__hook__subcmd__config__subcmd__help"
                ;;
            goenv__hook__subcmd__config,path)
                cmd="goenv__hook__subcmd__config__subcmd__path"
                ;;
            goenv__hook__subcmd__config__subcmd__help,check)
                cmd="goenv__hook__subcmd__config__subcmd__help__subcmd__check"
                ;;
            goenv__hook__subcmd__config__subcmd__help,help)
                cmd="goenv__hook__subcmd__config__subcmd__help__subcmd__help"
                ;;
            goenv__hook__subcmd__config__subcmd__help,path)
                cmd="goenv__hook__subcmd__config__subcmd__help__subcmd__path"
                ;;
            goenv__hook__subcmd__help,completions)
                cmd="goenv__hook__subcmd__help__subcmd__completions"
                ;;
            goenv__hook__subcmd__help,config)
                cmd="goenv__hook__subcmd__help__subcmd__config"
                ;;
            goenv__hook__subcmd__help,deactivate)
                cmd="goenv__hook__subcmd__help__subcmd__deactivate"
                ;;
            goenv__hook__subcmd__help,doctor)
                cmd="goenv__hook__subcmd__help__subcmd__doctor"
                ;;
            goenv__hook__subcmd__help,env)
                cmd="goenv__hook__subcmd__help__subcmd__env"
                ;;
            goenv__hook__subcmd__help,exec)
                cmd="goenv__hook__subcmd__help__subcmd__exec"
                ;;
            goenv__hook__subcmd__help,explain)
                cmd="goenv__hook__subcmd__help__subcmd__explain"
                ;;
            goenv__hook__subcmd__help,get)
                cmd="goenv__hook__subcmd__help__subcmd__get"
                ;;
            goenv__hook__subcmd__help,help)
                cmd="goenv__hook__subcmd__help__subcmd__help"
                ;;
            goenv__hook__subcmd__help,hook)
                cmd="goenv__hook__subcmd__help__subcmd__hook"
                ;;
            goenv__hook__subcmd__help,init)
                cmd="goenv__hook__subcmd__help__subcmd__init"
                ;;
            goenv__hook__subcmd__help,pin)
                cmd="goenv__hook__subcmd__help__subcmd__pin"
                ;;
            goenv__hook__subcmd__help,prompt)
                cmd="goenv__hook__subcmd__help__subcmd__prompt"
                ;;
            goenv__hook__subcmd__help,shells)
                cmd="goenv__hook__subcmd__help__subcmd__shells"
                ;;
            goenv__hook__subcmd__help,toolchains)
                cmd="goenv__hook__subcmd__help__subcmd__toolchains"
                ;;
            goenv__hook__subcmd__help,use)
                cmd="goenv__hook__subcmd__help__subcmd__use"
                ;;
            goenv__hook__subcmd__help,which)
                cmd="goenv__hook__subcmd__help__subcmd__which"
                ;;
            goenv__hook__subcmd__help__subcmd__config,check)
                cmd="goenv__hook__subcmd__help__subcmd__config__subcmd__check"
                ;;
            goenv__hook__subcmd__help__subcmd__config,path)
                cmd="goenv__hook__subcmd__help__subcmd__config__subcmd__path"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        goenv__hook)
            opts="-h -V --help --version init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__completions)
            opts="-h --help bash zsh fish powershell elvish nushell"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__config)
            opts="-h --help path check help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__config__subcmd__check)
            opts="-h --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__config__subcmd__help)
            opts="path check help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__config__subcmd__help__subcmd__check)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__config__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__config__subcmd__help__subcmd__path)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__config__subcmd__path)
            opts="-h --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__deactivate)
            opts="-h --help bash zsh fish posix pwsh cmd nu"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__doctor)
            opts="-h --json --strict --ignore --shell --deep --hooks --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --ignore)
                    COMPREPLY=($(compgen -W "go-not-found goroot-invalid go-binary-orphaned goroot-goenv-missing goroot-mixed-tree goroot-mismatch goroot-other-tree goroot-unneeded goroot-in-goenv-file multiple-go-on-path go-is-shim manager-conflict gopath-relative gopath-equals-goroot gopath-unresolvable gobin-not-on-path gobin-relative gobin-is-file gobin-inside-goroot gocache-invalid path-duplicates path-empty-entry path-relative-entry path-nonexistent goenv-file-overridden goenv-file-malformed gosumdb-invalid gosumdb-off-autotoolchain goproxy-invalid goprivate-suspicious goflags-invalid go111module-invalid go111module-off-with-gomod gotoolchain-invalid gotoolchain-pin-stale goarch-var-invalid wsl-windows-go-on-path modcache-on-nonlocking-fs gopath-nonascii-or-space win-machine-go-shadows-user-go win-persistent-go-var-disagrees win-persistent-var-unexpanded win-persistent-path-too-long win-terminal-path-stale init-not-in-startup init-in-wrong-file init-evaluated-twice hook-not-installed prompt-command-exported hook-fast-path-unavailable config-invalid vscode-settings-mismatch vscode-effective-go version-vs-gomod toolchain-switch-pending gomod-too-new-for-old-go project-toolchain-not-installed go-version-file-invalid gomod-invalid tool-built-with-older-go deep-go-env-disagrees deep-build-failed" -- "${cur}"))
                    return 0
                    ;;
                --shell)
                    COMPREPLY=($(compgen -W "bash zsh fish posix pwsh cmd nu" -- "${cur}"))
                    return 0
                    ;;
                --hooks)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__env)
            opts="-h --help bash zsh fish posix pwsh cmd nu json github dockerfile systemd dotenv gitlab"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__exec)
            opts="-h --dir --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__explain)
            opts="-h --json --shell --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --shell)
                    COMPREPLY=($(compgen -W "bash zsh fish posix pwsh cmd nu" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__get)
            opts="-h --force --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help)
            opts="init env hook use pin get deactivate prompt doctor which toolchains config completions explain exec shells help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__completions)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__config)
            opts="path check"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__config__subcmd__check)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__config__subcmd__path)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__deactivate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__doctor)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__env)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__exec)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__explain)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__get)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__hook)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__pin)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__prompt)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__shells)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__toolchains)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__use)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__help__subcmd__which)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__hook)
            opts="-h --session --help bash zsh fish posix pwsh cmd nu"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --session)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__init)
            opts="-h --help bash zsh fish posix pwsh cmd nu"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__pin)
            opts="-h --toolchain --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__prompt)
            opts="-h --format --shell --json --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shell)
                    COMPREPLY=($(compgen -W "bash zsh fish pwsh nu plain" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__shells)
            opts="-h --json --timeout --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__toolchains)
            opts="-h --json --names --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__use)
            opts="-h --help bash zsh fish posix pwsh cmd nu"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        goenv__hook__subcmd__which)
            opts="-h --json --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _goenv__hook -o nosort -o bashdefault -o default goenv-hook
else
    complete -F _goenv__hook -o bashdefault -o default goenv-hook
fi

# goenv-hook: `use <Tab>` completes the installed versions (`goenv-hook
# toolchains --names`), `default` and directories.
_goenv__hook_values() {
    _goenv__hook "$@"
    if [[ ${COMP_WORDS[1]-} == use && ${COMP_CWORD} -eq 2 && ${COMP_WORDS[2]-} != -* ]]; then
        local cur=${COMP_WORDS[2]-} IFS=$'\n'
        # shellcheck disable=SC2207
        COMPREPLY=($(compgen -W "$(command goenv-hook toolchains --names 2>/dev/null)"$'\n'default -- "$cur") $(compgen -d -- "$cur"))
    fi
}
if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _goenv__hook_values -o nosort -o bashdefault -o default goenv-hook
else
    complete -F _goenv__hook_values -o bashdefault -o default goenv-hook
fi
