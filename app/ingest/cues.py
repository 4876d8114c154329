"""What kind of fact a sentence reports, from its cue words, and who it credits for it."""

import re

from app.ingest.names import Mention

TYPE_CUES: list[tuple[str, str]] = [
    (
        "body_repatriation",
        r"\b(?:bodies|remains)\b[^.]{0,80}\b(?:exchang|repatriat|return|handed|transferr|received)"
        r"|\b(?:exchang|repatriat|return|handed|transferr|received)\w*\b[^.]{0,80}\b(?:bodies|remains)\b",
    ),
    (
        "prisoner_exchange",
        r"\b(?:exchange|swap)\w*\b[^.]{0,120}\b(?:took\s+place|returned|handed|released|came\s+home|"
        r"brought|received|freed|swapped|exchanged)\b|\b(?:returned|were\s+handed\s+over|were\s+"
        r"released|swapped|exchanged)\b[^.]{0,80}\b(?:prisoners|servicem[ae]n|soldiers|civilians|"
        r"captives|POWs)\b|\b(?:prisoners|servicem[ae]n|soldiers|civilians|POWs)\b[^.]{0,80}\b"
        r"(?:returned|were\s+handed\s+over|were\s+released|came\s+home|were\s+swapped)\b|\b(?:received|"
        r"got\s+back)\b[^.]{0,60}\b(?:people|prisoners|servicem[ae]n|soldiers|civilians|POWs|"
        r"citizens)\b|\bstage\s+of"
        r"\s+the\s+(?:prisoner\s+)?exchange",
    ),
    (
        "plan_submission",
        r"\b(?:submitted|sent|handed|presented|delivered|passed|transmitted)\b[^.]{0,60}\b(?:plan|"
        r"lists?|proposals|memorandum|document|draft)\b",
    ),
    (
        "proposal",
        r"\b(?:proposed|proposals?|offered|suggested|put\s+forward|ready\s+to|invited|"
        r"willing\s+to)\b",
    ),
    (
        "demand",
        r"\b(?:demanded|demands?|insisted|calls?\s+for|called\s+for|as\s+a\s+condition|seek(?:s|ing)|"
        r"conditions?\s+for|ultimatum)\b",
    ),
    ("refusal", r"\b(?:refused|rejected|declined|ruled\s+out)\b"),
    ("agreement", r"\b(?:agreed|agreements?|deal|memorandum|accords?)\b"),
    (
        "negotiation_round",
        r"\b(?:talks|negotiations|round\s+of|delegations?\s+met|met\s+in|meeting\s+between|the\s+"
        r"meeting)\b",
    ),
    (
        "announcement",
        r"\b(?:announced|announcement)\b[^.]{0,80}\b(?:deal|agreement|plan|date|will|would|next)\b",
    ),
]
_NOT_HELD = re.compile(
    r"\b(?:proposed\s+(?:holding|to\s+hold)|ready\s+(?:for|to\s+host|to\s+hold)|offered\s+to\s+"
    r"(?:host|hold)|(?:would|will)\s+(?:host|hold)|expected\s+to\s+take\s+place)\b[^.]{0,60}\b"
    r"(?:round|talks|meeting|negotiations|summit)\b"
    r"|\b(?:round|talks|meeting|negotiations|summit)\b[^.]{0,60}\bexpected\s+to\s+take\s+place\b",
    re.IGNORECASE,
)
"""A round of talks proposed, offered or still to come, rather than held."""
_FUTURE = re.compile(
    r"\b(?:will|would|is\s+expected|are\s+expected|is\s+scheduled|are\s+scheduled|is\s+to|"
    r"are\s+to|plans?\s+to|intends?\s+to|would\s+continue|coming\s+days)\b",
    re.IGNORECASE,
)  # fmt: skip
_CUES = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in TYPE_CUES]
SPEECH_VERBS = (
    r"said|says|stated|announced|confirmed|stressed|noted|told|claimed|reported|declared|added|"
    r"emphasized|emphasised|wrote|explained|insisted|warned|assured"
)
_VERB_AFTER = re.compile(rf"^[^.;:\"“]{{0,40}}?\b(?:has\s+|had\s+|have\s+)?(?:{SPEECH_VERBS})\b")
_VERB_BEFORE = re.compile(rf"\b(?:{SPEECH_VERBS})(?:\s+by)?\s+(?:the\s+)?$")
_ACCORDING = re.compile(r"\b(?:according\s+to|as\s+reported\s+by|cited\s+by)\s+(?:the\s+)?$", re.I)


def types_of(sentence: str, *, spoken: bool = False) -> list[str]:
    """The kinds of fact the sentence's cue words point at, most specific first; what a
    credited speaker says is also a statement, and what they say will happen an announcement."""
    kinds = [kind for kind, cue in _CUES if cue.search(sentence)]
    if "negotiation_round" in kinds and _NOT_HELD.search(sentence):
        kinds.remove("negotiation_round")  # a round proposed or to come is not one held
    if spoken and "announcement" not in kinds and _FUTURE.search(sentence):
        kinds.append("announcement")
    if spoken:
        kinds.append("statement")
    return kinds


def speaker_of(sentence: str, offset: int, actors: list[Mention]) -> Mention | None:
    """The person or body the sentence credits ("according to X", "X said", "said X"); a state
    is never a speaker: "Russia demanded" is the article's narration."""
    for actor in actors:
        start, end = actor.start - offset, actor.end - offset
        if start < 0 or end > len(sentence) or actor.kind == "state":
            continue
        before = sentence[max(0, start - 40) : start]
        if (
            _ACCORDING.search(before)
            or _VERB_BEFORE.search(before)
            or _VERB_AFTER.match(sentence[end:])
        ):
            return actor
    return None
