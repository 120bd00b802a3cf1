"""Writing PO/POT files exactly as GNU gettext does (the writer half of :mod:`.pofile`).

An entry briefgen creates or changes is laid out as GNU ``msgcat`` would lay it
out (``write-po.c``): same comment order, same flag order, strings wrapped at 79
columns (:mod:`.wrap`); an untouched entry is written back verbatim.
"""

from __future__ import annotations

import os
import re
from typing import NoReturn

from .model import Catalog, Message
from .poread import codec_of, po_error
from .wrap import PAGE_WIDTH, wrap_string

__all__ = ["format_message", "write_po", "write_po_file"]


# GNU's format_language[] order (format.c), in which msgcat writes "<lang>-format" flags.
_FORMAT_ORDER = {
    lang: i
    for i, lang in enumerate(
        (
            "c",
            "objc",
            "python",
            "python-brace",
            "java",
            "java-printf",
            "csharp",
            "javascript",
            "scheme",
            "lisp",
            "elisp",
            "librep",
            "ruby",
            "sh",
            "awk",
            "lua",
            "object-pascal",
            "smalltalk",
            "qt",
            "qt-plural",
            "kde",
            "kde-kuit",
            "boost",
            "tcl",
            "perl",
            "perl-brace",
            "php",
            "gcc-internal",
            "gfc-internal",
            "ycp",
        )
    )
}
_FORMAT_FLAG = re.compile(r"(no-|possible-|impossible-)?(.+)-format")


def _ordered_flags(msg: Message, first_msgstr: str) -> list[str]:
    """Flags in write-po.c's order: fuzzy, format flags by language, range, no-wrap, then others."""
    formats: dict[str, str] = {}
    ranges: list[str] = []
    others: list[str] = []
    wrap = ""
    for flag in msg.flags:
        m = _FORMAT_FLAG.fullmatch(flag)
        if flag == "fuzzy":
            continue
        if m is not None and m.group(2) in _FORMAT_ORDER:
            # "possible-" is how GNU marks a guess; it writes the plain flag.
            formats[m.group(2)] = f"no-{m.group(2)}-format" if m.group(1) == "no-" else f"{m.group(2)}-format"
        elif flag.startswith("range:"):
            ranges = [flag]
        elif flag in ("wrap", "no-wrap"):
            wrap = flag
        elif flag not in others:
            others.append(flag)
    out = ["fuzzy"] if msg.fuzzy and first_msgstr else []
    out += [formats[lang] for lang in sorted(formats, key=_FORMAT_ORDER.__getitem__)]
    out += ranges + (["no-wrap"] if wrap == "no-wrap" else []) + others
    return out


def _references(refs: list[str], width: int) -> list[str]:
    lines: list[str] = []
    line = "#:"
    column = 2
    seen: set[str] = set()
    for ref in refs:
        if ref in seen:  # GNU keeps one of each file:line
            continue
        seen.add(ref)
        size = len(ref.encode("utf-8")) + 1
        if column > 2 and column + size > width:
            lines.append(line)
            line, column = "#:", 2
        line += " " + ref
        column += size
    lines.append(line)
    return lines


def _comment_lines(mark: str, items: list[str]) -> list[str]:
    out = []
    for item in items:
        for part in item.split("\n"):
            out.append(f"{mark} {part}" if part else mark)
    return out


def format_message(msg: Message, width: int = PAGE_WIDTH, *, wrap: bool = True) -> str:
    """The entry as GNU msgcat writes it, ending with a newline ('' for an untranslated obsolete entry).

    ``width`` and ``wrap`` are msgcat's ``--width`` and ``--no-wrap``: without ``wrap``,
    strings are cut only after ``\\n`` (``#:`` lines still fit ``width``, as in GNU).
    """
    strings = msg.strings
    first = strings[0] if strings else ""
    wrap = wrap and "no-wrap" not in msg.flags
    out = _comment_lines("#", msg.translator_comments)
    if msg.obsolete:
        if not first:  # write-po.c prints nothing for an obsolete entry without translation
            return ""
        flags = _ordered_flags(msg, first)  # GNU keeps an obsolete entry's flags (#, fuzzy, c-format)
        if flags:
            out.append("#, " + ", ".join(flags))
        prev_prefix, prefix = "#~| ", "#~ "
    else:
        out += _comment_lines("#.", msg.extracted_comments)
        if msg.references:
            out += _references(msg.references, width)
        flags = _ordered_flags(msg, first)
        if flags:
            out.append("#, " + ", ".join(flags))
        prev_prefix, prefix = "#| ", ""
    for keyword, value in (
        ("msgctxt", msg.previous_msgctxt),
        ("msgid", msg.previous_msgid),
        ("msgid_plural", msg.previous_msgid_plural),
    ):
        if value is not None:
            out.append(wrap_string(prev_prefix, keyword, value, wrap=wrap, width=width))
    fields = [("msgctxt", msg.msgctxt), ("msgid", msg.msgid)]
    if msg.msgid_plural is None:
        fields.append(("msgstr", msg.msgstr))
    else:
        fields.append(("msgid_plural", msg.msgid_plural))
        fields += [(f"msgstr[{i}]", value) for i, value in enumerate(strings)]
    for keyword, value in fields:
        if value is None:
            continue
        kept = msg.field_lines_if_unchanged(keyword, value)
        if kept is not None:  # a string nobody changed keeps its lines, whoever wrapped them
            out += kept
        else:
            out.append(wrap_string(prefix, keyword, value, wrap=wrap, width=width))
    return "\n".join(out) + "\n"


def write_po(
    catalog: Catalog,
    *,
    width: int = PAGE_WIDTH,
    wrap: bool = True,
    path: str | os.PathLike[str] | None = None,
) -> bytes:
    """The catalog as PO bytes: untouched entries verbatim, the others in GNU layout (see format_message).

    The bytes are in the header's charset, as GNU writes them; a character that charset
    lacks is a :class:`CatalogError` naming ``path`` and the line it would be on.
    """
    encoding = codec_of(catalog.charset)
    if encoding is None:
        po_error(
            f"the catalog declares charset={catalog.charset}, which Python does not know; set charset=UTF-8",
            path,
            catalog.header.lineno if catalog.header is not None else None,
        )
    out: list[str] = []
    entries = [catalog.header] if catalog.header is not None else []
    newline = catalog.newline
    for msg in entries + catalog.messages:
        raw = msg.raw_if_unchanged()
        if raw is None:
            text = format_message(msg, width, wrap=wrap)
            if not text:
                continue
            raw = "\n" + text if out else text
            if newline != "\n":
                raw = raw.replace("\n", newline)
        out.append(raw)
    out.append(catalog.trailer)
    text = "".join(out)
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        _unencodable(text, exc, catalog, path)


def _unencodable(
    text: str, exc: UnicodeEncodeError, catalog: Catalog, path: str | os.PathLike[str] | None
) -> NoReturn:
    char = text[exc.start]
    line = text.count("\n", 0, exc.start) + 1
    entry = text.rfind("\nmsgid ", 0, exc.start + 1)
    where = text[entry + 1 : text.find("\n", entry + 1)] if entry >= 0 else ""
    po_error(
        f"{char!r} (U+{ord(char):04X}) cannot be written in this catalog's charset={catalog.charset}"
        f"{' (entry ' + where[:60] + ')' if where else ''}; "
        "set charset=UTF-8 in the header, or replace the character",
        path,
        line,
    )


def write_po_file(
    catalog: Catalog, path: str | os.PathLike[str], *, width: int = PAGE_WIDTH, wrap: bool = True
) -> None:
    """Write the catalog to ``path`` atomically (temporary file, fsync, rename)."""
    from ..fsutil import atomic_write

    atomic_write(path, write_po(catalog, width=width, wrap=wrap, path=path))
