Set-Item -LiteralPath 'Env:GOPATH' -Value '/home/u/go'
Remove-Item -LiteralPath 'Env:GOROOT' -ErrorAction SilentlyContinue
Set-Item -LiteralPath 'Env:Path' -Value '/usr/local/go/bin;/usr/bin'
Set-Item -LiteralPath 'Env:Path' -Value 'C:\Program Files\Go\bin;C:\Users\José\go\bin'
$global:__goenv_hook_exe = 'C:\Program Files\it''s ‘‘goenv’’\goenv-hook.exe'
# goenv-hook: PowerShell integration (Windows PowerShell 5.1 and pwsh 7).
# Printed by `goenv-hook init pwsh`; use it as
#   Invoke-Expression (& goenv-hook init pwsh | Out-String)
# in $PROFILE. Line 1 holds the absolute path of the executable.
#
# The existing prompt function is wrapped once (guard: $global:__goenv_hook_prompt).
# Before the original prompt runs, the wrapper runs `goenv-hook hook pwsh`
# (invoked with &, so paths with spaces work), whose stdout is PowerShell
# code (empty when nothing changed), and evaluates it only when the
# executable exited 0. If the executable is missing or fails, one line is
# printed, once per session. $global:LASTEXITCODE is restored, and $? is
# left as it was (for the original prompt and after it), as starship does.
# Safe under Set-StrictMode -Version Latest (no unset variable is read).

if (-not (Test-Path variable:global:__goenv_hook_warned)) {
    $global:__goenv_hook_warned = $false
}

function global:__goenv_hook {
    $ok = $false
    $out = $null
    try {
        $out = & $global:__goenv_hook_exe hook pwsh 2>$null
        $ok = $LASTEXITCODE -eq 0
    } catch {
        $ok = $false
    }
    if ($ok) {
        $code = ($out | Out-String)
        if ($code.Trim().Length -gt 0) {
            Invoke-Expression $code
        }
    } elseif (-not $global:__goenv_hook_warned) {
        $global:__goenv_hook_warned = $true
        [Console]::Error.WriteLine("goenv-hook: '$global:__goenv_hook_exe hook pwsh' failed; environment not updated (run it to see why; shown once per session)")
    }
}

if (-not (Test-Path variable:global:__goenv_hook_prompt)) {
    $global:__goenv_hook_prompt = $function:prompt
    function global:prompt {
        $origStatus = $global:?
        $origExitCode = $global:LASTEXITCODE
        __goenv_hook
        $global:LASTEXITCODE = $origExitCode
        if (-not $origStatus) {
            # Makes $? false again for the original prompt.
            Write-Error -Message '' -ErrorAction Ignore
        }
        if ($null -ne $global:__goenv_hook_prompt) {
            $text = & $global:__goenv_hook_prompt
        } else {
            $text = "PS $($executionContext.SessionState.Path.CurrentLocation)$('>' * ($nestedPromptLevel + 1)) "
        }
        $global:LASTEXITCODE = $origExitCode
        $text
        # Every statement sets $?, so this comes last: it leaves $? as it was
        # before the prompt (true after 1 + 1, false after an ignored error).
        if ($global:? -ne $origStatus) {
            if ($origStatus) {
                $null = 1 + 1
            } else {
                Write-Error -Message '' -ErrorAction Ignore
            }
        }
    }
}

# `goenv-hook use <version|dir|default>` and `goenv-hook deactivate`, without
# the shell argument, apply to this session (as mise's and fnm's wrappers do);
# `goenv-hook doctor` is told the prompt hook (GOENV_HOOK_SHELL_HOOKS), so it
# sees this hook; everything else runs the executable as it is. (A function
# comes before an executable of the same name in PowerShell.)
function global:goenv-hook {
    $n = $args.Count
    if (($n -eq 2 -and $args[0] -eq 'use' -and -not "$($args[1])".StartsWith('-')) -or ($n -eq 1 -and $args[0] -eq 'deactivate')) {
        $out = & $global:__goenv_hook_exe @args pwsh
        if ($LASTEXITCODE -ne 0) {
            return
        }
        $code = ($out | Out-String)
        if ($code.Trim().Length -gt 0) {
            Invoke-Expression $code
        }
    } elseif ($n -ge 1 -and $args[0] -eq 'doctor' -and -not (Test-Path env:GOENV_HOOK_SHELL_HOOKS)) {
        $env:GOENV_HOOK_SHELL_HOOKS = 'pwsh:' + (Get-Command prompt).Definition
        try {
            & $global:__goenv_hook_exe @args
        } finally {
            Remove-Item -Path env:GOENV_HOOK_SHELL_HOOKS -ErrorAction SilentlyContinue
        }
    } else {
        & $global:__goenv_hook_exe @args
    }
}
