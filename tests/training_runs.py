"""Test data: dated runs for a starter offering (the bundled catalogue has none; the sources give no dates)."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session

from huoltamo_desktop.services import training_exchange as exchange


def add_runs(session: Session, key: str, runs: list[dict[str, Any]]) -> None:
    """Give the offering ``key`` these runs, through the same import a catalogue file uses."""
    doc = exchange.export_catalogue(session)
    doc["offerings"] = [dict(o, runs=runs) for o in doc["offerings"] if o["key"] == key]
    doc["providers"] = []
    doc["funding_rules"] = []
    catalogue = exchange.read_catalogue(json.dumps(doc).encode("utf-8"), csv_file=False)
    exchange.apply_import(session, catalogue=catalogue)


HOT_WORK_RUNS = [
    {"key": "test_hot_work_feb", "starts_on": "2027-02-10", "place": "Tampere", "price_eur": 169},
    {"key": "test_hot_work_may", "starts_on": "2027-05-12", "place": "Helsinki", "price_eur": 169},
]
