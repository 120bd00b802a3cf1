"""briefgen merge vs GNU ``msgmerge --previous``, side by side, on the corpus update pairs.

Run: ``python benchmarks/bench_merge.py [--repeat N]``

For each pair (the 3.12 catalog as translator's file, the 3.13 template as the
new template) both tools run as subprocesses, alternately, N times; the table
shows median wall times (Python start-up included), their ratio, and what each
output keeps according to ``msgfmt --statistics`` (plus the obsolete entries).
Two start-up references follow: the interpreter alone (with this environment's
``.pth`` files) and ``briefgen --version`` (the command line, click included).
The machines are shared and noisy: read the ratio, not the absolute times.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _measure import compile_bytecode

ROOT = Path(__file__).resolve().parent.parent
# The tests' copy of the shared corpus (tests/data/corpus/README.md), or BRIEFGEN_CORPUS.
CORPUS = Path(os.environ.get("BRIEFGEN_CORPUS", ROOT / "tests" / "data" / "corpus" / "po"))
PAIRS = [
    (CORPUS / "library_functions.3.12.po", CORPUS / "templates" / "library_functions.3.13.pot"),
    (CORPUS / "library_stdtypes.3.12.po", CORPUS / "templates" / "library_stdtypes.3.13.pot"),
]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def counts(path: Path) -> dict[str, int]:
    """translated / fuzzy / untranslated from msgfmt --statistics, obsolete by counting #~ msgid."""
    out = subprocess.run(
        ["msgfmt", "--statistics", "-o", os.devnull, str(path)], capture_output=True, text=True, check=True
    ).stderr
    found = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for number, word in re.findall(r"(\d+) (translated|fuzzy|untranslated)", out):
        found[word] = int(number)
    text = path.read_text(encoding="utf-8")
    found["obsolete"] = len(re.findall(r"^#~ msgid ", text, re.M))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    compile_bytecode()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    # sys.executable, not a `python3` found on PATH: a pyenv shim alone adds ~30 ms per run.
    python = sys.executable
    print(f"{'pair':<20} {'msgmerge':>9} {'briefgen':>9} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for definitions, template in PAIRS:
            gnu_out, our_out = Path(tmp) / "gnu.po", Path(tmp) / "ours.po"
            gnu = ["msgmerge", "--previous", "-q", str(definitions), str(template), "-o", str(gnu_out)]
            ours = [
                python,
                "-m",
                "briefgen",
                "merge",
                str(definitions),
                str(template),
                "-o",
                str(our_out),
            ]
            timed(gnu, env), timed(ours, env)  # warm the page cache
            gnu_times, our_times = [], []
            for _ in range(args.repeat):
                gnu_times.append(timed(gnu, env))
                our_times.append(timed(ours, env))
            g, o = statistics.median(gnu_times), statistics.median(our_times)
            name = definitions.name.replace(".3.12.po", "")
            print(f"{name:<20} {g * 1000:>7.0f}ms {o * 1000:>7.0f}ms {o / g:>6.2f}")
            for tool, path in (("msgmerge", gnu_out), ("briefgen", our_out)):
                c = counts(path)
                print(
                    f"  {tool:<9} translated={c['translated']} fuzzy={c['fuzzy']} "
                    f"kept={c['translated'] + c['fuzzy']} untranslated={c['untranslated']} "
                    f"obsolete={c['obsolete']}"
                )
    # What any Python command pays here before its first line of work, timed the same way.
    print("start-up references (median):")
    for label, cmd in (
        ("python -c pass", [python, "-c", "pass"]),
        ("briefgen --version", [python, "-m", "briefgen", "--version"]),
    ):
        median = statistics.median(timed(cmd, env) for _ in range(args.repeat))
        print(f"  {label:<20} {median * 1000:>5.0f}ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
