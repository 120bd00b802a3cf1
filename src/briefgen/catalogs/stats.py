"""Translation progress of a catalog, counted the way ``msgfmt --statistics`` counts.

A message is untranslated when its (first) msgstr is empty, even if it is
marked fuzzy; fuzzy when it has a translation and the fuzzy flag; translated
otherwise. The header and obsolete entries are not messages here (obsolete
ones are counted apart). Words are the whitespace-separated words of the msgid.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .model import Catalog, Message

__all__ = ["Stats", "catalog_stats", "extra_plural_forms", "status"]


@dataclass(frozen=True)
class Stats:
    """Message and word counts of one catalog."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    translated_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0
    obsolete_words: int = 0

    @property
    def total(self) -> int:
        """Active messages (obsolete excluded)."""
        return self.translated + self.fuzzy + self.untranslated

    @property
    def total_words(self) -> int:
        return self.translated_words + self.fuzzy_words + self.untranslated_words

    @property
    def percent_translated(self) -> float:
        """Share of active messages translated, 0-100 (100 for an empty catalog)."""
        return 100.0 * self.translated / self.total if self.total else 100.0

    def as_dict(self) -> dict[str, int | float]:
        """A JSON-able dict: the counts, the totals and the percentage."""
        data: dict[str, int | float] = dict(asdict(self))
        data["total"] = self.total
        data["total_words"] = self.total_words
        data["percent_translated"] = round(self.percent_translated, 2)
        return data


def status(message: Message) -> str:
    """``obsolete``, ``untranslated``, ``fuzzy`` or ``translated``, as msgfmt classifies it."""
    if message.obsolete:
        return "obsolete"
    strings = message.strings
    # msgfmt looks at the first msgstr only (msgstr[0] for plural entries).
    if not strings or not strings[0]:
        return "untranslated"
    return "fuzzy" if message.fuzzy else "translated"


def catalog_stats(catalog: Catalog) -> Stats:
    """Count the catalog's messages and words by status."""
    messages = dict.fromkeys(("translated", "fuzzy", "untranslated", "obsolete"), 0)
    words = dict(messages)
    for message in catalog.messages:
        if message.is_header:
            continue
        kind = status(message)
        messages[kind] += 1
        words[kind] += len(message.msgid.split())
    return Stats(
        translated=messages["translated"],
        fuzzy=messages["fuzzy"],
        untranslated=messages["untranslated"],
        obsolete=messages["obsolete"],
        translated_words=words["translated"],
        fuzzy_words=words["fuzzy"],
        untranslated_words=words["untranslated"],
        obsolete_words=words["obsolete"],
    )


def extra_plural_forms(catalog: Catalog) -> tuple[int, str] | None:
    """(line, warning) when entries have more plural forms than ``nplurals``; None otherwise.

    Django's catalogs carry CLDR's 3 French forms under gettext's ``nplurals=2``; msgfmt and
    msgmerge accept them and gettext uses the first ``nplurals``, so it is one warning per
    file, at the first such entry. The forms are kept as written.
    """
    nplurals = catalog.nplurals
    if nplurals is None:
        return None
    extra = [
        m
        for m in catalog.messages
        if not m.obsolete and m.msgid_plural is not None and len(m.msgstr_plural) > nplurals
    ]
    if not extra:
        return None
    many = len(extra) > 1
    return extra[0].lineno, (
        f"{len(extra)} entr{'ies have' if many else 'y has'} more plural forms than the header's "
        f"nplurals={nplurals}; gettext uses msgstr[0] to msgstr[{nplurals - 1}] only: "
        "remove the extra forms or correct Plural-Forms"
    )
