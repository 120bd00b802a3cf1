"""``briefgen preview``: a real server process, real files, Debian's Chromium through Playwright.

Each server runs as ``python -m briefgen -C DIR preview --port 0`` (the OS picks
a free port; the server prints its URL) on a copy of the repository's workspace,
and is stopped with SIGINT, as Ctrl-C would. A missing Chromium fails the tests.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import ROOT, copy_workspace, msgstr_line, seed_ref

SLUG = "narcotrafic-diplomatie"
CATALOG = f"translations/en/LC_MESSAGES/{SLUG}.po"
TITLE_EN = "France steps up a gear in its war on drug trafficking"
TIMEOUT_MS = 10_000


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    url: str
    root: Path
    stderr: Path

    @property
    def port(self) -> int:
        return int(self.url.rstrip("/").rsplit(":", 1)[1])

    def stop(self) -> int:
        """SIGINT (Ctrl-C), then the exit status; killed if it does not stop in 10 s."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                pytest.fail("the preview did not stop on SIGINT within 10 s")
        return self.proc.returncode


def run_briefgen(root: Path, *args: str, logs: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    out, err = (logs.with_suffix(".out")).open("wb"), logs.with_suffix(".err").open("wb")
    with out, err:
        return subprocess.Popen(
            [sys.executable, "-m", "briefgen", "-C", str(root), *args], stdout=out, stderr=err, env=env
        )


def start_server(root: Path, logs: Path) -> Server:
    proc = run_briefgen(root, "preview", "--port", "0", logs=logs)
    out = logs.with_suffix(".out")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        found = re.search(r"http://127\.0\.0\.1:\d+/", out.read_text(encoding="utf-8", errors="replace"))
        if found:
            return Server(proc, found[0], root, logs.with_suffix(".err"))
        try:  # waits for the server to exit (it failed), at most a moment, before reading again
            proc.wait(timeout=0.05)
            break
        except subprocess.TimeoutExpired:
            pass
    proc.kill()
    proc.wait()
    pytest.fail(f"the preview did not start: {logs.with_suffix('.err').read_text(errors='replace')}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A preview of a private copy of the workspace (tests may edit its files)."""
    running = start_server(copy_workspace(tmp_path / "ws"), tmp_path / "preview")
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One preview for the tests that only read."""
    tmp = tmp_path_factory.mktemp("preview")
    running = start_server(copy_workspace(tmp / "ws"), tmp / "preview")
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


def get(server: Server, path: str, host: str | None = None) -> tuple[int, bytes]:
    """A raw GET: ``path`` goes on the wire as written (no client-side normalisation of ``..``)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host or f"127.0.0.1:{server.port}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# -- browsing -----------------------------------------------------------------------------------


def test_index_lists_the_brief_and_links_to_its_page(shared_server: Server, page: Page) -> None:
    page.goto(shared_server.url)
    link = page.get_by_role("link", name=re.compile("La France passe à la vitesse supérieure"))
    expect(link).to_have_attribute("href", f"/{SLUG}.en.html")
    expect(page.locator("body")).to_contain_text("EN 100")
    link.click()
    expect(page).to_have_url(f"{shared_server.url}{SLUG}.en.html")


def test_brief_page_shows_both_languages(shared_server: Server, page: Page) -> None:
    page.goto(f"{shared_server.url}{SLUG}.en.html")
    assert page.locator("html").get_attribute("lang") == "fr"
    source, target = page.locator("#b1 .cell.source"), page.locator("#b1 .cell.target")
    expect(source).to_have_attribute("lang", "fr")
    expect(source).to_contain_text("Le 8 novembre 2025")
    expect(target).to_have_attribute("lang", "en")
    expect(target).to_contain_text("8 November 2025 – France is stepping up a gear")
    expect(page.locator("#title .cell.target")).to_contain_text(TITLE_EN)
    # The live-reload script is added to the served page, never to the built file.
    built = (shared_server.root / "out" / f"{SLUG}.en.html").read_text(encoding="utf-8")
    assert "<script" not in built and "EventSource" in page.content()


def test_click_on_a_paragraph_shows_its_catalog_entry(shared_server: Server, page: Page) -> None:
    page.goto(f"{shared_server.url}{SLUG}.en.html")
    line = msgstr_line(shared_server.root / CATALOG, seed_ref("« La coopération"))
    page.locator("#b2 .cell.source p").click()  # the French side finds its row's entry too
    panel = page.locator("#briefgen-panel")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text(f"{CATALOG}:{line}")
    expect(panel).to_contain_text(seed_ref("« La coopération"))
    page.locator("#b4 .cell.target p").click()
    expect(panel).to_contain_text(
        f"{CATALOG}:{msgstr_line(shared_server.root / CATALOG, seed_ref('La France est devenue'))}"
    )


# -- live rebuild -------------------------------------------------------------------------------


def test_catalog_edit_reaches_the_open_page(server: Server, page: Page) -> None:
    page.goto(f"{server.url}{SLUG}.en.html")
    title = page.locator("#title .cell.target")
    expect(title).to_contain_text(TITLE_EN)
    po = server.root / CATALOG
    po.write_text(
        po.read_text(encoding="utf-8").replace(TITLE_EN, "France gets tougher on drugs"), encoding="utf-8"
    )
    expect(title).to_contain_text("France gets tougher on drugs", timeout=TIMEOUT_MS)  # no reload by the test


def test_broken_catalog_shows_the_error_and_keeps_the_last_good_page(server: Server, page: Page) -> None:
    page.goto(f"{server.url}{SLUG}.en.html")
    po = server.root / CATALOG
    good = po.read_text(encoding="utf-8")
    po.write_text(good + '\nmsgid "half typed\n', encoding="utf-8")  # a translator mid-edit
    error = page.locator("#briefgen-error")
    expect(error).to_contain_text(CATALOG.rsplit("/", 1)[1], timeout=TIMEOUT_MS)
    expect(page.locator("#title .cell.target")).to_contain_text(TITLE_EN)
    assert server.proc.poll() is None
    status, body = get(server, f"/{SLUG}.en.html")  # a fresh load: the last good page, with the error
    assert status == 200 and TITLE_EN.encode() in body and b"half typed" not in body
    po.write_text(good.replace(TITLE_EN, "Fixed title"), encoding="utf-8")
    expect(page.locator("#title .cell.target")).to_contain_text("Fixed title", timeout=TIMEOUT_MS)
    expect(error).to_have_count(0)


def test_source_and_layout_edits_reach_the_open_page(server: Server, page: Page) -> None:
    page.goto(f"{server.url}{SLUG}.en.html")
    source = server.root / "sources" / f"{SLUG}.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text + "\nUn paragraphe ajouté pendant la relecture.\n", encoding="utf-8")
    added = page.locator("#b7 .cell.target")
    # A new French paragraph has no translation yet: shown in French, marked, pointing at the catalog.
    expect(added).to_contain_text("[Untranslated]", timeout=TIMEOUT_MS)
    expect(added).to_have_attribute("data-status", "untranslated")
    expect(added).to_have_attribute("lang", "fr")
    css = server.root / "layouts" / "page.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nh1 { letter-spacing: 7px; }\n", encoding="utf-8")
    expect(page.locator("h1")).to_have_css("letter-spacing", "7px", timeout=TIMEOUT_MS)


# -- security and life cycle --------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/../pyproject.toml",
        "/%2e%2e/pyproject.toml",
        "/..%2fpyproject.toml",
        "/%2E%2E%2Fpyproject.toml",
        "/..\\pyproject.toml",
        "/pyproject.toml",
        "/out/../pyproject.toml",
        "/sources/narcotrafic-diplomatie.md",
        f"/{CATALOG}",
        "/etc/passwd",
        "//etc/passwd",
        "/.state/narcotrafic-diplomatie.en.json",
        "../pyproject.toml",
    ],
)
def test_only_built_pages_are_served(shared_server: Server, path: str) -> None:
    status, body = get(shared_server, path)
    assert status in (400, 404), (path, status)
    assert b"[tool.briefgen]" not in body and b"msgid" not in body and b"root:" not in body


def test_other_host_names_are_refused(shared_server: Server) -> None:
    # A web page that rebinds its own name to 127.0.0.1 must not read the briefs.
    status, _ = get(shared_server, f"/{SLUG}.en.html", host="attacker.example")
    assert status == 400
    assert get(shared_server, f"/{SLUG}.en.html", host=f"localhost:{shared_server.port}")[0] == 200


def test_server_listens_on_loopback_only(shared_server: Server) -> None:
    """The kernel's own table of listening sockets: 127.0.0.1 on the port, nothing on IPv6."""
    listening: dict[str, list[str]] = {}
    for table in ("tcp", "tcp6"):
        for row in Path(f"/proc/net/{table}").read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, port = local.rsplit(":", 1)
            if state == "0A" and int(port, 16) == shared_server.port:  # 0A: LISTEN
                listening.setdefault(table, []).append(address)
    assert listening == {"tcp": ["0100007F"]}  # 127.0.0.1, in the kernel's byte order


def test_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    root = copy_workspace(tmp_path / "ws")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = run_briefgen(root, "preview", "--port", str(port), logs=tmp_path / "busy")
        assert proc.wait(timeout=20) == 1
    stderr = (tmp_path / "busy.err").read_text(encoding="utf-8")
    assert f"port {port} is in use; pass --port" in stderr
    assert "Traceback" not in stderr


def test_ctrl_c_stops_cleanly(tmp_path: Path, browser: Browser) -> None:
    running = start_server(copy_workspace(tmp_path / "ws"), tmp_path / "preview")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{running.url}{SLUG}.en.html")  # an open event stream must not keep the server alive
        expect(page.locator("#b1")).to_be_visible()
        assert running.stop() == 0
    finally:
        context.close()
        running.stop()
    stderr = running.stderr.read_text(encoding="utf-8")
    assert "Traceback" not in stderr and "preview stopped" in stderr


def test_layout_strings_of_any_source_language_refresh_every_page(tmp_path: Path) -> None:
    """A target language's layouts.po concerns its pages; any other language's may be a source's."""
    from briefgen.config import load_workspace
    from briefgen.preview import PreviewServer

    ws = load_workspace(copy_workspace(tmp_path / "ws"))
    preview = PreviewServer(ws, 0)
    try:
        preview.rebuild()
        catalogs = ws.translations_dir / "{}" / "LC_MESSAGES" / "layouts.po"
        assert preview.affected([str(catalogs).format("en")]) == {f"{SLUG}.en"}
        assert preview.affected([str(catalogs).format("fr")]) is None  # the workspace's source language
        assert preview.affected([str(catalogs).format("de")]) is None  # a source may declare `lang: de`
        assert preview.affected([str(ws.translations_dir / "en" / "LC_MESSAGES" / f"{SLUG}.po")]) == {
            f"{SLUG}.en"
        }
    finally:
        preview.httpd.server_close()
