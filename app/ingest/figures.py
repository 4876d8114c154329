"""Counts of people and bodies in a sentence: value and qualifier (app/editorial/numbers.py),
what is counted from the words after the number, who receives them from the verbs around it,
and totals kept apart from their parts."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from app.editorial.numbers import numbers_in
from app.ingest.names import Mention
from app.models.enums import Qualifier, QuantityCategory

CATEGORY_WORDS: list[tuple[str, QuantityCategory]] = [
    (r"bod(?:y|ies)|remains", QuantityCategory.bodies),
    (r"prisoners?\s+of\s+war|POWs?|servicem[ae]n|service\s*members|soldiers|troops|military"
     r"\s+personnel|military"
     r"|fighters|marines|defenders|combatants", QuantityCategory.military),
    (r"civilians?|residents|children|women|journalists|clergymen|priests",
     QuantityCategory.civilians),
    (r"prisoners|captives|detainees", QuantityCategory.prisoners),
    (r"people|persons|individuals|citizens|Ukrainians|Russians", QuantityCategory.people),
]  # fmt: skip
_CATEGORY = re.compile(
    "|".join(f"(?P<c{i}>\\b(?:{words})\\b)" for i, (words, _) in enumerate(CATEGORY_WORDS)),
    re.IGNORECASE,
)
_BODIES_OF = re.compile(r"\b(?:bodies|remains)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_NOT_A_COUNT = re.compile(r"^\s*(?:%|percent|per\s+cent|years?\b|km\b|kilomet|-for-|-year)", re.I)
_RECEIVED_VERBS = (
    r"(?:returned|were\s+returned|have\s+returned|came\s+back|were\s+brought\s+back|brought\s+"
    r"back|brought\s+home|were\s+repatriated|repatriated|were\s+transferred|transferred|were\s+"
    r"handed\s+over|handed\s+over|were\s+sent\s+back|sent\s+back|went\s+home|returned\s+home)"
)
_TO = re.compile(rf"{_RECEIVED_VERBS}(?:\s+(?:home|back))?\s+to\s+(?:the\s+)?$", re.IGNORECASE)
_TRANSFER = (
    r"(?:return|hand|transferr?|send|sent|bring|brought|repatriat|releas|deliver|came|come|went|"
    r"go|taken|take|took)\w*"
)
_TO_LATER = re.compile(rf"\b{_TRANSFER}\b[^.;:]*\bto\s+(?:the\s+)?$", re.IGNORECASE)
"""A transfer verb, then a side it goes to further on: "handed over 390 people ... to Russia"."""
_RECEIVES = re.compile(
    r"^\s+(?:has\s+|have\s+|had\s+)?(?:received|got\s+back|took\s+back|welcomed\s+back)\b", re.I
)
_GIVES = (
    r"(?:(?:would|will|to|is\s+to|agreed\s+to)\s+)?(?:hand(?:ed|s)?\s+over|return(?:ed|s)?|"
    r"release[ds]?|transfer(?:red|s)?|free[ds]?|sen[dt]\s+back|g[ai]ve\s+back)"
)
_STATE = re.compile(
    r"^\s+(?:seriously\s+|severely\s+|gravely\s+)?(?:wounded|injured|sick|ill)\b", re.I
)
_HOME = re.compile(
    r"\b(?:came|come|coming|returned|brought|went|gone|got)\s+(?:back\s+)?home\b(?!\s+to)", re.I
)
_TURN = re.compile(r"\b(?:to|received|handed|while|whereas|in\s+return)\b", re.I)
_ANOTHER = re.compile(
    r"\b(?:another|a\s+further|further|the\s+remaining|a\s+second\s+batch\s+of)\s+$", re.I
)
_EACH = re.compile(r"^[^,;.]{0,40}?\beach\b", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    value: Decimal
    qualifier: Qualifier
    category: QuantityCategory
    recipient: str | None
    text: str
    start: int
    end: int
    total: bool = False
    """A total the sentence gives beside its parts ("390 people, including 270 soldiers")."""


def _category(after: str, before: str) -> tuple[QuantityCategory, int] | None:
    if _NOT_A_COUNT.match(after):
        return None
    window = re.split(r"[;.]|\d|\band\s+\d", after, maxsplit=1)[0][:60]
    m = _CATEGORY.search(window)
    if m is None or m.start() > 40:
        return None
    if m.start() > 1 and not re.fullmatch(r"\s+(?:[\w-]+\s+){0,3}", window[: m.start()]):
        return None  # the count's own words come first: "40 of them", not "40, and bodies"
    category = next(CATEGORY_WORDS[int(k[1:])][1] for k, v in m.groupdict().items() if v)
    if _BODIES_OF.search(before):
        category = QuantityCategory.bodies
    return category, m.end()


def _states(actors: list[Mention]) -> list[Mention]:
    return [a for a in actors if a.kind == "state"]


def _recipients(sentence: str, offset: int, actors: list[Mention]) -> list[tuple[int, str]]:
    """Where the sentence says who receives, and whom: "returned to Russia", "handed over to
    Kyiv" (the figures come before), "Ukraine received" (they come after)."""
    found = []
    for actor in _states(actors):
        start, end = actor.start - offset, actor.end - offset
        if start < 0 or end > len(sentence):
            continue
        if _TO.search(sentence[max(0, start - 60) : start]) or _TO_LATER.search(sentence[:start]):
            found.append((start, actor.slug))
        elif received := _RECEIVES.match(sentence[end:]):
            found.append((end + received.end(), actor.slug))
    return found


def _receiver_before(before: str, actors: list[Mention], offset: int) -> str | None:
    """ "Ukraine received 909" or ", and Russia 41": the side named just before the number."""
    for actor in reversed(_states(actors)):
        if actor.end - offset > len(before) or actor.start < offset:
            continue
        between = before[actor.end - offset :]
        if re.fullmatch(
            r"\s+(?:has\s+|have\s+|had\s+)?(?:received|got\s+back|took\s+back)\s+"
            r"(?:\w+\s+){0,2}",
            between,
            re.I,
        ) or re.fullmatch(r"\s+", between):
            return actor.slug
    subject = next((a for a in _states(actors) if a.start >= offset), None)
    if subject is not None and re.search(
        r"\band\s+(?:has\s+|have\s+)?(?:received|got\s+back|took\s+back)\s+(?:\w+\s+){0,2}$",
        before,
        re.I,
    ):
        return subject.slug  # "Russia returned 1,000 bodies to Ukraine and received nearly 30"
    return None


def _giver(before: str, actors: list[Mention], offset: int) -> str | None:
    """ "Kyiv handed over 8 civilians": the other side receives them."""
    for actor in reversed(_states(actors)):
        if actor.slug not in SIDES or actor.start < offset or actor.end - offset > len(before):
            continue
        between = before[actor.end - offset :]
        if re.fullmatch(rf"\s+(?:has\s+|have\s+)?{_GIVES}\s+(?:\w+\s+){{0,2}}", between, re.I):
            return next(side for side in SIDES if side != actor.slug)
    return None


SIDES = ("russia", "ukraine")
"""The two sides "each side" and "1,000 for 1,000" mean when the sentence names no others."""
DEMONYMS = {
    "russian": "russia",
    "russians": "russia",
    "ukrainian": "ukraine",
    "ukrainians": "ukraine",
}
_DEMONYM = re.compile(r"\b(?:Russians?|Ukrainians?)\b")
_EACH_SIDE = re.compile(r"\beach\s+(?:side|country|party)\b", re.IGNORECASE)
_FOR_LIKE = re.compile(r"^(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:\s+|-)for(?:\s+|-)(?P=n)\b")


def _both(states: list[str]) -> list[str | None]:
    named = list(dict.fromkeys(states))
    return list(named[-2:] if len(named) >= 2 else SIDES)


@dataclass
class Carried:
    """What earlier counts of the article tell later ones: the last recipient ("a second batch
    of 1,200 bodies followed", "sixteen were civilians" go to the same side), and per category
    the side that got the largest count ("another 409 bodies" continues that flow)."""

    last: str | None = None
    largest: dict[str, tuple[Decimal, str]] = field(default_factory=dict)

    def note(self, figure: "Figure") -> None:
        if figure.recipient is None:
            return
        self.last = figure.recipient
        kept = self.largest.get(figure.category.value)
        if kept is None or figure.value > kept[0]:
            self.largest[figure.category.value] = (figure.value, figure.recipient)


def figures_in(
    sentence: str,
    offset: int,
    actors: list[Mention],
    carried: Carried | None = None,
    speaker_side: str | None = None,
) -> list[Figure]:
    """The counts of people and bodies `sentence` (starting at `offset` in the article) states;
    `speaker_side` is the side of whoever the sentence credits ("came home" is to theirs)."""
    carried = Carried() if carried is None else carried
    recipients = _recipients(sentence, offset, actors)
    states = [a.slug for a in _states(actors)]
    each_side = bool(_EACH_SIDE.search(sentence))
    found: list[Figure] = []
    taken_until = -1
    for number in numbers_in(sentence):
        start, end = number.start, number.start + len(number.text)
        if start < taken_until or (1900 <= number.value <= 2100 and "," not in number.text):
            continue
        if like := _FOR_LIKE.match(sentence[start:]):  # "1,000 for 1,000"
            taken_until = start + like.end()
            for side in _both(states):
                found.append(
                    Figure(
                        number.value,
                        number.qualifier,
                        QuantityCategory.prisoners,
                        side,
                        like.group(0),
                        offset + start,
                        offset + taken_until,
                    )
                )
            continue
        before = sentence[:start]
        receiver = _receiver_before(before, actors, offset)
        counted = _category(sentence[end:], before[-20:])
        if (
            counted is None
            and receiver is not None
            and found
            and re.search(r"\band\s+\S+\s+$", before)
        ):
            counted = (found[-1].category, 0)  # "Ukraine received 909 bodies, and Russia 41"
        if counted is None and (state := _STATE.match(sentence[end:])):
            # "among them 34 wounded": counted as what the count before them counts
            category = found[-1].category if found else QuantityCategory.military
            counted = (category, state.end())
        if counted is None:
            continue
        category, reach = counted
        after = sentence[end + reach :]
        following = [r for r in recipients if r[0] > end]
        named_before = [a.slug for a in _states(actors) if offset <= a.start < offset + start]
        sides_before = [slug for slug in named_before if slug in SIDES]
        demonym = _DEMONYM.search(sentence[end : end + reach])
        if demonym is None and (of := re.match(r"^\s+of\s+(?:the\s+)?(\w+)", after)):
            demonym = _DEMONYM.fullmatch(of.group(1))
        sides: list[str | None]
        if each_side or _EACH.match(after):
            sides = _both(named_before or states)
        elif receiver is not None:
            sides = [receiver]
        elif (giver := _giver(before, actors, offset)) is not None:
            sides = [giver]
        elif demonym is not None:
            sides = [DEMONYMS[demonym.group(0).lower()]]
        elif following:
            sides = [min(following)[1]]
        elif recipients:
            sides = [max(recipients)[1]]
        elif speaker_side is not None and _HOME.search(sentence):
            sides = [speaker_side]
        elif (
            found
            and found[-1].recipient
            and not _TURN.search(sentence[found[-1].end - offset : start])
        ):
            sides = [found[-1].recipient]  # "150 soldiers came home, along with eleven civilians"
        elif _ANOTHER.search(before) and category.value in carried.largest:
            sides = [carried.largest[category.value][1]]
        elif not sides_before and carried.last is not None:
            sides = [carried.last]
        else:
            sides = [None]
        total = bool(re.match(r"^,?\s*(?:including|of\s+whom|among\s+them)\b", after, re.I))
        for side in sides:
            found.append(
                Figure(
                    number.value,
                    number.qualifier,
                    category,
                    side,
                    sentence[start : end + reach],
                    offset + start,
                    offset + end + reach,
                    total,
                )
            )
            carried.note(found[-1])
    return found
