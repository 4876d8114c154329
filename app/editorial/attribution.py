"""One attribution rule for both sides, and the verification level it implies.

Who did or claims something (participants, claimant) is kept apart from who says so
(`stated_by`). `stated_by` is the speaker the source credits ("according to X", "X said",
"X claimed", "announced by X"): a person or a body, never a state, since states speak through
people and bodies. What the source narrates without crediting anyone is stated by the
publication, whichever side it concerns; when such narration reports what a side says or
wants, the record carries an `attribution` flag saying so.

Verification follows from who says so, the record's speakers being its `stated_by` and any
participant who speaks, announces or confirms it: `both_sides` when speakers from both sides
of the conflict do, `one_side` when speakers from one side do, `independent` when a speaker
from neither side does, and `unverified` when only the publication does.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from app.models.enums import ActorKind, EventType, ParticipantRole, Verification

SIDES = frozenset({"RU", "UA"})
"""The sides of the conflict, by ISO 3166-1 code."""

SPEAKING_ROLES = frozenset(
    {ParticipantRole.speaker, ParticipantRole.announcer, ParticipantRole.confirmer}
)
REPORTED_SPEECH = frozenset(
    {
        EventType.statement,
        EventType.announcement,
        EventType.proposal,
        EventType.demand,
        EventType.refusal,
    }
)
"""Event types that report what someone says or wants."""


@dataclass(frozen=True)
class Speaker:
    """What the rule needs of an actor."""

    slug: str
    kind: str
    country: str | None
    name: str = ""

    @property
    def is_publication(self) -> bool:
        return self.kind == ActorKind.publication


def verification_for(speakers: Iterable[Speaker]) -> Verification:
    sides: set[str] = set()
    independent = False
    for speaker in speakers:
        if speaker.is_publication or speaker.country is None:
            continue
        if speaker.country in SIDES:
            sides.add(speaker.country)
        else:
            independent = True
    if independent:
        return Verification.independent
    if len(sides) == len(SIDES):
        return Verification.both_sides
    return Verification.one_side if sides else Verification.unverified


def speaker_problem(speaker: Speaker, as_what: str) -> str | None:
    """Why `speaker` cannot be `as_what` (a `stated_by`, a speaking role), or None."""
    if speaker.kind == ActorKind.state:
        return (
            f"{as_what} {speaker.slug!r} is a state; states speak through people and bodies: "
            "name the one the source credits, or the publication when it narrates"
        )
    return None


def needs_attribution_flag(stated_by: Speaker, *, reports_speech: bool) -> bool:
    """Narration by the publication of what a side says or wants must say so in a flag."""
    return stated_by.is_publication and reports_speech
