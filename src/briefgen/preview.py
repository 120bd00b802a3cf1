"""``briefgen preview``: serve the bilingual HTML pages on 127.0.0.1 and rebuild them as files change.

Three parts, each on its own thread:

* the HTTP server (stdlib ``ThreadingHTTPServer``) serves an index of every
  brief (source x target language), the built pages from ``out/`` and one
  Server-Sent Events stream; it serves nothing else (see :meth:`_Handler.route`);
* a watchfiles watcher on ``sources/``, ``translations/`` and ``layouts/``
  rebuilds the pages a change concerns, through the same renderer as
  ``briefgen build --format html``;
* :class:`_State` holds each brief's version and last error, and wakes the
  event streams when either changes. A page reloads itself when its version
  moves; a failed build (a .po saved half-typed) only shows its one-line error
  over the last good page, which stays in ``out/`` untouched.

The reload script and the catalog-entry panel are added to the pages as they are
served, never written into the built files, which stay script-free.
"""

from __future__ import annotations

import errno
import json
import logging
import secrets
import signal
import socketserver
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import click
from markupsafe import Markup

from .build import BuildOptions, Job, build_job
from .config import Workspace
from .errors import BriefgenError
from .render.context import brief_context

__all__ = ["PreviewServer", "serve"]

logger = logging.getLogger("briefgen")

HOST = "127.0.0.1"

#: Formats a brief's page links to when they were built (served as downloads, nothing else from out/).
_DOWNLOADS = {".pdf": "application/pdf", ".epub": "application/epub+zip"}

#: Written into request paths only by someone escaping the served folder: refused with 400, not decoded.
_SUSPICIOUS = ("..", "%2e", "%2f", "%5c", "%00", "\\", "//")

# A stream sends a comment this often so that a dead browser tab is noticed (the write fails).
_KEEPALIVE_SECONDS = 15.0

_OPTIONS = BuildOptions(formats=("html",), quiet=True)


@dataclass
class _Brief:
    """What the index and the event stream know about one page."""

    job: Job
    title: str = ""
    status: str = ""
    version: int = 0  # successful builds; a page reloads when this moves
    error: str | None = None

    @property
    def name(self) -> str:
        return f"{self.job.slug}.{self.job.lang}"


class _State:
    """Every brief's version and last error; a condition wakes the event streams on each change."""

    def __init__(self) -> None:
        self.briefs: dict[str, _Brief] = {}
        self.generation = 0
        self.closed = False
        self.changed = threading.Condition()

    def snapshot(self) -> dict[str, Any]:
        with self.changed:
            return {
                "generation": self.generation,
                "briefs": {n: {"version": b.version, "error": b.error} for n, b in self.briefs.items()},
            }

    def bump(self) -> None:
        with self.changed:
            self.generation += 1
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> bool:
        """Block until the generation differs from ``seen`` or ``timeout``; False once closed."""
        with self.changed:
            self.changed.wait_for(lambda: self.closed or self.generation != seen, timeout)
            return not self.closed

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()


class PreviewServer:
    """The preview of one workspace: :meth:`start` builds, binds and serves; :meth:`stop` undoes it."""

    def __init__(self, ws: Workspace, port: int) -> None:
        self.ws = ws
        self.state = _State()
        self._stop = threading.Event()
        self._lock = threading.Lock()  # one rebuild at a time: the watcher's and the start-up one
        try:
            self.httpd = _Server((HOST, port), _Handler)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise BriefgenError(
                    f"port {port} is in use; pass --port with a free one (e.g. --port {port + 1})"
                ) from None
            if exc.errno == errno.EACCES:
                raise BriefgenError(
                    f"port {port} needs privileges; pass --port with a number above 1023"
                ) from None
            raise BriefgenError(
                f"cannot listen on {HOST}:{port} ({exc.strerror}); pass another --port"
            ) from None
        self.httpd.preview = self
        self.port: int = self.httpd.server_address[1]
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    # -- building ------------------------------------------------------------------------------

    def _jobs(self) -> list[Job]:
        langs = self.ws.settings.target_langs
        return [Job(p.stem, p.resolve(), lang, ("html",)) for p in self.ws.source_paths() for lang in langs]

    def rebuild(self, names: set[str] | None = None) -> None:
        """Rebuild the pages named ``slug.lang`` (all when None); never raises for a broken brief."""
        with self._lock:
            jobs = self._jobs()
            current = {f"{j.slug}.{j.lang}" for j in jobs}
            with self.state.changed:
                for gone in set(self.state.briefs) - current:  # a source was deleted or renamed
                    del self.state.briefs[gone]
            for job in jobs:
                name = f"{job.slug}.{job.lang}"
                brief = self.state.briefs.get(name)
                if names is not None and name not in names and brief is not None:
                    continue
                title = status = error = None
                try:
                    made = build_job(self.ws, job, _OPTIONS)
                    # The title as the page shows it: Markdown removed, typography applied.
                    title, status = brief_context(made).title.source.plain, made.status.line()
                except BriefgenError as exc:
                    error = exc.format_message()
                except Exception as exc:
                    # The preview must outlive any brief: a bug shows on the page, the server goes on.
                    logger.debug("preview build of %s failed", name, exc_info=True)
                    error = f"internal error ({type(exc).__name__}: {exc}); run 'briefgen --debug build'"
                with self.state.changed:
                    brief = self.state.briefs.setdefault(name, _Brief(job))
                    brief.job, brief.error = job, error
                    if title is not None and status is not None:
                        brief.title, brief.status = title, status
                        brief.version += 1
                if error is None:
                    logger.info("%s: rebuilt", name)
                else:
                    # Logged, not raised: the page shows it and keeps the last good version.
                    logger.error("%s", error)
            self.state.bump()

    def affected(self, paths: Iterable[str]) -> set[str] | None:
        """The pages a set of changed files concerns (None: all of them)."""
        names: set[str] = set()
        langs = self.ws.settings.target_langs
        for raw in paths:
            path = Path(raw)
            for folder in (self.ws.layouts_dir, self.ws.sources_dir, self.ws.translations_dir):
                if path.is_relative_to(folder):
                    parts = path.relative_to(folder).parts
                    break
            else:
                continue
            if folder == self.ws.layouts_dir:
                return None
            if folder == self.ws.sources_dir and path.suffix == ".md":
                names.update(f"{path.stem}.{lang}" for lang in langs)
            elif folder == self.ws.translations_dir and path.suffix == ".po" and len(parts) == 3:
                lang, domain = parts[0], path.stem
                if domain != "layouts":
                    names.add(f"{domain}.{lang}")
                elif lang in langs:
                    names.update(n for n in self.state.briefs if n.endswith(f".{lang}"))
                else:  # a source language's layout strings: the workspace's, or one a source declares
                    return None
        return names

    def _watch(self) -> None:
        import watchfiles

        folders = [
            p for p in (self.ws.sources_dir, self.ws.translations_dir, self.ws.layouts_dir) if p.is_dir()
        ]
        if not folders:
            self._stop.wait()
            return
        # watchfiles' default filter already drops editor swap and backup files (.swp, ~).
        for changes in watchfiles.watch(*folders, stop_event=self._stop, raise_interrupt=False):
            names = self.affected(path for _change, path in changes)
            if names is None or names:
                self.rebuild(names)

    # -- life cycle ----------------------------------------------------------------------------

    def start(self) -> None:
        """Build every page, then serve and watch on background threads."""
        self.rebuild()
        for target, name in ((self.httpd.serve_forever, "preview-http"), (self._watch, "preview-watch")):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def wait(self) -> None:
        """Block until :meth:`stop` (or Ctrl-C, which interrupts the wait)."""
        while not self._stop.wait(0.5):
            pass

    def stop(self) -> None:
        """Stop watching and serving; wakes the event streams so that their threads end."""
        self._stop.set()
        self.state.close()
        if self._threads:
            self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=10)


def serve(ws: Workspace, port: int) -> None:
    """Run the preview of ``ws`` on 127.0.0.1:``port`` until Ctrl-C."""
    server = PreviewServer(ws, port)
    # A service manager's SIGTERM stops the preview as cleanly as Ctrl-C does.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.start()
        click.echo(f"Previewing {len(server.state.briefs)} brief(s) at {server.url} (Ctrl-C to stop)")
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)
    click.echo("preview stopped", err=True)


def _interrupt(signum: int, frame: object) -> None:  # noqa: ARG001 - signal handler signature
    raise KeyboardInterrupt


# -- HTTP ----------------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream must not keep the process alive after Ctrl-C
    preview: PreviewServer

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host's FQDN, a DNS lookup that can stall start-up.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = HOST, self.server_address[1]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "briefgen-preview"

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("preview: " + format, *args)

    def do_GET(self) -> None:
        self.route(head=False)

    def do_HEAD(self) -> None:
        self.route(head=True)

    def route(self, *, head: bool) -> None:
        """Index, event stream, built pages and their PDF/EPUB; 400 or 404 for anything else."""
        preview = self.server.preview
        # Pages must be read on this machine: refusing other Host names defeats DNS rebinding.
        host = self.headers.get("Host", "")
        if host not in (f"{HOST}:{preview.port}", f"localhost:{preview.port}"):
            self.send_error(HTTPStatus.BAD_REQUEST, "unexpected Host header")
            return
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith("/") or any(bad in path.lower() for bad in _SUSPICIOUS):
            self.send_error(HTTPStatus.BAD_REQUEST, "bad path")
            return
        name = unquote(path[1:])
        if name in ("", "index.html"):
            self._send(200, "text/html; charset=utf-8", self._index(), head=head)
        elif name == "events" and not head:
            self._events()
        elif name.endswith(".html") and name.removesuffix(".html") in preview.state.briefs:
            self._page(name.removesuffix(".html"), head=head)
        elif Path(name).suffix in _DOWNLOADS:
            self._download(name, head=head)
        else:
            self.send_error(HTTPStatus.NOT_FOUND, "not a brief of this workspace")

    def _send(self, code: int, content_type: str, body: bytes, *, head: bool, csp: str | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if csp:
            self.send_header("Content-Security-Policy", csp)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _page(self, name: str, *, head: bool) -> None:
        preview = self.server.preview
        with preview.state.changed:
            brief = preview.state.briefs.get(name)
            generation = preview.state.generation
            # The brief is gone when its source was deleted since the request was routed.
            version = brief.version if brief else 0
            error = brief.error if brief else "this brief's source was removed"
        path = preview.ws.out_dir / f"{name}.html"
        text: str | None = None
        if version:
            try:
                text = path.read_text(encoding="utf-8")
            except OSError:
                text = None
        if text is None:  # never built successfully: only the error can be shown
            text = _render(preview.ws, "empty.html.j2", {"title": name})
        nonce = secrets.token_urlsafe(16)
        client = _client_values(nonce, page=name, version=version, generation=generation, error=error)
        script = _render(preview.ws, "client.html.j2", client)
        at = text.lower().rfind("</body>")
        text = text[:at] + script + text[at:] if at >= 0 else text + script
        # The built page may only use what it carries; the injected script may only talk to this server.
        csp = (
            f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
            f"script-src 'nonce-{nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'"
        )
        self._send(200, "text/html; charset=utf-8", text.encode("utf-8"), head=head, csp=csp)

    def _download(self, name: str, *, head: bool) -> None:
        preview = self.server.preview
        stem, suffix = name.rsplit(".", 1)
        # EPUB reading modes other than the default carry their name: slug.lang.parallel.epub.
        brief = stem.removesuffix(".parallel").removesuffix(".source").removesuffix(".target")
        out = preview.ws.out_dir.resolve()
        path = (out / name).resolve()
        if brief not in preview.state.briefs or path.parent != out or not path.is_file():
            self.send_error(HTTPStatus.NOT_FOUND, "not built")
            return
        self._send(200, _DOWNLOADS["." + suffix], path.read_bytes(), head=head)

    def _events(self) -> None:
        state = self.server.preview.state
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = -1
        try:
            self.wfile.write(b"retry: 500\n\n")  # reconnect quickly when the preview is restarted
            while True:
                snapshot = state.snapshot()
                if snapshot["generation"] != seen:
                    seen = snapshot["generation"]
                    self.wfile.write(f"data: {json.dumps(snapshot)}\n\n".encode())
                else:
                    self.wfile.write(b": keepalive\n\n")
                self.wfile.flush()
                if not state.wait(seen, _KEEPALIVE_SECONDS):
                    break
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab was closed or reloaded
        self.close_connection = True

    def _index(self) -> bytes:
        preview = self.server.preview
        ws = preview.ws
        with preview.state.changed:
            briefs = sorted(preview.state.briefs.values(), key=lambda b: (b.job.slug, b.job.lang))
            generation = preview.state.generation
        items = [
            {
                "name": b.name,
                "slug": b.job.slug,
                "lang": b.job.lang,
                "title": b.title or b.job.slug,
                "status": b.status,
                "error": b.error,
                "downloads": [
                    (p.name, p.suffix[1:].upper())
                    for p in (ws.out_dir / f"{b.name}.pdf", ws.out_dir / f"{b.name}.epub")
                    if p.is_file()
                ],
            }
            for b in briefs
        ]
        nonce = secrets.token_urlsafe(16)
        values = {
            "project": ws.settings.project,
            "source_lang": ws.settings.source_lang,
            "briefs": items,
            **_client_values(nonce, page=None, version=0, generation=generation, error=None),
        }
        page = _render(ws, "index.html.j2", values)
        return page.encode("utf-8")


def _json(value: object) -> Markup:
    # "<" escaped so that a message holding "</script>" cannot end the script element.
    return Markup(json.dumps(value).replace("<", "\\u003c"))


def _render(ws: Workspace, name: str, values: dict[str, Any]) -> str:
    """A preview layout (``layouts/preview/``: the workspace's copy, else briefgen's)."""
    from .render.templates import render_template

    return render_template(ws.layouts_dir, f"preview/{name}", values)


def _client_values(
    nonce: str, *, page: str | None, version: int, generation: int, error: str | None
) -> dict[str, Any]:
    state = {"page": page, "version": version, "generation": generation, "error": error}
    return {"nonce": nonce, "state": _json(state)}
