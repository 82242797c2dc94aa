@set "PATH=@SANDBOX@/bin:/opt/u1:/usr/bin:/bin"
@set "GOROOT=/usr/lib/go-1.19"
@set "GOENV_HOOK_STATE="
@set "GOENV_HOOK_GO="
@set "GOENV_HOOK_PROMPT="
@rem goenv-hook: removes the cmd integration for this session (printed by
@rem `goenv-hook deactivate cmd` after the lines that restore the environment):
@rem the doskey cd macro goes; AutoRun still applies in new cmd windows.
@doskey cd= >nul 2>&1
@set "__goenv_hook_exe="
@set "__goenv_hook_warned="
