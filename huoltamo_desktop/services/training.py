"""The training catalogue: finding offerings, their details, and the funding rules by date.

Search runs on the database's own text index: an FTS5 trigram table on SQLite
(any three letters inside a word match, so "kortti" finds
"työturvallisuuskortti") and a pg_trgm index under ILIKE on PostgreSQL. The
indexed text is lower-cased but never folded: "työ" does not find "tyo".
Words shorter than three letters fall back to a LIKE on the same text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Integer, and_, column, func, or_, text
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.domain.training import (
    FORMAT_LABELS,
    OFFERING_KIND_LABELS,
    STAGE_FIT_LABELS,
    FundingRule,
    FundingState,
    OfferingSkill,
    StageFit,
    TrainingOffering,
    TrainingProvider,
    TrainingRun,
    funding_state,
    split_list,
)
from huoltamo_desktop.i18n import _, current_language, format_date, format_money
from huoltamo_desktop.i18n.collation import sorter


def localised(obj: object, base: str, language: str | None = None) -> str:
    """``obj.<base>_<lang>``, falling back to Finnish, then English, then Swedish."""
    lang = language or current_language()
    for code in (lang, "fi", "en", "sv"):
        value = getattr(obj, f"{base}_{code}", "")
        if value:
            return str(value)
    return ""


def money_text(cents: int | None, language: str | None = None) -> str:
    """``169,00 €`` / ``Free`` / ``""`` (not stated)."""
    if cents is None:
        return ""
    if cents == 0:
        return _("Free")
    return format_money(cents / 100, language)


def kind_label(kind: str) -> str:
    return _(OFFERING_KIND_LABELS[kind]) if kind in OFFERING_KIND_LABELS else kind


def format_label(value: str) -> str:
    return _(FORMAT_LABELS.get(value, FORMAT_LABELS[""]))


def stage_label(value: str) -> str:
    return _(STAGE_FIT_LABELS.get(value, STAGE_FIT_LABELS[StageFit.ANY]))


# --- the search text -------------------------------------------------------------------


def search_text_for(
    offering: TrainingOffering, provider: TrainingProvider, skill_names: Iterable[str]
) -> str:
    """Everything a search should find an offering by, in every language, lower-cased."""
    parts = [
        offering.title_fi,
        offering.title_sv,
        offering.title_en,
        offering.summary_fi,
        offering.summary_sv,
        offering.summary_en,
        provider.name,
        offering.key,
        *skill_names,
    ]
    return " ".join(p for p in parts if p).lower()


def refresh_search_text(
    session: Session,
    *,
    offering: TrainingOffering,
    names: dict[str, list[str]] | None = None,
    skill_keys: Iterable[str] | None = None,
) -> None:
    """Recompute one offering's search text (after it, its skills or its provider changed).

    ``names`` (skill key → names) and ``skill_keys`` may be given when many
    offerings are refreshed at once, so they are not read again for each.
    """
    from huoltamo_desktop.services.training_skills import skill_names_by_key

    provider = session.get(TrainingProvider, offering.provider_id)
    if provider is None:
        return
    keys = (
        list(skill_keys)
        if skill_keys is not None
        else session.exec(
            select(OfferingSkill.skill_key).where(OfferingSkill.offering_id == offering.id)
        ).all()
    )
    if names is None:
        names = skill_names_by_key(session)
    words: list[str] = []
    for key in keys:
        words.extend(names.get(key, [key]))
    offering.search_text = search_text_for(offering, provider, words)
    session.add(offering)


# --- finding offerings ----------------------------------------------------------------


@dataclass(frozen=True)
class OfferingFilter:
    """What the catalogue is narrowed to; empty fields do not narrow."""

    kind: str = ""
    format: str = ""
    language: str = ""
    skill_key: str = ""
    max_cost_cents: int | None = None  # 0: free only
    funded: bool = False  # only offerings with a funding rule in force
    career_stage: str = ""  # StageFit; offerings for any stage always match
    region: str = ""
    runs_from: date | None = None  # only offerings with a run starting in this window
    runs_to: date | None = None
    include_retired: bool = False


class OfferingRow(NamedTuple):
    """One offering as a list shows it (a tuple: lists of thousands are built fast)."""

    id: int
    key: str
    title: str
    provider_id: int
    provider: str
    kind: str
    format: str
    languages: str
    cost_cents: int | None
    career_stage: str
    reviewed_on: date | None
    verified: str
    trusted: bool  # the provider has a published trust signal
    next_run: date | None
    funding: tuple[str, ...]  # keys of funding rules in force today
    card_key: str
    retired: bool


def _words(query: str) -> list[str]:
    return [w for w in query.lower().replace('"', " ").split() if w]


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def text_condition(session: Session, *, query: str) -> ColumnElement[bool] | None:
    """The WHERE part that finds ``query``'s words (all of them) in the offerings' search text."""
    words = _words(query)
    if not words:
        return None
    dialect = session.get_bind().dialect.name
    conditions: list[ColumnElement[bool]] = []
    long_words = [w for w in words if len(w) >= 3]
    if dialect == "sqlite" and long_words:
        match = " AND ".join(f'"{w}"' for w in long_words)
        ids = text(
            "SELECT rowid FROM fts_training_offering WHERE fts_training_offering MATCH :match"
        ).bindparams(match=match)
        conditions.append(col(TrainingOffering.id).in_(ids.columns(column("rowid", Integer))))
        words = [w for w in words if len(w) < 3]
    for word in words:
        conditions.append(col(TrainingOffering.search_text).like(_like(word), escape="\\"))
    return and_(*conditions)


def like_scan_condition(query: str) -> ColumnElement[bool] | None:
    """The same search as a plain LIKE over every row (the benchmark's baseline)."""
    words = _words(query)
    if not words:
        return None
    return and_(*[col(TrainingOffering.search_text).like(_like(w), escape="\\") for w in words])


def active_funding_keys(session: Session, *, day: date) -> set[str]:
    """Keys of the funding rules in force on ``day``."""
    return {
        rule.key
        for rule in session.exec(select(FundingRule).where(FundingRule.retired == False))  # noqa: E712
        if funding_state(rule.valid_from, rule.valid_to, day) == FundingState.IN_FORCE
    }


def search_offerings(
    session: Session,
    *,
    query: str = "",
    filters: OfferingFilter | None = None,
    today: date | None = None,
    limit: int | None = None,
    use_index: bool = True,
) -> list[OfferingRow]:
    """Offerings whose text contains every word of ``query``, narrowed by ``filters``.

    Sorted by title in the UI language. ``use_index=False`` runs the same search
    as a LIKE scan (kept for the benchmark that compares the two).
    """
    f = filters or OfferingFilter()
    today = today or date.today()
    o, p = TrainingOffering, TrainingProvider
    # Only the columns the list shows: summaries and the search text stay in the database.
    trusted = or_(col(p.trust_fi) != "", col(p.trust_sv) != "", col(p.trust_en) != "")
    stmt = sa_select(
        col(o.id),
        col(o.key),
        col(o.title_fi),
        col(o.title_sv),
        col(o.title_en),
        col(o.kind),
        col(o.format),
        col(o.languages),
        col(o.cost_cents),
        col(o.career_stage),
        col(o.reviewed_on),
        col(o.verified),
        col(o.funding),
        col(o.card_key),
        col(o.retired),
        col(p.id),
        col(p.name),
        trusted,
    ).join(p, col(p.id) == o.provider_id)
    condition = text_condition(session, query=query) if use_index else like_scan_condition(query)
    if condition is not None:
        stmt = stmt.where(condition)
    if not f.include_retired:
        stmt = stmt.where(col(o.retired) == False)  # noqa: E712
    if f.kind:
        stmt = stmt.where(col(o.kind) == f.kind)
    if f.format:
        stmt = stmt.where(col(o.format) == f.format)
    if f.language:
        stmt = stmt.where(col(o.languages).like(_like(f.language), escape="\\"))
    if f.career_stage:
        stmt = stmt.where(col(o.career_stage).in_([f.career_stage, StageFit.ANY]))
    if f.region:
        stmt = stmt.where(or_(col(p.region) == "", func.lower(p.region) == f.region.lower()))
    if f.max_cost_cents is not None:
        stmt = stmt.where(col(o.cost_cents) <= f.max_cost_cents)
    if f.skill_key:
        stmt = stmt.where(
            col(o.id).in_(
                select(OfferingSkill.offering_id).where(OfferingSkill.skill_key == f.skill_key)
            )
        )
    if f.runs_from is not None or f.runs_to is not None:
        runs = select(TrainingRun.offering_id)
        if f.runs_from is not None:
            runs = runs.where(TrainingRun.starts_on >= f.runs_from)
        if f.runs_to is not None:
            runs = runs.where(TrainingRun.starts_on <= f.runs_to)
        stmt = stmt.where(col(o.id).in_(runs))
    # Core rows, not ORM objects: a list of thousands is built several times faster.
    found: list[Any] = list(session.connection().execute(stmt).all())
    next_runs: dict[int, date] = {}
    if found:
        next_query = (
            select(TrainingRun.offering_id, func.min(TrainingRun.starts_on))
            .where(TrainingRun.starts_on >= today)
            .group_by(col(TrainingRun.offering_id))
        )
        if len(found) < 500:
            next_query = next_query.where(col(TrainingRun.offering_id).in_([r[0] for r in found]))
        next_runs = {oid: day for oid, day in session.connection().execute(next_query)}
    in_force = active_funding_keys(session, day=today)
    lang = current_language()
    order = {"fi": (2, 4, 3), "sv": (3, 2, 4), "en": (4, 2, 3)}.get(lang, (2, 4, 3))
    rows: list[OfferingRow] = []
    for r in found:
        offering_id: int = r[0]
        title: str = r[order[0]] or r[order[1]] or r[order[2]]
        funding = tuple(k for k in split_list(r[12]) if k in in_force) if r[12] else ()
        if f.funded and not funding:
            continue
        rows.append(
            OfferingRow(
                offering_id,
                r[1],
                title,
                r[15],
                r[16],
                r[5],
                r[6],
                r[7],
                r[8],
                r[9],
                r[10],
                r[11],
                bool(r[17]),
                next_runs.get(offering_id),
                funding,
                r[13],
                bool(r[14]),
            )
        )
    key = sorter()
    rows.sort(key=lambda row: (key(row.title), row.id))
    return rows[:limit] if limit is not None else rows


def _make_row(
    offering: TrainingOffering,
    provider: TrainingProvider,
    next_run: date | None,
    in_force: set[str],
) -> OfferingRow:
    return OfferingRow(
        offering.id or 0,
        offering.key,
        localised(offering, "title"),
        provider.id or 0,
        provider.name,
        offering.kind,
        offering.format,
        offering.languages,
        offering.cost_cents,
        offering.career_stage,
        offering.reviewed_on,
        offering.verified,
        bool(localised(provider, "trust")),
        next_run,
        tuple(k for k in split_list(offering.funding) if k in in_force),
        offering.card_key,
        offering.retired,
    )


def catalogue_is_empty(session: Session) -> bool:
    return session.exec(select(func.count()).select_from(TrainingOffering)).one() == 0


def regions(session: Session) -> list[str]:
    """The regions providers name (for the region filter)."""
    found = session.exec(
        select(TrainingProvider.region).where(TrainingProvider.region != "").distinct()
    ).all()
    return sorted(found, key=str.casefold)


# --- one offering in full -----------------------------------------------------------------


@dataclass(frozen=True)
class RunView:
    id: int
    starts_on: date
    ends_on: date | None
    place: str
    online: bool
    price_cents: int | None
    seats: int | None


@dataclass(frozen=True)
class FundingView:
    id: int
    key: str
    name: str
    who: str
    amount: str
    share_percent: int | None
    valid_from: date | None
    valid_to: date | None
    state: str
    note: str
    source: str
    checked_on: date | None

    def state_text(self) -> str:
        """What the user reads about the rule's dates, said plainly."""
        if self.state == FundingState.ENDED and self.valid_to is not None:
            return _("Ended on {date}: no longer available").format(date=format_date(self.valid_to))
        if self.state == FundingState.NOT_YET and self.valid_from is not None:
            return _("Starts on {date}").format(date=format_date(self.valid_from))
        if self.valid_to is not None:
            return _("In force until {date}").format(date=format_date(self.valid_to))
        return _("In force")


@dataclass(frozen=True)
class OfferingDetail:
    row: OfferingRow
    summary: str
    duration: str
    cost_note: str
    url: str
    sources: tuple[str, ...]
    esco_uri: str
    opintopolku_oid: str
    provider_url: str
    provider_trust: str
    provider_trust_source: str
    provider_reviewed_on: date | None
    skills: tuple[tuple[str, str, int], ...]  # (key, name in the UI language, level it leads to)
    runs: tuple[RunView, ...]
    funding: tuple[FundingView, ...]  # every rule the offering names, ended ones marked


def funding_view(rule: FundingRule, *, day: date) -> FundingView:
    return FundingView(
        rule.id or 0,
        rule.key,
        localised(rule, "name"),
        localised(rule, "who"),
        localised(rule, "amount"),
        rule.share_percent,
        rule.valid_from,
        rule.valid_to,
        funding_state(rule.valid_from, rule.valid_to, day),
        localised(rule, "note"),
        rule.source,
        rule.checked_on,
    )


def list_funding_rules(session: Session, *, today: date | None = None) -> list[FundingView]:
    """Every funding rule with its state on ``today``: in force first, ended ones last."""
    day = today or date.today()
    rules = [
        funding_view(r, day=day)
        for r in session.exec(select(FundingRule).where(FundingRule.retired == False))  # noqa: E712
    ]
    order = {FundingState.IN_FORCE: 0, FundingState.NOT_YET: 1, FundingState.ENDED: 2}
    rules.sort(key=lambda r: (order[FundingState(r.state)], r.name.casefold()))
    return rules


def funding_in_force(session: Session, *, offering_id: int, day: date) -> list[FundingView]:
    """The rules an offering names that apply on ``day``: the only ones ever suggested."""
    offering = session.get(TrainingOffering, offering_id)
    if offering is None:
        return []
    keys = split_list(offering.funding)
    if not keys:
        return []
    rules = session.exec(select(FundingRule).where(col(FundingRule.key).in_(keys))).all()
    return [
        funding_view(r, day=day)
        for r in rules
        if not r.retired and funding_state(r.valid_from, r.valid_to, day) == FundingState.IN_FORCE
    ]


def offering_detail(
    session: Session, *, offering_id: int, today: date | None = None
) -> OfferingDetail:
    from huoltamo_desktop.services.training_skills import skill_names_by_key

    day = today or date.today()
    offering = session.get(TrainingOffering, offering_id)
    if offering is None:
        raise ValidationError(_("That training is no longer in the catalogue."))
    provider = session.get(TrainingProvider, offering.provider_id)
    assert provider is not None
    next_run = session.exec(
        select(func.min(TrainingRun.starts_on)).where(
            TrainingRun.offering_id == offering_id, TrainingRun.starts_on >= day
        )
    ).one()
    row = _make_row(offering, provider, next_run, active_funding_keys(session, day=day))
    names = skill_names_by_key(session, localised_only=True)
    skills = tuple(
        (s.skill_key, (names.get(s.skill_key) or [s.skill_key])[0], s.level)
        for s in session.exec(
            select(OfferingSkill)
            .where(OfferingSkill.offering_id == offering_id)
            .order_by(col(OfferingSkill.id))
        )
    )
    runs = tuple(
        RunView(r.id or 0, r.starts_on, r.ends_on, r.place, r.online, r.price_cents, r.seats)
        for r in session.exec(
            select(TrainingRun)
            .where(TrainingRun.offering_id == offering_id, TrainingRun.starts_on >= day)
            .order_by(col(TrainingRun.starts_on))
        )
    )
    keys = split_list(offering.funding)
    rules = (
        session.exec(select(FundingRule).where(col(FundingRule.key).in_(keys))).all()
        if keys
        else []
    )
    return OfferingDetail(
        row=row,
        summary=localised(offering, "summary"),
        duration=localised(offering, "duration"),
        cost_note=localised(offering, "cost_note"),
        url=offering.url,
        sources=tuple(s for s in offering.sources.split("\n") if s.strip()),
        esco_uri=offering.esco_uri,
        opintopolku_oid=offering.opintopolku_oid,
        provider_url=provider.url,
        provider_trust=localised(provider, "trust"),
        provider_trust_source=provider.trust_source,
        provider_reviewed_on=provider.reviewed_on,
        skills=skills,
        runs=runs,
        funding=tuple(funding_view(r, day=day) for r in rules if not r.retired),
    )


@dataclass
class CatalogueCounts:
    providers: int = 0
    offerings: int = 0
    runs: int = 0
    funding_rules: int = 0
    kinds: dict[str, int] = field(default_factory=dict)


def catalogue_counts(session: Session) -> CatalogueCounts:
    counts = CatalogueCounts(
        providers=session.exec(select(func.count()).select_from(TrainingProvider)).one(),
        offerings=session.exec(
            select(func.count())
            .select_from(TrainingOffering)
            .where(TrainingOffering.retired == False)  # noqa: E712
        ).one(),
        runs=session.exec(select(func.count()).select_from(TrainingRun)).one(),
        funding_rules=session.exec(select(func.count()).select_from(FundingRule)).one(),
    )
    return counts
