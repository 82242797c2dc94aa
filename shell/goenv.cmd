@set "__goenv_hook_exe=goenv-hook"
@rem goenv-hook: cmd.exe integration. Line 1 holds the path of the executable.
@rem
@rem Route: cmd has no prompt hook and no eval. Save this file once:
@rem   goenv-hook init cmd > "%LOCALAPPDATA%\goenv-hook\init.cmd"
@rem and run it from every new cmd through AutoRun:
@rem   reg add "HKCU\Software\Microsoft\Command Processor" /v AutoRun /t REG_EXPAND_SZ /d "\"%%LOCALAPPDATA%%\goenv-hook\init.cmd\"" /f
@rem (or from Clink / Cmder's init). It runs `goenv-hook hook cmd`, writes
@rem its output (plain `set "NAME=value"` lines for a batch file) to
@rem %TEMP%\goenv-hook-<random>.cmd, `call`s that file only when the
@rem executable exited 0 (`& if errorlevel 1`, and `if not errorlevel 0`
@rem for a negative status such as a missing DLL's; not `||`, whose right
@rem side wine's cmd runs whatever the status), and deletes it. Values
@rem never pass through CALL %%i or FOR /F ... DO, which would expand them
@rem a second time.
@rem The console code page is 65001 (UTF-8) while the file is called.
@rem __goenv_hook_running guards against running twice at once (recursion
@rem through AutoRun). If the executable is missing or fails, one line is
@rem printed, once per session (__goenv_hook_warned).
@rem After `cd`: a `doskey cd=...` macro re-runs this file after every cd
@rem typed at the prompt (not in scripts). Define GOENV_HOOK_NO_DOSKEY to
@rem skip it. ERRORLEVEL is not preserved across the hook. No labels or
@rem parenthesized blocks: every line is one plain, separately parsed command.
@rem Assumes delayed expansion is off (the cmd default).
@if defined __goenv_hook_running goto :eof
@set "__goenv_hook_running=1"
@set "__goenv_hook_failed="
@set "__goenv_hook_cp="
@set "__goenv_hook_tmp=%TEMP%\goenv-hook-%RANDOM%%RANDOM%.cmd"
@"%__goenv_hook_exe%" hook cmd > "%__goenv_hook_tmp%" 2>nul & if errorlevel 1 set "__goenv_hook_failed=1"
@if not errorlevel 0 set "__goenv_hook_failed=1"
@if not defined __goenv_hook_failed for /f "tokens=2 delims=:." %%c in ('chcp') do @set "__goenv_hook_cp=%%c"
@if defined __goenv_hook_cp chcp 65001 >nul 2>&1
@if not defined __goenv_hook_failed call "%__goenv_hook_tmp%"
@if defined __goenv_hook_cp chcp %__goenv_hook_cp% >nul 2>&1
@if defined __goenv_hook_failed if not defined __goenv_hook_warned >&2 echo goenv-hook: "%__goenv_hook_exe% hook cmd" failed, environment not updated - run it to see why, shown once per session
@if defined __goenv_hook_failed set "__goenv_hook_warned=1"
@del "%__goenv_hook_tmp%" >nul 2>&1
@set "__goenv_hook_tmp="
@set "__goenv_hook_cp="
@set "__goenv_hook_failed="
@if not defined GOENV_HOOK_NO_DOSKEY doskey cd=cd $* $T call "%~f0" >nul 2>&1
@set "__goenv_hook_running="
