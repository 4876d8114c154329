"""Drafts of the events that report words and moves: talks, statements, announcements,
proposals, demands, refusals, plans, and the votes and annexation of autumn 2022."""

from bench.data.dates import ANNEXATION, REFERENDUMS
from bench.data.drafts import Draft, Scene, attribution_flag, mediated, side_speaker, voice
from bench.data.exchanges import cap
from bench.data.pick import Weighted, one
from bench.data.places import CAPITALS, CLAIMED, CLAIMED_WEIGHTS, VENUES
from bench.data.text import Sentence
from bench.data.world import Actor

TOPICS = ("prisoner exchanges", "the return of bodies", "a ceasefire", "the return of children")
CLAUSES = {
    "UA": (
        "preparations for the next exchange were under way",
        "Russia was delaying the return of seriously wounded prisoners",
        "lists of prisoners had been passed to the mediators",
        "the return of all prisoners remained a priority",
        "relatives of the missing would be told as soon as names were confirmed",
    ),
    "RU": (
        "Kyiv had refused to take back some of its servicemen",
        "the lists of prisoners had been agreed",
        "Moscow was ready to continue exchanges",
        "a ceasefire was not under discussion",
        "the next exchange depended on the other side",
    ),
}
REGION = Weighted(CLAIMED, CLAIMED_WEIGHTS)
OFFERS = ("a new round of talks", "an exchange of all prisoners for all", "talks on a ceasefire")


def _reported(scene: Scene, draft: Draft) -> Draft:
    """Speech the article narrates without quoting anyone is flagged as such."""
    if draft.stated_by is scene.publication:
        draft.flags.append(attribution_flag(scene.publication))
    return draft


def _said(speaker: Actor, scene: Scene) -> str:
    return "" if speaker is scene.publication else f", {speaker.ref} said"


def talks(scene: Scene) -> Draft:
    rng, world = scene.rng, scene.world
    track = scene.negotiation if rng.random() < 0.8 else None
    if track is not None:
        venue, state, host = track.venue, track.mediator, track.host
    else:
        slug = one(rng, list(VENUES))
        venue, host = world.place(slug), world.state(VENUES[slug])
        state = host if host.country not in ("BY",) else None
    topic = one(rng, TOPICS)
    speaker = voice(scene, one(rng, ("UA", "RU")))
    lead = Sentence().say(
        f"Delegations of Russia and Ukraine met in {venue.name}{mediated(state)} for talks on "
        f"{topic}{_said(speaker, scene)}."
    )
    draft = Draft(
        "negotiation_round",
        f"Russia and Ukraine hold talks on {topic} in {venue.name}",
        f"Russian and Ukrainian delegations met in {venue.name}{mediated(state)}.",
        speaker,
        [lead],
        [(world.state("UA"), "party"), (world.state("RU"), "party")],
        places=[(venue, "location")],
        negotiation=track,
    )
    if state is not None:
        draft.participants.append((state, "mediator"))
    if host is not state:
        draft.participants.append((host, "host"))
    if track is not None:
        draft.participants += [(head, "party") for head in track.heads]
    return draft


def statement(scene: Scene) -> Draft:
    rng = scene.rng
    side = one(rng, ("UA", "RU"))
    speaker = side_speaker(scene, side)
    clause = one(rng, CLAUSES[side])
    lead = Sentence().say(f"{cap(speaker.ref)} said ").mark("clause", clause).say(".")
    draft = Draft(
        "statement",
        f"{cap(speaker.ref)} says {clause}",
        f'{cap(speaker.described)} said "{clause}".',
        speaker,
        [lead],
        [(speaker, "speaker"), (scene.world.state(side), "party")],
    )
    if rng.random() < 0.3:
        city = scene.world.place(CAPITALS[side])
        draft.places.append((city, "location"))
    return draft


def announcement(scene: Scene) -> Draft:
    rng, book = scene.rng, scene.book
    side = one(rng, ("UA", "RU"))
    speaker = side_speaker(scene, side)
    if rng.random() < 0.6:
        when, expected = "in the coming days", book.approximate(scene.day + 5)
    else:
        expected = book.cols(book.day(scene.day + 20).edtf[:7])
        when = "later this month" if expected.start <= book.day(scene.day).start else "next month"
    lead = Sentence().say(f"{cap(speaker.ref)} announced that the next exchange would take place ")
    lead.mark("expected", when).say(".")
    draft = Draft(
        "announcement",
        f"{cap(speaker.ref)} announces an exchange {when}",
        f"{cap(speaker.described)} said the next exchange would take place {when}.",
        speaker,
        [lead],
        [(speaker, "announcer")],
        expected=(expected, speaker),
    )
    draft.cites.append((0, "expected", "expected"))
    return draft


def proposal(scene: Scene) -> Draft:
    rng, world = scene.rng, scene.world
    slug = one(rng, list(VENUES))
    venue, state = world.place(slug), world.state(VENUES[slug])
    envoys = world.envoys.get(state.country or "") or world.international
    speaker = voice(scene, "UA") if rng.random() < 0.1 else one(rng, envoys)
    offer = one(rng, OFFERS)
    lead = Sentence().say(
        f"{cap(state.ref)} is ready to host {offer} in {venue.name}{_said(speaker, scene)}."
    )
    draft = Draft(
        "proposal",
        f"{cap(state.ref)} offers to host {offer} in {venue.name}",
        f"{cap(state.ref)} offered to host {offer}.",
        speaker,
        [lead],
        [(state, "proposer")],
        places=[(venue, "subject")],
    )
    return _reported(scene, draft)


def _regions(scene: Scene, most: int) -> list[str]:
    count = scene.rng.randint(1, most)
    return sorted({REGION(scene.rng) for _ in range(count)})


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def demand(scene: Scene) -> Draft:
    world = scene.world
    speaker = voice(scene, "RU")
    regions = [world.place(s) for s in _regions(scene, 4)]
    where = _listed([r.name for r in regions])
    lead = Sentence()
    if speaker is scene.publication:
        lead.say(f"Russia demanded the withdrawal of Ukrainian troops from {where}.")
    else:
        lead.say(f"{cap(speaker.ref)} said Ukrainian troops must withdraw from {where}.")
    draft = Draft(
        "demand",
        f"Russia demands the withdrawal of Ukrainian troops from {where}",
        f"The demand concerns {where}, as a condition for a ceasefire.",
        speaker,
        [lead],
        [(world.state("RU"), "party"), (world.state("UA"), "addressee")],
        places=[(r, "subject") for r in regions],
    )
    return _reported(scene, draft)


def refusal(scene: Scene) -> Draft:
    world = scene.world
    speaker = voice(scene, "UA")
    regions = [world.place(s) for s in _regions(scene, 2)]
    where = _listed([r.name for r in regions])
    lead = Sentence()
    if speaker is scene.publication:
        lead.say(f"Ukraine has refused to recognise Russian sovereignty over {where}.")
    else:
        lead.say(
            f"{cap(speaker.ref)} said Ukraine would never recognise Russian claims to {where}."
        )
    draft = Draft(
        "refusal",
        f"Ukraine refuses to recognise Russian claims to {where}",
        f"The refusal concerns {where}.",
        speaker,
        [lead],
        [(world.state("UA"), "party"), (world.state("RU"), "addressee")],
        places=[(r, "subject") for r in regions],
    )
    return _reported(scene, draft)


def plan(scene: Scene) -> Draft:
    rng = scene.rng
    people = [a for a in scene.world.speakers["UA"] if a.kind == "person"]
    author, addressee = rng.sample(people, 2)
    lead = Sentence()
    if rng.random() < 0.5:
        speaker = author
        lead.say(f"{cap(author.described)} said the plan for the next exchange had been ")
        lead.say(f"submitted to {addressee.ref}.")
    else:
        speaker = scene.publication
        lead.say(f"{cap(author.described)} submitted the plan for the next exchange to ")
        lead.say(f"{addressee.ref}.")
    return Draft(
        "plan_submission",
        f"{author.ref} submits the exchange plan to {addressee.ref}",
        f"The plan for the next exchange went to {addressee.described}.",
        speaker,
        [lead],
        [(author, "submitter"), (addressee, "addressee")],
    )


def annexation(scene: Scene) -> Draft:
    world = scene.world
    region = world.place(one(scene.rng, CLAIMED[:4]))
    lead = Sentence().say(
        f"Russia declared {region.name} part of its territory, a step Ukraine and most states "
        "do not recognise."
    )
    return Draft(
        "annexation",
        f"Russia declares the annexation of {region.name}",
        f"Russia declared {region.name} part of Russia; Ukraine does not recognise it.",
        scene.publication,
        [lead],
        [(world.state("RU"), "party")],
        places=[(region, "subject")],
        date=scene.book.cols(ANNEXATION),
    )


def referendum(scene: Scene) -> Draft:
    world = scene.world
    region = world.place(one(scene.rng, CLAIMED[:4]))
    lead = Sentence().say(
        f"Votes on joining Russia were organised in {region.name} by Russian-installed authorities."
    )
    return Draft(
        "referendum",
        f"Votes organised by Russian-installed authorities in {region.name}",
        f"Russian-installed authorities held votes in {region.name} on joining Russia.",
        scene.publication,
        [lead],
        [(world.state("RU"), "party")],
        places=[(region, "subject")],
        date=scene.book.cols(REFERENDUMS),
    )


def other(scene: Scene) -> Draft:
    rng, world = scene.rng, scene.world
    if rng.random() < 0.5:
        side = one(rng, ("UA", "RU"))
        speaker = side_speaker(scene, side)
        lead = Sentence().say(
            f"Lists of prisoners for the next exchange were compiled by both sides, "
            f"{speaker.ref} said."
        )
        return Draft(
            "other",
            "Both sides compile lists of prisoners for the next exchange",
            f"{cap(speaker.described)} said the lists were being compiled.",
            speaker,
            [lead],
            [(world.state("UA"), "party"), (world.state("RU"), "party")],
        )
    group = world.actors[one(rng, ("families-of-the-missing", "freedom-for-defenders"))]
    body = world.speakers["UA"][rng.randrange(3)]
    city = world.place(one(rng, ("kyiv", "lviv", "dnipro", "odesa")))
    lead = Sentence().say(
        f"Relatives of missing servicemen from {group.ref} met representatives of {body.ref} "
        f"in {city.name}."
    )
    return Draft(
        "other",
        f"Families of missing servicemen meet {body.ref} in {city.name}",
        f"Members of {group.ref} asked about relatives held in captivity.",
        scene.publication,
        [lead],
        [(group, "party"), (body, "party")],
        places=[(city, "location")],
    )
