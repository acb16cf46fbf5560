"""Nordic letters done right: one case-insensitive key, and sorting in the user's alphabet.

``fold`` is the one comparison for names: the storage keeps ``fold(name)`` in
a key column with a unique index (SQLite's ``lower()`` and ``LIKE`` only know
ASCII, and a PostgreSQL server's ``lower()`` depends on how it was set up),
so "Östra" and "östra" are the same team on every backend, and a search for
"öberg" finds "Öberg".

``sort_key`` orders text as a Finnish or Swedish reader expects: Å, Ä and Ö
are letters of their own after Z (Æ sorts with Ä, Ø with Ö, Ü with Y), and
other accents only break ties (é after e). In English they sort with A and O.
It follows the Unicode collation rules for these alphabets (CLDR "fi"/"sv")
closely enough for names and titles; no collation library with wheels for
every platform the app is frozen for was available (PyICU ships source only
and needs ICU at build time; pyuca knows only the root order, which puts Ä
with A).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

from huoltamo_desktop.i18n import current_language

NORDIC_LANGUAGES = frozenset({"fi", "sv"})

# After "z" in code point order, so the three letters follow the Latin alphabet.
_NORDIC_PRIMARY = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"}


def fold(text: str) -> str:
    """The case-insensitive form of ``text``: the same for "ÖSTRA", "Östra" and "östra".

    Unicode case folding on the composed form, with runs of spaces made one,
    so that the key does not depend on how the letters were typed.
    """
    composed = unicodedata.normalize("NFC", text)
    return unicodedata.normalize("NFC", " ".join(composed.split()).casefold())


def like_pattern(text: str) -> str:
    """A ``LIKE … ESCAPE '\\'`` pattern that finds ``fold(text)`` anywhere in a key column."""
    needle = fold(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{needle}%"


@lru_cache(maxsize=8192)
def _key(text: str, nordic: bool) -> str:
    primary: list[str] = []
    accents: list[str] = []
    upper: list[str] = []
    clean = unicodedata.normalize("NFC", text.replace("\x00", ""))
    for ch in clean:
        low = ch.casefold()
        upper.append("1" if low != ch else "0")
        for c in low:
            if nordic and c in _NORDIC_PRIMARY:
                primary.append(_NORDIC_PRIMARY[c])
                accents.append("")
                continue
            parts = unicodedata.normalize("NFD", c)
            primary.append(parts[0])
            accents.append(parts[1:])
    # One string that compares like the tuple (letters, accents, case, text): NUL separates
    # the levels and sorts before every character in them.
    return "\x00".join(("".join(primary), "\x01".join(accents), "".join(upper), clean))


def sort_key(text: str, language: str | None = None) -> str:
    """A key that sorts ``text`` in the alphabet of ``language`` (default: the app's language).

    Letters first by the alphabet, then accents, then lower case before
    upper case; the text itself last, so the order is total and stable. It is
    a plain string, so it also serves as a Qt sort role.
    """
    return _key(text, (language or current_language()) in NORDIC_LANGUAGES)


def sorter(language: str | None = None) -> Callable[[str], str]:
    """``sort_key`` bound to one language, for ``sorted(..., key=...)`` over many items."""
    nordic = (language or current_language()) in NORDIC_LANGUAGES
    return lambda text: _key(text, nordic)
