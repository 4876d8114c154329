"""The actors generated records name: states, their bodies, international bodies, publications.

People are drawn from name lists (bench/data/people.py): generated records attribute invented
statements, so no real person is named. States and bodies are real, publications invented.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ActorDef:
    slug: str
    name: str
    kind: str
    country: str | None
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None


def _state(code: str, slug: str, name: str, *aliases: str) -> ActorDef:
    return ActorDef(slug, name, "state", code, None, aliases)


def _body(slug: str, name: str, country: str | None, *aliases: str) -> ActorDef:
    parent = STATE_SLUGS.get(country) if country else None
    return ActorDef(slug, name, "body", country, parent, aliases)


STATES = [
    _state("RU", "russia", "Russia", "Russian Federation", "Moscow"),
    _state("UA", "ukraine", "Ukraine", "Kyiv", "Kiev", "Ukrainian side"),
    _state("TR", "turkiye", "Türkiye", "Turkey", "Turkiye", "Ankara"),
    _state("AE", "united-arab-emirates", "United Arab Emirates", "UAE", "Emirates", "Abu Dhabi"),
    _state("QA", "qatar", "Qatar", "Doha"),
    _state("SA", "saudi-arabia", "Saudi Arabia", "KSA", "Riyadh"),
    _state("US", "united-states", "United States", "USA", "US", "Washington"),
    _state("BY", "belarus", "Belarus", "Minsk"),
    _state("VA", "holy-see", "Holy See", "Vatican"),
    _state("CH", "switzerland", "Switzerland", "Bern"),
    _state("CN", "china", "China", "Beijing"),
    _state("BR", "brazil", "Brazil"),
    _state("ZA", "south-africa", "South Africa"),
    _state("HU", "hungary", "Hungary", "Budapest"),
    _state("KZ", "kazakhstan", "Kazakhstan"),
    _state("NO", "norway", "Norway", "Oslo"),
]
STATE_SLUGS = {s.country: s.slug for s in STATES if s.country}

MEDIATORS = ["AE", "QA", "SA", "TR", "VA", "US"]
"""States that mediate exchanges, and how often each does."""
MEDIATOR_WEIGHTS = [0.45, 0.15, 0.12, 0.12, 0.06, 0.1]

BODIES = [
    _body("ua-ministry-of-defence", "Ministry of Defence of Ukraine", "UA", "Ukrainian MoD"),
    _body(
        "ua-coordination-headquarters",
        "Coordination Headquarters for the Treatment of Prisoners of War",
        "UA",
        "Coordination Headquarters",
        "Coordination HQ",
    ),
    _body("ua-presidential-office", "Office of the President of Ukraine", "UA", "Bankova"),
    _body("ua-ombudsman", "Ukrainian Parliament Commissioner for Human Rights", "UA", "Ombudsman"),
    _body("ua-defence-intelligence", "Defence Intelligence of Ukraine", "UA", "HUR", "GUR"),
    _body("ua-security-service", "Security Service of Ukraine", "UA", "SBU"),
    _body("ua-foreign-ministry", "Ministry of Foreign Affairs of Ukraine", "UA", "Ukrainian MFA"),
    _body(
        "ua-general-staff", "General Staff of the Armed Forces of Ukraine", "UA", "General Staff"
    ),
    _body("ua-reintegration-ministry", "Ministry for Reintegration of Ukraine", "UA"),
    _body("ru-ministry-of-defence", "Ministry of Defence of Russia", "RU", "Russian MoD"),
    _body("ru-kremlin", "The Kremlin", "RU", "Kremlin", "Russian presidency"),
    _body("ru-foreign-ministry", "Ministry of Foreign Affairs of Russia", "RU", "Russian MFA"),
    _body(
        "ru-ombudsman",
        "High Commissioner for Human Rights in Russia",
        "RU",
        "Russian ombudsman",
    ),
    _body("ru-state-duma", "State Duma", "RU", "Duma"),
    _body("ru-security-service", "Federal Security Service", "RU", "FSB"),
    _body("ru-election-commission", "Central Election Commission of Russia", "RU", "CEC"),
    _body("tr-foreign-ministry", "Ministry of Foreign Affairs of Türkiye", "TR", "Turkish MFA"),
    _body("tr-intelligence", "National Intelligence Organization of Türkiye", "TR", "MIT"),
    _body("ae-foreign-ministry", "Ministry of Foreign Affairs of the UAE", "AE", "UAE MoFA"),
    _body("qa-foreign-ministry", "Ministry of Foreign Affairs of Qatar", "QA", "Qatari MoFA"),
    _body("sa-foreign-ministry", "Ministry of Foreign Affairs of Saudi Arabia", "SA"),
    _body("us-state-department", "Department of State", "US", "State Department"),
    _body("us-white-house", "The White House", "US", "White House"),
    _body("va-secretariat-of-state", "Secretariat of State of the Holy See", "VA"),
    _body("by-foreign-ministry", "Ministry of Foreign Affairs of Belarus", "BY"),
    _body("icrc", "International Committee of the Red Cross", None, "ICRC", "Red Cross"),
    _body(
        "un-monitoring-mission",
        "UN Human Rights Monitoring Mission in Ukraine",
        None,
        "HRMMU",
        "UN monitors",
    ),
    _body("ohchr", "Office of the UN High Commissioner for Human Rights", None, "OHCHR"),
    _body("united-nations", "United Nations", None, "UN"),
    _body("osce", "Organization for Security and Co-operation in Europe", None, "OSCE"),
    _body("iaea", "International Atomic Energy Agency", None, "IAEA"),
    _body("council-of-europe", "Council of Europe", None),
]

INTERNATIONAL = ["icrc", "un-monitoring-mission", "ohchr", "united-nations", "osce"]
"""Bodies of neither side that speak about exchanges and the treatment of prisoners."""

SPOKESBODIES = {
    "UA": ["ua-coordination-headquarters", "ua-ministry-of-defence", "ua-ombudsman"],
    "RU": ["ru-ministry-of-defence", "ru-ombudsman", "ru-kremlin"],
}
"""The bodies each side announces exchanges through, most often the first."""

GROUPS = [
    ActorDef(
        "families-of-the-missing",
        "Families of the Missing",
        "group",
        "UA",
        None,
        ("families of prisoners",),
        "An association of relatives of missing and captured servicemen.",
    ),
    ActorDef("freedom-for-defenders", "Freedom for Defenders", "group", "UA", None, ()),
    ActorDef("mothers-council", "Council of Soldiers' Mothers", "group", "RU", None, ()),
]

PUBLICATIONS = [
    ActorDef("meridian-wire", "Meridian Wire", "publication", "GB", None, ("Meridian",)),
    ActorDef("eastbound-ledger", "Eastbound Ledger", "publication", "UA", None, ("the Ledger",)),
    ActorDef("frontier-courier", "Frontier Courier", "publication", "PL", None, ("Courier",)),
    ActorDef("steppe-herald", "Steppe Herald", "publication", "UA", None, ()),
    ActorDef("northern-gazette", "Northern Gazette", "publication", "RU", None, ("Gazette",)),
    ActorDef("volga-observer", "Volga Observer", "publication", "RU", None, ()),
    ActorDef("danube-daily", "Danube Daily", "publication", "HU", None, ()),
    ActorDef("bosphorus-review", "Bosphorus Review", "publication", "TR", None, ()),
    ActorDef("gulf-dispatch", "Gulf Dispatch", "publication", "AE", None, ()),
    ActorDef("continental-post", "Continental Post", "publication", "DE", None, ("the Post",)),
    ActorDef("atlantic-monitor", "Atlantic Monitor", "publication", "US", None, ()),
    ActorDef("alpine-bulletin", "Alpine Bulletin", "publication", "CH", None, ()),
]
"""Invented publications: the generated articles are theirs."""
PUBLICATION_WEIGHTS = [0.18, 0.16, 0.1, 0.1, 0.1, 0.06, 0.05, 0.05, 0.05, 0.06, 0.05, 0.04]
