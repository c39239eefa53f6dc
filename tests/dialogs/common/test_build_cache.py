"""The build cache: built once, loaded by the next process, rebuilt when anything changed, and
never in the way (a broken, foreign or unwritable cache still gives the built object)."""

from __future__ import annotations

import logging
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dialogs.common import build_cache


class Builder:
    """A build function that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    before = build_cache.directory()
    build_cache.use_directory(tmp_path / "cache")
    yield tmp_path / "cache"
    build_cache.use_directory(before)


def cache_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_off_builds_every_time() -> None:
    before = build_cache.directory()
    build_cache.use_directory("")
    try:
        build = Builder({"a": 1})
        assert build_cache.cached("thing", build) == {"a": 1}
        assert build_cache.cached("thing", build) == {"a": 1}
        assert build.calls == 2
    finally:
        build_cache.use_directory(before)


def test_built_once_then_loaded(folder: Path) -> None:
    first, second = Builder({"weights": [1.5, 2.5]}), Builder("never used")
    assert build_cache.cached("model", first) == {"weights": [1.5, 2.5]}
    assert build_cache.cached("model", second) == {"weights": [1.5, 2.5]}
    assert (first.calls, second.calls) == (1, 0)
    assert cache_files(folder) == [f"model-{build_cache.content_key()[:32]}.pickle"]
    assert folder.stat().st_mode & 0o777 == 0o700


def test_a_change_of_code_data_or_library_builds_anew_and_drops_the_old_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_cache.cached("model", Builder("old"))
    monkeypatch.setattr(build_cache, "content_key", lambda: "f" * 64)
    changed = Builder("new")
    assert build_cache.cached("model", changed) == "new"
    assert changed.calls == 1
    assert cache_files(folder) == [f"model-{'f' * 32}.pickle"]


def test_the_key_covers_code_data_and_library_versions() -> None:
    key = build_cache.content_key()
    assert len(key) == 64 and int(key, 16) >= 0
    # The same in a new process: nothing random or time-dependent goes into it.
    other = subprocess.run(
        [
            sys.executable,
            "-c",
            "from dialogs.common import build_cache as b; print(b.content_key())",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert other.stdout.strip() == key


def test_a_broken_file_is_built_anew_and_replaced(
    folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    build_cache.cached("model", Builder("good"))
    (path,) = folder.iterdir()
    path.write_bytes(b"\x80\x05truncated")
    again = Builder("good")
    with caplog.at_level(logging.WARNING):
        assert build_cache.cached("model", again) == "good"
    assert again.calls == 1
    assert "model cache model: unreadable" in caplog.text
    assert pickle.loads(path.read_bytes()) == "good"


def test_a_file_others_may_write_is_never_loaded(
    folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    build_cache.cached("model", Builder("mine"))
    (path,) = folder.iterdir()
    path.write_bytes(pickle.dumps("planted"))
    path.chmod(0o666)
    with caplog.at_level(logging.WARNING):
        assert build_cache.cached("model", Builder("mine")) == "mine"
    assert "not private" in caplog.text


def test_a_shared_directory_is_neither_read_nor_written(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    before = build_cache.directory()
    build_cache.use_directory(shared)
    try:
        with caplog.at_level(logging.WARNING):
            assert build_cache.cached("model", Builder("built")) == "built"
        assert list(shared.iterdir()) == []
        assert "not private" in caplog.text
    finally:
        build_cache.use_directory(before)


def test_what_cannot_be_stored_is_still_returned(
    folder: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    unpicklable = Builder(lambda: None)
    with caplog.at_level(logging.WARNING):
        assert build_cache.cached("model", unpicklable) is unpicklable.value
    assert cache_files(folder) == []  # no temporary file left behind
    assert "not written" in caplog.text
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    build_cache.use_directory(blocked / "cache")
    assert build_cache.cached("model", Builder(42)) == 42


def test_a_build_error_is_not_swallowed(folder: Path) -> None:
    def failing() -> object:
        raise ValueError("bad examples")

    with pytest.raises(ValueError, match="bad examples"):
        build_cache.cached("model", failing)
    assert not folder.exists() or cache_files(folder) == []


def test_the_shipped_models_come_back_identical(folder: Path) -> None:
    """The real objects survive the round trip: a loaded model gives the same numbers."""
    from dialogs.habit.session_model import SessionModel, example_files, load_examples

    examples = [item for path in example_files()[:2] for item in load_examples(path)]
    built = build_cache.cached("session-model-test", lambda: SessionModel(examples))
    loaded = build_cache.cached("session-model-test", Builder(None))
    texts = ["hab heute 20 min yoga gemacht", "ich will morgen joggen", "went for a walk"]
    assert isinstance(loaded, SessionModel)
    assert loaded.probabilities(texts) == built.probabilities(texts)
