Set-Item -LiteralPath 'Env:PATH' -Value '/usr/lib/go-1.22/bin:@SANDBOX@/home/go/bin:@SANDBOX@/bin:/opt/u1:/usr/bin:/bin'
Set-Item -LiteralPath 'Env:GOENV_HOOK_STATE' -Value '1|m=/usr/lib/go-1.22/bin,@SANDBOX@/home/go/bin|a=11|r=|v=GOROOT:=/usr/lib/go-1.19:-|o=/usr/lib/go-1.23/bin,@SANDBOX@/home/go/bin,/usr/lib/go-1.22/bin'
Set-Item -LiteralPath 'Env:GOENV_HOOK_PROMPT' -Value 'go1.22.12'
