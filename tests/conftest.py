"""Shared fixtures."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest
from hypothesis import settings

from briefgen.render.context import BriefContext, Translation, build_context
from briefgen.sources import load_source

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Property tests run the same examples on every run, so CI is reproducible; a developer hunting
# for new failures runs them with HYPOTHESIS_PROFILE=explore (fresh random examples each time).
settings.register_profile("briefgen", derandomize=True, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "briefgen"))

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "narcotrafic-diplomatie.md"


#: Real gettext catalogs (French translations of Python's documentation, CC0): see its README.
CORPUS = ROOT / "tests" / "data" / "corpus" / "po"
#: The article the seed brief was made from, word for word.
SEED_ARTICLE = ROOT / "tests" / "data" / "corpus" / "seed-article.txt"

#: Set to 1 (``.ci/run`` does) so that a missing external tool fails the tests that need it
#: instead of skipping them: CI must always run the validators.
REQUIRE_TOOLS = "BRIEFGEN_REQUIRE_TOOLS"


def tool_missing(reason: str) -> NoReturn:
    """Skip the running test because an external tool is missing, with ``reason``.

    Under ``BRIEFGEN_REQUIRE_TOOLS=1`` (as in ``.ci/run``) the test fails instead.
    """
    message = f"{reason}; .ci/setup installs it"
    if os.environ.get(REQUIRE_TOOLS, "") not in ("", "0"):
        pytest.fail(f"{message} ({REQUIRE_TOOLS}=1: every validator must run)", pytrace=False)
    pytest.skip(message)


def require_tool(command: str, purpose: str = "") -> str:
    """The path of ``command``; the test skips (or fails, see :func:`tool_missing`) without it."""
    found = shutil.which(command)
    if found is None:
        tool_missing(f"{command} is not installed" + (f" ({purpose})" if purpose else ""))
    return found


#: The seed's English translation, msgid -> msgstr, independent of the shipped catalog.
SEED_EN: dict[str, str] = json.loads((ROOT / "tests" / "data" / "seed_en.json").read_text(encoding="utf-8"))


def seed_context(xhtml: bool = False) -> BriefContext:
    """The seed brief in English, from tests/data/seed_en.json."""
    source = load_source(SEED)
    translations = {k: Translation(v, False, None) for k, v in SEED_EN.items()}
    return build_context(
        source,
        "en",
        translations,
        catalog_file="translations/en/LC_MESSAGES/narcotrafic-diplomatie.po",
        source_file="sources/narcotrafic-diplomatie.md",
        xhtml=xhtml,
    )


@pytest.fixture
def seed_ctx() -> BriefContext:
    return seed_context()


def copy_workspace(dest: Path) -> Path:
    """A copy of this repository's workspace (settings, sources, catalogs, layouts) in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    for folder in ("sources", "translations", "layouts"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("*.mo", "*.lock"))
    (dest / "out").mkdir()
    return dest


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return copy_workspace(tmp_path / "ws")


#: Prefix that makes a command obey file permissions even when the tests run as root (as in CI):
#: util-linux's setpriv drops the capabilities that let root write into a read-only folder.
AS_A_USER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []


def run_cli(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
    as_a_user: bool = False,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m briefgen ARGS`` as a user would, in a fresh process.

    ``as_a_user``: file permissions apply even when the tests run as root (see :data:`AS_A_USER`).
    ``stdin``: text for the command's standard input (none: it reads an empty one).
    """
    import sys

    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run(
        [*(AS_A_USER if as_a_user else []), sys.executable, "-m", "briefgen", *args],
        cwd=cwd,
        env=full_env,
        input=stdin or "",
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def seed_ref(start: str) -> str:
    """``sources/<seed>.md:LINE`` of the seed's paragraph that starts with ``start``."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines, 1) if line.startswith(start))
    return f"sources/{SEED.name}:{number}"


#: Chromium, headless, offline (Playwright's own browser download cannot work here): Debian's.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright, one per test module."""
    from playwright.sync_api import sync_playwright

    chromium = require_tool("chromium", "the page tests run it through Playwright")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def gnu(*args: str, data: bytes | None = None) -> bytes:
    """Run a GNU gettext tool; its failure fails the test (its absence skips it). Returns its stdout."""
    done = subprocess.run([require_tool(args[0]), *args[1:]], input=data, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def msgfmt_counts(path: Path) -> dict[str, int]:
    """translated / fuzzy / untranslated messages of ``path`` according to ``msgfmt --statistics``."""
    done = subprocess.run(
        [require_tool("msgfmt"), "--statistics", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for number, word in re.findall(r"(\d+) (translated|fuzzy|untranslated)", done.stderr):
        counts[word] = int(number)
    return counts


def msgid_line(po: Path, reference: str) -> int:
    """The 1-based line of the ``msgid`` of the entry referenced as ``reference``."""
    lines = po.read_text(encoding="utf-8").splitlines()
    at = lines.index(f"#: {reference}")
    return next(i + 1 for i in range(at, len(lines)) if lines[i].startswith("msgid "))


def msgstr_line(po: Path, reference: str) -> int:
    """The 1-based line of the ``msgstr`` of the entry referenced as ``reference``: where
    briefgen points a translator (check, build warnings, the page's data-po, the preview)."""
    lines = po.read_text(encoding="utf-8").splitlines()
    start = msgid_line(po, reference)
    return next(i + 1 for i in range(start, len(lines)) if lines[i].startswith("msgstr"))


def png(width: int = 4, height: int = 3) -> bytes:
    """A valid RGB PNG (EPUBCheck and WeasyPrint read image headers)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record (and block) any attempt to resolve a host name or open a connection."""
    import socket

    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts
