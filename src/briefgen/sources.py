"""Sources: ``sources/<slug>.md`` (YAML front matter + CommonMark) -> :class:`Source`.

Segmentation follows the blocks of the CommonMark tree (markdown-it-py):
headings, paragraphs, list items, block quotes, table cells, image alt text and
captions each become one message; inline markup stays in the message as the
author typed it (``*emphasis*``, ``[link](url)``), which is what translators
read and keep.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from . import languages
from .config import check_lang
from .errors import ConfigError, SourceError
from .guard import read_guarded, shorten
from .model import Block, FactSpec, Segment, Source

__all__ = ["SLUG_RE", "load_source", "parse_source"]

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
#: The front matter's largest size in characters (the seed's is 300): YAML is for a few fields.
FRONT_MATTER_LIMIT = 65_536
#: A ZIP file (the EPUB) stores timestamps from 1980 to 2107 only.
DATE_YEARS = (1980, 2107)
_FRONT_KEYS = {"title", "short-title", "subtitle", "date", "lang", "authors", "origin", "keywords", "facts"}
_SOFTBREAK = re.compile(r"[ \t]*\n[ \t]*")
# C0 controls other than tab and line ends: invalid in XML (the EPUB) and invisible in print.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


#: The deepest nesting of quotes and lists (in markdown-it token levels: a list item in a list
#: is 2). markdown-it stops parsing at its maxNesting (20 in CommonMark) and drops the rest
#: of the document without a word (issue 18); its limit is set above ours so that text
#: nested too deep is refused with its line, never lost.
MAX_NESTING = 40


def _parser() -> MarkdownIt:
    # "html" stays off so raw HTML in a source is shown as text, never markup.
    return MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING + 10}).enable("table")


def _check_nesting(tokens: list[Token], path: Path, body_line: int) -> None:
    for token in tokens:
        if token.level > MAX_NESTING:
            line = body_line + token.map[0] if token.map else None
            raise SourceError(
                f"quotes and lists are nested too deep here (over {MAX_NESTING} levels: "
                "a quote counts 1, a list 2); flatten them",
                path,
                line,
            )


def load_source(
    path: Path, *, default_lang: str = languages.DEFAULT_SOURCE, root: Path | None = None
) -> Source:
    """Read and parse one source file; with ``root`` (the workspace), a symlink out of it is refused."""
    try:
        data = read_guarded(path, root, what="source")
    except FileNotFoundError:
        raise SourceError("no such source; check the name (sources are sources/<slug>.md)", path) from None
    except OSError as exc:
        raise SourceError(f"cannot read this source ({exc.strerror})", path) from None
    return parse_source(data, path, default_lang=default_lang)


def _decode(data: bytes, path: Path) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        raise SourceError("starts with a byte-order mark; save it as UTF-8 without BOM", path, 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError("not UTF-8 text; save the file as UTF-8", path, line) from None
    control = _CONTROL.search(text)
    if control is not None:
        line = text[: control.start()].count("\n") + 1
        name = (
            "a NUL character"
            if control.group() == "\x00"
            else f"the control character U+{ord(control.group()):04X}"
        )
        raise SourceError(f"contains {name}; remove it", path, line)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_front_matter(text: str, path: Path) -> tuple[str, str, int]:
    """Return (yaml, body, line number of the body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise SourceError(
            "no front matter; start the file with a '---' line, then title: and date:, then '---'",
            path,
            1,
        )
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    raise SourceError("the front matter is not closed; add a '---' line after it", path, 1)


def _refuse_aliases(front: str, path: Path) -> None:
    """Refuse YAML anchors and aliases, before anything is built from them.

    A 1 KB "billion laughs" in ``date:`` grew past 5.9 GB, and one 1 MB string aliased
    3,000 times in ``keywords:`` made ``extract`` take 102 s (issue 18). Front matter
    never needs them; the token scan is linear in the front matter's size.
    """
    for token in yaml.scan(front, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.AliasToken | yaml.AnchorToken):
            raise SourceError(
                "YAML anchors and aliases (&name, *name) are not allowed in front matter; "
                "write the value out",
                path,
                token.start_mark.line + 2,
            )


def _load_yaml(front: str, path: Path) -> dict[str, Any]:
    if len(front) > FRONT_MATTER_LIMIT:
        raise SourceError(
            f"the front matter is {len(front):,} characters long, over the limit of "
            f"{FRONT_MATTER_LIMIT:,}; put long text in the body",
            path,
            2,
        )
    try:
        _refuse_aliases(front, path)
        meta = yaml.safe_load(front)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 2 if mark is not None else None
        raise SourceError(
            f"front matter is not valid YAML ({exc.problem}); fix the syntax", path, line
        ) from None
    except yaml.YAMLError as exc:
        raise SourceError(f"front matter is not valid YAML ({exc}); fix the syntax", path, 2) from None
    except (ValueError, OverflowError) as exc:
        # PyYAML builds dates itself: 0000-01-01 raises "year 0 is out of range".
        # Not the exception's text: it may quote the value, or give Python advice.
        what = "a number too long" if "digits" in str(exc) else "an impossible date"
        raise SourceError(f"front matter holds {what}; fix the value", path, 2) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError("front matter must be a YAML mapping (key: value lines)", path, 2)
    lines = _key_lines(front)
    for key, value in meta.items():
        bad = _bad_character(value)
        if bad is not None:
            line = lines.get(key, 2) if isinstance(key, str) else 2
            name = key if isinstance(key, str) and len(key) <= 40 else "a field"
            raise SourceError(f"'{name}' holds {bad}; remove it (YAML escapes included)", path, line)
    return meta


#: What YAML escapes ("\ud800", "\x07") can put in a value and no output can hold: C0 controls,
#: lone surrogates and the non-characters U+FFFE/U+FFFF (invalid in XML, so in the EPUB).
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _bad_character(value: object) -> str | None:
    """The first character of ``value`` (a text, or texts in lists and mappings) no output can hold."""
    if isinstance(value, str):
        found = _BAD_CHARACTER.search(value)
        return None if found is None else f"the character U+{ord(found.group()):04X}"
    if isinstance(value, list):
        return next((bad for item in value if (bad := _bad_character(item)) is not None), None)
    if isinstance(value, dict):
        return next((bad for item in value.values() if (bad := _bad_character(item)) is not None), None)
    return None


def _key_lines(front: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, line in enumerate(front.split("\n"), start=2):
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if match and match.group(1) not in lines:
            lines[match.group(1)] = number
    return lines


def _string(meta: dict[str, Any], key: str, path: Path, line: int, *, required: bool = False) -> str | None:
    value = meta.get(key)
    if value is None:
        if required:
            raise SourceError(f"front matter lacks '{key}:'; add it", path, line)
        return None
    if not isinstance(value, str) or not value.strip():
        raise SourceError(f"'{key}' must be a non-empty text, not {type(value).__name__}", path, line)
    return " ".join(value.split())


def _string_list(meta: dict[str, Any], key: str, path: Path, line: int) -> list[str]:
    value = meta.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SourceError(f"'{key}' must be a list of texts", path, line)
    return [" ".join(v.split()) for v in value]


def _date(meta: dict[str, Any], path: Path, line: int) -> dt.date:
    value = meta.get("date")
    if value is None:
        raise SourceError("front matter lacks 'date:'; add the publication date as YYYY-MM-DD", path, line)
    date: dt.date | None = None
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    elif isinstance(value, str):
        with contextlib.suppress(ValueError):
            date = dt.date.fromisoformat(value.strip())
    if date is None:
        # Never the value whole: it may be megabytes, or an integer too long for str().
        shown = shorten(value) if isinstance(value, str) else f"a {type(value).__name__}"
        raise SourceError(f"'date' must be an ISO date such as 2025-11-08, not {shown}", path, line)
    if not DATE_YEARS[0] <= date.year <= DATE_YEARS[1]:
        raise SourceError(
            f"'date' must lie between {DATE_YEARS[0]} and {DATE_YEARS[1]} (what an EPUB's ZIP can store)",
            path,
            line,
        )
    return date


def _entry_lines(front: str, key_line: int) -> list[tuple[int, int | None]]:
    """(line, label line) of each block-list entry under the key at ``key_line``: an entry
    takes as many lines as it has keys, so counting one line per entry was wrong (issue 15)."""
    entries: list[tuple[int, int | None]] = []
    indent: int | None = None
    for number, line in enumerate(front.split("\n")[key_line - 1 :], start=key_line + 1):
        if line.strip() and not line[:1].isspace() and not line.startswith("-"):
            break  # the next top-level key
        item = re.match(r"^(\s*)-\s", line)
        if item and (indent is None or len(item.group(1)) == indent):
            indent = len(item.group(1))
            entries.append((number, None))
        if entries and re.match(r"^\s*(?:-\s+)?label\s*:", line):
            entries[-1] = (entries[-1][0], number)
    return entries


def _facts(meta: dict[str, Any], path: Path, line: int, front: str = "") -> tuple[FactSpec, ...] | None:
    value = meta.get("facts")
    if value is None:
        return None
    if not isinstance(value, list):
        raise SourceError(
            "'facts' must be a list of figures (text) or of {figure:, label:} entries", path, line
        )
    specs = []
    lines = _entry_lines(front, line) if front else []
    if len(lines) != len(value):  # a flow list ("facts: [20 %, 40 %]"): one line for all
        lines = [(line, None)] * len(value)
    for (entry_line, label_line), item in zip(lines, value, strict=True):
        if isinstance(item, str) and item.strip():
            specs.append(FactSpec(item.strip(), None, entry_line))
        elif (
            isinstance(item, dict)
            and isinstance(item.get("figure"), str)
            and isinstance(item.get("label", ""), str)
            and set(item) <= {"figure", "label"}
        ):
            label = item.get("label")
            text = " ".join(label.split()) if label else None
            specs.append(FactSpec(item["figure"].strip(), text, entry_line, label_line))
        else:
            raise SourceError(
                "each entry of 'facts' must be a figure as it appears in the text, "
                "or {figure: ..., label: ...}",
                path,
                entry_line,
            )
    return tuple(specs)


def _inline_text(token: Token) -> str:
    return _SOFTBREAK.sub(" ", token.content.strip())


class _BodyParser:
    """Walks markdown-it tokens and builds blocks; tracks list and quote nesting."""

    def __init__(self, body_line: int) -> None:
        self.offset = body_line
        self.blocks: list[Block] = []
        self.lists: list[list[int | None]] = []  # stack of [next number or None]
        self.quote_depth = 0
        self.item_first_para = False
        self.item_number: int | None = None

    def _id(self) -> str:
        return f"b{len(self.blocks) + 1}"

    def _line(self, token: Token) -> int:
        return (token.map[0] if token.map else 0) + self.offset

    def run(self, tokens: list[Token]) -> list[Block]:
        index = 0
        while index < len(tokens):
            index = self._step(tokens, index)
        return self.blocks

    def _step(self, tokens: list[Token], index: int) -> int:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            inline = tokens[index + 1]
            line = self._line(token)
            self.blocks.append(
                Block(
                    self._id(),
                    "heading",
                    line,
                    (Segment(_inline_text(inline), "heading", line),),
                    level=int(token.tag[1]),
                )
            )
            return index + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            self.lists.append(
                [int(start) if start is not None else 1] if kind == "ordered_list_open" else [None]
            )
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            counter = self.lists[-1]
            self.item_number = counter[0]
            if counter[0] is not None:
                counter[0] += 1
            self.item_first_para = True
        elif kind == "blockquote_open":
            self.quote_depth += 1
        elif kind == "blockquote_close":
            self.quote_depth -= 1
        elif kind == "paragraph_open":
            return self._paragraph(tokens, index)
        elif kind == "table_open":
            return self._table(tokens, index)
        elif kind in ("fence", "code_block", "html_block"):
            line = self._line(token)
            if kind == "html_block":
                # Raw HTML is data: shown literally, translatable like a paragraph.
                text = token.content.strip()
                self.blocks.append(Block(self._id(), "paragraph", line, (Segment(text, "paragraph", line),)))
            else:
                self.blocks.append(Block(self._id(), "code", line, literal=token.content.rstrip("\n")))
        return index + 1

    def _paragraph(self, tokens: list[Token], index: int) -> int:
        token, inline = tokens[index], tokens[index + 1]
        line = self._line(token)
        children = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
        if len(children) == 1 and children[0].type == "image":
            image = children[0]
            alt = _SOFTBREAK.sub(" ", image.content.strip())
            title = image.attrGet("title")
            segments = []
            if alt:
                segments.append(Segment(alt, "image-alt", line))
            if title:
                segments.append(Segment(" ".join(str(title).split()), "caption", line))
            self.blocks.append(
                Block(self._id(), "image", line, tuple(segments), src=str(image.attrGet("src") or ""))
            )
            return index + 3
        text = _inline_text(inline)
        if self.lists and not self.quote_depth:
            seg_kind, block_kind = "list-item", "list-item"
        elif self.quote_depth:
            seg_kind, block_kind = "blockquote", "blockquote"
        else:
            seg_kind, block_kind = "paragraph", "paragraph"
        number = None
        level = len(self.lists) if block_kind == "list-item" else self.quote_depth
        if block_kind == "list-item":
            number = self.item_number if self.item_first_para else None
            self.item_first_para = False
        self.blocks.append(
            Block(self._id(), block_kind, line, (Segment(text, seg_kind, line),), level=level, number=number)
        )
        return index + 3

    def _table(self, tokens: list[Token], index: int) -> int:
        line = self._line(tokens[index])
        rows: list[tuple[Segment, ...]] = []
        cells: list[Segment] = []
        row_line = line
        index += 1
        while tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "tr_open":
                cells = []
                row_line = self._line(token) if token.map else row_line
            elif token.type == "inline":
                cells.append(Segment(_inline_text(token), "table-cell", row_line))
            elif token.type == "tr_close":
                rows.append(tuple(cells))
            index += 1
        self.blocks.append(Block(self._id(), "table", line, rows=tuple(rows)))
        return index + 1


def _refuse_unknown_keys(meta: dict[str, Any], lines: dict[str, int], path: Path) -> None:
    # In the file's order, not sorted: YAML keys may be numbers and texts mixed.
    unknown = [key for key in meta if key not in _FRONT_KEYS]
    if unknown:
        name = shorten(unknown[0]) if isinstance(unknown[0], str) else f"a {type(unknown[0]).__name__}"
        raise SourceError(
            f"unknown front matter field {name}; known fields: {', '.join(sorted(_FRONT_KEYS))}",
            path,
            lines.get(unknown[0], 2) if isinstance(unknown[0], str) else 2,
        )


def parse_source(data: bytes | str, path: Path, *, default_lang: str = languages.DEFAULT_SOURCE) -> Source:
    """Parse a source's bytes; ``path`` names it in messages and references."""
    text = _decode(data, path) if isinstance(data, bytes) else data
    slug = path.stem
    if not SLUG_RE.match(slug):
        raise SourceError(
            "source names must be ASCII lower-case letters a-z (no accents), digits, '-', '_' or '.'; "
            "rename the file",
            path,
        )
    front, body, body_line = _split_front_matter(text, path)
    meta = _load_yaml(front, path)
    lines = _key_lines(front)
    _refuse_unknown_keys(meta, lines, path)

    def line_of(key: str) -> int:
        return lines.get(key, 2)

    title = _string(meta, "title", path, line_of("title"), required=True)
    assert title is not None
    date = _date(meta, path, line_of("date"))
    lang_value = meta.get("lang", default_lang)
    try:
        lang = check_lang(lang_value)
    except ConfigError as exc:
        raise SourceError(exc.reason, path, line_of("lang")) from None
    subtitle = _string(meta, "subtitle", path, line_of("subtitle"))
    origin = _string(meta, "origin", path, line_of("origin"))
    short = _string(meta, "short-title", path, line_of("short-title"))
    authors = _string_list(meta, "authors", path, line_of("authors"))
    keywords = _string_list(meta, "keywords", path, line_of("keywords"))
    facts = _facts(meta, path, line_of("facts"), front)
    tokens = _parser().parse(body)
    _check_nesting(tokens, path, body_line)
    blocks = _BodyParser(body_line).run(tokens)
    if not any(block.segments or block.rows for block in blocks):
        raise SourceError("the body is empty; write the article below the front matter", path, body_line)
    return Source(
        slug=slug,
        path=path,
        lang=lang,
        title=Segment(title, "title", line_of("title")),
        date=date,
        subtitle=Segment(subtitle, "subtitle", line_of("subtitle")) if subtitle else None,
        origin=Segment(origin, "origin", line_of("origin")) if origin else None,
        short_title=Segment(short, "short-title", line_of("short-title")) if short else None,
        authors=tuple(authors),
        keywords=tuple(Segment(k, "keyword", line_of("keywords")) for k in keywords),
        blocks=tuple(blocks),
        facts=facts,
        fact_labels=tuple(
            Segment(f.label, "fact-label", f.label_line or f.line) for f in facts or () if f.label
        ),
    )
