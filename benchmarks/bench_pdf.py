"""``briefgen build --format pdf`` of a long brief vs. the floor: WeasyPrint on the same texts, unaligned.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_pdf.py             # ~50 pages, then ~10 and ~200
    PYTHONPATH=src python benchmarks/bench_pdf.py --quick     # ~50 pages only
    PYTHONPATH=src python benchmarks/bench_pdf.py --rounds 9  # more pairs, steadier medians
    PYTHONPATH=src python benchmarks/bench_pdf.py --tags      # tagged vs untagged PDF, ~50 pages

The brief side is the real command, ``python -m briefgen -C WS build --format pdf
--force -q``, on a workspace copy in a temporary folder whose source is the seed's
paragraphs repeated to the wanted length (front matter kept) and whose catalogs are
the repository's: the repeated paragraphs are the same msgids, and the references
name ``sources/narcotrafic-diplomatie.md``, the copy's own source file, so every
block is translated. Start-up, catalogs, facts and templating are all timed.

The floor is what WeasyPrint needs for the same two texts with no alignment: the
French paragraphs and the English paragraphs (the brief's own inline HTML, from
the same render context) each as a plain single-column document as wide as one
column of the brief's text, same @font-face fonts (the shipped ``layouts/fonts/``),
sizes and page, both laid out in one ``python -c 'import weasyprint; ...'``
process, start-up included.

A third command is a reference for peak memory: plain WeasyPrint (the same one-line
script as the floor) on the brief's own HTML, as ``render_html`` writes it for the PDF.
It shows what WeasyPrint alone needs to hold both columns of every page at once,
before briefgen reads a file.

Runs are interleaved (floor, brief, floor, brief, ...) and the medians compared.
CPU time is the child's user + sys (``RUSAGE_CHILDREN`` deltas): these machines
are shared 2-core boxes where wall times swing, so CPU time is the figure to
trust; wall time is printed too. Peak memory is the PSS of each command's process
tree (``_measure.peak_memory_kib``), one run each. Only the ratios mean anything.

``--tags`` compares, instead, the same build with and without the PDF's tags
(structure tree and per-column ``/Lang``, the default since issue 16): one process
per PDF, assembling the brief and calling ``write_pdf(..., tagged=True/False)``,
interleaved; the issue asks to report the cost when it exceeds 10 %.

Goals (issue): brief/floor CPU time <= 1.15x at ~50 pages; time per page at ~200
pages within 1.1x of ~10 pages; peak memory <= 1.2x the floor's.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _measure import compile_bytecode, peak_memory_kib

ROOT = Path(__file__).resolve().parent.parent
SLUG = "narcotrafic-diplomatie"
SEED = ROOT / "sources" / f"{SLUG}.md"
TRANSLATIONS = ROOT / "translations"
FONTS = ROOT / "layouts" / "fonts"

#: Seed paragraphs per page of the brief (measured: 235 paragraphs fill 48 pages).
PARAGRAPHS_PER_PAGE = 4.7

#: The brief's own @font-face rules, so that both sides use the same shipped fonts.
FONT_FACES = "\n".join(re.findall(r"^@font-face \{.*\}$", (ROOT / "layouts" / "brief.css").read_text(), re.M))

#: The page's text column is the brief's: A4 minus 2 x 18 mm margins, halved, minus the
#: 5 mm gutter padding of each cell: 82 mm, so both sides set the same lines.
FLOOR_CSS = f"""
{FONT_FACES}
@page {{ size: A4; margin: 24mm 110mm 22mm 18mm; }}
html {{ font-family: "Brief Serif"; font-size: 9.6pt; line-height: 1.42; }}
body {{ margin: 0; }}
p {{ margin: 0 0 3.5mm; text-align: justify; hyphens: auto; orphans: 2; widows: 2; }}
"""

#: The floor process: both documents laid out in one interpreter, start-up included.
FLOOR_SCRIPT = """
import sys
from weasyprint import HTML
for name in sys.argv[2:]:
    HTML(filename=sys.argv[1] + "/" + name + ".html").write_pdf(sys.argv[1] + "/" + name + ".pdf")
"""


@dataclass
class Case:
    """One size: a workspace for the brief and the two floor documents, in a temp folder."""

    pages: int
    workspace: Path
    floor_dir: Path

    @property
    def brief_cmd(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "briefgen",
            "-C",
            str(self.workspace),
            "build",
            "--format",
            "pdf",
            "--force",
            "-q",
        ]

    @property
    def floor_cmd(self) -> list[str]:
        return [sys.executable, "-c", FLOOR_SCRIPT, str(self.floor_dir), "fr", "en"]

    @property
    def plain_cmd(self) -> list[str]:
        """Plain WeasyPrint on the brief's own HTML (written next to the source, as it is rendered)."""
        return [sys.executable, "-c", FLOOR_SCRIPT, str(self.workspace / "sources"), "brief"]

    @property
    def brief_pdf(self) -> Path:
        return self.workspace / "out" / f"{SLUG}.en.pdf"

    @property
    def floor_pdfs(self) -> list[Path]:
        return [self.floor_dir / "fr.pdf", self.floor_dir / "en.pdf"]


def make_case(tmp: Path, pages: int) -> Case:
    """Write a workspace whose source is the seed's body repeated, and the floor's two documents."""
    text = SEED.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    wanted = max(1, round(pages * PARAGRAPHS_PER_PAGE))
    repeated = [paragraphs[i % len(paragraphs)] for i in range(wanted)]
    ws = tmp / f"ws{pages}"
    (ws / "sources").mkdir(parents=True)
    (ws / "sources" / f"{SLUG}.md").write_text(
        f"---\n{front}---\n\n" + "\n\n".join(repeated) + "\n", encoding="utf-8"
    )
    shutil.copytree(TRANSLATIONS, ws / "translations")
    settings = re.search(
        r"^\[tool\.briefgen\]\n(?:[^\[\n].*\n|\n)*", (ROOT / "pyproject.toml").read_text(), re.M
    )
    assert settings is not None, "no [tool.briefgen] in pyproject.toml"
    (ws / "pyproject.toml").write_text(settings[0], encoding="utf-8")

    # The floor's texts are the brief's own inline HTML, from the same render context.
    from briefgen.brief import assemble
    from briefgen.config import load_workspace
    from briefgen.render.context import brief_context
    from briefgen.render.html import render_html

    workspace = load_workspace(ws)
    ctx = brief_context(assemble(workspace, ws / "sources" / f"{SLUG}.md", "en", strict=True))
    assert len(ctx.rows) == wanted and ctx.status.complete, "the catalog should translate every block"
    (ws / "sources" / "brief.html").write_text(render_html(ctx, workspace.layouts_dir), encoding="utf-8")
    floor = tmp / f"floor{pages}"
    floor.mkdir()
    (floor / "fonts").symlink_to(FONTS)
    for name, side in (("fr", "source"), ("en", "target")):
        lang = getattr(ctx.rows[0].pair, side).lang
        paras = "".join(f'<p lang="{lang}">{getattr(r.pair, side).html}</p>\n' for r in ctx.rows if r.pair)
        (floor / f"{name}.html").write_text(
            f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><style>{FLOOR_CSS}</style>'
            f"</head><body>\n{paras}</body></html>\n",
            encoding="utf-8",
        )
    return Case(pages, ws, floor)


#: One build through the library, tagged or not (argv: workspace, "1" or "0").
TAGS_SCRIPT = """
import sys
from pathlib import Path
from briefgen.brief import assemble
from briefgen.config import load_workspace
from briefgen.render.context import brief_context
from briefgen.render.pdf import write_pdf
ws = Path(sys.argv[1])
workspace = load_workspace(ws)
brief = assemble(workspace, ws / "sources" / "narcotrafic-diplomatie.md", "en", strict=True)
out = ws / "out" / ("tagged.pdf" if sys.argv[2] == "1" else "untagged.pdf")
out.parent.mkdir(exist_ok=True)
write_pdf(brief_context(brief), workspace.layouts_dir, ws, out, tagged=sys.argv[2] == "1")
"""


@dataclass
class Timing:
    wall: float
    cpu: float


def timed(cmd: list[str]) -> Timing:
    """Wall time and the child's CPU time (user + sys, from RUSAGE_CHILDREN deltas)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)


def pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", out, re.M)
    assert match is not None
    return int(match[1])


def interleaved(case: Case, rounds: int) -> tuple[list[Timing], list[Timing]]:
    floor: list[Timing] = []
    brief: list[Timing] = []
    for i in range(rounds):  # A B A B ..., starting side alternated so neither always runs first
        order = (("floor", case.floor_cmd), ("brief", case.brief_cmd))
        for kind, cmd in order if i % 2 == 0 else order[::-1]:
            (floor if kind == "floor" else brief).append(timed(cmd))
    return floor, brief


def median(values: list[float]) -> float:
    return statistics.median(values)


def tags_cost(case: Case, rounds: int, env_note: str) -> None:
    """Print the CPU and wall time of a tagged build over an untagged one, interleaved."""
    commands = {flag: [sys.executable, "-c", TAGS_SCRIPT, str(case.workspace), flag] for flag in ("0", "1")}
    for cmd in commands.values():
        timed(cmd)  # warm-up
    runs: dict[str, list[Timing]] = {"0": [], "1": []}
    for i in range(rounds):
        for flag in ("0", "1") if i % 2 == 0 else ("1", "0"):
            runs[flag].append(timed(commands[flag]))
    pages = pdf_pages(case.workspace / "out" / "tagged.pdf")
    (uc, tc), (uw, tw) = ([median([getattr(t, f) for t in runs[k]]) for k in "01"] for f in ("cpu", "wall"))
    print(f"bench_pdf --tags: ~{case.pages} pages ({pages}), {rounds} interleaved pairs ({env_note})")
    print(f"  untagged {uc:6.2f} s CPU  {uw:6.2f} s wall")
    print(f"  tagged   {tc:6.2f} s CPU  {tw:6.2f} s wall   (structure tree + per-column /Lang)")
    print(f"  CPU time ratio  tagged/untagged  {tc / uc:.3f}x   (report if > 1.10x)")
    print(f"  wall time ratio tagged/untagged  {tw / uw:.3f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=50, help="size of the main comparison (default 50)")
    parser.add_argument(
        "--rounds", type=int, default=5, help="interleaved pairs at the main size (default 5)"
    )
    parser.add_argument("--quick", action="store_true", help="main comparison only, no memory, no per-page")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory measurement")
    parser.add_argument("--tags", action="store_true", help="tagged vs untagged PDF at the main size only")
    args = parser.parse_args()
    compile_bytecode()

    env_note = f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    with tempfile.TemporaryDirectory(prefix="bench_pdf_") as tmpdir:
        tmp = Path(tmpdir)
        main_case = make_case(tmp, args.pages)
        if args.tags:
            tags_cost(main_case, args.rounds, env_note)
            return
        timed(main_case.brief_cmd)  # warm the page cache and the bytecode caches for both sides
        timed(main_case.floor_cmd)
        floor, brief = interleaved(main_case, args.rounds)
        b_pages = pdf_pages(main_case.brief_pdf)
        f_pages = [pdf_pages(p) for p in main_case.floor_pdfs]
        fw, fc = median([t.wall for t in floor]), median([t.cpu for t in floor])
        bw, bc = median([t.wall for t in brief]), median([t.cpu for t in brief])
        print(f"bench_pdf: ~{args.pages} pages, {args.rounds} interleaved pairs, medians ({env_note})")
        print(
            f"  brief  {b_pages} pages: {bc:6.2f} s CPU  {bw:6.2f} s wall   "
            "(python -m briefgen build --format pdf --force -q)"
        )
        print(
            f"  floor  {f_pages[0]} + {f_pages[1]} pages: {fc:6.2f} s CPU  {fw:6.2f} s wall   "
            "(WeasyPrint, FR and EN single-column documents, one process)"
        )
        print(f"  CPU time ratio  brief/floor   {bc / fc:.3f}x   (goal <= 1.15x)")
        print(f"  wall time ratio brief/floor   {bw / fw:.3f}x   (goal <= 1.15x; noisy on a shared box)")
        if not args.no_memory and not args.quick:
            fm = peak_memory_kib(main_case.floor_cmd)
            bm = peak_memory_kib(main_case.brief_cmd)
            pm = peak_memory_kib(main_case.plain_cmd)
            print(
                f"  peak memory     brief/floor   {bm / fm:.3f}x   ({bm / 1024:.0f} MiB vs "
                f"{fm / 1024:.0f} MiB PSS of the process tree; goal <= 1.2x)"
            )
            print(
                f"    plain WeasyPrint on the brief HTML / floor  {pm / fm:.3f}x   ({pm / 1024:.0f} MiB: "
                "both columns of every page held at once, no briefgen code)"
            )
        if args.quick:
            return
        small, large = make_case(tmp, 10), make_case(tmp, 200)
        rounds_small, rounds_large = max(3, args.rounds), max(1, args.rounds // 2)
        s_brief = [timed(small.brief_cmd).cpu for _ in range(rounds_small)]
        l_brief, l_floor, s_floor = [], [], []
        for _ in range(rounds_large):
            l_brief.append(timed(large.brief_cmd).cpu)
            l_floor.append(timed(large.floor_cmd).cpu)
            s_floor.append(timed(small.floor_cmd).cpu)
        ps, pl = pdf_pages(small.brief_pdf), pdf_pages(large.brief_pdf)
        per_s, per_l = median(s_brief) / ps, median(l_brief) / pl
        print(
            f"  time per page   ~200/~10      {per_l / per_s:.3f}x   ({per_l * 1000:.0f} ms at {pl} pages, "
            f"{per_s * 1000:.0f} ms at {ps} pages, CPU, start-up included; goal <= 1.1x)"
        )
        marginal = (median(l_brief) - median(s_brief)) / (pl - ps)
        print(
            f"    marginal page cost 10->200  {marginal * 1000:.0f} ms/page (start-up excluded: "
            f"{marginal / per_s:.2f}x the ~10-page average)"
        )
        fps = max(pdf_pages(p) for p in small.floor_pdfs)
        fpl = max(pdf_pages(p) for p in large.floor_pdfs)
        print(
            f"    floor for reference         {(median(l_floor) / fpl) / (median(s_floor) / fps):.3f}x   "
            f"(brief/floor at ~200 pages: {median(l_brief) / median(l_floor):.3f}x CPU)"
        )


if __name__ == "__main__":
    main()
