"""briefgen's version, in a module of its own: every stage may import it without importing the package API."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
