"""The kinds of file in format v1, the model of each, and how a file's kind is told."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from outcomes.schema.journey import Journey
from outcomes.schema.kpi import KpiFile
from outcomes.schema.okr import OkrPeriod
from outcomes.schema.team import TeamsFile
from outcomes.schema.theme import Theme


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[BaseModel]
    schema_file: str
    title: str


THEME = Kind("theme", Theme, "theme.schema.json", "Theme with its hypotheses")
KPIS = Kind("kpis", KpiFile, "kpis.schema.json", "KPI definitions")
OKRS = Kind("okrs", OkrPeriod, "okrs.schema.json", "OKRs of one period")
JOURNEY = Kind("journey", Journey, "journey.schema.json", "Customer-journey map")
TEAMS = Kind("teams", TeamsFile, "teams.schema.json", "Teams")
KINDS: tuple[Kind, ...] = (THEME, KPIS, OKRS, JOURNEY, TEAMS)
