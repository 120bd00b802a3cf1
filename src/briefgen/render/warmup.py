"""Imported only by the build's fork server (see :func:`briefgen.build._run`): warms it up.

A process's first brief costs twice what the next ones cost (measured on the
seed: 0.59 s, then 0.28 s): hyphenation dictionaries, cffi's C types, Babel's
locale data, compiled layouts and fonts are all set up on first use. Workers
are forked from this server and inherit its memory, so laying out one brief
here, into a throw-away folder, makes every worker start warm while each brief
still runs in a fresh process (no memory carried from one brief to the next).
"""

from __future__ import annotations

import contextlib
import json
import os


def _warm() -> None:
    spec = os.environ.get("BRIEFGEN_WARMUP")
    if not spec:
        return
    from ..build import warm_up

    # A warm-up never fails a build: the worker that builds this brief reports real errors.
    with contextlib.suppress(Exception):
        warm_up(json.loads(spec))


_warm()
