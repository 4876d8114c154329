"""Exchange statistics shapes."""

from typing import Literal

from pydantic import Field

from app.models.enums import Qualifier
from app.schemas import ActorRef, Out

Period = Literal["day", "month", "year"]


class Figure(Out):
    value: int
    qualifier: Qualifier = Field(
        description="`exact`; `at_least` when a figure it adds is a lower bound; `approx` when "
        "one is approximate (which wins)."
    )
    events: list[str] = Field(description="Slugs of the events whose best figures it adds.")


class Total(Out):
    value: int
    qualifier: Qualifier


class Cumulative(Out):
    people: Total
    bodies: Total


class PeriodStats(Out):
    """One receiving side in one period: people returned alive and bodies, kept apart."""

    period: str = Field(description="`2025`, `2025-05` or `2025-05-23`.")
    recipient: ActorRef | None = Field(description="Who received them (null: not stated).")
    military: Figure
    civilians: Figure
    unspecified: Figure = Field(
        description="People returned whose figures do not say military or civilian."
    )
    people: Figure = Field(description="military + civilians + unspecified.")
    bodies: Figure = Field(description="Bodies repatriated: never added to people.")
    spans_periods: bool = Field(
        description="An exchange counted here has dates that run into another period; it is "
        "counted in the period its dates begin."
    )
    cumulative: Cumulative = Field(description="This side's totals up to and including here.")


class ExchangeStats(Out):
    period: Period
    items: list[PeriodStats]
