"""Every bundled file is described by a model, loads, and says clearly what is wrong when it is."""

from __future__ import annotations

import ast
import copy
import importlib
import json
import pkgutil
from pathlib import Path
from typing import Any

import pytest

import huoltamo_desktop.domain
from huoltamo_desktop.domain.content import Bundled, ContentError, asset
from huoltamo_desktop.domain.conversations_content import TEMPLATES
from huoltamo_desktop.domain.employee_content import EXERCISES, SELF_ASSESSMENT
from huoltamo_desktop.domain.skills_content import ROLE_PROFILES
from huoltamo_desktop.domain.training_content import STARTER_CATALOGUE
from huoltamo_desktop.i18n import setup_i18n

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"

# Files in resources/ that a library reads as they are (not content with texts), and why.
NOT_CONTENT = {
    "fonts/DejaVuSans.ttf": "the PDF font, read by ReportLab",
    "fonts/DejaVuSans-Bold.ttf": "the PDF font, read by ReportLab",
    "fonts/DejaVuSans-Oblique.ttf": "the PDF font, read by ReportLab",
    "fonts/LICENSE-DejaVu.txt": "the font's licence, shipped beside it",
}


def _declared() -> dict[str, Bundled[Any]]:
    """Import every domain module (that is where bundled files are declared) and list them."""
    for info in pkgutil.iter_modules(huoltamo_desktop.domain.__path__):
        importlib.import_module(f"huoltamo_desktop.domain.{info.name}")
    return {b.name: b for b in Bundled.declared()}


def _bundled_files() -> list[str]:
    return sorted(
        p.relative_to(RESOURCES).as_posix()
        for p in RESOURCES.rglob("*")
        if p.is_file() and p.name != ".DS_Store"
    )


def test_every_file_in_resources_is_described_by_a_model() -> None:
    declared = _declared()
    undescribed = [f for f in _bundled_files() if f not in declared and f not in NOT_CONTENT]
    assert not undescribed, (
        f"files in resources/ that no content model describes: {undescribed} "
        "(declare each with domain.content.Bundled and a model)"
    )
    missing = [name for name in declared if not (RESOURCES / name).is_file()]
    assert not missing, f"declared but not in resources/: {missing}"


@pytest.mark.parametrize("name", sorted(_declared()))
def test_every_bundled_file_loads_and_validates(name: str) -> None:
    bundled = _declared()[name]
    value = bundled.load()
    assert isinstance(value, bundled.model)
    # Read once: the second call hands back the same object.
    assert bundled.load() is value


def test_the_fonts_are_found() -> None:
    for name in NOT_CONTENT:
        assert asset(*name.split("/")).stat().st_size > 0


def test_the_frozen_build_collects_every_bundled_file() -> None:
    """build.spec's data files put each file of resources/ where paths.py looks in the bundle."""
    spec = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    func = next(n for n in spec.body if isinstance(n, ast.FunctionDef) and n.name == "_data_files")
    namespace: dict[str, Any] = {
        "ROOT": ROOT,
        "Path": Path,
        "MIGRATIONS": ROOT / "huoltamo_desktop" / "storage" / "migrations",
        "MIGRATIONS_DEST": "huoltamo_desktop/storage/migrations",
    }
    exec(compile(ast.Module(body=[func], type_ignores=[]), "build.spec", "exec"), namespace)
    datas: list[tuple[str, str]] = namespace["_data_files"]()
    shipped: set[str] = set()
    for source, dest in datas:
        src = Path(source)
        if src.is_dir():
            shipped |= {
                (Path(dest) / p.relative_to(src)).as_posix() for p in src.rglob("*") if p.is_file()
            }
        else:
            shipped.add((Path(dest) / src.name).as_posix())
    missing = [f for f in _bundled_files() if f"resources/{f}" not in shipped]
    assert not missing, f"build.spec leaves out {missing}"


# --- a broken copy gives one clear error ------------------------------------------------


def _raw(bundled: Bundled[Any]) -> Any:
    return json.loads(bundled.path.read_text(encoding="utf-8"))


def _problems(bundled: Bundled[Any], doc: Any) -> str:
    with pytest.raises(ContentError) as caught:
        bundled.parse(json.dumps(doc, ensure_ascii=False))
    assert caught.value.name == bundled.name
    return "\n".join(caught.value.problems)


def test_a_missing_field_names_the_entry_and_the_field() -> None:
    doc = _raw(EXERCISES)
    key = doc["exercises"][2]["key"]
    del doc["exercises"][2]["minutes"]
    problems = _problems(EXERCISES, doc)
    assert f'exercises[2] "{key}" › minutes: this field is missing' in problems


def test_a_wrong_type_names_the_entry_and_the_field() -> None:
    doc = _raw(TEMPLATES)
    doc["kinds"][1]["duration_minutes"] = "45"
    problems = _problems(TEMPLATES, doc)
    assert 'kinds[1] "development" › duration_minutes: Input should be a valid integer' in problems


def test_a_language_missing_its_text_says_which_language() -> None:
    doc = _raw(TEMPLATES)
    topic = doc["kinds"][0]["topics"][3]
    question = topic["questions"][1]
    del question["text"]["sv"]
    problems = _problems(TEMPLATES, doc)
    assert (
        f'kinds[0] "career" › topics[3] "{topic["key"]}" › questions[1] "{question["key"]}" '
        "› text: the text in sv is missing"
    ) in problems


def test_an_empty_text_counts_as_missing() -> None:
    doc = _raw(SELF_ASSESSMENT)
    doc["areas"][0]["statements"][0]["text"]["fi"] = "   "
    problems = _problems(SELF_ASSESSMENT, doc)
    assert "statements[0]" in problems and "the text in fi is missing" in problems


def test_a_key_outside_its_parent_is_named() -> None:
    doc = _raw(SELF_ASSESSMENT)
    area = doc["areas"][0]
    area["statements"][0]["key"] = "elsewhere.first"
    assert 'statement "elsewhere.first" must start with' in _problems(SELF_ASSESSMENT, doc)
    doc = _raw(TEMPLATES)
    doc["kinds"][0]["topics"][0]["key"] = "development.stray"
    assert 'topics[0] "development.stray": Value error, question' in _problems(TEMPLATES, doc)


def test_a_duplicate_id_is_named() -> None:
    doc = _raw(EXERCISES)
    doc["exercises"][5]["key"] = doc["exercises"][4]["key"]
    problems = _problems(EXERCISES, doc)
    assert f"exercises: the key {doc['exercises'][4]['key']} appears more than once" in problems


def test_a_duplicate_id_across_kinds_is_named() -> None:
    doc = _raw(TEMPLATES)
    first = doc["kinds"][0]["topics"][0]
    stolen = copy.deepcopy(first)
    doc["kinds"][0]["topics"].append(stolen)
    problems = _problems(TEMPLATES, doc)
    assert f"the key {first['key']} appears more than once" in problems


def test_a_misspelt_field_is_not_silently_ignored() -> None:
    doc = _raw(SELF_ASSESSMENT)
    area = doc["areas"][1]
    area["descripton"] = area.pop("description")
    problems = _problems(SELF_ASSESSMENT, doc)
    assert f'areas[1] "{area["key"]}" › description: this field is missing' in problems
    assert f'areas[1] "{area["key"]}" › descripton: unknown field' in problems


def test_a_reference_to_another_file_that_does_not_resolve_is_named() -> None:
    doc = _raw(ROLE_PROFILES)
    role = doc["roles"][0]
    role["skills"][0]["skill"] = "production.underwater_welding"
    problems = _problems(ROLE_PROFILES, doc)
    assert (
        f'roles[0] "{role["key"]}" › skills: "production.underwater_welding" is not a starter skill'
        in problems
    )


def test_an_offering_from_an_unknown_provider_is_named() -> None:
    doc = _raw(STARTER_CATALOGUE)
    offering = doc["offerings"][3]
    offering["provider"] = "nobody"
    problems = _problems(STARTER_CATALOGUE, doc)
    assert f'offerings[3] "{offering["key"]}" › provider: "nobody" is not among the providers' in (
        problems
    )


def test_text_that_is_not_json_gives_the_line() -> None:
    text = EXERCISES.path.read_text(encoding="utf-8").replace('"minutes"', "minutes", 1)
    with pytest.raises(ContentError) as caught:
        EXERCISES.parse(text)
    assert "not valid JSON" in caught.value.problems[0]
    assert caught.value.problems[0].startswith("line ")


def test_a_missing_file_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import huoltamo_desktop.domain.content as content

    monkeypatch.setattr(content, "RESOURCES", tmp_path)
    with pytest.raises(ContentError) as caught:
        _ = TEMPLATES.path
    assert caught.value.problems == ("the file is missing",)


def test_the_error_leads_with_a_sentence_in_the_users_language() -> None:
    doc = _raw(EXERCISES)
    del doc["exercises"][0]["title"]["en"]
    setup_i18n("fi")
    try:
        with pytest.raises(ContentError) as caught:
            EXERCISES.parse(json.dumps(doc))
    finally:
        setup_i18n("en")
    lead, detail = str(caught.value).split("\n", 1)
    assert "resources/employee/exercises.json" in lead and "Asenna" in lead
    assert detail.startswith("resources/employee/exercises.json: exercises[0]")
