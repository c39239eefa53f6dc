"""The wheel as someone installs it: built from a copy of the checkout, installed into a fresh
virtual environment outside it, and run from a folder that is not the checkout.

This is what the editable install hides: package data (the top-level `data/` folder, shipped as
`rueckenwind_data`), the Alembic migrations, and the emulator behind `python -m bot chat` must
all be inside the wheel; `tests/` and `tools/` must not.

The fresh environment gets the wheel and nothing else; the dependencies come from this test's
own environment through a `.pth` file that only lists its site-packages folder. Plain paths in a
`.pth` file are added to `sys.path` without running that folder's own `.pth` files, so the
editable install's import hook (which maps `bot` to the checkout) stays out: the test checks
that `bot` really comes from the fresh environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import venv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The PostgreSQL pass of CI runs the suite again; the wheel does not depend on the database.
pytestmark = pytest.mark.skipif(
    bool(os.environ.get("TEST_DATABASE_URL")), reason="checked in the SQLite pass"
)
NOT_COPIED = shutil.ignore_patterns(".*", "build", "dist", "var", "*.egg-info", "__pycache__")
TIMEOUT = 120  # seconds per command; each takes a few


@dataclass(frozen=True)
class Installed:
    wheel: Path
    source: Path  # the copy the wheel was built from
    python: Path  # the fresh environment's interpreter
    site_packages: Path
    workdir: Path  # outside the checkout: the commands run here

    def run(
        self, *args: str, stdin: str = "", program: str = "python"
    ) -> subprocess.CompletedProcess[str]:
        """`program` (an executable of the fresh environment) with `args`, in `workdir`."""
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("TELEGRAM_", "DATABASE_", "WEBHOOK_", "TEST_", "PYTHON"))
            and key != "VIRTUAL_ENV"
        }
        environment["PYTHONNOUSERSITE"] = "1"
        environment["DATABASE_URL"] = f"sqlite+aiosqlite:///{self.workdir / 'bot.db'}"
        return subprocess.run(
            [str(self.python.parent / program), *args],
            cwd=self.workdir,
            env=environment,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )


def _check(command: list[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def installed() -> Iterator[Installed]:
    setuptools_version = int(version("setuptools").split(".")[0])
    if setuptools_version < 77:
        pytest.fail(
            "the wheel is built with this venv's setuptools, >=77: pip install -e '.[test]'"
        )
    with tempfile.TemporaryDirectory(prefix="rueckenwind-wheel-") as folder:
        tmp = Path(folder).resolve()
        assert not tmp.is_relative_to(ROOT)
        # Build from a copy, so that setuptools' build/ and *.egg-info never land in the checkout.
        source = tmp / "source"
        shutil.copytree(ROOT, source, ignore=NOT_COPIED)
        dist = tmp / "dist"
        pip = [sys.executable, "-m", "pip"]
        offline = ["--quiet", "--no-deps", "--no-index"]
        _check(
            [*pip, "wheel", *offline, "--no-build-isolation", "--wheel-dir", str(dist), str(source)]
        )
        (wheel,) = dist.glob("rueckenwind-*.whl")

        environment = tmp / "venv"
        venv.create(environment, with_pip=False)
        python = environment / "bin" / "python"
        # This environment's pip installs into the fresh one (which needs no pip of its own).
        _check([*pip, "--python", str(python), "install", *offline, str(wheel)])
        purelib = _check(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
        )
        site_packages = Path(purelib.strip())
        dependencies = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
        (site_packages / "zz_rueckenwind_dependencies.pth").write_text("\n".join(dependencies))

        workdir = tmp / "work"
        workdir.mkdir()
        yield Installed(wheel, source, python, site_packages, workdir)


def test_wheel_holds_the_code_the_content_and_the_migrations(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as archive:
        names = set(archive.namelist())
    top_level = {name.split("/")[0] for name in names if not name.split("/")[0].endswith("-info")}
    assert top_level == {"bot", "dialogs", "rueckenwind_data"}  # no tests/, tools/, benchmarks/

    def files(folder: str, pattern: str) -> set[str]:
        base = installed.source / folder
        return {path.relative_to(base).as_posix() for path in base.glob(pattern)}

    for package in ("bot", "dialogs"):  # bot/testing and bot/migrations included
        assert {f"{package}/{name}" for name in files(package, "**/*.py")} <= names
    assert "bot/migrations/script.py.mako" in names
    content = (
        files("data", "*.yaml")
        | files("data", "activity_examples/*.yaml")
        | files("data", "locales/*/*.ftl")
    )
    assert any(name.startswith("activity_examples/") for name in content)
    assert any(name.endswith(".ftl") for name in content)
    assert {f"rueckenwind_data/{name}" for name in content} <= names


def test_fresh_environment_imports_the_installed_copy(installed: Installed) -> None:
    result = installed.run(
        "-c",
        "import sys, bot, dialogs, rueckenwind_data\n"
        "from importlib.util import find_spec\n"
        "from dialogs.common.content import DATA_DIR\n"
        "print(bot.__file__, dialogs.__file__, rueckenwind_data.__file__, DATA_DIR, sep='\\n')\n"
        "print(find_spec('tests'), find_spec('tools'))\n"
        "print(any('editable' in repr(finder) for finder in sys.meta_path))",
    )
    assert result.returncode == 0, result.stderr
    *locations, missing, editable = result.stdout.splitlines()
    assert len(locations) == 4
    for location in locations:
        assert Path(location).is_relative_to(installed.site_packages), location
    assert (missing, editable) == ("None None", "False")


def test_screen_and_myth_match(installed: Installed) -> None:
    result = installed.run("-m", "bot", "screen", "ich kann seit heute den Urin nicht mehr halten")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "emergency" and len(result.stdout.split()) == 2
    result = installed.run("-m", "bot", "myths", "match", "Brauche ich ein MRT?")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "imaging" and float(result.stdout.split()[1]) > 0


def test_migrate_with_the_console_script(installed: Installed) -> None:
    result = installed.run("migrate", program="rueckenwind")
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout
    assert (installed.workdir / "bot.db").exists()


def test_chat(installed: Installed) -> None:
    database = installed.workdir / "chat.db"
    result = installed.run(
        "-m", "bot", "chat", "--database", f"sqlite+aiosqlite:///{database}", stdin="1\n/quit\n"
    )
    assert result.returncode == 0, result.stderr
    assert "Rückenwind" in result.stdout and "kein Arzt" in result.stdout
    assert "[1] ✅ Verstanden" in result.stdout
    assert "Danke" in result.stdout  # pressing button 1 accepted the disclaimer
    assert database.exists()  # migrated at start
