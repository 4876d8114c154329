"""Actors and places: the gazetteers' names and aliases whatever the accents, sides named by
adjective, and names the gazetteers lack, proposed as new."""

from app.ingest.names import find
from tests.ingest import gazetteer


def names(text: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    actors, places = find(text, gazetteer.actors(), gazetteer.places())
    return (
        list(dict.fromkeys((m.slug, m.known) for m in actors)),
        list(dict.fromkeys((m.slug, m.known) for m in places)),
    )


def test_aliases_accents_and_possessives() -> None:
    actors, places = names("Zelenskyy met Türkiye's envoy in İstanbul; Kyiv's list was sent.")
    assert actors == [("volodymyr-zelensky", True), ("turkey", True), ("ukraine", True)]
    assert ("istanbul", True) in places


def test_a_side_named_by_its_adjective() -> None:
    actors, _ = names("The Russian side handed over the lists to the Ukrainian delegation.")
    assert actors == [("russia", True), ("ukraine", True)]


def test_people_bodies_and_places_the_gazetteers_lack_are_proposed() -> None:
    text = (
        "Turkish Foreign Minister Hakan Fidan opened the talks. The International Committee of "
        "the Red Cross was present. Fidan said the Sumy region was shelled. "
        "Lists came from Kharkiv."
    )
    actors, places = names(text)
    assert ("hakan-fidan", False) in actors
    assert ("international-committee-of-the-red-cross", False) in actors
    assert ("sumy-oblast", False) in places and ("kharkiv", False) in places
    assert not any(slug in ("turkish-foreign-minister-hakan-fidan", "fidan") for slug, _ in actors)
