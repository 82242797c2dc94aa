Set-Item -LiteralPath 'Env:GOENV_HOOK_ERROR' -Value '726e70a236bdd7d0'
[Console]::Error.WriteLine('goenv-hook: config error, environment left as is (run `goenv-hook doctor`): /h/it''s "cfg".toml:1:13: string values must be quoted')
[Console]::Error.WriteLine('''#'' ‘‘’’‚‚‛‛ $HOME ${X} $(touch /tmp/goenv-hook-pwned) `touch /tmp/goenv-hook-pwned` %PATH% %% ! ^ & | < > ( ) ; # ~ { } [ ] * ? \')
[Console]::Error.WriteLine('first line

third line
	fourth \')
[Console]::Error.WriteLine('')
