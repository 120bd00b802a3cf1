"""The library's log records, shown on the terminal by the command line.

Log levels: ERROR stops the command; WARNING is a recoverable problem in the
user's files (counted; ``--strict`` turns any into failure); INFO is progress;
DEBUG is for developers. Library modules log to ``briefgen`` and its children;
:func:`show_library_logs` routes those records to standard error.

Only the commands that run such library code (the workspace commands) import
this module: ``merge`` and ``stats`` start without :mod:`logging` (2.4 ms of
``bench_merge.py``'s start-up).
"""

from __future__ import annotations

import logging

import click

__all__ = ["show_library_logs", "warnings_shown"]


class _CountingHandler(logging.Handler):
    """Prints ``warning: ...`` lines to stderr and counts them for ``--strict``."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.warnings = 0
        self.quiet = False

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.warnings += record.levelno == logging.WARNING  # errors are failures already
            click.echo(f"{record.levelname.lower()}: {record.getMessage()}", err=True)
        elif not self.quiet:
            click.echo(record.getMessage(), err=True)


_HANDLER = _CountingHandler()


def show_library_logs(*, quiet: bool, debug: bool) -> None:
    """Send the ``briefgen`` loggers' records to stderr: warnings always, progress unless ``quiet``."""
    logger = logging.getLogger("briefgen")
    _HANDLER.quiet = quiet
    if _HANDLER not in logger.handlers:
        logger.addHandler(_HANDLER)
    logger.setLevel(logging.DEBUG if debug else logging.INFO)
    logger.propagate = False


def warnings_shown() -> int:
    """How many warnings :func:`show_library_logs` has shown in this process."""
    return _HANDLER.warnings
