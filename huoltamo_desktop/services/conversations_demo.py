"""Demo conversations: a year of career conversations and check-ins in the demo firm.

Deterministic (the context's random generator and day). Notes are written the
way a busy manager writes them; Swedish-speaking people's in Swedish.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from huoltamo_desktop.domain.conversations import (
    ActionKind,
    ActionOwner,
    ActionStatus,
    ConversationKind,
)
from huoltamo_desktop.domain.people import CareerStage, Person
from huoltamo_desktop.services.conversations import (
    ActionInput,
    add_action,
    create_conversation,
    finalise,
    save_notes,
    set_action_status,
)
from huoltamo_desktop.services.demo_context import DemoContext

NOTES: dict[str, dict[str, list[str]]] = {
    "career.looking_back": {
        "fi": [
            "Vuosi on ollut kiireinen mutta hyvä. Ylpein uuden asiakkaan toimitusprojektista, joka meni aikataulussa.",
            "Työ on muuttunut paljon, kun kone uusittiin. Alku oli raskas, nyt homma sujuu ja ohjelmointi kiinnostaa.",
            "Tuntuu, että on löytänyt paikkansa porukassa. Perehdytys olisi voinut olla jäsennellympi.",
        ],
        "sv": [
            "Året har varit hektiskt men bra. Mest stolt över leveransen till den nya kunden, som höll tidtabellen.",
            "Arbetet har förändrats mycket sedan maskinen byttes. Början var tung, nu går det bra.",
        ],
    },
    "career.strengths": {
        "fi": [
            "Vahvuuksina tarkkuus ja rauhallisuus kiireessä. Muut kysyvät neuvoa erityisesti mittauksista.",
            "Hyvä asiakastyössä, osaa selittää teknisiä asioita selkeästi.",
        ],
        "sv": ["Noggrann och lugn när det är bråttom. Kollegerna frågar gärna om råd i mätfrågor."],
    },
    "career.wishes_goals": {
        "fi": [
            "Haluaa seuraavan kahden vuoden aikana vastuuta työnsuunnittelusta. Kiinnostaa myös CNC-ohjelmointi.",
            "Ei halua esimieheksi, mutta haluaa syventää osaamistaan ja olla tiimin asiantuntija.",
            "Toivoo pääsevänsä kokeilemaan asennustöitä asiakkaalla ainakin osan ajasta.",
        ],
        "sv": [
            "Vill ta mer ansvar för arbetsplaneringen de närmaste två åren. Intresserad av CNC-programmering."
        ],
    },
    "career.future_needs": {
        "fi": [
            "Kävimme läpi automaation lisääntymisen. Sopisi hyvin robottisolun käyttäjäksi, kun se otetaan käyttöön.",
            "Laatujärjestelmän uudistus tarvitsee tekijän – puhuttiin, voisiko hän olla mukana.",
        ],
        "sv": [
            "Vi gick igenom automationen som ökar. Skulle passa bra som operatör för robotcellen."
        ],
    },
    "career.learning": {
        "fi": [
            "Oppii parhaiten tekemällä ja kokeneemman vierellä. Verkkokurssit eivät ole toimineet.",
            "Kiinnostusta lyhyeen koulutukseen, kunhan se ei osu kiireisimpään sesonkiin.",
        ],
        "sv": ["Lär sig bäst genom att göra och tillsammans med en erfaren kollega."],
    },
    "career.wellbeing": {
        "fi": [
            "Jaksaminen kunnossa. Toivoo, että ylitöitä ei kertyisi keväällä yhtä paljon kuin viime vuonna.",
            "Työkuorma on välillä kova. Sovittiin, että kiireen yllättäessä hän sanoo siitä heti.",
        ],
        "sv": ["Orkar bra. Hoppas att det inte blir lika mycket övertid i vår som i fjol."],
    },
    "career.working_time": {
        "fi": [
            "Keskusteltiin mahdollisuudesta lyhentää työviikkoa muutaman vuoden päästä. Selvitetään vaihtoehdot.",
            "Nykyinen työaika sopii. Liukumat ovat auttaneet arjen järjestelyissä.",
        ],
        "sv": [
            "Vi pratade om möjligheten att förkorta arbetsveckan om några år. Vi utreder alternativen."
        ],
    },
    "career.next_steps": {
        "fi": ["Sovitut toimet alla. Palataan tilanteeseen seuraavassa pikakeskustelussa."],
        "sv": ["Överenskomna åtgärder nedan. Vi återkommer i nästa avstämning."],
    },
    "checkin.current": {
        "fi": [
            "Kuulumiset hyviä. Uusi työvaihe on lähtenyt käyntiin, muutama käytännön kysymys selvitettiin.",
            "Kiireinen jakso takana. Nyt tasaisempaa.",
        ],
        "sv": ["Allt väl. Den nya arbetsfasen har kommit igång."],
    },
    "checkin.wellbeing": {
        "fi": ["Jaksaminen ok.", "Vähän väsynyt kiireen jälkeen, loma tulossa sopivasti."],
        "sv": ["Orkar bra."],
    },
    "checkin.direction": {
        "fi": [
            "Koulutus on edennyt suunnitellusti. Mentorointi on alkanut, tapaamisia kerran kuussa.",
            "Sovitut asiat käytiin läpi, yksi siirtyy keväälle.",
        ],
        "sv": ["Utbildningen går enligt plan. Mentorskapet har kommit igång."],
    },
}

PRIVATE: dict[str, list[str]] = {
    "fi": [
        "Palkkatoive tuli esiin – käsitellään erikseen palkkakeskustelussa.",
        "Vaikutti hieman vetäytyneeltä. Kysy kuulumisia uudelleen parin viikon päästä.",
        "Kertoi harkitsevansa iltaopintoja; ei vielä halua, että asiasta puhutaan tiimissä.",
        "Muista kiittää tiimin edessä toimitusprojektista.",
    ],
    "sv": [
        "Löneönskemål kom upp – tas upp separat i lönesamtalet.",
        "Fråga igen om ett par veckor hur det går.",
    ],
}

# (kind, owner, outside name, Finnish, Swedish, suits late career only)
ACTIONS: list[tuple[str, str, str, str, str, bool]] = [
    (
        ActionKind.TRAINING,
        ActionOwner.EMPLOYEE,
        "",
        "Hitsauksen pätevyyskoe kevään koulutuksessa",
        "Svetsprov i vårens utbildning",
        False,
    ),
    (
        ActionKind.TRAINING,
        ActionOwner.OUTSIDE,
        "Ammattiopisto",
        "CNC-ohjelmoinnin lyhytkoulutus (Jotpa-rahoitteinen)",
        "Kort utbildning i CNC-programmering (Jotpa)",
        False,
    ),
    (
        ActionKind.MENTORING,
        ActionOwner.MANAGER,
        "",
        "Sovitaan mentoriksi kokenut asentaja, tapaamiset kerran kuussa",
        "En erfaren montör som mentor, träffar en gång i månaden",
        False,
    ),
    (
        ActionKind.ROTATION,
        ActionOwner.MANAGER,
        "",
        "Kahden viikon kierto laaduntarkastuksessa syksyllä",
        "Två veckors rotation i kvalitetskontrollen i höst",
        False,
    ),
    (
        ActionKind.EXERCISE,
        ActionOwner.EMPLOYEE,
        "",
        "Itsearviointi ja osaamiskartta ennen seuraavaa tapaamista",
        "Självvärdering och kompetenskarta före nästa träff",
        False,
    ),
    (
        ActionKind.WORK_ARRANGEMENT,
        ActionOwner.MANAGER,
        "",
        "Selvitetään lyhennetyn työviikon ja osittaisen varhennetun vanhuuseläkkeen vaihtoehdot",
        "Utreda kortare arbetsvecka och partiell förtida ålderspension",
        True,
    ),
    (
        ActionKind.MENTORING,
        ActionOwner.EMPLOYEE,
        "",
        "Perehdyttää uuden koneistajan hiljaiseen tietoon: kirjataan tärkeimmät työvaiheet",
        "Introducera den nya maskinisten och skriva ner de viktigaste arbetsmomenten",
        True,
    ),
    (
        ActionKind.WORK_ARRANGEMENT,
        ActionOwner.OUTSIDE,
        "Työterveyshuolto",
        "Työpisteen ergonomiakartoitus",
        "Ergonomisk genomgång av arbetsplatsen",
        False,
    ),
    (
        ActionKind.OTHER,
        ActionOwner.MANAGER,
        "",
        "Otetaan mukaan laatujärjestelmän uudistuksen työryhmään",
        "Med i arbetsgruppen för det nya kvalitetssystemet",
        False,
    ),
]

CAREER_TOPICS = [
    "career.looking_back",
    "career.strengths",
    "career.wishes_goals",
    "career.future_needs",
    "career.learning",
    "career.wellbeing",
    "career.working_time",
    "career.next_steps",
]
CHECKIN_TOPICS = ["checkin.current", "checkin.wellbeing", "checkin.direction"]


def _lang(person: Person) -> str:
    return "sv" if person.language == "sv" else "fi"


def _notes(ctx: DemoContext, person: Person, topics: list[str], count: int) -> dict[str, str]:
    chosen = sorted(ctx.rng.sample(topics, min(count, len(topics))), key=topics.index)
    lang = _lang(person)
    return {key: ctx.rng.choice(NOTES[key][lang]) for key in chosen}


def conversations_demo(session: Session, *, ctx: DemoContext) -> None:
    """Career conversations over the past year, check-ins, drafts and open follow-up."""
    rng, today = ctx.rng, ctx.today
    people = [p for p in ctx.active_people if p.supervisor_id is not None]
    drafts = 0
    for person in people:
        if rng.random() > 0.7:
            continue
        lang = _lang(person)
        held = today - timedelta(days=rng.randrange(20, 430))
        career = create_conversation(
            session,
            kind=ConversationKind.CAREER,
            held_on=held,
            person_id=person.id,
            manager_id=person.supervisor_id,
        )
        save_notes(
            session,
            conversation_id=career.id or 0,
            notes=_notes(ctx, person, CAREER_TOPICS, rng.randrange(4, 7)),
            private_notes=rng.choice(PRIVATE[lang]) if rng.random() < 0.35 else "",
        )
        late = person.career_stage == CareerStage.LATE_CAREER
        pool = [a for a in ACTIONS if late or not a[5]]
        statuses = []
        for kind, owner, outside, fi, sv, _late in rng.sample(pool, rng.randrange(1, 4)):
            due = held + timedelta(days=rng.randrange(45, 200))
            action = add_action(
                session,
                conversation_id=career.id or 0,
                data=ActionInput(
                    what=sv if lang == "sv" else fi,
                    owner=owner,
                    owner_name=outside,
                    due_on=due,
                    kind=kind,
                ),
            )
            # Most of what was due long ago is done; a few are late, the newer ones still open.
            weights = [1, 1, 10, 1] if due < today - timedelta(days=60) else [3, 3, 2, 0]
            status = rng.choices(list(ActionStatus), weights=weights)[0]
            statuses.append((action.id or 0, status, due))
        finalise(session, conversation_id=career.id or 0)
        # Progress after the conversation (some overdue actions stay open).
        for action_id, status, due in statuses:
            if status != ActionStatus.OPEN:
                set_action_status(
                    session, action_id=action_id, status=status, today=min(due, today)
                )
        # Check-ins every three months or so, the last ones possibly missed.
        day = held + timedelta(days=rng.randrange(80, 110))
        while day < today - timedelta(days=20):
            if rng.random() < 0.7:
                checkin = create_conversation(
                    session,
                    kind=ConversationKind.CHECKIN,
                    held_on=day,
                    person_id=person.id,
                    manager_id=person.supervisor_id,
                )
                save_notes(
                    session,
                    conversation_id=checkin.id or 0,
                    notes=_notes(ctx, person, CHECKIN_TOPICS, 2),
                )
                finalise(session, conversation_id=checkin.id or 0)
            day += timedelta(days=rng.randrange(85, 120))
        if drafts < 3 and rng.random() < 0.25:
            draft = create_conversation(
                session,
                kind=ConversationKind.CAREER,
                held_on=today + timedelta(days=rng.randrange(0, 10)),
                person_id=person.id,
                manager_id=person.supervisor_id,
            )
            save_notes(
                session,
                conversation_id=draft.id or 0,
                notes=_notes(ctx, person, CAREER_TOPICS[:2], 1),
            )
            drafts += 1
    # A group development discussion with two teams.
    for team in ctx.teams[:2]:
        lead = next((p for p in ctx.active_people if p.team_id == team.id and p.is_manager), None)
        group = create_conversation(
            session,
            kind=ConversationKind.GROUP,
            held_on=today - timedelta(days=rng.randrange(40, 120)),
            team_id=team.id,
            manager_id=lead.id if lead else None,
        )
        save_notes(
            session,
            conversation_id=group.id or 0,
            notes={
                "group.learning_together": "Sovittiin, että uudet työtavat esitellään perjantain palaverissa vuorotellen.",
                "group.sharing_knowledge": "Tärkeimmät koneasetukset kirjataan yhteiseen kansioon. Kokeneet parina nuorempien kanssa.",
            },
        )
        add_action(
            session,
            conversation_id=group.id or 0,
            data=ActionInput(
                what="Koneasetusten ohjekansio yhteiselle levylle",
                owner=ActionOwner.EMPLOYEE,
                due_on=group.held_on + timedelta(days=60),
                kind=ActionKind.OTHER,
            ),
        )
        finalise(session, conversation_id=group.id or 0)
