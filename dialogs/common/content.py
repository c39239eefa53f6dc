"""Where the reviewed content lives: one function that turns a name under `data/` into a path.

Every loader (red flags, ConText triggers, myths, exercises, helplines, locales) asks here, so
the location of `data/` is decided in one place.

The repository's top-level `data/` folder is installed as the package `rueckenwind_data`
(`[tool.setuptools.package-dir]` in pyproject.toml), and found with `importlib.resources`: in a
wheel installed anywhere it is `site-packages/rueckenwind_data/`, in the editable install that
`make` and CI use it is the checkout's `data/` itself, so edits show up without reinstalling.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import yaml

DATA_PACKAGE = "rueckenwind_data"
# PyYAML's safe loader in C (libyaml, in PyYAML's wheels) when present, else the pure-Python
# one: the large example sets read at start-up parse several times faster.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _data_dir() -> Path:
    try:
        root = files(DATA_PACKAGE)
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(
            f"the content package {DATA_PACKAGE!r} (the data/ folder) is not installed: "
            "install the project, e.g. `pip install -e .`",
            name=DATA_PACKAGE,
        ) from error
    # Wheels are installed as files; only an import from a zip archive would give no folder.
    if not isinstance(root, Path):
        raise RuntimeError(f"{DATA_PACKAGE} must be installed as files, not inside {root}")
    return root


# Resolved at import: ModuleNotFoundError when the content package is not installed,
# RuntimeError when it is importable only from inside a zip archive.
DATA_DIR = _data_dir()


def data_path(*parts: str) -> Path:
    """The path of a file or folder under `data/`, e.g. `data_path("red_flags.yaml")`.

    Raises nothing itself; opening a missing file raises `FileNotFoundError` as usual.
    """
    return DATA_DIR.joinpath(*parts)
