"""Analyses on screen: key-person risk with transfer pairs, role match, gaps, and "what if this person leaves"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.skills import (
    EXPERT_LEVEL,
    NeedGap,
    RiskReason,
    SkillData,
    TransferBasis,
    key_person_risks,
    matches_for_person,
    need_gaps,
    normalise_title,
    profile_gaps,
    role_matches,
    transfer_pairs,
    what_if_leaves,
)
from huoltamo_desktop.i18n import N_, _, format_date, format_number, ngettext
from huoltamo_desktop.i18n.collation import sort_key
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.ops import QueryOp
from huoltamo_desktop.ui.widgets.forms import fill_combo
from huoltamo_desktop.ui.widgets.table_model import Column, RowsModel
from huoltamo_desktop.ui.widgets.table_view import fit_columns, rows_table, selected_id

RISK_COLOURS = {40: "#f8a58f", 30: "#ffd59e", 50: "#e8736b"}
Row = TypeVar("Row")


def _count(title: str, value: Callable[[Row], int]) -> Column[Row]:
    return Column(title, lambda r: str(value(r)), key=value, number=True)


@dataclass(frozen=True)
class RiskRow:
    skill_id: int
    skill: str
    holders: str
    why: str
    rank: int  # the analysis ranks the risks: its order is the "why" column's order
    colour: str | None
    needed_level: int
    demand: int


RISK_COLUMNS: tuple[Column[RiskRow], ...] = (
    Column(N_("Skill"), lambda r: r.skill),
    Column(N_("Held at level 3+ by"), lambda r: r.holders),
    Column(
        N_("Why it is a risk"), lambda r: r.why, key=lambda r: r.rank, background=lambda r: r.colour
    ),
    _count(N_("Level needed"), lambda r: r.needed_level),
    Column(
        N_("Needed by"),
        lambda r: ngettext("{n} person", "{n} people", r.demand).format(n=r.demand),
        key=lambda r: r.demand,
        number=True,
    ),
)


@dataclass(frozen=True)
class PairRow:
    skill: str
    holder: str
    learner: str
    level: int
    why: str


PAIR_COLUMNS: tuple[Column[PairRow], ...] = (
    Column(N_("Skill"), lambda r: r.skill),
    Column(N_("From"), lambda r: r.holder),
    Column(N_("To"), lambda r: r.learner),
    Column(N_("Learner's level now"), lambda r: svc.level_text(r.level), key=lambda r: r.level),
    Column(N_("Why this learner"), lambda r: r.why),
)


@dataclass(frozen=True)
class MatchRow:
    """A person against their role (``name``, ``title``), or against another role (``title``)."""

    person_id: int
    name: str
    title: str
    percent: int
    met: int
    lines: int
    gaps: str


def _percent(r: MatchRow) -> str:
    return f"{format_number(r.percent)} %"


def _met(r: MatchRow) -> str:
    return f"{r.met}/{r.lines}"


MATCH_COLUMNS: tuple[Column[MatchRow], ...] = (
    Column(N_("Person"), lambda r: r.name),
    Column(N_("Job title"), lambda r: r.title),
    Column(N_("Match"), _percent, key=lambda r: r.percent, number=True),
    Column(N_("Skills at the level"), _met, key=lambda r: (r.met, r.lines), number=True),
    Column(N_("Largest gaps"), lambda r: r.gaps),
)
OTHER_COLUMNS: tuple[Column[MatchRow], ...] = (
    Column(N_("Role"), lambda r: r.title),
    Column(N_("Match"), _percent, key=lambda r: r.percent, number=True),
    Column(N_("Skills at the level"), _met, key=lambda r: (r.met, r.lines), number=True),
    Column(N_("Missing"), lambda r: r.gaps),
)


@dataclass(frozen=True)
class ProfileGapRow:
    role: str
    skill: str
    required: int
    people: int
    short_now: int
    short_then: int


PROFILE_GAP_COLUMNS: tuple[Column[ProfileGapRow], ...] = (
    Column(N_("Role"), lambda r: r.role),
    Column(N_("Skill"), lambda r: r.skill),
    _count(N_("Level needed"), lambda r: r.required),
    _count(N_("People in the role"), lambda r: r.people),
    _count(N_("Below it now"), lambda r: r.short_now),
    _count(N_("Below it then"), lambda r: r.short_then),
)


@dataclass(frozen=True)
class NeedGapRow:
    gap: NeedGap
    skill: str


NEED_GAP_COLUMNS: tuple[Column[NeedGapRow], ...] = (
    Column(N_("Skill"), lambda r: r.skill),
    _count(N_("Level"), lambda r: r.gap.level),
    _count(N_("People needed"), lambda r: r.gap.people_needed),
    Column(
        N_("By"),
        lambda r: format_date(r.gap.by_date) if r.gap.by_date else "",
        key=lambda r: r.gap.by_date or date.max,
    ),
    _count(N_("Missing now"), lambda r: r.gap.gap_now),
    _count(N_("Missing on the date"), lambda r: r.gap.gap_by_date),
)


@dataclass(frozen=True)
class WhatIfRow:
    skill: str
    level: int
    others: int
    best: int
    effect: str
    colour: str | None


WHAT_IF_COLUMNS: tuple[Column[WhatIfRow], ...] = (
    Column(N_("Skill"), lambda r: r.skill),
    Column(N_("Their level"), lambda r: svc.level_text(r.level), key=lambda r: r.level),
    _count(N_("Others at level 3+"), lambda r: r.others),
    _count(N_("Best level among the others"), lambda r: r.best),
    Column(N_("Effect"), lambda r: r.effect, background=lambda r: r.colour),
)


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet("font-weight: bold;")
    label.setWordWrap(True)
    return label


class AnalysesPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: SkillData | None = None
        self.today = date.today()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("analysis_tabs")
        layout.addWidget(self.tabs)

        # Key-person risk
        risk_page = QWidget(self)
        risk_layout = QVBoxLayout(risk_page)
        risk_layout.addWidget(
            _heading(
                _(
                    "Skills the firm needs (in the role profiles of its people or in future needs) that fewer "
                    "than two people hold at level 3 or above. A holder late in their career or with a leaving "
                    "date raises the risk."
                ),
                risk_page,
            )
        )
        splitter = QSplitter(Qt.Orientation.Vertical, risk_page)
        self.risk_model: RowsModel[RiskRow] = RowsModel(RISK_COLUMNS, row_id=lambda r: r.skill_id)
        self.risk_view = rows_table(splitter, "risk_table", self.risk_model, sort_column=None)
        pairs_box = QWidget(splitter)
        pairs_layout = QVBoxLayout(pairs_box)
        pairs_layout.setContentsMargins(0, 0, 0, 0)
        pairs_layout.addWidget(
            _heading(_("Suggested knowledge transfer (holder → learner)"), pairs_box)
        )
        self.pairs_model: RowsModel[PairRow] = RowsModel(PAIR_COLUMNS)
        self.pairs_view = rows_table(pairs_box, "pairs_table", self.pairs_model, sort_column=None)
        pairs_layout.addWidget(self.pairs_view)
        splitter.addWidget(self.risk_view)
        splitter.addWidget(pairs_box)
        risk_layout.addWidget(splitter, 1)
        self.tabs.addTab(risk_page, _("&Key-person risk"))

        # Role match
        match_page = QWidget(self)
        match_layout = QVBoxLayout(match_page)
        match_layout.addWidget(
            _heading(
                _(
                    "How well each person matches their role profile. Choose a person to see other roles."
                ),
                match_page,
            )
        )
        msplit = QSplitter(Qt.Orientation.Vertical, match_page)
        self.match_model: RowsModel[MatchRow] = RowsModel(
            MATCH_COLUMNS, row_id=lambda r: r.person_id
        )
        self.match_view = rows_table(msplit, "match_table", self.match_model, sort_column=None)
        other_box = QWidget(msplit)
        other_layout = QVBoxLayout(other_box)
        other_layout.setContentsMargins(0, 0, 0, 0)
        self.other_heading = _heading(_("Other roles"), other_box)
        other_layout.addWidget(self.other_heading)
        self.other_model: RowsModel[MatchRow] = RowsModel(OTHER_COLUMNS)
        self.other_view = rows_table(
            other_box, "other_roles_table", self.other_model, sort_column=None
        )
        other_layout.addWidget(self.other_view)
        msplit.addWidget(self.match_view)
        msplit.addWidget(other_box)
        match_layout.addWidget(msplit, 1)
        self.tabs.addTab(match_page, _("&Role match"))
        self.match_view.selectionModel().currentRowChanged.connect(lambda *_a: self._other_roles())

        # Gaps
        gap_page = QWidget(self)
        gap_layout = QVBoxLayout(gap_page)
        row = QHBoxLayout()
        horizon_label = QLabel(_("Targets reached by the end of &year:"), gap_page)
        self.horizon = QComboBox(gap_page)
        self.horizon.setObjectName("gap_horizon")
        horizon_label.setBuddy(self.horizon)
        fill_combo(
            self.horizon,
            [(str(y), y) for y in range(self.today.year, self.today.year + 6)],
            self.today.year + 1,
        )
        row.addWidget(horizon_label)
        row.addWidget(self.horizon)
        row.addStretch(1)
        gap_layout.addLayout(row)
        gsplit = QSplitter(Qt.Orientation.Vertical, gap_page)
        profile_box = QWidget(gsplit)
        pl = QVBoxLayout(profile_box)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(_heading(_("Gaps against the role profiles"), profile_box))
        self.profile_gap_model: RowsModel[ProfileGapRow] = RowsModel(PROFILE_GAP_COLUMNS)
        self.profile_gap_view = rows_table(
            profile_box, "profile_gaps_table", self.profile_gap_model, sort_column=None
        )
        pl.addWidget(self.profile_gap_view)
        need_box = QWidget(gsplit)
        nl = QVBoxLayout(need_box)
        nl.setContentsMargins(0, 0, 0, 0)
        nl.addWidget(_heading(_("Gaps against the future needs"), need_box))
        self.need_gap_model: RowsModel[NeedGapRow] = RowsModel(NEED_GAP_COLUMNS)
        self.need_gap_view = rows_table(
            need_box, "need_gaps_table", self.need_gap_model, sort_column=None
        )
        nl.addWidget(self.need_gap_view)
        gsplit.addWidget(profile_box)
        gsplit.addWidget(need_box)
        gap_layout.addWidget(gsplit, 1)
        self.tabs.addTab(gap_page, _("&Gaps"))
        self.horizon.currentIndexChanged.connect(lambda _i: self._gaps())

        # What if
        whatif_page = QWidget(self)
        wl = QVBoxLayout(whatif_page)
        wrow = QHBoxLayout()
        person_label = QLabel(_("What if this &person left:"), whatif_page)
        self.whatif_person = QComboBox(whatif_page)
        self.whatif_person.setObjectName("whatif_person")
        person_label.setBuddy(self.whatif_person)
        wrow.addWidget(person_label)
        wrow.addWidget(self.whatif_person, 1)
        wl.addLayout(wrow)
        self.whatif_summary = QLabel(whatif_page)
        self.whatif_summary.setObjectName("whatif_summary")
        self.whatif_summary.setWordWrap(True)
        wl.addWidget(self.whatif_summary)
        self.whatif_model: RowsModel[WhatIfRow] = RowsModel(WHAT_IF_COLUMNS)
        self.whatif_view = rows_table(
            whatif_page, "whatif_table", self.whatif_model, sort_column=None
        )
        wl.addWidget(self.whatif_view, 1)
        self.tabs.addTab(whatif_page, _("&What if someone leaves"))
        self.whatif_person.currentIndexChanged.connect(lambda _i: self._what_if())

    # --- loading ---------------------------------------------------------------------

    def reload(self) -> None:
        """Read the firm's picture off the UI thread (every rating and target), then analyse it."""
        today, scope = date.today(), self.ctx.scope

        def read(session: Session) -> tuple[SkillData, dict[str, str]]:
            titles = {normalise_title(p.title): p.title for p in svc.list_profiles(session)}
            return svc.skill_data(session, today=today, scope=scope), titles

        QueryOp(
            parent=self, ctx=self.ctx, op=read, success=lambda r: self._show(today, *r)
        ).with_busy(_("Analysing the skills…")).run_in_background()

    def _show(self, today: date, data: SkillData, titles: dict[str, str]) -> None:
        self.today, self.data, self.profile_titles = today, data, titles
        self._risks()
        self._matches()
        self._gaps()
        people = sorted(
            (p for p in self.data.people.values() if p.active), key=lambda p: sort_key(p.name)
        )
        fill_combo(
            self.whatif_person, [(p.name, p.id) for p in people], self.whatif_person.currentData()
        )
        self._what_if()

    def _name(self, person_id: int) -> str:
        assert self.data is not None
        person = self.data.people.get(person_id)
        return person.name if person else ""

    def _risks(self) -> None:
        assert self.data is not None
        data = self.data
        risks = key_person_risks(data, today=self.today)
        rows: list[RiskRow] = []
        for rank, r in enumerate(risks):
            why = []
            for reason in r.reasons:
                if reason == RiskReason.NOBODY:
                    why.append(_("nobody is at level 3 or above"))
                elif reason == RiskReason.SOLE_HOLDER:
                    why.append(_("only one person"))
                elif reason == RiskReason.LATE_CAREER:
                    why.append(_("late in their career"))
                elif reason == RiskReason.LEAVING:
                    when = data.people[r.leaving_holders[0]].leaving_on
                    why.append(_("leaving on {date}").format(date=format_date(when)))
            rows.append(
                RiskRow(
                    skill_id=r.skill_id,
                    skill=data.skill_names.get(r.skill_id, ""),
                    holders=", ".join(self._name(p) for p in r.holders) or "—",
                    why=", ".join(why),
                    rank=rank,
                    colour=RISK_COLOURS.get(r.score),
                    needed_level=r.needed_level,
                    demand=r.demand,
                )
            )
        self.risk_model.set_rows(rows)
        basis_text: dict[str, str] = {
            TransferBasis.TARGET: _("has a target for it"),
            TransferBasis.WISH: _("wishes to learn it"),
            TransferBasis.ROLE: _("their role needs it"),
        }
        pairs = transfer_pairs(data, risks)
        self.pairs_model.set_rows(
            [
                PairRow(
                    skill=data.skill_names.get(p.skill_id, ""),
                    holder=self._name(p.holder_id),
                    learner=self._name(p.learner_id),
                    level=p.learner_level,
                    why=basis_text[p.basis],
                )
                for p in pairs
            ]
        )
        for view in (self.risk_view, self.pairs_view):
            view.resizeColumnsToContents()

    def _matches(self) -> None:
        assert self.data is not None
        data = self.data
        matches = role_matches(data)
        self.match_model.set_rows(
            [
                MatchRow(
                    person_id=m.person_id,
                    name=self._name(m.person_id),
                    title=data.people[m.person_id].job_title,
                    percent=m.percent,
                    met=m.met,
                    lines=m.lines,
                    gaps=", ".join(
                        f"{data.skill_names.get(g.skill_id, '')} {g.level}→{g.required}"
                        for g in m.gaps[:3]
                    ),
                )
                for m in matches
            ]
        )
        self.match_view.resizeColumnsToContents()
        self.other_model.set_rows([])

    def _other_roles(self) -> None:
        person_id = selected_id(self.match_view)
        if self.data is None or not isinstance(person_id, int):
            return
        matches = matches_for_person(self.data, person_id, profile_titles=self.profile_titles)
        self.other_heading.setText(
            _("{name} against every role").format(name=self._name(person_id))
        )
        names = self.data.skill_names
        self.other_model.set_rows(
            [
                MatchRow(
                    person_id=person_id,
                    name=m.profile_title,
                    title=m.profile_title,
                    percent=m.percent,
                    met=m.met,
                    lines=m.lines,
                    gaps=", ".join(names.get(g.skill_id, "") for g in m.gaps[:4]),
                )
                for m in matches
            ]
        )
        self.other_view.resizeColumnsToContents()

    def _gaps(self) -> None:
        if self.data is None:
            return
        year = self.horizon.currentData() or self.today.year + 1
        gaps = profile_gaps(self.data, horizon=date(int(year), 12, 31))
        self.profile_gap_model.set_rows(
            [
                ProfileGapRow(
                    role=self.profile_titles.get(g.profile_title, g.profile_title),
                    skill=self.data.skill_names.get(g.skill_id, ""),
                    required=g.required,
                    people=g.people,
                    short_now=g.short_now,
                    short_then=g.short_at_target,
                )
                for g in gaps
            ]
        )
        needs = need_gaps(self.data, today=self.today)
        self.need_gap_model.set_rows(
            [NeedGapRow(g, self.data.skill_names.get(g.skill_id, "")) for g in needs]
        )
        for view in (self.profile_gap_view, self.need_gap_view):
            view.resizeColumnsToContents()

    def _what_if(self) -> None:
        person_id = self.whatif_person.currentData()
        if self.data is None or not isinstance(person_id, int):
            self.whatif_model.set_rows([])
            self.whatif_summary.setText(
                _("Add people and rate their skills to see what the firm would lose.")
            )
            return
        impact = what_if_leaves(self.data, person_id)
        lost = [i for i in impact if i.needed and i.lost and i.level >= EXPERT_LEVEL]
        name = self._name(person_id)
        if not impact:
            self.whatif_summary.setText(
                _("{name} has no skills rated at level 2 or above.").format(name=name)
            )
        elif lost:
            self.whatif_summary.setText(
                ngettext(
                    "If {name} left, {n} skill the firm needs would have nobody at level 3 or above: {skills}.",
                    "If {name} left, {n} skills the firm needs would have nobody at level 3 or above: {skills}.",
                    len(lost),
                ).format(
                    name=name,
                    n=len(lost),
                    skills=", ".join(self.data.skill_names.get(i.skill_id, "") for i in lost),
                )
            )
        else:
            self.whatif_summary.setText(
                _(
                    "If {name} left, every skill the firm needs would still have someone at level 3 or above."
                ).format(name=name)
            )
        rows: list[WhatIfRow] = []
        for i in impact:
            colour: str | None = None
            if i.needed and i.lost and i.level >= EXPERT_LEVEL:
                effect = _("Lost: needed, nobody else at level 3+")
                colour = "#f8a58f"
            elif i.lost and i.level >= EXPERT_LEVEL:
                effect = _("Lost, though no role or need asks for it")
            elif i.others_at_expert == 1 and i.needed:
                effect = _("One expert left")
                colour = "#ffd59e"
            else:
                effect = _("Others can cover")
            rows.append(
                WhatIfRow(
                    skill=self.data.skill_names.get(i.skill_id, ""),
                    level=i.level,
                    others=i.others_at_expert,
                    best=i.best_other_level,
                    effect=effect,
                    colour=colour,
                )
            )
        self.whatif_model.set_rows(rows)
        fit_columns(self.whatif_view, stretch=self.whatif_model.columnCount() - 1)
