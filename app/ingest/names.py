"""Actors and places named in an article: the gazetteers' names and aliases (without regard to
accents or case), sides named by adjective ("the Ukrainian side"), and names the gazetteers do
not hold, proposed as new entries."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pycountry

from app.ingest.text import fold

SIDES = {"Russian": "russia", "Ukrainian": "ukraine", "Turkish": "turkey", "Belarusian": "belarus"}
SIDE_NOUNS = r"(?:side|delegation|team|negotiators|authorities|government|leadership)"
ORGANIZATION_WORDS = {
    "Agency", "Committee", "Commission", "Council", "Cross", "Crescent", "Foundation",
    "Headquarters", "Ministry", "Nations", "Office", "Organization", "Service", "Union",
}  # fmt: skip
TITLES = {
    "Adviser", "Advisor", "Aide", "Ambassador", "Chairman", "Chief", "Colonel", "Commissioner",
    "Crown", "Defence", "Defense", "Deputy", "Director", "Envoy", "Foreign", "General", "Head",
    "Human", "Intelligence", "Kremlin", "Minister", "Mr", "Mrs", "Ms", "Ombudsman", "Parliament",
    "Presidential", "President", "Prime", "Prince", "Rights", "Secretary", "Special",
    "Spokesman", "Spokesperson", "Spokeswoman", "Lieutenant", "Major", "Pope", "Emir", "King",
    "State", "Affairs", "Justice", "Interior", "Vice",
}  # fmt: skip
NOT_NAMES = {
    "A", "According", "After", "All", "An", "And", "As", "At", "Before", "Both", "But", "By",
    "Currently", "During", "Earlier", "Following", "For", "From", "However", "If", "Immediately",
    "In", "It", "Its", "Later", "Meanwhile", "Moscow's", "On", "Over", "Since", "Some", "That",
    "The", "Their", "There", "These", "They", "This", "Those", "To", "Under", "Until", "When",
    "While", "With", "Easter", "Subscribe", "Telegram", "Facebook", "RSS", "Armed",
    "Forces", "People's", "Republic", "Republics", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December", "He", "She", "We", "I",
}  # fmt: skip
CONNECTORS = r"(?:of\s+the|for\s+the|of|for|on|bin|al|de|von|van)"
CONNECTOR_WORDS = {"of", "the", "for", "on", "bin", "al", "de", "von", "van"}
OTHER_DEMONYMS = {"American", "British", "Chinese", "Dutch", "French", "German", "Greek", "Swiss"}
_TOKEN = r"[A-Z][\w'.-]*[\w]"
_SEQUENCE = re.compile(rf"{_TOKEN}(?:(?:\s+{CONNECTORS})?\s+{_TOKEN})*")
_PLACE_BEFORE = re.compile(r"\b(?:in|near|from|to|at|into|outside|across|of)\s+(?:the\s+)?$")
_REGION_AFTER = re.compile(r"^\s+(?:region|oblast|province)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    slug: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    """ISO 3166-1 alpha-2 code of the actor's country."""


@dataclass(frozen=True)
class Mention:
    slug: str
    name: str
    start: int
    end: int
    known: bool
    kind: str
    """The actor's or place's kind (a new place's is a guess: city, or region)."""
    country: str | None = None


SIDE_COUNTRIES = {"RU": "russia", "UA": "ukraine"}


def side_of(actor: Mention) -> str | None:
    """Which side an actor speaks for: its country's, or the one its name says ("the
    Ukrainian Coordination Headquarters")."""
    if actor.country in SIDE_COUNTRIES:
        return SIDE_COUNTRIES[actor.country]
    if actor.kind == "state" and actor.slug in SIDE_COUNTRIES.values():
        return actor.slug
    adjective = next((a for a in ("Russian", "Ukrainian") if a in actor.name.split()), None)
    return SIDES[adjective] if adjective else None


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name).lower().replace("'s ", " ")).strip("-")


def _alias_pattern(entries: Iterable[Entry]) -> tuple[re.Pattern[str], dict[str, Entry]]:
    by_alias: dict[str, Entry] = {}
    for entry in entries:
        for alias in (entry.name, *entry.aliases):
            by_alias.setdefault(fold(alias).lower(), entry)
    alternatives = sorted(by_alias, key=len, reverse=True)
    body = "|".join(re.escape(a) for a in alternatives) or "(?!)"
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE), by_alias


def _known(text: str, entries: list[Entry]) -> list[Mention]:
    pattern, by_alias = _alias_pattern(entries)
    return [
        Mention(e.slug, e.name, m.start(), m.end(), True, e.kind, e.country)
        for m in pattern.finditer(text)
        for e in [by_alias[m.group(0).lower()]]
    ]


def _sides(text: str, actors: dict[str, Entry]) -> list[Mention]:
    """States named by their adjective: "the Ukrainian side", "Turkish President"."""
    found = []
    adjectives = "|".join(SIDES)
    pattern = (
        rf"\b(?:(?:the\s+)?(?P<side>{adjectives})\s+{SIDE_NOUNS}\b|(?P<adjective>{adjectives})\b)"
    )
    for m in re.finditer(pattern, text):
        entry = actors.get(SIDES[m.group("side") or m.group("adjective")])
        if entry is not None:
            found.append(Mention(entry.slug, entry.name, m.start(), m.end(), True, entry.kind))
    return found


def _overlaps(start: int, end: int, taken: Iterable[Mention]) -> bool:
    return any(start < m.end and m.start < end for m in taken)


def _demonym(word: str) -> bool:
    """ "Ukrainian", "Turkish", "Saudi", "Qatari", "Swiss": a people's adjective, not a name."""
    return word in SIDES or word in OTHER_DEMONYMS or word.endswith(("ian", "ish", "ese", "i"))


def _strip_titles(tokens: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A name without the titles before it: "Qatari Minister of State Mohammed Al-Khulaifi"."""
    while len(tokens) > 1 and (
        tokens[0][0] in TITLES or _demonym(tokens[0][0]) or tokens[0][0] in CONNECTOR_WORDS
    ):
        tokens = tokens[1:]
    return tokens


def _country(name: str) -> str | None:
    """The common name of the country `name` names ("Qatar", "United Arab Emirates"), if any."""
    try:
        country = pycountry.countries.lookup(name)
    except LookupError:
        return None
    return str(getattr(country, "common_name", None) or country.name)


def _known_body(words: list[tuple[str, int]], bodies: list[Entry]) -> Entry | None:
    """A body the gazetteer holds under a longer name: "the Defense Ministry" for the Russian
    Ministry of Defense."""
    named = {w.lower() for w, _ in words} - {"of", "the", "for", "on"}
    for body in bodies:
        for full in (body.name, *body.aliases):
            held = {w.lower() for w in re.findall(r"[\w']+", fold(full))}
            if named <= held:
                return body
    return None


def _unknown(
    text: str, taken: list[Mention], bodies: list[Entry]
) -> tuple[list[Mention], list[Mention]]:
    """Names no gazetteer holds: people (two or more names, after any title), bodies (with a
    word such as Committee or Ministry), and places (before "region", or after "in", "near",
    "from"); a surname alone is the person named in full elsewhere in the article."""
    actors: list[Mention] = []
    places: list[Mention] = []
    singles: list[tuple[str, int, int]] = []
    for m in _SEQUENCE.finditer(text):
        words = [(w.group(0), m.start() + w.start()) for w in re.finditer(r"\S+", m.group(0))]
        while words and words[0][0] in NOT_NAMES:
            words = words[1:]
        if not words:
            continue
        while words and _overlaps(words[0][1], words[0][1] + len(words[0][0]), taken):
            words = words[1:]
        while words and words[0][0] in NOT_NAMES:
            words = words[1:]
        cut = next((i for i, (w, _) in enumerate(words) if i and w in NOT_NAMES), len(words))
        words = words[:cut]
        while words and words[-1][0] in CONNECTOR_WORDS:
            words = words[:-1]
        if not words:
            continue
        start, end = words[0][1], words[-1][1] + len(words[-1][0])
        if _overlaps(start, end, taken):
            continue
        name = text[start:end]
        located = _PLACE_BEFORE.search(text[max(0, start - 12) : start]) and start > 0
        if (country := _country(name)) is not None:
            actors.append(Mention(slugify(country), country, start, end, False, "state"))
            if located:
                places.append(Mention(slugify(country), country, start, end, False, "country"))
            continue
        if any(w in ORGANIZATION_WORDS for w, _ in words):
            body = _known_body(words, bodies)
            actors.append(
                Mention(body.slug, body.name, start, end, True, body.kind)
                if body is not None
                else Mention(slugify(name), name, start, end, False, "body")
            )
            continue
        if _REGION_AFTER.match(text[end:]):
            places.append(
                Mention(f"{slugify(name)}-oblast", f"{name} region", start, end, False, "region")
            )
            continue
        people = _strip_titles(words)
        if len(people) >= 2 and located and people == words:
            places.append(Mention(slugify(name), name, start, end, False, "city"))
        elif len(people) >= 2 and all(w[0].isupper() or w in CONNECTOR_WORDS for w, _ in people):
            first = people[0][1]
            actors.append(
                Mention(slugify(text[first:end]), text[first:end], first, end, False, "person")
            )
        elif len(people) == 1:
            singles.append((people[0][0], people[0][1], end))
    for word, start, end in singles:
        full = next((a for a in actors if a.kind == "person" and a.name.split()[-1] == word), None)
        if full is not None:
            actors.append(Mention(full.slug, full.name, start, end, False, "person"))
        elif _PLACE_BEFORE.search(text[max(0, start - 12) : start]) and start > 0:
            places.append(Mention(slugify(word), word, start, end, False, "city"))
    return actors, places


LOCATIVE = re.compile(
    r"\b(?:in|into|to|from|inside|within|across|throughout|toward|towards|on\s+the\s+territory\s+of)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_BORDER = re.compile(r"^\s+border\b", re.IGNORECASE)
_IN = re.compile(r"\b(?:in|near|outside|at)\s+$")


def _as_places(text: str, places: list[Mention], actors: list[Mention]) -> list[Mention]:
    """Places named as locations: a country only where the text puts something in, to or from
    it ("returned to Russia", "the Belarus border"); a city that names a side elsewhere ("Kyiv
    said") where something happens in it ("in Istanbul or Ankara")."""
    kept = [
        p
        for p in places
        if p.kind != "country"
        or LOCATIVE.search(text[max(0, p.start - 30) : p.start])
        or _BORDER.match(text[p.end :])
    ]
    for a in actors:
        name = text[a.start : a.end]
        if (
            a.kind == "state"
            and name[0].isupper()
            and " " not in name
            and name.lower() not in {a.name.lower(), *(s.lower() for s in SIDES)}
        ):
            before = text[max(0, a.start - 40) : a.start]
            located = _IN.search(before) or re.search(r"\bin\s+\w+\s+or\s+$", before)
            if located and not _overlaps(a.start, a.end, kept):
                kept.append(Mention(slugify(name), name, a.start, a.end, False, "city"))
    return kept


def find(
    article: str, actors: list[Entry], places: list[Entry]
) -> tuple[list[Mention], list[Mention]]:
    """The actors and the places `article` names, in order of appearance."""
    text = fold(article)
    by_slug = {a.slug: a for a in actors}
    known_actors = _known(text, actors)
    actor_mentions = known_actors + [
        m for m in _sides(text, by_slug) if not _overlaps(m.start, m.end, known_actors)
    ]
    known_places = _known(text, places)
    bodies = [a for a in actors if a.kind == "body"]
    new_actors, new_places = _unknown(text, actor_mentions + known_places, bodies)
    place_mentions = _as_places(text, known_places, actor_mentions) + new_places
    return (
        sorted(actor_mentions + new_actors, key=lambda m: m.start),
        sorted(place_mentions, key=lambda m: m.start),
    )
