"""Build a corpus of real catalog updates for ``bench_fuzzy.py``: older catalog, newer template, truth.

Run: ``python benchmarks/build_po_corpus.py [--cache DIR]``

For each project and pair of released versions below, ``pip download --no-deps
--only-binary :all:`` fetches both wheels from the package index (they ship their
``locale/fr/LC_MESSAGES/*.po``), and for every French catalog present in both:

* ``old.po``: the older version's catalog (the translator's file);
* ``new.pot``: the newer catalog with its translations cleared by GNU gettext
  (``msgattrib --no-obsolete --clear-fuzzy --clear-previous``, then
  ``msgfilter --keep-header sed -e d``): the template the update would use;
* ``truth.po``: the newer catalog itself, what the translators actually wrote.

Everything goes to a cache folder outside the repository (default
``~/.cache/briefgen-po-corpus``); nothing is committed. Already built pairs are kept.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import zipfile
from pathlib import Path

#: (project, older version, newer version): French catalogs in both wheels.
PAIRS = [
    ("Django", "4.2", "5.1"),
    ("Django", "4.0", "4.2"),
    ("wagtail", "5.2", "6.2"),
    ("wagtail", "4.1", "5.2"),
    ("Sphinx", "7.2.6", "8.1.3"),
    ("Sphinx", "5.3.0", "7.2.6"),
]
PIP = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "--quiet"]
DEFAULT_CACHE = Path.home() / ".cache" / "briefgen-po-corpus"


def wheel(project: str, version: str, downloads: Path) -> Path:
    prefix = f"{project.lower()}-{version}-"
    found = sorted(p for p in downloads.glob("*.whl") if p.name.lower().startswith(prefix))
    if not found:
        subprocess.run(
            [*PIP, "-d", str(downloads), f"{project}=={version}"],
            check=True,
        )
        found = sorted(p for p in downloads.glob("*.whl") if p.name.lower().startswith(prefix))
    return found[0]


def french_catalogs(path: Path) -> dict[str, bytes]:
    """``name -> bytes`` of the wheel's fr/LC_MESSAGES/*.po, named after their folder."""
    found = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if "/locale/fr/LC_MESSAGES/" in name and name.endswith(".po"):
                key = name.replace("/locale/fr/LC_MESSAGES/", "--").replace("/", "_")
                found[key] = archive.read(name)
    return found


def template_of(truth: Path) -> bytes:
    cleared = subprocess.run(
        ["msgattrib", "--no-obsolete", "--clear-fuzzy", "--clear-previous", str(truth)],
        check=True,
        capture_output=True,
    ).stdout
    return subprocess.run(
        ["msgfilter", "--keep-header", "sed", "-e", "d"], input=cleared, check=True, capture_output=True
    ).stdout


def build(cache: Path) -> list[Path]:
    downloads = cache / "wheels"
    downloads.mkdir(parents=True, exist_ok=True)
    folders = []
    for project, old, new in PAIRS:
        before = french_catalogs(wheel(project, old, downloads))
        after = french_catalogs(wheel(project, new, downloads))
        for name in sorted(before.keys() & after.keys()):
            folder = cache / "pairs" / f"{project}-{old}-{new}" / name.removesuffix(".po")
            folders.append(folder)
            if (folder / "new.pot").exists():
                continue
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "old.po").write_bytes(before[name])
            (folder / "truth.po").write_bytes(after[name])
            (folder / "new.pot").write_bytes(template_of(folder / "truth.po"))
    return folders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    folders = build(parser.parse_args().cache)
    print(f"{len(folders)} catalog pairs in {parser.parse_args().cache / 'pairs'}")


if __name__ == "__main__":
    main()
