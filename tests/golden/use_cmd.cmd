@set "GOENV_HOOK_GO=1.21"
@set "PATH=/usr/lib/go-1.21/bin:@SANDBOX@/home/go/bin:@SANDBOX@/bin:/opt/u1:/usr/bin:/bin"
@set "GOENV_HOOK_STATE=1|m=/usr/lib/go-1.21/bin,@SANDBOX@/home/go/bin|a=11|r=|v=GOROOT:=/usr/lib/go-1.19:-|o=/usr/lib/go-1.23/bin,@SANDBOX@/home/go/bin,/usr/lib/go-1.21/bin"
@set "GOENV_HOOK_PROMPT=go1.21.13 (pinned)"
