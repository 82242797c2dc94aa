# goenv-hook: removes the zsh hook (printed by `goenv-hook deactivate zsh`
# after the code that restores the environment).
autoload -Uz add-zsh-hook
add-zsh-hook -d precmd __goenv_hook
add-zsh-hook -d chpwd __goenv_hook
unfunction __goenv_hook __goenv_hook_key goenv-hook 2>/dev/null
unset __goenv_hook_exe __goenv_hook_last __goenv_hook_watch __goenv_hook_absent __goenv_hook_stamp __goenv_hook_warned
