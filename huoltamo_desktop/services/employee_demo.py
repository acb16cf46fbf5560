"""Demo data for employee mode: PINs, self-assessments over two years, reflections, plans, shares.

Every demo employee's PIN is ``DEMO_PIN``; the manager passphrase is
``DEMO_MANAGER_PASSPHRASE``. Argon2 is slow on purpose, so the hash and the
PIN-derived key are computed once and shared by the demo people (each still
has their own random data key); real PINs always get their own salt.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session

from huoltamo_desktop.domain.employee import (
    EmployeeAssessment,
    EmployeeCredential,
    EmployeePlan,
    EmployeeReflection,
    EmployeeShare,
    SecretKind,
    ShareKind,
    area_scores,
    strengths_and_development,
    suggested_exercises,
)
from huoltamo_desktop.domain.employee_content import CANT_SAY, content
from huoltamo_desktop.domain.people import CareerStage, Person
from huoltamo_desktop.security import employee_secrets as sec
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.services.demo_context import DemoContext

DEMO_PIN = "246810"
DEMO_MANAGER_PASSPHRASE = "konepaja kahvitauko"
MAX_PARTICIPANTS = 60

REFLECTIONS = {
    "fi": [
        "Huomasin, että saan eniten energiaa, kun saan ratkaista ongelman asiakkaan kanssa. Paperityöt vievät voimia, mutta ne on helpompi tehdä aamulla.",
        "Kirjoitin listan asioista, jotka osaan. Lista oli pidempi kuin odotin. Moni asia on opittu työn ohessa ilman kursseja.",
        "Juttelin kahden kollegan kanssa. Sain vinkin, että voisin opetella uuden koneen ohjelmoinnin ensi keväänä.",
        "Mietin, mitä työssäni on viiden vuoden päästä. Digitaaliset työkalut lisääntyvät varmasti, ja haluan pysyä mukana.",
        "Pyysin palautetta tiiminvetäjältä. Se jännitti, mutta sain kiitosta tarkkuudestani ja vinkin esiintymiseen.",
        "Huomasin, etten tunne kovin hyvin muiden tiimien työtä. Voisin käydä tutustumassa varastoon päivän ajan.",
    ],
    "sv": [
        "Jag märkte att jag får mest energi när jag löser ett problem tillsammans med en kund. Pappersarbetet tar kraft, men det går lättare på morgonen.",
        "Jag skrev en lista över det jag kan. Den blev längre än jag trodde. Mycket har jag lärt mig i arbetet utan kurser.",
        "Jag pratade med två kolleger. Jag fick tipset att lära mig programmera den nya maskinen nästa vår.",
        "Jag funderade på hur mitt arbete ser ut om fem år. De digitala verktygen blir fler, och jag vill hänga med.",
        "Jag bad min teamledare om respons. Det kändes spännande, men jag fick beröm för min noggrannhet.",
    ],
}

PLAN_TEXTS = {
    "fi": {
        "now": [
            "Olen tehnyt nykyistä työtäni muutaman vuoden. Perustyö sujuu hyvin, ja minulta kysytään usein neuvoa.",
            "Työ sujuu, mutta päivät alkavat toistaa itseään.",
        ],
        "keep": ["Haluan pitää hyvän työporukan ja sen, että saan tehdä työtä käsilläni."],
        "learn": [
            "Haluan oppia uuden työstökoneen ohjelmoinnin ja laatujärjestelmän perusteet.",
            "Haluaisin oppia käyttämään tuotannonohjausjärjestelmää paremmin.",
        ],
        "change": [
            "Toivoisin vähemmän kiirettä iltapäivisin ja selkeämmän tavan sopia töiden jaosta."
        ],
        "wish_role": ["Voisin toimia uusien työntekijöiden perehdyttäjänä."],
        "wish_working_time": ["Toivoisin mahdollisuutta liukuvaan työaikaan."],
        "wish_physical_load": [
            "Nostot ovat alkaneet tuntua selässä; kevyemmät tehtävät osan viikosta auttaisivat."
        ],
        "goal_1y": ["Vuoden päästä osaan ohjelmoida koneen itsenäisesti."],
        "goal_3_5y": ["Muutaman vuoden päästä voisin vastata tuotantosolun laadusta."],
        "support": [
            "Toivon, että pääsen kurssille ja että minulle järjestetään aikaa harjoitella työn lomassa."
        ],
    },
    "sv": {
        "now": [
            "Jag har haft mitt nuvarande arbete i några år. Grundarbetet går bra, och kolleger frågar ofta mig om råd."
        ],
        "keep": ["Jag vill behålla det goda arbetsgänget och att jag får arbeta med händerna."],
        "learn": [
            "Jag vill lära mig programmera den nya maskinen och grunderna i kvalitetssystemet."
        ],
        "change": ["Jag önskar mindre brådska på eftermiddagarna."],
        "wish_role": ["Jag kunde introducera nya medarbetare."],
        "goal_1y": ["Om ett år kan jag programmera maskinen självständigt."],
        "goal_3_5y": ["Om några år kunde jag ansvara för kvaliteten i produktionscellen."],
        "support": ["Jag hoppas få gå en kurs och få tid att öva under arbetstid."],
    },
}

NEXT_STEPS = {
    "fi": [
        "Kysy esihenkilöltä koulutusmahdollisuudesta",
        "Sovi päivä, jolloin tutustun varaston työhön",
        "Selvitä Jotpan rahoittamat lyhytkurssit",
    ],
    "sv": [
        "Fråga chefen om utbildning",
        "Boka en dag för att bekanta mig med lagret",
        "Ta reda på korta kurser som Jotpa finansierar",
    ],
}


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=UTC)


def _answers(
    ctx: DemoContext, profile: dict[str, float], *, only: int | None = None
) -> dict[str, int]:
    answers: dict[str, int] = {}
    statements = content().statements
    for i, statement in enumerate(statements):
        if only is not None and i >= only:
            break
        if ctx.rng.random() < 0.05:
            answers[statement.key] = CANT_SAY
            continue
        value = round(profile[statement.area] + ctx.rng.uniform(-1.0, 1.0))
        answers[statement.key] = max(1, min(5, value))
    return answers


def employee_demo(session: Session, *, ctx: DemoContext) -> None:
    """Employee-mode demo data; see the module docstring for the PIN and passphrase."""
    rng, today = ctx.rng, ctx.today
    c = content()
    access.set_manager_passphrase(session, passphrase=DEMO_MANAGER_PASSPHRASE)
    pin_hash = sec.hash_secret(DEMO_PIN)
    salt = sec.new_salt()
    kek = sec.derive_key(DEMO_PIN, salt)
    people: list[Person] = [p for p in ctx.active_people if p is not ctx.manager]
    participants = [p for p in people if rng.random() < 0.55][:MAX_PARTICIPANTS]
    for person in participants:
        assert person.id is not None
        pid = person.id
        data_key = sec.new_data_key()
        session.add(
            EmployeeCredential(
                person_id=pid,
                kind=SecretKind.PIN,
                secret_hash=pin_hash,
                kdf_salt=salt,
                wrapped_key=sec.seal(kek, data_key, f"employee/wrap/{pid}/secret"),
            )
        )
        key = access.PersonKey(pid, data_key)
        lang = person.language if person.language in REFLECTIONS else "fi"
        profile = {a.key: rng.uniform(2.2, 4.4) for a in c.areas}
        rounds = rng.choices([0, 1, 2], weights=[2, 4, 4])[0]
        days_ago = [rng.randrange(690, 740), rng.randrange(300, 380)][-rounds:] if rounds else []
        latest: dict[str, int] | None = None
        previous: dict[str, int] | None = None
        for ago in days_ago:
            answers = _answers(ctx, profile)
            done = today - timedelta(days=ago)
            session.add(
                EmployeeAssessment(
                    person_id=pid,
                    started_at=_at(done),
                    updated_at=_at(done),
                    completed_on=done,
                    answers_sealed=_seal(key, "assessment", answers),
                )
            )
            previous, latest = latest, answers
            # A year of exercises moves the weaker areas a little.
            for area in profile:
                if profile[area] < 3.2:
                    profile[area] += rng.uniform(0.1, 0.6)
        if rng.random() < 0.2:
            half = _answers(ctx, profile, only=rng.randrange(6, 20))
            session.add(
                EmployeeAssessment(
                    person_id=pid,
                    started_at=_at(today - timedelta(days=rng.randrange(1, 20))),
                    answers_sealed=_seal(key, "assessment", half),
                )
            )
        if latest is None:
            continue
        scores = area_scores(latest, c)
        for ex_key in suggested_exercises(scores, c)[: rng.randrange(1, 4)]:
            session.add(
                EmployeeReflection(
                    person_id=pid,
                    exercise_key=ex_key,
                    done=rng.random() < 0.7,
                    text_sealed=sec.seal(
                        data_key,
                        rng.choice(REFLECTIONS[lang]).encode("utf-8"),
                        f"employee/reflection/{pid}",
                    ),
                    updated_at=_at(today - timedelta(days=rng.randrange(5, 200))),
                )
            )
        texts = PLAN_TEXTS[lang]
        wanted = [k for k in texts if rng.random() < 0.75 or k == "now"]
        if person.career_stage != CareerStage.LATE_CAREER:
            wanted = [k for k in wanted if k not in ("wish_working_time", "wish_physical_load")]
        sections = {k: rng.choice(texts[k]) for k in wanted}
        steps = [
            [
                s,
                (today + timedelta(days=rng.randrange(20, 200))).isoformat()
                if rng.random() < 0.8
                else None,
            ]
            for s in rng.sample(NEXT_STEPS[lang], rng.randrange(1, 3))
        ]
        plan = {"sections": sections, "next_steps": steps}
        session.add(
            EmployeePlan(
                person_id=pid,
                sealed=_seal(key, "plan", plan),
                updated_at=_at(today - timedelta(days=rng.randrange(3, 90))),
            )
        )
        shared_on = (
            today - timedelta(days=min(days_ago) - rng.randrange(0, 5)) if days_ago else today
        )
        if rng.random() < 0.55:
            strengths, develop = strengths_and_development(scores)
            payload = {
                "assessed_on": (today - timedelta(days=min(days_ago))).isoformat(),
                "area_scores": scores,
                "strengths": strengths,
                "to_develop": develop,
                "previous_scores": area_scores(previous, c) if previous else None,
            }
            session.add(
                EmployeeShare(
                    person_id=pid,
                    kind=ShareKind.ASSESSMENT,
                    shared_at=_at(shared_on),
                    payload=json.dumps(payload, ensure_ascii=False),
                )
            )
        if rng.random() < 0.4:
            session.add(
                EmployeeShare(
                    person_id=pid,
                    kind=ShareKind.PLAN,
                    shared_at=_at(shared_on),
                    payload=json.dumps(plan, ensure_ascii=False),
                )
            )
    session.flush()


def _seal(key: access.PersonKey, kind: str, value: object) -> bytes:
    return sec.seal(
        key.key,
        json.dumps(value, ensure_ascii=False).encode("utf-8"),
        f"employee/{kind}/{key.person_id}",
    )
