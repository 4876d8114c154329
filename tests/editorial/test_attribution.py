"""One attribution rule: who says so decides the verification level, for both sides alike."""

import pytest

from app.editorial.attribution import (
    Speaker,
    needs_attribution_flag,
    speaker_problem,
    verification_for,
)

PUBLICATION = Speaker("pravda-ru", "publication", "RU")
PUTIN = Speaker("vladimir-putin", "person", "RU")
UMEROV = Speaker("rustem-umerov", "person", "UA")
TURKEY_MFA = Speaker("turkish-mfa", "body", "TR")
COUNCIL = Speaker("coordination-council", "body", None)
RUSSIA = Speaker("russia", "state", "RU")


@pytest.mark.parametrize(
    ("speakers", "level"),
    [
        ([PUBLICATION], "unverified"),
        ([COUNCIL], "unverified"),
        ([PUTIN], "one_side"),
        ([PUBLICATION, UMEROV], "one_side"),
        ([PUBLICATION, UMEROV, PUTIN], "both_sides"),
        ([TURKEY_MFA, PUTIN], "independent"),
    ],
)
def test_verification_follows_from_who_says_so(speakers: list[Speaker], level: str) -> None:
    assert verification_for(speakers) == level


def test_a_publication_of_either_side_verifies_nothing() -> None:
    kyiv_paper = Speaker("kyiv-paper", "publication", "UA")
    assert verification_for([PUBLICATION]) == verification_for([kyiv_paper]) == "unverified"


def test_states_never_speak() -> None:
    problem = speaker_problem(RUSSIA, "stated_by")
    assert problem is not None and "'russia' is a state" in problem
    assert speaker_problem(PUTIN, "stated_by") is None
    assert speaker_problem(PUBLICATION, "stated_by") is None


def test_narrated_speech_needs_a_flag() -> None:
    assert needs_attribution_flag(PUBLICATION, reports_speech=True)
    assert not needs_attribution_flag(PUBLICATION, reports_speech=False)
    assert not needs_attribution_flag(PUTIN, reports_speech=True)
