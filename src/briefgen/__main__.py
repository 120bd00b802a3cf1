"""``python -m briefgen``."""

from .cli import main

main()
