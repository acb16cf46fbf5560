"""Training services on SQLite and PostgreSQL: the starter catalogue, search, import and export,
funding by date, matching to gaps, the plan, feedback and what a passed training gives back."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from huoltamo_desktop.domain.conversations import (
    ActionKind,
    ActionStatus,
    Conversation,
    ConversationAction,
)
from huoltamo_desktop.domain.errors import UserError, ValidationError
from huoltamo_desktop.domain.skills import PersonCard, RatingKind, SkillRating
from huoltamo_desktop.domain.training import (
    FundingRule,
    PaidBy,
    PlanStatus,
    TrainingOffering,
    TrainingOutcome,
)
from huoltamo_desktop.i18n import setup_i18n
from huoltamo_desktop.services import skills as skills_service
from huoltamo_desktop.services import training as svc
from huoltamo_desktop.services import training_exchange as exchange
from huoltamo_desktop.services import training_match as match
from huoltamo_desktop.services import training_plan as plan
from huoltamo_desktop.services.people import PersonInput, create_person, create_team
from huoltamo_desktop.storage.database import make_engine
from tests.training_runs import HOT_WORK_RUNS, add_runs

TODAY = date(2026, 12, 1)


@pytest.fixture
def catalogue(session: Session) -> Session:
    assert exchange.ensure_starter_catalogue(session)
    return session


def _person(
    session: Session, first: str, title: str = "Hitsaaja", team_id: int | None = None
) -> int:
    return (
        create_person(
            session, data=PersonInput(first, "Testinen", job_title=title, team_id=team_id)
        ).id
        or 0
    )


def _titles(rows: list[svc.OfferingRow]) -> set[str]:
    return {r.key for r in rows}


def test_the_starter_catalogue_loads_once_with_sources_and_review_dates(catalogue: Session) -> None:
    assert not exchange.ensure_starter_catalogue(catalogue)
    offerings = catalogue.exec(select(TrainingOffering)).all()
    assert len(offerings) >= 45
    assert all(o.reviewed_on is not None and o.sources for o in offerings)
    assert all(o.title_fi and o.title_sv and o.title_en for o in offerings)


def test_search_finds_a_word_inside_a_compound_without_folding_umlauts(catalogue: Session) -> None:
    found = _titles(svc.search_offerings(catalogue, query="kortti", today=TODAY))
    assert "ttk_occupational_safety_card" in found
    assert "spek_hot_work_card" in found
    assert "ttk_occupational_safety_card" in _titles(
        svc.search_offerings(catalogue, query="TYÖTURVALLISUUS", today=TODAY)
    )
    assert svc.search_offerings(catalogue, query="tyoturvallisuus", today=TODAY) == []
    # Every word must be there; a short word is matched too.
    both = _titles(svc.search_offerings(catalogue, query="ensiapu ea", today=TODAY))
    assert "spr_first_aid_ea1" in both
    assert "sataedu_first_aid_16h" not in both


def test_filters_narrow_by_kind_format_language_cost_funding_skill_and_runs(
    catalogue: Session,
) -> None:
    add_runs(catalogue, "alertum_hot_work_card", HOT_WORK_RUNS)

    def keys(**kw: object) -> set[str]:
        return _titles(
            svc.search_offerings(
                catalogue,
                filters=svc.OfferingFilter(**kw),  # type: ignore[arg-type]
                today=TODAY,
            )
        )

    assert all(
        r.kind == "mooc"
        for r in svc.search_offerings(catalogue, filters=svc.OfferingFilter(kind="mooc"))
    )
    assert "cyber_security_base" in keys(language="en", max_cost_cents=0)
    assert "alertum_hot_work_card" not in keys(max_cost_cents=10000)
    assert "alertum_hot_work_card" in keys(max_cost_cents=20000)
    assert "spr_first_aid_ea1" in keys(funded=True)
    # The apprenticeship names only the ended koulutuskorvaus: not "funded" any more.
    assert "apprenticeship" not in keys(funded=True)
    assert keys(skill_key="logistics.forklift") == {"forklift_card"}
    assert keys(runs_from=date(2027, 2, 1), runs_to=date(2027, 2, 28)) == {"alertum_hot_work_card"}
    assert "ttl_kokemus_kayttoon" in keys(career_stage="late")
    assert "hygiene_passport_test" not in keys(career_stage="late")


def test_funding_rules_by_date_say_plainly_when_they_ended(catalogue: Session) -> None:
    rules = {r.key: r for r in svc.list_funding_rules(catalogue, today=TODAY)}
    ended = rules["koulutuskorvaus"]
    assert ended.state == "ended"
    assert ended.state_text() == "Ended on 31/12/2025: no longer available"
    setup_i18n("fi")
    try:
        assert "31.12.2025" in ended.state_text() and "31/12" not in ended.state_text()
    finally:
        setup_i18n("en")
    assert list(rules)[-1] == "koulutuskorvaus", "ended rules come last"
    apprenticeship = catalogue.exec(
        select(TrainingOffering).where(TrainingOffering.key == "apprenticeship")
    ).one()
    assert svc.funding_in_force(catalogue, offering_id=apprenticeship.id or 0, day=TODAY) == []
    before = svc.funding_in_force(
        catalogue, offering_id=apprenticeship.id or 0, day=date(2025, 6, 1)
    )
    assert [r.key for r in before] == ["koulutuskorvaus"]


def test_planning_refuses_an_ended_funding_rule(catalogue: Session) -> None:
    pid = _person(catalogue, "Aino")
    offering = catalogue.exec(
        select(TrainingOffering).where(TrainingOffering.key == "apprenticeship")
    ).one()
    rule = catalogue.exec(select(FundingRule).where(FundingRule.key == "koulutuskorvaus")).one()
    with pytest.raises(ValidationError, match="ended"):
        plan.plan_training(
            catalogue,
            person_ids=[pid],
            offering_id=offering.id or 0,
            planned_on=date(2026, 3, 1),
            funding_rule_id=rule.id,
        )
    items = plan.plan_training(
        catalogue,
        person_ids=[pid],
        offering_id=offering.id or 0,
        planned_on=date(2025, 9, 1),
        funding_rule_id=rule.id,
    )
    assert items[0].funding_rule_id == rule.id


@pytest.fixture
def other_session(migrated_sqlite_template: Path, tmp_path: Path) -> Iterator[Session]:
    """A second, empty database (the firm's laptop the file is carried to)."""
    path = tmp_path / "other.sqlite3"
    shutil.copy(migrated_sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine, expire_on_commit=False) as s:
        yield s
    engine.dispose()


def test_export_and_import_round_trip(catalogue: Session, other_session: Session) -> None:
    sqlite_session = other_session
    data = exchange.export_catalogue_bytes(catalogue, csv_file=False)
    parsed = exchange.read_catalogue(data, csv_file=False)
    assert parsed.errors == []
    preview = exchange.preview_import(sqlite_session, catalogue=parsed)
    assert preview.can_apply and preview.count("add") == len(preview.lines)
    exchange.apply_import(sqlite_session, catalogue=parsed)
    assert exchange.export_catalogue_bytes(sqlite_session, csv_file=False) == data
    # The same file again changes nothing.
    again = exchange.preview_import(
        sqlite_session, catalogue=exchange.read_catalogue(data, csv_file=False)
    )
    assert {line.change for line in again.lines} == {"same"}
    assert not again.can_apply


def test_csv_round_trip_updates_by_key_and_retires(catalogue: Session) -> None:
    data = exchange.export_catalogue_bytes(catalogue, csv_file=True)
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("key;provider_key;")
    changed = text.replace("Tulityökorttikurssi;", "Tulityökorttikurssi (päivitetty);", 1)
    lines = changed.splitlines()
    hygiene = next(i for i, line in enumerate(lines) if line.startswith("hygiene_passport_test;"))
    lines[hygiene] = (
        lines[hygiene][: -len(";")] + ";yes" if lines[hygiene].endswith(";") else lines[hygiene]
    )
    parsed = exchange.read_catalogue("\n".join(lines).encode("utf-8"), csv_file=True)
    assert parsed.errors == []
    preview = exchange.preview_import(catalogue, catalogue=parsed)
    changes = {line.key: line.change for line in preview.lines}
    assert changes["alertum_hot_work_card"] == "update"
    assert changes["hygiene_passport_test"] == "retire"
    assert changes["spr_first_aid_ea1"] == "same"
    exchange.apply_import(catalogue, catalogue=parsed)
    assert "hygiene_passport_test" not in _titles(svc.search_offerings(catalogue, query="hygieni"))
    assert "alertum_hot_work_card" in _titles(svc.search_offerings(catalogue, query="päivitetty"))


MINIMAL = {
    "format": "huoltamo-training-catalogue",
    "format_version": 1,
    "providers": [{"key": "p1", "name": "Opisto", "reviewed_on": "2026-11-01"}],
    "offerings": [
        {
            "key": "o1",
            "provider": "p1",
            "kind": "course",
            "title": {"fi": "Kurssi", "sv": "Kurs", "en": "Course"},
            "reviewed_on": "2026-11-01",
            "cost_eur": 120,
            "runs": [{"key": "r1", "starts_on": "2027-01-10"}],
        }
    ],
}


def _json(doc: object) -> bytes:
    return json.dumps(doc).encode("utf-8")


def _with(**changes: object) -> dict[str, object]:
    doc: dict[str, object] = json.loads(json.dumps(MINIMAL))
    doc["offerings"][0].update(changes)  # type: ignore[index]
    return doc


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (_with(reviewed_on="31.2.2026"), "not a date"),
        (_with(cost_eur="paljon"), "not an amount"),
        (_with(kind="webinar"), "is not one of"),
        (_with(skills=[{"skill": "x", "level": 7}]), "1–4"),
        (
            _with(runs=[{"key": "r1", "starts_on": "2027-02-01", "ends_on": "2027-01-01"}]),
            "ends before",
        ),
        (_with(provider="nobody"), "No provider"),
        (_with(reviewed_on=None), "last reviewed"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_applied(
    session: Session, doc: object, expected: str
) -> None:
    parsed = exchange.read_catalogue(_json(doc), csv_file=False)
    preview = exchange.preview_import(session, catalogue=parsed)
    assert any(expected in e.message for e in preview.errors), preview.errors
    assert not preview.can_apply
    with pytest.raises(UserError):
        exchange.apply_import(session, catalogue=parsed)
    assert session.exec(select(TrainingOffering)).all() == []


def test_duplicate_keys_are_refused() -> None:
    doc = json.loads(json.dumps(MINIMAL))
    doc["offerings"].append(dict(doc["offerings"][0], runs=[]))
    parsed = exchange.read_catalogue(_json(doc), csv_file=False)
    assert any("more than once" in e.message for e in parsed.errors)


@pytest.mark.parametrize(
    ("data", "csv_file", "expected"),
    [
        (
            "Kurssi;Hinta\n".encode("cp1252") + "Tyäturvallisuus;€".encode("cp1252"),
            True,
            "not UTF-8",
        ),
        (b"key;kind\nx;course\n", True, "lacks the columns"),
        (b"{not json", False, "not valid JSON"),
        (b'{"format": "something-else"}', False, "not a Ty"),
        (_json(dict(MINIMAL, format_version=2)), False, "newer version"),
    ],
)
def test_a_malformed_file_gets_a_clear_message(data: bytes, csv_file: bool, expected: str) -> None:
    with pytest.raises(UserError, match=expected):
        exchange.read_catalogue(data, csv_file=csv_file)


def test_a_formula_in_a_csv_cell_is_refused_and_export_defuses_one(catalogue: Session) -> None:
    header = ";".join(exchange.CSV_COLUMNS)
    row = {c: "" for c in exchange.CSV_COLUMNS}
    row.update(
        key="x1",
        provider_key="ttk",
        kind="course",
        title_fi='=HYPERLINK("http://evil")',
        reviewed_on="2026-11-01",
    )
    data = (header + "\n" + ";".join(row[c] for c in exchange.CSV_COLUMNS)).encode()
    parsed = exchange.read_catalogue(data, csv_file=True)
    assert any("formula" in e.message and e.where == "row 2" for e in parsed.errors)
    offering = catalogue.exec(
        select(TrainingOffering).where(TrainingOffering.key == "forklift_card")
    ).one()
    offering.title_fi = "=1+1"
    catalogue.add(offering)
    exported = exchange.export_catalogue_bytes(catalogue, csv_file=True).decode("utf-8-sig")
    assert ";'=1+1;" in exported
    back = exchange.read_catalogue(exported.encode(), csv_file=True)
    assert back.errors == []
    assert next(o for o in back.offerings if o["key"] == "forklift_card")["title_fi"] == "=1+1"


def _welders(session: Session) -> tuple[int, int, dict[str, int]]:
    skills = skills_service.pick_starter_skills(
        session,
        keys=[
            "safety_quality.occupational_safety",
            "safety_quality.risk_assessment",
            "safety_quality.fire_safety",
            "safety_quality.first_aid",
        ],
    )
    ids = {s.starter_key or "": s.id or 0 for s in skills}
    skills_service.save_profile(
        session,
        title="Hitsaaja",
        lines={ids["safety_quality.fire_safety"]: 3, ids["safety_quality.occupational_safety"]: 2},
    )
    team = create_team(session, name="Tuotanto").id or 0
    a = _person(session, "Aino", team_id=team)
    b = _person(session, "Bertta", team_id=team)
    skills_service.record_rating(
        session,
        person_id=b,
        skill_id=ids["safety_quality.fire_safety"],
        kind=RatingKind.MANAGER,
        level=3,
        on=TODAY,
    )
    return a, team, ids


def test_suggestions_rank_by_fit_and_say_why(catalogue: Session) -> None:
    aino, team, ids = _welders(catalogue)
    skills_service.record_rating(
        catalogue,
        person_id=aino,
        skill_id=ids["safety_quality.occupational_safety"],
        kind=RatingKind.MANAGER,
        level=1,
        on=TODAY,
    )
    found = match.suggestions(catalogue, kind="person", subject_id=aino, today=TODAY)
    top = [s.row.key for s in found]
    # Fire safety: gap 3 × weight 1 × level 2 of 3 = 2 points; occupational safety: 1 × 1 × 2/2 = 1.
    # Of the two hot-work courses the one without a price comes first, then the €169 one.
    assert top[:2] == ["spek_hot_work_card", "alertum_hot_work_card"]
    assert "Fire safety: from 0 to 2 (the role needs 3)" in found[0].why
    assert "The provider has a published trust signal" in found[0].why
    assert "Cost: €169.00" in found[1].why
    assert {"ttk_occupational_safety_card", "takk_occupational_safety_card"} <= set(top[2:])
    # Offerings that close no gap (e.g. languages) are not suggested.
    assert "arbis_swedish" not in {s.row.key for s in found}
    team_found = match.suggestions(catalogue, kind="team", subject_id=team, today=TODAY)
    assert team_found


def test_an_expiring_card_links_to_offerings_that_renew_it(catalogue: Session) -> None:
    aino, _team, _ids = _welders(catalogue)
    cards = skills_service.pick_starter_cards(catalogue, keys=["hot_work_card"])
    skills_service.add_person_card(
        catalogue, person_id=aino, card_type_id=cards[0].id or 0, obtained_on=date(2022, 1, 10)
    )
    found = match.suggestions(catalogue, kind="person", subject_id=aino, today=TODAY)
    first = found[0]
    assert first.row.card_key == "hot_work_card"
    assert any("runs out" in w for w in first.why)
    renewing = {r.key for r in match.offerings_renewing(catalogue, card_type_id=cards[0].id or 0)}
    assert renewing == {"spek_hot_work_card", "alertum_hot_work_card"}
    firm_wide = match.gaps_for(catalogue, kind="cards", subject_id=0, today=TODAY)
    assert firm_wide.renew_people == {"hot_work_card": [aino]}
    assert {
        s.row.key for s in match.suggestions(catalogue, kind="cards", subject_id=0, today=TODAY)
    } == renewing


def test_a_passed_training_proposes_ratings_and_a_renewed_card(catalogue: Session) -> None:
    aino, _team, ids = _welders(catalogue)
    skills_service.pick_starter_cards(catalogue, keys=["hot_work_card"])
    offering = catalogue.exec(
        select(TrainingOffering).where(TrainingOffering.key == "alertum_hot_work_card")
    ).one()
    item = plan.plan_training(
        catalogue,
        person_ids=[aino],
        offering_id=offering.id or 0,
        planned_on=date(2026, 10, 5),
        cost_cents=16900,
    )[0]
    with pytest.raises(ValidationError):
        plan.outcome_proposal(catalogue, item_id=item.id or 0)
    plan.set_status(catalogue, item_id=item.id or 0, status=PlanStatus.PASSED, on=date(2026, 10, 5))
    proposal = plan.outcome_proposal(catalogue, item_id=item.id or 0)
    assert [(r.skill_id, r.current, r.proposed) for r in proposal.ratings] == [
        (ids["safety_quality.fire_safety"], None, 2)
    ]
    assert proposal.card is not None and proposal.card.expires_on == date(2031, 10, 5)
    recorded, card = plan.confirm_outcome(
        catalogue, item_id=item.id or 0, skill_ids=[ids["safety_quality.fire_safety"]], card=True
    )
    assert (recorded, card) == (1, True)
    rating = catalogue.exec(select(SkillRating).where(SkillRating.person_id == aino)).one()
    assert (rating.level, rating.kind, rating.rated_on) == (
        2,
        RatingKind.MANAGER,
        date(2026, 10, 5),
    )
    held = catalogue.exec(select(PersonCard).where(PersonCard.person_id == aino)).one()
    assert held.expires_on == date(2031, 10, 5)
    assert len(catalogue.exec(select(TrainingOutcome)).all()) == 2
    with pytest.raises(ValidationError):
        plan.confirm_outcome(catalogue, item_id=item.id or 0, skill_ids=[], card=True)


def test_feedback_feeds_the_firm_trust_score_from_three_ratings(catalogue: Session) -> None:
    offering = catalogue.exec(
        select(TrainingOffering).where(TrainingOffering.key == "alertum_hot_work_card")
    ).one()
    people = [_person(catalogue, n) for n in ("Aino", "Bertta", "Cecilia")]
    items = plan.plan_training(
        catalogue, person_ids=people, offering_id=offering.id or 0, planned_on=date(2026, 6, 1)
    )
    for item, score in zip(items[:2], (5, 4), strict=True):
        plan.set_status(
            catalogue, item_id=item.id or 0, status=PlanStatus.PASSED, on=date(2026, 6, 1)
        )
        plan.rate(catalogue, item_id=item.id or 0, rating=score)
    assert plan.provider_trust(catalogue)[offering.provider_id].average is None
    plan.set_status(
        catalogue, item_id=items[2].id or 0, status=PlanStatus.PASSED, on=date(2026, 6, 1)
    )
    plan.rate(catalogue, item_id=items[2].id or 0, rating=3)
    assert plan.provider_trust(catalogue)[offering.provider_id].average == pytest.approx(4.0)
    due = plan.feedback_due(catalogue, today=date(2026, 9, 10))
    assert due.rating == [] and len(due.applied) == 3
    plan.record_applied(catalogue, item_id=items[0].id or 0, applied="yes")
    assert len(plan.feedback_due(catalogue, today=date(2026, 9, 10)).applied) == 2
    with pytest.raises(ValidationError):
        plan.rate(catalogue, item_id=items[0].id or 0, rating=6)


def test_year_budget_per_team_counts_what_the_firm_pays(catalogue: Session) -> None:
    aino, team, _ids = _welders(catalogue)
    offering = catalogue.exec(
        select(TrainingOffering).where(TrainingOffering.key == "alertum_hot_work_card")
    ).one()
    plan.set_budget(catalogue, year=2027, team_id=team, amount_cents=100000)
    plan.plan_training(
        catalogue,
        person_ids=[aino],
        offering_id=offering.id or 0,
        planned_on=date(2027, 2, 10),
        cost_cents=16900,
    )
    plan.plan_training(
        catalogue,
        person_ids=[aino],
        offering_id=offering.id or 0,
        planned_on=date(2027, 3, 10),
        cost_cents=5000,
        paid_by=PaidBy.EMPLOYEE,
    )
    line = next(b for b in plan.year_budget(catalogue, year=2027) if b.team_id == team)
    assert (line.budget_cents, line.planned_cents, line.left_cents) == (100000, 16900, 83100)
    assert [r.paid_by for r in plan.plan_rows(catalogue, year=2027, team_id=team)] == [
        "employer",
        "employee",
    ]
    assert plan.plan_rows(catalogue, year=2026, team_id=team) == []


def test_an_agreed_training_action_is_planned_and_done_with_the_training(
    catalogue: Session,
) -> None:
    aino = _person(catalogue, "Aino")
    conversation = Conversation(kind="career", person_id=aino, held_on=date(2026, 11, 1))
    catalogue.add(conversation)
    catalogue.flush()
    action = ConversationAction(
        conversation_id=conversation.id or 0, what="Tulityökortti", kind=ActionKind.TRAINING
    )
    catalogue.add(action)
    catalogue.flush()
    assert [a.id for a in plan.open_training_actions(catalogue)] == [action.id]
    offering = catalogue.exec(
        select(TrainingOffering).where(TrainingOffering.key == "spek_hot_work_card")
    ).one()
    item = plan.plan_training(
        catalogue,
        person_ids=[aino],
        offering_id=offering.id or 0,
        planned_on=date(2026, 12, 10),
        action_id=action.id,
    )[0]
    assert plan.open_training_actions(catalogue) == []
    plan.set_status(
        catalogue, item_id=item.id or 0, status=PlanStatus.PASSED, on=date(2026, 12, 10)
    )
    catalogue.refresh(action)
    assert action.status == ActionStatus.DONE


def test_the_home_page_lists_coming_trainings_and_the_feedback_they_wait_for(
    catalogue: Session,
) -> None:
    from huoltamo_desktop.services.home_providers import home_providers

    provider = next(p for p in home_providers() if p.key == "training")
    assert provider.due is not None and provider.calendar is not None
    aino = _person(catalogue, "Aino")
    offering = catalogue.exec(
        select(TrainingOffering).where(TrainingOffering.key == "spek_hot_work_card")
    ).one()
    soon, later = plan.plan_training(
        catalogue, person_ids=[aino], offering_id=offering.id or 0, planned_on=date(2026, 12, 10)
    ) + plan.plan_training(
        catalogue, person_ids=[aino], offering_id=offering.id or 0, planned_on=date(2027, 3, 1)
    )
    due = list(provider.due(catalogue, today=TODAY, until=TODAY + timedelta(days=30)))
    assert [(d.due_on, d.target.ids) for d in due] == [(date(2026, 12, 10), (soon.id,))]
    assert [e.day for e in provider.calendar(catalogue, today=TODAY)] == [
        date(2026, 12, 10),
        date(2027, 3, 1),
    ]
    plan.set_status(
        catalogue, item_id=soon.id or 0, status=PlanStatus.PASSED, on=date(2026, 12, 10)
    )
    due = list(provider.due(catalogue, today=date(2026, 12, 11), until=date(2026, 12, 31)))
    assert [d.detail for d in due] == ["Done on 10/12/2026: give it a quick rating."]
    plan.rate(catalogue, item_id=soon.id or 0, rating=4)
    assert list(provider.due(catalogue, today=date(2026, 12, 11), until=date(2026, 12, 31))) == []
    three_months = list(provider.due(catalogue, today=date(2027, 3, 1), until=date(2027, 3, 31)))
    assert [d.key for d in three_months] == [
        f"training-applied:{soon.id}",
        f"training:{later.id}:2027-03-01",
    ]
