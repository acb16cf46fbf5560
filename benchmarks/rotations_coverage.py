"""How long the coverage heat map takes for a large firm, beside a naive recomputation.

    python benchmarks/rotations_coverage.py [--runs 15] [--seed 1]

A synthetic firm of 250 people and 150 needed skills, planned over 52 weeks:
about 20 rated skills a person, 150 rotations (a third of them with learning
goals), 250 entered absences, 8 leavers, and 12 skills that count only with a
valid card (some of which run out during the year). ``coverage()`` (bit sets:
one integer of available people per week, one of holders per skill) is timed
against a naive per-week recomputation in plain Python: for each week, who is
there (scanning leaving dates, absences and rotations), then for each skill,
who of them holds it that week. Both must give the same counts.
The goal: the coverage in under 100 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from huoltamo_desktop.domain.rotations import (
    CardFacts,
    GoalFacts,
    PersonPlanFacts,
    PlanData,
    RotationFacts,
    RotationKind,
    Span,
    coverage,
    needs_per_week,
    plan_weeks,
)

PEOPLE, SKILLS, WEEKS = 250, 150, 52
START = date(2027, 1, 4)


def synthetic_firm(seed: int) -> tuple[PlanData, list[Span]]:
    rng = random.Random(seed)
    weeks = plan_weeks(START, WEEKS)
    end = weeks[-1].end
    people = {}
    for pid in range(1, PEOPLE + 1):
        leaving = START + timedelta(days=rng.randrange(30, 330)) if pid % 31 == 0 else None
        people[pid] = PersonPlanFacts(
            pid, f"Henkilö {pid:03d}", team_id=pid % 8, leaving_on=leaving
        )
    levels = {}
    for pid in people:
        for sid in rng.sample(range(1, SKILLS + 1), 20):
            levels[(pid, sid)] = rng.choice([1, 2, 2, 3, 3, 4])
    needed = {sid: 3 for sid in range(1, SKILLS + 1)}
    rotations = []
    for rid in range(1, 151):
        pid = rng.randrange(1, PEOPLE + 1)
        start = START + timedelta(days=rng.randrange(0, 330))
        goals = (GoalFacts(rng.randrange(1, SKILLS + 1), 3),) if rid % 3 == 0 else ()
        kind = RotationKind.SWAP if rid % 7 == 0 else RotationKind.ROTATION
        partner = rng.randrange(1, PEOPLE + 1) if kind == RotationKind.SWAP else None
        rotations.append(
            RotationFacts(
                rid,
                kind,
                pid,
                start,
                min(end, start + timedelta(days=rng.randrange(14, 90))),
                rng.choice([30, 50, 100]),
                partner_id=partner if partner != pid else None,
                goals=goals,
            )
        )
    absences: dict[int, list[Span]] = {}
    for _ in range(250):
        pid = rng.randrange(1, PEOPLE + 1)
        start = START + timedelta(days=rng.randrange(0, 350))
        absences.setdefault(pid, []).append(
            Span(start, start + timedelta(days=rng.randrange(1, 25)))
        )
    card_for_skill = {sid: frozenset({1000 + sid}) for sid in range(1, 13)}
    cards = []
    for (pid, sid), _level in levels.items():
        if sid in card_for_skill and rng.random() < 0.9:
            expires = START + timedelta(days=rng.randrange(-30, 700))
            cards.append(CardFacts(pid, 1000 + sid, date(2020, 1, 1), expires))
    data = PlanData(
        people=people,
        skill_names={sid: f"Osaaminen {sid}" for sid in needed},
        levels=levels,
        needed=needed,
        rotations=rotations,
        absences=absences,
        cards=cards,
        card_for_skill=card_for_skill,
        profile_need={sid: 2 for sid in range(1, 20)},
        future_need=[(sid, 3, START + timedelta(weeks=20)) for sid in range(20, 30)],
        minimum=1,
    )
    return data, weeks


def naive_coverage(data: PlanData, weeks: list[Span]) -> tuple[tuple[int, ...], ...]:
    """The same answer recomputed week by week in plain Python: for each week, who is
    there (scanning leaving dates, absences and rotations), then for each skill, who of
    them holds it that week (levels, goals reached, a valid card)."""
    skill_ids = sorted(data.needed)
    cards_by_person: dict[int, list[CardFacts]] = {}
    for c in data.cards:
        cards_by_person.setdefault(c.person_id, []).append(c)
    columns = []
    for week in weeks:
        present = []
        for pid, person in data.people.items():
            if person.leaving_on is not None and person.leaving_on <= week.end:
                continue
            if any(a.overlaps(week) for a in data.absences.get(pid, ())):
                continue
            if any(
                r.live and r.takes_away and pid in r.rotating() and r.span.overlaps(week)
                for r in data.rotations
            ):
                continue
            present.append(pid)
        reached = {
            (r.person_id, g.skill_id): g.target_level
            for r in data.rotations
            if r.live and r.end < week.start
            for g in r.goals
        }
        column = []
        for sid in skill_ids:
            required = data.card_for_skill.get(sid)
            count = 0
            for pid in present:
                level = max(data.levels.get((pid, sid), 0), reached.get((pid, sid), 0))
                if level < data.holder_level(sid):
                    continue
                if required and not any(
                    c.card_type_id in required and c.valid_on(week.end)
                    for c in cards_by_person.get(pid, ())
                ):
                    continue
                count += 1
            column.append(count)
        columns.append(column)
    return tuple(tuple(columns[w][r] for w in range(len(weeks))) for r in range(len(skill_ids)))


def timed(fn, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    data, weeks = synthetic_firm(args.seed)
    fast = coverage(data, weeks)
    slow = naive_coverage(data, weeks)
    assert fast.counts == slow, "the bit-set coverage and the naive one disagree"
    assert fast.needs == tuple(tuple(needs_per_week(data, weeks, s)) for s in sorted(data.needed))
    short = len(fast.short_cells())
    print(
        f"{PEOPLE} people × {SKILLS} skills × {WEEKS} weeks, {len(data.rotations)} rotations, "
        f"{sum(len(a) for a in data.absences.values())} absences, {len(data.cards)} cards; "
        f"{short} cells under their need (both methods agree)"
    )
    fast_times = timed(lambda: coverage(data, weeks), args.runs)
    slow_times = timed(lambda: naive_coverage(data, weeks), max(3, args.runs // 3))
    fast_ms, slow_ms = statistics.median(fast_times), statistics.median(slow_times)
    print(f"naive per-week recomputation   median {slow_ms:8.1f} ms")
    print(f"coverage() with bit sets       median {fast_ms:8.1f} ms   (goal: < 100 ms)")
    print(f"ratio: {slow_ms / fast_ms:.0f}× faster")


if __name__ == "__main__":
    main()
