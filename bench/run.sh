#!/usr/bin/env bash
# The benchmark: goenv-hook against a floor binary and peer tools, with
# hyperfine, on realistic fixtures. Prints a table and writes
# bench/results/latest.json. Usage: bench/run.sh [--quick]
#
# Fixtures (in a temporary HOME): the real Debian toolchains, 30 toolchains
# in ~/sdk (golang.org/dl layout; symlinked real binaries), a project tree
# with go.mod, PATH of 200 entries; and a stress variant: PATH of 5,000
# entries and 100 toolchains.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=(--warmup 20 --min-runs 200)
[ "${1-}" = "--quick" ] && runs=(--warmup 5 --min-runs 30)

command -v hyperfine >/dev/null || { echo "hyperfine missing: run scripts/install-test-deps.sh" >&2; exit 1; }
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
group "PATH 200, project" "$work/env-proj.sh" "$work/proj" \
  "hook bash, in project, no-op" "$exe hook bash" \
  "prompt" "$exe prompt" \
  "doctor (30 toolchains, PATH 200)" "$exe doctor"
group "PATH 200, cd" "$work/env-plain.sh" "$work/switch" \
  "hook bash, cd that switches" "$exe hook bash"
group "PATH 200, cd, no switch" "$work/env-plain.sh" "$work/proj" \
  "hook bash, cd that doesn't switch" "$exe hook bash"
if command -v starship >/dev/null; then
  group "starship" "$work/env-proj.sh" "$work/proj" "starship module golang" "$(command -v starship) module golang"
fi

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
  "hook bash, PATH 5000, cd that switches" "$exe hook bash"

python3 - bench/results/latest.json "${parts[@]}" <<'PY'
import json, sys, platform, os
rows = []
for part in sys.argv[2:]:
    group, path = part.split("=", 1)
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
cpu = ""
try:
    cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
except Exception:
    pass
out = {"machine": {"cpu": cpu, "cores": os.cpu_count(), "kernel": platform.release()}, "rows": rows}
json.dump(out, open(sys.argv[1], "w"), indent=2)
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
    json.dump(out, open(sys.argv[1], "w"), indent=2)
print(f"machine: {cpu}, {os.cpu_count()} cores; JSON: {sys.argv[1]}")
PY
