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

Two references are timed alongside, so the ratio can be read against what any
Python program pays here: ``python -c pass`` (the interpreter's own start-up,
with this environment's ``.pth`` files) and a bare ebooklib script that makes a
one-chapter EPUB of the same Markdown paragraphs (no catalogs, no layout, no
accessibility metadata).
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

from _measure import compile_bytecode

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "narcotrafic-diplomatie.md"


def _pandoc() -> str:
    import pypandoc  # type: ignore[import-untyped]

    return str(pypandoc.get_pandoc_path())


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


#: The bare ebooklib reference: the source's paragraphs as one chapter, nothing else.
BARE_EBOOKLIB = """
import html, sys
from ebooklib import epub
text = open(sys.argv[1], encoding="utf-8").read().split("\\n---\\n", 1)[1]
book = epub.EpubBook()
book.set_identifier("bench")
book.set_title("bench")
book.set_language("fr")
chapter = epub.EpubHtml(title="Text", file_name="text.xhtml", lang="fr")
chapter.content = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\\n\\n") if p.strip())
book.add_item(chapter)
book.add_item(epub.EpubNcx())
book.add_item(epub.EpubNav())
book.toc = [chapter]
book.spine = ["nav", chapter]
epub.write_epub(sys.argv[2], book)
"""


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
    compile_bytecode()

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
        pandoc_cmd = [pandoc, str(source), "-o", str(tmp / "p.epub")]
        _timed(pandoc_cmd, env)  # one warm-up each: the first run pays for cold disk caches
        sides = {
            "python -c pass": ([sys.executable, "-c", "pass"], "(reference)"),
            "bare ebooklib": (
                [sys.executable, "-c", BARE_EBOOKLIB, str(source), str(tmp / "e.epub")],
                "(reference)",
            ),
        }
        for mode in args.modes.split(","):
            build = ["-C", str(ws), "build", "--format", "epub", "--epub-mode", mode, "--force", "-q"]
            sides[f"briefgen {mode}"] = ([sys.executable, "-m", "briefgen", *build], "(goal <= 2x)")
        for label, (cmd, note) in sides.items():
            _timed(cmd, env)
            theirs, ours = [], []
            for _ in range(args.rounds):  # interleaved, so that a noisy second hurts both sides alike
                theirs.append(_timed(pandoc_cmd, env))
                ours.append(_timed(cmd, env))
            t, o = statistics.median(theirs), statistics.median(ours)
            times = f"{o * 1000:6.0f} ms   pandoc {t * 1000:6.0f} ms"
            print(f"  {label:<24} {times}   ratio {o / t:.2f}x   {note}")


if __name__ == "__main__":
    main()
