"""Analyses on screen: key-person risk with transfer pairs, role match, gaps, and "what if this person leaves"."""

from __future__ import annotations

from datetime import date

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
from huoltamo_desktop.i18n import _, format_date, ngettext
from huoltamo_desktop.i18n.collation import sort_key
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.ops import QueryOp
from huoltamo_desktop.ui.skills.rows_model import RowsModel, rows_view, selected_key
from huoltamo_desktop.ui.widgets.forms import fill_combo
from huoltamo_desktop.ui.widgets.table_view import fit_columns

RISK_COLOURS = {40: "#f8a58f", 30: "#ffd59e", 50: "#e8736b"}


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
        self.risk_model = RowsModel(
            [
                _("Skill"),
                _("Held at level 3+ by"),
                _("Why it is a risk"),
                _("Level needed"),
                _("Needed by"),
            ]
        )
        self.risk_view, _p = rows_view(splitter, "risk_table", self.risk_model)
        pairs_box = QWidget(splitter)
        pairs_layout = QVBoxLayout(pairs_box)
        pairs_layout.setContentsMargins(0, 0, 0, 0)
        pairs_layout.addWidget(
            _heading(_("Suggested knowledge transfer (holder → learner)"), pairs_box)
        )
        self.pairs_model = RowsModel(
            [_("Skill"), _("From"), _("To"), _("Learner's level now"), _("Why this learner")]
        )
        self.pairs_view, _p = rows_view(pairs_box, "pairs_table", self.pairs_model)
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
        self.match_model = RowsModel(
            [_("Person"), _("Job title"), _("Match"), _("Skills at the level"), _("Largest gaps")]
        )
        self.match_view, _p = rows_view(msplit, "match_table", self.match_model)
        other_box = QWidget(msplit)
        other_layout = QVBoxLayout(other_box)
        other_layout.setContentsMargins(0, 0, 0, 0)
        self.other_heading = _heading(_("Other roles"), other_box)
        other_layout.addWidget(self.other_heading)
        self.other_model = RowsModel(
            [_("Role"), _("Match"), _("Skills at the level"), _("Missing")]
        )
        self.other_view, _p = rows_view(other_box, "other_roles_table", self.other_model)
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
        self.profile_gap_model = RowsModel(
            [
                _("Role"),
                _("Skill"),
                _("Level needed"),
                _("People in the role"),
                _("Below it now"),
                _("Below it then"),
            ]
        )
        self.profile_gap_view, _p = rows_view(
            profile_box, "profile_gaps_table", self.profile_gap_model
        )
        pl.addWidget(self.profile_gap_view)
        need_box = QWidget(gsplit)
        nl = QVBoxLayout(need_box)
        nl.setContentsMargins(0, 0, 0, 0)
        nl.addWidget(_heading(_("Gaps against the future needs"), need_box))
        self.need_gap_model = RowsModel(
            [
                _("Skill"),
                _("Level"),
                _("People needed"),
                _("By"),
                _("Missing now"),
                _("Missing on the date"),
            ]
        )
        self.need_gap_view, _p = rows_view(need_box, "need_gaps_table", self.need_gap_model)
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
        self.whatif_model = RowsModel(
            [
                _("Skill"),
                _("Their level"),
                _("Others at level 3+"),
                _("Best level among the others"),
                _("Effect"),
            ]
        )
        self.whatif_view, _p = rows_view(whatif_page, "whatif_table", self.whatif_model)
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
        rows, bg = [], {}
        for i, r in enumerate(risks):
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
                (
                    data.skill_names.get(r.skill_id, ""),
                    ", ".join(self._name(p) for p in r.holders) or "—",
                    ", ".join(why),
                    str(r.needed_level),
                    ngettext("{n} person", "{n} people", r.demand).format(n=r.demand),
                )
            )
            colour = RISK_COLOURS.get(r.score)
            if colour:
                bg[(i, 2)] = colour
        sort = [
            (sort_key(row[0]), row[1], i, r.needed_level, r.demand)
            for i, (row, r) in enumerate(zip(rows, risks, strict=True))
        ]
        self.risk_model.set_rows(
            rows, keys=[r.skill_id for r in risks], sort_values=sort, backgrounds=bg
        )
        basis_text: dict[str, str] = {
            TransferBasis.TARGET: _("has a target for it"),
            TransferBasis.WISH: _("wishes to learn it"),
            TransferBasis.ROLE: _("their role needs it"),
        }
        pairs = transfer_pairs(data, risks)
        prow = [
            (
                data.skill_names.get(p.skill_id, ""),
                self._name(p.holder_id),
                self._name(p.learner_id),
                svc.level_text(p.learner_level),
                basis_text[p.basis],
            )
            for p in pairs
        ]
        self.pairs_model.set_rows(prow)
        for view in (self.risk_view, self.pairs_view):
            view.resizeColumnsToContents()

    def _matches(self) -> None:
        assert self.data is not None
        data = self.data
        matches = role_matches(data)
        rows = [
            (
                self._name(m.person_id),
                data.people[m.person_id].job_title,
                f"{m.percent} %",
                f"{m.met}/{m.lines}",
                ", ".join(
                    f"{data.skill_names.get(g.skill_id, '')} {g.level}→{g.required}"
                    for g in m.gaps[:3]
                ),
            )
            for m in matches
        ]
        sort = [
            (sort_key(r[0]), sort_key(r[1]), m.percent, m.met, r[4])
            for r, m in zip(rows, matches, strict=True)
        ]
        self.match_model.set_rows(rows, keys=[m.person_id for m in matches], sort_values=sort)
        self.match_view.resizeColumnsToContents()
        self.other_model.set_rows([])

    def _other_roles(self) -> None:
        person_id = selected_key(self.match_view)
        if self.data is None or not isinstance(person_id, int):
            return
        matches = matches_for_person(self.data, person_id, profile_titles=self.profile_titles)
        self.other_heading.setText(
            _("{name} against every role").format(name=self._name(person_id))
        )
        rows = [
            (
                m.profile_title,
                f"{m.percent} %",
                f"{m.met}/{m.lines}",
                ", ".join(self.data.skill_names.get(g.skill_id, "") for g in m.gaps[:4]),
            )
            for m in matches
        ]
        sort = [
            (sort_key(r[0]), m.percent, m.met, r[3]) for r, m in zip(rows, matches, strict=True)
        ]
        self.other_model.set_rows(rows, sort_values=sort)
        self.other_view.resizeColumnsToContents()

    def _gaps(self) -> None:
        if self.data is None:
            return
        year = self.horizon.currentData() or self.today.year + 1
        gaps = profile_gaps(self.data, horizon=date(int(year), 12, 31))
        rows = [
            (
                self.profile_titles.get(g.profile_title, g.profile_title),
                self.data.skill_names.get(g.skill_id, ""),
                str(g.required),
                str(g.people),
                str(g.short_now),
                str(g.short_at_target),
            )
            for g in gaps
        ]
        sort = [
            (sort_key(r[0]), sort_key(r[1]), g.required, g.people, g.short_now, g.short_at_target)
            for r, g in zip(rows, gaps, strict=True)
        ]
        self.profile_gap_model.set_rows(rows, sort_values=sort)
        needs = need_gaps(self.data, today=self.today)
        nrows = [
            (
                self.data.skill_names.get(g.skill_id, ""),
                str(g.level),
                str(g.people_needed),
                format_date(g.by_date) if g.by_date else "",
                str(g.gap_now),
                str(g.gap_by_date),
            )
            for g in needs
        ]
        self.need_gap_model.set_rows(nrows)
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
        rows, bg = [], {}
        for n, i in enumerate(impact):
            if i.needed and i.lost and i.level >= EXPERT_LEVEL:
                effect = _("Lost: needed, nobody else at level 3+")
                bg[(n, 4)] = "#f8a58f"
            elif i.lost and i.level >= EXPERT_LEVEL:
                effect = _("Lost, though no role or need asks for it")
            elif i.others_at_expert == 1 and i.needed:
                effect = _("One expert left")
                bg[(n, 4)] = "#ffd59e"
            else:
                effect = _("Others can cover")
            rows.append(
                (
                    self.data.skill_names.get(i.skill_id, ""),
                    svc.level_text(i.level),
                    str(i.others_at_expert),
                    str(i.best_other_level),
                    effect,
                )
            )
        self.whatif_model.set_rows(rows, backgrounds=bg)
        fit_columns(self.whatif_view, stretch=self.whatif_model.columnCount() - 1)
