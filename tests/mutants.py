#!/usr/bin/env python3
"""tests/mutants.py -- the mutation check (`make mutants`).

Applies, one at a time, the single-line mutants of tests/mutants.list to a
private copy of the source tree, builds the copy and runs the tests the
mutant names.  A mutant some test fails on is killed; one every test passes
is a survivor: a wrong figure or order the suite would let through.  The
list matches each mutant by the exact text it replaces (never by a line
number, so that the list survives edits around it); text that is no longer
there, or is there twice, is an error to fix in the list.

The worktree is never written: the copy lives under $TMPDIR and is removed
at the end, also when the run is interrupted.  Exit status: 0 when every
mutant is killed (or declared equivalent with a reason), 1 otherwise.

    tests/mutants.py [--srcdir DIR] [--keep] [NAME...]
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TEST_TIMEOUT = 900	# a test a mutant makes hang counts as killed


def parse_list(path):
    """The stanzas of mutants.list: [name] then key: value lines."""
    mutants, cur = [], None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            m = re.fullmatch(r"\[([A-Za-z0-9_.-]+)\]", line.strip())
            if m:
                cur = {"name": m.group(1), "line": n}
                mutants.append(cur)
                continue
            m = re.fullmatch(r"([a-z]+):\s?(.*)", line)
            if not m or cur is None:
                sys.exit(f"{path}:{n}: expected [name] or 'key: value'")
            key, val = m.group(1), m.group(2)
            if key not in ("file", "from", "to", "tests", "why", "equivalent"):
                sys.exit(f"{path}:{n}: unknown key '{key}'")
            cur[key] = cur[key] + "\n" + val if key in cur and key in ("why", "equivalent") else val
    for m in mutants:
        for key in ("file", "from", "to", "tests"):
            if key not in m and not (key == "tests" and "equivalent" in m):
                sys.exit(f"{path}:{m['line']}: mutant {m['name']} has no '{key}:'")
    names = [m["name"] for m in mutants]
    dup = {x for x in names if names.count(x) > 1}
    if dup:
        sys.exit(f"{path}: mutants named twice: {', '.join(sorted(dup))}")
    return mutants


def copy_tree(src, dst):
    def ignore(d, names):
        skip = {".git", "autom4te.cache"}
        return [x for x in names if x in skip or x.startswith("_build")
                or (d == src and x.startswith("paicha-"))]
    shutil.copytree(src, dst, symlinks=True, ignore=ignore)


def sh(cmd, cwd, log, env=None, timeout=None):
    with open(log, "ab") as out:
        try:
            return subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                  env=env, timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            return "timeout"


def test_env(build, src):
    env = dict(os.environ)
    env.update({
        "CMOCKA_MESSAGE_OUTPUT": "TAP",
        "PAICHA": os.path.join(build, "paicha"),
        "PAICHA_LOCALEDIR": os.path.join(build, "locale"),
        "PAICHA_SRCDIR": src,
        "PAICHA_BUILDDIR": build,
        "PAICHA_CONF": "/nonexistent/paicha.conf",
    })
    for k, v in (("SQLITE3", "sqlite3"), ("TMUX_BIN", "tmux"), ("PYTHON3", sys.executable)):
        env.setdefault(k, v)
    return env


def run_test(t, build, src, log):
    """'pass', or why the test failed."""
    if t.endswith(".sh"):
        cmd = ["sh", os.path.join(src, t)]
    else:
        cmd = [os.path.join(build, t)]
    start = os.path.getsize(log) if os.path.exists(log) else 0
    with open(log, "a") as f:
        f.write(f"==== {t}\n")
    rc = sh(cmd, build, log, env=test_env(build, src), timeout=TEST_TIMEOUT)
    with open(log, encoding="utf-8", errors="replace") as f:
        f.seek(start)
        out = f.read()
    bad = [x for x in out.splitlines() if x.startswith("not ok")]
    if rc == "timeout":
        return "timed out"
    if rc != 0:
        return f"exit {rc}" + (f": {bad[0]}" if bad else "")
    if bad:
        return bad[0]
    return "pass"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--srcdir", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--list", default=None, help="the list (default SRCDIR/tests/mutants.list)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (its logs)")
    ap.add_argument("-j", default="2")
    ap.add_argument("names", nargs="*", help="only these mutants")
    a = ap.parse_args()
    srcdir = os.path.abspath(a.srcdir)
    mutants = parse_list(a.list or os.path.join(srcdir, "tests", "mutants.list"))
    if a.names:
        unknown = set(a.names) - {m["name"] for m in mutants}
        if unknown:
            sys.exit(f"no such mutant: {', '.join(sorted(unknown))}")
        mutants = [m for m in mutants if m["name"] in a.names]

    work = tempfile.mkdtemp(prefix="paicha-mutants.")
    os.chmod(work, 0o755)	# the tests run paicha as other accounts too
    src, build = os.path.join(work, "src"), os.path.join(work, "build")
    log = os.path.join(work, "build.log")

    def cleanup(*_):
        if a.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
        if _:
            sys.exit(130)
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, cleanup)
    try:
        return run(mutants, srcdir, src, build, log, a.j)
    finally:
        cleanup()


def run(mutants, srcdir, src, build, log, jobs):
    t0 = time.time()
    copy_tree(srcdir, src)
    if not os.path.exists(os.path.join(src, "configure")):
        if sh(["sh", "autogen.sh"], src, log) != 0:
            sys.exit(f"autogen failed; see {log}")
    os.makedirs(build)
    print(f"mutants: building a copy of {srcdir} in {build}", flush=True)
    if sh([os.path.join(src, "configure"), "-q"], build, log) != 0 or \
            sh(["make", "-s", f"-j{jobs}"], build, log) != 0:
        print(open(log, errors="replace").read()[-3000:])
        sys.exit("the unmutated copy does not build")
    # the unmutated tests must pass, or every "kill" below means nothing
    needed = sorted({t for m in mutants for t in m.get("tests", "").split()})
    progs = [t for t in needed if not t.endswith(".sh")]
    if progs and sh(["make", "-s", f"-j{jobs}"] + progs, build, log) != 0:
        sys.exit(f"the unit tests do not build; see {log}")
    for t in needed:
        r = run_test(t, build, src, log)
        if r != "pass":
            sys.exit(f"{t} fails without any mutant ({r}); see {log}")
    print(f"mutants: {len(needed)} tests pass unmutated ({time.time() - t0:.0f} s)", flush=True)

    survivors, errors, killed, equivalent = [], [], 0, 0
    for m in mutants:
        path = os.path.join(src, m["file"])
        name = f"{m['name']} ({m['file']})"
        if "equivalent" in m:
            equivalent += 1
            print(f"  equivalent {name}: {m['equivalent']}", flush=True)
            continue
        try:
            orig = open(path, encoding="utf-8").read()
        except OSError as e:
            errors.append(name)
            print(f"  ERROR      {name}: {e}", flush=True)
            continue
        n = orig.count(m["from"])
        if n != 1:
            errors.append(name)
            print(f"  ERROR      {name}: the text to replace is there {n} times: {m['from']!r}", flush=True)
            continue
        with open(path, "w", encoding="utf-8") as f:
            f.write(orig.replace(m["from"], m["to"]))
        try:
            tests = m["tests"].split()
            targets = ["paicha"] + [t for t in tests if not t.endswith(".sh")]
            mlog = os.path.join(build, f"mutant-{m['name']}.log")
            if sh(["make", "-s", f"-j{jobs}"] + targets, build, mlog) != 0:
                errors.append(name)
                print(f"  ERROR      {name}: does not build (see the list)", flush=True)
                continue
            verdict = None
            for t in tests:
                r = run_test(t, build, src, mlog)
                if r != "pass":
                    verdict = f"killed by {t}: {r}"
                    break
            if verdict:
                killed += 1
                print(f"  killed     {name}: {verdict[10:]}", flush=True)
            else:
                survivors.append(m)
                print(f"  SURVIVED   {name}: {m['from']!r} -> {m['to']!r}", flush=True)
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(orig)
            # older than anything built from the mutant: make rebuilds
            os.utime(path)
    print(f"mutants: {len(mutants)} in the list: {killed} killed, {equivalent} equivalent, "
          f"{len(survivors)} survived, {len(errors)} errors ({time.time() - t0:.0f} s)")
    for m in survivors:
        print(f"SURVIVOR {m['name']}: {m['file']}: {m['from']!r} -> {m['to']!r}"
              f" passes {m['tests']}" + (f"\n  ({m['why']})" if "why" in m else ""))
    return 1 if survivors or errors else 0


if __name__ == "__main__":
    sys.exit(main())
