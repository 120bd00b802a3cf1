"""Issue 18, lost saves: ``merge -U`` takes update's lock and never overwrites a file saved meanwhile.

The race is made deterministic with a FIFO as the template: ``merge -U`` has read the
catalog and waits on the FIFO while the test saves the catalog "as a translator's
editor would", then feeds the template. No sleep, no timing.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

SLUG = "narcotrafic-diplomatie"
CATALOG = f"translations/en/LC_MESSAGES/{SLUG}.po"
TEMPLATE = f"translations/{SLUG}.pot"


def _hidden_temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_merge_update_is_refused_while_update_holds_the_lock(workspace: Path) -> None:
    catalog = workspace / CATALOG
    before = catalog.read_bytes()
    lock = workspace / "translations" / ".briefgen.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as `briefgen update` holds it
        done = run_cli("merge", "-U", "--width", "40", CATALOG, TEMPLATE, cwd=workspace)
    finally:
        os.close(fd)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "another briefgen command is working on this workspace" in done.stderr
    assert catalog.read_bytes() == before


def _merge_update_fed_by_a_fifo(workspace: Path, save: bytes | None) -> subprocess.CompletedProcess[str]:
    """``merge -U`` the catalog with the template plus one new message, fed through a FIFO;
    with ``save``, the catalog is saved with those bytes after merge read it, before the template."""
    catalog = workspace / CATALOG
    pot = (workspace / TEMPLATE).read_bytes() + b'\nmsgid "Nouveau message"\nmsgstr ""\n'
    fifo = workspace / "template.pot"
    os.mkfifo(fifo)
    args = [sys.executable, "-m", "briefgen", "merge", "-U", CATALOG, fifo.name]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with subprocess.Popen(
        args, cwd=workspace, env=env, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True
    ) as merging:
        with fifo.open("wb") as feed:  # returns once merge has read the catalog and opened the FIFO
            if save is not None:
                catalog.write_bytes(save)  # the translator's save
            feed.write(pot)
        _, stderr = merging.communicate(timeout=60)
    return subprocess.CompletedProcess(args, merging.returncode, "", stderr)


def test_merge_update_keeps_a_catalog_saved_while_it_worked(workspace: Path) -> None:
    catalog = workspace / CATALOG
    saved = catalog.read_bytes().replace(b'msgstr "drug trafficking"', b'msgstr "narcotics trade"')
    merging = _merge_update_fed_by_a_fifo(workspace, saved)
    assert merging.returncode == 1, merging.stderr
    assert "Traceback" not in merging.stderr
    assert f"{CATALOG}: error: this file changed while briefgen was working" in merging.stderr
    assert catalog.read_bytes() == saved
    assert _hidden_temporaries(catalog.parent) == []


def test_merge_update_without_a_concurrent_save_writes(workspace: Path) -> None:
    """The control: the same FIFO template, no save meanwhile, and the new message is merged."""
    catalog = workspace / CATALOG
    merging = _merge_update_fed_by_a_fifo(workspace, None)
    assert merging.returncode == 0, merging.stderr
    assert b'msgid "Nouveau message"' in catalog.read_bytes()
    assert _hidden_temporaries(catalog.parent) == []


def test_atomic_write_leaves_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    """What ``update`` does for each catalog: the state noted at the read is checked before the rename."""
    from briefgen.errors import BriefgenError
    from briefgen.fsutil import atomic_write
    from briefgen.guard import file_state

    path = tmp_path / "fr.po"
    path.write_bytes(b"as read\n")
    state = file_state(path)
    path.write_bytes(b"saved by the translator, longer\n")
    with pytest.raises(BriefgenError, match="this file changed while briefgen was working"):
        atomic_write(path, b"merged\n", expect=state)
    assert path.read_bytes() == b"saved by the translator, longer\n"
    assert _hidden_temporaries(tmp_path) == []
    atomic_write(path, b"merged\n", expect=file_state(path))
    assert path.read_bytes() == b"merged\n"
