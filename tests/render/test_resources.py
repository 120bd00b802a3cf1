"""The resource guard: only files inside the workspace (or briefgen's own layouts), never the network."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import RenderError, SecurityError
from briefgen.render.fetcher import GuardedURLFetcher, RefusedResource
from briefgen.render.resources import is_data_url, read_data_url, resolve_local
from briefgen.render.templates import DEFAULT_LAYOUTS


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    (root / "sources" / "img").mkdir(parents=True)
    (root / "sources" / "img" / "map.png").write_bytes(b"\x89PNG fake")
    (root / "layouts").mkdir()
    (root / "layouts" / "brief.css").write_text("p {}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    return root


def test_relative_path_inside_workspace(workspace: Path) -> None:
    found = resolve_local("img/map.png", workspace / "sources", workspace)
    assert found == (workspace / "sources" / "img" / "map.png").resolve()


def test_file_url_and_percent_escapes_inside_workspace(workspace: Path) -> None:
    url = (workspace / "sources" / "img" / "map.png").as_uri()
    assert resolve_local(url, workspace, workspace).name == "map.png"
    assert resolve_local("img/map%2Epng?v=1#top", workspace / "sources", workspace).name == "map.png"


def test_briefgen_default_layouts_are_allowed(workspace: Path) -> None:
    font = DEFAULT_LAYOUTS / "fonts" / "NotoSerif-Regular.ttf"
    assert resolve_local(font.as_uri(), workspace, workspace) == font.resolve()


@pytest.mark.parametrize(
    "url",
    [
        "../../secret.txt",
        "img/../../../secret.txt",
        "%2e%2e/%2e%2e/secret.txt",
        "/etc/passwd",
        "file:///etc/passwd",
        "file://otherhost/etc/passwd",
    ],
)
def test_paths_outside_the_workspace_are_refused(workspace: Path, url: str) -> None:
    with pytest.raises(SecurityError, match="refused"):
        resolve_local(url, workspace / "sources", workspace)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://example.com/style.css",
        "HTTPS://example.com/x",
        "ftp://example.com/x",
        "http://169.254.169.254/latest/meta-data/",
        "//example.com/x.png",
        "gopher://example.com/",
    ],
)
def test_network_urls_are_refused_without_a_connection(
    workspace: Path, url: str, no_network: list[object]
) -> None:
    with pytest.raises(SecurityError, match="never reads resources from the network"):
        resolve_local(url, workspace / "sources", workspace)
    with pytest.raises(RefusedResource) as caught:
        GuardedURLFetcher(workspace).fetch(url)
    assert isinstance(caught.value.error, SecurityError)
    assert no_network == []


def test_symlink_leaving_the_workspace_is_refused(workspace: Path) -> None:
    link = workspace / "sources" / "img" / "innocent.png"
    link.symlink_to(workspace.parent / "secret.txt")
    with pytest.raises(SecurityError, match="symbolic link"):
        resolve_local("img/innocent.png", workspace / "sources", workspace)


def test_symlink_inside_the_workspace_is_allowed(workspace: Path) -> None:
    (workspace / "sources" / "alias.png").symlink_to(workspace / "sources" / "img" / "map.png")
    assert resolve_local("alias.png", workspace / "sources", workspace).name == "map.png"


def test_missing_file_is_a_clear_render_error(workspace: Path) -> None:
    with pytest.raises(RenderError, match=r"resource not found: 'img/nope\.png'") as caught:
        resolve_local("img/nope.png", workspace / "sources", workspace)
    assert not isinstance(caught.value, SecurityError)
    unchecked = resolve_local("img/nope.png", workspace / "sources", workspace, must_exist=False)
    assert unchecked.name == "nope.png"


def test_data_urls_need_no_fetching(workspace: Path) -> None:
    assert is_data_url(" DATA:text/plain,hi")
    assert read_data_url("data:text/plain;base64,aGk=") == (b"hi", "text/plain")
    assert read_data_url("data:,a%20b") == (b"a b", "text/plain")
    with pytest.raises(ValueError, match="is_data_url"):
        resolve_local("data:,x", workspace, workspace)
    response = GuardedURLFetcher(workspace).fetch("data:image/png;base64,iVBORw0=")
    assert response.content_type == "image/png"


def test_fetcher_reads_allowed_files_and_records_them(workspace: Path) -> None:
    fetcher = GuardedURLFetcher(workspace)
    response = fetcher.fetch((workspace / "layouts" / "brief.css").as_uri())
    assert response.read() == b"p {}"
    assert response.content_type == "text/css"
    assert fetcher.fetched == [(workspace / "layouts" / "brief.css").resolve()]


def test_fetcher_stops_rendering_on_a_refused_file(workspace: Path) -> None:
    fetcher = GuardedURLFetcher(workspace)
    with pytest.raises(RefusedResource) as caught:
        fetcher.fetch("file:///etc/passwd")
    assert isinstance(caught.value.error, SecurityError)
    # WeasyPrint catches Exception from fetchers and only warns: the refusal must not be one.
    assert not isinstance(caught.value, Exception)
    assert fetcher.fetched == []
