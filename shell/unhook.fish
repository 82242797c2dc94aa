# goenv-hook: removes the fish hook (printed by `goenv-hook deactivate fish`
# after the code that restores the environment).
functions -e __goenv_hook __goenv_hook_boot __goenv_hook_prompt goenv-hook
set -e __goenv_hook_exe __goenv_hook_last __goenv_hook_watch __goenv_hook_absent __goenv_hook_stamp __goenv_hook_warned
