@set "GOENV_HOOK_ERROR=726e70a236bdd7d0"
@>&2 echo goenv-hook: config error, environment left as is ^(run `goenv-hook doctor`^): /h/it's 'cfg'.toml:1:13: string values must be quoted
@>&2 echo '#' ‘’‚‛ $HOME ${X} $^(touch /tmp/goenv-hook-pwned^) `touch /tmp/goenv-hook-pwned` %%PATH%% %%%% ! ^^ ^& ^| ^< ^> ^( ^) ; # ~ { } [ ] * ? \
@>&2 echo first line
@>&2 echo third line
@>&2 echo fourth \
