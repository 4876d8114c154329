"""Request bodies the API documents as examples: each is accepted as it stands by a Parley
holding the seed (tests/test_examples.py sends every one)."""

from typing import Any

SOURCE = "pravda-ru-2025-05-23-prisoner-exchange"

EVENT: dict[str, Any] = {
    "slug": "2025-05-exchange-in-stages",
    "type": "announcement",
    "title": "The exchange is to take place in several stages",
    "summary": "The article reports, without saying who said so, that the exchange agreed in "
    "Istanbul would take place in several stages.",
    "date": "2025-05",
    "stated_by": "pravda-ru",
    "participants": [{"actor": "russia", "role": "party"}, {"actor": "ukraine", "role": "party"}],
    "negotiation": "istanbul-talks-2025",
    "flags": [
        {
            "kind": "attribution",
            "detail": 'The article narrates this ("it was later reported") without saying '
            "who reported it; Pravda.Ru is the only speaker Parley can name.",
        }
    ],
    "citations": [
        {
            "quote": "It was later reported that the exchange would take place in several stages.",
            "source": SOURCE,
        }
    ],
}

CLAIM: dict[str, Any] = {
    "slug": "2025-03-putin-says-moscow-controls-99-percent-of-lnr",
    "kind": "control_extent",
    "title": "Putin: Moscow controls 99% of the LNR",
    "claimant": "russia",
    "stated_by": "vladimir-putin",
    "place": "luhansk-oblast",
    "value": 99,
    "unit": "percent",
    "as_of": "2025-03",
    "citations": [
        {"quote": "Moscow controlled 99% of the LNR", "source": SOURCE},
        {"quote": "99%", "field": "value", "source": SOURCE},
    ],
}

NEGOTIATION: dict[str, Any] = {
    "slug": "istanbul-ceasefire-views",
    "title": "Exchange of views on a future ceasefire",
    "date": "2025-05-16",
    "venue": "istanbul",
    "format": "direct",
    "phase": "ongoing",
    "parties": [{"actor": "russia", "role": "party"}, {"actor": "ukraine", "role": "party"}],
    "citations": [
        {
            "quote": "The agreement was reached during direct negotiations between Russia and "
            "Ukraine in Istanbul on May 16.",
            "source": SOURCE,
        }
    ],
}

ACTOR: dict[str, Any] = {
    "slug": "russian-presidential-administration",
    "name": "Russian Presidential Administration",
    "kind": "body",
    "country_code": "RU",
    "aliases": ["Kremlin administration"],
}

PLACE: dict[str, Any] = {
    "slug": "kyiv",
    "name": "Kyiv",
    "kind": "city",
    "iso_code": "UA-30",
    "country_code": "UA",
    "parent": "ukraine",
    "aliases": ["Kiev"],
}

SOURCE_BODY: dict[str, Any] = {
    "slug": "wire-2025-05-24-exchange-second-day",
    "title": "Second day of the exchange",
    "publisher": "Example Wire",
    "url": "https://wire.example/2025/05/24/exchange",
    "language": "en",
    "published": "2025-05-24",
    "text": "On May 24, 307 servicemen returned to each side, the ministries said.",
}

BODIES = {
    "event": EVENT,
    "claim": CLAIM,
    "negotiation": NEGOTIATION,
    "actor": ACTOR,
    "place": PLACE,
    "source": SOURCE_BODY,
}
