"""The garbage-collector policies restore what they found, errors included."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from briefgen.gcpolicy import older_objects_frozen, without_collections


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    """The test process's collector as it was: enabled, nothing frozen."""
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()


def test_without_collections_pauses_the_collector_and_restores_it() -> None:
    gc.enable()
    with without_collections():
        assert not gc.isenabled()
        before = gc.get_count()[0]
        junk = [[] for _ in range(5_000)]  # well past the 700-allocation threshold of generation 0
        assert gc.get_count()[0] > before + 4_000, "a collection ran inside the block"
        del junk
    assert gc.isenabled()


def test_without_collections_leaves_a_paused_collector_paused_even_on_error() -> None:
    gc.disable()
    with pytest.raises(ValueError), without_collections():
        raise ValueError
    assert not gc.isenabled()
    gc.enable()
    with pytest.raises(ValueError), without_collections():
        raise ValueError
    assert gc.isenabled()


def test_older_objects_frozen_thaws_only_what_it_froze() -> None:
    gc.unfreeze()
    with older_objects_frozen():
        assert gc.get_freeze_count() > 0  # everything alive before the block is skipped
    assert gc.get_freeze_count() == 0
    gc.freeze()  # a caller that froze first decides when to thaw
    frozen = gc.get_freeze_count()
    with older_objects_frozen():
        pass
    assert gc.get_freeze_count() >= frozen
