"""Extraction time against text length: ratios at 1x, 10x and 100x, and pathological inputs.

Run: ``PYTHONPATH=src python benchmarks/bench_facts.py``. The machines are shared
and noisy, so the figures that matter are the ratios measured side by side in
this run: linear time means 10x the text takes about 10x the time (a regular
expression that backtracks would show 100x or worse on the pathological inputs).
Wall time still varies from run to run here; the count of Python function calls
does not, and is printed beside it as the measure of the work done.
"""

from __future__ import annotations

import cProfile
import functools
import gc
import pstats
import time
from collections.abc import Callable
from pathlib import Path

from briefgen.facts import compare, extract
from briefgen.sources import load_source

ROOT = Path(__file__).resolve().parent.parent


def _time(func: Callable[[], object], repeat: int = 5) -> float:
    """Best wall time of ``func`` in seconds, garbage collector off (as timeit does).

    The minimum, not the median: on a shared machine the other runs measure the neighbours.
    """
    times = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            func()
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return min(times)


def _calls(func: Callable[[], object]) -> int:
    """Python function calls made by ``func``: a noise-free measure of the work done."""
    profile = cProfile.Profile()
    profile.runcall(func)
    return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]


def _scaling(name: str, unit: str, lang: str = "fr", factors: tuple[int, ...] = (1, 10, 100)) -> None:
    base_time = base_calls = 0.0
    cells = []
    for factor in factors:
        text = unit * factor
        run = functools.partial(extract, text, lang)
        seconds = _time(run, repeat=15 if factor < 100 else 5)
        calls = _calls(run)
        base_time, base_calls = base_time or seconds, base_calls or calls
        cells.append(
            f"{factor:>3}x {len(text):>9,} chars {seconds * 1000:9.2f} ms"
            f"  time ratio {seconds / base_time:6.1f}"
            f"  calls {calls:>9,}  calls ratio {calls / base_calls:6.1f}"
        )
    print(f"{name}:")
    for cell in cells:
        print(f"    {cell}")


def main() -> None:
    source = load_source(ROOT / "sources" / "narcotrafic-diplomatie.md")
    body = "\n\n".join(seg.text for block in source.blocks for seg in block.segments) + "\n\n"
    print(f"seed body: {len(body):,} chars, {len(extract(body, 'fr'))} facts\n")
    _scaling("seed article (French prose)", body)
    # Pathological inputs: each is a shape that makes a naive regex backtrack or a
    # look-ahead rescan, measured at 1x and 10x of an already large size.
    patho = {
        "digits without unit ('9' * n)": "9" * 10_000,
        "digit groups ('1 ' * n)": "1 " * 5_000,
        "malformed decimals ('1,2,' * n)": "1,2," * 2_500,
        "signs and symbols ('+-%€' * n)": "+-%€" * 2_500,
        "number words ('quatre-' * n)": "quatre-" * 1_500,
        "link fragments ('](' * n)": "](" * 5_000,
        "qualifier words ('plus de ' * n)": "plus de " * 1_250 + "40 %",
        "ratios ('un sur ' * n)": "un sur " * 1_500,
    }
    print()
    for name, unit in patho.items():
        _scaling(name, unit, factors=(1, 10))
    # The comparison extracts both sides and pairs facts: also linear in the text's figures.
    english = "Drug seizures have risen by more than 40% in five years. " * 50
    french = "Les saisies de drogue ont augmenté de plus de 40 % en cinq ans. " * 50
    seconds = _time(lambda: compare(french, "fr", english, "en"))
    print(f"\ncompare(): 100 figures a side {seconds * 1000:.2f} ms")


if __name__ == "__main__":
    main()
