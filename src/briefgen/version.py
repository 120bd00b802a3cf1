"""briefgen's version, in a module of its own: every stage may read it without importing the package."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
