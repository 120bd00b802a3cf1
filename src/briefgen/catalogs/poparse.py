"""The PO entry parser behind :func:`briefgen.catalogs.poread.read_po`, line by line as GNU's po-lex.

Errors are collected (line, message), not raised one by one: after each, the parser goes on
from the next blank line, so that a file's errors are all listed as msgfmt lists them.
"""

from __future__ import annotations

import contextlib
import os
import re
from itertools import islice
from typing import NoReturn

from .model import Catalog, Message

__all__ = ["EOT_MESSAGE", "EntryParser"]

# GNU refuses it as well: in .mo files \004 separates a message's context from its msgid.
EOT_MESSAGE = "this line contains the control character EOT (\\004), gettext's context separator; remove it"

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


class _Abort(Exception):
    """Raised by :meth:`_Reader.fail` once the error is recorded: the reader skips to the next entry."""


class _Entry:
    """An entry being read: string pieces per field, then turned into a :class:`Message`."""

    __slots__ = (
        "comments", "complete", "ctxt", "extracted", "flags", "kw_line", "last", "lineno", "mid",
        "mid_plural", "mstr", "mstr_lines", "obsolete", "plural", "prev", "prev_target", "references",
        "start", "target",
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
        self.mstr_lines: dict[int, int] = {}
        self.plural: dict[int, list[str]] = {}
        self.prev: dict[str, list[str]] = {}
        self.target: list[str] | None = None
        self.prev_target: list[str] | None = None
        self.complete = False
        self.kw_line = 0
        self.last = start


class EntryParser:
    """The line-by-line PO parser: entries, then :meth:`catalog`; errors are collected in ``errors``."""

    def __init__(self, text: str, path: str | os.PathLike[str] | None, encoding: str = "utf-8") -> None:
        self.path = path
        self.encoding = encoding
        #: (1-based line, message) of every error found, in file order.
        self.errors: list[tuple[int, str]] = []
        self.lines = text.split("\n")
        self.crlf = text.count("\r\n")
        self.entries: list[tuple[_Entry, int]] = []  # entry, index of the line after its end
        self.cur: _Entry | None = None
        self.end = 0  # index of the line after the last finished entry

    def fail(self, message: str, index: int) -> NoReturn:
        self.errors.append((index + 1, message))
        raise _Abort

    def raise_errors(self) -> None:
        """Raise every recorded error at once, as msgfmt lists them, if there is any."""
        if self.errors:
            from ..errors import CatalogError, CatalogErrors

            found = [CatalogError(message, self.path, line) for line, message in sorted(self.errors)]
            raise found[0] if len(found) == 1 else CatalogErrors(found)

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
            data += piece[pos : m.start()].encode(self.encoding)
            octal, hexa, other = m.groups()
            if octal or hexa:
                data.append(int(octal, 8) & 0xFF if octal else int(hexa, 16) & 0xFF)
            else:
                data += _SIMPLE_ESCAPES[other].encode(self.encoding)
            pos = m.end()
        data += piece[pos:].encode(self.encoding)
        try:
            decoded = data.decode(self.encoding)
        except UnicodeDecodeError:
            self.fail(
                f"octal or hex escapes do not form valid {self.encoding}; write the characters themselves",
                index,
            )
        if "\x04" in decoded:
            self.fail(EOT_MESSAGE, index)
        return decoded

    def read(self) -> None:
        """Read every line; after an error, go on from the next blank line (as msgfmt goes on)."""
        start = 0
        while start < len(self.lines):
            try:
                self.read_from(start)
                break
            except _Abort:
                start = self.resume(self.errors[-1][0])
        with contextlib.suppress(_Abort):  # the error is recorded
            self.end_of_file()

    def resume(self, line: int) -> int:
        """The index of the first line after the blank line that follows ``line`` (1-based)."""
        self.cur = None
        lines = self.lines
        index = line
        while index < len(lines) and lines[index].strip():
            index += 1
        self.end = index
        return index

    def read_from(self, start: int) -> None:
        string = _STRING.fullmatch
        for index, line in enumerate(islice(self.lines, start, None), start):
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

    def end_of_file(self) -> None:
        cur = self.cur
        if cur is None:
            return
        if cur.mid is None and cur.ctxt is None and not cur.prev:
            return  # comments after the last entry (or in a file without entries): the trailer, as for GNU
        if not cur.complete:
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
            cur.mstr_lines[0] = index + 1
            cur.complete = True
        else:
            number = int(keyword[7:-1])
            if cur.mid_plural is None:
                self.fail(f"{keyword} without msgid_plural; use msgstr, or add msgid_plural", index)
            if number != len(cur.plural):
                self.fail(f"{keyword} out of order; expected msgstr[{len(cur.plural)}]", index)
            cur.plural[number] = cur.target
            cur.mstr_lines[number] = index + 1
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
                entry.mstr_lines,
            )
            key = (msg.obsolete, msg.msgctxt, msg.msgid)
            if key in seen:
                what = "header entry" if msg.is_header else f"msgid {msg.msgid[:40]!r}"
                self.errors.append(
                    (
                        msg.lineno,
                        f"duplicate {what} (first defined at line {seen[key]}); "
                        "delete one of the two entries or give them different msgctxt",
                    )
                )
            else:
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
