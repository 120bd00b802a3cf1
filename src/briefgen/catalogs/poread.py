"""Reading PO/POT files exactly as GNU gettext does (the reader half of :mod:`.pofile`).

Reading then writing a catalog gives back the same bytes: every entry keeps its
source text while its fields are unchanged (:meth:`Message.raw_if_unchanged`).
A file gettext would refuse is refused with a :class:`~briefgen.errors.CatalogError`
naming the file and line.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NoReturn

from ..guard import read_guarded
from .model import Catalog, Message

__all__ = ["UTF8_NAMES", "po_error", "read_po", "read_po_file"]


def po_error(message: str, path: str | os.PathLike[str] | None, line: int | None) -> NoReturn:
    """Raise a CatalogError for ``path`` at ``line`` (1-based; None: the whole file)."""
    # Imported here: errors.py pulls in click (~12 ms), which `merge` start-up does not need.
    from ..errors import CatalogError

    raise CatalogError(message, path, line)


_LINE = re.compile(
    r'[ \t]*(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)?[ \t]*"([^"\\]*(?:\\.[^"\\]*)*)"[ \t\r]*'
)
_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"[ \t\r]*')
_TOKEN = re.compile(r'[ \t\r]*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|([A-Za-z_]+(?:\[\d*\])?)|(\S))')
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.)|$)", re.S)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_SIMPLE_ESCAPES.update({"\\": "\\", '"': '"', "'": "'", "?": "?"})
_KEYWORDS = ("msgctxt", "msgid", "msgid_plural", "msgstr")
_PLAIN_KEYWORDS = frozenset(_KEYWORDS)


class _Entry:
    """An entry being read: string pieces per field, then turned into a :class:`Message`."""

    __slots__ = (
        "comments", "complete", "ctxt", "extracted", "flags", "kw_line", "last", "lineno", "mid",
        "mid_plural", "mstr", "obsolete", "plural", "prev", "prev_target", "references", "start", "target",
    )  # fmt: skip

    def __init__(self, start: int) -> None:
        self.start = start
        self.lineno = 0
        self.obsolete: bool | None = None
        self.comments: list[str] = []
        self.extracted: list[str] = []
        self.references: list[str] = []
        self.flags: list[str] = []
        self.ctxt: list[str] | None = None
        self.mid: list[str] | None = None
        self.mid_plural: list[str] | None = None
        self.mstr: list[str] | None = None
        self.plural: dict[int, list[str]] = {}
        self.prev: dict[str, list[str]] = {}
        self.target: list[str] | None = None
        self.prev_target: list[str] | None = None
        self.complete = False
        self.kw_line = 0
        self.last = start


class _Reader:
    def __init__(self, text: str, path: str | os.PathLike[str] | None) -> None:
        self.path = path
        self.lines = text.split("\n")
        self.crlf = text.count("\r\n")
        self.entries: list[tuple[_Entry, int]] = []  # entry, index of the line after its end
        self.cur: _Entry | None = None
        self.end = 0  # index of the line after the last finished entry

    def fail(self, message: str, index: int) -> NoReturn:
        po_error(message, self.path, index + 1)

    def unescape(self, piece: str, index: int) -> str:
        if "\\" not in piece:
            return piece
        as_bytes = False

        def repl(m: re.Match[str]) -> str:
            nonlocal as_bytes
            octal, hexa, other = m.groups()
            if octal or hexa:
                as_bytes = True
                return m.group(0)
            simple = _SIMPLE_ESCAPES.get(other or "")
            if simple is None:
                self.fail(
                    f"invalid escape sequence '\\{other or ''}' in a string; write '\\\\' for a backslash",
                    index,
                )
            return simple

        text = _ESCAPE.sub(repl, piece)
        if not as_bytes:
            return text
        # Octal and hex escapes stand for bytes, which may be parts of one UTF-8 character.
        data = bytearray()
        pos = 0
        for m in _ESCAPE.finditer(piece):
            data += piece[pos : m.start()].encode("utf-8")
            octal, hexa, other = m.groups()
            if octal or hexa:
                data.append(int(octal, 8) & 0xFF if octal else int(hexa, 16) & 0xFF)
            else:
                data += _SIMPLE_ESCAPES[other].encode("utf-8")
            pos = m.end()
        data += piece[pos:].encode("utf-8")
        try:
            decoded = data.decode("utf-8")
        except UnicodeDecodeError:
            self.fail("octal or hex escapes do not form valid UTF-8; write the characters themselves", index)
        if "\x04" in decoded:
            self.fail(_EOT, index)
        return decoded

    def read(self) -> None:
        string = _STRING.fullmatch
        for index, line in enumerate(self.lines):
            if line[:1] == '"':
                # Continuation lines are most of a catalog: handle them without the general path,
                # and the usual one ("text", no escape, nothing after it) without a regex.
                cur = self.cur
                if cur is not None and cur.target is not None and cur.obsolete is False:
                    piece = line[1:-1]
                    if line[-1:] == '"' and '"' not in piece and "\\" not in piece:
                        cur.target.append(piece)
                        cur.last = index
                        continue
                    m = string(line)
                    if m is not None:
                        piece = m.group(1)
                        cur.target.append(self.unescape(piece, index) if "\\" in piece else piece)
                        cur.last = index
                        continue
            elif line[:3] == "msg":
                # Likewise `msgid "text"` and `msgstr "text"`: the keyword, one plain string.
                keyword, _, rest = line.partition(' "')
                piece = rest[:-1]
                if keyword in _PLAIN_KEYWORDS and rest[-1:] == '"' and '"' not in piece and "\\" not in piece:
                    self.keyword(keyword, piece, index, False)
                    self.cur.last = index  # type: ignore[union-attr]  # keyword() made or kept one
                    continue
            stripped = line.strip()
            if not stripped:
                continue
            if stripped[0] == "#":
                self.comment(stripped, index)
                continue
            self.keywords(line, index, obsolete=False, previous=False)
        cur = self.cur
        if cur is not None:
            if cur.mid is None or not cur.complete:
                self.incomplete(cur)
            self.finish()

    def incomplete(self, cur: _Entry) -> NoReturn:
        if cur.mid is None and cur.ctxt is None:
            self.fail("'#|' previous strings must come before an entry's msgid", cur.kw_line)
        if cur.mid is None:
            self.fail("msgctxt without msgid; add the msgid and msgstr lines of this entry", cur.kw_line)
        self.fail("msgid without msgstr; add a msgstr line to this entry", cur.lineno - 1)

    def entry_for_comment(self) -> _Entry:
        cur = self.cur
        if cur is not None and cur.complete:
            self.finish()
            cur = None
        if cur is None:
            cur = self.cur = _Entry(self.end)
        elif cur.mid is not None or cur.ctxt is not None:
            self.incomplete(cur)
        return cur

    def comment(self, line: str, index: int) -> None:
        kind = line[1:2]
        if kind == "~":
            rest = line[2:]
            if rest.startswith("|"):
                self.keywords(rest[1:], index, obsolete=True, previous=True)
            elif rest.strip():
                self.keywords(rest, index, obsolete=True, previous=False)
            return
        if kind == "|":
            self.keywords(line[2:], index, obsolete=False, previous=True)
            return
        cur = self.entry_for_comment()
        cur.last = index
        if kind == ",":
            cur.flags += [flag.strip() for flag in line[2:].split(",") if flag.strip()]
        elif kind == ".":
            text = line[2:]
            cur.extracted.append(text[1:] if text.startswith(" ") else text)
        elif kind == ":":
            cur.references += line[2:].split()
        else:
            text = self.lines[index].lstrip()[1:].rstrip("\r")
            cur.comments.append(text[1:] if text.startswith(" ") else text)

    def tokens(self, text: str, index: int) -> list[tuple[str | None, str]]:
        """(keyword, string) pairs of a line, for lines the fast pattern does not match."""
        out: list[tuple[str | None, str]] = []
        keyword: str | None = None
        pos = 0
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if m is None:
                break
            string, word, other = m.groups()
            pos = m.end()
            if string is not None:
                out.append((keyword, string))
                keyword = None
            elif word is not None:
                base = word.split("[")[0]
                if base not in _KEYWORDS or (word != base and (base != "msgstr" or word.endswith("[]"))):
                    self.fail(
                        f"unknown keyword '{word}'; expected msgctxt, msgid, msgid_plural or msgstr", index
                    )
                if keyword is not None:
                    self.fail(f"'{keyword}' is not followed by a string; add \"\" after it", index)
                keyword = word
            elif other == '"':
                self.fail('unterminated string; close it with " on the same line', index)
            else:
                self.fail(f"syntax error at {text[m.start(3) :]!r}; strings must be in double quotes", index)
        if keyword is not None:
            self.fail(f"'{keyword}' is not followed by a string; add \"\" after it", index)
        return out

    def keywords(self, text: str, index: int, *, obsolete: bool, previous: bool) -> None:
        m = _LINE.fullmatch(text)
        if m is not None:  # one keyword and one string: nearly every line
            keyword, number, string = m.groups()
            pairs = [(keyword if number is None else f"msgstr[{number}]", string)]
        else:
            pairs = self.tokens(text, index)
        for keyword, string in pairs:
            value = self.unescape(string, index) if "\\" in string else string
            if previous:
                self.previous(keyword, value, index)
            else:
                self.keyword(keyword, value, index, obsolete)
            if self.cur is not None:
                self.cur.last = index

    def previous(self, keyword: str | None, value: str, index: int) -> None:
        if keyword is None:
            cur = self.cur
            if cur is None or cur.prev_target is None or cur.mid is not None:
                self.fail("string without a keyword; put it after '#| msgid' or remove it", index)
            cur.prev_target.append(value)
            return
        if keyword not in ("msgctxt", "msgid", "msgid_plural"):
            self.fail(
                f"'#| {keyword}' is not allowed; previous strings are msgctxt, msgid, msgid_plural", index
            )
        cur = self.entry_for_comment()
        if keyword in cur.prev:
            self.fail(f"second '#| {keyword}' in one entry; keep only one", index)
        cur.prev[keyword] = cur.prev_target = [value]
        cur.kw_line = index

    def keyword(self, keyword: str | None, value: str, index: int, obsolete: bool) -> None:
        cur = self.cur
        if keyword is None:
            if cur is None or cur.target is None:
                self.fail("string without a keyword; put msgid or msgstr before it", index)
            if cur.obsolete != obsolete:
                self.fail("an entry mixes obsolete '#~' lines and active lines; make them all alike", index)
            cur.target.append(value)
            return
        if keyword in ("msgctxt", "msgid"):
            if cur is not None and cur.complete:
                self.finish()
                cur = None
            if cur is None:
                cur = self.cur = _Entry(self.end)
            if keyword == "msgctxt" and (cur.ctxt is not None or cur.mid is not None):
                self.incomplete(cur)
            if keyword == "msgid" and cur.mid is not None:
                self.incomplete(cur)
        elif cur is None or cur.mid is None:
            self.fail(f"{keyword} without msgid; add the msgid line of this entry before it", index)
        if cur.obsolete is not None and cur.obsolete != obsolete:
            self.fail("an entry mixes obsolete '#~' lines and active lines; make them all alike", index)
        cur.obsolete = obsolete
        cur.target = [value]
        cur.kw_line = index
        if keyword == "msgctxt":
            cur.ctxt = cur.target
        elif keyword == "msgid":
            cur.mid = cur.target
            cur.lineno = index + 1
        elif keyword == "msgid_plural":
            if cur.mid_plural is not None or cur.complete:
                self.fail("msgid_plural must come once, right after msgid; remove the extra one", index)
            cur.mid_plural = cur.target
        elif keyword == "msgstr":
            if cur.complete:
                self.fail(
                    "this entry already has a msgstr; remove this one, or start a new entry with msgid", index
                )
            if cur.mid_plural is not None:
                self.fail(
                    "this entry has msgid_plural; write msgstr[0], msgstr[1]... instead of msgstr", index
                )
            cur.mstr = cur.target
            cur.complete = True
        else:
            number = int(keyword[7:-1])
            if cur.mid_plural is None:
                self.fail(f"{keyword} without msgid_plural; use msgstr, or add msgid_plural", index)
            if number != len(cur.plural):
                self.fail(f"{keyword} out of order; expected msgstr[{len(cur.plural)}]", index)
            cur.plural[number] = cur.target
            cur.complete = True

    def catalog(self) -> Catalog:
        """The entries read, as a catalog whose messages keep their source text."""
        lines = self.lines
        # A file saved with CRLF line endings (Windows editors, git's autocrlf) keeps them.
        catalog = Catalog(newline="\r\n" if self.crlf * 2 > len(lines) else "\n")
        seen: dict[tuple[bool, str | None, str], int] = {}
        start = 0
        join = "".join
        for entry, end in self.entries:
            assert entry.mid is not None
            prev = entry.prev
            msg = Message(
                join(entry.mid),
                join(entry.mstr) if entry.mstr is not None else "",
                _join(entry.mid_plural),
                {n: join(pieces) for n, pieces in entry.plural.items()} if entry.plural else {},
                _join(entry.ctxt),
                entry.comments,
                entry.extracted,
                entry.references,
                entry.flags,
                _join(prev.get("msgctxt")) if prev else None,
                _join(prev.get("msgid")) if prev else None,
                _join(prev.get("msgid_plural")) if prev else None,
                bool(entry.obsolete),
                entry.lineno,
            )
            key = (msg.obsolete, msg.msgctxt, msg.msgid)
            if key in seen:
                what = "header entry" if msg.is_header else f"msgid {msg.msgid[:40]!r}"
                po_error(
                    f"duplicate {what} (first defined at line {seen[key]}); "
                    "delete one of the two entries or give them different msgctxt",
                    self.path,
                    msg.lineno,
                )
            seen[key] = msg.lineno
            raw = "\n".join(lines[start:end]) + ("\n" if end < len(lines) else "")
            start = end
            msg.freeze_raw(raw)
            if msg.is_header and not msg.obsolete and catalog.header is None and not catalog.messages:
                catalog.header = msg
            else:
                catalog.messages.append(msg)
        catalog.trailer = "\n".join(lines[start:])
        return catalog

    def finish(self) -> None:
        cur = self.cur
        assert cur is not None
        self.entries.append((cur, cur.last + 1))
        self.end = cur.last + 1
        self.cur = None


def _join(pieces: list[str] | None) -> str | None:
    return None if pieces is None else "".join(pieces)


def _declared_charset(data: bytes) -> tuple[str, int] | None:
    """The charset named in the header's Content-Type, and its line, read before decoding."""
    m = re.search(rb'"Content-Type:[^"\\]*charset=([^\\"\s;]+)', data[:8192])
    if m is None:
        return None
    return m.group(1).decode("ascii", "replace"), data.count(b"\n", 0, m.start()) + 1


UTF8_NAMES = {"UTF-8", "UTF8", "CHARSET"}
# GNU refuses it as well: in .mo files \004 separates a message's context from its msgid.
_EOT = "this line contains the control character EOT (\\004), gettext's context separator; remove it"


def read_po(data: bytes, path: str | os.PathLike[str] | None = None) -> Catalog:
    """Parse PO/POT ``data``; errors are :class:`CatalogError` with the file and line."""
    if data.startswith(b"\xef\xbb\xbf"):
        po_error(
            "the file starts with a byte-order mark (BOM), which GNU gettext refuses too; "
            "save it as UTF-8 without BOM",
            path,
            1,
        )
    declared = _declared_charset(data)
    if declared is not None and declared[0].upper() not in UTF8_NAMES | {"ASCII", "US-ASCII"}:
        name, line = declared
        po_error(
            f"the file declares charset={name}; briefgen reads UTF-8 only: "
            f"convert it with `msgconv --to-code=UTF-8` and set charset=UTF-8",
            path,
            line,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        po_error(
            "this line is not valid UTF-8; re-save the file as UTF-8 (msgconv --to-code=UTF-8)", path, line
        )
    if "\x04" in text:
        po_error(_EOT, path, text.count("\n", 0, text.index("\x04")) + 1)
    reader = _Reader(text, path)
    reader.read()
    catalog = reader.catalog()
    _check(catalog, path, text)
    return catalog


def _check(catalog: Catalog, path: str | os.PathLike[str] | None, text: str) -> None:
    header = catalog.header
    if header is None:
        first = catalog.messages[0].lineno if catalog.messages else 1
        po_error(
            'no header entry (msgid "" with Content-Type) at the top of the file; '
            "add one, or create the catalog with `briefgen init`",
            path,
            first,
        )
    charset = catalog.charset
    if charset is not None and charset.upper() not in UTF8_NAMES and not text.isascii():
        po_error(
            f"the header declares charset={charset} but the file is UTF-8; set charset=UTF-8",
            path,
            header.lineno,
        )
    plural = [m for m in catalog.messages if m.msgid_plural is not None and not m.obsolete]
    if not plural:
        return
    forms = catalog.header_get("Plural-Forms")
    if forms is None:
        po_error(
            "plural entries need a Plural-Forms field in the header; add e.g. "
            '"Plural-Forms: nplurals=2; plural=(n > 1);\\n" for your language',
            path,
            plural[0].lineno,
        )
    nplurals = catalog.nplurals
    if nplurals is None:
        if "INTEGER" not in forms:  # xgettext's template placeholder is allowed
            po_error("the Plural-Forms header field has no valid nplurals=N; fix it", path, header.lineno)
        return
    for msg in plural:
        if len(msg.msgstr_plural) != nplurals:
            po_error(
                f"this entry has {len(msg.msgstr_plural)} plural forms but the header says "
                f"nplurals={nplurals}; write msgstr[0] to msgstr[{nplurals - 1}]",
                path,
                msg.lineno,
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
