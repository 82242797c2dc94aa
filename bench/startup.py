#!/usr/bin/env python3
"""Shell start-up with goenv-hook's init against the floor's line, measured
interleaved: each round starts, in a random order, the bare shell, the shell
running `eval "$(hello)"` of the floor (bench/floor.rs), and the shell
running `eval "$(goenv-hook init <shell>)"` (and, given a second executable,
its init too), so a drift of the machine lands on every variant alike
(bench/run.sh times each command's runs one after the other). Medians.

Usage: bench/startup.py GOENV_HOOK [OTHER_GOENV_HOOK] [--rounds N] [--shells bash,zsh,fish,nu]
The fixture is bench/run.sh's: a temporary HOME, a PATH of 200 entries with
/usr/lib/go-1.23/bin near its end, a directory outside any project.
"""
import argparse, os, random, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NU = os.path.join(ROOT, "tools/node_modules/@nushell/linux-x64/bin/nu")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("exe")
    ap.add_argument("other", nargs="?")
    ap.add_argument("--rounds", type=int, default=600)
    ap.add_argument("--shells", default="bash,zsh,fish,nu")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="goenv-hook-startup.")
    try:
        run(a, work)
    finally:
        shutil.rmtree(work)


def run(a, work):
    floor = os.path.join(work, "floor")
    subprocess.run(["rustc", "-O", "-C", "panic=abort", "-C", "strip=symbols", "-o", floor,
                    os.path.join(ROOT, "bench/floor.rs")], check=True)
    home, plain = os.path.join(work, "home"), os.path.join(work, "plain")
    os.makedirs(os.path.join(home, "go/bin"))
    os.makedirs(plain)
    path = "".join(f"/opt/bench/entry{i}:" for i in range(1, 197)) + "/usr/lib/go-1.23/bin:/usr/local/bin:/usr/bin:/bin"
    env = {"HOME": home, "XDG_CONFIG_HOME": os.path.join(home, ".config"), "LANG": "C.UTF-8", "PATH": path}
    exes = [("init", a.exe)] + ([("other init", a.other)] if a.other else [])
    nu = os.path.join(work, "nu")
    os.makedirs(nu)
    for f, text in [("env.nu", ""), ("bare.nu", ""), ("floor.nu", f"^{floor} | ignore\n")]:
        open(os.path.join(nu, f), "w").write(text)
    for i, (_, exe) in enumerate(exes):
        out = subprocess.run([exe, "init", "nu"], env=env, cwd=plain, capture_output=True, check=True).stdout
        open(os.path.join(nu, f"goenv{i}.nu"), "wb").write(out)
        open(os.path.join(nu, f"init{i}.nu"), "w").write(f"source {nu}/goenv{i}.nu\n")

    def nuc(c):
        return [NU, "--no-history", "--no-std-lib", "--env-config", f"{nu}/env.nu", "--config", f"{nu}/{c}.nu", "-c", "exit"]

    def variants(sh):
        bash, zsh, fish = shutil.which("bash"), shutil.which("zsh"), shutil.which("fish")
        if sh == "bash":
            return [[bash, "--norc", "--noprofile", "-c", ":"],
                    [bash, "--norc", "--noprofile", "-c", f'hello() {{ :; }}; eval "$({floor})"']] + \
                   [[bash, "--norc", "--noprofile", "-c", f'eval "$({e} init bash)"'] for _, e in exes]
        if sh == "zsh":
            return [[zsh, "-f", "-c", ":"], [zsh, "-f", "-c", f'hello() {{ :; }}; eval "$({floor})"']] + \
                   [[zsh, "-f", "-c", f'eval "$({e} init zsh)"'] for _, e in exes]
        if sh == "fish":
            return [[fish, "--no-config", "-c", "true"], [fish, "--no-config", "-c", f"function hello; end; {floor} | source"]] + \
                   [[fish, "--no-config", "-c", f"{e} init fish | source"] for _, e in exes]
        return [nuc("bare"), nuc("floor")] + [nuc(f"init{i}") for i in range(len(exes))]

    for sh in a.shells.split(","):
        cs = variants(sh)
        rounds = a.rounds if sh != "nu" else max(1, a.rounds // 3)
        t = [[] for _ in cs]
        for r in range(rounds + 10):
            order = list(range(len(cs)))
            random.shuffle(order)
            for k in order:
                s = time.perf_counter_ns()
                subprocess.run(cs[k], env=env, cwd=plain, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True)
                if r >= 10:
                    t[k].append((time.perf_counter_ns() - s) / 1e6)
        m = [statistics.median(x) for x in t]
        parts = [f"{name} over the floor's line {m[2 + i] - m[1]:+.3f} ms" for i, (name, _) in enumerate(exes)]
        print(f"{sh}: bare {m[0]:.3f} ms, the floor's line adds {m[1] - m[0]:.3f}; " + ", ".join(parts) + f" ({rounds} rounds)")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
