"""Side-by-side EPUB edition vs. pandoc making an EPUB from the same Markdown.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_epub.py              # seed brief, 15 rounds, every mode
    PYTHONPATH=src python benchmarks/bench_epub.py --repeat 20  # the seed's paragraphs 20 times over

Both sides are whole processes timed from the outside, start-up included, as a
user waits for them: ``pandoc SOURCE -o book.epub`` (the binary shipped by
``pypandoc-binary``) against ``briefgen build --format epub --force`` on a copy
of the workspace (source, catalogs and facts included). Runs are interleaved
and the median kept: these machines are shared, so only the ratio printed is
meaningful.

Goal (issue): our EPUB <= 2x pandoc, start-up included.
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

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "narcotrafic-diplomatie.md"


def _pandoc() -> str:
    import pypandoc  # type: ignore[import-untyped]

    return str(pypandoc.get_pandoc_path())


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _workspace(tmp: Path, repeat: int) -> Path:
    """A copy of the workspace whose source holds the seed's body ``repeat`` times."""
    ws = tmp / "ws"
    ws.mkdir()
    shutil.copy(ROOT / "pyproject.toml", ws / "pyproject.toml")
    for folder in ("sources", "translations", "layouts"):
        shutil.copytree(ROOT / folder, ws / folder)
    text = SEED.read_text(encoding="utf-8")
    front, _, body = text.partition("\n---\n")
    path = ws / "sources" / SEED.name
    path.write_text(front + "\n---\n" + "\n\n".join([body.strip()] * repeat) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="runs per side, median kept (default 15)")
    parser.add_argument("--repeat", type=int, default=1, help="repeat the seed's body N times (default 1)")
    parser.add_argument("--modes", default="interleaved,parallel,source,target")
    args = parser.parse_args()

    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), SOURCE_DATE_EPOCH="1762560000")
    pandoc = _pandoc()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        source = _workspace(tmp, args.repeat)
        ws = source.parent.parent
        print(
            f"source: {source.name} x{args.repeat} ({source.stat().st_size / 1024:.0f} KiB), "
            f"{args.rounds} rounds, medians, start-up included"
        )
        # One warm-up each: the first run pays for cold disk caches.
        _timed([pandoc, str(source), "-o", str(tmp / "p.epub")], env)
        for mode in args.modes.split(","):
            ours_cmd = [
                sys.executable,
                "-m",
                "briefgen",
                "-C",
                str(ws),
                "build",
                "--format",
                "epub",
                "--epub-mode",
                mode,
                "--force",
                "-q",
            ]
            _timed(ours_cmd, env)
            theirs, ours = [], []
            for _ in range(args.rounds):  # interleaved, so that a noisy second hurts both sides alike
                theirs.append(_timed([pandoc, str(source), "-o", str(tmp / "p.epub")], env))
                ours.append(_timed(ours_cmd, env))
            t, o = statistics.median(theirs), statistics.median(ours)
            print(
                f"  {mode:<12} briefgen {o * 1000:6.0f} ms   pandoc {t * 1000:6.0f} ms   "
                f"ratio {o / t:.2f}x   (goal <= 2x)"
            )


if __name__ == "__main__":
    main()
