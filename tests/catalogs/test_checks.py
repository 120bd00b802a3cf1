"""Tests for briefgen.catalogs.checks, driven by tests/data/facts/checks.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from briefgen.catalogs.checks import CHECKS, CheckInput, Finding, check_figures, run_checks

DATA = Path(__file__).parent.parent / "data" / "facts" / "checks.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(DATA.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", [pytest.param(c, id=c["name"]) for c in CASES])
def test_checks(case: dict[str, Any]) -> None:
    pair = CheckInput(
        case["source"],
        case["translation"],
        case.get("source_lang", "fr"),
        case.get("target_lang", "en"),
        case.get("fuzzy", False),
    )
    assert [[f.check, f.severity, f.message] for f in run_checks(pair)] == case["expect"]


def test_registry_is_plain_functions() -> None:
    pair = CheckInput("Le taux atteint 12,5 %.", "The rate reached 125%.", "fr", "en")
    assert check_figures in CHECKS
    for check in CHECKS:
        assert all(isinstance(finding, Finding) for finding in check(pair))
    only_figures = run_checks(pair, [check_figures])
    assert [f.check for f in only_figures] == ["figures"]  # the wrong figure, and no other check ran
