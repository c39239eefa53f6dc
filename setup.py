"""The package list, the one build setting pyproject.toml cannot express.

`[tool.setuptools.packages.find]` only finds folders by their own names, and the reviewed
content lives in the top-level `data/` folder but is installed as the package `rueckenwind_data`
(`[tool.setuptools.package-dir]` and `[tool.setuptools.package-data]` in pyproject.toml). So the
list is the code packages found as before (bot/testing included: `python -m bot chat` uses the
emulator; tests/, tools/ and benchmarks/ never ship), plus `rueckenwind_data` and its folders
(`locales/de`, …: setuptools wants every folder that holds package data listed as a package).
Everything else, metadata included, stays in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

CODE = find_namespace_packages(include=["bot*", "dialogs*"])
CONTENT = [
    "rueckenwind_data",
    *(f"rueckenwind_data.{name}" for name in find_namespace_packages("data")),
]

setup(packages=[*CODE, *CONTENT])
