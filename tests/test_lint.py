"""The lint setup, run by the same command locally and in CI: ruff (check, format) and mypy --strict."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

PATHS = ["src", "tests", "benchmarks"]


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "ruff", "check", *PATHS],
        [sys.executable, "-m", "ruff", "format", "--check", *PATHS],
        [sys.executable, "-m", "mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_lint(command: list[str]) -> None:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
