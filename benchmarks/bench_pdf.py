"""Side-by-side PDF brief vs. the floor: what WeasyPrint needs for the same text anyway.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_pdf.py            # ~50, ~10 and ~200 pages
    PYTHONPATH=src python benchmarks/bench_pdf.py --quick    # ~50 pages only, one round

The floor is WeasyPrint laying out the French paragraphs and the English
paragraphs each as a plain single-column document of half the text width
(same fonts, sizes and page), the two times added. The brief is
``write_pdf`` from a built context to a file. Every measurement runs in its
own subprocess (peak memory is that process's ``ru_maxrss``), the two are
interleaved, and the best of ``--rounds`` is kept. Times are CPU times of the
measured call (``time.process_time``): these machines are shared, and wall
times swung 2x between identical runs while CPU times held within a few
percent. Only the ratios printed are meaningful.

Goals (issue): brief/floor time <= 1.15x at ~50 pages; time per page at ~200
pages within 1.1x of ~10 pages; peak memory <= 1.2x the floor's.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "narcotrafic-diplomatie.md"
SEED_EN = ROOT / "tests" / "data" / "seed_en.json"
LAYOUTS = ROOT / "layouts"

#: Seed paragraphs per page of the brief, measured: 150 paragraphs fill 32 pages.
PARAGRAPHS_PER_PAGE = 4.7

#: The floor column is the brief's text column: A4 minus 2 x 18 mm margins, halved, minus the 5 mm gutter.
FLOOR_CSS = """
@font-face { font-family: "Brief Serif"; src: url("fonts/NotoSerif-Regular.ttf"); }
@font-face { font-family: "Brief Serif"; src: url("fonts/NotoSerif-Bold.ttf"); font-weight: 700; }
@font-face { font-family: "Brief Serif"; src: url("fonts/NotoSerif-Italic.ttf"); font-style: italic; }
@page { size: A4; margin: 24mm 110mm 22mm 18mm; }
html { font-family: "Brief Serif"; font-size: 9.6pt; line-height: 1.42; }
p { margin: 0 0 3mm; text-align: justify; hyphens: auto; orphans: 2; widows: 2; }
"""


def _context(pages: int):  # type: ignore[no-untyped-def]  # imports kept out of the parent process
    from briefgen.render.context import Translation, build_context
    from briefgen.sources import load_source

    source = load_source(SEED)
    mapping = json.loads(SEED_EN.read_text(encoding="utf-8"))
    translations = {k: Translation(v) for k, v in mapping.items()}
    wanted = max(1, round(pages * PARAGRAPHS_PER_PAGE))
    blocks = [
        dataclasses.replace(block, id=f"b{i + 1}")
        for i, block in enumerate(source.blocks[j % len(source.blocks)] for j in range(wanted))
    ]
    source = dataclasses.replace(source, blocks=tuple(blocks))
    return build_context(
        source, "en", translations, catalog_file="bench.po", source_file="sources/narcotrafic-diplomatie.md"
    )


def _child(kind: str, pages: int) -> None:
    """Measure one build in this (fresh) process and print JSON on stdout."""
    from weasyprint import HTML

    from briefgen.render.pdf import write_pdf

    ctx = _context(pages)
    with tempfile.TemporaryDirectory() as tmp:
        if kind == "brief":
            out = Path(tmp) / "brief.pdf"
            start = time.process_time()
            write_pdf(ctx, LAYOUTS, ROOT, out)
            seconds = time.process_time() - start
            count = _page_count(out.read_bytes())
        else:
            docs = []
            for side in ("source", "target"):
                body = "".join(
                    f'<p lang="{getattr(r.pair, side).lang}">{getattr(r.pair, side).html}</p>'
                    for r in ctx.rows
                    if r.pair is not None
                )
                docs.append(
                    f"<html lang={ctx.source_lang}><style>{FLOOR_CSS}</style><body>{body}</body></html>"
                )
            start = time.process_time()
            count = 0
            for doc in docs:
                data = HTML(string=doc, base_url=str(LAYOUTS) + "/").write_pdf()
                count = max(count, _page_count(data))
            seconds = time.process_time() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"kind": kind, "seconds": seconds, "pages": count, "maxrss_kib": peak_kib}))


def _page_count(data: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def _run(kind: str, pages: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(pages)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _best(kind: str, pages: int, rounds: int) -> dict[str, float]:
    runs = [_run(kind, pages) for _ in range(rounds)]
    best = min(runs, key=lambda r: r["seconds"])
    return {**best, "maxrss_kib": max(r["maxrss_kib"] for r in runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PAGES"), help=argparse.SUPPRESS)
    parser.add_argument("--pages", type=int, default=50, help="size of the main comparison (default 50)")
    parser.add_argument("--rounds", type=int, default=3, help="runs per measurement, best kept (default 3)")
    parser.add_argument("--quick", action="store_true", help="main comparison only")
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], int(args.child[1]))
        return

    rounds = args.rounds
    floor: dict[str, float] = {}
    brief: dict[str, float] = {}
    for _ in range(rounds):  # interleaved, so that a noisy minute hurts both sides alike
        f, b = _run("floor", args.pages), _run("brief", args.pages)
        floor = f if not floor or f["seconds"] < floor["seconds"] else floor
        brief = b if not brief or b["seconds"] < brief["seconds"] else brief
        floor["maxrss_kib"] = max(floor["maxrss_kib"], f["maxrss_kib"])
        brief["maxrss_kib"] = max(brief["maxrss_kib"], b["maxrss_kib"])
    time_ratio = brief["seconds"] / floor["seconds"]
    mem_ratio = brief["maxrss_kib"] / floor["maxrss_kib"]
    print(
        f"~{args.pages} pages: brief {brief['seconds']:.2f} s CPU ({brief['pages']:.0f} pages), "
        f"floor {floor['seconds']:.2f} s CPU (FR + EN, {floor['pages']:.0f} pages each at most)"
    )
    print(f"  time ratio brief/floor      {time_ratio:.2f}x   (goal <= 1.15x)")
    print(
        f"  peak memory brief/floor     {mem_ratio:.2f}x   ({brief['maxrss_kib'] / 1024:.0f} MiB vs "
        f"{floor['maxrss_kib'] / 1024:.0f} MiB; goal <= 1.2x)"
    )
    if args.quick:
        return
    small = _best("brief", 10, rounds)
    large = _best("brief", 200, max(1, rounds - 1))
    per_small = small["seconds"] / small["pages"]
    per_large = large["seconds"] / large["pages"]
    print(
        f"  time per page: {per_small * 1000:.0f} ms at {small['pages']:.0f} pages, "
        f"{per_large * 1000:.0f} ms at {large['pages']:.0f} pages -> {per_large / per_small:.2f}x"
        "   (goal <= 1.1x)"
    )


if __name__ == "__main__":
    main()
