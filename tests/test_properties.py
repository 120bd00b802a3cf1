"""Properties that must hold for any input (Hypothesis), thousands of examples per CI run.

* the segmenter loses no text, whatever the words, punctuation and block markers;
* any catalog briefgen can hold is written and read back with every field equal,
  and its output is what GNU ``msgcat`` writes and what ``msgfmt -c`` accepts;
* the figure extractor never crashes, and finds every number put into prose.

``BRIEFGEN_EXAMPLES_SCALE`` multiplies the example counts (default 1: the counts below).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.catalogs.model import Catalog, Message
from briefgen.catalogs.pofile import read_po, wrap_string, write_po
from briefgen.facts import KINDS, extract
from briefgen.sources import parse_source

from conftest import require_tool

SCALE = float(os.environ.get("BRIEFGEN_EXAMPLES_SCALE", "1"))


def examples(count: int) -> int:
    return max(10, int(count * SCALE))


FAST = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}

# -- (a) segmentation without loss ------------------------------------------------------------------

_LETTERS = st.characters(categories=["L"])
_PUNCT = [",", ".", ";", ":", "!", "?", "«", "»", "’", "'", '"', "(", ")", "[", "]", "–", "—", "…", "%", "€"]
_MARKED = ["*mot*", "_mot_", "**gras**", "`code`", "*a **b** c*", "[lien](https://example.org/a_b)", "\\*"]
_PLAIN_WORD = st.text(_LETTERS, min_size=1, max_size=10)
_WORD = st.one_of(
    _PLAIN_WORD,
    st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8),
    st.builds(lambda w, p: w + p, _PLAIN_WORD, st.sampled_from(_PUNCT)),
    st.builds(lambda p, w: p + w, st.sampled_from(["«\u00a0", "(", "“", "‘"]), _PLAIN_WORD),
    st.sampled_from(_PUNCT + _MARKED),
)
# A line starts with a letter: "-", "1.", ">", "#" or "[x]:" there would be Markdown block syntax.
_LINE = st.builds(lambda first, rest: " ".join([first, *rest]), _PLAIN_WORD, st.lists(_WORD, max_size=12))
_TEXT = st.lists(_LINE, min_size=1, max_size=3).map("\n".join)
# Block markers: the marker goes, the text stays.
_MARKERS = ["", "", "# ", "### ", "- ", "* ", "1. ", "> ", "> > "]
_BLOCKS = st.lists(st.tuples(st.sampled_from(_MARKERS), _TEXT), min_size=1, max_size=6)


@settings(max_examples=examples(1500), **FAST)
@given(_BLOCKS)
def test_any_text_segments_without_loss(blocks: list[tuple[str, str]]) -> None:
    body = []
    for marker, text in blocks:
        # A heading is one line; the continuation lines of a list item or quote keep its indent.
        indent = " " * len(marker) if marker[:1] in "-*1" else marker
        lines = text.replace("\n", " ") if marker.startswith("#") else text.replace("\n", "\n" + indent)
        body.append(marker + lines)
    markdown = "---\ntitle: T\ndate: 2025-01-01\n---\n\n" + "\n\n".join(body) + "\n"
    source = parse_source(markdown.encode(), Path("sources/prop.md"))
    joined = " ".join(s.text for b in source.blocks for s in b.segments)
    assert joined.split() == " ".join(text for _, text in blocks).split()


# -- (b) catalogs: written, read back equal --------------------------------------------------------

# Every character a PO string can hold: not NUL and EOT (.mo files separate plural forms and
# contexts with them; GNU refuses both), nor a lone surrogate. Escapes, quotes, tabs, newlines
# and other controls are drawn often.
_SPECIAL = st.sampled_from(["\\n", '\\"', *'\\"\t\n\r\a\b\f\v\x01\x1f\x7f\u00a0\u200b\u2028\ufeff«»%{}#~|'])
_ANY = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00\x04"), max_size=40)
# Specials are spliced into a string rather than drawn per character: three times cheaper to generate.
_STRING = st.one_of(_ANY, st.builds(lambda a, s, b: a + s + b, _ANY, _SPECIAL, _ANY))
_NONEMPTY = st.one_of(_ANY.filter(bool), st.builds(lambda a, s, b: a + s + b, _ANY, _SPECIAL, _ANY))
# Comments are lines: a newline in one is two comments, and GNU trims the space after "#". GNU's
# lexer also joins a line ending with a backslash to the next, so a comment never ends with one.
_COMMENT = (
    st.text(st.characters(categories=["L", "N", "P", "S", "Zs"]), max_size=60)
    .map(str.strip)
    .filter(lambda text: not text.endswith("\\"))
)
_REFERENCE = st.from_regex(r"[a-z][a-z0-9_/.-]{0,30}:[1-9][0-9]{0,4}", fullmatch=True)
# Flags in the order GNU writes them (write-po.c): fuzzy, the format flag, no-wrap, others.
_FORMAT_FLAG = st.sampled_from([None, "c-format", "no-c-format", "python-format", "python-brace-format"])


@st.composite
def _messages(draw: st.DrawFn, index: int, nplurals: int) -> Message:
    plural = draw(st.booleans())
    obsolete = draw(st.integers(0, 4)) == 0
    if plural:
        strings = draw(st.lists(_STRING, min_size=nplurals, max_size=nplurals))
        if obsolete:
            strings[0] = draw(_NONEMPTY)  # GNU writes nothing for an untranslated obsolete entry
        msgstr, msgstr_plural, msgid_plural = "", dict(enumerate(strings)), draw(_NONEMPTY)
        translated = bool(strings[0])
    else:
        msgstr = draw(_NONEMPTY if obsolete else _STRING)
        msgstr_plural, msgid_plural, translated = {}, None, bool(msgstr)
    flags = []
    if translated and draw(st.booleans()):
        flags.append("fuzzy")
    if not obsolete:
        form = draw(_FORMAT_FLAG)
        flags += [form] if form else []
        flags += ["no-wrap"] if draw(st.integers(0, 5)) == 0 else []
    previous = draw(st.none() | _NONEMPTY)
    return Message(
        # A unique prefix keeps ids distinct; the rest is anything.
        f"{index}:" + draw(_STRING),
        msgstr,
        msgid_plural,
        msgstr_plural,
        msgctxt=draw(st.none() | _STRING),
        translator_comments=draw(st.lists(_COMMENT, max_size=2)),
        extracted_comments=[] if obsolete else draw(st.lists(_COMMENT, max_size=2)),
        references=[] if obsolete else draw(st.lists(_REFERENCE, max_size=3, unique=True)),
        flags=flags,
        previous_msgctxt=draw(st.none() | _NONEMPTY) if previous is not None else None,
        previous_msgid=previous,
        previous_msgid_plural=draw(st.none() | _NONEMPTY) if previous is not None and plural else None,
        obsolete=obsolete,
    )


@st.composite
def _catalogs(draw: st.DrawFn) -> Catalog:
    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    catalog = Catalog.new("prop", "fr", creation_date=when, generator="briefgen test")
    count = draw(st.integers(0, 6))
    nplurals = catalog.nplurals
    assert nplurals is not None
    active = [draw(_messages(i, nplurals)) for i in range(count)]
    # GNU writes obsolete entries after the others.
    catalog.messages = [m for m in active if not m.obsolete] + [m for m in active if m.obsolete]
    return catalog


_FIELDS = (
    "msgid", "msgstr", "msgid_plural", "msgstr_plural", "msgctxt", "translator_comments",
    "extracted_comments", "references", "flags", "previous_msgctxt", "previous_msgid",
    "previous_msgid_plural", "obsolete",
)  # fmt: skip


def _fields(catalog: Catalog) -> list[dict[str, object]]:
    messages = [catalog.header, *catalog.messages]
    return [{name: getattr(m, name) for name in _FIELDS} for m in messages if m is not None]


@settings(max_examples=examples(1200), **FAST)
@given(_catalogs())
def test_any_catalog_written_is_read_back_equal(catalog: Catalog) -> None:
    data = write_po(catalog)
    again = read_po(data, "prop.po")
    assert _fields(again) == _fields(catalog)
    assert write_po(again) == data  # and read entries are written back as they were


def _field_lines(raw: str, keyword: str) -> list[str]:
    """The lines of the string field ``keyword`` in an entry's text."""
    lines = raw.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(keyword + ' "'))
    end = start + 1
    while end < len(lines) and lines[end].startswith('"'):
        end += 1
    return lines[start:end]


@settings(max_examples=examples(400), **FAST)
@given(_catalogs(), st.data())
def test_a_rewritten_entry_keeps_the_lines_of_its_unchanged_strings(
    catalog: Catalog, data: st.DataObject
) -> None:
    """Read a catalog another tool wrapped at 77 columns, move every reference, revise some translations."""
    prose = st.lists(_LINE, min_size=2, max_size=6).map(" ".join)  # long enough to wrap
    for msg in catalog.messages:
        if not msg.obsolete and msg.msgid_plural is None:
            msg.msgid += " " + data.draw(prose, label="msgid")
            msg.msgstr = data.draw(prose, label="msgstr") if msg.msgstr else ""
    narrow = read_po(write_po(catalog, width=77), "prop.po")
    originals = {m.id: m.raw for m in narrow.messages if not m.obsolete}
    revised: set[tuple[str | None, str]] = set()
    for msg in narrow.messages:
        if msg.obsolete:
            continue
        msg.references.append("moved.md:1")
        if msg.msgid_plural is None and msg.msgstr and data.draw(st.booleans(), label="revise"):
            msg.msgstr += " (revu)"
            revised.add(msg.id)
    written = write_po(narrow)
    back = read_po(written, "prop.po")
    assert _fields(back) == _fields(narrow)  # nothing lost, nothing invented
    for msg in back.messages:
        if msg.obsolete or msg.is_header:
            continue
        old, new = originals[msg.id], msg.raw
        assert old is not None and new is not None
        assert _field_lines(new, "msgid") == _field_lines(old, "msgid")
        if msg.id in revised:  # a new translation is laid out as GNU lays it out
            assert _field_lines(new, "msgstr") == wrap_string(
                "", "msgstr", msg.msgstr, wrap="no-wrap" not in msg.flags
            ).split("\n")
        elif msg.msgid_plural is None:
            assert _field_lines(new, "msgstr") == _field_lines(old, "msgstr")


def _same_ends(text: str, model: str) -> str:
    """``text`` starting and ending with a newline exactly when ``model`` does (msgfmt -c checks it)."""
    core = text.strip("\n") or "x"
    return ("\n" if model.startswith("\n") else "") + core + ("\n" if model.endswith("\n") else "")


def _translate_like_a_translator(message: Message) -> None:
    if message.msgid_plural is not None:
        message.msgid_plural = _same_ends(message.msgid_plural, message.msgid)
        strings = message.msgstr_plural
        # msgfmt -c checks every msgstr[n] of a translated entry, empty ones included: a partly
        # translated plural entry failed it (flaky until its forms were all filled).
        if any(strings.values()):
            message.msgstr_plural = {i: _same_ends(s, message.msgid) for i, s in strings.items()}
    elif message.msgstr:
        message.msgstr = _same_ends(message.msgstr, message.msgid)


def test_generated_catalogs_are_what_gnu_writes(tmp_path: Path) -> None:
    """Hundreds of generated entries per file: msgfmt -c accepts them, msgcat leaves the bytes alone."""
    catalogs: list[Catalog] = []

    @settings(max_examples=examples(400), database=None, **FAST)
    @given(_catalogs())
    def collect(catalog: Catalog) -> None:
        catalogs.append(catalog)

    collect()
    batches: list[Catalog] = []
    for number in range(0, len(catalogs), 50):
        batch = Catalog.new("prop", "fr", creation_date=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), generator="t")
        messages = [m for c in catalogs[number : number + 50] for m in c.messages]
        for index, message in enumerate(messages):  # one id space per file
            message.msgid = f"{number}-{index}-{message.msgid}"
            # Random text is no valid C or Python format string: msgfmt --check-format would say so.
            message.flags = [flag for flag in message.flags if not flag.endswith("-format")]
            _translate_like_a_translator(message)
        batch.messages = [m for m in messages if not m.obsolete] + [m for m in messages if m.obsolete]
        batches.append(batch)
    assert sum(len(b.messages) for b in batches) >= examples(400)
    for number, batch in enumerate(batches):
        path = tmp_path / f"batch-{number}.po"
        path.write_bytes(write_po(batch))
        checked = subprocess.run(
            [require_tool("msgfmt"), "-c", "--check-format", "-o", os.devnull, str(path)],
            capture_output=True,
            check=False,
        )
        assert checked.returncode == 0, checked.stderr.decode()[-2000:]
        cat = subprocess.run([require_tool("msgcat"), str(path)], capture_output=True, check=False)
        assert cat.returncode == 0, cat.stderr.decode()[-2000:]
        assert cat.stdout.decode() == path.read_text(encoding="utf-8"), path


# -- (c) figures ----------------------------------------------------------------------------------------


@settings(max_examples=examples(8000), **FAST)
@given(st.text(max_size=400), st.sampled_from(["fr", "en", "de", "fr_CA", "xx"]))
def test_fact_extractor_never_crashes(text: str, lang: str) -> None:
    facts = extract(text, lang)
    previous_end = 0
    for fact in facts:
        assert text[fact.start : fact.end] == fact.text
        assert fact.kind in KINDS
        assert fact.start >= previous_end  # in order, never overlapping
        previous_end = fact.end


# Words that are no unit, scale, month, reference or range word in either language.
_NEUTRAL = ["chat", "maison", "rouge", "voiture", "arbre", "avec", "dans", "tree", "house", "blue", "with"]
_BEFORE = ["", "(", "«\u00a0", "“"]
_AFTER = ["", ",", ".", ";", ")", "\u00a0»", "”", " !"]


@st.composite
def _number(draw: st.DrawFn, lang: str) -> tuple[str, Decimal]:
    """A number as a writer of ``lang`` types it, with the value it states."""
    whole = draw(st.one_of(st.integers(0, 999), st.integers(10_000, 10**12)))
    decimals = draw(st.sampled_from(["", "", "5", "25", "125"]))
    group, point = ("\u202f", ",") if lang == "fr" else (",", ".")
    digits = f"{whole:,}".replace(",", group) if whole >= 10_000 else str(whole)
    text = f"{digits}{point}{decimals}" if decimals else digits
    value = Decimal(f"{whole}.{decimals}" if decimals else whole)
    suffix = draw(st.sampled_from(["", "", "%", "€"]))
    if suffix:
        text += ("\u00a0" if lang == "fr" else "") + suffix if suffix == "%" else " €"
    return text, value


@st.composite
def _prose_with_numbers(draw: st.DrawFn) -> tuple[str, str, list[Decimal]]:
    lang = draw(st.sampled_from(["fr", "en"]))
    parts: list[str] = []
    values: list[Decimal] = []
    for _ in range(draw(st.integers(1, 6))):
        parts += draw(st.lists(st.sampled_from(_NEUTRAL), min_size=1, max_size=4))
        text, value = draw(_number(lang))
        parts.append(draw(st.sampled_from(_BEFORE)) + text + draw(st.sampled_from(_AFTER)))
        values.append(value)
    parts += draw(st.lists(st.sampled_from(_NEUTRAL), max_size=3))
    return lang, " ".join(parts), values


@settings(max_examples=examples(3000), **FAST)
@given(_prose_with_numbers())
def test_fact_extractor_finds_every_number(case: tuple[str, str, list[Decimal]]) -> None:
    lang, text, values = case
    found = [Decimal(str(f.value)) for f in extract(text, lang)]
    assert [v for v in values if v not in found] == [], (text, found)


@pytest.mark.parametrize("text", ["7", "12", "1 234", "12,5"])
def test_a_lone_number_is_a_figure(text: str) -> None:
    # A table cell often holds only a number: the end of the text made it look like a list number.
    assert [f.text for f in extract(text, "fr")] == [text]
