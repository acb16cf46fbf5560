"""One gettext layer for the whole app.

Messages are written in English in the code and translated through compiled
catalogues in ``translations/<lang>/LC_MESSAGES/<domain>.mo``. Each capability
keeps its own domain (so its catalogue can grow on its own); all domains are
chained into one lookup, so ``_()`` works the same everywhere.

Use ``_()`` at call time, ``N_()`` to mark strings defined at import time and
translate them later with ``_()``, and ``ngettext()`` for plurals.

In the chained lookup the first domain that has a message wins, so one
English text must mean one thing everywhere: where it does not ("Retired"
for a skill and for a person), the code says which with
``pgettext(context, message)``, and a catalogue test fails when the same
message is translated differently in two domains. ``DOMAINS`` is the
registry: a new capability appends its own name at the end.
"""

from __future__ import annotations

import gettext
import re
from datetime import date, datetime
from decimal import Decimal

from huoltamo_desktop.paths import TRANSLATIONS

LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"
DOMAINS: tuple[str, ...] = (
    "huoltamo",
    "employee",
    "skills",
    "conversations",
    "home",
    "seats",
    "rotations",
    "training",
)
# Each language in its own name: for pickers, where a reader looks for their own language.
LANGUAGE_NAMES = {"fi": "suomi", "sv": "svenska", "en": "English"}
BABEL_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE
_loaded = False


def load_translations(language: str) -> gettext.NullTranslations:
    """All domains for ``language`` chained into one translations object."""
    chain: gettext.NullTranslations | None = None
    for domain in DOMAINS:
        try:
            tr = gettext.translation(domain, localedir=TRANSLATIONS, languages=[language])
        except OSError:
            continue
        if chain is None:
            chain = tr
        else:
            chain.add_fallback(tr)
    return chain or gettext.NullTranslations()


def setup_i18n(language: str) -> None:
    """Switch the whole app to ``language`` (one of LANGUAGES)."""
    global _translations, _language, _loaded
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    _translations = load_translations(language)
    _language = language
    _loaded = True


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; translate it later with ``_()``."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark ``message`` in ``context`` for extraction; translate it later with ``pgettext()``."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translations.pgettext(context, message)


# The languages named in the language of the text around them ("ruotsi", "finska").
_LANGUAGE_NAMES_TRANSLATED = {"fi": N_("Finnish"), "sv": N_("Swedish"), "en": N_("English")}
# "The summary is in Finnish": "suomeksi", "på finska".
_IN_LANGUAGE = {"fi": N_("in Finnish"), "sv": N_("in Swedish"), "en": N_("in English")}


def language_name(code: str) -> str:
    """A language's name in the current language: "ruotsi" in Finnish, "svenska" in Swedish."""
    return _(_LANGUAGE_NAMES_TRANSLATED[code]) if code in _LANGUAGE_NAMES_TRANSLATED else code


def in_language(code: str) -> str:
    """ "in Swedish" in the current language: "ruotsiksi", "på svenska"."""
    return _(_IN_LANGUAGE[code]) if code in _IN_LANGUAGE else code


def translator_for(language: str) -> gettext.NullTranslations:
    """A translations object for another language (e.g. a PDF in the person's language)."""
    if language == _language and _loaded:
        return _translations
    return load_translations(language if language in LANGUAGES else DEFAULT_LANGUAGE)


def pick(texts: dict[str, str], language: str | None = None) -> str:
    """Pick the right language from a bundled ``{"fi": .., "sv": .., "en": ..}`` text."""
    lang = language or _language
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


# Formatting through Babel, imported lazily: Babel's locale data is not needed
# to paint the first window.


def _locale(language: str | None) -> str:
    return BABEL_LOCALES.get(language or _language, "fi_FI")


def date_input_format(language: str | None = None) -> str:
    """How a date field shows its date, as Qt writes the pattern: d.M.yyyy, or dd/MM/yyyy in English.

    The same order and separators as ``format_date`` in that language, so a
    field and the text beside it agree.
    """
    lang = language or _language
    if lang in ("fi", "sv"):
        return "d.M.yyyy"
    from babel.dates import get_date_format

    pattern = str(get_date_format("short", locale=_locale(lang)).pattern)
    return re.sub(r"y+", "yyyy", pattern)


def format_date(
    value: date | datetime | None, language: str | None = None, fmt: str = "short"
) -> str:
    """A date as the language writes it: 9.3.2026 in Finnish and Swedish, 09/03/2026 in English."""
    if value is None:
        return ""
    lang = language or _language
    if fmt == "short" and lang in ("fi", "sv"):
        # Babel's Swedish short form is ISO (2026-03-09); in Finland Swedish uses 9.3.2026.
        return f"{value.day}.{value.month}.{value.year}"
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=fmt, locale=_locale(lang))


def format_time(value: datetime, language: str | None = None, fmt: str = "medium") -> str:
    """A clock time as the language writes it: 14.05.33 in Finnish, 14:05:33 in English.

    ``fmt`` is Babel's "short" (hours and minutes) or "medium" (with seconds).
    An aware time is shown in the computer's own time zone.
    """
    from babel.dates import format_time as babel_format_time

    local = value.astimezone() if value.tzinfo is not None else value
    return babel_format_time(local, format=fmt, locale=_locale(language))


def round_half_up(value: float | int | Decimal, digits: int = 0) -> Decimal:
    """``value`` rounded as a Finnish reader expects: halves go up (4,25 → 4,3; 2,5 → 3).

    Floats are taken by their shortest written form, so 4.25 is exactly 4.25
    and not the binary 4.2499… Python's ``round()`` and Babel round halves to
    the even neighbour (4,25 → 4,2), which reads as an error on paper.
    """
    from decimal import ROUND_HALF_UP

    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def format_number(
    value: float | int | Decimal, language: str | None = None, digits: int | None = None
) -> str:
    """A number as the language writes it (4,3 in Finnish); with ``digits``, rounded half up."""
    from babel.numbers import format_decimal

    if digits is not None:
        pattern = "#,##0." + "0" * digits if digits else "#,##0"
        return format_decimal(
            round_half_up(value, digits), format=pattern, locale=_locale(language)
        )
    return format_decimal(value, locale=_locale(language))


def format_money(
    value: float | int | Decimal, language: str | None = None, currency: str = "EUR"
) -> str:
    from babel.numbers import format_currency

    return format_currency(value, currency, locale=_locale(language))


def format_percent(value: float, language: str | None = None) -> str:
    from babel.numbers import format_percent as babel_format_percent

    return babel_format_percent(value, locale=_locale(language))


__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "NP_",
    "N_",
    "_",
    "current_language",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "format_time",
    "in_language",
    "language_name",
    "ngettext",
    "pick",
    "round_half_up",
    "setup_i18n",
    "translator_for",
]
