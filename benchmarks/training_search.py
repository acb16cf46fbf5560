"""How fast the training catalogue search is over 5,000 offerings, beside a LIKE scan.

    python benchmarks/training_search.py [--offerings 5000] [--runs 30] [--db URL]

Fills a temporary SQLite database (or the PostgreSQL database given with
``--db``, which must be empty) with the bundled starter catalogue repeated
with numbered variants until it holds ``--offerings`` offerings, then times
``search_offerings`` — the query on the text index plus building the rows the
list shows — for a few typical words, median of ``--runs``. The baseline is
the same search as a plain ``LIKE '%word%'`` scan over every row, in the same
run. The goal: under 50 ms a search.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from huoltamo_desktop.domain.training_content import STARTER_CATALOGUE
from huoltamo_desktop.i18n import setup_i18n
from huoltamo_desktop.services import training as svc
from huoltamo_desktop.services import training_exchange as exchange
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.storage.migrate import open_database

QUERIES = ("kortti", "työturvallisuus", "ensiapu ea", "swedish", "tulityö", "ohjaus")


def fill(session: object, wanted: int) -> int:
    """The starter catalogue, then numbered copies of its offerings until ``wanted``."""
    doc = STARTER_CATALOGUE.load().model_dump(mode="json")
    base = doc["offerings"]
    offerings = list(base)
    n = 0
    while len(offerings) < wanted:
        n += 1
        for item in base:
            if len(offerings) >= wanted:
                break
            copy_ = copy.deepcopy(item)
            copy_["key"] = f"{item['key']}_{n}"
            copy_["title"] = {k: f"{v} {n}" for k, v in item["title"].items()}
            copy_["runs"] = [dict(r, key=f"{r['key']}_{n}") for r in item["runs"]]
            offerings.append(copy_)
    doc["offerings"] = offerings
    catalogue = exchange.read_catalogue(json.dumps(doc).encode("utf-8"), csv_file=False)
    exchange.apply_import(session, catalogue=catalogue)  # type: ignore[arg-type]
    return len(offerings)


def timed(session: object, query: str, runs: int, use_index: bool) -> tuple[float, int]:
    found = svc.search_offerings(session, query=query, use_index=use_index)  # type: ignore[arg-type]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        svc.search_offerings(session, query=query, use_index=use_index)  # type: ignore[arg-type]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(found)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offerings", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--db", default="")
    args = parser.parse_args()
    setup_i18n("fi")
    with tempfile.TemporaryDirectory() as tmp:
        target = args.db or str(Path(tmp) / "bench.sqlite3")
        engine, _info = open_database(target)
        with session_scope(engine) as session:
            total = fill(session, args.offerings)
        print(f"{engine.dialect.name}: {total} offerings, median of {args.runs} runs")
        print(f"{'query':<18}{'found':>7}{'LIKE scan':>12}{'text index':>12}{'ratio':>8}")
        worst = 0.0
        with session_scope(engine) as session:
            for query in QUERIES:
                like, n_like = timed(session, query, args.runs, use_index=False)
                fts, n_fts = timed(session, query, args.runs, use_index=True)
                assert n_like == n_fts, (query, n_like, n_fts)
                worst = max(worst, fts)
                print(f"{query:<18}{n_fts:>7}{like:>10.1f} ms{fts:>9.1f} ms{like / fts:>7.1f}×")
        print(f"slowest indexed search: {worst:.1f} ms (goal: under 50 ms)")
        engine.dispose()


if __name__ == "__main__":
    main()
