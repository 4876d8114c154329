"""The places generated records happen in or concern: countries, ISO 3166-2 regions, cities.

The seed's own places (seed_data/places.yaml) come first, as the seed writes them: an ISO code
names one place only, so generated data holding them under other slugs would stop the seed, which
`parley run` loads, from loading over it. These are the places it does not have.
"""

from dataclasses import dataclass

from app.seed.files import read_model
from app.seed.loader import default_seed_dir
from app.seed.specs import PlacesFile


@dataclass(frozen=True)
class PlaceDef:
    slug: str
    name: str
    kind: str
    iso_code: str | None
    country: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    note: str | None = None


def _country(code: str, name: str, *aliases: str) -> PlaceDef:
    return PlaceDef(name.lower().replace(" ", "-"), name, "country", code, code, None, aliases)


def _region(slug: str, name: str, code: str, *aliases: str) -> PlaceDef:
    country = code.split("-")[0]
    parents = {"UA": "ukraine", "RU": "russia", "BY": "belarus", "TR": "turkey"}
    parent = parents.get(country, _COUNTRY_SLUGS.get(country))
    return PlaceDef(slug, name, "region", code, country, parent, aliases)


def _city(slug: str, name: str, region: str, country: str, *aliases: str) -> PlaceDef:
    return PlaceDef(slug, name, "city", None, country, region, aliases)


def seed_places() -> list[PlaceDef]:
    """The seed's places, read with the seed's own reader."""
    path = default_seed_dir() / "places.yaml"
    spec = read_model(path, PlacesFile, "seed_data/places.yaml")
    return [
        PlaceDef(
            p.slug,
            p.name,
            p.kind.value,
            p.iso_code,
            p.country_code or "",
            p.parent,
            tuple(p.aliases),
            p.note,
        )
        for p in spec.places
    ]


COUNTRIES = [
    _country("AE", "United Arab Emirates", "UAE", "Emirates"),
    _country("QA", "Qatar"),
    _country("SA", "Saudi Arabia", "KSA"),
    _country("CH", "Switzerland"),
    _country("US", "United States", "USA", "US"),
    PlaceDef("holy-see", "Holy See", "country", "VA", "VA", None, ("Vatican",)),
    _country("PL", "Poland"),
    _country("HU", "Hungary"),
]
_COUNTRY_SLUGS = {p.country: p.slug for p in COUNTRIES}

REGIONS = [
    _region("vinnytsia-oblast", "Vinnytsia Oblast", "UA-05", "Vinnytsia region"),
    _region("volyn-oblast", "Volyn Oblast", "UA-07", "Volyn region"),
    _region("dnipropetrovsk-oblast", "Dnipropetrovsk Oblast", "UA-12", "Dnipropetrovsk region"),
    _region("zhytomyr-oblast", "Zhytomyr Oblast", "UA-18", "Zhytomyr region"),
    _region("zakarpattia-oblast", "Zakarpattia Oblast", "UA-21", "Transcarpathia"),
    _region("ivano-frankivsk-oblast", "Ivano-Frankivsk Oblast", "UA-26"),
    _region("kyiv-oblast", "Kyiv Oblast", "UA-32", "Kyiv region", "Kiev region"),
    _region("kirovohrad-oblast", "Kirovohrad Oblast", "UA-35", "Kropyvnytskyi region"),
    _region("lviv-oblast", "Lviv Oblast", "UA-46", "Lviv region", "Lvov region"),
    _region("mykolaiv-oblast", "Mykolaiv Oblast", "UA-48", "Mykolaiv region", "Nikolaev"),
    _region("odesa-oblast", "Odesa Oblast", "UA-51", "Odesa region", "Odessa region"),
    _region("poltava-oblast", "Poltava Oblast", "UA-53", "Poltava region"),
    _region("rivne-oblast", "Rivne Oblast", "UA-56", "Rivne region"),
    _region("sumy-oblast", "Sumy Oblast", "UA-59", "Sumy region"),
    _region("ternopil-oblast", "Ternopil Oblast", "UA-61", "Ternopil region"),
    _region("kharkiv-oblast", "Kharkiv Oblast", "UA-63", "Kharkiv region", "Kharkov region"),
    _region("khmelnytskyi-oblast", "Khmelnytskyi Oblast", "UA-68", "Khmelnytskyi region"),
    _region("cherkasy-oblast", "Cherkasy Oblast", "UA-71", "Cherkasy region"),
    _region("chernihiv-oblast", "Chernihiv Oblast", "UA-74", "Chernihiv region", "Chernigov"),
    _region("chernivtsi-oblast", "Chernivtsi Oblast", "UA-77", "Chernivtsi region"),
    _region("belgorod-oblast", "Belgorod Oblast", "RU-BEL", "Belgorod region"),
    _region("bryansk-oblast", "Bryansk Oblast", "RU-BRY", "Bryansk region"),
    _region("rostov-oblast", "Rostov Oblast", "RU-ROS", "Rostov region"),
    _region("voronezh-oblast", "Voronezh Oblast", "RU-VOR", "Voronezh region"),
    _region("krasnodar-krai", "Krasnodar Krai", "RU-KDA", "Kuban"),
    _region("gomel-region", "Gomel Region", "BY-HO", "Homel region", "Gomel oblast"),
    _region("brest-region", "Brest Region", "BY-BR", "Brest oblast"),
    _region("ankara-province", "Ankara Province", "TR-06"),
    _region("antalya-province", "Antalya Province", "TR-07"),
    _region("abu-dhabi-emirate", "Emirate of Abu Dhabi", "AE-AZ"),
    _region("dubai-emirate", "Emirate of Dubai", "AE-DU"),
    _region("makkah-province", "Makkah Province", "SA-02", "Mecca Province"),
    _region("riyadh-province", "Riyadh Province", "SA-01"),
    _region("ad-dawhah", "Ad Dawhah", "QA-DA", "Doha municipality"),
    _region("canton-of-geneva", "Canton of Geneva", "CH-GE", "Geneva canton"),
]

CITY_REGIONS = [
    PlaceDef("kyiv", "Kyiv", "city", "UA-30", "UA", "kyiv-oblast", ("Kiev", "Kyiv city")),
    PlaceDef("sevastopol", "Sevastopol", "city", "UA-40", "UA", "crimea", ("Sevastopol city",)),
    PlaceDef("moscow", "Moscow", "city", "RU-MOW", "RU", "russia", ("Moskva",)),
    PlaceDef("minsk", "Minsk", "city", "BY-HM", "BY", "belarus", ("Minsk city",)),
]
"""Cities that are ISO 3166-2 subdivisions in their own right."""

CITIES = [
    _city("kharkiv", "Kharkiv", "kharkiv-oblast", "UA", "Kharkov"),
    _city("odesa", "Odesa", "odesa-oblast", "UA", "Odessa"),
    _city("dnipro", "Dnipro", "dnipropetrovsk-oblast", "UA", "Dnipropetrovsk"),
    _city("zaporizhzhia", "Zaporizhzhia", "zaporizhzhia-oblast", "UA", "Zaporozhye city"),
    _city("mykolaiv", "Mykolaiv", "mykolaiv-oblast", "UA", "Nikolaev city"),
    _city("kherson", "Kherson", "kherson-oblast", "UA"),
    _city("sumy", "Sumy", "sumy-oblast", "UA"),
    _city("chernihiv", "Chernihiv", "chernihiv-oblast", "UA", "Chernigov city"),
    _city("donetsk", "Donetsk", "donetsk-oblast", "UA"),
    _city("luhansk", "Luhansk", "luhansk-oblast", "UA", "Lugansk city"),
    _city("mariupol", "Mariupol", "donetsk-oblast", "UA"),
    _city("bakhmut", "Bakhmut", "donetsk-oblast", "UA", "Artemovsk"),
    _city("avdiivka", "Avdiivka", "donetsk-oblast", "UA", "Avdeyevka"),
    _city("pokrovsk", "Pokrovsk", "donetsk-oblast", "UA"),
    _city("kramatorsk", "Kramatorsk", "donetsk-oblast", "UA"),
    _city("melitopol", "Melitopol", "zaporizhzhia-oblast", "UA"),
    _city("enerhodar", "Enerhodar", "zaporizhzhia-oblast", "UA", "Energodar"),
    _city("izium", "Izium", "kharkiv-oblast", "UA", "Izyum"),
    _city("kupiansk", "Kupiansk", "kharkiv-oblast", "UA", "Kupyansk"),
    _city("lviv", "Lviv", "lviv-oblast", "UA", "Lvov"),
    _city("vinnytsia", "Vinnytsia", "vinnytsia-oblast", "UA"),
    _city("poltava", "Poltava", "poltava-oblast", "UA"),
    _city("simferopol", "Simferopol", "crimea", "UA"),
    _city("kursk", "Kursk", "kursk-oblast", "RU"),
    _city("sudzha", "Sudzha", "kursk-oblast", "RU"),
    _city("belgorod", "Belgorod", "belgorod-oblast", "RU"),
    _city("bryansk", "Bryansk", "bryansk-oblast", "RU"),
    _city("rostov-on-don", "Rostov-on-Don", "rostov-oblast", "RU", "Rostov"),
    _city("gomel", "Gomel", "gomel-region", "BY", "Homel"),
    _city("ankara", "Ankara", "ankara-province", "TR"),
    _city("antalya", "Antalya", "antalya-province", "TR"),
    _city("abu-dhabi", "Abu Dhabi", "abu-dhabi-emirate", "AE"),
    _city("dubai", "Dubai", "dubai-emirate", "AE"),
    _city("jeddah", "Jeddah", "makkah-province", "SA", "Jidda"),
    _city("riyadh", "Riyadh", "riyadh-province", "SA"),
    _city("doha", "Doha", "ad-dawhah", "QA"),
    _city("geneva", "Geneva", "canton-of-geneva", "CH", "Geneve"),
    _city("vatican-city", "Vatican City", "holy-see", "VA", "Vatican"),
]

AREAS = [
    PlaceDef(
        "zaporizhzhia-nuclear-power-plant",
        "Zaporizhzhia Nuclear Power Plant",
        "area",
        None,
        "UA",
        "zaporizhzhia-oblast",
        ("ZNPP", "Zaporizhzhia NPP"),
    ),
    PlaceDef("black-sea", "Black Sea", "area", None, "UA", None, ("Black Sea corridor",)),
]

SEED = seed_places()
PLACES = [*SEED, *COUNTRIES, *REGIONS, *CITY_REGIONS, *CITIES, *AREAS]
SEEDED = frozenset(p.slug for p in SEED)
"""The seed's places: written under the seed's slugs, not the generated prefix."""

BORDER_CROSSINGS = ["sumy-oblast", "chernihiv-oblast", "gomel-region", "bryansk-oblast"]
"""Where exchanges happen: the border regions prisoners are handed over in."""
BORDER_WEIGHTS = [0.4, 0.2, 0.3, 0.1]
FRONT = [
    "donetsk-oblast",
    "luhansk-oblast",
    "zaporizhzhia-oblast",
    "kherson-oblast",
    "kharkiv-oblast",
    "kursk-oblast",
    "mariupol",
    "bakhmut",
    "avdiivka",
    "pokrovsk",
]
"""Where prisoners were captured and bodies recovered."""
CLAIMED = ["donetsk-oblast", "luhansk-oblast", "zaporizhzhia-oblast", "kherson-oblast", "crimea"]
"""Regions Russia claims."""
CLAIMED_WEIGHTS = [0.3, 0.25, 0.2, 0.15, 0.1]
VENUES = {
    "istanbul": "TR",
    "ankara": "TR",
    "antalya": "TR",
    "abu-dhabi": "AE",
    "jeddah": "SA",
    "riyadh": "SA",
    "doha": "QA",
    "geneva": "CH",
    "vatican-city": "VA",
    "minsk": "BY",
}
"""Cities that host talks, with the country hosting them."""
CAPITALS = {"UA": "kyiv", "RU": "moscow"}
