"""Message catalogues: extract, update and compile with Babel.

    python scripts/i18n.py update    # extract messages, merge into every .po
    python scripts/i18n.py compile   # .po -> .mo (the app reads .mo)

Each capability has its own gettext domain so that its catalogue can be worked
on alone: a source file belongs to the first domain whose name appears in its
path (``ui/employee/…``, ``services/skills.py``, ``reports/conversations_pdf.py``);
everything else belongs to ``huoltamo``.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from huoltamo_desktop.i18n import DOMAINS, LANGUAGES  # noqa: E402

PACKAGE = ROOT / "huoltamo_desktop"
TRANSLATIONS = ROOT / "translations"
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "NP_": ((1, "c"), 2),
}


def domain_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE).as_posix()
    for domain in DOMAINS[1:]:
        if domain in rel:
            return domain
    return DOMAINS[0]


def extract() -> dict[str, Catalog]:
    # A fixed creation date keeps the templates free of churn between runs.
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    catalogs = {
        d: Catalog(project="Työurahuoltamo", domain=d, charset="utf-8", creation_date=stamp)
        for d in DOMAINS
    }
    for path in sorted(PACKAGE.rglob("*.py")):
        catalog = catalogs[domain_of(path)]
        for lineno, message, comments, context in extract_from_file(
            "python", str(path), keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
        ):
            catalog.add(
                message,
                locations=[(path.relative_to(ROOT).as_posix(), lineno)],
                auto_comments=comments,
                context=context,
            )
    return catalogs


def po_path(language: str, domain: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / f"{domain}.po"


def update() -> None:
    for domain, template in extract().items():
        TRANSLATIONS.mkdir(exist_ok=True)
        with (TRANSLATIONS / f"{domain}.pot").open("wb") as fh:
            write_po(fh, template, omit_header=False, width=100)
        for language in LANGUAGES:
            path = po_path(language, domain)
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists():
                with path.open("rb") as fh:
                    catalog = read_po(fh, locale=language, domain=domain)
                catalog.update(template, update_header_comment=False, no_fuzzy_matching=True)
            else:
                catalog = Catalog(
                    locale=language, domain=domain, charset="utf-8", project="Työurahuoltamo"
                )
                catalog.update(template, no_fuzzy_matching=True)
            # English is the source language: its catalogue copies the source text.
            if language == "en":
                for message in catalog:
                    if not message.id:
                        continue
                    if isinstance(message.id, (list, tuple)):
                        if not any(message.string):
                            message.string = tuple(message.id)
                    elif not message.string:
                        message.string = message.id
            buf = BytesIO()
            write_po(buf, catalog, width=100, ignore_obsolete=True, include_previous=False)
            path.write_bytes(buf.getvalue())
            print(f"updated {path.relative_to(ROOT)}")


def compile_all() -> None:
    for domain in DOMAINS:
        for language in LANGUAGES:
            path = po_path(language, domain)
            if not path.exists():
                continue
            with path.open("rb") as fh:
                catalog = read_po(fh, locale=language, domain=domain)
            with path.with_suffix(".mo").open("wb") as fh:
                write_mo(fh, catalog, use_fuzzy=False)
    print("compiled")


if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else "update"
    if action == "update":
        update()
        compile_all()
    elif action == "compile":
        compile_all()
    else:
        raise SystemExit("usage: i18n.py update|compile")
