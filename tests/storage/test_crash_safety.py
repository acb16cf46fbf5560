"""The app killed at random moments while saving: the file stays sound, acknowledged saves stay.

The full harness (100 runs) is ``python scripts/crash_harness.py``; this runs a short version.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_killing_the_app_mid_save_loses_no_acknowledged_save() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "crash_harness.py"), "--runs", "8", "--seed", "7"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    summary = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr[-500:]
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert summary.startswith("8 runs") and " 0 failed" in summary, summary
    acknowledged = int(summary.split(",")[1].split()[0])
    assert acknowledged > 50, "the worker really was saving when it was killed"
