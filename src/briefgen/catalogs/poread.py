"""Reading PO/POT files exactly as GNU gettext does (the reader half of :mod:`.pofile`).

Reading then writing a catalog gives back the same bytes: every entry keeps its
source text while its fields are unchanged (:meth:`Message.raw_if_unchanged`).
A file gettext would refuse is refused with a :class:`~briefgen.errors.CatalogError`
naming the file and line; as msgfmt does, every error of the file is listed
(:class:`~briefgen.errors.CatalogErrors`), the reader starting again at the next
blank line after each one. A catalog in another charset than UTF-8 (ISO-8859-1,
CP1252...) is read in that charset; :attr:`Catalog.encoding` says which, for the writer.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import NoReturn

from ..guard import read_guarded
from .model import Catalog
from .poparse import EOT_MESSAGE, EntryParser

__all__ = ["UTF8_NAMES", "codec_of", "po_error", "read_po", "read_po_file"]


def po_error(message: str, path: str | os.PathLike[str] | None, line: int | None) -> NoReturn:
    """Raise a CatalogError for ``path`` at ``line`` (1-based; None: the whole file)."""
    # Imported here: errors.py pulls in click (~12 ms), which `merge` start-up does not need.
    from ..errors import CatalogError

    raise CatalogError(message, path, line)


def _declared_charset(data: bytes) -> tuple[str, int] | None:
    """The charset named in the header's Content-Type, and its line, read before decoding."""
    m = re.search(rb'"Content-Type:[^"\\]*charset=([^\\"\s;]+)', data[:8192])
    if m is None:
        return None
    return m.group(1).decode("ascii", "replace"), data.count(b"\n", 0, m.start()) + 1


UTF8_NAMES = {"UTF-8", "UTF8", "CHARSET"}


def codec_of(charset: str | None) -> str | None:
    """Python's codec for a PO ``charset=`` value (None: not a charset Python knows).

    ``CHARSET`` (xgettext's placeholder) and a missing charset mean UTF-8, as for msgmerge.
    """
    if charset is None or charset.upper() in UTF8_NAMES:
        return "utf-8"
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def _decode(data: bytes, path: str | os.PathLike[str] | None) -> tuple[str, str]:
    """The text of ``data`` in its declared charset, and the codec used."""
    declared = _declared_charset(data)
    encoding = "utf-8"
    if declared is not None:
        name, line = declared
        found = codec_of(name)
        if found is None or found.startswith(("utf-16", "utf-32")):
            po_error(
                f"the file declares charset={name}, which is not an ASCII-compatible charset; "
                "convert it with `msgconv --to-code=UTF-8` and set charset=UTF-8",
                path,
                line,
            )
        encoding = found
        if encoding != "utf-8" and not data.isascii() and _is_utf8(data):
            # Non-ASCII bytes that happen to be valid UTF-8 are, in practice, a UTF-8 file whose header
            # was not updated: read as Latin-1 every accented letter would become two characters.
            po_error(
                f"the header declares charset={name} but the file is UTF-8; set charset=UTF-8",
                path,
                line,
            )
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        po_error(
            f"this line is not valid {'UTF-8' if encoding == 'utf-8' else encoding}; re-save the file "
            "in the header's charset, or convert it (msgconv --to-code=UTF-8)",
            path,
            line,
        )


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def read_po(data: bytes, path: str | os.PathLike[str] | None = None) -> Catalog:
    """Parse PO/POT ``data``; errors are :class:`CatalogError` with the file and line.

    A file with several errors raises :class:`CatalogErrors` listing all of them.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        po_error(
            "the file starts with a byte-order mark (BOM), which GNU gettext refuses too; "
            "save it as UTF-8 without BOM",
            path,
            1,
        )
    text, encoding = _decode(data, path)
    if "\x04" in text:
        po_error(EOT_MESSAGE, path, text.count("\n", 0, text.index("\x04")) + 1)
    reader = EntryParser(text, path, encoding)
    reader.read()
    catalog = reader.catalog()  # duplicates among the entries read are errors too, as for msgfmt
    reader.raise_errors()
    catalog.encoding = encoding
    _check(catalog, reader)
    reader.raise_errors()
    return catalog


def _check(catalog: Catalog, reader: EntryParser) -> None:
    header = catalog.header
    if header is None:
        if not catalog.messages:
            return  # an empty file (or only comments) is a catalog with no messages, as for msgmerge
        reader.errors.append(
            (
                catalog.messages[0].lineno,
                'no header entry (msgid "" with Content-Type) at the top of the file; '
                "add one, or create the catalog with `briefgen init`",
            )
        )
        return
    plural = [m for m in catalog.messages if m.msgid_plural is not None and not m.obsolete]
    if not plural:
        return
    forms = catalog.header_get("Plural-Forms")
    if forms is None:
        reader.errors.append(
            (
                plural[0].lineno,
                "plural entries need a Plural-Forms field in the header; add e.g. "
                '"Plural-Forms: nplurals=2; plural=(n > 1);\\n" for your language',
            )
        )
        return
    nplurals = catalog.nplurals
    if nplurals is None:
        if "INTEGER" not in forms:  # xgettext's template placeholder is allowed
            reader.errors.append(
                (header.lineno, "the Plural-Forms header field has no valid nplurals=N; fix it")
            )
        return
    # More forms than nplurals is Django's quirk (CLDR's forms, gettext's formula): msgmerge and
    # msgfmt accept it, so briefgen reads it and keeps every form (check and stats warn).
    for msg in plural:
        if len(msg.msgstr_plural) < nplurals:
            reader.errors.append(
                (
                    msg.lineno,
                    f"this entry has {len(msg.msgstr_plural)} plural forms but the header says "
                    f"nplurals={nplurals}; write msgstr[0] to msgstr[{nplurals - 1}]",
                )
            )


def read_po_file(path: str | os.PathLike[str], root: Path | None = None) -> Catalog:
    """Read a PO/POT file; an unreadable file is a :class:`CatalogError` too.

    With ``root`` (the workspace), a symbolic link out of it is refused; a FIFO,
    device or folder is refused whatever ``root`` (see :func:`briefgen.guard.read_guarded`).
    """
    try:
        data = read_guarded(path, root, what="catalog")
    except OSError as exc:
        po_error(f"cannot read this catalog: {exc.strerror}; check the path", path, None)
    return read_po(data, path)
