"""Labels of the key-figure box: a short noun phrase naming what a figure measures.

Rules over tokens (no parser: measured at well under a millisecond a label, where
loading spaCy's ``fr_core_news_sm`` alone takes seconds). The label comes from the
figure's own sentence: the noun phrase before its verb ("Les saisies de drogue | ont
augmenté de 40 %" -> "Hausse des saisies de drogue"), before its parenthesis
("L'augmentation des recettes (+13,9 %)"), or the subject of the sentence for a change
stated as a noun ("soit une baisse de 66,1 %"). Words are the language profile's
(:class:`briefgen.languages.Vocabulary`); words are never cut inside ("au-delà").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import Fact
from .lexicon import Lexicon

__all__ = ["MAX_LABEL_WORDS", "label"]

#: A label says what is measured in a glance: 2 to 9 words (issue 15).
MAX_LABEL_WORDS = 9
# A word keeps its hyphens ("c'est-à-dire", "au-delà"); apostrophes and marks are tokens.
_TOKEN = re.compile(r"[^\W_]+(?:[-‐][^\W_]+)*|[’']|[^\s\w]")
# A sentence ends at a full stop, '!' or '?' followed by a space (not "1.5").
_SENTENCE_END = re.compile(r"[.!?]\s+|\n")
_GROUP = "()"
_PUNCT = frozenset(',;:«»“”"–—()[]!?.%')


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def word(self) -> bool:
        return self.text[0].isalnum()


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    """Tokens of ``text[start:end]`` without the parenthesised groups closed in it."""
    out: list[_Tok] = []
    depth_marks: list[int] = []
    for m in _TOKEN.finditer(text, start, end):
        tok = _Tok(m.group(), m.start(), m.end())
        if tok.text == "(":
            depth_marks.append(len(out))
        elif tok.text == ")" and depth_marks:
            at = depth_marks.pop()
            gap = out[at]
            del out[at:]
            # Where a group was left out: a list of figures ("les taxes (+17,1 %) et les impôts")
            # breaks there; an abbreviation ("publique (APC) consolidée") does not (_GROUP).
            tok = _Tok(_GROUP, gap.start, gap.start)
        out.append(tok)
    return out


def _number(toks: list[_Tok], j: int) -> bool:
    """A figure's digits (a year such as "en 2020" stays in a label)."""
    text = toks[j].text
    if not text[0].isdigit():
        return False
    year = len(text) == 4 and 1800 <= int(text) <= 2100
    return not year or (j + 1 < len(toks) and toks[j + 1].text == ",")


def _sentence_start(text: str, pos: int) -> int:
    return max((m.end() for m in _SENTENCE_END.finditer(text, 0, pos)), default=0)


def _is_change(word: str, lex: Lexicon) -> str | None:
    for stem, direction in lex.words.change_stems.items():
        if word.startswith(stem):
            return direction
    return None


def _is_verb(word: str, lex: Lexicon) -> bool:
    words = lex.words
    return word in words.label_stops or word in words.label_breaks or _is_change(word, lex) is not None


def _phrase_before(toks: list[_Tok], end: int, lex: Lexicon, *, nouns: bool = False) -> list[_Tok]:
    """The noun phrase ending before ``toks[end]``: back over auxiliaries, then up to a break
    (a change word too, unless ``nouns``: "L'augmentation des recettes (+13,9 %)")."""
    j = end - 1
    breaks = lex.words.label_breaks | lex.words.label_stops
    while j >= 0 and (toks[j].low in breaks or toks[j].text in "’'"):
        j -= 1
    j = _past_apposition(toks, j, lex)
    out: list[_Tok] = []
    while j >= 0 and toks[j].text not in _PUNCT and toks[j].low not in breaks and not _number(toks, j):
        if toks[j].text == _GROUP:
            if nouns:
                break
            j -= 1
            continue
        if out and (
            (not nouns and _is_change(toks[j].low, lex)) or lex.any_multiplier.fullmatch(toks[j].low)
        ):
            break  # a verb of change or a multiplier ("doubler") ends the noun phrase
        out.insert(0, toks[j])
        j -= 1
    return out


def _past_apposition(toks: list[_Tok], j: int, lex: Lexicon) -> int:
    """From the comma closing an apposition ("nette, c'est-à-dire ..., ayant"), the word before it."""
    if j < 0 or toks[j].text != ",":
        return j
    k = j - 1
    while k >= 0 and toks[k].text not in _PUNCT:
        k -= 1
    opening = [t.low for t in toks[k + 1 : k + 4]]
    if k >= 0 and toks[k].text == "," and any(w in lex.words.appositives for w in opening):
        return k - 1
    return j


def _subject(toks: list[_Tok], lex: Lexicon) -> list[_Tok]:
    """The subject of a sentence: the first clause's words up to its verb, past opening
    circumstances ("Au premier trimestre, le PIB réel s'est replié")."""
    clause: list[_Tok] = []
    for tok in [*toks, _Tok(",", 0, 0)]:
        if tok.text not in _PUNCT:
            clause.append(tok)
            continue
        words = [t for t in clause if t.word]
        if words and words[0].low not in lex.words.label_openers:
            out: list[_Tok] = []
            for t in clause:
                if t.word and _is_verb(t.low, lex) and out:
                    break
                out.append(t)
            return out
        clause = []
    return []


def _trim(phrase: list[_Tok], lex: Lexicon) -> list[_Tok]:
    stop = lex.words.stopwords
    while phrase and (not phrase[-1].word or phrase[-1].low in stop):
        phrase = phrase[:-1]
    return phrase


def _text(text: str, phrase: list[_Tok]) -> str:
    """The words of ``phrase`` as written, without the parentheses left out between them."""
    out: list[str] = []
    phrase = [tok for tok in phrase if tok.text != _GROUP]
    for prev, tok in zip([None, *phrase], phrase, strict=False):
        if prev is not None and text[prev.end : tok.start]:
            out.append(" ")
        out.append(tok.text)
    return "".join(out).replace(" ’", "’").replace(" '", "'")


def _strip_article(text: str, phrase: list[_Tok], lex: Lexicon) -> str:
    stop = lex.words.stopwords
    while phrase and (phrase[0].low in stop or phrase[0].text in "’'") and len(phrase) > 1:
        phrase = phrase[1:]
    return _text(text, phrase)


def _of(noun: str, text: str, phrase: list[_Tok], lex: Lexicon) -> str:
    """ "hausse" + "les saisies de drogue" -> "Hausse des saisies de drogue"."""
    articles = lex.words.of_articles
    head = phrase[0].low if phrase else ""
    if head in articles and len(phrase) > 1:
        rest = phrase[2:] if phrase[1].text in "’'" else phrase[1:]
        joint = articles[head]
        return f"{noun} {joint}{'' if joint.endswith('’') else ' '}{_text(text, rest)}"
    words = _text(text, phrase)
    if words[1:2].islower():  # "Drug seizures" opened its sentence: "Increase of drug seizures"
        words = words[:1].lower() + words[1:]
    return f"{noun} {articles.get('', '')}{words}".strip()


def _limit(label: str) -> str:
    words = label.split()
    if len(words) > MAX_LABEL_WORDS:
        label = " ".join(words[:MAX_LABEL_WORDS])
    label = label.strip(" ,;:")
    return label[:1].upper() + label[1:]


def _previous_figure(before: list[_Tok], fact: Fact) -> Fact | None:
    """ "augmenté de 236,3 milliards de dollars (+1,4 %)": the same change as a rate, labelled
    as the figure before the parenthesis."""
    if not before or before[-1].text != "(":
        return None
    digit = next(
        (k for k in range(len(before) - 2, max(len(before) - 7, -1), -1) if _number(before, k)), None
    )
    if digit is None:
        return None
    k = digit
    while k > 0 and (before[k - 1].text[0].isdigit() or before[k - 1].text == ","):
        k -= 1
    return replace(fact, start=before[k].start, end=before[k].end)


def _significant(before: list[_Tok], fact: Fact, lex: Lexicon) -> list[int]:
    """Indexes of the words before a figure, without its qualifier ("de plus de 40 %")."""
    sig = [i for i, t in enumerate(before) if t.word]
    for qual, name in lex.words.qualifiers.items():
        if name == fact.qualifier and [before[i].low for i in sig[-len(qual) :]] == list(qual):
            return sig[: -len(qual)]
    return sig


def _noun_after(text: str, fact: Fact, after_all: list[_Tok], lex: Lexicon) -> str:
    """ "68,0 % des actifs financiers", "doubler le financement d'Erasmus": the noun after."""
    words = lex.words
    after = [t for t in after_all if t.word]
    of_after = set(words.of_words) | {v.split()[0] for v in words.of_articles.values() if v.strip()}
    worded = not any(c.isdigit() for c in fact.text)
    if not after or not (
        (after[0].low in of_after and fact.kind == "percent") or (worded and fact.kind == "multiplier")
    ):
        return ""
    stops = words.label_breaks | words.label_stops | words.level_words
    tail: list[_Tok] = []
    for tok in after_all[1:] if after_all[0].low in of_after else after_all:
        if tok.text in _PUNCT or tok.low in stops or tok.text[0].isdigit():
            break
        tail.append(tok)
    tail = _trim(tail, lex)
    share = words.change_nouns.get("share")
    if tail and share and fact.kind == "percent":
        if after_all[0].low in of_after:  # "68,0 % des actifs financiers" -> "Part des actifs financiers"
            return _limit(f"{share} {_text(text, [after_all[0], *tail])}")
        return _limit(_of(share, text, tail, lex))
    return _limit(_strip_article(text, tail, lex)) if tail else ""


def label(text: str, fact: Fact, lex: Lexicon) -> str:
    """The label of ``fact`` read from its sentence in ``text`` (written in ``lex``'s language)."""
    start = _sentence_start(text, fact.start)
    before = _tokens(text, start, fact.start)
    end = _SENTENCE_END.search(text, fact.end)
    after_all = _tokens(text, fact.end, end.start() if end else len(text))
    after = [t for t in after_all if t.word]
    whole = before  # the subject of the sentence is read before the figure, never from it
    words = lex.words
    noun_of = words.change_nouns
    breaks = words.label_breaks
    # A change stated by a noun after the figure: "a 66.1% decrease".
    if after and (direction := _is_change(after[0].low, lex)) and direction in noun_of:
        return _limit(_of(noun_of[direction], text, _trim(_subject(whole, lex), lex), lex))
    previous = _previous_figure(before, fact)
    if previous is not None:
        return label(text, previous, lex)
    if before and before[-1].text == "(":
        phrase = _trim(_phrase_before(before, len(before) - 1, lex, nouns=True), lex)
        if phrase:
            return _limit(_strip_article(text, phrase, lex))
    sig = _significant(before, fact, lex)
    after_label = _noun_after(text, fact, after_all, lex)
    if after_label:
        return after_label
    if sig and before[sig[-1]].low in words.of_words | words.by_words and len(sig) > 1:
        v = sig[-2]
        direction = _is_change(before[v].low, lex)
        if direction in noun_of:
            phrase = _trim(_phrase_before(before, v, lex), lex) or _trim(_subject(whole, lex), lex)
            return _limit(_of(noun_of[direction or ""], text, phrase, lex))
    if sig and before[sig[-1]].low in words.level_words:
        verb = next(
            (
                i
                for i in reversed(sig[:-1])
                # "s" of "s'élever" is no verb of its own
                if len(before[i].low) > 2
                and (before[i].low in words.label_stops or _is_change(before[i].low, lex))
            ),
            None,
        )
        # No verb: the noun before "à" ("une population estimée en 2020 à 14,3 millions"), or
        # before the break word ahead of it ("doubler le financement | pour le faire passer à").
        ends = (
            [verb] if verb is not None else [sig[-1], *(i for i in reversed(sig) if before[i].low in breaks)]
        )
        phrase = next((p for e in ends[:5] if (p := _trim(_phrase_before(before, e, lex), lex))), [])
        phrase = phrase or _trim(_subject(whole, lex), lex)
        if phrase:
            return _limit(_strip_article(text, phrase, lex))
    phrase = _trim(_phrase_before(before, len(before), lex), lex)
    if len([t for t in phrase if t.word]) >= 2:
        return _limit(_strip_article(text, phrase, lex))
    if fact.kind == "count" and fact.unit and fact.unit != "fraction":
        cut = next((i for i, t in enumerate(after_all) if t.text in _PUNCT), len(after_all))
        tail = _trim(after_all[:cut][:3], lex)
        return _limit(f"{fact.unit} {_text(text, tail)}".strip())
    return _limit(_strip_article(text, _trim(_subject(whole, lex), lex), lex))
