#!/usr/bin/env bash
# The benchmark: goenv-hook against a floor binary and peer tools, with
# hyperfine, on realistic fixtures. Prints a table and writes
# bench/results/latest.json. Usage: bench/run.sh [--quick]
#
# Fixtures (in a temporary HOME): the real Debian toolchains, 30 toolchains
# in ~/sdk (golang.org/dl layout; symlinked real binaries), a project tree
# with go.mod, PATH of 200 entries; and a stress variant: PATH of 5,000
# entries and 100 toolchains.
#
# Three kinds of rows, all in one run:
# - processes (hyperfine -N inside the fixture's environment): the hook,
#   init, prompt, doctor, and the peers `direnv export bash` and
#   `mise hook-env -s bash`, each beside a floor row of the same environment;
# - shell start-up: `bash -c :` bare, with `eval "$(hello)"` of the floor
#   (a Rust hello; `hello` is a no-op function) and with
#   `eval "$(goenv-hook init bash)"`; the same for zsh, fish (`| source`) and
#   Nushell (a config.nu that sources the saved init, or runs the floor);
# - the cost of a prompt inside real shells: an interactive bash or zsh fed
#   N command lines (`:`) on its standard input runs its prompt hooks N
#   times; fish and Nushell run, N times in a loop, what they run before a
#   prompt (fish: emit fish_preexec, fish_postexec and fish_prompt, which
#   fire every handler; Nushell: each pre_prompt hook whose condition holds,
#   as its REPL does; both only draw prompts on a terminal, where typed-ahead
#   input is echoed at every prompt and swamps the measurement). The same
#   shell, input and prompt, with no hooks, is the baseline; each is timed at
#   N1 and N2 prompts, and the cost of one prompt is the difference of the
#   medians, minus the baseline's, divided by N2 - N1 (start-up cancels out).
#   Variants: goenv-hook alone, direnv alone, mise alone, and goenv-hook
#   beside each (its init last, as the README says).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=(--warmup 20 --min-runs 200)
# prompts: N1 and N2 command lines, and hyperfine's runs for each
n1=10 n2=110 pruns=(--warmup 2 --runs 15)
if [ "${1-}" = "--quick" ]; then
  runs=(--warmup 5 --min-runs 30)
  n1=5 n2=35 pruns=(--warmup 1 --runs 5)
fi

for t in hyperfine direnv bash zsh fish; do
  command -v "$t" >/dev/null || { echo "$t missing: run scripts/install-test-deps.sh" >&2; exit 1; }
done
mise="$PWD/tools/node_modules/@jdxcode/mise-linux-x64/bin/mise"
nu="$PWD/tools/node_modules/@nushell/linux-x64/bin/nu"
for t in "$mise" "$nu"; do
  [ -x "$t" ] || { echo "$t missing: run scripts/install-test-deps.sh" >&2; exit 1; }
done
mkdir -p bench/results
work=$(mktemp -d /tmp/goenv-hook-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
# The binary a user installs (scripts/install.sh: statically linked on
# Linux/glibc), not cargo's default build.
scripts/install.sh --root "$work/inst" >/dev/null
exe="$work/inst/bin/goenv-hook"
# The floor, as the issue defines it: the cheapest Rust binary, built the
# ordinary way (dynamically linked). A statically linked floor is measured
# beside it, to show what the static link alone is worth.
rustc -O -C panic=abort -C strip=symbols -o "$work/floor" bench/floor.rs
rustc -O -C panic=abort -C strip=symbols -C target-feature=+crt-static -C relocation-model=static \
  -o "$work/floor-static" bench/floor.rs

home="$work/home"
mkdir -p "$home/.config" "$home/go/bin" "$work/proj/sub" "$work/plain" "$work/switch"
printf 'module example.com/p\n\ngo 1.23\n' > "$work/proj/go.mod"
printf 'module example.com/s\n\ngo 1.21\n' > "$work/switch/go.mod"

make_sdks() { # $1 = count, $2 = dir
  local i n=0 minor patch
  mkdir -p "$2"
  for minor in 19 21 22 23; do
    for patch in $(seq 0 40); do
      [ "$n" -ge "$1" ] && return 0
      local r="$2/go1.$minor.$patch"
      mkdir -p "$r/bin" "$r/pkg/tool/linux_amd64"
      ln -sf "/usr/lib/go-1.$minor/bin/go" "$r/bin/go" 2>/dev/null || true
      printf 'go1.%s.%s\ntime 2024-01-01T00:00:00Z\n' "$minor" "$patch" > "$r/VERSION"
      touch "$r/.unpacked-success"
      n=$((n + 1))
    done
  done
}
make_sdks 30 "$home/sdk"

long_path() { # $1 = count
  local i p=""
  for i in $(seq 1 "$1"); do p="$p/opt/bench/entry$i:"; done
  printf '%s/usr/lib/go-1.23/bin:/usr/local/bin:/usr/bin:/bin' "$p"
}
PATH200=$(long_path 196)

# An environment in which goenv-hook has already applied (state present):
# the hook then has nothing to do.
base_env=(env -i "HOME=$home" "XDG_CONFIG_HOME=$home/.config" "LANG=C.UTF-8")
applied() { # $1 = PATH, $2 = dir -> prints NUL-separated env after init
  (cd "$2" && "${base_env[@]}" "PATH=$1" bash --norc --noprofile -c "eval \"\$('$exe' env bash)\"; env -0")
}
envfile() { # $1 = PATH, $2 = dir, $3 = out file (a shell script exporting that env)
  applied "$1" "$2" | python3 -c '
import sys, shlex
for kv in sys.stdin.buffer.read().split(b"\0"):
    if not kv or b"=" not in kv: continue
    k, v = kv.split(b"=", 1)
    print(shlex.quote("%s=%s" % (k.decode(), v.decode("utf-8", "surrogateescape"))), end=" ")
' > "$3"
}
envfile "$PATH200" "$work/plain" "$work/env-plain.sh"
envfile "$PATH200" "$work/proj" "$work/env-proj.sh"
# The same with mise activated (its variables set, as at a prompt after
# `mise activate bash`), for `mise hook-env`'s row.
applied() { # $1 = PATH, $2 = dir
  (cd "$2" && "${base_env[@]}" "PATH=$1" bash --norc --noprofile -c "eval \"\$('$exe' env bash)\"; eval \"\$('$mise' activate bash)\"; env -0")
}
envfile "$PATH200" "$work/plain" "$work/env-mise.sh"
# Before any init (a new terminal): for start-up and prompts.
applied() { # $1 = PATH, $2 = dir
  (cd "$2" && "${base_env[@]}" "PATH=$1" bash --norc --noprofile -c "env -0")
}
envfile "$PATH200" "$work/plain" "$work/env-raw.sh"

# Each group of rows runs in its fixture's environment and directory:
# hyperfine itself is started as `env -C DIR -i VAR=value… hyperfine -N …`,
# so the commands pay no wrapper; each group has its own floor row (a
# larger environment costs every exec more), and ratios are to that floor.
hf=$(command -v hyperfine)
parts=()
group() { # $1 = group name, $2 = env file, $3 = dir, then pairs: name cmd
  local g=$1 f=$2 d=$3; shift 3
  local args=(--command-name "floor ($g)" "$work/floor")
  while [ $# -gt 0 ]; do args+=(--command-name "$1" "$2"); shift 2; done
  local out="$work/hf-${#parts[@]}.json"
  # shellcheck disable=SC2046,SC2294 # the env file holds shell-quoted K=V words
  eval "env -C '$d' -i $(cat "$f")" "$hf" -N "${runs[@]}" --export-json "'$out'" --style basic \
    $(printf '%q ' "${args[@]}") >/dev/null 2>>"$work/hf.err" || { cat "$work/hf.err" >&2; exit 1; }
  parts+=("$g=$out")
}

group "PATH 200" "$work/env-plain.sh" "$work/plain" \
  "floor, statically linked" "$work/floor-static" \
  "hook bash, nothing changed" "$exe hook bash" \
  "init bash" "$exe init bash" \
  "go env GOROOT" "/usr/lib/go-1.23/bin/go env GOROOT" \
  "go version" "/usr/lib/go-1.23/bin/go version" \
  "direnv export bash (no .envrc)" "$(command -v direnv) export bash"
group "PATH 200, mise activated" "$work/env-mise.sh" "$work/plain" \
  "mise hook-env -s bash (no config)" "$mise hook-env -s bash"
group "PATH 200, project" "$work/env-proj.sh" "$work/proj" \
  "hook bash, in project, no-op" "$exe hook bash" \
  "prompt" "$exe prompt" \
  "doctor (30 toolchains, PATH 200)" "$exe doctor"
group "PATH 200, cd" "$work/env-plain.sh" "$work/switch" \
  "hook bash, cd that switches" "$exe hook bash" \
  "hook bash --session, cd that switches (as the shell runs it)" "$exe hook bash --session 4242"
group "PATH 200, cd, no switch" "$work/env-plain.sh" "$work/proj" \
  "hook bash, cd that doesn't switch" "$exe hook bash"
if command -v starship >/dev/null; then
  group "starship" "$work/env-proj.sh" "$work/proj" "starship module golang" "$(command -v starship) module golang"
fi

# Shell start-up, in a new terminal's environment (PATH 200, no init yet).
"${base_env[@]}" "PATH=$PATH200" "$exe" init nu > "$work/goenv.nu"
mkdir -p "$work/nu"
: > "$work/nu/env.nu"
: > "$work/nu/bare.nu"
printf '^%s | ignore\n' "$work/floor" > "$work/nu/floor.nu"
printf 'source %s\n' "$work/goenv.nu" > "$work/nu/init.nu"
nuc() { printf '%s --no-history --no-std-lib --env-config %s --config %s -c exit' "$nu" "$work/nu/env.nu" "$work/nu/$1.nu"; }
group "start-up" "$work/env-raw.sh" "$work/plain" \
  "start: bash -c :" "bash --norc --noprofile -c :" \
  "start: bash, eval hello" "bash --norc --noprofile -c 'hello() { :; }; eval \"\$($work/floor)\"'" \
  "start: bash, eval init" "bash --norc --noprofile -c 'eval \"\$($exe init bash)\"'" \
  "start: zsh -c :" "zsh -f -c :" \
  "start: zsh, eval hello" "zsh -f -c 'hello() { :; }; eval \"\$($work/floor)\"'" \
  "start: zsh, eval init" "zsh -f -c 'eval \"\$($exe init zsh)\"'" \
  "start: fish -c true" "fish --no-config -c true" \
  "start: fish, hello | source" "fish --no-config -c 'function hello; end; $work/floor | source'" \
  "start: fish, init | source" "fish --no-config -c '$exe init fish | source'" \
  "start: nu" "$(nuc bare)" \
  "start: nu, run hello" "$(nuc floor)" \
  "start: nu, source init" "$(nuc init)"

# The cost of a prompt inside real shells (see the top of this file).
direnv=$(command -v direnv)
pdir="$work/prompts"
mkdir -p "$pdir"
for n in "$n1" "$n2"; do
  for _ in $(seq "$n"); do echo :; done > "$pdir/in$n"
done
"${base_env[@]}" "PATH=$PATH200" "$mise" activate nu > "$pdir/mise.nu"
variants=(none goenv direnv mise goenv+direnv goenv+mise)
rc() { # $1 = shell, $2 = variant -> the rc text (goenv-hook's init last)
  local sh=$1 v=$2
  case "$sh" in
    bash) echo "PS1='$ '" ;;
    zsh) echo "PS1='$ '" ;;
    fish) echo "function fish_prompt; echo '$ '; end" ;;
    nu) echo "\$env.config.show_banner = false" ;;
  esac
  case "$v" in *direnv*)
    case "$sh" in
      bash|zsh) echo "eval \"\$($direnv hook $sh)\"" ;;
      fish) echo "$direnv hook fish | source" ;;
      # direnv has no Nushell hook; its documented recipe:
      nu) echo "\$env.config.hooks.pre_prompt = (\$env.config.hooks.pre_prompt? | default [] | append {|| if (which direnv | is-empty) { return }; ^'$direnv' export json | from json | default {} | load-env })" ;;
    esac ;;
  esac
  case "$v" in *mise*)
    case "$sh" in
      bash|zsh) echo "eval \"\$($mise activate $sh)\"" ;;
      fish) echo "$mise activate fish | source" ;;
      nu) echo "use $pdir/mise.nu" ;;
    esac ;;
  esac
  case "$v" in *goenv*)
    case "$sh" in
      bash|zsh) echo "eval \"\$($exe init $sh)\"" ;;
      fish) echo "$exe init fish | source" ;;
      nu) echo "source $work/goenv.nu" ;;
    esac ;;
  esac
}
# What nu's REPL runs before a prompt: each pre_prompt hook (a closure, or a
# record whose `condition` holds), in the caller's environment.
# shellcheck disable=SC2016 # Nushell code
nu_prompt='def --env __bench_prompt [] {
  for h in ($env.config.hooks.pre_prompt? | default []) {
    if ($h | describe | str starts-with "closure") { do --env $h } else if ($h.condition? == null) or (do $h.condition) { do --env $h.code }
  }
}'
prompt_cmd() { # $1 = shell, $2 = variant, $3 = N -> the command to time
  local sh=$1 v=$2 n=$3 f="$pdir/$1-${2//+/_}"
  case "$sh" in
    bash)
      rc bash "$v" > "$f.rc"
      printf 'sh -c "exec bash --noprofile --rcfile %s -i < %s"' "$f.rc" "$pdir/in$n" ;;
    zsh)
      mkdir -p "$f.d"; rc zsh "$v" > "$f.d/.zshrc"
      printf 'sh -c "ZDOTDIR=%s exec zsh -d -i < %s"' "$f.d" "$pdir/in$n" ;;
    fish)
      rc fish "$v" > "$f.fish"
      printf "fish --no-config -c 'source %s; for i in (seq %s); emit fish_preexec :; emit fish_postexec :; emit fish_prompt; end'" "$f.fish" "$n" ;;
    nu)
      { rc nu "$v"; echo "$nu_prompt"; } > "$f.nu"
      printf '%s --no-history --no-std-lib --env-config %s --config %s -c "for i in 1..%s { __bench_prompt }"' "$nu" "$work/nu/env.nu" "$f.nu" "$n" ;;
  esac
}
# Outside the timing: every variant's hooks are really installed.
check_hooks() { # $1 = shell, $2 = variant
  local sh=$1 v=$2 f="$pdir/$1-${2//+/_}" got want=""
  # shellcheck disable=SC2016 # Nushell and bash code in single quotes
  case "$sh" in
    bash) got=$(bash --noprofile --rcfile "$f.rc" -i -c 'echo "${PROMPT_COMMAND[*]}"' 2>/dev/null) ;;
    zsh) got=$(ZDOTDIR="$f.d" zsh -d -i -c 'print -r -- "$precmd_functions"' 2>/dev/null) ;;
    fish) got=$(fish --no-config -c "source $f.fish; functions --handlers") ;;
    nu) got=$("$nu" --no-history --no-std-lib --env-config "$work/nu/env.nu" --config "$f.nu" -c '$env.config.hooks.pre_prompt | to nuon --serialize') ;;
  esac
  case "$v" in *goenv*) want+=" __goenv_hook" ;; esac
  case "$v" in *direnv*) want+=" direnv" ;; esac
  case "$v" in *mise*) want+=" mise" ;; esac
  for w in $want; do
    [[ $got == *"$w"* ]] || { echo "bench: $sh $v: no $w hook in: $got" >&2; exit 1; }
  done
}
for sh in bash zsh fish nu; do
  args=()
  for v in "${variants[@]}"; do
    for n in "$n1" "$n2"; do
      args+=(--command-name "prompt $sh $v $n" "$(prompt_cmd "$sh" "$v" "$n")")
    done
    check_hooks "$sh" "$v"
  done
  out="$work/hf-prompt-$sh.json"
  # shellcheck disable=SC2046,SC2294 # the env file holds shell-quoted K=V words
  eval "env -C '$work/plain' -i $(cat "$work/env-raw.sh")" "$hf" -N "${pruns[@]}" --export-json "'$out'" --style basic \
    $(printf '%q ' "${args[@]}") >/dev/null 2>>"$work/hf.err" || { cat "$work/hf.err" >&2; exit 1; }
  parts+=("prompt:$sh:$n1:$n2=$out")
done

# Stress: PATH of 5,000 entries and 100 toolchains (in a second HOME).
home2="$work/home2"
mkdir -p "$home2/.config" "$home2/go/bin"
make_sdks 100 "$home2/sdk"
base_env=(env -i "HOME=$home2" "XDG_CONFIG_HOME=$home2/.config" "LANG=C.UTF-8")
envfile "$(long_path 4996)" "$work/plain" "$work/env-long.sh"
envfile "$(long_path 4996)" "$work/proj" "$work/env-long-proj.sh"
group "PATH 5000" "$work/env-long.sh" "$work/plain" \
  "hook bash, PATH 5000, 100 toolchains" "$exe hook bash"
group "PATH 5000, project" "$work/env-long-proj.sh" "$work/proj" \
  "hook bash, PATH 5000, 100 tc, in project" "$exe hook bash"
group "PATH 5000, cd" "$work/env-long.sh" "$work/switch" \
  "hook bash, PATH 5000, cd that switches" "$exe hook bash" \
  "hook bash --session, PATH 5000, cd that switches" "$exe hook bash --session 4242"

python3 - bench/results/latest.json "${parts[@]}" <<'PY'
import json, sys, platform, os, datetime
rows = []
prompt_parts = []
for part in sys.argv[2:]:
    group, path = part.split("=", 1)
    if group.startswith("prompt:"):
        prompt_parts.append((group, path))
        continue
    data = json.load(open(path))["results"]
    floor = next(r for r in data if r["command"].startswith("floor ("))["median"]
    for r in data:
        rows.append({
            "group": group,
            "name": r["command"],
            "median_ms": round(r["median"] * 1000, 3),
            "mean_ms": round(r["mean"] * 1000, 3),
            "stddev_ms": round(r["stddev"] * 1000, 3),
            "ratio_to_floor": round(r["median"] / floor, 2),
        })
floor200 = next(r["median_ms"] for r in rows if r["name"] == "floor (PATH 200)")
label = {"goenv": "goenv-hook", "direnv": "direnv", "mise": "mise",
         "goenv+direnv": "goenv-hook + direnv", "goenv+mise": "goenv-hook + mise"}
prompt = {}
for group, path in prompt_parts:
    _, sh, n1, n2 = group.split(":")
    med = {r["command"]: r["median"] * 1000 for r in json.load(open(path))["results"]}
    slope = lambda v: (med[f"prompt {sh} {v} {n2}"] - med[f"prompt {sh} {v} {n1}"]) / (int(n2) - int(n1))
    base = slope("none")
    prompt[sh] = {"shell_itself_ms": round(base, 4)}
    for v, name in label.items():
        cost = slope(v) - base
        prompt[sh][v] = round(cost, 4)
        rows.append({"group": f"prompt ({sh})", "name": f"prompt, {sh}: {name}",
                     "median_ms": round(cost, 3), "mean_ms": None, "stddev_ms": None,
                     "ratio_to_floor": round(cost / floor200, 2)})
cpu = ""
try:
    cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
except Exception:
    pass
out = {"date": datetime.date.today().isoformat(),
       "machine": {"cpu": cpu, "cores": os.cpu_count(), "kernel": platform.release()},
       "rows": rows, "prompt_ms": prompt}
w = max(len(r["name"]) for r in rows)
print(f"{'command':<{w}}  {'median ms':>9}  {'× floor':>7}")
for r in rows:
    print(f"{r['name']:<{w}}  {r['median_ms']:>9.3f}  {r['ratio_to_floor']:>7.2f}")
d = {r["name"]: r["median_ms"] for r in rows}
h = d.get("hook bash, nothing changed")
dv = d.get("direnv export bash (no .envrc)")
if h and dv:
    print(f"\ndirenv export bash / hook bash (nothing changed): {dv / h:.2f}x")
    out["direnv_over_hook"] = round(dv / h, 2)
mi = d.get("mise hook-env -s bash (no config)")
if h and mi:
    print(f"mise hook-env / hook bash (nothing changed): {mi / h:.2f}x")
    out["mise_over_hook"] = round(mi / h, 2)
# Start-up: what init adds to a shell's start, against what eval "$(hello)"
# adds (the floor: one Rust process whose output the shell evaluates).
startup = {}
for sh, bare, hello, init in [
    ("bash", "start: bash -c :", "start: bash, eval hello", "start: bash, eval init"),
    ("zsh", "start: zsh -c :", "start: zsh, eval hello", "start: zsh, eval init"),
    ("fish", "start: fish -c true", "start: fish, hello | source", "start: fish, init | source"),
    ("nu", "start: nu", "start: nu, run hello", "start: nu, source init"),
]:
    if init in d:
        a, f = d[init] - d[bare], d[hello] - d[bare]
        startup[sh] = {"init_adds_ms": round(a, 3), "hello_adds_ms": round(f, 3), "over_floor_ms": round(a - f, 3)}
        print(f"{sh}: init adds {a:.3f} ms to the start, eval of a Rust hello {f:.3f} ms: {a - f:+.3f} ms over the floor (target ≤ 0.5)")
out["startup"] = startup
for sh, p in prompt.items():
    print(f"prompt, {sh}: " + ", ".join(f"{label[v]} {p[v]:.3f} ms" for v in label) + f" (the shell's own prompt: {p['shell_itself_ms']:.3f} ms)")
json.dump(out, open(sys.argv[1], "w"), indent=2)
print(f"machine: {cpu}, {os.cpu_count()} cores; JSON: {sys.argv[1]}")
PY
