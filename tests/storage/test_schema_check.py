"""check names a missing table or column; other commands refuse such a database in one line."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from huoltamo_desktop.cli import main
from huoltamo_desktop.storage.database import DamagedSchemaError, inspect_database
from huoltamo_desktop.storage.migrate import open_database


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_check_names_a_missing_column_and_a_missing_table(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _url(engine)
    assert main(["--lang", "en", "check", "--db", url]) == 0
    capsys.readouterr()
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE person DROP COLUMN job_title"))
        conn.execute(text("DROP TABLE conversation_note"))
    engine.dispose()

    assert main(["--lang", "en", "check", "--db", url]) == 1
    out = capsys.readouterr().out
    assert "column job_title is missing from table person" in out
    assert "table conversation_note is missing" in out
    assert "huoltamo:huoltamo@" not in out, "a server password is never printed"

    with pytest.raises(DamagedSchemaError):
        open_database(url)
    assert main(["--lang", "en", "conversations", "--db", url]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "damaged" in err and "Traceback" not in err


def test_a_sound_database_has_no_schema_problems(engine: Engine) -> None:
    assert inspect_database(_url(engine)).problems == ()
