"""A disk cache for what each process would otherwise build from the shipped data at start.

Why: the two trained second opinions (`dialogs.habit.session_model`,
`dialogs.triage.screening_model`), the myth matcher (`dialogs.myths.matcher`) and the lists
of common words (`dialogs.common.word_frequency`) are built from `data/` and wordfreq by every
process – several seconds of CPU each, paid by every restart, every `python -m bot …` command
and every process of a crash or a deploy. Built once and kept as a
pickle (the standard library's, protocol 5: scikit-learn's documented way to keep a fitted
model), the next process loads each in milliseconds.

The cache is off until the bot names a directory (`use_directory`, from `MODEL_CACHE_DIR`), so
library use and the evaluation tools build fresh as before. A file is used only when its key
matches: a SHA-256 over every file of the `dialogs` package's code and of `data/`, the Python
version and the versions of the libraries they are built with (scikit-learn, SciPy, NumPy,
wordfreq, RapidFuzz, snowballstemmer). Any change to the code, the content
or a library builds anew. Anything wrong with a cached file (unreadable, truncated, from
another version) is logged by name and built anew; the cache never stops the bot.

Safety: unpickling runs code, so a file is loaded only when this process's user owns it and
neither its group nor others may write it or its directory (the directory is created 0700);
otherwise the object is built in memory and nothing is written. Writes go to a temporary file
that is renamed into place, so processes starting side by side never read half a file.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from dialogs.common.content import DATA_DIR

log = logging.getLogger(__name__)

T = TypeVar("T")

# Bumped when the way objects are stored changes (product decision).
FORMAT = "1"
# What the cached objects are built with, besides our own code.
_LIBRARIES = ("scikit-learn", "scipy", "numpy", "wordfreq", "rapidfuzz", "snowballstemmer")
_CODE_ROOT = Path(__file__).resolve().parents[1]  # the `dialogs` package

_directory: Path | None = None


def use_directory(path: Path | str | None) -> None:
    """Keep built objects in `path` from now on (created 0700 if missing); None or "" turns
    the cache off. Objects already built in this process stay as they are."""
    global _directory
    _directory = Path(path) if path else None


def directory() -> Path | None:
    """The cache directory in use, or None when the cache is off."""
    return _directory


@lru_cache(maxsize=1)
def content_key() -> str:
    """The SHA-256 (hex) of what every cached object is built from: the `dialogs` code, every
    file of `data/`, Python's and the numerical libraries' versions. Computed once per process
    (about 20 ms)."""
    digest = hashlib.sha256(f"format {FORMAT}\npython {sys.version}\n".encode())
    for name in _LIBRARIES:
        digest.update(f"{name} {metadata.version(name)}\n".encode())
    roots = [(_CODE_ROOT, "*.py"), (Path(DATA_DIR), "*")]
    for root, pattern in roots:
        for path in sorted(p for p in root.rglob(pattern) if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cached(name: str, build: Callable[[], T]) -> T:
    """`build()`'s result, loaded from the cache directory when a file for `name` (a short
    file-name-safe label, e.g. "session-model") and today's `content_key` is there, else built
    and stored for the next process. Never raises for the cache's sake: any problem with it
    is logged and the object built in memory; `build`'s own errors propagate."""
    folder = _directory
    if folder is None:
        return build()
    path = folder / f"{name}-{content_key()[:32]}.pickle"
    loaded = _load(path, name)
    if loaded is not None:
        return loaded  # type: ignore[return-value]  # what `build` returned when it was stored
    built = build()
    _store(folder, path, name, built)
    return built


def _safe(path: Path) -> bool:
    """Whether `path` belongs to this user and no one else may write to it."""
    info = path.stat()
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _load(path: Path, name: str) -> object | None:
    try:
        if not path.exists():
            return None
        if not (_safe(path.parent) and _safe(path)):
            log.warning("model cache %s: not private to this user, not loaded", name)
            return None
        with path.open("rb") as handle:
            return pickle.load(handle)  # our own file, checked private above
    except Exception:  # a truncated or foreign file: build anew
        log.warning("model cache %s: unreadable, built anew", name, exc_info=True)
        return None


def _store(folder: Path, path: Path, name: str, value: object) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _safe(folder):
            log.warning("model cache %s: directory not private to this user, not written", name)
            return
        for old in folder.glob(f"{name}-*.pickle"):  # earlier keys: never read again
            old.unlink(missing_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
    except Exception:  # a read-only disk: the next process builds again
        log.warning("model cache %s: not written", name, exc_info=True)
        return
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=5)
        os.replace(temporary, path)
    except Exception:  # a full disk, an object that cannot be pickled
        Path(temporary).unlink(missing_ok=True)
        log.warning("model cache %s: not written", name, exc_info=True)
