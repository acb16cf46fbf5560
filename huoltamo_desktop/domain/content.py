"""Bundled content: the data files in ``resources/``, read once into validated, typed models.

Every capability declares its files as :class:`Bundled` objects, each with the
pydantic model that describes it::

    EXERCISES = Bundled("employee/exercises.json", ExercisesFile)
    EXERCISES.load().exercises

``load()`` finds the file (in a source checkout and in the frozen bundle, see
``paths.py``), parses it, validates it against the model and keeps the result.
Content that is wrong raises one :class:`ContentError` that names the file, the
entry (by its key where it has one) and the field, so whoever edits the texts
sees at once what to fix. The same checks run in the tests for every file.

The building blocks shared by the models live here too: :data:`Texts` (a text
in every language of the app), :data:`Key` and :func:`unique_keys`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, ClassVar, Generic, Protocol, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticCustomError

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import LANGUAGES, _
from huoltamo_desktop.paths import RESOURCES


class ContentError(UserError):
    """A bundled file is missing or does not match its model.

    ``problems`` holds one line per fault: the entry and field, then what is
    wrong. ``str()`` leads with a sentence in the user's language (the app's
    installation is damaged), followed by the file and the problems.
    """

    def __init__(self, name: str, problems: Sequence[str]) -> None:
        self.name = name
        self.problems = tuple(problems)
        lead = _(
            "Part of the app's own content is damaged or missing ({file}). "
            "Install the app again; your own data is not affected."
        ).format(file=f"resources/{name}")
        details = "\n".join(f"resources/{name}: {p}" for p in self.problems)
        super().__init__(f"{lead}\n{details}")


# --- shared field types ------------------------------------------------------------


def _all_languages(value: dict[str, str]) -> dict[str, str]:
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise PydanticCustomError(
            "language_unknown",
            "unknown language {languages} (the app speaks {known})",
            {"languages": ", ".join(unknown), "known": ", ".join(LANGUAGES)},
        )
    missing = [lang for lang in LANGUAGES if not value.get(lang, "").strip()]
    if missing:
        raise PydanticCustomError(
            "language_missing",
            "the text in {languages} is missing",
            {"languages": ", ".join(missing)},
        )
    stray = [lang for lang in LANGUAGES if value[lang] != value[lang].strip()]
    if stray:
        raise PydanticCustomError(
            "language_whitespace",
            "the text in {languages} starts or ends with a space",
            {"languages": ", ".join(stray)},
        )
    return {lang: value[lang] for lang in LANGUAGES}


#: A text in every language of the app: ``{"fi": …, "sv": …, "en": …}``, none empty.
Texts = Annotated[dict[str, str], AfterValidator(_all_languages)]


def _none_or_all_languages(value: dict[str, str]) -> dict[str, str]:
    if not any(v.strip() for v in value.values()):
        return {lang: "" for lang in LANGUAGES}
    return _all_languages(value)


#: A text that may be left out: empty in every language, or written in every one.
OptionalTexts = Annotated[dict[str, str], AfterValidator(_none_or_all_languages)]

#: An identifier: lower-case words joined by "_", parts joined by ".".
Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$", max_length=80)]

#: An ISO date written as text (the files keep dates readable as ``2026-03-09``).
IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...


K = TypeVar("K", bound=_Keyed)


def duplicates(values: Iterable[str]) -> list[str]:
    """The values that appear more than once, in the order they first repeat."""
    seen: set[str] = set()
    repeated: list[str] = []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated


def _unique(items: tuple[K, ...]) -> tuple[K, ...]:
    repeated = duplicates(item.key for item in items)
    if repeated:
        raise PydanticCustomError(
            "duplicate_key",
            "the key {keys} appears more than once",
            {"keys": ", ".join(repeated)},
        )
    return items


#: A list of entries whose keys are unique within the list.
UniqueKeyed = Annotated[tuple[K, ...], AfterValidator(_unique)]


def unique_keys(keys: Iterable[str], what: str) -> None:
    """Raise (inside a validator) when one key names two ``what`` across a whole file."""
    repeated = duplicates(keys)
    if repeated:
        raise PydanticCustomError(
            "duplicate_key",
            "the {what} key {keys} appears more than once",
            {"what": what, "keys": ", ".join(repeated)},
        )


def keys_under(parent: str, keys: Iterable[str], what: str) -> None:
    """Raise (inside a validator) unless every key starts with ``parent.``: "career.goals"."""
    for key in keys:
        if not key.startswith(parent + "."):
            raise ValueError(f'{what} "{key}" must start with "{parent}."')


def with_parent_key(data: Any, *, children: str, field: str) -> Any:
    """Raw entry ``data`` whose ``children`` each get the entry's key as ``field`` (a before-validator).

    A tuple, because in strict mode only JSON arrays become tuples by themselves.
    """
    if isinstance(data, dict) and isinstance(data.get(children), list):
        key = data.get("key")
        items = tuple(
            {**c, field: key} if isinstance(c, dict) and field not in c else c
            for c in data[children]
        )
        return {**data, children: items}
    return data


class ContentModel(BaseModel):
    """Base of every bundled-content model: read-only, strict types, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


# --- the loader --------------------------------------------------------------------

M = TypeVar("M", bound=ContentModel)


class Bundled(Generic[M]):
    """One bundled data file and the model that describes it; read once, on first use.

    ``check`` looks past the file itself (a role profile names skills from another
    file) and returns the problems it finds, each naming the entry and field.
    """

    _registry: ClassVar[dict[str, Bundled[Any]]] = {}

    def __init__(
        self, name: str, model: type[M], *, check: Callable[[M], list[str]] | None = None
    ) -> None:
        if name in Bundled._registry:
            raise ValueError(f"resources/{name} is declared twice")
        self.name = name
        self.model = model
        self.check = check
        self._value: M | None = None
        Bundled._registry[name] = self

    @property
    def path(self) -> Path:
        """Where the file is; a missing file raises :class:`ContentError`."""
        path = RESOURCES.joinpath(*self.name.split("/"))
        if not path.is_file():
            raise ContentError(self.name, ["the file is missing"])
        return path

    def load(self) -> M:
        """The file's content, validated; read from disk on the first call only."""
        if self._value is None:
            try:
                text = self.path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ContentError(self.name, [f"the file cannot be read ({exc})"]) from exc
            self._value = self.parse(text)
        return self._value

    def parse(self, text: str) -> M:
        """Validate ``text`` as this file's content (the tests feed broken copies here)."""
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ContentError(
                self.name, [f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"]
            ) from exc
        try:
            value = self.model.model_validate_json(text)
        except PydanticValidationError as exc:
            raise ContentError(self.name, _problems(exc, raw)) from exc
        problems = self.check(value) if self.check else []
        if problems:
            raise ContentError(self.name, problems)
        return value

    @staticmethod
    def declared() -> tuple[Bundled[Any], ...]:
        """Every bundled file declared so far (by the modules imported)."""
        return tuple(Bundled._registry.values())


def asset(*parts: str) -> Path:
    """Path of a bundled file read by a library (a font), not as content; missing → ContentError."""
    path = RESOURCES.joinpath(*parts)
    if not path.is_file():
        raise ContentError("/".join(parts), ["the file is missing"])
    return path


def _problems(exc: PydanticValidationError, raw: Any) -> list[str]:
    lines = []
    for error in exc.errors(include_url=False):
        where = _where(error["loc"], raw)
        message = error["msg"]
        if error["type"] == "missing":
            message = "this field is missing"
        elif error["type"] == "extra_forbidden":
            message = "unknown field (a typo, or a field the app does not read)"
        lines.append(f"{where}: {message}" if where else message)
    return lines


def _where(loc: tuple[int | str, ...], raw: Any) -> str:
    """``kinds[0] "career" › topics[3] "career.wellbeing" › title`` for a pydantic location."""
    parts: list[str] = []
    node = raw
    for step in loc:
        if isinstance(step, int):
            label = f"[{step}]"
            child = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(child, dict):
                name = child.get("key", child.get("level"))
                if isinstance(name, str | int) and not isinstance(name, bool):
                    label += f' "{name}"'
            if parts:
                parts[-1] += label
            else:
                parts.append(label)
            node = child
        else:
            # Validators on a whole model report under a "[...]" step of their own; skip it.
            if re.fullmatch(r"\[.*\]", step) or step.startswith("function-"):
                continue
            parts.append(step)
            node = node.get(step) if isinstance(node, dict) else None
    return " › ".join(parts)
