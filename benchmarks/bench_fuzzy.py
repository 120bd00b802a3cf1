"""Fuzzy suggestions of briefgen merge vs GNU ``msgmerge --previous``, judged against the translators.

Run: ``python benchmarks/build_po_corpus.py`` once, then ``python benchmarks/bench_fuzzy.py [--cache DIR]``

On every real version pair of the corpus (older catalog, newer template, newer
catalog as the truth), both tools update the older catalog to the newer template.
A fuzzy suggestion is *right* when its msgstr is at least 0.5 similar (Indel ratio)
to what the translators wrote in the newer version, *wrong* otherwise; suggestions
for messages the truth leaves untranslated or fuzzy are not judged. *Kept* counts
translated and fuzzy messages; *lost* those the other tool kept and this one did not.

Then the speed: all pairs joined into one catalog of 10,000+ messages (each pair's
messages under its own msgctxt), both tools run alternately; medians and the ratio.
The machines are shared and noisy: read the ratio, not the absolute times.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from briefgen.catalogs.model import Catalog, Message  # noqa: E402
from briefgen.catalogs.pofile import read_po_file, write_po_file  # noqa: E402

DEFAULT_CACHE = Path.home() / ".cache" / "briefgen-po-corpus"
# BRIEFGEN_SRC: the src/ of another checkout to measure (e.g. the main branch, for a before/after).
ENV = {**os.environ, "PYTHONPATH": os.environ.get("BRIEFGEN_SRC", str(ROOT / "src"))}
BRIEFGEN = [sys.executable, "-m", "briefgen", "merge"]
MSGMERGE = ["msgmerge", "--previous", "-q"]


def run(tool: str, old: Path, template: Path, out: Path) -> None:
    if tool == "msgmerge":
        cmd = [*MSGMERGE, str(old), str(template), "-o", str(out)]
    else:
        cmd = [*BRIEFGEN, str(old), str(template), "-o", str(out)]
    subprocess.run(cmd, check=True, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def judge(out: Path, truth: Catalog) -> dict[str, object]:
    right = wrong = kept = 0
    keptids = set()
    for msg in read_po_file(out).active:
        if not msg.strings or not msg.strings[0]:
            continue
        kept += 1
        keptids.add(msg.id)
        if not msg.fuzzy:
            continue
        real = truth.get(msg.msgid, msg.msgctxt)
        if real is None or not real.translated:
            continue
        if fuzz.ratio(msg.strings[0], real.strings[0]) >= 50:
            right += 1
        else:
            wrong += 1
    return {"right": right, "wrong": wrong, "kept": kept, "ids": keptids}


def quality(pairs: list[Path], work: Path) -> None:
    totals = {tool: {"right": 0, "wrong": 0, "kept": 0, "lost": 0} for tool in ("msgmerge", "briefgen")}
    refused = dict.fromkeys(totals, 0)
    for folder in pairs:
        truth = read_po_file(folder / "truth.po")
        found = {}
        for tool in totals:
            out = work / f"{tool}.po"
            try:
                run(tool, folder / "old.po", folder / "new.pot", out)
            except subprocess.CalledProcessError:
                refused[tool] += 1  # briefgen before issue 17 refused Django's and Latin-1 catalogs
                out.write_bytes((folder / "old.po").read_bytes()[:0])
            found[tool] = (
                judge(out, truth) if out.stat().st_size else {"right": 0, "wrong": 0, "kept": 0, "ids": set()}
            )
        for tool, other in (("msgmerge", "briefgen"), ("briefgen", "msgmerge")):
            for key in ("right", "wrong", "kept"):
                totals[tool][key] += found[tool][key]  # type: ignore[operator]
            totals[tool]["lost"] += len(found[other]["ids"] - found[tool]["ids"])  # type: ignore[operator]
    print(f"{len(pairs)} catalog pairs; fuzzy suggestions judged against the next version's translations")
    print(f"{'tool':10} {'right':>6} {'wrong':>6} {'kept':>7} {'lost':>5} {'refused':>8}")
    for tool, row in totals.items():
        counts = f"{row['right']:>6} {row['wrong']:>6} {row['kept']:>7} {row['lost']:>5}"
        print(f"{tool:10} {counts} {refused[tool]:>8}")


def joined(pairs: list[Path], name: str, copies: int = 2) -> Catalog:
    """All pairs' ``name`` catalogs as one, each pair's messages under its own msgctxt."""
    first = read_po_file(pairs[0] / name)
    big = Catalog(Message("", first.header.msgstr if first.header else ""))
    big.header_set("Content-Type", "text/plain; charset=UTF-8")
    big.header_set("Plural-Forms", "nplurals=2; plural=(n > 1);")
    for number, folder in enumerate(pairs * copies):
        for msg in read_po_file(folder / name).messages:
            if msg.obsolete:
                continue
            msg.forget_source()
            msg.msgctxt = f"{number}|{msg.msgctxt or ''}"
            big.messages.append(msg)
    return big


def speed(pairs: list[Path], work: Path, repeat: int) -> None:
    old, template = work / "big-old.po", work / "big-new.pot"
    write_po_file(joined(pairs, "old.po"), old)
    write_po_file(joined(pairs, "new.pot"), template)
    size = len(read_po_file(template).messages)
    times: dict[str, list[float]] = {"msgmerge": [], "briefgen": []}
    for _ in range(repeat):
        for tool, measured in times.items():
            start = time.perf_counter()
            run(tool, old, template, work / f"big-{tool}.po")
            measured.append(time.perf_counter() - start)
    gnu, ours = statistics.median(times["msgmerge"]), statistics.median(times["briefgen"])
    print(
        f"update of {size:,} messages, median of {repeat}: msgmerge {gnu:.2f}s, briefgen {ours:.2f}s, "
        f"briefgen {gnu / ours:.1f}x faster"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pairs = sorted(p.parent for p in (args.cache / "pairs").glob("*/*/new.pot"))
    if not pairs:
        sys.exit(f"no pairs in {args.cache}; run benchmarks/build_po_corpus.py first")
    with tempfile.TemporaryDirectory() as tmp:
        quality(pairs, Path(tmp))
        speed(pairs, Path(tmp), args.repeat)


if __name__ == "__main__":
    main()
