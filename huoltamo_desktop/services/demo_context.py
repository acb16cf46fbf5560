"""What the demo steps of every capability share: the random source, the day and the firm so far.

Its own module, so that each capability's demo step can use it without
importing the module that runs the steps.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from huoltamo_desktop.domain.people import Person, PersonStatus, Team


@dataclass
class DemoContext:
    rng: random.Random
    today: date
    people_wanted: int = 40
    people: list[Person] = field(default_factory=list)
    teams: list[Team] = field(default_factory=list)
    manager: Person | None = None

    @property
    def active_people(self) -> list[Person]:
        return [p for p in self.people if p.status == PersonStatus.ACTIVE]
