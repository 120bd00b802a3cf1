"""Build experience benchmark (issue 6), measured side by side in one run.

    python benchmarks/bench_build.py [--briefs 20] [--repeat 7]

Prints:
- a no-op ``briefgen build`` on an up-to-date workspace of N briefs vs ``briefgen --version``
  (goal: <= 1.5x);
- ``-j 2`` vs ``-j 1`` building N briefs from scratch (goal: >= 1.7x faster with 2 cores);
- peak memory of ``-j 1`` over N briefs vs one brief (goal: <= 1.2x; no leak across briefs): of
  the largest process, of the whole process tree, and of the tree for N briefs vs 2 briefs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _measure import compile_bytecode, peak_memory

ROOT = Path(__file__).resolve().parent.parent
SLUG = "narcotrafic-diplomatie"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def make_workspace(dest: Path, briefs: int) -> Path:
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    for folder in ("sources", "translations", "layouts"):
        shutil.copytree(ROOT / folder, dest / folder)
    src = dest / "sources" / f"{SLUG}.md"
    po = dest / "translations" / "en" / "LC_MESSAGES" / f"{SLUG}.po"
    for index in range(1, briefs):
        shutil.copy(src, dest / "sources" / f"brief-{index:02d}.md")
        text = po.read_text(encoding="utf-8").replace(f"sources/{SLUG}.md", f"sources/brief-{index:02d}.md")
        po.with_name(f"brief-{index:02d}.po").write_text(text, encoding="utf-8")
    return dest


def briefgen(*args: str) -> list[str]:
    return [sys.executable, "-m", "briefgen", *args]


def timed(cmd: list[str], repeat: int, before: list[str] | None = None) -> float:
    times = []
    for _ in range(repeat):
        if before:
            subprocess.run(before, env=ENV, check=True, capture_output=True)
        start = time.perf_counter()
        subprocess.run(cmd, env=ENV, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--briefs", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        ws = make_workspace(Path(tmp), args.briefs)
        subprocess.run(briefgen("-C", str(ws), "build", "-q"), env=ENV, check=True)
        # Interleave the two commands so that machine noise hits both alike.
        noop, version = [], []
        for _ in range(args.repeat):
            noop.append(timed(briefgen("-C", str(ws), "build", "-q"), 1))
            version.append(timed(briefgen("--version"), 1))
        t_noop, t_version = statistics.median(noop), statistics.median(version)
        print(
            f"no-op build of {args.briefs} briefs: {t_noop * 1000:.0f} ms; briefgen --version: "
            f"{t_version * 1000:.0f} ms; ratio {t_noop / t_version:.2f}x (goal <= 1.5x)"
        )

        clean = [
            sys.executable,
            "-c",
            f"import shutil; shutil.rmtree({str(ws / 'out')!r}, ignore_errors=True)",
        ]
        # Interleaved too (-j 1, -j 2, -j 1, ...): a full build is seconds long, and a busy
        # neighbour on a shared machine would otherwise land on one side only.
        serial, parallel = [], []
        for _ in range(args.repeat):
            serial.append(timed(briefgen("-C", str(ws), "build", "-q", "-j", "1"), 1, before=clean))
            parallel.append(timed(briefgen("-C", str(ws), "build", "-q", "-j", "2"), 1, before=clean))
        t1, t2 = statistics.median(serial), statistics.median(parallel)
        print(
            f"full build of {args.briefs} briefs (pdf+epub): -j 1 {t1:.1f} s, -j 2 {t2:.1f} s; "
            f"speed-up {t1 / t2:.2f}x (goal >= 1.7x on 2 cores; cores here: {os.cpu_count()})"
        )

        subprocess.run(clean, check=True)
        many, many_process = peak_memory(briefgen("-C", str(ws), "build", "-q", "-j", "1"), ENV)
        subprocess.run(clean, check=True)
        one, one_process = peak_memory(briefgen("-C", str(ws), "build", "-q", "-j", "1", SLUG), ENV)
        subprocess.run(clean, check=True)
        two, _ = peak_memory(briefgen("-C", str(ws), "build", "-q", "-j", "1", SLUG, "brief-01"), ENV)
        print(
            f"peak memory -j 1, largest process (VmHWM): {args.briefs} briefs {many_process / 1024:.0f} MiB, "
            f"one brief {one_process / 1024:.0f} MiB; ratio {many_process / one_process:.2f}x (goal <= 1.2x)"
        )
        print(
            f"peak memory -j 1, whole process tree (PSS): {args.briefs} briefs {many / 1024:.0f} MiB, "
            f"one brief {one / 1024:.0f} MiB; ratio {many / one:.2f}x"
        )
        # From the second brief on, this process keeps its warm state while a child builds:
        # a constant cost, the same for 2 briefs as for 20 if nothing leaks from brief to brief.
        print(
            f"  {args.briefs} briefs vs 2 briefs (PSS of the tree): {two / 1024:.0f} MiB for 2; "
            f"ratio {many / two:.2f}x (no growth with the number of briefs)"
        )


if __name__ == "__main__":
    main()
