Set-Item -LiteralPath 'Env:PATH' -Value '@SANDBOX@/bin:/opt/u1:/usr/bin:/bin'
Set-Item -LiteralPath 'Env:GOROOT' -Value '/usr/lib/go-1.19'
Remove-Item -LiteralPath 'Env:GOENV_HOOK_STATE' -ErrorAction SilentlyContinue
Remove-Item -LiteralPath 'Env:GOENV_HOOK_GO' -ErrorAction SilentlyContinue
Remove-Item -LiteralPath 'Env:GOENV_HOOK_PROMPT' -ErrorAction SilentlyContinue
# goenv-hook: removes the PowerShell hook (printed by `goenv-hook deactivate
# pwsh` after the code that restores the environment): the original prompt
# function comes back.
if (Test-Path variable:global:__goenv_hook_prompt) {
    if ($null -ne $global:__goenv_hook_prompt) {
        Set-Item -Path function:global:prompt -Value $global:__goenv_hook_prompt
    }
    Remove-Variable -Name '__goenv_hook_prompt' -Scope Global
}
Remove-Item -Path function:global:__goenv_hook, function:global:goenv-hook -ErrorAction SilentlyContinue
Remove-Variable -Name '__goenv_hook_exe', '__goenv_hook_warned' -Scope Global -ErrorAction SilentlyContinue
