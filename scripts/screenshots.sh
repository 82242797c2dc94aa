#!/usr/bin/env bash
# Renders docs/images/doctor.svg and docs/images/prompt.svg: real terminal
# sessions in tmux (a real terminal, so colour is on), captured with
# `tmux capture-pane -e` and converted from ANSI to SVG by the small Python
# converter below. Reproducible: a hermetic sandbox (temporary HOME, env -i),
# the Debian toolchains /usr/lib/go-1.21, -1.22, -1.23 (scripts/install-test-deps.sh).
# Needs: tmux, python3, bash. Usage: scripts/screenshots.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/docs/images"
mkdir -p "$out"
cargo build -q --manifest-path "$here/Cargo.toml" --bin goenv-hook
bin_dir="$here/target/debug"

# A fixed sandbox path, so the pictures are the same on every run.
sb=/tmp/goenv-hook-shot
rm -rf "$sb"
mkdir -p "$sb"
cleanup() {
  for s in "$sb"/*.sock; do tmux -S "$s" kill-server 2>/dev/null || true; done
  rm -rf "$sb"
}
trap cleanup EXIT

home="$sb/home"
mkdir -p "$home/proj/.vscode" "$home/newer"
printf 'module example.com/hello\n\ngo 1.22\n' >"$home/proj/go.mod"
printf '{\n  // pinned long ago\n  "go.goroot": "/usr/lib/go-1.21",\n}\n' >"$home/proj/.vscode/settings.json"
printf 'module example.com/next\n\ngo 1.25\n' >"$home/newer/go.mod"
# goroot = "leave": goenv-hook does not fix GOROOT, so the prompt keeps flagging it.
mkdir -p "$home/.config/goenv-hook"
printf 'goroot = "leave"\n' >"$home/.config/goenv-hook/config.toml"

# The user's bash: a stray GOROOT from an old start-up file, go1.22 on PATH.
cat >"$home/.bashrc" <<EOF
PS1='\[\e[1;34m\]\w\[\e[0m\] \$ '
export GOROOT=/usr/lib/go-1.21
cd ~/proj
EOF
cat >"$home/.bashrc-hook" <<EOF
. ~/.bashrc
eval "\$(goenv-hook init bash)"
# The segment with colour (the plain text is also in \$GOENV_HOOK_PROMPT).
PS1='\[\e[1;34m\]\w\[\e[0m\] \$(goenv-hook prompt --shell bash) \$ '
EOF

env_args=(env -i HOME="$home" TERM=xterm-256color LANG=C.UTF-8 SHELL=/bin/bash
  PATH="$bin_dir:/usr/lib/go-1.22/bin:/usr/bin:/bin")

shot() { # name cols rows rcfile keys...
  local name=$1 cols=$2 rows=$3 rc=$4
  local sock="$sb/$name.sock" # one tmux server per picture
  shift 4
  tmux -S "$sock" new-session -d -s "$name" -x "$cols" -y "$rows" \
    "${env_args[@]}" bash --noprofile --rcfile "$home/$rc" -i
  sleep 0.5
  for k in "$@"; do
    tmux -S "$sock" send-keys -t "$name" -l "$k"
    tmux -S "$sock" send-keys -t "$name" Enter
    sleep 0.7
  done
  tmux -S "$sock" capture-pane -t "$name" -e -p >"$sb/$name.ans"
  python3 - "$sb/$name.ans" "$out/$name.svg" "$cols" <<'PY'
import re, sys, html
src, dst, cols = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(src, encoding="utf-8").read().rstrip("\n").split("\n")
while lines and not re.sub(r"\x1b\[[0-9;]*m", "", lines[-1]).strip():
    lines.pop()
# xterm palette (dark theme).
pal = ["#1e1e1e", "#e06c75", "#98c379", "#e5c07b", "#61afef", "#c678dd", "#56b6c2", "#dcdfe4",
       "#5c6370", "#ff7b86", "#b5e890", "#ffd68a", "#80c4ff", "#de99ff", "#7fd7e0", "#ffffff"]
def c256(n):
    if n < 16: return pal[n]
    if n < 232:
        n -= 16; v = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (v[n // 36], v[n // 6 % 6], v[n % 6])
    g = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (g, g, g)
FG, BG = "#dcdfe4", "#1e1e1e"
cw, lh, pad, fs = 8.4, 18, 14, 14
rows = []
for line in lines:
    st = {"fg": None, "bg": None, "b": False, "dim": False, "i": False, "u": False}
    spans, col = [], 0
    for tok in re.split(r"(\x1b\[[0-9;]*m)", line):
        m = re.fullmatch(r"\x1b\[([0-9;]*)m", tok)
        if m:
            ps = [int(p) if p else 0 for p in m.group(1).split(";")]
            i = 0
            while i < len(ps):
                p = ps[i]
                if p == 0: st = {"fg": None, "bg": None, "b": False, "dim": False, "i": False, "u": False}
                elif p == 1: st["b"] = True
                elif p == 2: st["dim"] = True
                elif p == 3: st["i"] = True
                elif p == 4: st["u"] = True
                elif p == 22: st["b"] = st["dim"] = False
                elif p == 23: st["i"] = False
                elif p == 24: st["u"] = False
                elif 30 <= p <= 37: st["fg"] = pal[p - 30]
                elif 90 <= p <= 97: st["fg"] = pal[p - 90 + 8]
                elif p == 39: st["fg"] = None
                elif 40 <= p <= 47: st["bg"] = pal[p - 40]
                elif 100 <= p <= 107: st["bg"] = pal[p - 100 + 8]
                elif p == 49: st["bg"] = None
                elif p in (38, 48) and i + 1 < len(ps):
                    if ps[i + 1] == 5 and i + 2 < len(ps):
                        st["fg" if p == 38 else "bg"] = c256(ps[i + 2]); i += 2
                    elif ps[i + 1] == 2 and i + 4 < len(ps):
                        st["fg" if p == 38 else "bg"] = "#%02x%02x%02x" % tuple(ps[i + 2:i + 5]); i += 4
                i += 1
            continue
        if tok:
            spans.append((col, tok, dict(st)))
            col += len(tok)
    rows.append(spans)
width = int(cols * cw + 2 * pad)
height = int(len(rows) * lh + 2 * pad + 24)
o = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
     f'<rect width="100%" height="100%" rx="8" fill="{BG}"/>',
     '<circle cx="18" cy="14" r="5" fill="#ff5f56"/><circle cx="36" cy="14" r="5" fill="#ffbd2e"/><circle cx="54" cy="14" r="5" fill="#27c93f"/>',
     f'<g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="{fs}" xml:space="preserve">']
for r, spans in enumerate(rows):
    y = pad + 24 + r * lh
    for col, text, st in spans:
        if st["bg"]:
            o.append(f'<rect x="{pad + col * cw:.1f}" y="{y - lh + 4}" width="{len(text) * cw:.1f}" height="{lh}" fill="{st["bg"]}"/>')
    parts = []
    for col, text, st in spans:
        a = [f'x="{pad + col * cw:.1f}"', f'fill="{st["fg"] or FG}"']
        if st["b"]: a.append('font-weight="bold"')
        if st["dim"]: a.append('opacity="0.6"')
        if st["i"]: a.append('font-style="italic"')
        if st["u"]: a.append('text-decoration="underline"')
        parts.append(f'<tspan {" ".join(a)}>{html.escape(text, quote=False)}</tspan>')
    if parts:
        o.append(f'<text y="{y}">{"".join(parts)}</text>')
o.append("</g></svg>")
open(dst, "w", encoding="utf-8").write("\n".join(o) + "\n")
PY
  tmux -S "$sock" kill-server
}

# doctor: no hook yet; GOROOT points at go1.21 while go1.22 runs, and VS Code
# is pinned to go1.21 too.
shot doctor 128 48 .bashrc 'clear' 'goenv-hook doctor --ignore init-not-in-startup'
# The prompt: with the hook, in a go1.22 project (GOROOT left alone by config,
# so it is flagged), then in a project whose go.mod wants go1.25 (not installed).
shot prompt 90 12 .bashrc-hook 'clear' 'go version' 'cd ../newer' 'unset GOROOT' 'cd ../proj'
echo "wrote $out/doctor.svg $out/prompt.svg"
