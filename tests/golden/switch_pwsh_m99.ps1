Set-Item -LiteralPath 'Env:GOENV_HOOK_PROMPT' -Value '⚠ go1.23.5 (go.mod wants 1.99.0)'
