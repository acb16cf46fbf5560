"""The one save-with-version helper every form's service uses: merge, ask, or save as it is."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from huoltamo_desktop.domain.versioning import ConflictError
from huoltamo_desktop.services.seats_versions import edit_values, merge_edit


@dataclass(frozen=True)
class Need:
    skill: str
    people: int
    due: str
    note: str = ""


BASE = Need("TIG-hitsaus", 2, "2027-01", "")


def test_nobody_saved_in_between_saves_yours_as_it_is() -> None:
    yours = Need("TIG-hitsaus", 3, "2027-01")
    theirs = Need("MIG-hitsaus", 9, "2030-01")  # ignored: the version says nobody saved
    assert (
        merge_edit(current_version=4, expected_version=4, base=BASE, yours=yours, theirs=theirs)
        == yours
    )


def test_changes_to_different_fields_are_merged() -> None:
    merged = merge_edit(
        current_version=5,
        expected_version=4,
        base=BASE,
        yours=Need("TIG-hitsaus", 3, "2027-01"),
        theirs=Need("TIG-hitsaus", 2, "2027-06", "Uusi linja"),
    )
    assert merged == Need("TIG-hitsaus", 3, "2027-06", "Uusi linja")


def test_the_same_field_changed_differently_is_a_question_and_nothing_else_is_lost() -> None:
    with pytest.raises(ConflictError) as caught:
        merge_edit(
            current_version=5,
            expected_version=4,
            base=BASE,
            yours=Need("TIG-hitsaus", 3, "2027-01", "Kaksi vuoroa"),
            theirs=Need("TIG-hitsaus", 4, "2027-01", ""),
        )
    clash = caught.value
    assert [(c.field, c.base, c.yours, c.theirs) for c in clash.conflicts] == [("people", 2, 3, 4)]
    assert clash.current_version == 5
    assert clash.merged["note"] == "Kaksi vuoroa", "my change to another field waits in the merge"


def test_both_making_the_same_change_is_no_clash() -> None:
    merged = merge_edit(
        current_version=5,
        expected_version=4,
        base=BASE,
        yours=Need("TIG-hitsaus", 3, "2027-01"),
        theirs=Need("TIG-hitsaus", 3, "2027-01"),
    )
    assert merged.people == 3


def test_after_choosing_every_remaining_difference_is_asked() -> None:
    """Without a base (the user chose per field against version 5), a later save is a question."""
    with pytest.raises(ConflictError) as caught:
        merge_edit(
            current_version=6,
            expected_version=5,
            base=None,
            yours=Need("TIG-hitsaus", 3, "2027-01"),
            theirs=Need("TIG-hitsaus", 3, "2027-09"),
        )
    assert [c.field for c in caught.value.conflicts] == ["due"]


def test_skipped_fields_are_saved_as_yours_without_asking() -> None:
    merged = merge_edit(
        current_version=5,
        expected_version=4,
        base={"text": "a", "stamp": 1},
        yours={"text": "a", "stamp": 2},
        theirs={"text": "b", "stamp": 3},
        skip=("stamp",),
    )
    assert merged == {"text": "b", "stamp": 2}
    assert edit_values(BASE, skip=("note",)) == {
        "skill": "TIG-hitsaus",
        "people": 2,
        "due": "2027-01",
    }
