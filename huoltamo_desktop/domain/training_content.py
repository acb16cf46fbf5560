"""The bundled starter training catalogue: providers, funding rules and offerings.

``resources/training/catalogue.json`` is written in the catalogue exchange
format that a firm also imports and exports (``services/training_exchange.py``
maps it onto the tables). The model below holds the bundled copy to a stricter
standard than a firm's own file: every text in fi, sv and en, every entry
reviewed, and every provider, funding rule, card and skill it names present in
the bundled content.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import StringConstraints, model_validator

from huoltamo_desktop.domain.content import (
    Bundled,
    ContentModel,
    IsoDate,
    Key,
    OptionalTexts,
    Texts,
    UniqueKeyed,
    unique_keys,
)
from huoltamo_desktop.domain.skills_content import starter_cards, starter_skills_by_key
from huoltamo_desktop.domain.training import (
    CATALOGUE_FORMAT,
    CATALOGUE_FORMAT_VERSION,
    OfferingFormat,
    OfferingKind,
    StageFit,
    Verified,
)

Language = Literal["fi", "sv", "en"]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=500)]
# Where a fact comes from: a web address, or a named publication.
Source = Annotated[str, StringConstraints(min_length=1, max_length=500)]


class CatalogueProvider(ContentModel):
    key: Key
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    kind: Literal["public", "company", "education", "association"]
    languages: tuple[Language, ...]
    url: Url
    # What lets a buyer trust the provider; left empty where the sources say nothing.
    trust: OptionalTexts
    trust_source: str = ""
    region: str = ""
    contact: str = ""
    reviewed_on: IsoDate
    retired: bool = False

    @model_validator(mode="after")
    def _trust_has_a_source(self) -> CatalogueProvider:
        if self.trust["fi"] and not self.trust_source.strip():
            raise ValueError("trust_source: say where the trust note comes from")
        return self


class CatalogueFundingRule(ContentModel):
    key: Key
    name: Texts
    who: Texts
    share_percent: int | None = None
    amount: Texts
    valid_from: IsoDate | None = None
    valid_to: IsoDate | None = None
    note: Texts | None = None
    source: Url
    checked_on: IsoDate
    retired: bool = False

    @model_validator(mode="after")
    def _share_and_dates(self) -> CatalogueFundingRule:
        if self.share_percent is not None and not 0 <= self.share_percent <= 100:
            raise ValueError("share_percent must be from 0 to 100")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        return self


class CatalogueSkill(ContentModel):
    skill: Key
    level: int

    @model_validator(mode="after")
    def _level(self) -> CatalogueSkill:
        if not 1 <= self.level <= 4:
            raise ValueError("level must be from 1 to 4")
        return self


class CatalogueRun(ContentModel):
    key: Key
    starts_on: IsoDate
    ends_on: IsoDate | None = None
    place: str = ""
    online: bool = False
    price_eur: int | float | None = None
    seats: int | None = None
    retired: bool = False


class CatalogueOffering(ContentModel):
    key: Key
    provider: Key
    kind: OfferingKind
    title: Texts
    summary: Texts
    format: OfferingFormat = OfferingFormat.UNKNOWN
    duration: Texts
    languages: tuple[Language, ...]
    career_stage: StageFit = StageFit.ANY
    cost_eur: int | float | None = None
    cost_note: Texts
    funding: tuple[Key, ...] = ()
    card: Key | Literal[""] = ""
    skills: tuple[CatalogueSkill, ...] = ()
    esco_uri: str = ""
    opintopolku_oid: str = ""
    url: Url
    sources: tuple[Source, ...]
    verified: Verified = Verified.PARTLY
    reviewed_on: IsoDate
    retired: bool = False
    runs: UniqueKeyed[CatalogueRun] = ()

    @model_validator(mode="after")
    def _sensible(self) -> CatalogueOffering:
        if self.cost_eur is not None and self.cost_eur < 0:
            raise ValueError("cost_eur cannot be below 0")
        if not self.sources:
            raise ValueError("sources: name at least one page the facts come from")
        return self


class TrainingCatalogueFile(ContentModel):
    format: str
    format_version: int
    providers: UniqueKeyed[CatalogueProvider]
    funding_rules: UniqueKeyed[CatalogueFundingRule]
    offerings: UniqueKeyed[CatalogueOffering]

    @model_validator(mode="after")
    def _version_and_runs(self) -> TrainingCatalogueFile:
        if self.format != CATALOGUE_FORMAT:
            raise ValueError(f'format must be "{CATALOGUE_FORMAT}"')
        if self.format_version != CATALOGUE_FORMAT_VERSION:
            raise ValueError(f"format_version must be {CATALOGUE_FORMAT_VERSION}")
        unique_keys((r.key for o in self.offerings for r in o.runs), "run")
        return self


def _references_resolve(catalogue: TrainingCatalogueFile) -> list[str]:
    providers = {p.key for p in catalogue.providers}
    funding = {f.key for f in catalogue.funding_rules}
    cards = {c.key for c in starter_cards()}
    skills = starter_skills_by_key()
    problems = []
    for i, o in enumerate(catalogue.offerings):
        where = f'offerings[{i}] "{o.key}"'
        if o.provider not in providers:
            problems.append(f'{where} › provider: "{o.provider}" is not among the providers')
        problems += [
            f'{where} › funding: "{f}" is not among the funding rules'
            for f in o.funding
            if f not in funding
        ]
        if o.card and o.card not in cards:
            problems.append(f'{where} › card: "{o.card}" is not a bundled card')
        problems += [
            f'{where} › skills: "{s.skill}" is not a starter skill'
            for s in o.skills
            if s.skill not in skills
        ]
    return problems


STARTER_CATALOGUE = Bundled(
    "training/catalogue.json", TrainingCatalogueFile, check=_references_resolve
)
