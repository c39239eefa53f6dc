"""Where the reviewed content lives: one function that turns a name under `data/` into a path.

Every loader (red flags, ConText triggers, myths, exercises, helplines, locales) asks here, so
the location of `data/` is decided in one place.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"


def data_path(*parts: str) -> Path:
    """The path of a file or folder under `data/`, e.g. `data_path("red_flags.yaml")`.

    Raises nothing itself; opening a missing file raises `FileNotFoundError` as usual.
    """
    return DATA_DIR.joinpath(*parts)
