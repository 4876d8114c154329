"""Parsing a search: web search syntax, folded and stemmed, widened to linked names."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.search import parse
from tests import factories as f


async def test_words_are_widened_to_the_actors_and_places_that_bear_them(
    session: AsyncSession,
) -> None:
    turkey = await f.actor(session, slug="turkey", name="Türkiye", aliases=["Turkey", "Ankara"])
    city = await f.place(session, slug="istanbul", name="Istanbul", kind="city")
    await f.indexed(session)

    query = await parse(session, "Turkey exchanges")
    phrase = await parse(session, '"Istanbul talks" -bodies')
    folded = await parse(session, "TÜRKİYE")

    assert query is not None and query.tsquery == f"( 'turkey' | 'actor{turkey.id}' ) & 'exchang'"
    assert phrase is not None and phrase.tsquery == "'istanbul' <-> 'talk' & !'bodi'"
    assert folded is not None and f"actor{turkey.id}" in folded.tsquery
    assert city.id
    assert await parse(session, "the of and") is None
    assert await parse(session, "%") is None
