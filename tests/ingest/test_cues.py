"""What a sentence reports, and whom it credits."""

import pytest

from app.ingest.cues import speaker_of, types_of
from app.ingest.names import find
from tests.ingest import gazetteer


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("On Friday, 270 servicemen returned to Russia in an exchange.", "prisoner_exchange"),
        ("Ukraine received 909 bodies of fallen soldiers.", "body_repatriation"),
        ("A second round of talks opened in Istanbul.", "negotiation_round"),
        ("Ankara proposed a prisoner exchange.", "proposal"),
        ("Russia demanded the withdrawal of troops.", "demand"),
        ("Kyiv refused to recognize the annexation.", "refusal"),
        ("The sides agreed on a 1,000-for-1,000 exchange.", "agreement"),
        ("Umerov submitted the plan to Zelensky.", "plan_submission"),
    ],
)
def test_types_from_cue_words(sentence: str, kind: str) -> None:
    assert types_of(sentence)[0] == kind


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "According to the Russian Ministry of Defense, 270 returned.",
            "russian-ministry-of-defense",
        ),
        ("Umerov said the sides agreed on a date.", "rustem-umerov"),
        ("The exchange will go on, Medinsky confirmed.", "vladimir-medinsky"),
        ("The deal was announced by Rustem Umerov.", "rustem-umerov"),
        ("Russia demanded the withdrawal of troops.", None),
    ],
)
def test_speakers_are_people_and_bodies_credited(sentence: str, speaker: str | None) -> None:
    actors, _ = find(sentence, gazetteer.actors(), gazetteer.places())
    found = speaker_of(sentence, 0, actors)
    assert (found.slug if found else None) == speaker
