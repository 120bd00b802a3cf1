"""Update a translated catalog to a new template, as ``msgmerge --previous`` does.

For each template message, in template order:

* an exact ``(msgctxt, msgid)`` match keeps the translation, translator
  comments and fuzzy flag, and takes references, extracted comments and
  format flags from the template;
* otherwise the most similar translated message (GNU's fstrcmp > 0.6, i.e.
  rapidfuzz's Indel ratio, among the candidates sharing a 4-gram, as GNU's
  ``msgl-fsearch.c``) gives a fuzzy translation with ``#|`` previous
  msgid; failing that, the optional translation ``memory`` is asked;
* otherwise the message is new and untranslated.

Translated messages that no template message used become obsolete ``#~``
entries (or are dropped with ``keep_obsolete=False``). A message the merge does
not change keeps its original text, so merging a catalog with its own
template gives back the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

from .model import Catalog, Message

__all__ = ["MergeStats", "merge"]

#: GNU msgmerge's FUZZY_THRESHOLD: a candidate must be *more* similar than this (fstrcmp).
FUZZY_THRESHOLD = 0.6

_FORMAT_SUFFIX = "-format"


@dataclass
class MergeStats:
    """How each template message was filled, and what happened to the old ones."""

    exact: int = 0
    fuzzy: int = 0
    from_memory: int = 0
    new: int = 0
    obsolete: int = 0
    dropped: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _clone(msg: Message) -> Message:
    new = Message.__new__(Message)  # copy.copy without its __reduce_ex__ detour (2x faster)
    new.__dict__.update(msg.__dict__)
    new.msgstr_plural = dict(msg.msgstr_plural)
    new.translator_comments = list(msg.translator_comments)
    new.extracted_comments = list(msg.extracted_comments)
    new.references = list(msg.references)
    new.flags = list(msg.flags)
    return new


def _is_template_flag(flag: str) -> bool:
    """Flags msgmerge takes from the template: format, range and wrap flags."""
    return flag.endswith(_FORMAT_SUFFIX) or flag.startswith("range:") or flag in ("wrap", "no-wrap")


def _merged_flags(old: Message, ref: Message, fuzzy: bool) -> list[str]:
    flags = ["fuzzy"] if fuzzy else []
    flags += [f for f in ref.flags if f != "fuzzy"]
    flags += [f for f in old.flags if f != "fuzzy" and not _is_template_flag(f) and f not in flags]
    # Same flags in another order are the same flags: keep the old order (and the old text).
    return list(old.flags) if sorted(flags) == sorted(old.flags) else flags


def _take_translation(msg: Message, old: Message, ref: Message, nplurals: int) -> bool:
    """Give ``msg`` (shaped like ``ref``) the translation of ``old``; True if reshaped."""
    if ref.msgid_plural is not None and old.msgid_plural is None:
        msg.msgstr_plural = dict.fromkeys(range(nplurals), old.msgstr)
        msg.msgstr = ""
        return True
    if ref.msgid_plural is None and old.msgid_plural is not None:
        msg.msgstr = old.msgstr_plural.get(0, "")
        msg.msgstr_plural = {}
        return True
    return ref.msgid_plural != old.msgid_plural


def _from_template(ref: Message, old: Message) -> Message:
    msg = _clone(old)
    msg.msgid = ref.msgid
    msg.msgctxt = ref.msgctxt
    msg.msgid_plural = ref.msgid_plural
    msg.obsolete = False
    msg.lineno = ref.lineno
    msg.extracted_comments = list(ref.extracted_comments)
    msg.references = list(ref.references)
    return msg


def _exact(old: Message, ref: Message, nplurals: int) -> Message:
    msg = _from_template(ref, old)
    reshaped = _take_translation(msg, old, ref, nplurals)
    msg.flags = _merged_flags(old, ref, (reshaped or old.fuzzy) and any(msg.strings))
    if not msg.fuzzy:  # a previous msgid only explains a fuzzy translation
        msg.previous_msgctxt = msg.previous_msgid = msg.previous_msgid_plural = None
    elif reshaped and not old.fuzzy:
        # The msgid is the same but the plural changed (a message became plural): as msgmerge,
        # `#|` shows what the translation was made for.
        msg.previous_msgctxt, msg.previous_msgid = old.msgctxt, old.msgid
        msg.previous_msgid_plural = old.msgid_plural
    return msg


def _fuzzy(old: Message, ref: Message, nplurals: int) -> Message:
    msg = _from_template(ref, old)
    _take_translation(msg, old, ref, nplurals)
    msg.flags = _merged_flags(old, ref, True)
    if not old.fuzzy:
        # The previous msgid is the one the translation was made for.
        msg.previous_msgctxt, msg.previous_msgid = old.msgctxt, old.msgid
        msg.previous_msgid_plural = old.msgid_plural
    return msg


def _untranslated(ref: Message, nplurals: int) -> Message:
    msg = _clone(ref)
    msg.forget_source()  # the template's layout is not the translator's
    msg.flags = [f for f in ref.flags if f != "fuzzy"]
    msg.msgstr = ""
    if msg.msgid_plural is not None:
        msg.msgstr_plural = dict.fromkeys(range(nplurals), "")
    msg.previous_msgctxt = msg.previous_msgid = msg.previous_msgid_plural = None
    return msg


class _FuzzyIndex:
    """The best fuzzy match among translated messages, chosen as GNU ``msgmerge`` chooses it.

    As in GNU's ``msgl-fsearch.c``: only candidates sharing at least one 4-character
    sequence with the new msgid are considered, the ``max(10, sqrt(n))`` sharing the most
    (fewer 4-grams in common, as "Delete" for "Default", is how wrong suggestions were
    made: issue 17); among those the highest similarity wins, a same-msgctxt candidate
    getting a 0.00001 bonus, and on equal scores the one sharing more 4-grams. Msgids under
    4 characters are compared with the short candidates of a suitable length. rapidfuzz's
    ``fuzz.ratio`` is GNU fstrcmp's 2*LCS/(len1+len2) (Indel similarity), in C++.
    """

    def __init__(self, candidates: list[Message]) -> None:
        # Imported only when some message has no exact match (~10 ms of start-up otherwise).
        from rapidfuzz import fuzz, process

        self._extract = process.extract
        self._scorer = fuzz.ratio
        self._messages = candidates
        self._ids = [m.msgid for m in candidates]
        self._firstfew = max(10, int(len(candidates) ** 0.5))
        grams: dict[str, list[int]] = {}
        short: dict[int, list[int]] = {}
        for index, msgid in enumerate(self._ids):
            if len(msgid) < 4:
                short.setdefault(len(msgid), []).append(index)
            for gram in {msgid[k : k + 4] for k in range(len(msgid) - 3)}:
                grams.setdefault(gram, []).append(index)
        self._grams = grams
        self._short = short

    def _candidates(self, msgid: str) -> list[int]:
        """Indices of the candidates to score, in GNU's order (most shared 4-grams first)."""
        if len(msgid) < 4:
            n = len(msgid)
            # 2*min/(n+m) > 0.6  <=>  m in (n*3/7, n*7/3)
            return [i for m in range(-(-n * 3 // 7), n * 7 // 3 + 1) for i in self._short.get(m, ())]
        from collections import Counter
        from heapq import nsmallest

        shared: Counter[int] = Counter()
        grams = self._grams
        for k in range(len(msgid) - 3):
            found = grams.get(msgid[k : k + 4])
            if found is not None:
                shared.update(found)
        best = nsmallest(self._firstfew, shared.items(), key=lambda item: (-item[1], item[0]))
        return [index for index, _ in best]

    def best(self, msgid: str, msgctxt: str | None = None) -> Message | None:
        order = self._candidates(msgid)
        if not order:
            return None
        found = self._extract(
            msgid,
            [self._ids[i] for i in order],
            scorer=self._scorer,
            processor=None,
            limit=None,
            score_cutoff=FUZZY_THRESHOLD * 100 - 0.001 + 1e-9,
        )
        best: tuple[float, int] | None = None
        for _, score, position in found:
            weight = score + (0.001 if self._messages[order[position]].msgctxt == msgctxt else 0.0)
            # Strictly greater, in GNU's order: on equal weights, more shared 4-grams win.
            if weight > FUZZY_THRESHOLD * 100 and (best is None or (weight, -position) > best):
                best = (weight, -position)
        return None if best is None else self._messages[order[-best[1]]]


def _update_header(header: Message | None, ref: Catalog, result: Catalog) -> None:
    result.header = _clone(header) if header is not None else (_clone(ref.header) if ref.header else None)
    if header is None or ref.header is None:
        return
    # msgmerge takes these two fields from the template and everything else from the translation.
    for name in ("Report-Msgid-Bugs-To", "POT-Creation-Date"):
        value = ref.header_get(name)
        if value is not None and result.header_get(name) != value:
            result.header_set(name, value)


def merge(
    definitions: Catalog,
    template: Catalog,
    *,
    memory: Callable[[str], str | None] | None = None,
    keep_obsolete: bool = True,
    fuzzy_matching: bool = True,
) -> tuple[Catalog, MergeStats]:
    """Merge the translations of ``definitions`` into the messages of ``template``.

    Without ``fuzzy_matching`` (``msgmerge -N``), a message with no exact match is new.
    """
    stats = MergeStats()
    result = Catalog(trailer=definitions.trailer, newline=definitions.newline)
    _update_header(definitions.header, template, result)
    nplurals = definitions.nplurals or 2
    by_id: dict[tuple[str | None, str], Message] = {}
    for msg in definitions.messages:
        known = by_id.get(msg.id)
        if known is None or (known.obsolete and not msg.obsolete):
            by_id[msg.id] = msg
    used: set[int] = set()
    out: list[Message | None] = []
    missing: list[tuple[int, Message]] = []
    for ref in template.messages:
        if ref.obsolete:
            continue
        old = by_id.get(ref.id)
        if old is not None:
            out.append(_exact(old, ref, nplurals))
            used.add(id(old))
            stats.exact += 1
        else:
            missing.append((len(out), ref))
            out.append(None)
    if missing:
        index = (
            _FuzzyIndex([m for m in definitions.messages if m.strings and m.strings[0]])
            if fuzzy_matching
            else None
        )
        for position, ref in missing:
            out[position] = _missing(ref, index, memory, nplurals, used, stats)
    result.messages = [m for m in out if m is not None]
    _keep_obsolete(definitions, result, used, stats, keep=keep_obsolete)
    return result, stats


def _missing(
    ref: Message,
    index: _FuzzyIndex | None,
    memory: Callable[[str], str | None] | None,
    nplurals: int,
    used: set[int],
    stats: MergeStats,
) -> Message:
    """A template message with no exact match: a fuzzy match, a suggestion from memory, or new."""
    old = index.best(ref.msgid, ref.msgctxt) if index is not None else None
    if old is not None:
        used.add(id(old))
        stats.fuzzy += 1
        return _fuzzy(old, ref, nplurals)
    msg = _untranslated(ref, nplurals)
    suggestion = memory(ref.msgid) if memory is not None else None
    if suggestion:
        msg.msgstr_plural = dict.fromkeys(msg.msgstr_plural, suggestion)
        msg.msgstr = suggestion if msg.msgid_plural is None else ""
        msg.flags.insert(0, "fuzzy")
        stats.from_memory += 1
    else:
        stats.new += 1
    return msg


def _keep_obsolete(
    definitions: Catalog, result: Catalog, used: set[int], stats: MergeStats, *, keep: bool
) -> None:
    """Append the translated messages the template no longer has: obsolete (``#~``), or dropped."""
    for old in definitions.messages:
        if id(old) in used or not (old.strings and old.strings[0]):
            continue  # untranslated leftovers carry nothing; msgmerge drops them too
        if not keep:
            stats.dropped += 1
            continue
        gone = _clone(old)
        gone.obsolete = True
        result.messages.append(gone)
        stats.obsolete += 1
