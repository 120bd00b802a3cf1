"""The key-figure box's cost per brief (issue 15): ``summary_box`` on the seed (curated and
automatic) and on the articles of tests/data/box, best wall time and Python calls.

Run side by side with another checkout, in one go, so the ratio holds on a noisy machine:
``PYTHONPATH=src python benchmarks/bench_box.py /path/to/other/checkout/src``. The lru caches
of the extractor are warm (a build reads each text once for the checks before the box).
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "box"
SEED = ROOT / "sources" / "narcotrafic-diplomatie.md"


def _briefs() -> list[tuple[str, Path, dict[str, str], bool]]:
    from briefgen.sources import load_source

    seed_en = json.loads((ROOT / "tests" / "data" / "seed_en.json").read_text(encoding="utf-8"))
    out = [("seed (curated)", SEED, seed_en, True), ("seed (automatic)", SEED, seed_en, False)]
    for md in sorted(DATA.glob("*.md")):
        if md.name == "README.md":
            continue
        source = load_source(md)
        translations: dict[str, str] = {}
        english = md.with_suffix(".en.txt")
        if english.exists():
            messages = [source.title.text] + [s.text for b in source.blocks for s in b.segments]
            for message, para in zip(
                messages, english.read_text(encoding="utf-8").split("\n\n"), strict=False
            ):
                if para.strip() != "-":
                    translations[message] = " ".join(para.split())
        out.append((md.stem, md, translations, False))
    return out


def measure() -> dict[str, tuple[float, int]]:
    """name -> (best milliseconds, Python calls) of one summary_box call."""
    from briefgen.facts import summary_box
    from briefgen.sources import load_source

    results: dict[str, tuple[float, int]] = {}
    for name, path, translations, curated in _briefs():
        source = load_source(path)
        if not curated:
            source = source.__class__(**{**source.__dict__, "facts": None, "fact_labels": ()})
        summary_box(source, translations.get, "en")  # warm the caches, as a build does
        best = min(_once(summary_box, source, translations) for _ in range(20))
        profile = cProfile.Profile()
        profile.runcall(summary_box, source, translations.get, "en")
        calls = int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]
        results[name] = (best * 1000, calls)
    return results


def _once(box: Callable[..., Any], source: Any, translations: dict[str, str]) -> float:
    start = time.perf_counter()
    box(source, translations.get, "en")
    return time.perf_counter() - start


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(measure()))
        return
    runs = {"this": str(ROOT / "src")}
    if len(sys.argv) > 1:
        runs["other"] = sys.argv[1]
    found = {}
    for label, src in runs.items():
        env = {**os.environ, "PYTHONPATH": src}
        out = subprocess.run(
            [sys.executable, __file__, "--child"], env=env, check=True, capture_output=True, text=True
        )
        found[label] = json.loads(out.stdout)
    print(f"{'brief':24} " + "  ".join(f"{k + ' ms':>10} {k + ' calls':>12}" for k in found))
    for name in found["this"]:
        cells = "  ".join(f"{found[k][name][0]:>10.2f} {found[k][name][1]:>12}" for k in found)
        print(f"{name:24} {cells}")


if __name__ == "__main__":
    main()
