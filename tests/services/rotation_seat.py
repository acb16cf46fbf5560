"""One seat editing the same rotation over and over, as its own process (run by the test below).

    python -m tests.services.rotation_seat URL ROTATION_ID FIELD ROUNDS

Each round does what a manager does at the rotation editor: read the rotation
(values and version), think for a moment, change FIELD and save with what it
read. A clash or a refused same-moment save is handled as the dialog would
(keep mine) and saved again. Prints the figures as JSON: the value of the last
acknowledged save, and how often the seat merged or was asked.
"""

from __future__ import annotations

import dataclasses
import json
import random
import sys
import time
from typing import Any


def main() -> None:
    from huoltamo_desktop.domain.rotations import Rotation
    from huoltamo_desktop.domain.versioning import ConflictError
    from huoltamo_desktop.services import rotations as rs
    from huoltamo_desktop.storage.database import make_engine, session_scope

    url, rotation_id, field, rounds = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    engine = make_engine(url)
    figures: dict[str, Any] = {"saves": 0, "merged": 0, "asked": 0, "refused": 0, "last": None}
    rng = random.Random(field)
    for n in range(rounds):
        with session_scope(engine) as s:
            base = rs.input_of(s, rotation_id=rotation_id)
            rotation = s.get(Rotation, rotation_id)
            assert rotation is not None
            version = rotation.row_version
        time.sleep(rng.uniform(0, 0.01))
        value: object = f"Kohde {n}" if field == "destination" else 5 + (n % 19) * 5
        mine = dataclasses.replace(base, **{field: value})  # type: ignore[arg-type]
        expected: int | None = version
        shown: Any = base
        while True:
            try:
                with session_scope(engine) as s:
                    saved = rs.save_rotation(
                        s,
                        data=mine,
                        rotation_id=rotation_id,
                        accept_warnings=True,
                        expected_version=expected,
                        base=shown,
                    )
                    after = saved.row_version
                break
            except ConflictError as clash:
                if not clash.conflicts:
                    figures["refused"] += 1  # met the other save in the same moment
                    continue
                figures["asked"] += 1  # keep mine, against the version shown
                mine = dataclasses.replace(mine, **dict(clash.merged, **{field: value}))  # type: ignore[arg-type]
                expected, shown = clash.current_version, None
        if after > version + 1:
            figures["merged"] += 1  # the other seat saved in between: its change was kept
        figures["saves"] += 1
        figures["last"] = value
    engine.dispose()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
