@set "GOENV_HOOK_PROMPT=⚠ go1.23.5 (go.mod wants 1.99.0)"
