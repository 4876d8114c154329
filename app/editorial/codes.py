"""ISO 3166 codes, checked against pycountry."""

import pycountry

from app.models.enums import PlaceKind


def country_exists(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None


def check_iso(kind: str, iso_code: str | None, country_code: str | None) -> str | None:
    """What is wrong with a place's ISO 3166 codes, checked against pycountry; None if nothing."""
    if country_code is not None and not country_exists(country_code):
        return f"country_code {country_code!r} is not an ISO 3166-1 alpha-2 code"
    code = iso_code
    if code is None:
        return "a country or region needs its ISO code" if kind in _NEEDS_ISO else None
    if "-" not in code:
        if not country_exists(code):
            return f"iso_code {code!r} is not an ISO 3166-1 alpha-2 code"
        if kind != PlaceKind.country:
            return f"iso_code {code!r} names a country, but the place is a {kind}"
        if country_code not in (None, code):
            return f"iso_code {code!r} and country_code {country_code!r} disagree"
        return None
    subdivision = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    if subdivision is None:
        return f"iso_code {code!r} is not an ISO 3166-2 subdivision code"
    if country_code != subdivision.country_code:
        return (
            f"iso_code {code!r} is a subdivision of {subdivision.country_code}, "
            f"but country_code is {country_code!r}"
        )
    if kind == PlaceKind.country:
        return f"iso_code {code!r} names a subdivision, but the place is a country"
    return None


_NEEDS_ISO = {PlaceKind.country, PlaceKind.region}
