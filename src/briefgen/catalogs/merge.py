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

from bisect import bisect_left, bisect_right
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

    As msgmerge does (``msgl-fsearch.c``, searched without its "first few" heuristic): only
    candidates sharing at least one 4-character sequence with the new msgid count (scoring
    every candidate, as briefgen did, is how "Delete" came to be offered for "Default":
    issue 17); the highest similarity above 0.6 wins, a same-msgctxt candidate getting
    GNU's 0.00001 bonus, and on equal scores the one sharing more 4-grams, then the first
    in the file. A msgid under 4 characters has no 4-gram: every candidate of a length
    within reach counts, as in GNU.

    rapidfuzz's ``fuzz.ratio`` is GNU fstrcmp's 2*LCS/(len1+len2) (Indel similarity),
    computed in C++ over the candidates whose length can reach the threshold
    (2*short/(short+long) > 0.6); the 4-gram rule is then applied to the few above it,
    which gives GNU's choice without building a 4-gram index (an index and a count per
    query were 4x slower at 14,500 messages: ``benchmarks/bench_fuzzy.py``).
    """

    def __init__(self, candidates: list[Message]) -> None:
        # Imported only when some message has no exact match (~10 ms of start-up otherwise).
        from rapidfuzz import fuzz, process

        self._extract = process.extract
        self._extract_one = process.extractOne
        self._scorer = fuzz.ratio
        order = sorted(range(len(candidates)), key=lambda i: len(candidates[i].msgid))
        self._messages = [candidates[i] for i in order]
        self._position = order  # file order, the last tie-break
        self._lengths = [len(m.msgid) for m in self._messages]
        self._ids = [m.msgid for m in self._messages]

    def best(self, msgid: str, msgctxt: str | None = None) -> Message | None:
        n = len(msgid)
        # 2*min/(n+m) > 0.6  <=>  m in (n*3/7, n*7/3)
        lo = bisect_left(self._lengths, n * 3 / 7)
        hi = bisect_right(self._lengths, n * 7 / 3)
        if lo >= hi:
            return None
        choices = self._ids[lo:hi]
        top = self._extract_one(
            msgid, choices, scorer=self._scorer, processor=None, score_cutoff=FUZZY_THRESHOLD * 100 - 0.001
        )
        if top is None:
            return None
        # Usually the best score shares a 4-gram: only its equals (within the msgctxt bonus)
        # need comparing, which extractOne's pruning finds fast; otherwise every candidate above 0.6.
        for cutoff in (top[1] - 0.001, FUZZY_THRESHOLD * 100 - 0.001):
            found = self._extract(
                msgid, choices, scorer=self._scorer, processor=None, limit=None, score_cutoff=cutoff
            )
            chosen = self._choose(msgid, msgctxt, lo, found)
            if chosen is not None:
                return chosen
        return None

    def _choose(
        self, msgid: str, msgctxt: str | None, lo: int, found: list[tuple[str, float, int]]
    ) -> Message | None:
        n = len(msgid)
        best: tuple[float, int, int] | None = None
        chosen = None
        for candidate, score, offset in found:
            # GNU's count: the new msgid's 4-grams (each occurrence) found in the candidate.
            grams = {candidate[k : k + 4] for k in range(len(candidate) - 3)}
            shared = sum(msgid[k : k + 4] in grams for k in range(n - 3)) if n >= 4 else 1
            message = self._messages[lo + offset]
            weight = score + (0.001 if message.msgctxt == msgctxt else 0.0)
            if not shared or weight <= FUZZY_THRESHOLD * 100:
                continue
            key = (weight, shared, -self._position[lo + offset])
            if best is None or key > best:
                best, chosen = key, message
        return chosen


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
