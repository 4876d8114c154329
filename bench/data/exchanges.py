"""Drafts of the events that carry figures: prisoner exchanges, repatriations of bodies, and
children returned; each figure quoted from the sentence that gives it."""

import math
import random

from bench.data.drafts import (
    Draft,
    Figure,
    Scene,
    inference_flag,
    mediated,
    mediator,
    qualified,
    side_speaker,
)
from bench.data.pick import Weighted, one
from bench.data.places import BORDER_CROSSINGS, BORDER_WEIGHTS, FRONT
from bench.data.text import Sentence
from bench.data.world import Actor

OTHER = {"UA": "RU", "RU": "UA"}
VOICES = ("UA", "RU", "press", "international")
VOICE = Weighted(VOICES, (0.45, 0.33, 0.16, 0.06))
REPATRIATION_VOICE = Weighted(("UA", "RU", "press"), (0.5, 0.25, 0.25))
BORDER = Weighted(BORDER_CROSSINGS, BORDER_WEIGHTS)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _size(rng: random.Random, median: float, spread: float, top: int) -> int:
    return max(2, min(top, int(math.exp(rng.gauss(math.log(median), spread)))))


def exchange(scene: Scene) -> Draft:
    rng = scene.rng
    each = _size(rng, 110, 0.8, 1000)
    civilians = 0 if rng.random() < 0.7 else max(1, int(each * rng.uniform(0.05, 0.35)))
    state = mediator(scene)
    voice = VOICE(rng)
    if voice in ("UA", "RU"):
        draft = _side_account(scene, voice, each, civilians, state)
    else:
        draft = _joint_account(scene, voice, each, state)
    _sides(scene, draft, state)
    if rng.random() < 0.8:
        place = BORDER(rng)
        draft.places.append((scene.world.place(place), "location"))
    if rng.random() < 0.1:
        draft.places.append((scene.world.place(one(rng, FRONT)), "subject"))
    if scene.negotiation is not None and rng.random() < 0.15:
        draft.negotiation = scene.negotiation
    return draft


def _sides(scene: Scene, draft: Draft, state: Actor | None) -> None:
    world = scene.world
    draft.participants += [(world.state("UA"), "party"), (world.state("RU"), "party")]
    if state is not None:
        draft.participants.append((state, "mediator"))


def _side_account(scene: Scene, side: str, each: int, civilians: int, state: Actor | None) -> Draft:
    """One side's figures for its own returnees, and what it says the other side got."""
    rng, world = scene.rng, scene.world
    home, away = world.state(side), world.state(OTHER[side])
    speaker = side_speaker(scene, side)
    military = each - civilians
    qualifier, words, low, high = qualified(rng, military)
    people = "Ukrainian" if side == "UA" else "Russian"
    lead = Sentence().mark("home_military", f"{words}{military} {people} servicemen")
    if civilians:
        lead.say(" and ").mark("home_civilians", f"{civilians} civilians")
    returned = (
        "returned home from Russian captivity"
        if side == "UA"
        else ("been returned from territory controlled by Kyiv")
    )
    lead.say(f" have {returned}{mediated(state)}, ").mark("speaker", f"{speaker.ref} said")
    figures = [
        Figure("military", home, military, speaker, "home_military", 0, qualifier, low, high)
    ]
    if civilians:
        figures.append(Figure("civilians", home, civilians, speaker, "home_civilians"))
    figures += _away(lead, rng, away, speaker, military, civilians)
    lead.say(".")
    draft = Draft(
        "prisoner_exchange",
        _title(rng, home, each, speaker, words),
        f"{cap(speaker.described)} said {words}{military} servicemen"
        + (f" and {civilians} civilians" if civilians else "")
        + f" returned to {home.ref}{mediated(state)}.",
        speaker,
        [lead],
        [],
        figures=figures,
    )
    if rng.random() < 0.4:
        draft.participants.append((speaker, "speaker"))
    if rng.random() < 0.3:
        draft.cites.append((0, "speaker", "stated_by"))
    if civilians and qualifier == "exact" and rng.random() < 0.25:
        _total(draft, home, speaker, military + civilians)
    elif qualifier == "exact" and rng.random() < 0.1:
        _second_account(scene, draft, home, OTHER[side], military)
    return draft


def _away(
    lead: Sentence,
    rng: random.Random,
    away: Actor,
    speaker: Actor,
    military: int,
    civilians: int,
) -> list[Figure]:
    """What the speaker says the other side received: the same number, another, or nothing."""
    roll = rng.random()
    if roll < 0.5:
        lead.say("; in return, ").mark(
            "away", f"the same number of prisoners were handed over to {away.ref}"
        )
        total = military + civilians
        reading = "the same number is read as the figure given for the other side."
        flags = [inference_flag(total, reading)]
        return [Figure("prisoners", away, total, speaker, "away", basis="derived", flags=flags)]
    if roll < 0.8:
        count = military + civilians + one(rng, (0, 0, 0, -1, 2, 5))
        lead.say("; ").mark("away", f"{count} prisoners were handed over to {away.ref}")
        return [Figure("prisoners", away, count, speaker, "away")]
    return []


def _total(draft: Draft, home: Actor, speaker: Actor, total: int) -> None:
    draft.sentences.append(Sentence().say("In all, ").mark("total", f"{total} people were freed"))
    draft.sentences[-1].say(".")
    draft.figures.append(
        Figure(
            "people",
            home,
            total,
            speaker,
            "total",
            1,
            is_best=False,
            total_of=("military", "civilians"),
            note="The total given beside its parts; the parts are the best figures.",
        )
    )


def _second_account(scene: Scene, draft: Draft, home: Actor, side: str, military: int) -> None:
    """The other side's own, different count of the same returnees."""
    other = side_speaker(scene, side)
    count = military + one(scene.rng, (-3, -2, -1, 1, 2, 4))
    said = Sentence().say(f"{cap(other.ref)} gave a different figure, saying ")
    said.mark("second", f"{count} servicemen").say(f" had been handed over to {home.ref}.")
    draft.sentences.append(said)
    draft.figures.append(
        Figure(
            "military",
            home,
            count,
            other,
            "second",
            len(draft.sentences) - 1,
            is_best=False,
            note="The other side's count.",
        )
    )
    draft.participants.append((other, "speaker"))
    draft.flags.append(
        {
            "kind": "discrepancy",
            "field": "quantities",
            "detail": f"The two sides give different figures for the servicemen returned to "
            f"{home.name}: {military} and {count}; the best figure is the receiving side's.",
            "chosen": military,
        }
    )


def _joint_account(scene: Scene, voice: str, each: int, state: Actor | None) -> Draft:
    """The publication, or a body of neither side, gives one figure for both sides."""
    rng, world = scene.rng, scene.world
    speaker = scene.publication if voice == "press" else one(rng, world.international)
    qualifier, words, low, high = qualified(rng, each)
    lead = Sentence()
    if voice == "press":
        lead.say("Russia and Ukraine exchanged ").mark("each", f"{words}{each} prisoners each")
    else:
        verb = one(rng, ("facilitated", "observed", "supported"))
        lead.say(f"{cap(speaker.ref)} said it had {verb} the exchange of ")
        lead.mark("each", f"{words}{each} prisoners each").say(" between Russia and Ukraine")
    lead.say(f"{mediated(state)}.")
    figures = [
        Figure("prisoners", world.state(code), each, speaker, "each", 0, qualifier, low, high)
        for code in ("UA", "RU")
    ]
    title = f"Russia and Ukraine exchange {words}{each} prisoners each"
    if voice != "press":
        title += f", according to {speaker.ref}"
    draft = Draft(
        "prisoner_exchange",
        title,
        f"Each side received {words}{each} prisoners{mediated(state)}.",
        speaker,
        [lead],
        [],
        figures=figures,
    )
    if voice != "press" and rng.random() < 0.5:
        draft.participants.append((speaker, "confirmer"))
    return draft


def _title(rng: random.Random, home: Actor, each: int, speaker: Actor, words: str) -> str:
    people = "Ukrainians" if home.country == "UA" else "Russians"
    forms = (
        f"{cap(words)}{each} {people} return home in a prisoner exchange, according to "
        f"{speaker.ref}",
        f"Prisoner exchange: {words}{each} return to {home.ref}, {speaker.ref} says",
        f"{cap(speaker.ref)} reports {words}{each} {people} freed in an exchange",
    )
    return one(rng, forms)


def repatriation(scene: Scene) -> Draft:
    rng, world = scene.rng, scene.world
    ua, ru = world.state("UA"), world.state("RU")
    to_ua = _size(rng, 320, 0.7, 1200)
    to_ru = _size(rng, 40, 0.8, 300) if rng.random() < 0.65 else 0
    state = mediator(scene) if rng.random() < 0.3 else None
    voice = REPATRIATION_VOICE(rng)
    speaker = scene.publication if voice == "press" else side_speaker(scene, voice)
    lead = Sentence()
    if voice == "UA":
        lead.say("The bodies of ").mark("ua", f"{to_ua} fallen defenders")
        lead.say(f" were returned to Ukraine{mediated(state)}, {speaker.ref} said")
        if to_ru:
            lead.say("; ").mark("ru", f"Russia received {to_ru}")
    elif voice == "RU":
        lead.say(f"{cap(speaker.ref)} said Russia had handed over ")
        lead.mark("ua", f"{to_ua} bodies of Ukrainian servicemen")
        if to_ru:
            lead.say(" and received ").mark("ru", f"{to_ru} bodies").say(" of its own soldiers")
        lead.say(mediated(state))
    else:
        lead.say("The sides exchanged the bodies of fallen soldiers: ")
        lead.mark("ua", f"Ukraine received {to_ua} bodies")
        if to_ru:
            lead.say(", and ").mark("ru", f"Russia {to_ru}")
    lead.say(".")
    figures = [Figure("bodies", ua, to_ua, speaker, "ua")]
    if to_ru:
        figures.append(Figure("bodies", ru, to_ru, speaker, "ru"))
    title = f"Bodies repatriated: {to_ua} to Ukraine" + (f", {to_ru} to Russia" if to_ru else "")
    if voice != "press":
        title += f", according to {speaker.ref}"
    draft = Draft(
        "body_repatriation",
        title,
        f"Ukraine received the bodies of {to_ua} soldiers"
        + (f" and Russia {to_ru}" if to_ru else "")
        + f"{mediated(state)}.",
        speaker,
        [lead],
        [(ua, "party"), (ru, "party")],
        figures=figures,
    )
    if state is not None:
        draft.participants.append((state, "mediator"))
    if rng.random() < 0.3:
        draft.places.append((world.place(one(rng, FRONT)), "subject"))
    return draft


def aid(scene: Scene) -> Draft:
    rng, world = scene.rng, scene.world
    ua = world.state("UA")
    if rng.random() < 0.3:
        speaker = side_speaker(scene, one(rng, ("UA", "RU")))
        city = world.place(one(rng, ("gomel", "kyiv", "chernihiv", "sumy", "moscow")))
        lead = Sentence().say(
            "People handed over in the exchange are receiving medical and psychological "
            f"assistance in {city.name}, {speaker.ref} said."
        )
        return Draft(
            "humanitarian_aid",
            f"Returnees receive medical and psychological assistance in {city.name}",
            f"{cap(speaker.described)} said returnees are being treated in {city.name}.",
            speaker,
            [lead],
            [(ua, "party")],
            places=[(city, "location")],
        )
    state = world.state(one(rng, ("QA", "QA", "VA", "AE")))
    speaker = one(rng, world.envoys[state.country or ""] + world.speakers["UA"][:3])
    children = _size(rng, 12, 0.8, 120)
    lead = Sentence().mark("children", f"{children} children")
    lead.say(
        f" were returned to Ukraine from territory controlled by Russia{mediated(state)}, "
        f"{speaker.ref} said."
    )
    return Draft(
        "humanitarian_aid",
        f"{children} children returned to Ukraine{mediated(state)}",
        f"{cap(speaker.described)} said {children} children were reunited with their families.",
        speaker,
        [lead],
        [(ua, "party"), (world.state("RU"), "party"), (state, "mediator")],
        figures=[Figure("civilians", ua, children, speaker, "children")],
    )
