"""Hyphenation patterns kept in the cache folder: the same hyphenation, whatever the cache holds.

Each case runs a fresh interpreter: Pyphen's own cache lives as long as the process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefgen.render.hyphenation import cache_folder

WORDS = ["hyphenation", "international", "trafficking", "narcotrafic", "diplomatique", "stupéfiants"]

# Preloads French and English, then reports what Pyphen parsed itself, how the words
# hyphenate, and whether the dictionaries equal the ones Pyphen builds on its own.
REPORT = """
import json, pyphen
parsed = []
_init = pyphen.HyphDict.__init__
def _recording(self, path):
    parsed.append(path.name)
    _init(self, path)
pyphen.HyphDict.__init__ = _recording
from briefgen.render.hyphenation import preload
preload(["fr", "en-GB"])
words = {words!r}
fresh = {{}}
for lang in ("fr", "en_GB"):
    ours = pyphen.hdcache[pyphen.LANGUAGES[lang]]
    theirs = object.__new__(pyphen.HyphDict)
    _init(theirs, pyphen.LANGUAGES[lang])
    fresh[lang] = vars(ours) == vars(theirs)
hyphenated = {{lang: [pyphen.Pyphen(lang=lang).inserted(w) for w in words] for lang in ("fr", "en_GB")}}
print(json.dumps({{"parsed": parsed, "hyphenated": hyphenated, "same_as_pyphen": fresh}}))
"""


def _run(cache_home: Path) -> dict[str, object]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(REPORT.format(words=WORDS))],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert done.stderr == ""
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _cached(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "briefgen" / "hyphenation").glob("*.marshal"))


def test_parsed_once_then_read_from_the_cache_with_the_same_hyphenation(tmp_path: Path) -> None:
    first = _run(tmp_path)
    assert sorted(first["parsed"]) == ["hyph_en_GB.dic", "hyph_fr.dic"]  # type: ignore[arg-type]
    assert [path.name.split("-")[0] for path in _cached(tmp_path)] == ["hyph_en_GB", "hyph_fr"]
    second = _run(tmp_path)
    assert second["parsed"] == []
    assert second["hyphenated"] == first["hyphenated"]
    assert second["same_as_pyphen"] == {"fr": True, "en_GB": True}
    assert "hy-phen-a-tion" in second["hyphenated"]["en_GB"]  # type: ignore[index]


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe9"])
def test_a_damaged_cache_file_is_parsed_again_and_replaced(tmp_path: Path, damage: bytes) -> None:
    good = _run(tmp_path)
    for path in _cached(tmp_path):
        path.write_bytes(damage)
    again = _run(tmp_path)
    assert sorted(again["parsed"]) == ["hyph_en_GB.dic", "hyph_fr.dic"]  # type: ignore[arg-type]
    assert again["hyphenated"] == good["hyphenated"]
    assert _run(tmp_path)["parsed"] == []  # the damaged files were rewritten


def test_an_unwritable_cache_folder_costs_only_the_parse(tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder would be")
    report = _run(blocked)
    assert sorted(report["parsed"]) == ["hyph_en_GB.dic", "hyph_fr.dic"]  # type: ignore[arg-type]
    assert report["same_as_pyphen"] == {"fr": True, "en_GB": True}


def test_a_changed_dictionary_is_not_read_from_a_stale_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyphen  # type: ignore[import-untyped]

    from briefgen.render import hyphenation

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    dic = tmp_path / "hyph_xx.dic"
    dic.write_text("UTF-8\n1ba\n", encoding="utf-8")
    first = hyphenation._dictionary(dic)
    assert first.patterns == {"ba": (0, (1,))}
    dic.write_text("UTF-8\n1ba\nab1c\n", encoding="utf-8")  # same name, new content and size
    second = hyphenation._dictionary(dic)
    assert second.patterns == pyphen.HyphDict(dic).patterns == {"ba": (0, (1,)), "abc": (2, (1,))}
    assert len(list((tmp_path / "cache").rglob("*.marshal"))) == 2


def test_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "briefgen" / "hyphenation"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "briefgen" / "hyphenation"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # invalid by the spec: ignored
    assert cache_folder() == tmp_path / "home" / ".cache" / "briefgen" / "hyphenation"


def test_a_pyphen_that_builds_its_dictionaries_otherwise_is_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyphen  # type: ignore[import-untyped]

    from briefgen.render import hyphenation

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    parse = pyphen.HyphDict.__init__

    def with_more_state(self: pyphen.HyphDict, path: Path) -> None:
        parse(self, path)
        self.alternatives = {}  # what a later Pyphen might add; the cache could not rebuild it

    monkeypatch.setattr(pyphen.HyphDict, "__init__", with_more_state)
    dic = tmp_path / "hyph_xx.dic"
    dic.write_text("UTF-8\n1ba\n", encoding="utf-8")
    assert hyphenation._dictionary(dic).alternatives == {}
    assert not (tmp_path / "cache").exists()
