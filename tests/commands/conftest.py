"""The commands that show personal data ask for the manager passphrase: the demo firm's, for scripts."""

from __future__ import annotations

import pytest

from huoltamo_desktop.services.employee_demo import DEMO_MANAGER_PASSPHRASE


@pytest.fixture(autouse=True)
def _manager_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUOLTAMO_MANAGER_PASSPHRASE", DEMO_MANAGER_PASSPHRASE)
