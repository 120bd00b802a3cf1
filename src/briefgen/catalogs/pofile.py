"""Reading and writing PO/POT files exactly as GNU gettext does.

Two promises, both tested against the real tools on the corpus:

* reading then writing a catalog gives back the same bytes: every entry keeps
  its source text while its fields are unchanged (:meth:`Message.raw_if_unchanged`);
* an entry briefgen creates or changes is laid out as GNU ``msgcat`` would lay
  it out (``write-po.c``): same comment order, same flag order, strings wrapped
  at 79 columns with libunistring's line-breaking rules (UAX #14 pair table,
  then ``ulc_width_linebreaks``), so ``msgcat`` leaves briefgen's output alone;
  except that a string whose value did not change keeps the lines it was read
  as (:meth:`Message.field_lines_if_unchanged`): when ``update`` moves an
  entry's references, the translation a tool wrapped at 77 columns (Weblate)
  or an older gettext wrapped otherwise is not rewrapped.

Babel's ``pofile`` is not used: it rewrites ``#|`` as ``# |``, drops ``#~|``
and fuzzy flags of obsolete entries, wraps at 76 columns and invents
``python-format`` flags on prose containing ``%``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NoReturn

from .model import Catalog, Message
from .wrap import PAGE_WIDTH, wrap_string

__all__ = ["format_message", "read_po", "read_po_file", "wrap_string", "write_po", "write_po_file"]


def _fail(message: str, path: str | os.PathLike[str] | None, line: int | None) -> NoReturn:
    # Imported here: errors.py pulls in click (~12 ms), which `merge` start-up does not need.
    from ..errors import CatalogError

    raise CatalogError(message, path, line)


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------

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
        _fail(message, self.path, index + 1)

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
                _fail(
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


_UTF8_NAMES = {"UTF-8", "UTF8", "CHARSET"}
# GNU refuses it as well: in .mo files \004 separates a message's context from its msgid.
_EOT = "this line contains the control character EOT (\\004), gettext's context separator; remove it"


def read_po(data: bytes, path: str | os.PathLike[str] | None = None) -> Catalog:
    """Parse PO/POT ``data``; errors are :class:`CatalogError` with the file and line."""
    if data.startswith(b"\xef\xbb\xbf"):
        _fail(
            "the file starts with a byte-order mark (BOM), which GNU gettext refuses too; "
            "save it as UTF-8 without BOM",
            path,
            1,
        )
    declared = _declared_charset(data)
    if declared is not None and declared[0].upper() not in _UTF8_NAMES | {"ASCII", "US-ASCII"}:
        name, line = declared
        _fail(
            f"the file declares charset={name}; briefgen reads UTF-8 only: "
            f"convert it with `msgconv --to-code=UTF-8` and set charset=UTF-8",
            path,
            line,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        _fail("this line is not valid UTF-8; re-save the file as UTF-8 (msgconv --to-code=UTF-8)", path, line)
    if "\x04" in text:
        _fail(_EOT, path, text.count("\n", 0, text.index("\x04")) + 1)
    reader = _Reader(text, path)
    reader.read()
    catalog = reader.catalog()
    _check(catalog, path, text)
    return catalog


def _check(catalog: Catalog, path: str | os.PathLike[str] | None, text: str) -> None:
    header = catalog.header
    if header is None:
        first = catalog.messages[0].lineno if catalog.messages else 1
        _fail(
            'no header entry (msgid "" with Content-Type) at the top of the file; '
            "add one, or create the catalog with `briefgen init`",
            path,
            first,
        )
    charset = catalog.charset
    if charset is not None and charset.upper() not in _UTF8_NAMES and not text.isascii():
        _fail(
            f"the header declares charset={charset} but the file is UTF-8; set charset=UTF-8",
            path,
            header.lineno,
        )
    plural = [m for m in catalog.messages if m.msgid_plural is not None and not m.obsolete]
    if not plural:
        return
    forms = catalog.header_get("Plural-Forms")
    if forms is None:
        _fail(
            "plural entries need a Plural-Forms field in the header; add e.g. "
            '"Plural-Forms: nplurals=2; plural=(n > 1);\\n" for your language',
            path,
            plural[0].lineno,
        )
    nplurals = catalog.nplurals
    if nplurals is None:
        if "INTEGER" not in forms:  # xgettext's template placeholder is allowed
            _fail("the Plural-Forms header field has no valid nplurals=N; fix it", path, header.lineno)
        return
    for msg in plural:
        if len(msg.msgstr_plural) != nplurals:
            _fail(
                f"this entry has {len(msg.msgstr_plural)} plural forms but the header says "
                f"nplurals={nplurals}; write msgstr[0] to msgstr[{nplurals - 1}]",
                path,
                msg.lineno,
            )


def read_po_file(path: str | os.PathLike[str]) -> Catalog:
    """Read a PO/POT file; an unreadable file is a :class:`CatalogError` too."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        _fail(f"cannot read this catalog: {exc.strerror}; check the path", path, None)
    return read_po(data, path)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------

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
        if msg.fuzzy:
            out.append("#, fuzzy")
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


def write_po(catalog: Catalog, *, width: int = PAGE_WIDTH, wrap: bool = True) -> bytes:
    """The catalog as PO bytes: untouched entries verbatim, the others in GNU layout (see format_message)."""
    charset = catalog.charset
    if charset is not None and charset.upper() not in _UTF8_NAMES:
        _fail(
            f"the catalog declares charset={charset}; briefgen writes UTF-8 only: set charset=UTF-8",
            None,
            None,
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
    return "".join(out).encode("utf-8")


def write_po_file(
    catalog: Catalog, path: str | os.PathLike[str], *, width: int = PAGE_WIDTH, wrap: bool = True
) -> None:
    """Write the catalog to ``path`` atomically (temporary file, fsync, rename)."""
    from ..fsutil import atomic_write

    atomic_write(path, write_po(catalog, width=width, wrap=wrap))
