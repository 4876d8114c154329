"""Invented people, drawn from name lists, each holding a role in a body of their country."""

import random
from dataclasses import dataclass

FIRST = {
    "UA": "Andrii Bohdan Dmytro Iryna Kateryna Larysa Mykola Nataliia Oksana Oleksandr Olena "
    "Petro Serhii Taras Vasyl Yuliia Halyna Roman Viktoriia Yaroslav",
    "RU": "Aleksei Anna Dmitri Yelena Igor Irina Mikhail Natalia Nikolai Olga Pavel Sergei "
    "Svetlana Tatiana Viktor Yuri Maria Andrei Galina Konstantin",
    "TR": "Ahmet Ayse Burak Elif Emre Fatma Kemal Leyla Murat Zeynep",
    "AE": "Ahmed Fatima Hamad Khalid Mariam Omar Saeed Noura",
    "QA": "Abdullah Hamad Lolwah Mohammed Nasser Sara",
    "SA": "Faisal Abdulaziz Reema Turki Nawaf",
    "US": "Claire Daniel Emily Michael Rachel Thomas",
    "VA": "Matteo Pietro Giovanni Luigi",
    "CH": "Anne Lukas Marie Stefan",
    "INT": "Amina Carlos Ingrid Kofi Lena Marco Priya Sofia",
}
LAST = {
    "UA": "Bondarenko Hnatiuk Kovalenko Kravchenko Lysenko Marchenko Melnyk Moroz Pavlenko "
    "Polishchuk Rudenko Savchenko Shevchuk Tkachenko Tkachuk Zinchenko Boiko Oliinyk Kuzmenko "
    "Vasylenko",
    "RU": "Belov Fedorova Gromov Kuznetsov Lebedeva Morozov Nikitin Orlova Sokolova Volkov "
    "Zaitseva Popov Smirnova Vinogradov Korolev Pavlova Yegorov Tarasova Frolov Guseva",
    "TR": "Aydin Celik Demir Kaya Ozturk Sahin Yilmaz Arslan",
    "AE": "Al Mansoori Al Suwaidi Al Nahyan Al Dhaheri Al Ketbi",
    "QA": "Al Khulaifi Al Thani Al Misnad Al Kuwari",
    "SA": "Al Saud Al Rasheed Al Otaibi",
    "US": "Carter Hughes Morgan Reed Sullivan",
    "VA": "Bellini Conti Ferraro Romano",
    "CH": "Brunner Keller Meier Weber",
    "INT": "Andersen Diallo Haddad Lindqvist Mensah Okafor Rossi Suarez",
}
VARIANTS = {"Andrii": "Andriy", "Serhii": "Sergiy", "Yuliia": "Yulia", "Aleksei": "Alexei"}
"""Second spellings readers search for."""

ROLES: dict[str, list[tuple[str, str | None]]] = {
    "UA": [
        ("Spokesperson of the Coordination Headquarters", "ua-coordination-headquarters"),
        ("Head of the Coordination Headquarters secretariat", "ua-coordination-headquarters"),
        ("Deputy Minister of Defence of Ukraine", "ua-ministry-of-defence"),
        ("Ukrainian Parliament Commissioner for Human Rights", "ua-ombudsman"),
        ("Representative of Defence Intelligence of Ukraine", "ua-defence-intelligence"),
        ("Adviser to the Head of the Office of the President", "ua-presidential-office"),
        ("Spokesperson of the Ministry of Foreign Affairs of Ukraine", "ua-foreign-ministry"),
        ("Member of the Ukrainian delegation", "ua-presidential-office"),
    ],
    "RU": [
        ("Spokesperson of the Ministry of Defence of Russia", "ru-ministry-of-defence"),
        ("Aide to the President of Russia", "ru-kremlin"),
        ("Deputy spokesperson of the Kremlin", "ru-kremlin"),
        ("High Commissioner for Human Rights in Russia", "ru-ombudsman"),
        ("Deputy Foreign Minister of Russia", "ru-foreign-ministry"),
        ("Member of the State Duma", "ru-state-duma"),
        ("Member of the Russian delegation", "ru-kremlin"),
    ],
    "TR": [("Foreign Minister of Turkiye", "tr-foreign-ministry")],
    "AE": [("Minister of State of the UAE", "ae-foreign-ministry")],
    "QA": [("Minister of State for International Cooperation of Qatar", "qa-foreign-ministry")],
    "SA": [("National Security Adviser of Saudi Arabia", "sa-foreign-ministry")],
    "US": [("Special envoy of the United States", "us-state-department")],
    "VA": [("Papal envoy for the war in Ukraine", "va-secretariat-of-state")],
    "CH": [("Ambassador of Switzerland to Ukraine", None)],
    "INT": [
        ("Head of the ICRC delegation in Ukraine", "icrc"),
        ("Head of the UN Human Rights Monitoring Mission in Ukraine", "un-monitoring-mission"),
        ("UN Assistant Secretary-General for Human Rights", "ohchr"),
    ],
}
COUNT = {"UA": 80, "RU": 80, "TR": 8, "AE": 8, "QA": 6, "SA": 5, "US": 6, "VA": 3, "CH": 3}
COUNT["INT"] = 10


@dataclass(frozen=True)
class PersonDef:
    slug: str
    name: str
    country: str | None
    aliases: tuple[str, ...]
    roles: tuple[tuple[str, str | None], ...]


def _slug(name: str) -> str:
    return "-".join(name.lower().split())


def _person(rng: random.Random, group: str, taken: set[str]) -> PersonDef:
    while True:
        first, last = rng.choice(FIRST[group].split()), _surname(rng, group)
        name = f"{first} {last}"
        if name not in taken:
            taken.add(name)
            break
    aliases = [last, name]
    if first in VARIANTS:
        aliases.append(f"{VARIANTS[first]} {last}")
    roles = rng.sample(ROLES[group], k=min(len(ROLES[group]), rng.choice((1, 1, 2))))
    country = None if group == "INT" else group
    return PersonDef(_slug(name), name, country, tuple(aliases), tuple(roles))


def _surname(rng: random.Random, group: str) -> str:
    words = LAST[group].split()
    if group in ("AE", "QA", "SA"):
        pairs = [f"{a} {b}" for a, b in zip(words[::2], words[1::2], strict=True)]
        return rng.choice(pairs)
    return rng.choice(words)


def people() -> list[PersonDef]:
    """The same people at every scale, so runs of different sizes name the same actors."""
    rng = random.Random("parley-bench-people")
    taken: set[str] = set()
    return [_person(rng, group, taken) for group, count in COUNT.items() for _ in range(count)]
