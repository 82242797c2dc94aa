Set-Item -LiteralPath 'Env:H_EMPTY' -Value ''
Set-Item -LiteralPath 'Env:H_SQ' -Value ''''
Set-Item -LiteralPath 'Env:H_SQ2' -Value 'it''s ''quoted'' '''''
Set-Item -LiteralPath 'Env:H_PSQ' -Value '‘‘a’’b‚‚c‛‛d’’’’'
Set-Item -LiteralPath 'Env:H_DOLLAR' -Value '$HOME ${HOME} $(touch /tmp/goenv-hook-pwned) `touch /tmp/goenv-hook-pwned`'
Set-Item -LiteralPath 'Env:H_META' -Value '%PATH% %% ! ^ & | < > ; # ~ ( ) { } [ ] * ? = ,'
Set-Item -LiteralPath 'Env:H_BS' -Value '\'
Set-Item -LiteralPath 'Env:H_BS2' -Value 'a\'
Set-Item -LiteralPath 'Env:H_BSQ' -Value '\'''
Set-Item -LiteralPath 'Env:H_HASH' -Value '#'
Set-Item -LiteralPath 'Env:H_HASHES' -Value '''## ''# #'''
Set-Item -LiteralPath 'Env:H_TAB' -Value 'a	b  c'
Set-Item -LiteralPath 'Env:H_UNI' -Value 'Grüße 日本 🎉'
Remove-Item -LiteralPath 'Env:H_GONE' -ErrorAction SilentlyContinue
Set-Item -LiteralPath 'Env:Path' -Value '/usr/bin;/opt/it''s here/bin;;/x$y'
Set-Item -LiteralPath 'Env:H_DQ' -Value '"double" \"'
Set-Item -LiteralPath 'Env:H_NL' -Value 'a
b
c
'
