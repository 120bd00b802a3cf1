"""The catalog model: one :class:`Message` per PO entry, a :class:`Catalog` of them.

The model knows nothing about how .po bytes look; :mod:`briefgen.catalogs.pofile`
reads and writes it. What it does keep is each entry's original text
(:attr:`Message.raw`) together with a fingerprint of the fields it was read
from: the writer copies that text back only while the fingerprint still
matches, so an entry nobody touched is never re-flowed, and one that changed is
always written fresh (GNU layout).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["Catalog", "Message", "format_po_date"]

#: What a message's content fingerprint is made of (see :meth:`Message.key`).
_Fingerprint = tuple[object, ...]
#: Positions in the fingerprint of what :meth:`Message.field_lines_if_unchanged` compares.
_STRINGS = {"msgid": 0, "msgstr": 1, "msgid_plural": 2, "msgctxt": 4}
_PLURALS, _FLAGS, _OBSOLETE = 3, 8, 12


@dataclass(eq=False)
class Message:
    """One PO entry; ``msgid == ""`` without context is the header entry."""

    msgid: str
    msgstr: str = ""
    msgid_plural: str | None = None
    #: Plural translations by index (``msgstr[0]``, ``msgstr[1]``...); empty for singular entries.
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    msgctxt: str | None = None
    translator_comments: list[str] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    #: 1-based line of the ``msgid`` keyword in the file it was read from (0: not read).
    lineno: int = 0
    #: 1-based line of each ``msgstr`` (``msgstr[n]`` by ``n``; a singular entry's under 0).
    msgstr_lines: dict[int, int] = field(default_factory=dict)
    #: The entry's exact source text, including the blank lines before it.
    raw: str | None = field(default=None, repr=False)
    _raw_key: _Fingerprint | None = field(default=None, repr=False)
    #: The string fields' lines in ``raw``, parsed on first use.
    _lines: dict[str, list[str]] | None = field(default=None, repr=False)

    def msgstr_line(self, index: int = 0) -> int:
        """The line of ``msgstr`` (``msgstr[index]``): what a translator edits, so messages point
        there (issue 16); the msgid's line for an entry not read from a file."""
        return self.msgstr_lines.get(index, self.lineno)

    @property
    def id(self) -> tuple[str | None, str]:
        """The lookup key: ``(msgctxt, msgid)``."""
        return (self.msgctxt, self.msgid)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @fuzzy.setter
    def fuzzy(self, value: bool) -> None:
        if value and "fuzzy" not in self.flags:
            self.flags.insert(0, "fuzzy")
        elif not value:
            self.flags[:] = [flag for flag in self.flags if flag != "fuzzy"]

    @property
    def strings(self) -> list[str]:
        """The translation(s): ``[msgstr]``, or the plural forms in index order."""
        if self.msgid_plural is None:
            return [self.msgstr]
        return [self.msgstr_plural[i] for i in sorted(self.msgstr_plural)]

    @property
    def translated(self) -> bool:
        """Every msgstr is non-empty and the entry is not fuzzy."""
        strings = self.strings
        return bool(strings) and all(strings) and not self.fuzzy

    def key(self) -> _Fingerprint:
        """Everything the writer would write, as a comparable value."""
        return (
            self.msgid,
            self.msgstr,
            self.msgid_plural,
            tuple(sorted(self.msgstr_plural.items())) if self.msgstr_plural else (),
            self.msgctxt,
            tuple(self.translator_comments),
            tuple(self.extracted_comments),
            tuple(self.references),
            tuple(self.flags),
            self.previous_msgctxt,
            self.previous_msgid,
            self.previous_msgid_plural,
            self.obsolete,
        )

    def freeze_raw(self, raw: str) -> None:
        """Remember ``raw`` as this entry's text for its current content."""
        self.raw = raw
        self._raw_key = self.key()
        self._lines = None

    def forget_source(self) -> None:
        """Drop the text this message was read as: it is written in GNU layout from now on."""
        self.raw = self._raw_key = self._lines = None

    def raw_if_unchanged(self) -> str | None:
        """The original text, or None once any field differs from what was read."""
        if self.raw is None or self._raw_key != self.key():
            return None
        return self.raw

    def field_lines_if_unchanged(self, keyword: str, value: str) -> list[str] | None:
        """The lines a string field was read as, while its value and wrapping flag are unchanged.

        An entry that changed elsewhere (new references, a fuzzy flag) keeps the lines
        of its unchanged strings: a catalog wrapped by another tool (Weblate wraps at
        77 columns) does not see them rewrapped by ``update``. Only lines as GNU tools
        write them qualify: ``keyword "..."``, then one ``"..."`` string per line.
        """
        read, raw = self._raw_key, self.raw
        if read is None or raw is None or read[_OBSOLETE] or self.obsolete:
            return None
        if ("no-wrap" in read[_FLAGS]) != ("no-wrap" in self.flags):  # type: ignore[operator]
            return None
        if keyword.startswith("msgstr["):
            before = dict(read[_PLURALS]).get(int(keyword[7:-1]))  # type: ignore[call-overload]
        else:
            before = read[_STRINGS[keyword]]
        if before != value:
            return None
        if self._lines is None:
            self._lines = _string_lines(raw)
        return self._lines.get(keyword)


def _string_lines(raw: str) -> dict[str, list[str]]:
    """The lines of each string field in ``raw``, for the fields GNU tools would have written.

    That is ``keyword "..."`` at the start of a line, then one ``"..."`` per line; a
    field with any other layout (trailing blanks, two strings on a line) is left out.
    """
    found: dict[str, list[str]] = {}
    twice: set[str] = set()
    current: list[str] | None = None
    for line in raw.replace("\r\n", "\n").split("\n"):
        if current is not None and line[:1] == '"':
            current.append(line)
            continue
        current = None
        if line.startswith("msg"):
            keyword, quote, _ = line.partition(' "')
            if quote:
                if keyword in found:
                    twice.add(keyword)
                current = found[keyword] = [line]
    return {
        keyword: lines
        for keyword, lines in found.items()
        if keyword not in twice and all(line.endswith('"') for line in lines)
    }


def format_po_date(when: dt.datetime) -> str:
    """``2024-10-29 21:40+0100``: the date format of PO headers."""
    if when.tzinfo is None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M%z")


class Catalog:
    """A header entry and the ordered messages of one PO/POT file.

    ``messages`` holds every entry except the header, obsolete ones included,
    in file order. :meth:`get` looks up active (non-obsolete) messages.
    """

    def __init__(
        self,
        header: Message | None = None,
        messages: list[Message] | None = None,
        *,
        trailer: str = "",
        newline: str = "\n",
    ) -> None:
        self.header = header
        self.messages: list[Message] = messages if messages is not None else []
        #: Text after the last entry (blank lines, stray comments), written back as is.
        self.trailer = trailer
        #: The file's line ending ("\r\n" for a file saved that way): the one new text is written with.
        self.newline = newline
        #: The Python codec the file was read with (its header's charset); the writer follows the header.
        self.encoding = "utf-8"
        self._index: dict[tuple[str | None, str], Message] = {}
        self._indexed = -1

    def __iter__(self) -> Iterator[Message]:
        return iter(self.messages)

    def __len__(self) -> int:
        return len(self.messages)

    @property
    def active(self) -> list[Message]:
        """Messages that are not obsolete."""
        return [m for m in self.messages if not m.obsolete]

    @property
    def obsolete(self) -> list[Message]:
        return [m for m in self.messages if m.obsolete]

    def add(self, message: Message) -> Message:
        """Append ``message`` (the header if its msgid is empty) and return it."""
        if message.is_header and not message.obsolete:
            self.header = message
        else:
            self.messages.append(message)
        return message

    def get(self, msgid: str, msgctxt: str | None = None) -> Message | None:
        """The active message with this msgid and context, or None."""
        key = (msgctxt, msgid)
        found = self._index.get(key)
        if found is None or found.id != key or found.obsolete or self._indexed != len(self.messages):
            # The list may have been edited directly since the index was built.
            self._index = {m.id: m for m in self.messages if not m.obsolete}
            self._indexed = len(self.messages)
            found = self._index.get(key)
        return found

    # -- header fields -------------------------------------------------------

    def header_fields(self) -> list[tuple[str, str]]:
        """``(name, value)`` pairs of the header, in file order."""
        if self.header is None:
            return []
        fields = []
        for line in self.header.msgstr.split("\n"):
            name, sep, value = line.partition(":")
            if sep:
                fields.append((name.strip(), value.strip()))
        return fields

    def header_get(self, name: str, default: str | None = None) -> str | None:
        """The value of header field ``name`` (case-insensitive), or ``default``."""
        wanted = name.lower()
        for key, value in self.header_fields():
            if key.lower() == wanted:
                return value
        return default

    def header_set(self, name: str, value: str) -> None:
        """Set header field ``name``, in place if present, else appended at the end."""
        if self.header is None:
            self.header = Message("")
        lines = self.header.msgstr.split("\n")
        wanted = name.lower()
        for i, line in enumerate(lines):
            key, sep, _ = line.partition(":")
            if sep and key.strip().lower() == wanted:
                lines[i] = f"{key}: {value}"
                break
        else:
            if lines and lines[-1] == "":
                lines.insert(len(lines) - 1, f"{name}: {value}")
            else:
                lines.append(f"{name}: {value}")
                lines.append("")
        self.header.msgstr = "\n".join(lines)

    @property
    def charset(self) -> str | None:
        """The ``charset=`` of the Content-Type header field, if any."""
        content_type = self.header_get("Content-Type") or ""
        for part in content_type.split(";"):
            key, sep, value = part.strip().partition("=")
            if sep and key.strip().lower() == "charset":
                return value.strip()
        return None

    @property
    def nplurals(self) -> int | None:
        """``nplurals`` from the Plural-Forms header field (None: absent or a placeholder)."""
        forms = self.header_get("Plural-Forms") or ""
        for part in forms.split(";"):
            key, sep, value = part.strip().partition("=")
            if sep and key.strip() == "nplurals":
                return int(value) if value.strip().isdigit() else None
        return None

    @classmethod
    def new(
        cls,
        project: str,
        language: str,
        *,
        version: str | None = None,
        bugs_address: str = "",
        last_translator: str = "FULL NAME <EMAIL@ADDRESS>",
        language_team: str | None = None,
        creation_date: dt.datetime | None = None,
        revision_date: dt.datetime | None = None,
        generator: str | None = None,
    ) -> Catalog:
        """A catalog with a complete header for ``language``.

        Pass the dates for reproducible output; only a missing date is taken
        from the clock. Plural-Forms comes from Babel's CLDR data.
        """
        from babel.messages.plurals import get_plural

        if creation_date is None:
            creation_date = dt.datetime.now(dt.UTC).astimezone()
        if revision_date is None:
            revision_date = creation_date
        if generator is None:
            from ..version import __version__

            generator = f"briefgen {__version__}"
        plural = get_plural(language)
        fields = [
            ("Project-Id-Version", f"{project} {version}" if version else project),
            ("Report-Msgid-Bugs-To", bugs_address),
            ("POT-Creation-Date", format_po_date(creation_date)),
            ("PO-Revision-Date", format_po_date(revision_date)),
            ("Last-Translator", last_translator),
            ("Language-Team", language_team if language_team is not None else f"{language} <LL@li.org>"),
            ("Language", language),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
            ("Plural-Forms", plural.plural_forms),
            ("X-Generator", generator),
        ]
        msgstr = "".join(f"{name}: {value}\n" for name, value in fields)
        return cls(Message("", msgstr), [])
